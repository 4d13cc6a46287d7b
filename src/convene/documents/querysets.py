"""The words of the documents domain as QuerySet methods."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:  # the type parameter below names the model, which imports this module
    from .models import DocumentVersion  # noqa: F401


class DocumentVersionQuerySet(models.QuerySet["DocumentVersion"]):
    def published(self) -> DocumentVersionQuerySet:
        """Iterations readers see: published ones (drafts are for their authors only)."""
        return self.filter(published_at__isnull=False)

    def drafts(self) -> DocumentVersionQuerySet:
        return self.filter(published_at__isnull=True)
