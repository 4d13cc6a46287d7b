"""The organizers' changes: creating an open space for one of their events, its co-hosts,
time slots (no overlap, ending after they start, kept while a topic is placed in them,
typed in the event's time zone) and rooms (https links, one name each, kept while used)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission

from convene.core.errors import ServiceError
from convene.openspace import services_organizing as services
from convene.openspace.forms_organizing import SlotForm
from convene.openspace.models import OpenSpace, Room, Slot
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.openspace.factories import (
    NOW,
    SLOT_START,
    OpenSpaceFactory,
    RoomFactory,
    SlotFactory,
    TopicFactory,
    placed,
)
from tests.organizations.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def creator():
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="add_openspace"))
    return user


@pytest.fixture
def organizer():
    return UserFactory()


@pytest.fixture
def space(organizer):
    return OpenSpaceFactory(event__organizers=[organizer])


def version(space):
    return OpenSpace.objects.get(pk=space.pk).grid_version


# --- creating -----------------------------------------------------------------------------


def test_an_organizer_makes_their_event_an_open_space_with_its_cohosts():
    user = creator()
    event = EventFactory(organizers=[user])
    chapter = OrganizationFactory(name="Wikimedia Deutschland")
    space = services.open_space_create(
        event=event,
        user=user,
        networks=["  Whose Knowledge? ", "", "whose knowledge?", "Art+Feminism"],
        cohosts=[chapter],
    )
    assert space.event == event
    assert space.networks == ["Whose Knowledge?", "Art+Feminism"]
    assert list(space.cohosts.all()) == [chapter]


def test_an_event_is_an_open_space_once():
    user = creator()
    event = EventFactory(organizers=[user])
    services.open_space_create(event=event, user=user)
    with pytest.raises(ServiceError) as refused:
        services.open_space_create(event=event, user=user)
    assert refused.value.code == "has_open_space"
    assert OpenSpace.objects.count() == 1


def test_only_people_allowed_to_create_open_spaces_do_so_and_for_their_own_events():
    organizer = UserFactory()
    event = EventFactory(organizers=[organizer])
    with pytest.raises(ServiceError) as refused:
        services.open_space_create(event=event, user=organizer)
    assert refused.value.code == "forbidden"
    with pytest.raises(ServiceError) as refused:
        services.open_space_create(event=event, user=creator())
    assert refused.value.code == "forbidden"
    assert not OpenSpace.objects.exists()


def test_cohosts_are_recognized_organizations():
    user = creator()
    event = EventFactory(organizers=[user])
    applying = OrganizationFactory(status="applying")
    with pytest.raises(ServiceError) as refused:
        services.open_space_create(event=event, user=user, cohosts=[applying])
    assert refused.value.code == "organization_inactive"
    assert not OpenSpace.objects.exists()


def test_the_cohosts_and_sample_flag_change_and_a_cohost_no_longer_recognized_may_stay(
    space, organizer
):
    chapter = OrganizationFactory()
    services.open_space_update(
        open_space=space,
        user=organizer,
        networks=["Whose Knowledge?"],
        cohosts=[chapter],
        is_sample=True,
    )
    chapter.status = "suspended"
    chapter.save()
    other = OrganizationFactory()
    updated = services.open_space_update(
        open_space=space, user=organizer, networks=[], cohosts=[chapter, other], is_sample=False
    )
    assert (updated.networks, updated.is_sample) == ([], False)
    assert set(updated.cohosts.all()) == {chapter, other}
    with pytest.raises(ServiceError) as refused:
        services.open_space_update(
            open_space=space,
            user=organizer,
            networks=[],
            cohosts=[OrganizationFactory(status="withdrawn")],
            is_sample=False,
        )
    assert refused.value.code == "organization_inactive"
    assert set(space.cohosts.all()) == {chapter, other}


def test_networks_have_names_of_reasonable_length(space, organizer):
    with pytest.raises(ServiceError) as refused:
        services.open_space_update(
            open_space=space, user=organizer, networks=["x" * 201], cohosts=[], is_sample=False
        )
    assert refused.value.code == "too_long"


def test_only_organizers_change_the_cohosts(space):
    with pytest.raises(ServiceError) as refused:
        services.open_space_update(
            open_space=space, user=UserFactory(), networks=["N"], cohosts=[], is_sample=True
        )
    assert refused.value.code == "forbidden"
    space.refresh_from_db()
    assert (space.networks, space.is_sample) == ([], False)


# --- time slots ------------------------------------------------------------------------------


def test_a_slot_is_added_in_utc_and_the_grid_changes(space, organizer):
    before = version(space)
    slot = services.slot_add(
        open_space=space,
        user=organizer,
        starts_at=SLOT_START,
        ends_at=SLOT_START + timedelta(minutes=50),
    )
    assert (slot.starts_at, slot.ends_at) == (SLOT_START, SLOT_START + timedelta(minutes=50))
    assert version(space) == before + 1


def test_times_are_typed_in_the_events_time_zone():
    # 18:00 in Paris on 20 September 2020 (summer time, UTC+2) is 16:00 UTC.
    form = SlotForm({"day": "2020-09-20", "starts": "18:00", "ends": "18:50"}, zone="Europe/Paris")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"] == datetime(2020, 9, 20, 16, tzinfo=UTC)
    assert form.cleaned_data["ends_at"] == datetime(2020, 9, 20, 16, 50, tzinfo=UTC)
    # In winter Paris is UTC+1.
    form = SlotForm({"day": "2020-12-20", "starts": "18:00", "ends": "19:00"}, zone="Europe/Paris")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"] == datetime(2020, 12, 20, 17, tzinfo=UTC)


def test_a_time_skipped_by_the_clocks_is_refused():
    form = SlotForm({"day": "2020-03-29", "starts": "02:30", "ends": "03:30"}, zone="Europe/Paris")
    assert not form.is_valid()
    assert "does not exist" in form.errors["starts"][0]


def test_a_slot_form_ending_before_it_starts_is_refused():
    form = SlotForm({"day": "2020-09-20", "starts": "18:00", "ends": "17:00"}, zone="Europe/Paris")
    assert not form.is_valid()
    assert form.errors["ends"] == ["A time slot must end after it starts, on the same day."]


def test_a_slot_ends_after_it_starts(space, organizer):
    for ends_at in (SLOT_START, SLOT_START - timedelta(minutes=1)):
        with pytest.raises(ServiceError) as refused:
            services.slot_add(
                open_space=space, user=organizer, starts_at=SLOT_START, ends_at=ends_at
            )
        assert refused.value.code == "ends_before_start"
    assert not Slot.objects.exists()


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (0, 60),  # the same
        (-30, 30),  # ends inside
        (30, 90),  # starts inside
        (10, 20),  # inside
        (-10, 70),  # around
    ],
)
def test_slots_do_not_overlap(space, organizer, start, end):
    SlotFactory(open_space=space, starts_at=SLOT_START, ends_at=SLOT_START + timedelta(hours=1))
    before = version(space)
    with pytest.raises(ServiceError) as refused:
        services.slot_add(
            open_space=space,
            user=organizer,
            starts_at=SLOT_START + timedelta(minutes=start),
            ends_at=SLOT_START + timedelta(minutes=end),
        )
    assert refused.value.code == "overlap"
    assert Slot.objects.count() == 1
    assert version(space) == before


def test_a_slot_may_start_when_the_one_before_ends(space, organizer):
    SlotFactory(open_space=space, starts_at=SLOT_START, ends_at=SLOT_START + timedelta(hours=1))
    services.slot_add(
        open_space=space,
        user=organizer,
        starts_at=SLOT_START + timedelta(hours=1),
        ends_at=SLOT_START + timedelta(hours=2),
    )
    services.slot_add(
        open_space=space,
        user=organizer,
        starts_at=SLOT_START - timedelta(hours=1),
        ends_at=SLOT_START,
    )
    assert Slot.objects.count() == 3


def test_slots_of_other_open_spaces_do_not_count(space, organizer):
    SlotFactory(starts_at=SLOT_START, ends_at=SLOT_START + timedelta(hours=1))
    services.slot_add(
        open_space=space,
        user=organizer,
        starts_at=SLOT_START,
        ends_at=SLOT_START + timedelta(hours=1),
    )
    assert space.slots.count() == 1


def test_only_organizers_add_slots(space):
    with pytest.raises(ServiceError) as refused:
        services.slot_add(
            open_space=space,
            user=UserFactory(),
            starts_at=SLOT_START,
            ends_at=SLOT_START + timedelta(hours=1),
        )
    assert refused.value.code == "forbidden"
    assert not Slot.objects.exists()


def test_a_slot_without_a_topic_is_removed_and_the_grid_changes(space, organizer):
    slot = SlotFactory(open_space=space)
    before = version(space)
    services.slot_remove(slot=slot, user=organizer)
    assert not Slot.objects.exists()
    assert version(space) == before + 1


def test_a_slot_with_a_topic_placed_in_it_stays(space, organizer):
    slot = SlotFactory(open_space=space)
    placed(TopicFactory(open_space=space), slot, RoomFactory(open_space=space))
    before = version(space)
    with pytest.raises(ServiceError) as refused:
        services.slot_remove(slot=slot, user=organizer)
    assert refused.value.code == "in_use"
    assert "Move it to another slot first" in refused.value.message
    assert Slot.objects.filter(pk=slot.pk).exists()
    assert version(space) == before


def test_a_slot_whose_topic_was_withdrawn_is_removed(space, organizer):
    slot = SlotFactory(open_space=space)
    TopicFactory(open_space=space, status="withdrawn")
    services.slot_remove(slot=slot, user=organizer)
    assert not Slot.objects.exists()


def test_only_organizers_remove_slots(space):
    slot = SlotFactory(open_space=space)
    with pytest.raises(ServiceError):
        services.slot_remove(slot=slot, user=UserFactory())
    assert Slot.objects.filter(pk=slot.pk).exists()


# --- rooms ---------------------------------------------------------------------------------


def test_rooms_are_added_after_the_others_online_or_in_a_venue(space, organizer):
    before = version(space)
    online = services.room_add(
        open_space=space,
        user=organizer,
        name="  Agora  ",
        kind="online",
        meeting_url="https://meet.example.org/agora",
        place="ignored",
    )
    venue = services.room_add(
        open_space=space,
        user=organizer,
        name="Garden",
        kind="venue",
        meeting_url="https://ignored.example.org",
        place="Behind the library",
    )
    assert (online.name, online.meeting_url, online.place, online.position) == (
        "Agora",
        "https://meet.example.org/agora",
        "",
        0,
    )
    assert (venue.meeting_url, venue.place, venue.position) == ("", "Behind the library", 1)
    assert version(space) == before + 2


@pytest.mark.parametrize(
    ("terms", "code"),
    [
        ({"name": "A", "kind": "online", "meeting_url": "http://meet.example.org"}, "url_invalid"),
        ({"name": "A", "kind": "online", "meeting_url": "javascript:alert(1)"}, "url_invalid"),
        ({"name": "A", "kind": "online", "meeting_url": ""}, "url_missing"),
        ({"name": "A", "kind": "venue", "place": "  "}, "place_missing"),
        ({"name": "   ", "kind": "venue", "place": "Hall"}, "name_empty"),
        ({"name": "x" * 101, "kind": "venue", "place": "Hall"}, "name_too_long"),
        ({"name": "A", "kind": "cave", "place": "Hall"}, "kind"),
        ({"name": "A", "kind": "venue", "place": "Hall", "position": 40000}, "position"),
    ],
)
def test_rooms_with_bad_terms_are_refused(space, organizer, terms, code):
    before = version(space)
    with pytest.raises(ServiceError) as refused:
        services.room_add(open_space=space, user=organizer, **terms)
    assert refused.value.code == code
    assert not Room.objects.exists()
    assert version(space) == before


def test_a_room_name_is_used_once_per_open_space(space, organizer):
    RoomFactory(open_space=space, name="Agora")
    RoomFactory(name="Garden")
    with pytest.raises(ServiceError) as refused:
        services.room_add(open_space=space, user=organizer, name="Agora", kind="venue", place="H")
    assert refused.value.code == "name_taken"
    services.room_add(open_space=space, user=organizer, name="Garden", kind="venue", place="H")
    assert space.rooms.count() == 2


def test_a_room_is_changed_and_the_grid_changes(space, organizer):
    room = RoomFactory(open_space=space, name="Agora", position=3)
    RoomFactory(open_space=space, name="Garden")
    before = version(space)
    services.room_update(
        room=room, user=organizer, name="Forum", kind="venue", place="Hall B", position=None
    )
    room.refresh_from_db()
    assert (room.name, room.kind, room.place, room.meeting_url, room.position) == (
        "Forum",
        "venue",
        "Hall B",
        "",
        3,
    )
    assert version(space) == before + 1
    with pytest.raises(ServiceError) as refused:
        services.room_update(room=room, user=organizer, name="Garden", kind="venue", place="H")
    assert refused.value.code == "name_taken"
    room.refresh_from_db()
    assert room.name == "Forum"


def test_a_room_with_a_topic_placed_in_it_stays(space, organizer):
    room = RoomFactory(open_space=space)
    placed(TopicFactory(open_space=space), SlotFactory(open_space=space), room)
    with pytest.raises(ServiceError) as refused:
        services.room_remove(room=room, user=organizer)
    assert refused.value.code == "in_use"
    assert Room.objects.filter(pk=room.pk).exists()


def test_an_empty_room_is_removed(space, organizer):
    room = RoomFactory(open_space=space)
    before = version(space)
    services.room_remove(room=room, user=organizer)
    assert not Room.objects.exists()
    assert version(space) == before + 1


def test_only_organizers_change_rooms(space):
    room = RoomFactory(open_space=space, name="Agora")
    stranger = UserFactory()
    with pytest.raises(ServiceError):
        services.room_add(open_space=space, user=stranger, name="B", kind="venue", place="H")
    with pytest.raises(ServiceError):
        services.room_update(room=room, user=stranger, name="B", kind="venue", place="H")
    with pytest.raises(ServiceError):
        services.room_remove(room=room, user=stranger)
    assert list(Room.objects.values_list("name", flat=True)) == ["Agora"]
