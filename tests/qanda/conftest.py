import pytest
import time_machine

from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory

from .factories import DURING, ENDS, STARTS


@pytest.fixture
def clock():
    """Time stands still ten minutes into the session; tests move it with `clock.shift`."""
    with time_machine.travel(DURING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def host(db):
    return UserFactory(display_name="Host Hana", email="host@example.org")


@pytest.fixture
def event(host):
    return EventFactory(organizers=[host], slug="mc", title="Movement Charter")


@pytest.fixture
def session(event):
    return SessionFactory(
        event=event, title="Ask Me Anything, Asia-Pacific", starts_at=STARTS, ends_at=ENDS
    )


@pytest.fixture
def amina(db):
    return UserFactory(display_name="Amina", email="amina@example.org")


@pytest.fixture
def budi(db):
    return UserFactory(display_name="Budi", email="budi@example.org")


@pytest.fixture
def chen(db):
    return UserFactory(display_name="Chen", email="chen@example.org")
