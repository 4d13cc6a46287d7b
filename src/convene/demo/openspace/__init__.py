"""Demo data of open space: the Viral Open Space of September 2020 with its harvest, the
common event of December it led to, the series linking them, and an open space to try.

Loaded by `python -m convene load_demo` after the demo people (organized by the demo organizer,
conveners and participants among the demo participants):

- "Viral Open Space: the convergence of global networks" (`viral-open-space-convergence-2020`):
  20 September 2020 at 18:00 and 21 September at 16:00 Paris time (16:00 and 14:00 UTC), each
  day an opening circle, two slots of 45 minutes in three online rooms and a closing circle.
  Twelve topics placed, with interests, presences, notes (in Spanish, French and English,
  one translated from Spanish) and actions, among them the two letters to the UN Secretary
  General; its harvest is published. Sample data.
- "Viral Open Space: the major common event of 20 and 21 December"
  (`viral-open-space-december-2020`): three topics, one action carried from September.
- The series "From September to December: a collective journey"
  (`from-september-to-december-2020`) holds both, with two followers.
- "Open space: learning together across languages (sample)" (`open-space-sample`): ten
  days after the load, 4 slots of 50 minutes on whole hours in UTC × 5 rooms (one in a
  venue), open for proposals; every demo account is a participant, five topics proposed
  through the services and three placed by their conveners.

Idempotent: events and the series are matched by slug; what exists is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from convene.accounts.models import User
from convene.demo.events.build import register_past
from convene.demo.events.people import ORGANIZER_EMAIL, PARTICIPANTS
from convene.discussion import services as discussion_services
from convene.events import services as event_services
from convene.events.models import Event, LocationType, Session
from convene.events.services import Needs
from convene.openspace import services
from convene.openspace.models import (
    Action,
    ActionTaker,
    Interest,
    NoteVersion,
    OpenSpace,
    Presence,
    Room,
    Series,
    SeriesFollow,
    SeriesMeeting,
    Slot,
    Topic,
)
from convene.openspace.services_series import board_key

from . import texts

__all__ = ["EVENT_SLUGS", "SERIES_SLUG", "load", "remove"]

Log = Callable[[str], None]

SEPTEMBER_SLUG = "viral-open-space-convergence-2020"
DECEMBER_SLUG = "viral-open-space-december-2020"
UPCOMING_SLUG = "open-space-sample"
EVENT_SLUGS = (SEPTEMBER_SLUG, DECEMBER_SLUG, UPCOMING_SLUG)
SERIES_SLUG = "from-september-to-december-2020"
PARIS = "Europe/Paris"


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@dataclass(frozen=True)
class Context:
    now: datetime
    organizer: User
    people: dict[str, User]

    def person(self, key: str) -> User:
        return self.organizer if key == "organizer" else self.people[key]


def _context(now: datetime) -> Context | None:
    emails = {ORGANIZER_EMAIL: "organizer", **{p.email: p.key for p in PARTICIPANTS}}
    users = {emails[u.email.lower()]: u for u in User.objects.filter(email__in=list(emails))}
    if len(users) != len(emails):
        return None
    organizer = users.pop("organizer")
    return Context(now, organizer, users)


# --- Pieces ----------------------------------------------------------------------------------


def _event(context: Context, *, slug: str, title: str, summary: str, description: str,
           opens: datetime, closes: datetime, zone: str = PARIS) -> Event:  # fmt: skip
    return event_services.event_create(
        organizer=context.organizer,
        slug=slug,
        title=title,
        summary=summary,
        description=description,
        timezone=zone,
        is_published=True,
        registration_opens_at=opens,
        registration_closes_at=closes,
        link_reveal_hours=1,
    )


def _circles(event: Event, days: list[tuple[datetime, datetime]], zone: str) -> list[Session]:
    """An opening and a closing circle each day: the sessions people register for."""
    sessions: list[Session] = []
    for number, (opening, closing) in enumerate(days, start=1):
        label = f", day {number}" if len(days) > 1 else ""
        for title, start, length, description in (
            (
                f"Opening circle{label}",
                opening,
                30,
                "Welcome, the principles of open space, and the marketplace of topics.",
            ),
            (
                f"Closing circle{label}",
                closing,
                30,
                "What we take away: each topic's actions, and what comes next.",
            ),
        ):
            sessions.append(
                event_services.session_create(
                    event=event,
                    title=title,
                    agenda="open-space-circle",
                    description=description,
                    starts_at=start,
                    ends_at=start + timedelta(minutes=length),
                    timezone=zone,
                    interpretation_languages=["en", "es", "fr", "pt-br"] if zone == PARIS else [],
                    capacity=200,
                    location_type=LocationType.ONLINE,
                    meeting_url=f"https://meet.example.org/{event.slug}-circle",
                )
            )
    return sessions


def _rooms(open_space: OpenSpace, names: list[str]) -> list[Room]:
    return Room.objects.bulk_create(
        Room(
            open_space=open_space,
            name=name,
            kind=Room.Kind.ONLINE,
            meeting_url=f"https://meet.example.org/{open_space.event.slug}-{index + 1}",
            position=index,
        )
        for index, name in enumerate(names)
    )


def _topics(
    open_space: OpenSpace,
    context: Context,
    topics: tuple[texts.TopicText, ...],
    places: list[tuple[Slot, Room]],
    proposed_at: datetime,
) -> dict[str, Topic]:
    """Past topics, placed as their conveners did then, with the interests shown."""
    made = Topic.objects.bulk_create(
        Topic(
            open_space=open_space,
            convener=context.person(text.convener),
            title=text.title,
            description=text.description,
            languages=list(text.languages),
            wants_interpretation=text.wants_interpretation,
            wants_note_taker=text.wants_note_taker,
            status=Topic.Status.PLACED,
            slot=slot,
            room=room,
            interest_count=len(text.interested),
        )
        for text, (slot, room) in zip(topics, places, strict=True)
    )
    for index, topic in enumerate(made):
        moment = proposed_at + timedelta(minutes=7 * index)
        topic.created_at = topic.updated_at = moment
    Topic.objects.bulk_update(made, ["created_at", "updated_at"])
    Interest.objects.bulk_create(
        Interest(topic=topic, user=context.person(key))
        for text, topic in zip(topics, made, strict=True)
        for key in text.interested
    )
    return {text.key: topic for text, topic in zip(topics, made, strict=True)}


def _presences(
    topics: dict[str, Topic], context: Context, topic_texts: tuple[texts.TopicText, ...]
) -> None:
    """Each person at one topic per slot: its convener, and those interested who were free."""
    taken: set[tuple[int, int]] = set()
    presences: list[Presence] = []
    for text in topic_texts:
        topic = topics[text.key]
        for key in (text.convener, *text.interested):
            user = context.person(key)
            assert topic.slot_id is not None
            if (topic.slot_id, user.pk) in taken:
                continue
            taken.add((topic.slot_id, user.pk))
            presences.append(Presence(slot_id=topic.slot_id, topic=topic, user=user))
    Presence.objects.bulk_create(presences)


def _actions(
    open_space: OpenSpace,
    topics: dict[str, Topic],
    context: Context,
    actions: tuple[texts.ActionText, ...],
    written_at: datetime,
    carried_from: dict[str, Action] | None = None,
) -> dict[str, Action]:
    made: dict[str, Action] = {}
    for text in actions:
        action = Action.objects.create(
            open_space=open_space,
            topic=topics[text.topic],
            what=text.what,
            who=text.who,
            due_on=date(*text.due),
            created_by=context.person(text.created_by),
            carried_from=(carried_from or {}).get(text.key),
            done_at=datetime.combine(date(*text.due), time(12), tzinfo=UTC) if text.done else None,
        )
        Action.objects.filter(pk=action.pk).update(created_at=written_at)
        ActionTaker.objects.bulk_create(
            ActionTaker(action=action, user=context.person(key)) for key in text.takers
        )
        made[text.key] = action
    return made


def _register(
    sessions: list[Session], context: Context, keys: tuple[str, ...], *, at: datetime
) -> None:
    """Confirmed registrations of `keys` to each of the sessions, written directly (as the
    events demo writes its history), the sessions' counters set to match."""
    for session in sessions:
        register_past(session, context.people, {key: Needs() for key in keys}, at=at)


# --- The Viral Open Space of September 2020 -------------------------------------------------


def _september(context: Context) -> OpenSpace:
    event = _event(
        context,
        slug=SEPTEMBER_SLUG,
        title=texts.SEPTEMBER_TITLE,
        summary=texts.SEPTEMBER_SUMMARY,
        description=texts.SEPTEMBER_DESCRIPTION,
        opens=utc(2020, 9, 10, 7),
        closes=utc(2020, 9, 21, 14),
    )
    day1, day2 = utc(2020, 9, 20, 16), utc(2020, 9, 21, 14)  # 18:00 and 16:00 in Paris
    sessions = _circles(
        event, [(day1, day1 + timedelta(hours=2)), (day2, day2 + timedelta(hours=2))], PARIS
    )
    open_space = OpenSpace.objects.create(
        event=event, networks=list(texts.NETWORKS), is_sample=True
    )
    slots = Slot.objects.bulk_create(
        Slot(
            open_space=open_space,
            starts_at=day + timedelta(minutes=start),
            ends_at=day + timedelta(minutes=start + 45),
        )
        for day in (day1, day2)
        for start in (30, 75)
    )
    rooms = _rooms(open_space, ["Sala Ágora", "Salle Utopia", "Room Commons"])
    topics = _topics(
        open_space,
        context,
        texts.SEPTEMBER_TOPICS,
        [(slot, room) for slot in slots for room in rooms],
        proposed_at=utc(2020, 9, 18, 9),
    )
    day2_people = ("colibri", "ipe", "lavande", "harmattan", "feldhase", "nile")
    _register(sessions[:2], context, tuple(context.people), at=utc(2020, 9, 14, 8))
    _register(sessions[2:], context, day2_people, at=utc(2020, 9, 20, 19))
    _presences(topics, context, texts.SEPTEMBER_TOPICS)
    versions: dict[tuple[str, str], int] = {}
    for index, note in enumerate(texts.NOTES):
        number = versions.get((note.topic, note.language), 0) + 1
        versions[(note.topic, note.language)] = number
        topic = topics[note.topic]
        saved = NoteVersion.objects.create(
            topic=topic,
            language=note.language,
            number=number,
            based_on=number - 1 or None,
            body=note.body,
            author=context.person(note.author),
        )
        assert topic.slot is not None
        NoteVersion.objects.filter(pk=saved.pk).update(
            created_at=topic.slot.ends_at + timedelta(minutes=5 + 30 * index)
        )
    _actions(open_space, topics, context, texts.SEPTEMBER_ACTIONS, slots[-1].ends_at)
    services.harvest_publish(
        open_space=open_space, user=context.organizer, now=utc(2020, 9, 23, 10)
    )
    return open_space


# --- The common event of December 2020 --------------------------------------------------------


def _december(context: Context) -> OpenSpace:
    event = _event(
        context,
        slug=DECEMBER_SLUG,
        title=texts.DECEMBER_TITLE,
        summary=texts.DECEMBER_SUMMARY,
        description=texts.DECEMBER_DESCRIPTION,
        opens=utc(2020, 11, 20, 8),
        closes=utc(2020, 12, 21, 15),
    )
    day1, day2 = utc(2020, 12, 20, 16), utc(2020, 12, 21, 15)  # illustrative hours
    sessions = _circles(
        event, [(day1, day1 + timedelta(hours=2)), (day2, day2 + timedelta(hours=2))], PARIS
    )
    open_space = OpenSpace.objects.create(
        event=event, networks=list(texts.NETWORKS), is_sample=True
    )
    slots = Slot.objects.bulk_create(
        Slot(
            open_space=open_space,
            starts_at=day + timedelta(minutes=30),
            ends_at=day + timedelta(minutes=105),
        )
        for day in (day1, day2)
    )
    rooms = _rooms(open_space, ["Sala Ágora", "Salle Utopia"])
    topics = _topics(
        open_space,
        context,
        texts.DECEMBER_TOPICS,
        [(slots[0], rooms[0]), (slots[0], rooms[1]), (slots[1], rooms[0])],
        proposed_at=utc(2020, 12, 15, 9),
    )
    december_people = ("colibri", "ipe", "lavande", "harmattan", "feldhase")
    _register(sessions, context, december_people, at=utc(2020, 12, 1, 8))
    _presences(topics, context, texts.DECEMBER_TOPICS)
    september = Action.objects.filter(
        open_space__event__slug=SEPTEMBER_SLUG, topic__title=texts.SEPTEMBER_TOPICS[0].title
    ).first()
    _actions(
        open_space,
        topics,
        context,
        (texts.DECEMBER_CARRIED,),
        slots[0].ends_at,
        carried_from={texts.DECEMBER_CARRIED.key: september} if september else None,
    )
    services.harvest_publish(
        open_space=open_space, user=context.organizer, now=utc(2020, 12, 23, 10)
    )
    return open_space


def _series(context: Context) -> Series | None:
    events = list(Event.objects.filter(slug__in=(SEPTEMBER_SLUG, DECEMBER_SLUG)).order_by("pk"))
    if len(events) != 2:
        return None
    series = Series.objects.create(
        slug=SERIES_SLUG,
        title=texts.SERIES_TITLE,
        description=texts.SERIES_DESCRIPTION,
        is_published=True,
    )
    series.organizers.add(context.organizer)
    announced = {SEPTEMBER_SLUG: utc(2020, 9, 10, 7), DECEMBER_SLUG: utc(2020, 11, 20, 8)}
    SeriesMeeting.objects.bulk_create(
        SeriesMeeting(series=series, event=event, announced_at=announced[event.slug])
        for event in events
        if not SeriesMeeting.objects.filter(event=event).exists()
    )
    SeriesFollow.objects.bulk_create(
        SeriesFollow(series=series, user=context.people[key]) for key in ("colibri", "lavande")
    )
    # The discussion space between the meetings (empty: people start its threads).
    series.board = discussion_services.board_open(key=board_key(series), title=series.title)
    series.save(update_fields=["board"])
    return series


# --- An open space to try, ten days from now ----------------------------------------------------


def _upcoming(context: Context) -> OpenSpace:
    now = context.now
    first = datetime.combine((now + timedelta(days=10)).date(), time(13), tzinfo=UTC)
    event = _event(
        context,
        slug=UPCOMING_SLUG,
        title=texts.UPCOMING_TITLE,
        summary=texts.UPCOMING_SUMMARY,
        description=texts.UPCOMING_DESCRIPTION,
        opens=now - timedelta(days=3),
        closes=first + timedelta(hours=3),
        zone="UTC",
    )
    circles = _circles(event, [(first - timedelta(hours=1), first + timedelta(hours=4))], "UTC")
    open_space = OpenSpace.objects.create(event=event, is_sample=True)
    slots = Slot.objects.bulk_create(
        Slot(
            open_space=open_space,
            starts_at=first + timedelta(hours=n),
            ends_at=first + timedelta(hours=n, minutes=50),
        )
        for n in range(4)
    )
    rooms = Room.objects.bulk_create(
        [
            *(
                Room(open_space=open_space, name=name, meeting_url=url, position=index)
                for index, (name, url) in enumerate(texts.UPCOMING_ROOMS)
            ),
            Room(
                open_space=open_space,
                name=texts.UPCOMING_VENUE_ROOM[0],
                kind=Room.Kind.VENUE,
                place=texts.UPCOMING_VENUE_ROOM[1],
                position=len(texts.UPCOMING_ROOMS),
            ),
        ]
    )
    _register(circles, context, tuple(context.people), at=now - timedelta(days=4))
    topics: dict[str, Topic] = {}
    for text in texts.UPCOMING_TOPICS:
        topics[text.key] = services.topic_propose(
            open_space=open_space,
            convener=context.person(text.convener),
            title=text.title,
            description=text.description,
            topic_languages=list(text.languages),
            now=now,
        )
    for key, slot_index, room_index in texts.UPCOMING_PLACED:
        topic = topics[key]
        assert topic.convener is not None
        services.topic_place(
            topic=topic,
            user=topic.convener,
            slot=slots[slot_index],
            room=rooms[room_index],
            now=now,
        )
    for key, who in (("sprints", "komodo"), ("sprints", "zhujian"), ("glossaries", "feldhase")):
        services.interest_set(topic=topics[key], user=context.people[who], interested=True)
    return open_space


# --- Loading and removing -------------------------------------------------------------------


@transaction.atomic
def load(*, log: Log = print, now: datetime | None = None) -> None:
    """Add the demo open spaces and the series that are missing."""
    now = (now or timezone.now()).replace(microsecond=0)
    context = _context(now)
    if context is None:
        log("open space: skipped, the demo accounts are missing")
        return
    existing = set(Event.objects.filter(slug__in=EVENT_SLUGS).values_list("slug", flat=True))
    added: list[str] = []
    for slug, build in (
        (SEPTEMBER_SLUG, _september),
        (DECEMBER_SLUG, _december),
        (UPCOMING_SLUG, _upcoming),
    ):
        if slug not in existing:
            open_space = build(context)
            added.append(f"{slug} ({open_space.topics.count()} topics)")
    if not Series.objects.filter(slug=SERIES_SLUG).exists() and _series(context) is not None:
        added.append(f"series {SERIES_SLUG}")
    if added:
        log("open space: added " + ", ".join(added))
    else:
        log("open space: its demo open spaces and series are in place, left as they are")


@transaction.atomic
def remove(*, log: Log = print) -> None:
    """Delete the demo open spaces (their events, with everything in them) and the series."""
    events = Event.objects.filter(slug__in=EVENT_SLUGS)
    log(f"removing {events.count()} demo open spaces and their series")
    Series.objects.filter(slug=SERIES_SLUG).delete()
    # Topics hold their slot and room with PROTECT: take them first.
    Topic.objects.filter(open_space__event__in=events).delete()
    events.delete()
