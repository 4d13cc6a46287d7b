from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from convene.core.timezones import format_moment, format_offset, get_zone, utc_text, zone_label

from ..models import Session

register = template.Library()


@register.simple_tag
def session_when(session: Session) -> str:
    """The session's time in the viewer's zone, and the organizers' time beside it when it differs."""
    viewer = timezone.get_current_timezone()
    organizer = get_zone(session.timezone)
    same_day = (
        session.starts_at.astimezone(viewer).date() == session.ends_at.astimezone(viewer).date()
    )
    end_skeleton = "Hm" if same_day else "yMMMEdHm"
    viewer_html = format_html(
        '<time datetime="{}">{}</time>–<time datetime="{}">{}</time> <span class="tz">{}</span>',
        utc_text(session.starts_at),
        format_moment(session.starts_at, viewer),
        utc_text(session.ends_at),
        format_moment(session.ends_at, viewer, end_skeleton),
        format_offset(session.starts_at, viewer),
    )
    offsets_differ = (
        session.starts_at.astimezone(viewer).utcoffset()
        != session.starts_at.astimezone(organizer).utcoffset()
    )
    if not offsets_differ:
        return format_html('<span class="when">{}</span>', viewer_html)
    organizer_same_day = (
        session.starts_at.astimezone(organizer).date()
        == session.ends_at.astimezone(organizer).date()
    )
    return format_html(
        '<span class="when">{}</span><br><span class="when-organizer muted">{}</span>',
        viewer_html,
        _("Organizers' time: %(start)s–%(end)s %(offset)s (%(place)s)")
        % {
            "start": format_moment(session.starts_at, organizer),
            "end": format_moment(
                session.ends_at, organizer, "Hm" if organizer_same_day else "yMMMEdHm"
            ),
            "offset": format_offset(session.starts_at, organizer),
            "place": zone_label(organizer),
        },
    )


@register.filter
def status_badge(status: str) -> str:
    return {"confirmed": "ok", "waitlisted": "warn", "cancelled": "err"}.get(status, "")


@register.simple_tag
def answer(registration: Any, question: Any) -> str:
    value = registration.answers.get(str(question.pk))
    if isinstance(value, list):
        return "; ".join(value)
    if value == "yes":
        return _("Yes")
    if value == "no":
        return _("No")
    return value or ""
