"""Registration burst: 1,000 people register for one session of 250 places at the same moment.

Creates a fresh PostgreSQL database, one published event with one session (capacity 250,
registration open, starting in 10 days) and 1,000 people each with an API token, starts
gunicorn, and sends every person's POST /api/v1/sessions/{id}/registration/ at once.
Then checks in the database that exactly 250 are confirmed and 750 waitlisted, that
nobody has two registrations and that the session's counter says 250, and that no
request failed. Prints registrations per second and latency percentiles and writes them
to docs/benchmarks.md (section `registration-burst`).

    .venv/bin/python bench/registration_burst.py

Exits with 1 when a correctness check fails, 2 when the run could not be measured.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import _support
import httpx

SECTION = "registration-burst"
INTERPRETATION = ["ar", "es", "fr"]


@dataclass
class Result:
    status: int | None  # None: no HTTP answer (connection refused or reset, timeout)
    seconds: float  # from opening the connection to the end of the answer
    ended: float  # time.perf_counter() at the end of the answer
    body: bytes = b""
    error: str = ""


# --- Data ------------------------------------------------------------------------


def data_create(*, users: int, capacity: int) -> tuple[int, list[str]]:
    """One open session and `users` people with API tokens; returns the session id and tokens."""
    from django.conf import settings
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from convene.accounts.models import User
    from convene.events import services

    now = timezone.now()
    languages = [code for code, _name in settings.LANGUAGES]
    organizer = User(email="organizer@bench.invalid", display_name="Bench organizer")
    organizer.set_unusable_password()
    organizer.save()
    event = services.event_create(
        organizer=organizer,
        slug="registration-burst",
        title="Registration burst",
        summary="One session, many people at the same moment.",
        is_published=True,
        registration_opens_at=now - timedelta(days=1),
        registration_closes_at=now + timedelta(days=9),
    )
    session = services.session_create(
        event=event,
        title="The one everybody wants",
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=2),
        capacity=capacity,
        interpretation_languages=INTERPRETATION,
        meeting_url="https://meet.example.org/registration-burst",
    )
    people = []
    for index in range(users):
        person = User(
            email=f"person{index:05d}@bench.invalid",
            display_name=f"Person {index}",
            preferred_language=languages[index % len(languages)],
        )
        person.set_unusable_password()
        people.append(person)
    people = User.objects.bulk_create(people, batch_size=500)
    tokens = [Token(key=Token.generate_key(), user=person) for person in people]
    Token.objects.bulk_create(tokens, batch_size=500)
    return session.pk, [token.key for token in tokens]


def request_body(index: int) -> bytes:
    """What person `index` sends: everybody accepts the code of conduct; some state needs."""
    body: dict[str, object] = {"accept_code_of_conduct": True}
    if index % 5 == 0:
        body["interpretation_language"] = INTERPRETATION[index % len(INTERPRETATION)]
    if index % 3 == 0:
        body["needs_data_support"] = True
    if index % 17 == 0:
        body["accessibility_needs"] = "Captions, please."
    return json.dumps(body).encode()


# --- Client: httpx, one connection per request -------------------------------------


def http_client(concurrency: int, timeout: float) -> httpx.AsyncClient:
    """An HTTP/1.1 client with a connection for each request in flight, none kept alive:
    every request opens its own connection and closes it after the answer. Without httpx's
    default headers, so the server answers as it did to the requests measured before
    (uncompressed JSON)."""
    client = httpx.AsyncClient(
        limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=0),
        timeout=timeout,
        trust_env=False,
    )
    for name in ("Accept-Encoding", "User-Agent"):
        del client.headers[name]
    return client


async def http_request(
    client: httpx.AsyncClient,
    port: int,
    method: str,
    path: str,
    token: str,
    body: bytes,
    timeout: float,
) -> Result:
    headers = {
        "Authorization": f"Token {token}",
        "Accept": "application/json",
        "Content-Type": "application/json",
        "Content-Length": str(len(body)),
        "Connection": "close",
    }
    started = time.perf_counter()
    try:
        async with asyncio.timeout(timeout):
            response = await client.request(
                method, f"http://{_support.HOST}:{port}{path}", headers=headers, content=body
            )
        ended = time.perf_counter()
        return Result(
            status=response.status_code,
            seconds=ended - started,
            ended=ended,
            body=response.content,
        )
    except (httpx.HTTPError, OSError, TimeoutError) as exc:
        ended = time.perf_counter()
        return Result(status=None, seconds=ended - started, ended=ended, error=repr(exc))


async def fire(
    port: int,
    method: str,
    path: str,
    tokens: list[str],
    *,
    concurrency: int,
    timeout: float,
    with_body: bool = False,
) -> tuple[list[Result], float]:
    """One request per token, at most `concurrency` at a time; returns results and start time."""
    gate = asyncio.Semaphore(concurrency)
    async with http_client(concurrency, timeout) as client:

        async def one(index: int, token: str) -> Result:
            body = request_body(index) if with_body else b""
            async with gate:
                return await http_request(client, port, method, path, token, body, timeout)

        started = time.perf_counter()
        results = await asyncio.gather(*(one(i, token) for i, token in enumerate(tokens)))
    return list(results), started


# --- Checks ------------------------------------------------------------------------


def checks_run(
    *, session_id: int, users: int, capacity: int, results: list[Result]
) -> list[tuple[str, bool, str]]:
    """(what, passed, observed) for each correctness check."""
    from django.db.models import Count

    from convene.core.models import OutgoingEmail
    from convene.events.models import Registration, Session

    statuses = Counter(result.status for result in results)
    server_errors = sum(n for status, n in statuses.items() if status and status >= 500)
    no_answer = statuses.get(None, 0)
    answered = Counter()
    for result in results:
        if result.status == 201:
            answered[json.loads(result.body).get("status")] += 1
    registrations = Registration.objects.filter(session_id=session_id)
    by_status = dict(registrations.values_list("status").annotate(n=Count("pk")).order_by())
    duplicates = registrations.values("user_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    people = registrations.values("user_id").distinct().count()
    counter = Session.objects.get(pk=session_id).confirmed_count
    emails = OutgoingEmail.objects.count()
    waitlisted = users - capacity
    return [
        ("every request answered 201 Created", statuses == {201: users}, _histogram(statuses)),
        ("no 5xx answer", server_errors == 0, str(server_errors)),
        ("no request without an answer", no_answer == 0, str(no_answer)),
        (
            f"{capacity} confirmed in the database",
            by_status.get("confirmed", 0) == capacity,
            str(by_status.get("confirmed", 0)),
        ),
        (
            f"{waitlisted} waitlisted in the database",
            by_status.get("waitlisted", 0) == waitlisted,
            str(by_status.get("waitlisted", 0)),
        ),
        (
            f"{users} registrations in all",
            sum(by_status.values()) == users,
            str(sum(by_status.values())),
        ),
        (
            "nobody registered twice",
            duplicates == 0 and people == users,
            f"{duplicates} duplicated, {people} people",
        ),
        (f"session.confirmed_count == {capacity}", counter == capacity, str(counter)),
        (
            "the API answers agree with the database",
            answered == Counter({"confirmed": capacity, "waitlisted": waitlisted}),
            ", ".join(f"{k}: {v}" for k, v in sorted(answered.items())),
        ),
        ("one email queued per registration", emails == users, str(emails)),
    ]


def _histogram(statuses: Counter[int | None]) -> str:
    return ", ".join(
        f"{n} × {status if status is not None else 'no answer'}"
        for status, n in sorted(statuses.items(), key=lambda item: (item[0] is None, item[0] or 0))
    )


def burst_run(
    args: argparse.Namespace,
    server: _support.Server,
    path: str,
    tokens: list[str],
    session_id: int,
    number: int,
) -> Burst:
    """Fire every registration at once and check; again while other processes disturb it."""
    for attempt in range(1, args.attempts + 1):
        burst_reset(session_id)
        _support.wait_quiet(args.wait_quiet)
        print(f"burst {number}: firing {len(tokens)} registrations (try {attempt})")
        with _support.OtherLoad(server) as load:
            results, started = asyncio.run(
                fire(
                    server.port,
                    "POST",
                    path,
                    tokens,
                    concurrency=args.concurrency,
                    timeout=args.request_timeout,
                    with_body=True,
                )
            )
        checks = checks_run(
            session_id=session_id, users=args.users, capacity=args.capacity, results=results
        )
        burst = Burst(results, started, load, attempt, checks)
        print(f"burst {number}: {burst.summary()}")
        for what, ok, seen in checks:
            if not ok:
                print(f"  FAILED: {what}: {seen}")
        if not burst.passed or load.others <= args.max_other:
            break
        if attempt < args.attempts:
            print(f"other processes used {load.describe()} of the CPU: once more")
    return burst


def burst_reset(session_id: int) -> None:
    """Undo a burst (registrations, counter, emails, queued tasks) to fire it again."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    from convene.core.models import OutgoingEmail
    from convene.events.models import Registration, Session

    with transaction.atomic():
        Registration.objects.filter(session_id=session_id).delete()
        Session.objects.filter(pk=session_id).update(confirmed_count=0)
        OutgoingEmail.objects.all().delete()
        DBTaskResult.objects.all().delete()


# --- Report ------------------------------------------------------------------------


@dataclass
class Burst:
    """One burst: every person's request, answered; measured and checked."""

    results: list[Result]
    started: float
    load: _support.OtherLoad
    attempts: int
    checks: list[tuple[str, bool, str]]

    @property
    def passed(self) -> bool:
        return all(ok for _what, ok, _seen in self.checks)

    @property
    def wall(self) -> float:
        return max(result.ended for result in self.results) - self.started

    @property
    def rate(self) -> float:
        return len(self.results) / self.wall

    def latency(self, q: float) -> float:
        return _support.percentile(
            [result.seconds for result in self.results if result.status is not None], q
        )

    @property
    def full_after(self) -> float:
        """When the answer to the last confirmed registration arrived, from the start."""
        ends = [
            result.ended - self.started
            for result in self.results
            if result.status == 201 and json.loads(result.body).get("status") == "confirmed"
        ]
        return max(ends, default=float("nan"))

    def summary(self) -> str:
        return (
            f"{len(self.results)} registrations in {self.wall:.2f} s: {self.rate:.1f}/s; "
            f"latency p50 {_support.ms(self.latency(50))}, p95 {_support.ms(self.latency(95))}, "
            f"p99 {_support.ms(self.latency(99))}, max {_support.ms(self.latency(100))}; "
            f"places all taken after {self.full_after:.2f} s; "
            f"other processes' CPU {self.load.describe()}"
        )


def report(*, args: argparse.Namespace, bursts: list[Burst], facts: list[tuple[str, str]]) -> str:
    passed = all(burst.passed for burst in bursts)
    middle = sorted(bursts, key=lambda burst: burst.rate)[len(bursts) // 2]
    rows = "\n".join(
        f"| {number}{' (median)' if burst is middle else ''} | **{burst.rate:.1f}** | "
        f"{burst.wall:.2f} s | {_support.ms(burst.latency(50))} | "
        f"{_support.ms(burst.latency(95))} | {_support.ms(burst.latency(99))} | "
        f"{_support.ms(burst.latency(100))} | {burst.full_after:.2f} s | "
        f"{burst.load.describe()}{f' ({burst.attempts} tries)' if burst.attempts > 1 else ''} | "
        f"{'passed' if burst.passed else '**FAILED**'} |"
        for number, burst in enumerate(bursts, start=1)
    )
    failed = [
        f"| {number} | {what} | {seen} |"
        for number, burst in enumerate(bursts, start=1)
        for what, ok, seen in burst.checks
        if not ok
    ]
    check_rows = "\n".join(
        f"| {what} | {seen} | {'passed' if ok else '**FAILED**'} |"
        for what, ok, seen in middle.checks
    )
    failures = (
        "\n\nFailed checks:\n\n| Burst | Check | Observed |\n|---|---|---|\n" + "\n".join(failed)
        if failed
        else ""
    )
    print(f"median of {len(bursts)}: {middle.rate:.1f} registrations/s")
    return f"""## Registration burst

{args.users:,} people, each with an API token, send
`POST /api/v1/sessions/{{id}}/registration/` for one session of {args.capacity} places at
the same moment: {args.concurrency:,} requests in flight at most, one connection per
person, the server warmed up first with {args.warmup} reads of the same endpoint. The
client runs on the same machine; it measures each latency from opening the connection to
the end of the answer. {len(bursts)} bursts, the session emptied between them; a burst
during which other processes used more than {args.max_other:.0%} of the CPU is fired again
(at most {args.attempts} tries).

Median: **{middle.rate:.1f} registrations per second**; half the people had their answer
within {_support.ms(middle.latency(50))}, 95% within {_support.ms(middle.latency(95))}.
Correctness: **{"every check passed in every burst" if passed else "FAILED"}**.

| Burst | Registrations/s | All answered after | p50 | p95 | p99 | max | Places all taken after | Other CPU | Checks |
|---|---|---|---|---|---|---|---|---|---|
{rows}

The latencies are mostly waiting in line: every request arrives at once and the server
answers about {middle.rate:.0f} a second, so the last in line waits about
{middle.wall:.0f} s.

Checks of the median burst:

| Check | Observed | Result |
|---|---|---|
{check_rows}{failures}

{_support.facts_table(facts)}
Command: `.venv/bin/python bench/registration_burst.py`
"""


# --- Main --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--capacity", type=int, default=250)
    parser.add_argument(
        "--concurrency", type=int, default=1000, help="requests in flight at most (default: all)"
    )
    parser.add_argument("--warmup", type=int, default=200, help="reads before the burst")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--database", default="convene_bench")
    parser.add_argument("--keep-db", action="store_true", help="keep the database afterwards")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    parser.add_argument("--request-timeout", type=float, default=120)
    parser.add_argument(
        "--wait-quiet", type=int, default=60, help="seconds to wait at most for an idle machine"
    )
    parser.add_argument(
        "--max-other",
        type=float,
        default=0.1,
        help="fire again when other processes used more than this share of the CPU",
    )
    parser.add_argument("--attempts", type=int, default=3, help="tries per burst (--max-other)")
    parser.add_argument("--bursts", type=int, default=3, help="bursts; the median is reported")
    parser.add_argument("--time-limit", type=int, default=1200, help="seconds for the whole run")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.capacity > args.users:
        print("--capacity must not exceed --users", file=sys.stderr)
        return 2
    var_dir = Path(tempfile.mkdtemp(prefix="convene-bench-"))
    server = None
    try:
        with _support.time_limit(args.time_limit):
            print(f"database {args.database}: recreating and migrating")
            url = _support.database_recreate(args.database)
            _support.django_configure(database_url=url, var_dir=var_dir)
            _support.django_migrate()
            session_id, tokens = data_create(users=args.users, capacity=args.capacity)
            server = _support.Server(
                workers=args.workers, threads=args.threads, log_path=var_dir / "gunicorn.log"
            )
            server.start()
            print(f"{server.description} on {server.url}")
            path = f"/api/v1/sessions/{session_id}/registration/"
            warmup, _started = asyncio.run(
                fire(server.port, "GET", path, tokens[: args.warmup], concurrency=32, timeout=60)
            )
            if any(result.status != 404 for result in warmup):
                raise _support.BenchError(
                    f"warm-up: expected 404 (not registered), got "
                    f"{_histogram(Counter(r.status for r in warmup))}"
                )
            bursts = []
            for number in range(1, args.bursts + 1):
                burst = burst_run(args, server, path, tokens, session_id, number)
                bursts.append(burst)
                if not burst.passed:
                    break  # the data is now wrong for the next burst; report what was seen
            facts = _support.machine_facts(server)
            server.stop()
            text = report(args=args, bursts=bursts, facts=facts)
            if not args.no_write:
                _support.section_write(SECTION, text)
                print(f"written to {_support.DOC.relative_to(_support.REPO)}")
            return 0 if all(burst.passed for burst in bursts) else 1
    except (_support.BenchError, _support.BenchTimeout) as error:
        print(f"registration burst: {error}", file=sys.stderr)
        return 2
    finally:
        if server is not None:
            server.stop()
        if "django" in sys.modules:
            _support.django_disconnect()
        if not args.keep_db:
            _support.database_drop_quietly(args.database)
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
