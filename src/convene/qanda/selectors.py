"""Reads for live questions: each in a constant number of queries, whatever the question count."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db.models import Count, Exists, Max, OuterRef, Value
from django.utils import timezone

from convene.accounts.users import Viewer
from convene.events.models import Session

from .models import HostAction, Question, QuestionPool, Vote, pool_filter, shared_pool

# Most votes first (then the oldest; hidden questions last), newest first, or as asked (the
# notes).
Sort = Literal["votes", "time", "asked"]
SORTS: tuple[Sort, ...] = ("votes", "time")


@dataclass
class Entry:
    """A question as shown: with its merged duplicates and (for a top-level one) its follow-ups."""

    question: Question
    duplicates: list[Question] = field(default_factory=list)
    follow_ups: list[Entry] = field(default_factory=list)


def with_pool(sessions: Any) -> Any:
    """`sessions` annotated with `questions_shared`: whether the editions of their agenda
    share their questions (what `models.pool_filter` reads), in the same query."""
    pools = QuestionPool.objects.filter(
        event_id=OuterRef("event_id"), agenda=OuterRef("agenda"), shared=True
    )
    return sessions.annotate(questions_shared=Exists(pools))  # never for no agenda (constraint)


def session_get(*, slug: str, session_id: int) -> Session | None:
    """The session and its event, and whether it shares its questions, in one query."""
    return (
        with_pool(Session.objects.select_related("event"))
        .filter(event__slug=slug, pk=session_id)
        .first()
    )


def is_pooled(session: Session, questions: Sequence[Question] = ()) -> bool:
    """Whether `session`'s page shows the questions of the other editions of its agenda:
    as annotated on the session (`session_get`), else as read with `questions`."""
    shared = getattr(session, "questions_shared", None)
    if shared is not None:
        return bool(shared)
    return any(getattr(question, "in_shared_pool", False) for question in questions[:1])


def pool_question(*, session: Session, question_id: int) -> Question | None:
    """A question shown on `session`'s page (asked there, or in another edition of a shared
    pool), with the session where it was asked and its event, in one query."""
    question = (
        Question.objects.filter(pool_filter(session), pk=question_id)
        .select_related("session__event")
        .first()
    )
    if question is not None and question.session_id == session.pk:
        question.session = session
    return question


def pool_editions(*, session: Session) -> list[Session]:
    """The sessions of `session`'s agenda in its event (itself included), in one query."""
    if not session.agenda:
        return [session]
    return list(Session.objects.filter(event_id=session.event_id, agenda=session.agenda))


def _chronological(question: Question) -> tuple[Any, int]:
    return (question.created_at, question.pk)


def _arrange(questions: list[Question], sort: Sort) -> list[Entry]:
    """Top-level questions in `sort` order; under each, its duplicates and follow-ups by time.

    A merged duplicate is shown under the question it was merged into, a follow-up under the
    top of its chain (following a duplicate means following what it was merged into). A loop,
    should one ever be stored, is broken at its oldest question.
    """
    by_id = {question.pk: question for question in questions}

    def final(question: Question) -> Question:
        """What a duplicate was merged into (itself if not merged, or if merges loop)."""
        current = question
        for _step in range(len(by_id)):
            target = by_id.get(current.merged_into_id)  # type: ignore[arg-type]
            if target is None:
                return current
            current = target
        return question

    def shown_as(question_id: int | None) -> Question | None:
        target = by_id.get(question_id) if question_id is not None else None
        return final(target) if target is not None else None

    def parent(question: Question) -> Question | None:
        found = shown_as(question.follows_id)
        return None if found is None or found.pk == question.pk else found

    roots: dict[int, Question] = {}

    def root_of(question: Question) -> Question:
        if question.pk in roots:
            return roots[question.pk]
        path = [question]
        current = parent(question)
        while current is not None and current.pk not in roots:
            if current in path:  # a loop: its oldest question is the top
                loop = path[path.index(current) :]
                top = min(loop, key=_chronological)
                for member in loop:
                    roots[member.pk] = top
                break
            path.append(current)
            current = parent(current)
        top = roots[current.pk] if current is not None else path[-1]
        for member in path:
            roots.setdefault(member.pk, top)
        return roots[question.pk]

    entries: dict[int, Entry] = {}
    shown = [question for question in questions if final(question) is question]
    for question in shown:
        entries[question.pk] = Entry(question=question)
    for question in sorted(questions, key=_chronological):
        if question.pk not in entries:
            entries[final(question).pk].duplicates.append(question)
    top_level: list[Entry] = []
    for question in sorted(shown, key=_chronological):
        top = root_of(question)
        if top.pk == question.pk:
            top_level.append(entries[question.pk])
        else:
            entries[top.pk].follow_ups.append(entries[question.pk])
    if sort == "votes":
        top_level.sort(
            key=lambda e: (
                e.question.is_hidden,
                -e.question.vote_count,
                *_chronological(e.question),
            )
        )
    elif sort == "time":
        top_level.reverse()
    return top_level


def session_questions(
    *, session: Session, sort: Sort = "votes", viewer: Viewer | None = None
) -> list[Entry]:
    """The questions of a session for the live page and the notes, in one query: with those
    of the other editions of its agenda when they share their questions, each with the
    session where it was asked, where it was answered and by whom.

    With a signed-in `viewer`, each question also says whether they voted for it
    (`viewer_voted`), in the same query. A session not read by `session_get` has its
    questions say whether the pool is shared (`in_shared_pool`, for `is_pooled`).
    """
    queryset = (
        Question.objects.filter(pool_filter(session))
        .select_related("author", "session", "answered_by", "answered_in")
        .order_by("pk")
    )
    if viewer is not None and viewer.is_authenticated:
        queryset = queryset.annotate(
            viewer_voted=Exists(Vote.objects.filter(question=OuterRef("pk"), user=viewer))
        )
    if getattr(session, "questions_shared", None) is None:
        queryset = queryset.annotate(
            in_shared_pool=Exists(shared_pool(session)) if session.agenda else Value(False)
        )
    questions = list(queryset)
    for question in questions:
        if question.session_id == session.pk:
            question.session = session
    return _arrange(questions, sort)


def entry_questions(entry: Entry) -> Iterator[Question]:
    """Every question an entry shows: its own, its duplicates, its follow-ups' (nested)."""
    yield entry.question
    yield from entry.duplicates
    for child in entry.follow_ups:
        yield from entry_questions(child)


def viewer_voted_ids(entries: list[Entry]) -> set[int]:
    """The questions the viewer voted for, from `session_questions(..., viewer=...)`."""
    return {
        question.pk
        for entry in entries
        for question in entry_questions(entry)
        if getattr(question, "viewer_voted", False)
    }


def session_question_count(*, session: Session) -> int:
    """Questions shown at the top of the list or as follow-ups (not merged duplicates), those
    of the other editions included when they share their questions."""
    return Question.objects.filter(pool_filter(session), merged_into__isnull=True).count()


def user_voted_question_ids(*, user: Viewer, session: Session) -> set[int]:
    """The questions shown on `session`'s page that `user` has voted for, in one query."""
    if not user.is_authenticated:
        return set()
    return set(
        Vote.objects.filter(pool_filter(session, "question__"), user=user).values_list(
            "question_id", flat=True
        )
    )


def session_questions_version(*, session: Session) -> str:
    """Changes with any change to the questions or votes shown on the session's page (those
    of every edition of a shared pool), in one query, and when the sharing is turned on or off.

    Every service that changes a question moves its `updated_at`; the counts catch deletions
    (a question removed in the admin, votes of an erased account).
    """
    row = Question.objects.filter(pool_filter(session)).aggregate(
        questions=Count("pk", distinct=True),
        votes=Count("votes", distinct=True),
        last=Max("updated_at"),
    )
    last = row["last"].timestamp() if row["last"] is not None else 0.0
    pooled = "pool." if getattr(session, "questions_shared", False) else ""
    return f"{pooled}{row['questions']}.{row['votes']}.{last:.6f}"


HOST_LOG_LENGTH = 100


def host_log(*, session: Session, limit: int = HOST_LOG_LENGTH) -> list[HostAction]:
    """The hosts' latest decisions on the questions shown on `session`'s page (of every
    edition, when they share their questions), newest first, in one query."""
    return list(
        HostAction.objects.filter(pool_filter(session, "question__")).select_related("host")[:limit]
    )


def list_etag(
    *,
    version: str,
    viewer: Viewer,
    is_host: bool,
    can_vote: bool,
    sort: Sort,
    language: str,
    shared: bool = False,
) -> str:
    """An entity tag for the list as one viewer sees it (their votes, names shown, buttons,
    language and time zone), or, `shared`, as everyone with the same buttons sees it."""
    parts = [
        version,
        "shared" if shared else str(viewer.pk if viewer.is_authenticated else 0),
        "host" if is_host else "",
        "open" if can_vote else "",
        sort,
        language,
        timezone.get_current_timezone_name(),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
