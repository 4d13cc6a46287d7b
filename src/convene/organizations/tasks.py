"""Background work of the registry: thin wrappers that call one service."""

from __future__ import annotations

from datetime import date

from django_tasks import task

from . import reporting


@task()
def registry_daily(*, today_iso: str) -> dict[str, int]:
    """The day's compliance schedule and report reminders (`reporting.registry_daily`); the
    housekeeping command runs the same every day, and running both changes nothing twice."""
    return reporting.registry_daily(today=date.fromisoformat(today_iso))
