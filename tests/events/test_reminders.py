"""Reminders: once, at `reminder_hours` before the start, to confirmed participants only, in
their own time zone, with the join link only once it is revealed."""

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from convene.core.models import OutgoingEmail
from convene.events import messaging, services
from convene.events.models import Registration, Session
from tests.factories import UserFactory

from .factories import EventFactory
from .test_concurrency import postgres, run_together  # noqa: F401

pytestmark = pytest.mark.django_db

START = datetime(2026, 5, 10, 9, 0, tzinfo=UTC)
REMIND = START - timedelta(hours=24)
LINK = "https://meet.example.org/secret-room-42"


def make_session(*, link_reveal_hours=48, reminder_hours=24, **fields):
    with (
        time_machine.travel(START - timedelta(days=20), tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        event = EventFactory(link_reveal_hours=link_reveal_hours, reminder_hours=reminder_hours)
        arguments = {
            "title": "Asia-Pacific edition",
            "starts_at": START,
            "ends_at": START + timedelta(hours=1, minutes=30),
            "timezone": "UTC",
            "capacity": 2,
            "location_type": "online",
            "meeting_url": LINK,
            **fields,
        }
        return services.session_create(event=event, **arguments)


@pytest.fixture
def session():
    return make_session()


def register(session, user, when=START - timedelta(days=10)):
    with time_machine.travel(when, tick=False), TestCase.captureOnCommitCallbacks(execute=True):
        registration = services.registration_create(
            session=session, user=user, needs=services.Needs(), accepted_code_of_conduct=True
        )
    mail.outbox.clear()
    return registration


def reminded():
    return sorted(m.to[0] for m in mail.outbox if m.subject.startswith("Reminder:"))


def test_the_reminder_goes_at_its_time_not_a_second_before(session, run_due_tasks):
    register(session, UserFactory(email="ana@example.org"))

    with time_machine.travel(REMIND - timedelta(seconds=1), tick=False):
        run_due_tasks()
    assert reminded() == []

    with time_machine.travel(REMIND, tick=False):
        run_due_tasks()
    assert reminded() == ["ana@example.org"]
    assert Registration.objects.get().reminder_sent_at == REMIND
    assert Session.objects.get().reminders_sent_at == REMIND


def test_confirmed_only_and_exactly_once(session):
    register(session, UserFactory(email="ana@example.org"))
    cancelled = register(session, UserFactory(email="ben@example.org"))
    register(session, UserFactory(email="waiting@example.org"))  # two places: waiting
    with time_machine.travel(START - timedelta(days=5), tick=False):
        services.registration_cancel(registration=cancelled)
    # The cancellation promoted the waiting person, who was confirmed before the reminder time.
    mail.outbox.clear()

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert messaging.reminders_send(session=session, now=REMIND + timedelta(minutes=5)) == 2
        assert messaging.reminders_send(session=session, now=REMIND + timedelta(minutes=6)) == 0

    assert reminded() == ["ana@example.org", "waiting@example.org"]


def test_the_email_gives_the_local_time_title_and_time_left(session):
    register(session, UserFactory(email="ana@example.org", timezone="Asia/Kolkata"))

    with TestCase.captureOnCommitCallbacks(execute=True):
        messaging.reminders_send(session=session, now=REMIND)

    (email,) = mail.outbox
    # 09:00 UTC is 14:30 in India.
    assert email.subject == "Reminder: Asia-Pacific edition, Sun, May 10, 2026, 14:30 GMT+05:30"
    assert "Your session starts in 24 hours." in email.body
    assert "Asia-Pacific edition" in email.body
    assert "14:30 GMT+05:30" in email.body


def test_the_email_is_in_the_readers_language(session):
    register(session, UserFactory(email="ana@example.org", preferred_language="fr"))

    with TestCase.captureOnCommitCallbacks(execute=True):
        messaging.reminders_send(session=session, now=REMIND)

    assert "Bonjour" in mail.outbox[0].body


def test_the_join_link_is_in_the_reminder_once_revealed(session):
    register(session, UserFactory())  # revealed 48 hours before: already at the reminder

    with TestCase.captureOnCommitCallbacks(execute=True):
        messaging.reminders_send(session=session, now=REMIND)

    assert f"Join link: {LINK}" in mail.outbox[0].body


def test_before_the_reveal_the_reminder_says_when_the_link_comes():
    session = make_session(link_reveal_hours=2)
    register(session, UserFactory(timezone="Europe/Paris"))

    with TestCase.captureOnCommitCallbacks(execute=True):
        messaging.reminders_send(session=session, now=REMIND)

    body = mail.outbox[0].body
    assert LINK not in body
    # 07:00 UTC is 09:00 in Paris in May.
    assert "We will email you the join link on Sun, May 10, 2026, 09:00 GMT+02:00." in body


def test_in_person_reminders_give_the_venue_and_no_link():
    session = make_session(location_type="in_person", meeting_url="", venue="Salle Jaurès, Lyon")
    register(session, UserFactory())

    with TestCase.captureOnCommitCallbacks(execute=True):
        messaging.reminders_send(session=session, now=REMIND)

    body = mail.outbox[0].body
    assert "Where: Salle Jaurès, Lyon" in body
    assert "join link" not in body.lower()


def test_at_a_hybrid_session_each_hears_of_the_place_they_chose():
    session = make_session(location_type="hybrid", venue="Salle Jaurès, Lyon", capacity=5)
    for email, attendance in (("there@example.org", "in_person"), ("call@example.org", "online")):
        Registration.objects.create(
            session=session,
            user=UserFactory(email=email),
            status=Registration.Status.CONFIRMED,
            attendance=attendance,
            code_of_conduct_accepted_at=START - timedelta(days=10),
            confirmed_at=START - timedelta(days=10),
        )

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert messaging.reminders_send(session=session, now=REMIND) == 2

    by_address = {m.to[0]: m.body for m in mail.outbox}
    assert "Where: Salle Jaurès, Lyon" in by_address["there@example.org"]
    assert "join link" not in by_address["there@example.org"].lower()
    assert f"Join link: {LINK}" in by_address["call@example.org"]
    assert "Salle Jaurès" not in by_address["call@example.org"]


def test_no_reminder_when_the_event_sends_none_or_the_session_has_started():
    silent = make_session(reminder_hours=0)
    register(silent, UserFactory())
    assert messaging.reminders_send(session=silent, now=REMIND) == 0

    session = make_session()
    register(session, UserFactory())
    assert messaging.reminders_send(session=session, now=START) == 0
    assert mail.outbox == []


def test_people_confirmed_after_the_reminder_time_are_not_reminded(session):
    register(session, UserFactory(email="early@example.org"))
    register(session, UserFactory(email="late@example.org"), when=REMIND + timedelta(hours=1))

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert messaging.reminders_send(session=session, now=REMIND + timedelta(hours=2)) == 1

    assert reminded() == ["early@example.org"]


def test_a_second_worker_that_claimed_a_registration_first_wins(session, monkeypatch):
    """The claim is a conditional UPDATE: a registration another worker marked meanwhile is
    left to that worker, never reminded twice."""
    first = register(session, UserFactory(email="ana@example.org"))
    second = register(session, UserFactory(email="ben@example.org"))
    real_email = messaging.email_to_user

    def email_and_let_another_worker_claim(**kwargs):
        Registration.objects.filter(pk=second.pk).update(reminder_sent_at=REMIND)
        return real_email(**kwargs)

    monkeypatch.setattr(messaging, "email_to_user", email_and_let_another_worker_claim)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert messaging.reminders_send(session=session, now=REMIND) == 1

    assert reminded() == ["ana@example.org"]
    assert Registration.objects.get(pk=first.pk).reminder_sent_at == REMIND


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_remind_each_person_once(postgres):  # noqa: F811
    session = make_session(capacity=20)
    for _number in range(12):
        register(session, UserFactory())

    errors = run_together(6, lambda i: messaging.reminders_send(session=session, now=REMIND))

    assert errors == []
    assert OutgoingEmail.objects.filter(subject__startswith="Reminder:").count() == 12
    assert Registration.objects.filter(reminder_sent_at=REMIND).count() == 12


def test_housekeeping_sends_the_reminders_it_finds_due(session):
    register(session, UserFactory(email="ana@example.org"))
    out = io.StringIO()

    with (
        time_machine.travel(REMIND + timedelta(hours=3), tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        call_command("events_housekeeping", stdout=out)

    assert "reminders sent: 1;" in out.getvalue()
    assert reminded() == ["ana@example.org"]
    with time_machine.travel(REMIND + timedelta(hours=4), tick=False):
        out = io.StringIO()
        call_command("events_housekeeping", stdout=out)
    assert "reminders sent: 0;" in out.getvalue()


def test_rescheduling_reminds_again_of_the_new_time(session, run_due_tasks):
    register(session, UserFactory(email="ana@example.org"))
    with time_machine.travel(REMIND, tick=False):
        run_due_tasks()
    assert reminded() == ["ana@example.org"]
    mail.outbox.clear()

    later = START + timedelta(days=7)
    with (
        time_machine.travel(REMIND + timedelta(hours=1), tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        services.session_update(
            session=session, starts_at=later, ends_at=later + timedelta(hours=1)
        )
    assert Registration.objects.get().reminder_sent_at is None
    assert Session.objects.get().reminders_sent_at is None

    with time_machine.travel(later - timedelta(hours=24, seconds=1), tick=False):
        run_due_tasks()
    assert reminded() == []
    with time_machine.travel(later - timedelta(hours=24), tick=False):
        run_due_tasks()
    assert reminded() == ["ana@example.org"]
    (reminder,) = [m for m in mail.outbox if m.subject.startswith("Reminder:")]
    assert reminder.subject == "Reminder: Asia-Pacific edition, Sun, May 17, 2026, 09:00 UTC"


def test_moving_a_session_into_its_reminder_window_does_not_remind_again(session):
    register(session, UserFactory())
    with TestCase.captureOnCommitCallbacks(execute=True):
        messaging.reminders_send(session=session, now=REMIND)

    sooner = START - timedelta(hours=2)  # its new reminder time has passed already
    with (
        time_machine.travel(REMIND + timedelta(hours=1), tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        services.session_update(
            session=session, starts_at=sooner, ends_at=sooner + timedelta(hours=1)
        )

    assert Registration.objects.get().reminder_sent_at == REMIND


def test_changing_reminder_hours_moves_the_reminder(session, run_due_tasks):
    register(session, UserFactory(email="ana@example.org"))
    with (
        time_machine.travel(START - timedelta(days=5), tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        services.event_update(event=session.event, reminder_hours=72)

    with time_machine.travel(START - timedelta(hours=72), tick=False):
        run_due_tasks()
    (reminder,) = [m for m in mail.outbox if m.subject.startswith("Reminder:")]
    assert reminder.to == ["ana@example.org"]
    assert "Your session starts in 3 days." in reminder.body


def test_the_session_title_is_in_the_readers_language(session):
    from convene.events.translations import content_translation_save

    content_translation_save(
        owner=session, field="title", language="fr", text="Édition Asie-Pacifique", translator=None
    )
    register(session, UserFactory(email="ana@example.org", preferred_language="fr"))
    register(session, UserFactory(email="ben@example.org", preferred_language="en"))

    with TestCase.captureOnCommitCallbacks(execute=True):
        messaging.reminders_send(session=session, now=REMIND)

    by_address = {email.to[0]: email for email in mail.outbox}
    assert by_address["ana@example.org"].subject.startswith("Rappel")
    assert "Édition Asie-Pacifique" in by_address["ana@example.org"].subject
    assert "Édition Asie-Pacifique" in by_address["ana@example.org"].body
    assert "Asia-Pacific edition" in by_address["ben@example.org"].subject
