"""What the open space's page (the grid and the marketplace) and a topic's page read, each
in a constant number of queries whatever the number of topics, rooms and participants."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.utils.translation import gettext

from convene.accounts.users import Viewer
from convene.core import languages
from convene.events.models import Event, Session
from convene.organizations.hosting import with_shown_name
from convene.organizations.models import Organization

from . import rules
from .models import Interest, OpenSpace, Presence, Room, Slot, Topic, link_reveal_at
from .services import grid_version_key

# How long the grid's version stays in the cache; every change deletes it at once.
GRID_VERSION_SECONDS = 60
# Which open space an event's slug names, for the poll (an event's slug rarely changes).
SLUG_KEY = "convene:openspace:slug:{slug}"
SLUG_SECONDS = 300


def open_space_get(*, slug: str, viewer: Viewer) -> OpenSpace | None:
    """The open space of the event `slug`, with its event, when `viewer` may see it (one
    query; one more for a signed-in viewer: whether they organize it)."""
    open_space = (
        OpenSpace.objects.select_related("event", "harvest_published_by")
        .filter(event__slug=slug)
        .first()
    )
    if open_space is None or not rules.can_view(viewer, open_space):
        return None
    return open_space


def open_space_pk(*, slug: str) -> int | None:
    """The id of the open space of the event `slug`, kept in the cache a few minutes so
    that polling its grid's version costs no query."""
    key = SLUG_KEY.format(slug=slug)
    pk = cache.get(key)
    if pk is None:
        pk = OpenSpace.objects.filter(event__slug=slug).values_list("pk", flat=True).first()
        if pk is None:
            return None
        cache.set(key, pk, SLUG_SECONDS)
    return int(pk)


def grid_version(*, open_space_id: int) -> int:
    """The grid's version as pages poll it: from the cache (no query), else from the
    database, kept a short while (services delete it when the grid changes)."""
    key = grid_version_key(open_space_id)
    version = cache.get(key)
    if version is None:
        version = (
            OpenSpace.objects.filter(pk=open_space_id)
            .values_list("grid_version", flat=True)
            .first()
        ) or 0
        cache.set(key, version, GRID_VERSION_SECONDS)
    return int(version)


# Caches each process keeps to itself: a change made in another process cannot delete
# their entries, so what must be fresh everywhere is read from the database instead.
PER_PROCESS_CACHES = frozenset(
    {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    }
)


def cache_is_shared() -> bool:
    """Whether every process reads and deletes the same cache (Redis, with `REDIS_URL`)."""
    return settings.CACHES["default"]["BACKEND"] not in PER_PROCESS_CACHES


def grid_version_of(*, slug: str) -> int | None:
    """The grid's version of the open space of the event `slug` (None: no such open
    space), as fresh in every process. With a shared cache: from it (no query once kept),
    since every change deletes it there. Without: one indexed query of one row, since a
    change made in another process cannot delete what this one keeps."""
    if cache_is_shared():
        pk = open_space_pk(slug=slug)
        return None if pk is None else grid_version(open_space_id=pk)
    found = list(
        OpenSpace.objects.filter(event__slug=slug).values_list("grid_version", flat=True)[:1]
    )
    return int(found[0]) if found else None


@dataclass
class GridTopic:
    """A topic as the grid and the marketplace show it: read as plain values (no model
    instance per topic), the convener's name and the languages' names already in words."""

    pk: int
    title: str
    status: str
    slot_id: int | None
    room_id: int | None
    convener_name: str
    language_names: list[str]
    interest_count: int
    people_count: int
    wants_interpretation: bool
    wants_note_taker: bool
    merged_into_title: str | None
    created_at: datetime

    @property
    def is_on_grid(self) -> bool:
        return self.status == Topic.Status.PLACED

    @property
    def is_active(self) -> bool:
        return self.status in (Topic.Status.PROPOSED, Topic.Status.PLACED)


@dataclass
class Cell:
    """A room in a slot: the topic placed there, or free."""

    room: Room
    topic: GridTopic | None = None


@dataclass
class SlotRow:
    slot: Slot
    cells: list[Cell]
    is_now: bool
    is_over: bool

    @property
    def placed(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.topic is not None]

    @property
    def free(self) -> list[Room]:
        return [cell.room for cell in self.cells if cell.topic is None]


@dataclass
class Place:
    """A free slot and room a topic can go to, as the place form offers it."""

    slot: Slot
    room: Room

    @property
    def value(self) -> str:
        return f"{self.slot.pk}-{self.room.pk}"


@dataclass
class GridPage:
    open_space: OpenSpace
    event: Event
    now: datetime
    slots: list[Slot]
    rooms: list[Room]
    rows: list[SlotRow]
    marketplace: list[GridTopic]
    gone: list[GridTopic]
    cohosts: list[Organization]
    sessions: list[Session]
    interests: set[int] = field(default_factory=set)
    presences: dict[int, int] = field(default_factory=dict)  # slot id: topic id
    is_participant: bool = False
    can_organize: bool = False
    can_propose: bool = False
    is_closed: bool = False
    version: int = 0


def language_names(topic: Topic) -> list[str]:
    """The languages a topic is held in, named in the reader's language."""
    return [languages.language_name(code) for code in topic.languages]


def _presence_counts(open_space: OpenSpace) -> dict[int, int]:
    """How many people are at each topic: one aggregate query."""
    return dict(
        Presence.objects.filter(topic__open_space=open_space)
        .values("topic_id")
        .annotate(count=Count("pk"))
        .values_list("topic_id", "count")
    )


def _viewer_interests(open_space: OpenSpace, viewer: Viewer) -> set[int]:
    if not viewer.is_authenticated:
        return set()
    return set(
        Interest.objects.filter(topic__open_space=open_space, user_id=viewer.pk).values_list(
            "topic_id", flat=True
        )
    )


def _viewer_presences(open_space: OpenSpace, viewer: Viewer) -> dict[int, int]:
    if not viewer.is_authenticated:
        return {}
    return dict(
        Presence.objects.filter(slot__open_space=open_space, user_id=viewer.pk).values_list(
            "slot_id", "topic_id"
        )
    )


def _convener_name(pk: int | None, display_name: str | None) -> str:
    """As `accounts`' `author_name` names them, without a user instance per topic."""
    if pk is None:
        return gettext("deleted user")
    return display_name or gettext("Participant %(number)s") % {"number": pk}


def _topics(open_space: OpenSpace, counts: dict[int, int]) -> list[GridTopic]:
    """Every topic of the open space as the grid shows it: one query of plain values."""
    names: dict[tuple[str, ...], list[str]] = {}
    topics = []
    for (
        pk,
        title,
        status,
        slot_id,
        room_id,
        convener_id,
        display_name,
        codes,
        interest_count,
        wants_interpretation,
        wants_note_taker,
        merged_into_title,
        created_at,
    ) in Topic.objects.filter(open_space=open_space).values_list(
        "pk",
        "title",
        "status",
        "slot_id",
        "room_id",
        "convener_id",
        "convener__display_name",
        "languages",
        "interest_count",
        "wants_interpretation",
        "wants_note_taker",
        "merged_into__title",
        "created_at",
    ):
        codes = tuple(codes or ())
        if codes not in names:
            names[codes] = [languages.language_name(code) for code in codes]
        topics.append(
            GridTopic(
                pk=pk,
                title=title,
                status=status,
                slot_id=slot_id,
                room_id=room_id,
                convener_name=_convener_name(convener_id, display_name),
                language_names=names[codes],
                interest_count=interest_count,
                people_count=counts.get(pk, 0),
                wants_interpretation=wants_interpretation,
                wants_note_taker=wants_note_taker,
                merged_into_title=merged_into_title,
                created_at=created_at,
            )
        )
    return topics


def _rows(
    slots: list[Slot], rooms: list[Room], topics: list[GridTopic], now: datetime
) -> list[SlotRow]:
    at = {(t.slot_id, t.room_id): t for t in topics if t.status == Topic.Status.PLACED}
    return [
        SlotRow(
            slot=slot,
            cells=[Cell(room=room, topic=at.get((slot.pk, room.pk))) for room in rooms],
            is_now=slot.starts_at <= now < slot.ends_at,
            is_over=slot.has_ended(now),
        )
        for slot in slots
    ]


def grid_page(
    *, open_space: OpenSpace, viewer: Viewer, now: datetime, full: bool = True
) -> GridPage:
    """Everything the open space's page shows `viewer`: the circles (the event's sessions),
    the co-hosts, the grid slot by slot, the marketplace, and the withdrawn and merged
    topics (as plain values: `GridTopic`); with the viewer's own interests and presences
    (put in by `rendering_grid`). Not `full`: the grid and the
    marketplace only (the fragment the page's script fetches)."""
    event = open_space.event
    slots = list(open_space.slots.all())
    rooms = list(open_space.rooms.all())
    topics = _topics(open_space, _presence_counts(open_space))
    sessions: list[Session] = []
    cohosts: list[Organization] = []
    if full:
        sessions = list(Session.objects.filter(event=event).order_by("starts_at", "pk"))
        for session in sessions:
            session.event = event
        cohosts = list(
            with_shown_name(
                Organization.objects.filter(open_spaces=open_space).order_by("name", "pk")
            )
        )
    marketplace = sorted(
        (t for t in topics if t.status == Topic.Status.PROPOSED),
        key=lambda t: (-t.interest_count, t.created_at, t.pk),
    )
    gone = [t for t in topics if not t.is_active]
    can_organize = rules.can_organize(viewer, open_space)
    is_participant = rules.is_participant(viewer, open_space)
    interests = _viewer_interests(open_space, viewer)
    presences = _viewer_presences(open_space, viewer)
    is_closed = rules.is_closed(open_space, slots, now)
    return GridPage(
        open_space=open_space,
        event=event,
        now=now,
        slots=slots,
        rooms=rooms,
        rows=_rows(slots, rooms, topics, now),
        marketplace=marketplace,
        gone=gone,
        cohosts=cohosts,
        sessions=sessions,
        interests=interests,
        presences=presences,
        is_participant=is_participant,
        can_organize=can_organize,
        can_propose=is_participant and not is_closed,
        is_closed=is_closed,
        version=open_space.grid_version,
    )


@dataclass
class TopicPage:
    open_space: OpenSpace
    event: Event
    topic: Topic
    now: datetime
    slots: list[Slot]
    people_count: int
    interested: bool
    here: bool  # the viewer is at this topic
    elsewhere: Topic | None  # the topic the viewer is at in this topic's slot, if another
    free_places: list[Place]
    merge_targets: list[Topic]
    link_state: str
    reveal_at: datetime | None
    is_participant: bool
    can_organize: bool
    is_convener: bool
    can_edit: bool
    can_place: bool
    can_withdraw: bool
    can_rearrange: bool
    can_join: bool


def free_places(
    *, slots: list[Slot], rooms: list[Room], topics: list[Topic], topic: Topic, now: datetime
) -> list[Place]:
    """The places `topic` can go to: slots not over, rooms no other topic holds in them."""
    taken = {
        (t.slot_id, t.room_id)
        for t in topics
        if t.status == Topic.Status.PLACED and t.pk != topic.pk
    }
    return [
        Place(slot=slot, room=room)
        for slot in slots
        if rules.slot_open_for_placing(slot, now)
        for room in rooms
        if (slot.pk, room.pk) not in taken and (slot.pk, room.pk) != (topic.slot_id, topic.room_id)
    ]


def topic_page(
    *, open_space: OpenSpace, topic_id: int, viewer: Viewer, now: datetime
) -> TopicPage | None:
    """Everything a topic's page shows `viewer`, or None for no such topic here."""
    topic = (
        Topic.objects.filter(open_space=open_space, pk=topic_id)
        .select_related("convener", "slot", "room", "merged_into")
        .first()
    )
    if topic is None:
        return None
    topic.open_space = open_space
    topic.language_names = language_names(topic)  # type: ignore[attr-defined]
    event = open_space.event
    slots = list(open_space.slots.all())
    can_organize = rules.can_organize(viewer, open_space)
    is_participant = rules.is_participant(viewer, open_space)
    can_place = rules.can_place(viewer, topic)
    can_rearrange = rules.can_rearrange(viewer, topic)
    places: list[Place] = []
    targets: list[Topic] = []
    if can_place or can_rearrange:
        rooms = list(open_space.rooms.all())
        others = [
            t
            for t in Topic.objects.filter(open_space=open_space)
            .exclude(pk=topic.pk)
            .only("pk", "title", "status", "slot_id", "room_id", "open_space_id")
        ]
        if can_place:
            places = free_places(slots=slots, rooms=rooms, topics=others, topic=topic, now=now)
        if can_rearrange:
            targets = [t for t in others if t.is_active]
    people_count = Presence.objects.filter(topic=topic).count() if topic.is_on_grid else 0
    interested = bool(
        viewer.is_authenticated and Interest.objects.filter(topic=topic, user_id=viewer.pk).exists()
    )
    here = False
    elsewhere: Topic | None = None
    if viewer.is_authenticated and topic.slot_id is not None:
        current = (
            Presence.objects.filter(slot_id=topic.slot_id, user_id=viewer.pk)
            .select_related("topic")
            .first()
        )
        if current is not None:
            here = current.topic_id == topic.pk
            elsewhere = None if here else current.topic
    return TopicPage(
        open_space=open_space,
        event=event,
        topic=topic,
        now=now,
        slots=slots,
        people_count=people_count,
        interested=interested,
        here=here,
        elsewhere=elsewhere,
        free_places=places,
        merge_targets=targets,
        link_state=rules.room_link_state(viewer, topic, now),
        reveal_at=link_reveal_at(topic.slot, event) if topic.slot is not None else None,
        is_participant=is_participant,
        can_organize=can_organize,
        is_convener=rules.is_convener(viewer, topic),
        can_edit=rules.can_edit_topic(viewer, topic) and topic.is_active,
        can_place=can_place and not rules.is_closed(open_space, slots, now),
        can_withdraw=rules.can_withdraw(viewer, topic),
        can_rearrange=can_rearrange,
        can_join=rules.can_join(viewer, topic, now),
    )
