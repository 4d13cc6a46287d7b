"""Every change to events, sessions, registrations and talks. Views and the API call these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypedDict

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from convene.accounts.models import User
from convene.core import ratelimit
from convene.core.errors import ServiceError
from convene.core.mail import email_to_user
from convene.core.text import sentences
from convene.core.unset import UNSET, Unset, given

from . import messaging, rules
from .answers import validate_answers
from .models import (
    Event,
    LightningTalk,
    LocationType,
    Registration,
    RegistrationQuestion,
    Session,
)
from .selectors import session_needs_summary
from .translations import attach_for


@dataclass(frozen=True)
class Needs:
    interpretation_language: str = ""
    data_support: bool = False
    childcare: bool = False
    accessibility: str = ""
    answers: dict[str, Any] = field(default_factory=dict)
    attendance: str = ""  # hybrid sessions only: Registration.Attendance


# --- Events and sessions ---------------------------------------------------


class EventFields(TypedDict):
    """Every field an organizer sets on an event, as the event form gives them."""

    slug: str
    title: str
    summary: str
    description: str
    timezone: str
    is_published: bool
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None
    link_reveal_hours: int
    reminder_hours: int
    language: str
    code_of_conduct_url: str
    sensitive_data_retention_days: int


class SessionFields(TypedDict):
    """Every field an organizer sets on a session, as the session form gives them."""

    title: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    agenda: str
    description: str
    timezone: str
    interpretation_languages: list[str]
    location_type: str
    venue: str
    meeting_url: str
    notes: str


@transaction.atomic
def event_create(
    *,
    organizer: User,
    slug: str,
    title: str,
    summary: str | Unset = UNSET,
    description: str | Unset = UNSET,
    timezone: str | Unset = UNSET,
    is_published: bool | Unset = UNSET,
    registration_opens_at: datetime | Unset | None = UNSET,
    registration_closes_at: datetime | Unset | None = UNSET,
    link_reveal_hours: int | Unset = UNSET,
    reminder_hours: int | Unset = UNSET,
    language: str | Unset = UNSET,
    code_of_conduct_url: str | Unset = UNSET,
    sensitive_data_retention_days: int | Unset = UNSET,
) -> Event:
    event = Event(
        slug=slug,
        title=title,
        **given(
            summary=summary,
            description=description,
            timezone=timezone,
            is_published=is_published,
            registration_opens_at=registration_opens_at,
            registration_closes_at=registration_closes_at,
            link_reveal_hours=link_reveal_hours,
            reminder_hours=reminder_hours,
            language=language,
            code_of_conduct_url=code_of_conduct_url,
            sensitive_data_retention_days=sensitive_data_retention_days,
        ),
    )
    event.full_clean()
    event.save()
    event.organizers.add(organizer)
    return event


@transaction.atomic
def event_update(
    *,
    event: Event,
    slug: str | Unset = UNSET,
    title: str | Unset = UNSET,
    summary: str | Unset = UNSET,
    description: str | Unset = UNSET,
    timezone: str | Unset = UNSET,
    is_published: bool | Unset = UNSET,
    registration_opens_at: datetime | Unset | None = UNSET,
    registration_closes_at: datetime | Unset | None = UNSET,
    link_reveal_hours: int | Unset = UNSET,
    reminder_hours: int | Unset = UNSET,
    language: str | Unset = UNSET,
    code_of_conduct_url: str | Unset = UNSET,
    sensitive_data_retention_days: int | Unset = UNSET,
) -> Event:
    """Change the fields given; the others stay as they are."""
    fields = given(
        slug=slug,
        title=title,
        summary=summary,
        description=description,
        timezone=timezone,
        is_published=is_published,
        registration_opens_at=registration_opens_at,
        registration_closes_at=registration_closes_at,
        link_reveal_hours=link_reveal_hours,
        reminder_hours=reminder_hours,
        language=language,
        code_of_conduct_url=code_of_conduct_url,
        sensitive_data_retention_days=sensitive_data_retention_days,
    )
    moves_tasks = any(
        getattr(event, name) != fields[name]
        for name in ("link_reveal_hours", "reminder_hours", "sensitive_data_retention_days")
        if name in fields
    )
    for name, value in fields.items():
        setattr(event, name, value)
    event.full_clean()
    event.save()
    if moves_tasks:
        for session in event.sessions.all():
            _schedule_session_tasks(session)
    return event


@transaction.atomic
def session_create(
    *,
    event: Event,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    agenda: str | Unset = UNSET,
    description: str | Unset = UNSET,
    timezone: str | Unset = UNSET,
    interpretation_languages: list[str] | Unset = UNSET,
    location_type: str | Unset = UNSET,
    venue: str | Unset = UNSET,
    meeting_url: str | Unset = UNSET,
    notes: str | Unset = UNSET,
) -> Session:
    session = Session(
        event=event,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        **given(
            agenda=agenda,
            description=description,
            timezone=timezone,
            interpretation_languages=interpretation_languages,
            location_type=location_type,
            venue=venue,
            meeting_url=meeting_url,
            notes=notes,
        ),
    )
    session.full_clean()
    session.save()
    _schedule_session_tasks(session)
    return session


@transaction.atomic
def session_update(
    *,
    session: Session,
    title: str | Unset = UNSET,
    starts_at: datetime | Unset = UNSET,
    ends_at: datetime | Unset = UNSET,
    capacity: int | Unset = UNSET,
    agenda: str | Unset = UNSET,
    description: str | Unset = UNSET,
    timezone: str | Unset = UNSET,
    interpretation_languages: list[str] | Unset = UNSET,
    location_type: str | Unset = UNSET,
    venue: str | Unset = UNSET,
    meeting_url: str | Unset = UNSET,
    notes: str | Unset = UNSET,
) -> Session:
    """Change the fields given; the others stay as they are. The capacity cannot go below
    the confirmed registrations; a larger one promotes from the waiting list."""
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if capacity is not UNSET and capacity < locked.confirmed_count:
        raise ServiceError(
            ngettext(
                "%(count)s person is already confirmed; the capacity cannot be lower than that. "
                "Cancel registrations first.",
                "%(count)s people are already confirmed; the capacity cannot be lower than that. "
                "Cancel registrations first.",
                locked.confirmed_count,
            )
            % {"count": locked.confirmed_count},
            code="capacity_below_confirmed",
        )
    fields = given(
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        agenda=agenda,
        description=description,
        timezone=timezone,
        interpretation_languages=interpretation_languages,
        location_type=location_type,
        venue=venue,
        meeting_url=meeting_url,
        notes=notes,
    )
    moves_tasks = any(
        getattr(locked, name) != fields[name]
        for name in ("starts_at", "ends_at", "meeting_url")
        if name in fields
    )
    moves_start = "starts_at" in fields and locked.starts_at != fields["starts_at"]
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    _promote_waitlist(session=locked)
    if moves_start:
        messaging.reminders_reset(session=locked)  # remind everyone of the new time
    if moves_tasks:
        _schedule_session_tasks(locked)
    return locked


def _schedule_session_tasks(session: Session) -> None:
    """Queue the join-link email for the reveal time, the reminder for its time and the
    erasure for after the event.

    A task that runs when its moment has moved (the session was rescheduled) does nothing,
    so it is safe to queue again whenever a session changes.
    """
    # The tasks call this module's services, so they are imported when queued.
    from .tasks import (  # noqa: PLC0415
        session_erase_sensitive,
        session_send_join_links,
        session_send_reminders,
    )

    now = timezone.now()
    session_id = session.pk
    reveal_at = session.link_reveal_at
    remind_at = messaging.reminder_at(session)
    erase_at = session.ends_at + timedelta(days=session.event.sensitive_data_retention_days)

    def enqueue() -> None:
        if session.meeting_url and session.starts_at > now:
            session_send_join_links.using(run_after=max(reveal_at, now)).enqueue(
                session_id=session_id
            )
        if remind_at is not None and session.starts_at > now:
            session_send_reminders.using(run_after=max(remind_at, now)).enqueue(
                session_id=session_id
            )
        session_erase_sensitive.using(run_after=max(erase_at, now)).enqueue(session_id=session_id)

    transaction.on_commit(enqueue)


# --- Registration ----------------------------------------------------------

_STATE_MESSAGES = {
    rules.RegistrationState.NOT_YET_OPEN: _("Registration for this session has not opened yet."),
    rules.RegistrationState.CLOSED: _("Registration for this event has closed."),
    rules.RegistrationState.STARTED: _("This session has already started; registration is closed."),
}


def registration_create(
    *,
    session: Session,
    user: User,
    needs: Needs,
    accepted_code_of_conduct: bool,
    now: datetime | None = None,
) -> Registration:
    """Register `user`: confirmed while places are left, else on the waiting list.

    The place is taken with one conditional UPDATE of the session's counter, and a CHECK
    constraint forbids the counter to pass the capacity, so concurrent requests can never
    confirm more people than there are places. A partial unique index forbids a second
    active registration of the same person.
    """
    now = now or timezone.now()
    state = rules.registration_state(session, now)
    if state is not rules.RegistrationState.OPEN:
        raise ServiceError(_STATE_MESSAGES[state], code=f"registration_{state.value}")
    if not accepted_code_of_conduct:
        raise ServiceError(
            _("Please accept the code of conduct to register."), code="code_of_conduct"
        )
    answers = _checked_answers(session=session, needs=needs)

    try:
        with transaction.atomic():
            if Registration.objects.active().filter(session=session, user=user).exists():
                raise _Duplicate
            took_place = (
                Session.objects.filter(pk=session.pk, confirmed_count__lt=F("capacity")).update(
                    confirmed_count=F("confirmed_count") + 1
                )
                == 1
            )
            registration = Registration.objects.create(
                session=session,
                user=user,
                status=Registration.Status.CONFIRMED
                if took_place
                else Registration.Status.WAITLISTED,
                interpretation_language=needs.interpretation_language,
                needs_data_support=needs.data_support,
                needs_childcare=needs.childcare,
                accessibility_needs=needs.accessibility.strip(),
                attendance=needs.attendance,
                answers=answers,
                code_of_conduct_accepted_at=now,
                created_at=now,
                confirmed_at=now if took_place else None,
            )
            _notify_registration(registration, template="events/email/registered", now=now)
    except (_Duplicate, IntegrityError) as exc:
        raise ServiceError(
            _("You are already registered for this session."), code="already_registered"
        ) from exc
    session.refresh_from_db(fields=["confirmed_count"])
    return registration


class _Duplicate(Exception):
    pass


def _checked_answers(*, session: Session, needs: Needs) -> dict[str, Any]:
    """Refuse what the session does not offer; the cleaned answers to the event's questions
    (a `ValidationError` keyed by question id when one is wrong)."""
    if needs.interpretation_language and needs.interpretation_language not in (
        session.interpretation_languages or []
    ):
        raise ServiceError(
            _("This session offers no interpretation into that language."), code="interpretation"
        )
    if session.location_type == LocationType.HYBRID:
        if needs.attendance not in Registration.Attendance.values:
            raise ServiceError(
                _("Please say whether you will take part in person or online."),
                code="attendance",
            )
    elif needs.attendance:
        raise ServiceError(
            _("This session is not hybrid: there is no choice between in person and online."),
            code="attendance",
        )
    return validate_answers(questions=list(session.event.questions.all()), answers=needs.answers)


_NEEDS_STATE_MESSAGES = {
    rules.RegistrationState.NOT_YET_OPEN: _("Registration for this session has not opened yet."),
    rules.RegistrationState.CLOSED: _(
        "Registration for this event has closed: your needs can no longer be changed here. "
        "Please write to the organizers."
    ),
    rules.RegistrationState.STARTED: _(
        "This session has started: your needs can no longer be changed."
    ),
}


@transaction.atomic
def registration_update_needs(
    *, registration: Registration, needs: Needs, now: datetime | None = None
) -> Registration:
    """Change what a registered person needs (and their answers), while registration is open.

    The status and the place are untouched. Sensitive answers given here are erased with the
    others after the event; once the session has started, nothing changes any more. A
    confirmed person who now takes part online gets the join link at once if it is revealed.
    """
    now = now or timezone.now()
    locked = (
        Registration.objects.select_for_update()
        .select_related("session__event", "user")
        .get(pk=registration.pk)
    )
    if locked.status == Registration.Status.CANCELLED:
        raise ServiceError(
            _("This registration is cancelled: there are no needs to change."),
            code="already_cancelled",
        )
    state = rules.registration_state(locked.session, now)
    if state is not rules.RegistrationState.OPEN:
        raise ServiceError(_NEEDS_STATE_MESSAGES[state], code=f"registration_{state.value}")
    locked.answers = _checked_answers(session=locked.session, needs=needs)
    locked.interpretation_language = needs.interpretation_language
    locked.needs_data_support = needs.data_support
    locked.needs_childcare = needs.childcare
    locked.accessibility_needs = needs.accessibility.strip()
    locked.attendance = needs.attendance
    locked.save(
        update_fields=[
            "answers",
            "interpretation_language",
            "needs_data_support",
            "needs_childcare",
            "accessibility_needs",
            "attendance",
        ]
    )
    if locked.join_link_sent_at is None and rules.can_see_join_link(locked, locked.session, now):
        _send_join_link(locked, now=now)
    return locked


@transaction.atomic
def registration_cancel(*, registration: Registration, now: datetime | None = None) -> Registration:
    """Cancel; a freed place goes to the first person on the waiting list.

    Only before the session starts: who registered for a session that has begun is its
    history, which no one rewrites.
    """
    now = now or timezone.now()
    locked = (
        Registration.objects.select_for_update().select_related("session").get(pk=registration.pk)
    )
    if locked.status == Registration.Status.CANCELLED:
        raise ServiceError(_("This registration is already cancelled."), code="already_cancelled")
    if locked.session.has_started(now):
        raise ServiceError(
            _("This session has started: its registrations can no longer be cancelled."),
            code="session_started",
        )
    was_confirmed = locked.status == Registration.Status.CONFIRMED
    locked.status = Registration.Status.CANCELLED
    locked.cancelled_at = now
    locked.save(update_fields=["status", "cancelled_at"])
    # Who no longer comes gives no talk: their proposals leave the list and the running order.
    talks_withdraw_pending(
        talks=LightningTalk.objects.filter(session_id=locked.session_id, speaker_id=locked.user_id)
    )
    if was_confirmed:
        Session.objects.filter(pk=locked.session_id).update(
            confirmed_count=F("confirmed_count") - 1
        )
        _promote_waitlist(session=locked.session, now=now)
    return locked


def _promote_waitlist(*, session: Session, now: datetime | None = None) -> list[Registration]:
    """Fill free places from the waiting list, first come first served, and tell each person."""
    now = now or timezone.now()
    promoted: list[Registration] = []
    if session.has_started(now):
        return promoted
    while True:
        candidate = (
            Registration.objects.select_for_update(skip_locked=True)
            .filter(session_id=session.pk, status=Registration.Status.WAITLISTED)
            .order_by("created_at", "pk")
            .first()
        )
        if candidate is None:
            break
        took_place = Session.objects.filter(
            pk=session.pk, confirmed_count__lt=F("capacity")
        ).update(confirmed_count=F("confirmed_count") + 1)
        if not took_place:
            break
        candidate.status = Registration.Status.CONFIRMED
        candidate.confirmed_at = now
        candidate.save(update_fields=["status", "confirmed_at"])
        _notify_registration(candidate, template="events/email/promoted", now=now)
        promoted.append(candidate)
    return promoted


def _notify_registration(registration: Registration, *, template: str, now: datetime) -> None:
    """Confirmation or waiting-list email; after the reveal time it carries the join link."""
    session = registration.session
    with_link = rules.can_see_join_link(registration, session, now)
    attach_for(registration.user, session.event, session)
    email_to_user(
        user=registration.user,
        template=template,
        context={
            "registration": registration,
            "session": session,
            "event": session.event,
            "join_link": session.meeting_url if with_link else "",
        },
    )
    if with_link:
        registration.join_link_sent_at = now
        registration.save(update_fields=["join_link_sent_at"])


def join_links_send(*, session: Session, now: datetime | None = None) -> int:
    """Email the join link to every confirmed participant who has not had it; returns how many."""
    now = now or timezone.now()
    if not session.meeting_url or now < session.link_reveal_at or session.has_ended(now):
        return 0
    sent = 0
    with transaction.atomic():
        pending = (
            Registration.objects.select_for_update(skip_locked=True)
            .select_related("user", "session__event")
            .filter(
                session_id=session.pk,
                status=Registration.Status.CONFIRMED,
                join_link_sent_at__isnull=True,
            )
        )
        if session.location_type == LocationType.HYBRID:
            # Who comes to the venue has its address, not the call's.
            pending = pending.exclude(attendance=Registration.Attendance.IN_PERSON)
        for registration in pending:
            _send_join_link(registration, now=now)
            sent += 1
        Session.objects.filter(pk=session.pk).update(join_links_sent_at=now)
    return sent


def _send_join_link(registration: Registration, *, now: datetime) -> None:
    attach_for(registration.user, registration.session.event, registration.session)
    email_to_user(
        user=registration.user,
        template="events/email/join_link",
        context={
            "registration": registration,
            "session": registration.session,
            "event": registration.session.event,
            "join_link": registration.session.meeting_url,
        },
    )
    registration.join_link_sent_at = now
    registration.save(update_fields=["join_link_sent_at"])


# --- Sensitive answers -----------------------------------------------------


def sensitive_answers_erase(*, session: Session, now: datetime | None = None) -> bool:
    """After the retention period, erase sensitive answers and keep only their counts."""
    now = now or timezone.now()
    due = session.ends_at + timedelta(days=session.event.sensitive_data_retention_days)
    if now < due or session.sensitive_erased_at:
        return False
    sensitive_ids = [
        str(pk)
        for pk in RegistrationQuestion.objects.filter(
            event_id=session.event_id, is_sensitive=True
        ).values_list("pk", flat=True)
    ]
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if locked.sensitive_erased_at:
            return False
        locked.needs_summary_archive = session_needs_summary(locked, use_archive=False).as_archive()
        locked.sensitive_erased_at = now
        locked.save(update_fields=["needs_summary_archive", "sensitive_erased_at"])
        for registration in Registration.objects.select_for_update().filter(session_id=session.pk):
            registration.needs_data_support = False
            registration.needs_childcare = False
            registration.accessibility_needs = ""
            registration.answers = {
                key: value
                for key, value in registration.answers.items()
                if key not in sensitive_ids
            }
            registration.save(
                update_fields=[
                    "needs_data_support",
                    "needs_childcare",
                    "accessibility_needs",
                    "answers",
                ]
            )
    return True


# --- Registration questions ------------------------------------------------


@transaction.atomic
def question_save(*, question: RegistrationQuestion) -> RegistrationQuestion:
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_delete(*, question: RegistrationQuestion) -> None:
    question.delete()


# --- Lightning talks -------------------------------------------------------


@transaction.atomic
def talk_propose(
    *,
    session: Session,
    speaker: User,
    title: str,
    abstract: str,
    language: str,
    duration_minutes: int,
    address: str = "",
) -> LightningTalk:
    """A registered participant's proposal, within `CONVENE_RATE_LIMITS["talk"]` (per person,
    and per client `address` when given)."""
    registration = Registration.objects.active().filter(session=session, user=speaker).first()
    if not rules.can_propose_talk(speaker, registration, session):
        raise ServiceError(
            _("Only people registered for this session can propose a lightning talk."),
            code="not_registered",
        )
    talk = LightningTalk(
        session=session,
        speaker=speaker,
        title=title,
        abstract=abstract,
        language=language,
        duration_minutes=duration_minutes,
    )
    talk.full_clean()
    try:
        ratelimit.consume(action="talk", account=speaker, address=address)
    except ratelimit.RateLimited as refused:
        if refused.per_address:
            raise ServiceError(ratelimit.address_message(), code="rate_limited") from refused
        limit = refused.rate.amount
        raise ServiceError(
            sentences(
                ngettext(
                    "You can propose at most %(limit)s talk in a short time.",
                    "You can propose at most %(limit)s talks in a short time.",
                    limit,
                )
                % {"limit": limit},
                ratelimit.wait_message(refused.rate),
            ),
            code="rate_limited",
        ) from refused
    talk.save()
    return talk


@transaction.atomic
def talk_decide(*, talk: LightningTalk, accept: bool, now: datetime | None = None) -> LightningTalk:
    """Accept (appended to the running order) or decline a proposed talk; the speaker hears of
    it by email, in their language, with the session's time in their zone. A withdrawn talk
    can no longer be decided."""
    locked = LightningTalk.objects.select_for_update().get(pk=talk.pk)
    if locked.status == LightningTalk.Status.WITHDRAWN:
        raise ServiceError(
            _("The speaker withdrew this talk: it can no longer be accepted or declined."),
            code="talk_withdrawn",
        )
    before = locked.status
    locked.decided_at = now or timezone.now()
    if accept:
        if locked.status != LightningTalk.Status.ACCEPTED:
            last = (
                LightningTalk.objects.filter(
                    session_id=locked.session_id, status=LightningTalk.Status.ACCEPTED
                )
                .order_by("-position")
                .values_list("position", flat=True)
                .first()
            )
            locked.position = (last or 0) + 1
        locked.status = LightningTalk.Status.ACCEPTED
    else:
        locked.status = LightningTalk.Status.DECLINED
    locked.save(update_fields=["status", "position", "decided_at"])
    if locked.status != before:
        _notify_talk_decision(locked)
    return locked


def _notify_talk_decision(talk: LightningTalk) -> None:
    speaker = talk.speaker
    if speaker is None or not speaker.is_active:
        return
    accepted = talk.status == LightningTalk.Status.ACCEPTED
    session = Session.objects.select_related("event").get(pk=talk.session_id)
    attach_for(speaker, session.event, session)
    email_to_user(
        user=speaker,
        template=f"events/email/talk_{'accepted' if accepted else 'declined'}",
        context={"talk": talk, "session": session, "event": session.event},
    )


def talks_withdraw_pending(*, talks: QuerySet[LightningTalk]) -> int:
    """Withdraw those of `talks` still waiting for a decision or in a running order (a
    speaker who left, or whose account is erased); returns how many."""
    return talks.filter(
        status__in=[LightningTalk.Status.PROPOSED, LightningTalk.Status.ACCEPTED]
    ).update(status=LightningTalk.Status.WITHDRAWN)


@transaction.atomic
def talk_withdraw(
    *, talk: LightningTalk, speaker: User, now: datetime | None = None
) -> LightningTalk:
    """The speaker takes back their proposal, or their place in the running order, before
    the session starts."""
    locked = LightningTalk.objects.select_for_update().select_related("session").get(pk=talk.pk)
    if locked.speaker_id != speaker.pk:
        raise ServiceError(_("Only the speaker can withdraw a talk."), code="forbidden")
    if locked.status == LightningTalk.Status.WITHDRAWN:
        raise ServiceError(_("This talk is already withdrawn."), code="talk_withdrawn")
    if locked.status == LightningTalk.Status.DECLINED:
        raise ServiceError(
            _("This talk was declined: there is nothing to withdraw."), code="talk_declined"
        )
    if locked.session.has_started(now or timezone.now()):
        raise ServiceError(
            _("This session has started: its talks can no longer be withdrawn."),
            code="session_started",
        )
    locked.status = LightningTalk.Status.WITHDRAWN
    locked.save(update_fields=["status"])
    return locked


@transaction.atomic
def talk_move(*, talk: LightningTalk, up: bool) -> None:
    """Swap an accepted talk with its neighbour in the running order."""
    order = list(
        LightningTalk.objects.select_for_update()
        .filter(session_id=talk.session_id, status=LightningTalk.Status.ACCEPTED)
        .order_by("position", "created_at", "pk")
    )
    index = next((i for i, item in enumerate(order) if item.pk == talk.pk), None)
    if index is None:
        return
    other = index - 1 if up else index + 1
    if not 0 <= other < len(order):
        return
    order[index], order[other] = order[other], order[index]
    for position, item in enumerate(order, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
