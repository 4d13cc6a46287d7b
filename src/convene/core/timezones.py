"""Time zones: which one a viewer sees, and how a moment is written for them."""

from __future__ import annotations

import importlib.resources
import unicodedata
import zoneinfo
from dataclasses import dataclass
from datetime import UTC as _UTC
from datetime import date, datetime, tzinfo
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.core import get_global
from babel.dates import format_date, format_datetime, get_timezone_gmt, match_skeleton
from django.utils import timezone, translation
from django.utils.translation import gettext as _

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
    """The current name of a zone known by an old one (some browsers say Asia/Calcutta), as
    offered in the list; a zone the list does not hold keeps its name."""
    if name in _offered():
        return name
    if name in _UTC_NAMES:
        return "UTC"
    for current in (_zone_aliases().get(name), _tz_links().get(name)):
        if current in _UTC_NAMES:
            return "UTC"
        if current and current != name and current in _valid_names():
            return current if current in _offered() else canonical_timezone(current)
    return name


_UTC_NAMES = frozenset({"Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu"})


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


def format_day(value: date, skeleton: str = "yMMMd") -> str:
    """A calendar day (a due date, a fiscal year's end) for the active language; a day has
    no time zone."""
    locale = babel_locale()
    return format_date(value, _pattern(str(locale), skeleton), locale=locale)


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
    """CLDR's location name of `zone` in the active language: "France Time", "Moscow Time"
    in English; "Франция", "Москва" in Russian (never "summer time": the name is the zone's,
    whatever the season)."""
    zone = zone or timezone.get_current_timezone()
    name = getattr(zone, "key", None)
    if not name or name == "UTC":
        return str(zone)
    locale = babel_locale()
    region_format = _GENERIC_REGION_FORMAT.get(locale.language) or str(
        locale.zone_formats.get("region", "%s")
    )
    return region_format % _place(canonical_timezone(name), locale)


# --- The list people choose from ---------------------------------------------------------
#
# The zones offered are those of the tz database's own list for people choosing a zone
# (zone.tab: one or more per country, current names only), plus UTC. Old names and other
# links (Asia/Calcutta, US/Eastern) are not offered; a value stored under one is read as the
# zone it names today (canonical_timezone). Names come from CLDR through Babel, in the
# viewer's language: the city, the country, the current UTC offset.


def _tzdata_text(name: str) -> str:
    """A table of the tz database: from the tzdata package, else the system's copy."""
    try:
        return importlib.resources.files("tzdata").joinpath("zoneinfo", name).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - tzdata is required
        return Path("/usr/share/zoneinfo", name).read_text("utf-8")


@lru_cache(maxsize=1)
def _zone_table() -> dict[str, str]:
    """Each zone offered, with the country it is listed for first (ISO 3166 code)."""
    rows: dict[str, str] = {}
    for line in _tzdata_text("zone.tab").splitlines():
        if line and not line.startswith("#"):
            country, _coordinates, name, *_comment = line.split("\t")
            if name in _valid_names():
                rows.setdefault(name, country)
    return rows


@lru_cache(maxsize=1)
def _offered() -> frozenset[str]:
    return frozenset({*_zone_table(), "UTC"})


@lru_cache(maxsize=1)
def _tz_links() -> dict[str, str]:
    """Every link of the tz database, old name to the zone it names (tzdata.zi `L` lines)."""
    links = {}
    for line in _tzdata_text("tzdata.zi").splitlines():
        if line.startswith("L "):
            _l, target, name = line.split()
            links[name] = target
    return links


@lru_cache(maxsize=1)
def _cldr_ids() -> dict[str, str]:
    """CLDR keeps a zone's names under its first tz name (Asia/Calcutta for Asia/Kolkata)."""
    known = get_global("meta_zones")
    return {current: old for old, current in _zone_aliases().items() if old in known}


# Regions of the list: CLDR's continents (their names are in every language), by the
# first part of the zone's name; ocean islands by their country.
_REGION_OF_AREA = {
    "Africa": "002",
    "America": "019",
    "Antarctica": "AQ",
    "Arctic": "150",
    "Asia": "142",
    "Australia": "009",
    "Europe": "150",
    "Pacific": "009",
}
_REGION_OF_ISLANDS = {
    **dict.fromkeys(("PT", "ES", "FO", "IS"), "150"),
    **dict.fromkeys(("BM", "FK", "GS"), "019"),
    **dict.fromkeys(("CV", "SH", "MU", "RE", "SC", "KM", "YT", "MG", "TF", "IO"), "002"),
    **dict.fromkeys(("MV",), "142"),
    **dict.fromkeys(("CX", "CC"), "009"),
}
_REGION_ORDER = ("002", "019", "AQ", "142", "150", "009")

# Babel gives Russian's daylight region format ("{0}, летнее время") for the generic one,
# which CLDR has as "{0}": every zone would be said to be on summer time.
_GENERIC_REGION_FORMAT = {"ru": "%s"}


def fold(text: str) -> str:
    """`text` for matching what people type: no accents or case, dashes as spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().replace("-", " ").replace("_", " ").split())


@dataclass(frozen=True)
class ZoneName:
    """A zone as the list shows it in one language."""

    name: str
    city: str
    country: str
    region: str
    search: str  # the folded city and country, in this language and in English, and the id


def _city(name: str, locale: Locale) -> str:
    if name == "UTC":
        return "UTC"
    cldr_id = _cldr_ids().get(name, name)
    city = locale.time_zones.get(cldr_id, {}).get("city")
    if not city:  # as Babel does: some cities are named with their metazone
        metazone = get_global("meta_zones").get(cldr_id)
        city = locale.meta_zones.get(metazone, {}).get("city") if metazone else None
    return str(city or name.rsplit("/", 1)[-1].replace("_", " "))


def _country_code(name: str) -> str:
    return (
        get_global("zone_territories").get(name)
        or get_global("zone_territories").get(_cldr_ids().get(name, name))
        or _zone_table().get(name, "")
    )


def _region(name: str, country: str) -> str:
    area = name.split("/", 1)[0]
    return _REGION_OF_AREA.get(area) or _REGION_OF_ISLANDS.get(country, "001")


@lru_cache(maxsize=16)
def _zone_names(locale_code: str) -> tuple[ZoneName, ...]:
    """Every zone offered, named in one language, sorted by region, country and city."""
    locale, english = _parse_locale(locale_code), _parse_locale("en")
    zones = []
    for name in _zone_table():
        code = _country_code(name)
        city, country = _city(name, locale), locale.territories.get(code, "")
        words = (city, country, _city(name, english), english.territories.get(code, ""), name)
        zones.append(ZoneName(name, city, country, _region(name, code), fold(" | ".join(words))))
    order = {code: position for position, code in enumerate(_REGION_ORDER)}
    zones.sort(key=lambda z: (order.get(z.region, 99), fold(z.country), fold(z.city)))
    return tuple(zones)


def zone_city(name: str | None, language_code: str | None = None) -> str:
    """The city of a zone as the language writes it (`Калькутта` for Asia/Kolkata in
    Russian), for saying which zone times are shown in; "UTC" for UTC."""
    if not name or not is_valid_timezone(name):
        return "UTC"
    return _city(canonical_timezone(name), babel_locale(language_code))


def _place(name: str, locale: Locale) -> str:
    """CLDR's location of a zone: its country if the country has one zone, else its city."""
    code = _country_code(name)
    if code and len(get_global("territory_zones").get(code, ())) == 1:
        return locale.territories.get(code) or _city(name, locale)
    return _city(name, locale)


def zone_choices(
    *, query: str = "", keep: str = "", language_code: str | None = None
) -> list[tuple[str, list[tuple[str, str]]] | tuple[str, str]]:
    """The zones to choose from, grouped by region (`<optgroup>`), named in the language:
    "Kolkata — India (GMT+05:30)". `query` keeps those whose city or country, in the
    language or in English, contains it; `keep` is always offered (the current choice)."""
    language = translation.to_locale(language_code or translation.get_language() or "en")
    grouped = _grouped_choices(language, datetime.now(_UTC).date())
    wanted = fold(query)
    if not wanted:
        return list(grouped)
    matching = set(zone_search(query, language_code=language_code)) | {keep}
    filtered: list[tuple[str, list[tuple[str, str]]] | tuple[str, str]] = []
    for group in grouped:
        if isinstance(group[1], str):
            if group[0] in matching:
                filtered.append(group)
            continue
        options = [option for option in group[1] if option[0] in matching]
        if options:
            filtered.append((group[0], options))
    return filtered


def zone_search(query: str, *, language_code: str | None = None) -> list[str]:
    """The zones whose city or country (in the language or in English) contains `query`."""
    wanted = fold(query)
    language = translation.to_locale(language_code or translation.get_language() or "en")
    if not wanted:
        return []
    found = [z.name for z in _zone_names(language) if wanted in z.search]
    if wanted in fold("UTC " + _utc_name(_parse_locale(language))):
        found.insert(0, "UTC")
    return found


def _utc_name(locale: Locale) -> str:
    names = locale.time_zones.get("Etc/UTC", {}).get("long", {})
    return str(names.get("standard", "UTC"))


@lru_cache(maxsize=32)
def _grouped_choices(
    language: str, day: date
) -> tuple[tuple[str, list[tuple[str, str]]] | tuple[str, str], ...]:
    """Built once per language and day (offsets change with daylight saving)."""
    locale = _parse_locale(language)
    noon = datetime(day.year, day.month, day.day, 12, tzinfo=_UTC)
    with translation.override(translation.to_language(language)):
        utc_label = _("%(place)s (%(offset)s)") % {"place": _utc_name(locale), "offset": "UTC"}
        groups: dict[str, list[tuple[str, str]]] = {}
        for zone in _zone_names(language):
            offset = get_timezone_gmt(
                noon.astimezone(zoneinfo.ZoneInfo(zone.name)), width="long", locale=locale
            )
            if zone.country and fold(zone.country) != fold(zone.city):
                label = _("%(city)s — %(country)s (%(offset)s)") % {
                    "city": zone.city,
                    "country": zone.country,
                    "offset": offset,
                }
            else:
                label = _("%(place)s (%(offset)s)") % {"place": zone.city, "offset": offset}
            region = locale.territories.get(zone.region, zone.region)
            groups.setdefault(region, []).append((zone.name, label))
    return (("UTC", utc_label), *groups.items())
