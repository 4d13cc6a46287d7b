"""Event pages. Views parse input, check permission through rules, and call one service."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from convene.accounts.models import User
from convene.accounts.users import signed_in
from convene.core import languages
from convene.core.cache import cache_anonymous_page
from convene.core.errors import ServiceError
from convene.core.exports import csv_response
from convene.core.http import form_errors_from
from convene.core.ratelimit import client_address

from . import exports, rendering, rules, selectors, services, translations
from .forms import (
    EventForm,
    NeedsForm,
    QuestionForm,
    RegistrationForm,
    RegistrationSearchForm,
    SessionForm,
    TalkForm,
)
from .ical import registrations_ics, session_ics
from .models import (
    Event,
    LightningTalk,
    LocationType,
    Registration,
    RegistrationQuestion,
    Session,
)

# --- access helpers: fetch and check in one step ----------------------------


def _event_or_404(request: HttpRequest, slug: str) -> Event:
    event = selectors.event_get(slug=slug)
    if event is None or not rules.can_view_event(request.user, event):
        raise Http404(_("No such event."))
    return event


def _managed_event(request: HttpRequest, slug: str) -> Event:
    event = selectors.event_get(slug=slug)
    if event is None:
        raise Http404(_("No such event."))
    if not rules.can_manage_event(request.user, event):
        raise PermissionDenied(_("Only the organizers of this event can do this."))
    return event


def _session_or_404(event: Event, session_id: int) -> Session:
    session = selectors.session_get(event=event, session_id=session_id)
    if session is None:
        raise Http404(_("No such session."))
    return session


def _event_fields(form: EventForm) -> services.EventFields:
    data = form.cleaned_data
    return services.EventFields(
        slug=data["slug"],
        title=data["title"],
        summary=data["summary"],
        description=data["description"],
        timezone=data["timezone"],
        is_published=data["is_published"],
        registration_opens_at=data["registration_opens_at"],
        registration_closes_at=data["registration_closes_at"],
        link_reveal_hours=data["link_reveal_hours"],
        reminder_hours=data["reminder_hours"],
        language=data["language"],
        code_of_conduct_url=data["code_of_conduct_url"],
        sensitive_data_retention_days=data["sensitive_data_retention_days"],
    )


def _session_fields(form: SessionForm) -> services.SessionFields:
    data = form.cleaned_data
    return services.SessionFields(
        title=data["title"],
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        capacity=data["capacity"],
        agenda=data["agenda"],
        description=data["description"],
        timezone=data["timezone"],
        interpretation_languages=data["interpretation_languages"],
        location_type=data["location_type"],
        venue=data["venue"],
        meeting_url=data["meeting_url"],
        notes=data["notes"],
    )


def _language_names(codes: list[str]) -> list[str]:
    return [languages.language_name(code) for code in codes]


def _show(*owners: Event | Session | RegistrationQuestion) -> None:
    """What organizers wrote, in the reader's language (`obj.shown`), in one query."""
    translations.attach_shown(owners, language=translation.get_language() or "en")


# --- events -----------------------------------------------------------------


@cache_anonymous_page
def event_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    upcoming = selectors.event_list_upcoming(user=request.user, now=now)
    past = selectors.event_list_past(user=request.user, now=now)
    _show(*upcoming, *past)
    return render(
        request,
        "events/event_list.html",
        {
            "title": _("Events"),
            "upcoming": upcoming,
            "past": past,
            "upcoming_cards": rendering.cards_html(upcoming),
            "past_cards": rendering.cards_html(past),
            "can_create": rules.can_create_event(request.user),
        },
    )


@cache_anonymous_page
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_or_404(request, slug)
    sessions = selectors.event_sessions(event=event)
    _show(event, *sessions)
    mine = selectors.user_registrations_by_session(user=request.user, sessions=sessions)
    now = timezone.now()
    rows = [
        {
            "session": session,
            "registration": mine.get(session.pk),
            "state": rules.registration_state(session, now).value,
            "ended": session.has_ended(now),
            "languages": _language_names(session.interpretation_languages),
        }
        for session in sessions
    ]
    return render(
        request,
        "events/event_detail.html",
        {
            "title": translations.shown_text(event, "title"),
            "event": event,
            "rows": rows,
            "can_manage": rules.can_manage_event(request.user, event),
            "now": now,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    if not rules.can_create_event(request.user):
        raise PermissionDenied(_("Only organizers can create events."))
    form = EventForm(
        request.POST or None, initial={"timezone": getattr(request, "timezone_name", "UTC")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(organizer=signed_in(request), **_event_fields(form))
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The event was created. Now add its sessions."))
            return redirect("events:session_create", slug=event.slug)
    return render(
        request,
        "events/event_form.html",
        {"title": _("New event"), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_update(
                event=Event.objects.get(pk=event.pk), **_event_fields(form)
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("events:detail", slug=event.slug)
    return render(
        request,
        "events/event_form.html",
        {"title": _("Edit event"), "form": form, "event": event},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_questions(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    form = QuestionForm(request.POST or None, instance=RegistrationQuestion(event=event))
    if request.method == "POST" and form.is_valid():
        services.question_save(question=form.instance)
        messages.success(request, _("The question was added to the registration form."))
        return redirect("events:questions", slug=event.slug)
    return render(
        request,
        "events/questions.html",
        {
            "title": _("Registration questions"),
            "event": event,
            "questions": list(event.questions.all()),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, slug: str, question_id: int) -> HttpResponse:
    event = _managed_event(request, slug)
    question = get_object_or_404(RegistrationQuestion, event=event, pk=question_id)
    if request.method == "POST" and "delete" in request.POST:
        services.question_delete(question=question)
        messages.success(request, _("The question was removed."))
        return redirect("events:questions", slug=event.slug)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        services.question_save(question=form.instance)
        messages.success(request, _("The question was saved."))
        return redirect("events:questions", slug=event.slug)
    return render(
        request,
        "events/question_form.html",
        {"title": _("Edit question"), "event": event, "form": form, "question": question},
        status=400 if form.errors else 200,
    )


# --- sessions ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    form = SessionForm(request.POST or None, instance=Session(event=event), event=event)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(event=event, **_session_fields(form))
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The session was added."))
            return redirect("events:session", slug=event.slug, session_id=session.pk)
    return render(
        request,
        "events/session_form.html",
        {"title": _("New session"), "event": event, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    event = _managed_event(request, slug)
    session = _session_or_404(event, session_id)
    form = SessionForm(request.POST or None, instance=session, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_update(session=session, **_session_fields(form))
        except ServiceError as error:
            form.add_error("capacity", str(error.message))
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The session was saved."))
            return redirect("events:session", slug=event.slug, session_id=session.pk)
    return render(
        request,
        "events/session_form.html",
        {"title": _("Edit session"), "event": event, "session": session, "form": form},
        status=400 if form.errors else 200,
    )


def session_detail(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    event = _event_or_404(request, slug)
    session = _session_or_404(event, session_id)
    registration = selectors.user_registration(user=request.user, session=session)
    now = timezone.now()
    ended = session.has_ended(now)
    show_link = rules.can_see_join_link(registration, session, now) and not ended
    agenda_sessions = selectors.session_agenda_others(session=session)
    for other in agenda_sessions:
        other.event = event
    _show(event, session, *agenda_sessions)
    return render(
        request,
        "events/session_detail.html",
        {
            "title": f"{translations.shown_text(session, 'title')} · "
            f"{translations.shown_text(event, 'title')}",
            "event": event,
            "session": session,
            "registration": registration,
            "waitlist_position": selectors.waitlist_position(registration=registration)
            if registration
            else None,
            "state": rules.registration_state(session, now).value,
            "ended": ended,
            "agenda_sessions": agenda_sessions,
            "can_change_needs": rules.can_change_needs(registration, session, now),
            "takes_part_online": registration is not None
            and rules.takes_part_online(registration, session),
            "join_link": session.meeting_url if show_link else "",
            "link_pending": bool(
                registration
                and registration.status == Registration.Status.CONFIRMED
                and session.meeting_url
                and rules.takes_part_online(registration, session)
                and not show_link
                and not ended
            ),
            "languages": _language_names(session.interpretation_languages),
            "talks": selectors.session_talks_running_order(session=session),
            "my_talks": _with_withdraw(request, session),
            "can_propose": rules.can_propose_talk(request.user, registration, session),
            "can_manage": rules.can_manage_event(request.user, event),
            "now": now,
        },
    )


def session_calendar(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    event = _event_or_404(request, slug)
    session = _session_or_404(event, session_id)
    _show(event, session)
    response = HttpResponse(session_ics(session), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-{session.pk}.ics"'
    return response


# --- registration -----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def session_register(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    event = _event_or_404(request, slug)
    session = _session_or_404(event, session_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    existing = selectors.user_registration(user=request.user, session=session)
    if existing is not None:
        messages.info(request, _("You are already registered for this session."))
        return redirect("events:session", slug=event.slug, session_id=session.pk)
    state = rules.registration_state(session)
    questions = list(event.questions.all())
    _show(event, session, *questions)
    form = RegistrationForm(request.POST or None, session=session, questions=questions)
    status = 200
    if state is not rules.RegistrationState.OPEN:
        status = 409 if request.method == "POST" else 200
    elif request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                registration = services.registration_create(
                    session=session,
                    user=request.user,
                    needs=form.needs(),
                    accepted_code_of_conduct=data["accept_code_of_conduct"],
                )
            except ServiceError as error:
                form.add_error(None, str(error.message))
            except ValidationError as error:
                form_errors_from(form, error)
            else:
                if registration.status == Registration.Status.CONFIRMED:
                    messages.success(
                        request, _("You are registered. A confirmation is on its way by email.")
                    )
                else:
                    messages.warning(
                        request,
                        _(
                            "The session is full: you are on the waiting list. We will email you if a place frees."
                        ),
                    )
                return redirect("events:session", slug=event.slug, session_id=session.pk)
        status = 400
    return render(
        request,
        "events/register.html",
        {
            "title": _("Register"),
            "event": event,
            "session": session,
            "form": form,
            "state": state.value,
            "open": state is rules.RegistrationState.OPEN,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_needs(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    """Change my needs and answers, while registration is open."""
    event = _event_or_404(request, slug)
    session = _session_or_404(event, session_id)
    registration = selectors.user_registration(user=request.user, session=session)
    if registration is None:
        messages.info(request, _("You are not registered for this session."))
        return redirect("events:session", slug=event.slug, session_id=session.pk)
    registration.session = session
    questions = list(event.questions.all())
    _show(event, session, *questions)
    form = NeedsForm(
        request.POST or None, registration=registration, session=session, questions=questions
    )
    open_now = rules.can_change_needs(registration, session)
    status = 200
    if not open_now:
        status = 409 if request.method == "POST" else 200
    elif request.method == "POST":
        if form.is_valid():
            try:
                services.registration_update_needs(registration=registration, needs=form.needs())
            except ServiceError as error:
                form.add_error(None, str(error.message))
            except ValidationError as error:
                form_errors_from(form, error)
            else:
                messages.success(request, _("Your needs were saved. Thank you for telling us."))
                return redirect("events:session", slug=event.slug, session_id=session.pk)
        status = 400
    return render(
        request,
        "events/needs_change.html",
        {
            "title": _("Change my needs"),
            "event": event,
            "session": session,
            "registration": registration,
            "form": form,
            "open": open_now,
            "state": rules.registration_state(session).value,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_cancel(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    event = _event_or_404(request, slug)
    session = _session_or_404(event, session_id)
    registration = selectors.user_registration(user=request.user, session=session)
    if registration is None:
        messages.info(request, _("You have no registration for this session to cancel."))
        return redirect("events:session", slug=event.slug, session_id=session.pk)
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration)
        except ServiceError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Your registration is cancelled."))
        return redirect("events:session", slug=event.slug, session_id=session.pk)
    _show(event, session)
    return render(
        request,
        "events/cancel.html",
        {
            "title": _("Cancel registration"),
            "event": event,
            "session": session,
            "registration": registration,
        },
    )


@login_required
def my_registrations(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    registrations = selectors.user_sessions_registered(user=user)
    registered = [r.session for r in registrations]
    _show(*(session.event for session in registered), *registered)
    now = timezone.now()
    upcoming = [
        {
            "registration": registration,
            "session": registration.session,
            "join_link": registration.session.meeting_url
            if rules.can_see_join_link(registration, registration.session, now)
            else "",
            "at_venue": registration.session.location_type == LocationType.IN_PERSON
            or not rules.takes_part_online(registration, registration.session),
            "can_change_needs": rules.can_change_needs(registration, registration.session, now),
        }
        for registration in registrations
        if not registration.session.has_ended(now)
    ]
    return render(
        request,
        "events/my_registrations.html",
        {
            "title": _("Your sessions"),
            "upcoming": upcoming,
            "past": [r for r in registrations if r.session.has_ended(now)],
            "now": now,
            "feed_url": settings.SITE_URL + reverse("calendar_feed", args=[user.calendar_token]),
        },
    )


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The sessions a person registered for, for calendar apps (which cannot log in)."""
    user = User.objects.filter(calendar_token=token, is_active=True).first()
    if user is None:
        raise Http404(_("No such calendar."))
    registrations = selectors.user_sessions_registered(user=user)
    # Calendar apps send no language: the feed is in the person's, links included.
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        registered = [r.session for r in registrations]
        _show(*(session.event for session in registered), *registered)
        body = registrations_ics(registrations, name=_("Convene: your sessions"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


# --- lightning talks --------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def talk_propose(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    event = _event_or_404(request, slug)
    session = _session_or_404(event, session_id)
    registration = selectors.user_registration(user=request.user, session=session)
    if not rules.can_propose_talk(request.user, registration, session):
        raise PermissionDenied(
            _("Only people registered for this session can propose a lightning talk.")
        )
    form = TalkForm(request.POST or None, initial={"duration_minutes": 5})
    if request.method == "POST" and form.is_valid():
        try:
            services.talk_propose(
                session=session,
                speaker=signed_in(request),
                address=client_address(request),
                **form.cleaned_data,
            )
        except (ServiceError, ValidationError) as error:
            form.add_error(None, str(getattr(error, "message", error)))
        else:
            messages.success(
                request, _("Thank you! The organizers will tell you whether your talk is in.")
            )
            return redirect("events:session", slug=event.slug, session_id=session.pk)
    return render(
        request,
        "events/talk_form.html",
        {"title": _("Propose a lightning talk"), "event": event, "session": session, "form": form},
        status=400 if form.errors else 200,
    )


def _with_withdraw(request: HttpRequest, session: Session) -> list[LightningTalk]:
    """The viewer's talks for the session, each with `can_withdraw`."""
    talks = selectors.user_talks(user=request.user, session=session)
    for talk in talks:
        talk.can_withdraw = rules.can_withdraw_talk(  # type: ignore[attr-defined]
            request.user, talk, session
        )
    return talks


@login_required
@require_POST
def talk_withdraw(request: HttpRequest, slug: str, session_id: int, talk_id: int) -> HttpResponse:
    event = _event_or_404(request, slug)
    session = _session_or_404(event, session_id)
    talk = get_object_or_404(LightningTalk, session=session, pk=talk_id)
    try:
        services.talk_withdraw(talk=talk, speaker=signed_in(request))
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Your talk is withdrawn."))
    return redirect(reverse("events:session", args=[event.slug, session.pk]) + "#talks")


@login_required
@require_POST
def talk_decide(request: HttpRequest, slug: str, session_id: int, talk_id: int) -> HttpResponse:
    event = _managed_event(request, slug)
    session = _session_or_404(event, session_id)
    talk = get_object_or_404(LightningTalk, session=session, pk=talk_id)
    action = request.POST.get("action")
    if action in ("accept", "decline"):
        try:
            services.talk_decide(talk=talk, accept=action == "accept")
        except ServiceError as error:
            messages.error(request, str(error.message))
    elif action in ("up", "down"):
        services.talk_move(talk=talk, up=action == "up")
    else:
        messages.error(request, _("Unknown action."))
    return redirect(reverse("events:manage", args=[event.slug, session.pk]) + "#talks")


# --- organizer view ---------------------------------------------------------


@login_required
def session_manage(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    event = _managed_event(request, slug)
    session = _session_or_404(event, session_id)
    search = RegistrationSearchForm(request.GET or None)
    status = search.cleaned_data["status"] if search.is_valid() else ""
    query = search.cleaned_data["q"] if search.is_valid() else ""
    registrations = selectors.session_registrations(
        session=session, status=status or None, search=query
    )
    page = Paginator(registrations, 100).get_page(request.GET.get("page"))
    summary = selectors.session_needs_summary(session)
    return render(
        request,
        "events/manage.html",
        {
            "title": _("Organizer view"),
            "event": event,
            "session": session,
            "search": search,
            "page": page,
            "counts": selectors.session_status_counts(session=session),
            "summary": summary,
            "interpretation": [
                (languages.language_name(code), figure)
                for code, figure in summary.interpretation.items()
            ],
            "hybrid": session.location_type == LocationType.HYBRID,
            "spread": selectors.session_timezone_spread(session=session),
            "talks": selectors.session_talks_all(session=session),
            "questions": list(event.questions.all()),
        },
    )


@login_required
def event_needs(request: HttpRequest, slug: str) -> HttpResponse:
    """Every session's needs in one table, confirmed and waiting apart, with the total."""
    event = _managed_event(request, slug)
    summary = selectors.event_needs_summary(event=event)
    return render(
        request,
        "events/needs_summary.html",
        {
            "title": _("Needs of every session"),
            "event": event,
            "summary": summary,
            "languages": list(
                zip(summary.languages, _language_names(summary.languages), strict=True)
            ),
            # one per group of two columns: registrations, languages, the needs, attendance
            "columns": range(1 + len(summary.languages) + 3 + (2 if summary.hybrid else 0)),
        },
    )


@login_required
def event_needs_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    header, rows = exports.needs_table(summary=selectors.event_needs_summary(event=event))
    return csv_response(filename=f"{event.slug}-needs.csv", header=header, rows=rows)


@login_required
def session_registrations_csv(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    event = _managed_event(request, slug)
    session = _session_or_404(event, session_id)
    header, rows = exports.registrations_table(event=event, session=session)
    return csv_response(
        filename=f"{event.slug}-{session.pk}-registrations.csv", header=header, rows=rows
    )
