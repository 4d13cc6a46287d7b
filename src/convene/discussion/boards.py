"""Which app owns a board: it names the board's place and says whether it can be read.

A board is opened by an app above this one (e.g. open space, for the time between the
meetings of a series), which this app cannot import (imports go one way). That app
registers, when it is ready, a `describe(board)` for the keys it gives its boards:
`board_owner_register("openspace.series:", describe)`. It returns the label and address
of the page the board belongs to (the "back to" link of the board's pages), or None when
the board cannot be read (its pages are then not found). A board no app claims can be
read by everyone and links back nowhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .models import Board

BoardDescribe = Callable[[Board], tuple[str, str] | None]

_OWNERS: dict[str, BoardDescribe] = {}


def board_owner_register(key_prefix: str, describe: BoardDescribe) -> None:
    """Boards whose key starts with `key_prefix` are described by `describe` (the longest
    registered prefix that matches wins)."""
    _OWNERS[key_prefix] = describe


def board_owner_unregister(key_prefix: str) -> None:
    """For tests: forget an owner."""
    _OWNERS.pop(key_prefix, None)


@dataclass(frozen=True)
class BoardPlace:
    """Whether a board can be read, and the page it belongs to (label, address)."""

    visible: bool
    back: tuple[str, str] | None = None


def board_place(board: Board) -> BoardPlace:
    prefixes = [prefix for prefix in _OWNERS if board.key.startswith(prefix)]
    if not prefixes:
        return BoardPlace(visible=True)
    described = _OWNERS[max(prefixes, key=len)](board)
    if described is None:
        return BoardPlace(visible=False)
    return BoardPlace(visible=True, back=described)
