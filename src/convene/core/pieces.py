"""Rendered pieces of pages, kept by each process and shared between readers.

Many readers get the same piece of a page: a strategy document's paragraphs in one
language, a thread of comments, a question of a live session. A piece is rendered once and
kept under a key made of everything it shows (a hash), so that any change to what it shows
is a new key and the old piece is simply no longer asked for.

Each process keeps its own pieces, a bounded number, the least recently used dropped
first: nothing to fetch over the network, and a new release (new templates, new
translations) starts with new processes, so it never meets pieces rendered by the old one.

Forms in a piece carry a placeholder instead of a CSRF token; `with_csrf_token` puts the
reader's own token in when the page is assembled.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import ClassVar

from django.http import HttpRequest
from django.middleware.csrf import get_token

CSRF_PLACEHOLDER = "csrf-token-for-this-viewer"
# With its quotes: escaped text (a comment that quotes the placeholder) cannot match it.
_CSRF_ATTRIBUTE = f'value="{CSRF_PLACEHOLDER}"'


class Pieces:
    """Rendered pieces kept by this process, at most `size`, the least recently used
    dropped first. Safe to share between the threads of a process."""

    every: ClassVar[list[Pieces]] = []

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()
        Pieces.every.append(self)

    def get(self, key: str) -> str | None:
        with self._lock:
            piece = self._items.get(key)
            if piece is not None:
                self._items.move_to_end(key)
            return piece

    def put(self, key: str, piece: str) -> None:
        with self._lock:
            self._items[key] = piece
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get_or_render(self, key: str, render: Callable[[], str]) -> str:
        piece = self.get(key)
        if piece is None:
            piece = render()
            self.put(key, piece)
        return piece

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)

    @classmethod
    def clear_all(cls) -> None:
        for pieces in cls.every:
            pieces.clear()


def piece_key(*parts: object) -> str:
    """A key for a piece: the hash of everything it shows."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


def with_csrf_token(request: HttpRequest, html: str) -> str:
    """`html` with the reader's CSRF token where a piece has the placeholder."""
    if CSRF_PLACEHOLDER not in html:
        return html
    return html.replace(_CSRF_ATTRIBUTE, f'value="{get_token(request)}"')
