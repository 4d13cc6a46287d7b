from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache


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


def api_docs(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/api.html",
        {"title": _("Open data and API"), "openapi_url": reverse("openapi")},
    )
