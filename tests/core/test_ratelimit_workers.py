"""Two gunicorn workers share one count: a limit of 20 sign-ups lets exactly 20 through."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "a long enough password 42"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, server: subprocess.Popen, tries: int = 300) -> None:
    for _ in range(tries):
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_up(base: str, number: int) -> int:
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
    )
    page = opener.open(f"{base}/en/accounts/signup/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "email": f"person{number}@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        }
    ).encode()
    request = urllib.request.Request(
        f"{base}/en/accounts/signup/", data=data, headers={"Referer": f"{base}/"}
    )
    try:
        return opener.open(request, timeout=30).status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.skipif(not (BIN / "gunicorn").exists(), reason="gunicorn is not installed")
def test_two_workers_let_exactly_the_limit_through(tmp_path):
    database = tmp_path / "convene.sqlite3"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CONVENE_", "DATABASE_URL", "REDIS_URL", "DJANGO_"))
    }
    env.update(
        {
            "CONVENE_SECRET_KEY": "two-workers-test-key",
            "CONVENE_DEBUG": "1",
            "CONVENE_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{database}",
            "CONVENE_LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT / "src"),
        }
    )
    subprocess.run(
        [sys.executable, "-m", "convene", "migrate", "--noinput", "-v", "0"],
        env=env,
        check=True,
        cwd=ROOT,
    )
    port = free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "convene.config.wsgi:application",
            *("-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning"),
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        wait_for(port, server)
        with ThreadPoolExecutor(max_workers=6) as pool:
            codes = list(pool.map(lambda n: sign_up(f"http://127.0.0.1:{port}", n), range(30)))
    finally:
        server.terminate()
        server.wait(timeout=30)

    # The default limit: 20 sign-ups a minute from one address (all come from 127.0.0.1).
    assert codes.count(302) == 20
    assert codes.count(200) == 10  # the form again, with the message
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM accounts_user").fetchone() == (20,)
