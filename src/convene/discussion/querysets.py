"""The words of the feedback domain as QuerySet methods."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:  # the type parameter below names the model, which imports this module
    from .models import Comment  # noqa: F401


class CommentQuerySet(models.QuerySet["Comment"]):
    def visible(self) -> CommentQuerySet:
        """Comments not hidden by moderators."""
        return self.filter(hidden_at__isnull=True)

    def on_published(self) -> CommentQuerySet:
        """Comments on published iterations (a draft's comments exist for nobody)."""
        return self.filter(version__published_at__isnull=False)
