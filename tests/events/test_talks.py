"""Lightning talks: the speaker hears of the decision, and a talk whose speaker left, or
withdrew it, leaves the list, the running order and the organizers' decisions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import TestCase

from convene.accounts.services import user_delete
from convene.core.errors import ServiceError
from convene.core.models import OutgoingEmail
from convene.events import services
from convene.events.models import LightningTalk
from tests.factories import UserFactory

from .factories import EventFactory, SessionFactory, TalkFactory
from .test_views import register, url

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
STARTS = datetime(2026, 3, 10, 14, 0, tzinfo=UTC)  # 19:30 in Kolkata, 15:00 in Paris


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def organizer():
    return UserFactory(display_name="Olu")


@pytest.fixture
def session(organizer):
    event = EventFactory(slug="gc", title="Global Conversation", organizers=[organizer])
    return SessionFactory(
        event=event, title="Hubs", starts_at=STARTS, ends_at=STARTS + timedelta(hours=2)
    )


@pytest.fixture
def speaker(session):
    person = UserFactory(display_name="Amina", email="amina@example.org", timezone="Asia/Kolkata")
    register(session, person)
    OutgoingEmail.objects.all().delete()  # the confirmation of registration
    return person


@pytest.fixture
def talk(session, speaker):
    return TalkFactory(session=session, speaker=speaker, title="Hubs in South Asia")


def decide(talk, accept):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.talk_decide(talk=talk, accept=accept)


# --- the decision is emailed ---------------------------------------------------


def test_an_accepted_talk_is_emailed_with_the_session_time_in_the_speakers_zone(talk):
    decide(talk, accept=True)

    email = OutgoingEmail.objects.get()
    assert (email.to, email.language) == ("amina@example.org", "en")
    assert email.subject == "Your lightning talk “Hubs in South Asia” is accepted"
    assert email.body == (
        "Hello Amina,\n\n"
        "Good news: the organizers accepted your lightning talk “Hubs in South Asia”. It is in "
        "the session's running order.\n\n"
        "Global Conversation: Hubs\n"
        "Starts: Tue, Mar 10, 2026, 19:30 GMT+05:30\n"
        "Ends: Tue, Mar 10, 2026, 21:30 GMT+05:30\n"
        f"Details: http://127.0.0.1:8000/en/events/gc/sessions/{talk.session_id}/\n\n"
        "You have 5 minutes. If you can no longer give it, please withdraw it from the "
        "session's page.\n\n"
        "— Convene\n"
    )


def test_a_declined_talk_is_emailed_in_the_speakers_language(talk, speaker):
    speaker.preferred_language = "fr"
    speaker.timezone = "Europe/Paris"
    speaker.save()

    decide(talk, accept=False)

    email = OutgoingEmail.objects.get()
    assert email.language == "fr"
    assert email.body.startswith("Bonjour Amina,\n\n")
    assert "Début: mar. 10 mars 2026, 15:00 UTC+01:00\n" in email.body
    assert "« Hubs in South Asia »" in email.subject


def test_deciding_the_same_way_twice_sends_one_email(talk):
    decide(talk, accept=True)
    decide(talk, accept=True)
    decide(talk, accept=False)

    subjects = list(OutgoingEmail.objects.order_by("pk").values_list("subject", flat=True))
    assert subjects == [
        "Your lightning talk “Hubs in South Asia” is accepted",
        "Your lightning talk “Hubs in South Asia” is not in this session",
    ]


# --- withdrawn talks --------------------------------------------------------------


def test_cancelling_the_registration_withdraws_the_speakers_talks_of_that_session(
    session, speaker, talk
):
    accepted = TalkFactory(session=session, speaker=speaker, title="Second")
    decide(accepted, accept=True)
    declined = TalkFactory(session=session, speaker=speaker, title="Third")
    decide(declined, accept=False)
    elsewhere = TalkFactory(speaker=speaker, title="Another session")
    others = TalkFactory(session=session, title="Someone else's")
    registration = speaker.registrations.get(session=session)

    services.registration_cancel(registration=registration)

    statuses = dict(LightningTalk.objects.values_list("title", "status"))
    assert statuses == {
        "Hubs in South Asia": "withdrawn",
        "Second": "withdrawn",
        "Third": "declined",
        elsewhere.title: "proposed",
        others.title: "proposed",
    }


def test_deleting_the_account_withdraws_its_talks_but_not_those_already_given(
    clock, session, speaker, talk
):
    past = SessionFactory(
        event=session.event,
        starts_at=NOW - timedelta(days=2),
        ends_at=NOW - timedelta(days=2) + timedelta(hours=1),
    )
    given = TalkFactory(session=past, speaker=speaker, title="Given")
    LightningTalk.objects.filter(pk=given.pk).update(status="accepted", position=1)
    never_decided = TalkFactory(session=past, speaker=speaker, title="Never decided")

    user_delete(user=speaker)

    statuses = dict(LightningTalk.objects.values_list("title", "status"))
    assert statuses == {
        "Hubs in South Asia": "withdrawn",
        "Given": "accepted",
        "Never decided": "withdrawn",
    }
    assert set(LightningTalk.objects.values_list("speaker", flat=True)) == {None}
    assert never_decided.pk


def test_a_withdrawn_talk_can_no_longer_be_decided(talk, speaker):
    services.talk_withdraw(talk=talk, speaker=speaker)

    for accept in (True, False):
        with pytest.raises(ServiceError) as refused:
            decide(talk, accept=accept)
        assert refused.value.code == "talk_withdrawn"
    talk.refresh_from_db()
    assert talk.status == "withdrawn"
    assert OutgoingEmail.objects.count() == 0


def test_only_the_speaker_withdraws_and_only_before_the_session_starts(clock, talk, speaker):
    with pytest.raises(ServiceError) as refused:
        services.talk_withdraw(talk=talk, speaker=UserFactory())
    assert refused.value.code == "forbidden"

    clock.move_to(STARTS)
    with pytest.raises(ServiceError) as refused:
        services.talk_withdraw(talk=talk, speaker=speaker)
    assert refused.value.code == "session_started"
    talk.refresh_from_db()
    assert talk.status == "proposed"


def test_a_declined_or_withdrawn_talk_is_not_withdrawn_again(talk, speaker):
    decide(talk, accept=False)
    with pytest.raises(ServiceError) as refused:
        services.talk_withdraw(talk=talk, speaker=speaker)
    assert refused.value.code == "talk_declined"

    other = TalkFactory(session=talk.session, speaker=speaker, title="Other")
    services.talk_withdraw(talk=other, speaker=speaker)
    with pytest.raises(ServiceError) as refused:
        services.talk_withdraw(talk=other, speaker=speaker)
    assert refused.value.code == "talk_withdrawn"


# --- the pages -----------------------------------------------------------------------


def test_the_speaker_withdraws_an_accepted_talk_from_the_session_page(
    client, session, speaker, talk
):
    decide(talk, accept=True)
    client.force_login(speaker)
    page = client.get(url("session", "gc", session.pk)).content.decode()
    action = url("talk_withdraw", "gc", session.pk, talk.pk)
    assert f'action="{action}"' in page
    assert "Withdraw my talk" in page

    response = client.post(action, follow=True)

    assert response.redirect_chain == [(url("session", "gc", session.pk) + "#talks", 302)]
    html = response.content.decode()
    assert "Your talk is withdrawn." in html
    assert "No lightning talks in the running order yet." in html
    assert "Withdraw my talk" not in html
    talk.refresh_from_db()
    assert talk.status == "withdrawn"


def test_someone_else_cannot_withdraw_a_talk(client, session, talk):
    intruder = UserFactory()
    client.force_login(intruder)

    response = client.post(url("talk_withdraw", "gc", session.pk, talk.pk), follow=True)

    assert "Only the speaker can withdraw a talk." in response.content.decode()
    talk.refresh_from_db()
    assert talk.status == "proposed"


def test_organizers_see_a_withdrawn_talk_as_withdrawn_and_cannot_decide_it(
    client, organizer, session, speaker, talk
):
    services.talk_withdraw(talk=talk, speaker=speaker)
    client.force_login(organizer)

    page = client.get(url("manage", "gc", session.pk)).content.decode()
    assert '<span class="badge">Withdrawn</span>' in page
    assert "The speaker withdrew this talk; it is out of the running order." in page
    assert url("talk_decide", "gc", session.pk, talk.pk) not in page

    response = client.post(
        url("talk_decide", "gc", session.pk, talk.pk), {"action": "accept"}, follow=True
    )
    assert (
        "The speaker withdrew this talk: it can no longer be accepted or declined."
        in response.content.decode()
    )
    talk.refresh_from_db()
    assert talk.status == "withdrawn"
