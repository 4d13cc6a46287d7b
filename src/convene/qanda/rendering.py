"""The question list as HTML, rendered once per question state and shared between viewers.

During a live session hundreds of people fetch the list every few seconds, and each change
(a question, a vote) makes all of them fetch it again. Most of what each gets is the same:
a top-level question with its merged duplicates and follow-ups looks alike for every
participant in one language and time zone who has the same relation to it (voted for it
or not, asked it anonymously or not). So each such entry is rendered once and kept under a
key made of everything it shows, and the list is put together from the pieces; a change
re-renders only the entry it touched.

Each process keeps its own pieces, a bounded number, the least recently used dropped
first: nothing to fetch over the network, and a new release (new templates, new
translations) starts with new processes, so it never meets pieces rendered by the old one.

The forms in a piece carry a placeholder instead of a CSRF token; each viewer's own token
is put in when the list is assembled. The hosts' list (with the host actions, which list
every question) is rendered for them alone.

The page's script goes one step further: it polls the list as every participant (or every
visitor) sees it, in one language and zone, with no one's votes, names or token in it (the
script puts those back from the page). That list is the same bytes for hundreds of people,
so each process keeps it whole, under its entity tag, in `LISTS`: after a change it is
rendered once and then read from memory, without a query for the reader's session.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from convene.accounts.templatetags.accounts import author_name
from convene.events.models import Session

from . import rules
from .models import Question
from .selectors import Entry, Sort, entry_questions

CSRF_PLACEHOLDER = "csrf-token-for-this-viewer"
# With its quotes: escaped text (a question that quotes the placeholder) cannot match it.
_CSRF_ATTRIBUTE = f'value="{CSRF_PLACEHOLDER}"'


class Pieces:
    """Rendered entries kept by this process, at most `size`, the least recently used
    dropped first. Safe to share between the threads of a process."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self._lock:
            piece = self._items.get(key)
            if piece is not None:
                self._items.move_to_end(key)
            return piece

    def put(self, key: str, piece: str) -> None:
        with self._lock:
            self._items[key] = piece
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


# A few sessions at once, a few hundred questions each, in several languages and zones.
PIECES = Pieces(size=4096)
# Whole shared lists: a few sessions, two sorts, two views, several languages and zones.
LISTS = Pieces(size=512)


def _entry_key(
    entry: Entry,
    *,
    session: Session,
    viewer: Any,
    voted: set[int],
    sort: Sort,
    can_vote: bool,
    shared: bool,
) -> str:
    parts: list[str] = [
        session.event.slug,  # in the addresses of the forms
        str(session.pk),
        get_language() or "",
        timezone.get_current_timezone_name(),
        sort,
        "vote" if can_vote else "",
        "shared" if shared else "",
    ]
    for question in entry_questions(entry):
        parts += [
            str(question.pk),
            repr(question.updated_at.timestamp()),
            str(question.vote_count),
            "voted" if question.pk in voted else "",
            "asker" if rules.sees_asker(viewer, question.author_id, is_host=False) else "",
            author_name(question.author),
            str(question.follows_id),
            str(question.merged_into_id),
        ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _render(entry: Entry, context: dict[str, Any]) -> str:
    return render_to_string("qanda/_question.html", {**context, "entry": entry})


def entries_html(
    request: HttpRequest | None,
    *,
    viewer: Any,
    session: Session,
    entries: list[Entry],
    sort: Sort,
    is_host: bool,
    can_vote: bool,
    voted: set[int],
    targets: list[Question],
    answer_max_length: int,
    hide_reason_max_length: int,
    shared: bool = False,
) -> list[SafeString]:
    """The HTML of each top-level entry, in order, with the CSRF token of `request` in its
    forms; without a request, with the placeholder (a `shared` list: the script puts the
    reader's token in, and shows their votes)."""
    context = {
        "event": session.event,
        "session": session,
        "sort": sort,
        "is_host": is_host,
        "can_vote": can_vote,
        "voted": voted,
        "targets": targets,
        "answer_max_length": answer_max_length,
        "hide_reason_max_length": hide_reason_max_length,
        "user": viewer,
        "csrf_token": CSRF_PLACEHOLDER,
        "shared": shared,
    }
    if is_host:
        pieces = [_render(entry, context) for entry in entries]
    else:
        pieces = []
        for entry in entries:
            key = _entry_key(
                entry,
                session=session,
                viewer=viewer,
                voted=voted,
                sort=sort,
                can_vote=can_vote,
                shared=shared,
            )
            piece = PIECES.get(key)
            if piece is None:
                piece = _render(entry, context)
                PIECES.put(key, piece)
            pieces.append(piece)
    if request is None or (not can_vote and not is_host):  # no token to put in
        return [mark_safe(piece) for piece in pieces]  # rendered by the template, escaped
    attribute = f'value="{get_token(request)}"'
    return [mark_safe(piece.replace(_CSRF_ATTRIBUTE, attribute)) for piece in pieces]
