"""A version's Markdown, cut into blocks (headings and paragraphs) that keep their anchors.

Blank lines separate blocks. When a new version is published, each block takes the anchor
of the block it continues in the previous version: the same text, else the most similar
text (at least 60 % alike, in document order). Comments and translations follow anchors.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from difflib import SequenceMatcher

SIMILAR_ENOUGH = 0.6
_HEADING = re.compile(r"^#{1,6}\s+")


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" or "paragraph"
    text: str


def split_blocks(body: str) -> list[Block]:
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", body.replace("\r\n", "\n").strip()):
        text = chunk.strip()
        if not text:
            continue
        kind = "heading" if _HEADING.match(text) and "\n" not in text else "paragraph"
        blocks.append(Block(kind=kind, text=text))
    return blocks


def new_anchor(taken: set[str]) -> str:
    while True:
        anchor = f"p-{secrets.token_hex(3)}"
        if anchor not in taken:
            taken.add(anchor)
            return anchor


def assign_anchors(blocks: list[Block], previous: list[tuple[str, str]]) -> list[str]:
    """Anchors for `blocks`, given the (anchor, text) pairs of the previous version."""
    anchors: list[str | None] = [None] * len(blocks)
    free = dict(previous)  # anchor -> text, not yet claimed
    # 1. Unchanged text keeps its anchor.
    by_text: dict[str, list[str]] = {}
    for anchor, text in previous:
        by_text.setdefault(_normal(text), []).append(anchor)
    for index, block in enumerate(blocks):
        candidates = by_text.get(_normal(block.text))
        if candidates:
            anchor = candidates.pop(0)
            anchors[index] = anchor
            free.pop(anchor, None)
    # 2. Edited text keeps the anchor of the most similar unclaimed block.
    for index, block in enumerate(blocks):
        if anchors[index] is not None or not free:
            continue
        best, score = None, SIMILAR_ENOUGH
        for anchor, text in free.items():
            ratio = SequenceMatcher(
                None, _normal(text), _normal(block.text), autojunk=False
            ).ratio()
            if ratio >= score:
                best, score = anchor, ratio
        if best is not None:
            anchors[index] = best
            free.pop(best)
    # 3. Everything else is new.
    taken = {anchor for anchor, _text in previous}
    return [anchor or new_anchor(taken) for anchor in anchors]


def _normal(text: str) -> str:
    return " ".join(text.split())
