"""A task backend for tests: due tasks run at once, deferred ones wait for `run_due()`.

Django's immediate backend refuses `run_after`; this one keeps such tasks until a test,
usually with a frozen clock, asks for the due ones. A task that raises fails the test.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id


class DeferringImmediateBackend(ImmediateBackend):
    supports_defer = True
    deferred: list = []

    def enqueue(self, task, args, kwargs):
        if task.run_after is not None and task.run_after > timezone.now():
            self.validate_task(task)
            DeferringImmediateBackend.deferred.append((task, args, kwargs))
            return TaskResult(
                task=task,
                id=get_random_id(),
                status=TaskResultStatus.READY,
                enqueued_at=timezone.now(),
                started_at=None,
                last_attempted_at=None,
                finished_at=None,
                args=args,
                kwargs=kwargs,
                backend=self.alias,
                errors=[],
                worker_ids=[],
            )
        result = super().enqueue(task, args, kwargs)
        if result.status == TaskResultStatus.FAILED:
            raise AssertionError(f"task {task.name} failed:\n{result.errors[0].traceback}")
        return result

    @classmethod
    def run_due(cls) -> int:
        """Run every deferred task whose time has come (and those they defer, when due)."""
        ran = 0
        while True:
            now = timezone.now()
            due = [item for item in cls.deferred if item[0].run_after <= now]
            if not due:
                return ran
            for item in due:
                cls.deferred.remove(item)
                task, args, kwargs = item
                task.using(run_after=None).enqueue(*args, **kwargs)
                ran += 1
