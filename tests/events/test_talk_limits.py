"""Lightning-talk proposals and reports of comments are limited per person and address."""

from __future__ import annotations

import pytest

from convene.events.models import LightningTalk
from tests.events.factories import SessionFactory
from tests.events.test_views import register, url
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TALK = {"title": "Hubs", "abstract": "Why and how.", "language": "en", "duration_minutes": "5"}


def test_five_talk_proposals_an_hour_per_person_then_the_text_is_kept(client, settings):
    settings.CONVENE_RATE_LIMITS = {"talk": "5/1h/account,30/1h/address"}
    session = SessionFactory(event__slug="gc")
    speaker = UserFactory()
    register(session, speaker)
    client.force_login(speaker)
    codes = [client.post(url("talk_propose", "gc", session.pk), TALK).status_code for _ in range(5)]
    refused = client.post(url("talk_propose", "gc", session.pk), {**TALK, "title": "Sixth"})

    assert codes == [302] * 5
    assert refused.status_code == 400
    html = refused.content.decode()
    assert (
        "You can propose at most 5 talks in a short time. "
        "Please wait up to 60 minutes and try again; your text is kept below."
    ) in html
    assert 'value="Sixth"' in html
    assert LightningTalk.objects.count() == 5


def test_a_limit_of_one_talk_says_one_talk(client, settings):
    settings.CONVENE_RATE_LIMITS = {"talk": "1/1m/account"}
    session = SessionFactory(event__slug="gc")
    speaker = UserFactory()
    register(session, speaker)
    client.force_login(speaker)
    assert client.post(url("talk_propose", "gc", session.pk), TALK).status_code == 302
    refused = client.post(url("talk_propose", "gc", session.pk), {**TALK, "title": "Second"})

    assert refused.status_code == 400
    assert (
        "You can propose at most 1 talk in a short time. "
        "Please wait up to 1 minute and try again; your text is kept below."
    ) in refused.content.decode()


def test_talk_proposals_per_address(client, settings):
    settings.CONVENE_RATE_LIMITS = {"talk": "2/1h/address"}
    session = SessionFactory(event__slug="gc")
    for number in range(3):
        speaker = UserFactory()
        register(session, speaker)
        client.force_login(speaker)
        response = client.post(url("talk_propose", "gc", session.pk), TALK)
        assert response.status_code == (302 if number < 2 else 400)
    assert "Too many requests come from your network" in response.content.decode()
    assert LightningTalk.objects.count() == 2
