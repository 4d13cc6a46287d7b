"""Prioritization's results and report pages under load, with 100,000 counted ballots,
served by gunicorn, hit by wrk.

Creates a fresh PostgreSQL database with a closed round of 45 items (titles also in French
and Arabic) in eight clusters A to H, 50 groups (30 organizations of the registry across
the regions and their countries, 20 named communities) that each cast a ballot, and
100,000 individual ballots (`bulk_create`, up to five items each, some items much more
popular than others), counted once by `results.round_count` (every method, the bootstrap
included; the time it took is printed). The report is published, with an Arabic
translation. A second, small round (5 items, 20 ballots) is there to compare query counts.

SQL queries of both pages, anonymous and signed in, counted with the test client and
`CaptureQueriesContext` on the small round and on the big one; they must be equal: the
pages read the stored count, never the ballots.

Then it collects the static files and starts gunicorn with DEBUG off (`-w 4`, sync
workers), once with the anonymous page cache as configured and once with it off, and each
time runs `wrk -t2 -c16 -d20s --latency` against the results page and the report page, as
an anonymous visitor and as a signed-in one (a session cookie), after a one-connection run
of each. Last, it opens both pages in headless Chromium with an empty cache (as
`page_weight.py` does) for the bytes of a first visit and the requests to other hosts.
Prints requests per second, latency percentiles, the page weight and the query counts,
compares them with the targets (p95 < 50 ms with 16 connections; a first visit under 60 KB
with no request to another host) and writes the figures to docs/benchmarks.md (section
`prioritization-pages`).

    .venv/bin/python bench/prioritization_pages.py
    .venv/bin/python bench/prioritization_pages.py --ballots 2000 --duration 3 --no-write

Exits with 1 when a request failed, a page asked another host or the query counts differ
(or, with --strict, when a target is missed), 2 when the run could not be measured.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import _support
import event_pages  # the page cache's setups and the parsing of wrk's output
import page_weight  # Chromium and its visits
import registry_pages  # wrk with a cookie, the measuring loop, a signed-in session
from event_pages import Measured
from registry_pages import QueryCount

SECTION = "prioritization-pages"
TARGET_P95_MS = 50.0
TARGET_BYTES = 60_000  # 60 KB, a first visit
BIG_SLUG = "bench-global-2020"
SMALL_SLUG = "bench-small"
OPENS = datetime(2020, 11, 1, tzinfo=UTC)
CLOSES = datetime(2020, 11, 23, tzinfo=UTC)

REGIONS = [
    ("sub_saharan_africa", ["NG", "GH", "KE", "UG", "ZA", "CM"]),
    ("asia_pacific", ["IN", "ID", "PH", "BD", "NP", "AU"]),
    ("europe", ["DE", "FR", "ES", "IT", "PL", "UA"]),
    ("mena", ["EG", "MA", "TN", "JO", "LB", "IQ"]),
    ("north_america", ["US", "CA", "MX"]),
    ("south_latin_america", ["BR", "AR", "CL", "CO", "PE"]),
    ("international", []),
]
WORDS = [
    "Movement Charter",
    "Interim Global Council",
    "Regional and thematic hubs",
    "Safety and inclusion",
    "Universal Code of Conduct",
    "Leadership development",
    "Skills development",
    "Knowledge equity",
    "Technology for the movement",
    "Partnerships for content",
]


# --- Data ------------------------------------------------------------------------


@dataclass
class Data:
    summary: str
    people: list[int]  # users' ids, the first signs in for the signed-in runs
    count_seconds: float
    ballots: int  # counted in the big round


def _round_create(*, slug: str, title: str, items: int, clusters: bool):
    from convene.documents.models import Process
    from convene.prioritization.models import Cluster, Item, ItemTranslation, Round

    process, _created = Process.objects.get_or_create(
        slug="movement-strategy", defaults={"title": "Movement Strategy"}
    )
    round_ = Round.objects.create(
        process=process,
        slug=slug,
        title=title,
        question="Which initiatives are most important to coordinate globally in 2021?",
        opens_at=OPENS,
        closes_at=CLOSES,
        max_items=5,
        group_track=True,
        individual_track=True,
        bootstrap_top=5,
    )
    codes = "ABCDEFGH"
    made = {}
    if clusters:
        made = {
            code: Cluster.objects.create(
                round=round_, code=code, name=f"{WORDS[index]} and more", position=index
            )
            for index, code in enumerate(codes)
        }
    rows = Item.objects.bulk_create(
        [
            Item(
                round=round_,
                identifier=f"initiative-{number}",
                title=f"{WORDS[number % len(WORDS)]} ({number})",
                description="What the initiative does, in a few sentences.",
                heading=f"Recommendation {number % 10 + 1}",
                position=number,
                cluster=made.get(codes[(number - 1) * len(codes) // items]) if made else None,
            )
            for number in range(1, items + 1)
        ]
    )
    ItemTranslation.objects.bulk_create(
        [
            ItemTranslation(item=item, language=language, title=f"{prefix} {item.position}")
            for item in rows
            for language, prefix in (("fr", "Initiative"), ("ar", "المبادرة"))
        ]
    )
    return round_, rows


def data_create(*, ballots: int, seed: int = 20201123) -> Data:
    """Create the data; returns what the measurements need."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from convene.accounts.models import User
    from convene.core.text import text_fingerprint
    from convene.organizations.models import AffiliationModel, Organization
    from convene.prioritization.models import Ballot, Group, ReportTranslation, pack_ranking
    from convene.prioritization.results import round_count

    rng = random.Random(seed)  # the same data at every run
    unusable = make_password(None)
    people = User.objects.bulk_create(
        [
            User(
                email=f"voter{index:03d}@bench.invalid",
                display_name=f"Voter {index}",
                password=unusable,
            )
            for index in range(5)
        ]
    )
    models = {
        slug: AffiliationModel.objects.create(
            slug=slug, name=name, summary=f"{name}s.", mission="Support the projects.", order=order
        )
        for order, (slug, name) in enumerate((("chapter", "Chapter"), ("user-group", "User group")))
    }
    now = timezone.now()
    organizations = []
    for index in range(30):
        region, codes = REGIONS[index % len(REGIONS)]
        organizations.append(
            Organization(
                name=f"Wikimedia Bench {index:02d}",
                code=f"WMB-{index:02d}",
                slug=f"wikimedia-bench-{index:02d}",
                affiliation_model=models["chapter" if index % 3 == 0 else "user-group"],
                region=region,
                countries=rng.sample(codes, min(len(codes), rng.randint(1, 2))) if codes else [],
                working_languages=["en"],
                status="recognized",
                status_since=now,
            )
        )
    organizations = Organization.objects.bulk_create(organizations)

    summaries = []
    for slug, title, items, individual in (
        (BIG_SLUG, "Global priorities 2020 (bench)", 45, ballots),
        (SMALL_SLUG, "A small round (bench)", 5, 15),
    ):
        round_, rows = _round_create(slug=slug, title=title, items=items, clusters=items > 8)
        groups = [
            Group(
                round=round_,
                kind=Group.Kind.ORGANIZATION,
                organization=organization,
                name=organization.name,
                region=organization.region,
                category=organization.affiliation_model.slug,
            )
            for organization in (organizations if items > 8 else organizations[:3])
        ]
        groups += [
            Group(
                round=round_,
                kind=Group.Kind.COMMUNITY,
                name=f"Community of language {index}",
                region=REGIONS[index % len(REGIONS)][0],
                language="en",
                category="community",
            )
            for index in range(20 if items > 8 else 2)
        ]
        groups = Group.objects.bulk_create(groups)
        weights = [rng.paretovariate(1.2) for _ in rows]

        def ranking(rows=rows, weights=weights) -> bytes:
            chosen: list[int] = []
            for _attempt in range(rng.randint(1, 5) * 3):
                item = rng.choices(rows, weights)[0]
                if item.pk not in chosen:
                    chosen.append(item.pk)
                if len(chosen) == 5:
                    break
            return pack_ranking(chosen)

        made = [
            Ballot(
                round=round_,
                track=Ballot.Track.GROUP,
                group=group,
                ranking=(packed := ranking()),
                size=len(packed) // 4,
                reasons={},
            )
            for group in groups
        ]
        region_names = [region for region, _codes in REGIONS]
        for start in range(0, individual, 5000):
            batch = []
            for _index in range(start, min(individual, start + 5000)):
                packed = ranking()
                batch.append(
                    Ballot(
                        round=round_,
                        track=Ballot.Track.INDIVIDUAL,
                        ranking=packed,
                        size=len(packed) // 4,
                        region=rng.choice(region_names),
                        reasons={},
                    )
                )
            made += batch
            Ballot.objects.bulk_create(made, batch_size=5000)
            made = []
        if made:
            Ballot.objects.bulk_create(made)
        started = time.perf_counter()
        count = round_count(round_)
        seconds = time.perf_counter() - started
        narrative = (
            "Nearly **50 communities and affiliates** shared their priorities, and "
            f"{count.ballots:,} ballots were counted.\n\n## What stands out\n\n"
            + "The first tiers agree under every method. "
            * 20
        )
        round_.report = narrative
        round_.report_published_at = now
        round_.save()
        ReportTranslation.objects.create(
            round=round_,
            language="ar",
            report="شاركت **قرابة خمسين جماعة** أولوياتها.\n\n" + "تتفق الطرق كلها. " * 20,
            source_fingerprint=text_fingerprint(narrative),
        )
        summaries.append(
            f"{title}: {items} items, {len(groups)} groups, {count.ballots:,} ballots counted "
            f"in {seconds:.1f} s"
        )
        if slug == BIG_SLUG:
            big_seconds, big_ballots = seconds, count.ballots
    return Data(
        summary="\n".join(summaries),
        people=[people[0].pk],
        count_seconds=big_seconds,
        ballots=big_ballots,
    )


# --- Queries ------------------------------------------------------------------------


def query_counts(data: Data) -> list[QueryCount]:
    """SQL queries of each page on the small round and on the big one, anonymous and signed
    in (the page cache off)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from convene.accounts.models import User

    reader = User.objects.get(pk=data.people[0])
    results = []
    with override_settings(CONVENE_PAGE_CACHE_SECONDS=0):
        for visitor in ("anonymous", "signed in"):
            client = Client(SERVER_NAME=_support.HOST)
            if visitor == "signed in":
                client.force_login(reader)
            for page, suffix in (("Results", "results/"), ("Report", "report/")):
                counted = []
                for slug in (SMALL_SLUG, BIG_SLUG):
                    path = f"/en/prioritization/{slug}/{suffix}"
                    client.get(path)  # the first request fills per-process caches
                    with CaptureQueriesContext(connection) as queries:
                        response = client.get(path)
                    if response.status_code != 200:
                        raise _support.BenchError(f"{path} answered {response.status_code}")
                    counted.append(len(queries))
                results.append(
                    QueryCount(
                        page, visitor, counted[0], counted[1], "20 ballots", f"{data.ballots:,}"
                    )
                )
    return results


# --- Report ------------------------------------------------------------------------


def report(
    *,
    args: argparse.Namespace,
    runs: list[Measured],
    data: Data,
    counts: list[QueryCount],
    visits: list[page_weight.Visit],
    facts: list[tuple[str, str]],
) -> tuple[str, bool, bool, bool, bool, bool]:
    """Markdown section; whether every request succeeded, the latency target was met,
    the query counts were equal, no page asked another host, the weight target was met."""
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
            f"{measured.label} ({measured.path}), {setup}, {measured.connections} connection(s): "
            f"{run.requests_per_second:.1f} req/s, p50 {lat['p50']:.1f} ms, "
            f"p95 {lat['p95']:.1f} ms, p99 {lat['p99']:.1f} ms, max {lat['max']:.1f} ms, "
            f"errors {errors}, other CPU {measured.load.describe()}; "
            f"p95 < {TARGET_P95_MS:.0f} ms: {verdict}"
        )
        rows.append(
            f"| {measured.label} `{measured.path}` | {setup} | {measured.connections} | "
            f"**{run.requests_per_second:.1f}** | {lat['p50']:.1f} | {lat['p90']:.1f} | "
            f"**{lat['p95']:.1f}** | {lat['p99']:.1f} | {lat['max']:.1f} | {run.requests:,} | "
            f"{errors} | {measured.size:,} B | {measured.load.describe()} | {verdict} |"
        )
    equal = all(count.equal for count in counts)
    count_rows = []
    for count in counts:
        verdict = "equal" if count.equal else "**different**"
        print(
            f"SQL queries, {count.page}, {count.visitor}: {count.few} ({count.few_label}), "
            f"{count.many} ({count.many_label}): {verdict}"
        )
        count_rows.append(
            f"| {count.page} | {count.visitor} | {count.few} ({count.few_label}) | "
            f"{count.many} ({count.many_label}) | {verdict} |"
        )
    local = all(not visit.foreign for visit in visits)
    light = all(visit.transferred < TARGET_BYTES for visit in visits)
    weight_rows = []
    for visit in visits:
        verdict = "met" if visit.transferred < TARGET_BYTES else "**missed**"
        print(
            f"{visit.page} {visit.path}, {visit.visitor}: {len(visit.network)} requests, "
            f"{visit.transferred:,} bytes on the wire, other hosts {len(visit.foreign)}; "
            f"< {TARGET_BYTES / 1000:.0f} KB: {verdict}"
        )
        weight_rows.append(
            f"| {visit.page} `{visit.path}` | {visit.visitor} | {len(visit.network)} | "
            f"**{visit.transferred:,} B** ({visit.transferred / 1000:.1f} KB) | "
            f"{visit.bodies:,} B | {len(visit.foreign)} | {verdict} |"
        )
    table = "\n".join(rows)
    count_table = "\n".join(count_rows)
    weight_table = "\n".join(weight_rows)
    outcome = "met" if met else "**missed**"
    return (
        f"""## Prioritization's results and report pages

{data.summary}

Counting the big round once (`results.round_count`: every method, the bootstrap of
its resamples included) took **{data.count_seconds:.1f} s**; the pages then read the stored
count, never the ballots.

`wrk -t{args.wrk_threads} -c{args.connections} -d{args.duration}s --latency` (after a
{args.warmup} s warm-up and a {args.single} s run with one connection) on the big round's
results page and report, as an anonymous visitor and as a signed-in one (a session cookie:
the page cache never serves them), sending `Accept-Encoding: {event_pages.ACCEPT_ENCODING}`.
gunicorn `-w {args.workers}` single-threaded workers, once with the anonymous page cache as
configured and once with it off (`CONVENE_PAGE_CACHE_SECONDS=0`).

Target: **p95 < {TARGET_P95_MS:.0f} ms with {args.connections} connections**: {outcome}.

| Page, visitor | Server | Connections | Requests/s | p50 ms | p90 ms | p95 ms | p99 ms | max ms | Requests | Errors | Answer (gzip) | Other CPU | p95 < {TARGET_P95_MS:.0f} ms |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
{table}

SQL queries per page, counted with Django's test client and `CaptureQueriesContext` (after
one request to warm the caches), on the small round and on the big one; they must be
equal: **{"equal on every page" if equal else "different"}**.

| Page | Visitor | Queries, small round | Queries, big round | |
|---|---|---|---|---|
{count_table}

First visit in headless Chromium, empty cache (as `bench/page_weight.py` measures): target
**under {TARGET_BYTES / 1000:.0f} KB on the wire, no request to another host**:
{"met" if light and local else "**missed**"}.

| Page | Visitor | Requests | On the wire | Bodies | Other hosts | < {TARGET_BYTES / 1000:.0f} KB |
|---|---|---|---|---|---|---|
{weight_table}

{_support.facts_table(facts)}
Command: `.venv/bin/python bench/prioritization_pages.py`
""",
        clean,
        met,
        equal,
        local,
        light,
    )


# --- Main --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ballots", type=int, default=100_000, help="individual ballots")
    parser.add_argument("--duration", type=int, default=20, help="seconds of wrk per page")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk before measuring")
    parser.add_argument("--single", type=int, default=5, help="seconds with one connection")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="1: gunicorn's sync workers")
    parser.add_argument("--database", default="convene_bench_prioritization")
    parser.add_argument("--keep-db", action="store_true", help="keep the database afterwards")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    parser.add_argument("--no-browser", action="store_true", help="skip the first-visit weight")
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
            print(f"creating a round with {args.ballots:,} individual ballots and counting it")
            data = data_create(ballots=args.ballots)
            _support.database_analyze()
            print(data.summary)
            counts = query_counts(data)
            cookie = registry_pages.session_cookie(data.people[0])
            pages = [
                ("Results", f"/en/prioritization/{BIG_SLUG}/results/", "initiative-"),
                ("Report", f"/en/prioritization/{BIG_SLUG}/report/", "groups-map"),
            ]
            visitors = [("anonymous", ""), ("signed in", cookie)]
            runs: list[Measured] = []
            facts: list[tuple[str, str]] = []
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
                if server.log_tail():
                    print(f"gunicorn log:\n{server.log_tail()}")
            visits: list[page_weight.Visit] = []
            if not args.no_browser:
                server = _support.Server(
                    workers=args.workers, threads=args.threads, log_path=var_dir / "gunicorn.log"
                )
                server.start()
                _support.django_disconnect()  # no ORM beside Playwright's event loop
                visits, version = page_weight.visits_run(
                    server.url,
                    [(label, label, path) for label, path, _expect in pages]
                    + [("Report, Arabic", "", f"/ar/prioritization/{BIG_SLUG}/report/")],
                )
                server.stop()
                facts.insert(-1, ("Browser", f"Chromium {version}, headless"))
            text, clean, met, equal, local, light = report(
                args=args, runs=runs, data=data, counts=counts, visits=visits, facts=facts
            )
            if not args.no_write:
                _support.section_write(SECTION, text)
                print(f"written to {_support.DOC.relative_to(_support.REPO)}")
            if not clean or not equal or not local or (args.strict and not (met and light)):
                return 1
            return 0
    except (_support.BenchError, _support.BenchTimeout) as error:
        print(f"prioritization pages: {error}", file=sys.stderr)
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
