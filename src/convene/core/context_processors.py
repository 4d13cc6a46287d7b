from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation


def convene(request: HttpRequest) -> dict[str, Any]:
    return {
        "viewer_timezone": getattr(request, "timezone_name", "UTC"),
        "viewer_timezone_source": getattr(request, "timezone_source", "default"),
        "LANGUAGE_DIRECTION": "rtl" if translation.get_language_bidi() else "ltr",
        "mediawiki_login_enabled": bool(settings.MEDIAWIKI_CLIENT_ID),
    }
