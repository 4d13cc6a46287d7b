"""The words of the events domain as QuerySet methods, used by selectors, views and API alike."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Count, F, Max, Min, Q

if TYPE_CHECKING:  # the type parameters below name the models, which import this module
    from convene.accounts.users import Viewer

    from .models import Event, Registration, Session  # noqa: F401


class EventQuerySet(models.QuerySet["Event"]):
    def published(self) -> EventQuerySet:
        return self.filter(is_published=True)

    def visible_to(self, user: Viewer) -> EventQuerySet:
        """Published events, plus the unpublished ones `user` organizes (all, for admins)."""
        if user.is_authenticated and user.is_superuser:
            return self.all()
        visible = Q(is_published=True)
        if user.is_authenticated:
            organized = self.model.organizers.through.objects.filter(user_id=user.pk)
            visible |= Q(pk__in=organized.values("event_id"))
        return self.filter(visible)

    def with_bounds(self) -> EventQuerySet:
        """Each event with `first_start`, `last_end` and `session_count` of its sessions."""
        return self.annotate(
            first_start=Min("sessions__starts_at"),
            last_end=Max("sessions__ends_at"),
            session_count=Count("sessions", distinct=True),
        )

    def upcoming(self, now: datetime) -> EventQuerySet:
        """Events not over at `now` (or without sessions yet), the soonest first."""
        return (
            self.with_bounds()
            .filter(Q(last_end__gte=now) | Q(last_end__isnull=True))
            .order_by(F("first_start").asc(nulls_last=True), "pk")
        )

    def past(self, now: datetime) -> EventQuerySet:
        """Events whose last session ended before `now`, the latest first."""
        return self.with_bounds().filter(Q(last_end__lt=now)).order_by("-last_end", "-pk")


class SessionQuerySet(models.QuerySet["Session"]):
    def published(self) -> SessionQuerySet:
        """Sessions of published events."""
        return self.filter(event__is_published=True)

    def starting_after(self, now: datetime) -> SessionQuerySet:
        return self.filter(starts_at__gt=now)


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def active(self) -> RegistrationQuerySet:
        """Confirmed or waiting: every registration not cancelled."""
        return self.exclude(status="cancelled")
