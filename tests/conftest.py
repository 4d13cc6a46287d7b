import os

import pytest

os.environ.setdefault("CONVENE_TESTING", "1")


@pytest.fixture(autouse=True)
def _email_backend(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
