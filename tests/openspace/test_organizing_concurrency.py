"""Organizers changing the grid at the same moment, on PostgreSQL with one connection per
thread: slots added at once never overlap, and rooms added at once never share a name."""

from __future__ import annotations

from datetime import timedelta

import pytest

from convene.core.errors import ServiceError
from convene.openspace import services_organizing as services
from convene.openspace.models import Room, Slot
from tests.events.test_concurrency import postgres, run_together  # noqa: F401 - a fixture
from tests.factories import UserFactory
from tests.openspace.factories import SLOT_START, OpenSpaceFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_overlapping_slots_added_at_once_end_as_one(postgres):  # noqa: F811
    organizers = [UserFactory() for _ in range(8)]
    space = OpenSpaceFactory(event__organizers=organizers)

    # Each starts five minutes after the one before and lasts an hour: the last starts 35
    # minutes after the first, so every two overlap.
    errors = run_together(
        8,
        lambda i: services.slot_add(
            open_space=space,
            user=organizers[i],
            starts_at=SLOT_START + timedelta(minutes=5 * i),
            ends_at=SLOT_START + timedelta(minutes=5 * i + 60),
        ),
    )

    assert Slot.objects.filter(open_space=space).count() == 1
    assert len(errors) == 7
    assert all(isinstance(error, ServiceError) for error in errors)
    assert {error.code for error in errors} == {"overlap"}


def test_slots_at_the_same_start_added_at_once_end_as_one(postgres):  # noqa: F811
    organizers = [UserFactory() for _ in range(6)]
    space = OpenSpaceFactory(event__organizers=organizers)

    errors = run_together(
        6,
        lambda i: services.slot_add(
            open_space=space,
            user=organizers[i],
            starts_at=SLOT_START,
            ends_at=SLOT_START + timedelta(minutes=30 + i),
        ),
    )

    assert Slot.objects.filter(open_space=space).count() == 1
    assert len(errors) == 5
    assert {getattr(error, "code", repr(error)) for error in errors} <= {"overlap", "start_taken"}


def test_rooms_of_one_name_added_at_once_end_as_one(postgres):  # noqa: F811
    organizers = [UserFactory() for _ in range(6)]
    space = OpenSpaceFactory(event__organizers=organizers)

    errors = run_together(
        6,
        lambda i: services.room_add(
            open_space=space, user=organizers[i], name="Agora", kind="venue", place=f"Hall {i}"
        ),
    )

    assert Room.objects.filter(open_space=space).count() == 1
    assert [getattr(error, "code", repr(error)) for error in errors] == ["name_taken"] * 5
