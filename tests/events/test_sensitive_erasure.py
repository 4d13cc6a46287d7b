from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import TestCase

from convene.events import selectors, services
from convene.events.models import Registration, Session
from convene.events.selectors import Figure, NeedsSummary
from tests.factories import UserFactory

from .factories import EventFactory, QuestionFactory

pytestmark = pytest.mark.django_db

START = datetime(2026, 5, 10, 9, 0, tzinfo=UTC)
END = START + timedelta(hours=2)


@pytest.fixture
def session():
    with (
        time_machine.travel(START - timedelta(days=10), tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        event = EventFactory(sensitive_data_retention_days=30)
        session = services.session_create(
            event=event, title="Day 1", starts_at=START, ends_at=END, capacity=10,
            interpretation_languages=["ar", "fr"], location_type="online",
            meeting_url="https://meet.example.org/x",
        )  # fmt: skip
        sensitive = QuestionFactory(event=event, label="Health", is_sensitive=True)
        plain = QuestionFactory(event=event, label="Community")
        for index, language in enumerate(["ar", "ar", "fr"]):
            services.registration_create(
                session=session,
                user=UserFactory(),
                needs=services.Needs(
                    interpretation_language=language,
                    data_support=index < 2,
                    childcare=index == 0,
                    accessibility="Captions please" if index == 2 else "",
                    answers={str(sensitive.pk): "private", str(plain.pk): "Wikimedia Indonesia"},
                ),
                accepted_code_of_conduct=True,
            )
    session.sensitive_question_id = str(sensitive.pk)
    session.plain_question_id = str(plain.pk)
    return session


EXPECTED_COUNTS = NeedsSummary(
    registrants=Figure(confirmed=3),
    data_support=Figure(confirmed=2),
    childcare=Figure(confirmed=1),
    accessibility=Figure(confirmed=1),
    interpretation={"ar": Figure(confirmed=2), "fr": Figure(confirmed=1)},
)


def test_needs_summary_counts(session):
    assert selectors.session_needs_summary(session) == EXPECTED_COUNTS


def test_nothing_is_erased_before_the_retention_period(session, run_due_tasks):
    with time_machine.travel(END + timedelta(days=30) - timedelta(seconds=1), tick=False):
        run_due_tasks()
        assert services.sensitive_answers_erase(session=session) is False
    assert Registration.objects.filter(needs_childcare=True).count() == 1


def test_erasure_after_retention_keeps_counts_only(session, run_due_tasks):
    with time_machine.travel(END + timedelta(days=30), tick=False):
        run_due_tasks()

    plain_question_id = session.plain_question_id
    session = Session.objects.get(pk=session.pk)
    assert session.sensitive_erased_at == END + timedelta(days=30)
    assert selectors.session_needs_summary(session) == EXPECTED_COUNTS
    for registration in Registration.objects.all():
        assert registration.needs_data_support is False
        assert registration.needs_childcare is False
        assert registration.accessibility_needs == ""
        assert registration.answers == {plain_question_id: "Wikimedia Indonesia"}
    assert sorted(Registration.objects.values_list("interpretation_language", flat=True)) == [
        "ar",
        "ar",
        "fr",
    ]


def test_housekeeping_command_erases_what_is_due(session):
    from django.core.management import call_command

    with time_machine.travel(END + timedelta(days=31), tick=False):
        call_command("events_housekeeping")
    assert Session.objects.get(pk=session.pk).sensitive_erased_at is not None
