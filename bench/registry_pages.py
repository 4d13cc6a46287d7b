"""Registry pages under load: the list of organizations and an organization's page, with
2,000 organizations and 20,000 history entries, served by gunicorn, hit by wrk.

Creates a fresh PostgreSQL database with four models of affiliation and 2,000
organizations (`bulk_create`) spread over the seven regions, their countries, the models
and the five statuses (a few applicants, which the registry does not list), a third of
them with names in other languages, and 20,000 history entries spread unevenly over ten
years (a tenth of them votes, recusals and interviews, which the public never sees). One
chapter has the most of everything an organization's page lists: 400 history entries,
reports, partnerships, hosted events, names, representatives and liaisons.

SQL queries of both pages, anonymous and signed in, counted with the test client and
`CaptureQueriesContext`: the list unfiltered (2,000 organizations) and narrowed to a few,
the busiest organization's page and a quiet one's; they must be equal.

Then it collects the static files and starts gunicorn with DEBUG off (`-w 4`, sync
workers), once with the anonymous page cache as configured and once with it off, and each
time runs `wrk -t2 -c16 -d20s --latency` against /en/organizations/ and the busiest
organization's page, as an anonymous visitor and as a signed-in one (a session cookie),
after a one-connection run of each. Last, it opens the list in headless Chromium with an
empty cache (as `page_weight.py` does) for the bytes of a first visit and the requests to
other hosts. Prints requests per second, latency percentiles, the page weight and the
query counts, compares them with the targets (p95 < 50 ms with 16 connections; a first
visit under 60 KB with no request to another host) and writes the figures to
docs/benchmarks.md (section `registry-pages`).

    .venv/bin/python bench/registry_pages.py

Exits with 1 when a request failed, a page asked another host or the query counts differ
(or, with --strict, when a target is missed), 2 when the run could not be measured.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import _support
import event_pages  # wrk, its report script and the parsing of its output
import httpx
import page_weight  # Chromium and its visits
from event_pages import Measured

SECTION = "registry-pages"
TARGET_P95_MS = 50.0
TARGET_BYTES = 60_000  # 60 KB, a first visit to the list
BIG_SLUG = "wikimedia-bench-chapter"
QUIET_SLUG = "wikimedia-bench-quiet"

# Regions, with their weights and some of their countries.
REGIONS = [
    ("sub_saharan_africa", 22, ["NG", "GH", "KE", "UG", "TZ", "ZA", "CM", "CI", "SN", "RW"]),
    ("asia_pacific", 24, ["IN", "ID", "PH", "BD", "NP", "PK", "LK", "MY", "TW", "AU"]),
    ("europe", 20, ["DE", "FR", "ES", "IT", "PL", "UA", "SE", "NL", "PT", "RS"]),
    ("mena", 10, ["EG", "MA", "TN", "DZ", "JO", "LB", "IQ", "SA", "AE", "PS"]),
    ("north_america", 6, ["US", "CA", "MX"]),
    ("south_latin_america", 14, ["BR", "AR", "CL", "CO", "PE", "VE", "BO", "EC", "UY", "PY"]),
    ("international", 4, []),
]
# Models of affiliation: slug, name, weight.
MODELS = [
    ("chapter", "Chapter", 4),
    ("thematic-organization", "Thematic organization", 2),
    ("user-group", "User group", 88),
    ("hub", "Hub", 6),
]
STATUSES = [
    ("recognized", 76),
    ("suspended", 4),
    ("derecognized", 12),
    ("withdrawn", 5),
    ("applying", 3),
]
LANGUAGES = ["en", "fr", "es", "ar", "pt-br", "de", "ru", "hi", "id", "zh-hans", "sw", "yo"]
KINDS = [
    ("record_updated", 30),
    ("report_submitted", 15),
    ("report_accepted", 12),
    ("compliance", 8),
    ("renewed", 6),
    ("partnership", 5),
    ("recognized", 5),
    ("applied", 5),
    ("step", 4),
    ("vote", 6),  # private: never on a public page
    ("interview", 2),  # private
    ("recusal", 2),  # private
]
NOTES = [
    "Activity report for the fiscal year received.",
    "The board changed: new chair elected at the general assembly.",
    "Two reports overdue; the level of compliance rose.",
    "Recognition renewed after review.",
    "Memorandum with the national library recorded.",
    "",
]


def _weighted(rng: random.Random, choices: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _weight in choices], [w for _v, w in choices])[0]


# --- Data ------------------------------------------------------------------------


@dataclass
class Data:
    summary: str
    big_name: str
    people: list[int]  # users' ids, the first signs in for the signed-in runs


def data_create(*, organizations: int, history: int) -> Data:
    """Create the data; returns what the measurements need."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from convene.accounts.models import User
    from convene.events.models import Event, LocationType, Session
    from convene.organizations.models import (
        AffiliationModel,
        AffiliationModelTranslation,
        EventHost,
        HistoryEntry,
        Organization,
        OrganizationName,
        Partnership,
        PartnershipParty,
        Report,
    )

    rng = random.Random(20261207)  # the same data at every run
    now = timezone.now().replace(microsecond=0)
    unusable = make_password(None)
    people = User.objects.bulk_create(
        [
            User(
                email=f"member{index:04d}@bench.invalid",
                display_name=f"Member {index}",
                preferred_language=rng.choice(["en", "fr", "es", "ar"]),
                password=unusable,
            )
            for index in range(400)
        ],
        batch_size=1000,
    )
    models = {}
    for order, (slug, name, _weight) in enumerate(MODELS):
        models[slug] = AffiliationModel.objects.create(
            slug=slug,
            name=name,
            summary=f"{name}s of the movement.",
            mission="Support the Wikimedia projects in their area.",
            order=order,
            requires_incorporation=slug == "chapter",
            provisional_months=12 if slug == "user-group" else 0,
        )
        for language, text in (("fr", f"{name} (fr)"), ("es", f"{name} (es)")):
            AffiliationModelTranslation.objects.create(
                affiliation_model=models[slug],
                field="name",
                language=language,
                text=text,
                source_digest="",
            )

    rows: list[Organization] = []
    for index in range(organizations):
        region, _weight, codes = rng.choices(REGIONS, [r[1] for r in REGIONS])[0]
        model = rng.choices(MODELS, [m[2] for m in MODELS])[0][0]
        status = _weighted(rng, STATUSES)
        recognized = date(2012, 1, 1) + timedelta(days=rng.randint(0, 4800))
        place = rng.choice(codes) if codes else "International"
        rows.append(
            Organization(
                name=f"Wikimedians of {place} {index:04d}",
                code=f"WUG-{index:04d}",
                slug=f"wikimedians-{index:04d}",
                affiliation_model=models[model],
                region=region,
                countries=rng.sample(codes, min(len(codes), rng.randint(1, 3))) if codes else [],
                working_languages=rng.sample(LANGUAGES, rng.randint(1, 3)),
                language=rng.choice(["en", "fr", "es", "ar", "pt-br"]),
                member_count=rng.randint(3, 400),
                mission="We organize edit-a-thons, photo walks and training for new editors.",
                status=status,
                status_since=now - timedelta(days=rng.randint(1, 900)),
                recognized_on=None if status == "applying" else recognized,
                provisional_until=(
                    recognized + timedelta(days=365)
                    if model == "user-group" and rng.random() < 0.2
                    else None
                ),
                derecognized_on=(
                    recognized + timedelta(days=rng.randint(400, 2000))
                    if status == "derecognized"
                    else None
                ),
                compliance_level=rng.choice([0, 0, 0, 0, 1, 2, 3]),
            )
        )
    big = Organization(
        name="Wikimedia Bench Chapter",
        code="WMBC",
        slug=BIG_SLUG,
        affiliation_model=models["chapter"],
        region="europe",
        countries=["DE", "AT", "CH"],
        working_languages=["de", "en", "fr"],
        language="de",
        member_count=90000,
        mission=(
            "We support **free knowledge**: Wikipedia, Wikidata and Wikimedia Commons, "
            "education programmes and [open data](https://example.org/) with museums."
        ),
        is_incorporated=True,
        legal_name="Wikimedia Bench Chapter e. V.",
        registration_number="VR 23855",
        website="https://example.org/",
        public_email="info@example.org",
        status="recognized",
        status_since=now - timedelta(days=3000),
        recognized_on=date(2004, 6, 13),
        contact_person=people[1],
    )
    quiet = Organization(
        name="Wikimedia Bench Quiet Group",
        code="WMBQ",
        slug=QUIET_SLUG,
        affiliation_model=models["user-group"],
        region="mena",
        countries=["JO"],
        working_languages=["ar"],
        language="ar",
        status="recognized",
        status_since=now - timedelta(days=300),
        recognized_on=date(2024, 1, 10),
    )
    rows = Organization.objects.bulk_create([big, quiet, *rows], batch_size=1000)
    big, quiet = rows[0], rows[1]
    big.representatives.add(*people[2:7])
    big.liaisons.add(*people[7:9])
    names = [
        OrganizationName(organization=big, language=language, name=f"Wikimedia Bench ({language})")
        for language in ("fr", "es", "ar", "ru", "zh-hans")
    ]
    names.append(OrganizationName(organization=quiet, language="en", name="Bench Quiet Group"))
    for organization in rows[2:]:
        if rng.random() < 0.33:
            for language in rng.sample(["fr", "es", "ar", "pt-br"], rng.randint(1, 2)):
                names.append(
                    OrganizationName(
                        organization=organization,
                        language=language,
                        name=f"{organization.name} [{language}]",
                    )
                )
    OrganizationName.objects.bulk_create(names, batch_size=1000)

    # History: 400 entries for the busiest, 3 for the quiet one, the rest spread unevenly.
    def entry(organization: Organization) -> HistoryEntry:
        kind = _weighted(rng, KINDS)
        return HistoryEntry(
            organization=organization,
            kind=kind,
            public_note=rng.choice(NOTES),
            private_note="Discussed at the committee's call." if rng.random() < 0.2 else "",
            actor=rng.choice(people) if rng.random() < 0.7 else None,
            at=now - timedelta(minutes=rng.randint(0, 10 * 365 * 24 * 60)),
        )

    others = rows[2:]
    weights = [rng.paretovariate(1.5) for _ in others]
    entries = [entry(big) for _ in range(400)] + [entry(quiet) for _ in range(3)]
    entries += [entry(rng.choices(others, weights)[0]) for _ in range(history - len(entries))]
    HistoryEntry.objects.bulk_create(entries, batch_size=2000)

    # The quiet one has one of everything its page lists (none would skip a query).
    Report.objects.bulk_create(
        [
            Report(
                organization=quiet,
                kind="activity",
                period_start=date(2024, 1, 1),
                period_end=date(2024, 12, 31),
                due_on=date(2025, 4, 30),
                body="Our first year.",
            )
        ]
        + [
            Report(
                organization=big,
                kind=kind,
                period_start=date(year, 1, 1),
                period_end=date(year, 12, 31),
                due_on=date(year + 1, 4, 30),
                body="We held edit-a-thons and trained new editors.",
                state="accepted",
            )
            for year in range(2015, 2025)
            for kind in ("activity", "financial")
        ]
    )
    for number in range(7):
        partnership = Partnership.objects.create(
            title=f"Memorandum with the city library {number + 1}",
            scope="Joint edit-a-thons at the library.",
            starts_on=date(2020 + number % 5, 1, 1),
            is_public=number != 5,
        )
        PartnershipParty.objects.bulk_create(
            [
                PartnershipParty(
                    partnership=partnership, organization=big if number < 6 else quiet
                ),
                PartnershipParty(partnership=partnership, organization=rows[10 + number]),
                PartnershipParty(partnership=partnership, name="City library"),
            ]
        )
    for number in range(6):
        event = Event.objects.create(
            slug=f"bench-hosted-{number}",
            title=f"WikiCon {2020 + number}",
            summary="The yearly gathering of the community.",
            is_published=True,
        )
        Session.objects.create(
            event=event,
            title="Opening",
            starts_at=now - timedelta(days=365 * number),
            ends_at=now - timedelta(days=365 * number) + timedelta(hours=2),
            capacity=200,
            location_type=LocationType.ONLINE,
        )
        EventHost.objects.create(event=event, organization=big if number < 5 else quiet)
    return Data(summary=data_summary(), big_name=big.name, people=[people[0].pk])


def data_summary() -> str:
    from django.db.models import Count

    from convene.organizations.models import HistoryEntry, Organization

    by_status = dict(Organization.objects.values_list("status").annotate(n=Count("pk")).order_by())
    listed = Organization.objects.listed().count()
    entries = HistoryEntry.objects.count()
    public = HistoryEntry.objects.public().count()
    statuses = ", ".join(f"{count:,} {status}" for status, count in sorted(by_status.items()))
    return (
        f"{sum(by_status.values()):,} organizations ({statuses}; {listed:,} listed), "
        f"{entries:,} history entries ({public:,} public)"
    )


# --- Query counts ----------------------------------------------------------------


@dataclass
class QueryCount:
    page: str
    visitor: str
    few: int
    many: int
    few_label: str
    many_label: str

    @property
    def equal(self) -> bool:
        return self.few == self.many


def query_counts(data: Data) -> list[QueryCount]:
    """SQL queries of each page with little and with much to show, anonymous and signed in."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from convene.accounts.models import User

    reader = User.objects.get(pk=data.people[0])
    pairs = [
        (
            "Registry list",
            (
                "narrowed to North America",
                "/en/organizations/?region=north_america&status=suspended",
            ),
            ("all 2,000", "/en/organizations/"),
        ),
        (
            "Organization page",
            ("3 history entries", f"/en/organizations/{QUIET_SLUG}/"),
            ("400 history entries", f"/en/organizations/{BIG_SLUG}/"),
        ),
    ]
    results = []
    with override_settings(CONVENE_PAGE_CACHE_SECONDS=0):  # count what rendering needs
        for visitor in ("anonymous", "signed in"):
            client = Client(SERVER_NAME=_support.HOST)
            if visitor == "signed in":
                client.force_login(reader)
            for page, (few_label, few_path), (many_label, many_path) in pairs:
                counted = []
                for path in (few_path, many_path):
                    client.get(path)  # the first request fills per-process caches
                    with CaptureQueriesContext(connection) as queries:
                        response = client.get(path)
                    if response.status_code != 200:
                        raise _support.BenchError(f"{path} answered {response.status_code}")
                    counted.append(len(queries))
                results.append(
                    QueryCount(page, visitor, counted[0], counted[1], few_label, many_label)
                )
    return results


def session_cookie(user_id: int) -> str:
    """A signed-in session for the person, as the login form would have opened it."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from convene.accounts.models import User

    user = User.objects.get(pk=user_id)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


# --- wrk ------------------------------------------------------------------------


def wrk_run(
    url: str, *, threads: int, connections: int, seconds: int, cookie: str
) -> event_pages.WrkRun:
    """`event_pages.wrk_run`, with the signed-in visitor's cookie when there is one."""
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "10s",
        "-H",
        f"Accept-Encoding: {event_pages.ACCEPT_ENCODING}",
        *(["-H", f"Cookie: {cookie}"] if cookie else []),
        "-s",
        str(event_pages.LUA),
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
    return event_pages.wrk_parse(url, done.stdout)


def page_check(url: str, expect: str, cookie: str) -> int:
    """GET the page as a browser would; returns the size of the (gzip) answer in bytes."""
    headers = {"Accept-Encoding": event_pages.ACCEPT_ENCODING}
    if cookie:
        headers["Cookie"] = cookie
    response = httpx.get(url, headers=headers, timeout=30, trust_env=False)
    if response.status_code != 200 or expect not in response.text:
        raise _support.BenchError(f"{url}: {response.status_code}, without {expect!r}")
    if bool(cookie) != ("account_logout" in response.text or "/accounts/logout/" in response.text):
        raise _support.BenchError(f"{url}: not {'signed in' if cookie else 'anonymous'}")
    return response.num_bytes_downloaded


def measure_pages(
    args: argparse.Namespace,
    server: _support.Server,
    pages: list[tuple[str, str, str]],
    visitors: list[tuple[str, str]],
    setup: str,
) -> list[Measured]:
    """For each page and visitor: warm up, one connection, then `args.connections`
    connections (as `event_pages.measure_pages`, with a cookie for the signed-in visitor)."""
    runs = []
    for label, path, expect in pages:
        for visitor, cookie in visitors:
            url = server.url + path
            size = page_check(url, expect, cookie)
            wrk_run(
                url,
                threads=args.wrk_threads,
                connections=args.connections,
                seconds=args.warmup,
                cookie=cookie,
            )
            for threads, connections, seconds in (
                (1, 1, args.single),
                (args.wrk_threads, args.connections, args.duration),
            ):
                for attempt in range(1, args.attempts + 1):
                    _support.wait_quiet(args.wait_quiet)
                    print(f"measuring {path}, {visitor}, {connections} connection(s), {seconds} s")
                    with _support.OtherLoad(server) as load:
                        run = wrk_run(
                            url,
                            threads=threads,
                            connections=connections,
                            seconds=seconds,
                            cookie=cookie,
                        )
                    if load.others <= args.max_other:
                        break
                    if attempt < args.attempts:
                        print(f"other processes used {load.describe()} of the CPU: once more")
                runs.append(
                    Measured(f"{label}, {visitor}", path, connections, run, size, load, setup)
                )
    return runs


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
    met: dict[str, bool] = {}
    for measured in runs:
        run, lat = measured.run, measured.run.latency_ms
        errors = sum(run.errors.values())
        ok = lat["p95"] < TARGET_P95_MS
        clean &= errors == 0
        key = f"{measured.setup or 'as configured'}, {measured.label.rpartition(', ')[2]}"
        if measured.connections == args.connections:
            met[key] = met.get(key, True) and ok
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
    outcome = "; ".join(
        f"{key}: {'met on both pages' if ok else '**missed**'}" for key, ok in met.items()
    )
    table, count_table, weight_table = (
        "\n".join(rows),
        "\n".join(count_rows),
        "\n".join(weight_rows),
    )
    return (
        f"""## Registry pages under load

Data: {data.summary}, created with `bulk_create` in a fresh PostgreSQL database, then
`ANALYZE`d. Four models of affiliation, the seven regions and their countries, a third of
the organizations with names in other languages; the busiest organization ("{data.big_name}")
has 400 history entries (its page shows the latest 50 public ones), 20 reports, 6
partnerships and 5 hosted events; a quiet one has 3 entries and one of each of the others.

`wrk -t{args.wrk_threads} -c{args.connections} -d{args.duration}s --latency` against the
registry's list (`/en/organizations/`: 50 organizations of {data.summary.split(" organizations")[0]},
the filters and the counts by model, region and status) and the busiest organization's
page, after a {args.warmup}-second warm-up and a {args.single}-second run with one
connection; p95 from `bench/wrk_report.lua`. Each page as an anonymous visitor and as a
signed-in one (a session cookie: the page cache never serves them), sending
`Accept-Encoding: {event_pages.ACCEPT_ENCODING}`. gunicorn `-w {args.workers}` single-threaded
workers, once with the anonymous page cache as configured and once with it off
(`CONVENE_PAGE_CACHE_SECONDS=0`).

Target: **p95 < {TARGET_P95_MS:.0f} ms with {args.connections} connections**: {outcome}.

| Page, visitor | Server | Connections | Requests/s | p50 ms | p90 ms | p95 ms | p99 ms | max ms | Requests | Errors | Answer (gzip) | Other CPU | p95 < {TARGET_P95_MS:.0f} ms |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
{table}

With {args.connections} connections each waiting for its answer, latency is about
connections ÷ throughput: p95 under {TARGET_P95_MS:.0f} ms needs roughly
{args.connections / TARGET_P95_MS * 1000:.0f} requests per second or more. Client, server and
PostgreSQL share the machine's cores.
A signed-in reader never gets a cached page, and without the cache every request renders
one: the rows of the list and the entries of a history are shared pieces, each label of a
choice is read once per page, and the queries stay few and quick (below), so what bounds
the p95 is the time Django takes to build a page of this size on the cores it shares.

SQL queries per page, counted with Django's test client and `CaptureQueriesContext` (after
one request to warm the caches), with little and with much to show; they must be equal:
**{"equal on every page" if equal else "different"}**.

| Page | Visitor | Queries, little to show | Queries, much to show | |
|---|---|---|---|---|
{count_table}

First visit to the list in headless Chromium, empty cache (as `bench/page_weight.py`
measures): target **under {TARGET_BYTES / 1000:.0f} KB on the wire, no request to another
host**: {"met" if light and local else "**missed**"}.

| Page | Visitor | Requests | On the wire | Bodies | Other hosts | < {TARGET_BYTES / 1000:.0f} KB |
|---|---|---|---|---|---|---|
{weight_table}

{_support.facts_table(facts)}
Command: `.venv/bin/python bench/registry_pages.py`
""",
        clean,
        all(met.values()),
        equal,
        local,
        light,
    )


# --- Main --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organizations", type=int, default=2000)
    parser.add_argument("--history", type=int, default=20_000)
    parser.add_argument("--duration", type=int, default=20, help="seconds of wrk per page")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk before measuring")
    parser.add_argument("--single", type=int, default=5, help="seconds with one connection")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="1: gunicorn's sync workers")
    parser.add_argument("--database", default="convene_bench_registry")
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
            print(f"creating {args.organizations:,} organizations, {args.history:,} entries")
            data = data_create(organizations=args.organizations, history=args.history)
            _support.database_analyze()
            print(data.summary)
            counts = query_counts(data)
            cookie = session_cookie(data.people[0])
            pages = [
                ("Registry list", "/en/organizations/", "organizations"),
                ("Organization page", f"/en/organizations/{BIG_SLUG}/", data.big_name),
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
                runs += measure_pages(args, server, pages, visitors, setup)
                facts = _support.machine_facts(server)
                server.stop()
                if server.log_tail():
                    print(f"gunicorn log:\n{server.log_tail()}")
            server = _support.Server(
                workers=args.workers, threads=args.threads, log_path=var_dir / "gunicorn.log"
            )
            server.start()
            _support.django_disconnect()  # no ORM beside Playwright's event loop
            visits, version = page_weight.visits_run(
                server.url, [("Registry list", "Organizations", "/en/organizations/")]
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
        print(f"registry pages: {error}", file=sys.stderr)
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
