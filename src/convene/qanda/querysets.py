"""The words of the live questions domain as QuerySet methods."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:  # the type parameter below names the model, which imports this module
    from .models import Question  # noqa: F401


class QuestionQuerySet(models.QuerySet["Question"]):
    def published(self) -> QuestionQuerySet:
        """Questions of sessions of published events."""
        return self.filter(session__event__is_published=True)
