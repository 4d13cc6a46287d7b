"""Each kind of shared piece is keyed by exactly what its template shows.

For every piece: the template, rendered with a context that records what it reads, reads
nothing the piece does not declare (so the key cannot miss a field the template shows); and
changing any declared field, one at a time, makes a new key, while what the template does
not show (another reader with the same relation to it, an unshown field) keeps the key.
"""

from __future__ import annotations

import inspect
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import cached_property, partialmethod
from types import FunctionType
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils.functional import Promise

from convene.accounts.models import User
from convene.core.pieces import CSRF_PLACEHOLDER, Piece
from convene.discussion import rendering as discussion_rendering
from convene.discussion.models import Comment
from convene.documents import rendering as documents_rendering
from convene.documents.models import Document, DocumentVersion, Paragraph, Process
from convene.documents.selectors import ReadingParagraph
from convene.events import rendering as events_rendering
from convene.events.models import Event, Session
from convene.events.translations import Shown, ShownText
from convene.qanda import rendering as qanda_rendering
from convene.qanda.models import Question
from convene.qanda.selectors import Entry

AT = datetime(2030, 3, 1, 9, 30, tzinfo=UTC)
LEAVES = (str, int, float, bool, type(None), datetime, date, timedelta, Decimal, Promise, tuple)


# --- what a template reads ----------------------------------------------------------------


class Recording:
    """An object of a piece's context that notes each field the template reads, by path.

    Properties and methods run on the recording itself, so what they read is noted (the
    fields behind `is_hidden`, `public_name`, `get_stance_display`)."""

    def __init__(self, value: Any, path: str, reads: set[str]) -> None:
        object.__setattr__(self, "_value", value)
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_reads", reads)

    def __getattr__(self, name: str) -> Any:
        value = self._value
        if name.startswith("_"):  # Django's machinery (`_meta`, `_state`)
            return getattr(value, name)
        if name == "pk":
            return record(value.pk, f"{self._path}.pk", self._reads)
        found = inspect.getattr_static(value, name, None)
        if isinstance(found, property):
            return found.fget(self)  # type: ignore[misc]
        if isinstance(found, cached_property):
            return found.func(self)
        if isinstance(found, FunctionType | partialmethod):
            return found.__get__(self, type(value))
        return record(getattr(value, name), f"{self._path}.{name}", self._reads)


def record(value: Any, path: str, reads: set[str]) -> Any:
    if isinstance(value, (*LEAVES, dict, set, frozenset)):
        reads.add(path)
        return value
    if isinstance(value, list):
        reads.add(path)
        return [record(item, f"{path}[]", reads) for item in value]
    return Recording(value, path, reads)


def template_reads(piece: Piece, context: dict[str, Any]) -> set[str]:
    """The paths of what `piece`'s template reads of the objects of `context`."""
    reads: set[str] = set()
    piece.render(
        {
            name: value if isinstance(value, (*LEAVES, dict, set)) else record(value, name, reads)
            for name, value in context.items()
        }
    )
    return reads


def undeclared(piece: Piece, reads: set[str]) -> set[str]:
    """What the template reads that the piece's key is not made of. A path is declared when
    the piece shows it, something under it (a list read for its items, a link followed when
    there is one) or something it is under (a value shown whole); what is read of an unkeyed
    value is the piece's own declaration."""
    return {
        path
        for path in reads
        if path.split(".")[0].removesuffix("[]") not in piece.unkeyed
        and not any(
            shown == path
            or shown.startswith((f"{path}.", f"{path}[]"))
            or path.startswith((f"{shown}.", f"{shown}[]"))
            for shown in piece.shows
        )
    }


# --- changing what a piece shows ----------------------------------------------------------


def changed(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1000
    if isinstance(value, str):
        return value + " (changed)"
    if isinstance(value, datetime):
        return value + timedelta(seconds=1)
    if isinstance(value, dict):
        return {**value, "another": 1}
    if isinstance(value, tuple | list):
        return [*value, value[0]]
    if value is None:
        pytest.fail("give every shown field a value in the example context")
    pytest.fail(f"no change known for {value!r}")


def change(context: dict[str, Any], path: str) -> None:
    """Change the value at `path` (in the first item of each list on the way)."""
    *names, last = path.split(".")
    holder: Any = context
    for name in names:
        holder = (
            holder[name.removesuffix("[]")]
            if isinstance(holder, dict)
            else getattr(holder, name.removesuffix("[]"))
        )
        if name.endswith("[]"):
            holder = holder[0]
    if last.endswith("[]"):
        items = (
            holder[last.removesuffix("[]")]
            if isinstance(holder, dict)
            else getattr(holder, last.removesuffix("[]"))
        )
        items.append(items[0])
    elif isinstance(holder, dict):
        holder[last] = changed(holder[last])
    elif getattr(holder, last) == []:  # a list that is empty in the example: one more item
        getattr(holder, last).append(Entry(question=Question(pk=77)))
    elif last == "pk":
        holder.pk = changed(holder.pk)
    else:
        holder.__dict__[last] = changed(getattr(holder, last))


def each_field_makes_a_new_key(piece: Piece, example: Any) -> None:
    key = piece.key(example())
    for path in piece.shows:
        context = example()
        change(context, path)
        assert piece.key(context) != key, path


# --- example contexts -----------------------------------------------------------------------


def user(pk: int, name: str) -> User:
    return User(pk=pk, display_name=name, email=f"{name.lower()}@example.org")


def event_card() -> dict[str, Any]:
    event = Event(pk=1, slug="gc", title="Global Conversations", summary="Come along.")
    event.is_published = True
    event.description = "Not on the card."
    event.first_start = AT  # type: ignore[attr-defined]
    event.session_count = 2  # type: ignore[attr-defined]
    event.shown = Shown(  # type: ignore[attr-defined]
        language="fr",
        texts={
            "title": ShownText("Conversations mondiales", "fr", True, True, True),
            "summary": ShownText("Venez.", "fr", True, True, True),
            "description": ShownText("Pas sur la carte.", "fr", True, False, False),
        },
    )
    return {"event": event}


def article() -> dict[str, Any]:
    process = Process(pk=1, slug="ms2030")
    document = Document(pk=1, slug="advocacy", process=process)
    version = DocumentVersion(pk=1, number=2, document=document, published_at=AT)
    rows = [
        ReadingParagraph(
            paragraph=Paragraph(pk=index, anchor=f"p{index}", kind="paragraph", version=version),
            text=f"Paragraph {index}.",
            language="fr",
            is_fallback=True,
            is_outdated=True,
            is_machine=True,
        )
        for index in (1, 2)
    ]
    return {
        "process": process,
        "document": document,
        "version": version,
        "reading": rows,
        "comment_counts": {"p1": 3},
        "source_language_name": "English",
        "lang_query": "fr",
        "LANGUAGE_CODE": "en",
    }


def comment(pk: int, version: DocumentVersion, author: User, **fields: Any) -> Comment:
    made = Comment(
        pk=pk,
        version=version,
        author=author,
        body=f"Comment {pk}.",
        language="fr",
        stance="concern",
        created_at=AT,
        hidden_at=AT,
        hidden_reason="Off topic",
        **fields,
    )
    return made


def thread(reader: Any = None) -> dict[str, Any]:
    context = article()
    version, document, process = context["version"], context["document"], context["process"]
    older = DocumentVersion(pk=7, number=1, document=document)
    paragraph = Paragraph(pk=9, anchor="p9", kind="paragraph", text="An older paragraph.")
    top = comment(1, older, user(11, "Amina"), paragraph=paragraph)
    top.anchor_here = False  # type: ignore[attr-defined]
    replies = [comment(2, version, user(12, "Budi"), parent=top)]
    return {
        "process": process,
        "document": document,
        "version": version,
        "user": reader or user(13, "Chen"),
        "can_moderate": True,
        "languages": [("en", "English"), ("fr", "French")],
        "reader_language": "fr",
        "lang_query": "fr",
        "csrf_token": CSRF_PLACEHOLDER,
        "comment": top,
        "replies": replies,
        "can_reply": True,
        "reportable": (True, True),
    }


def question(pk: int, session: Session, **fields: Any) -> Question:
    made = Question(
        pk=pk,
        session=session,
        author=user(20 + pk, f"Asker{pk}"),
        text=f"Question {pk}?",
        language="fr",
        created_at=AT,
        vote_count=3,
        answer="An answer.",
        answered_at=AT,
        hidden_at=AT,
        hidden_reason="Off topic",
        is_anonymous=True,
        follows_id=1,
        **fields,
    )
    return made


def live_question(is_host: bool = False, viewer: Any = None) -> dict[str, Any]:
    event = Event(pk=1, slug="mc", title="Movement Charter")
    session = Session(pk=5, event=event, title="Asia-Pacific edition")
    answered_in = Session(pk=6, event=event, title="Americas edition")  # a shared pool
    entry = Entry(
        question=question(1, session),
        duplicates=[question(2, session)],
        follow_ups=[
            Entry(
                question=question(3, session),
                duplicates=[question(4, session)],
                # none: every follow-up hangs from the top of its chain (`selectors._arrange`)
                follow_ups=[],
            )
        ],
    )
    follow_up = entry.follow_ups[0]
    for each in (entry.question, *entry.duplicates, follow_up.question, *follow_up.duplicates):
        each.answered_in = answered_in
    return {
        "event": event,
        "session": session,
        "sort": "votes",
        "is_host": is_host,
        "can_vote": True,
        "voted": {1, 99},
        "can_link": True,
        "answer_max_length": 2000,
        "hide_reason_max_length": 300,
        "user": viewer or AnonymousUser(),
        "csrf_token": CSRF_PLACEHOLDER,
        "shared": False,
        "pooled": True,
        "entry": entry,
        "voted_here": (True, False, False, False),
        "sees_asker": (False, False, False, False),
    }


PIECES = {
    "event card": (events_rendering.CARD, event_card),
    "article": (documents_rendering.ARTICLE, article),
    "thread": (discussion_rendering.THREAD, thread),
    "live question": (qanda_rendering.QUESTION, live_question),
}


@pytest.mark.parametrize("name", PIECES)
def test_the_template_reads_nothing_its_key_is_not_made_of(name):
    piece, example = PIECES[name]
    reads = template_reads(piece, example())
    if piece is qanda_rendering.QUESTION:  # and what only the hosts see
        reads |= template_reads(piece, live_question(is_host=True))

    assert reads, "the recording sees the template's reads"
    assert undeclared(piece, reads) == set()


def test_a_field_the_template_does_not_declare_is_caught():
    context = event_card()
    reads = template_reads(events_rendering.CARD, context)
    narrower = Piece(
        "events/_event_card.html",
        shows=tuple(path for path in events_rendering.CARD.shows if path != "event.summary"),
        max_size=1,
    )
    assert undeclared(narrower, reads) == {"event.summary"}


@pytest.mark.parametrize("name", PIECES)
def test_each_field_a_piece_shows_makes_a_new_key(name):
    piece, example = PIECES[name]
    each_field_makes_a_new_key(piece, example)


def test_what_a_card_does_not_show_keeps_its_key():
    context = event_card()
    key = events_rendering.CARD.key(context)
    context["event"].description = "Edited, but not on the card."
    assert events_rendering.CARD.key(context) == key


def test_readers_with_the_same_relation_to_a_thread_share_its_key():
    key = discussion_rendering.THREAD.key(thread(user(30, "Dana")))
    assert discussion_rendering.THREAD.key(thread(user(31, "Eli"))) == key


def test_viewers_with_the_same_relation_to_a_question_share_its_key():
    key = qanda_rendering.QUESTION.key(live_question(viewer=user(30, "Dana")))
    other = live_question(viewer=user(31, "Eli"))
    other["voted"] = {1, 42}  # voted for another question too: not shown here
    assert qanda_rendering.QUESTION.key(other) == key
