"""The services of notes and actions: a save never overwrites, the later of two writers
from the same version is told, and each refusal changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from convene.core.errors import ServiceError
from convene.openspace import services
from convene.openspace.models import Action, ActionTaker, NoteVersion, Topic
from tests.openspace.factories import NOW, ActionFactory
from tests.openspace.notes_world import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world() -> World:
    return World()


def save(world: World, who, body: str, based_on: int | None, language: str = "en"):
    return services.notes_save(
        topic=world.topic, author=who, language=language, body=body, based_on=based_on
    )


def test_saves_add_versions_per_language(world):
    first = save(world, world.convener, "  One\r\n", None)
    second = save(world, world.present, "Two", 1)
    french = save(world, world.organizer, "Un", None, language="fr")

    assert (first.version.number, first.someone_saved_in_between) == (1, False)
    assert (second.version.number, second.someone_saved_in_between) == (2, False)
    assert (french.version.number, french.someone_saved_in_between) == (1, False)
    assert list(
        NoteVersion.objects.order_by("language", "number").values_list(
            "language", "number", "based_on", "body", "author"
        )
    ) == [
        ("en", 1, None, "One", world.convener.pk),
        ("en", 2, 1, "Two", world.present.pk),
        ("fr", 1, None, "Un", world.organizer.pk),
    ]


def test_two_saves_from_the_same_base_both_kept_and_the_later_told(world):
    save(world, world.convener, "Base", None)

    earlier = save(world, world.present, "Base and Pia", 1)
    later = save(world, world.convener, "Base and Chidi", 1)

    assert (earlier.version.number, earlier.someone_saved_in_between) == (2, False)
    assert (later.version.number, later.someone_saved_in_between) == (3, True)
    assert list(NoteVersion.objects.order_by("number").values_list("body", flat=True)) == [
        "Base",
        "Base and Pia",
        "Base and Chidi",
    ]


def test_a_first_save_after_someone_elses_first_is_told(world):
    save(world, world.convener, "Mine", None)

    assert save(world, world.present, "Also mine", None).someone_saved_in_between is True


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("organizer", True),
        ("convener", True),
        ("present", True),
        ("participant", False),
        ("stranger", False),
    ],
)
def test_who_writes_notes_before_the_harvest(world, role, allowed):
    if allowed:
        save(world, world.user(role), "Notes", None)
        assert NoteVersion.objects.count() == 1
    else:
        with pytest.raises(ServiceError) as refused:
            save(world, world.user(role), "Notes", None)
        assert refused.value.code == "forbidden"
        assert not NoteVersion.objects.exists()


def test_a_withdrawn_topics_notes_are_closed_even_to_organizers(world):
    Topic.objects.filter(pk=world.topic.pk).update(
        status=Topic.Status.WITHDRAWN, slot=None, room=None
    )
    world.topic.refresh_from_db()

    with pytest.raises(ServiceError) as refused:
        save(world, world.organizer, "Notes", None)

    assert refused.value.code == "forbidden"


@pytest.mark.parametrize(
    ("body", "language", "code"),
    [
        (" \n ", "en", "empty"),
        ("x" * 50_001, "en", "too_long"),
        ("Notes", "xx", "language"),
        ("No\x00tes", "en", "null_character"),
    ],
)
def test_refused_notes_change_nothing(world, body, language, code):
    with pytest.raises(ServiceError) as refused:
        save(world, world.convener, body, None, language=language)

    assert refused.value.code == code
    assert not NoteVersion.objects.exists()


def test_notes_of_the_longest_length_are_kept(world):
    saved = save(world, world.convener, "x" * 50_000, None)

    assert len(saved.version.body) == 50_000


def test_actions_are_added_by_writers_with_what_who_and_when(world):
    action = services.action_create(
        topic=world.topic,
        user=world.present,
        what="  Write   to the UN ",
        who=" Pia ",
        due_on=date(2020, 10, 1),
    )

    assert (action.what, action.who, action.due_on, action.open_space) == (
        "Write to the UN",
        "Pia",
        date(2020, 10, 1),
        world.space,
    )
    with pytest.raises(ServiceError) as refused:
        services.action_create(topic=world.topic, user=world.participant, what="More")
    assert refused.value.code == "forbidden"
    with pytest.raises(ServiceError) as empty:
        services.action_create(topic=world.topic, user=world.present, what="  ")
    assert empty.value.code == "empty"
    assert Action.objects.count() == 1


def test_taking_an_action_on_twice_counts_once(world):
    action = ActionFactory(topic=world.topic)

    assert services.action_take(action=action, user=world.stranger) is True
    assert services.action_take(action=action, user=world.stranger) is False
    assert ActionTaker.objects.filter(action=action).count() == 1
    assert services.action_take(action=action, user=world.stranger, take=False) is True
    assert services.action_take(action=action, user=world.stranger, take=False) is False


def test_marking_done_is_for_takers_its_writer_and_organizers(world):
    action = ActionFactory(topic=world.topic, created_by=world.present)

    with pytest.raises(ServiceError) as refused:
        services.action_done(action=action, user=world.convener)
    assert refused.value.code == "forbidden"
    assert services.action_done(action=action, user=world.present).done_at == NOW
    assert services.action_done(action=action, user=world.organizer, done=False).done_at is None
    services.action_take(action=action, user=world.stranger)
    assert services.action_done(action=action, user=world.stranger).done_at == NOW
