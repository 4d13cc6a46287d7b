"""Reads for events: each returns what a page needs in a constant number of queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from convene.accounts.models import User
from convene.accounts.users import Viewer
from convene.core import languages
from convene.core.lists import joined_text
from convene.core.timezones import get_zone, zone_city

from .models import Event, LightningTalk, LocationType, Registration, Session


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


def session_agenda_others(*, session: Session) -> list[Session]:
    """The other sessions of the event that run the same programme (the same agenda), in
    one query, none when the session has no agenda."""
    if not session.agenda:
        return []
    others = list(
        Session.objects.filter(event_id=session.event_id, agenda=session.agenda)
        .exclude(pk=session.pk)
        .order_by("starts_at", "pk")
    )
    for other in others:
        other.event = session.event
    return others


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


@dataclass
class Figure:
    """One planning figure: confirmed people, people on the waiting list, and `together`,
    active people counted as one (an archive kept before the two were counted apart)."""

    confirmed: int = 0
    waiting: int = 0
    together: int = 0

    @property
    def active(self) -> int:
        return self.confirmed + self.waiting + self.together

    def add(self, other: Figure) -> None:
        self.confirmed += other.confirmed
        self.waiting += other.waiting
        self.together += other.together


NEEDS = ("registrants", "data_support", "childcare", "accessibility", "in_person", "online")


@dataclass
class NeedsSummary:
    """How many active registrants need what, confirmed and waiting apart: what the
    organizers plan interpreters, data packages, childcare and rooms with.

    `split` is False for an archive written before confirmed and waiting people were
    counted apart: its figures are all in `together`.
    """

    split: bool = True
    registrants: Figure = field(default_factory=Figure)
    data_support: Figure = field(default_factory=Figure)
    childcare: Figure = field(default_factory=Figure)
    accessibility: Figure = field(default_factory=Figure)
    in_person: Figure = field(default_factory=Figure)
    online: Figure = field(default_factory=Figure)
    interpretation: dict[str, Figure] = field(default_factory=dict)

    def add(self, other: NeedsSummary) -> None:
        self.split = self.split and other.split
        for name in NEEDS:
            getattr(self, name).add(getattr(other, name))
        for code, figure in other.interpretation.items():
            self.interpretation.setdefault(code, Figure()).add(figure)

    def as_archive(self) -> dict[str, Any]:
        """As kept in `Session.needs_summary_archive` when sensitive answers are erased."""
        return {
            "version": 2,
            **{name: asdict(getattr(self, name)) for name in NEEDS},
            "interpretation": {
                code: asdict(figure) for code, figure in sorted(self.interpretation.items())
            },
        }

    @classmethod
    def from_archive(cls, data: dict[str, Any]) -> NeedsSummary:
        summary = cls(split=data.get("version") == 2)
        if summary.split:
            for name in NEEDS:
                setattr(summary, name, Figure(**data.get(name, {})))
            summary.interpretation = {
                code: Figure(**figure) for code, figure in data["interpretation"].items()
            }
            return summary
        # The first archives counted every active registrant, confirmed or waiting, as one.
        for name in NEEDS:
            setattr(summary, name, Figure(together=int(data.get(name) or 0)))
        summary.interpretation = {
            code: Figure(together=int(count))
            for code, count in (data.get("interpretation") or {}).items()
        }
        return summary


def _live_needs(where: Q) -> dict[int, NeedsSummary]:
    """The needs of the active registrations `where` says, per session, in two queries."""
    summaries: dict[int, NeedsSummary] = {}

    def figure(row: dict[str, Any], count: int) -> Figure:
        if row["status"] == Registration.Status.CONFIRMED:
            return Figure(confirmed=count)
        return Figure(waiting=count)

    active = Registration.objects.active().filter(where).order_by()
    rows = active.values("session_id", "status").annotate(
        registrants=Count("pk"),
        data_support=Count("pk", filter=Q(needs_data_support=True)),
        childcare=Count("pk", filter=Q(needs_childcare=True)),
        accessibility=Count("pk", filter=~Q(accessibility_needs="")),
        in_person=Count("pk", filter=Q(attendance=Registration.Attendance.IN_PERSON)),
        online=Count("pk", filter=Q(attendance=Registration.Attendance.ONLINE)),
    )
    for row in rows:
        summary = summaries.setdefault(row["session_id"], NeedsSummary())
        for name in NEEDS:
            getattr(summary, name).add(figure(row, row[name]))
    by_language = (
        active.exclude(interpretation_language="")
        .values("session_id", "status", "interpretation_language")
        .annotate(n=Count("pk"))
    )
    for row in by_language:
        summary = summaries.setdefault(row["session_id"], NeedsSummary())
        code = row["interpretation_language"]
        summary.interpretation.setdefault(code, Figure()).add(figure(row, row["n"]))
    for summary in summaries.values():
        summary.interpretation = dict(sorted(summary.interpretation.items()))
    return summaries


def session_needs_summary(session: Session, *, use_archive: bool = True) -> NeedsSummary:
    """How many active registrants need what, confirmed and waiting apart (two queries).

    After sensitive answers are erased, the counts kept at that moment are returned.
    """
    if use_archive and session.needs_summary_archive:
        return NeedsSummary.from_archive(session.needs_summary_archive)
    live = _live_needs(Q(session_id=session.pk))
    return live.get(session.pk, NeedsSummary())


@dataclass
class EventNeeds:
    """The needs of every session of an event, and their total."""

    rows: list[tuple[Session, NeedsSummary]]
    total: NeedsSummary
    languages: list[str]  # every interpretation language offered or asked for, in order
    hybrid: bool  # whether any session is hybrid: then attendance is counted


def event_needs_summary(*, event: Event) -> EventNeeds:
    """The needs of each session of `event` (archived ones as kept), in three queries."""
    sessions = event_sessions(event=event)
    live = _live_needs(Q(session__event=event))
    rows = []
    total = NeedsSummary()
    codes: set[str] = set()
    for session in sessions:
        session.event = event
        summary = (
            NeedsSummary.from_archive(session.needs_summary_archive)
            if session.needs_summary_archive
            else live.get(session.pk, NeedsSummary())
        )
        rows.append((session, summary))
        total.add(summary)
        codes.update(session.interpretation_languages or [])
        codes.update(summary.interpretation)
    return EventNeeds(
        rows=rows,
        total=total,
        languages=[code for code in languages.CONTENT if code in codes]
        + sorted(codes - set(languages.CONTENT)),
        hybrid=any(session.location_type == LocationType.HYBRID for session in sessions),
    )


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
        (
            label,
            sum(names.values()),
            joined_text(
                f"{zone_city(n) if n != '—' else n} ({c})" for n, c in names.most_common(5)
            ),
        )
        for label, names in by_offset.items()
    ]
    return sorted(rows, key=lambda row: _offset_minutes(row[0]))


def _offset_minutes(label: str) -> int:
    sign = -1 if label[3] == "-" else 1
    hours, minutes = label[4:].split(":")
    return sign * (int(hours) * 60 + int(minutes))


def user_sessions_registered(*, user: User) -> list[Registration]:
    """The person's active registrations, soonest first, each waiting one with its
    `waitlist_position` (None when confirmed), in one query."""
    ahead = (
        Registration.objects.filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk")),
            session_id=OuterRef("session_id"),
            status=Registration.Status.WAITLISTED,
        )
        .order_by()
        .values("session_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    registrations = list(
        Registration.objects.active()
        .filter(user=user)
        .select_related("session__event")
        .annotate(waiting_ahead=Coalesce(Subquery(ahead), 0))
        .order_by("session__starts_at", "pk")
    )
    for registration in registrations:
        registration.waitlist_position = (  # type: ignore[attr-defined]
            registration.waiting_ahead + 1  # type: ignore[attr-defined]
            if registration.status == Registration.Status.WAITLISTED
            else None
        )
    return registrations
