"""Translations of event content: saving them, and what each reader sees."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convene.core.errors import ServiceError
from convene.core.machine_translation import MachineTranslationError
from convene.core.text import text_fingerprint
from convene.events import translations
from convene.events.models import ContentTranslation, Event, RegistrationQuestion, Session
from convene.events.translations import attach_shown, content_translation_save
from tests.factories import UserFactory

from .factories import EventFactory, QuestionFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator():
    return UserFactory(email="translator@example.org")


@pytest.fixture
def event():
    return EventFactory(
        slug="gc", title="Global Conversations", summary="Come along.", description=""
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
        choices=["Meta-Wiki", "A mailing list", "A friend"],
    )


def save(owner, field, language, text, translator, **kwargs):
    return content_translation_save(
        owner=owner, field=field, language=language, text=text, translator=translator, **kwargs
    )


# --- saving ------------------------------------------------------------------------------


def test_a_translation_is_saved_with_the_digest_of_its_source(event, translator):
    made = save(event, "title", "fr", "  Conversations mondiales ", translator)

    assert made.text == "Conversations mondiales"
    assert made.source_digest == text_fingerprint("Global Conversations")
    assert (made.event, made.session, made.question) == (event, None, None)
    assert (made.translated_by, made.is_machine) == (translator, False)


def test_saving_again_replaces_the_translation_of_that_field(session, translator):
    save(session, "title", "fr", "Jour 1", translator)
    save(session, "title", "fr", "Premier jour", translator)

    assert list(ContentTranslation.objects.values_list("session", "field", "text")) == [
        (session.pk, "title", "Premier jour")
    ]


@pytest.mark.parametrize(
    ("field", "language", "text", "code"),
    [
        ("slug", "fr", "gc-fr", "field"),
        ("title", "xx", "Titre", "language"),
        ("title", "en", "Title", "source_language"),
        ("description", "fr", "Rien", "empty_source"),
        ("title", "fr", "   ", "empty"),
        ("title", "fr", "Titre\x00", "null_character"),
        ("title", "fr", "T" * 201, "too_long"),
    ],
)
def test_a_translation_is_refused_with_a_reason_and_nothing_is_saved(
    event, translator, field, language, text, code
):
    with pytest.raises(ServiceError) as refused:
        save(event, field, language, text, translator)

    assert refused.value.code == code
    assert not ContentTranslation.objects.exists()


def test_choices_are_translated_one_per_line_as_many_as_the_source(question, translator):
    made = save(
        question, "choices", "fr", "Meta-Wiki\n\n Une liste de diffusion \nUn ami", translator
    )

    assert made.text == "Meta-Wiki\nUne liste de diffusion\nUn ami"


@pytest.mark.parametrize(
    ("text", "code"),
    [("Meta-Wiki\nUne liste", "choices_count"), ("Un\nUn\nDeux", "choices_repeated")],
)
def test_choices_in_another_number_or_repeated_are_refused(question, translator, text, code):
    with pytest.raises(ServiceError) as refused:
        save(question, "choices", "fr", text, translator)

    assert refused.value.code == code
    assert not ContentTranslation.objects.exists()


def test_a_translation_of_a_source_that_changed_meanwhile_is_refused(session, translator):
    shown = translations.source_digest(session, "title")
    Session.objects.filter(pk=session.pk).update(title="Day one")
    session.refresh_from_db()

    with pytest.raises(ServiceError) as refused:
        save(session, "title", "fr", "Jour 1", translator, shown_digest=shown)

    assert refused.value.code == "source_changed"


# --- machine translation -----------------------------------------------------------------


class Backend:
    def __init__(self, fail=False):
        self.asked = []
        self.fail = fail

    def translate(self, text, *, source, target):
        self.asked.append((text, source, target))
        if self.fail:
            raise MachineTranslationError("down")
        return f"[{target}] {text}"


@pytest.fixture
def backend(monkeypatch):
    service = Backend()
    monkeypatch.setattr("convene.core.machine_translation.get_backend", lambda: service)
    return service


def test_a_machine_translation_is_stored_as_such(session, backend):
    made = translations.content_translation_machine_fill(
        owner=session, field="title", language="fr"
    )

    assert (made.text, made.is_machine, made.translated_by) == ("[fr] Day 1", True, None)
    assert backend.asked == [("Day 1", "en", "fr")]


def test_machine_translation_takes_choices_one_by_one(question, backend):
    made = translations.content_translation_machine_fill(
        owner=question, field="choices", language="es"
    )

    assert made.text == "[es] Meta-Wiki\n[es] A mailing list\n[es] A friend"
    assert len(backend.asked) == 3


def test_a_machine_never_replaces_a_persons_translation(session, translator, backend):
    save(session, "title", "fr", "Jour 1", translator)

    assert (
        translations.content_translation_machine_fill(owner=session, field="title", language="fr")
        is None
    )
    assert backend.asked == []
    assert ContentTranslation.objects.get().text == "Jour 1"


def test_without_a_backend_nothing_is_filled(session, settings):
    settings.CONVENE_MACHINE_TRANSLATION_URL = ""
    assert (
        translations.content_translation_machine_fill(owner=session, field="title", language="fr")
        is None
    )


# --- what readers see --------------------------------------------------------------------


def test_each_field_falls_back_to_the_source_on_its_own(event, session, translator):
    save(event, "title", "fr", "Conversations mondiales", translator)

    attach_shown([event, session], language="fr")

    assert (event.shown.title.text, event.shown.title.language) == ("Conversations mondiales", "fr")
    assert (event.shown.summary.text, event.shown.summary.language) == ("Come along.", "en")
    assert event.shown.title.is_translated and not event.shown.summary.is_translated
    assert (session.shown.title.text, session.shown.title.language) == ("Day 1", "en")


def test_an_outdated_translation_is_shown_labelled_as_such(event, translator):
    save(event, "title", "fr", "Conversations mondiales", translator)
    Event.objects.filter(pk=event.pk).update(title="Global Conversations 2030")
    event.refresh_from_db()

    attach_shown([event], language="fr")

    assert event.shown.title.text == "Conversations mondiales"
    assert event.shown.title.is_outdated is True


def test_outdated_choices_fall_back_to_the_source(question, translator):
    save(question, "choices", "fr", "Méta-Wiki\nUne liste\nUn ami", translator)
    attach_shown([question], language="fr")
    assert question.shown.choice_labels == [
        ("Meta-Wiki", "Méta-Wiki"),
        ("A mailing list", "Une liste"),
        ("A friend", "Un ami"),
    ]

    RegistrationQuestion.objects.filter(pk=question.pk).update(
        choices=["A friend", "Meta-Wiki", "A mailing list"]
    )
    question.refresh_from_db()
    attach_shown([question], language="fr")

    assert question.shown.choice_labels == [
        ("A friend", "A friend"),
        ("Meta-Wiki", "Meta-Wiki"),
        ("A mailing list", "A mailing list"),
    ]
    assert question.shown.choices.language == "en"


def test_a_machine_translation_says_so(session):
    ContentTranslation.objects.create(
        event=session.event,
        session=session,
        field="title",
        language="ar",
        text="اليوم الأول",
        source_digest=translations.source_digest(session, "title"),
        is_machine=True,
    )
    attach_shown([session], language="ar")

    assert session.shown.title.is_machine is True
    assert session.shown.title.language == "ar"


def test_translations_for_any_number_of_objects_are_read_in_one_query(event, translator):
    owners = [event]
    for number in range(5):
        session = SessionFactory(event=event, title=f"Day {number}")
        question = QuestionFactory(event=event, label=f"Question {number}")
        save(session, "title", "de", f"Tag {number}", translator)
        save(question, "label", "de", f"Frage {number}", translator)
        owners += [session, question]
    owners = [type(owner).objects.get(pk=owner.pk) for owner in owners]
    for owner in owners[1:]:
        owner.event = owners[0]

    with CaptureQueriesContext(connection) as queries:
        attach_shown(owners, language="de")

    assert len(queries) == 1
    assert [owner.shown.title.text for owner in owners[1::2]] == [f"Tag {n}" for n in range(5)]
    assert [owner.shown.label.text for owner in owners[2::2]] == [f"Frage {n}" for n in range(5)]


def test_readers_of_the_source_language_cost_no_query(event, session):
    with CaptureQueriesContext(connection) as queries:
        attach_shown([event, session], language="en")

    assert len(queries) == 0
    assert event.shown.title.text == "Global Conversations"


# --- what translators see -----------------------------------------------------------------


def test_progress_counts_up_to_date_outdated_and_missing_fields(
    event, session, question, translator
):
    save(event, "title", "fr", "Conversations mondiales", translator)
    save(session, "title", "fr", "Jour 1", translator)
    Session.objects.filter(pk=session.pk).update(title="Day one")

    with CaptureQueriesContext(connection) as queries:
        progress = translations.event_progress(event=event, languages=["fr", "es"])

    assert len(queries) == 3
    # title, summary; session title, description; question label, choices
    assert {k: progress["fr"][k] for k in ("total", "up_to_date", "outdated", "missing")} == {
        "total": 6,
        "up_to_date": 1,
        "outdated": 1,
        "missing": 4,
    }
    assert progress["es"]["missing"] == 6
    assert progress["fr"]["percent"] == 17


def test_the_overview_covers_published_events_in_four_queries(event, session, translator):
    EventFactory(is_published=False, title="Draft")
    EventFactory(language="fr", title="En français")
    save(event, "title", "fr", "Conversations mondiales", translator)

    with CaptureQueriesContext(connection) as queries:
        overview = translations.progress_overview(languages=["fr", "de"])

    assert len(queries) == 4
    assert [row["event"].title for row in overview["fr"]] == ["Global Conversations"]
    assert [row["event"].title for row in overview["de"]] == ["En français", "Global Conversations"]
    assert overview["fr"][0]["up_to_date"] == 1
