"""iCalendar (RFC 5545) files: one per session, and a personal feed of registered sessions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models import Registration, Session
from .translations import shown_text


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Convene//Convene//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _session_component(
    session: Session, *, stamp: datetime, registration: Registration | None = None
) -> CalendarEvent:
    event = session.event
    url = settings.SITE_URL + reverse("events:session", args=[event.slug, session.pk])
    component = CalendarEvent()
    component.add("uid", f"session-{session.pk}@convene")
    component.add("dtstamp", stamp)
    component.add("dtstart", session.starts_at.astimezone(UTC))
    component.add("dtend", session.ends_at.astimezone(UTC))
    # In the reader's language where the view attached it (`translations.attach_shown`).
    component.add("summary", f"{shown_text(event, 'title')}: {shown_text(session, 'title')}")
    component.add("url", url)
    description = [
        shown_text(session, "description") if session.description else shown_text(event, "summary"),
        url,
    ]
    component.add("description", "\n\n".join(part for part in description if part))
    if session.venue:
        component.add("location", session.venue)
    elif session.is_online:
        component.add("location", url)
    if registration is not None:
        component.add(
            "status",
            "CONFIRMED" if registration.status == Registration.Status.CONFIRMED else "TENTATIVE",
        )
    return component


def session_ics(session: Session) -> bytes:
    """A calendar file for one session. It never contains the meeting link."""
    calendar = _calendar(shown_text(session.event, "title"))
    calendar.add_component(_session_component(session, stamp=timezone.now()))
    return calendar.to_ical()


def registrations_ics(registrations: Iterable[Registration], *, name: str) -> bytes:
    calendar = _calendar(name)
    stamp = timezone.now()
    for registration in registrations:
        calendar.add_component(
            _session_component(registration.session, stamp=stamp, registration=registration)
        )
    return calendar.to_ical()
