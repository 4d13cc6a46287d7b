"""Organizers write to registrants, and registrants are reminded before each session.

The services (`message_send`, `reminders_send`, `reminders_reset`) and the reads of the
messages pages. Each email goes through `core.mail`: stored with the change, sent by a task
once the transaction commits, in the recipient's language and time zone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from convene.accounts.models import User
from convene.core import languages
from convene.core.errors import ServiceError
from convene.core.mail import email_to_user
from convene.core.text import refuse_null_characters

from . import rules
from .models import Event, LocationType, Message, Registration, Session
from .translations import attach_shown

SUBJECT_MAX = 200
BODY_MAX = 10000
# The longest `Event.reminder_hours` allows: the catch-up looks that far ahead.
REMINDER_HOURS_MAX = 24 * 14

# Who asked for what at registration; "in_person" and "online" are how a hybrid session's
# participant takes part (`Registration.attendance`).
NEEDS = ("data_support", "childcare", "accessibility", "in_person", "online")


# --- Reads -------------------------------------------------------------------


def message_recipients(
    *,
    event: Event,
    session: Session | None = None,
    statuses: Sequence[str],
    interpretation_language: str = "",
    need: str = "",
) -> QuerySet[User]:
    """The people a message with these filters reaches: each person once, however many of
    the event's sessions they registered for."""
    registrations = Registration.objects.filter(status__in=list(statuses))
    if session is not None:
        registrations = registrations.filter(session_id=session.pk)
    else:
        registrations = registrations.filter(session__event_id=event.pk)
    if interpretation_language:
        registrations = registrations.filter(interpretation_language=interpretation_language)
    if need == "data_support":
        registrations = registrations.filter(needs_data_support=True)
    elif need == "childcare":
        registrations = registrations.filter(needs_childcare=True)
    elif need == "accessibility":
        registrations = registrations.exclude(accessibility_needs="")
    elif need in (Registration.Attendance.IN_PERSON, Registration.Attendance.ONLINE):
        registrations = registrations.filter(attendance=need)
    return User.objects.filter(
        is_active=True, pk__in=registrations.values("user_id").order_by()
    ).order_by("pk")


def message_recipient_count(
    *,
    event: Event,
    session: Session | None = None,
    statuses: Sequence[str],
    interpretation_language: str = "",
    need: str = "",
) -> int:
    """How many people a message would reach (shown before sending); one query."""
    return message_recipients(
        event=event,
        session=session,
        statuses=statuses,
        interpretation_language=interpretation_language,
        need=need,
    ).count()


def event_messages(*, event: Event) -> list[Message]:
    """The copies of the messages sent about `event`, the latest first; one query."""
    return list(
        Message.objects.filter(event_id=event.pk)
        .select_related("session", "author")
        .order_by("-created_at", "-pk")
    )


def message_get(*, event: Event, message_id: int) -> Message | None:
    message = (
        Message.objects.filter(event_id=event.pk, pk=message_id)
        .select_related("session", "author")
        .first()
    )
    if message is not None:
        message.event = event
        if message.session is not None:
            message.session.event = event
    return message


def message_texts(message: Message) -> list[dict[str, str]]:
    """The message in each language it was written in, the source first:
    `{"language", "name", "subject", "body"}` with the language's name for the reader."""
    texts = [
        {
            "language": message.language,
            "name": languages.language_name(message.language),
            "subject": message.subject,
            "body": message.body,
        }
    ]
    for code, text in sorted(message.translations.items()):
        texts.append(
            {
                "language": code,
                "name": languages.language_name(code),
                "subject": text.get("subject", ""),
                "body": text.get("body", ""),
            }
        )
    return texts


def event_needs_choices(*, has_hybrid: bool) -> list[tuple[str, Any]]:
    """The `need` filter's choices; attendance only when a session is hybrid."""
    choices: list[tuple[str, Any]] = [
        ("", _("Everyone")),
        ("data_support", _("Internet data support")),
        ("childcare", _("Childcare")),
        ("accessibility", _("Accessibility support")),
    ]
    if has_hybrid:
        choices += [
            ("in_person", _("Taking part in person (hybrid sessions)")),
            ("online", _("Taking part online (hybrid sessions)")),
        ]
    return choices


# --- Messages ------------------------------------------------------------------


def _check_audience(
    *,
    event: Event,
    session: Session | None,
    statuses: Sequence[str],
    interpretation_language: str,
    need: str,
) -> None:
    if session is not None and session.event_id != event.pk:
        raise ServiceError(_("That session is not part of this event."), code="session")
    if not statuses:
        raise ServiceError(
            _("Choose at least one kind of registration to write to."), code="no_status"
        )
    if any(status not in Registration.Status.values for status in statuses):
        raise ServiceError(_("Unknown kind of registration."), code="status")
    if interpretation_language and interpretation_language not in languages.CONTENT:
        raise ServiceError(_("Unknown interpretation language."), code="language")
    if need and need not in NEEDS:
        raise ServiceError(_("Unknown need."), code="need")


def _check_text(subject: str, body: str) -> None:
    refuse_null_characters(subject, body)
    if not subject.strip():
        raise ServiceError(_("Please write a subject."), code="empty")
    if not body.strip():
        raise ServiceError(_("Please write a message."), code="empty")
    if len(subject.strip()) > SUBJECT_MAX:
        raise ServiceError(
            ngettext(
                "A subject can have at most %(max)s character.",
                "A subject can have at most %(max)s characters.",
                SUBJECT_MAX,
            )
            % {"max": SUBJECT_MAX},
            code="too_long",
        )
    if len(body.strip()) > BODY_MAX:
        raise ServiceError(
            ngettext(
                "A message can have at most %(max)s character.",
                "A message can have at most %(max)s characters.",
                BODY_MAX,
            )
            % {"max": BODY_MAX},
            code="too_long",
        )


def _clean_translations(
    *, language: str, translations: Mapping[str, Mapping[str, str]]
) -> dict[str, dict[str, str]]:
    cleaned: dict[str, dict[str, str]] = {}
    for code, text in translations.items():
        if code not in languages.CONTENT:
            raise ServiceError(_("Unknown language of a translation."), code="language")
        if code == language:
            raise ServiceError(
                _("A translation cannot be in the language the message is written in."),
                code="translation_language",
            )
        subject, body = text.get("subject", ""), text.get("body", "")
        refuse_null_characters(subject, body)
        if not subject.strip() or not body.strip():
            raise ServiceError(_("Each translation needs a subject and a message."), code="empty")
        _check_text(subject, body)
        cleaned[code] = {"subject": subject.strip(), "body": body.strip()}
    return cleaned


@transaction.atomic
def message_send(
    *,
    event: Event,
    session: Session | None = None,
    author: User,
    language: str,
    subject: str,
    body: str,
    translations: Mapping[str, Mapping[str, str]],
    statuses: Sequence[str],
    interpretation_language: str = "",
    need: str = "",
    now: datetime | None = None,
) -> Message:
    """Email the registrants matching the filters, each person once, in their language
    (the translation for their preferred language if there is one, else the source), and
    keep a copy."""
    if not rules.can_message_registrants(author, event):
        raise ServiceError(
            _("Only the organizers of this event can write to its registrants."),
            code="forbidden",
        )
    if language not in languages.CONTENT:
        raise ServiceError(_("Unknown language."), code="language")
    _check_text(subject, body)
    cleaned = _clean_translations(language=language, translations=translations)
    _check_audience(
        event=event,
        session=session,
        statuses=statuses,
        interpretation_language=interpretation_language,
        need=need,
    )
    recipients = list(
        message_recipients(
            event=event,
            session=session,
            statuses=statuses,
            interpretation_language=interpretation_language,
            need=need,
        )
    )
    if not recipients:
        raise ServiceError(
            _("Nobody matches these filters: the message was not sent."), code="no_recipients"
        )
    message = Message(
        event=event,
        session=session,
        author=author,
        language=language,
        subject=subject.strip(),
        body=body.strip(),
        translations=cleaned,
        statuses=list(dict.fromkeys(statuses)),
        interpretation_language=interpretation_language,
        need=need,
        recipient_count=len(recipients),
        created_at=now or timezone.now(),
    )
    try:
        message.full_clean()
    except ValidationError as error:
        raise ServiceError(" ".join(error.messages), code="invalid") from error
    message.save()
    # Grouped by language, so the event's and session's titles are read in each recipient's
    # language once per language, not once per person.
    shown_in = None
    for user in sorted(recipients, key=lambda person: person.preferred_language or "en"):
        if (user.preferred_language or "en") != shown_in:
            shown_in = user.preferred_language or "en"
            attach_shown([event, session], language=shown_in)
        text = cleaned.get(user.preferred_language) or {
            "subject": message.subject,
            "body": message.body,
        }
        email_to_user(
            user=user,
            template="events/email/message",
            context={
                "event": event,
                "session": session,
                "message": message,
                "author_name": author.public_name,
                "subject": text["subject"],
                "body": text["body"],
            },
        )
    return message


# --- Reminders -----------------------------------------------------------------


def reminder_at(session: Session) -> datetime | None:
    """When the session's reminder goes out; None when the event sends none."""
    hours = session.event.reminder_hours
    return session.starts_at - timedelta(hours=hours) if hours else None


def _time_left(start: datetime, now: datetime) -> dict[str, int | str]:
    """How long until `start`, rounded to what a reader needs: days, hours or minutes."""
    minutes = max(round((start - now).total_seconds() / 60), 1)
    if minutes >= 48 * 60:
        return {"unit": "days", "count": round(minutes / (24 * 60))}
    if minutes >= 90:
        return {"unit": "hours", "count": round(minutes / 60)}
    return {"unit": "minutes", "count": minutes}


def reminders_send(*, session: Session, now: datetime | None = None) -> int:
    """From the reminder time until the start, email each confirmed participant who has not
    been reminded yet; returns how many were.

    Each registration is claimed with a conditional UPDATE (`reminder_sent_at IS NULL`)
    before its email is queued in the same transaction, so two workers never remind the
    same person twice. People confirmed after the reminder time are not reminded: their
    confirmation has just told them the time.
    """
    now = now or timezone.now()
    remind_at = reminder_at(session)
    if remind_at is None or now < remind_at or session.has_started(now):
        return 0
    pending = list(
        Registration.objects.select_related("user")
        .filter(
            Q(confirmed_at__isnull=True) | Q(confirmed_at__lt=remind_at),
            session_id=session.pk,
            status=Registration.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
        )
        .order_by("pk")
    )
    in_person = session.location_type in (LocationType.IN_PERSON, LocationType.HYBRID)
    pending.sort(key=lambda registration: registration.user.preferred_language or "en")
    shown_in = None
    sent = 0
    for registration in pending:
        if (registration.user.preferred_language or "en") != shown_in:
            shown_in = registration.user.preferred_language or "en"
            attach_shown([session.event, session], language=shown_in)
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk,
                status=Registration.Status.CONFIRMED,
                reminder_sent_at__isnull=True,
            ).update(reminder_sent_at=now)
            if not claimed:
                continue
            registration.session = session
            with_link = rules.can_see_join_link(registration, session, now)
            # At a hybrid session each person hears of the place they chose: venue or call.
            comes = in_person and registration.attendance != Registration.Attendance.ONLINE
            calls = (
                session.is_online and registration.attendance != Registration.Attendance.IN_PERSON
            )
            email_to_user(
                user=registration.user,
                template="events/email/reminder",
                context={
                    "registration": registration,
                    "session": session,
                    "event": session.event,
                    "time_left": _time_left(session.starts_at, now),
                    "venue": session.venue if comes else "",
                    "join_link": session.meeting_url if with_link and calls else "",
                    "link_reveal_at": session.link_reveal_at
                    if session.meeting_url and calls and not with_link
                    else None,
                },
            )
            sent += 1
    Session.objects.filter(pk=session.pk).update(reminders_sent_at=now)
    return sent


def reminders_reset(*, session: Session, now: datetime | None = None) -> int:
    """After the session moved, remind everyone again of the new time, if its reminder time
    is still to come; returns how many registrations will be reminded again."""
    now = now or timezone.now()
    remind_at = reminder_at(session)
    if remind_at is None or remind_at <= now:
        return 0
    Session.objects.filter(pk=session.pk).update(reminders_sent_at=None)
    session.reminders_sent_at = None
    return Registration.objects.filter(
        session_id=session.pk, reminder_sent_at__isnull=False
    ).update(reminder_sent_at=None)


def reminders_due(*, now: datetime | None = None) -> int:
    """Send every reminder due and not sent (the daily catch-up); returns how many."""
    now = now or timezone.now()
    sessions = Session.objects.select_related("event").filter(
        starts_at__gt=now,
        starts_at__lte=now + timedelta(hours=REMINDER_HOURS_MAX),
        event__reminder_hours__gt=0,
    )
    return sum(reminders_send(session=session, now=now) for session in sessions)
