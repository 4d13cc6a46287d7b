"""Time zones: which one a viewer sees, and how a moment is written for them."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, tzinfo
from functools import lru_cache

from babel import Locale
from babel.core import get_global
from babel.dates import format_datetime, get_timezone_gmt, get_timezone_location, match_skeleton
from django.utils import timezone, translation

UTC = zoneinfo.ZoneInfo("UTC")


def utc_text(value: datetime | None) -> str | None:
    """A moment written as ISO 8601 in UTC, e.g. `2020-11-21T14:00:00Z`."""
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@lru_cache(maxsize=1)
def all_timezones() -> tuple[str, ...]:
    """Every IANA zone name a person may choose, sorted; legacy aliases left out."""
    legacy = ("Etc/", "SystemV/", "US/", "posix/", "right/")
    names = sorted(
        n for n in zoneinfo.available_timezones() if "/" in n and not n.startswith(legacy)
    )
    return (*names, "UTC")


def canonical_timezone(name: str) -> str:
    """The current name of a zone known by an old one (some browsers say Asia/Calcutta)."""
    current = _zone_aliases().get(name)
    return current if current and current in _valid_names() else name


@lru_cache(maxsize=1)
def _zone_aliases() -> dict[str, str]:
    return dict(get_global("zone_aliases"))


def is_valid_timezone(name: str | None) -> bool:
    return bool(name) and name in _valid_names()


@lru_cache(maxsize=1)
def _valid_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def get_zone(name: str | None) -> zoneinfo.ZoneInfo:
    if name and is_valid_timezone(name):
        return zoneinfo.ZoneInfo(name)
    return UTC


def babel_locale(language_code: str | None = None) -> Locale:
    """The CLDR locale of `language_code`, default the active language."""
    return _parse_locale(translation.to_locale(language_code or translation.get_language() or "en"))


@lru_cache(maxsize=32)
def _parse_locale(code: str) -> Locale:
    try:
        return Locale.parse(code)
    except (ValueError, LookupError):
        return Locale.parse("en")


def format_moment(value: datetime, zone: tzinfo | None = None, skeleton: str = "yMMMEdHm") -> str:
    """`value` written for the active language in `zone` (default: the active zone)."""
    zone = zone or timezone.get_current_timezone()
    locale = babel_locale()
    return format_datetime(value, _pattern(str(locale), skeleton), tzinfo=zone, locale=locale)


@lru_cache(maxsize=256)
def _pattern(locale_code: str, skeleton: str) -> str:
    """The CLDR pattern for a skeleton in a locale, e.g. "EEE, MMM d, y, HH:mm" in English."""
    locale = _parse_locale(locale_code)
    date_part = "".join(ch for ch in skeleton if ch in "GyQMLwWdDFEcU")
    time_part = "".join(ch for ch in skeleton if ch in "hHkKjmsaB")
    patterns = [
        str(locale.datetime_skeletons[match_skeleton(part, locale.datetime_skeletons) or part])
        for part in (date_part, time_part)
        if part
    ]
    if len(patterns) == 1:
        return patterns[0]
    # CLDR glues a date and a time with a per-locale pattern such as "{1}, {0}".
    glue = str(locale.datetime_formats.get("medium", "{1} {0}"))
    return glue.replace("{1}", patterns[0]).replace("{0}", patterns[1])


def format_offset(value: datetime, zone: tzinfo | None = None) -> str:
    """The UTC offset of `zone` at `value`, e.g. `GMT+01:00` or `UTC`."""
    zone = zone or timezone.get_current_timezone()
    if getattr(zone, "key", None) == "UTC":
        return "UTC"
    return get_timezone_gmt(value.astimezone(zone), width="long", locale=babel_locale())


def zone_label(zone: tzinfo | None = None) -> str:
    """A place name for `zone` in the active language, e.g. `Paris (France)` in English."""
    zone = zone or timezone.get_current_timezone()
    if getattr(zone, "key", None) == "UTC":
        return "UTC"
    try:
        return get_timezone_location(zone, locale=babel_locale())
    except (LookupError, AttributeError):  # pragma: no cover - zone unknown to CLDR
        return str(zone)
