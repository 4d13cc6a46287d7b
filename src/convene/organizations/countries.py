"""Countries named in the reader's language, for the registry's filters, rows and exports.

django-countries names them in most interface languages; where it has no catalogue (Hindi
and Indonesian) the names come from the CLDR through Babel, as the names of languages do
(`convene.core.languages`), so no reader gets English names in their own interface.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import django_countries
from django.utils import translation
from django_countries import countries

from convene.core.timezones import babel_locale

_CATALOGUES = Path(django_countries.__file__).with_name("locale")


@cache
def _has_catalogue(language: str) -> bool:
    """Whether django-countries translates its names into `language` (English is its own)."""
    locale = translation.to_locale(language)
    return language.startswith("en") or any(
        (_CATALOGUES / name / "LC_MESSAGES" / "django.mo").exists()
        for name in (locale, locale.split("_")[0])
    )


@cache
def _names(language: str) -> dict[str, str]:
    with translation.override(language):
        names = {code: str(name).strip() for code, name in countries}
        if not _has_catalogue(language):
            territories = babel_locale(language).territories
            names = {code: territories.get(code, name) for code, name in names.items()}
    return names


def _sort_key(name: str) -> str:
    """Letters before their accents, case ignored: "Åland" sorts with "Aland"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@cache
def _sorted(language: str) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(_names(language).items(), key=lambda pair: _sort_key(pair[1])))


def _language() -> str:
    return translation.get_language() or "en"


def country_name(code: str) -> str:
    """The name of the country `code` in the active language; an unknown code as it is."""
    return _names(_language()).get(str(code), str(code))


def country_names(codes: Iterable[object]) -> list[str]:
    """The names of `codes` (strings or django-countries' `Country`) in the active language,
    sorted by name."""
    names = _names(_language())
    return sorted((names.get(str(code), str(code)) for code in codes), key=_sort_key)


def country_choices() -> tuple[tuple[str, str], ...]:
    """(code, name) of every country, sorted by name in the active language."""
    return _sorted(_language())


def is_country(code: str) -> bool:
    return code in _names("en")
