from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from csp.constants import HEADER
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .timezones import canonical_timezone, get_zone, is_valid_timezone


def browser_timezone_name(request: HttpRequest) -> tuple[str, str]:
    """The zone the browser detected (cookie), else UTC, and where it came from: "browser"
    or "default"."""
    cookie = unquote(request.COOKIES.get(settings.TIMEZONE_COOKIE_NAME, ""))
    if is_valid_timezone(cookie):
        return canonical_timezone(cookie), "browser"
    return "UTC", "default"


QUERY_ZONE = "tz"


def zone_from_query(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view whose answer is the same for every viewer: its times are shown in the zone
    of its `tz` query parameter (put there by the page that links to it), never in the zone
    of the account, so that serving it reads neither the session nor the user."""
    view.zone_from_query = True  # type: ignore[attr-defined]
    return view


def query_timezone_name(request: HttpRequest) -> str | None:
    """The zone of the `tz` query parameter, in its current name; None when unknown."""
    value = request.GET.get(QUERY_ZONE, "UTC")
    return canonical_timezone(value) if is_valid_timezone(value) else None


class TimezoneMiddleware:
    """Shows every time in the viewer's zone: profile, else browser-detected cookie, else UTC.

    The zone is chosen once the view is known: views marked `zone_from_query` take it from
    the address. Until then (a page that matches no address) the browser's zone is used,
    which needs no database.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self._activate(request, *browser_timezone_name(request))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> None:
        if getattr(view, "zone_from_query", False):
            self._activate(request, query_timezone_name(request) or "UTC", "query")
            return
        user = getattr(request, "user", None)  # the profile's zone before the browser's
        if user is not None and user.is_authenticated and is_valid_timezone(user.timezone):
            self._activate(request, user.timezone, "profile")

    @staticmethod
    def _activate(request: HttpRequest, name: str, source: str) -> None:
        request.timezone_name = name  # type: ignore[attr-defined]
        request.timezone_source = source  # type: ignore[attr-defined]
        timezone.activate(get_zone(name))


class ContentSecurityPolicyMiddleware:
    """The Content-Security-Policy of `settings.CONTENT_SECURITY_POLICY` on every response.

    django-csp writes the header; its own middleware builds the policy anew for each response
    (twice: the policy and the report-only one), which cost a tenth of a millisecond a
    request here. Convene's policy is the same for every response (no nonces, no per-view
    changes), so it is built once, when the process starts.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = build_policy()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy and HEADER not in response:
            response[HEADER] = self.policy
        return response
