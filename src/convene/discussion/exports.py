"""The feedback on a version as data: a CSV table and a JSON document.

Both list every comment and reply, oldest first, one record each with the same fields;
the text of a hidden comment is left out (its record says it is hidden), and moments are
in UTC.
"""

from __future__ import annotations

from typing import Any

from convene.core.timezones import utc_text
from convene.documents.models import DocumentVersion

from . import selectors
from .models import Comment

FIELDS = [
    "id",
    "paragraph",
    "parent",
    "author",
    "language",
    "stance",
    "body",
    "hidden",
    "created_at",
]


def _record(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "paragraph": comment.paragraph.anchor if comment.paragraph else None,
        "parent": comment.parent_id,
        "author": str(comment.author.public_name) if comment.author else None,
        "language": comment.language,
        "stance": comment.stance or None,
        "body": None if comment.is_hidden else comment.body,
        "hidden": comment.is_hidden,
        "created_at": utc_text(comment.created_at),
    }


def feedback_rows(*, version: DocumentVersion) -> list[list[Any]]:
    """The rows of the CSV table, their cells in the order of `FIELDS`."""
    records = [_record(comment) for comment in selectors.version_comments(version=version)]
    return [[record[field] for field in FIELDS] for record in records]


def feedback_document(*, version: DocumentVersion) -> dict[str, Any]:
    """The JSON document: which version, and its comments."""
    return {
        "process": version.document.process.slug,
        "document": version.document.slug,
        "version": version.number,
        "comments": [_record(comment) for comment in selectors.version_comments(version=version)],
    }
