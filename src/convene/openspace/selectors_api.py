"""What the open-space JSON API reads, each in a constant number of queries.

Only open spaces of published events exist here, for everybody (their organizers included),
as in the rest of the API. Nothing read here carries a room's meeting link or anyone's
email address: people are named by their public name only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from convene.accounts.users import Viewer
from convene.events.models import Event, Session

from . import rules
from .models import (
    Action,
    NoteVersion,
    OpenSpace,
    Presence,
    Room,
    Series,
    SeriesMeeting,
    Slot,
    Topic,
)

# The topics the open space shows: in the marketplace and on the grid.
SHOWN_STATUSES = (Topic.Status.PROPOSED, Topic.Status.PLACED)


def open_spaces_listed() -> QuerySet[OpenSpace]:
    """Every open space of a published event, newest first, with `starts_at` and `ends_at`
    of its slots (None without slots)."""
    return (
        OpenSpace.objects.filter(event__is_published=True)
        .select_related("event")
        .annotate(starts_at=Min("slots__starts_at"), ends_at=Max("slots__ends_at"))
        .order_by("-created_at", "-pk")
    )


def _present_count() -> Coalesce:
    """How many people are at a topic (a subquery: no grouping of the topic's row)."""
    counted = (
        Presence.objects.filter(topic=OuterRef("pk"))
        .order_by()
        .values("topic")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def shown_topics(open_space: OpenSpace) -> QuerySet[Topic]:
    return (
        Topic.objects.filter(open_space=open_space, status__in=SHOWN_STATUSES)
        .select_related("convener")
        .annotate(present_count=_present_count())
        .order_by("created_at", "pk")
    )


def open_space_get(*, slug: str) -> OpenSpace | None:
    """The open space of the published event `slug`, with its event: one query."""
    return (
        OpenSpace.objects.filter(event__slug=slug, event__is_published=True)
        .select_related("event")
        .first()
    )


@dataclass
class OpenSpaceDetail:
    """An open space as the API gives it (`serializers.OpenSpaceDetailSerializer`)."""

    open_space: OpenSpace
    slots: list[Slot]
    rooms: list[Room]
    topics: list[Topic]

    @property
    def event(self) -> Event:
        return self.open_space.event

    @property
    def starts_at(self) -> datetime | None:
        return min((slot.starts_at for slot in self.slots), default=None)

    @property
    def ends_at(self) -> datetime | None:
        return max((slot.ends_at for slot in self.slots), default=None)

    @property
    def harvest_published_at(self) -> datetime | None:
        return self.open_space.harvest_published_at

    @property
    def is_sample(self) -> bool:
        return self.open_space.is_sample

    @property
    def grid_version(self) -> int:
        return self.open_space.grid_version

    @property
    def cohosts(self) -> dict[str, Any]:
        return {
            "organizations": list(self.open_space.cohosts.all()),
            "networks": [str(name) for name in self.open_space.networks or []],
        }


def open_space_detail(*, slug: str) -> OpenSpaceDetail | None:
    """An open space with its co-hosts, slots, rooms and shown topics: five queries."""
    open_space = (
        OpenSpace.objects.filter(event__slug=slug, event__is_published=True)
        .select_related("event")
        .prefetch_related("cohosts")
        .first()
    )
    if open_space is None:
        return None
    return OpenSpaceDetail(
        open_space=open_space,
        slots=list(open_space.slots.order_by("starts_at", "pk")),
        rooms=list(open_space.rooms.order_by("position", "pk")),
        topics=list(shown_topics(open_space)),
    )


def topic_get(*, open_space: OpenSpace, pk: int) -> Topic | None:
    """A topic of `open_space` (whatever its status), for a change: one query."""
    topic = Topic.objects.filter(open_space=open_space, pk=pk).first()
    if topic is not None:
        topic.open_space = open_space  # already loaded, with its event
    return topic


def topic_shown(*, topic: Topic) -> Topic:
    """The topic as the API gives it after a change, with its counts: one query."""
    return (
        Topic.objects.filter(pk=topic.pk)
        .select_related("convener")
        .annotate(present_count=_present_count())
        .get()
    )


@dataclass
class Harvest:
    open_space: OpenSpace
    topics: list[Topic]
    # Per topic id: the latest version of its notes in each language, by language.
    notes: dict[int, list[NoteVersion]]
    # Per topic id (None: actions of the open space itself), in the order written.
    actions: dict[int | None, list[Action]]


def harvest_visible(user: Viewer, open_space: OpenSpace) -> bool:
    """Everyone reads a published harvest; the organizers read it before too."""
    return rules.can_see_harvest(user, open_space)


def harvest(*, open_space: OpenSpace) -> Harvest:
    """Every shown topic with its place, the latest version of its notes in each language
    and its actions (with how many took each on): three queries."""
    topics = list(
        Topic.objects.filter(open_space=open_space, status__in=SHOWN_STATUSES)
        .select_related("slot", "room", "convener")
        .order_by(
            F("slot__starts_at").asc(nulls_last=True),
            F("room__position").asc(nulls_last=True),
            "room__pk",
            "created_at",
            "pk",
        )
    )
    newer = NoteVersion.objects.filter(
        topic=OuterRef("topic"), language=OuterRef("language"), number__gt=OuterRef("number")
    )
    notes: dict[int, list[NoteVersion]] = {}
    for version in (
        NoteVersion.objects.filter(topic__in=[topic.pk for topic in topics])
        .filter(~Exists(newer))
        .select_related("author")
        .order_by("topic", "language")
    ):
        notes.setdefault(version.topic_id, []).append(version)
    shown = {topic.pk for topic in topics}
    actions: dict[int | None, list[Action]] = {}
    for action in (
        Action.objects.filter(open_space=open_space)
        .annotate(takers_count=Count("takers"))
        .order_by("created_at", "pk")
    ):
        if action.topic_id is None or action.topic_id in shown:
            actions.setdefault(action.topic_id, []).append(action)
    return Harvest(open_space=open_space, topics=topics, notes=notes, actions=actions)


def series_get(*, slug: str) -> Series | None:
    """A published series with its meetings of published events, the earliest first (by
    the start of each event's first session), each with `starts_at` and whether the event
    is an open space: two queries."""
    first_start = (
        Session.objects.filter(event=OuterRef("event"))
        .order_by("starts_at", "pk")
        .values("starts_at")[:1]
    )
    meetings = (
        SeriesMeeting.objects.filter(event__is_published=True)
        .select_related("event")
        .annotate(
            starts_at=Subquery(first_start),
            is_open_space=Exists(OpenSpace.objects.filter(event=OuterRef("event"))),
        )
        .order_by(F("starts_at").asc(nulls_last=True), "pk")
    )
    return (
        Series.objects.filter(slug=slug, is_published=True)
        .prefetch_related(Prefetch("meetings", queryset=meetings, to_attr="meetings_shown"))
        .first()
    )
