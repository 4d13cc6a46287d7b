"""What the notes and actions of a topic, and the harvest, show.

Notes are versions per topic and language, never changed: a page shows the latest version
of each language, read in one query for one topic or for a whole open space (a subquery
picks the highest number of each topic and language; it runs the same on PostgreSQL and
SQLite). The language first written is the one whose version 1 was saved first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import BooleanField, Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from convene.accounts.users import Viewer
from convene.core import languages
from convene.documents.diff import word_diff

from . import rules
from .models import Action, ActionTaker, NoteVersion, OpenSpace, Room, Slot, Topic


def reader_language(requested: str | None = None) -> str:
    """The language notes are read in: `requested` when it is one notes are written in,
    else the interface's when it is one, else English."""
    for code in (requested, translation.get_language()):
        if code and code.lower() in languages.CONTENT:
            return code.lower()
    return "en"


def open_space_of(*, slug: str) -> OpenSpace:
    """The open space of the event `slug`, with its event (404 when there is none)."""
    return get_object_or_404(OpenSpace.objects.select_related("event"), event__slug=slug)


def topic_of(*, open_space: OpenSpace, topic_id: int) -> Topic:
    """A topic of `open_space` with its place (404 when it is another's)."""
    topic = get_object_or_404(
        Topic.objects.select_related("slot", "room", "convener"),
        pk=topic_id,
        open_space=open_space,
    )
    topic.open_space = open_space
    return topic


def action_of(*, topic: Topic, action_id: int) -> Action:
    action = get_object_or_404(Action, pk=action_id, topic=topic)
    action.topic = topic
    action.open_space = topic.open_space
    return action


def _latest_versions(topics: Q) -> QuerySet[NoteVersion]:
    """The latest version of each topic and language the filter `topics` selects, with
    its author and `first_pk`: the id of that language's version 1 (the earliest saved)."""
    same = NoteVersion.objects.filter(topic=OuterRef("topic"), language=OuterRef("language"))
    return (
        NoteVersion.objects.filter(topics)
        .filter(number=Subquery(same.order_by("-number").values("number")[:1]))
        .annotate(first_pk=Subquery(same.filter(number=1).values("pk")[:1]))
        .select_related("author")
        .order_by("topic_id", "first_pk")
    )


@dataclass(frozen=True)
class ShownNotes:
    """The notes a reader sees of one topic: the latest version in their language when
    there is one, else in the language first written (`is_translation_missing`)."""

    version: NoteVersion | None
    language: str
    language_name: str
    original_language: str
    is_translation_missing: bool
    # Every language the notes are written in: (code, name), the first written first.
    available: list[tuple[str, str]]

    @property
    def others(self) -> list[tuple[str, str]]:
        return [(code, name) for code, name in self.available if code != self.language]


def _shown(versions: list[NoteVersion], language: str) -> ShownNotes:
    """`versions`: one topic's latest version per language, the first written first."""
    by_language = {version.language: version for version in versions}
    available = [(v.language, languages.language_name(v.language)) for v in versions]
    if not versions:
        return ShownNotes(None, language, languages.language_name(language), language, False, [])
    original = versions[0].language
    shown = by_language.get(language) or versions[0]
    return ShownNotes(
        version=shown,
        language=shown.language,
        language_name=languages.language_name(shown.language),
        original_language=original,
        is_translation_missing=shown.language != language,
        available=available,
    )


@dataclass(frozen=True)
class ActionRow:
    action: Action
    takers: int
    taken: bool  # by the reader
    can_mark_done: bool


def _action_rows(actions: QuerySet[Action], user: Viewer) -> list[Action]:
    """`actions` with their number of takers and whether the reader took each on."""
    return list(
        actions.annotate(
            taker_count=Count("takers"),
            taken=Exists(ActionTaker.objects.filter(action=OuterRef("pk"), user_id=user.pk))
            if user.is_authenticated
            else Value(False, output_field=BooleanField()),
        ).order_by("created_at", "pk")
    )


def _row(action: Action, user: Viewer, organizer: bool) -> ActionRow:
    taken = bool(action.taken)  # type: ignore[attr-defined]
    mine = user.is_authenticated and action.created_by_id == user.pk
    return ActionRow(
        action=action,
        takers=action.taker_count,  # type: ignore[attr-defined]
        taken=taken,
        can_mark_done=bool(organizer or mine or taken),
    )


@dataclass
class NotesPanel:
    """The notes (latest version in the reader's language, else the first written) and
    actions of one topic, as its page shows them under the topic;
    `openspace/_notes_panel.html` renders it."""

    topic: Topic
    slug: str
    notes: ShownNotes
    reader_language: str
    reader_language_name: str
    signed_in: bool
    can_write: bool
    actions: list[ActionRow] = field(default_factory=list)

    @property
    def can_add_action(self) -> bool:
        return self.can_write

    @property
    def can_translate(self) -> bool:
        """Whether to offer writing the notes in the reader's language (a translation)."""
        return (
            self.can_write and self.notes.version is not None and self.notes.is_translation_missing
        )


def _present_ids(user: Viewer, topic: Topic) -> set[int] | None:
    """The people at `topic` when the rule needs them for `user` (one query), else None."""
    if not user.is_authenticated or rules.is_convener(user, topic):
        return set()
    return set(topic.presences.values_list("user_id", flat=True))


def topic_notes_panel(*, topic: Topic, user: Viewer, language: str) -> NotesPanel:
    """Everything the notes panel of `topic` shows to `user` reading in `language`: the
    latest versions (one query), the actions with their takers (one query); for a signed-in
    reader, the organizers and the people at the topic (one query each)."""
    open_space = topic.open_space
    language = reader_language(language)
    versions = list(_latest_versions(Q(topic=topic)))
    organizer = rules.can_organize(user, open_space)
    can_write = False
    if user.is_authenticated:
        present = set() if organizer else _present_ids(user, topic)
        can_write = rules.can_write_notes(user, topic, present)
    actions = _action_rows(Action.objects.filter(topic=topic), user)
    return NotesPanel(
        topic=topic,
        slug=open_space.event.slug,
        notes=_shown(versions, language),
        reader_language=language,
        reader_language_name=languages.language_name(language),
        signed_in=user.is_authenticated,
        can_write=can_write,
        actions=[_row(action, user, organizer) for action in actions],
    )


def notes_latest(*, topic: Topic, language: str) -> NoteVersion | None:
    return (
        NoteVersion.objects.filter(topic=topic, language=language)
        .select_related("author")
        .order_by("-number")
        .first()
    )


def notes_languages(*, topic: Topic) -> list[str]:
    """The languages `topic`'s notes are written in, the first written first."""
    firsts = NoteVersion.objects.filter(topic=topic, number=1).order_by("pk")
    return list(firsts.values_list("language", flat=True))


@dataclass(frozen=True)
class HistoryEntry:
    version: NoteVersion
    # The words changed since the version before (None for the first).
    diff: SafeString | None
    # Someone else saved in between: the writer started from an older version.
    written_from_older: bool


def notes_history(*, topic: Topic, language: str) -> list[HistoryEntry]:
    """Every version of `topic`'s notes in `language`, the latest first, each with the
    words changed since the one before (one query)."""
    versions = list(
        NoteVersion.objects.filter(topic=topic, language=language)
        .select_related("author")
        .order_by("number")
    )
    entries = []
    previous: NoteVersion | None = None
    for version in versions:
        entries.append(
            HistoryEntry(
                version=version,
                diff=word_diff(previous.body, version.body) if previous is not None else None,
                written_from_older=previous is not None
                and version.based_on is not None
                and version.based_on != previous.number,
            )
        )
        previous = version
    return entries[::-1]


# --- the harvest ---------------------------------------------------------------------


@dataclass(frozen=True)
class HarvestTopic:
    topic: Topic
    notes: ShownNotes
    actions: list[ActionRow]


@dataclass(frozen=True)
class HarvestSlot:
    slot: Slot
    topics: list[HarvestTopic]  # by room


@dataclass(frozen=True)
class Harvest:
    open_space: OpenSpace
    language: str
    language_name: str
    slots: list[HarvestSlot]
    not_held: list[HarvestTopic]
    # Every language some notes are written in: (code, name), sorted by name.
    languages: list[tuple[str, str]]
    is_published: bool
    can_publish: bool
    closes_at: datetime | None

    @property
    def is_empty(self) -> bool:
        return not self.not_held and not any(slot.topics for slot in self.slots)


def harvest_of(*, open_space: OpenSpace, user: Viewer, language: str, now: datetime) -> Harvest:
    """The harvest of `open_space` read in `language`: every placed topic by slot and room,
    then the topics proposed but not held, each with its notes and actions. Four queries
    whatever their number (slots, topics with their rooms, latest versions, actions), and
    the organizers for a signed-in reader."""
    if not rules.can_see_harvest(user, open_space):
        raise Http404(_("The harvest is not published yet."))
    language = reader_language(language)
    slots = list(open_space.slots.all())
    topics = list(
        Topic.objects.filter(
            open_space=open_space, status__in=[Topic.Status.PLACED, Topic.Status.PROPOSED]
        )
        .select_related("room", "convener")
        .order_by("created_at", "pk")
    )
    versions: dict[int, list[NoteVersion]] = defaultdict(list)
    for version in _latest_versions(Q(topic__open_space=open_space)):
        versions[version.topic_id].append(version)
    organizer = rules.can_organize(user, open_space)
    actions: dict[int | None, list[ActionRow]] = defaultdict(list)
    for action in _action_rows(
        Action.objects.filter(open_space=open_space, topic__isnull=False), user
    ):
        actions[action.topic_id].append(_row(action, user, organizer))

    def harvested(topic: Topic) -> HarvestTopic:
        topic.open_space = open_space
        return HarvestTopic(topic, _shown(versions[topic.pk], language), actions[topic.pk])

    by_slot: dict[int, list[Topic]] = defaultdict(list)
    not_held = []
    for topic in topics:
        if topic.status == Topic.Status.PLACED and topic.slot_id is not None:
            by_slot[topic.slot_id].append(topic)
        else:
            not_held.append(harvested(topic))
    shown_slots = [
        HarvestSlot(
            slot=slot,
            topics=[harvested(t) for t in sorted(by_slot[slot.pk], key=_room_order)],
        )
        for slot in slots
        if by_slot[slot.pk]
    ]
    written = {version.language for shown in versions.values() for version in shown}
    return Harvest(
        open_space=open_space,
        language=language,
        language_name=languages.language_name(language),
        slots=shown_slots,
        not_held=not_held,
        languages=[
            (code, name)
            for code, name in languages.sorted_choices(languages.CONTENT)
            if code in written
        ],
        is_published=open_space.harvest_published_at is not None,
        can_publish=rules.can_publish_harvest(user, open_space, slots, now),
        closes_at=rules.closes_at(open_space, slots),
    )


def _room_order(topic: Topic) -> tuple[int, int]:
    room: Room | None = topic.room
    return (room.position, room.pk) if room is not None else (0, 0)
