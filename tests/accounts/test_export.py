from __future__ import annotations

import json

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount

from convene.events.models import ContentTranslation, LightningTalk, Message
from convene.events.services import Needs, registration_create

pytestmark = pytest.mark.django_db

# What the documents, feedback, questions and the registry keep about a person (registered by
# those apps).
SECTIONS_OF_OTHER_APPS = (
    "followed_documents",
    "authored_documents",
    "translations",
    "comments",
    "reports",
    "moderation_actions",
    "questions",
    "question_votes",
    "host_actions",
    "organizations",
    "organization_applications",
    "organization_application_comments",
    "committee_votes",
    "committee_recusals",
    "organization_reports",
    "partnerships_recorded",
    "organization_history",
    "prioritization_ballots",
    "prioritization_group_submissions",
    "prioritization_groups",
    "openspace_topics",
    "openspace_interests",
    "openspace_presences",
    "openspace_note_versions",
    "openspace_actions_written",
    "openspace_actions_taken",
    "openspace_series_followed",
)


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
    with time_machine.travel(now, tick=False):
        Message.objects.create(
            event=session.event,
            session=session,
            author=user,
            language="en",
            subject="Agenda",
            body="Please read it.",
            translations={"fr": {"subject": "Programme", "body": "Lisez-le."}},
            statuses=["confirmed"],
            recipient_count=1,
        )
        ContentTranslation.objects.create(
            event=session.event,
            session=session,
            field="title",
            language="fr",
            text="Tour 1",
            source_digest="-",
            translated_by=user,
        )
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
                "attendance": "",
                "needs_data_support": True,
                "needs_childcare": False,
                "accessibility_needs": "Captions, please",
                "answers": {str(question.pk): "Swahili Wikipedia"},
                "registered_at": "2030-03-01T12:00:00Z",
                "cancelled_at": None,
            }
        ],
        "organized_events": [{"slug": "global", "title": "Global Conversations"}],
        "messages_sent": [
            {
                "event": "Global Conversations",
                "session": "Round 1",
                "sent_at": "2030-03-01T12:00:00Z",
                "language": "en",
                "subject": "Agenda",
                "body": "Please read it.",
                "translations": {"fr": {"subject": "Programme", "body": "Lisez-le."}},
                "recipients": 1,
            }
        ],
        "event_content_translations": [
            {
                "event": "Global Conversations",
                "session": "Round 1",
                "question": None,
                "field": "title",
                "language": "fr",
                "text": "Tour 1",
                "machine": False,
                "updated_at": "2030-03-01T12:00:00Z",
            }
        ],
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
        **{key: [] for key in SECTIONS_OF_OTHER_APPS},
    }


def test_export_of_a_new_account_is_nearly_empty(user_client, user):
    data = user_client.get("/en/me/export.json").json()

    assert (
        data["email_addresses"],
        data["social_accounts"],
        data["registrations"],
        data["organized_events"],
        data["lightning_talks"],
        data["messages_sent"],
        data["event_content_translations"],
    ) == ([], [], [], [], [], [], [])
    assert all(data[name] == [] for name in SECTIONS_OF_OTHER_APPS)


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

    # session, user, email addresses, social accounts, registrations, events, messages sent,
    # event content translated, talks; one for each section of the other apps
    with django_assert_num_queries(9 + len(SECTIONS_OF_OTHER_APPS)):
        data = client.get("/en/me/export.json").json()

    assert [r["session"] for r in data["registrations"]] == ["Round 1", "Round 2"]


def test_export_contains_what_the_person_wrote_and_did_in_the_other_apps(client, user, now):
    from django.contrib.auth.models import Permission

    from convene.discussion import services as discussion
    from convene.documents import services as documents
    from convene.qanda import services as qanda
    from tests.discussion.factories import CLOSES, DURING, OPENS, write
    from tests.documents.factories import ITERATION_1, DocumentFactory
    from tests.documents.test_publishing import publish
    from tests.factories import UserFactory
    from tests.qanda.factories import DURING as LIVE
    from tests.qanda.factories import QuestionFactory

    user.user_permissions.add(
        Permission.objects.get(codename="change_comment", content_type__app_label="discussion")
    )
    document = DocumentFactory(slug="advocacy", process__slug="ms2030", title="Advocacy")
    document.authors.add(user)
    document.followers.add(user)
    version = publish(document, ITERATION_1, feedback_opens_at=OPENS, feedback_closes_at=CLOSES)
    paragraph = version.paragraphs.filter(kind="paragraph").order_by("position").first()
    documents.translation_save(
        paragraph=paragraph,
        language="fr",
        text="Un réseau.",
        translator=user,
        source_fingerprint=paragraph.fingerprint,
    )
    other = UserFactory()
    with time_machine.travel(DURING, tick=False):
        mine = write(version, user, body="I support this.", paragraph=paragraph, stance="support")
        theirs = write(version, other, body="Rude words.")
        discussion.report_create(comment=theirs, reporter=user, reason="Insulting")
        discussion.comment_hide(comment=theirs, moderator=user, reason="Off topic")
    with time_machine.travel(LIVE, tick=False):
        asked = QuestionFactory(author=user, text="Will notes be translated?", is_anonymous=True)
        voted = QuestionFactory(session=asked.session, author=other)
        qanda.vote(question=voted, user=user)
        asked.session.event.organizers.add(user)
        qanda.answer(question=voted, host=user, text="Yes.")
    client.force_login(user)

    data = client.get("/en/me/export.json").json()

    advocacy = {"process": "ms2030", "document": "advocacy", "title": "Advocacy"}
    assert data["followed_documents"] == data["authored_documents"] == [advocacy]
    assert [
        (t["document"], t["paragraph"], t["language"], t["text"]) for t in data["translations"]
    ] == [("advocacy", paragraph.anchor, "fr", "Un réseau.")]
    assert data["comments"] == [
        {
            "id": mine.pk,
            "document": "advocacy",
            "iteration": 1,
            "paragraph": paragraph.anchor,
            "reply_to": None,
            "language": "en",
            "stance": "support",
            "body": "I support this.",
            "written_at": mine.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "hidden_at": None,
            "hidden_reason": "",
        }
    ]
    assert [(r["comment"], r["reason"]) for r in data["reports"]] == [(theirs.pk, "Insulting")]
    assert [(a["comment"], a["action"], a["reason"]) for a in data["moderation_actions"]] == [
        (theirs.pk, "hide", "Off topic")
    ]
    assert [(q["id"], q["text"], q["anonymous"]) for q in data["questions"]] == [
        (asked.pk, "Will notes be translated?", True)
    ]
    assert [v["question"] for v in data["question_votes"]] == [voted.pk]
    assert [(a["question"], a["action"]) for a in data["host_actions"]] == [(voted.pk, "answer")]
    assert "Rude words." not in json.dumps(data)  # what others wrote is not theirs
