"""The cards of the event list are rendered once and shared between readers; each reader
still sees edits and new sessions at once, in their language and time zone."""

from datetime import UTC, datetime

import pytest
from django.test import Client

from convene.events import rendering
from tests.factories import UserFactory

from .factories import EventFactory, SessionFactory

pytestmark = pytest.mark.django_db

START = datetime(2030, 3, 1, 22, 30, tzinfo=UTC)


@pytest.fixture
def rendered(monkeypatch):
    """The events whose card was rendered (not taken as kept), by slug."""
    slugs = []
    original = rendering.CARD.render

    def spy(context):
        slugs.append(context["event"].slug)
        return original(context)

    monkeypatch.setattr(rendering.CARD, "render", spy)
    return slugs


@pytest.fixture
def event():
    event = EventFactory(slug="gc", title="Global Conversations")
    SessionFactory(event=event, starts_at=START)
    return event


def test_a_card_is_rendered_once_for_readers_alike(event, rendered):
    reader = Client()
    reader.force_login(UserFactory())

    anonymous = Client().get("/en/events/").text
    signed_in = reader.get("/en/events/").text

    assert rendered == ["gc"]
    start = anonymous.index('<li class="card">')
    card = anonymous[start : anonymous.index("</li>", start)]
    assert card in signed_in
    assert "Global Conversations" in card


def test_edits_and_new_sessions_show_at_once(client, event, rendered):
    client.get("/en/events/")
    event.title = "Global Conversations 2030"
    event.save()
    assert "Global Conversations 2030" in client.get("/en/events/").text

    SessionFactory(event=event, starts_at=START.replace(day=2))

    assert "2 sessions" in client.get("/en/events/").text
    assert rendered == ["gc", "gc", "gc"]


def test_language_and_time_zone_are_kept_apart(client, event):
    english = client.get("/en/events/").text
    french = client.get("/fr/events/").text
    client.cookies["convene_tz"] = "Asia/Kolkata"  # 04:00 the next day there
    kolkata = client.get("/en/events/").text

    assert "Fri, Mar 1, 2030" in english and "Sat, Mar 2, 2030" not in english
    assert "ven. 1 mars 2030" in french
    assert "Sat, Mar 2, 2030" in kolkata


def test_the_draft_badge_is_on_the_organizers_card_only(client, event):
    organizer = UserFactory()
    draft = EventFactory(slug="draft", title="Charter draft", is_published=False)
    draft.organizers.add(organizer)
    assert "Charter draft" not in client.get("/en/events/").text
    client.force_login(organizer)

    html = client.get("/en/events/").text

    assert 'Charter draft</a> <span class="badge warn">Draft</span>' in html
