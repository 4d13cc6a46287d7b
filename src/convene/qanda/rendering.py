"""The question list as HTML, rendered once per question state and shared between viewers.

During a live session hundreds of people fetch the list every few seconds, and each change
(a question, a vote) makes all of them fetch it again. Most of what each gets is the same:
a top-level question with its merged duplicates and follow-ups looks alike for every
participant in one language and time zone who has the same relation to it (voted for it
or not, asked it anonymously or not). So each such entry is rendered once and kept under a
key made of everything it shows, and the list is put together from the pieces; a change
re-renders only the entry it touched.

Each process keeps its own pieces (`convene.core.pieces`).

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

from functools import partial
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from convene.accounts.templatetags.accounts import author_name
from convene.core.pieces import CSRF_PLACEHOLDER, Pieces, piece_key, with_csrf_token
from convene.events.models import Session

from . import rules
from .models import Question
from .selectors import Entry, Sort, entry_questions

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
    return piece_key(*parts)


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
            pieces.append(PIECES.get_or_render(key, partial(_render, entry, context)))
    if request is None or (not can_vote and not is_host):  # no token to put in
        return [mark_safe(piece) for piece in pieces]  # rendered by the template, escaped
    return [mark_safe(with_csrf_token(request, piece)) for piece in pieces]
