"""World maps drawn on the server: countries coloured by a count, as inline SVG.

The shapes are Natural Earth's 1:110m countries (public domain), projected and simplified
once by `bin/build_world_map.py` into `data/world-110m.json` (read once per process). A
map needs no script, no tiles and no request to another host; its colours are classes
(`map-0` for none, `map-1` to `map-5` by steps of the count) that the stylesheet colours,
so the strict Content-Security-Policy holds. A page shows the same numbers in a table
beside the map: the map is for the eye, the table for reading.

Any app can draw one (the registry's organizations, the groups of a prioritization round):
`world_map_svg(counts, title=..., label_for=...)`, with `map_steps(counts)` for its legend
(`organizations/_world_map.html` renders both) and `countries_without_shape(counts)` for the
countries too small to show.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext, pgettext

from .countries import country_name

DATA_FILE = Path(__file__).with_name("data") / "world-110m.json"
# Steps of colour above none: the stylesheet has map-0 to map-5.
STEPS = 5
_PATH_DATA = re.compile(r"[Mlz0-9 \-]+")


@dataclass(frozen=True)
class WorldShapes:
    view_box: str
    paths: dict[str, str]  # SVG path data by ISO 3166-1 alpha-2 code


@cache
def world_shapes() -> WorldShapes:
    """The country shapes, read and checked once per process: path data holds only moves,
    lines, digits and spaces, so it goes into pages as it is."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    paths = {str(code): str(d) for code, d in data["countries"].items()}
    unexpected = [code for code, d in paths.items() if not _PATH_DATA.fullmatch(d)]
    if unexpected:
        raise ValueError(f"{DATA_FILE.name}: unexpected path data for {unexpected}")
    return WorldShapes(view_box=str(data["viewBox"]), paths=paths)


@dataclass(frozen=True)
class MapStep:
    """One colour of a map: the counts from `low` to `high` (both included)."""

    number: int
    low: int
    high: int

    @property
    def css_class(self) -> str:
        return f"map-{self.number}"

    @property
    def label(self) -> str:
        if self.low == self.high:
            return str(self.low)
        return pgettext("a range of numbers in a map's legend", "%(low)s–%(high)s") % {
            "low": self.low,
            "high": self.high,
        }


def map_steps(counts: Mapping[str, int]) -> list[MapStep]:
    """Step 0 (none), then at most five steps up to the highest count, each about as many
    times wider than the one before (counts are few in most countries, many in a few): for
    100 at most, 1-2, 3-6, 7-15, 16-39 and 40-100. Up to 5, each count is its own step, so a
    country with 1 has the same colour whatever the others have."""
    highest = max(counts.values(), default=0)
    steps = [MapStep(number=0, low=0, high=0)]
    lows: list[int] = []
    for number in range(STEPS):
        # The small tolerance keeps an exact power (32 ** (1/5) is 2.0000000000000004) whole.
        low = max(math.ceil(highest ** (number / STEPS) - 1e-9), lows[-1] + 1 if lows else 1)
        if low > highest:
            break
        lows.append(low)
    for index, low in enumerate(lows):
        high = lows[index + 1] - 1 if index + 1 < len(lows) else highest
        steps.append(MapStep(number=index + 1, low=low, high=high))
    return steps


def step_for(count: int, steps: list[MapStep]) -> MapStep:
    """The step a count falls in (counts below 1 in step 0)."""
    return next((step for step in reversed(steps) if step.low <= count), steps[0])


def organizations_label(code: str, count: int) -> str:
    """A country's label on the map: "Germany: 3 organizations"."""
    return ngettext(
        "%(country)s: %(count)s organization", "%(country)s: %(count)s organizations", count
    ) % {"country": country_name(code), "count": count}


def world_map_svg(
    counts: Mapping[str, int],
    *,
    title: str,
    label_for: Callable[[str, int], str] | None = None,
    html_id: str = "world-map",
) -> SafeString:
    """The world as inline SVG, each country a path coloured by its step of `counts`
    (alpha-2 code: count); a country with a count has a tooltip, `label_for(code, count)`
    (by default "Germany: 3 organizations"). It scales to its container's width. `title`
    names the map for screen readers; `html_id` must be unique on the page."""
    shapes = world_shapes()
    steps = map_steps(counts)
    label = label_for or organizations_label
    parts = [
        f'<svg class="map" id="{escape(html_id)}" viewBox="{shapes.view_box}" width="100%" '
        f'role="img" aria-labelledby="{escape(html_id)}-title">'
        f'<title id="{escape(html_id)}-title">{escape(title)}</title>'
    ]
    for code, d in shapes.paths.items():
        count = counts.get(code, 0)
        if count > 0:
            parts.append(
                f'<path class="{step_for(count, steps).css_class}" d="{d}">'
                f"<title>{escape(label(code, count))}</title></path>"
            )
        else:
            parts.append(f'<path class="map-0" d="{d}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it is escaped above


def countries_without_shape(counts: Mapping[str, int]) -> list[str]:
    """The countries with a count that the map has no shape for (small islands, such as
    Tuvalu or Malta, vanish at this scale): the table beside the map lists them."""
    shapes = world_shapes().paths
    return sorted(code for code, count in counts.items() if count > 0 and code not in shapes)


def count_countries(values: Iterable[str]) -> dict[str, int]:
    """How many of the stored values (CountryField(multiple=True) keeps "DE,FR") name each
    country; a value names a country once at most."""
    counter: Counter[str] = Counter()
    for value in values:
        counter.update({code for code in (value or "").split(",") if code})
    return dict(counter)


def country_counts(queryset: QuerySet[Any], field: str = "countries") -> dict[str, int]:
    """How many of these rows (organizations) work in each country, from their
    CountryField(multiple=True) `field`; one that works in several counts in each. One
    query: the column of each row is read and counted here, which is fast enough up to many
    thousands of rows."""
    return count_countries(queryset.values_list(field, flat=True))
