"""Rendered pieces of pages, kept by each process and shared between readers.

Many readers get the same piece of a page: a strategy document's paragraphs in one
language, a thread of comments, a question of a live session. A piece is rendered once and
kept under a key made of everything it shows (a hash), so that any change to what it shows
is a new key and the old piece is simply no longer asked for.

What a piece shows is declared once, beside its template, in a `Piece`: the paths into the
template's context that the template shows (`"event.title"`, `"reading[].text"`). The key
is built from exactly those values of the very context the template is rendered with, and a
context value that is neither declared nor said to be left out of the key is refused, so a
template and its key cannot drift apart silently; tests render each template while
recording what it reads, and check that every field it reads is declared.

Each process keeps its own pieces in memory, bounded by their total size, the least
recently used dropped first (`cachetools.LRUCache`, behind a lock: the threads of a process
share it). Not Django's cache framework: its local-memory cache pickles every value on the
way in and out (a copy of tens of KB per article read) and bounds the number of entries,
not their size, and a shared cache (Redis) would add a network round trip per piece, on
pages that gather tens of them. A new release (new templates, new translations) starts with
new processes, so it never meets pieces rendered by the old one.

Forms in a piece carry a placeholder instead of a CSRF token; `with_csrf_token` puts the
reader's own token in when the page is assembled.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from cachetools import LRUCache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

CSRF_PLACEHOLDER = "csrf-token-for-this-viewer"
# With its quotes: escaped text (a comment that quotes the placeholder) cannot match it.
_CSRF_ATTRIBUTE = f'value="{CSRF_PLACEHOLDER}"'

MB = 1_000_000


class Pieces:
    """Rendered pieces kept by this process, at most `max_size` characters in all (about as
    many bytes of HTML), the least recently used dropped first. Safe to share between the
    threads of a process."""

    every: ClassVar[list[Pieces]] = []

    def __init__(self, max_size: int) -> None:
        self.max_size = max_size
        self._items: LRUCache[str, str] = LRUCache(maxsize=max_size, getsizeof=len)
        self._lock = threading.Lock()
        Pieces.every.append(self)

    def get(self, key: str) -> str | None:
        with self._lock:
            return self._items.get(key)

    def put(self, key: str, piece: str) -> None:
        if len(piece) > self.max_size:  # larger than the whole store: not kept
            return
        with self._lock:
            self._items[key] = piece

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

    @property
    def size(self) -> int:
        """The characters kept."""
        return int(self._items.currsize)

    @classmethod
    def clear_all(cls) -> None:
        for pieces in cls.every:
            pieces.clear()


def piece_key(*parts: object) -> str:
    """A key for a piece: the hash of everything it shows."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


def resolve(context: Mapping[str, Any], path: str) -> Any:
    """The value at `path` in `context`: names joined by dots, read as keys of mappings and
    attributes of anything else; `name[]` takes each item of a list (a tuple of the values
    at the rest of the path in each). None along the way is None."""

    def walk(value: Any, names: list[str]) -> Any:
        for position, name in enumerate(names):
            if value is None:
                return None
            each = name.endswith("[]")
            name = name.removesuffix("[]")
            value = value[name] if isinstance(value, Mapping) else getattr(value, name)
            if each:
                rest = names[position + 1 :]
                return tuple(walk(item, rest) for item in value) if value is not None else None
        return value

    return walk(context, path.split("."))


_PLAIN = frozenset({str, int, bool, float, type(None)})


def _part(value: Any) -> object:
    """A value as a part of a key: sets and mappings in a stable order."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _part(v)) for k, v in value.items()))
    if isinstance(value, set | frozenset):
        return tuple(sorted(map(str, value)))
    if isinstance(value, tuple | list):
        return tuple(_part(item) for item in value)
    return value


# The paths a piece shows, as a tree: each name, whether it takes each item of a list, and
# the paths under it (None for a value shown whole). Each object is read once for all the
# paths under it.
_Tree = dict[str, tuple[bool, "_Tree | None"]]


def _tree(paths: Iterable[str]) -> _Tree:
    tree: _Tree = {}
    for path in paths:
        level = tree
        *names, last = path.split(".")
        for name in names:
            each, below = level.get(name, (name.endswith("[]"), None))
            below = below if below is not None else {}
            level[name] = (each, below)
            level = below
        level.setdefault(last, (last.endswith("[]"), None))
    return tree


def _values(value: Any, tree: _Tree) -> tuple[object, ...]:
    """The values at the paths of `tree` under `value`, in the order they were declared."""
    values: list[object] = []
    for name, (each, below) in tree.items():
        attribute = name.removesuffix("[]") if each else name
        found = value[attribute] if type(value) is dict else getattr(value, attribute)
        if found is None:
            values.append(None)
        elif each:
            values.append(
                tuple(
                    _part(item) if below is None else None if item is None else _values(item, below)
                    for item in found
                )
            )
        else:
            values.append(_part(found) if below is None else _values(found, below))
    return tuple(values)


class Piece:
    """A kind of piece: its template, what it shows and the pieces rendered from it.

    `shows` lists the paths (see `resolve`) of everything in the context that the template
    shows, and that the key is made of, with the template, the interface language and the
    time zone (`{% url %}` and `{% moment %}` read those). `unkeyed` names the context values
    that are not part of the key, each with the reason: a placeholder, or the viewer, read
    only through rules whose answers are among the values `shows` lists.
    """

    every: ClassVar[list[Piece]] = []

    def __init__(
        self,
        template: str,
        *,
        shows: Iterable[str],
        unkeyed: Mapping[str, str] | None = None,
        max_size: int,
    ) -> None:
        self.template = template
        self.shows = tuple(shows)
        self.unkeyed = dict(unkeyed or {})
        self.roots = frozenset(path.split(".")[0].removesuffix("[]") for path in self.shows)
        self._tree = _tree(self.shows)
        self.store = Pieces(max_size=max_size)
        Piece.every.append(self)

    def key(self, context: Mapping[str, Any]) -> str:
        undeclared = context.keys() - self.roots - self.unkeyed.keys()
        if undeclared:
            raise ImproperlyConfigured(
                f"{self.template}: the context has {sorted(undeclared)}, which the piece "
                "neither shows nor leaves out of its key."
            )
        return piece_key(
            self.template,
            get_language() or "",
            timezone.get_current_timezone_name(),
            _values(context, self._tree),
        )

    def render(self, context: Mapping[str, Any]) -> str:
        """The piece for `context`, rendered now and not kept."""
        return render_to_string(self.template, dict(context))

    def html(self, context: Mapping[str, Any]) -> str:
        """The piece for `context`, rendered now or kept from before."""
        return self.store.get_or_render(self.key(context), lambda: self.render(context))


def with_csrf_token(request: HttpRequest, html: str) -> str:
    """`html` with the reader's CSRF token where a piece has the placeholder."""
    if CSRF_PLACEHOLDER not in html:
        return html
    return html.replace(_CSRF_ATTRIBUTE, f'value="{get_token(request)}"')
