"""Reads for events: each returns what a page needs in a constant number of queries."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from convene.accounts.models import User
from convene.accounts.users import Viewer
from convene.core.timezones import get_zone

from .models import Event, LightningTalk, Registration, Session


def event_list_upcoming(*, user: Viewer, now: datetime | None = None) -> list[Event]:
    return list(Event.objects.visible_to(user).upcoming(now or timezone.now()))


def event_list_past(*, user: Viewer, now: datetime | None = None, limit: int = 50) -> list[Event]:
    return list(Event.objects.visible_to(user).past(now or timezone.now())[:limit])


def event_get(*, slug: str) -> Event | None:
    return (
        Event.objects.filter(slug=slug)
        .prefetch_related(Prefetch("organizers", to_attr="organizer_list"))
        .first()
    )


def event_sessions(*, event: Event) -> list[Session]:
    return list(event.sessions.all().order_by("starts_at", "pk"))


def user_registrations_by_session(
    *, user: Viewer, sessions: list[Session]
) -> dict[int, Registration]:
    """The viewer's active registration for each of `sessions`, in one query."""
    if not user.is_authenticated or not sessions:
        return {}
    registrations = Registration.objects.active().filter(
        user=user, session_id__in=[session.pk for session in sessions]
    )
    return {registration.session_id: registration for registration in registrations}


def session_get(*, event: Event, session_id: int) -> Session | None:
    session = Session.objects.filter(event=event, pk=session_id).first()
    if session is not None:
        session.event = event  # reuse the event (and its prefetched organizers)
    return session


def user_registration(*, user: Viewer, session: Session) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.active().filter(user=user, session=session).first()


def waitlist_position(*, registration: Registration) -> int | None:
    if registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk),
        session_id=registration.session_id,
        status=Registration.Status.WAITLISTED,
    ).count()
    return ahead + 1


def session_talks_running_order(*, session: Session) -> list[LightningTalk]:
    return list(
        session.lightning_talks.filter(status=LightningTalk.Status.ACCEPTED)
        .select_related("speaker")
        .order_by("position", "created_at", "pk")
    )


def session_talks_all(*, session: Session) -> list[LightningTalk]:
    return list(
        session.lightning_talks.select_related("speaker").order_by(
            "status", "position", "created_at"
        )
    )


def user_talks(*, user: Viewer, session: Session) -> list[LightningTalk]:
    if not user.is_authenticated:
        return []
    return list(session.lightning_talks.filter(speaker=user).order_by("created_at"))


def session_registrations(
    *, session: Session, status: str | None = None, search: str = ""
) -> QuerySet[Registration]:
    queryset = session.registrations.select_related("user").order_by("created_at", "pk")
    if status:
        queryset = queryset.filter(status=status)
    if search:
        queryset = queryset.filter(
            Q(user__display_name__icontains=search) | Q(user__email__icontains=search)
        )
    return queryset


def session_status_counts(*, session: Session) -> dict[str, int]:
    rows = session.registrations.values("status").annotate(n=Count("pk")).order_by()
    counts = {status: 0 for status in Registration.Status.values}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def session_needs_summary(session: Session, *, use_archive: bool = True) -> dict[str, Any]:
    """How many active registrants need what: the organizers' planning figures.

    After sensitive answers are erased, the counts kept at that moment are returned.
    """
    if use_archive and session.needs_summary_archive:
        return dict(session.needs_summary_archive)
    active = session.registrations.active()
    totals = active.aggregate(
        registrants=Count("pk"),
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        data_support=Count("pk", filter=Q(needs_data_support=True)),
        childcare=Count("pk", filter=Q(needs_childcare=True)),
        accessibility=Count("pk", filter=~Q(accessibility_needs="")),
    )
    interpretation = {
        row["interpretation_language"]: row["n"]
        for row in active.exclude(interpretation_language="")
        .values("interpretation_language")
        .annotate(n=Count("pk"))
        .order_by("interpretation_language")
    }
    return {**totals, "interpretation": interpretation}


def session_timezone_spread(*, session: Session) -> list[tuple[str, int, str]]:
    """Active registrants by the UTC offset of their zone at the session's start: (offset, count, zones)."""
    zones = Counter(
        session.registrations.active().values_list("user__timezone", flat=True).order_by()
    )
    by_offset: dict[str, Counter[str]] = {}
    for name, count in zones.items():
        zone = get_zone(name or "UTC")
        offset = session.starts_at.astimezone(zone).utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset is not None else 0
        label = f"UTC{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
        by_offset.setdefault(label, Counter())[name or "—"] += count
    rows = [
        (label, sum(names.values()), ", ".join(f"{n} ({c})" for n, c in names.most_common(5)))
        for label, names in by_offset.items()
    ]
    return sorted(rows, key=lambda row: _offset_minutes(row[0]))


def _offset_minutes(label: str) -> int:
    sign = -1 if label[3] == "-" else 1
    hours, minutes = label[4:].split(":")
    return sign * (int(hours) * 60 + int(minutes))


def user_sessions_registered(*, user: User) -> list[Registration]:
    return list(
        Registration.objects.active()
        .filter(user=user)
        .select_related("session__event")
        .order_by("session__starts_at")
    )
