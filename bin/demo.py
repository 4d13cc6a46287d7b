"""Serve the demo as production does: the task worker in the background, gunicorn in front
(two workers, DEBUG off: real error pages, static files served by WhiteNoise)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys


def main() -> int:
    port = os.environ.get("PORT", "8000")
    python = sys.executable
    worker = subprocess.Popen([python, "-m", "convene", "db_worker", "--interval", "1"])
    try:
        return subprocess.call(
            [
                python,
                "-m",
                "gunicorn",
                "convene.config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--access-logfile",
                "-",
            ]
        )
    except KeyboardInterrupt:
        return 0
    finally:
        worker.send_signal(signal.SIGINT)
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


if __name__ == "__main__":
    sys.exit(main())
