"""Rows of the registry and entries of a history as HTML, rendered once per state and
shared between readers.

A row (name, code, model, region, countries, status and its dates) is the same for everyone
who reads the list in one language and time zone, and a history entry (never changed once
written) for everyone who sees the same of it, so each is kept (`convene.core.pieces`) under
a key made of everything it shows, declared beside its template; a changed record or a
renamed actor makes a new one.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe

from convene.core.pieces import MB, Piece

from .models import HistoryEntry, Organization

# Thousands of organizations, in ten languages: half a KB each.
ROW = Piece(
    "organizations/_registry_row.html",
    shows=(
        "organization.slug",
        "organization.code",
        # in the reader's language (`selectors.registry_page`)
        "organization.shown_name",
        "organization.shown_language",
        "organization.model_name",
        "organization.countries_text",
        "organization.region",
        "organization.status",
        "organization.status_since",
        "organization.recognized_on",
        "organization.provisional_until",
        "organization.derecognized_on",
        "organization.compliance_level",
        "organization.is_sample",
    ),
    max_size=8 * MB,
)


def registry_rows(organizations: Iterable[Organization]) -> list[SafeString]:
    """The row of each organization (from `selectors.registry_page`), in order."""
    # rendered by the template, escaped there
    return [mark_safe(ROW.html({"organization": organization})) for organization in organizations]


# Tens of thousands of entries; a page shows the latest fifty of an organization.
HISTORY_ENTRY = Piece(
    "organizations/_history_entry.html",
    shows=(
        "entry.kind_label",  # in the reader's language (`selectors.with_kind_labels`)
        "entry.at",
        "entry.actor.pk",
        "entry.actor.display_name",
        "entry.public_note",
        "entry.private_note",
        "sees_private",  # the committee's (`rules.can_see_private`)
    ),
    max_size=8 * MB,
)


def history_html(entries: Iterable[HistoryEntry], *, sees_private: bool) -> list[SafeString]:
    """Each entry (from `selectors.with_kind_labels`, with its actor), in order; the
    committee's notes when `sees_private`."""
    return [
        mark_safe(HISTORY_ENTRY.html({"entry": entry, "sees_private": sees_private}))
        for entry in entries
    ]
