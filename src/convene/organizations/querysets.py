"""The words of the registry as QuerySet methods, used by selectors, views and the API."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:  # the type parameters below name the models, which import this module
    from .models import Application, Organization, Partnership  # noqa: F401

# Statuses under which an organization is listed in the public registry.
LISTED = ("recognized", "suspended", "derecognized", "withdrawn")
# Statuses under which an organization acts as a recognized affiliate.
ACTIVE = ("recognized",)


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def listed(self) -> OrganizationQuerySet:
        """Organizations the public registry shows: every one that was ever recognized."""
        return self.filter(status__in=LISTED)

    def recognized(self) -> OrganizationQuerySet:
        """Recognized now (provisionally or not): who later capabilities ask about."""
        return self.filter(status__in=ACTIVE)

    def represented_by(self, user_id: int) -> OrganizationQuerySet:
        return self.filter(representatives__pk=user_id)


class ApplicationQuerySet(models.QuerySet["Application"]):
    def open(self) -> ApplicationQuerySet:
        return self.filter(step__in=["received", "criteria_review", "interview", "vote"])


class PartnershipQuerySet(models.QuerySet["Partnership"]):
    def public(self) -> PartnershipQuerySet:
        return self.filter(is_public=True)

    def current(self, today: date) -> PartnershipQuerySet:
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today)
