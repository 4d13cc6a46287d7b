"""Document weight: the bytes a first visit to a strategy document costs.

Creates a fresh PostgreSQL database with the demo data (`load_demo --force`), collects the
static files and starts gunicorn with DEBUG off (WhiteNoise serves the compressed static
files, Django's GZipMiddleware the HTML). Among the published versions of the documents
of the "Movement Strategy 2018-20" process (the working groups' recommendations and the
final set), it picks the heaviest reading page (largest HTML) and the heaviest feedback
page, then opens each in headless Chromium with an empty cache, with the browser in UTC
and in Asia/Kolkata (where convene.js stores the browser's time zone and reloads the page
once), as `page_weight.py` does for event pages; the reading page also in the French
interface (paragraphs not yet translated are shown in English, each under a note).
Chromium's DevTools protocol gives each response's bytes on the wire. Lists every
resource, counts requests to hosts other than 127.0.0.1 (must be 0), compares the total
to the target of 60 KB and writes the figures to docs/benchmarks.md (section
`document-weight`).

    .venv/bin/python bench/document_weight.py

Exits with 1 when a page asks another host (or, with --strict, when a page is heavier than
the target), 2 when the run could not be measured.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import _support
import page_weight  # Chromium, the visits and the demo
from page_weight import CHROMIUM, Visit

SECTION = "document-weight"
TARGET_BYTES = 60_000  # 60 KB
PROCESS = "movement-strategy-2018-20"


def candidate_pages() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(title, path) of the latest published version of every document of the process, and
    of its feedback page."""
    from django.urls import reverse
    from django.utils import translation

    from convene.documents import selectors
    from convene.documents.models import Process

    process = Process.objects.filter(slug=PROCESS).first()
    if process is None:
        raise _support.BenchError(f"the demo has no process {PROCESS!r}")
    readings, feedback = [], []
    with translation.override("en"):
        for document in selectors.process_documents(process=process):
            version = document.latest  # type: ignore[attr-defined]
            if version is None:
                continue
            args = [process.slug, document.slug, version.number]
            title = f"{document.title} (iteration {version.number})"
            readings.append((title, reverse("documents:version", args=args)))
            feedback.append((title, reverse("discussion:feedback", args=args)))
    if not readings:
        raise _support.BenchError(f"the demo's process {PROCESS!r} has no published document")
    return readings, feedback


def comment_count(path: str) -> int:
    """Comments shown on a feedback page's version and its earlier iterations."""
    from convene.discussion.models import Comment
    from convene.documents.models import DocumentVersion

    process, document, number = path.strip("/").split("/")[2:5]
    version = DocumentVersion.objects.get(
        document__process__slug=process, document__slug=document, number=int(number[1:])
    )
    return Comment.objects.filter(
        version__document=version.document_id, version__number__lte=version.number
    ).count()


def _kb(size: int) -> str:
    return f"{size / 1000:.1f} KB"


def report(
    *,
    pages: list[tuple[str, str, str]],
    counts: int,
    visits: list[Visit],
    facts: list[tuple[str, str]],
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
    (reading_name, reading_title, reading_path), (french_name, _title, french_path) = pages[:2]
    feedback_name, feedback_title, feedback_path = pages[2]
    accept = next(
        (r.accept_encoding for v in visits for r in v.resources if r.kind == "Document"), ""
    )
    outcome = "met by every visit" if light else "**missed**"
    summary_table = "\n".join(summary_rows)
    detail_text = "\n".join(details)
    return (
        f"""## Document weight of a first visit

Headless Chromium (Debian's, driven by Playwright), a fresh browser context for every
visit (empty cache, no cookies), served by gunicorn with DEBUG off on 127.0.0.1; Chromium
sent `Accept-Encoding: {accept}`. WhiteNoise serves the static files precompressed, Django's
GZipMiddleware compresses the HTML. "On the wire" is DevTools' `encodedDataLength` (HTTP
headers included) summed over the responses that came over the network; "bodies" counts
the compressed bodies alone; files the reload takes from the memory cache count 0. Data:
the demo (`load_demo`), its "Movement Strategy 2018-20" documents; the pages:

- {reading_name}: {reading_title} (`{reading_path}`), the heaviest reading page of the
  process's documents (latest published iteration of each)
- {french_name}: the same page in the French interface (`{french_path}`), which reads the
  document in French: each paragraph not translated yet is shown in English under a note
- {feedback_name}: {feedback_title} (`{feedback_path}`), the heaviest feedback page of those
  versions ({counts} comments on the document, the first page of threads shown)

Target: **under {_kb(TARGET_BYTES)} ({TARGET_BYTES:,} bytes) on the wire per visit**:
{outcome}. Requests to hosts other than 127.0.0.1: **{sum(len(v.foreign) for v in visits)}**.

| Page | Visitor | Requests | On the wire | Bodies | Other hosts | < {_kb(TARGET_BYTES)} |
|---|---|---|---|---|---|---|
{summary_table}

{detail_text}
{_support.facts_table(facts)}
Command: `.venv/bin/python bench/document_weight.py`
""",
        local,
        light,
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="1: gunicorn's sync workers")
    parser.add_argument("--database", default="convene_bench_document_weight")
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
            page_weight.demo_load()
            readings, feedback = candidate_pages()
            server = _support.Server(
                workers=args.workers, threads=args.threads, log_path=var_dir / "gunicorn.log"
            )
            server.start()
            print(f"{server.description} on {server.url}")
            facts = _support.machine_facts(server)
            reading = page_weight.heaviest(server.url, readings)
            comments = page_weight.heaviest(server.url, feedback)
            counts = comment_count(comments[1])
            _support.django_disconnect()  # no ORM beside Playwright's event loop
            pages = [
                ("Document page", reading[0], reading[1]),
                ("Document page in French", reading[0], reading[1].replace("/en/", "/fr/", 1)),
                ("Feedback page", comments[0], comments[1]),
            ]
            visits, version = page_weight.visits_run(server.url, pages)
            facts.insert(-1, ("Browser", f"Chromium {version} ({CHROMIUM}), headless"))
            server.stop()
            text, local, light = report(pages=pages, counts=counts, visits=visits, facts=facts)
            if not args.no_write:
                _support.section_write(SECTION, text)
                print(f"written to {_support.DOC.relative_to(_support.REPO)}")
            if not local or (args.strict and not light):
                return 1
            return 0
    except (_support.BenchError, _support.BenchTimeout) as error:
        print(f"document weight: {error}", file=sys.stderr)
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
