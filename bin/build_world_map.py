"""Build the country shapes of Convene's world maps: src/convene/organizations/data/world-110m.json.

Source: `countries-110m.json` of the npm package world-atlas 2.0.2 (ISC licence, © Michael
Bostock), which is Natural Earth's 1:110m Cultural Vectors, Admin 0 - Countries
(https://www.naturalearthdata.com/, public domain) as TopoJSON. world-atlas is a development
dependency in package.json; Convene ships only the generated file, never the package.

To rebuild (after changing this script or the world-atlas version in package.json):

    npm ci --no-audit --no-fund
    .venv/bin/python bin/build_world_map.py

then commit the generated file. The output is deterministic: the same input gives the same
bytes.

What it does, in plain Python (no GIS library):

- decodes the topology: each arc's quantized points are delta-encoded (every point after the
  first is an offset from the one before), dequantized with the file's transform; a ring is
  a list of arc indexes, ~i (that is -i-1) meaning arc i read backwards, and two arcs that
  follow each other share their end point;
- projects longitude and latitude with Equal Earth (Šavrič, Patterson and Jenny, 2018): an
  equal-area projection, so a large country does not look as if it had more organizations
  than it has, and shapes stay familiar;
- cuts the rings that cross the 180th meridian (eastern Russia, Fiji) in two, one part each
  side, so no line runs across the map;
- leaves out Antarctica: no organization works there, it would add a tenth to the map's
  height (space a phone needs for the countries), and its ring runs round the pole, which
  a flat map can only draw as a band along its bottom edge;
- rounds every point to whole units of a fixed viewBox 2000 units wide (half a pixel where
  the map is shown 1000 pixels wide, so nothing visible is lost), drops the points rounding
  merged and the rings left with fewer than three points, and writes SVG path data with
  relative moves, which is short and compresses well (about 42 KB, 15 KB compressed);
- names each country by its ISO 3166-1 alpha-2 code through django-countries, from the
  numeric code world-atlas gives. Three shapes have no numeric code: Kosovo is kept as XK
  when django-countries knows that code (it does when COUNTRIES_OVERRIDE adds it); Northern
  Cyprus and Somaliland are not countries of ISO 3166 and are left out, their land blank.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "world-atlas" / "countries-110m.json"
TARGET = ROOT / "src" / "convene" / "organizations" / "data" / "world-110m.json"
SOURCE_NOTE = (
    "Natural Earth 1:110m Admin 0 - Countries (public domain), through world-atlas 2.0.2 "
    "(ISC); Equal Earth projection, Antarctica left out; built by bin/build_world_map.py"
)
WIDTH = 2000
MARGIN = 2
LEFT_OUT = {"010"}  # Antarctica
# Shapes without a numeric code, by the name world-atlas gives them.
BY_NAME = {"Kosovo": "XK"}

Point = tuple[float, float]
Ring = list[Point]


# --- decoding the topology -------------------------------------------------------------


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Every arc as absolute longitude and latitude: delta-decoded, then dequantized."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0.0
        points = []
        for position in arc:
            if transform:
                x += position[0]
                y += position[1]
                scale_x, scale_y = transform["scale"]
                shift_x, shift_y = transform["translate"]
                points.append((x * scale_x + shift_x, y * scale_y + shift_y))
            else:
                points.append((float(position[0]), float(position[1])))
        arcs.append(points)
    return arcs


def ring_points(indexes: Sequence[int], arcs: Sequence[Sequence[Point]]) -> Ring:
    """The closed ring made of these arcs, ~i read backwards, shared end points once."""
    ring: Ring = []
    for index in indexes:
        points = list(arcs[index]) if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points[1:] if ring else points)
    return ring


def geometry_polygons(geometry: dict, arcs: Sequence[Sequence[Point]]) -> list[list[Ring]]:
    """The polygons (each an outer ring, then its holes) of a Polygon or a MultiPolygon."""
    if geometry.get("type") == "Polygon":
        polygons = [geometry["arcs"]]
    elif geometry.get("type") == "MultiPolygon":
        polygons = geometry["arcs"]
    else:
        return []
    return [[ring_points(ring, arcs) for ring in polygon] for polygon in polygons]


# --- the antimeridian -------------------------------------------------------------------


def _clip(ring: Ring, limit: float, keep_below: bool) -> Ring:
    """Sutherland-Hodgman: the part of the ring west (or east) of the meridian `limit`."""

    def inside(point: Point) -> bool:
        return point[0] <= limit if keep_below else point[0] >= limit

    clipped: Ring = []
    for index, current in enumerate(ring):
        previous = ring[index - 1]
        if inside(current) != inside(previous):
            share = (limit - previous[0]) / (current[0] - previous[0])
            clipped.append((limit, previous[1] + share * (current[1] - previous[1])))
        if inside(current):
            clipped.append(current)
    return clipped


def cut_at_antimeridian(ring: Ring) -> list[Ring]:
    """A ring that crosses the 180th meridian (eastern Russia, Fiji) as one ring each side.

    TopoJSON is spherical: such a ring jumps from 180 to -180 degrees, which on a flat map
    draws a line across the world. The ring is unwrapped (each longitude within 180 degrees
    of the one before), cut at every multiple of 180 degrees it passes, and each part moved
    back between -180 and 180.
    """
    if all(abs(b[0] - a[0]) <= 180 for a, b in pairwise(ring)):
        return [ring]
    unwrapped: Ring = [ring[0]]
    for longitude, latitude in ring[1:]:
        before = unwrapped[-1][0]
        longitude += 360 * round((before - longitude) / 360)
        unwrapped.append((longitude, latitude))
    parts = []
    for turn in (-360, 0, 360):
        part = _clip(_clip(unwrapped, turn - 180, False), turn + 180, True)
        if len(part) >= 3:
            parts.append([(longitude - turn, latitude) for longitude, latitude in part])
    return parts


# --- projecting and writing -------------------------------------------------------------

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(longitude: float, latitude: float) -> Point:
    """Equal Earth, on a sphere of radius 1; y grows northwards."""
    lam = math.radians(longitude)
    theta = math.asin(M * math.sin(math.radians(latitude)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def rounded_ring(
    ring: Iterable[Point], scale: float, left: float, top: float
) -> list[tuple[int, int]]:
    """The ring in viewBox units (y downwards), rounded; points rounding merged are dropped,
    and so is the closing point (the path's z closes it)."""
    points: list[tuple[int, int]] = []
    for longitude, latitude in ring:
        x, y = equal_earth(longitude, latitude)
        point = (round((x - left) * scale), round((top - y) * scale))
        if not points or point != points[-1]:
            points.append(point)
    while len(points) > 1 and points[-1] == points[0]:
        points.pop()
    return points


def _numbers(values: Iterable[int]) -> str:
    """Numbers as SVG path data writes them shortest: a minus sign separates them too."""
    text = ""
    for value in values:
        if text and value >= 0:
            text += " "
        text += str(value)
    return text


def path_data(rings: Iterable[list[tuple[int, int]]]) -> str:
    """SVG path data: each ring an absolute move, then relative lines, closed."""
    parts = []
    for points in rings:
        first_x, first_y = points[0]
        offsets = []
        for (x0, y0), (x1, y1) in pairwise(points):
            offsets += [x1 - x0, y1 - y0]
        parts.append(f"M{_numbers([first_x, first_y])}l{_numbers(offsets)}z")
    return "".join(parts)


def country_code(geometry: dict) -> str:
    """The alpha-2 code of a shape, or "" for one to leave out."""
    from django_countries import countries

    numeric = geometry.get("id")
    if numeric is None:
        code = BY_NAME.get(geometry.get("properties", {}).get("name", ""), "")
        return code if code and countries.alpha2(code) else ""
    if numeric in LEFT_OUT:
        return ""
    return countries.alpha2(numeric) or ""


def build(topology: dict) -> dict:
    """The data file: a viewBox, the source, and each country's path data by alpha-2 code."""
    arcs = decode_arcs(topology)
    shapes: dict[str, list[Ring]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = country_code(geometry)
        if code:
            shapes.setdefault(code, []).extend(
                part
                for polygon in geometry_polygons(geometry, arcs)
                for ring in polygon
                for part in cut_at_antimeridian(ring)
            )
    projected = [
        equal_earth(*point) for rings in shapes.values() for ring in rings for point in ring
    ]
    left = min(x for x, _y in projected)
    right = max(x for x, _y in projected)
    top = max(y for _x, y in projected)
    bottom = min(y for _x, y in projected)
    scale = (WIDTH - 2 * MARGIN) / (right - left)
    left -= MARGIN / scale
    top += MARGIN / scale
    height = round((top - bottom) * scale) + MARGIN
    countries = {}
    for code in sorted(shapes):
        rings = [
            points
            for ring in shapes[code]
            if len(points := rounded_ring(ring, scale, left, top)) >= 3
        ]
        if rings:
            countries[code] = path_data(rings)
    return {"viewBox": f"0 0 {WIDTH} {height}", "source": SOURCE_NOTE, "countries": countries}


def main() -> int:
    # Convene's settings, for the countries django-countries knows (COUNTRIES_OVERRIDE); only
    # settings are read, so the development defaults do (no secret key, no database).
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convene.config.settings")
    os.environ.setdefault("CONVENE_DEBUG", "1")
    import django

    django.setup()
    if not SOURCE.exists():
        print(f"{SOURCE} is missing: run `npm ci --no-audit --no-fund` first.", file=sys.stderr)
        return 1
    data = build(json.loads(SOURCE.read_text()))
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n"
    TARGET.write_text(text)
    print(f"{TARGET.relative_to(ROOT)}: {len(data['countries'])} countries, {len(text)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
