"""Background work of prioritization: the count at a round's close.

`round_count_schedule` enqueues `round_count_task` at the round's close; the organizers'
services call it when a round is created or its close changes. A task that finds the
round not yet closed (its close was moved later) does nothing, unless the round shows its
results while open; so enqueuing again is harmless.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import results
from .models import Count, Round


def round_count_due(round_: Round, now: datetime) -> bool:
    """A round is counted once it has closed, or at any time when it shows its results
    while open."""
    return round_.results_before_close or now >= round_.closes_at


@task()
def round_count_task(*, round_id: int, asked_at: str | None = None) -> int | None:
    """Count the round (`results.round_count`) if it is due and, when the count was asked
    for at `asked_at` (UTC, ISO 8601), not counted since; the number of ballots counted, or
    None when there was nothing to do."""
    round_ = Round.objects.filter(pk=round_id).first()
    if round_ is None:
        return None
    now = timezone.now()
    if not round_count_due(round_, now):
        return None
    if (
        asked_at is not None
        and Count.objects.filter(
            round=round_, counted_at__gte=datetime.fromisoformat(asked_at)
        ).exists()
    ):
        return None  # a count after the request has taken its ballot in
    return results.round_count(round_, now=now).ballots


# A round that shows its results while open is counted again this long after a ballot; the
# ballots cast meanwhile share that count.
RECOUNT_AFTER = timedelta(seconds=60)


def round_recount_soon(round_: Round) -> None:
    """After a ballot, for a round that shows its results while open: a count in a minute
    (after the current transaction commits), which the ballots of that minute share."""
    if not round_.results_before_close:
        return
    round_id, asked_at = round_.pk, timezone.now()

    def enqueue() -> None:
        round_count_task.using(run_after=asked_at + RECOUNT_AFTER).enqueue(
            round_id=round_id, asked_at=asked_at.isoformat()
        )

    transaction.on_commit(enqueue)


def round_count_schedule(round_: Round) -> None:
    """Enqueue the round's count at its close (at once if it has closed), after the current
    transaction commits."""
    round_id = round_.pk
    run_after = max(round_.closes_at, timezone.now())

    def enqueue() -> None:
        round_count_task.using(run_after=run_after).enqueue(round_id=round_id)

    transaction.on_commit(enqueue)
