"""Who may do what with strategy documents. Every such permission check lives here."""

from __future__ import annotations

from typing import Any

from .models import Document, DocumentVersion


def can_author(user: Any, document: Document) -> bool:
    """Members of the document's working group (its authors) write and publish versions."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    author_ids = getattr(document, "_author_ids", None)
    if author_ids is None:
        author_ids = set(document.authors.values_list("pk", flat=True))
        document._author_ids = author_ids  # type: ignore[attr-defined]
    return user.pk in author_ids


def can_view_version(user: Any, version: DocumentVersion) -> bool:
    return version.is_published or can_author(user, version.document)


def can_translate(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("documents.add_paragraphtranslation"))


def can_create_document(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("documents.add_document"))
