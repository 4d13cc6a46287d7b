"""The marketplace's core rules: proposing, placing (one topic per slot and room), joining
(one topic per person and slot), notes that keep every version, the harvest."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from convene.core.errors import ServiceError
from convene.openspace import services
from convene.openspace.models import NoteVersion, OpenSpace, Presence, Topic
from tests.factories import UserFactory
from tests.openspace.factories import (
    NOW,
    SLOT_START,
    OpenSpaceFactory,
    TopicFactory,
    grid,
    participant,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def space() -> OpenSpace:
    return OpenSpaceFactory()


@time_machine.travel(NOW, tick=False)
def test_a_participant_proposes_and_places_a_topic(space):
    slots, rooms = grid(space)
    person = participant(space)
    topic = services.topic_propose(
        open_space=space,
        convener=person,
        title="  Letters to the UN ",
        topic_languages=["en", "fr"],
    )
    assert (topic.title, topic.languages, topic.status) == (
        "Letters to the UN",
        ["en", "fr"],
        "proposed",
    )
    before = OpenSpace.objects.get(pk=space.pk).grid_version
    services.topic_place(topic=topic, user=person, slot=slots[0], room=rooms[1])
    topic.refresh_from_db()
    assert (topic.status, topic.slot, topic.room) == ("placed", slots[0], rooms[1])
    assert OpenSpace.objects.get(pk=space.pk).grid_version == before + 1


@time_machine.travel(NOW, tick=False)
def test_an_anonymous_registrant_cannot_propose(space):
    grid(space)
    with pytest.raises(ServiceError) as refused:
        services.topic_propose(
            open_space=space, convener=UserFactory(), title="T", topic_languages=["en"]
        )
    assert refused.value.code == "not_registered"
    assert not Topic.objects.exists()


def test_proposing_after_the_last_slot_is_refused(space):
    slots, _rooms = grid(space, slots=2)
    person = participant(space)
    with (
        time_machine.travel(slots[-1].ends_at, tick=False),
        pytest.raises(ServiceError) as refused,
    ):
        services.topic_propose(
            open_space=space, convener=person, title="Late", topic_languages=["en"]
        )
    assert refused.value.code == "closed"
    with time_machine.travel(slots[-1].ends_at - timedelta(seconds=1), tick=False):
        services.topic_propose(
            open_space=space, convener=person, title="Just in time", topic_languages=["en"]
        )
    assert list(Topic.objects.values_list("title", flat=True)) == ["Just in time"]


@time_machine.travel(NOW, tick=False)
def test_a_taken_place_is_refused_and_nothing_changes(space):
    slots, rooms = grid(space)
    first = TopicFactory(open_space=space)
    second = TopicFactory(open_space=space)
    participant(space, first.convener)
    participant(space, second.convener)
    services.topic_place(topic=first, user=first.convener, slot=slots[0], room=rooms[0])
    with pytest.raises(ServiceError) as refused:
        services.topic_place(topic=second, user=second.convener, slot=slots[0], room=rooms[0])
    assert refused.value.code == "taken"
    second.refresh_from_db()
    assert (second.status, second.slot_id, second.room_id) == ("proposed", None, None)


def test_placing_into_a_slot_that_is_over_is_refused(space):
    slots, rooms = grid(space)
    topic = TopicFactory(open_space=space)
    participant(space, topic.convener)
    with (
        time_machine.travel(slots[0].ends_at, tick=False),
        pytest.raises(ServiceError) as refused,
    ):
        services.topic_place(topic=topic, user=topic.convener, slot=slots[0], room=rooms[0])
    assert refused.value.code == "slot_over"
    with time_machine.travel(slots[0].ends_at - timedelta(seconds=1), tick=False):
        services.topic_place(topic=topic, user=topic.convener, slot=slots[0], room=rooms[0])


@time_machine.travel(NOW, tick=False)
def test_a_room_of_another_open_space_is_not_offered(space):
    slots, _rooms = grid(space)
    _other_slots, other_rooms = grid(OpenSpaceFactory())
    topic = TopicFactory(open_space=space)
    with pytest.raises(ServiceError) as refused:
        services.topic_place(topic=topic, user=topic.convener, slot=slots[0], room=other_rooms[0])
    assert refused.value.code == "not_offered"


@time_machine.travel(NOW, tick=False)
def test_someone_else_cannot_place_a_topic(space):
    slots, rooms = grid(space)
    topic = TopicFactory(open_space=space)
    with pytest.raises(ServiceError) as refused:
        services.topic_place(topic=topic, user=participant(space), slot=slots[0], room=rooms[0])
    assert refused.value.code == "forbidden"


@time_machine.travel(SLOT_START, tick=False)
def test_joining_a_second_topic_in_a_slot_needs_a_move(space):
    slots, rooms = grid(space)
    one, two = TopicFactory(open_space=space), TopicFactory(open_space=space)
    services.topic_place(topic=one, user=one.convener, slot=slots[0], room=rooms[0])
    services.topic_place(topic=two, user=two.convener, slot=slots[0], room=rooms[1])
    person = participant(space)
    services.presence_set(topic=one, user=person)
    with pytest.raises(ServiceError) as refused:
        services.presence_set(topic=two, user=person)
    assert refused.value.code == "already_there"
    assert list(Presence.objects.values_list("topic_id", flat=True)) == [one.pk]
    services.presence_set(topic=two, user=person, move=True)
    assert list(Presence.objects.values_list("topic_id", flat=True)) == [two.pk]


@time_machine.travel(SLOT_START, tick=False)
def test_a_later_save_of_notes_is_a_new_version_and_the_writer_is_told(space):
    topic = TopicFactory(open_space=space)
    first = services.notes_save(
        topic=topic, author=topic.convener, language="en", body="One", based_on=None
    )
    second = services.notes_save(
        topic=topic, author=topic.convener, language="en", body="Two", based_on=None
    )
    assert (first.version.number, first.someone_saved_in_between) == (1, False)
    assert (second.version.number, second.someone_saved_in_between) == (2, True)
    assert list(NoteVersion.objects.values_list("body", flat=True)) == ["One", "Two"]


@time_machine.travel(NOW, tick=False)
def test_an_organizers_reason_for_a_first_placing_is_checked_too(space):
    slots, rooms = grid(space)
    organizer = UserFactory()
    space.event.organizers.add(organizer)
    topic = TopicFactory(open_space=space)
    with pytest.raises(ServiceError) as refused:
        services.topic_place(
            topic=topic, user=organizer, slot=slots[0], room=rooms[0], reason="x" * 501
        )
    assert refused.value.code == "too_long"
    topic.refresh_from_db()
    assert (topic.status, topic.slot_id) == ("proposed", None)
    services.topic_place(topic=topic, user=organizer, slot=slots[0], room=rooms[0])
    topic.refresh_from_db()
    assert (topic.status, topic.slot_id, topic.organizer_reason) == ("placed", slots[0].pk, "")
