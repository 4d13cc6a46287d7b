"""Helpers the apps' views share: where to go back to, form errors from a service, and the
one way a page runs an action and says how it went."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from .errors import ServiceError


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` address the request carries (posted, else in its query) when it stays on
    this site, else `fallback`: a form cannot send anyone elsewhere."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return fallback


def form_errors_from(form: Any, error: ValidationError) -> None:
    """A service's `ValidationError` shown on the form: beside its field, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def acted(request: HttpRequest, act: Callable[[], object], done: str, back: str) -> HttpResponse:
    """Run one service call; say how it went (`done`, or the service's refusal); go `back`."""
    try:
        act()
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(back)
