"""Rendered pieces kept by a process: bounded by their size, the least recently used dropped
first; the key of a kind of piece is made of exactly what it declares it shows."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.utils import timezone, translation

from convene.core.pieces import (
    CSRF_PLACEHOLDER,
    Piece,
    Pieces,
    piece_key,
    resolve,
    with_csrf_token,
)


def test_the_process_keeps_pieces_up_to_a_size_the_least_used_go_first():
    pieces = Pieces(max_size=25)
    pieces.put("a", "<li>a</li>")  # 10 characters
    pieces.put("b", "<li>b</li>")
    assert pieces.get("a") == "<li>a</li>"  # now the most recently used

    pieces.put("c", "<li>c</li>")

    assert (pieces.get("a"), pieces.get("b"), pieces.get("c")) == ("<li>a</li>", None, "<li>c</li>")
    assert (len(pieces), pieces.size) == (2, 20)


def test_a_piece_larger_than_the_whole_store_is_served_but_not_kept():
    pieces = Pieces(max_size=10)
    pieces.put("small", "<p>x</p>")

    assert pieces.get_or_render("big", lambda: "<p>" + "x" * 20 + "</p>").startswith("<p>xx")
    assert (pieces.get("big"), pieces.get("small")) == (None, "<p>x</p>")


def test_a_piece_is_rendered_only_when_it_is_not_kept():
    pieces, calls = Pieces(max_size=100), []

    def render():
        calls.append(1)
        return "<p>x</p>"

    assert pieces.get_or_render("k", render) == pieces.get_or_render("k", render) == "<p>x</p>"
    assert calls == [1]
    Pieces.clear_all()
    assert pieces.get("k") is None


def test_keys_differ_with_any_part_and_its_position():
    assert piece_key("a", 1) == piece_key("a", 1)
    assert len({piece_key("a", 1), piece_key("a", 2), piece_key(1, "a"), piece_key("a1")}) == 4


class Thing:
    def __init__(self, **fields):
        self.__dict__.update(fields)


def test_paths_read_keys_attributes_and_each_item_of_a_list():
    context = {
        "event": Thing(slug="gc", organizer=None),
        "rows": [Thing(text="a", paragraph=Thing(anchor="p1")), Thing(text="b", paragraph=None)],
    }

    assert resolve(context, "event.slug") == "gc"
    assert resolve(context, "event.organizer.name") is None
    assert resolve(context, "rows[].text") == ("a", "b")
    assert resolve(context, "rows[].paragraph.anchor") == ("p1", None)
    with pytest.raises(AttributeError):
        resolve(context, "event.titel")  # a misspelt path is an error, not a silent None


PIECE = Piece(
    "events/_event_card.html",
    shows=("event.title", "rows[].text", "counts"),
    unkeyed={"csrf_token": "a placeholder"},
    max_size=1000,
)


def context(**changes):
    values = {"title": "T", "texts": ("a", "b"), "counts": {"p1": 1, "p2": 2}, **changes}
    return {
        "event": Thing(title=values["title"], description="not shown"),
        "rows": [Thing(text=text) for text in values["texts"]],
        "counts": values["counts"],
        "csrf_token": CSRF_PLACEHOLDER,
    }


def test_the_key_is_made_of_what_the_piece_shows_its_language_and_zone():
    key = PIECE.key(context())
    assert PIECE.key(context(counts={"p2": 2, "p1": 1})) == key  # the same, in another order
    different = [
        PIECE.key(context(title="U")),
        PIECE.key(context(texts=("a", "c"))),
        PIECE.key(context(texts=("a",))),
        PIECE.key(context(counts={"p1": 1, "p2": 3})),
    ]
    with translation.override("fr"):
        different.append(PIECE.key(context()))
    with timezone.override("Asia/Kolkata"):
        different.append(PIECE.key(context()))
    assert len({key, *different}) == 7

    unshown = context()
    unshown["event"].description = "changed"
    assert PIECE.key(unshown) == key


def test_a_context_value_neither_shown_nor_left_out_is_refused():
    with pytest.raises(ImproperlyConfigured, match=r"\['user'\]"):
        PIECE.key({**context(), "user": object()})


def test_the_readers_token_replaces_the_placeholder_of_forms_only():
    request = RequestFactory().get("/")
    html = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{CSRF_PLACEHOLDER}">'
        f"<p>&quot;{CSRF_PLACEHOLDER}&quot;</p>"
    )

    result = with_csrf_token(request, html)

    assert f'value="{CSRF_PLACEHOLDER}"' not in result
    assert result.startswith('<input type="hidden" name="csrfmiddlewaretoken" value="')
    assert result.endswith(f"<p>&quot;{CSRF_PLACEHOLDER}&quot;</p>")
    assert with_csrf_token(request, "<p>no form</p>") == "<p>no form</p>"
