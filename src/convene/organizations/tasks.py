"""Background work of the registry: thin wrappers that call one service.

The registry's day (`reporting.registry_daily`) runs in the worker at `DAILY_AT` UTC and
enqueues the next day's run itself. `registry_daily_schedule` claims a day before enqueuing
it (`core.housekeeping.daily_run_claim`), so the chain stays single; the housekeeping
command and `load_demo` call it too, which starts the chain on a new site and restarts it
should a run ever be lost.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from convene.core.housekeeping import daily_run_claim

from . import reporting

DAILY_RUN_NAME = "organizations.registry_daily"
# Early in the day for the whole world but the Pacific: reminders reach people in the morning.
DAILY_AT = time(2, 0)


@transaction.atomic
def registry_daily_schedule(*, day: date) -> bool:
    """Enqueue the registry's day for `day` (at `DAILY_AT` UTC, or now if that has passed)
    unless it is already enqueued; True if this call enqueued it."""
    if not daily_run_claim(name=DAILY_RUN_NAME, day=day):
        return False
    run_after = max(datetime.combine(day, DAILY_AT, tzinfo=UTC), timezone.now())
    registry_daily.using(run_after=run_after).enqueue(today_iso=day.isoformat())
    return True


@task()
def registry_daily(*, today_iso: str) -> dict[str, int]:
    """The day's compliance schedule and reminders (`reporting.registry_daily`), then the
    next day's run enqueued. The housekeeping command runs the same work every day, and
    running both changes nothing twice."""
    today = date.fromisoformat(today_iso)
    done = reporting.registry_daily(today=today)
    registry_daily_schedule(day=today + timedelta(days=1))
    return done


def housekeeping_step(now: datetime) -> str:
    """The registry's day as the housekeeping command runs it (`core.housekeeping`), which
    also makes sure tomorrow's run is waiting in the worker."""
    done = reporting.registry_daily(today=now.date())
    registry_daily_schedule(day=now.date() + timedelta(days=1))
    return (
        f"compliance changed: {done['compliance_changed']}; "
        f"report reminders sent: {done['reminders_sent']}; "
        f"partnership reminders sent: {done['partnership_reminders_sent']}"
    )
