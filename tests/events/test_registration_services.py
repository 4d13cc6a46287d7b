"""Registration rules: windows, duplicates, capacity, waiting list, cancellation, emails."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import TestCase

from convene.core.errors import ServiceError
from convene.core.models import OutgoingEmail
from convene.events import services
from convene.events.models import Registration, Session
from tests.factories import UserFactory

from .factories import EventFactory, QuestionFactory, SessionFactory, in_days

pytestmark = pytest.mark.django_db


def register(session, user=None, **needs):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.registration_create(
            session=session,
            user=user or UserFactory(),
            needs=services.Needs(**needs),
            accepted_code_of_conduct=True,
        )


def cancel(registration):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.registration_cancel(registration=registration)


def test_registration_is_confirmed_and_counted_and_emailed():
    session = SessionFactory(capacity=2)
    user = UserFactory(email="amina@example.org", preferred_language="en")

    registration = register(session, user, interpretation_language="fr", data_support=True)

    assert registration.status == Registration.Status.CONFIRMED
    assert registration.interpretation_language == "fr"
    assert registration.needs_data_support is True
    session.refresh_from_db()
    assert session.confirmed_count == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amina@example.org"]
    assert mail.outbox[0].subject == f"You are registered: {session.title}"
    assert "secret-room-42" not in mail.outbox[0].body


def test_full_session_puts_people_on_the_waiting_list():
    session = SessionFactory(capacity=1)
    register(session)

    second = register(session)

    assert second.status == Registration.Status.WAITLISTED
    session.refresh_from_db()
    assert session.confirmed_count == 1
    assert mail.outbox[-1].subject == f"You are on the waiting list: {session.title}"


def test_second_registration_is_refused_and_changes_nothing():
    session = SessionFactory(capacity=5)
    user = UserFactory()
    register(session, user)

    with pytest.raises(ServiceError) as error:
        register(session, user)

    assert error.value.code == "already_registered"
    assert Registration.objects.filter(session=session).count() == 1
    session.refresh_from_db()
    assert session.confirmed_count == 1


def test_registration_after_deadline_is_refused():
    event = EventFactory(registration_closes_at=in_days(-1))
    session = SessionFactory(event=event)

    with pytest.raises(ServiceError) as error:
        register(session)

    assert error.value.code == "registration_closed"
    assert str(error.value.message) == "Registration for this event has closed."
    assert Registration.objects.count() == 0


def test_registration_before_opening_is_refused():
    session = SessionFactory(event=EventFactory(registration_opens_at=in_days(1)))

    with pytest.raises(ServiceError) as error:
        register(session)

    assert error.value.code == "registration_not_yet_open"


def test_registration_for_started_session_is_refused():
    session = SessionFactory(starts_at=in_days(-0.01), ends_at=in_days(0.1))

    with pytest.raises(ServiceError) as error:
        register(session)

    assert error.value.code == "registration_started"
    assert Registration.objects.count() == 0


def test_code_of_conduct_must_be_accepted():
    session = SessionFactory()

    with pytest.raises(ServiceError) as error:
        services.registration_create(
            session=session,
            user=UserFactory(),
            needs=services.Needs(),
            accepted_code_of_conduct=False,
        )

    assert error.value.code == "code_of_conduct"
    assert Registration.objects.count() == 0


def test_interpretation_must_be_offered_by_the_session():
    session = SessionFactory(interpretation_languages=["ar"])

    with pytest.raises(ServiceError) as error:
        register(session, interpretation_language="ru")

    assert error.value.code == "interpretation"


def test_invalid_answers_leave_no_registration_and_no_place_taken():
    session = SessionFactory(capacity=3)
    QuestionFactory(
        event=session.event, kind="single_choice", choices=["Email", "Wiki"], required=True
    )

    with pytest.raises(ValidationError):
        register(session, answers={})

    session.refresh_from_db()
    assert session.confirmed_count == 0
    assert Registration.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0


def test_crash_during_registration_leaves_no_partial_record(monkeypatch):
    session = SessionFactory(capacity=3)

    def explode(*args, **kwargs):
        raise RuntimeError("mail template broke")

    monkeypatch.setattr(services, "email_to_user", explode)
    with pytest.raises(RuntimeError):
        register(session)

    session.refresh_from_db()
    assert session.confirmed_count == 0
    assert Registration.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0


def test_cancel_frees_the_place_for_the_first_on_the_waiting_list():
    session = SessionFactory(capacity=1)
    first = register(session)
    second = register(session, UserFactory(email="second@example.org"))
    third = register(session)
    mail.outbox.clear()

    cancel(first)

    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED
    assert third.status == Registration.Status.WAITLISTED
    session.refresh_from_db()
    assert session.confirmed_count == 1
    assert [m.to for m in mail.outbox] == [["second@example.org"]]
    assert mail.outbox[0].subject == f"A place freed up: you are registered for {session.title}"


def test_cancel_twice_is_refused():
    registration = register(SessionFactory())
    services.registration_cancel(registration=registration)

    with pytest.raises(ServiceError) as error:
        services.registration_cancel(registration=registration)

    assert error.value.code == "already_cancelled"


def test_cancel_after_the_session_started_is_refused_and_changes_nothing():
    session = SessionFactory(capacity=1, starts_at=in_days(2))
    registration = register(session)
    waiting = register(session)

    with pytest.raises(ServiceError) as error:
        services.registration_cancel(registration=registration, now=session.starts_at)

    assert error.value.code == "session_started"
    registration.refresh_from_db()
    waiting.refresh_from_db()
    session.refresh_from_db()
    assert (registration.status, waiting.status, session.confirmed_count) == (
        Registration.Status.CONFIRMED,
        Registration.Status.WAITLISTED,
        1,
    )


def test_person_can_register_again_after_cancelling():
    session = SessionFactory()
    user = UserFactory()
    services.registration_cancel(registration=register(session, user))

    again = register(session, user)

    assert again.status == Registration.Status.CONFIRMED
    assert Registration.objects.filter(session=session, user=user).count() == 2


def test_cancelling_a_waitlisted_registration_promotes_nobody():
    session = SessionFactory(capacity=1)
    register(session)
    waiting = register(session)

    services.registration_cancel(registration=waiting)

    session.refresh_from_db()
    assert session.confirmed_count == 1
    assert Registration.objects.filter(status="waitlisted").count() == 0


def test_raising_capacity_promotes_the_waiting_list_in_order():
    session = SessionFactory(capacity=1)
    register(session)
    w1, w2, w3 = register(session), register(session), register(session)

    services.session_update(session=session, capacity=3)

    statuses = [Registration.objects.get(pk=r.pk).status for r in (w1, w2, w3)]
    assert statuses == ["confirmed", "confirmed", "waitlisted"]
    assert Session.objects.get(pk=session.pk).confirmed_count == 3


def test_capacity_cannot_drop_below_confirmed():
    session = SessionFactory(capacity=2)
    register(session)
    register(session)

    with pytest.raises(ServiceError) as error:
        services.session_update(session=session, capacity=1)

    assert error.value.code == "capacity_below_confirmed"
    assert str(error.value.message) == (
        "2 people are already confirmed; the capacity cannot be lower than that. "
        "Cancel registrations first."
    )
    assert Session.objects.get(pk=session.pk).capacity == 2


def test_capacity_below_one_confirmed_person_says_one_person():
    session = SessionFactory(capacity=2)
    register(session)

    with pytest.raises(ServiceError) as error:
        services.session_update(session=session, capacity=0)

    assert (error.value.code, str(error.value.message)) == (
        "capacity_below_confirmed",
        "1 person is already confirmed; the capacity cannot be lower than that. "
        "Cancel registrations first.",
    )


def test_database_refuses_counter_beyond_capacity():
    from django.db import IntegrityError, transaction
    from django.db.models import F

    session = SessionFactory(capacity=1)
    register(session)

    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(confirmed_count=F("confirmed_count") + 1)


def test_failed_email_is_retried_later_and_does_not_block_registration(monkeypatch, run_due_tasks):
    from convene.core import tasks as core_tasks

    calls = []

    def flaky_send(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionRefusedError("SMTP down")
        return 1

    monkeypatch.setattr(core_tasks, "send_mail", flaky_send)
    with time_machine.travel("2026-03-01 12:00Z", tick=False) as clock:
        registration = register(SessionFactory(starts_at=in_days(10)))

        assert registration.status == Registration.Status.CONFIRMED
        email = OutgoingEmail.objects.get()
        assert (email.status, email.attempts, email.last_error) == (
            OutgoingEmail.Status.QUEUED,
            1,
            "ConnectionRefusedError('SMTP down')",
        )
        assert run_due_tasks() == 0  # the retry waits 60 seconds
        clock.shift(60)
        assert run_due_tasks() == 1

    email.refresh_from_db()
    assert (email.status, email.attempts, len(calls)) == (OutgoingEmail.Status.SENT, 2, 2)


def test_email_gives_up_after_max_attempts(settings, monkeypatch, run_due_tasks):
    from convene.core import tasks as core_tasks

    settings.CONVENE_EMAIL_MAX_ATTEMPTS = 3

    def down(*args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(core_tasks, "send_mail", down)
    with time_machine.travel("2026-03-01 12:00Z", tick=False) as clock:
        register(SessionFactory(starts_at=in_days(10)))
        clock.shift(60)  # second attempt after 60 s
        run_due_tasks()
        clock.shift(120)  # third after 120 s more
        run_due_tasks()
        clock.shift(3600)
        assert run_due_tasks() == 0

    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.FAILED, 3)


def test_emails_go_out_in_the_recipients_language_and_time_zone():
    session = SessionFactory(starts_at=in_days(10).replace(hour=14, minute=0, second=0))
    user = UserFactory(preferred_language="fr", timezone="Asia/Kolkata")

    register(session, user)

    email = OutgoingEmail.objects.get()
    assert email.language == "fr"
    local = session.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Kolkata"))
    assert f"{local:%H}:{local:%M}" in email.body
    assert "UTC+05:30" in email.body  # CLDR French writes UTC, not GMT
    assert email.subject == f"Inscription confirmée : {session.title}"


def test_session_reschedule_window(settings):
    session = SessionFactory(starts_at=in_days(3), ends_at=in_days(3) + timedelta(hours=1))
    assert session.link_reveal_at == session.starts_at - timedelta(hours=48)
