"""The world map: the build script's decoding of the country shapes, the shipped data file,
the SVG and its steps of colour, the counting, and the registry's map page."""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from django_countries import countries

from convene.organizations import maps
from convene.organizations.models import Organization
from tests.factories import UserFactory

from .factories import AffiliationModelFactory, OrganizationFactory

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"


def _build_script():
    spec = importlib.util.spec_from_file_location(
        "build_world_map", ROOT / "bin" / "build_world_map.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _build_script()

# Two arcs around the unit square from (10, 20), quantized (scale 0.5 and 0.25) and
# delta-encoded: arc 0 goes east then north, arc 1 west then south, back to the start.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
    "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, 0], [0, -4]]],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {
                    "type": "Polygon",
                    "arcs": [[0, 1]],
                    "id": "276",
                    "properties": {"name": "Germany"},
                },
                {"type": "Polygon", "arcs": [[~1, ~0]], "id": "010"},
                {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "Somaliland"}},
                {"type": "MultiPolygon", "arcs": [[[0, 1]]], "properties": {"name": "Kosovo"}},
                {"type": None, "id": "250"},
            ],
        }
    },
}


# --- the build script -----------------------------------------------------------------------


def test_arcs_are_delta_decoded_and_dequantized():
    assert build.decode_arcs(TOPOLOGY) == [
        [(10.0, 20.0), (11.0, 20.0), (11.0, 21.0)],
        [(11.0, 21.0), (10.0, 21.0), (10.0, 20.0)],
    ]


def test_arcs_without_a_transform_are_absolute():
    assert build.decode_arcs({"arcs": [[[1, 2], [3, 4]]]}) == [[(1.0, 2.0), (3.0, 4.0)]]


def test_a_ring_joins_its_arcs_once_at_each_end_and_reads_negative_indexes_backwards():
    arcs = build.decode_arcs(TOPOLOGY)
    assert build.ring_points([0, 1], arcs) == [
        (10.0, 20.0),
        (11.0, 20.0),
        (11.0, 21.0),
        (10.0, 21.0),
        (10.0, 20.0),
    ]
    # ~1 is arc 1 backwards (-2), ~0 arc 0 backwards (-1): the same square, the other way.
    assert build.ring_points([~1, ~0], arcs) == [
        (10.0, 20.0),
        (10.0, 21.0),
        (11.0, 21.0),
        (11.0, 20.0),
        (10.0, 20.0),
    ]


def test_polygons_and_multipolygons_give_their_rings_and_other_geometries_none():
    arcs = build.decode_arcs(TOPOLOGY)
    geometries = TOPOLOGY["objects"]["countries"]["geometries"]
    square = build.ring_points([0, 1], arcs)
    assert build.geometry_polygons(geometries[0], arcs) == [[square]]
    assert build.geometry_polygons(geometries[3], arcs) == [[square]]
    assert build.geometry_polygons(geometries[4], arcs) == []


def test_a_ring_across_the_antimeridian_is_cut_in_two():
    ring = [(170.0, 0.0), (-170.0, 0.0), (-170.0, 10.0), (170.0, 10.0), (170.0, 0.0)]
    parts = build.cut_at_antimeridian(ring)
    assert sorted(sorted(set(part)) for part in parts) == [
        [(-180.0, 0.0), (-180.0, 10.0), (-170.0, 0.0), (-170.0, 10.0)],
        [(170.0, 0.0), (170.0, 10.0), (180.0, 0.0), (180.0, 10.0)],
    ]
    square = [(10.0, 0.0), (20.0, 0.0), (20.0, 10.0), (10.0, 0.0)]
    assert build.cut_at_antimeridian(square) == [square]


def test_equal_earth_is_centred_and_symmetric():
    assert build.equal_earth(0, 0) == (0.0, 0.0)
    east, north = build.equal_earth(180, 0)
    assert round(east, 4) == 2.7066
    assert north == 0.0
    x, y = build.equal_earth(-30, -45)
    assert build.equal_earth(30, 45) == (-x, -y)


def test_path_data_is_relative_and_short():
    assert build.path_data([[(5, 7), (8, 7), (8, 5)], [(0, 0), (1, 1), (0, 2)]]) == (
        "M5 7l3 0 0-2zM0 0l1 1-1 1z"
    )


def test_the_build_names_countries_by_alpha_2_and_leaves_out_what_has_no_iso_code():
    data = build.build(TOPOLOGY)
    # Antarctica (010) is left out, Somaliland has no ISO code, and django-countries knows
    # no XK for Kosovo unless COUNTRIES_OVERRIDE adds it; France has no shape.
    assert list(data["countries"]) == ["DE"]
    # The square, projected (its northern edge shorter), fills the width but for a margin.
    assert data["viewBox"] == "0 0 2000 2600"
    assert data["countries"]["DE"] == "M61 2598l1937 0-65-2596-1931 0z"


# --- the data file shipped ------------------------------------------------------------------


def test_the_data_file_is_small_and_names_known_countries():
    assert maps.DATA_FILE.stat().st_size < 150_000
    data = json.loads(maps.DATA_FILE.read_text())
    assert data["viewBox"] == maps.world_shapes().view_box
    assert "Natural Earth" in data["source"]
    shapes = maps.world_shapes().paths
    assert {"DE", "BR", "IN", "NG", "RU", "FJ", "US"} <= set(shapes)
    known = dict(countries)
    assert [code for code in shapes if code not in known] == []
    assert "AQ" not in shapes
    assert len(shapes) > 170


# --- the SVG --------------------------------------------------------------------------------


def _paths(svg: str) -> dict[str, ET.Element]:
    """The country paths of a map by their path data, from a well-formed SVG."""
    root = ET.fromstring(svg)
    return {path.get("d"): path for path in root.iter(f"{SVG}path")}


def _class_of(svg: str, code: str) -> str:
    return _paths(svg)[maps.world_shapes().paths[code]].get("class")


def test_the_map_is_an_image_named_by_its_title_that_scales_to_its_container():
    svg = str(maps.world_map_svg({"DE": 2}, title="Where we are"))
    root = ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "world-map-title"
    assert root.find(f"{SVG}title").get("id") == "world-map-title"
    assert root.find(f"{SVG}title").text == "Where we are"
    assert root.get("viewBox") == maps.world_shapes().view_box
    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert "style" not in svg


def _svg(counts, **options) -> str:
    svg = str(maps.world_map_svg(counts, title=options.pop("title", "Map"), **options))
    return svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)


def test_each_country_is_one_path_coloured_by_its_step():
    counts = {"DE": 1, "FR": 2, "BR": 100, "IN": 40, "NG": 39, "CL": 7, "AR": 6, "TV": 3}
    svg = _svg(counts)
    assert len(_paths(svg)) == len(maps.world_shapes().paths)
    assert {code: _class_of(svg, code) for code in ["DE", "FR", "AR", "CL", "NG", "IN", "BR"]} == {
        "DE": "map-1",
        "FR": "map-1",
        "AR": "map-2",
        "CL": "map-3",
        "NG": "map-4",
        "IN": "map-5",
        "BR": "map-5",
    }
    assert _class_of(svg, "CN") == "map-0"
    classes = [path.get("class") for path in _paths(svg).values()]
    assert classes.count("map-0") == len(maps.world_shapes().paths) - 7


def test_a_country_with_a_count_has_its_label_and_the_others_none():
    svg = _svg({"DE": 1, "FR": 2})
    titles = {
        path.find(f"{SVG}title").text
        for path in _paths(svg).values()
        if path.find(f"{SVG}title") is not None
    }
    assert titles == {"Germany: 1 organization", "France: 2 organizations"}


def test_countries_are_named_in_the_active_language():
    with translation.override("de"):
        svg = _svg({"DE": 3})
    assert "Deutschland: 3" in svg


def test_labels_and_title_are_escaped():
    svg = str(
        maps.world_map_svg(
            {"DE": 1},
            title='Map <script>alert("x")</script>',
            label_for=lambda code, count: f"<b>{code}</b> & {count}",
        )
    )
    assert "<script>" not in svg and "<b>" not in svg
    assert "Map &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in svg
    assert "<title>&lt;b&gt;DE&lt;/b&gt; &amp; 1</title>" in svg
    assert "style" not in svg


@pytest.mark.parametrize(
    ("highest", "ranges"),
    [
        (0, []),
        (1, [(1, 1)]),
        (3, [(1, 1), (2, 2), (3, 3)]),
        (5, [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5)]),
        (6, [(1, 1), (2, 2), (3, 3), (4, 4), (5, 6)]),
        (10, [(1, 1), (2, 2), (3, 3), (4, 6), (7, 10)]),
        (32, [(1, 1), (2, 3), (4, 7), (8, 15), (16, 32)]),
        (100, [(1, 2), (3, 6), (7, 15), (16, 39), (40, 100)]),
    ],
)
def test_steps_grow_from_one_to_the_highest_count(highest, ranges):
    steps = maps.map_steps({"DE": highest, "FR": 1} if highest else {})
    assert [(step.low, step.high) for step in steps] == [(0, 0), *ranges]
    assert [step.css_class for step in steps] == [f"map-{n}" for n in range(len(ranges) + 1)]


def test_legend_labels_say_one_number_or_a_range():
    assert [step.label for step in maps.map_steps({"DE": 100})] == [
        "0",
        "1–2",
        "3–6",
        "7–15",
        "16–39",
        "40–100",
    ]


def test_countries_too_small_for_the_map_are_named():
    assert maps.countries_without_shape({"TV": 2, "MT": 1, "DE": 4, "FR": 0}) == ["MT", "TV"]


# --- counting -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_country_counts_counts_each_country_of_each_organization_in_one_query(
    django_assert_num_queries,
):
    OrganizationFactory(countries=["DE", "FR"])
    OrganizationFactory(countries=["DE"])
    OrganizationFactory(countries=[])
    OrganizationFactory(countries=["BR"], status=Organization.Status.APPLYING)
    with django_assert_num_queries(1):
        counts = maps.country_counts(Organization.objects.recognized())
    assert counts == {"DE": 2, "FR": 1}
    assert maps.country_counts(Organization.objects.all()) == {"DE": 2, "FR": 1, "BR": 1}


def test_count_countries_counts_a_country_once_per_value():
    assert maps.count_countries(["DE,FR", "DE", "", "FR,FR"]) == {"DE": 2, "FR": 2}


# --- the page -------------------------------------------------------------------------------


def _url(language: str = "en") -> str:
    with translation.override(language):
        return reverse("organizations:map")


def _rows(html: str) -> list[tuple[str, int]]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        (re.sub(r"<[^>]+>", "", name).strip(), int(count))
        for name, count in re.findall(r'<tr><td>(.*?)</td><td class="num">(\d+)</td></tr>', body)
    ]


@pytest.fixture
def registry():
    """Chapters and user groups in Europe and Africa, and organizations not recognized now."""
    chapter = AffiliationModelFactory(slug="chapter", name="Chapter")
    group = AffiliationModelFactory(slug="user-group", name="User group")
    OrganizationFactory(name="Chapter of Germany", affiliation_model=chapter, countries=["DE"])
    OrganizationFactory(
        name="Chapter of France and Germany", affiliation_model=chapter, countries=["FR", "DE"]
    )
    OrganizationFactory(
        name="Group of Germany and Austria", affiliation_model=group, countries=["DE", "AT"]
    )
    OrganizationFactory(affiliation_model=group, region="sub_saharan_africa", countries=["NG"])
    OrganizationFactory(affiliation_model=group, region="sub_saharan_africa", countries=["NG"])
    OrganizationFactory(affiliation_model=group, region="sub_saharan_africa", countries=["GH"])
    OrganizationFactory(affiliation_model=group, region="international", countries=[])
    OrganizationFactory(affiliation_model=group, countries=["TV"])
    for status in ("applying", "suspended", "derecognized", "withdrawn", "not_recognized"):
        OrganizationFactory(affiliation_model=chapter, countries=["DE"], status=status)
    return {"chapter": chapter, "group": group}


@pytest.mark.django_db
def test_the_table_counts_recognized_organizations_by_country(client, registry):
    response = client.get(_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert _rows(html) == [
        ("Germany", 3),
        ("Nigeria", 2),
        ("Austria", 1),
        ("France", 1),
        ("Ghana", 1),
        ("Tuvalu", 1),
    ]
    assert "6 countries" in html
    assert "1 country is too small to show on this map; the table lists it." in html
    assert "1 organization names no country, so it is not on the map." in html
    svg = html[html.index("<svg class=") : html.index("</svg>") + 6]
    assert 'class="map-3"' in svg and "<title>Germany: 3 organizations</title>" in svg
    assert "<title>Nigeria: 2 organizations</title>" in svg
    assert "Show all organizations" not in html


@pytest.mark.django_db
def test_each_country_links_to_the_registry_narrowed_as_the_map_is(client, registry):
    list_url = reverse("organizations:list")
    html = client.get(_url()).content.decode()
    assert f'<a href="{list_url}?status=recognized&amp;country=DE">Germany</a>' in html
    html = client.get(_url() + "?model=chapter&region=europe").content.decode()
    assert (
        f'<a href="{list_url}?status=recognized&amp;model=chapter&amp;region=europe'
        '&amp;country=FR">France</a>'
    ) in html
    # The list shows the organizations the map counted.
    listed = client.get(f"{list_url}?status=recognized&model=chapter&region=europe&country=DE")
    assert listed.status_code == 200
    names = re.findall(r"Chapter of [\w ]+|Group of [\w ]+", listed.content.decode())
    assert set(names) == {"Chapter of Germany", "Chapter of France and Germany"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "rows"),
    [
        ("?model=chapter", [("Germany", 2), ("France", 1)]),
        ("?region=sub_saharan_africa", [("Nigeria", 2), ("Ghana", 1)]),
        ("?model=user-group&region=europe", [("Austria", 1), ("Germany", 1), ("Tuvalu", 1)]),
        ("?model=chapter&region=sub_saharan_africa", []),
        ("?model=&region=", None),  # the form sent as it first shows: everything
    ],
)
def test_filters_narrow_the_map_and_the_table(client, registry, query, rows):
    response = client.get(_url() + query)
    assert response.status_code == 200
    html = response.content.decode()
    if rows is None:
        assert len(_rows(html)) == 6
        return
    assert "Show all organizations" in html
    if rows:
        assert _rows(html) == rows
    else:
        assert "<tbody>" not in html
        assert "No recognized organization matches these filters." in html


@pytest.mark.django_db
def test_an_unknown_filter_is_refused_with_a_message_and_the_whole_map_shown(client, registry):
    response = client.get(_url() + "?model=nope&region=moon")
    assert response.status_code == 400
    html = response.content.decode()
    assert "There are 2 problems with this form" in html
    assert "Select a valid choice. nope is not one of the available choices." in html
    assert len(_rows(html)) == 6


@pytest.mark.django_db
def test_the_page_says_when_no_organization_is_recognized(client):
    html = client.get(_url()).content.decode()
    assert "No recognized organization works in any country yet." in html
    assert 'class="map-1"' not in html


@pytest.mark.django_db
def test_the_page_works_in_arabic_right_to_left(client, registry):
    response = client.get(_url("ar"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert [count for _name, count in _rows(html)] == [3, 2, 1, 1, 1, 1]
    assert "ألمانيا" in html


def _grow(count: int) -> None:
    model = AffiliationModelFactory(slug="chapter")
    codes = [code for code, _name in countries]
    for number in range(count):
        OrganizationFactory(affiliation_model=model, countries=codes[number : number + 2])


# Anonymous: the models of affiliation for the filter, the countries of the organizations.
# Signed in: and the login session, the user, and whether they moderate (for the header).
QUERIES = {"anonymous": 2, "signed in": 5}


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", list(QUERIES))
def test_the_page_takes_the_same_number_of_queries_with_3_or_30_organizations(
    client, django_assert_num_queries, viewer
):
    if viewer == "signed in":
        client.force_login(UserFactory())
    for count in (3, 27):  # 3, then 30
        _grow(count)
        with django_assert_num_queries(QUERIES[viewer]):
            response = client.get(_url() + "?model=chapter&region=europe")
        assert response.status_code == 200
    assert len(_rows(response.content.decode())) == 28  # 27 organizations with 2 countries


@pytest.mark.django_db
def test_the_page_stays_small_with_2000_organizations_in_150_countries(client):
    model = AffiliationModelFactory(slug="chapter")
    codes = [code for code, _name in countries][:150]
    Organization.objects.bulk_create(
        Organization(
            name=f"Organization {number}",
            code=f"ORG-{number}",
            slug=f"organization-{number}",
            affiliation_model=model,
            region="europe",
            countries=[codes[number % 150], codes[(number * 7) % 150]],
            status=Organization.Status.RECOGNIZED,
        )
        for number in range(2000)
    )
    response = client.get(_url())
    assert response.status_code == 200
    assert len(_rows(response.content.decode())) == 150
    assert len(gzip.compress(response.content)) < 60_000
