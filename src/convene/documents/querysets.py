"""The words of the documents domain as QuerySet methods."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import OuterRef, Subquery

if TYPE_CHECKING:  # the type parameter below names the model, which imports this module
    from .models import DocumentVersion  # noqa: F401


class DocumentVersionQuerySet(models.QuerySet["DocumentVersion"]):
    def published(self) -> DocumentVersionQuerySet:
        """Iterations readers see: published ones (drafts are for their authors only)."""
        return self.filter(published_at__isnull=False)

    def drafts(self) -> DocumentVersionQuerySet:
        return self.filter(published_at__isnull=True)

    def with_feedback_end(self) -> DocumentVersionQuerySet:
        """Each version with `next_published_at`: when the next iteration of its document was
        published (None: not yet). Feedback without a closing date closes then; the rule
        `documents.rules.feedback_state` reads it without another query."""
        later = self.model._default_manager.filter(
            document_id=OuterRef("document_id"),
            number__gt=OuterRef("number"),
            published_at__isnull=False,
        ).order_by("number")
        return self.annotate(next_published_at=Subquery(later.values("published_at")[:1]))
