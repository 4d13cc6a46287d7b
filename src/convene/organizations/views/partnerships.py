"""Partnerships: the public list, each partnership's page, and the forms to record one for
an organization, change it and end it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from convene.accounts.users import signed_in
from convene.core.cache import cache_anonymous_page
from convene.core.errors import ServiceError

from .. import partnerships, rules
from ..forms.partnerships import PartnershipEndForm, PartnershipForm
from ..models import Organization, Partnership


def _partnership_or_404(request: HttpRequest, pk: int) -> Partnership:
    """The partnership if the reader may see it: a private one is missing for others."""
    partnership = partnerships.partnership_get(pk=pk, viewer=request.user)
    if partnership is None:
        raise Http404(_("No such partnership."))
    return partnership


def _editable(request: HttpRequest, pk: int) -> tuple[Partnership, list[Organization]]:
    partnership = _partnership_or_404(request, pk)
    organizations = partnerships.registry_parties(partnership)
    if not rules.can_edit_partnership(request.user, organizations):
        raise PermissionDenied(
            _("Only the people who act for one of its parties can change a partnership.")
        )
    return partnership, organizations


# --- what everyone reads ---------------------------------------------------------------------


@cache_anonymous_page
def partnership_list(request: HttpRequest) -> HttpResponse:
    current, ended = partnerships.partnership_list_public()
    return render(
        request,
        "organizations/partnership_list.html",
        {"title": _("Partnerships"), "current": current, "ended": ended},
    )


@cache_anonymous_page
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership_or_404(request, pk)
    organizations = partnerships.registry_parties(partnership)
    return render(
        request,
        "organizations/partnership_detail.html",
        {
            "title": partnership.title,
            "partnership": partnership,
            "parties": list(partnership.parties.all()),
            "can_edit": rules.can_edit_partnership(request.user, organizations),
        },
    )


# --- recording and changing ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def partnership_new(request: HttpRequest, slug: str) -> HttpResponse:
    organization = partnerships.organization_for_partnership(slug=slug)
    if organization is None:
        raise Http404(_("No such organization."))
    if not rules.can_record_partnership(request.user, organization):
        raise PermissionDenied(
            _(
                "Only the people who act for a recognized organization, or the affiliations "
                "committee, can record its partnerships."
            )
        )
    form = PartnershipForm(
        request.POST or None,
        choices=partnerships.partnership_choices(exclude=organization),
        recording=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            partnership = partnerships.partnership_create(
                user=signed_in(request),
                organization=organization,
                other_parties=list(form.cleaned_data["organizations"]),
                **form.terms(),
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The partnership is recorded."))
            return redirect("organizations:partnership", pk=partnership.pk)
    return render(
        request,
        "organizations/partnership_form.html",
        {
            "title": _("Record a partnership of %(organization)s")
            % {"organization": organization.name},
            "organization": organization,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def _edit_page(
    request: HttpRequest,
    partnership: Partnership,
    form: PartnershipForm,
    end_form: PartnershipEndForm,
) -> HttpResponse:
    return render(
        request,
        "organizations/partnership_form.html",
        {
            "title": _("Change the partnership “%(title)s”") % {"title": partnership.title},
            "partnership": partnership,
            "form": form,
            "end_form": end_form,
            "can_end": partnership.state != "ended",  # type: ignore[attr-defined]
        },
        status=400 if form.errors or end_form.errors else 200,
    )


def _edit_form(
    request: HttpRequest,
    partnership: Partnership,
    organizations: list[Organization],
    *,
    bound: bool,
) -> PartnershipForm:
    outside = [party.name for party in partnership.parties.all() if party.organization is None]
    return PartnershipForm(
        request.POST if bound else None,
        choices=partnerships.partnership_choices(keep=organizations),
        recording=False,
        initial={
            "title": partnership.title,
            "organizations": [organization.pk for organization in organizations],
            "outside_parties": "\n".join(outside),
            "scope": partnership.scope,
            "starts_on": partnership.starts_on,
            "ends_on": partnership.ends_on,
            "signed_text_url": partnership.signed_text_url,
            "is_public": partnership.is_public,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership, organizations = _editable(request, pk)
    form = _edit_form(request, partnership, organizations, bound=request.method == "POST")
    if request.method == "POST" and form.is_valid():
        try:
            partnerships.partnership_update(
                user=signed_in(request),
                partnership=partnership,
                organizations=list(form.cleaned_data["organizations"]),
                **form.terms(),
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The partnership is saved."))
            return redirect("organizations:partnership", pk=partnership.pk)
    end_form = PartnershipEndForm(initial={"ends_on": timezone.now().date()})
    return _edit_page(request, partnership, form, end_form)


@login_required
@require_POST
def partnership_end(request: HttpRequest, pk: int) -> HttpResponse:
    partnership, organizations = _editable(request, pk)
    end_form = PartnershipEndForm(request.POST)
    if end_form.is_valid():
        try:
            partnerships.partnership_end(
                user=signed_in(request),
                partnership=partnership,
                ends_on=end_form.cleaned_data["ends_on"],
            )
        except ServiceError as error:
            end_form.add_error(None, error.message)
        else:
            messages.success(request, _("The partnership ends on the day you gave."))
            return redirect("organizations:partnership", pk=partnership.pk)
    form = _edit_form(request, partnership, organizations, bound=False)
    return _edit_page(request, partnership, form, end_form)
