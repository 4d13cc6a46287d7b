"""The "Your sessions" page: what to do for each upcoming session, when it starts, the
join link or when it comes, the venue, the place on the waiting list; the same queries
whatever it lists."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from convene.core.templatetags.convene import time_until
from convene.events import services
from tests.factories import UserFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
LINK = "https://meet.example.org/secret-room-42"
MINE = reverse("events:mine")


@pytest.fixture
def event():
    return EventFactory(slug="gc", link_reveal_hours=48)


def make_session(event, starts_in, **fields):
    defaults = {
        "title": "Day 1",
        "starts_at": NOW + starts_in,
        "ends_at": NOW + starts_in + timedelta(hours=2),
        "capacity": 10,
        "location_type": "online",
        "meeting_url": LINK,
    }
    with (
        time_machine.travel(NOW - timedelta(days=10), tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        return services.session_create(event=event, **{**defaults, **fields})


def register(session, user, **needs):
    with (
        time_machine.travel(NOW - timedelta(days=1), tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        return services.registration_create(
            session=session, user=user, needs=services.Needs(**needs), accepted_code_of_conduct=True
        )


def page(client, user):
    client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        return client.get(MINE)


def test_a_revealed_link_is_shown_with_the_time_left(client, event):
    user = UserFactory()
    register(make_session(event, timedelta(days=1, hours=3)), user)

    text = page(client, user).text

    assert f'<a href="{LINK}" rel="noopener noreferrer">{LINK}</a>' in text
    assert "Starts in 1 day, 3 hours." in text


def test_a_link_not_yet_revealed_says_when_it_comes(client, event):
    user = UserFactory()
    register(make_session(event, timedelta(days=2, hours=3)), user)

    text = page(client, user).text

    assert LINK not in text
    assert "The join link will appear here, and reach you by email, on:" in text
    assert '<time datetime="2026-05-01T12:00:00Z">' in text  # reveal: 48 hours before
    assert "Starts in 2 days, 3 hours." in text


def test_a_session_without_a_call_link_yet_says_what_will_happen(client, event):
    user = UserFactory()
    session = make_session(event, timedelta(hours=5, minutes=1))
    session.meeting_url = ""
    session.save()
    register(session, user)

    text = page(client, user).text

    assert "The organizers have not added a call link yet: it will appear here and be emailed" in (
        text
    )
    assert "Starts in 5 hours, 1 minute." in text


def test_in_person_participants_see_the_venue_not_the_link(client, event):
    user = UserFactory()
    hybrid = make_session(event, timedelta(days=1), location_type="hybrid", venue="Jakarta hub")
    register(hybrid, user, attendance="in_person")

    text = page(client, user).text

    assert "Venue:" in text and '<span dir="auto">Jakarta hub</span>' in text
    assert "You take part: In person" in text
    assert LINK not in text


def test_the_waiting_list_shows_its_position(client, event):
    session = make_session(event, timedelta(days=3), capacity=1)
    register(session, UserFactory())
    register(session, UserFactory())
    user = UserFactory()
    register(session, user)

    text = page(client, user).text

    assert "You are number 2 on the waiting list." in text
    assert LINK not in text


def test_change_my_needs_is_offered_while_registration_is_open(client, event):
    user = UserFactory()
    session = make_session(event, timedelta(days=3))
    register(session, user)

    assert reverse("events:needs", args=["gc", session.pk]) in page(client, user).text


@pytest.mark.parametrize(
    ("minutes", "language", "expected"),
    [
        (0, "en", "less than a minute"),
        (1, "en", "1 minute"),
        (61, "en", "1 hour, 1 minute"),
        (2 * 1440 + 180 + 7, "en", "2 days, 3 hours"),
        (1440 + 5, "en", "1 day"),
    ],
)
def test_time_left_is_in_two_units_with_each_languages_plural(minutes, language, expected):
    with translation.override(language):
        assert time_until(NOW + timedelta(minutes=minutes, seconds=30), NOW) == expected


def test_the_page_takes_the_same_queries_with_one_or_many_sessions(
    client, event, django_assert_num_queries
):
    user = UserFactory()
    client.force_login(user)
    for count in (1, 6):
        while len(user.registrations.all()) < count:
            session = make_session(event, timedelta(days=1 + count), capacity=1)
            register(session, UserFactory())
            register(session, user)
        # with whether the person moderates, asked for the header's link
        with time_machine.travel(NOW, tick=False), django_assert_num_queries(4):
            assert client.get(MINE).status_code == 200
