"""Markdown in, sanitized HTML out; people's plain text isolated in interface text."""

from __future__ import annotations

from functools import lru_cache

import nh3
from django.utils.html import format_html
from django.utils.safestring import SafeString
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    "table"
)

ALLOWED_TAGS = {
    "a", "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
# `start` keeps a list's numbering, so readers can cite "recommendation 4".
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )


@lru_cache(maxsize=2048)
def render_markdown(text: str) -> str:
    """Markdown to HTML that is safe to show: raw HTML is escaped, then sanitized.

    The same paragraphs are shown on every reading of a document, so each process keeps
    the HTML of the texts it rendered last (a pure function of the text).
    """
    # Headings start at h2: h1 belongs to the page.
    html = _md.render(text or "")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return sanitize_html(html)


def bdi(text: object) -> SafeString:
    """People's text inside an interface sentence or label, escaped and isolated in <bdi>,
    so its own direction (or a stray bidi control) cannot reorder the words around it."""
    return format_html("<bdi>{}</bdi>", text)
