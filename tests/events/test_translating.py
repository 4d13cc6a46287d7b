"""Translators' pages for events, and readers who get the event in their language."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from convene.events import services, translations
from convene.events.models import ContentTranslation, Session
from tests.factories import UserFactory

from .factories import EventFactory, QuestionFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer():
    return UserFactory(email="organizer@example.org")


@pytest.fixture
def translator():
    user = UserFactory(email="translator@example.org")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="events", codename="add_contenttranslation")
    )
    return user


@pytest.fixture
def event(organizer):
    return EventFactory(
        slug="gc",
        title="Global Conversations",
        summary="Come along.",
        description="We meet **twice**.",
        organizers=[organizer],
    )


@pytest.fixture
def session(event):
    return SessionFactory(event=event, title="Day 1", description="The first day.")


@pytest.fixture
def question(event):
    return QuestionFactory(
        event=event,
        label="How did you hear of it?",
        kind="single_choice",
        choices=["Meta-Wiki", "A friend"],
    )


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"events:{name}", args=args)


def save(owner, field, language, text, translator=None, **kwargs):
    return translations.content_translation_save(
        owner=owner, field=field, language=language, text=text, translator=translator, **kwargs
    )


# --- translators ----------------------------------------------------------------------------


def test_only_translators_reach_the_translation_pages(client, event, session):
    client.force_login(UserFactory())

    assert client.get(url("translate", "gc", "fr")).status_code == 403
    assert client.get(url("translations", "gc")).status_code == 403
    response = client.post(
        url("translate_save", "gc", "fr", "session", session.pk, "title"),
        {"text": "Jour 1", "source": translations.source_digest(session, "title")},
    )
    assert response.status_code == 403
    assert not ContentTranslation.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, event):
    response = client.get(url("translate", "gc", "fr"))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_organizers_see_the_progress_without_translating(client, organizer, event, session):
    save(event, "title", "fr", "Conversations mondiales")
    client.force_login(organizer)

    response = client.get(url("translations", "gc"))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="language-fr"' in page
    assert url("translate", "gc", "fr") not in page  # translating is for translators


def test_the_source_language_and_unknown_languages_have_no_page(client, translator, event):
    client.force_login(translator)

    assert client.get(url("translate", "gc", "en")).status_code == 404
    assert client.get(url("translate", "gc", "xx")).status_code == 404


def test_a_translator_sees_each_field_with_its_source_and_state(
    client, translator, event, session, question
):
    save(event, "title", "fr", "Conversations mondiales", translator)
    save(session, "title", "fr", "Jour 1", translator)
    Session.objects.filter(pk=session.pk).update(title="Day one")
    client.force_login(translator)

    response = client.get(url("translate", "gc", "fr"))

    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="session-{session.pk}-title"' in page
    assert f'id="question-{question.pk}-choices"' in page
    assert f'id="event-{event.pk}-description"' in page
    # title, summary, description; session title and description; label, choices
    assert "6 fields need a translation or an update." in page
    assert "This translation was made from an older text" in page
    source = f'<blockquote id="session-{session.pk}-title-source" lang="en" dir="auto">Day one'
    assert source in page


def test_a_translator_saves_a_translation(client, translator, event, session):
    client.force_login(translator)
    target = url("translate_save", "gc", "fr", "session", session.pk, "title")

    response = client.post(
        target, {"text": "Jour 1", "source": translations.source_digest(session, "title")}
    )

    assert response.status_code == 302
    assert response.url == url("translate", "gc", "fr") + f"#session-{session.pk}-title"
    made = ContentTranslation.objects.get()
    assert (made.session, made.field, made.language, made.text) == (
        session,
        "title",
        "fr",
        "Jour 1",
    )
    assert made.translated_by == translator


def test_a_refused_translation_says_why_and_changes_nothing(client, translator, event, question):
    client.force_login(translator)

    response = client.post(
        url("translate_save", "gc", "fr", "question", question.pk, "choices"),
        {"text": "Méta-Wiki", "source": translations.source_digest(question, "choices")},
    )

    assert response.status_code == 400
    assert "as many as the original has (2 choices)" in response.content.decode()
    assert not ContentTranslation.objects.exists()


def test_a_translation_of_a_source_changed_meanwhile_is_refused(client, translator, session):
    client.force_login(translator)
    shown = translations.source_digest(session, "title")
    Session.objects.filter(pk=session.pk).update(title="Day one")

    response = client.post(
        url("translate_save", "gc", "fr", "session", session.pk, "title"),
        {"text": "Jour 1", "source": shown},
    )

    assert response.status_code == 400
    assert "The original changed while you were translating" in response.content.decode()
    assert not ContentTranslation.objects.exists()


def test_without_a_backend_there_is_no_machine_translation(
    client, translator, event, session, settings
):
    settings.CONVENE_MACHINE_TRANSLATION_URL = ""
    client.force_login(translator)

    page = client.get(url("translate", "gc", "fr")).content.decode()
    response = client.post(url("translate_machine", "gc", "fr", "session", session.pk, "title"))

    assert "Suggest a machine translation" not in page
    assert response.status_code == 404


def test_a_machine_translation_is_filled_on_request(client, translator, session, monkeypatch):
    class Backend:
        def translate(self, text, *, source, target):
            return "Jour 1"

    monkeypatch.setattr("convene.core.machine_translation.get_backend", lambda: Backend())
    client.force_login(translator)
    assert (
        "Suggest a machine translation" in client.get(url("translate", "gc", "fr")).content.decode()
    )

    response = client.post(url("translate_machine", "gc", "fr", "session", session.pk, "title"))

    assert response.status_code == 302
    made = ContentTranslation.objects.get()
    assert (made.text, made.is_machine) == ("Jour 1", True)


def test_event_progress_is_on_the_translators_documents_page(client, translator, event, session):
    save(event, "title", "fr", "Conversations mondiales", translator)
    translator.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="documents", codename="add_paragraphtranslation"
        )
    )
    client.force_login(translator)

    overview = client.get(reverse("translate:languages")).content.decode()
    french = client.get(reverse("translate:language", args=["fr"])).content.decode()

    assert url("translate", "gc", "fr") in french
    assert "Global Conversations" in french
    assert 'id="events-fr"' in overview


# --- readers --------------------------------------------------------------------------------


@pytest.fixture
def in_french(event, session, question, translator):
    save(event, "title", "fr", "Conversations mondiales", translator)
    save(event, "description", "fr", "Nous nous réunissons **deux fois**.", translator)
    save(session, "title", "fr", "Jour 1 <script>alert(1)</script>", translator)
    save(question, "label", "fr", "Comment l’avez-vous appris ?", translator)
    save(question, "choices", "fr", "Méta-Wiki\nUn ami", translator)


def test_a_reader_in_french_sees_the_french_fields_and_the_rest_as_written(client, in_french):
    page = client.get(url("detail", "gc", language="fr")).content.decode()

    assert '<h1 dir="auto" lang="fr">Conversations mondiales</h1>' in page
    assert '<p dir="auto" lang="en"><strong>Come along.</strong></p>' in page
    assert "<strong>deux fois</strong>" in page
    assert "Jour 1 &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_readers_in_english_see_the_source(client, in_french):
    page = client.get(url("detail", "gc")).content.decode()

    assert '<h1 dir="auto" lang="en">Global Conversations</h1>' in page
    assert "Conversations mondiales" not in page


def test_the_event_list_cards_are_in_the_readers_language(client, in_french):
    french = client.get(url("list", language="fr")).content.decode()
    english = client.get(url("list")).content.decode()

    assert "Conversations mondiales" in french
    assert "Conversations mondiales" not in english


def test_an_arabic_translation_is_marked_and_labelled_as_machine_made(client, event):
    ContentTranslation.objects.create(
        event=event,
        field="title",
        language="ar",
        text="محادثات عالمية",
        source_digest=translations.source_digest(event, "title"),
        is_machine=True,
    )

    page = client.get(url("detail", "gc", language="ar")).content.decode()

    assert '<html lang="ar" dir="rtl"' in page
    assert '<h1 dir="auto" lang="ar">محادثات عالمية</h1> <span class="badge" lang="ar">' in page


def test_the_registration_form_shows_french_labels_and_stores_the_source_choice(
    client, in_french, session, question
):
    reader = UserFactory(preferred_language="fr")
    client.force_login(reader)
    target = url("register", "gc", session.pk, language="fr")

    page = client.get(target).content.decode()
    assert '<bdi lang="fr">Comment l’avez-vous appris ?</bdi>' in page
    assert '<bdi lang="fr">Un ami</bdi>' in page
    assert 'value="A friend"' in page

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            target, {f"q_{question.pk}": "A friend", "accept_code_of_conduct": "on"}
        )

    assert response.status_code == 302
    assert reader.registrations.get().answers == {str(question.pk): "A friend"}
    assert mail.outbox[-1].subject == "Inscription confirmée : Jour 1 <script>alert(1)</script>"


def test_emails_are_in_the_recipients_language_whoever_triggers_them(session, translator):
    save(session, "title", "es", "Día 1", translator)
    reader = UserFactory(preferred_language="es")

    with TestCase.captureOnCommitCallbacks(execute=True):
        services.registration_create(
            session=session, user=reader, needs=services.Needs(), accepted_code_of_conduct=True
        )

    assert "Día 1" in mail.outbox[-1].subject
    assert "Global Conversations: Día 1" in mail.outbox[-1].body


def test_the_personal_calendar_feed_is_in_the_persons_language(client, in_french, session):
    reader = UserFactory(preferred_language="fr")
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.registration_create(
            session=session, user=reader, needs=services.Needs(), accepted_code_of_conduct=True
        )

    feed = client.get(reverse("calendar_feed", args=[reader.calendar_token])).content.decode()

    assert "SUMMARY:Conversations mondiales: Jour 1 <script>alert(1)</script>" in feed


def test_my_sessions_and_the_qanda_header_are_in_the_readers_language(client, in_french, session):
    reader = UserFactory(preferred_language="fr")
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.registration_create(
            session=session, user=reader, needs=services.Needs(), accepted_code_of_conduct=True
        )
    client.force_login(reader)

    mine = client.get(url("mine", language="fr")).content.decode()
    with translation.override("fr"):
        qanda = client.get(reverse("qanda:page", args=["gc", session.pk])).content.decode()

    assert '<bdi lang="fr">Conversations mondiales</bdi>' in mine
    assert 'lang="fr">Jour 1 &lt;script&gt;' in qanda


def test_the_api_gives_the_language_asked_for_and_says_which(client, in_french, session):
    event = client.get("/api/v1/events/gc/?language=fr").json()
    sessions = client.get("/api/v1/sessions/?language=fr&event=gc").json()["results"]
    source = client.get("/api/v1/events/gc/").json()

    assert event["title"] == "Conversations mondiales"
    assert event["summary"] == "Come along."
    assert event["shown_in"] == {"title": "fr", "summary": "en", "description": "fr"}
    assert event["sessions"][0]["title"] == "Jour 1 <script>alert(1)</script>"
    assert sessions[0]["shown_in"] == {"title": "fr", "description": "en"}
    assert source["title"] == "Global Conversations"


def test_the_api_refuses_a_language_it_does_not_know(client, event):
    response = client.get("/api/v1/events/gc/?language=xx")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
