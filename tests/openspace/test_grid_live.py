"""What the page's script polls: the grid's version (fresh in every process), changed by
every change of the grid, and the grid's fragment, cached for anonymous readers per version."""

from __future__ import annotations

import pytest
import time_machine
from django.core.cache import cache
from django.test import TestCase

from convene.openspace import services
from convene.openspace.services import grid_version_key
from tests.openspace.factories import NOW
from tests.openspace.test_grid_support import GridWorld, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world() -> GridWorld:
    return GridWorld()


def test_the_version_costs_one_query_in_a_cache_of_this_process_alone(
    client, world, django_assert_num_queries
):
    """The tests' cache is each process's own (as without Redis): the version is read from
    the database, fresh whichever process changed it (`test_gridperf_state.py`: with a
    shared cache, no query once kept)."""
    state_url = url("grid_state", world.slug)
    with django_assert_num_queries(1):  # the version, by the event's slug
        first = client.get(state_url)
    assert first.json() == {"version": 1}
    assert first["Cache-Control"].startswith("max-age=0")
    with django_assert_num_queries(1):
        again = client.get(state_url)
    assert again.json() == {"version": 1}


def test_the_version_changes_after_placing(client, world):
    state_url = url("grid_state", world.slug)
    assert client.get(state_url).json() == {"version": 1}
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.topic_place(
            topic=world.proposed, user=world.convener, slot=world.slots[1], room=world.rooms[1]
        )
    assert cache.get(grid_version_key(world.space.pk)) is None
    assert client.get(state_url).json() == {"version": 2}
    # Through the page too.
    client.force_login(world.participant)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url("join", world.slug, world.proposed.pk))
    assert client.get(state_url).json() == {"version": 3}


def test_an_unknown_open_space_has_no_version(client):
    assert client.get(url("grid_state", "nowhere")).status_code == 404


def test_the_fragment_is_the_grid_and_the_marketplace_alone(client, world):
    response = client.get(url("grid_fragment", world.slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div class="grid-body" data-version="1">')
    assert "<html" not in html and "Opening circle" not in html
    assert "Letters to the UN" in html and "Translating the charter" in html


def test_the_page_gives_the_script_its_addresses(client, world):
    html = client.get(url("detail", world.slug)).content.decode()
    assert 'data-state-url="/en/open-space/gathering/grid/state.json"' in html
    assert 'data-fragment-url="/en/open-space/gathering/grid/fragment/"' in html
    assert 'src="/static/convene/openspace-grid.js" defer' in html
    assert 'aria-live="polite" data-updated="The grid was updated."' in html
    assert "<script>" not in html and " style=" not in html


def test_anonymous_pages_are_cached_and_a_new_version_is_a_new_address(client, world, settings):
    settings.CONVENE_PAGE_CACHE_SECONDS = 5
    fragment = url("grid_fragment", world.slug) + "?v=1"
    assert client.get(fragment).get("X-Convene-Cache") is None
    assert client.get(fragment)["X-Convene-Cache"] == "hit"
    assert client.get(url("detail", world.slug)).get("X-Convene-Cache") is None
    assert client.get(url("detail", world.slug))["X-Convene-Cache"] == "hit"
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.topic_place(
            topic=world.proposed, user=world.convener, slot=world.slots[1], room=world.rooms[1]
        )
    fresh = client.get(url("grid_fragment", world.slug) + "?v=2")
    assert fresh.get("X-Convene-Cache") is None
    assert 'data-version="2"' in fresh.content.decode()
    client.force_login(world.participant)
    assert client.get(fragment).get("X-Convene-Cache") is None  # signed in: always fresh
