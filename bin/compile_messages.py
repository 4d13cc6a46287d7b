"""Compile every django.po under src/convene/locale*/ into django.mo, with Babel.

Babel is already a dependency, so a fresh machine needs no gettext tools.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

SRC = Path(__file__).resolve().parent.parent / "src" / "convene"
ROOTS = [SRC / "locale", SRC / "locale_allauth"]


def main() -> int:
    count = 0
    for po_path in sorted(p for root in ROOTS for p in root.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        count += 1
    if count:
        print(f"compiled {count} message catalogues")
    return 0


if __name__ == "__main__":
    sys.exit(main())
