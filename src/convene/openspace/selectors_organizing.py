"""What the list of open spaces and the organizers' pages read, each in a constant number
of queries whatever the number of open spaces, slots, rooms, topics and co-hosts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from django.db.models import (
    Count,
    DateTimeField,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from convene.accounts.users import Viewer
from convene.events import translations
from convene.events.models import Event, Session
from convene.organizations.models import Organization

from .models import OpenSpace, Room, Series, Slot, Topic

ACTIVE_STATUSES = (Topic.Status.PROPOSED, Topic.Status.PLACED)


def _bound(queryset: QuerySet, key: str, aggregate: Min | Max) -> Subquery:
    """The first start or last end of the rows of `queryset` grouped by `key`."""
    return Subquery(
        queryset.order_by().values(key).annotate(bound=aggregate).values("bound")[:1],
        output_field=DateTimeField(),
    )


def _count(queryset: QuerySet) -> Coalesce:
    counted = queryset.order_by().values("open_space").annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(counted[:1], output_field=IntegerField()), Value(0))


@dataclass
class OpenSpaceList:
    upcoming: list[OpenSpace]  # running now or still to come, the soonest first
    past: list[OpenSpace]  # over, the latest first
    series: list[Series]

    @property
    def empty(self) -> bool:
        return not (self.upcoming or self.past)


def _starts(open_space: OpenSpace) -> datetime | None:
    bounds = [
        getattr(open_space, "first_slot_start", None),
        getattr(open_space, "first_session_start", None),
    ]
    return min((bound for bound in bounds if bound is not None), default=None)


def _ends(open_space: OpenSpace) -> datetime | None:
    bounds = [
        getattr(open_space, "last_slot_end", None),
        getattr(open_space, "last_session_end", None),
    ]
    return max((bound for bound in bounds if bound is not None), default=None)


def open_space_list(*, viewer: Viewer, now: datetime, language: str) -> OpenSpaceList:
    """The open spaces whose event the viewer may see, each with `starts` and `ends` (its
    slots and the event's sessions, such as the opening and closing circles), its counts
    of topics, its co-hosts (`cohost_list`) and its event's title in `language`; and the
    series the viewer may see. Four queries (five when a title is translated)."""
    slots = Slot.objects.filter(open_space=OuterRef("pk"))
    sessions = Session.objects.filter(event=OuterRef("event_id"))
    topics = Topic.objects.filter(open_space=OuterRef("pk"))
    spaces: list[OpenSpace] = list(
        OpenSpace.objects.filter(event__in=Event.objects.visible_to(viewer))
        .select_related("event")
        .annotate(
            first_slot_start=_bound(slots, "open_space", Min("starts_at")),
            last_slot_end=_bound(slots, "open_space", Max("ends_at")),
            first_session_start=_bound(sessions, "event", Min("starts_at")),
            last_session_end=_bound(sessions, "event", Max("ends_at")),
            topic_count=_count(topics.filter(status__in=ACTIVE_STATUSES)),
            placed_count=_count(topics.filter(status=Topic.Status.PLACED)),
        )
        .prefetch_related(
            Prefetch(
                "cohosts", queryset=Organization.objects.order_by("name"), to_attr="cohost_list"
            )
        )
    )
    organized = _organized_event_ids(viewer, [space.event_id for space in spaces])
    starts = {space.pk: _starts(space) for space in spaces}
    ends = {space.pk: _ends(space) for space in spaces}
    for space in spaces:
        space.can_setup = space.event_id in organized  # type: ignore[attr-defined]
        space.starts = starts[space.pk]  # type: ignore[attr-defined]
        space.ends = ends[space.pk]  # type: ignore[attr-defined]
        cohosts: list[Organization] = getattr(space, "cohost_list", [])
        space.cohost_names = [  # type: ignore[attr-defined]
            *(organization.name for organization in cohosts),
            *space.networks,
        ]
    translations.attach_shown([space.event for space in spaces], language=language)

    def running(space: OpenSpace) -> bool:
        end = ends[space.pk]
        return end is None or end > now

    upcoming = sorted(
        (space for space in spaces if running(space)),
        key=lambda space: (starts[space.pk] is None, starts[space.pk] or now, space.pk),
    )
    past = sorted(
        (space for space in spaces if not running(space)),
        key=lambda space: (ends[space.pk] or now, space.pk),
        reverse=True,
    )
    return OpenSpaceList(upcoming=upcoming, past=past, series=series_visible(viewer))


def _organized_event_ids(viewer: Viewer, event_ids: list[int]) -> set[int]:
    """Which of the events the viewer organizes (every one, for administrators): one query
    for a signed-in organizer, none otherwise."""
    if not viewer.is_authenticated or not event_ids:
        return set()
    if viewer.is_superuser:
        return set(event_ids)
    return set(
        Event.organizers.through.objects.filter(
            user_id=viewer.pk, event_id__in=event_ids
        ).values_list("event_id", flat=True)
    )


def series_visible(viewer: Viewer) -> list[Series]:
    """Published series, and those the viewer organizes (every one, for administrators)."""
    queryset = Series.objects.all()
    if not (viewer.is_authenticated and viewer.is_superuser):
        visible = Q(is_published=True)
        if viewer.is_authenticated:
            organized = Series.organizers.through.objects.filter(user_id=viewer.pk)
            visible |= Q(pk__in=organized.values("series_id"))
        queryset = queryset.filter(visible)
    return list(queryset.order_by("title", "pk"))


# --- creating ---------------------------------------------------------------------------------


def events_without_open_space(user: Viewer) -> QuerySet[Event]:
    """The events `user` organizes (every one, for administrators) that are not yet an open
    space, the latest first."""
    events = Event.objects.filter(open_space__isnull=True)
    if not user.is_authenticated:
        return events.none()
    if not user.is_superuser:
        events = events.filter(organizers__pk=user.pk)
    return events.order_by("-created_at", "-pk")


def cohosts_offered(chosen_ids: set[int] | frozenset[int] = frozenset()) -> QuerySet[Organization]:
    """The registry's organizations a co-host is chosen from: the recognized ones, and any
    already chosen."""
    return Organization.objects.filter(
        Q(pk__in=Organization.objects.recognized().values("pk")) | Q(pk__in=list(chosen_ids))
    ).order_by("name")


# --- setting up ---------------------------------------------------------------------------------


def open_space_for_organizing(slug: str) -> OpenSpace | None:
    """The open space of the event with this short name, with its event."""
    return OpenSpace.objects.select_related("event").filter(event__slug=slug).first()


def room_of(open_space: OpenSpace, room_id: int) -> Room | None:
    return open_space.rooms.filter(pk=room_id).first()


def slot_of(open_space: OpenSpace, slot_id: int) -> Slot | None:
    return open_space.slots.filter(pk=slot_id).first()


@dataclass
class SetupPage:
    open_space: OpenSpace
    slots: list[Slot]  # each with `placed_count`
    rooms: list[Room]  # each with `placed_count`
    sessions: list[Session]  # the opening and closing circles, and any other session
    topics: list[Topic]  # every topic, with its slot, room and convener
    cohosts: list[Organization]
    status_counts: dict[str, int] = field(default_factory=dict)


def setup_page(open_space: OpenSpace, *, language: str) -> SetupPage:
    """Everything the setup page shows: five queries (six when the sessions' titles are
    translated)."""
    event = open_space.event
    slots = list(open_space.slots.all().order_by("starts_at", "pk"))
    rooms = list(open_space.rooms.all().order_by("position", "pk"))
    sessions = list(Session.objects.filter(event=event).order_by("starts_at", "pk"))
    for session in sessions:
        session.event = event  # read by its translations, without a query each
    translations.attach_shown(sessions, language=language)
    topics = list(
        Topic.objects.filter(open_space=open_space)
        .select_related("slot", "room", "convener")
        .order_by("created_at", "pk")
    )
    in_slot = Counter(topic.slot_id for topic in topics if topic.slot_id is not None)
    in_room = Counter(topic.room_id for topic in topics if topic.room_id is not None)
    for slot in slots:
        slot.placed_count = in_slot[slot.pk]  # type: ignore[attr-defined]
    for room in rooms:
        room.placed_count = in_room[room.pk]  # type: ignore[attr-defined]
        room.link_host = urlsplit(room.meeting_url).hostname or ""  # type: ignore[attr-defined]
    cohosts = list(open_space.cohosts.order_by("name"))
    return SetupPage(
        open_space=open_space,
        slots=slots,
        rooms=rooms,
        sessions=sessions,
        topics=topics,
        cohosts=cohosts,
        status_counts=dict(Counter(topic.status for topic in topics)),
    )
