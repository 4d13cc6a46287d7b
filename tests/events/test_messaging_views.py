"""The pages where organizers write to registrants: write, add translations, preview, send,
and read the copies. Plain form posts only."""

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from convene.events import messaging
from convene.events.models import Message
from tests.factories import UserFactory

from .factories import EventFactory, SessionFactory
from .test_views import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer():
    return UserFactory(email="organizer@example.org", display_name="Maryam")


@pytest.fixture
def event(organizer):
    return EventFactory(organizers=[organizer], title="Global Conversations", slug="gc")


@pytest.fixture
def session(event):
    return SessionFactory(event=event, title="Day 1", capacity=10)


@pytest.fixture
def registrants(session):
    register(session, UserFactory(email="amina@example.org", preferred_language="fr"))
    register(session, UserFactory(email="bruno@example.org", preferred_language="de"))
    mail.outbox.clear()


def url(name, *args):
    return reverse(f"events:{name}", args=args)


def typed(session, **changes):
    data = {
        "scope": str(session.pk),
        "statuses": ["confirmed"],
        "need": "",
        "language": "en",
        "subject": "Agenda",
        "body": "Read the agenda, please.",
        "translation_count": "0",
        **changes,
    }
    return data


def sent_message(event, organizer, session):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return messaging.message_send(
            event=event,
            session=session,
            author=organizer,
            language="en",
            subject="Agenda <script>alert(1)</script>",
            body="First line\nSecond line",
            translations={"fr": {"subject": "Programme", "body": "Première ligne"}},
            statuses=["confirmed"],
        )


# --- who may ----------------------------------------------------------------------


@pytest.mark.usefixtures("registrants")
def test_only_organizers_open_the_messages_pages(client, event, organizer, session):
    message = sent_message(event, organizer, session)
    pages = [url("messages", "gc"), url("message_new", "gc"), url("message", "gc", message.pk)]

    for page in pages:
        assert client.get(page).status_code == 302  # to the sign-in page
    client.force_login(UserFactory())
    for page in pages:
        assert client.get(page).status_code == 403
    assert client.post(url("message_new", "gc"), typed(session, action="send")).status_code == 403
    client.force_login(organizer)
    for page in pages:
        assert client.get(page).status_code == 200
    assert client.get(url("messages", "no-such-event")).status_code == 404
    assert Message.objects.count() == 1


@pytest.mark.usefixtures("registrants")
def test_a_message_of_another_event_is_not_found(client, organizer, event, session):
    elsewhere = EventFactory(organizers=[organizer], slug="elsewhere")
    register(SessionFactory(event=elsewhere), UserFactory())
    message = sent_message(elsewhere, organizer, None)
    client.force_login(organizer)

    assert client.get(url("message", "gc", message.pk)).status_code == 404
    assert client.get(url("message", "elsewhere", message.pk)).status_code == 200


def test_the_event_page_links_to_messages_for_organizers_only(client, event, organizer):
    assert "Write to registrants" not in client.get(url("detail", "gc")).text
    client.force_login(organizer)
    page = client.get(url("detail", "gc")).text
    assert url("message_new", "gc") in page
    assert url("messages", "gc") in page


def test_the_session_organizer_page_writes_to_that_session(client, event, organizer, session):
    client.force_login(organizer)
    manage = client.get(url("manage", "gc", session.pk)).text
    link = f"{url('message_new', 'gc')}?session={session.pk}"
    assert link in manage

    form = client.get(link).context["form"]
    assert form.initial["scope"] == str(session.pk)
    assert form.initial["statuses"] == ["confirmed"]
    assert form.initial["language"] == "en"


# --- writing, translating, previewing, sending --------------------------------------


@pytest.mark.usefixtures("registrants")
def test_add_a_translation_keeps_everything_typed(client, organizer, session):
    client.force_login(organizer)

    first = client.post(
        url("message_new", "gc"),
        typed(session, action="add_translation", statuses=["confirmed", "waitlisted"]),
    )

    assert first.status_code == 200
    form = first.context["form"]
    assert form.errors == {}  # nothing is checked until the preview
    assert form.translations == 1
    assert 'value="Agenda"' in first.text
    assert "Read the agenda, please.</textarea>" in first.text
    assert form.initial["statuses"] == ["confirmed", "waitlisted"]
    assert 'name="t0_language"' in first.text
    assert 'id="translation-1"' in first.text
    assert Message.objects.count() == 0

    second = client.post(
        url("message_new", "gc"),
        typed(
            session,
            action="add_translation",
            translation_count="1",
            t0_language="fr",
            t0_subject="Programme",
            t0_body="Lisez le programme.",
        ),
    )

    assert second.context["form"].translations == 2
    assert second.context["form"].initial["t0_language"] == "fr"
    assert 'value="Programme"' in second.text
    assert "Lisez le programme.</textarea>" in second.text
    assert 'name="t1_subject"' in second.text
    assert mail.outbox == []


@pytest.mark.usefixtures("registrants")
def test_preview_shows_how_many_people_it_reaches_and_sends_nothing(client, organizer, session):
    client.force_login(organizer)

    response = client.post(
        url("message_new", "gc"),
        typed(
            session,
            action="preview",
            translation_count="1",
            t0_language="fr",
            t0_subject="Programme",
            t0_body="Lisez le programme.",
        ),
    )

    assert response.status_code == 200
    assert "This message will go to 2 people." in response.text
    assert "Lisez le programme." in response.text
    assert 'type="hidden" name="t0_body" value="Lisez le programme."' in response.text
    assert Message.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.usefixtures("registrants")
def test_change_from_the_preview_returns_to_the_form_as_typed(client, organizer, session):
    client.force_login(organizer)

    response = client.post(url("message_new", "gc"), typed(session, action="edit"))

    assert response.status_code == 200
    assert response.context["form"].initial["subject"] == "Agenda"
    assert "Read the agenda, please.</textarea>" in response.text


@pytest.mark.usefixtures("registrants")
def test_send_emails_each_person_and_shows_the_copy(client, organizer, session):
    client.force_login(organizer)

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            url("message_new", "gc"),
            typed(
                session,
                action="send",
                translation_count="1",
                t0_language="fr",
                t0_subject="Programme",
                t0_body="Lisez le programme.",
            ),
            follow=True,
        )

    message = Message.objects.get()
    assert response.redirect_chain == [(url("message", "gc", message.pk), 302)]
    assert "Your message was sent to 2 people." in response.text
    assert sorted(m.to[0] for m in mail.outbox) == ["amina@example.org", "bruno@example.org"]
    assert (message.session, message.translations) == (
        session,
        {"fr": {"subject": "Programme", "body": "Lisez le programme."}},
    )


@pytest.mark.usefixtures("registrants")
def test_a_message_to_the_whole_event_reaches_every_session(client, event, organizer, session):
    register(SessionFactory(event=event), UserFactory(email="chen@example.org"))
    mail.outbox.clear()
    client.force_login(organizer)

    preview = client.post(url("message_new", "gc"), typed(session, action="preview", scope=""))
    assert "This message will go to 3 people." in preview.text
    with TestCase.captureOnCommitCallbacks(execute=True):
        sent = client.post(url("message_new", "gc"), typed(session, action="send", scope=""))

    assert sent.status_code == 302
    assert Message.objects.get().session is None
    assert sorted(m.to[0] for m in mail.outbox) == [
        "amina@example.org",
        "bruno@example.org",
        "chen@example.org",
    ]


@pytest.mark.usefixtures("registrants")
@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"statuses": []}, "Choose at least one kind of registration to write to."),
        ({"subject": ""}, "This field is required."),
        (
            {"translation_count": "1", "t0_language": "en", "t0_subject": "A", "t0_body": "B"},
            "A translation cannot be in the language the message is written in.",
        ),
        (
            {"translation_count": "1", "t0_subject": "Programme", "t0_body": "Lisez"},
            "Choose the language of this translation.",
        ),
        (
            {"translation_count": "1", "t0_language": "fr", "t0_subject": "Programme"},
            "Each translation needs a subject and a message.",
        ),
        (
            {"statuses": ["waitlisted"]},
            "Nobody matches these filters: the message was not sent.",
        ),
    ],
)
@pytest.mark.parametrize("action", ["preview", "send"])
def test_bad_input_is_explained_and_nothing_is_sent(
    client, organizer, session, changes, error, action
):
    client.force_login(organizer)

    response = client.post(url("message_new", "gc"), typed(session, action=action, **changes))

    assert response.status_code == 400
    assert error in response.text
    assert Message.objects.count() == 0
    assert mail.outbox == []


# --- the copies ---------------------------------------------------------------------


@pytest.mark.usefixtures("registrants")
def test_the_list_and_the_copy_show_what_was_sent_escaped(client, event, organizer, session):
    message = sent_message(event, organizer, session)
    client.force_login(organizer)

    listing = client.get(url("messages", "gc")).text
    assert "Agenda &lt;script&gt;alert(1)&lt;/script&gt;" in listing
    assert "<script>alert(1)" not in listing
    assert "2 people" in listing

    detail = client.get(url("message", "gc", message.pk))
    assert detail.status_code == 200
    assert "First line<br>Second line" in detail.text
    assert "Première ligne" in detail.text
    assert 'lang="fr"' in detail.text
    assert "Translation into French" in detail.text
    assert "Maryam" in detail.text
    assert "<script>alert(1)" not in detail.text
