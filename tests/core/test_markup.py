"""Markdown in, sanitized HTML out."""

from convene.core.markup import render_markdown, sanitize_html


def test_a_numbered_list_keeps_its_first_number():
    assert render_markdown("4. Four\n5. Five") == (
        '<ol start="4">\n<li>Four</li>\n<li>Five</li>\n</ol>\n'
    )


def test_a_list_from_one_has_no_start():
    assert render_markdown("1. One") == "<ol>\n<li>One</li>\n</ol>\n"


def test_html_typed_in_markdown_stays_text():
    assert render_markdown('<ol start="2" onclick="x()"><li>b</li></ol>') == (
        '<p>&lt;ol start="2" onclick="x()"&gt;&lt;li&gt;b&lt;/li&gt;&lt;/ol&gt;</p>\n'
    )


def test_the_sanitizer_keeps_start_and_drops_every_other_attribute_of_a_list():
    assert sanitize_html('<ol start="2" type="a" onclick="x()"><li>b</li></ol>') == (
        '<ol start="2"><li>b</li></ol>'
    )
