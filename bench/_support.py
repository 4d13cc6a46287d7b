"""What the benchmark scripts share.

A fresh PostgreSQL database, Django configured in this process as in production (DEBUG
off), gunicorn in its own process group (stopped whatever happens), a time limit for the
whole run, the facts about the machine, and the sections of docs/benchmarks.md.

Not a script: the scripts next to it import it (`import _support`).
"""

from __future__ import annotations

import contextlib
import math
import os
import platform
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

import httpx
import psutil

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "benchmarks.md"
ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
HOST = "127.0.0.1"

DOC_HEADER = """# Benchmarks

Figures measured by the scripts in `bench/` (see `bench/README.md`). Each script rewrites
its own section below and leaves the others as they are.
"""


class BenchTimeout(Exception):
    """The run took longer than its time limit."""


class BenchError(Exception):
    """The run could not be measured (server did not start, wrong answers, ...)."""


# --- Time limit ------------------------------------------------------------------


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise BenchTimeout after `seconds`, and SystemExit on SIGTERM, so `finally` blocks run."""

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise BenchTimeout(f"time limit of {seconds} s reached")

    def on_term(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    previous_alarm = signal.signal(signal.SIGALRM, on_alarm)
    previous_term = signal.signal(signal.SIGTERM, on_term)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous_alarm)
        signal.signal(signal.SIGTERM, previous_term)


# --- PostgreSQL and Django ---------------------------------------------------------


def _database_url(name: str, admin_url: str) -> str:
    base, _sep, _old = admin_url.rpartition("/")
    return f"{base}/{name}"


def database_recreate(name: str, admin_url: str = ADMIN_URL) -> str:
    """Drop the database `name` if it exists, create it empty, and return its URL."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return _database_url(name, admin_url)


def database_drop(name: str, admin_url: str = ADMIN_URL) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def django_configure(*, database_url: str, var_dir: Path) -> None:
    """Set the production-like environment (also inherited by gunicorn) and set Django up."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "convene.config.settings",
            "DATABASE_URL": database_url,
            "CONVENE_SECRET_KEY": secrets.token_urlsafe(50),
            "CONVENE_DEBUG": "0",
            "CONVENE_TESTING": "0",
            "CONVENE_ALLOWED_HOSTS": HOST,
            "CONVENE_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "CONVENE_VAR_DIR": str(var_dir),
            "CONVENE_LOG_LEVEL": "WARNING",
        }
    )
    os.environ.pop("REDIS_URL", None)
    (var_dir / "mail").mkdir(parents=True, exist_ok=True)
    import django

    django.setup()


def django_migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def django_collectstatic() -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def database_analyze() -> None:
    """Gather the planner's statistics of the fresh data, as autovacuum does on a live
    database a little after large writes (without them PostgreSQL plans for empty tables)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def django_disconnect() -> None:
    from django.db import connections

    connections.close_all()


# --- gunicorn ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class Server:
    """gunicorn serving Convene in its own process group; `stop()` ends the whole group."""

    def __init__(
        self, *, workers: int, threads: int, log_path: Path, env: dict[str, str] | None = None
    ) -> None:
        self.workers = workers
        self.threads = threads
        self.port = free_port()
        self.log_path = log_path
        self.env = env or {}  # on top of this process's environment
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def description(self) -> str:
        if self.threads <= 1:  # gunicorn's default worker class: sync, no keep-alive
            return f"gunicorn, {self.workers} single-threaded workers (sync)"
        return f"gunicorn, {self.workers} workers × {self.threads} threads (gthread)"

    def memory(self) -> Memory:
        """Memory of the master and its workers (the server's process group), from psutil."""
        if self.process is None:
            return Memory(0, 0, 0)
        return process_group_memory(self.process.pid)

    def start(self, *, timeout: float = 60) -> None:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "convene.config.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            "--timeout",
            "60",
            "--log-level",
            "warning",
            "--error-logfile",
            str(self.log_path),
        ]
        self.process = subprocess.Popen(
            command,
            cwd=REPO,
            env={**os.environ, **self.env},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, ended as a whole in stop()
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(
                    f"gunicorn exited with {self.process.returncode}\n{self.log_tail()}"
                )
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2, trust_env=False).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise BenchError(f"gunicorn did not answer /healthz within {timeout} s\n{self.log_tail()}")

    def stop(self) -> None:
        process = self.process
        if process is None:
            return
        self.process = None
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            try:
                process.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        # Workers left behind by a master killed with SIGKILL are in the same group.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --- Memory -----------------------------------------------------------------------


@dataclass(frozen=True)
class Memory:
    """Resident memory of a group of processes, in bytes.

    `rss` sums each process's resident set, so pages the workers share with the master
    (copy-on-write after the fork) count once per process; `pss` shares them out (0 when
    psutil cannot read it: /proc/PID/smaps_rollup).
    """

    processes: int
    rss: int
    pss: int

    def describe(self) -> str:
        text = f"{self.rss / 2**20:.0f} MiB RSS"
        if self.pss:
            text += f" ({self.pss / 2**20:.0f} MiB PSS)"
        return f"{text}, {self.processes} processes"


def _process_group(pid: int) -> int | None:
    """The process group of `pid` (None when it is gone)."""
    try:
        return os.getpgid(pid)
    except OSError:
        return None


def process_group_memory(pgid: int) -> Memory:
    """Sum of RSS (and PSS) of the processes of the process group `pgid`."""
    processes = rss = pss = 0
    for process in psutil.process_iter():
        if _process_group(process.pid) != pgid:
            continue
        try:
            rss += process.memory_info().rss
        except psutil.Error:
            continue  # gone meanwhile
        processes += 1
        with contextlib.suppress(psutil.Error, AttributeError):
            pss += process.memory_full_info().pss
    return Memory(processes, rss, pss)


# --- Figures ----------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of `values` (p between 0 and 100)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def _first_line(path: str, prefix: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip() if ":" in line else line
    except OSError:
        pass
    return "unknown"


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def _cpu_ticks() -> tuple[float, float, float]:
    """Machine-wide (busy, total, steal) CPU seconds since boot (psutil: /proc/stat's first
    eight fields: user, nice, system, idle, iowait, irq, softirq, steal)."""
    times = psutil.cpu_times()
    fields = ("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal")
    total = sum(getattr(times, name, 0.0) for name in fields)
    busy = times.user + getattr(times, "nice", 0.0) + times.system
    return busy, total, getattr(times, "steal", 0.0)


def _process_ticks() -> dict[int, tuple[float, int | None]]:
    """pid: (CPU seconds of the process and of its waited-for children, process group)."""
    ticks = {}
    for process in psutil.process_iter():
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue  # gone meanwhile
        used = times.user + times.system + times.children_user + times.children_system
        ticks[process.pid] = (used, _process_group(process.pid))
    return ticks


def cpu_busy(seconds: float = 3.0) -> float:
    """Fraction of the machine's CPU time in use during `seconds`."""
    busy_before, total_before, _steal = _cpu_ticks()
    time.sleep(seconds)
    busy_after, total_after, _steal = _cpu_ticks()
    total = total_after - total_before
    return (busy_after - busy_before) / total if total else math.nan


def wait_quiet(max_seconds: float, threshold: float = 0.15) -> float:
    """Wait (at most `max_seconds`) until other processes leave the CPU mostly idle."""
    deadline = time.monotonic() + max_seconds
    while True:
        busy = cpu_busy(2.0)
        if busy < threshold or time.monotonic() >= deadline:
            break
        print(f"the machine is {busy:.0%} busy: waiting for it to quieten")
    if busy >= threshold:
        print(f"warning: the machine is still {busy:.0%} busy; measuring anyway")
    return busy


class OtherLoad:
    """Share of the machine's CPU that processes other than the benchmark's used meanwhile.

    The benchmark's processes: this one and the children it waited for (wrk), gunicorn's
    process group, and PostgreSQL's backends of the benchmark database and its background
    processes. Another process that started and ended within the window is missed.
    """

    def __init__(self, server: Server | None) -> None:
        self.server = server
        self.others = math.nan
        self.steal = math.nan

    def __enter__(self) -> OtherLoad:
        self._machine = _cpu_ticks()
        self._processes = _process_ticks()
        return self

    def __exit__(self, *exc: object) -> None:
        busy, total, steal = (a - b for a, b in zip(_cpu_ticks(), self._machine, strict=True))
        after = _process_ticks()
        ours = {os.getpid(), *_postgres_pids()}
        group = self.server.process.pid if self.server and self.server.process else None
        used = 0
        for pid, (ticks, pgid) in after.items():
            if pid in ours or pgid == group:
                used += ticks - self._processes.get(pid, (0, 0))[0]
        if total:
            self.others = max(0, busy - used) / total
            self.steal = steal / total

    def describe(self) -> str:
        text = f"{self.others:.0%}"
        return text + (f" (+{self.steal:.0%} stolen)" if self.steal >= 0.01 else "")


def _postgres_pids() -> list[int]:
    """PostgreSQL's processes working for the benchmark database, and its background ones."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity "
            "WHERE datname = current_database() OR backend_type <> 'client backend'"
        )
        return [row[0] for row in cursor.fetchall()]


def machine_facts(server: Server | None = None) -> list[tuple[str, str]]:
    """What the figures depend on: hardware, versions, server setup, load, date and commit."""
    import django
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    memory = f"{psutil.virtual_memory().total / 2**30:.1f} GiB"
    os_name = _first_line("/etc/os-release", "PRETTY_NAME=")
    os_name = os_name.partition("=")[2].strip('"') if "=" in os_name else platform.platform()
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    if _git("status", "--porcelain", "--untracked-files=no"):
        commit += " (with uncommitted changes)"
    facts = [
        ("Date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("CPU", f"{psutil.cpu_count()} cores, {_first_line('/proc/cpuinfo', 'model name')}"),
        ("Memory", memory),
        ("System", os_name),
        (
            "Software",
            f"Python {platform.python_version()}, Django {django.get_version()}, "
            f"PostgreSQL {postgres}",
        ),
    ]
    if server is not None:
        facts.append(("Server", f"{server.description}, DEBUG off, on the same machine"))
    facts.append(("Commit", commit))
    return facts


def facts_table(facts: list[tuple[str, str]]) -> str:
    rows = "\n".join(f"| {name} | {value} |" for name, value in facts)
    return f"| Machine | |\n|---|---|\n{rows}\n"


def ms(seconds: float) -> str:
    """A duration for people: milliseconds below a second, seconds above."""
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.1f} ms"


# --- docs/benchmarks.md -------------------------------------------------------------


def section_write(name: str, body: str, doc: Path = DOC) -> None:
    """Replace the section between `<!-- bench:name -->` and `<!-- /bench:name -->`."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{start}\n{body.strip()}\n{end}"
    text = doc.read_text() if doc.exists() else DOC_HEADER
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _match: block, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    temporary = doc.with_suffix(".md.tmp")
    temporary.write_text(text)
    temporary.replace(doc)


def database_drop_quietly(name: str, admin_url: str = ADMIN_URL) -> None:
    """Drop the database at the end of a run; a failure is reported, not raised."""
    try:
        database_drop(name, admin_url)
    except Exception as exc:  # cleanup must not hide the outcome of the run
        print(f"could not drop database {name}: {exc}", file=sys.stderr)
