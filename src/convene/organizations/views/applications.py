"""Applying to join the movement and the public pages of applications: the application form,
the list of applications, an application's page with its comments, and withdrawing it.

The committee's forms on an application's page post to `views.committee`; a refused or
mistyped form comes back on the same page, filled as it was, with what went wrong."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from convene.accounts.users import signed_in
from convene.core import languages
from convene.core.cache import cache_anonymous_page
from convene.core.errors import ServiceError
from convene.core.ratelimit import client_address

from .. import rules, services, translations
from ..countries import country_names
from ..forms.applications import (
    LEGAL_FIELDS,
    ApplyAgainForm,
    ApplyForm,
    CommentForm,
    DecideForm,
    InterviewForm,
    MoveForm,
    RecuseForm,
    VoteForm,
)
from ..models import AffiliationModel, Application, ApplicationComment, Organization
from ..selectors_applications import (
    OPEN_STEPS,
    affiliation_models_open,
    application_get,
    application_page,
    applications_by_step,
    applications_decided,
    applications_open,
    viewer_vote,
)

Step = Application.Step

# Refusals that are about who is asking, not about what was asked.
FORBIDDING = ("forbidden", "recused", "login_required")


def _show(*affiliation_models: AffiliationModel) -> None:
    """The models' names in the reader's language (`model.shown`), in at most one query."""
    translations.attach_shown(
        {item.pk: item for item in affiliation_models}.values(),
        language=translation.get_language() or "en",
    )


def application_or_404(pk: int) -> Application:
    application = application_get(pk=pk)
    if application is None:
        raise Http404(_("No such application."))
    return application


def application_url(application: Application, anchor: str = "") -> str:
    url = reverse("organizations:application", args=[application.pk])
    return f"{url}#{anchor}" if anchor else url


# --- the application's page --------------------------------------------------------------------


def _steps(application: Application) -> list[dict[str, Any]]:
    """The visual step list: received → criteria review → interview → vote → decision."""
    current = list(OPEN_STEPS).index(application.step) if application.is_open else len(OPEN_STEPS)
    steps = [
        {"label": Step(step).label, "done": index < current, "current": index == current}
        for index, step in enumerate(OPEN_STEPS)
    ]
    decided = not application.is_open
    steps.append(
        {
            "label": application.get_step_display() if decided else _("Decision"),
            "done": False,
            "current": decided,
        }
    )
    return steps


def _review_forms(
    request: HttpRequest, application: Application, bound: dict[str, Form], voted: bool
) -> dict[str, Form]:
    """The committee's forms this viewer may use on this application now (none for a member
    who takes no part in its review, nor once it is decided)."""
    user = request.user
    if not application.is_open or not rules.can_review(user, application):
        return {}
    forms: dict[str, Form] = {}

    def offer(key: str, form_class: type[Form], **kwargs: Any) -> None:
        forms[key] = bound.get(key) or form_class(prefix=key, **kwargs)

    move = bound.get("move") or MoveForm(prefix="move", application=application)
    if isinstance(move, MoveForm) and move.offered:
        forms["move"] = move
    if application.step == Step.INTERVIEW:
        offer("interview", InterviewForm, zone_name=timezone.get_current_timezone_name())
    if rules.can_vote(user, application) and not voted:
        offer("vote", VoteForm)
    if not voted:
        offer("recuse", RecuseForm)
    offer("decide", DecideForm, application=application)
    return forms


def application_context(
    request: HttpRequest,
    application: Application,
    *,
    bound: dict[str, Form] | None = None,
) -> dict[str, Any]:
    """Everything the application's page shows to this viewer. `bound` holds a posted form
    that comes back with its errors; its refusal is shown on its form, or at the top of the
    page when this viewer has no such form."""
    bound = bound or {}
    user = request.user
    organization = application.organization
    is_committee = rules.is_committee(user)
    can_review = rules.can_review(user, application)
    page = application_page(application=application, private=can_review)
    _show(application.affiliation_model, *(other.affiliation_model for other in page.others))
    tally = services.vote_tally(application) if can_review else None
    mine = viewer_vote(page.votes, user)
    forms = _review_forms(request, application, bound, voted=mine is not None)
    if rules.can_comment(user, application):
        forms["comment"] = bound.get("comment") or CommentForm(prefix="comment")
    refusal = ""
    for key, form in bound.items():
        if key not in forms and form.errors:
            refusal = " ".join(str(message) for message in form.non_field_errors()) or " ".join(
                str(message) for errors in form.errors.values() for message in errors
            )
    applicant = application.applicant
    sees_interview = can_review or (
        user.is_authenticated
        and (user.pk == application.applicant_id or rules.acts_for(user, organization))
    )
    return {
        "title": _("Application of %(organization)s") % {"organization": organization.name},
        "application": application,
        "organization": organization,
        "model": application.affiliation_model,
        "steps": _steps(application),
        "comments": page.comments,
        "history": page.history,
        "others": page.others,
        "votes": page.votes,
        "tally": tally,
        "viewer_vote": mine,
        "is_committee": is_committee,
        "can_review": can_review,
        "recused": is_committee and rules.is_recused(user, application),
        "tied": is_committee and rules.is_tied(user, application),
        "forms": forms,
        "refusal": refusal,
        "can_withdraw": rules.can_withdraw_application(user, application),
        "sees_interview": sees_interview and application.interview_at is not None,
        "applicant_zone": applicant.timezone if applicant is not None else "",
        "interviewer_zone": application.interviewer.timezone if application.interviewer else "",
        "country_names": country_names(organization.countries),
        "language_names": [
            languages.language_name(code) for code in organization.working_languages
        ],
        "fiscal_month": capfirst(str(MONTHS.get(organization.fiscal_year_start_month, ""))),
    }


def render_application(
    request: HttpRequest,
    application: Application,
    *,
    bound: dict[str, Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "organizations/application.html",
        application_context(request, application, bound=bound),
        status=status,
    )


def refused(
    request: HttpRequest, pk: int, key: str, form: Form, error: ServiceError | None = None
) -> HttpResponse:
    """The application's page again, with `form` as posted and what was wrong with it."""
    if error is not None:
        form.add_error(None, str(error.message))
    status = 403 if error is not None and error.code in FORBIDDING else 400
    return render_application(request, application_or_404(pk), bound={key: form}, status=status)


@cache_anonymous_page
def application(request: HttpRequest, pk: int) -> HttpResponse:
    return render_application(request, application_or_404(pk))


@login_required
@require_http_methods(["GET", "POST"])
def application_comment(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_or_404(pk)
    if request.method != "POST":  # e.g. the page in another language, from a refused form
        return redirect(application_url(application))
    form = CommentForm(request.POST, prefix="comment")
    if not form.is_valid():
        return refused(request, pk, "comment", form)
    try:
        comment = services.application_comment(
            user=signed_in(request),
            application=application,
            body=form.cleaned_data["body"],
            address=client_address(request),
        )
    except ServiceError as error:
        return refused(request, pk, "comment", form, error)
    messages.success(request, _("Your comment is published."))
    return redirect(application_url(application, f"comment-{comment.pk}"))


@login_required
@require_POST
def comment_hide(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    application = application_or_404(pk)
    comment = get_object_or_404(ApplicationComment, pk=comment_pk, application=application)
    try:
        services.application_comment_hide(user=signed_in(request), comment=comment)
    except ServiceError as error:
        if error.code == "forbidden":
            raise PermissionDenied(str(error.message)) from error
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The comment is hidden. The committee still sees it."))
    return redirect(application_url(application, f"comment-{comment.pk}"))


@login_required
@require_http_methods(["GET", "POST"])
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_or_404(pk)
    if not rules.can_withdraw_application(request.user, application):
        if application.is_open:
            raise PermissionDenied(
                _("Only the applicant can withdraw an application under review.")
            )
        messages.error(request, _("This application is already decided."))
        return redirect(application_url(application))
    error = ""
    if request.method == "POST":
        try:
            services.application_withdraw(user=signed_in(request), application=application)
        except ServiceError as refusal:
            error = str(refusal.message)
        else:
            messages.success(request, _("The application is withdrawn."))
            return redirect(application_url(application))
    return render(
        request,
        "organizations/application_withdraw.html",
        {
            "title": _("Withdraw the application of %(organization)s")
            % {"organization": application.organization.name},
            "application": application,
            "error": error,
        },
        status=400 if error else 200,
    )


# --- lists -----------------------------------------------------------------------------------------


@cache_anonymous_page
def applications(request: HttpRequest) -> HttpResponse:
    open_ones = applications_open()
    decided = applications_decided()
    _show(*(item.affiliation_model for item in (*open_ones, *decided)))
    return render(
        request,
        "organizations/applications.html",
        {
            "title": _("Applications"),
            "groups": applications_by_step(open_ones),
            "open_count": len(open_ones),
            "decided": decided,
            "is_committee": rules.is_committee(request.user),
        },
    )


# --- applying ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    affiliation_models = affiliation_models_open()
    _show(*affiliation_models)
    slugs = {item.slug for item in affiliation_models}
    wanted = request.GET.get("model", "")
    form = ApplyForm(
        request.POST or None,
        affiliation_models=affiliation_models,
        initial={
            "affiliation_model": wanted if wanted in slugs else None,
            "language": translation.get_language() or "en",
            "working_languages": [translation.get_language() or "en"],
        },
    )
    if request.method == "POST" and form.is_valid():
        fields = form.record()
        fields["language"] = form.cleaned_data["language"]
        try:
            application = services.organization_apply(
                user=signed_in(request),
                affiliation_model=form.chosen_model(),
                fields=fields,
                letter_of_intent=form.cleaned_data["letter_of_intent"],
                language=form.cleaned_data["language"],
                address=client_address(request),
            )
        except ServiceError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _(
                    "Your application is sent. We emailed you that it arrived; the committee "
                    "will write when it moves on."
                ),
            )
            return redirect(application_url(application))
    return render(
        request,
        "organizations/apply.html",
        {
            "title": _("Apply to join the movement"),
            "form": form,
            "legal_fields": form.fields_of(LEGAL_FIELDS),
            "incorporation_models": form.incorporation_models(),
            "affiliation_models": affiliation_models,
        },
        status=400 if form.errors else 200,
    )


def organization_or_404(slug: str) -> Organization:
    organization = (
        Organization.objects.filter(slug=slug)
        .select_related("affiliation_model", "contact_person")
        .prefetch_related("representatives", "liaisons")
        .first()
    )
    if organization is None:
        raise Http404(_("No such organization."))
    return organization


@login_required
@require_http_methods(["GET", "POST"])
def apply_again(request: HttpRequest, slug: str) -> HttpResponse:
    organization = organization_or_404(slug)
    if not rules.acts_for(request.user, organization):
        raise PermissionDenied(
            _("Only the people who act for an organization can apply on its behalf.")
        )
    affiliation_models = affiliation_models_open()
    _show(*affiliation_models, organization.affiliation_model)
    slugs = {item.slug for item in affiliation_models}
    wanted = request.GET.get("model", "")
    form = ApplyAgainForm(
        request.POST or None,
        affiliation_models=affiliation_models,
        initial={
            "affiliation_model": wanted if wanted in slugs else None,
            "language": organization.language,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                user=signed_in(request),
                organization=organization,
                affiliation_model=form.chosen_model(),
                letter_of_intent=form.cleaned_data["letter_of_intent"],
                language=form.cleaned_data["language"],
                address=client_address(request),
            )
        except ServiceError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The application is sent. The committee will review it."))
            return redirect(application_url(application))
    open_application = organization.applications.open().first()
    return render(
        request,
        "organizations/apply_again.html",
        {
            "title": _("A new application of %(organization)s")
            % {"organization": organization.name},
            "organization": organization,
            "form": form,
            "open_application": open_application,
            "reapply_on": rules.may_reapply_on(organization, timezone.localdate()),
            "incorporation_models": form.incorporation_models(),
        },
        status=400 if form.errors else 200,
    )
