from datetime import UTC, datetime

import pytest
from django.core import mail
from django.test import TestCase

from convene.core.errors import ServiceError
from convene.documents import selectors, services
from convene.documents.blocks import assign_anchors, split_blocks
from convene.documents.diff import paragraph_diff, word_diff
from convene.documents.models import DocumentVersion, Paragraph, ParagraphTranslation
from tests.factories import UserFactory

from .factories import ITERATION_1, ITERATION_2, DocumentFactory, member_of

pytestmark = pytest.mark.django_db
NOW = datetime(2019, 9, 1, 12, 0, tzinfo=UTC)


def publish(document, body, author=None, **fields):
    """The next iteration, drafted and published by one of the document's authors."""
    if author is None:
        author = UserFactory()
        document.authors.add(author)
    version = services.version_save_draft(
        document=document,
        author=author,
        title=document.title,
        body=body,
        source_language="en",
        **fields,
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.version_publish(version=version, by=author, now=NOW)


def test_blocks_are_headings_and_paragraphs():
    blocks = split_blocks(ITERATION_1)
    assert [b.kind for b in blocks] == ["heading", "paragraph", "paragraph", "paragraph"]
    assert blocks[1].text.startswith("A global network")


def test_anchors_survive_edits_and_new_paragraphs_get_new_ones():
    old = [
        ("p-head", "# Advocacy"),
        ("p-one", "A global network of advocates."),
        ("p-two", "Gone soon."),
    ]
    blocks = split_blocks(
        "# Advocacy\n\nTransparency: A global network of advocates.\n\nSomething new entirely."
    )
    anchors = assign_anchors(blocks, old)
    assert anchors[:2] == ["p-head", "p-one"]
    assert anchors[2] not in {"p-head", "p-one", "p-two"}
    assert anchors[2].startswith("p-")


def test_publishing_creates_paragraphs_atomically_and_numbers_iterations():
    document = DocumentFactory()
    first = publish(document, ITERATION_1)
    second = publish(document, ITERATION_2)

    assert (first.number, second.number) == (1, 2)
    assert first.paragraphs.count() == 4
    first_anchors = dict(first.paragraphs.values_list("position", "anchor"))
    second_paragraphs = list(second.paragraphs.order_by("position"))
    # heading unchanged, first paragraph edited, "established communication" unchanged, last is new
    assert second_paragraphs[0].anchor == first_anchors[1]
    assert second_paragraphs[1].anchor == first_anchors[2]
    assert second_paragraphs[2].anchor == first_anchors[4]
    assert second_paragraphs[3].anchor not in first_anchors.values()


def test_a_version_that_fails_to_publish_leaves_no_paragraphs():
    document = DocumentFactory()
    author = member_of(document)
    draft = services.version_save_draft(document=document, author=author, title="T", body="   ")
    with pytest.raises(ServiceError) as error:
        services.version_publish(version=draft, by=author)
    assert error.value.code == "empty"
    assert Paragraph.objects.count() == 0
    assert DocumentVersion.objects.get().published_at is None


def test_published_version_cannot_be_edited_or_republished():
    document = DocumentFactory()
    author = member_of(document)
    version = publish(document, ITERATION_1, author=author)
    with pytest.raises(ServiceError) as error:
        services.version_save_draft(document=document, author=author, version=version, body="x")
    assert error.value.code == "published"
    with pytest.raises(ServiceError) as error:
        services.version_publish(version=version, by=author)
    assert error.value.code == "already_published"


def test_translations_are_carried_over_and_marked_outdated_when_the_source_changes():
    document = DocumentFactory()
    first = publish(document, ITERATION_1)
    translator = UserFactory()
    p1 = list(first.paragraphs.order_by("position"))
    services.translation_save(
        paragraph=p1[1],
        language="fr",
        text="Un réseau mondial…",
        translator=translator,
        source_fingerprint=p1[1].fingerprint,
    )
    services.translation_save(
        paragraph=p1[3],
        language="fr",
        text="Un processus établi…",
        translator=translator,
        source_fingerprint=p1[3].fingerprint,
    )

    second = publish(document, ITERATION_2)

    reading = selectors.version_reading(version=second, language="fr")
    states = [(r.is_fallback, r.is_outdated, r.text[:12]) for r in reading]
    assert states == [
        (True, False, "# Advocacy"),
        (False, True, "Un réseau mo"),  # the English paragraph changed: outdated, old text shown
        (False, False, "Un processus"),  # unchanged paragraph: still up to date
        (True, False, "Protection o"),  # new paragraph: falls back to English
    ]
    # Updating the translation makes it current again.
    services.translation_save(
        paragraph=reading[1].paragraph,
        language="fr",
        text="Transparence : un réseau…",
        translator=translator,
        source_fingerprint=reading[1].paragraph.fingerprint,
    )
    assert selectors.version_reading(version=second, language="fr")[1].is_outdated is False
    # The old version keeps its own translation.
    assert ParagraphTranslation.objects.get(paragraph=p1[1]).text == "Un réseau mondial…"


def test_translation_progress_per_document():
    document = DocumentFactory(title="Advocacy")
    first = publish(document, ITERATION_1)
    paragraphs = list(first.paragraphs.order_by("position"))
    services.translation_save(
        paragraph=paragraphs[1],
        language="ar",
        text="شبكة",
        translator=UserFactory(),
        source_fingerprint=paragraphs[1].fingerprint,
    )
    publish(document, ITERATION_2)

    [progress] = selectors.translation_progress(language="ar")
    assert (progress.total, progress.up_to_date, progress.outdated, progress.missing) == (
        4,
        0,
        1,
        3,
    )


def test_followers_get_an_email_in_their_language_when_a_version_is_published():
    document = DocumentFactory(title="Advocacy")
    follower = UserFactory(email="f@example.org", preferred_language="fr")
    services.document_follow(document=document, user=follower, follow=True)

    publish(document, ITERATION_1)

    assert [m.to for m in mail.outbox] == [["f@example.org"]]
    assert "Advocacy" in mail.outbox[0].subject


def test_word_diff_highlights_words():
    html = word_diff("a global network", "a worldwide network of advocates")
    assert html == "a <del>global</del><ins>worldwide</ins> network<ins> of advocates</ins>"


def test_word_diff_escapes_html():
    assert word_diff("<b>x</b>", "<script>y</script>") == (
        "<del>&lt;b&gt;x&lt;/b&gt;</del><ins>&lt;script&gt;y&lt;/script&gt;</ins>"
    )


def test_paragraph_diff_rows():
    rows = paragraph_diff(
        [("a", "Keep"), ("b", "Old words here"), ("c", "Removed")],
        [("a", "Keep"), ("b", "New words here"), ("d", "Added")],
    )
    assert [(r.anchor, r.change) for r in rows] == [
        ("a", "unchanged"),
        ("b", "changed"),
        ("c", "removed"),
        ("d", "added"),
    ]
    assert rows[1].html == "<del>Old</del><ins>New</ins> words here"
