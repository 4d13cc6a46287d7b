"""Background work of open space: thin wrappers that call one service.

A series' new meetings are announced to its followers by `series_announce`, enqueued when
a meeting is added, and by the housekeeping command's daily step (`housekeeping_step`), so
a meeting whose event is published later is announced by the next day's run.
"""

from __future__ import annotations

from datetime import datetime

from django_tasks import task

from . import services_series


@task()
def series_announce() -> int:
    """Email the followers of every series of each new published meeting, once."""
    return services_series.series_announce_pending()


def housekeeping_step(now: datetime) -> str:
    """The series' announcements as the housekeeping command runs them (`core.housekeeping`)."""
    sent = services_series.series_announce_pending(now=now)
    return f"series announcements sent: {sent}"
