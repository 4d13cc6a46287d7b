"""The read API of prioritization keeps to its OpenAPI schema, checked by Schemathesis
against a live server: a round closed and counted, one open (ballots and results hidden)
and one closed but not counted."""

from __future__ import annotations

import os
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone

from convene.prioritization import results
from tests.core.test_api_schema_fuzz import SCHEMATHESIS

from .factories import RoundFactory, items_for
from .test_data_files import small_round

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_read_api_keeps_to_its_schema(live_server, tmp_path, monkeypatch):
    if not SCHEMATHESIS.exists():
        pytest.skip("Schemathesis is not installed")
    round_, _people = small_round()
    round_.closes_at = timezone.now() - timedelta(days=1)
    round_.opens_at = round_.closes_at - timedelta(days=20)
    round_.save(update_fields=["opens_at", "closes_at"])
    results.round_count(round_=round_)
    now = timezone.now()
    open_round = RoundFactory(
        slug="open-round", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9)
    )
    items_for(open_round, 2)
    RoundFactory(
        slug="uncounted", opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1)
    )

    result = run_read_api(live_server.url, tmp_path)

    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]


def run_read_api(base_url, tmp_path):
    """Schemathesis on the read operations of prioritization only, as the project's run
    checks every operation (all checks, deterministic, a few examples each)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name.lower() not in {"http_proxy", "https_proxy", "all_proxy"}
    }
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    command = [
        str(SCHEMATHESIS),
        "--no-color",
        "run",
        f"{base_url}/api/openapi.json",
        "--include-path-regex",
        r"^/api/v1/prioritization/rounds/(\{slug\}/((items|ballots|results)/)?)?$",
        "--checks",
        "all",
        "--max-examples",
        "5",
        "--generation-deterministic",
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--max-redirects",
        "0",
    ]
    return subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False
    )
