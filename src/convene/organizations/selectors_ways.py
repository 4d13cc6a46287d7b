"""What the ways-to-join pages read: the models of affiliation and how many organizations
each counts, in one query."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from .models import AffiliationModel
from .querysets import ACTIVE, LISTED


def _with_counts() -> QuerySet[AffiliationModel]:
    """Each model with `recognized_count` (recognized now) and `listed_count` (every one
    the public registry lists under it)."""
    return AffiliationModel.objects.annotate(
        recognized_count=Count("organizations", filter=Q(organizations__status__in=ACTIVE)),
        listed_count=Count("organizations", filter=Q(organizations__status__in=LISTED)),
    )


def affiliation_model_list() -> list[AffiliationModel]:
    """Every model of affiliation, in the committee's order. One query."""
    return list(_with_counts().order_by("order", "name"))


def affiliation_model_get(*, slug: str) -> AffiliationModel | None:
    """One model of affiliation by its short name, with its counts. One query."""
    return _with_counts().filter(slug=slug).first()
