"""Serve the demo: the task worker in the background, the web server in front."""

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
            [python, "-m", "convene", "runserver", "--noreload", f"127.0.0.1:{port}"]
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
