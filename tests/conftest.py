import os

import pytest
from django.core.cache import cache
from django.utils import translation

from tests.browser_support import browser, log_in, new_page, time_zone_cookie  # noqa: F401

os.environ.setdefault("CONVENE_TESTING", "1")


@pytest.fixture(autouse=True)
def _email_and_tasks(settings):
    """Emails stay in `mail.outbox`; due tasks run at once, deferred ones on `run_due_tasks()`."""
    from convene.core.pieces import Pieces
    from tests.tasks_backend import DeferringImmediateBackend

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "tests.tasks_backend.DeferringImmediateBackend"}}
    DeferringImmediateBackend.deferred = []
    translation.activate("en")  # a request in another language must not leak into the next test
    cache.clear()
    Pieces.clear_all()  # rendered pieces of pages a test before may have left
    yield
    DeferringImmediateBackend.deferred = []
    translation.activate("en")


@pytest.fixture
def run_due_tasks():
    """Run the deferred tasks whose time has come; returns how many ran."""
    from django.test import TestCase

    from tests.tasks_backend import DeferringImmediateBackend

    def run() -> int:
        with TestCase.captureOnCommitCallbacks(execute=True):
            return DeferringImmediateBackend.run_due()

    return run
