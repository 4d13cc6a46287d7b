"""Document pages under load: a version's reading page and its feedback, with 2,000 comments.

Creates a fresh PostgreSQL database with a strategy process and a recommendation whose
published version has 40 paragraphs (and 5 headings) and 2,000 comments: top-level
comments with stances, in ten languages, most about one paragraph, some hidden by
moderators, and replies in threads, written over four weeks (bulk_create, dates spread).
A second recommendation, the same but with 200 comments, serves to count SQL queries:
with Django's test client and CaptureQueriesContext, each page is read once with 200 and
once with 2,000 comments, anonymously and signed in; the counts must be equal.

Then it collects the static files, starts gunicorn with DEBUG off as in the README's
production example (single-threaded workers, `-w 4`), once with the anonymous page cache
as configured (a copy a few seconds old for anonymous readers) and once with it off (every
request renders), and each time runs `wrk -t2 -c16 -d20s --latency` against the version's
reading page (/en/processes/<process>/<document>/v1/) and against its feedback page (the
first page of threads), after a one-connection run of each. Prints requests per second
and latency percentiles, compares p95 with the target of 80 ms and writes the figures to
docs/benchmarks.md (section `document-page`).

    .venv/bin/python bench/document_page.py

Exits with 1 when a request failed or the query counts differ (or, with --strict, when
the target is missed), 2 when the run could not be measured.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import _support
import event_pages  # wrk, its report script and the measuring loop
from event_pages import Measured

SECTION = "document-page"
TARGET_P95_MS = 80.0
PROCESS_SLUG = "bench-strategy"
BIG_SLUG = "bench-recommendation"
SMALL_SLUG = "bench-recommendation-small"

# Stances of top-level comments, with their weights ("" is no stance given).
STANCES = [("support", 35), ("concern", 25), ("question", 15), ("red_line", 5), ("", 20)]
# Languages of comments, with their weights.
LANGUAGES = [
    ("en", 48),
    ("fr", 10),
    ("es", 10),
    ("ar", 7),
    ("pt-br", 6),
    ("de", 5),
    ("ru", 4),
    ("hi", 4),
    ("id", 4),
    ("zh-hans", 2),
]
SENTENCES = {
    "en": [
        "I support the direction of this paragraph, as long as smaller communities are heard.",
        "Who decides how the funds are shared between the regions? This is not clear yet.",
        "Our affiliate has tried something similar and it worked well for new editors.",
        "This would be a red line for many volunteers if it meant less local autonomy.",
        "Please add a timeline: without one it is hard to tell what changes next year.",
        "The wording is vague. What does 'equitable' mean in practice for a small wiki?",
        "We discussed this at our strategy salon; most participants agreed with it.",
        "Translation support matters here: most of our community does not read English.",
    ],
    "fr": [
        "Je soutiens cette orientation, à condition que les petites communautés soient entendues.",
        "Qui décide de la répartition des fonds entre les régions ? Ce n'est pas clair.",
        "Notre association a essayé quelque chose de semblable, avec de bons résultats.",
        "Il faudrait un calendrier : sans lui, difficile de savoir ce qui change.",
    ],
    "es": [
        "Apoyo esta propuesta, siempre que se escuche a las comunidades pequeñas.",
        "¿Quién decide cómo se reparten los fondos entre las regiones? No queda claro.",
        "Nuestro capítulo probó algo parecido y funcionó bien con los nuevos editores.",
        "Falta un calendario: sin él es difícil saber qué cambia el año próximo.",
    ],
    "ar": [
        "أؤيد هذا التوجه، بشرط أن يُسمع صوت المجتمعات الصغيرة.",
        "من يقرر كيفية توزيع الأموال بين المناطق؟ هذا غير واضح بعد.",
        "جربت مجموعتنا شيئًا مشابهًا ونجح مع المحررين الجدد.",
    ],
    "pt-br": [
        "Apoio esta direção, desde que as comunidades menores sejam ouvidas.",
        "Quem decide como os recursos são divididos entre as regiões? Não está claro.",
        "Falta um cronograma: sem ele é difícil saber o que muda no próximo ano.",
    ],
    "de": [
        "Ich unterstütze diese Richtung, sofern kleinere Communitys gehört werden.",
        "Wer entscheidet, wie die Mittel zwischen den Regionen verteilt werden?",
        "Bitte einen Zeitplan ergänzen, sonst bleibt unklar, was sich ändert.",
    ],
    "ru": [
        "Я поддерживаю это направление, если будут услышаны небольшие сообщества.",
        "Кто решает, как распределяются средства между регионами? Это пока неясно.",
        "Нужен график: без него трудно понять, что изменится в следующем году.",
    ],
    "hi": [
        "मैं इस दिशा का समर्थन करता हूँ, बशर्ते छोटे समुदायों की बात सुनी जाए।",
        "क्षेत्रों के बीच धन का बँटवारा कौन तय करेगा? यह अभी स्पष्ट नहीं है।",
        "कृपया एक समय-सारणी जोड़ें, वरना यह समझना कठिन है कि क्या बदलेगा।",
    ],
    "id": [
        "Saya mendukung arah ini, asalkan komunitas kecil juga didengar.",
        "Siapa yang memutuskan pembagian dana antarwilayah? Ini belum jelas.",
        "Mohon tambahkan jadwal, supaya jelas apa yang berubah tahun depan.",
    ],
    "zh-hans": [
        "我支持这个方向，前提是小型社群的声音也能被听到。",
        "由谁决定各地区之间的资金分配？目前还不清楚。",
        "请加上时间表，否则很难知道明年会有什么变化。",
    ],
}
WORDS = [
    "knowledge",
    "equity",
    "community",
    "affiliates",
    "volunteers",
    "governance",
    "resources",
    "movement",
    "decision",
    "making",
    "regional",
    "hubs",
    "partnerships",
    "capacity",
    "building",
    "safety",
    "inclusion",
    "technology",
    "platform",
    "contributors",
    "languages",
    "accountability",
    "transparency",
    "support",
    "structures",
    "participation",
    "diversity",
    "funding",
    "strategy",
    "implementation",
    "wikis",
    "projects",
]


# --- Data ------------------------------------------------------------------------


def _body(rng: random.Random, paragraphs: int, headings: int) -> str:
    """Markdown: `paragraphs` paragraphs of 50 to 110 words, a heading before each group."""
    blocks = []
    per_section = max(1, paragraphs // max(1, headings))
    for number in range(paragraphs):
        if number % per_section == 0 and number // per_section < headings:
            blocks.append(f"## Part {number // per_section + 1}: {rng.choice(WORDS).title()}")
        words = [rng.choice(WORDS) for _word in range(rng.randint(50, 110))]
        words[0] = words[0].title()
        words[rng.randint(3, 20)] = f"**{rng.choice(WORDS)}**"
        text = " ".join(words) + "."
        if number % 9 == 4:  # now and then a paragraph with a list
            text += "\n" + "\n".join(f"- {rng.choice(WORDS)}" for _item in range(3))
        if number % 11 == 7:
            text += " See [the Meta-Wiki page](https://meta.wikimedia.org/wiki/Strategy)."
        blocks.append(text)
    return "\n\n".join(blocks)


def _comment_text(rng: random.Random, language: str) -> str:
    bank = SENTENCES[language]
    sentences = [rng.choice(bank) for _sentence in range(rng.choice([1, 1, 2, 2, 3, 4]))]
    if len(sentences) > 2 and rng.random() < 0.5:  # a line break now and then
        return " ".join(sentences[:2]) + "\n\n" + " ".join(sentences[2:])
    return " ".join(sentences)


def document_create(
    *,
    rng: random.Random,
    process: object,
    slug: str,
    title: str,
    author: object,
    people: list,
    comments: int,
    paragraphs: int,
    headings: int,
) -> tuple[object, dict[str, int]]:
    """A recommendation with one published version and `comments` comments and replies."""
    from django.utils import timezone

    from convene.discussion.models import Comment
    from convene.documents import services
    from convene.documents.models import Document, Initiative, Paragraph

    now = timezone.now().replace(microsecond=0)
    opened = now - timedelta(days=30)
    document = Document.objects.create(
        process=process, slug=slug, title=title, working_group="Bench working group"
    )
    document.authors.add(author)
    Initiative.objects.bulk_create(
        [
            Initiative(
                document=document,
                number=number,
                identifier=f"{slug}-initiative-{number}",
                title=f"Initiative {number}: {' '.join(rng.sample(WORDS, 3))}",
                description=" ".join(rng.choice(WORDS) for _w in range(20)),
            )
            for number in range(1, 6)
        ]
    )
    draft = services.version_save_draft(
        document=document,
        author=author,
        title=title,
        body=_body(rng, paragraphs, headings),
        source_language="en",
        change_summary="",
        feedback_opens_at=opened,
        feedback_closes_at=now + timedelta(days=14),
        guiding_questions="What would change for your community?\nWhat is missing?\n"
        "Which initiative matters most to you?",
    )
    version = services.version_publish(version=draft, by=author, now=opened)
    targets = list(version.paragraphs.filter(kind=Paragraph.Kind.PARAGRAPH).order_by("position"))
    if len(targets) != paragraphs:
        raise _support.BenchError(f"{len(targets)} paragraphs published, not {paragraphs}")
    # Uneven interest: a few paragraphs draw most of the comments.
    weights = [rng.paretovariate(1.5) for _paragraph in targets]
    stances, stance_weights = zip(*STANCES, strict=True)
    languages, language_weights = zip(*LANGUAGES, strict=True)
    top_count = round(comments * 0.7)
    top = []
    for _index in range(top_count):
        language = rng.choices(languages, language_weights)[0]
        hidden = rng.random() < 0.01
        top.append(
            Comment(
                version=version,
                paragraph=rng.choices(targets, weights)[0] if rng.random() < 0.75 else None,
                author=rng.choice(people),
                body=_comment_text(rng, language),
                language=language,
                stance=rng.choices(stances, stance_weights)[0],
                hidden_at=now if hidden else None,
                hidden_reason="Personal attack (Universal Code of Conduct)" if hidden else "",
            )
        )
    top = Comment.objects.bulk_create(top, batch_size=1000)
    for comment in top:  # written over the four weeks the feedback has been open
        comment.created_at = opened + timedelta(seconds=rng.uniform(0, 28 * 86400))
    visible = [comment for comment in top if comment.hidden_at is None]
    popularity = [rng.paretovariate(1.2) for _comment in visible]
    replies = []
    for _index in range(comments - top_count):
        parent = rng.choices(visible, popularity)[0]
        language = parent.language if rng.random() < 0.7 else rng.choices(languages)[0]
        replies.append(
            Comment(
                version=version,
                paragraph_id=parent.paragraph_id,
                parent=parent,
                author=rng.choice(people),
                body=_comment_text(rng, language),
                language=language,
                stance="",
            )
        )
    replies = Comment.objects.bulk_create(replies, batch_size=1000)
    for reply in replies:
        delay = timedelta(seconds=rng.uniform(300, 3 * 86400))
        reply.created_at = min(reply.parent.created_at + delay, now - timedelta(minutes=1))
    Comment.objects.bulk_update(top + replies, ["created_at"], batch_size=1000)
    stats = {
        "top-level": len(top),
        "replies": len(replies),
        "hidden": sum(1 for comment in top if comment.hidden_at),
        "on a paragraph": sum(1 for comment in top if comment.paragraph_id),
        "threads with replies": len({reply.parent_id for reply in replies}),
    }
    return version, stats


@dataclass
class Data:
    process: str
    big: object  # DocumentVersion with the many comments
    small: object  # DocumentVersion with the few
    stats: dict[str, int]
    summary: str


def data_create(*, comments: int, small_comments: int, paragraphs: int, headings: int) -> Data:
    from convene.accounts.models import User
    from convene.documents.models import Process

    rng = random.Random(20190812)  # the same data at every run
    author = User(email="author@bench.invalid", display_name="Working group member")
    author.set_unusable_password()
    author.save()
    people = []
    for index in range(400):
        person = User(email=f"reader{index:04d}@bench.invalid", display_name=f"Reader {index}")
        person.set_unusable_password()
        people.append(person)
    people = User.objects.bulk_create(people, batch_size=1000)
    process = Process.objects.create(
        slug=PROCESS_SLUG, title="Bench strategy", description="A process for the benchmark."
    )
    big, stats = document_create(
        rng=rng,
        process=process,
        slug=BIG_SLUG,
        title="Ensure equity in decision-making",
        author=author,
        people=people,
        comments=comments,
        paragraphs=paragraphs,
        headings=headings,
    )
    small, _small_stats = document_create(
        rng=random.Random(20190812),
        process=process,
        slug=SMALL_SLUG,
        title="Ensure equity in decision-making (small)",
        author=author,
        people=people,
        comments=small_comments,
        paragraphs=paragraphs,
        headings=headings,
    )
    summary = data_summary(big, small)
    return Data(process=PROCESS_SLUG, big=big, small=small, stats=stats, summary=summary)


def data_summary(big: object, small: object) -> str:
    """Counts read back from the database."""
    from django.db.models import Count, Q

    from convene.discussion.models import Comment
    from convene.documents.models import Paragraph

    def counts(version: object) -> dict[str, int]:
        return Comment.objects.filter(version=version).aggregate(
            total=Count("pk"),
            top=Count("pk", filter=Q(parent__isnull=True)),
            replies=Count("pk", filter=Q(parent__isnull=False)),
            hidden=Count("pk", filter=Q(hidden_at__isnull=False)),
            paragraph=Count("pk", filter=Q(parent__isnull=True, paragraph__isnull=False)),
        )

    many = counts(big)
    few = counts(small)
    kinds = Counter(Paragraph.objects.filter(version=big).values_list("kind", flat=True))
    languages = Comment.objects.filter(version=big).values("language").distinct().count()
    stances = Counter(
        Comment.objects.filter(version=big, parent__isnull=True).values_list("stance", flat=True)
    )
    stance_text = ", ".join(
        f"{stances.get(value, 0):,} {value.replace('_', ' ') or 'no stance'}"
        for value, _weight in STANCES
    )
    return (
        f"one published version of {kinds['paragraph']} paragraphs and {kinds['heading']} "
        f"headings with **{many['total']:,} comments**: {many['top']:,} top-level "
        f"({many['paragraph']:,} about one paragraph; {stance_text}; {many['hidden']} hidden "
        f"by moderators) and {many['replies']:,} replies, in {languages} languages, written "
        f"over four weeks; for the query counts, the same document with {few['total']:,} "
        f"comments ({few['top']:,} top-level, {few['replies']:,} replies)"
    )


# --- SQL queries per page -------------------------------------------------------------


@dataclass
class QueryCount:
    page: str
    visitor: str
    small: int
    big: int
    statements: list[str]  # of the page with many comments, for the console

    @property
    def equal(self) -> bool:
        return self.small == self.big


def page_paths(version: object) -> list[tuple[str, str]]:
    from django.urls import reverse
    from django.utils import translation

    document = version.document  # type: ignore[attr-defined]
    args = [document.process.slug, document.slug, version.number]  # type: ignore[attr-defined]
    with translation.override("en"):
        return [
            ("Version page", reverse("documents:version", args=args)),
            ("Feedback page", reverse("discussion:feedback", args=args)),
        ]


def query_counts(data: Data) -> list[QueryCount]:
    """SQL queries of each page, with few and with many comments, anonymous and signed in."""
    from django.test.utils import override_settings

    from convene.accounts.models import User

    reader = User.objects.filter(email__startswith="reader").order_by("pk").first()
    with override_settings(CONVENE_PAGE_CACHE_SECONDS=0):  # count what rendering needs
        return _query_counts(data, reader)


def _query_counts(data: Data, reader: object) -> list[QueryCount]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    results = []
    for visitor in ("anonymous", "signed in"):
        client = Client(SERVER_NAME=_support.HOST)
        if visitor == "signed in":
            client.force_login(reader)
        pages_small = page_paths(data.small)
        pages_big = page_paths(data.big)
        for (label, small_path), (_label, big_path) in zip(pages_small, pages_big, strict=True):
            counted = {}
            for name, path in (("small", small_path), ("big", big_path)):
                client.get(path)  # the first request fills per-process caches
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(path)
                if response.status_code != 200:
                    raise _support.BenchError(f"{path} answered {response.status_code}")
                counted[name] = queries
            results.append(
                QueryCount(
                    page=label,
                    visitor=visitor,
                    small=len(counted["small"]),
                    big=len(counted["big"]),
                    statements=[q["sql"] for q in counted["big"].captured_queries],
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
    facts: list[tuple[str, str]],
) -> tuple[str, bool, bool, bool]:
    """Markdown section, whether every request succeeded, whether the target was met with
    `args.connections` connections on every page, whether the query counts were equal."""
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
        setup = measured.setup or "as configured"
        print(
            f"{measured.label} ({measured.path}), {setup}, {measured.connections} connection(s): "
            f"{run.requests_per_second:.1f} req/s, p50 {lat['p50']:.1f} ms, "
            f"p90 {lat['p90']:.1f} ms, p95 {lat['p95']:.1f} ms, p99 {lat['p99']:.1f} ms, "
            f"max {lat['max']:.1f} ms, errors {errors}, other processes' CPU "
            f"{measured.load.describe()}; p95 < {TARGET_P95_MS:.0f} ms: {verdict}"
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
            f"SQL queries, {count.page}, {count.visitor}: {count.small} with "
            f"{args.small_comments:,} comments, {count.big} with {args.comments:,}: {verdict}"
        )
        count_rows.append(
            f"| {count.page} | {count.visitor} | {count.small} | {count.big} | {verdict} |"
        )
    table = "\n".join(rows)
    count_table = "\n".join(count_rows)
    outcome = "; ".join(
        f"{setup + ': ' if setup else ''}{'met on both pages' if ok else '**missed**'}"
        for setup, ok in met.items()
    )
    return (
        f"""## Document pages under load

A recommendation with {data.summary}. Data created with `bulk_create`, in a fresh
PostgreSQL database, then `ANALYZE`d (as autovacuum does on a live database).

`wrk -t{args.wrk_threads} -c{args.connections} -d{args.duration}s --latency` against the
version's reading page and against its feedback page (the first page of
{_comments_per_page()} threads, newest first, with their replies), p95 from
`bench/wrk_report.lua`, after a {args.warmup}-second warm-up; before it, a
{args.single}-second run with one connection (`-t1 -c1`). The visitor is anonymous and
sends `Accept-Encoding: {event_pages.ACCEPT_ENCODING}`. gunicorn runs as in the README's
production example, `-w {args.workers}` single-threaded workers (threads lengthened the
slowest answers in the event-page measurements), once with the anonymous page cache as
configured (each worker keeps an anonymous reader's copy of a page, per language and
time zone, for a few seconds) and once with it off (`CONVENE_PAGE_CACHE_SECONDS=0`):
every request renders the page, as for a signed-in reader.

Target: **p95 < {TARGET_P95_MS:.0f} ms with {args.connections} connections**: {outcome}.

| Page | Server | Connections | Requests/s | p50 ms | p90 ms | p95 ms | p99 ms | max ms | Requests | Errors | Answer (gzip) | Other CPU | p95 < {TARGET_P95_MS:.0f} ms |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
{table}

With {args.connections} connections each waiting for its answer, latency is about
connections ÷ throughput: p95 under {TARGET_P95_MS:.0f} ms needs roughly
{args.connections / TARGET_P95_MS * 1000:.0f} requests per second or more. "Other CPU": the
share of the machine's CPU that processes other than the benchmark's (gunicorn, wrk,
PostgreSQL) used during the run.

SQL queries per page, counted once with Django's test client and `CaptureQueriesContext`
(after one request to warm the caches), with {args.small_comments:,} and with
{args.comments:,} comments; they must be equal (the reads do not grow with the comments):
**{"equal on every page" if equal else "different"}**.

| Page | Visitor | Queries, {args.small_comments:,} comments | Queries, {args.comments:,} comments | |
|---|---|---|---|---|
{count_table}

{_support.facts_table(facts)}
Command: `.venv/bin/python bench/document_page.py`
""",
        clean,
        all(met.values()),
        equal,
    )


def _comments_per_page() -> int:
    from convene.discussion.selectors import COMMENTS_PER_PAGE

    return COMMENTS_PER_PAGE


# --- Main --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=2000)
    parser.add_argument(
        "--small-comments", type=int, default=200, help="comments of the second document"
    )
    parser.add_argument("--paragraphs", type=int, default=40)
    parser.add_argument("--headings", type=int, default=5)
    parser.add_argument("--duration", type=int, default=20, help="seconds of wrk per page")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk before measuring")
    parser.add_argument("--single", type=int, default=5, help="seconds with one connection")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="1: gunicorn's sync workers")
    parser.add_argument("--database", default="convene_bench_documents")
    parser.add_argument("--keep-db", action="store_true", help="keep the database afterwards")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the target is missed")
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
    parser.add_argument("--time-limit", type=int, default=1800, help="seconds for the whole run")
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
            print(f"creating {args.comments:,} and {args.small_comments:,} comments")
            data = data_create(
                comments=args.comments,
                small_comments=args.small_comments,
                paragraphs=args.paragraphs,
                headings=args.headings,
            )
            _support.database_analyze()
            print(data.summary.replace("**", ""))
            counts = query_counts(data)
            for count in counts:
                print(
                    f"{count.page}, {count.visitor}: {count.small} queries with "
                    f"{args.small_comments:,} comments, {count.big} with {args.comments:,}:"
                )
                for statement in count.statements:
                    print(f"    {statement[:150]}")
            (version_label, version_path), (feedback_label, feedback_path) = page_paths(data.big)
            title = data.big.title  # type: ignore[attr-defined]
            pages = [
                (version_label, version_path, title),
                (feedback_label, feedback_path, "Newest first."),
            ]
            runs = []
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
                runs += event_pages.measure_pages(args, server, pages, setup)
                facts = _support.machine_facts(server)
                server.stop()
                if server.log_tail():
                    print(f"gunicorn log:\n{server.log_tail()}")
            text, clean, met, equal = report(
                args=args, runs=runs, data=data, counts=counts, facts=facts
            )
            if not args.no_write:
                _support.section_write(SECTION, text)
                print(f"written to {_support.DOC.relative_to(_support.REPO)}")
            if not clean or not equal or (args.strict and not met):
                return 1
            return 0
    except (_support.BenchError, _support.BenchTimeout) as error:
        print(f"document page: {error}", file=sys.stderr)
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
