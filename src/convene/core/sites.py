"""The site's name and address, from the configuration, where django.contrib.sites keeps them.

django-allauth signs its emails with the current Site's name and builds links with its
domain; Django creates that row as "example.com". After every `migrate` it is set from
`CONVENE_SITE_NAME` and `CONVENE_SITE_URL`, so a change of configuration takes effect at the
next deployment.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site


def site_sync(**_kwargs: Any) -> Site:
    """Write the configured name and domain into the current Site (created if missing)."""
    site, _created = Site.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"name": settings.SITE_NAME, "domain": urlsplit(settings.SITE_URL).netloc},
    )
    return site
