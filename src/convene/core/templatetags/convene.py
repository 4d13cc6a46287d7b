"""Template tags available in every template (registered as builtins)."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from convene.core import markup
from convene.core.timezones import format_moment, format_offset, get_zone, zone_label

register = template.Library()


@register.simple_tag
def moment(value: datetime | None, zone_name: str | None = None, skeleton: str = "yMMMEdHm") -> str:
    """`<time>` element for `value`, written in the viewer's (or the given) zone and language."""
    if value is None:
        return ""
    zone = get_zone(zone_name) if zone_name else timezone.get_current_timezone()
    return format_html(
        '<time datetime="{}">{} <span class="tz">{}</span></time>',
        value.astimezone(get_zone("UTC")).strftime("%Y-%m-%dT%H:%M:%SZ"),
        format_moment(value, zone, skeleton),
        format_offset(value, zone),
    )


@register.simple_tag
def moment_text(
    value: datetime | None, zone_name: str | None = None, skeleton: str = "yMMMEdHm"
) -> str:
    """Plain-text moment for emails and calendar text: `Sat, Nov 21, 2020, 14:00 UTC`."""
    if value is None:
        return ""
    zone = get_zone(zone_name) if zone_name else timezone.get_current_timezone()
    return f"{format_moment(value, zone, skeleton)} {format_offset(value, zone)}"


@register.simple_tag
def time_only(value: datetime, zone_name: str | None = None) -> str:
    zone = get_zone(zone_name) if zone_name else timezone.get_current_timezone()
    return format_moment(value, zone, "Hm")


@register.simple_tag
def zone_name_label(zone_name: str | None = None) -> str:
    zone = get_zone(zone_name) if zone_name else timezone.get_current_timezone()
    return zone_label(zone)


@register.filter
def markdown(text: str) -> SafeString:
    return mark_safe(markup.render_markdown(text))


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, object]]:
    """The current page in each interface language, for the language switcher."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = context.get("LANGUAGE_CODE")
    return [
        {
            "code": code,
            "name": name,
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
