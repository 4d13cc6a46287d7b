"""The public pages of rounds and casting ballots: the list of rounds, a round's page, a
person's ballot, a group's submission (by those who act for it) and its public page.

Every step is a plain form post: no JavaScript needed; `ballot.js` only adds a list of the
chosen order with buttons to move an item up or down. A refused or mistyped form comes back
filled as it was, saying what went wrong."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from convene.accounts.users import signed_in
from convene.core.api import STATUS_OF_CODE
from convene.core.errors import ServiceError
from convene.core.ratelimit import client_address

from .. import rules, selectors_ballots, services
from ..forms.ballots import BallotForm, GroupSubmissionForm
from ..models import Round
from ..selectors_ballots import GroupPage


def _language() -> str:
    return translation.get_language() or "en"


def _rules_text(round_: Round) -> str:
    """What the ballot asks, in a sentence."""
    if round_.is_ranked:
        return ngettext(
            "Rank up to %(count)d item, your first choice first.",
            "Rank up to %(count)d items, your first choice first.",
            round_.max_items,
        ) % {"count": round_.max_items}
    return ngettext(
        "Choose up to %(count)d item, in no particular order.",
        "Choose up to %(count)d items, in no particular order.",
        round_.max_items,
    ) % {"count": round_.max_items}


def _status(error: ServiceError) -> int:
    return STATUS_OF_CODE.get(error.code, 400)


# --- What everyone reads -----------------------------------------------------------------------


def round_list(request: HttpRequest) -> HttpResponse:
    rounds = selectors_ballots.rounds_by_state(now=timezone.now())
    return render(
        request,
        "prioritization/round_list.html",
        {
            "title": _("Prioritization"),
            "rounds": rounds,
            "can_create": rules.can_create_round(request.user),
        },
    )


def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors_ballots.round_page(slug=slug, viewer=request.user, language=_language())
    if page is None:
        raise Http404(_("No such round."))
    round_ = page.round
    state = rules.round_state(round_)
    return render(
        request,
        "prioritization/round_detail.html",
        {
            "title": round_.title,
            "round": round_,
            "page": page,
            "state": state,
            "rules_text": _rules_text(round_),
            "not_voting": selectors_ballots.not_voting_reason(round_=round_, viewer=request.user)
            if round_.individual_track and state != "closed"
            else "",
            "results_visible": rules.results_visible(request.user, round_),
            "report_visible": rules.report_visible(request.user, round_),
            "can_organize": rules.can_organize(request.user, round_),
        },
    )


def group(request: HttpRequest, slug: str, group_id: int) -> HttpResponse:
    """A group's submission as everyone reads it, with its earlier versions: public at all
    times (who saved each version is not shown)."""
    page = selectors_ballots.group_page(slug=slug, group_id=group_id, language=_language())
    if page is None:
        raise Http404(_("No such group in this round."))
    return render(
        request,
        "prioritization/group_submission_detail.html",
        {
            "title": page.group.name,
            "round": page.round,
            "page": page,
            "can_submit": rules.can_submit_for(request.user, page.group),
        },
    )


# --- A person's ballot -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def ballot(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request)
    page = selectors_ballots.ballot_page(slug=slug, viewer=user, language=_language())
    if page is None:
        raise Http404(_("No such round."))
    round_ = page.round
    state = rules.round_state(round_)
    not_voting = selectors_ballots.not_voting_reason(round_=round_, viewer=user)
    context: dict[str, Any] = {
        "title": _("Your ballot"),
        "round": round_,
        "page": page,
        "state": state,
        "rules_text": _rules_text(round_),
        "not_voting": not_voting,
        "form": None,
    }
    status = 200
    if state != "open" or not_voting:
        # Shown read-only: the ballot as it stands, or why there is none to cast.
        if request.method == "POST":
            status = 409 if state != "open" and round_.individual_track else 403
        return render(request, "prioritization/ballot.html", context, status=status)
    form = BallotForm(
        request.POST if request.method == "POST" else None,
        round_=round_,
        headings=page.headings,
        ranking=page.ballot_items,
    )
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.ballot_cast(
                    round_=round_,
                    voter=user,
                    identifiers=form.identifiers,
                    address=client_address(request),
                )
            except ServiceError as error:
                form.add_error(None, str(error.message))
                status = _status(error)
            else:
                messages.success(
                    request,
                    _("Your ballot is saved. You can change it until the round closes."),
                )
                return redirect("prioritization:ballot", slug=round_.slug)
    context["form"] = form
    return render(request, "prioritization/ballot.html", context, status=status)


# --- A group's submission, by those who act for it ---------------------------------------------


def _submission_page(
    request: HttpRequest, page: GroupPage, *, organization_slug: str = ""
) -> HttpResponse:
    """The submission form of a group (or of an organization without a group yet): shown,
    checked and saved; read-only once the round has closed."""
    user = signed_in(request)
    round_, group_ = page.round, page.group
    if not (round_.group_track and rules.represents(user, group_)):
        raise PermissionDenied(_("Only the representatives of a group submit its priorities."))
    state = rules.round_state(round_)
    context: dict[str, Any] = {
        "title": _("Priorities of %(group)s") % {"group": group_.name},
        "round": round_,
        "page": page,
        "group": group_,
        "state": state,
        "rules_text": _rules_text(round_),
        "organization_slug": organization_slug,
        "form": None,
    }
    if state != "open":
        status = 409 if request.method == "POST" else 200
        return render(request, "prioritization/group_submission.html", context, status=status)
    form = GroupSubmissionForm(
        request.POST if request.method == "POST" else None,
        round_=round_,
        headings=page.headings,
        ballot=page.ballot,
        ranking=[priority.item for priority in page.priorities],
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            discussion = services.Discussion(
                participants=data["participants"],
                place=data["discussion_place"],
                when=data["discussion_when"],
                notes_url=data["notes_url"],
                event=data["event"],
                missing=data["missing"],
            )
            try:
                if group_.pk is None:
                    assert group_.organization is not None
                    saved = services.organization_submission_save(
                        round_=round_,
                        organization=group_.organization,
                        user=user,
                        identifiers=form.identifiers,
                        reasons=form.reasons,
                        discussion=discussion,
                        address=client_address(request),
                    )
                else:
                    saved = services.group_submission_save(
                        group=group_,
                        user=user,
                        identifiers=form.identifiers,
                        reasons=form.reasons,
                        discussion=discussion,
                        address=client_address(request),
                    )
            except ServiceError as error:
                form.add_error(None, str(error.message))
                status = _status(error)
            else:
                messages.success(
                    request,
                    _(
                        "The priorities of %(group)s are saved and published. You can change "
                        "them until the round closes."
                    )
                    % {"group": group_.name},
                )
                return redirect("prioritization:group", slug=round_.slug, group_id=saved.group_id)
    context["form"] = form
    return render(request, "prioritization/group_submission.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def group_submit(request: HttpRequest, slug: str, group_id: int) -> HttpResponse:
    page = selectors_ballots.group_page(
        slug=slug, group_id=group_id, language=_language(), versions=False
    )
    if page is None:
        raise Http404(_("No such group in this round."))
    return _submission_page(request, page)


@login_required
@require_http_methods(["GET", "POST"])
def organization_submit(request: HttpRequest, slug: str, organization_slug: str) -> HttpResponse:
    """The first submission of a recognized organization of the registry, whose group in the
    round is made when it is saved."""
    page = selectors_ballots.organization_page(
        slug=slug, organization_slug=organization_slug, language=_language()
    )
    if page is None or not (page.round.group_track and page.round.registry_groups):
        raise Http404(_("No such organization takes part in this round."))
    assert page.group.organization is not None
    existing = selectors_ballots.group_of_organization(
        round_=page.round, organization_id=page.group.organization.pk
    )
    if existing is not None:
        return redirect("prioritization:group_submit", slug=slug, group_id=existing.pk)
    return _submission_page(request, page, organization_slug=organization_slug)
