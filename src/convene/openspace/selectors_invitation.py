"""Open space: the reads of the invitation pages, for every event (an open space or not),
each in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from convene.accounts.users import Viewer
from convene.core.timezones import get_zone, zone_city, zone_label
from convene.events import rules as event_rules
from convene.events.models import Event, Session
from convene.events.translations import attach_shown, shown_text

# Where the movement meets: the zones the local-time page always writes a moment in.
MOVEMENT_ZONES = (
    "UTC",
    "America/Sao_Paulo",
    "Africa/Lagos",
    "Europe/Paris",
    "Asia/Kolkata",
    "Asia/Jakarta",
)


def visible_event(*, slug: str, viewer: Viewer) -> Event | None:
    """The event `viewer` may see (published, or one they organize): one query, two for
    an unpublished event read by a signed-in person."""
    event = Event.objects.filter(slug=slug).first()
    if event is None or not event_rules.can_view_event(viewer, event):
        return None
    return event


def event_title(*, event: Event, language: str) -> str:
    """The event's title in `language`, else its source: a query when it is written in
    another language."""
    attach_shown([event], language=language)
    return shown_text(event, "title")


@dataclass(frozen=True)
class Invitation:
    """What an invitation says, in `language`: the event and its sessions each carry
    `shown`, their texts in that language (else the source)."""

    event: Event
    sessions: list[Session]
    language: str


def invitation_get(*, event: Event, language: str) -> Invitation:
    """The event's sessions, soonest first, and the texts of all in `language`: two
    queries (one when the event is written in `language`)."""
    sessions = list(Session.objects.filter(event=event).order_by("starts_at", "pk"))
    for session in sessions:
        session.event = event
    attach_shown([event, *sessions], language=language)
    return Invitation(event=event, sessions=sessions, language=language)


@dataclass(frozen=True)
class ZoneMoment:
    """A moment as written in one zone, named for people."""

    zone: str
    city: str
    label: str
    local: datetime


def moment_in_zones(*, moment: datetime, zones: tuple[str, ...] | list[str]) -> list[ZoneMoment]:
    """`moment` in each of `zones`, named in the active language. No query."""
    rows = []
    for name in zones:
        zone = get_zone(name)
        rows.append(
            ZoneMoment(
                zone=name,
                city=zone_city(name),
                label=zone_label(zone),
                local=moment.astimezone(zone),
            )
        )
    return rows
