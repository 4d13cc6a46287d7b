"""Lists written as the reader's language writes them (CLDR through Babel)."""

from __future__ import annotations

from collections.abc import Iterable

from babel.lists import format_list

from .timezones import babel_locale


def joined_text(items: Iterable[object]) -> str:
    """Items joined for the active language: "Arabic, French, and Spanish" in English,
    "العربية والفرنسية والإسبانية" in Arabic, "阿拉伯语、法语和西班牙语" in Chinese."""
    texts = [str(item) for item in items if item not in (None, "")]
    return format_list(texts, locale=babel_locale()) if texts else ""
