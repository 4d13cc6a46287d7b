"""Event cards as HTML, rendered once per state and shared between readers.

A card (title, summary, first date, number of sessions) is the same for everyone who reads
the list in one language and time zone, so each is kept (`convene.core.pieces`) under a
key made of everything it shows, declared in `CARD` beside its template; an edited event or
a new session makes a new one.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe

from convene.core.pieces import MB, Piece

from .models import Event

# Some hundreds of events, in several languages and zones: half a KB each.
CARD = Piece(
    "events/_event_card.html",
    shows=(
        "event.slug",
        "event.title",
        "event.summary",
        # in the reader's language (`translations.attach_shown`)
        "event.shown.title.text",
        "event.shown.title.language",
        "event.shown.title.is_machine",
        "event.shown.title.is_outdated",
        "event.shown.summary.text",
        "event.shown.summary.language",
        "event.shown.summary.is_machine",
        "event.shown.summary.is_outdated",
        "event.is_published",
        "event.first_start",  # from `selectors.event_list_*`
        "event.session_count",
    ),
    max_size=2 * MB,
)


def cards_html(events: Iterable[Event]) -> list[SafeString]:
    """The card of each event of `events` (from `selectors.event_list_*`, each with its
    `shown` fields attached by `translations.attach_shown`), in order."""
    # rendered by the template, escaped there
    return [mark_safe(CARD.html({"event": event})) for event in events]
