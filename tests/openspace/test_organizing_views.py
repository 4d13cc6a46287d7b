"""The list of open spaces and the organizers' pages, for each kind of reader: organizers
set up their open space; a convener, a participant, someone else signed in get 403; an
anonymous visitor is sent to log in. Refused or mistyped forms come back with the reason,
status 400, and change nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from convene.events import translations
from convene.events.models import ContentTranslation
from convene.openspace.models import OpenSpace, Room, Slot
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory
from tests.openspace.factories import (
    NOW,
    SLOT_START,
    OpenSpaceFactory,
    RoomFactory,
    SlotFactory,
    TopicFactory,
    grid,
    participant,
    placed,
)
from tests.organizations.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"openspace:{name}", args=args)


def creator(**fields):
    user = UserFactory(**fields)
    user.user_permissions.add(Permission.objects.get(codename="add_openspace"))
    return user


@pytest.fixture
def organizer():
    return UserFactory(display_name="Organizer")


@pytest.fixture
def space(organizer):
    return OpenSpaceFactory(event__organizers=[organizer], event__slug="gc", event__title="GC")


def text(response):
    return response.content.decode()


# --- the list ---------------------------------------------------------------------------------


def test_the_list_shows_upcoming_and_running_open_spaces_before_past_ones(client):
    past = OpenSpaceFactory(event__title="Last year", circle=False)
    SlotFactory(open_space=past, starts_at=NOW - timedelta(days=365))
    later = OpenSpaceFactory(event__title="Later", circle=False)
    SlotFactory(open_space=later, starts_at=SLOT_START + timedelta(days=30))
    soon = OpenSpaceFactory(event__title="Soon")  # its opening circle is tomorrow
    running = OpenSpaceFactory(event__title="Running now", circle=False)
    SlotFactory(open_space=running, starts_at=NOW - timedelta(minutes=10))
    OpenSpaceFactory(event__title="No slot yet", circle=False)
    OpenSpaceFactory(event__title="Draft", event__is_published=False)
    page = text(client.get(url("list")))
    order = [
        page.index(title)
        for title in ("Running now", "Soon", "Later", "No slot yet", "Past", "Last year")
    ]
    assert order == sorted(order)
    assert "Draft" not in page
    assert soon.event.slug in page
    assert "New open space" not in page


def test_the_list_shows_each_open_space_with_its_cohosts_counts_and_harvest(client, space):
    slots, rooms = grid(space)
    placed(TopicFactory(open_space=space), slots[0], rooms[0])
    TopicFactory(open_space=space)
    TopicFactory(open_space=space, status="withdrawn")
    space.cohosts.add(OrganizationFactory(name="Wikimedia Deutschland"))
    space.networks = ["Whose Knowledge?"]
    space.harvest_published_at = NOW
    space.save()
    page = text(client.get(url("list")))
    assert "Wikimedia Deutschland and Whose Knowledge?" in page
    assert "2 topics · 1 on the grid" in page
    assert "Harvest published" in page
    # The first moment is the opening circle, an hour before the first slot.
    assert '<time datetime="2020-09-20T15:00:00Z">' in page
    assert f'href="{url("detail", "gc")}"' in page


def test_the_list_gives_dates_in_the_viewers_zone_and_titles_in_their_language(client, space):
    ContentTranslation.objects.create(
        event=space.event,
        field="title",
        language="fr",
        text="Conversation mondiale",
        source_digest=translations.source_digest(space.event, "title"),
    )
    client.cookies[settings.TIMEZONE_COOKIE_NAME] = "Asia/Kolkata"
    page = text(client.get(url("list", language="fr")))
    assert "Conversation mondiale" in page
    assert "20:30" in page  # 15:00 UTC in Kolkata


def test_organizers_see_their_drafts_and_how_to_set_them_up(client, organizer):
    draft = OpenSpaceFactory(event__organizers=[organizer], event__is_published=False)
    OpenSpaceFactory(event__title="Someone else's")
    client.force_login(organizer)
    page = text(client.get(url("list")))
    assert draft.event.title in page
    assert url("setup", draft.event.slug) in page
    assert page.count("/setup/") == 1


def test_people_who_may_create_see_new_open_space(client):
    client.force_login(creator())
    assert f'href="{url("new")}"' in text(client.get(url("list")))


def test_the_list_shows_the_series_one_may_see(client):
    from tests.openspace.factories import SeriesFactory

    SeriesFactory(title="From September to December", slug="sep-dec")
    SeriesFactory(title="Hidden journey", is_published=False)
    page = text(client.get(url("list")))
    assert "From September to December" in page
    assert "Hidden journey" not in page


# --- a new open space ------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in_for_a_new_open_space(client):
    response = client.get(url("new"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_people_without_the_permission_may_not_create_an_open_space(client, organizer):
    client.force_login(organizer)
    assert client.get(url("new")).status_code == 403
    event = EventFactory(organizers=[organizer])
    assert client.post(url("new"), {"event": event.pk}).status_code == 403
    assert not OpenSpace.objects.exists()


def test_an_organizer_chooses_one_of_their_events_without_an_open_space(client):
    user = creator()
    mine = EventFactory(organizers=[user], title="Mine")
    EventFactory(title="Not mine")
    taken = OpenSpaceFactory(event__organizers=[user], event__title="Already one")
    chapter = OrganizationFactory(name="Wikimedia France")
    OrganizationFactory(name="Applying group", status="applying")
    client.force_login(user)
    page = text(client.get(url("new")))
    assert "Mine" in page
    assert "Not mine" not in page
    assert "Already one" not in page
    assert "Wikimedia France" in page
    assert "Applying group" not in page
    response = client.post(
        url("new"),
        {"event": mine.pk, "cohosts": [chapter.pk], "networks": "Whose Knowledge?\r\n\r\n"},
    )
    assert response.status_code == 302
    assert response["Location"] == url("setup", mine.slug)
    space = OpenSpace.objects.get(event=mine)
    assert space.networks == ["Whose Knowledge?"]
    assert list(space.cohosts.all()) == [chapter]
    assert OpenSpace.objects.filter(pk=taken.pk).exists()


def test_an_event_of_someone_else_or_already_an_open_space_is_refused(client):
    user = creator()
    other = EventFactory()
    taken = OpenSpaceFactory(event__organizers=[user]).event
    client.force_login(user)
    for event in (other, taken):
        response = client.post(url("new"), {"event": event.pk})
        assert response.status_code == 400
        assert "Choose one of the events listed." in text(response)
    assert OpenSpace.objects.count() == 1


def test_without_an_event_to_choose_the_page_leads_to_creating_one(client):
    client.force_login(creator())
    page = text(client.get(url("new")))
    assert reverse("events:create") in page
    assert "Create a new event first" in page


# --- the setup page, by role ------------------------------------------------------------------


def test_organizers_open_the_setup_page(client, space, organizer):
    slots, rooms = grid(space)
    topic = placed(TopicFactory(open_space=space, title="Letters to the UN"), slots[0], rooms[1])
    TopicFactory(open_space=space, title="Still proposed")
    client.force_login(organizer)
    response = client.get(url("setup", "gc"))
    assert response.status_code == 200
    page = text(response)
    assert "Letters to the UN" in page
    assert url("topic", "gc", topic.pk) in page
    assert "Placed" in page and "Proposed" in page
    # The slots in the event's zone (Paris, UTC+2) and in the viewer's (UTC).
    assert "18:00" in page and "16:00" in page
    assert "Opening circle" in page
    assert reverse("events:session_create", args=["gc"]) in page
    session = space.event.sessions.get()
    assert reverse("events:session_edit", args=["gc", session.pk]) in page
    # A slot and a room with a topic have no remove button; the others do.
    assert url("slot_remove", "gc", slots[0].pk) not in page
    assert url("slot_remove", "gc", slots[1].pk) in page
    assert url("room_remove", "gc", rooms[1].pk) not in page
    assert url("room_remove", "gc", rooms[0].pk) in page


def test_administrators_set_up_any_open_space(client, space):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(url("setup", "gc")).status_code == 200


@pytest.mark.parametrize("role", ["convener", "participant", "someone"])
def test_others_signed_in_may_not_set_up(client, space, role):
    slots, rooms = grid(space)
    room = rooms[0]
    if role == "convener":
        user = TopicFactory(open_space=space).convener
    elif role == "participant":
        user = participant(space)
    else:
        user = UserFactory()
    client.force_login(user)
    assert client.get(url("setup", "gc")).status_code == 403
    assert client.get(url("room_edit", "gc", room.pk)).status_code == 403
    posts = [
        (url("slot_add", "gc"), {"day": "2020-09-21", "starts": "10:00", "ends": "11:00"}),
        (url("slot_remove", "gc", slots[1].pk), {}),
        (url("room_add", "gc"), {"name": "X", "kind": "venue", "place": "Hall"}),
        (url("room_edit", "gc", room.pk), {"name": "X", "kind": "venue", "place": "Hall"}),
        (url("room_remove", "gc", room.pk), {}),
        (url("cohosts", "gc"), {"networks": "N", "is_sample": "on"}),
    ]
    for address, data in posts:
        assert client.post(address, data).status_code == 403
    assert (Slot.objects.count(), Room.objects.count()) == (2, 2)
    space.refresh_from_db()
    assert (space.networks, space.is_sample) == ([], False)


def test_anonymous_visitors_are_sent_to_log_in(client, space):
    slot = SlotFactory(open_space=space)
    for address in (url("setup", "gc"), url("slot_remove", "gc", slot.pk)):
        method = client.get if address.endswith("setup/") else client.post
        response = method(address)
        assert response.status_code == 302
        assert "login" in response["Location"]
    assert Slot.objects.exists()


def test_an_unknown_open_space_is_not_found(client, organizer):
    client.force_login(organizer)
    assert client.get(url("setup", "nowhere")).status_code == 404


def test_the_setup_page_reads_in_arabic(client, space, organizer):
    grid(space)
    client.force_login(organizer)
    response = client.get(url("setup", "gc", language="ar"))
    assert response.status_code == 200
    assert 'dir="rtl"' in text(response)


# --- slots ------------------------------------------------------------------------------------


def test_a_slot_is_typed_in_the_events_zone_and_stored_in_utc(client, space, organizer):
    client.force_login(organizer)
    response = client.post(
        url("slot_add", "gc"), {"day": "2020-09-20", "starts": "18:00", "ends": "18:50"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("setup", "gc") + "#slots"
    slot = Slot.objects.get()
    assert (slot.starts_at, slot.ends_at) == (
        datetime(2020, 9, 20, 16, tzinfo=UTC),
        datetime(2020, 9, 20, 16, 50, tzinfo=UTC),
    )


def test_an_overlapping_slot_is_refused_with_its_reason(client, space, organizer):
    SlotFactory(open_space=space, starts_at=SLOT_START, ends_at=SLOT_START + timedelta(hours=1))
    client.force_login(organizer)
    response = client.post(
        url("slot_add", "gc"), {"day": "2020-09-20", "starts": "18:30", "ends": "19:30"}
    )
    assert response.status_code == 400
    assert "This time slot overlaps another one." in text(response)
    assert Slot.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"day": "", "starts": "18:00", "ends": "19:00"}, "This field is required."),
        ({"day": "2020-09-20", "starts": "18:00", "ends": "17:00"}, "must end after it starts"),
        ({"day": "2020-09-20", "starts": "soon", "ends": "19:00"}, "Enter a valid time."),
    ],
)
def test_a_mistyped_slot_comes_back_with_the_reason(client, space, organizer, data, message):
    client.force_login(organizer)
    response = client.post(url("slot_add", "gc"), data)
    assert response.status_code == 400
    assert message in text(response)
    assert not Slot.objects.exists()


def test_a_slot_holding_a_topic_is_not_removed(client, space, organizer):
    slots, rooms = grid(space)
    placed(TopicFactory(open_space=space), slots[0], rooms[0])
    client.force_login(organizer)
    response = client.post(url("slot_remove", "gc", slots[0].pk))
    assert response.status_code == 400
    assert "A topic is placed in this time slot." in text(response)
    assert Slot.objects.count() == 2
    response = client.post(url("slot_remove", "gc", slots[1].pk))
    assert response.status_code == 302
    assert list(Slot.objects.all()) == [slots[0]]


def test_a_slot_of_another_open_space_is_not_found(client, space, organizer):
    other = SlotFactory()
    client.force_login(organizer)
    assert client.post(url("slot_remove", "gc", other.pk)).status_code == 404
    assert Slot.objects.filter(pk=other.pk).exists()


# --- rooms ------------------------------------------------------------------------------------


def test_a_room_is_added_edited_and_removed(client, space, organizer):
    client.force_login(organizer)
    response = client.post(
        url("room_add", "gc"),
        {"name": "Agora", "kind": "online", "meeting_url": "https://meet.example.org/agora"},
    )
    assert response.status_code == 302
    room = Room.objects.get()
    assert (room.name, room.meeting_url, room.position) == (
        "Agora",
        "https://meet.example.org/agora",
        0,
    )
    edit = url("room_edit", "gc", room.pk)
    assert 'value="Agora"' in text(client.get(edit))
    response = client.post(
        edit, {"name": "Garden", "kind": "venue", "place": "Behind the library", "position": "4"}
    )
    assert response.status_code == 302
    room.refresh_from_db()
    assert (room.name, room.kind, room.place, room.meeting_url, room.position) == (
        "Garden",
        "venue",
        "Behind the library",
        "",
        4,
    )
    assert client.post(url("room_remove", "gc", room.pk)).status_code == 302
    assert not Room.objects.exists()


def test_a_meeting_link_must_be_https(client, space, organizer):
    client.force_login(organizer)
    response = client.post(
        url("room_add", "gc"),
        {"name": "Agora", "kind": "online", "meeting_url": "http://meet.example.org/agora"},
    )
    assert response.status_code == 400
    assert "The meeting link must be a full address starting with https://." in text(response)
    assert not Room.objects.exists()


def test_a_room_name_taken_comes_back_on_the_edit_page(client, space, organizer):
    RoomFactory(open_space=space, name="Agora")
    room = RoomFactory(open_space=space, name="Garden")
    client.force_login(organizer)
    response = client.post(
        url("room_edit", "gc", room.pk), {"name": "Agora", "kind": "venue", "place": "Hall"}
    )
    assert response.status_code == 400
    assert "Another room of this open space has this name." in text(response)
    room.refresh_from_db()
    assert room.name == "Garden"


def test_a_room_holding_a_topic_is_not_removed(client, space, organizer):
    slots, rooms = grid(space)
    placed(TopicFactory(open_space=space), slots[0], rooms[0])
    client.force_login(organizer)
    response = client.post(url("room_remove", "gc", rooms[0].pk))
    assert response.status_code == 400
    assert "A topic is placed in this room." in text(response)
    assert Room.objects.count() == 2


# --- co-hosts ---------------------------------------------------------------------------------


def test_the_cohosts_and_sample_flag_are_saved(client, space, organizer):
    chapter = OrganizationFactory(name="Wikimedia Deutschland")
    client.force_login(organizer)
    response = client.post(
        url("cohosts", "gc"),
        {"cohosts": [chapter.pk], "networks": "Whose Knowledge?\nArt+Feminism", "is_sample": "on"},
    )
    assert response.status_code == 302
    space.refresh_from_db()
    assert space.networks == ["Whose Knowledge?", "Art+Feminism"]
    assert space.is_sample
    assert list(space.cohosts.all()) == [chapter]
    page = text(client.get(url("setup", "gc")))
    assert "Whose Knowledge?\nArt+Feminism</textarea>" in page
    assert f'value="{chapter.pk}" selected' in page


def test_an_organization_not_recognized_is_not_offered(client, space, organizer):
    applying = OrganizationFactory(status="applying")
    client.force_login(organizer)
    response = client.post(url("cohosts", "gc"), {"cohosts": [applying.pk]})
    assert response.status_code == 400
    assert "Select a valid choice." in text(response)
    assert not space.cohosts.exists()


def test_the_opening_circle_is_listed_with_other_sessions(client, space, organizer):
    SessionFactory(event=space.event, title="Closing circle", starts_at=SLOT_START + timedelta(1))
    client.force_login(organizer)
    page = text(client.get(url("setup", "gc")))
    assert page.index("Opening circle") < page.index("Closing circle")
