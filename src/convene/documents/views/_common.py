"""What the pages of every area share: refusals shown with their reason, and look-ups."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from convene.core.errors import ServiceError

from ..models import Document


def explained_403(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A refusal (PermissionDenied, or a service's "forbidden") shown as a page that says
    why, with status 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as error:
            return refused(request, str(error) or _("You may not do this."), status=403)
        except ServiceError as error:
            if error.code != "forbidden":
                raise
            return refused(request, error.message, status=403)

    return wrapper


def refused(
    request: HttpRequest, message: Any, *, status: int, document: Document | None = None
) -> HttpResponse:
    return render(
        request,
        "documents/refused.html",
        {"title": _("This cannot be done"), "message": message, "document": document},
        status=status,
    )


def form_errors_from(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def document_or_404(process_slug: str, document_slug: str) -> Document:
    return get_object_or_404(
        Document.objects.select_related("process"), process__slug=process_slug, slug=document_slug
    )
