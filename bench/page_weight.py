"""Page weight: the bytes a first visit to an event page and a session page costs.

Creates a fresh PostgreSQL database with the demo data (`load_demo --force`), collects the
static files and starts gunicorn with DEBUG off (WhiteNoise serves the compressed static
files, Django's GZipMiddleware the HTML). Among the demo's published events and sessions it
picks the heaviest event page and the heaviest session page (largest HTML), then
opens each in headless Chromium with an empty cache, twice: once with the browser in UTC,
once in Asia/Kolkata (where convene.js stores the browser's time zone and reloads the page
once). Chromium's DevTools protocol gives each response's bytes on the wire. Lists every
resource, counts requests to hosts other than 127.0.0.1 (must be 0), compares the total to
the target of 50 KB and writes the figures to docs/benchmarks.md (section `page-weight`).

    .venv/bin/python bench/page_weight.py

Exits with 1 when a page asks another host (or, with --strict, when a page is heavier than
the target), 2 when the run could not be measured.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import _support
import httpx

SECTION = "page-weight"
TARGET_BYTES = 50_000  # 50 KB
CHROMIUM = os.environ.get("CONVENE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VISITORS = (
    ("browser in UTC", "UTC"),
    ("browser in Asia/Kolkata (time zone detected, page reloaded once)", "Asia/Kolkata"),
)
QUIET_SECONDS = 1.5  # no network activity for this long: the visit is over
VISIT_SECONDS = 20  # at most


@dataclass
class Resource:
    url: str
    kind: str  # DevTools resource type: Document, Stylesheet, Script, ...
    status: int | None = None
    encoding: str = ""
    content_length: int | None = None
    transferred: int = 0  # bytes on the wire, HTTP headers included
    decoded: int = 0  # bytes after decompression
    from_cache: bool = False
    accept_encoding: str = ""  # as Chromium sent it
    failed: str = ""
    done: bool = False

    @property
    def body(self) -> int:
        """Bytes of the (compressed) body: Content-Length, else what was transferred."""
        return self.content_length if self.content_length is not None else self.transferred

    @property
    def on_network(self) -> bool:
        return urlsplit(self.url).scheme in ("http", "https")


@dataclass
class Visit:
    page: str
    path: str
    visitor: str
    resources: list[Resource] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)  # requests to other hosts

    @property
    def network(self) -> list[Resource]:
        return [r for r in self.resources if r.on_network and not r.from_cache]

    @property
    def transferred(self) -> int:
        return sum(r.transferred for r in self.network)

    @property
    def bodies(self) -> int:
        return sum(r.body for r in self.network)


# --- Data and pages -----------------------------------------------------------------


def demo_load() -> None:
    from django.core.management import call_command

    with open(os.devnull, "w") as quiet:
        call_command("load_demo", force=True, stdout=quiet)


def candidate_pages() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(title, path) of every published event page and of every session page."""
    from django.urls import reverse
    from django.utils import translation

    from convene.events.models import Event, Session

    with translation.override("en"):
        events = [
            (event.title, reverse("events:detail", args=[event.slug]))
            for event in Event.objects.filter(is_published=True).order_by("slug")
        ]
        sessions = [
            (
                f"{session.event.title}: {session.title}",
                reverse("events:session", args=[session.event.slug, session.pk]),
            )
            for session in Session.objects.filter(event__is_published=True)
            .select_related("event")
            .order_by("pk")
        ]
    if not events or not sessions:
        raise _support.BenchError("the demo data has no published event or session")
    return events, sessions


def html_size(url: str) -> int:
    """Bytes of the uncompressed HTML (the compressed size varies: gzip is padded at random)."""
    response = httpx.get(url, headers={"Accept-Encoding": "identity"}, timeout=30, trust_env=False)
    if response.status_code != 200:
        raise _support.BenchError(f"{url} answered {response.status_code}")
    return len(response.content)


def heaviest(base: str, pages: list[tuple[str, str]]) -> tuple[str, str, int]:
    sized = [(title, path, html_size(base + path)) for title, path in pages]
    return max(sized, key=lambda item: item[2])


# --- Browser ------------------------------------------------------------------------


def visit(browser: Any, base: str, page_name: str, path: str, visitor: str, zone: str) -> Visit:
    """Open `path` in a fresh context (empty cache) and record every response's size."""
    result = Visit(page=page_name, path=path, visitor=visitor)
    by_id: dict[str, Resource] = {}
    sent_encodings: dict[str, str] = {}  # DevTools may report the headers sent first
    last_activity = [time.monotonic()]

    def touched() -> None:
        last_activity[0] = time.monotonic()

    def on_request(event: dict[str, Any]) -> None:
        touched()
        if "redirectResponse" in event:  # the hop before a redirect: keep it as its own row
            hop = by_id.pop(event["requestId"], None)
            if hop is not None:
                hop.done = True
                result.resources.append(hop)
        resource = Resource(url=event["request"]["url"], kind=event.get("type", "Other"))
        by_id[event["requestId"]] = resource

    def on_response(event: dict[str, Any]) -> None:
        touched()
        resource = by_id.get(event["requestId"])
        if resource is None:
            return
        response = event["response"]
        headers = {name.lower(): value for name, value in response.get("headers", {}).items()}
        resource.status = response.get("status")
        resource.encoding = headers.get("content-encoding", "")
        if headers.get("content-length", "").isdigit():
            resource.content_length = int(headers["content-length"])
        resource.from_cache = bool(
            response.get("fromDiskCache") or response.get("fromServiceWorker")
        )

    def on_served_from_cache(event: dict[str, Any]) -> None:
        if resource := by_id.get(event["requestId"]):
            resource.from_cache = True

    def on_request_headers(event: dict[str, Any]) -> None:
        headers = {name.lower(): value for name, value in event.get("headers", {}).items()}
        sent_encodings[event["requestId"]] = headers.get("accept-encoding", "")

    def on_data(event: dict[str, Any]) -> None:
        touched()
        if resource := by_id.get(event["requestId"]):
            resource.decoded += int(event.get("dataLength", 0))

    def on_finished(event: dict[str, Any]) -> None:
        touched()
        if resource := by_id.get(event["requestId"]):
            resource.transferred = int(event.get("encodedDataLength", 0))
            resource.done = True

    def on_failed(event: dict[str, Any]) -> None:
        touched()
        if resource := by_id.get(event["requestId"]):
            resource.failed = event.get("errorText", "failed")
            resource.done = True

    def on_page_request(request: Any) -> None:
        host = urlsplit(request.url).hostname
        if urlsplit(request.url).scheme in ("http", "https") and host != _support.HOST:
            result.foreign.append(request.url)

    context = browser.new_context(locale="en-US", timezone_id=zone)
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("request", on_page_request)
        cdp = context.new_cdp_session(page)
        cdp.on("Network.requestWillBeSent", on_request)
        cdp.on("Network.responseReceived", on_response)
        cdp.on("Network.requestServedFromCache", on_served_from_cache)
        cdp.on("Network.requestWillBeSentExtraInfo", on_request_headers)
        cdp.on("Network.dataReceived", on_data)
        cdp.on("Network.loadingFinished", on_finished)
        cdp.on("Network.loadingFailed", on_failed)
        cdp.send("Network.enable")
        page.goto(base + path, wait_until="commit")
        deadline = time.monotonic() + VISIT_SECONDS
        while time.monotonic() < deadline:
            page.wait_for_timeout(250)  # lets Playwright deliver the DevTools events
            settled = all(resource.done for resource in by_id.values())
            if settled and time.monotonic() - last_activity[0] >= QUIET_SECONDS:
                break
        else:
            raise _support.BenchError(f"{path}: the network did not settle in {VISIT_SECONDS} s")
        page.wait_for_load_state("load")
    finally:
        context.close()
    result.resources.extend(by_id.values())
    for request_id, resource in by_id.items():
        resource.accept_encoding = sent_encodings.get(request_id, "")
        # Chromium reports a memory-cache hit as a response of 0 bytes on the wire.
        if resource.done and not resource.failed and resource.transferred == 0:
            resource.from_cache = True
    return result


def visits_run(base: str, pages: list[tuple[str, str, str]]) -> tuple[list[Visit], str]:
    """Every page with every visitor; returns the visits and Chromium's version."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise _support.BenchError(f"no Chromium at {CHROMIUM} (set CONVENE_CHROMIUM)")
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        version = browser.version
        try:
            for page_name, _title, path in pages:
                for visitor, zone in VISITORS:
                    results.append(visit(browser, base, page_name, path, visitor, zone))
        finally:
            browser.close()
    return results, version


# --- Report ------------------------------------------------------------------------


def _kb(size: int) -> str:
    return f"{size / 1000:.1f} KB"


def report(
    *, pages: list[tuple[str, str, str]], visits: list[Visit], facts: list[tuple[str, str]]
) -> tuple[str, bool, bool]:
    """Markdown section, whether no page asked another host, whether every page met the target."""
    local = all(not v.foreign for v in visits)
    light = all(v.transferred < TARGET_BYTES for v in visits)
    summary_rows = []
    details = []
    for v in visits:
        verdict = "met" if v.transferred < TARGET_BYTES else "**missed**"
        print(
            f"{v.page} {v.path}, {v.visitor}: {len(v.network)} requests, "
            f"{v.transferred:,} bytes on the wire ({v.bodies:,} of bodies), "
            f"other hosts: {len(v.foreign)}; < {_kb(TARGET_BYTES)}: {verdict}"
        )
        summary_rows.append(
            f"| {v.page} | {v.visitor} | {len(v.network)} | **{v.transferred:,} B** "
            f"({_kb(v.transferred)}) | {v.bodies:,} B | {len(v.foreign)} | {verdict} |"
        )
        lines = []
        for r in v.resources:
            if not r.on_network:
                continue
            where = urlsplit(r.url)
            name = where.path + (f"?{where.query}" if where.query else "")
            note = "memory cache" if r.from_cache else (r.failed or "")
            body = "0" if r.from_cache else f"{r.body:,}"
            lines.append(
                f"| {r.kind} | `{name}` | {r.status or ''} | {r.encoding or 'none'} | "
                f"{body} | {r.transferred:,} | {r.decoded:,} | {note} |"
            )
            print(
                f"    {r.kind:<10} {name} {r.status} {r.encoding or 'none'} body {body} B, "
                f"on the wire {r.transferred:,} B, decoded {r.decoded:,} B {note}"
            )
        details.append(
            f"{v.page} (`{v.path}`), {v.visitor}:\n\n"
            "| Type | Resource | Status | Encoding | Body (B) | On the wire (B) | Decoded (B) | |\n"
            "|---|---|---|---|---|---|---|---|\n" + "\n".join(lines) + "\n"
        )
    chosen = "\n".join(
        f"- {name}: {title} (`{path}`), the heaviest of the demo's {kind} pages"
        for name, title, path, kind in (
            (pages[0][0], pages[0][1], pages[0][2], "event"),
            (pages[1][0], pages[1][1], pages[1][2], "session"),
        )
    )
    summary_table = "\n".join(summary_rows)
    detail_text = "\n".join(details)
    outcome = "met by every visit" if light else "missed"
    accept = next(
        (r.accept_encoding for v in visits for r in v.resources if r.kind == "Document"), ""
    )
    return (
        f"""## Page weight of a first visit

Headless Chromium (Debian's, driven by Playwright), a fresh browser context for every
visit (empty cache, no cookies), served by gunicorn with DEBUG off on 127.0.0.1; Chromium
sent `Accept-Encoding: {accept}`. WhiteNoise serves the static files precompressed, Django's
GZipMiddleware compresses the HTML. "On the wire" is DevTools' `encodedDataLength` (HTTP
headers included) summed over the responses that came over the network; "bodies" counts
the compressed bodies alone; files the reload takes from the memory cache count 0. Data:
the demo (`load_demo`); the pages:

{chosen}

Target: **under {_kb(TARGET_BYTES)} ({TARGET_BYTES:,} bytes) on the wire per visit**:
{outcome}. Requests to hosts other than 127.0.0.1: **{sum(len(v.foreign) for v in visits)}**.

| Page | Visitor | Requests | On the wire | Bodies | Other hosts | < {_kb(TARGET_BYTES)} |
|---|---|---|---|---|---|---|
{summary_table}

{detail_text}
{_support.facts_table(facts)}
Command: `.venv/bin/python bench/page_weight.py`
""",
        local,
        light,
    )


# --- Main --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--database", default="convene_bench_weight")
    parser.add_argument("--keep-db", action="store_true", help="keep the database afterwards")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--time-limit", type=int, default=300, help="seconds for the whole run")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    var_dir = Path(tempfile.mkdtemp(prefix="convene-bench-"))
    server = None
    try:
        with _support.time_limit(args.time_limit):
            print(f"database {args.database}: recreating, migrating, loading the demo")
            url = _support.database_recreate(args.database)
            _support.django_configure(database_url=url, var_dir=var_dir)
            _support.django_migrate()
            _support.django_collectstatic()
            demo_load()
            events, sessions = candidate_pages()
            server = _support.Server(
                workers=args.workers, threads=args.threads, log_path=var_dir / "gunicorn.log"
            )
            server.start()
            print(f"{server.description} on {server.url}")
            facts = _support.machine_facts(server)
            _support.django_disconnect()  # no ORM beside Playwright's event loop
            event = heaviest(server.url, events)
            session = heaviest(server.url, sessions)
            pages = [("Event page", event[0], event[1]), ("Session page", session[0], session[1])]
            visits, version = visits_run(server.url, pages)
            facts.insert(-1, ("Browser", f"Chromium {version} ({CHROMIUM}), headless"))
            server.stop()
            text, local, light = report(pages=pages, visits=visits, facts=facts)
            if not args.no_write:
                _support.section_write(SECTION, text)
                print(f"written to {_support.DOC.relative_to(_support.REPO)}")
            if not local or (args.strict and not light):
                return 1
            return 0
    except (_support.BenchError, _support.BenchTimeout) as error:
        print(f"page weight: {error}", file=sys.stderr)
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
