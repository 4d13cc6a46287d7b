"""Organizers write to registrants: who receives it, in which language, and what is refused."""

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from convene.core.models import OutgoingEmail
from convene.events import messaging, services
from convene.events.models import Message, Registration
from tests.factories import UserFactory

from .factories import EventFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer():
    return UserFactory(email="organizer@example.org", display_name="Maryam")


@pytest.fixture
def event(organizer):
    return EventFactory(organizers=[organizer], title="Global Conversations", slug="gc")


@pytest.fixture
def day1(event):
    return SessionFactory(event=event, title="Day 1", capacity=3)


@pytest.fixture
def day2(event):
    return SessionFactory(
        event=event,
        title="Day 2",
        capacity=10,
        location_type="hybrid",
        venue="Community hall, Accra",
        interpretation_languages=["ar", "fr"],
    )


def register(session, email, *, language="en", **needs):
    user = UserFactory(email=email, preferred_language=language)
    return register_user(session, user, **needs)


def register_user(session, user, **needs):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.registration_create(
            session=session, user=user, needs=services.Needs(**needs), accepted_code_of_conduct=True
        )


@pytest.fixture
def people(day1, day2):
    """Day 1: three confirmed, one waiting, one cancelled. Day 2: one of day 1 again, an
    in-person and an online participant."""
    amina = register(day1, "amina@example.org", interpretation_language="ar", childcare=True)
    register(day1, "bruno@example.org", language="fr", data_support=True)
    register(day1, "chen@example.org", language="de", accessibility="Captions, please")
    register(day1, "dara@example.org")  # waiting: day 1 has three places
    cancelled = register(day1, "erin@example.org", language="fr")
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.registration_cancel(registration=cancelled)
    confirm(day2, amina.user, attendance="online", interpretation_language="fr")
    confirm(day2, UserFactory(email="femi@example.org"), attendance="in_person")
    confirm(
        day2,
        UserFactory(email="gita@example.org"),
        attendance="online",
        interpretation_language="ar",
    )
    mail.outbox.clear()


def confirm(session, user, **fields):
    """A confirmed registration as the registration service stores it."""
    return Registration.objects.create(
        session=session,
        user=user,
        status=Registration.Status.CONFIRMED,
        code_of_conduct_accepted_at=timezone.now(),
        confirmed_at=timezone.now(),
        **fields,
    )


def send(event, organizer, **overrides):
    arguments = {
        "event": event,
        "author": organizer,
        "language": "en",
        "subject": "Agenda for the conversation",
        "body": "Please read the agenda before we meet.\nThank you!",
        "translations": {},
        "statuses": ["confirmed"],
        **overrides,
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        return messaging.message_send(**arguments)


def recipients():
    return sorted(address for email in mail.outbox for address in email.to)


# --- recipients -----------------------------------------------------------------


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            {"statuses": ["confirmed"]},
            [
                "amina@example.org",
                "bruno@example.org",
                "chen@example.org",
                "femi@example.org",
                "gita@example.org",
            ],
        ),
        ({"statuses": ["waitlisted"]}, ["dara@example.org"]),
        ({"statuses": ["cancelled"]}, ["erin@example.org"]),
        (
            {"statuses": ["confirmed", "waitlisted"], "interpretation_language": "ar"},
            ["amina@example.org", "gita@example.org"],
        ),
        ({"statuses": ["confirmed"], "interpretation_language": "fr"}, ["amina@example.org"]),
        ({"statuses": ["confirmed"], "need": "data_support"}, ["bruno@example.org"]),
        ({"statuses": ["confirmed"], "need": "childcare"}, ["amina@example.org"]),
        ({"statuses": ["confirmed"], "need": "accessibility"}, ["chen@example.org"]),
        ({"statuses": ["confirmed"], "need": "in_person"}, ["femi@example.org"]),
        (
            {"statuses": ["confirmed"], "need": "online"},
            ["amina@example.org", "gita@example.org"],
        ),
    ],
)
def test_each_filter_reaches_exactly_the_people_it_names(event, organizer, filters, expected):
    assert messaging.message_recipient_count(event=event, **filters) == len(expected)

    message = send(event, organizer, **filters)

    assert recipients() == expected
    assert message.recipient_count == len(expected)


@pytest.mark.usefixtures("people")
def test_a_session_message_reaches_only_that_sessions_registrants(event, organizer, day2):
    assert messaging.message_recipient_count(event=event, session=day2, statuses=["confirmed"]) == 3

    message = send(event, organizer, session=day2)

    assert recipients() == ["amina@example.org", "femi@example.org", "gita@example.org"]
    assert (message.session, message.recipient_count) == (day2, 3)


@pytest.mark.usefixtures("people")
def test_a_person_registered_for_two_sessions_gets_one_email(event, organizer):
    send(event, organizer, statuses=["confirmed", "waitlisted"])

    assert recipients().count("amina@example.org") == 1
    assert len(mail.outbox) == 6


# --- languages ------------------------------------------------------------------


@pytest.mark.usefixtures("people")
def test_each_reader_gets_their_languages_translation_else_the_source(event, organizer, day1):
    send(
        event,
        organizer,
        session=day1,
        translations={
            "fr": {"subject": "Programme de la conversation", "body": "Lisez le programme."},
            "ar": {"subject": "جدول أعمال المحادثة", "body": "يرجى قراءة جدول الأعمال."},
        },
    )
    by_address = {email.to[0]: email for email in mail.outbox}

    french = by_address["bruno@example.org"]  # reads French: the French translation
    assert french.subject == "Global Conversations: Programme de la conversation"
    assert "Lisez le programme." in french.body
    assert "Please read the agenda" not in french.body
    assert "Bonjour" in french.body  # the email's own words in the reader's language too

    german = by_address["chen@example.org"]  # reads German, no German translation: the source
    assert german.subject == "Global Conversations: Agenda for the conversation"
    assert "Please read the agenda before we meet.\nThank you!" in german.body
    assert "Lisez" not in german.body


@pytest.mark.usefixtures("people")
def test_the_email_says_what_it_is_about_who_wrote_it_and_links_to_the_event(
    event, organizer, day1
):
    send(event, organizer, session=day1, subject="Dinner <b>& drinks</b>")
    email = next(email for email in mail.outbox if email.to == ["amina@example.org"])

    assert email.subject == "Global Conversations: Dinner <b>& drinks</b>"  # plain text
    assert "write to the people registered for Day 1" in email.body
    assert "Sent by Maryam, for the organizers." in email.body
    assert "/en/events/gc/" in email.body


def test_the_copy_keeps_the_text_translations_filters_and_count(event, organizer, day2):
    confirm(day2, UserFactory(), attendance="online", interpretation_language="ar")
    message = send(
        event,
        organizer,
        session=day2,
        subject="  Agenda  ",
        translations={"ar": {"subject": " جدول ", "body": "نص"}},
        statuses=["confirmed", "waitlisted"],
        interpretation_language="ar",
    )

    stored = Message.objects.get()
    assert stored == message
    assert (stored.event, stored.session, stored.author, stored.language) == (
        event,
        day2,
        organizer,
        "en",
    )
    assert (stored.subject, stored.translations) == (
        "Agenda",
        {"ar": {"subject": "جدول", "body": "نص"}},
    )
    assert (stored.statuses, stored.interpretation_language, stored.need) == (
        ["confirmed", "waitlisted"],
        "ar",
        "",
    )
    assert stored.recipient_count == 1


# --- refusals -------------------------------------------------------------------


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize(
    ("overrides", "code", "text"),
    [
        ({"statuses": []}, "no_status", "Choose at least one kind of registration to write to."),
        ({"language": "xx"}, "language", "Unknown language."),
        ({"subject": "  "}, "empty", "Please write a subject."),
        ({"body": ""}, "empty", "Please write a message."),
        ({"body": "null\x00"}, "null_character", "Null characters are not allowed."),
        ({"subject": "x" * 201}, "too_long", "A subject can have at most 200 characters."),
        (
            {"translations": {"en": {"subject": "Again", "body": "Again"}}},
            "translation_language",
            "A translation cannot be in the language the message is written in.",
        ),
        (
            {"translations": {"tlh": {"subject": "Qapla'", "body": "Qapla'"}}},
            "language",
            "Unknown language of a translation.",
        ),
        (
            {"translations": {"fr": {"subject": "Programme", "body": " "}}},
            "empty",
            "Each translation needs a subject and a message.",
        ),
        ({"need": "parking"}, "need", "Unknown need."),
        (
            {"statuses": ["waitlisted"], "need": "childcare"},
            "no_recipients",
            "Nobody matches these filters: the message was not sent.",
        ),
    ],
)
def test_refusals_say_why_and_send_nothing(event, organizer, overrides, code, text):
    with pytest.raises(messaging.ServiceError) as refused:
        send(event, organizer, **overrides)

    assert (refused.value.code, str(refused.value.message)) == (code, text)
    assert Message.objects.count() == 0
    assert not OutgoingEmail.objects.filter(subject__contains="Global Conversations:").exists()
    assert mail.outbox == []


@pytest.mark.usefixtures("people")
def test_only_organizers_can_write_to_registrants(event):
    with pytest.raises(messaging.ServiceError) as refused:
        send(event, UserFactory())

    assert refused.value.code == "forbidden"
    assert Message.objects.count() == 0
    assert not OutgoingEmail.objects.filter(subject__contains="Agenda").exists()
    assert mail.outbox == []


@pytest.mark.usefixtures("people")
def test_a_session_of_another_event_is_refused(event, organizer):
    with pytest.raises(messaging.ServiceError) as refused:
        send(event, organizer, session=SessionFactory())

    assert refused.value.code == "session"
    assert mail.outbox == []


@pytest.mark.usefixtures("people")
def test_the_event_and_session_titles_are_in_each_readers_language(event, organizer, day1):
    from convene.events.translations import content_translation_save

    content_translation_save(
        owner=event, field="title", language="fr", text="Conversations mondiales", translator=None
    )
    content_translation_save(
        owner=day1, field="title", language="fr", text="Premier jour", translator=None
    )

    send(event, organizer, session=day1)

    by_address = {email.to[0]: email for email in mail.outbox}
    french, german = by_address["bruno@example.org"], by_address["chen@example.org"]
    assert french.subject == "Conversations mondiales: Agenda for the conversation"
    assert "Conversations mondiales" in french.body and "Premier jour" in french.body
    assert german.subject == "Global Conversations: Agenda for the conversation"
    assert "Global Conversations" in german.body and "Day 1" in german.body
