"""The demo open spaces: the Viral Open Space of September 2020 with its harvest and its two
letters to the UN Secretary General, the December meeting it led to in a series, and an open
space ten days ahead in which the demo accounts propose and place topics."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from convene.accounts.models import User
from convene.demo import events
from convene.demo import openspace as demo_openspace
from convene.events.models import Event, Registration, Session
from convene.openspace import rules, services
from convene.openspace.models import (
    Action,
    NoteVersion,
    OpenSpace,
    Room,
    Series,
    SeriesFollow,
    Slot,
    Topic,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
SEPTEMBER = "viral-open-space-convergence-2020"
DECEMBER = "viral-open-space-december-2020"
UPCOMING = "open-space-sample"


def load(now=NOW) -> list[str]:
    lines: list[str] = []
    with time_machine.travel(now, tick=False):
        events.demo_load(log=lines.append)
        demo_openspace.load(log=lines.append)
    return lines


def counts() -> dict[str, int]:
    return {
        "open spaces": OpenSpace.objects.count(),
        "topics": Topic.objects.count(),
        "notes": NoteVersion.objects.count(),
        "actions": Action.objects.count(),
        "series": Series.objects.count(),
        "slots": Slot.objects.count(),
        "rooms": Room.objects.count(),
    }


def test_loading_twice_adds_everything_once():
    first = load()
    after_first = counts()
    second = load()

    assert after_first == {
        "open spaces": 3,
        "topics": 12 + 3 + 5,
        "notes": 8,
        "actions": 5,
        "series": 1,
        "slots": 4 + 2 + 4,
        "rooms": 3 + 2 + 5,
    }
    assert counts() == after_first
    assert first[-1] == (
        f"open space: added {SEPTEMBER} (12 topics), {DECEMBER} (3 topics), "
        f"{UPCOMING} (5 topics), series from-september-to-december-2020"
    )
    assert (
        second[-1] == "open space: its demo open spaces and series are in place, left as they are"
    )


def test_the_viral_open_space_is_finished_with_its_harvest_and_the_two_letters():
    load()

    open_space = OpenSpace.objects.select_related("event").get(event__slug=SEPTEMBER)
    assert open_space.is_sample
    assert open_space.event.is_published
    assert "Multi-convergence of global networks" in open_space.networks
    assert open_space.harvest_published_at == datetime(2020, 9, 23, 10, tzinfo=UTC)
    assert open_space.event.organizers.get().email == events.ORGANIZER_EMAIL
    assert [(s.title, s.starts_at) for s in Session.objects.filter(event=open_space.event)] == [
        ("Opening circle, day 1", datetime(2020, 9, 20, 16, tzinfo=UTC)),
        ("Closing circle, day 1", datetime(2020, 9, 20, 18, tzinfo=UTC)),
        ("Opening circle, day 2", datetime(2020, 9, 21, 14, tzinfo=UTC)),
        ("Closing circle, day 2", datetime(2020, 9, 21, 16, tzinfo=UTC)),
    ]
    topics = open_space.topics.all()
    assert {t.status for t in topics} == {Topic.Status.PLACED}
    assert len({(t.slot_id, t.room_id) for t in topics}) == 12
    assert all(
        r.meeting_url.startswith("https://meet.example.org/") for r in open_space.rooms.all()
    )
    letters = Action.objects.filter(open_space=open_space, what__contains="UN Secretary General")
    assert [(a.who, a.due_on) for a in letters] == [
        ("The drafting team of the networks' Spanish speakers", date(2020, 10, 24)),
        ("The drafting team of the networks' Spanish speakers", date(2020, 10, 10)),
    ]
    assert all(a.takers.exists() for a in letters)
    languages = set(
        NoteVersion.objects.filter(topic__open_space=open_space).values_list("language", flat=True)
    )
    assert languages == {"en", "es", "fr"}
    strategic = topics.get(title__startswith="Letter to the UN Secretary General: a new")
    assert list(strategic.note_versions.values_list("language", "number", "based_on")) == [
        ("en", 1, None),
        ("es", 1, None),
        ("es", 2, 1),
    ]


def test_the_series_carries_an_action_from_september_to_december():
    load()

    series = Series.objects.get(slug="from-september-to-december-2020")
    assert series.is_published
    assert series.title == "From September to December: a collective journey"
    assert [m.event.slug for m in series.meetings.select_related("event")] == [SEPTEMBER, DECEMBER]
    assert SeriesFollow.objects.filter(series=series).count() == 2
    # Its discussion space between the meetings is open, for people to start threads in.
    assert series.board is not None
    assert (series.board.key, series.board.is_open) == (f"openspace.series:{series.pk}", True)
    carried = Action.objects.get(open_space__event__slug=DECEMBER, carried_from__isnull=False)
    assert carried.carried_from is not None
    assert carried.carried_from.open_space.event.slug == SEPTEMBER
    assert Event.objects.get(slug=DECEMBER).sessions.first().starts_at.date() == date(2020, 12, 20)


def test_the_upcoming_open_space_has_free_places_and_a_demo_account_proposes_and_places():
    load()

    open_space = OpenSpace.objects.select_related("event").get(event__slug=UPCOMING)
    slots = list(open_space.slots.all())
    rooms = list(open_space.rooms.all())
    assert slots[0].starts_at == datetime(2026, 12, 17, 13, tzinfo=UTC)
    assert all(s.starts_at.minute == 0 for s in slots)
    assert len(slots) == 4
    assert [r.kind for r in rooms].count(Room.Kind.VENUE) == 1
    assert len(rooms) == 5
    placed = open_space.topics.filter(status=Topic.Status.PLACED)
    assert placed.count() == 3
    assert open_space.topics.filter(status=Topic.Status.PROPOSED).count() == 2
    taken = set(placed.values_list("slot_id", "room_id"))
    free = [(s, r) for s in slots for r in rooms if (s.pk, r.pk) not in taken]
    assert len(free) == 17

    confirmed = Registration.objects.filter(
        session__event=open_space.event, status=Registration.Status.CONFIRMED
    )
    assert confirmed.count() == 2 * 10  # the opening and the closing circle
    assert confirmed.values("user").distinct().count() == 10
    for email in ("organizer@example.org", "lavande@example.org", "harmattan@example.org"):
        assert rules.is_participant(User.objects.get(email=email), open_space)

    harmattan = User.objects.get(email="harmattan@example.org")
    with time_machine.travel(datetime(2026, 12, 8, 10, tzinfo=UTC), tick=False):
        topic = services.topic_propose(
            open_space=open_space,
            convener=harmattan,
            title="Hausa and Yoruba on our wikis",
            topic_languages=["en"],
        )
        slot, room = free[0]
        services.topic_place(topic=topic, user=harmattan, slot=slot, room=room)
    topic.refresh_from_db()
    assert (topic.status, topic.slot_id, topic.room_id) == (Topic.Status.PLACED, slot.pk, room.pk)


def test_the_open_spaces_go_with_the_reset():
    load()

    demo_openspace.remove(log=lambda line: None)

    assert not OpenSpace.objects.exists()
    assert not Series.objects.exists()
    assert not Event.objects.filter(slug__in=demo_openspace.EVENT_SLUGS).exists()
