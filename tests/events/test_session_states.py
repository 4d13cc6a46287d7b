"""An ended session says it ended and invites nothing more; a programme run at several
times links its other sessions instead of showing its internal agenda key."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import TestCase
from django.urls import reverse

from convene.events import services
from tests.factories import UserFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db

START = datetime(2026, 5, 10, 9, 0, tzinfo=UTC)
AFTER = START + timedelta(hours=3)


@pytest.fixture
def event():
    return EventFactory(slug="ama", title="Movement Charter AMA")


def make_session(event, title="Asia-Pacific edition", starts_at=START, **fields):
    with (
        time_machine.travel(START - timedelta(days=10), tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        return services.session_create(
            event=event,
            title=title,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            capacity=100,
            location_type="online",
            meeting_url="https://meet.example.org/x",
            **fields,
        )


def session_page(client, session, when):
    with time_machine.travel(when, tick=False):
        return client.get(reverse("events:session", args=[session.event.slug, session.pk])).text


def test_the_agenda_key_is_never_shown_the_other_times_are(client, event):
    asia = make_session(event, agenda="ama")
    americas = make_session(event, "Americas edition", START + timedelta(hours=12), agenda="ama")
    make_session(event, "Unrelated", START + timedelta(days=1))

    text = session_page(client, asia, START - timedelta(days=1))

    assert "Agenda" not in text and ">ama<" not in text
    assert "This programme also runs at other times:" in text
    assert (
        f'<a href="{reverse("events:session", args=["ama", americas.pk])}" dir="auto" lang="en">'
        'Americas edition</a> · <time datetime="2026-05-10T21:00:00Z">' in text
    )
    assert "Unrelated" not in text


def test_a_session_without_agenda_lists_no_other_times(client, event):
    session = make_session(event)
    make_session(event, "Americas edition", START + timedelta(hours=12))

    assert "also runs at other times" not in session_page(client, session, START)


def test_an_ended_session_says_so_without_places_registration_or_invitation(client, event):
    session = make_session(event, notes="We agreed on *three* hubs.")
    before = session_page(client, session, START - timedelta(days=1))
    assert "100 of 100 left" in before

    text = session_page(client, session, AFTER)

    assert "This session has ended." in text
    assert "left" not in text.split("<main")[-1]
    assert reverse("events:register", args=["ama", session.pk]) not in text
    assert "already started" not in text
    assert "Propose a lightning talk" not in text
    assert "<em>three</em>" in text  # the notes, published after the session


def test_a_participant_of_an_ended_session_gets_no_link_and_no_cancel(client, event):
    session = make_session(event)
    user = UserFactory()
    with time_machine.travel(START - timedelta(days=1), tick=False):
        services.registration_create(
            session=session, user=user, needs=services.Needs(), accepted_code_of_conduct=True
        )
    client.force_login(user)

    text = session_page(client, session, AFTER)

    assert "This session has ended." in text
    assert "https://meet.example.org/x" not in text
    assert "Cancel my registration" not in text
    assert "Change my needs" not in text


def test_the_event_page_shows_ended_sessions_without_places_or_registration(client, event):
    ended = make_session(event)
    upcoming = make_session(event, "Americas edition", START + timedelta(days=2))

    with time_machine.travel(AFTER, tick=False):
        text = client.get(reverse("events:detail", args=["ama"])).text

    assert text.count("This session has ended.") == 1
    assert text.count("of 100 left") == 1
    assert reverse("events:register", args=["ama", ended.pk]) not in text
    assert reverse("events:register", args=["ama", upcoming.pk]) in text


def test_the_questions_page_of_an_ended_session_does_not_invite_visitors_to_ask(client, event):
    session = make_session(event)

    with time_machine.travel(AFTER, tick=False):
        text = client.get(reverse("qanda:page", args=["ama", session.pk])).text

    assert "This session has ended: it no longer takes questions." in text
    assert "Log in to ask a question" not in text


def test_the_other_times_are_named_in_the_readers_language(client, event):
    from django.utils import translation

    from convene.events.translations import content_translation_save

    asia = make_session(event, agenda="ama")
    americas = make_session(event, "Americas edition", START + timedelta(hours=12), agenda="ama")
    content_translation_save(
        owner=americas, field="title", language="fr", text="Édition Amériques", translator=None
    )

    with translation.override("fr"):
        address = reverse("events:session", args=[event.slug, asia.pk])
        other = reverse("events:session", args=[event.slug, americas.pk])
    with time_machine.travel(START - timedelta(days=1), tick=False):
        text = client.get(address).text

    assert f'<a href="{other}" dir="auto" lang="fr">Édition Amériques</a>' in text
