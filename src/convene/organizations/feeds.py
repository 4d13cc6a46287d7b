"""The registry's changes as an Atom feed: the latest public entries of the history of the
listed organizations, in the language of the address (/fr/organizations/changes.atom), each
linked to the organization's page in that language.

Written with Django's `Atom1Feed` directly rather than `contrib.syndication`'s `Feed`, whose
links come from the `Site` row: here every address is built from the request, as on pages.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from convene.core.cache import cache_anonymous_page

from . import selectors
from .models import HistoryEntry

# Ids that stay the same whatever the address or language the feed is read at (RFC 4151).
_TAG_AUTHORITY = f"tag:{urlsplit(settings.SITE_URL).hostname or 'localhost'},2026"


def _entry_id(entry: HistoryEntry) -> str:
    return f"{_TAG_AUTHORITY}:organization-change-{entry.pk}"


def _title(entry: HistoryEntry) -> str:
    return _("%(organization)s: %(change)s") % {
        "organization": entry.organization.shown_name,  # type: ignore[attr-defined]
        "change": entry.kind_label,  # type: ignore[attr-defined]
    }


@require_GET
@cache_anonymous_page
def registry_feed(request: HttpRequest) -> HttpResponse:
    entries = selectors.registry_feed(language=translation.get_language() or "en")
    feed = Atom1Feed(
        title=_("Changes in the registry of organizations"),
        link=request.build_absolute_uri(reverse("organizations:list")),
        description=_(
            "Recognitions, reports, changes of status and of records of the movement's "
            "organizations, newest first."
        ),
        language=translation.get_language(),
        feed_url=request.build_absolute_uri(),
        feed_guid=f"{_TAG_AUTHORITY}:organization-changes",
    )
    for entry in entries:
        feed.add_item(
            title=_title(entry),
            link=request.build_absolute_uri(
                reverse("organizations:detail", args=[entry.organization.slug])
            ),
            # Atom's summary is read as HTML: the note is escaped, its line breaks kept.
            description=linebreaks(escape(entry.public_note)) if entry.public_note else "",
            unique_id=_entry_id(entry),
            pubdate=entry.at,
            updateddate=entry.at,
            author_name=entry.actor.public_name if entry.actor is not None else None,
        )
    response = HttpResponse(content_type=f"{feed.content_type}")
    feed.write(response, "utf-8")
    return response
