"""The open-space write API: proposing, placing, showing interest, joining and withdrawing
topics through the services; every refusal is JSON with its code and changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from convene.openspace.models import Interest, OpenSpace, Presence, Topic
from tests.events.factories import EventFactory
from tests.factories import UserFactory

from .factories import (
    NOW,
    SLOT_START,
    OpenSpaceFactory,
    TopicFactory,
    grid,
    participant,
    placed,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1/open-spaces/global-open-space"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def space():
    space = OpenSpaceFactory(event=EventFactory(slug="global-open-space"))
    space.slots_, space.rooms_ = grid(space)
    return space


def snapshot():
    """Everything a write could change."""
    return (
        list(Topic.objects.order_by("pk").values()),
        list(Interest.objects.order_by("pk").values()),
        list(Presence.objects.order_by("pk").values()),
        list(OpenSpace.objects.order_by("pk").values_list("pk", "grid_version")),
    )


def refused(api, path, data, status, code, *, detail=None):
    """Posting `data` is refused with `status` and `code`, and nothing changes."""
    before = snapshot()
    response = api.post(path, data, format="json")
    assert (response.status_code, response.json()["code"]) == (status, code), response.json()
    if detail is not None:
        assert response.json()["detail"] == detail
    assert snapshot() == before
    return response


def topic_path(topic, what):
    return f"{BASE}/topics/{topic.pk}/{what}/"


# --- Anonymous callers and credentials ----------------------------------------------------


@pytest.mark.parametrize("what", ["", "place", "interest", "join", "withdraw"])
def test_anonymous_callers_change_nothing(api, frozen, space, what):
    topic = TopicFactory(open_space=space)
    path = f"{BASE}/topics/" if not what else topic_path(topic, what)

    response = refused(
        api,
        path,
        {"title": "T", "languages": ["en"], "interested": True, "reason": "x"},
        401,
        "not_authenticated",
    )

    assert response["WWW-Authenticate"] == "Token"


def test_a_session_without_csrf_token_changes_nothing(frozen, space):
    person = participant(space)
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(person)

    refused(api, f"{BASE}/topics/", {"title": "T", "languages": ["en"]}, 403, "permission_denied")


def test_a_token_proposes_a_topic(api, frozen, space):
    person = participant(space, display_name="Amina")
    token = Token.objects.create(user=person)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api.post(
        f"{BASE}/topics/",
        {
            "title": "  Letters   to the UN ",
            "description": "Drafting together.",
            "languages": ["en", "fr"],
            "wants_interpretation": True,
        },
        format="json",
    )

    assert response.status_code == 201
    topic = Topic.objects.get()
    assert response.json() == {
        "id": topic.pk,
        "title": "Letters to the UN",
        "description": "Drafting together.",
        "languages": ["en", "fr"],
        "status": "proposed",
        "slot": None,
        "room": None,
        "convener": "Amina",
        "interest_count": 0,
        "present_count": 0,
        "wants_interpretation": True,
        "wants_note_taker": False,
    }
    assert (topic.convener, topic.open_space) == (person, space)


# --- Proposing ------------------------------------------------------------------------------


def test_proposing_is_refused_to_people_not_registered(api, frozen, space):
    api.force_login(UserFactory())

    refused(
        api,
        f"{BASE}/topics/",
        {"title": "T", "languages": ["en"]},
        403,
        "not_registered",
        detail="Register for the event to propose a topic.",
    )


def test_proposing_after_the_last_slot_is_refused(api, space):
    api.force_login(participant(space))

    with time_machine.travel(space.slots_[-1].ends_at, tick=False):
        refused(api, f"{BASE}/topics/", {"title": "T", "languages": ["en"]}, 409, "closed")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"title": "T", "languages": []}, "invalid"),
        ({"title": "T", "languages": ["xx"]}, "invalid"),
        ({"title": "", "languages": ["en"]}, "invalid"),
        ({"title": "T" * 151, "languages": ["en"]}, "invalid"),
        ({"title": "   ", "languages": ["en"]}, "invalid"),
        ({"title": "T", "languages": ["en"], "description": "d" * 1001}, "invalid"),
        ({"title": 0, "languages": ["en"]}, "invalid"),
        ({"title": "T", "languages": ["en"], "wants_note_taker": "true"}, "invalid"),
    ],
)
def test_proposing_refuses_what_is_not_a_topic(api, frozen, space, data, code):
    api.force_login(participant(space))

    refused(api, f"{BASE}/topics/", data, 400, code)


def test_an_open_space_of_an_unpublished_event_takes_no_topic(api, frozen):
    organizer = UserFactory()
    space = OpenSpaceFactory(event=EventFactory(slug="draft", is_published=False))
    space.event.organizers.add(organizer)
    api.force_login(organizer)

    refused(
        api,
        "/api/v1/open-spaces/draft/topics/",
        {"title": "T", "languages": ["en"]},
        404,
        "not_found",
    )


# --- Placing ---------------------------------------------------------------------------------


def test_the_convener_places_their_topic(api, frozen, space):
    person = participant(space)
    topic = TopicFactory(open_space=space, convener=person)
    api.force_login(person)
    slot, room = space.slots_[1], space.rooms_[0]

    response = api.post(
        topic_path(topic, "place"), {"slot": slot.pk, "room": room.pk}, format="json"
    )

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["slot"], response.json()["room"]) == (
        "placed",
        slot.pk,
        room.pk,
    )
    topic.refresh_from_db()
    assert (topic.slot, topic.room) == (slot, room)
    assert OpenSpace.objects.get(pk=space.pk).grid_version == 2


def test_placing_into_a_taken_place_is_refused(api, frozen, space):
    person = participant(space)
    slot, room = space.slots_[0], space.rooms_[0]
    placed(TopicFactory(open_space=space), slot, room)
    topic = TopicFactory(open_space=space, convener=person)
    api.force_login(person)

    refused(
        api,
        topic_path(topic, "place"),
        {"slot": slot.pk, "room": room.pk},
        409,
        "taken",
        detail="Another topic is already in this room at this time. Choose a free place.",
    )


def test_placing_into_a_slot_that_is_over_is_refused(api, space):
    person = participant(space)
    topic = TopicFactory(open_space=space, convener=person)
    api.force_login(person)

    with time_machine.travel(space.slots_[0].ends_at, tick=False):
        refused(
            api,
            topic_path(topic, "place"),
            {"slot": space.slots_[0].pk, "room": space.rooms_[0].pk},
            409,
            "slot_over",
        )


def test_placing_into_another_open_space_s_room_is_invalid(api, frozen, space):
    person = participant(space)
    topic = TopicFactory(open_space=space, convener=person)
    _slots, other_rooms = grid(OpenSpaceFactory())
    api.force_login(person)

    response = refused(
        api,
        topic_path(topic, "place"),
        {"slot": space.slots_[0].pk, "room": other_rooms[0].pk},
        400,
        "invalid",
    )

    assert list(response.json()["errors"]) == ["room"]
    response = refused(
        api,
        topic_path(topic, "place"),
        {"slot": str(space.slots_[0].pk), "room": space.rooms_[0].pk},
        400,
        "invalid",
    )
    assert response.json()["errors"] == {
        "slot": ["Incorrect type. Expected pk value, received str."]
    }


def test_someone_else_s_topic_is_placed_by_organizers_only_and_moved_with_a_reason(
    api, frozen, space
):
    topic = placed(TopicFactory(open_space=space), space.slots_[0], space.rooms_[0])
    data = {"slot": space.slots_[1].pk, "room": space.rooms_[1].pk}
    api.force_login(participant(space))
    refused(api, topic_path(topic, "place"), data, 403, "forbidden")
    organizer = UserFactory()
    space.event.organizers.add(organizer)
    api.force_login(organizer)
    refused(api, topic_path(topic, "place"), data, 400, "reason")

    response = api.post(
        topic_path(topic, "place"), {**data, "reason": "A bigger room"}, format="json"
    )

    assert response.status_code == 200
    topic.refresh_from_db()
    assert (topic.slot, topic.room, topic.organizer_reason) == (
        space.slots_[1],
        space.rooms_[1],
        "A bigger room",
    )


def test_a_topic_of_another_open_space_is_not_found_here(api, frozen, space):
    other = TopicFactory(open_space=OpenSpaceFactory())
    api.force_login(other.convener)

    refused(
        api,
        topic_path(other, "place"),
        {"slot": space.slots_[0].pk, "room": space.rooms_[0].pk},
        404,
        "not_found",
    )


# --- Interest ------------------------------------------------------------------------------


def test_interest_is_shown_once_and_taken_back(api, frozen, space):
    topic = TopicFactory(open_space=space)
    person = UserFactory()
    api.force_login(person)

    counts = []
    for interested in (True, True, False, False):
        response = api.post(
            topic_path(topic, "interest"), {"interested": interested}, format="json"
        )
        assert response.status_code == 200
        counts.append(response.json()["interest_count"])

    assert counts == [1, 1, 0, 0]
    assert not Interest.objects.exists()


def test_interest_in_a_withdrawn_topic_is_refused(api, frozen, space):
    topic = TopicFactory(open_space=space, status=Topic.Status.WITHDRAWN)
    api.force_login(UserFactory())

    refused(api, topic_path(topic, "interest"), {"interested": True}, 409, "withdrawn")
    refused(api, topic_path(topic, "interest"), {}, 400, "invalid")
    refused(api, topic_path(topic, "interest"), {"interested": 1}, 400, "invalid")


# --- Joining -----------------------------------------------------------------------------


def test_a_participant_joins_a_topic_and_moves_to_another_only_when_asked(api, space):
    slot = space.slots_[0]
    first = placed(TopicFactory(open_space=space), slot, space.rooms_[0])
    second = placed(TopicFactory(open_space=space), slot, space.rooms_[1])
    person = participant(space)
    api.force_login(person)

    with time_machine.travel(SLOT_START + timedelta(minutes=5), tick=False):
        response = api.post(topic_path(first, "join"), {}, format="json")
        assert (response.status_code, response.json()["present_count"]) == (200, 1)
        refused(api, topic_path(second, "join"), {"move": False}, 409, "already_there")
        response = api.post(topic_path(second, "join"), {"move": True}, format="json")

    assert (response.status_code, response.json()["present_count"]) == (200, 1)
    assert list(Presence.objects.values_list("user", "topic")) == [(person.pk, second.pk)]


def test_joining_is_refused_to_people_not_registered_and_for_unplaced_topics(api, frozen, space):
    on_grid = placed(TopicFactory(open_space=space), space.slots_[0], space.rooms_[0])
    unplaced = TopicFactory(open_space=space)
    api.force_login(UserFactory())
    refused(api, topic_path(on_grid, "join"), {}, 403, "not_registered")
    api.force_login(participant(space))
    refused(api, topic_path(unplaced, "join"), {}, 409, "not_placed")


def test_joining_a_topic_whose_slot_is_over_is_refused(api, space):
    topic = placed(TopicFactory(open_space=space), space.slots_[0], space.rooms_[0])
    api.force_login(participant(space))

    with time_machine.travel(space.slots_[0].ends_at, tick=False):
        refused(api, topic_path(topic, "join"), {}, 409, "slot_over")


# --- Withdrawing -------------------------------------------------------------------------


def test_the_convener_withdraws_their_topic_once(api, frozen, space):
    person = participant(space)
    topic = placed(
        TopicFactory(open_space=space, convener=person), space.slots_[0], space.rooms_[0]
    )
    api.force_login(person)

    response = api.post(topic_path(topic, "withdraw"), {}, format="json")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["slot"]) == ("withdrawn", None)
    refused(api, topic_path(topic, "withdraw"), {"reason": ""}, 409, "withdrawn")


def test_others_withdraw_a_topic_only_as_organizers_saying_why(api, frozen, space):
    topic = TopicFactory(open_space=space)
    api.force_login(participant(space))
    refused(api, topic_path(topic, "withdraw"), {"reason": "Off topic"}, 403, "forbidden")
    organizer = UserFactory()
    space.event.organizers.add(organizer)
    api.force_login(organizer)
    refused(api, topic_path(topic, "withdraw"), {"reason": "  "}, 400, "reason")

    response = api.post(topic_path(topic, "withdraw"), {"reason": "Off topic"}, format="json")

    assert response.status_code == 200
    topic.refresh_from_db()
    assert (topic.status, topic.organizer_reason) == ("withdrawn", "Off topic")


def test_write_addresses_answer_405_to_reads(api, frozen, space):
    topic = TopicFactory(open_space=space)
    api.force_login(topic.convener)

    for path in (f"{BASE}/topics/", topic_path(topic, "place")):
        response = api.get(path)
        assert (response.status_code, response["Allow"]) == (405, "POST, OPTIONS")
