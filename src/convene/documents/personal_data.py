"""What the documents app keeps about a person, for "Download your data"."""

from __future__ import annotations

from typing import Any

from convene.accounts.models import User
from convene.core.timezones import utc_text

from .models import Document, ParagraphTranslation


def _documents(queryset: Any) -> list[dict[str, Any]]:
    return [
        {"process": document.process.slug, "document": document.slug, "title": document.title}
        for document in queryset.select_related("process").order_by("pk")
    ]


def followed_documents(user: User) -> list[dict[str, Any]]:
    return _documents(Document.objects.filter(followers=user))


def authored_documents(user: User) -> list[dict[str, Any]]:
    return _documents(Document.objects.filter(authors=user))


def translations(user: User) -> list[dict[str, Any]]:
    rows = (
        ParagraphTranslation.objects.filter(translator=user)
        .select_related("paragraph__version__document")
        .order_by("updated_at", "pk")
    )
    return [
        {
            "document": row.paragraph.version.document.slug,
            "iteration": row.paragraph.version.number,
            "paragraph": row.paragraph.anchor,
            "language": row.language,
            "text": row.text,
            "updated_at": utc_text(row.updated_at),
        }
        for row in rows
    ]
