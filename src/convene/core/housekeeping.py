"""The daily catch-up of the apps that the housekeeping command cannot import.

`events_housekeeping` (run from cron, and after a restore) does the events' time-bound work
itself; the apps above it register their own daily step here when they are ready, and the
command runs each after its own work. A step takes the moment it runs at and returns a
short line for the command's output ("reminders sent: 2"); it must be safe to run more than
once a day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from django.db import IntegrityError, transaction

from .models import DailyRunClaim

DailyStep = Callable[[datetime], str]
_DAILY_STEPS: dict[str, DailyStep] = {}


def daily_step_register(name: str, step: DailyStep) -> None:
    """Add an app's daily catch-up, run by the housekeeping command after its own work."""
    _DAILY_STEPS[name] = step


def daily_steps() -> dict[str, DailyStep]:
    """The registered steps, by name, in the order the apps were ready."""
    return dict(_DAILY_STEPS)


def daily_run_claim(*, name: str, day: date) -> bool:
    """Claim the run of the daily job `name` for `day`; False if it is already claimed.

    Call it in the transaction that enqueues the run, so that the claim and the task are
    kept or lost together.
    """
    try:
        with transaction.atomic():
            DailyRunClaim.objects.create(name=name, day=day)
    except IntegrityError:
        return False
    return True
