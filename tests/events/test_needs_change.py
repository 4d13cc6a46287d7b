"""Participants change their needs and answers while registration is open; hybrid sessions
ask how each person takes part, and only who takes part online gets the join link."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from convene.core.errors import ServiceError
from convene.events import selectors, services
from convene.events.models import Registration
from convene.events.selectors import Figure
from tests.factories import UserFactory

from .factories import EventFactory, QuestionFactory

pytestmark = pytest.mark.django_db

START = datetime(2026, 5, 10, 9, 0, tzinfo=UTC)
BEFORE = START - timedelta(days=5)
LINK = "https://meet.example.org/secret-room-42"


@pytest.fixture
def organizer():
    return UserFactory(email="organizer@example.org")


@pytest.fixture
def event(organizer):
    return EventFactory(organizers=[organizer], slug="gc", link_reveal_hours=48)


def make_session(event, **fields):
    defaults = {
        "title": "Day 1",
        "starts_at": START,
        "ends_at": START + timedelta(hours=2),
        "capacity": 10,
        "interpretation_languages": ["ar", "fr"],
        "location_type": "online",
        "meeting_url": LINK,
    }
    with (
        time_machine.travel(START - timedelta(days=10), tick=False),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        return services.session_create(event=event, **{**defaults, **fields})


@pytest.fixture
def session(event):
    return make_session(event)


@pytest.fixture
def hybrid(event):
    return make_session(event, title="Jakarta", location_type="hybrid", venue="Jakarta hub")


def register(session, user=None, when=BEFORE, **needs):
    with time_machine.travel(when, tick=False), TestCase.captureOnCommitCallbacks(execute=True):
        return services.registration_create(
            session=session,
            user=user or UserFactory(),
            needs=services.Needs(**needs),
            accepted_code_of_conduct=True,
        )


def update(registration, when=BEFORE, **needs):
    with time_machine.travel(when, tick=False), TestCase.captureOnCommitCallbacks(execute=True):
        return services.registration_update_needs(
            registration=registration, needs=services.Needs(**needs)
        )


# --- the service -----------------------------------------------------------------


def test_needs_change_and_the_organizers_figures_follow(session):
    registration = register(session, interpretation_language="ar", data_support=True)

    update(registration, interpretation_language="fr", childcare=True, accessibility=" Captions ")

    registration.refresh_from_db()
    assert registration.interpretation_language == "fr"
    assert (registration.needs_data_support, registration.needs_childcare) == (False, True)
    assert registration.accessibility_needs == "Captions"
    assert registration.status == Registration.Status.CONFIRMED
    summary = selectors.session_needs_summary(session)
    assert summary.interpretation == {"fr": Figure(confirmed=1)}
    assert summary.data_support == Figure()
    assert summary.childcare == Figure(confirmed=1)


def test_answers_are_validated_again_and_a_wrong_one_changes_nothing(event, session):
    question = QuestionFactory(event=event, label="Community", required=True)
    registration = register(session, answers={str(question.pk): "Wikimedia Indonesia"})

    with pytest.raises(Exception) as refused:
        update(registration, childcare=True, answers={str(question.pk): ""})

    assert "This question needs an answer." in str(refused.value)
    registration.refresh_from_db()
    assert registration.needs_childcare is False
    assert registration.answers == {str(question.pk): "Wikimedia Indonesia"}


@pytest.mark.parametrize(
    ("when", "code", "message"),
    [
        (START, "registration_started", "This session has started: your needs can no longer"),
        (
            START - timedelta(days=1),
            "registration_closed",
            "Registration for this event has closed: your needs can no longer be changed here.",
        ),
    ],
)
def test_changes_are_refused_once_registration_closed_or_the_session_started(
    event, session, when, code, message
):
    event.registration_closes_at = START - timedelta(days=2)
    event.save()
    registration = register(session, when=START - timedelta(days=3), interpretation_language="ar")

    with pytest.raises(ServiceError) as refused:
        update(registration, when=when, interpretation_language="fr")

    assert refused.value.code == code
    assert str(refused.value.message).startswith(message)
    registration.refresh_from_db()
    assert registration.interpretation_language == "ar"


def test_a_cancelled_registration_has_no_needs_to_change(session):
    registration = register(session)
    services.registration_cancel(registration=registration, now=BEFORE)

    with pytest.raises(ServiceError) as refused:
        update(registration, childcare=True)

    assert refused.value.code == "already_cancelled"


def test_an_interpretation_language_not_offered_is_refused(session):
    registration = register(session)

    with pytest.raises(ServiceError) as refused:
        update(registration, interpretation_language="ru")

    assert refused.value.code == "interpretation"


# --- hybrid sessions ----------------------------------------------------------


def test_a_hybrid_session_needs_to_know_how_each_person_takes_part(hybrid):
    with pytest.raises(ServiceError) as refused:
        register(hybrid)

    assert refused.value.code == "attendance"
    assert Registration.objects.count() == 0
    assert register(hybrid, attendance="in_person").attendance == "in_person"


def test_attendance_is_refused_for_a_session_that_is_not_hybrid(session):
    with pytest.raises(ServiceError) as refused:
        register(session, attendance="online")

    assert refused.value.code == "attendance"
    registration = register(session)
    with pytest.raises(ServiceError):
        update(registration, attendance="in_person")


def test_the_join_link_goes_to_online_participants_only(hybrid, run_due_tasks):
    online = register(hybrid, UserFactory(email="online@example.org"), attendance="online")
    register(hybrid, UserFactory(email="venue@example.org"), attendance="in_person")
    mail.outbox.clear()

    with time_machine.travel(START - timedelta(hours=48), tick=False):
        run_due_tasks()

    assert [message.to for message in mail.outbox] == [["online@example.org"]]
    assert LINK in mail.outbox[0].body
    online.refresh_from_db()
    assert online.join_link_sent_at is not None


def test_switching_to_online_after_the_reveal_sends_the_link_at_once(hybrid):
    registration = register(hybrid, UserFactory(email="venue@example.org"), attendance="in_person")
    mail.outbox.clear()

    update(registration, when=START - timedelta(hours=10), attendance="online")

    assert [message.to for message in mail.outbox] == [["venue@example.org"]]
    assert LINK in mail.outbox[0].body


def test_the_confirmation_email_says_how_the_person_takes_part(hybrid):
    register(hybrid, UserFactory(email="venue@example.org"), attendance="in_person")

    body = mail.outbox[-1].body
    assert "You take part: In person" in body
    assert "Venue: Jakarta hub" in body
    assert "We will send you the join link" not in body


def test_the_registrations_csv_has_how_each_person_takes_part(client, organizer, hybrid):
    register(hybrid, attendance="online")
    client.force_login(organizer)

    response = client.get(reverse("events:registrations_csv", args=["gc", hybrid.pk]))

    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[9] == "Taking part"
    assert row[9] == "Online"


def test_the_register_form_asks_attendance_for_hybrid_sessions_only(client, hybrid, session):
    client.force_login(UserFactory())

    with time_machine.travel(BEFORE, tick=False):
        asked = client.get(reverse("events:register", args=["gc", hybrid.pk])).text
        not_asked = client.get(reverse("events:register", args=["gc", session.pk])).text
        refused = client.post(
            reverse("events:register", args=["gc", hybrid.pk]), {"accept_code_of_conduct": "on"}
        )

    assert "How will you take part?" in asked
    assert "How will you take part?" not in not_asked
    assert refused.status_code == 400
    assert "Please say whether you will take part in person or online." in refused.text
    assert Registration.objects.count() == 0


# --- the page -----------------------------------------------------------------------


def test_the_page_is_prefilled_and_saves_the_new_needs(client, event, hybrid):
    question = QuestionFactory(event=event, label="Community", kind="short_text")
    user = UserFactory()
    registration = register(
        hybrid,
        user,
        attendance="in_person",
        data_support=True,
        accessibility="Ramp",
        answers={str(question.pk): "Wikimedia Indonesia"},
    )
    client.force_login(user)
    page_url = reverse("events:needs", args=["gc", hybrid.pk])

    with time_machine.travel(BEFORE, tick=False):
        form = client.get(page_url)
        saved = client.post(
            page_url,
            {"attendance": "online", "needs_childcare": "on", f"q_{question.pk}": "Wikimedia ID"},
        )

    assert form.status_code == 200
    assert 'value="in_person" required id="id_attendance_0" checked>' in form.text
    assert 'name="needs_data_support" id="id_needs_data_support" checked>' in form.text
    assert ">\nRamp</textarea>" in form.text
    assert 'value="Wikimedia Indonesia"' in form.text
    assert "code of conduct" not in form.text.lower().split("<main")[-1].split("</main>")[0]
    assert saved.status_code == 302
    registration.refresh_from_db()
    assert registration.attendance == "online"
    assert (registration.needs_data_support, registration.needs_childcare) == (False, True)
    assert registration.accessibility_needs == ""
    assert registration.answers == {str(question.pk): "Wikimedia ID"}


def test_after_the_start_the_page_says_so_and_a_post_changes_nothing(client, session):
    user = UserFactory()
    registration = register(session, user, interpretation_language="ar")
    client.force_login(user)
    page_url = reverse("events:needs", args=["gc", session.pk])

    with time_machine.travel(START + timedelta(minutes=5), tick=False):
        shown = client.get(page_url)
        refused = client.post(page_url, {"interpretation_language": "fr"})

    assert "This session has started: your needs can no longer be changed." in shown.text
    assert '<form method="post" novalidate>' not in shown.text
    assert refused.status_code == 409
    registration.refresh_from_db()
    assert registration.interpretation_language == "ar"


def test_someone_not_registered_is_sent_back_to_the_session(client, session):
    client.force_login(UserFactory())

    response = client.get(reverse("events:needs", args=["gc", session.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("events:session", args=["gc", session.pk])


def test_a_wrong_change_is_summed_up_at_the_top_of_the_form_once(client, event, hybrid):
    question = QuestionFactory(event=event, label="Community", kind="short_text", required=True)
    user = UserFactory()
    register(hybrid, user, attendance="in_person", answers={str(question.pk): "Wikimedia ID"})
    client.force_login(user)

    with time_machine.travel(BEFORE, tick=False):
        refused = client.post(
            reverse("events:needs", args=["gc", hybrid.pk]), {"accessibility_needs": ""}
        )

    assert refused.status_code == 400
    form = refused.text[refused.text.index('<form method="post" novalidate>') :]
    assert form.count('class="error-summary"') == 1
    assert form.index('class="error-summary"') < form.index("<fieldset")
    assert "There are 2 problems with this form" in form
    assert Registration.objects.get().answers == {str(question.pk): "Wikimedia ID"}
