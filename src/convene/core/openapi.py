"""The OpenAPI description of the JSON API (drf-spectacular), with the errors every operation
can answer. Apart from `convene.core.api`, which DRF's settings import while drf-spectacular's
schema class reads them."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse

from .api import ErrorSerializer

INVALID_CREDENTIALS = OpenApiResponse(
    ErrorSerializer,
    description=(
        "An unknown API token in 'Authorization: Token <key>', or an inactive account "
        "(code authentication_failed)."
    ),
)
UNSUPPORTED_MEDIA_TYPE = OpenApiResponse(
    ErrorSerializer,
    description="A body that is not application/json (code unsupported_media_type).",
)


class AutoSchema(SpectacularAutoSchema):
    """Declares the errors any operation can answer, besides those each view declares:
    401 for a bad token (every operation reads one) and 415 for a body not in JSON."""

    # The responses each view declares come back from `get_response_serializers`, which
    # `extend_schema` overrides; these are added to the bodies made from them.
    def _get_response_bodies(self, direction: Any = "response") -> Any:
        bodies = super()._get_response_bodies(direction)
        extra = {"401": INVALID_CREDENTIALS}
        if self.method in ("POST", "PUT", "PATCH") and self.get_request_serializer() is not None:
            extra["415"] = UNSUPPORTED_MEDIA_TYPE
        for code, response in extra.items():
            if code not in bodies:
                bodies[code] = self._get_response_for_code(response, code, direction=direction)
        return dict(sorted(bodies.items()))
