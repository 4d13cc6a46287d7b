"""Every action on a topic's place through its pages: proposing, changing, placing and
moving, withdrawing, merging, interest, joining, moving and leaving. A refusal shows the
service's message with its status and changes nothing; a success redirects with a message."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from convene.openspace import services
from convene.openspace.models import Interest, OpenSpace, Presence, Topic
from tests.openspace.factories import NOW, RoomFactory, TopicFactory, placed
from tests.openspace.test_grid_support import GridWorld, log_in, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world() -> GridWorld:
    return GridWorld()


def state(topic: Topic) -> tuple:
    topic = Topic.objects.get(pk=topic.pk)
    return (topic.status, topic.slot_id, topic.room_id, topic.title, topic.organizer_reason)


def text(response) -> str:
    return response.content.decode()


def follow_message(client, response) -> str:
    assert response.status_code == 302, text(response)[:2000]
    return text(client.get(response["Location"]))


# --- Proposing --------------------------------------------------------------------------------

PROPOSAL = {
    "title": "Wikidata for small languages",
    "description": "How to start.",
    "languages": ["en", "fr"],
    "wants_note_taker": "on",
}


def test_a_participant_proposes_a_topic(client, world):
    client.force_login(world.participant)
    assert client.get(url("topic_new", world.slug)).status_code == 200
    response = client.post(url("topic_new", world.slug), PROPOSAL)
    topic = Topic.objects.get(title="Wikidata for small languages")
    assert response["Location"] == url("topic", world.slug, topic.pk)
    assert (topic.convener, topic.languages, topic.wants_note_taker, topic.status) == (
        world.participant,
        ["en", "fr"],
        True,
        "proposed",
    )
    assert "Your topic is in the marketplace." in text(client.get(response["Location"]))


@pytest.mark.parametrize("role", ["outsider", "anonymous"])
def test_a_non_registrant_cannot_propose(client, world, role):
    log_in(client, world, role)
    before = Topic.objects.count()
    response = client.post(url("topic_new", world.slug), PROPOSAL)
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403
        assert "Register for the event to propose a topic." in text(response)
        get = client.get(url("topic_new", world.slug))
        assert get.status_code == 403
        assert 'href="/en/events/gathering/">Register</a>' in text(get)
    assert Topic.objects.count() == before


def test_proposing_after_the_last_slot_is_refused(client, world):
    client.force_login(world.participant)
    before = Topic.objects.count()
    with time_machine.travel(world.slots[-1].ends_at, tick=False):
        response = client.post(url("topic_new", world.slug), PROPOSAL)
        assert response.status_code == 409
        assert "The open space is over: topics can no longer be proposed." in text(response)
    assert Topic.objects.count() == before


def test_a_proposal_without_a_language_comes_back_with_its_error(client, world):
    client.force_login(world.participant)
    response = client.post(url("topic_new", world.slug), {**PROPOSAL, "languages": []})
    assert response.status_code == 400
    assert 'value="Wikidata for small languages"' in text(response)
    assert not Topic.objects.filter(title="Wikidata for small languages").exists()


# --- Changing -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["convener", "organizer"])
def test_the_convener_and_organizers_change_a_topic(client, world, role):
    log_in(client, world, role)
    assert client.get(url("topic_edit", world.slug, world.topic.pk)).status_code == 200
    response = client.post(
        url("topic_edit", world.slug, world.topic.pk), {**PROPOSAL, "title": "Letters, again"}
    )
    assert "The topic was saved." in follow_message(client, response)
    assert Topic.objects.get(pk=world.topic.pk).title == "Letters, again"


def test_editing_someone_elses_topic_is_refused_and_changes_nothing(client, world):
    client.force_login(world.participant)
    before = state(world.topic)
    get = client.get(url("topic_edit", world.slug, world.topic.pk))
    assert get.status_code == 403
    assert "Only the convener and the organizers can change this topic." in text(get)
    response = client.post(
        url("topic_edit", world.slug, world.topic.pk), {**PROPOSAL, "title": "Mine now"}
    )
    assert response.status_code == 403
    assert "Only the convener and the organizers can change this topic." in text(response)
    assert state(world.topic) == before


# --- Placing and moving ------------------------------------------------------------------------


def place(client, world, topic, slot, room, **more):
    return client.post(
        url("topic_place", world.slug, topic.pk),
        {"place": f"{slot.pk}-{room.pk}", "next": url("detail", world.slug), **more},
    )


def test_the_convener_places_their_topic_and_goes_back_to_the_grid(client, world):
    client.force_login(world.convener)
    assert client.get(url("topic_place", world.slug, world.proposed.pk)).status_code == 200
    version = OpenSpace.objects.get(pk=world.space.pk).grid_version
    response = place(client, world, world.proposed, world.slots[1], world.rooms[1])
    assert response["Location"] == url("detail", world.slug)
    assert "The topic is on the grid: Room 2." in text(client.get(response["Location"]))
    assert state(world.proposed)[:3] == ("placed", world.slots[1].pk, world.rooms[1].pk)
    assert OpenSpace.objects.get(pk=world.space.pk).grid_version == version + 1


def test_a_taken_place_is_refused_and_nothing_changes(client, world):
    client.force_login(world.convener)
    before = state(world.proposed)
    response = place(client, world, world.proposed, world.slots[0], world.rooms[0])
    assert response.status_code == 409
    assert "Another topic is already in this room at this time." in text(response)
    assert state(world.proposed) == before


def test_a_slot_that_is_over_is_refused_and_nothing_changes(client, world):
    client.force_login(world.convener)
    before = state(world.proposed)
    with time_machine.travel(world.slots[0].ends_at, tick=False):
        response = place(client, world, world.proposed, world.slots[0], world.rooms[1])
    assert response.status_code == 409
    assert "This time slot is over: choose a later one." in text(response)
    assert state(world.proposed) == before
    with time_machine.travel(world.slots[0].ends_at - timedelta(seconds=1), tick=False):
        response = place(client, world, world.proposed, world.slots[0], world.rooms[1])
    assert response.status_code == 302
    assert state(world.proposed)[:3] == ("placed", world.slots[0].pk, world.rooms[1].pk)


def test_a_room_not_offered_is_refused_and_nothing_changes(client, world):
    other = GridWorld(slug="elsewhere")
    client.force_login(world.convener)
    before = state(world.proposed)
    response = place(client, world, world.proposed, world.slots[1], other.rooms[0])
    assert response.status_code == 409
    assert "This room is not one of this open space&#x27;s." in text(response)
    response = client.post(url("topic_place", world.slug, world.proposed.pk), {"place": "x-1"})
    assert response.status_code == 400
    assert "Choose a free place from the list." in text(response)
    response = client.post(url("topic_place", world.slug, world.proposed.pk), {"place": "999-999"})
    assert response.status_code == 400
    assert state(world.proposed) == before


def test_someone_else_cannot_place_a_topic(client, world):
    client.force_login(world.participant)
    before = state(world.proposed)
    response = place(client, world, world.proposed, world.slots[1], world.rooms[1])
    assert response.status_code == 403
    assert "Only the convener and the organizers can place this topic." in text(response)
    assert state(world.proposed) == before


def test_an_organizer_moves_a_topic_only_saying_why(client, world):
    client.force_login(world.organizer)
    before = state(world.topic)
    response = place(client, world, world.topic, world.slots[1], world.rooms[1])
    assert response.status_code == 400
    assert "Say why, for the convener" in text(response)
    assert state(world.topic) == before
    response = place(
        client, world, world.topic, world.slots[1], world.rooms[1], reason="Bigger room"
    )
    assert response.status_code == 302
    assert state(world.topic) == (
        "placed",
        world.slots[1].pk,
        world.rooms[1].pk,
        before[3],
        "Bigger room",
    )


def test_the_people_at_a_moved_topic_leave_its_old_slot(client, world):
    services.presence_set(topic=world.topic, user=world.participant)
    client.force_login(world.convener)
    place(client, world, world.topic, world.slots[1], world.rooms[0])
    assert not Presence.objects.filter(topic=world.topic).exists()


# --- Withdrawing and merging --------------------------------------------------------------------


def test_the_convener_withdraws_their_topic(client, world):
    client.force_login(world.convener)
    assert client.get(url("topic_withdraw", world.slug, world.topic.pk)).status_code == 200
    response = client.post(url("topic_withdraw", world.slug, world.topic.pk), {"reason": ""})
    assert response["Location"] == url("detail", world.slug)
    assert "The topic was withdrawn." in text(client.get(response["Location"]))
    assert state(world.topic)[:3] == ("withdrawn", None, None)


def test_an_organizer_withdraws_a_topic_only_saying_why(client, world):
    client.force_login(world.organizer)
    before = state(world.topic)
    response = client.post(url("topic_withdraw", world.slug, world.topic.pk), {"reason": ""})
    assert response.status_code == 400
    assert "Say why, for the convener" in text(response)
    assert state(world.topic) == before
    response = client.post(
        url("topic_withdraw", world.slug, world.topic.pk), {"reason": "Off topic"}
    )
    assert response.status_code == 302
    assert state(world.topic)[::4] == ("withdrawn", "Off topic")


@pytest.mark.parametrize("role", ["participant", "outsider"])
def test_others_cannot_withdraw_or_merge(client, world, role):
    log_in(client, world, role)
    before = state(world.topic)
    response = client.post(url("topic_withdraw", world.slug, world.topic.pk), {"reason": "x"})
    assert response.status_code == 403
    assert "Only the convener and the organizers can withdraw this topic." in text(response)
    response = client.post(
        url("topic_merge", world.slug, world.topic.pk),
        {"into": world.proposed.pk, "reason": "x"},
    )
    assert response.status_code == 403
    assert "Only the organizers can merge topics." in text(response)
    assert state(world.topic) == before


def test_the_convener_cannot_merge(client, world):
    client.force_login(world.convener)
    response = client.post(
        url("topic_merge", world.slug, world.topic.pk),
        {"into": world.proposed.pk, "reason": "x"},
    )
    assert response.status_code == 403
    assert state(world.topic)[0] == "placed"


def test_an_organizer_merges_a_topic_into_another(client, world):
    Interest.objects.create(topic=world.proposed, user=world.participant)
    services.interest_set(topic=world.proposed, user=world.outsider, interested=True)
    client.force_login(world.organizer)
    assert client.get(url("topic_merge", world.slug, world.proposed.pk)).status_code == 200
    response = client.post(
        url("topic_merge", world.slug, world.proposed.pk),
        {"into": world.topic.pk, "reason": "One conversation"},
    )
    assert response["Location"] == url("topic", world.slug, world.topic.pk)
    assert "The topics were merged." in text(client.get(response["Location"]))
    assert state(world.proposed)[::4] == ("merged", "One conversation")
    assert set(Interest.objects.filter(topic=world.topic).values_list("user", flat=True)) == {
        world.participant.pk,
        world.outsider.pk,
    }


def test_merging_without_a_reason_is_refused(client, world):
    client.force_login(world.organizer)
    response = client.post(
        url("topic_merge", world.slug, world.proposed.pk), {"into": world.topic.pk, "reason": ""}
    )
    assert response.status_code == 400
    assert state(world.proposed)[0] == "proposed"


def test_a_withdrawn_topic_cannot_be_placed_again(client, world):
    services.topic_withdraw(topic=world.proposed, user=world.convener)
    client.force_login(world.convener)
    response = place(client, world, world.proposed, world.slots[1], world.rooms[1])
    assert response.status_code == 409
    assert "This topic was withdrawn or merged." in text(response)
    assert state(world.proposed)[:3] == ("withdrawn", None, None)


# --- Interest ------------------------------------------------------------------------------------


def test_interest_toggles_from_the_marketplace_and_back(client, world):
    client.force_login(world.participant)
    back = url("detail", world.slug) + f"#grid-topic-{world.proposed.pk}"
    response = client.post(
        url("interest", world.slug, world.proposed.pk), {"interested": "1", "next": back}
    )
    assert response["Location"] == back
    assert Topic.objects.get(pk=world.proposed.pk).interest_count == 1
    html = text(client.get(url("detail", world.slug)))
    assert "You are interested in this topic." in html
    assert 'aria-pressed="true"' in html
    assert "1 interested" in html
    client.post(url("interest", world.slug, world.proposed.pk), {"interested": "0", "next": back})
    assert Topic.objects.get(pk=world.proposed.pk).interest_count == 0
    assert not Interest.objects.exists()


def test_a_next_address_elsewhere_is_not_followed(client, world):
    client.force_login(world.participant)
    response = client.post(
        url("interest", world.slug, world.proposed.pk),
        {"interested": "1", "next": "https://evil.example.com/"},
    )
    assert response["Location"] == url("topic", world.slug, world.proposed.pk)


def test_interest_in_a_withdrawn_topic_is_refused(client, world):
    services.topic_withdraw(topic=world.proposed, user=world.convener)
    client.force_login(world.participant)
    response = client.post(url("interest", world.slug, world.proposed.pk), {"interested": "1"})
    assert response.status_code == 409
    assert "This topic was withdrawn or merged." in text(response)
    assert not Interest.objects.exists()


def test_anonymous_interest_goes_to_log_in(client, world):
    response = client.post(url("interest", world.slug, world.proposed.pk), {"interested": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Interest.objects.exists()


# --- Joining, moving, leaving --------------------------------------------------------------------


def test_a_participant_joins_moves_and_leaves(client, world):
    other = placed(
        TopicFactory(open_space=world.space, title="Bots"), world.slots[0], world.rooms[1]
    )
    client.force_login(world.participant)
    response = client.post(url("join", world.slug, world.topic.pk))
    assert "You are at this topic." in follow_message(client, response)
    html = text(client.get(url("topic", world.slug, world.topic.pk)))
    assert "You are here" in html and "1 person" in html
    # Joining a second topic of the same slot is refused; nothing changes.
    response = client.post(url("join", world.slug, other.pk))
    assert response.status_code == 409
    assert "You are at another topic in this time slot." in text(response)
    assert "Move here" in text(response)
    assert list(Presence.objects.values_list("topic", flat=True)) == [world.topic.pk]
    # Moving there, with the law of two feet.
    html = text(client.get(url("topic", world.slug, other.pk)))
    assert "You are at <bdi>Letters to the UN</bdi> in this time slot." in html
    response = client.post(url("join", world.slug, other.pk), {"move": "1"})
    assert response.status_code == 302
    assert list(Presence.objects.values_list("topic", flat=True)) == [other.pk]
    response = client.post(url("leave", world.slug, other.pk))
    assert "You left this topic." in follow_message(client, response)
    assert not Presence.objects.exists()


@pytest.mark.parametrize("role", ["outsider", "anonymous"])
def test_non_registrants_cannot_join(client, world, role):
    log_in(client, world, role)
    response = client.post(url("join", world.slug, world.topic.pk))
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403
        assert "Register for the event to join its topics." in text(response)
    assert not Presence.objects.exists()


def test_joining_ends_with_the_slot(client, world):
    client.force_login(world.participant)
    with time_machine.travel(world.slots[0].ends_at, tick=False):
        response = client.post(url("join", world.slug, world.topic.pk))
        assert response.status_code == 409
        assert "This topic&#x27;s time slot is over." in text(response)
    assert not Presence.objects.exists()
    with time_machine.travel(world.slots[0].ends_at - timedelta(seconds=1), tick=False):
        assert client.post(url("join", world.slug, world.topic.pk)).status_code == 302
    assert Presence.objects.count() == 1


def test_a_topic_in_the_marketplace_cannot_be_joined(client, world):
    client.force_login(world.participant)
    response = client.post(url("join", world.slug, world.proposed.pk))
    assert response.status_code == 409
    assert "This topic has no place on the grid yet." in text(response)


def test_a_room_added_later_is_offered(client, world):
    room = RoomFactory(open_space=world.space, name="Garden", position=9)
    client.force_login(world.convener)
    html = text(client.get(url("topic_place", world.slug, world.proposed.pk)))
    assert f'value="{world.slots[0].pk}-{room.pk}"' in html
