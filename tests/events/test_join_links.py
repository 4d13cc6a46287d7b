"""The join link: confirmed participants only, from the reveal time only, by page and email."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.test import TestCase

from convene.events import rules, services
from convene.events.models import Registration
from tests.factories import UserFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db

START = datetime(2026, 5, 10, 9, 0, tzinfo=UTC)
REVEAL = START - timedelta(hours=48)
LINK = "https://meet.example.org/secret-room-42"


@pytest.fixture
def session():
    with (
        time_machine.travel(START - timedelta(days=20), tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        event = EventFactory(link_reveal_hours=48)
        return services.session_create(
            event=event,
            title="Asia-Pacific edition",
            starts_at=START,
            ends_at=START + timedelta(hours=1, minutes=30),
            timezone="UTC",
            capacity=1,
            interpretation_languages=["hi"],
            location_type="online",
            meeting_url=LINK,
        )


def register(session, user, when):
    with time_machine.travel(when, tick=False), TestCase.captureOnCommitCallbacks(execute=True):
        return services.registration_create(
            session=session, user=user, needs=services.Needs(), accepted_code_of_conduct=True
        )


def test_link_is_hidden_one_second_before_and_shown_at_the_reveal_time(session):
    registration = register(session, UserFactory(), REVEAL - timedelta(days=5))

    assert rules.can_see_join_link(registration, session, REVEAL - timedelta(seconds=1)) is False
    assert rules.can_see_join_link(registration, session, REVEAL) is True


def test_waitlisted_and_cancelled_never_see_the_link(session):
    register(session, UserFactory(), REVEAL - timedelta(days=5))
    waiting = register(session, UserFactory(), REVEAL - timedelta(days=5))
    assert waiting.status == Registration.Status.WAITLISTED
    assert rules.can_see_join_link(waiting, session, REVEAL + timedelta(hours=1)) is False
    assert rules.can_see_join_link(None, session, REVEAL + timedelta(hours=1)) is False


def test_reveal_task_emails_confirmed_people_at_the_reveal_time_only(session, run_due_tasks):
    confirmed_user = UserFactory(email="confirmed@example.org", timezone="Asia/Kolkata")
    register(session, confirmed_user, REVEAL - timedelta(days=5))
    register(session, UserFactory(email="waiting@example.org"), REVEAL - timedelta(days=4))
    mail.outbox.clear()

    with time_machine.travel(REVEAL - timedelta(seconds=1), tick=False):
        assert run_due_tasks() == 0
    assert mail.outbox == []

    with time_machine.travel(REVEAL, tick=False):
        assert run_due_tasks() == 1  # the join-link task
    assert [m.to for m in mail.outbox] == [["confirmed@example.org"]]
    assert mail.outbox[0].subject == "Your join link for Asia-Pacific edition"
    assert LINK in mail.outbox[0].body
    # Local start time of the recipient: 09:00 UTC is 14:30 in India.
    assert "14:30 GMT+05:30" in mail.outbox[0].body


def test_reveal_task_is_idempotent(session, run_due_tasks):
    register(session, UserFactory(), REVEAL - timedelta(days=5))
    with time_machine.travel(REVEAL + timedelta(minutes=1), tick=False):
        run_due_tasks()
        sent = len(mail.outbox)
        assert services.join_links_send(session=session) == 0
    assert len(mail.outbox) == sent


def test_registering_after_the_reveal_time_gets_the_link_in_the_confirmation(session):
    register(session, UserFactory(email="late@example.org"), REVEAL + timedelta(hours=1))

    assert len(mail.outbox) == 1
    assert LINK in mail.outbox[0].body
    assert Registration.objects.get().join_link_sent_at == REVEAL + timedelta(hours=1)


def test_waitlist_email_never_contains_the_link(session):
    register(session, UserFactory(), REVEAL + timedelta(hours=1))
    mail.outbox.clear()
    register(session, UserFactory(), REVEAL + timedelta(hours=2))

    assert len(mail.outbox) == 1
    assert LINK not in mail.outbox[0].body


def test_promotion_after_reveal_sends_the_link(session):
    first = register(session, UserFactory(), REVEAL - timedelta(days=1))
    register(session, UserFactory(email="next@example.org"), REVEAL - timedelta(days=1))
    mail.outbox.clear()

    with (
        time_machine.travel(REVEAL + timedelta(hours=3), tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        services.registration_cancel(registration=first)

    assert [m.to for m in mail.outbox] == [["next@example.org"]]
    assert LINK in mail.outbox[0].body


def test_rescheduled_session_reveals_at_the_new_time(session, run_due_tasks):
    register(session, UserFactory(), REVEAL - timedelta(days=5))
    new_start = START + timedelta(days=7)
    with (
        time_machine.travel(REVEAL - timedelta(days=3), tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        services.session_update(
            session=session, starts_at=new_start, ends_at=new_start + timedelta(hours=1)
        )
    mail.outbox.clear()

    with time_machine.travel(REVEAL, tick=False):
        run_due_tasks()  # the old reveal time: the task finds it is early and sends nothing
    assert mail.outbox == []
    with time_machine.travel(new_start - timedelta(hours=48), tick=False):
        run_due_tasks()
    assert len(mail.outbox) == 1


def test_editing_a_session_without_moving_it_queues_nothing_new(session):
    from tests.tasks_backend import DeferringImmediateBackend

    queued = len(DeferringImmediateBackend.deferred)
    with time_machine.travel(REVEAL - timedelta(days=3), tick=False):
        with TestCase.captureOnCommitCallbacks(execute=True):
            services.session_update(session=session, title="Renamed", capacity=5)
        assert len(DeferringImmediateBackend.deferred) == queued

        with TestCase.captureOnCommitCallbacks(execute=True):
            services.session_update(session=session, meeting_url="https://meet.example.org/new")
        assert len(DeferringImmediateBackend.deferred) == queued + 3  # reveal, reminder, erasure
