from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .timezones import canonical_timezone, get_zone, is_valid_timezone


def viewer_timezone_name(request: HttpRequest) -> tuple[str, str]:
    """The viewer's zone and where it came from: "profile", "browser" (cookie) or "default"."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and is_valid_timezone(user.timezone):
        return user.timezone, "profile"
    cookie = unquote(request.COOKIES.get(settings.TIMEZONE_COOKIE_NAME, ""))
    if is_valid_timezone(cookie):
        return canonical_timezone(cookie), "browser"
    return "UTC", "default"


class TimezoneMiddleware:
    """Shows every time in the viewer's zone: profile, else browser-detected cookie, else UTC."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name, source = viewer_timezone_name(request)
        request.timezone_name = name  # type: ignore[attr-defined]
        request.timezone_source = source  # type: ignore[attr-defined]
        timezone.activate(get_zone(name))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
