"""A version's paragraphs as HTML, rendered once per state and shared between readers.

The paragraphs are most of a reading page and the same for everyone who reads the version
in one interface language and one content language: each such article is kept whole
(`convene.core.pieces`) under a key made of everything it shows (the texts, their flags,
the comment counts), declared in `ARTICLE` beside its template, so a new translation or
comment makes a new one.
"""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from convene.core.pieces import MB, Piece

from .models import DocumentVersion
from .selectors import ReadingParagraph

# Versions read at the moment in a few languages; an article is some tens of KB.
ARTICLE = Piece(
    "documents/_article.html",
    shows=(
        "process.slug",  # in the addresses of the links
        "document.slug",
        "version.number",
        "version.published_at",
        "reading[].paragraph.anchor",
        "reading[].paragraph.kind",
        "reading[].text",
        "reading[].language",
        "reading[].is_fallback",
        "reading[].is_outdated",
        "reading[].is_machine",
        "comment_counts",
        "source_language_name",
        "lang_query",
        "LANGUAGE_CODE",
    ),
    max_size=16 * MB,
)


def article_html(
    *,
    version: DocumentVersion,
    reading: list[ReadingParagraph],
    comment_counts: dict[str, int],
    source_language_name: str,
    lang_query: str,
) -> SafeString:
    """The `<article>` of the reading page; `lang_query` is the `lang` the links keep."""
    document = version.document
    context = {
        "process": document.process,
        "document": document,
        "version": version,
        "reading": reading,
        "comment_counts": comment_counts,
        "source_language_name": source_language_name,
        "lang_query": lang_query,
        "LANGUAGE_CODE": get_language() or "",
    }
    return mark_safe(ARTICLE.html(context))  # rendered by the template, escaped there
