"""Catch up on time-bound work: join links and reminders due, and sensitive answers past
their retention; then the daily steps the apps above register (`core.housekeeping`: the
registry's compliance schedule and report reminders).

The worker does this on schedule; run this from cron as a safety net, or after a restore.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from convene.core.housekeeping import daily_steps
from convene.events import messaging, services
from convene.events.models import Session


class Command(BaseCommand):
    help = (
        "Send join links and reminders that are due and erase sensitive answers past their "
        "retention period."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        sent = erased = 0
        upcoming = (
            Session.objects.select_related("event")
            .filter(starts_at__gt=now, starts_at__lte=now + timedelta(days=31))
            .exclude(meeting_url="")
        )
        for session in upcoming:
            sent += services.join_links_send(session=session, now=now)
        reminded = messaging.reminders_due(now=now)
        for session in Session.objects.select_related("event").filter(
            sensitive_erased_at__isnull=True, ends_at__lt=now
        ):
            erased += services.sensitive_answers_erase(session=session, now=now)
        self.stdout.write(
            f"join links sent: {sent}; reminders sent: {reminded}; sessions erased: {erased}"
        )
        for name, step in daily_steps().items():
            self.stdout.write(f"{name}: {step(now)}")
