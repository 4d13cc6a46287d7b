"""Event cards as HTML, rendered once per state and shared between readers.

A card (title, summary, first date, number of sessions) is the same for everyone who reads
the list in one language and time zone, so each is kept (`convene.core.pieces`) under a
key made of everything it shows; an edited event or a new session makes a new one.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from convene.core.pieces import Pieces, piece_key

from .models import Event

# Some hundreds of events, in several languages and zones.
CARDS = Pieces(size=4096)


def cards_html(events: Iterable[Event]) -> list[SafeString]:
    """The card of each event of `events` (from `selectors.event_list_*`), in order."""
    language = get_language() or ""
    zone = timezone.get_current_timezone_name()
    cards = []
    for event in events:
        first_start = getattr(event, "first_start", None)
        key = piece_key(
            language,
            zone,
            event.pk,
            event.slug,
            event.title,
            event.summary,
            event.is_published,
            first_start.timestamp() if first_start else "",
            getattr(event, "session_count", 0),
        )
        html = CARDS.get_or_render(
            key, partial(render_to_string, "events/_event_card.html", {"event": event})
        )
        cards.append(mark_safe(html))  # rendered by the template, escaped there
    return cards
