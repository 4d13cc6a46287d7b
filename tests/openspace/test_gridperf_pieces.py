"""The grid and the marketplace are one piece shared by every reader (`rendering_grid.GRID`):
keyed by exactly what its template shows, so any change of a topic, a slot, a room, the
hour, the language or the zone is a new key; each reader's presences, interests and token
are put in on the way out, right for two readers of the same kept piece."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client, TestCase
from django.utils import timezone, translation

from convene.accounts.models import User
from convene.core.pieces import CSRF_PLACEHOLDER
from convene.events.models import Event
from convene.openspace import rendering_grid, selectors_grid, services
from convene.openspace.models import OpenSpace, Room, Slot, Topic
from convene.openspace.selectors_grid import Cell, GridPage, GridTopic, SlotRow
from tests.core.test_piece_keys import (
    AT,
    each_field_makes_a_new_key,
    template_reads,
    undeclared,
)
from tests.openspace.factories import NOW
from tests.openspace.test_grid_support import GridWorld, url

GRID = rendering_grid.GRID


# --- the piece's key, on an example context ---------------------------------------------


def topic(pk: int, status: str, **fields) -> GridTopic:
    values = {
        "pk": pk,
        "title": f"Topic {pk}",
        "status": status,
        "slot_id": None,
        "room_id": None,
        "convener_name": f"Convener {pk}",
        "language_names": ["English", "French"],
        "interest_count": 3,
        "people_count": 2,
        "wants_interpretation": True,
        "wants_note_taker": True,
        "merged_into_title": None,
        "created_at": AT,
        **fields,
    }
    return GridTopic(**values)


def example() -> dict:
    event = Event(pk=1, slug="gathering", title="Gathering")
    space = OpenSpace(pk=1, event=event, grid_version=4)
    slot = Slot(pk=5, open_space=space, starts_at=AT, ends_at=AT + timedelta(minutes=50))
    rooms = [Room(pk=7, name="Room 1", position=0), Room(pk=8, name="Room 2", position=1)]
    on_grid = topic(1, Topic.Status.PLACED, slot_id=5, room_id=7)
    into = topic(2, Topic.Status.PROPOSED)
    gone = topic(3, Topic.Status.MERGED, merged_into_title=into.title)
    page = GridPage(
        open_space=space,
        event=event,
        now=AT,
        slots=[slot],
        rooms=rooms,
        rows=[
            SlotRow(
                slot=slot,
                cells=[Cell(room=rooms[0], topic=on_grid), Cell(room=rooms[1])],
                is_now=True,
                is_over=True,  # not both at once in life; each is keyed
            )
        ],
        marketplace=[into],
        gone=[gone],
        cohosts=[],
        sessions=[],
        version=4,
    )
    return {
        "page": page,
        "event": event,
        "here": "/en/open-space/gathering/",
        "forms": True,
        "csrf_token": CSRF_PLACEHOLDER,
    }


def test_the_template_reads_nothing_its_key_is_not_made_of():
    reads = template_reads(GRID, example())
    anonymous = example()
    anonymous["forms"] = False
    reads |= template_reads(GRID, anonymous)
    # `Topic.Status.PLACED` is read through the topic by `is_on_grid`: a constant, not data.
    reads = {path for path in reads if ".Status." not in path}

    assert reads, "the recording sees the template's reads"
    assert undeclared(GRID, reads) == set()


def test_each_field_the_grid_shows_makes_a_new_key():
    each_field_makes_a_new_key(GRID, example)


def test_the_language_and_the_zone_make_a_new_key():
    key = GRID.key(example())
    with translation.override("fr"):
        french = GRID.key(example())
    with timezone.override("Asia/Kolkata"):
        kolkata = GRID.key(example())
    assert len({key, french, kolkata}) == 3


def test_what_the_grid_does_not_show_keeps_its_key():
    key = GRID.key(example())
    context = example()
    context["page"].marketplace[0].created_at = AT + timedelta(days=1)  # its order is shown
    context["page"].interests = {1, 2}  # a reader's own: put in on the way out
    context["page"].presences = {5: 1}
    assert GRID.key(context) == key


# --- on the page ------------------------------------------------------------------------


@pytest.fixture
def world(db):
    with time_machine.travel(NOW, tick=False):
        yield GridWorld()


def page_key(world: GridWorld, viewer=None) -> str:
    space = selectors_grid.open_space_get(slug=world.slug, viewer=viewer or AnonymousUser())
    assert space is not None
    page = selectors_grid.grid_page(
        open_space=space, viewer=viewer or AnonymousUser(), now=timezone.now()
    )
    return GRID.key(
        {
            "page": page,
            "event": space.event,
            "here": url("detail", world.slug),
            "forms": viewer is not None,
            "csrf_token": CSRF_PLACEHOLDER,
        }
    )


def test_a_change_of_a_title_a_place_or_an_interest_is_a_new_key(world):
    with time_machine.travel(NOW, tick=False):
        keys = [page_key(world)]
        services.topic_update(
            topic=world.topic,
            user=world.convener,
            title="Letters to the General Assembly",
            description=world.topic.description,
            topic_languages=world.topic.languages,
            wants_interpretation=False,
            wants_note_taker=False,
        )
        keys.append(page_key(world))
        with TestCase.captureOnCommitCallbacks(execute=True):
            services.topic_place(
                topic=world.proposed,
                user=world.convener,
                slot=world.slots[1],
                room=world.rooms[1],
            )
        keys.append(page_key(world))
        services.interest_set(topic=world.proposed, user=world.participant, interested=True)
        keys.append(page_key(world))
        User.objects.filter(pk=world.convener.pk).update(display_name="Cleo C.")
        keys.append(page_key(world))
        with translation.override("fr"):
            keys.append(page_key(world))
        with timezone.override("Asia/Kolkata"):
            keys.append(page_key(world))
        keys.append(page_key(world, viewer=world.participant))  # with the forms
        assert page_key(world) == keys[4]  # nothing changed: the same key
    with time_machine.travel(world.slots[0].starts_at, tick=False):  # the first slot begins
        keys.append(page_key(world))
    assert len(set(keys)) == len(keys)


def test_a_change_made_in_the_marketplace_shows_at_once(client, world):
    with time_machine.travel(NOW, tick=False):
        assert "0 interested" in client.get(url("grid_fragment", world.slug)).content.decode()
        services.interest_set(topic=world.proposed, user=world.participant, interested=True)
        html = client.get(url("grid_fragment", world.slug)).content.decode()
    market = html.split('id="grid-marketplace"')[1]
    assert "1 interested" in market


def interest_form(html: str, topic: Topic) -> str:
    return html.split(f'action="/en/open-space/gathering/topics/{topic.pk}/interest/"')[1].split(
        "</form>"
    )[0]


def topic_part(html: str, topic: Topic) -> str:
    return html.split(f'id="grid-topic-{topic.pk}"')[1].split("</li>")[0]


def test_two_readers_of_the_same_kept_piece_each_see_their_own_state(world):
    with time_machine.travel(NOW + timedelta(days=1, hours=4), tick=False):  # in the first slot
        services.presence_set(topic=world.topic, user=world.participant)
        services.interest_set(topic=world.proposed, user=world.participant, interested=True)
        services.interest_set(topic=world.topic, user=world.convener, interested=True)
        pages = {}
        for person in (world.participant, world.convener):
            client = Client()  # each their own browser
            client.force_login(person)
            response = client.get(url("detail", world.slug))
            pages[person.pk] = (response.content.decode(), response.cookies["csrftoken"].value)
        kept = len(GRID.store)
    assert kept == 1  # one piece for both
    mine, my_token = pages[world.participant.pk]
    theirs, their_token = pages[world.convener.pk]
    for html in (mine, theirs):
        assert "<!--grid-" not in html and CSRF_PLACEHOLDER not in html
    assert "You are here" in topic_part(mine, world.topic)
    assert "You are here" not in theirs
    assert 'value="0"><button type="submit" class="secondary" aria-pressed="true">' in (
        interest_form(mine, world.proposed)
    )
    assert 'aria-pressed="false"' in interest_form(mine, world.topic)
    assert 'aria-pressed="true"' in interest_form(theirs, world.topic)
    assert 'value="1"><button type="submit" class="secondary" aria-pressed="false">' in (
        interest_form(theirs, world.proposed)
    )
    assert my_token != their_token  # each their own secret, in their forms
    for html, secret in ((mine, my_token), (theirs, their_token)):
        tokens = {
            part.split('"')[0] for part in html.split('name="csrfmiddlewaretoken" value="')[1:]
        }
        assert len(tokens) >= 2  # the grid's forms, and the header's
        assert {_unmask_cipher_token(token) for token in tokens} == {secret}


def test_an_anonymous_reader_gets_no_form_and_no_marker(client, world):
    with time_machine.travel(NOW, tick=False):
        html = client.get(url("detail", world.slug)).content.decode()
        fragment = client.get(url("grid_fragment", world.slug)).content.decode()
    for each in (html, fragment):
        assert "<!--grid-" not in each and "csrfmiddlewaretoken" not in each
        assert "Letters to the UN" in each


def test_the_interest_form_still_works_without_script(client, world):
    with time_machine.travel(NOW, tick=False):
        client.force_login(world.participant)
        html = client.get(url("detail", world.slug)).content.decode()
        form = interest_form(html, world.proposed)
        token = form.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        client.handler.enforce_csrf_checks = True
        response = client.post(
            f"/en/open-space/gathering/topics/{world.proposed.pk}/interest/",
            {"csrfmiddlewaretoken": token, "interested": "1", "next": "/en/open-space/gathering/"},
        )
        assert response.status_code == 302
        again = client.get(url("detail", world.slug)).content.decode()
    assert 'aria-pressed="true"' in interest_form(again, world.proposed)
    assert "1 interested" in topic_part(again, world.proposed)


def test_conveners_are_named_as_everywhere_else(client, world):
    pk = world.convener.pk
    with time_machine.travel(NOW, tick=False):
        User.objects.filter(pk=pk).update(display_name="")
        unnamed = client.get(url("grid_fragment", world.slug)).content.decode()
        world.convener.delete()
        deleted = client.get(url("grid_fragment", world.slug)).content.decode()
        with translation.override("fr"):
            french = client.get(url("grid_fragment", world.slug, language="fr")).content.decode()
    assert f"Convened by <bdi>Participant {pk}</bdi>" in unnamed
    assert "Convened by <bdi>deleted user</bdi>" in deleted
    assert "deleted user" not in french and "Convened by" not in french
