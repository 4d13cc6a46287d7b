"""Event pages under load: the event list and one event page, served by gunicorn, hit by wrk.

Creates a fresh PostgreSQL database with 50 published events (40 upcoming, 10 past),
200 sessions (4 per event, 100 places each) and 10,000 registrations spread unevenly over
them (confirmed up to the capacity, the rest waitlisted, each session's counter matching),
collects the static files, starts gunicorn with DEBUG off and runs
`wrk -t2 -c16 -d20s --latency` against /en/events/ and against the page of the soonest
upcoming event, as an anonymous visitor whose browser accepts gzip (after a one-connection
run of each). When the settings have an anonymous page cache (CONVENE_PAGE_CACHE_SECONDS),
it measures with the cache as configured and again with it off. Prints requests per
second and latency percentiles, compares p95 with the target of 50 ms and writes the
figures to docs/benchmarks.md (section `event-pages`).

    .venv/bin/python bench/event_pages.py

Exits with 1 when a request failed (or, with --strict, when a target is missed), 2 when
the run could not be measured.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import _support
import httpx

SECTION = "event-pages"
TARGET_P95_MS = 50.0
LUA = Path(__file__).resolve().parent / "wrk_report.lua"
ACCEPT_ENCODING = "gzip, deflate, br"

TOPICS = [
    "Movement Charter conversation",
    "Hubs dialogue",
    "Regional strategy check-in",
    "Safety and inclusion",
    "Knowledge equity",
    "Skills development",
    "Community health",
    "Technology for the movement",
    "Partnerships",
    "Resource allocation",
    "حوار المجتمع العربي",
    "समुदाय संवाद",
    "Conversa da comunidade lusófona",
    "Conversation francophone",
    "Diálogo hispanohablante",
]
ZONES = [
    "Africa/Nairobi",
    "Africa/Lagos",
    "Asia/Kolkata",
    "Asia/Jakarta",
    "Europe/Berlin",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "Asia/Manila",
]
SESSION_NAMES = ["Africa and Middle East", "Asia and Pacific", "Europe", "Americas"]
DESCRIPTION = """\
This conversation is one of a series held in every time zone, so that everybody can take
part during their own day. **Interpretation** is offered where the session lists it, and
[internet data support](https://meta.wikimedia.org/wiki/Movement_Strategy) is available on
request.

## What we will discuss

1. What has changed since the last round of conversations.
2. Which recommendations matter most to your community, and why.
3. What support your community needs to take part.

## How to take part

- Register for the session that suits your time zone; the join link reaches you by email
  before the session.
- If the session is full, join the waiting list: places free up, and the first person
  waiting gets the place.
- Notes are published after the session, in the languages of the participants.

> Everybody is welcome: no prior knowledge of the strategy process is needed.
"""


# --- Data ------------------------------------------------------------------------


def data_create(
    *, events: int, past: int, sessions_per_event: int, registrations: int, capacity: int
) -> str:
    """Create the data; returns the slug of the soonest upcoming event."""
    from django.conf import settings
    from django.utils import timezone

    from convene.accounts.models import User
    from convene.core.languages import CONTENT
    from convene.events.models import Event, LocationType, Registration, Session

    rng = random.Random(20240601)  # the same data at every run
    now = timezone.now().replace(microsecond=0)
    languages = [code for code, _name in settings.LANGUAGES]
    interpretation = list(CONTENT)

    organizer = User(email="organizer@bench.invalid", display_name="Bench organizer")
    organizer.set_unusable_password()
    organizer.save()
    people = []
    for index in range(3000):
        person = User(
            email=f"person{index:05d}@bench.invalid",
            display_name=f"Person {index}",
            preferred_language=rng.choice(languages),
            timezone=rng.choice(ZONES),
        )
        person.set_unusable_password()
        people.append(person)
    people = User.objects.bulk_create(people, batch_size=1000)

    event_rows: list[Event] = []
    starts: list[datetime] = []
    for index in range(events):
        topic = TOPICS[index % len(TOPICS)]
        upcoming = index < events - past
        first = (
            now + timedelta(days=1 + index * 1.5, hours=rng.randint(0, 23))
            if upcoming
            else now - timedelta(days=20 + (index - events + past) * 30)
        )
        starts.append(first)
        event_rows.append(
            Event(
                slug=f"bench-event-{index:02d}",
                title=f"{topic} {index + 1}",
                summary="Four sessions across the time zones; interpretation on request.",
                description=DESCRIPTION,
                timezone=ZONES[index % len(ZONES)],
                is_published=True,
                registration_opens_at=first - timedelta(days=30),
                registration_closes_at=first - timedelta(hours=2),
            )
        )
    event_rows = Event.objects.bulk_create(event_rows)
    Event.organizers.through.objects.bulk_create(
        [Event.organizers.through(event_id=event.pk, user_id=organizer.pk) for event in event_rows]
    )

    session_rows: list[Session] = []
    for event, first in zip(event_rows, starts, strict=True):
        for number in range(sessions_per_event):
            start = first + timedelta(hours=6 * number)
            session_rows.append(
                Session(
                    event=event,
                    title=f"{SESSION_NAMES[number % len(SESSION_NAMES)]} session",
                    agenda="Round 1",
                    description="The same programme as the other sessions of this event.",
                    starts_at=start,
                    ends_at=start + timedelta(minutes=90),
                    timezone=event.timezone,
                    interpretation_languages=rng.sample(interpretation, rng.randint(0, 3)),
                    capacity=capacity,
                    location_type=LocationType.ONLINE,
                    meeting_url=f"https://meet.example.org/{event.slug}-{number}",
                )
            )
    session_rows = Session.objects.bulk_create(session_rows)

    # Uneven popularity: some sessions fill up and have a waiting list, others stay quiet.
    weights = [rng.lognormvariate(0, 0.6) for _session in session_rows]
    counts = Counter(rng.choices(range(len(session_rows)), weights=weights, k=registrations))
    registration_rows: list[Registration] = []
    for position, session in enumerate(session_rows):
        chosen = rng.sample(people, counts[position])
        moments = sorted(
            session.starts_at - timedelta(days=29, hours=22) * rng.random() - timedelta(hours=2)
            for _person in chosen
        )
        for order, (person, moment) in enumerate(zip(chosen, moments, strict=True)):
            confirmed = order < session.capacity
            offered = session.interpretation_languages
            language = offered[order % len(offered)] if offered and order % 7 == 0 else ""
            registration_rows.append(
                Registration(
                    session=session,
                    user=person,
                    status=Registration.Status.CONFIRMED
                    if confirmed
                    else Registration.Status.WAITLISTED,
                    interpretation_language=language,
                    needs_data_support=order % 4 == 0,
                    needs_childcare=order % 19 == 0,
                    code_of_conduct_accepted_at=moment,
                    created_at=moment,
                    confirmed_at=moment if confirmed else None,
                )
            )
        session.confirmed_count = min(counts[position], session.capacity)
    Registration.objects.bulk_create(registration_rows, batch_size=2000)
    Session.objects.bulk_update(session_rows, ["confirmed_count"], batch_size=500)
    soonest = min(
        (pair for pair in zip(starts, event_rows, strict=True) if pair[0] > now),
        key=lambda pair: pair[0],
    )
    return soonest[1].slug


def data_summary() -> str:
    """Counts read back from the database, and a check that the counters match."""
    from django.db.models import Count, F, Q

    from convene.events.models import Event, Registration, Session

    sessions = Session.objects.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed"))
    )
    mismatched = sum(1 for s in sessions if s.confirmed != s.confirmed_count)
    if mismatched:
        raise _support.BenchError(f"{mismatched} sessions have a wrong confirmed_count")
    by_status = dict(Registration.objects.values_list("status").annotate(n=Count("pk")).order_by())
    full = Session.objects.filter(confirmed_count=F("capacity")).count()
    return (
        f"{Event.objects.count()} events, {Session.objects.count()} sessions "
        f"({full} full), {sum(by_status.values()):,} registrations "
        f"({by_status.get('confirmed', 0):,} confirmed, "
        f"{by_status.get('waitlisted', 0):,} waitlisted)"
    )


# --- wrk ------------------------------------------------------------------------


@dataclass
class WrkRun:
    url: str
    requests: int
    seconds: float
    requests_per_second: float
    latency_ms: dict[str, float]  # p50, p75, p90, p99 from --latency; p95 and max from Lua
    errors: dict[str, int]
    bytes_per_response: float
    output: str


@dataclass
class Measured:
    label: str
    path: str
    connections: int
    run: WrkRun
    size: int  # bytes of one gzip answer
    load: _support.OtherLoad  # CPU used by other processes meanwhile
    setup: str = ""  # how the server was configured, e.g. with or without the page cache


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_SIZE_UNITS = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}


def _duration_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise _support.BenchError(f"wrk: unexpected duration {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def wrk_parse(url: str, output: str) -> WrkRun:
    latency = {
        f"p{m.group(1)}": _duration_ms(m.group(2))
        for m in re.finditer(r"^\s+(\d+)%\s+(\S+)\s*$", output, re.MULTILINE)
    }
    for m in re.finditer(r"^bench-latency (\w+) (\d+)$", output, re.MULTILINE):
        if m.group(1) in ("p95", "max"):
            latency[m.group(1)] = int(m.group(2)) / 1000
    summary = re.search(r"^bench-summary (.*)$", output, re.MULTILINE)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    read = re.search(
        r"^\s+(\d+) requests in ([\d.]+\w+), ([\d.]+)(B|KB|MB|GB) read", output, re.MULTILINE
    )
    if not (summary and rate and read and {"p50", "p90", "p95", "p99"} <= latency.keys()):
        raise _support.BenchError(f"wrk: could not parse the output\n{output}")
    fields = summary.group(1).split()
    numbers = {name: int(value) for name, value in zip(fields[::2], fields[1::2], strict=True)}
    requests = numbers.pop("requests")
    seconds = numbers.pop("duration") / 1_000_000
    transferred = float(read.group(3)) * _SIZE_UNITS[read.group(4)]
    return WrkRun(
        url=url,
        requests=requests,
        seconds=seconds,
        requests_per_second=float(rate.group(1)),
        latency_ms=latency,
        errors=numbers,
        bytes_per_response=transferred / requests if requests else 0.0,
        output=output,
    )


def wrk_run(url: str, *, threads: int, connections: int, seconds: int) -> WrkRun:
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "10s",
        "-H",
        f"Accept-Encoding: {ACCEPT_ENCODING}",
        "-s",
        str(LUA),
        url,
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=seconds + 60, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise _support.BenchError(f"wrk did not finish: {error}") from error
    if done.returncode != 0:
        raise _support.BenchError(f"wrk exited with {done.returncode}: {done.stderr}")
    return wrk_parse(url, done.stdout)


def page_check(url: str, expect: str) -> int:
    """GET the page as a browser would; returns the size of the (gzip) answer in bytes."""
    response = httpx.get(
        url, headers={"Accept-Encoding": ACCEPT_ENCODING}, timeout=30, trust_env=False
    )
    if expect not in response.text:  # httpx decompresses it
        raise _support.BenchError(f"{url}: the page does not contain {expect!r}")
    return response.num_bytes_downloaded


def server_setups() -> list[tuple[str, dict[str, str]]]:
    """With the anonymous page cache as configured, and without it, if there is one."""
    from django.conf import settings

    seconds = getattr(settings, "CONVENE_PAGE_CACHE_SECONDS", 0)
    if not seconds:
        return [("", {})]
    return [
        (f"page cache of {seconds} s (the default)", {}),
        ("page cache off", {"CONVENE_PAGE_CACHE_SECONDS": "0"}),
    ]


def measure_pages(
    args: argparse.Namespace,
    server: _support.Server,
    pages: list[tuple[str, str, str]],
    setup: str,
) -> list[Measured]:
    """For each page: warm up, then one connection, then `args.connections` connections.

    A run during which other processes used more than `args.max_other` of the CPU is
    repeated (at most `args.attempts` runs).
    """
    runs = []
    for label, path, expect in pages:
        url = server.url + path
        size = page_check(url, expect)
        wrk_run(url, threads=args.wrk_threads, connections=args.connections, seconds=args.warmup)
        for threads, connections, seconds in (
            (1, 1, args.single),
            (args.wrk_threads, args.connections, args.duration),
        ):
            for attempt in range(1, args.attempts + 1):
                _support.wait_quiet(args.wait_quiet)
                print(f"measuring {path} with {connections} connection(s) for {seconds} s")
                with _support.OtherLoad(server) as load:
                    run = wrk_run(url, threads=threads, connections=connections, seconds=seconds)
                if load.others <= args.max_other:
                    break
                if attempt < args.attempts:
                    print(f"other processes used {load.describe()} of the CPU: once more")
            runs.append(Measured(label, path, connections, run, size, load, setup))
    return runs


# --- Report ------------------------------------------------------------------------


def report(
    *,
    args: argparse.Namespace,
    runs: list[Measured],
    data: str,
    facts: list[tuple[str, str]],
) -> tuple[str, bool, bool]:
    """Markdown section, whether every request succeeded, whether the target was met.

    The target applies to the runs with `args.connections` connections; the one-connection
    runs show the time a single request takes when nothing waits in line.
    """
    rows = []
    clean = True
    met: dict[str, bool] = {}  # by server setup
    for measured in runs:
        run, lat = measured.run, measured.run.latency_ms
        errors = sum(run.errors.values())
        ok = lat["p95"] < TARGET_P95_MS
        clean &= errors == 0
        if measured.connections == args.connections:
            met[measured.setup] = met.get(measured.setup, True) and ok
        verdict = "met" if ok else "**missed**"
        print(
            f"{measured.label} ({measured.path}), {measured.setup or 'as configured'}, "
            f"{measured.connections} connection(s): "
            f"{run.requests_per_second:.1f} req/s, p50 {lat['p50']:.1f} ms, "
            f"p90 {lat['p90']:.1f} ms, p95 {lat['p95']:.1f} ms, p99 {lat['p99']:.1f} ms, "
            f"max {lat['max']:.1f} ms, errors {errors}, other processes' CPU "
            f"{measured.load.describe()}; p95 < {TARGET_P95_MS:.0f} ms: {verdict}"
        )
        rows.append(
            f"| {measured.label} `{measured.path}` | {measured.setup or 'as configured'} | "
            f"{measured.connections} | "
            f"**{run.requests_per_second:.1f}** | {lat['p50']:.1f} | {lat['p90']:.1f} | "
            f"**{lat['p95']:.1f}** | {lat['p99']:.1f} | {lat['max']:.1f} | {run.requests:,} | "
            f"{errors} | {measured.size:,} B | {measured.load.describe()} | {verdict} |"
        )
    table = "\n".join(rows)
    outcome = "; ".join(
        f"{setup + ': ' if setup else ''}{'met on every page' if ok else '**missed**'}"
        for setup, ok in met.items()
    )
    cache_note = (
        "\n\nWith the page cache, an anonymous visitor may get a page rendered a few seconds "
        "earlier, kept by each gunicorn worker process (the local-memory cache; with "
        "`REDIS_URL` the workers share one): wrk asking for the same address again and again "
        "is its best case. Without it every request is rendered, as for a signed-in visitor "
        "or many different pages, languages and time zones."
        if len(met) > 1
        else ""
    )
    return (
        f"""## Event pages under load

`wrk -t{args.wrk_threads} -c{args.connections} -d{args.duration}s --latency` against each
page (p95 from `bench/wrk_report.lua`), after a {args.warmup}-second warm-up; before it, a
{args.single}-second run with one connection (`-t1 -c1`) shows how long one request takes
when nothing waits in line. The visitor is anonymous and sends
`Accept-Encoding: {ACCEPT_ENCODING}`, so Django compresses the HTML as for a browser. wrk
runs on the same machine as gunicorn and PostgreSQL; gunicorn runs as in the README's
production example (`--workers` and `--threads` try other settings). Data: {data};
then `ANALYZE` (as autovacuum does on a live database).

Target: **p95 < {TARGET_P95_MS:.0f} ms with {args.connections} connections**: {outcome}.

| Page | Server | Connections | Requests/s | p50 ms | p90 ms | p95 ms | p99 ms | max ms | Requests | Errors | Answer (gzip) | Other CPU | p95 < {TARGET_P95_MS:.0f} ms |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
{table}

With a fixed number of connections each waiting for its answer, latency is about
connections ÷ throughput: p95 under {TARGET_P95_MS:.0f} ms with {args.connections}
connections needs roughly {args.connections / TARGET_P95_MS * 1000:.0f} requests per second
or more. "Other CPU": the share of the machine's CPU that processes other than the
benchmark's (gunicorn, wrk, PostgreSQL) used during the run; figures from a run with much
of it are too low.{cache_note}

{_support.facts_table(facts)}
Command: `.venv/bin/python bench/event_pages.py`
""",
        clean,
        next(iter(met.values()), False),  # the server as configured by default
    )


# --- Main --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=50)
    parser.add_argument("--past", type=int, default=10, help="how many of the events are past")
    parser.add_argument("--sessions-per-event", type=int, default=4)
    parser.add_argument("--registrations", type=int, default=10_000)
    parser.add_argument("--capacity", type=int, default=100)
    parser.add_argument("--duration", type=int, default=20, help="seconds of wrk per page")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk before measuring")
    parser.add_argument("--single", type=int, default=5, help="seconds with one connection")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="1: gunicorn's sync workers")
    parser.add_argument("--database", default="convene_bench_pages")
    parser.add_argument("--keep-db", action="store_true", help="keep the database afterwards")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--wait-quiet", type=int, default=60, help="seconds to wait at most for an idle machine"
    )
    parser.add_argument(
        "--max-other",
        type=float,
        default=0.1,
        help="measure again when other processes used more than this share of the CPU",
    )
    parser.add_argument("--attempts", type=int, default=3, help="runs at most (see --max-other)")
    parser.add_argument("--time-limit", type=int, default=2400, help="seconds for the whole run")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2
    var_dir = Path(tempfile.mkdtemp(prefix="convene-bench-"))
    server = None
    try:
        with _support.time_limit(args.time_limit):
            print(f"database {args.database}: recreating and migrating")
            url = _support.database_recreate(args.database)
            _support.django_configure(database_url=url, var_dir=var_dir)
            _support.django_migrate()
            _support.django_collectstatic()
            slug = data_create(
                events=args.events,
                past=args.past,
                sessions_per_event=args.sessions_per_event,
                registrations=args.registrations,
                capacity=args.capacity,
            )
            _support.database_analyze()
            data = data_summary()
            print(data)
            from convene.events.models import Event

            title = Event.objects.get(slug=slug).title
            pages = [
                ("Event list", "/en/events/", "Upcoming"),
                ("Event page", f"/en/events/{slug}/", title),
            ]
            runs: list[Measured] = []
            for setup, env in server_setups():
                server = _support.Server(
                    workers=args.workers,
                    threads=args.threads,
                    log_path=var_dir / "gunicorn.log",
                    env=env,
                )
                server.start()
                print(f"{server.description} on {server.url}{f', {setup}' if setup else ''}")
                runs += measure_pages(args, server, pages, setup)
                facts = _support.machine_facts(server)
                server.stop()
                if server.log_tail():
                    print(f"gunicorn log:\n{server.log_tail()}")
            text, clean, met = report(args=args, runs=runs, data=data, facts=facts)
            if not args.no_write:
                _support.section_write(SECTION, text)
                print(f"written to {_support.DOC.relative_to(_support.REPO)}")
            if not clean or (args.strict and not met):
                return 1
            return 0
    except (_support.BenchError, _support.BenchTimeout) as error:
        print(f"event pages: {error}", file=sys.stderr)
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
