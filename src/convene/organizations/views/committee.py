"""The affiliations committee's work on applications: its overview, and the forms of an
application's page that move it to its next step, schedule the interview, vote, step aside
and decide. A refusal comes back on the application's page with the service's message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from convene.accounts.users import signed_in
from convene.core.errors import ServiceError

from .. import rules, services
from ..forms.applications import DecideForm, InterviewForm, MoveForm, RecuseForm, VoteForm
from ..models import Application
from ..selectors_applications import committee_overview
from .applications import application_or_404, application_url, refused

Step = Application.Step


@login_required
def committee(request: HttpRequest) -> HttpResponse:
    if not rules.is_committee(request.user):
        raise PermissionDenied(_("Only the affiliations committee can do this."))
    overview = committee_overview(user=signed_in(request))
    return render(
        request,
        "organizations/committee.html",
        {
            "title": _("Affiliations committee"),
            "groups": overview.groups,
            "open_count": sum(len(group.applications) for group in overview.groups),
            "proposals": overview.proposals,
            "awaiting_vote": overview.awaiting_vote,
        },
    )


def _act(
    request: HttpRequest,
    pk: int,
    key: str,
    make_form: Callable[[Application], Form],
    act: Callable[[Application, dict[str, Any]], object],
    done: str,
    anchor: str = "review",
) -> HttpResponse:
    """Parse the posted form `key` of the application's page and run one service with it;
    back to the page, with `done` or with what was refused."""
    application = application_or_404(pk)
    if request.method != "POST":  # e.g. the page in another language, from a refused form
        return redirect(application_url(application))
    form = make_form(application)
    if not form.is_valid():
        return refused(request, pk, key, form)
    try:
        act(application, form.cleaned_data)
    except ServiceError as error:
        return refused(request, pk, key, form, error)
    messages.success(request, done)
    return redirect(application_url(application, anchor))


@login_required
@require_http_methods(["GET", "POST"])
def application_move(request: HttpRequest, pk: int) -> HttpResponse:
    def act(application: Application, data: dict[str, Any]) -> object:
        return services.application_move(
            user=signed_in(request),
            application=application,
            to_step=data["to_step"],
            note=data["note"],
        )

    return _act(
        request,
        pk,
        "move",
        lambda application: MoveForm(request.POST, prefix="move", application=application),
        act,
        _("The application moved to its next step."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_interview(request: HttpRequest, pk: int) -> HttpResponse:
    def act(application: Application, data: dict[str, Any]) -> object:
        return services.application_schedule_interview(
            user=signed_in(request),
            application=application,
            at=data["at"],
            meeting_url=data["meeting_url"],
        )

    return _act(
        request,
        pk,
        "interview",
        lambda application: InterviewForm(
            request.POST, prefix="interview", zone_name=timezone.get_current_timezone_name()
        ),
        act,
        _("The interview is scheduled. We emailed you and the applicant its time."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_vote(request: HttpRequest, pk: int) -> HttpResponse:
    def act(application: Application, data: dict[str, Any]) -> object:
        return services.application_vote(
            user=signed_in(request),
            application=application,
            choice=data["choice"],
            note=data["note"],
        )

    return _act(
        request,
        pk,
        "vote",
        lambda application: VoteForm(request.POST, prefix="vote"),
        act,
        _("Your vote is counted."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_recuse(request: HttpRequest, pk: int) -> HttpResponse:
    def act(application: Application, data: dict[str, Any]) -> object:
        return services.application_recuse(
            user=signed_in(request), application=application, reason=data["reason"]
        )

    return _act(
        request,
        pk,
        "recuse",
        lambda application: RecuseForm(request.POST, prefix="recuse"),
        act,
        _("You stepped aside: you take no part in this review."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    def act(application: Application, data: dict[str, Any]) -> object:
        return services.application_decide(
            user=signed_in(request),
            application=application,
            decision=data["decision"],
            reason=data["reason"],
        )

    done: dict[str, str] = {
        Step.RECOGNIZED: _("The organization is recognized. We sent the recognition letter."),
        Step.DEFERRED: _("The decision is deferred. We wrote to the applicant with the reasons."),
        Step.DECLINED: _(
            "The application is declined. We wrote to the applicant with the reasons."
        ),
    }
    return _act(
        request,
        pk,
        "decide",
        lambda application: DecideForm(request.POST, prefix="decide", application=application),
        act,
        done.get(request.POST.get("decide-decision", ""), _("The decision is recorded.")),
        anchor="",
    )
