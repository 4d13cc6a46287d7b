"""Bar charts drawn on the server: well-formed SVG, bars proportional to their values,
labels escaped and isolated in their own direction, mirrored in a right-to-left page."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django.utils import translation

from convene.prioritization.charts import (
    Bar,
    agreement_text,
    bar_chart_svg,
    label_lines,
    number_text,
    share_text,
    text_direction,
)

BARS = [
    Bar(label="Initiative 22", value=200, value_text="200", language="en"),
    Bar(label="المبادرة الثالثة والعشرون", value=150, value_text="150", language="ar"),
    Bar(label="<script>alert(1)</script> & co", value=50, value_text="50"),
    Bar(label="Nothing", value=0, value_text="0"),
]


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_the_chart_is_well_formed_svg_that_names_itself():
    root = parsed(bar_chart_svg(BARS, title="Borda score of each item", html_id="chart-all"))

    assert root.tag == "svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-all-title"
    assert root.get("width") == "100%"
    assert root.get("height") == str(46 * 4 + 4)
    assert root.get("style") is None
    title = root.find("title")
    assert (title.get("id"), title.text) == ("chart-all-title", "Borda score of each item")
    assert len(root.findall("g")) == 4


def test_bars_are_as_long_as_their_values_relative_to_the_largest():
    root = parsed(bar_chart_svg(BARS, title="t", html_id="c"))

    widths = [float(rect.get("width").rstrip("%")) for rect in root.iter("rect")]
    assert widths == [78.0, 58.5, 19.5, 0.0]
    assert widths[0] / 200 == widths[1] / 150 == widths[2] / 50
    assert {rect.get("x") for rect in root.iter("rect")} == {"0.00%"}
    assert all(element.get("style") is None for element in root.iter())


def test_values_sit_after_the_end_of_their_bar():
    root = parsed(bar_chart_svg(BARS, title="t", html_id="c"))

    values = [text for text in root.iter("text") if text.get("class") == "chart-value"]
    assert [(text.get("x"), text.text) for text in values] == [
        ("79.00%", "200"),
        ("59.50%", "150"),
        ("20.50%", "50"),
        ("1.00%", "0"),
    ]
    assert {text.get("text-anchor") for text in values} == {"start"}


def test_labels_are_escaped_and_isolated_in_their_own_direction():
    svg = bar_chart_svg(BARS, title="t", html_id="c")
    root = parsed(svg)

    assert "<script>" not in svg
    labels = [text for text in root.iter("text") if text.get("class") == "chart-label"]
    assert [
        (
            "".join(label.itertext()),
            label.get("direction"),
            label.get("unicode-bidi"),
            label.get("text-anchor"),
        )
        for label in labels
    ] == [
        ("Initiative 22", "ltr", "isolate", "start"),
        ("المبادرة الثالثة والعشرون", "rtl", "isolate", "end"),
        ("<script>alert(1)</script> & co", "ltr", "isolate", "start"),
        ("Nothing", "ltr", "isolate", "start"),
    ]
    assert [label.get("lang") for label in labels] == ["en", "ar", None, None]
    assert {label.get("x") for label in labels} == {"0"}
    # Each bar's tooltip gives its whole label and value.
    assert [group.find("title").text for group in root.findall("g")][1] == (
        "المبادرة الثالثة والعشرون: 150"
    )


def test_in_a_right_to_left_page_the_bars_grow_from_the_right():
    root = parsed(bar_chart_svg(BARS, title="t", html_id="c", rtl=True))

    rects = [(rect.get("x"), rect.get("width")) for rect in root.iter("rect")]
    assert rects == [
        ("22.00%", "78.00%"),
        ("41.50%", "58.50%"),
        ("80.50%", "19.50%"),
        ("100.00%", "0.00%"),
    ]
    labels = [text for text in root.iter("text") if text.get("class") == "chart-label"]
    assert [(label.get("x"), label.get("text-anchor")) for label in labels] == [
        ("100%", "end"),
        ("100%", "start"),
        ("100%", "end"),
        ("100%", "end"),
    ]
    values = [text for text in root.iter("text") if text.get("class") == "chart-value"]
    assert (values[0].get("x"), values[0].get("text-anchor")) == ("21.00%", "end")


def test_long_labels_take_two_lines_that_fit_a_phone_and_are_whole_in_the_tooltip():
    title = "A very long initiative title " * 4
    root = parsed(
        bar_chart_svg([Bar(label=title, value=1, value_text="1")], title="t", html_id="c")
    )

    label = next(text for text in root.iter("text") if text.get("class") == "chart-label")
    lines = [span.text for span in label.iter("tspan")]
    assert lines == [
        "A very long initiative title A very long",
        "initiative title A very long initiative…",
    ]
    assert [span.get("dy") for span in label.iter("tspan")] == ["0", "18"]
    assert root.get("height") == str(18 * 2 + 16 + 12 + 4)
    assert root.find("g").find("title").text == f"{title}: 1"


def test_label_lines_count_wide_characters_twice_and_break_a_word_longer_than_a_line():
    assert label_lines("全球理事会" * 6) == ["全球理事会" * 4, "全球理事会" * 2]
    assert label_lines("全球理事会" * 20) == ["全球理事会" * 4, "全球理事会" * 3 + "全球理事…"]
    assert label_lines("x" * 45) == ["x" * 40, "xxxxx"]
    assert label_lines("Short title") == ["Short title"]


def test_an_empty_chart_is_still_well_formed():
    root = parsed(bar_chart_svg([], title="Nothing counted", html_id="c"))

    assert root.get("height") == "4"
    assert root.findall("g") == []


def test_numbers_shares_and_agreements_in_the_readers_language():
    with translation.override("fr"):
        assert number_text(1234.5) == "1\u202f234,5"
        assert share_text(0.934) == "93,4\u00a0%"
        assert agreement_text(-0.2) == "-0,20"
    with translation.override("en"):
        assert number_text(1234) == "1,234"
        assert share_text(1.0) == "100.0%"
        assert agreement_text(0.9333) == "0.93"


def test_text_direction_is_what_dir_auto_decides():
    assert text_direction("Initiative 1") == "ltr"
    assert text_direction("«المبادرة» 1") == "rtl"
    assert text_direction("22 — 12") == "ltr"
    assert text_direction("עברית") == "rtl"
