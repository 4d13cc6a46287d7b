"""Lists are joined as each language joins them, not with ", " everywhere."""

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from convene.core.lists import joined_text

NAMES = ["Amina", "Bo", "Carla"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Amina, Bo, and Carla"),
        ("ar", "Amina وBo وCarla"),
        ("zh-hans", "Amina、Bo和Carla"),
        ("fr", "Amina, Bo et Carla"),
        ("ru", "Amina, Bo и Carla"),
    ],
)
def test_a_list_in_each_language(language, expected):
    with translation.override(language):
        assert joined_text(NAMES) == expected
        assert Template("{{ names|joined }}").render(Context({"names": NAMES})) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Amina and Bo"), ("ar", "Amina وBo"), ("zh-hans", "Amina和Bo")],
)
def test_two_items(language, expected):
    with translation.override(language):
        assert joined_text(NAMES[:2]) == expected


def test_one_item_or_none():
    with translation.override("en"):
        assert joined_text(["Amina"]) == "Amina"
        assert joined_text([]) == ""
        assert joined_text([None, ""]) == ""
        assert Template("{{ names|joined }}").render(Context({"names": None})) == ""


def test_the_filter_escapes_what_people_wrote_and_keeps_what_is_marked_safe():
    with translation.override("en"):
        html = Template("{{ names|joined }}").render(
            Context({"names": ["<b>x</b>", mark_safe("<bdi>y</bdi>")]})
        )

    assert html == "&lt;b&gt;x&lt;/b&gt; and <bdi>y</bdi>"
