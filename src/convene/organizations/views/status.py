"""An organization's record and changes of status: editing the record (and, for the committee,
who represents it), suspension, reinstatement, derecognition, withdrawal by the organization
itself, and dismissing what the compliance schedule proposed. Each change of status is
confirmed on a page that says what will happen."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from convene.accounts.users import signed_in
from convene.core.errors import ServiceError

from .. import rules, services
from ..forms.applications import (
    RECORD_FIELDS,
    OrganizationEditForm,
    ProposalDismissForm,
    StatusChangeForm,
)
from ..models import Organization
from ..selectors_applications import open_application_of, organization_for_edit

Status = Organization.Status

# What each change does, for the confirmation page.
CONSEQUENCES = {
    "suspend": gettext_lazy(
        "The organization stays in the registry, marked as suspended: it no longer acts as a "
        "recognized affiliate until the committee reinstates it."
    ),
    "reinstate": gettext_lazy(
        "The organization is recognized again and acts as a recognized affiliate."
    ),
    "derecognize": gettext_lazy(
        "The organization is no longer recognized. It stays in the registry, marked as "
        "derecognized, with this reason."
    ),
    "withdraw": gettext_lazy(
        "The organization leaves the movement by its own decision. It stays in the registry, "
        "marked as withdrawn; any application under review is withdrawn too."
    ),
}
HEADINGS = {
    "suspend": gettext_lazy("Suspend %(organization)s"),
    "reinstate": gettext_lazy("Reinstate %(organization)s"),
    "derecognize": gettext_lazy("Derecognize %(organization)s"),
    "withdraw": gettext_lazy("Withdraw %(organization)s from the movement"),
}
TIED = gettext_lazy(
    "You are tied to this organization, so you take no part in decisions about its status."
)
BUTTONS = {
    "suspend": gettext_lazy("Suspend"),
    "reinstate": gettext_lazy("Reinstate"),
    "derecognize": gettext_lazy("Derecognize"),
    "withdraw": gettext_lazy("Withdraw from the movement"),
}


def _organization_or_404(slug: str) -> Organization:
    organization = organization_for_edit(slug=slug)
    if organization is None:
        raise Http404(_("No such organization."))
    return organization


def _detail_url(organization: Organization) -> str:
    return reverse("organizations:detail", args=[organization.slug])


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization_or_404(slug)
    if not rules.can_edit_organization(request.user, organization):
        raise PermissionDenied(
            _("Only the people who act for an organization can change its record.")
        )
    manage_people = rules.is_committee(request.user)
    title = _("Edit the record of %(organization)s") % {"organization": organization.name}
    # The form fills its own copy; the service compares the saved record with what was typed.
    form = OrganizationEditForm(
        request.POST or None,
        instance=_organization_or_404(slug),
        manage_people=manage_people,
    )
    if request.method == "POST" and form.is_valid():
        user = signed_in(request)
        try:
            with transaction.atomic():
                services.organization_update(
                    user=user, organization=organization, fields=form.record(), names=form.names()
                )
                if manage_people:
                    services.organization_people_set(
                        user=user,
                        organization=organization,
                        representatives=form.cleaned_data["representatives"],
                        liaisons=form.cleaned_data["liaisons"],
                    )
        except ServiceError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The record is saved."))
            return redirect(_detail_url(organization))
    return render(
        request,
        "organizations/organization_edit.html",
        {
            "title": title,
            "organization": form.instance,
            "form": form,
            "record_fields": form.fields_of(RECORD_FIELDS),
        },
        status=400 if form.errors else 200,
    )


def _role_refusal(request: HttpRequest, organization: Organization, change: str) -> str:
    """Why the viewer may not make this change, or "" when they may."""
    user = request.user
    if change == "withdraw":
        if rules.acts_for(user, organization):
            return ""
        return _("Only the people who act for an organization can withdraw it.")
    if not rules.is_committee(user):
        return _("Only the affiliations committee can do this.")
    if not rules.can_change_status(user, organization):
        return str(TIED)
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def status_change(request: HttpRequest, slug: str, change: str) -> HttpResponse:
    if change not in services.CHANGE_KINDS:
        raise Http404(_("This change of status does not exist."))
    organization = _organization_or_404(slug)
    title = HEADINGS[change] % {"organization": organization.name}
    refusal = _role_refusal(request, organization, change)
    if refusal:
        return render(
            request,
            "organizations/status_change.html",
            {
                "title": title,
                "organization": organization,
                "allowed": False,
                "not_allowed": refusal,
            },
            status=403,
        )
    private = rules.is_committee(request.user)
    form = StatusChangeForm(request.POST or None, private=private)
    allowed = rules.transition_allowed(organization, change)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_change_status(
                user=signed_in(request),
                organization=organization,
                change=change,
                public_reason=form.cleaned_data["public_reason"],
                private_note=form.cleaned_data.get("private_note", ""),
            )
        except ServiceError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _("The status of %(organization)s is now: %(status)s.")
                % {"organization": organization.name, "status": organization.get_status_display()},
            )
            return redirect(_detail_url(organization))
    target = rules.TRANSITIONS[change][1]
    return render(
        request,
        "organizations/status_change.html",
        {
            "title": title,
            "organization": organization,
            "change": change,
            "form": form,
            "allowed": allowed,
            "not_allowed": _("An organization that is “%(status)s” cannot be changed this way.")
            % {"status": organization.get_status_display()},
            "consequence": CONSEQUENCES[change],
            "button": BUTTONS[change],
            "target_label": Status(target).label,
            "open_application": open_application_of(organization) if change == "withdraw" else None,
            "is_proposal": organization.proposal == change,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_dismiss(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization_or_404(slug)
    title = _("Dismiss the proposal for %(organization)s") % {"organization": organization.name}
    if not rules.is_committee(request.user):
        refusal = _("Only the affiliations committee can do this.")
    elif not rules.can_change_status(request.user, organization):
        refusal = str(TIED)
    else:
        refusal = ""
    if refusal:
        return render(
            request,
            "organizations/status_proposal_dismiss.html",
            {"title": title, "organization": organization, "refusal": refusal},
            status=403,
        )
    form = ProposalDismissForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_dismiss(
                user=signed_in(request), organization=organization, note=form.cleaned_data["note"]
            )
        except ServiceError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The proposal is dismissed."))
            return redirect(_detail_url(organization))
    return render(
        request,
        "organizations/status_proposal_dismiss.html",
        {
            "title": title,
            "organization": organization,
            "form": form,
        },
        status=400 if form.errors else 200,
    )
