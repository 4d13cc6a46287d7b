"""Bar charts drawn on the server as inline SVG, and the numbers they show written in the
reader's language.

A chart needs no script and no style attribute (the strict Content-Security-Policy): its
bars and words are placed with SVG attributes, coloured with presentation attributes that
the stylesheet may override (`chart-bar`, `chart-label`, `chart-value`); the text takes the
page's colour (`currentColor`), so it reads in a dark theme too. It names itself for screen
readers (`role="img"`, `<title>`), and the page gives the same numbers in a table beside it:
the chart is for the eye, the table for reading.

The chart has no `viewBox`: its width is the container's and its positions are percentages
of it, so the words keep their size on a phone and on a wide screen. Each bar has its label
on the line above it, so a long title does not squeeze the bar; a label goes from the
page's start side (the right in Arabic), each isolated in its own direction, so an Arabic
title in an English page (or the reverse) is not reordered.
"""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from babel.numbers import format_decimal
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from convene.core.timezones import babel_locale

BAR_HEIGHT = 16
FONT_SIZE = 14
BAR_SPACE = 78.0  # percent of the width the longest bar takes; the rest is for its value
# A label is drawn on at most LABEL_LINES lines of at most LINE_UNITS units (a character; an
# East Asian wide one counts two): 40 units of 14 px text fit the 328 px of a 360 px phone.
# The whole label is in the bar's tooltip and in the table beside the chart.
LINE_UNITS = 40
LABEL_LINES = 2
LINE_HEIGHT = FONT_SIZE + 4
BAR_COLOUR = "#3b7fb6"  # 4:1 against white and against the dark theme's background


# A page writes hundreds of numbers, most of them the same on every reading (places 1 to
# 45, the scores of one count): each is formatted once per language and process.


def number_text(value: float | int, language: str | None = None) -> str:
    """A number as the reader's language writes it (1,234.5; 1 234,5 ...)."""
    return _number_text(value, language or translation.get_language() or "en")


@lru_cache(maxsize=8192)
def _number_text(value: float | int, language: str) -> str:
    return format_decimal(value, locale=babel_locale(language))


def share_text(share: float, language: str | None = None) -> str:
    """A share (0.934) as a percentage in the reader's language, one decimal (93.4%)."""
    return _share_text(share, language or translation.get_language() or "en")


@lru_cache(maxsize=8192)
def _share_text(share: float, language: str) -> str:
    locale = babel_locale(language)
    pattern = copy.copy(locale.percent_formats[None])
    pattern.frac_prec = (1, 1)  # the locale's own pattern (93,4 % in French), one decimal
    return pattern.apply(share, locale)


def agreement_text(value: float, language: str | None = None) -> str:
    """Kendall's tau between two orders, two decimals (0.93, −0.20)."""
    return _agreement_text(value, language or translation.get_language() or "en")


@lru_cache(maxsize=4096)
def _agreement_text(value: float, language: str) -> str:
    return format_decimal(value, format="0.00", locale=babel_locale(language))


def text_direction(text: str) -> str:
    """ "rtl" when the first strongly directional character of `text` is written right to
    left (Arabic, Hebrew ...), else "ltr": what `dir="auto"` would decide in HTML."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


@dataclass(frozen=True)
class Bar:
    label: str  # people's text (an item's title): escaped and isolated here
    value: float
    value_text: str  # the value as the reader's language writes it
    language: str = ""  # of the label
    description: str = ""  # the bar's tooltip; by default "label: value"


def _units(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _cut(text: str, units: int) -> str:
    """The longest start of `text` that takes at most `units`."""
    taken = 0
    for index, character in enumerate(text):
        taken += _units(character)
        if taken > units:
            return text[:index]
    return text


def _pieces(word: str) -> list[str]:
    """A word longer than a line (or a text without spaces, as Chinese is written) in
    pieces of a line each."""
    pieces = []
    while _units(word) > LINE_UNITS:
        piece = _cut(word, LINE_UNITS)
        pieces.append(piece)
        word = word[len(piece) :]
    return [*pieces, word]


def label_lines(text: str) -> list[str]:
    """The label broken between words into at most `LABEL_LINES` lines of `LINE_UNITS`
    units (a word longer than a line is broken too), the last ending in "…" when text is
    left over."""
    lines: list[str] = []
    current = ""
    for word in " ".join(text.split()).split(" "):
        for piece in _pieces(word):
            candidate = f"{current} {piece}" if current else piece
            if _units(candidate) <= LINE_UNITS:
                current = candidate
            else:
                lines.append(current)
                current = piece
    if current:
        lines.append(current)
    if len(lines) > LABEL_LINES:
        lines = lines[:LABEL_LINES]
        lines[-1] = _cut(lines[-1], LINE_UNITS - 1).rstrip() + "…"
    return lines


def _percent(value: float) -> str:
    return f"{value:.2f}%"


def bar_chart_svg(
    bars: Sequence[Bar], *, title: str, html_id: str, rtl: bool = False
) -> SafeString:
    """Horizontal bars, one per entry of `bars` in their order, each as long as its value
    relative to the largest (the largest takes `BAR_SPACE` percent of the width). `title`
    names the chart for screen readers; `html_id` is unique on the page; `rtl` when the
    page reads right to left (bars then grow from the right)."""
    highest = max((bar.value for bar in bars), default=0) or 1
    labels = [label_lines(bar.label) for bar in bars]
    height = sum(LINE_HEIGHT * len(lines) + BAR_HEIGHT + 12 for lines in labels) + 4
    html_id = escape(html_id)
    page_direction = "rtl" if rtl else "ltr"
    parts = [
        f'<svg class="chart" id="{html_id}" width="100%" height="{height}" role="img" '
        f'aria-labelledby="{html_id}-title">'
        f'<title id="{html_id}-title">{escape(title)}</title>'
    ]
    top = 0
    for bar, lines in zip(bars, labels, strict=True):
        width = max(bar.value, 0) / highest * BAR_SPACE
        label_direction = text_direction(bar.label)
        anchor = "start" if label_direction == page_direction else "end"
        start = "100%" if rtl else "0"
        bar_x = 100 - width if rtl else 0.0
        value_x = (100 - width - 1) if rtl else (width + 1)
        value_anchor = "end" if rtl else "start"
        description = bar.description or f"{bar.label}: {bar.value_text}"
        language = f' lang="{escape(bar.language)}"' if bar.language else ""
        label = "".join(
            f'<tspan x="{start}" dy="{0 if number == 0 else LINE_HEIGHT}">{escape(line)}</tspan>'
            for number, line in enumerate(lines)
        )
        bar_top = top + LINE_HEIGHT * len(lines) + 6
        parts.append(
            f"<g><title>{escape(description)}</title>"
            f'<text class="chart-label" x="{start}" y="{top + FONT_SIZE + 2}" '
            f'font-size="{FONT_SIZE}" fill="currentColor" direction="{label_direction}" '
            f'unicode-bidi="isolate" text-anchor="{anchor}"{language}>{label}</text>'
            f'<rect class="chart-bar" x="{_percent(bar_x)}" y="{bar_top}" '
            f'width="{_percent(width)}" height="{BAR_HEIGHT}" fill="{BAR_COLOUR}"/>'
            f'<text class="chart-value" x="{_percent(value_x)}" '
            f'y="{bar_top + BAR_HEIGHT - 3}" font-size="{FONT_SIZE - 1}" '
            f'fill="currentColor" direction="ltr" unicode-bidi="isolate" '
            f'text-anchor="{value_anchor}">{escape(bar.value_text)}</text></g>'
        )
        top = bar_top + BAR_HEIGHT + 6
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it is escaped above
