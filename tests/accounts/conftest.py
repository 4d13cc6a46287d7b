from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from convene.events.models import Event, Session
from tests.factories import UserFactory

EVENT_EMAILS = ("registered", "promoted", "join_link")


@pytest.fixture(autouse=True)
def _event_email_templates(settings, tmp_path):
    """Stand-in email templates, only while the events app does not ship its own yet."""
    try:
        for name in EVENT_EMAILS:
            get_template(f"events/email/{name}_subject.txt")
            get_template(f"events/email/{name}_body.txt")
    except TemplateDoesNotExist:
        folder = tmp_path / "templates" / "events" / "email"
        folder.mkdir(parents=True)
        for name in EVENT_EMAILS:
            (folder / f"{name}_subject.txt").write_text(f"{name}: {{{{ session.title }}}}")
            (folder / f"{name}_body.txt").write_text("{{ event.title }}: {{ session.title }}")
        engine = {**settings.TEMPLATES[0]}
        engine["DIRS"] = [*engine["DIRS"], tmp_path / "templates"]
        settings.TEMPLATES = [engine]


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
