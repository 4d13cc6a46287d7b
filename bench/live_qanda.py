"""Live questions: 500 participants poll a session's question list while questions and votes
come in; how long until each of them sees each change.

Creates a fresh PostgreSQL database with a published event whose session is in progress,
its organizer (the host), 500 participants and 20 questions already asked (votes, a few
answered, one merged, one follow-up), collects the static files and starts gunicorn with
DEBUG off as in the README's production example (single-threaded workers, `-w 4`).

Then 500 clients, one asyncio task and one HTTP/1.1 connection each (an httpx client with
a pool of one connection, kept alive when the server allows it, opened again when it
closes it), do what a browser does: open the
questions page, then, as qanda.js, fetch the list at the address the page gives
(`.../questions/live/shared/?view=…&tz=…`) 1.8 s after the previous request was sent, with
`If-None-Match` and the last ETag; 304 when nothing changed. Each client is a
signed-in participant (a session cookie made with Django's SessionStore) or, in the
second run, an anonymous visitor (reading is public). Once every client has the list,
20 s without any change (how the server copes when every answer can be a 304); then, for
60 s, every 3 s a participant asks a new question or votes, through the site: a POST with
its CSRF token, as the form sends it. For each change and each client: the delay from the moment the POST was sent
to the first 200 answer whose HTML shows the change (the new question's text, or the
question's new vote count). Reports the p50, p95 and max of those delays (target: p95
under 2 s), the requests per second served, the share of 304 answers, the latency of the
polls, and the memory of gunicorn (RSS of the master and workers, from psutil) before and
at the end; then checks the database (every question asked, every vote counted). Writes
the figures to docs/benchmarks.md (section `live-qanda`).

    .venv/bin/python bench/live_qanda.py

Exits with 1 when a check fails or a client missed a change (or, with --strict, when the
target is missed), 2 when the run could not be measured.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.cookiejar
import math
import random
import re
import secrets
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import timedelta
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import _support
import httpx
import psutil

SECTION = "live-qanda"
TARGET_P95_SECONDS = 2.0
POLL_SECONDS = 1.8  # qanda.js: the next poll 1.8 s after the previous one was sent
REQUEST_TIMEOUT = 30.0
ACCEPT_ENCODING = "gzip, deflate, br"
MODES = ("signed-in", "anonymous")
ZONES = ["Africa/Nairobi", "Asia/Kolkata", "Europe/Berlin", "America/Sao_Paulo", "UTC"]
SEEDED = [
    ("en", "How will the hubs be funded in regions where there is no affiliate yet?"),
    ("en", "What happens to the recommendations if the Board does not endorse them?"),
    ("fr", "Comment les petites communautés seront-elles représentées au conseil mondial ?"),
    ("es", "¿Habrá interpretación al español en las próximas sesiones?"),
    ("en", "Can volunteers who do not read English take part in the drafting committee?"),
    ("ar", "كيف سيتم اختيار أعضاء لجنة الصياغة؟"),
    ("en", "Is there a timeline for the implementation of the Movement Charter?"),
    ("pt-br", "Como as comunidades lusófonas podem participar das consultas?"),
    ("en", "Who decides how the resources are shared between the hubs?"),
    ("de", "Wie wird sichergestellt, dass kleine Sprachversionen gehört werden?"),
    ("en", "Will the session notes be translated, and when will they be published?"),
    ("hi", "क्या हिंदी में भी परामर्श आयोजित किए जाएंगे?"),
    ("en", "How does this relate to the Universal Code of Conduct enforcement?"),
    ("id", "Bagaimana komunitas kecil bisa mendapatkan dukungan data internet?"),
    ("en", "What is the role of the Wikimedia Foundation once the Global Council exists?"),
    ("ru", "Как будут учитываться мнения участников, которые не пишут по-английски?"),
    ("en", "Could the next round of conversations be held at a time that suits Asia?"),
    ("en", "How can affiliates propose changes to the draft before the vote?"),
    ("zh-hans", "全球理事会的成员将如何选出？"),
    ("en", "What support is there for newcomers who want to join a working group?"),
]


# --- Data ------------------------------------------------------------------------


@dataclass
class Data:
    page_path: str  # the questions page
    live_path: str  # the fragment the page polls (its query says whose list, and the zone)
    session_id: int
    participants: list[int]  # user ids
    writers: list[int]  # user ids of the participants who ask and vote, one write each
    host: int
    summary: str = ""


def data_create(*, participants: int, writes: int) -> Data:
    from django.urls import reverse
    from django.utils import timezone, translation

    from convene.accounts.models import User
    from convene.events.models import Event, LocationType, Session

    now = timezone.now().replace(microsecond=0)
    host = User(email="host@bench.invalid", display_name="Session host")
    host.set_unusable_password()
    host.save()
    rng = random.Random(20210601)
    people = []
    for index in range(participants):
        person = User(
            email=f"participant{index:04d}@bench.invalid",
            display_name=f"Participant {index}",
            timezone=rng.choice(ZONES),
        )
        person.set_unusable_password()
        people.append(person)
    people = User.objects.bulk_create(people, batch_size=1000)
    event = Event.objects.create(
        slug="bench-live-event",
        title="Movement Charter: ask the drafting committee",
        summary="A live session with questions from the participants.",
        description="Questions are asked and voted on during the session.",
        timezone="UTC",
        is_published=True,
        registration_opens_at=now - timedelta(days=20),
        registration_closes_at=now - timedelta(hours=1),
    )
    event.organizers.add(host)
    session = Session.objects.create(
        event=event,
        title="Ask me anything",
        starts_at=now - timedelta(minutes=30),
        ends_at=now + timedelta(hours=2),
        timezone="UTC",
        capacity=1000,
        location_type=LocationType.ONLINE,
        meeting_url="https://meet.example.org/bench-live",
    )
    with translation.override("en"):
        page_path = reverse("qanda:page", args=[event.slug, session.pk])
        live_path = reverse("qanda:shared", args=[event.slug, session.pk])
    ids = [person.pk for person in people]
    return Data(
        page_path=page_path,
        live_path=live_path,
        session_id=session.pk,
        participants=ids,
        writers=ids[:writes],
        host=host.pk,
    )


def questions_seed(data: Data) -> dict[int, int]:
    """Remove every question of the session and ask the seeded ones again, with votes from
    participants who do not write during the run. Returns {question id: vote count} of the
    questions that can be voted for (not the merged one)."""
    from django.utils import timezone

    from convene.qanda.models import Question, Vote

    rng = random.Random(20210602)
    Question.objects.filter(session_id=data.session_id).delete()
    now = timezone.now()
    voters = data.participants[len(data.writers) :]
    questions = Question.objects.bulk_create(
        [
            Question(
                session_id=data.session_id,
                author_id=rng.choice(voters),
                is_anonymous=index % 5 == 3,
                text=text,
                language=language,
            )
            for index, (language, text) in enumerate(SEEDED)
        ]
    )
    votes = []
    for question in questions:
        wanted = min(120, int(rng.paretovariate(1.1) * 3) - 3)  # a few popular, most not
        chosen = rng.sample(voters, min(len(voters), wanted))
        votes += [Vote(question=question, user_id=user_id) for user_id in chosen]
        question.vote_count = len(chosen)
        question.created_at = now - timedelta(minutes=rng.uniform(1, 30))
    Vote.objects.bulk_create(votes, batch_size=2000)
    for index, question in enumerate(questions):
        if index % 6 == 1:  # a few answered by the host
            question.answer = "Thank you: the committee will publish a written answer too."
            question.answered_at = now
            question.answered_by_id = data.host
    merged, into = questions[-1], questions[0]
    Vote.objects.filter(question=merged).delete()
    merged.vote_count, merged.merged_into = 0, into
    questions[-2].follows = questions[1]
    Question.objects.bulk_update(
        questions,
        [
            "vote_count",
            "created_at",
            "answer",
            "answered_at",
            "answered_by",
            "merged_into",
            "follows",
        ],
    )
    shown = Question.objects.filter(session_id=data.session_id, merged_into__isnull=True)
    return dict(shown.values_list("pk", "vote_count"))


def session_cookies(user_ids: list[int]) -> dict[int, str]:
    """A signed-in session for each user, as Django's login would store it: {id: cookie}."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from convene.accounts.models import User

    store = import_module(settings.SESSION_ENGINE).SessionStore
    cookies = {}
    for user in User.objects.filter(pk__in=user_ids):
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies[user.pk] = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
    return cookies


# --- HTTP/1.1 with httpx ---------------------------------------------------------

# The clients keep their cookies themselves (`jar`, sent in a Cookie header), as before:
# httpx's own cookie store is given a policy that refuses every cookie.
_NO_COOKIES = http.cookiejar.DefaultCookiePolicy(allowed_domains=[])


@dataclass
class Response:
    status: int
    headers: httpx.Headers  # looked up case-insensitively
    cookies: dict[str, str]  # from Set-Cookie
    size: int  # bytes of the body as received (gzip)
    html: str  # the body, decoded

    def text(self) -> str:
        return self.html


class Connection:
    """One HTTP/1.1 connection (an httpx client with a pool of one), kept alive while the
    server keeps it, opened again after. `opened` counts the TCP connections it opened."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.opened = 0
        self.client = httpx.AsyncClient(
            base_url=f"http://{_support.HOST}:{port}",
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
            timeout=REQUEST_TIMEOUT,
            trust_env=False,
            verify=False,  # plain HTTP on the loopback: no TLS context per client
            cookies=http.cookiejar.CookieJar(policy=_NO_COOKIES),
        )
        # Send only the headers each request names (as a browser's fetch would, no more).
        for name in ("Accept", "Accept-Encoding", "Connection", "User-Agent"):
            del self.client.headers[name]

    async def _trace(self, event: str, info: dict[str, object]) -> None:
        if event == "connection.connect_tcp.complete":
            self.opened += 1

    async def close(self) -> None:
        await self.client.aclose()

    async def request(
        self, method: str, path: str, headers: dict[str, str], body: bytes = b""
    ) -> Response:
        response = await self.client.request(
            method,
            path,
            headers={name: value for name, value in headers.items() if value},
            content=body if body or method == "POST" else None,
            extensions={"trace": self._trace},
        )
        cookies: dict[str, str] = {}
        for value in response.headers.get_list("set-cookie"):
            key, _sep, cookie = value.split(";", 1)[0].partition("=")
            cookies[key.strip()] = cookie.strip()
        return Response(
            response.status_code,
            response.headers,
            cookies,
            response.num_bytes_downloaded,
            response.text,
        )


def cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def jar_from(cookie: str) -> dict[str, str]:
    name, _sep, value = cookie.partition("=")
    return {name: value} if cookie else {}


# --- The run ------------------------------------------------------------------------


@dataclass
class Change:
    index: int
    kind: str  # "question" or "vote"
    question: int  # the question asked or voted for (0 until the answer to the POST tells)
    marker: str  # the text of a new question
    votes: int  # the vote count a vote leads to
    sent: float  # when the POST was sent (loop time)
    answered: float = math.nan  # when its answer arrived
    status: int = 0
    location: str = ""

    def visible_in(self, html: str) -> bool:
        if self.kind == "question":
            return self.marker in html
        start = html.find(f'id="q-{self.question}"')
        if start < 0:
            return False
        found = re.compile(r'<span class="votes">(\d+) vote').search(html, start)
        return bool(found and int(found.group(1)) >= self.votes)


@dataclass
class Poll:
    sent: float
    received: float
    status: int  # 0: no answer (error)
    size: int = 0


@dataclass
class Client:
    index: int
    jar: dict[str, str]
    connection: Connection
    etag: str = ""
    path: str = ""  # the address the page gives its script
    polls: list[Poll] = field(default_factory=list)
    seen: dict[int, float] = field(default_factory=dict)  # change index: moment
    errors: list[str] = field(default_factory=list)
    loaded: bool = False


@dataclass
class Outcome:
    mode: str
    clients: list[Client]
    changes: list[Change]
    window: tuple[float, float]  # loop times: the changes
    quiet: tuple[float, float]  # before, without changes
    loaded_after: float  # seconds until every client had its first answer
    memory_before: _support.Memory
    memory_end: _support.Memory
    memory_peak: int  # the largest RSS sum sampled during the run
    client_cpu: float  # seconds of CPU this process (the clients and the writer) used
    load: _support.OtherLoad | None = None
    checks: list[tuple[str, str, bool]] = field(default_factory=list)


async def pause(stop: asyncio.Event, seconds: float) -> None:
    """Sleep `seconds`, or less when the run stops."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


async def page_open(port: int, page_path: str, jar: dict[str, str]) -> Response:
    """GET the questions page with the cookies of `jar`, which takes the ones set."""
    connection = Connection(port)
    try:
        response = await connection.request(
            "GET", page_path, {"Accept-Encoding": ACCEPT_ENCODING, "Cookie": cookie_header(jar)}
        )
    finally:
        await connection.close()
    jar.update(response.cookies)
    return response


async def client_open(port: int, page_path: str, client: Client, gate: asyncio.Semaphore) -> None:
    """Open the questions page as the browser does: the list's address and entity tag."""
    async with gate:
        response = await page_open(port, page_path, client.jar)
    url = re.search(r'data-live-url="([^"]+)"', response.text())
    etag = re.search(r'data-etag="([^"]+)"', response.text())
    if response.status != 200 or not url or not etag:
        raise _support.BenchError(f"the questions page answered {response.status} without a list")
    client.path, client.etag = unescape(url.group(1)), unescape(etag.group(1))


async def client_loop(
    client: Client,
    port: int,
    changes: list[Change],
    stop: asyncio.Event,
    start_delay: float,
    all_loaded: asyncio.Event,
    loaded_count: list[int],
    total: int,
) -> None:
    """As qanda.js: fetch, then again with If-None-Match 1.8 s after the previous request
    was sent (at once when its answer took longer)."""
    loop = asyncio.get_running_loop()
    await asyncio.sleep(start_delay)
    while not stop.is_set():
        sent = loop.time()
        try:
            response = await asyncio.wait_for(
                client.connection.request(
                    "GET",
                    client.path,
                    {
                        "Accept": "*/*",
                        "Accept-Encoding": ACCEPT_ENCODING,
                        "Connection": "keep-alive",
                        "Cache-Control": "no-cache",  # fetch(..., {cache: "no-store"})
                        "If-None-Match": client.etag,
                        "Cookie": cookie_header(client.jar),
                    },
                ),
                REQUEST_TIMEOUT,
            )
        except (TimeoutError, OSError, ValueError, httpx.HTTPError) as error:
            client.polls.append(Poll(sent, loop.time(), 0))
            client.errors.append(f"{type(error).__name__}: {error}")
        else:
            received = loop.time()
            client.jar.update(response.cookies)
            client.polls.append(Poll(sent, received, response.status, response.size))
            if response.status == 200:
                client.etag = response.headers.get("etag", client.etag)
                html = response.text()
                for change in list(changes):
                    if change.index not in client.seen and change.visible_in(html):
                        client.seen[change.index] = received
            elif response.status != 304:
                client.errors.append(f"HTTP {response.status}")
        if not client.loaded:
            client.loaded = True
            loaded_count[0] += 1
            if loaded_count[0] == total:
                all_loaded.set()
        await pause(stop, max(0.0, sent + POLL_SECONDS - loop.time()))
    await client.connection.close()


@dataclass
class Writer:
    user_id: int
    jar: dict[str, str]
    csrf: str = ""


async def writer_prepare(port: int, page_path: str, writer: Writer) -> None:
    """Open the questions page as the participant would: the CSRF token of its form."""
    response = await page_open(port, page_path, writer.jar)
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text())
    if response.status != 200 or not found or 'class="ask-form"' not in response.text():
        raise _support.BenchError(
            f"the questions page answered {response.status} without the form to ask"
        )
    writer.csrf = found.group(1)


async def writer_post(port: int, path: str, writer: Writer, fields: dict[str, str]) -> Response:
    connection = Connection(port)
    try:
        return await asyncio.wait_for(
            connection.request(
                "POST",
                path,
                {
                    "Accept-Encoding": ACCEPT_ENCODING,
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": f"http://{_support.HOST}:{port}",
                    "Cookie": cookie_header(writer.jar),
                },
                urlencode({"csrfmiddlewaretoken": writer.csrf, **fields}).encode(),
            ),
            REQUEST_TIMEOUT,
        )
    finally:
        await connection.close()


async def writes_run(
    *,
    port: int,
    data: Data,
    writers: list[Writer],
    counts: dict[int, int],
    changes: list[Change],
    t0: float,
    interval: float,
    token: str,
) -> None:
    """Every `interval` seconds, a new question or a vote, each by another participant."""
    loop = asyncio.get_running_loop()
    asked: list[int] = []
    seeded = sorted(counts, key=lambda pk: (-counts[pk], pk))[:8]  # the popular ones
    for index, writer in enumerate(writers):
        await asyncio.sleep(max(0.0, t0 + interval / 2 + index * interval - loop.time()))
        if index % 2 == 0 or not asked:
            marker = f"Bench question {index:02d}-{token}: will the notes be translated?"
            change = Change(index, "question", 0, marker, 0, loop.time())
            changes.append(change)
            response = await writer_post(
                port,
                data.page_path,
                writer,
                {"text": marker, "language": "en", "sort": "votes"},
            )
            found = re.search(r"#q-(\d+)$", response.headers.get("location", ""))
            if found:
                change.question = int(found.group(1))
                asked.append(change.question)
                counts[change.question] = 0
        else:
            # Alternately the question asked just before and one of the popular ones.
            target = asked[-1] if index % 4 == 1 else seeded[(index // 4) % len(seeded)]
            counts[target] += 1
            change = Change(index, "vote", target, "", counts[target], loop.time())
            changes.append(change)
            response = await writer_post(
                port, f"{data.page_path}{target}/vote/", writer, {"sort": "votes"}
            )
        change.answered = loop.time()
        change.status = response.status
        change.location = response.headers.get("location", "")


async def scenario(
    *,
    args: argparse.Namespace,
    server: _support.Server,
    data: Data,
    mode: str,
    cookies: dict[int, str],
    counts: dict[int, int],
) -> Outcome:
    loop = asyncio.get_running_loop()
    port = server.port
    memory_before = server.memory()  # just started: only /healthz answered
    writers = [Writer(user_id, jar_from(cookies[user_id])) for user_id in data.writers]
    await asyncio.gather(*(writer_prepare(port, data.page_path, w) for w in writers))
    rng = random.Random(7)
    clients = [
        Client(
            index=index,
            jar=jar_from(cookies[user_id]) if mode == "signed-in" else {},
            connection=Connection(port),
        )
        for index, user_id in enumerate(data.participants[: args.clients])
    ]
    gate = asyncio.Semaphore(16)
    await asyncio.gather(*(client_open(port, data.page_path, c, gate) for c in clients))
    changes: list[Change] = []
    stop = asyncio.Event()
    all_loaded = asyncio.Event()
    loaded = [0]
    usage_before = psutil.Process().cpu_times()
    started = loop.time()
    tasks = [
        asyncio.create_task(
            client_loop(
                client,
                port,
                changes,
                stop,
                rng.uniform(0, POLL_SECONDS),
                all_loaded,
                loaded,
                len(clients),
            )
        )
        for client in clients
    ]
    peak = [memory_before.rss]

    async def sample_memory() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], server.memory().rss)
            await pause(stop, 2)

    sampler = asyncio.create_task(sample_memory())
    try:
        try:
            await asyncio.wait_for(all_loaded.wait(), 120)
        except TimeoutError as error:
            raise _support.BenchError(
                f"only {loaded[0]} of {len(clients)} clients had a first answer in 120 s"
            ) from error
        loaded_after = loop.time() - started
        # The clients' polls are spread over the poll cycle by now. First a while with
        # no change (every answer can be a 304), then the changes.
        quiet = (loop.time() + POLL_SECONDS, loop.time() + POLL_SECONDS + args.quiet)
        t0 = quiet[1]
        end = t0 + args.duration
        token = secrets.token_hex(3)
        await writes_run(
            port=port,
            data=data,
            writers=writers[: args.duration // args.interval],
            counts=counts,
            changes=changes,
            t0=t0,
            interval=args.interval,
            token=token,
        )
        await asyncio.sleep(max(0.0, end - loop.time()))
        # A little longer, until every client has seen every change (or the grace is over).
        grace_end = loop.time() + args.grace
        while loop.time() < grace_end:
            if all(len(client.seen) == len(changes) for client in clients):
                break
            await asyncio.sleep(0.25)
        memory_end = server.memory()
    finally:
        stop.set()
        await asyncio.gather(*tasks, sampler, return_exceptions=True)
    usage_after = psutil.Process().cpu_times()
    cpu = (usage_after.user + usage_after.system) - (usage_before.user + usage_before.system)
    return Outcome(
        mode=mode,
        clients=clients,
        changes=changes,
        window=(t0, end),
        quiet=quiet,
        loaded_after=loaded_after,
        memory_before=memory_before,
        memory_end=memory_end,
        memory_peak=max(peak[0], memory_end.rss),
        client_cpu=cpu,
    )


def checks_run(data: Data, outcome: Outcome, counts: dict[int, int]) -> None:
    """What the database holds after the run, and what the answers said."""
    from convene.qanda.models import Question, Vote

    questions = [change for change in outcome.changes if change.kind == "question"]
    votes = [change for change in outcome.changes if change.kind == "vote"]
    stored = dict(Question.objects.filter(session_id=data.session_id).values_list("pk", "text"))
    asked = sum(
        1
        for change in questions
        if change.question and stored.get(change.question) == change.marker
    )
    expected_counts = {pk: count for pk, count in counts.items() if pk in stored}
    actual = dict(Question.objects.filter(pk__in=expected_counts).values_list("pk", "vote_count"))
    rows = Vote.objects.filter(question__session_id=data.session_id, user_id__in=data.writers)
    answers = [change.status for change in outcome.changes]
    missed = sum(len(outcome.changes) - len(client.seen) for client in outcome.clients)
    outcome.checks = [
        (
            "every POST answered 302 (redirect to the question)",
            f"{sum(1 for status in answers if status == 302)} of {len(answers)}",
            all(status == 302 for status in answers),
        ),
        (
            "every question asked is stored",
            f"{asked} of {len(questions)}",
            asked == len(questions),
        ),
        (
            "every vote counted (vote_count and Vote rows)",
            f"{rows.count()} of {len(votes)} rows; "
            f"{sum(1 for pk in expected_counts if actual.get(pk) == expected_counts[pk])} of "
            f"{len(expected_counts)} counts as expected",
            rows.count() == len(votes) and actual == expected_counts,
        ),
        (
            "every client saw every change",
            f"{missed} (client, change) pairs missed",
            missed == 0,
        ),
    ]


# --- Figures -----------------------------------------------------------------------


@dataclass
class Polls:
    """The polls whose answer arrived within a window."""

    requests: int
    rate: float
    not_modified: int
    ok: int
    failed: int
    latency: dict[str, float]  # seconds, every answer
    latency_ok: dict[str, float]  # the 200 answers
    bytes_ok: float  # mean size of a 200 answer (gzip)

    @property
    def share_304(self) -> float:
        return self.not_modified / self.requests if self.requests else math.nan


def _spread(values: list[float]) -> dict[str, float]:
    return {
        "p50": _support.percentile(values, 50),
        "p95": _support.percentile(values, 95),
        "p99": _support.percentile(values, 99),
        "max": max(values, default=math.nan),
    }


def polls_in(outcome: Outcome, window: tuple[float, float]) -> Polls:
    start, end = window
    polls = [
        poll for client in outcome.clients for poll in client.polls if start <= poll.received < end
    ]
    ok = [poll for poll in polls if poll.status == 200]
    return Polls(
        requests=len(polls),
        rate=len(polls) / (end - start) if end > start else math.nan,
        not_modified=sum(1 for poll in polls if poll.status == 304),
        ok=len(ok),
        failed=sum(1 for poll in polls if poll.status not in (200, 304)),
        latency=_spread([poll.received - poll.sent for poll in polls if poll.status]),
        latency_ok=_spread([poll.received - poll.sent for poll in ok]),
        bytes_ok=sum(poll.size for poll in ok) / len(ok) if ok else 0.0,
    )


@dataclass
class Figures:
    polls: Polls  # while the changes came in
    quiet: Polls  # before, without changes
    delays: list[float]  # seconds, (client, change) pairs seen
    missed: int
    connections: int
    post_seconds: list[float]

    @property
    def delay(self) -> dict[str, float]:
        return {
            "p50": _support.percentile(self.delays, 50),
            "p95": _support.percentile(self.delays, 95),
            "max": max(self.delays, default=math.nan),
        }


def figures(outcome: Outcome) -> Figures:
    delays = []
    missed = 0
    for change in outcome.changes:
        for client in outcome.clients:
            if change.index in client.seen:
                delays.append(client.seen[change.index] - change.sent)
            else:
                missed += 1
    return Figures(
        polls=polls_in(outcome, outcome.window),
        quiet=polls_in(outcome, outcome.quiet),
        delays=delays,
        missed=missed,
        connections=sum(client.connection.opened for client in outcome.clients),
        post_seconds=[change.answered - change.sent for change in outcome.changes],
    )


def _mib(value: int) -> str:
    return f"{value / 2**20:.0f} MiB"


def report(
    *,
    args: argparse.Namespace,
    data: Data,
    outcomes: list[Outcome],
    facts: list[tuple[str, str]],
) -> tuple[str, bool, bool]:
    """Markdown section, whether every check passed, whether the target was met."""
    rows, quiet_rows, memory_rows, check_rows, notes = [], [], [], [], []
    passed = True
    met = True
    for outcome in outcomes:
        f = figures(outcome)
        polls, quiet, delay = f.polls, f.quiet, f.delay
        ok = delay["p95"] < TARGET_P95_SECONDS and f.missed == 0
        met &= ok
        verdict = "met" if ok else "**missed**"
        load = outcome.load.describe() if outcome.load else "unknown"
        print(
            f"{outcome.mode}: {len(outcome.changes)} changes seen after p50 "
            f"{delay['p50']:.2f} s, p95 {delay['p95']:.2f} s, max {delay['max']:.2f} s "
            f"({f.missed} missed); {polls.rate:.1f} req/s, {polls.share_304:.1%} 304, "
            f"{polls.failed} failed; poll p50 {_support.ms(polls.latency['p50'])}, "
            f"p95 {_support.ms(polls.latency['p95'])}, max {_support.ms(polls.latency['max'])}; "
            f"without changes: {quiet.rate:.1f} req/s, {quiet.share_304:.1%} 304, poll p50 "
            f"{_support.ms(quiet.latency['p50'])}, p95 {_support.ms(quiet.latency['p95'])}; "
            f"memory {outcome.memory_before.describe()} -> {outcome.memory_end.describe()} "
            f"(peak RSS {_mib(outcome.memory_peak)}); other CPU {load}; "
            f"p95 < {TARGET_P95_SECONDS:.0f} s: {verdict}"
        )
        rows.append(
            f"| {outcome.mode} | {len(outcome.clients)} | {len(outcome.changes)} | "
            f"{delay['p50']:.2f} s | **{delay['p95']:.2f} s** | {delay['max']:.2f} s | "
            f"{f.missed} | **{polls.rate:.1f}** | {polls.share_304:.1%} | {polls.failed} | "
            f"{_support.ms(polls.latency['p50'])} | {_support.ms(polls.latency['p95'])} | "
            f"{_support.ms(polls.latency['p99'])} | {_support.ms(polls.latency_ok['p95'])} | "
            f"{polls.bytes_ok:,.0f} B | {_support.ms(_support.percentile(f.post_seconds, 50))} | "
            f"{load} | {verdict} |"
        )
        quiet_rows.append(
            f"| {outcome.mode} | {outcome.loaded_after:.1f} s | **{quiet.rate:.1f}** | "
            f"{quiet.share_304:.1%} | {quiet.failed} | {_support.ms(quiet.latency['p50'])} | "
            f"{_support.ms(quiet.latency['p95'])} | {_support.ms(quiet.latency['p99'])} | "
            f"{_support.ms(quiet.latency['max'])} |"
        )
        memory_rows.append(
            f"| {outcome.mode} | {_mib(outcome.memory_before.rss)} | "
            f"**{_mib(outcome.memory_end.rss)}** | {_mib(outcome.memory_peak)} | "
            f"{_mib(outcome.memory_before.pss)} → {_mib(outcome.memory_end.pss)} | "
            f"{outcome.memory_end.processes} | {f.connections:,} | "
            f"{outcome.client_cpu:.0f} s |"
        )
        cycle = max(POLL_SECONDS, polls.latency["p50"])
        notes.append(
            f"- {outcome.mode}: without changes, {quiet.share_304:.0%} of the answers were 304 "
            f"and the server answered {quiet.rate:.0f} requests per second (p50 "
            f"{_support.ms(quiet.latency['p50'])}), where {len(outcome.clients)} clients "
            f"polling every {POLL_SECONDS:.1f} s ask at most "
            f"{len(outcome.clients) / POLL_SECONDS:.0f}. With the changes, a poll took "
            f"{_support.ms(polls.latency['p50'])} (p50), so a client's cycle lasted about "
            f"{cycle:.1f} s against {args.interval} s between changes: most polls found a "
            f"change, {1 - polls.share_304:.0%} of the answers were full lists, and the "
            f"server answered {polls.rate:.0f} requests per second. The POSTs waited in "
            f"the same queue (p50 {_support.ms(_support.percentile(f.post_seconds, 50))} "
            f"until the answer), and the delays count that wait."
        )
        for name, observed, result in outcome.checks:
            passed &= result
            check_rows.append(
                f"| {outcome.mode} | {name} | {observed} | {'passed' if result else '**failed**'} |"
            )
            print(f"    {name}: {observed}: {'passed' if result else 'FAILED'}")
    table = "\n".join(rows)
    quiet_table = "\n".join(quiet_rows)
    memory_table = "\n".join(memory_rows)
    check_table = "\n".join(check_rows)
    note_text = "\n".join(notes)
    outcome_text = "met" if met else "**missed**"
    return (
        f"""## Live questions with {args.clients} participants

{args.clients} clients open the questions page of a session in progress and then poll the
address it gives `qanda.js` (`{data.live_path}?view=…&tz=…`: the list as every
participant, or every visitor, sees it in the reader's time zone; the script puts back the
reader's votes, name and CSRF token) as the script does in a browser: with the page's
ETag, then, {POLL_SECONDS:.1f} s after the previous request was sent (at once if its answer
took longer), the next fetch with `If-None-Match` and the last ETag (304 when nothing
changed): one request per {POLL_SECONDS:.1f} s and reader, about
{3600 / POLL_SECONDS:,.0f} an hour, most of them a 304 of a few hundred bytes. Each client is one asyncio task with its own HTTP/1.1
connection (an httpx client with a pool of one; kept alive when the server allows it; gunicorn's sync workers close it after
each answer, so each poll opens a new one on the loopback), and sends
`Accept-Encoding: {ACCEPT_ENCODING}`. "signed-in": each client is a participant with a
session cookie made with Django's SessionStore, in one of {len(ZONES)} time zones (its list
has the vote buttons); "anonymous": nobody is signed in (reading the questions is public). The list
starts with {len(SEEDED)} questions (votes, some answered, one merged, one follow-up).

Once every client has had its first answer, {args.quiet} s without any change; then, for
{args.duration} s, every {args.interval} s, a participant (another one each time) asks a
question or votes, through the site: a POST with the CSRF token of the form, as the
browser sends it. The delay of a change, for one client, runs from the moment the POST was
sent to the first 200 answer whose HTML shows it (the new question's text, or the new vote
count). Requests per second, 304 share and poll latency count the answers received during
each phase. gunicorn runs as in the README's production example, `-w {args.workers}`
single-threaded workers, without `--max-requests` (which would recycle the workers during
the run); clients, gunicorn and PostgreSQL share the machine.

Target: **p95 of the delay < {TARGET_P95_SECONDS:.0f} s**: {outcome_text}. Polling every
{POLL_SECONDS:.1f} s, a change waits on average about half a cycle for the next poll and at
most a whole one, so p95 is about {0.95 * POLL_SECONDS:.2f} s plus the time the server takes
to answer (and the POST to be stored): the target leaves it about
{TARGET_P95_SECONDS - 0.95 * POLL_SECONDS:.2f} s.

While the changes came in ({args.duration} s):

| Visitors | Clients | Changes | Delay p50 | Delay p95 | Delay max | Missed | Requests/s | 304 | Failed | Poll p50 | Poll p95 | Poll p99 | 200 p95 | 200 (gzip) | POST p50 | Other CPU | p95 < {TARGET_P95_SECONDS:.0f} s |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
{table}

Before, without changes ({args.quiet} s; "first answers": until every client had the list
once, all of them asking within {POLL_SECONDS:.1f} s):

| Visitors | First answers | Requests/s | 304 | Failed | Poll p50 | Poll p95 | Poll p99 | Poll max |
|---|---|---|---|---|---|---|---|---|
{quiet_table}

{note_text}

Memory of gunicorn (master and {args.workers} workers, from psutil): RSS summed over the
processes (pages the workers share with the master count once per process) when the
server had just started, at the end of the run, and the largest sum sampled every 2 s;
PSS shares the shared pages out. "Connections": TCP connections the clients opened;
"client CPU": what the clients and the writer (one Python process) used.

| Visitors | RSS at start | RSS at the end | RSS peak | PSS start → end | Processes | Connections | Client CPU |
|---|---|---|---|---|---|---|---|
{memory_table}

Checks:

| Visitors | Check | Observed | Result |
|---|---|---|---|
{check_table}

{_support.facts_table(facts)}
Command: `.venv/bin/python bench/live_qanda.py`
""",
        passed,
        met,
    )


# --- Main --------------------------------------------------------------------------


def run_mode(
    args: argparse.Namespace,
    data: Data,
    mode: str,
    cookies: dict[int, str],
    log_path: Path,
) -> tuple[Outcome, list[tuple[str, str]]]:
    """One run for `mode` on a freshly started server; again when other processes used
    more than `args.max_other` of the CPU (at most `args.attempts` runs)."""
    outcome = None
    facts: list[tuple[str, str]] = []
    for attempt in range(1, args.attempts + 1):
        counts = questions_seed(data)
        server = _support.Server(workers=args.workers, threads=args.threads, log_path=log_path)
        try:
            server.start()
            print(f"{server.description} on {server.url}; {args.clients} {mode} clients")
            _support.wait_quiet(args.wait_quiet)
            with _support.OtherLoad(server) as load:
                outcome = asyncio.run(
                    scenario(
                        args=args,
                        server=server,
                        data=data,
                        mode=mode,
                        cookies=cookies,
                        counts=counts,
                    )
                )
            outcome.load = load
            facts = _support.machine_facts(server)
        finally:
            server.stop()
        if server.log_tail():
            print(f"gunicorn log:\n{server.log_tail()}")
        checks_run(data, outcome, counts)
        if load.others <= args.max_other:
            break
        if attempt < args.attempts:
            print(f"other processes used {load.describe()} of the CPU: once more")
    assert outcome is not None
    return outcome, facts


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--duration", type=int, default=60, help="seconds of changes")
    parser.add_argument("--interval", type=int, default=3, help="seconds between changes")
    parser.add_argument(
        "--grace", type=int, default=10, help="seconds after the run for the last changes"
    )
    parser.add_argument("--quiet", type=int, default=20, help="seconds without changes first")
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="1: gunicorn's sync workers")
    parser.add_argument("--database", default="convene_bench_live")
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
    parser.add_argument("--attempts", type=int, default=2, help="runs at most (see --max-other)")
    parser.add_argument("--time-limit", type=int, default=1500, help="seconds for the whole run")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    var_dir = Path(tempfile.mkdtemp(prefix="convene-bench-"))
    try:
        with _support.time_limit(args.time_limit):
            print(f"database {args.database}: recreating and migrating")
            url = _support.database_recreate(args.database)
            _support.django_configure(database_url=url, var_dir=var_dir)
            _support.django_migrate()
            _support.django_collectstatic()
            writes = args.duration // args.interval
            data = data_create(participants=max(args.clients, writes + 1), writes=writes)
            _support.database_analyze()
            cookies = session_cookies(data.participants)
            print(f"{len(data.participants)} participants signed in; {writes} changes to come")
            outcomes = []
            facts: list[tuple[str, str]] = []
            for mode in args.modes:
                outcome, facts = run_mode(args, data, mode, cookies, var_dir / "gunicorn.log")
                outcomes.append(outcome)
            text, passed, met = report(args=args, data=data, outcomes=outcomes, facts=facts)
            if not args.no_write:
                _support.section_write(SECTION, text)
                print(f"written to {_support.DOC.relative_to(_support.REPO)}")
            if not passed or (args.strict and not met):
                return 1
            return 0
    except (_support.BenchError, _support.BenchTimeout) as error:
        print(f"live questions: {error}", file=sys.stderr)
        return 2
    finally:
        if "django" in sys.modules:
            _support.django_disconnect()
        if not args.keep_db:
            _support.database_drop_quietly(args.database)
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
