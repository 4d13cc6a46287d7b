"""What the events app keeps about a person, for "Download your data", and what it does
before an account is erased."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from convene.accounts.models import User
from convene.core.timezones import utc_text

from .models import ContentTranslation, LightningTalk, Message, Registration
from .services import registration_cancel, talks_withdraw_pending


def registrations(user: User) -> list[dict[str, Any]]:
    rows = (
        Registration.objects.filter(user=user)
        .select_related("session__event")
        .order_by("created_at", "pk")
    )
    return [
        {
            "event": registration.session.event.title,
            "session": registration.session.title,
            "starts_at": utc_text(registration.session.starts_at),
            "status": registration.status,
            "interpretation_language": registration.interpretation_language,
            "attendance": registration.attendance,
            "needs_data_support": registration.needs_data_support,
            "needs_childcare": registration.needs_childcare,
            "accessibility_needs": registration.accessibility_needs,
            "answers": registration.answers,
            "registered_at": utc_text(registration.created_at),
            "cancelled_at": utc_text(registration.cancelled_at),
        }
        for registration in rows
    ]


def organized_events(user: User) -> list[dict[str, Any]]:
    return [
        {"slug": event.slug, "title": event.title} for event in user.organized_events.order_by("pk")
    ]


def messages_sent(user: User) -> list[dict[str, Any]]:
    """What the person wrote, as an organizer, to the registrants of an event."""
    rows = Message.objects.filter(author=user).select_related("event", "session")
    return [
        {
            "event": message.event.title,
            "session": message.session.title if message.session else None,
            "sent_at": utc_text(message.created_at),
            "language": message.language,
            "subject": message.subject,
            "body": message.body,
            "translations": message.translations,
            "recipients": message.recipient_count,
        }
        for message in rows.order_by("created_at", "pk")
    ]


def event_content_translations(user: User) -> list[dict[str, Any]]:
    """What the person translated of events, their sessions and registration questions."""
    rows = ContentTranslation.objects.filter(translated_by=user).select_related(
        "event", "session", "question"
    )
    return [
        {
            "event": translation.event.title,
            "session": translation.session.title if translation.session else None,
            "question": translation.question.label if translation.question else None,
            "field": translation.field,
            "language": translation.language,
            "text": translation.text,
            "machine": translation.is_machine,
            "updated_at": utc_text(translation.updated_at),
        }
        for translation in rows.order_by("updated_at", "pk")
    ]


def lightning_talks(user: User) -> list[dict[str, Any]]:
    talks = (
        LightningTalk.objects.filter(speaker=user)
        .select_related("session__event")
        .order_by("created_at", "pk")
    )
    return [
        {
            "event": talk.session.event.title,
            "session": talk.session.title,
            "title": talk.title,
            "abstract": talk.abstract,
            "language": talk.language,
            "status": talk.status,
        }
        for talk in talks
    ]


def cancel_coming_registrations(user: User, now: datetime) -> None:
    """Before an account is erased, every active registration for a session still to come is
    cancelled, so the session counters stay right and freed places go to the people on the
    waiting list. Those of sessions that have begun go with the account; the sessions'
    counts keep them as they were."""
    active = (
        Registration.objects.filter(user=user, session__starts_at__gt=now)
        .exclude(status=Registration.Status.CANCELLED)
        .order_by("created_at", "pk")
    )
    for registration in active:
        registration_cancel(registration=registration, now=now)


def withdraw_talks(user: User, now: datetime) -> None:
    """Before an account is erased, its talks still proposed, and its accepted talks of
    sessions still to come, are withdrawn: no one is left to give them. Talks given in a
    session that has begun stay in its running order, by a deleted user."""
    talks = LightningTalk.objects.filter(speaker=user)
    talks_withdraw_pending(talks=talks.filter(status=LightningTalk.Status.PROPOSED))
    talks_withdraw_pending(talks=talks.filter(session__starts_at__gt=now))
