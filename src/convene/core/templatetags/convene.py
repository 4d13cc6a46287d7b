"""Template tags available in every template (registered as builtins)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from convene.core import markup
from convene.core.forms import error_summary
from convene.core.lists import joined_text
from convene.core.timezones import (
    babel_locale,
    format_day,
    format_moment,
    format_offset,
    get_zone,
    utc_text,
    zone_city,
    zone_label,
)

register = template.Library()


@register.simple_tag
def moment(value: datetime | None, zone_name: str | None = None, skeleton: str = "yMMMEdHm") -> str:
    """`<time>` element for `value`, written in the viewer's (or the given) zone and language."""
    if value is None:
        return ""
    zone = get_zone(zone_name) if zone_name else timezone.get_current_timezone()
    return format_html(
        '<time datetime="{}">{} <span class="tz">{}</span></time>',
        utc_text(value),
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
def day(value: date | None, skeleton: str = "yMMMd") -> str:
    """`<time>` element for a calendar day (a due date), in the viewer's language."""
    if value is None:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>', value.isoformat(), format_day(value, skeleton)
    )


@register.simple_tag
def day_text(value: date | None, skeleton: str = "yMMMd") -> str:
    """A calendar day as plain text, for emails."""
    return format_day(value, skeleton) if value is not None else ""


@register.simple_tag
def time_only(value: datetime, zone_name: str | None = None) -> str:
    zone = get_zone(zone_name) if zone_name else timezone.get_current_timezone()
    return format_moment(value, zone, "Hm")


@register.simple_tag
def time_until(value: datetime, now: datetime | None = None) -> str:
    """How long until `value`, in its two largest units, each with its language's plural:
    "2 days, 3 hours", "1 hour, 5 minutes", "4 minutes"; "less than a minute" at the end."""
    minutes = int(((value - (now or timezone.now())).total_seconds()) // 60)
    if minutes < 1:
        return gettext("less than a minute")
    days, hours, minutes = minutes // 1440, minutes // 60 % 24, minutes % 60
    parts = [
        ngettext("%(count)s day", "%(count)s days", days) % {"count": days} if days else "",
        ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours} if hours else "",
        ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
        if minutes and not days
        else "",
    ]
    larger, *smaller = [part for part in parts if part]
    if not smaller:
        return larger
    # Translators: two parts of a length of time, e.g. "2 days, 3 hours".
    return gettext("%(larger)s, %(smaller)s") % {"larger": larger, "smaller": smaller[0]}


@register.simple_tag
def countdown_units() -> str:
    """For convene.js to keep a `time_until` text ticking in the same words: each unit's
    plural forms by CLDR plural category ("one", "few", "many"...), as JSON for `data-units`;
    the browser's Intl.PluralRules picks the category of each number."""
    return json.dumps(_countdown_units(translation.get_language() or "en"), ensure_ascii=False)


@lru_cache(maxsize=16)
def _countdown_units(language: str) -> dict[str, object]:
    samples: dict[str, int] = {}
    rule = babel_locale(language).plural_form
    for number in range(200):  # the first number of each category, e.g. 0, 1, 2, 3, 11, 100
        samples.setdefault(rule(number), number)

    def forms(singular: str, plural: str) -> dict[str, str]:
        return {
            category: translation.ngettext(singular, plural, number) % {"count": "{n}"}
            for category, number in samples.items()
        }

    with translation.override(language):
        return {
            "d": forms("%(count)s day", "%(count)s days"),
            "h": forms("%(count)s hour", "%(count)s hours"),
            "m": forms("%(count)s minute", "%(count)s minutes"),
            "pair": translation.gettext("%(larger)s, %(smaller)s")
            % {"larger": "{a}", "smaller": "{b}"},
        }


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
    current = context.get("LANGUAGE_CODE")
    return [
        {"code": code, "name": name, "url": url, "current": code == current}
        for (code, name), url in zip(settings.LANGUAGES, _page_in_languages(request), strict=True)
    ]


def _page_in_languages(request: HttpRequest | None) -> list[str]:
    """The address of this page in every language: resolved once, reversed per language."""
    path = request.path_info if request else "/"
    query = (
        ("?" + request.META["QUERY_STRING"]) if request and request.META.get("QUERY_STRING") else ""
    )
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                url = (
                    reverse(match.view_name, args=match.args, kwargs=match.kwargs)
                    if match
                    else None
                )
            except NoReverseMatch:
                url = None
        urls.append(url + query if url else f"/{code}/")
    return urls


register.filter("bdi", markup.bdi)


@register.filter
def get_item(mapping: dict, key: object) -> object:
    """`mapping[key]` in a template, or None."""
    return mapping.get(key) if mapping else None


@register.filter(name="zone_city")
def zone_city_filter(zone_name: str | None) -> str:
    """The city of a time zone as the viewer's language writes it: "Калькутта" for
    Asia/Kolkata in Russian, "UTC" for UTC."""
    return zone_city(zone_name)


@register.filter(is_safe=True)
def joined(items: Iterable[object] | None) -> SafeString:
    """Items joined as the viewer's language joins a list: "Arabic, French, and Spanish",
    "العربية والفرنسية والإسبانية", "阿拉伯语、法语和西班牙语". Each item is escaped (text
    already marked safe, such as `|bdi`, is kept)."""
    return mark_safe(
        joined_text(
            conditional_escape(str(item)) for item in (items or ()) if item not in (None, "")
        )
    )


@register.inclusion_tag("django/forms/error_summary.html")
def form_error_summary(form: object) -> dict[str, object]:
    """At the top of a form with errors: how many problems, each linked to its field."""
    return {"summary": error_summary(form), "summary_prefix": getattr(form, "prefix", "") or "form"}
