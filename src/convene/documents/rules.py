"""Who may do what with strategy documents. Every such permission check lives here."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

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


# --- the feedback window ------------------------------------------------------------
#
# An iteration takes feedback from `feedback_opens_at`, or from its publication when that
# is empty, until `feedback_closes_at`, or, when that is empty, until the next iteration of
# its document is published (feedback then moves on to the newer text). Drafts take none.
# Every page, the API and the services ask these two functions.


def feedback_closes(version: DocumentVersion) -> datetime | None:
    """When feedback on `version` closes: its closing date, else the publication of the
    next iteration (None: open until then). Reads `next_published_at` when the version was
    loaded with `DocumentVersion.objects.with_feedback_end()`, else asks the database."""
    if version.feedback_closes_at is not None:
        return version.feedback_closes_at
    if hasattr(version, "next_published_at"):
        next_published: datetime | None = version.next_published_at
        return next_published
    return (
        DocumentVersion.objects.published()
        .filter(document_id=version.document_id, number__gt=version.number)
        .order_by("number")
        .values_list("published_at", flat=True)
        .first()
    )


def feedback_state(version: DocumentVersion, now: datetime | None = None) -> str:
    """ "open", "not_yet_open", "closed", or "none" (a draft: not published yet)."""
    if version.published_at is None:
        return "none"
    now = now or timezone.now()
    if now < (version.feedback_opens_at or version.published_at):
        return "not_yet_open"
    closes = feedback_closes(version)
    if closes is not None and now >= closes:
        return "closed"
    return "open"
