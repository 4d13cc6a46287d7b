"""A version's paragraphs as HTML, rendered once per state and shared between readers.

The paragraphs are most of a reading page and the same for everyone who reads the version
in one interface language and one content language: each such article is kept whole
(`convene.core.pieces`) under a key made of everything it shows (the texts, their flags,
the comment counts), so a new translation or comment makes a new one.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from convene.core.pieces import Pieces, piece_key

from .models import DocumentVersion
from .selectors import ReadingParagraph

# Versions read at the moment in a few languages; an article is some tens of KB.
ARTICLES = Pieces(size=256)


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
    language = get_language() or ""
    key = piece_key(
        document.process.slug,  # in the addresses of the links
        document.slug,
        version.number,
        version.published_at is not None,
        language,
        source_language_name,
        lang_query,
        *(
            (
                row.paragraph.anchor,
                row.paragraph.kind,
                row.text,
                row.language,
                row.is_fallback,
                row.is_outdated,
                row.is_machine,
                comment_counts.get(row.paragraph.anchor, 0),
            )
            for row in reading
        ),
    )
    context = {
        "process": document.process,
        "document": document,
        "version": version,
        "reading": reading,
        "comment_counts": comment_counts,
        "source_language_name": source_language_name,
        "lang_query": lang_query,
        "LANGUAGE_CODE": language,
    }
    html = ARTICLES.get_or_render(key, lambda: render_to_string("documents/_article.html", context))
    return mark_safe(html)  # rendered by the template, escaped there
