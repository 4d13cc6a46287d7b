"""Full-text search across published documents (their text and its translations into the
reader's language) and visible comments.

On PostgreSQL this uses its text search with the language-neutral "simple" configuration
(every term must match, as a word prefix); elsewhere, every term must appear in the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet, TextField, Value
from django.db.models.functions import Replace

from convene.documents.models import DocumentVersion, Paragraph, ParagraphTranslation

from .models import Comment

QUERY_MAX_LENGTH = 200
MAX_TERMS = 10
MAX_RESULTS = 100  # per kind of result, before they are merged and paginated


@dataclass(frozen=True)
class Hit:
    kind: str  # "paragraph" or "comment"
    rank: float
    text: str
    language: str
    paragraph: Paragraph | None = None
    comment: Comment | None = None
    is_translation: bool = False


def search_terms(query: str) -> list[str]:
    """The words searched for: the first ones of a query cut to its maximum length."""
    return query[:QUERY_MAX_LENGTH].split()[:MAX_TERMS]


def _uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def _tsquery(terms: list[str]) -> SearchQuery:
    """Each term as a quoted word prefix, all of them required: `'advoc':* & 'hub':*`."""
    quoted = [term.replace("'", "").replace("\\", "") for term in terms]
    raw = " & ".join(f"'{term}':*" for term in quoted if term)
    return SearchQuery(raw, search_type="raw", config="simple")


def _matching(queryset: QuerySet[Any], field: str, terms: list[str]) -> QuerySet[Any]:
    """Rows whose `field` matches every term, with a `rank` (0 where ranks are not known)."""
    if _uses_postgres():
        query = _tsquery(terms)
        # PostgreSQL's parser skips anything that looks like an HTML tag; these are texts.
        text = Replace(
            Replace(F(field), Value("<"), Value(" "), output_field=TextField()),
            Value(">"),
            Value(" "),
            output_field=TextField(),
        )
        vector = SearchVector(text, config="simple")
        return (
            queryset.annotate(found=vector)
            .filter(found=query)
            .annotate(rank=SearchRank(vector, query))
            .order_by("-rank", "pk")
        )
    condition = Q()
    for term in terms:
        condition &= Q(**{f"{field}__icontains": term})
    return queryset.filter(condition).order_by("pk")


def _latest_version_ids() -> list[int]:
    """The latest published version of each document: earlier iterations would repeat it."""
    latest: dict[int, int] = {}
    for pk, document_id in (
        DocumentVersion.objects.published()
        .order_by("document_id", "-number")
        .values_list("pk", "document_id")
    ):
        latest.setdefault(document_id, pk)
    return list(latest.values())


def search(*, query: str, language: str) -> list[Hit]:
    """Best matches first: paragraphs (one hit each, in `language` when translated) and
    comments that moderators have not hidden."""
    terms = search_terms(query)
    if not terms:
        return []
    versions = _latest_version_ids()
    paragraph_rows = _matching(
        Paragraph.objects.filter(version_id__in=versions).select_related(
            "version__document__process"
        ),
        "text",
        terms,
    )[:MAX_RESULTS]
    translation_rows = _matching(
        ParagraphTranslation.objects.filter(
            paragraph__version_id__in=versions, language=language
        ).select_related("paragraph__version__document__process"),
        "text",
        terms,
    )[:MAX_RESULTS]
    comment_rows = _matching(
        Comment.objects.visible()
        .on_published()
        .select_related("author", "paragraph", "version__document__process"),
        "body",
        terms,
    )[:MAX_RESULTS]

    by_paragraph: dict[int, Hit] = {}
    for translation in translation_rows:
        by_paragraph[translation.paragraph_id] = Hit(
            kind="paragraph",
            rank=float(getattr(translation, "rank", 0)),
            text=translation.text,
            language=translation.language,
            paragraph=translation.paragraph,
            is_translation=True,
        )
    for paragraph in paragraph_rows:
        if paragraph.pk not in by_paragraph:
            by_paragraph[paragraph.pk] = Hit(
                kind="paragraph",
                rank=float(getattr(paragraph, "rank", 0)),
                text=paragraph.text,
                language=paragraph.version.source_language,
                paragraph=paragraph,
            )
    comments = [
        Hit(
            kind="comment",
            rank=float(getattr(comment, "rank", 0)),
            text=comment.body,
            language=comment.language,
            comment=comment,
        )
        for comment in comment_rows
    ]
    hits = list(by_paragraph.values()) + comments
    # Stable: where ranks are equal (or unknown), paragraphs come before comments.
    return sorted(hits, key=lambda hit: -hit.rank)
