"""Helpers shared by the demo events: moments in time, registrations and talks."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from convene.accounts.models import User
from convene.events import services
from convene.events.models import LightningTalk, Registration, Session
from convene.events.services import Needs

from .people import People


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def local(zone: str, year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in `zone`, as an aware datetime (stored as the same instant in UTC)."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


def days_ahead(now: datetime, zone: str, days: int, hour: int, minute: int = 0) -> datetime:
    """`hour:minute` in `zone` on the local calendar day `days` after today there."""
    tz = ZoneInfo(zone)
    day: date = now.astimezone(tz).date() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def register_past(
    session: Session, people: People, needs: dict[str, Needs], *, at: datetime
) -> None:
    """Confirmed registrations for a session that has taken place, written directly.

    The registration service refuses sessions that have started, so history is written
    here, with the session's counter set to match.
    """
    for offset, (key, need) in enumerate(needs.items()):
        moment = at + timedelta(hours=7 * offset)
        registration = Registration(
            session=session,
            user=people[key],
            status=Registration.Status.CONFIRMED,
            interpretation_language=need.interpretation_language,
            needs_data_support=need.data_support,
            needs_childcare=need.childcare,
            accessibility_needs=need.accessibility,
            code_of_conduct_accepted_at=moment,
            created_at=moment,
            confirmed_at=moment,
        )
        registration.full_clean()
        registration.save()
    confirmed = session.registrations.filter(status=Registration.Status.CONFIRMED).count()
    Session.objects.filter(pk=session.pk).update(confirmed_count=confirmed)
    session.confirmed_count = confirmed


def register(session: Session, people: People, needs: dict[str, Needs], *, now: datetime) -> None:
    """Registrations for an upcoming session, through the service (places, waiting list, email)."""
    for key, need in needs.items():
        services.registration_create(
            session=session, user=people[key], needs=need, accepted_code_of_conduct=True, now=now
        )


def past_talk(
    session: Session,
    speaker: User,
    *,
    title: str,
    abstract: str,
    language: str,
    proposed_at: datetime,
    accept: bool = True,
) -> LightningTalk:
    """A talk of a past session: proposed then decided, as the organizers did at the time."""
    talk = LightningTalk(
        session=session,
        speaker=speaker,
        title=title,
        abstract=abstract,
        language=language,
        duration_minutes=5,
    )
    talk.full_clean()
    talk.save()
    LightningTalk.objects.filter(pk=talk.pk).update(created_at=proposed_at)
    return services.talk_decide(talk=talk, accept=accept, now=proposed_at + timedelta(days=2))
