"""The organizers' needs figures: confirmed and waiting apart, per session and per event,
kept after sensitive answers are erased, in the old format too, and as CSV."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import TestCase
from django.urls import reverse

from convene.events import selectors, services
from convene.events.models import Session
from convene.events.selectors import Figure, NeedsSummary
from tests.factories import UserFactory

from .factories import EventFactory, SessionFactory

pytestmark = pytest.mark.django_db

START = datetime(2026, 5, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def organizer():
    return UserFactory(email="organizer@example.org")


@pytest.fixture
def event(organizer):
    return EventFactory(organizers=[organizer], slug="gc", title="Global Conversations")


def make_session(event, **fields):
    defaults = {
        "title": "Day 1",
        "starts_at": START,
        "ends_at": START + timedelta(hours=2),
        "capacity": 2,
        "interpretation_languages": ["ar", "fr"],
        "location_type": "online",
        "meeting_url": "https://meet.example.org/x",
    }
    with (
        time_machine.travel(START - timedelta(days=10), tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        return services.session_create(event=event, **{**defaults, **fields})


def register(session, **needs):
    with (
        time_machine.travel(START - timedelta(days=5), tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        return services.registration_create(
            session=session,
            user=UserFactory(),
            needs=services.Needs(**needs),
            accepted_code_of_conduct=True,
        )


@pytest.fixture
def full_session(event):
    """Two confirmed, two on the waiting list, one cancelled, each with needs."""
    session = make_session(event)
    register(session, interpretation_language="ar", data_support=True)
    register(session, interpretation_language="fr", childcare=True)
    register(session, interpretation_language="ar", accessibility="Captions")
    register(session, interpretation_language="ar", data_support=True, childcare=True)
    cancelled = register(session, interpretation_language="fr", data_support=True)
    with time_machine.travel(START - timedelta(days=4), tick=False):
        services.registration_cancel(registration=cancelled)
    return session


SPLIT = NeedsSummary(
    registrants=Figure(confirmed=2, waiting=2),
    data_support=Figure(confirmed=1, waiting=1),
    childcare=Figure(confirmed=1, waiting=1),
    accessibility=Figure(waiting=1),
    interpretation={"ar": Figure(confirmed=1, waiting=2), "fr": Figure(confirmed=1)},
)


def test_waiting_people_are_counted_apart_from_confirmed_ones(full_session):
    """Before, the waiting list was added to the confirmed: interpreters were overbooked."""
    assert selectors.session_needs_summary(full_session) == SPLIT


def test_the_organizer_page_shows_confirmed_and_waiting_columns(client, organizer, full_session):
    client.force_login(organizer)

    page = client.get(reverse("events:manage", args=["gc", full_session.pk])).text

    assert '<th scope="col" class="num">Confirmed</th>' in page
    assert '<th scope="col" class="num">On the waiting list</th>' in page
    assert (
        '<tr><th scope="row">Interpretation into Arabic</th><td class="num">1</td>'
        '<td class="num">2</td>' in page
    )


def test_the_erasure_archive_keeps_the_split(full_session, run_due_tasks):
    with time_machine.travel(full_session.ends_at + timedelta(days=30), tick=False):
        run_due_tasks()

    session = Session.objects.get(pk=full_session.pk)
    assert session.sensitive_erased_at is not None
    assert session.needs_summary_archive["version"] == 2
    assert session.needs_summary_archive["interpretation"]["ar"] == {
        "confirmed": 1,
        "waiting": 2,
        "together": 0,
    }
    assert selectors.session_needs_summary(session) == SPLIT


OLD_ARCHIVE = {
    "registrants": 5,
    "confirmed": 3,
    "data_support": 2,
    "childcare": 1,
    "accessibility": 0,
    "interpretation": {"fr": 4},
}


def test_an_archive_in_the_old_format_is_read_as_counted_together(event):
    session = make_session(event)
    Session.objects.filter(pk=session.pk).update(needs_summary_archive=OLD_ARCHIVE)
    session.refresh_from_db()

    assert selectors.session_needs_summary(session) == NeedsSummary(
        split=False,
        registrants=Figure(together=5),
        data_support=Figure(together=2),
        childcare=Figure(together=1),
        accessibility=Figure(),
        interpretation={"fr": Figure(together=4)},
    )


def test_an_old_archive_still_renders_labelled_as_counted_together(client, organizer, event):
    session = make_session(event)
    Session.objects.filter(pk=session.pk).update(
        needs_summary_archive=OLD_ARCHIVE, sensitive_erased_at=START + timedelta(days=31)
    )
    client.force_login(organizer)

    manage = client.get(reverse("events:manage", args=["gc", session.pk]))
    summary = client.get(reverse("events:event_needs", args=["gc"]))

    assert manage.status_code == 200
    assert "each counts both together" in manage.text
    assert '<th scope="col" class="num">Confirmed and waiting together</th>' in manage.text
    assert (
        '<tr><th scope="row">Interpretation into French</th><td class="num">4</td></tr>'
        in manage.text
    )
    assert summary.status_code == 200
    assert "their figures count both together" in summary.text
    assert "Total counted together" in summary.text


def test_the_event_summary_has_a_row_a_session_and_the_total(
    client, organizer, event, full_session
):
    hybrid = make_session(
        event,
        title="Day 2 in Jakarta",
        starts_at=START + timedelta(days=1),
        ends_at=START + timedelta(days=1, hours=2),
        capacity=1,
        interpretation_languages=["id"],
        location_type="hybrid",
        venue="Jakarta hub",
    )
    register(hybrid, attendance="in_person", interpretation_language="id")
    register(hybrid, attendance="online", data_support=True)
    client.force_login(organizer)

    response = client.get(reverse("events:event_needs", args=["gc"]))

    assert response.status_code == 200
    summary = response.context["summary"]
    assert [(session.title, row.registrants) for session, row in summary.rows] == [
        ("Day 1", Figure(confirmed=2, waiting=2)),
        ("Day 2 in Jakarta", Figure(confirmed=1, waiting=1)),
    ]
    assert summary.languages == ["ar", "fr", "id"]
    assert summary.hybrid is True
    assert summary.total.registrants == Figure(confirmed=3, waiting=3)
    assert summary.total.data_support == Figure(confirmed=1, waiting=2)
    assert summary.total.in_person == Figure(confirmed=1)
    assert summary.total.online == Figure(waiting=1)
    assert summary.total.interpretation == {
        "ar": Figure(confirmed=1, waiting=2),
        "fr": Figure(confirmed=1),
        "id": Figure(confirmed=1),
    }
    assert "Interpretation into Indonesian" in response.text
    assert "Taking part in person" in response.text
    assert "not hybrid" in response.text  # Day 1's attendance cells


# Registrations, Arabic, French, data support, childcare, accessibility: confirmed, waiting.
FIGURES = ["2", "2", "1", "2", "1", "0", "1", "1", "1", "1", "0", "1"]


def test_the_event_summary_downloads_as_csv(client, organizer, event, full_session):
    client.force_login(organizer)

    response = client.get(reverse("events:event_needs_csv", args=["gc"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        [
            "Starts (UTC)",
            "Session",
            "Registrations: confirmed",
            "Registrations: waiting list",
            "Interpretation into Arabic: confirmed",
            "Interpretation into Arabic: waiting list",
            "Interpretation into French: confirmed",
            "Interpretation into French: waiting list",
            "Internet data support: confirmed",
            "Internet data support: waiting list",
            "Childcare: confirmed",
            "Childcare: waiting list",
            "Accessibility support: confirmed",
            "Accessibility support: waiting list",
        ],
        ["2026-05-10T09:00:00Z", "Day 1", *FIGURES],
        ["", "Total", *FIGURES],
    ]


def test_only_organizers_open_the_event_summary_and_its_csv(client, event):
    client.force_login(UserFactory())

    assert client.get(reverse("events:event_needs", args=["gc"])).status_code == 403
    assert client.get(reverse("events:event_needs_csv", args=["gc"])).status_code == 403


def test_the_event_page_links_organizers_to_the_summary(client, organizer, event):
    SessionFactory(event=event)
    link = reverse("events:event_needs", args=["gc"])

    assert link not in client.get(reverse("events:detail", args=["gc"])).text
    client.force_login(organizer)
    assert link in client.get(reverse("events:detail", args=["gc"])).text
