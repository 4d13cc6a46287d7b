"""Rows of the registry as HTML, rendered once per state and shared between readers.

A row (name, code, model, region, countries, status and its dates) is the same for everyone
who reads the list in one language and time zone, so each is kept (`convene.core.pieces`)
under a key made of everything it shows, declared in `ROW` beside its template; a changed
record makes a new one.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe

from convene.core.pieces import MB, Piece

from .models import Organization

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
