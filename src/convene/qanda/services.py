"""Every change to live questions: ask, vote, answer, merge, follow-up, hide. Views call these."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from convene.accounts.models import User
from convene.core import languages, ratelimit
from convene.core.errors import ServiceError
from convene.core.text import refuse_null_characters
from convene.events.models import Session

from . import rules
from .models import (
    QUESTION_MAX_LENGTH,
    HostAction,
    Question,
    QuestionPool,
    Vote,
    pool_filter,
    shared_pool,
)

ANSWER_MAX_LENGTH = 5000
HIDE_REASON_MAX_LENGTH = 300


def _clean_text(text: str, *, max_length: int, empty: Any, code: str) -> str:
    refuse_null_characters(text or "")
    text = (text or "").strip()
    if not text:
        raise ServiceError(empty, code=f"{code}_empty")
    if len(text) > max_length:
        raise ServiceError(
            ngettext(
                "Please keep it to %(max)s character; this text has %(length)s.",
                "Please keep it to %(max)s characters; this text has %(length)s.",
                max_length,
            )
            % {"max": max_length, "length": len(text)},
            code=f"{code}_too_long",
        )
    return text


def _require_host(user: User, session: Session) -> None:
    if not rules.can_host(user, session):
        raise ServiceError(_("Only the hosts of this session can do this."), code="not_host")


def _locked(*questions: Question) -> dict[int, Question]:
    """Fresh copies of `questions`, row-locked in primary-key order (no deadlocks)."""
    pks = sorted({question.pk for question in questions})
    return {q.pk: q for q in Question.objects.select_for_update().filter(pk__in=pks).order_by("pk")}


def _same_pool(session: Session, other: Session) -> bool:
    """Whether the questions of `other` are shown on `session`'s page: the same session, or
    two editions of one agenda whose questions are shared."""
    if session.pk == other.pk:
        return True
    return (
        bool(session.agenda)
        and session.event_id == other.event_id
        and session.agenda == other.agenda
        and shared_pool(session).exists()
    )


def _edition(question: Question, session: Session | None) -> Session:
    """The session a person acts in on `question`: `session`, one whose page shows it, or
    without one, the session where it was asked."""
    if session is None:
        return question.session
    if not _same_pool(session, question.session):
        raise ServiceError(_("This question belongs to another session."), code="other_session")
    return session


def _voted_in(question: Question, session: Session | None) -> Session:
    """The edition a vote is cast in: `session`; without one (the API), the session where the
    question was asked or, once that has ended, an open edition of its shared pool."""
    if session is not None or not question.session.agenda:
        return _edition(question, session)
    asked_in = question.session
    if rules.is_open_for_questions(asked_in):
        return asked_in
    now = timezone.now()
    open_edition = (
        Session.objects.select_related("event")
        .filter(
            event_id=asked_in.event_id,
            agenda=asked_in.agenda,
            ends_at__gt=now,
            event__is_published=True,
        )
        .filter(Exists(shared_pool(asked_in)))
        .first()
    )
    return open_edition or asked_in


def _logged(question: Question, host: User, action: str, detail: str = "") -> None:
    """A host's decision, into the hosts' log (in the transaction of the decision)."""
    HostAction.objects.create(question=question, host=host, action=action, detail=detail)


# --- Asking ------------------------------------------------------------------


@transaction.atomic
def question_ask(
    *,
    session: Session,
    author: User,
    text: str,
    language: str,
    is_anonymous: bool,
    address: str = "",
) -> Question:
    """Add a question to the session: any signed-in person while questions are open, within
    `CONVENE_RATE_LIMITS["question"]` (per person, and per client `address` when given)."""
    if not author.is_authenticated:
        raise ServiceError(_("Please log in to ask a question."), code="login_required")
    is_host = rules.can_host(author, session)
    if not is_host and not rules.is_open_for_questions(session):
        if session.has_ended():
            raise ServiceError(_("This session no longer takes questions."), code="closed")
        raise ServiceError(_("This session does not take questions yet."), code="not_open")
    text = _clean_text(
        text,
        max_length=QUESTION_MAX_LENGTH,
        empty=_("Please write your question."),
        code="question",
    )
    if language not in languages.CONTENT:
        raise ServiceError(_("Please choose the language of your question."), code="language")
    if not is_host:  # hosts are exempt: they also ask what the chat asks
        try:
            ratelimit.consume(action="question", account=author, address=address)
        except ratelimit.RateLimited as refused:
            if refused.per_address:
                raise ServiceError(ratelimit.address_message(), code="rate_limited") from refused
            raise ServiceError(
                ngettext(
                    "You have asked %(count)s question in the last minute. Please wait a moment.",
                    "You have asked %(count)s questions in the last minute. Please wait a moment.",
                    refused.rate.amount,
                )
                % {"count": refused.rate.amount},
                code="rate_limited",
            ) from refused
    question = Question(
        session=session,
        author=author,
        text=text,
        language=language,
        is_anonymous=is_anonymous,
    )
    question.full_clean()
    question.save()
    return question


# --- Votes -------------------------------------------------------------------


def _check_votable(question: Question, user: User, edition: Session) -> None:
    if not user.is_authenticated:
        raise ServiceError(_("Please log in to vote."), code="login_required")
    if question.merged_into_id is not None:
        raise ServiceError(
            _("This question was merged into another one: vote for that one."), code="merged"
        )
    if question.is_hidden:
        raise ServiceError(_("This question was hidden by the hosts."), code="hidden")
    if not rules.is_open_for_questions(edition):
        raise ServiceError(_("Voting is closed for this session."), code="closed")


@transaction.atomic
def vote(*, question: Question, user: User, session: Session | None = None) -> Question:
    """One vote per person and question: the database's unique constraint decides.

    `session`: the edition voted in, when its page shows the questions of the other editions
    of its agenda (it must be open); by default, the session where the question was asked,
    or once it has ended, an open edition sharing its questions (`_voted_in`)."""
    edition = _voted_in(question, session)
    locked = _locked(question)[question.pk]
    locked.session = question.session
    _check_votable(locked, user, edition)
    try:
        with transaction.atomic():
            Vote.objects.create(question=locked, user=user)
    except IntegrityError as exc:
        raise ServiceError(
            _("You have already voted for this question."), code="already_voted"
        ) from exc
    Question.objects.filter(pk=locked.pk).update(
        vote_count=F("vote_count") + 1, updated_at=timezone.now()
    )
    locked.refresh_from_db(fields=["vote_count", "updated_at"])
    return locked


@transaction.atomic
def unvote(*, question: Question, user: User, session: Session | None = None) -> Question:
    """Withdraw one's vote while the session (`session`, as for `vote`) is open."""
    edition = _voted_in(question, session)
    locked = _locked(question)[question.pk]
    locked.session = question.session
    _check_votable(locked, user, edition)
    deleted, _rows = Vote.objects.filter(question=locked, user=user).delete()
    if not deleted:
        raise ServiceError(_("You have not voted for this question."), code="not_voted")
    Question.objects.filter(pk=locked.pk).update(
        vote_count=F("vote_count") - 1, updated_at=timezone.now()
    )
    locked.refresh_from_db(fields=["vote_count", "updated_at"])
    return locked


# --- Hosts -------------------------------------------------------------------


@transaction.atomic
def answer(
    *, question: Question, host: User, text: str, session: Session | None = None
) -> Question:
    """Mark the question answered with a written response; answering again edits the response.

    `session`: the edition answering, when the editions of an agenda share their questions
    (by default, the session where it was asked). Where and when it was first answered stay
    recorded when the response is edited."""
    asked_in = question.session
    _require_host(host, asked_in)
    edition = _edition(question, session)
    locked = _locked(question)[question.pk]
    if locked.merged_into_id is not None:
        raise ServiceError(
            _("This question was merged into another one: answer that one."), code="merged"
        )
    locked.answer = _clean_text(
        text, max_length=ANSWER_MAX_LENGTH, empty=_("Please write the answer."), code="answer"
    )
    if locked.answered_at is None:
        locked.answered_at = timezone.now()
        locked.answered_in = edition
    locked.answered_by = host
    locked.save(update_fields=["answer", "answered_at", "answered_by", "answered_in", "updated_at"])
    _logged(locked, host, HostAction.Action.ANSWER)
    locked.session = asked_in
    return locked


@transaction.atomic
def merge(*, duplicate: Question, into: Question, host: User) -> Question:
    """Mark `duplicate` as a duplicate of `into` and give its votes to `into`.

    A person who voted for both keeps one vote; the duplicate's own duplicates move along,
    so a duplicate never points at another duplicate. Returns `into`, counts recomputed.
    """
    session = duplicate.session
    _require_host(host, session)
    if duplicate.pk == into.pk:
        raise ServiceError(_("A question cannot be merged into itself."), code="same_question")
    if not _same_pool(duplicate.session, into.session):
        raise ServiceError(_("Both questions must belong to this session."), code="other_session")
    locked = _locked(duplicate, into)
    duplicate, into = locked[duplicate.pk], locked[into.pk]
    if duplicate.merged_into_id is not None:
        raise ServiceError(_("This question is already merged."), code="already_merged")
    if into.merged_into_id is not None:
        raise ServiceError(
            _("That question is itself merged into another one: choose that one."),
            code="target_merged",
        )
    now = timezone.now()
    sources = Vote.objects.filter(Q(question=duplicate) | Q(question__merged_into=duplicate))
    # Whoever voted for `into` already counts there; of the others, one vote each moves.
    sources.filter(user_id__in=Vote.objects.filter(question=into).values("user_id")).delete()
    first_votes = sources.values("user_id").annotate(first=Min("pk")).values("first")
    sources.exclude(pk__in=first_votes).delete()
    Vote.objects.filter(Q(question=duplicate) | Q(question__merged_into=duplicate)).update(
        question=into
    )
    Question.objects.filter(merged_into=duplicate).update(
        merged_into=into, vote_count=0, updated_at=now
    )
    duplicate.merged_into = into
    duplicate.vote_count = 0
    duplicate.save(update_fields=["merged_into", "vote_count", "updated_at"])
    into.vote_count = Vote.objects.filter(question=into).count()
    into.save(update_fields=["vote_count", "updated_at"])
    _logged(duplicate, host, HostAction.Action.MERGE, f"#{into.pk}")
    into.session = session
    return into


def _effective_parent(
    question_id: int, rows: dict[int, tuple[int | None, int | None]]
) -> int | None:
    """The question that `question_id` is shown under: its `follows`, resolved through merges."""
    follows_id = rows[question_id][0]
    if follows_id is None or follows_id not in rows:
        return None
    merged_into_id = rows[follows_id][1]
    return merged_into_id if merged_into_id is not None else follows_id


@transaction.atomic
def link_follow_up(*, question: Question, follows: Question | None, host: User) -> Question:
    """Mark `question` as a follow-up to `follows` (or, with None, as no follow-up)."""
    session = question.session
    _require_host(host, session)
    locked = _locked(question)[question.pk]
    if follows is not None:
        if follows.pk == question.pk:
            raise ServiceError(_("A question cannot follow itself."), code="same_question")
        if not _same_pool(question.session, follows.session):
            raise ServiceError(
                _("Both questions must belong to this session."), code="other_session"
            )
        rows: dict[int, tuple[int | None, int | None]] = {
            pk: (follows_id, merged_into_id)
            for pk, follows_id, merged_into_id in Question.objects.filter(
                pool_filter(question.session)
            ).values_list("pk", "follows_id", "merged_into_id")
        }
        if rows[follows.pk][1] is not None:
            raise ServiceError(
                _("That question is merged into another one: choose that one."),
                code="target_merged",
            )
        # Refuse a loop: `follows` must not (through merges) already follow `question`.
        rows[question.pk] = (follows.pk, rows[question.pk][1])
        seen = {question.pk}
        current: int | None = follows.pk
        while current is not None:
            if current in seen:
                raise ServiceError(
                    _("That question already follows this one."), code="follow_up_loop"
                )
            seen.add(current)
            current = _effective_parent(current, rows)
    locked.follows = follows
    locked.save(update_fields=["follows", "updated_at"])
    if follows is None:
        _logged(locked, host, HostAction.Action.NO_FOLLOW_UP)
    else:
        _logged(locked, host, HostAction.Action.FOLLOW_UP, f"#{follows.pk}")
    locked.session = session
    return locked


@transaction.atomic
def hide(*, question: Question, host: User, reason: str) -> Question:
    """Hide a question from the participants, with a reason they see in its place.

    The text stays stored for the record, and the hosts can still read it; votes stay, but
    no new ones are taken. Hidden questions come last when the list is sorted by votes.
    """
    session = question.session
    _require_host(host, session)
    locked = _locked(question)[question.pk]
    if locked.is_hidden:
        raise ServiceError(_("This question is already hidden."), code="already_hidden")
    locked.hidden_reason = _clean_text(
        reason,
        max_length=HIDE_REASON_MAX_LENGTH,
        empty=_("Please give the reason, shown in place of the question."),
        code="reason",
    )
    locked.hidden_at = timezone.now()
    locked.hidden_by = host
    locked.save(update_fields=["hidden_at", "hidden_reason", "hidden_by", "updated_at"])
    _logged(locked, host, HostAction.Action.HIDE, locked.hidden_reason)
    locked.session = session
    return locked


@transaction.atomic
def unhide(*, question: Question, host: User) -> Question:
    """Show a hidden question again."""
    session = question.session
    _require_host(host, session)
    locked = _locked(question)[question.pk]
    if not locked.is_hidden:
        raise ServiceError(_("This question is not hidden."), code="not_hidden")
    locked.hidden_at = None
    locked.hidden_reason = ""
    locked.hidden_by = None
    locked.save(update_fields=["hidden_at", "hidden_reason", "hidden_by", "updated_at"])
    _logged(locked, host, HostAction.Action.UNHIDE)
    locked.session = session
    return locked


# --- Editions sharing their questions ------------------------------------------------


@transaction.atomic
def question_pool_share(*, session: Session, host: User, shared: bool) -> QuestionPool:
    """Turn on (or off) the sharing of questions between the editions of `session`'s agenda:
    the sessions of its event with the same `agenda` then each list the questions of all."""
    if not session.agenda:
        raise ServiceError(
            _("This session has no agenda: no other session repeats it."), code="no_agenda"
        )
    _require_host(host, session)
    pool, _created = QuestionPool.objects.select_for_update().get_or_create(
        event_id=session.event_id, agenda=session.agenda, defaults={"changed_by": host}
    )
    pool.shared = shared
    pool.changed_by = host
    pool.save()
    return pool


# --- Erased accounts ---------------------------------------------------------------


def votes_of_erased_account(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Before an account is deleted (its votes go with it), count again the votes of the
    questions it voted for, without its own.

    Connected to the user model's `pre_delete` signal, so it runs in the deleting transaction.
    """
    others = (
        Vote.objects.filter(question=OuterRef("pk"))
        .exclude(user=instance)
        .values("question")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Question.objects.filter(pk__in=Vote.objects.filter(user=instance).values("question_id")).update(
        vote_count=Coalesce(Subquery(others), 0), updated_at=timezone.now()
    )
