"""The grid and the marketplace as HTML, rendered once per state and shared between readers.

Hundreds of people keep the open space's page open, and each change of the grid makes all
of them fetch it again. What they get is alike for everyone in one language and time zone:
the slots and rooms, every topic with its convener, languages, interest and people, the
marketplace and the withdrawn topics. So it is rendered once and kept (`convene.core.pieces`)
under a key made of everything it shows, declared in `GRID` beside its template; any change
of a topic, a slot, a room, or the hour (a slot begins or ends) is a new key.

Two variants only: for anonymous readers (no forms) and for signed-in ones (an interest form
per active topic). A reader's own state is put in on the way out, in one pass over the
markers the piece holds (`<!--grid-here-S-T-->`, `<!--grid-interest-T-->`): whether they are at
a topic, whether they marked it interesting; and their CSRF token. Markers are HTML comments,
which people's text (escaped) cannot contain.
"""

from __future__ import annotations

import re

from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from convene.core.pieces import CSRF_PLACEHOLDER, MB, Piece, with_csrf_token
from convene.events.models import Event

from .selectors_grid import GridPage

# What `openspace/_grid_topic.html` shows of a topic.
_TOPIC = (
    "pk",
    "title",
    "status",  # `is_on_grid`, `is_active`
    "convener_name",  # in the reader's language for "Participant 12", "deleted user"
    "language_names",
    "interest_count",
    "people_count",
    "wants_interpretation",
    "wants_note_taker",
)

# A few open spaces at once, each in several languages and zones, with and without forms:
# about 90 KB (anonymous) to 200 KB (signed in) for 200 topics.
GRID = Piece(
    "openspace/_grid.html",
    shows=(
        "event.slug",  # in the addresses of the links and forms
        "here",  # where the forms come back to
        "forms",
        "page.version",
        "page.rows[].slot.pk",
        "page.rows[].slot.starts_at",
        "page.rows[].slot.ends_at",
        "page.rows[].is_now",
        "page.rows[].is_over",
        "page.rows[].cells[].room.name",
        "page.rows[].cells[].topic.slot_id",  # the reader's presence, at its marker
        *(f"page.rows[].cells[].topic.{name}" for name in _TOPIC),
        *(f"page.marketplace[].{name}" for name in _TOPIC),
        "page.gone[].pk",
        "page.gone[].title",
        "page.gone[].merged_into_title",
    ),
    unkeyed={"csrf_token": "a placeholder, each reader's token is put in on the way out"},
    max_size=8 * MB,
)

_MARKER = re.compile(r"<!--grid-(?:here-(\d+)|interest)-(\d+)-->")
_NOT_PRESSED = (
    '<input type="hidden" name="interested" value="1">'
    '<button type="submit" class="secondary" aria-pressed="false">'
)
_PRESSED = (
    '<input type="hidden" name="interested" value="0">'
    '<button type="submit" class="secondary" aria-pressed="true">'
)


def grid_html(request: HttpRequest, *, page: GridPage, event: Event, here: str) -> SafeString:
    """The grid and the marketplace of `page` (from `selectors_grid.grid_page`) as its
    reader sees them: the shared piece, with their presences, interests and CSRF token."""
    forms = bool(request.user.is_authenticated)
    html = GRID.html(
        {
            "page": page,
            "event": event,
            "here": here,
            "forms": forms,
            "csrf_token": CSRF_PLACEHOLDER,
        }
    )
    if not forms:
        return mark_safe(html)  # rendered by the template, escaped there
    presences = page.presences  # slot id: topic id
    interests = page.interests
    badge = format_html('<span class="badge ok">{}</span>', gettext("You are here"))

    def mine(marker: re.Match[str]) -> str:
        slot, pk = marker.group(1), int(marker.group(2))
        if slot is not None:  # at this topic in its slot
            return badge if presences.get(int(slot)) == pk else ""
        return _PRESSED if pk in interests else _NOT_PRESSED

    return mark_safe(with_csrf_token(request, _MARKER.sub(mine, html)))
