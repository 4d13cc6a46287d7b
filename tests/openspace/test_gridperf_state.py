"""The grid's version as pages poll it is fresh in every process: with a cache each process
keeps to itself, read from the database; with one they share, from it (no query once kept),
every change deleting it there."""

from __future__ import annotations

import pytest
import time_machine
from django.core.cache.backends.locmem import LocMemCache
from django.test import TestCase, override_settings

from convene.openspace import selectors_grid, services
from tests.openspace.factories import NOW
from tests.openspace.test_grid_support import GridWorld, url

pytestmark = pytest.mark.django_db


class SharedCache(LocMemCache):
    """Stands for Redis: one cache every "process" of a test reads (same LOCATION)."""


def process(name: str, *, shared: bool = False):
    """Settings as one process has them: its own memory, or a cache shared with others."""
    backend = (
        f"{SharedCache.__module__}.SharedCache"
        if shared
        else "django.core.cache.backends.locmem.LocMemCache"
    )
    return override_settings(
        CACHES={"default": {"BACKEND": backend, "LOCATION": "shared" if shared else name}}
    )


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world() -> GridWorld:
    return GridWorld()


def place(world: GridWorld) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.topic_place(
            topic=world.proposed, user=world.convener, slot=world.slots[1], room=world.rooms[1]
        )


def test_which_caches_are_shared():
    with process("a"):
        assert not selectors_grid.cache_is_shared()
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    ):
        assert not selectors_grid.cache_is_shared()
    with process("a", shared=True):
        assert selectors_grid.cache_is_shared()


def test_a_change_in_one_process_is_seen_at_once_by_another(client, world):
    state_url = url("grid_state", world.slug)
    with process("a"):
        assert client.get(state_url).json() == {"version": 1}
    with process("b"):
        place(world)  # deletes the version in process b's memory only
    with process("a"):
        assert client.get(state_url).json() == {"version": 2}


def test_each_poll_is_one_query_without_a_shared_cache(client, world, django_assert_num_queries):
    state_url = url("grid_state", world.slug)
    with process("a"):
        for _ in range(2):
            with django_assert_num_queries(1):  # the version, by the event's slug
                assert client.get(state_url).json() == {"version": 1}


def test_a_shared_cache_is_read_without_a_query_and_emptied_by_a_change(
    client, world, django_assert_num_queries
):
    state_url = url("grid_state", world.slug)
    with process("a", shared=True):
        with django_assert_num_queries(2):  # the open space's id, then its version
            assert client.get(state_url).json() == {"version": 1}
        with django_assert_num_queries(0):
            assert client.get(state_url).json() == {"version": 1}
    with process("b", shared=True):
        place(world)
    with process("a", shared=True), django_assert_num_queries(1):  # the id is still kept
        assert client.get(state_url).json() == {"version": 2}


@pytest.mark.parametrize("shared", [False, True])
def test_an_unknown_open_space_has_no_version(client, shared):
    with process("a", shared=shared):
        response = client.get(url("grid_state", "nowhere"))
    assert response.status_code == 404
