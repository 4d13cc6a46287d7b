"""Shared pieces of the JSON API."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every API error is JSON of the form {"detail": ..., "code": ...} (plus field errors)."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(data, dict) and "detail" in data:
        detail = data["detail"]
        data = {"detail": str(detail), "code": getattr(detail, "code", "error")}
    else:
        data = {"detail": _("Invalid input."), "code": "invalid", "errors": data}
    response.data = data
    return response
