"""Reads for live questions: each in a constant number of queries, whatever the question count."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db.models import Count, Exists, Max, OuterRef
from django.utils import timezone

from convene.accounts.users import Viewer
from convene.events.models import Session

from .models import HostAction, Question, Vote

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


def session_get(*, slug: str, session_id: int) -> Session | None:
    """The session and its event, in one query."""
    return Session.objects.select_related("event").filter(event__slug=slug, pk=session_id).first()


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
    """The questions of a session for the live page and the notes, in one query.

    With a signed-in `viewer`, each question also says whether they voted for it
    (`viewer_voted`), in the same query.
    """
    queryset = Question.objects.filter(session=session).select_related("author").order_by("pk")
    if viewer is not None and viewer.is_authenticated:
        queryset = queryset.annotate(
            viewer_voted=Exists(Vote.objects.filter(question=OuterRef("pk"), user=viewer))
        )
    questions = list(queryset)
    for question in questions:
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
    """Questions shown at the top of the list or as follow-ups (not merged duplicates)."""
    return Question.objects.filter(session=session, merged_into__isnull=True).count()


def user_voted_question_ids(*, user: Viewer, session: Session) -> set[int]:
    """The questions of `session` that `user` has voted for, in one query."""
    if not user.is_authenticated:
        return set()
    return set(
        Vote.objects.filter(user=user, question__session=session).values_list(
            "question_id", flat=True
        )
    )


def session_questions_version(*, session: Session) -> str:
    """Changes with any change to the session's questions or votes, in one query.

    Every service that changes a question moves its `updated_at`; the counts catch deletions
    (a question removed in the admin, votes of an erased account).
    """
    row = Question.objects.filter(session=session).aggregate(
        questions=Count("pk", distinct=True),
        votes=Count("votes", distinct=True),
        last=Max("updated_at"),
    )
    last = row["last"].timestamp() if row["last"] is not None else 0.0
    return f"{row['questions']}.{row['votes']}.{last:.6f}"


HOST_LOG_LENGTH = 100


def host_log(*, session: Session, limit: int = HOST_LOG_LENGTH) -> list[HostAction]:
    """The hosts' latest decisions on the questions of `session`, newest first, in one query."""
    return list(HostAction.objects.filter(question__session=session).select_related("host")[:limit])


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
