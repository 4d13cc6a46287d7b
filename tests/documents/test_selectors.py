"""What translators, authors and readers are shown, each read in a constant number of queries."""

import pytest

from convene.core.errors import ServiceError
from convene.documents import selectors, services
from convene.documents.models import ParagraphTranslation
from tests.factories import UserFactory

from .factories import ITERATION_1, ITERATION_2, DocumentFactory, member_of
from .test_publishing import publish

pytestmark = pytest.mark.django_db

LANGUAGES = [("fr", "French"), ("ar", "Arabic"), ("en", "English")]


@pytest.fixture
def document():
    """Iteration 1 had two French paragraphs; iteration 2 changed one of them and added one."""
    document = DocumentFactory(slug="advocacy", process__slug="ms2030", title="Advocacy")
    first = publish(document, ITERATION_1)
    someone = UserFactory()
    for paragraph, text in zip(
        first.paragraphs.order_by("position")[1:4:2],
        ["Un réseau mondial.", "Un processus établi."],
        strict=True,
    ):
        services.translation_save(
            paragraph=paragraph,
            language="fr",
            text=text,
            translator=someone,
            source_fingerprint=paragraph.fingerprint,
        )
    publish(document, ITERATION_2)
    return document


def _latest(document):
    return document.versions.get(number=2)


def test_translation_summary_sums_the_documents_of_each_language(
    document,
    django_assert_num_queries,
):
    other = DocumentFactory(process=document.process, slug="capacity", title="Capacity")
    publish(other, "# Capacity\n\nBuilding capacity for capacity building.")

    with django_assert_num_queries(4):
        summary = selectors.translation_summary(languages=LANGUAGES)

    assert summary == [
        {
            "code": "fr",
            "name": "French",
            "documents": 2,
            "total": 6,
            "up_to_date": 1,
            "outdated": 1,
            "missing": 4,
            "percent": 17,
        },
        {
            "code": "ar",
            "name": "Arabic",
            "documents": 2,
            "total": 6,
            "up_to_date": 0,
            "outdated": 0,
            "missing": 6,
            "percent": 0,
        },
        {
            "code": "en",
            "name": "English",
            "documents": 0,
            "total": 0,
            "up_to_date": 0,
            "outdated": 0,
            "missing": 0,
            "percent": 100,
        },
    ]


def test_the_worklist_has_what_is_missing_or_outdated_in_order(
    document,
    django_assert_num_queries,
):
    version = _latest(document)
    paragraphs = list(version.paragraphs.order_by("position"))

    with django_assert_num_queries(2):
        items = selectors.translation_worklist(version=version, language="fr")

    assert [
        (item.paragraph, item.state, item.translation, item.machine_may_fill) for item in items
    ] == [
        (paragraphs[0], "missing", "", True),
        (paragraphs[1], "outdated", "Un réseau mondial.", False),  # a person's: never replaced
        (paragraphs[3], "missing", "", True),
    ]


def test_the_worklist_keeps_the_paragraph_just_translated(document):
    version = _latest(document)
    paragraphs = list(version.paragraphs.order_by("position"))

    items = selectors.translation_worklist(
        version=version, language="fr", keep=paragraphs[2].anchor
    )

    assert [(item.paragraph, item.state, item.translation) for item in items] == [
        (paragraphs[0], "missing", ""),
        (paragraphs[1], "outdated", "Un réseau mondial."),
        (paragraphs[2], "done", "Un processus établi."),
        (paragraphs[3], "missing", ""),
    ]
    # Kept only when it is translated and up to date; nothing in the source language.
    assert selectors.translation_worklist(
        version=version, language="ar", keep=paragraphs[2].anchor
    ) == selectors.translation_worklist(version=version, language="ar")
    assert selectors.translation_worklist(version=version, language="en", keep="x") == []


def test_an_outdated_machine_translation_may_be_filled_again(document):
    version = _latest(document)
    paragraph = version.paragraphs.order_by("position")[1]
    ParagraphTranslation.objects.filter(paragraph=paragraph, language="fr").update(is_machine=True)

    [_missing, outdated, _other] = selectors.translation_worklist(version=version, language="fr")

    assert (outdated.paragraph, outdated.state, outdated.machine_may_fill) == (
        paragraph,
        "outdated",
        True,
    )


def test_the_current_draft_and_who_follows(document):
    assert selectors.current_draft(document=document) is None
    author = member_of(document)
    draft = services.version_save_draft(
        document=document, author=author, title="Advocacy", body=ITERATION_2
    )
    assert selectors.current_draft(document=document) == draft
    services.document_follow(document=document, user=author, follow=True)
    assert selectors.is_following(document=document, user=author) is True
    assert selectors.is_following(document=document, user=UserFactory()) is False


def test_what_changed_between_two_iterations(document):
    first, second = document.versions.order_by("number")
    rows = selectors.version_comparison(old=first, new=second)
    assert [row.change for row in rows] == ["unchanged", "changed", "removed", "unchanged", "added"]


# --- the rules the services keep ----------------------------------------------------------


def test_a_translation_of_a_source_that_changed_is_refused(document):
    paragraph = _latest(document).paragraphs.order_by("position")[1]
    older = document.versions.get(number=1).paragraphs.get(anchor=paragraph.anchor)

    with pytest.raises(ServiceError) as error:
        services.translation_save(
            paragraph=paragraph,
            language="fr",
            text="Transparence : un réseau mondial.",
            translator=UserFactory(),
            source_fingerprint=older.fingerprint,
        )

    assert error.value.code == "source_changed"
    assert str(error.value.message) == (
        "The original paragraph changed while you were translating. Compare your "
        "translation with the new original, then save it again."
    )
    assert ParagraphTranslation.objects.get(paragraph=paragraph, language="fr").text == (
        "Un réseau mondial."
    )


def test_one_draft_at_a_time(document):
    author = member_of(document)
    draft = services.version_save_draft(document=document, author=author, title="A", body="One.")

    with pytest.raises(ServiceError) as error:
        services.version_save_draft(document=document, author=author, title="B", body="Two.")

    assert error.value.code == "draft_exists"
    assert str(error.value.message) == (
        f"Iteration {draft.number} is already being drafted: continue it here."
    )
    assert document.versions.count() == 3


def test_only_the_working_group_drafts_and_publishes(document):
    outsider = UserFactory()
    with pytest.raises(ServiceError) as error:
        services.version_save_draft(document=document, author=outsider, title="A", body="One.")
    assert error.value.code == "forbidden"
    draft = services.version_save_draft(
        document=document, author=member_of(document), title="A", body="One."
    )

    with pytest.raises(ServiceError) as error:
        services.version_publish(version=draft, by=outsider)

    assert error.value.code == "forbidden"
    draft.refresh_from_db()
    assert draft.published_at is None
