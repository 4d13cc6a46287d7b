"""Shared pieces of the JSON API.

Every error the API answers is JSON of the form {"detail": ..., "code": ...}: errors raised in
its views go through `exception_handler`; a request under /api/ that no view takes (no such
route, a path parameter of the wrong form, an error before or outside a view) is answered
by the error handlers `bad_request`, `permission_denied`, `page_not_found` and `server_error`,
which keep the site's HTML pages for every other address.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import defaults
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import exceptions, pagination, parsers, serializers

from convene.core.errors import ServiceError

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.response import Response

API_PREFIX = "/api/"

# Deeper JSON is refused before any serializer walks it: no request of the API needs more
# than a few levels, and walking thousands would exhaust Python's recursion limit.
MAX_JSON_DEPTH = 32


# The HTTP status of each code a service refuses with (`convene.core.errors.ServiceError`):
# refusals that depend on the state of something (a session, a version, a question, a
# registration) are 409 Conflict; every code not listed is 400 Bad Request.
STATUS_OF_CODE = {
    # registration (events)
    "already_registered": 409,
    "already_cancelled": 409,
    "registration_not_yet_open": 409,
    "registration_closed": 409,
    "registration_started": 409,
    "session_started": 409,
    # feedback (discussion)
    "not_yet_open": 409,
    "closed": 409,
    "no_feedback": 409,
    "unpublished": 409,
    "parent_hidden": 409,
    "already_reported": 409,
    "already_hidden": 409,
    "anonymous": 403,
    "forbidden": 403,
    # live questions (qanda)
    "not_open": 409,
    "merged": 409,
    "hidden": 409,
    "already_voted": 409,
    "not_voted": 409,
    "login_required": 401,
    "not_host": 403,
    # the registry (organizations)
    "conflict": 409,
    "decided": 409,
    "already_applying": 409,
    "already_recognized": 409,
    "not_voting": 409,
    "recused": 403,
    "reapply_wait": 409,
    "duplicate_name": 409,
    "duplicate_code": 409,
    "transition_refused": 409,
    "vote_not_passed": 409,
    "vote_not_failed": 409,
    "organization_inactive": 409,
    "already_recused": 409,
    "model_closed": 409,
    "no_proposal": 409,
    # prioritization
    "results_hidden": 403,
    "not_counted": 409,
    # open space
    "not_registered": 403,
    "taken": 409,
    "slot_over": 409,
    "not_offered": 409,
    "already_there": 409,
    "not_placed": 409,
    "withdrawn": 409,
    "already_published": 409,
    "not_closed": 409,
    "not_yet": 403,
    "over": 409,
    # everywhere
    "rate_limited": 429,
}


class Refused(exceptions.APIException):
    """A service's refusal as an API error: {"detail": message, "code": code}."""

    def __init__(self, error: ServiceError) -> None:
        super().__init__(detail=str(error.message), code=error.code)
        self.status_code = STATUS_OF_CODE.get(error.code, 400)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every API error is JSON of the form {"detail": ..., "code": ...} (plus field errors);
    a service's refusal gets the status of its code."""
    # Imported here: DRF's views read this module's parser and pagination at their import.
    from rest_framework.views import exception_handler as drf_exception_handler  # noqa: PLC0415

    if isinstance(exc, ServiceError):
        exc = Refused(exc)
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


# --- Errors outside the API's views ------------------------------------------------


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _error(error: type[exceptions.APIException], status: int) -> JsonResponse:
    return JsonResponse(
        {"detail": str(error.default_detail), "code": error.default_code}, status=status
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _error(exceptions.ParseError, 400)  # e.g. a body over the size limit
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _error(exceptions.PermissionDenied, 403)
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _error(exceptions.NotFound, 404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return _error(exceptions.APIException, 500)
    return defaults.server_error(request)


# --- Input --------------------------------------------------------------------------


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether lists and objects nest in `value` more than `limit` levels (without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in item)
    return False


class JSONParser(parsers.JSONParser):
    """JSON only; nesting too deep for Python, or deeper than any request needs, is a
    parse error (400, code parse_error) like any other malformed JSON."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            data = None
            too_deep = True
        else:
            too_deep = _deeper_than(data, MAX_JSON_DEPTH)
        if too_deep:
            raise exceptions.ParseError(_("JSON parse error - nested too deeply."))
        return data


class QuerySerializer(serializers.Serializer):
    """Query parameters. A parameter sent empty (`?when=`) is checked like any other value,
    so it is refused where the schema allows no empty value, instead of read as absent."""

    def to_internal_value(self, data: Any) -> Any:
        errors: dict[str, Any] = {}
        getlist = getattr(data, "getlist", None)
        if getlist is not None:
            for name, field in self.fields.items():
                if "" in getlist(name):
                    try:
                        field.run_validation("")
                    except serializers.ValidationError as error:
                        errors[name] = error.detail
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as error:
            detail = error.detail if isinstance(error.detail, dict) else {}
            raise serializers.ValidationError({**detail, **errors}) from error
        if errors:
            raise serializers.ValidationError(errors)
        return value


class PageNumberPagination(pagination.PageNumberPagination):
    """An empty `?page=` is an invalid page (404, code not_found) like `?page=x`, not page 1."""

    def get_page_number(self, request: Request, paginator: Any) -> Any:
        if request.query_params.getlist(self.page_query_param) == [""]:
            raise exceptions.NotFound(self.invalid_page_message)
        return super().get_page_number(request, paginator)


# --- Error bodies in the OpenAPI description ----------------------------------------


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="A message for people, in the negotiated language.")
    code = serializers.CharField(help_text="A stable code for programs.")


# A field named `errors` would shadow Serializer.errors, so this one is declared inline.
ValidationErrorSerializer = inline_serializer(
    name="ValidationError",
    fields={
        "detail": serializers.CharField(
            help_text="A message for people, in the negotiated language."
        ),
        "code": serializers.CharField(help_text="A stable code for programs."),
        "errors": serializers.DictField(
            child=serializers.JSONField(),
            required=False,
            help_text="Messages per field; answers are keyed by question id under `answers`.",
        ),
    },
)


def error_response(description: str) -> OpenApiResponse:
    """An error answer in the OpenAPI description: the JSON error body, and what it means."""
    return OpenApiResponse(ErrorSerializer, description=description)


PAGE_NOT_FOUND = error_response("No such page (code not_found).")
INVALID = OpenApiResponse(
    ValidationErrorSerializer, description="Invalid input (code invalid, messages per field)."
)
UNAUTHENTICATED = error_response(
    "No valid credentials: send 'Authorization: Token <key>' or a session cookie "
    "(code not_authenticated or authentication_failed)."
)
FORBIDDEN = error_response("Session cookie without a valid CSRF token (code permission_denied).")


class NowContextMixin:
    """A view whose serializers judge every item of a response at one moment (`now` in the
    context: a phase's or a registration's state, a join link)."""

    def get_serializer_context(self) -> dict[str, Any]:
        context: dict[str, Any] = super().get_serializer_context()  # type: ignore[misc]
        context["now"] = timezone.now()
        return context
