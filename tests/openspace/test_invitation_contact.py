"""Writing to an event's organizers: by email, in each organizer's language, without ever
showing their addresses; the sender's address is shared only when they choose to."""

import pytest
import time_machine
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from convene.accounts.services import user_delete
from convene.core.errors import ServiceError
from convene.core.models import OutgoingEmail, RateLimitCounter
from convene.events.translations import content_translation_save
from convene.openspace.services_invitation import event_organizers_contact
from tests.events.factories import EventFactory
from tests.factories import UserFactory

from .factories import NOW, OpenSpaceFactory, TopicFactory, participant

pytestmark = pytest.mark.django_db

ORGANIZER_ADDRESSES = ["amina@example.org", "jules@example.org"]


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"openspace:{name}", args=args)


@pytest.fixture
def organizers():
    return [
        UserFactory(email="amina@example.org", display_name="Amina", preferred_language="en"),
        UserFactory(email="jules@example.org", display_name="Jules", preferred_language="fr"),
    ]


@pytest.fixture
def event(organizers):
    event = EventFactory(slug="gc", title="Global Conversation", organizers=organizers)
    content_translation_save(
        owner=event, field="title", language="fr", text="Conversation mondiale", translator=None
    )
    return event


@pytest.fixture
def sender():
    return UserFactory(email="sender@example.org", display_name="Kofi")


def post(client, **data):
    data = {"subject": "Interpretation", "message": "Will there be Swahili?", **data}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url("contact", "gc"), data)


def test_the_message_goes_to_each_organizer_in_their_language(client, event, sender):
    client.force_login(sender)
    response = post(client)
    assert response.status_code == 302
    assert response["Location"] == url("invitation", "gc")
    by_address = {email.to[0]: email for email in mail.outbox}
    assert sorted(by_address) == ORGANIZER_ADDRESSES
    english, french = by_address["amina@example.org"], by_address["jules@example.org"]
    assert english.subject == "About Global Conversation: Interpretation"
    assert english.body.startswith(
        "Hello Amina,\n\nKofi writes to the organizers of Global Conversation through Convene:"
        "\n\nInterpretation\n\nWill there be Swahili?\n\n"
        "Kofi did not share their address: you cannot answer them by email.\n"
    )
    assert "Event: http://127.0.0.1:8000/en/events/gc/" in english.body
    # The French organizer: the event's French title, the French address of the event, the
    # message as it was written.
    assert "Conversation mondiale" in french.subject
    assert "Will there be Swahili?" in french.body
    assert "http://127.0.0.1:8000/fr/events/gc/" in french.body
    assert OutgoingEmail.objects.get(to="jules@example.org").language == "fr"
    # Nobody can answer by email: no reply address, and no one's address in another's email.
    for email in mail.outbox:
        assert email.reply_to == []
        assert "sender@example.org" not in email.body
        assert [address for address in ORGANIZER_ADDRESSES if address in email.body] == []


def test_the_senders_address_is_shared_only_when_ticked(client, event, sender):
    client.force_login(sender)
    response = post(client, share_address="on")
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    for email in mail.outbox:
        assert email.reply_to == ["sender@example.org"]
        assert email.from_email != "sender@example.org"
    english = next(email for email in mail.outbox if email.to == ["amina@example.org"])
    assert "Kofi chose to share their address: reply to this email to answer them." in (
        english.body
    )
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Your message was sent to the organizers; they can reply to you."]


def test_the_sender_is_told_the_organizers_cannot_answer_unless_they_share(client, event, sender):
    client.force_login(sender)
    page = client.get(url("contact", "gc")).content.decode()
    assert "They will see it comes from <bdi>Kofi</bdi>." in page
    assert "Let them reply to my address, sender@example.org" in page
    assert '<input type="checkbox" name="share_address"' in page
    assert 'name="share_address" id="id_share_address" checked' not in page
    response = client.post(url("contact", "gc"), {"subject": "Hello", "message": "Hi"}, follow=True)
    assert (
        "Your message was sent to the organizers. They see your name but not your address: "
        "they cannot answer you by email." in response.content.decode()
    )


@pytest.mark.parametrize("role", ["organizer", "convener", "participant", "signed_in"])
def test_no_page_shows_the_organizers_addresses(client, role, organizers):
    open_space = OpenSpaceFactory(event__slug="gc", event__organizers=organizers)
    person = {
        "organizer": organizers[0],
        "convener": TopicFactory(open_space=open_space).convener if role == "convener" else None,
        "participant": participant(open_space) if role == "participant" else None,
        "signed_in": UserFactory(),
    }[role]
    client.force_login(person)
    pages = [
        client.get(url("contact", "gc")),
        client.get(url("invitation", "gc")),
        client.get(url("local_time", "2020-09-20T16:00Z") + "?event=gc"),
        client.post(url("contact", "gc"), {"subject": "", "message": "x"}),
        client.post(url("contact", "gc"), {"subject": "Hi", "message": "A question"}, follow=True),
    ]
    for response in pages:
        assert response.status_code in (200, 400)
        content = response.content.decode()
        # (an organizer sees their own address, in the label of the box that shares it)
        others = [address for address in ORGANIZER_ADDRESSES if address != person.email]
        assert [address for address in others if address in content] == []


def test_anonymous_visitors_are_sent_to_log_in(client, event):
    response = client.get(url("contact", "gc"))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=/en/open-space/invite/gc/")
    response = client.post(url("contact", "gc"), {"subject": "Hi", "message": "Hello"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_an_unpublished_event_cannot_be_written_about(client, organizers, sender):
    EventFactory(slug="draft", is_published=False, organizers=organizers)
    client.force_login(sender)
    assert client.get(url("contact", "draft")).status_code == 404
    assert client.post(url("contact", "draft"), {"subject": "a", "message": "b"}).status_code == 404
    assert mail.outbox == []


def test_the_rate_limit_refuses_with_a_message_and_sends_nothing(client, event, sender):
    client.force_login(sender)
    for _ in range(3):  # "contact": 3 an hour per account
        assert post(client).status_code == 302
    assert len(mail.outbox) == 6
    response = post(client, message="Once more")
    assert response.status_code == 429
    content = response.content.decode()
    assert "You have written to organizers many times in a short while." in content
    assert "Please wait up to 60 minutes and try again; your text is kept below." in content
    assert "Once more</textarea>" in content
    assert len(mail.outbox) == 6
    assert OutgoingEmail.objects.count() == 6


def test_a_refused_form_keeps_the_text_and_sends_nothing(client, event, sender):
    client.force_login(sender)
    too_long = post(client, message="x" * 5001)
    assert too_long.status_code == 400
    assert "Ensure this value has at most 5000 characters (it has 5001)." in (
        too_long.content.decode()
    )
    nul = post(client, subject="Hi\x00")
    assert nul.status_code == 400
    assert "Null characters are not allowed." in nul.content.decode()
    empty = post(client, subject="   ")
    assert empty.status_code == 400
    assert mail.outbox == []
    assert RateLimitCounter.objects.count() == 0  # a mistyped form costs nothing


def test_the_service_refuses_what_the_form_would(event, sender):
    with pytest.raises(ServiceError) as refused:
        event_organizers_contact(
            event=event, sender=sender, subject="Hi", message="a\x00", share_address=False
        )
    assert refused.value.code == "null_character"
    with pytest.raises(ServiceError) as refused:
        event_organizers_contact(
            event=event, sender=sender, subject="Hi", message="x" * 5001, share_address=False
        )
    assert refused.value.code == "too_long"
    assert str(refused.value.message) == (
        "The message is 5001 characters long. The limit is 5000 characters."
    )
    lonely = EventFactory(slug="lonely")
    with pytest.raises(ServiceError) as refused:
        event_organizers_contact(
            event=lonely, sender=sender, subject="Hi", message="Hello", share_address=False
        )
    assert refused.value.code == "no_organizers"
    assert OutgoingEmail.objects.count() == 0
    assert RateLimitCounter.objects.count() == 0


def test_erasing_the_sender_takes_their_address_out_of_the_emails_on_their_way(event, sender):
    event_organizers_contact(
        event=event, sender=sender, subject="Hi", message="Hello", share_address=True
    )
    assert set(OutgoingEmail.objects.values_list("reply_to", flat=True)) == {"sender@example.org"}
    user_delete(user=sender)
    assert set(OutgoingEmail.objects.values_list("reply_to", flat=True)) == {""}
    assert OutgoingEmail.objects.count() == 2
