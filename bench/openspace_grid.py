"""The open space's page (its grid and marketplace) under load, and how soon a placement is
seen by a page that polls, served by gunicorn.

Creates a fresh PostgreSQL database with a big open space (10 slots × 20 rooms, 500
confirmed participants, 200 topics: 150 on the grid, 50 in the marketplace, with interests)
and a small one (2 slots × 2 rooms, 3 topics, 5 participants) to compare query counts.

1. SQL queries of the page `/en/open-space/<slug>/`, anonymous and signed in (a participant
   of both), counted with the test client and `CaptureQueriesContext` (page cache off) on
   the small open space and on the big one; they must be equal.
2. `wrk -t2 -c16 -d20s --latency` on the big open space's page, anonymous and signed in (a
   session cookie: the page cache never serves them), after a warm-up and a one-connection
   run; gunicorn `-w 4` sync workers, with the anonymous page cache as configured and with
   it off (`CONVENE_PAGE_CACHE_SECONDS=0`) (`registry_pages.measure_pages`).
3. The first visit with an empty cache: the page and what it links on this site, gzip
   accepted, target under 50 KB.
4. Placement to seen: a client polls `<slug>/grid/state.json` as the page's script
   (`openspace-grid.js`) does, one second after each answer on a kept-alive connection like
   a browser's, and fetches the grid's fragment when the version changes; meanwhile another
   client places 50 topics one after the other through the API (one every `--gap` seconds).
   For each placement: the time from its answer to the poller's first answer showing its
   version (or a later one). Measured with the cache the bench's gunicorn has by default
   (each worker its own memory: `LocMemCache`) and with a Redis the workers share (as a site
   with `REDIS_URL` runs), when `redis-server` is installed (started on a free port, stopped
   afterwards). Target: p95 under 2 s.

Writes the figures to docs/benchmarks.md (section `openspace-grid`).

    .venv/bin/python bench/openspace_grid.py
    .venv/bin/python bench/openspace_grid.py --duration 3 --placements 10 --no-write

Exits with 1 when a request failed or the query counts differ (or, with --strict, when a
target is missed), 2 when the run could not be measured.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path

import _support
import event_pages  # the page cache's setups
import httpx
import prioritization_ballots  # people with sessions and tokens
import registry_pages  # wrk with a cookie, the measuring loop, a signed-in session
from event_pages import Measured
from registry_pages import QueryCount

SECTION = "openspace-grid"
TARGET_P95_MS = 50.0
TARGET_BYTES = 50_000
TARGET_SEEN_S = 2.0
BIG = "bench-grid-big"
SMALL = "bench-grid-small"
POLL_SECONDS = 1.0  # openspace-grid.js: DELAY = 1000, after each answer


@dataclass
class Space:
    slug: str
    open_space_id: int
    slots: list[int]
    rooms: list[int]
    proposed: list[tuple[int, str]]  # topics in the marketplace: (id, its convener's token)


@dataclass
class Data:
    big: Space
    small: Space
    reader: int  # a participant of both, who signs in
    summary: str


# --- Data ------------------------------------------------------------------------


def _space(
    *,
    slug: str,
    slots: int,
    rooms: int,
    people: list[prioritization_ballots.Person],
    topics: int,
    placed: int,
    organizer_id: int,
) -> Space:
    from django.utils import timezone

    from convene.events.models import Event, Registration, Session
    from convene.openspace.models import Interest, OpenSpace, Room, Slot, Topic

    now = timezone.now()
    first = datetime.combine((now + timedelta(days=1)).date(), clock(8), tzinfo=UTC)
    event = Event.objects.create(
        slug=slug,
        title=f"Open space {slug}",
        summary="An open space to measure.",
        description="Its agenda is made by its participants.",
        is_published=True,
        registration_opens_at=now - timedelta(days=7),
        timezone="Europe/Paris",
    )
    event.organizers.add(organizer_id)
    session = Session.objects.create(
        event=event,
        title="Opening circle",
        starts_at=first - timedelta(hours=1),
        ends_at=first,
        capacity=len(people) + 10,
        timezone="Europe/Paris",
    )
    open_space = OpenSpace.objects.create(event=event, networks=["A network", "Another"])
    made_slots = Slot.objects.bulk_create(
        Slot(
            open_space=open_space,
            starts_at=first + timedelta(hours=n),
            ends_at=first + timedelta(hours=n, minutes=50),
        )
        for n in range(slots)
    )
    made_rooms = Room.objects.bulk_create(
        Room(
            open_space=open_space,
            name=f"Room {n + 1}",
            meeting_url=f"https://meet.example.org/{slug}-{n + 1}",
            position=n,
        )
        for n in range(rooms)
    )
    Registration.objects.bulk_create(
        (
            Registration(
                session=session,
                user_id=person.user_id,
                status=Registration.Status.CONFIRMED,
                code_of_conduct_accepted_at=now,
                confirmed_at=now,
            )
            for person in people
        ),
        batch_size=500,
    )
    Session.objects.filter(pk=session.pk).update(confirmed_count=len(people))
    places = [(s, r) for s in made_slots for r in made_rooms]
    chooser = random.Random(slug)
    chooser.shuffle(places)
    made = Topic.objects.bulk_create(
        Topic(
            open_space=open_space,
            convener_id=people[index % len(people)].user_id,
            title=f"Topic {index + 1}: what we would do together, and how",
            description="A few lines about the topic, what it is for and who it is for.",
            languages=["en", "fr"] if index % 3 else ["es"],
            status=Topic.Status.PLACED if index < placed else Topic.Status.PROPOSED,
            slot=places[index][0] if index < placed else None,
            room=places[index][1] if index < placed else None,
        )
        for index in range(topics)
    )
    interests = [
        Interest(topic=topic, user_id=people[(index * 7 + k) % len(people)].user_id)
        for index, topic in enumerate(made)
        for k in range(index % 6)
    ]
    Interest.objects.bulk_create(interests, batch_size=1000, ignore_conflicts=True)
    for topic in made:
        Topic.objects.filter(pk=topic.pk).update(interest_count=topic.interests.count())
    token_of = {p.user_id: p.token for p in people}
    return Space(
        slug,
        open_space.pk,
        [s.pk for s in made_slots],
        [r.pk for r in made_rooms],
        [(t.pk, token_of[t.convener_id]) for t in made[placed:] if t.convener_id],
    )


def data_create(users: int) -> Data:
    from convene.accounts.models import User

    organizer = User.objects.create(email="organizer@bench.invalid", display_name="Organizer")
    people = prioritization_ballots.people_create(users)
    big = _space(
        slug=BIG,
        slots=10,
        rooms=20,
        people=people,
        topics=200,
        placed=150,
        organizer_id=organizer.pk,
    )
    small = _space(
        slug=SMALL,
        slots=2,
        rooms=2,
        people=people[:5],
        topics=3,
        placed=2,
        organizer_id=organizer.pk,
    )
    summary = (
        f"Big open space: 10 slots × 20 rooms, {users} confirmed participants, 200 topics (150 "
        "on the grid, 50 in the marketplace) with interests. Small one: 2 slots × 2 rooms, "
        "5 participants, 3 topics (2 on the grid)."
    )
    return Data(big, small, people[0].user_id, summary)


# --- Queries ------------------------------------------------------------------------


def query_counts(data: Data) -> list[QueryCount]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from convene.accounts.models import User

    reader = User.objects.get(pk=data.reader)
    results = []
    with override_settings(CONVENE_PAGE_CACHE_SECONDS=0):
        for visitor in ("anonymous", "signed in (participant)"):
            client = Client(SERVER_NAME=_support.HOST)
            if visitor != "anonymous":
                client.force_login(reader)
            counted = []
            for slug in (SMALL, BIG):
                path = f"/en/open-space/{slug}/"
                client.get(path)  # the first request fills per-process caches
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(path)
                if response.status_code != 200:
                    raise _support.BenchError(f"{path} answered {response.status_code}")
                counted.append(len(queries))
            results.append(
                QueryCount(
                    "Open space page", visitor, counted[0], counted[1], "3 topics", "200 topics"
                )
            )
    return results


# --- Placement to seen ----------------------------------------------------------------


@contextlib.contextmanager
def redis_server(var_dir: Path) -> Iterator[str | None]:
    """A Redis of this run's own on a free port (None without redis-server or without the
    `redis` package, which Django's Redis cache needs)."""
    binary = shutil.which("redis-server")
    if binary is None or importlib.util.find_spec("redis") is None:
        yield None
        return
    port = _support.free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", _support.HOST, "--save", "", "--appendonly", "no"],
        cwd=var_dir,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                import socket

                with socket.create_connection((_support.HOST, port), timeout=1):
                    break
            time.sleep(0.1)
        yield f"redis://{_support.HOST}:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class Seen:
    setup: str
    delays: list[float] = field(default_factory=list)  # seconds, placement answer → seen
    fragment_delays: list[float] = field(default_factory=list)  # → the grid fetched
    polls: int = 0
    poll_errors: int = 0
    placement_errors: list[str] = field(default_factory=list)
    unseen: int = 0

    def p(self, q: float, fragment: bool = False) -> float:
        values = self.fragment_delays if fragment else self.delays
        return _support.percentile(values, q) if values else float("nan")

    @property
    def met(self) -> bool:
        return bool(self.delays) and not self.unseen and self.p(95) < TARGET_SEEN_S


class Poller(threading.Thread):
    """Polls the grid's version like the page's script, on one kept-alive connection."""

    def __init__(self, base: str, slug: str, cookie: str) -> None:
        super().__init__(daemon=True)
        self.client = httpx.Client(base_url=base, trust_env=False, timeout=30)
        self.headers = {"Cookie": cookie, "Accept": "application/json"}
        self.slug = slug
        self.seen: list[tuple[float, int]] = []  # (answer's end, version)
        self.fragments: list[tuple[float, int]] = []  # (fragment fetched, version)
        self.errors = 0
        self.stop = threading.Event()

    def run(self) -> None:
        shown = None
        with self.client:
            while not self.stop.is_set():
                try:
                    answer = self.client.get(
                        f"/en/open-space/{self.slug}/grid/state.json", headers=self.headers
                    )
                    ended = time.perf_counter()
                    version = int(answer.json()["version"])
                    self.seen.append((ended, version))
                    if shown is not None and version != shown:
                        fragment = self.client.get(
                            f"/en/open-space/{self.slug}/grid/fragment/",
                            headers={**self.headers, "Accept": "text/html"},
                        )
                        if fragment.status_code == 200:
                            self.fragments.append((time.perf_counter(), version))
                        else:
                            self.errors += 1
                    shown = version
                except (httpx.HTTPError, ValueError, KeyError):
                    self.errors += 1
                self.stop.wait(POLL_SECONDS)


def placement_to_seen(
    args: argparse.Namespace,
    server: _support.Server,
    data: Data,
    cookie: str,
    setup: str,
    pollers: int = 1,
) -> Seen:
    from convene.openspace.models import OpenSpace, Topic

    space = data.big
    taken = set(
        Topic.objects.filter(open_space_id=space.open_space_id, slot__isnull=False).values_list(
            "slot_id", "room_id"
        )
    )
    free = [(s, r) for s in space.slots for r in space.rooms if (s, r) not in taken]
    seen = Seen(setup)
    watching = [Poller(server.url, space.slug, cookie) for _ in range(pollers)]
    for poller in watching:
        poller.start()
        time.sleep(POLL_SECONDS / pollers)  # spread over the second, as pages opened apart
    time.sleep(2.5)  # every poller has its version
    placed: list[tuple[float, int]] = []  # (placement's answer, version after it)
    with httpx.Client(base_url=server.url, trust_env=False, timeout=30) as client:
        for (topic_id, token), (slot, room) in zip(
            space.proposed[: args.placements], free, strict=False
        ):
            answer = client.post(
                f"/api/v1/open-spaces/{space.slug}/topics/{topic_id}/place/",
                json={"slot": slot, "room": room},
                headers={"Authorization": f"Token {token}", "Accept": "application/json"},
            )
            ended = time.perf_counter()
            if answer.status_code >= 300:
                seen.placement_errors.append(f"{answer.status_code} {answer.text[:100]}")
                continue
            version = (
                OpenSpace.objects.filter(pk=space.open_space_id)
                .values_list("grid_version", flat=True)
                .get()
            )
            placed.append((ended, version))
            time.sleep(args.gap)
    time.sleep(args.tail)  # late sightings
    for poller in watching:
        poller.stop.set()
    for poller in watching:
        poller.join(timeout=35)
    seen.polls = sum(len(poller.seen) for poller in watching)
    seen.poll_errors = sum(poller.errors for poller in watching)
    for ended, version in placed:
        for poller in watching:
            sighting = next((t for t, v in poller.seen if t >= ended and v >= version), None)
            if sighting is None:
                seen.unseen += 1
                continue
            seen.delays.append(max(sighting - ended, 0.0))
            fetched = next((t for t, v in poller.fragments if t >= ended and v >= version), None)
            if fetched is not None:
                seen.fragment_delays.append(max(fetched - ended, 0.0))
    # Put the topics back in the marketplace for the next setup.
    Topic.objects.filter(pk__in=[pk for pk, _token in space.proposed]).update(
        slot=None, room=None, status=Topic.Status.PROPOSED
    )
    print(
        f"placement to seen, {setup}: {len(seen.delays)} sightings of {len(placed)} placements "
        f"by {pollers} page(s), {seen.unseen} unseen, p50 "
        f"{seen.p(50):.2f} s, p95 {seen.p(95):.2f} s, max {seen.p(100):.2f} s; grid fetched p95 "
        f"{seen.p(95, True):.2f} s; {seen.polls} polls, {seen.poll_errors} errors; "
        f"placement errors {seen.placement_errors[:3]}"
    )
    return seen


# --- First visit ---------------------------------------------------------------------

ASSET = re.compile(
    r"<(?:link[^>]*\bhref|script[^>]*\bsrc|img[^>]*\bsrc)=\"(/[^\"]+)\"", re.IGNORECASE
)


@dataclass
class FirstVisit:
    visitor: str
    requests: int
    transferred: int  # bytes of the answers' bodies as sent (gzip where offered)
    assets: list[str]

    @property
    def met(self) -> bool:
        return self.transferred < TARGET_BYTES


def first_visit(base: str, path: str, visitor: str, cookie: str) -> FirstVisit:
    """The page and everything it links on this site (styles, scripts, icons, images), as a
    browser with an empty cache asks them, gzip accepted. The page's script then polls the
    grid's version every second (a few dozen bytes each), so a browser's network never
    settles: its answers are not counted here."""
    headers = {"Accept-Encoding": event_pages.ACCEPT_ENCODING}
    if cookie:
        headers["Cookie"] = cookie
    with httpx.Client(base_url=base, trust_env=False, timeout=30, headers=headers) as client:
        page = client.get(path)
        if page.status_code != 200:
            raise _support.BenchError(f"{path} answered {page.status_code}")
        total = page.num_bytes_downloaded
        assets = list(dict.fromkeys(ASSET.findall(page.text)))
        for asset in assets:
            answer = client.get(asset)
            if answer.status_code != 200:
                raise _support.BenchError(f"{asset} answered {answer.status_code}")
            total += answer.num_bytes_downloaded
    return FirstVisit(visitor, 1 + len(assets), total, assets)


# --- Report ------------------------------------------------------------------------


def report(
    *,
    args: argparse.Namespace,
    runs: list[Measured],
    data: Data,
    counts: list[QueryCount],
    visits: list[FirstVisit],
    seens: list[Seen],
    facts: list[tuple[str, str]],
) -> tuple[str, bool, bool, bool]:
    """Markdown; whether every request succeeded, the query counts were equal, and every
    target was met."""
    rows = []
    clean = True
    met = True
    for measured in runs:
        run, lat = measured.run, measured.run.latency_ms
        errors = sum(run.errors.values())
        ok = lat["p95"] < TARGET_P95_MS
        clean &= errors == 0
        if measured.connections == args.connections:
            met &= ok
        verdict = "met" if ok else "**missed**"
        setup = measured.setup or "as configured"
        print(
            f"{measured.label}, {setup}, {measured.connections} connection(s): "
            f"{run.requests_per_second:.1f} req/s, p50 {lat['p50']:.1f} ms, p95 "
            f"{lat['p95']:.1f} ms, max {lat['max']:.1f} ms, errors {errors}, other CPU "
            f"{measured.load.describe()}: {verdict}"
        )
        rows.append(
            f"| {measured.label} | {setup} | {measured.connections} | "
            f"**{run.requests_per_second:.1f}** | {lat['p50']:.1f} | **{lat['p95']:.1f}** | "
            f"{lat['p99']:.1f} | {lat['max']:.1f} | {run.requests:,} | {errors} | "
            f"{measured.size:,} B | {measured.load.describe()} | {verdict} |"
        )
    equal = all(count.equal for count in counts)
    count_rows = "\n".join(
        f"| {c.page} | {c.visitor} | {c.few} ({c.few_label}) | {c.many} ({c.many_label}) | "
        f"{'equal' if c.equal else '**different**'} |"
        for c in counts
    )
    light = bool(visits) and all(v.met for v in visits)
    weight_rows = "\n".join(
        f"| Open space page | {v.visitor} | {v.requests} | **{v.transferred:,} B** "
        f"({v.transferred / 1000:.1f} KB) | {', '.join(f'`{a}`' for a in v.assets)} | "
        f"{'met' if v.met else '**missed**'} |"
        for v in visits
    )
    seen_rows = "\n".join(
        f"| {s.setup} | {len(s.delays)} of {len(s.delays) + s.unseen} | {s.p(50):.2f} s | "
        f"**{s.p(95):.2f} s** | {s.p(100):.2f} s | {s.p(95, True):.2f} s | {s.polls} "
        f"({s.poll_errors} errors) | {'met' if s.met else '**missed**'} |"
        for s in seens
    )
    seen_met = bool(seens) and all(s.met for s in seens)
    met = met and light and seen_met and equal
    text = f"""## Open space: the grid page and placement to seen

{data.summary}

`wrk -t{args.wrk_threads} -c{args.connections} -d{args.duration}s --latency` (after a
{args.warmup} s warm-up and a {args.single} s run with one connection) on the big open space's
page `/en/open-space/<slug>/` (its grid and marketplace), anonymous and signed in as a
participant (a session cookie: the page cache never serves them), sending
`Accept-Encoding: {event_pages.ACCEPT_ENCODING}`. gunicorn `-w {args.workers}` single-threaded
workers, with the anonymous page cache as configured and with it off
(`CONVENE_PAGE_CACHE_SECONDS=0`).

**The machine has 2 cores, shared with other work while these figures were measured** (the
"other CPU" column: the share of the CPU other processes used during the run).

Target: **p95 < {TARGET_P95_MS:.0f} ms with {args.connections} connections, cache on and
off**: {"met" if all(r.run.latency_ms["p95"] < TARGET_P95_MS for r in runs if r.connections == args.connections) else "**missed**"}.

| Page, visitor | Server | Connections | Requests/s | p50 ms | p95 ms | p99 ms | max ms | Requests | Errors | Answer (gzip) | Other CPU | p95 < {TARGET_P95_MS:.0f} ms |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

SQL queries of the page (test client, `CaptureQueriesContext`, page cache off, after one
request to warm the caches), small open space and big one: **{"equal" if equal else "different"}**.

| Page | Visitor | Small | Big | |
|---|---|---|---|---|
{count_rows}

First visit, empty cache: the page and every style, script and image it links on this
site, gzip accepted, the answers' bodies as sent (headers not counted). Not measured in
Chromium as `bench/page_weight.py` does: the page's script polls the grid's version every
second, so the browser's network never settles. Target **under {TARGET_BYTES / 1000:.0f} KB**:
{"met" if light else "**missed**"}.

| Page | Visitor | Requests | Transferred (gzip) | Linked | < {TARGET_BYTES / 1000:.0f} KB |
|---|---|---|---|---|---|
{weight_rows}

Placement to seen: a client polls `<slug>/grid/state.json` as `openspace-grid.js` does (one
second after each answer, on one kept-alive connection, as a browser; the grid's fragment
fetched when the version changes) while another places {args.placements} topics through the
API, one every {args.gap} s; then the same with {args.pollers} such clients polling at once
(pages open side by side, their polls spread over the second). Delay: from the placement's answer to the poller's first answer
showing its version. gunicorn `-w {args.workers}` as above. Target: **p95 under
{TARGET_SEEN_S:.0f} s**: {"met" if seen_met else "**missed**"}.

| Cache of the workers, pages polling | Seen (placements × pages) | p50 | p95 | max | Grid fetched, p95 | Polls | < {TARGET_SEEN_S:.0f} s |
|---|---|---|---|---|---|---|---|
{seen_rows}

{_support.facts_table(facts)}
Command: `{" ".join([".venv/bin/python bench/openspace_grid.py", *(a for a in sys.argv[1:] if a != "--no-write")])}`
"""
    return text, clean, equal, met


# --- Main --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--duration", type=int, default=20, help="seconds of wrk per run")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--single", type=int, default=5, help="seconds with one connection")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="1: gunicorn's sync workers")
    parser.add_argument("--placements", type=int, default=50)
    parser.add_argument(
        "--pollers", type=int, default=16, help="then as many pages polling at once (1: not)"
    )
    parser.add_argument("--gap", type=float, default=2.0, help="seconds between placements")
    parser.add_argument(
        "--tail", type=float, default=62.0, help="seconds of polling after the last placement"
    )
    parser.add_argument("--database", default="convene_bench_openspace_grid")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    parser.add_argument("--no-weight", action="store_true", help="skip the first-visit weight")
    parser.add_argument("--no-wrk", action="store_true", help="skip the page's latency")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--wait-quiet", type=int, default=60)
    parser.add_argument("--max-other", type=float, default=0.1)
    parser.add_argument("--attempts", type=int, default=3)
    parser.add_argument("--time-limit", type=int, default=2400)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None and not args.no_wrk:
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
            data = data_create(args.users)
            _support.database_analyze()
            print(data.summary)
            counts = query_counts(data)
            for count in counts:
                print(f"SQL queries, {count.visitor}: {count.few} and {count.many}")
            cookie = registry_pages.session_cookie(data.reader)
            path = f"/en/open-space/{BIG}/"
            pages = [("Open space page", path, "Topic 1:")]
            visitors = [("anonymous", ""), ("signed in", cookie)]
            runs: list[Measured] = []
            facts: list[tuple[str, str]] = []
            if not args.no_wrk:
                for setup, env in event_pages.server_setups():
                    server = _support.Server(
                        workers=args.workers,
                        threads=args.threads,
                        log_path=var_dir / "gunicorn.log",
                        env=env,
                    )
                    server.start()
                    print(f"{server.description} on {server.url}{f', {setup}' if setup else ''}")
                    runs += registry_pages.measure_pages(args, server, pages, visitors, setup)
                    facts = _support.machine_facts(server)
                    server.stop()
            seens = []
            with redis_server(var_dir) as redis_url:
                setups = [("each worker its own (LocMemCache, the bench's default)", {})]
                if redis_url:
                    setups.append(
                        ("one Redis for every worker (REDIS_URL)", {"REDIS_URL": redis_url})
                    )
                plan = [(setup, env, 1) for setup, env in setups]
                if args.pollers > 1:
                    plan += [
                        (f"{setup}, {args.pollers} pages polling", env, args.pollers)
                        for setup, env in setups
                    ]
                for setup, env, pollers in plan:
                    server = _support.Server(
                        workers=args.workers,
                        threads=args.threads,
                        log_path=var_dir / "gunicorn.log",
                        env=env,
                    )
                    server.start()
                    seens.append(placement_to_seen(args, server, data, cookie, setup, pollers))
                    if not facts:
                        facts = _support.machine_facts(server)
                    server.stop()
            visits: list[FirstVisit] = []
            if not args.no_weight:
                server = _support.Server(
                    workers=args.workers, threads=args.threads, log_path=var_dir / "gunicorn.log"
                )
                server.start()
                for visitor, visitor_cookie in visitors:
                    visit = first_visit(server.url, path, visitor, visitor_cookie)
                    visits.append(visit)
                    print(
                        f"first visit, {visitor}: {visit.transferred:,} bytes, "
                        f"{visit.requests} requests"
                    )
                server.stop()
            text, clean, equal, met = report(
                args=args,
                runs=runs,
                data=data,
                counts=counts,
                visits=visits,
                seens=seens,
                facts=facts,
            )
            if not args.no_write:
                _support.section_write(SECTION, text)
                print(f"written to {_support.DOC.relative_to(_support.REPO)}")
            if not clean or not equal or (args.strict and not met):
                return 1
            return 0
    except (_support.BenchError, _support.BenchTimeout) as error:
        print(f"open space grid: {error}", file=sys.stderr)
        if server is not None and server.log_tail():
            print(f"gunicorn's log:\n{server.log_tail()}", file=sys.stderr)
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
