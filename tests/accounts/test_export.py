from __future__ import annotations

import json

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount

from convene.events.models import LightningTalk
from convene.events.services import Needs, registration_create

pytestmark = pytest.mark.django_db


def test_export_asks_anonymous_visitors_to_log_in(client):
    response = client.get("/en/me/export.json")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_export_contains_everything_about_the_person(client, user, session, now):
    user.timezone = "Africa/Nairobi"
    user.languages_spoken = ["en", "fr"]
    user.region = "sub-saharan-africa"
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    SocialAccount.objects.create(
        user=user, provider="mediawiki", uid="12345", extra_data={"secret": "not exported"}
    )
    question = session.event.questions.create(label="Your community?", kind="short_text")
    registration_create(
        session=session,
        user=user,
        needs=Needs(
            interpretation_language="fr",
            data_support=True,
            childcare=False,
            accessibility="Captions, please",
            answers={str(question.pk): "Swahili Wikipedia"},
        ),
        accepted_code_of_conduct=True,
        now=now,
    )
    session.event.organizers.add(user)
    LightningTalk.objects.create(
        session=session,
        speaker=user,
        title="Offline reading",
        abstract="Kiwix in schools.",
        language="en",
    )

    with time_machine.travel(now, tick=False):
        client.force_login(user)
        response = client.get("/en/me/export.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="convene-data-2030-03-01.json"'
    assert json.loads(response.content) == {
        "format": "convene-personal-data/1",
        "exported_at": "2030-03-01T12:00:00Z",
        "profile": {
            "email": "amina@example.org",
            "display_name": "Amina",
            "preferred_language": "en",
            "timezone": "Africa/Nairobi",
            "languages_spoken": ["en", "fr"],
            "region": "sub-saharan-africa",
            "date_joined": user.date_joined.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "last_login": "2030-03-01T12:00:00Z",
        },
        "email_addresses": [{"email": "amina@example.org", "verified": True, "primary": True}],
        "social_accounts": [{"provider": "mediawiki", "uid": "12345"}],
        "registrations": [
            {
                "event": "Global Conversations",
                "session": "Round 1",
                "starts_at": "2030-03-11T12:00:00Z",
                "status": "confirmed",
                "interpretation_language": "fr",
                "needs_data_support": True,
                "needs_childcare": False,
                "accessibility_needs": "Captions, please",
                "answers": {str(question.pk): "Swahili Wikipedia"},
                "registered_at": "2030-03-01T12:00:00Z",
                "cancelled_at": None,
            }
        ],
        "organized_events": [{"slug": "global", "title": "Global Conversations"}],
        "lightning_talks": [
            {
                "event": "Global Conversations",
                "session": "Round 1",
                "title": "Offline reading",
                "abstract": "Kiwix in schools.",
                "language": "en",
                "status": "proposed",
            }
        ],
    }


def test_export_of_a_new_account_is_nearly_empty(user_client, user):
    data = user_client.get("/en/me/export.json").json()

    assert (
        data["email_addresses"],
        data["social_accounts"],
        data["registrations"],
        data["organized_events"],
        data["lightning_talks"],
    ) == ([], [], [], [], [])


def test_export_answers_get_only(user_client):
    assert user_client.post("/en/me/export.json").status_code == 405


def test_export_reads_a_fixed_number_of_queries(
    client, user, session, now, django_assert_num_queries
):
    from convene.events.models import Session

    later = Session.objects.create(
        event=session.event,
        title="Round 2",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        capacity=5,
    )
    for each in (session, later):
        registration_create(
            session=each, user=user, needs=Needs(), accepted_code_of_conduct=True, now=now
        )
    client.force_login(user)

    # session, user, email addresses, social accounts, registrations, events, talks
    with django_assert_num_queries(7):
        data = client.get("/en/me/export.json").json()

    assert [r["session"] for r in data["registrations"]] == ["Round 1", "Round 2"]
