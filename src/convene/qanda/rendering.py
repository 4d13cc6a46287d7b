"""The question list as HTML, rendered once per question state and shared between viewers.

During a live session hundreds of people fetch the list every few seconds, and each change
(a question, a vote) makes all of them fetch it again. Most of what each gets is the same:
a top-level question with its merged duplicates and follow-ups looks alike for every
participant in one language and time zone who has the same relation to it (voted for it
or not, asked it anonymously or not). So each such entry is rendered once and kept under a
key made of everything it shows, declared in `QUESTION` beside its template, and the list
is put together from the pieces; a change re-renders only the entry it touched.

Each process keeps its own pieces (`convene.core.pieces`).

The forms in a piece carry a placeholder instead of a CSRF token; each viewer's own token
is put in when the list is assembled. The hosts' list (with the host actions) is rendered
for them alone; its forms take the question to merge into or follow by its number, offered
by one list of every question under the questions, so the hosts' list grows with the
number of questions, not with its square.

The page's script goes one step further: it polls the list as every participant (or every
visitor) sees it, in one language and zone, with no one's votes, names or token in it (the
script puts those back from the page). That list is the same bytes for hundreds of people,
so each process keeps it whole, under its entity tag, in `LISTS`: after a change it is
rendered once and then read from memory, without a query for the reader's session.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from convene.accounts.users import Viewer
from convene.core.pieces import CSRF_PLACEHOLDER, MB, Piece, Pieces, with_csrf_token
from convene.events.models import Session

from . import rules
from .selectors import Entry, Sort, entry_questions

# What `qanda/_question.html` shows of each question of an entry.
_SHOWN = (
    "pk",
    "text",
    "language",
    "created_at",
    "vote_count",
    "answer",
    "answered_at",
    "hidden_at",
    "hidden_reason",
    "is_anonymous",
    "author_id",
    "author.pk",  # the name, "Participant 12" without a display name
    "author.display_name",
    "follows_id",  # the hosts' follow-up form
    "session_id",  # the edition where it was asked, when editions share their questions
    "session.title",
    "answered_in_id",  # and the edition that answered it
    "answered_in.title",
)
# Where the questions of an entry are: its own, its duplicates, its follow-ups' (which have
# none of their own: they all hang from the top of their chain).
_WHERE = (
    "entry.question",
    "entry.duplicates[]",
    "entry.follow_ups[].question",
    "entry.follow_ups[].duplicates[]",
)

# A few sessions at once, a few hundred questions each, in several languages and zones.
QUESTION = Piece(
    "qanda/_question.html",
    shows=(
        "event.slug",  # in the addresses of the forms
        "session.pk",
        "sort",
        "is_host",
        "can_vote",
        "shared",
        "pooled",
        "can_link",
        "answer_max_length",
        "hide_reason_max_length",
        "voted_here",
        "sees_asker",
        *(f"{where}.{field}" for where in _WHERE for field in _SHOWN),
        "entry.follow_ups[].follow_ups",  # none (`selectors._arrange`), but were there any
    ),
    unkeyed={
        "user": "read only by `{% asker %}`, whose answers are `sees_asker`",
        "voted": "read for the entry's questions only, which is `voted_here`",
        "csrf_token": "a placeholder, each reader's token is put in on the way out",
    },
    max_size=8 * MB,
)
# Whole shared lists: a few sessions, two sorts, two views, several languages and zones.
LISTS = Pieces(max_size=16 * MB)


def entries_html(
    request: HttpRequest | None,
    *,
    viewer: Viewer,
    session: Session,
    entries: list[Entry],
    sort: Sort,
    is_host: bool,
    can_vote: bool,
    voted: set[int],
    can_link: bool,
    answer_max_length: int,
    hide_reason_max_length: int,
    shared: bool = False,
    pooled: bool = False,
) -> list[SafeString]:
    """The HTML of each top-level entry, in order, with the CSRF token of `request` in its
    forms; without a request, with the placeholder (a `shared` list: the script puts the
    reader's token in, and shows their votes). `can_link`: there are questions to merge
    into or follow (the hosts' forms). `pooled`: the list is that of every edition of the
    session's agenda, each question marked with the edition where it was asked.

    A question is the same row on every edition's page, so its piece (keyed on what it
    shows, the editions included) is the same for all: a change made in one edition is a
    new key everywhere."""
    context = {
        "event": session.event,
        "session": session,
        "sort": sort,
        "is_host": is_host,
        "can_vote": can_vote,
        "voted": voted,
        "can_link": can_link,
        "answer_max_length": answer_max_length,
        "hide_reason_max_length": hide_reason_max_length,
        "user": viewer,
        "csrf_token": CSRF_PLACEHOLDER,
        "shared": shared,
        "pooled": pooled,
    }
    pieces = []
    for entry in entries:
        questions = list(entry_questions(entry))
        entry_context = {
            **context,
            "entry": entry,
            "voted_here": tuple(question.pk in voted for question in questions),
            "sees_asker": tuple(
                rules.sees_asker(viewer, question.author_id, is_host=is_host)
                for question in questions
            ),
        }
        # The hosts' own list is theirs alone: not kept.
        pieces.append(QUESTION.render(entry_context) if is_host else QUESTION.html(entry_context))
    if request is None or (not can_vote and not is_host):  # no token to put in
        return [mark_safe(piece) for piece in pieces]  # rendered by the template, escaped
    return [mark_safe(with_csrf_token(request, piece)) for piece in pieces]
