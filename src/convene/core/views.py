from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .forms import TimezoneForm
from .timezones import all_timezones


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness: answers 200 when the database answers, 503 when it does not."""
    database = {"vendor": connection.vendor, "ok": True}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        database.update(ok=False, error=exc.__class__.__name__)
    status = 200 if database["ok"] else 503
    return JsonResponse(
        {"status": "ok" if database["ok"] else "error", "database": database}, status=status
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "core/csrf_failure.html", status=403)


def _safe_next(request: HttpRequest, fallback: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return fallback


@require_http_methods(["GET", "POST"])
def timezone_choose(request: HttpRequest) -> HttpResponse:
    """Choose the zone times are shown in; works without JavaScript."""
    next_url = _safe_next(request, "/")
    if request.method == "POST":
        form = TimezoneForm(request.POST)
        if form.is_valid():
            name = form.cleaned_data["timezone"]
            response = HttpResponseRedirect(next_url)
            response.set_cookie(
                settings.TIMEZONE_COOKIE_NAME,
                name,
                max_age=365 * 24 * 3600,
                samesite="Lax",
                secure=settings.TIMEZONE_COOKIE_SECURE,
            )
            if request.user.is_authenticated:
                from convene.accounts.services import user_set_timezone

                user_set_timezone(user=request.user, timezone_name=name)
            return response
    else:
        form = TimezoneForm(initial={"timezone": getattr(request, "timezone_name", "UTC")})
    return render(
        request,
        "core/timezone.html",
        {"form": form, "next": next_url, "zones": all_timezones(), "title": _("Time zone")},
        status=400 if form.errors else 200,
    )


def api_docs(request: HttpRequest) -> HttpResponse:
    from django.urls import reverse

    return render(
        request,
        "core/api.html",
        {"title": _("Open data and API"), "openapi_url": reverse("openapi")},
    )
