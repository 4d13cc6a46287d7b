"""Rendered pieces kept by a process: bounded, the least recently used dropped first."""

from django.test import RequestFactory

from convene.core.pieces import CSRF_PLACEHOLDER, Pieces, piece_key, with_csrf_token


def test_the_process_keeps_a_bounded_number_of_pieces_the_least_used_go_first():
    pieces = Pieces(size=2)
    pieces.put("a", "<li>a</li>")
    pieces.put("b", "<li>b</li>")
    assert pieces.get("a") == "<li>a</li>"  # now the most recently used

    pieces.put("c", "<li>c</li>")

    assert (pieces.get("a"), pieces.get("b"), pieces.get("c")) == ("<li>a</li>", None, "<li>c</li>")
    assert len(pieces) == 2


def test_a_piece_is_rendered_only_when_it_is_not_kept():
    pieces, calls = Pieces(size=4), []

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
