"""The production settings of the README pass Django's deployment checks, and under HTTPS
every cookie the site sets is Secure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What the README's "Running it in production" sets (a made-up key of the right strength).
PRODUCTION = {
    "CONVENE_SECRET_KEY": "k3Vq-9fTz_xW2pLm7RbN4sYc8HdJ6gUe1oAiQ5vKtE0rMnBwZyXjCl",
    "CONVENE_HTTPS": "1",
    "CONVENE_ALLOWED_HOSTS": "convene.example.org",
    "CONVENE_CSRF_TRUSTED_ORIGINS": "https://convene.example.org",
    "CONVENE_SITE_URL": "https://convene.example.org",
    "DATABASE_URL": "postgres://convene@localhost/convene",
}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CONVENE_", "DATABASE_URL", "REDIS_URL", "DJANGO_"))
    }
    env.update(PRODUCTION, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_check_deploy_is_clean_with_the_production_settings():
    result = _run("-m", "convene", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_every_cookie_is_secure_and_plain_http_is_redirected_under_https():
    result = _run(
        "-c",
        "import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'convene.config.settings'; "
        "from django.conf import settings; print(json.dumps("
        "[settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, "
        "settings.LANGUAGE_COOKIE_SECURE, settings.TIMEZONE_COOKIE_SECURE, "
        "settings.SECURE_SSL_REDIRECT, settings.SECURE_REDIRECT_EXEMPT, "
        "settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "settings.SECURE_HSTS_PRELOAD]))",
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        True,
        True,
        True,
        True,
        True,
        ["^healthz$"],
        31536000,
        True,
        True,
    ]
