"""Open space placements: 500 participants try to place 200 topics on the grid at once.

Creates a fresh PostgreSQL database with an open space (10 slots × 20 rooms, starting
tomorrow), 500 confirmed participants each signed in (a session cookie) and with an API
token (`prioritization_ballots.people_create`), and 200 proposed topics, one for each of
the first 200 participants. Then starts gunicorn with DEBUG off and sends 500 placements at
once, one per participant:

- the 200 conveners place their own topic: 130 of them aim at 130 different places, the
  other 70 at one of those same places (deliberate collisions: two to four aim at one
  place), so at least 70 are refused as taken;
- the 300 other participants try to place someone else's topic in a free-looking place:
  only a topic's convener and the organizers place it, so they are refused (forbidden).

Once through the page's form (`POST /en/open-space/<slug>/topics/<id>/place/` with the free
place chosen in its select, `place=<slot id>-<room id>`, a session cookie and a CSRF token,
as a browser without JavaScript sends it), then, with the grid emptied again, through the API
(`POST /api/v1/open-spaces/<slug>/topics/<id>/place/` with {"slot": id, "room": id}).

After each burst it checks in the database: no place (slot and room) holds two topics, no
5xx, every request answered, every accepted placement (2xx/3xx) recorded (the topic is at
the place it aimed at), no topic placed by someone refused, and counts the refusals (by
code for the API: taken, forbidden ...; for the form, a refused placement whose place holds
another topic counts as taken). Prints placements per second and latency percentiles and
writes the figures to docs/benchmarks.md (section `openspace-placements`).

    .venv/bin/python bench/openspace_placements.py
    .venv/bin/python bench/openspace_placements.py --no-write --no-form

Exits with 1 when a correctness check fails, 2 when the run could not be measured.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import secrets
import shutil
import string
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from urllib.parse import urlencode

import _support
import httpx
import prioritization_ballots  # people with sessions and tokens, the HTTP client, sampling
from prioritization_ballots import Person, Sampler, histogram

SECTION = "openspace-placements"
SLUG = "bench-placements"
SLOTS = 10
ROOMS = 20
TOPICS = 200
DISTINCT = 130  # conveners aiming at a place of their own; the others collide with them
SEED = 20200920


@dataclass
class Data:
    open_space_id: int
    topics: list[int]  # topic ids, the i-th convened by people[i]
    slots: list[int]
    rooms: list[int]
    people: list[Person]


@dataclass
class Sending:
    person: Person
    topic: int
    slot: int
    room: int
    convener: bool


@dataclass
class Result:
    sending: Sending
    status: int | None
    seconds: float
    ended: float
    body: bytes = b""
    location: str = ""
    error: str = ""

    @property
    def code(self) -> str:
        try:
            return str(json.loads(self.body).get("code", ""))
        except (ValueError, AttributeError):
            return ""


# --- Data ------------------------------------------------------------------------


def data_create(users: int) -> Data:
    from django.utils import timezone

    from convene.accounts.models import User
    from convene.events.models import Event, Registration, Session
    from convene.openspace.models import OpenSpace, Room, Slot, Topic

    now = timezone.now()
    first = datetime.combine((now + timedelta(days=1)).date(), clock(8), tzinfo=UTC)
    organizer = User.objects.create(email="organizer@bench.invalid", display_name="Organizer")
    event = Event.objects.create(
        slug=SLUG,
        title="Open space under load",
        is_published=True,
        registration_opens_at=now - timedelta(days=7),
    )
    event.organizers.add(organizer)
    session = Session.objects.create(
        event=event,
        title="Opening circle",
        starts_at=first - timedelta(hours=1),
        ends_at=first,
        capacity=users + 10,
    )
    open_space = OpenSpace.objects.create(event=event)
    slots = Slot.objects.bulk_create(
        Slot(
            open_space=open_space,
            starts_at=first + timedelta(hours=n),
            ends_at=first + timedelta(hours=n, minutes=50),
        )
        for n in range(SLOTS)
    )
    rooms = Room.objects.bulk_create(
        Room(
            open_space=open_space,
            name=f"Room {n + 1}",
            meeting_url=f"https://meet.example.org/bench-{n + 1}",
            position=n,
        )
        for n in range(ROOMS)
    )
    people = prioritization_ballots.people_create(users)
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
    topics = Topic.objects.bulk_create(
        Topic(
            open_space=open_space,
            convener_id=person.user_id,
            title=f"Topic {index + 1}: what we would do together",
            description="A few lines about the topic.",
            languages=["en"],
        )
        for index, person in enumerate(people[:TOPICS])
    )
    return Data(
        open_space.pk,
        [t.pk for t in topics],
        [s.pk for s in slots],
        [r.pk for r in rooms],
        people,
    )


def sendings_make(data: Data, seed: int) -> list[Sending]:
    """One placement per person: conveners their own topic (DISTINCT places, the rest
    colliding), the others someone else's topic. Shuffled."""
    chooser = random.Random(seed)
    places = [(slot, room) for slot in data.slots for room in data.rooms]
    chooser.shuffle(places)
    aimed = places[:DISTINCT]
    sendings = []
    for index, topic in enumerate(data.topics):
        slot, room = aimed[index] if index < DISTINCT else chooser.choice(aimed)
        sendings.append(Sending(data.people[index], topic, slot, room, convener=True))
    for person in data.people[len(data.topics) :]:
        slot, room = chooser.choice(places)
        sendings.append(Sending(person, chooser.choice(data.topics), slot, room, convener=False))
    chooser.shuffle(sendings)
    return sendings


def grid_reset(data: Data) -> None:
    from django.db import transaction

    from convene.core.models import RateLimitCounter
    from convene.openspace.models import OpenSpace, Presence, Topic

    with transaction.atomic():
        Presence.objects.filter(slot_id__in=data.slots).delete()
        Topic.objects.filter(open_space_id=data.open_space_id).update(
            slot=None, room=None, status=Topic.Status.PROPOSED, organizer_reason=""
        )
        OpenSpace.objects.filter(pk=data.open_space_id).update(grid_version=1)
        RateLimitCounter.objects.all().delete()


# --- Requests ----------------------------------------------------------------------


CSRF_SECRET = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))


def form_request(port: int, sending: Sending) -> tuple[str, dict[str, str], bytes]:
    from django.conf import settings

    body = urlencode(
        {
            "csrfmiddlewaretoken": CSRF_SECRET,
            "place": f"{sending.slot}-{sending.room}",  # the form's select: "<slot>-<room>"
        }
    ).encode()
    headers = {
        "Cookie": f"{sending.person.session}; {settings.CSRF_COOKIE_NAME}={CSRF_SECRET}",
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": f"http://{_support.HOST}:{port}",
        "Accept": "text/html",
    }
    return f"/en/open-space/{SLUG}/topics/{sending.topic}/place/", headers, body


def api_request(port: int, sending: Sending) -> tuple[str, dict[str, str], bytes]:
    body = json.dumps({"slot": sending.slot, "room": sending.room}).encode()
    headers = {
        "Authorization": f"Token {sending.person.token}",
        "Content-Type": "application/json",
        "Accept": "application/json",
    }
    return f"/api/v1/open-spaces/{SLUG}/topics/{sending.topic}/place/", headers, body


async def fire(
    port: int, sendings: list[Sending], *, api: bool, concurrency: int, timeout: float
) -> tuple[list[Result], float]:
    gate = asyncio.Semaphore(concurrency)
    build = api_request if api else form_request
    async with prioritization_ballots.http_client(concurrency, timeout) as client:

        async def one(sending: Sending) -> Result:
            path, headers, body = build(port, sending)
            headers = {**headers, "Content-Length": str(len(body)), "Connection": "close"}
            async with gate:
                started = time.perf_counter()
                try:
                    async with asyncio.timeout(timeout):
                        response = await client.post(
                            f"http://{_support.HOST}:{port}{path}", headers=headers, content=body
                        )
                    ended = time.perf_counter()
                    return Result(
                        sending,
                        response.status_code,
                        ended - started,
                        ended,
                        body=response.content,
                        location=response.headers.get("Location", ""),
                    )
                except (httpx.HTTPError, OSError, TimeoutError) as exc:
                    ended = time.perf_counter()
                    return Result(sending, None, ended - started, ended, error=repr(exc))

        started = time.perf_counter()
        results = await asyncio.gather(*(one(sending) for sending in sendings))
    return list(results), started


def probe(port: int, data: Data, *, api: bool) -> int:
    """The status of a placement refused by the rules (a stranger's topic, nothing changes):
    404 means the route is not there yet."""
    sending = Sending(data.people[-1], data.topics[0], data.slots[0], data.rooms[0], False)
    path, headers, body = (api_request if api else form_request)(port, sending)
    response = httpx.post(
        f"http://{_support.HOST}:{port}{path}",
        headers=headers,
        content=body,
        trust_env=False,
        timeout=30,
    )
    return response.status_code


# --- Checks ------------------------------------------------------------------------


def accepted(result: Result) -> bool:
    return result.status is not None and 200 <= result.status < 400


def checks_run(
    data: Data, results: list[Result], *, api: bool
) -> tuple[list[tuple[str, bool, str]], Counter[str], int]:
    """(what, passed, observed) for each check, and the refusals by code."""
    from convene.openspace.models import Topic

    placed = {
        pk: (slot, room)
        for pk, slot, room in Topic.objects.filter(
            open_space_id=data.open_space_id, status=Topic.Status.PLACED
        ).values_list("pk", "slot_id", "room_id")
    }
    holder = {place: pk for pk, place in placed.items()}
    statuses = Counter(r.status for r in results)
    server_errors = sum(n for s, n in statuses.items() if s and s >= 500)
    unanswered = statuses.get(None, 0)
    twice = len(placed) - len(set(placed.values()))
    at_aim = {
        r.sending.topic
        for r in results
        if r.sending.convener and placed.get(r.sending.topic) == (r.sending.slot, r.sending.room)
    }
    if api:
        wins = [r for r in results if accepted(r)]
    else:
        # The page answers a refusal with a redirect too (and its message) or with the form
        # again: a convener's placement won when the topic is where it aimed.
        wins = [r for r in results if r.sending.convener and r.sending.topic in at_aim]
    lost = [r for r in wins if placed.get(r.sending.topic) != (r.sending.slot, r.sending.room)]
    strangers = [r for r in wins if not r.sending.convener]
    by_accepted = {r.sending.topic for r in wins}
    unexplained = [pk for pk in placed if pk not in by_accepted]
    refusals: Counter[str] = Counter()
    won = {id(r) for r in wins}
    for result in results:
        if id(result) in won or result.status is None:
            continue
        if api:
            refusals[result.code or str(result.status)] += 1
        elif not result.sending.convener:
            refusals[f"forbidden ({result.status})"] += 1
        elif holder.get((result.sending.slot, result.sending.room)) not in (
            None,
            result.sending.topic,
        ):
            refusals[f"taken ({result.status})"] += 1
        else:
            refusals[f"other ({result.status})"] += 1
    colliding = len(data.topics) - DISTINCT
    checks = [
        (
            "no place holds two topics",
            twice == 0,
            f"{len(placed)} topics on the grid, {twice} twice",
        ),
        ("no 5xx", server_errors == 0, f"{server_errors} × 5xx"),
        ("every request answered", unanswered == 0, f"{unanswered} without an answer"),
        (
            "every accepted placement recorded at its place",
            not lost,
            f"{len(wins)} accepted, {len(lost)} not where they aimed",
        ),
        ("nobody places someone else's topic", not strangers, f"{len(strangers)} accepted"),
        (
            "every topic on the grid was placed by an accepted request",
            not unexplained,
            f"{len(unexplained)} unexplained",
        ),
        (
            f"at least {colliding} refused as taken",
            sum(n for code, n in refusals.items() if code.startswith("taken")) >= colliding,
            ", ".join(f"{code}: {n}" for code, n in sorted(refusals.items())) or "none",
        ),
    ]
    return checks, refusals, len(placed)


# --- A burst -----------------------------------------------------------------------


@dataclass
class Burst:
    name: str
    results: list[Result]
    started: float
    load: _support.OtherLoad
    sampler: Sampler
    checks: list[tuple[str, bool, str]]
    refusals: Counter[str]
    placed: int  # topics on the grid afterwards, each placed by one request
    attempt: int = 1
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return all(ok for _what, ok, _seen in self.checks)

    @property
    def wall(self) -> float:
        return max(r.ended for r in self.results) - self.started

    def latency(self, q: float) -> float:
        return _support.percentile([r.seconds for r in self.results if r.status is not None], q)

    def summary(self) -> str:
        return (
            f"{len(self.results)} POSTs in {self.wall:.2f} s ({len(self.results) / self.wall:.1f}/s), "
            f"{self.placed} placed ({self.placed / self.wall:.1f} placements/s); "
            f"{histogram(Counter(r.status for r in self.results))}; p50 "
            f"{_support.ms(self.latency(50))}, p95 {_support.ms(self.latency(95))}, max "
            f"{_support.ms(self.latency(100))}; CPU peak {self.sampler.cpu_peak:.0f}% (mean "
            f"{self.sampler.cpu_mean:.0f}%); other processes' CPU {self.load.describe()}"
        )


def burst_run(
    args: argparse.Namespace, server: _support.Server, data: Data, *, name: str, api: bool
) -> Burst:
    sendings = sendings_make(data, SEED + int(api))
    best: Burst | None = None
    for attempt in range(1, args.attempts + 1):
        grid_reset(data)
        _support.wait_quiet(args.wait_quiet)
        print(f"{name}: firing {len(sendings)} placements (try {attempt})")
        with _support.OtherLoad(server) as load, Sampler(server) as sampler:
            results, started = asyncio.run(
                fire(
                    server.port,
                    sendings,
                    api=api,
                    concurrency=args.concurrency,
                    timeout=args.request_timeout,
                )
            )
        checks, refusals, placed = checks_run(data, results, api=api)
        burst = Burst(name, results, started, load, sampler, checks, refusals, placed, attempt)
        print(f"{name}: {burst.summary()}")
        for what, ok, seen in checks:
            print(f"  {'ok' if ok else 'FAILED'}: {what}: {seen}")
        if not burst.passed:
            return burst
        if best is None or load.others < best.load.others:
            best = burst
        if load.others <= args.max_other:
            break
    assert best is not None
    return best


# --- Report ------------------------------------------------------------------------


def report(
    args: argparse.Namespace, bursts: list[Burst], facts: list[tuple[str, str]], note: str
) -> str:
    passed = all(b.passed for b in bursts)
    rows = "\n".join(
        f"| {b.name} | {len(b.results)} | {histogram(Counter(r.status for r in b.results))} | "
        f"{b.placed} | **{b.placed / b.wall:.1f}** | {len(b.results) / b.wall:.1f} | "
        f"{b.wall:.2f} s | {_support.ms(b.latency(50))} | **{_support.ms(b.latency(95))}** | "
        f"{_support.ms(b.latency(100))} | {b.sampler.cpu_peak:.0f}% ({b.sampler.cpu_mean:.0f}%) | "
        f"{b.load.describe()} | {'passed' if b.passed else '**FAILED**'} |"
        for b in bursts
    )
    check_rows = "\n".join(
        f"| {b.name} | {what} | {seen} | {'passed' if ok else '**FAILED**'} |"
        for b in bursts
        for what, ok, seen in b.checks
    )
    return f"""## Open space placements

An open space of {SLOTS} slots × {ROOMS} rooms ({SLOTS * ROOMS} places), {args.users}
confirmed participants (a session cookie and an API token each) and {TOPICS} proposed topics,
one for each of the first {TOPICS} participants. Then {args.users} placements at once (all in
flight together, one connection per request), one per participant: the {TOPICS} conveners
place their own topic, {DISTINCT} of them into {DISTINCT} different places and the other
{TOPICS - DISTINCT} into one of those same places (deliberate collisions), and the other
{args.users - TOPICS} participants try to place someone else's topic, which only its
convener and the organizers may do. Once through the page's form
(`POST /en/open-space/<slug>/topics/<id>/place/`, its select `place=<slot id>-<room id>`, a
session cookie and a CSRF token; accepted: a redirect, taken: 409 with the form again), once through the API
(`POST /api/v1/open-spaces/<slug>/topics/<id>/place/`, `{{"slot": id, "room": id}}`; taken:
409 with code `taken`), the grid emptied in between. gunicorn `-w {args.workers}
--threads {args.threads}`; the client runs on the same machine and measures from opening the
connection to the end of the answer.
{note}
**The machine has 2 cores, shared with other work while these figures were measured** (the
"other CPU" column: the share of the CPU other processes used during the burst).

Correctness: **{"every check passed" if passed else "FAILED"}**: the database's unique
index keeps one topic per place, whoever places at the same moment.

| Burst | POSTs | Answers | Placed | Placements/s | POSTs/s | All answered after | p50 | p95 | max | CPU peak (mean) | Other CPU | Checks |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
{rows}

| Burst | Check | Observed | Result |
|---|---|---|---|
{check_rows}

{_support.facts_table(facts)}
Command: `{" ".join([".venv/bin/python bench/openspace_placements.py", *(a for a in sys.argv[1:] if a != "--no-write")])}`
"""


# --- Main --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--database", default="convene_bench_openspace_placements")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    parser.add_argument("--no-form", action="store_true", help="only the API")
    parser.add_argument("--no-api", action="store_true", help="only the page's form")
    parser.add_argument("--request-timeout", type=float, default=120)
    parser.add_argument("--wait-quiet", type=int, default=60)
    parser.add_argument("--max-other", type=float, default=0.1)
    parser.add_argument("--attempts", type=int, default=3)
    parser.add_argument("--time-limit", type=int, default=900)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    var_dir = Path(tempfile.mkdtemp(prefix="convene-bench-"))
    server = None
    try:
        with _support.time_limit(args.time_limit):
            print(f"database {args.database}: recreating and migrating")
            url = _support.database_recreate(args.database)
            _support.django_configure(database_url=url, var_dir=var_dir)
            _support.django_migrate()
            _support.django_collectstatic()  # the pages (and the 404 page) name their CSS
            data = data_create(args.users)
            _support.database_analyze()
            server = _support.Server(
                workers=args.workers, threads=args.threads, log_path=var_dir / "gunicorn.log"
            )
            server.start()
            print(f"{server.description} on {server.url}")
            plan = []
            if not args.no_form:
                plan.append(("Form (page)", False))
            if not args.no_api:
                plan.append(("JSON API", True))
            bursts = []
            skipped = []
            for name, api in plan:
                status = probe(server.port, data, api=api)
                if status == 404:
                    print(f"{name}: the route answers 404, not there yet: skipped")
                    skipped.append(name)
                    continue
                bursts.append(burst_run(args, server, data, name=name, api=api))
            facts = _support.machine_facts(server)
            log = server.log_tail()
            server.stop()
            if log:
                print(f"gunicorn's log:\n{log}")
            if not bursts:
                raise _support.BenchError("no placement route answered")
            note = (
                f"\nNot measured: {', '.join(skipped)} (the route was not there yet).\n"
                if skipped
                else ""
            )
            text = report(args, bursts, facts, note)
            if not args.no_write:
                _support.section_write(SECTION, text)
                print(f"written to {_support.DOC.relative_to(_support.REPO)}")
            return 0 if all(b.passed for b in bursts) else 1
    except (_support.BenchError, _support.BenchTimeout) as error:
        print(f"open space placements: {error}", file=sys.stderr)
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
