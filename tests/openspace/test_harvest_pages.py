"""The harvest page by role: the organizers read it and publish it once the last slot is
over, everyone reads it once published; its topics by slot and room with their notes in
the language asked for, and the topics proposed but not held."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages

from convene.openspace.models import OpenSpace, Topic
from tests.openspace.factories import (
    NOW,
    SLOT_START,
    ActionFactory,
    NoteVersionFactory,
    TopicFactory,
    placed,
)
from tests.openspace.notes_world import ROLES, World, url

pytestmark = pytest.mark.django_db

AFTER = SLOT_START + timedelta(hours=3)


@pytest.fixture
def world() -> World:
    world = World()
    NoteVersionFactory(topic=world.topic, language="en", number=1, body="We *agreed*.")
    NoteVersionFactory(topic=world.topic, language="fr", number=1, body="Nous *sommes* là.")
    ActionFactory(topic=world.topic, what="Draft the letter")
    placed(
        TopicFactory(open_space=world.space, title="Second room", convener=world.present),
        world.slots[0],
        world.rooms[1],
    )
    placed(
        TopicFactory(open_space=world.space, title="Later slot", convener=world.present),
        world.slots[1],
        world.rooms[0],
    )
    TopicFactory(open_space=world.space, title="Never held", convener=world.participant)
    TopicFactory(open_space=world.space, title="Taken back", status=Topic.Status.WITHDRAWN)
    return world


def log_in(client, world: World, role: str) -> None:
    user = world.user(role)
    if user is not None:
        client.force_login(user)


def published(world: World) -> None:
    OpenSpace.objects.filter(pk=world.space.pk).update(
        harvest_published_at=AFTER, harvest_published_by=world.organizer
    )


@pytest.mark.parametrize("role", ROLES)
def test_before_publishing_only_organizers_read_the_harvest(client, world, role):
    log_in(client, world, role)

    with time_machine.travel(NOW, tick=False):
        response = client.get(url("harvest", world.slug))

    assert response.status_code == (200 if role == "organizer" else 404)
    if role == "organizer":
        html = response.content.decode()
        assert "Not published yet: only the organizers can read the harvest." in html
        assert "Publish the harvest" not in html
        assert "The harvest can be published once the last time slot is over." in html


@pytest.mark.parametrize("role", ROLES)
def test_once_published_everyone_reads_the_harvest(client, world, role):
    published(world)
    log_in(client, world, role)

    with time_machine.travel(AFTER, tick=False):
        response = client.get(url("harvest", world.slug))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'Published <time datetime="2020-09-20T19:00:00Z">' in html
    assert "Publish the harvest" not in html and "Not published yet" not in html
    assert "<p>We <em>agreed</em>.</p>" in html
    assert "Draft the letter" in html
    assert "I take this on" not in html  # the topic's page is where actions are taken on


def test_the_harvest_lists_topics_by_slot_and_room_then_those_not_held(client, world):
    published(world)

    with time_machine.travel(AFTER, tick=False):
        html = client.get(url("harvest", world.slug)).content.decode()

    order = ["Letters to the UN", "Second room", "Later slot", "Proposed, not held", "Never held"]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Taken back" not in html
    assert html.count('<time datetime="2020-09-20T16:00:00Z">') == 1  # the first slot's heading


def test_the_notes_in_the_language_asked_for_else_as_first_written(client, world):
    published(world)
    NoteVersionFactory(
        topic=Topic.objects.get(title="Second room"), language="de", number=1, body="Auf Deutsch."
    )

    with time_machine.travel(AFTER, tick=False):
        html = client.get(url("harvest", world.slug) + "?language=fr").content.decode()

    assert "<p>Nous <em>sommes</em> là.</p>" in html
    assert "Notes in French</p>" in html
    assert "Notes in German (not translated into French)" in html
    assert '<strong aria-current="true">French</strong>' in html
    assert '<a href="?language=en" hreflang="en">English</a>' in html
    assert '<a href="?language=de" hreflang="de">German</a>' in html
    assert url("harvest_wikitext", world.slug) + "?language=fr" in html


def test_the_organizers_publish_the_harvest_after_the_last_slot(client, world):
    client.force_login(world.organizer)

    with time_machine.travel(AFTER, tick=False):
        page = client.get(url("harvest", world.slug)).content.decode()
        response = client.post(url("harvest_publish", world.slug))

    assert "Publish the harvest</button>" in page
    assert response.status_code == 302 and response["Location"] == url("harvest", world.slug)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The harvest is published: everyone can read and download it."
    ]
    space = OpenSpace.objects.get(pk=world.space.pk)
    assert (space.harvest_published_at, space.harvest_published_by) == (AFTER, world.organizer)


@pytest.mark.parametrize(
    ("role", "when", "told"),
    [
        ("organizer", NOW, "The harvest is published once the last time slot is over."),
        ("convener", AFTER, "Only the organizers publish the harvest."),
        ("present", AFTER, "Only the organizers publish the harvest."),
        ("participant", AFTER, "Only the organizers publish the harvest."),
        ("stranger", AFTER, "Only the organizers publish the harvest."),
    ],
)
def test_publishing_is_refused_before_the_end_and_to_others(client, world, role, when, told):
    log_in(client, world, role)

    with time_machine.travel(when, tick=False):
        response = client.post(url("harvest_publish", world.slug))

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [told]
    assert OpenSpace.objects.get(pk=world.space.pk).harvest_published_at is None


def test_anonymous_people_are_sent_to_log_in_to_publish(client, world):
    with time_machine.travel(AFTER, tick=False):
        response = client.post(url("harvest_publish", world.slug))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert OpenSpace.objects.get(pk=world.space.pk).harvest_published_at is None


def test_an_open_space_without_slots_says_why_it_cannot_be_published(client, world):
    Topic.objects.filter(open_space=world.space).update(slot=None, room=None, status="proposed")
    world.space.slots.all().delete()
    client.force_login(world.organizer)

    with time_machine.travel(AFTER, tick=False):
        html = client.get(url("harvest", world.slug)).content.decode()

    assert "The open space has no time slots yet: the harvest is published after them." in html


def test_an_unpublished_events_harvest_is_not_found(client, world):
    published(world)
    world.space.event.is_published = False
    world.space.event.save()
    log_in(client, world, "convener")

    assert client.get(url("harvest", world.slug)).status_code == 404


def test_an_event_without_open_space_has_no_harvest(client):
    from tests.events.factories import EventFactory

    EventFactory(slug="plain-event")

    assert client.get(url("harvest", "plain-event")).status_code == 404


@pytest.mark.parametrize("language", ["ar", "zh-hans", "hi", "ru"])
def test_the_harvest_and_the_notes_pages_read_in_every_script(client, world, language):
    published(world)
    client.force_login(world.present)

    with time_machine.travel(AFTER, tick=False):
        pages = [
            client.get(url("harvest", world.slug, language=language)),
            client.get(url("notes_history", world.slug, world.topic.pk, "fr", language=language)),
            client.get(url("topic", world.slug, world.topic.pk, language=language)),
        ]

    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in html
    assert '<div class="notes-body" dir="auto" lang="en">' in pages[0].content.decode()
