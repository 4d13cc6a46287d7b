"""The open-space read API: the list, an open space with its grid and marketplace, the
harvest, a series; never a meeting link nor an email; constant query counts."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

import pytest
import time_machine
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from convene.openspace.models import Interest, OpenSpace, Presence, Room, Topic
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory
from tests.organizations.factories import OrganizationFactory

from .factories import (
    NOW,
    SLOT_START,
    ActionFactory,
    NoteVersionFactory,
    OpenSpaceFactory,
    RoomFactory,
    SeriesFactory,
    SeriesMeetingFactory,
    SlotFactory,
    TopicFactory,
    grid,
    participant,
    placed,
)

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Not found.", "code": "not_found"}


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def space_with_grid(slug="global-open-space", **fields):
    space = OpenSpaceFactory(
        event=EventFactory(slug=slug, title="Global open space", **fields.pop("event", {})),
        **fields,
    )
    slots, rooms = grid(space)
    return space, slots, rooms


def secrets_absent(response, *emails):
    text = response.content.decode()
    assert "meeting_url" not in text
    assert "meet.example.org" not in text
    for email in emails:
        assert email not in text


# --- The list -------------------------------------------------------------------------


def test_the_list_has_open_spaces_of_published_events_newest_first(api, frozen):
    first, _slots, _rooms = space_with_grid("first")
    second = OpenSpaceFactory(event=EventFactory(slug="second", title="Second"), is_sample=True)
    OpenSpaceFactory(event=EventFactory(slug="draft", is_published=False))
    OpenSpace.objects.filter(pk=first.pk).update(harvest_published_at=NOW)

    response = api.get("/api/v1/open-spaces/")

    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [
            {
                "event": "second",
                "title": "Second",
                "starts_at": None,
                "ends_at": None,
                "harvest_published": False,
                "harvest_published_at": None,
                "is_sample": True,
            },
            {
                "event": "first",
                "title": "Global open space",
                "starts_at": "2020-09-20T16:00:00Z",
                "ends_at": "2020-09-20T17:50:00Z",
                "harvest_published": True,
                "harvest_published_at": "2020-09-19T12:00:00Z",
                "is_sample": False,
            },
        ],
    }
    assert second.pk > first.pk


# --- One open space ---------------------------------------------------------------------


def test_an_open_space_gives_its_grid_and_marketplace_without_links_or_emails(api, frozen):
    space, slots, rooms = space_with_grid()
    Room.objects.filter(pk=rooms[1].pk).update(kind="venue", place="Hall B, second floor")
    space.networks = ["Wikimedia Europe network"]
    space.save(update_fields=["networks"])
    space.cohosts.add(OrganizationFactory(name="Wikimedians of Ghana", slug="wikimedians-ghana"))
    convener = UserFactory(display_name="Amina", email="amina@example.org")
    topic = placed(
        TopicFactory(
            open_space=space,
            convener=convener,
            title="Letters to the UN",
            description="Drafting together.",
            languages=["en", "fr"],
            wants_interpretation=True,
        ),
        slots[0],
        rooms[1],
    )
    proposed = TopicFactory(open_space=space, convener=None, title="Offline reading")
    TopicFactory(open_space=space, title="Gone", status=Topic.Status.WITHDRAWN)
    for person in UserFactory.create_batch(2):
        Interest.objects.create(topic=topic, user=person)
        Presence.objects.create(topic=topic, slot=slots[0], user=person)
    Topic.objects.filter(pk=topic.pk).update(interest_count=2)

    response = api.get("/api/v1/open-spaces/global-open-space/")

    assert response.status_code == 200
    assert response.json() == {
        "event": "global-open-space",
        "title": "Global open space",
        "starts_at": "2020-09-20T16:00:00Z",
        "ends_at": "2020-09-20T17:50:00Z",
        "harvest_published": False,
        "harvest_published_at": None,
        "is_sample": False,
        "cohosts": {
            "organizations": [{"name": "Wikimedians of Ghana", "slug": "wikimedians-ghana"}],
            "networks": ["Wikimedia Europe network"],
        },
        "slots": [
            {
                "id": slots[0].pk,
                "starts_at": "2020-09-20T16:00:00Z",
                "ends_at": "2020-09-20T16:50:00Z",
            },
            {
                "id": slots[1].pk,
                "starts_at": "2020-09-20T17:00:00Z",
                "ends_at": "2020-09-20T17:50:00Z",
            },
        ],
        "rooms": [
            {"id": rooms[0].pk, "name": "Room 1", "kind": "online", "place": None},
            {"id": rooms[1].pk, "name": "Room 2", "kind": "venue", "place": "Hall B, second floor"},
        ],
        "topics": [
            {
                "id": topic.pk,
                "title": "Letters to the UN",
                "description": "Drafting together.",
                "languages": ["en", "fr"],
                "status": "placed",
                "slot": slots[0].pk,
                "room": rooms[1].pk,
                "convener": "Amina",
                "interest_count": 2,
                "present_count": 2,
                "wants_interpretation": True,
                "wants_note_taker": False,
            },
            {
                "id": proposed.pk,
                "title": "Offline reading",
                "description": "What we would talk about.",
                "languages": ["en"],
                "status": "proposed",
                "slot": None,
                "room": None,
                "convener": None,
                "interest_count": 0,
                "present_count": 0,
                "wants_interpretation": False,
                "wants_note_taker": False,
            },
        ],
        "grid_version": 1,
    }
    secrets_absent(response, "amina@example.org", "example.org")


def test_a_participant_signed_in_gets_no_meeting_link_either(api, frozen):
    space, slots, rooms = space_with_grid()
    person = participant(space, email="kofi@example.org")
    placed(TopicFactory(open_space=space, convener=person), slots[0], rooms[0])
    api.force_login(person)

    with time_machine.travel(SLOT_START, tick=False):
        response = api.get("/api/v1/open-spaces/global-open-space/")

    assert response.status_code == 200
    secrets_absent(response, "kofi@example.org")


@pytest.mark.parametrize("path", ["", "harvest/"], ids=["open space", "harvest"])
def test_an_open_space_of_an_unpublished_event_does_not_exist_even_for_organizers(
    api, frozen, path
):
    organizer = UserFactory()
    space = OpenSpaceFactory(event=EventFactory(slug="draft", is_published=False))
    space.event.organizers.add(organizer)
    OpenSpace.objects.filter(pk=space.pk).update(harvest_published_at=NOW)
    api.force_login(organizer)

    response = api.get(f"/api/v1/open-spaces/draft/{path}")

    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_an_event_without_open_space_is_not_found(api):
    EventFactory(slug="plain")

    response = api.get("/api/v1/open-spaces/plain/")

    assert (response.status_code, response.json()) == (404, NOT_FOUND)


# --- The harvest -------------------------------------------------------------------------


def harvest_space():
    space, slots, rooms = space_with_grid()
    Room.objects.filter(pk=rooms[0].pk).update(kind="venue", place="Hall A")
    rooms[0].refresh_from_db()
    amina = UserFactory(display_name="Amina", email="amina@example.org")
    kofi = UserFactory(display_name="Kofi", email="kofi@example.org")
    letters = placed(
        TopicFactory(open_space=space, convener=amina, title="Letters", languages=["en"]),
        slots[1],
        rooms[0],
    )
    reading = placed(
        TopicFactory(open_space=space, convener=kofi, title="Reading"), slots[0], rooms[1]
    )
    TopicFactory(open_space=space, title="Withdrawn", status=Topic.Status.WITHDRAWN)
    return space, slots, rooms, amina, kofi, letters, reading


def test_the_published_harvest_gives_every_topic_with_its_latest_notes_and_actions(api, frozen):
    space, slots, rooms, amina, kofi, letters, reading = harvest_space()
    NoteVersionFactory(topic=letters, language="en", number=1, body="First.", author=amina)
    latest_en = NoteVersionFactory(
        topic=letters, language="en", number=2, body="# Second", author=kofi
    )
    NoteVersionFactory(topic=letters, language="fr", number=1, body="Premier.", author=None)
    earlier = ActionFactory(topic=TopicFactory(open_space=space, status="withdrawn"))
    action = ActionFactory(
        topic=letters,
        what="Send the letter",
        who="Amina and Kofi",
        due_on=dt.date(2020, 10, 1),
        carried_from=earlier,
        done_at=NOW,
        created_by=amina,
    )
    action.takers.create(user=kofi)
    action.takers.create(user=amina)
    general = ActionFactory(topic=None, open_space=space, what="Thank the hosts", who="")
    OpenSpace.objects.filter(pk=space.pk).update(harvest_published_at=NOW)

    response = api.get("/api/v1/open-spaces/global-open-space/harvest/")

    assert response.status_code == 200
    slot = {
        "id": slots[0].pk,
        "starts_at": "2020-09-20T16:00:00Z",
        "ends_at": "2020-09-20T16:50:00Z",
    }
    assert response.json() == {
        "event": "global-open-space",
        "title": "Global open space",
        "harvest_published_at": "2020-09-19T12:00:00Z",
        "topics": [
            {
                "id": reading.pk,
                "title": "Reading",
                "description": "What we would talk about.",
                "languages": ["en"],
                "status": "placed",
                "convener": "Kofi",
                "slot": slot,
                "room": {"id": rooms[1].pk, "name": "Room 2", "kind": "online", "place": None},
                "notes": [],
                "actions": [],
            },
            {
                "id": letters.pk,
                "title": "Letters",
                "description": "What we would talk about.",
                "languages": ["en"],
                "status": "placed",
                "convener": "Amina",
                "slot": {
                    "id": slots[1].pk,
                    "starts_at": "2020-09-20T17:00:00Z",
                    "ends_at": "2020-09-20T17:50:00Z",
                },
                "room": {"id": rooms[0].pk, "name": "Room 1", "kind": "venue", "place": "Hall A"},
                "notes": [
                    {
                        "language": "en",
                        "number": 2,
                        "body": "# Second",
                        "author": "Kofi",
                        "saved_at": latest_en.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    },
                    {
                        "language": "fr",
                        "number": 1,
                        "body": "Premier.",
                        "author": None,
                        "saved_at": "2020-09-19T12:00:00Z",
                    },
                ],
                "actions": [
                    {
                        "id": action.pk,
                        "what": "Send the letter",
                        "who": "Amina and Kofi",
                        "due_on": "2020-10-01",
                        "done": True,
                        "done_at": "2020-09-19T12:00:00Z",
                        "takers_count": 2,
                        "carried_from": earlier.pk,
                    }
                ],
            },
        ],
        "actions": [
            {
                "id": general.pk,
                "what": "Thank the hosts",
                "who": "",
                "due_on": None,
                "done": False,
                "done_at": None,
                "takers_count": 0,
                "carried_from": None,
            }
        ],
    }
    secrets_absent(response, "amina@example.org", "kofi@example.org")


@pytest.mark.parametrize("who", ["anonymous", "participant", "convener"])
def test_the_harvest_is_not_found_before_it_is_published(api, frozen, who):
    space, _slots, _rooms, amina, *_ = harvest_space()
    if who == "participant":
        api.force_login(participant(space))
    elif who == "convener":
        api.force_login(amina)

    response = api.get("/api/v1/open-spaces/global-open-space/harvest/")

    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_organizers_read_the_harvest_before_they_publish_it(api, frozen):
    space, *_ = harvest_space()
    organizer = UserFactory()
    space.event.organizers.add(organizer)
    api.force_login(organizer)

    response = api.get("/api/v1/open-spaces/global-open-space/harvest/")

    assert response.status_code == 200
    data = response.json()
    assert data["harvest_published_at"] is None
    assert [topic["title"] for topic in data["topics"]] == ["Reading", "Letters"]


# --- Series ------------------------------------------------------------------------------


def test_a_series_gives_its_meetings_of_published_events_in_order(api):
    series = SeriesFactory(
        slug="sept-dec", title="From September to December", language="fr", description="**Go**"
    )
    later = EventFactory(slug="december", title="December")
    SessionFactory(event=later, starts_at=SLOT_START + timedelta(days=60))
    earlier_space = OpenSpaceFactory(event=EventFactory(slug="september", title="September"))
    draft = EventFactory(slug="draft", is_published=False)
    SessionFactory(event=draft, starts_at=SLOT_START)
    SeriesMeetingFactory(series=series, event=later)
    SeriesMeetingFactory(series=series, event=draft)
    SeriesMeetingFactory(series=series, event=earlier_space.event)
    SeriesMeetingFactory(event=EventFactory(slug="other-series"))

    response = api.get("/api/v1/series/sept-dec/")

    assert response.status_code == 200
    assert response.json() == {
        "slug": "sept-dec",
        "title": "From September to December",
        "description": "**Go**",
        "language": "fr",
        "meetings": [
            {
                "event": "september",
                "title": "September",
                "starts_at": "2020-09-20T15:00:00Z",
                "is_open_space": True,
            },
            {
                "event": "december",
                "title": "December",
                "starts_at": "2020-11-19T16:00:00Z",
                "is_open_space": False,
            },
        ],
    }


def test_an_unpublished_series_is_not_found_even_for_its_organizers(api):
    organizer = UserFactory()
    SeriesFactory(slug="draft-series", is_published=False, organizers=[organizer])
    api.force_login(organizer)

    response = api.get("/api/v1/series/draft-series/")

    assert (response.status_code, response.json()) == (404, NOT_FOUND)


# --- Query counts ------------------------------------------------------------------------


def fill(space, slots, rooms, topics):
    """`topics` topics (half on the grid), each with interest, presence, notes in two
    languages (two versions each), an action taken on, a co-host per topic."""
    person = UserFactory()
    for n in range(topics):
        topic = TopicFactory(open_space=space)
        if n < topics // 2:
            topic = placed(topic, slots[n % len(slots)], rooms[n // len(slots)])
            Presence.objects.create(topic=topic, slot=topic.slot, user=UserFactory())
        Interest.objects.create(topic=topic, user=person)
        for language in ("en", "fr"):
            for number in (1, 2):
                NoteVersionFactory(topic=topic, language=language, number=number)
        ActionFactory(topic=topic).takers.create(user=person)
        space.cohosts.add(OrganizationFactory())


@pytest.mark.parametrize("caller", ["anonymous", "token"])
@pytest.mark.parametrize("topics", [2, 20])
@pytest.mark.parametrize(
    ("path", "queries"),
    [
        # the page's count and its open spaces
        ("/api/v1/open-spaces/", 2),
        # the open space with its event, co-hosts, slots, rooms, topics (counts in it)
        ("/api/v1/open-spaces/global-open-space/", 5),
        # the open space with its event, topics (slots, rooms, conveners), notes, actions
        ("/api/v1/open-spaces/global-open-space/harvest/", 4),
        # the series, its meetings with their events (first start in it)
        ("/api/v1/series/journey/", 2),
    ],
)
def test_the_read_api_makes_as_many_queries_whatever_the_number_of_topics(
    api, django_assert_num_queries, caller, topics, path, queries
):
    """A caller with a token costs one more query: the token with its account."""
    space, slots, rooms = space_with_grid()
    more_slots = [
        SlotFactory(open_space=space, starts_at=SLOT_START + timedelta(hours=n))
        for n in range(2, 5)
    ]
    more_rooms = [RoomFactory(open_space=space, name=f"Hall {n}") for n in range(3)]
    fill(space, slots + more_slots, rooms + more_rooms, topics)
    OpenSpace.objects.filter(pk=space.pk).update(harvest_published_at=NOW)
    series = SeriesFactory(slug="journey")
    SeriesMeetingFactory(series=series, event=space.event)
    for _ in range(topics // 2):
        OpenSpaceFactory()
        SeriesMeetingFactory(series=series)
    if caller == "token":
        token = Token.objects.create(user=UserFactory())
        api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        queries += 1

    with django_assert_num_queries(queries):
        response = api.get(path)

    assert response.status_code == 200
