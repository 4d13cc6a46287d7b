"""The words of prioritization as QuerySet methods."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:  # the type parameters below name the models, which import this module
    from .models import Ballot, Round  # noqa: F401


class RoundQuerySet(models.QuerySet["Round"]):
    def open_at(self, now: datetime) -> RoundQuerySet:
        return self.filter(opens_at__lte=now, closes_at__gt=now)

    def closed_at(self, now: datetime) -> RoundQuerySet:
        return self.filter(closes_at__lte=now)


class BallotQuerySet(models.QuerySet["Ballot"]):
    def of_track(self, track: str) -> BallotQuerySet:
        return self.filter(track=track)
