"""The committee's changes to the models of affiliation and their translations, and what
readers are shown of them."""

from __future__ import annotations

import pytest
from django.utils import translation

from convene.core.errors import ServiceError
from convene.core.text import text_fingerprint
from convene.organizations import services_ways, translations
from convene.organizations.models import AffiliationModel, AffiliationModelTranslation
from tests.factories import UserFactory

from .factories import AffiliationModelFactory, chapter_model, committee_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee():
    return committee_member()


def snapshot() -> list[dict]:
    return [
        *AffiliationModel.objects.order_by("pk").values(),
        *AffiliationModelTranslation.objects.order_by("pk").values(),
    ]


def test_the_committee_creates_a_model_whose_rules_are_its_data(committee):
    created = services_ways.affiliation_model_create(
        user=committee,
        fields={
            "slug": "hub",
            "name": "  Hub ",
            "summary": "Regional, thematic or linguistic.",
            "requires_incorporation": True,
            "requires_financial_statement": True,
            "provisional_months": 12,
        },
    )

    assert AffiliationModel.objects.get(slug="hub") == created
    assert (created.name, created.provisional_months, created.quorum) == ("Hub", 12, 3)


def refusal(call, **kwargs) -> ServiceError:
    before = snapshot()
    with pytest.raises(ServiceError) as refused:
        call(**kwargs)
    assert snapshot() == before
    return refused.value


@pytest.mark.parametrize(
    ("fields", "code", "message"),
    [
        (
            {"slug": "other", "name": "Chapter"},
            "duplicate_name",
            "Name: Model of affiliation with this Name already exists.",
        ),
        (
            {"slug": "chapter", "name": "Other"},
            "duplicate_slug",
            "Short name in the address: Model of affiliation with this Short name in the address already exists.",
        ),
        (
            {"slug": "x", "name": "X", "requires_financial_statement": True},
            "financial_statement_needs_legal_entity",
            "Yearly financial statement: Only a model that requires a legal entity can ask for a financial statement.",
        ),
        (
            {"slug": "new", "name": "New"},
            "slug_reserved",
            "This short name is taken by a page of Convene. Choose another.",
        ),
        (
            {"slug": "x", "name": "X", "quorum": 0},
            "invalid",
            "Votes needed for a decision: Ensure this value is greater than or equal to 1.",
        ),
        (
            {"slug": "x", "name": "X", "language": "tlh"},
            "invalid",
            "Language it is written in: Value 'tlh' is not a valid choice.",
        ),
        (
            {"slug": "x", "name": "X", "created_at": None},
            "unknown_field",
            "These fields cannot be set: created_at.",
        ),
        ({"slug": "x", "name": "X\x00"}, "null_character", "Null characters are not allowed."),
        (
            {"slug": "x", "name": "X", "mission": "m" * 10001},
            "too_long",
            "Mission is too long: at most 10000 characters.",
        ),
    ],
)
def test_bad_fields_are_refused_with_a_clear_message_and_change_nothing(
    committee, fields, code, message
):
    chapter_model()
    error = refusal(services_ways.affiliation_model_create, user=committee, fields=fields)
    assert (error.code, str(error.message)) == (code, message)


def test_refusals_are_in_the_language_of_the_person_who_tried(committee):
    chapter = chapter_model()
    with translation.override("fr"):
        error = refusal(
            services_ways.affiliation_model_translation_save,
            user=committee,
            affiliation_model=chapter,
            language="en",
            texts={"name": "Chapter"},
        )
    assert (error.code, str(error.message)) == (
        "source_language",
        "C’est la langue dans laquelle le texte est rédigé.",
    )


def test_only_the_committee_changes_models():
    chapter = chapter_model()
    someone = UserFactory()
    calls = [
        (services_ways.affiliation_model_create, {"fields": {"slug": "x", "name": "X"}}),
        (
            services_ways.affiliation_model_update,
            {"affiliation_model": chapter, "fields": {"name": "Mine"}},
        ),
        (
            services_ways.affiliation_model_translation_save,
            {"affiliation_model": chapter, "language": "fr", "texts": {"name": "Chapitre"}},
        ),
    ]
    for call, kwargs in calls:
        assert refusal(call, user=someone, **kwargs).code == "forbidden"


def test_an_update_changes_the_fields_given_and_keeps_the_others(committee):
    chapter = chapter_model()
    services_ways.affiliation_model_update(
        user=committee, affiliation_model=chapter, fields={"report_months": 6}
    )
    chapter.refresh_from_db()
    assert (chapter.report_months, chapter.requires_financial_statement) == (6, True)

    error = refusal(
        services_ways.affiliation_model_update,
        user=committee,
        affiliation_model=chapter,
        fields={"requires_incorporation": False},
    )
    assert error.code == "financial_statement_needs_legal_entity"


def save(committee, model, language="fr", **kwargs):
    return services_ways.affiliation_model_translation_save(
        user=committee, affiliation_model=model, language=language, **kwargs
    )


def test_a_translation_keeps_the_fingerprint_of_its_source_and_is_outdated_once_it_changes(
    committee,
):
    chapter = chapter_model()
    save(committee, chapter, texts={"name": "Chapitre", "summary": "  Un résumé.  "})
    stored = {t.field: t for t in AffiliationModelTranslation.objects.all()}
    assert stored["summary"].text == "Un résumé."
    assert stored["summary"].source_digest == text_fingerprint(chapter.summary)
    assert stored["name"].translated_by == committee

    services_ways.affiliation_model_update(
        user=committee, affiliation_model=chapter, fields={"summary": "A new summary."}
    )
    chapter.refresh_from_db()
    states = {
        row.field: row.state
        for row in translations.worklist(affiliation_model=chapter, language="fr")
    }
    assert (states["name"], states["summary"], states["mission"]) == ("done", "outdated", "missing")

    # Unchanged, it stays outdated; confirmed, or changed, it is up to date.
    save(committee, chapter, texts={"summary": "Un résumé."})
    assert AffiliationModelTranslation.objects.get(
        field="summary"
    ).source_digest != text_fingerprint("A new summary.")
    save(committee, chapter, texts={"summary": "Un résumé."}, confirmed={"summary"})
    assert AffiliationModelTranslation.objects.get(
        field="summary"
    ).source_digest == text_fingerprint("A new summary.")


def test_an_empty_translation_removes_it_and_readers_get_the_source(committee):
    chapter = chapter_model()
    save(committee, chapter, texts={"name": "Chapitre"})
    save(committee, chapter, texts={"name": "  "})
    assert not AffiliationModelTranslation.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"language": "en", "texts": {"name": "Chapter"}}, "source_language"),
        ({"language": "tlh", "texts": {"name": "Chapter"}}, "language"),
        ({"texts": {"slug": "chapitre"}}, "field"),
        ({"texts": {"withdrawal": "Retrait."}}, "empty_source"),
        ({"texts": {"name": "C" * 121}}, "too_long"),
        ({"texts": {"name": "Chapitre\x00"}}, "null_character"),
        (
            {"texts": {"name": "Chapitre"}, "seen": {"name": text_fingerprint("Old")}},
            "source_changed",
        ),
        # all or nothing: a good field is not saved beside a bad one
        ({"texts": {"name": "Chapitre", "summary": "S" * 301}}, "too_long"),
    ],
)
def test_bad_translations_are_refused_and_change_nothing(committee, kwargs, code):
    chapter = chapter_model()
    save(committee, chapter, texts={"mission": "Soutenir."})
    kwargs.setdefault("language", "fr")
    assert refusal(save, committee=committee, model=chapter, **kwargs).code == code


def test_readers_get_each_field_in_their_language_else_the_source(committee):
    chapter = chapter_model()
    other = AffiliationModelFactory(language="fr", name="Groupe", summary="Un groupe.")
    save(committee, chapter, texts={"name": "Chapitre"})
    save(committee, other, language="en", texts={"summary": "A group."})

    translations.attach_shown([chapter, other], language="fr")

    assert (chapter.shown.name.text, chapter.shown.name.language) == ("Chapitre", "fr")
    assert (chapter.shown.summary.text, chapter.shown.summary.language) == (chapter.summary, "en")
    assert (other.shown.summary.text, other.shown.summary.language) == ("Un groupe.", "fr")
    translations.attach_shown([chapter, other], language="en")
    assert str(other.shown.summary) == "A group."
    assert other.shown.summary.is_translated and not other.shown.summary.is_outdated
    assert translations.shown_text(chapter, "name") == "Chapter"


def test_progress_counts_up_to_date_outdated_and_missing_fields(committee):
    chapter = chapter_model()  # name, summary and mission written: three fields
    save(committee, chapter, texts={"name": "Chapitre", "summary": "Résumé."})
    save(committee, chapter, language="de", texts={"name": "Chapter"})
    chapter.summary = "Changed."
    chapter.save()

    rows = translations.progress(affiliation_model=chapter, codes=["fr", "de", "ar"])

    assert [
        (r["language"], r["up_to_date"], r["outdated"], r["missing"], r["percent"]) for r in rows
    ] == [
        ("fr", 1, 1, 1, 33),
        ("de", 1, 0, 2, 33),
        ("ar", 0, 0, 3, 0),
    ]
