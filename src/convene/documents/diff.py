"""A readable diff between two versions: paragraph by paragraph, words highlighted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class DiffRow:
    anchor: str
    change: str  # "unchanged", "changed", "added", "removed"
    html: SafeString


def word_diff(old: str, new: str) -> SafeString:
    """HTML of `new` with removed words in <del> and added words in <ins>."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[str] = []
    for op, a1, a2, b1, b2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[a1:a2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(a[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(b[b1:b2]))}</ins>")
    return mark_safe("".join(out))


def paragraph_diff(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[DiffRow]:
    """Rows in the new version's order; removed paragraphs where they stood in the old one."""
    old_text = dict(old)
    new_anchors = {anchor for anchor, _text in new}
    removed_after: dict[str | None, list[str]] = {}
    previous_kept: str | None = None
    for anchor, _text in old:
        if anchor in new_anchors:
            previous_kept = anchor
        else:
            removed_after.setdefault(previous_kept, []).append(anchor)

    rows: list[DiffRow] = [
        DiffRow(anchor, "removed", mark_safe(f"<del>{escape(old_text[anchor])}</del>"))
        for anchor in removed_after.get(None, [])
    ]
    for anchor, text in new:
        if anchor not in old_text:
            rows.append(DiffRow(anchor, "added", mark_safe(f"<ins>{escape(text)}</ins>")))
        elif " ".join(old_text[anchor].split()) == " ".join(text.split()):
            rows.append(DiffRow(anchor, "unchanged", escape(text)))
        else:
            rows.append(DiffRow(anchor, "changed", word_diff(old_text[anchor], text)))
        rows.extend(
            DiffRow(gone, "removed", mark_safe(f"<del>{escape(old_text[gone])}</del>"))
            for gone in removed_after.get(anchor, [])
        )
    return rows
