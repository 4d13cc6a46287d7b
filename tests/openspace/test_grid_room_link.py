"""The room's link: a participant goes to the meeting from the reveal time (the event's
hours before the slot) until the slot ends; everyone else reads why not, and the link is
in no page's HTML for them."""

from __future__ import annotations

import html as html_module
from datetime import timedelta

import pytest
import time_machine

from convene.openspace.models import Room, link_reveal_at
from tests.openspace.factories import NOW
from tests.openspace.test_grid_support import ROLES, GridWorld, log_in, url

pytestmark = pytest.mark.django_db

MEETING = "https://meet.example.org/room-"


def page_text(response) -> str:
    return html_module.unescape(response.content.decode())


@pytest.fixture
def world() -> GridWorld:
    with time_machine.travel(NOW, tick=False):
        return GridWorld()


def reveal(world: GridWorld):
    return link_reveal_at(world.slots[0], world.event)


@pytest.mark.parametrize("role", ["organizer", "convener", "participant"])
def test_a_participant_goes_to_the_room_exactly_from_the_reveal_time(client, world, role):
    log_in(client, world, role)
    room_url = url("room_link", world.slug, world.topic.pk)
    with time_machine.travel(reveal(world) - timedelta(seconds=1), tick=False):
        response = client.get(room_url)
        assert response.status_code == 403
        html = page_text(response)
        assert "The room's link is given from:" in html
        assert '<time datetime="2020-09-20T15:00:00Z">' in html
        assert MEETING not in html
    with time_machine.travel(reveal(world), tick=False):
        response = client.get(room_url)
        assert response.status_code == 302
        assert response["Location"] == world.rooms[0].meeting_url
        topic_html = page_text(client.get(url("topic", world.slug, world.topic.pk)))
        assert f'href="{room_url}"' in topic_html
        assert MEETING not in topic_html


@pytest.mark.parametrize("role", ["organizer", "participant"])
def test_the_link_ends_with_the_slot(client, world, role):
    log_in(client, world, role)
    room_url = url("room_link", world.slug, world.topic.pk)
    with time_machine.travel(world.slots[0].ends_at - timedelta(seconds=1), tick=False):
        assert client.get(room_url).status_code == 302
    with time_machine.travel(world.slots[0].ends_at, tick=False):
        response = client.get(room_url)
        assert response.status_code == 409
        assert "This topic's time slot is over." in page_text(response)


@pytest.mark.parametrize("role", ["outsider", "anonymous"])
def test_non_registrants_read_how_to_register_never_the_link(client, world, role):
    log_in(client, world, role)
    with time_machine.travel(world.slots[0].starts_at, tick=False):
        response = client.get(url("room_link", world.slug, world.topic.pk))
        assert response.status_code == 403
        html = page_text(response)
        assert "The room's link is given to the event's registered participants." in html
        assert 'href="/en/events/gathering/">Register</a>' in html
        assert ("/accounts/login/" in html.split("<main")[1]) is (role == "anonymous")


@pytest.mark.parametrize("role", ["outsider", "anonymous"])
def test_the_meeting_url_is_in_no_html_for_non_registrants(client, world, role):
    log_in(client, world, role)
    pages = [
        url("detail", world.slug),
        url("grid_fragment", world.slug),
        url("topic", world.slug, world.topic.pk),
        url("topic", world.slug, world.proposed.pk),
        url("room_link", world.slug, world.topic.pk),
        url("topic_place", world.slug, world.topic.pk),
        url("topic_edit", world.slug, world.topic.pk),
        url("topic_new", world.slug),
    ]
    for moment in (NOW, reveal(world), world.slots[0].starts_at):
        with time_machine.travel(moment, tick=False):
            for page in pages:
                response = client.get(page)
                assert b"meet.example.org" not in response.content, (page, moment)
                if response.status_code == 302:
                    assert "meet.example.org" not in response["Location"]


def test_a_venue_room_shows_its_place(client, world):
    Room.objects.filter(pk=world.rooms[0].pk).update(
        kind=Room.Kind.VENUE, meeting_url="", place="Ground floor, by the window"
    )
    client.force_login(world.participant)
    with time_machine.travel(world.slots[0].starts_at, tick=False):
        response = client.get(url("room_link", world.slug, world.topic.pk))
        assert response.status_code == 404
        assert "Ground floor, by the window" in page_text(response)
        topic_html = page_text(client.get(url("topic", world.slug, world.topic.pk)))
        assert "Ground floor, by the window" in topic_html
        assert url("room_link", world.slug, world.topic.pk) not in topic_html


def test_a_topic_in_the_marketplace_has_no_room(client, world):
    client.force_login(world.participant)
    with time_machine.travel(NOW, tick=False):
        response = client.get(url("room_link", world.slug, world.proposed.pk))
    assert response.status_code == 404
    assert "This topic's room has no link." in page_text(response)


@pytest.mark.parametrize("role", ROLES)
def test_the_topic_page_says_when_the_link_comes(client, world, role):
    log_in(client, world, role)
    with time_machine.travel(NOW, tick=False):
        html = page_text(client.get(url("topic", world.slug, world.topic.pk)))
    participant = role in ("organizer", "convener", "participant")
    assert ("The room's link is given from:" in html) is participant
    assert ("given to the event's registered participants" in html) is (not participant)
