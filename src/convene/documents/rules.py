"""Who may do what with strategy documents. Every such permission check lives here."""

from __future__ import annotations

from convene.accounts.users import Viewer
from convene.core.rules import is_member

from .models import Document, DocumentVersion


def can_author(user: Viewer, document: Document) -> bool:
    """Members of the document's working group (its authors) write and publish versions."""
    return is_member(user, document, "authors")


def can_view_version(user: Viewer, version: DocumentVersion) -> bool:
    return version.is_published or can_author(user, version.document)


def can_translate(user: Viewer) -> bool:
    return bool(user.is_authenticated and user.has_perm("documents.add_paragraphtranslation"))


def can_create_document(user: Viewer) -> bool:
    return bool(user.is_authenticated and user.has_perm("documents.add_document"))
