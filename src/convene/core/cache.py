"""A few seconds of caching for pages that anonymous visitors read most (a micro-cache).

Under a rush, many people open the same event page at once; each anonymous view of a
page in one language and time zone is the same bytes, so it is rendered once every few
seconds instead of once per visitor. Signed-in people always get a fresh page (it shows
their own registration), and so does anyone with a message waiting or a form posted.
Figures shown to anonymous visitors (places left) can be that many seconds old; the
registration itself is always decided by the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation

KEY_PREFIX = "convene:page:"


def _key(request: HttpRequest) -> str:
    parts = "|".join(
        [
            request.get_full_path(),
            translation.get_language() or "",
            getattr(request, "timezone_name", "UTC"),
        ]
    )
    return KEY_PREFIX + hashlib.sha256(parts.encode()).hexdigest()


def cache_anonymous_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seconds = settings.CONVENE_PAGE_CACHE_SECONDS
        usable = (
            seconds > 0
            and request.method == "GET"
            and not request.user.is_authenticated
            and not request.COOKIES.get("messages")
        )
        if not usable:
            return view(request, *args, **kwargs)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Convene-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
        ):
            cache.set(key, (response.content, response["Content-Type"]), seconds)
        return response

    return wrapper
