"""The languages Convene knows and their names, each named in the reader's language.

Three sets, as lists of codes (Django's spelling: "zh-hans", "pt-br"):

- INTERFACE: the languages of the pages and emails, in the order of the language menu
  (`settings.LANGUAGES` stays their source);
- CONTENT: the languages documents, translations, feedback, questions, lightning talks and
  interpretation are offered in, sorted by English name. Model fields take their choices from
  it, so the list and its order are what the migrations hold;
- ALL: every ISO 639-1 language Babel has data for, Chinese and Portuguese spelled as in
  the interface, sorted by English name: what a person may say they speak.

Names come from the CLDR through Babel, capitalized where the reader's language writes them
in lower case ("français" becomes "Français"), and cached per reader.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

from babel import Locale
from babel.localedata import locale_identifiers
from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise, lazy

# The codes Convene writes for the languages whose interface is a regional or script variant:
# a person reading Simplified Chinese or Brazilian Portuguese is named by the base language.
_BASE = {"zh-hans": "zh", "pt-br": "pt"}
_VARIANT = {base: code for code, base in _BASE.items()}

# Indonesian names a language with "Bahasa" in running text ("ke Bahasa Prancis"), where the
# CLDR gives the bare name ("Prancis", which is also the country).
_PREFIX = {"id": "Bahasa "}

INTERFACE: list[str] = [code for code, _name in settings.LANGUAGES]

CONTENT: list[str] = ["ar", "zh-hans", "en", "fr", "de", "hi", "id", "pt-br", "ru", "es"]


def _babel_name(code: str, reader: str) -> str:
    names = _reader_locale(reader).languages
    return names.get(_BASE.get(code, code)) or Locale("en").languages.get(
        _BASE.get(code, code), code
    )


@cache
def _reader_locale(reader: str) -> Locale:
    return Locale.parse(translation.to_locale(reader))


def _all_codes() -> list[str]:
    english = Locale("en").languages
    codes = {_VARIANT.get(code, code) for code in locale_identifiers() if len(code) == 2}
    return sorted((code for code in codes if _BASE.get(code, code) in english), key=_english_key)


def _english_key(code: str) -> str:
    return _sort_key(Locale("en").languages[_BASE.get(code, code)])


def _sort_key(name: str) -> str:
    """Letters before their accents, case ignored: "Émilien" sorts with "Emilien"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


ALL: list[str] = _all_codes()
_KNOWN = frozenset(ALL)


@cache
def _names(reader: str) -> dict[str, str]:
    prefix = _PREFIX.get(_BASE.get(reader, reader), "")
    names = {}
    for code in ALL:
        name = _babel_name(code, reader)
        name = name[:1].upper() + name[1:]
        if prefix and not name.startswith(prefix):
            name = prefix + name
        names[code] = name
    return names


def _reader(reader: str | None) -> str:
    code = (reader or translation.get_language() or settings.LANGUAGE_CODE).lower()
    if code in _BASE or code in _KNOWN:
        return code
    base = code.split("-")[0].split("_")[0]
    return base if base in _KNOWN else _VARIANT.get(base, settings.LANGUAGE_CODE)


def is_known(code: str) -> bool:
    """Whether `code` is one of ALL."""
    return code in _KNOWN


def language_name(code: str, reader: str | None = None) -> str:
    """The name of the language `code` in the language `reader` (the active one by default);
    an unknown code is returned as it is."""
    return _names(_reader(reader)).get(code, code)


# For model fields and forms built at import: named in the active language when shown.
language_name_lazy = lazy(language_name, str)


def choices(
    codes: Iterable[str] | None = None, reader: str | None = None
) -> list[tuple[str, str | Promise]]:
    """(code, name) pairs of `codes` (ALL by default), in their order.

    Without a reader the names are lazy, named in the language active when shown, so the list
    can be a model field's or a form field's choices built at import; in English they are the
    names the migrations hold. With a reader they are that language's names.
    """
    wanted = ALL if codes is None else codes
    if reader is None:
        return [(code, language_name_lazy(code)) for code in wanted]
    return [(code, language_name(code, reader)) for code in wanted]


def sorted_choices(
    codes: Iterable[str] | None = None, reader: str | None = None
) -> list[tuple[str, str]]:
    """(code, name) pairs of `codes` (ALL by default) sorted by their names in the reader's
    language (the active one by default). Pass it uncalled as a form field's choices, or
    wrapped in `functools.partial`, and it is sorted anew for each reader."""
    wanted = ALL if codes is None else codes
    names = _names(_reader(reader))
    pairs = [(code, names.get(code, code)) for code in wanted]
    return sorted(pairs, key=lambda pair: _sort_key(pair[1]))
