from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from convene.events.models import Event, Session
from tests.factories import UserFactory


@pytest.fixture
def user(db):
    return UserFactory(email="amina@example.org", display_name="Amina")


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def now():
    return datetime(2030, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def session(db, now):
    event = Event.objects.create(slug="global", title="Global Conversations", is_published=True)
    return Session.objects.create(
        event=event,
        title="Round 1",
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=2),
        capacity=1,
        interpretation_languages=["fr", "ar"],
    )
