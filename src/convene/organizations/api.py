"""The registry's JSON API: read-only, public.

The listed organizations (every one ever recognized; applicants are read through their
applications), the models of affiliation in the language asked for, and the public changes
of the registry, newest first. Nothing here writes; nothing here shows what only the
committee sees.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.permissions import AllowAny

from convene.core.api import INVALID, PAGE_NOT_FOUND, error_response
from convene.core.text import text_fingerprint

from . import selectors
from .models import AffiliationModel, AffiliationModelTranslation, HistoryEntry, Organization
from .serializers import (
    AffiliationModelSerializer,
    ChangeListQuerySerializer,
    ChangeSerializer,
    ContentLanguageQuerySerializer,
    OrganizationListQuerySerializer,
    OrganizationSerializer,
)


@extend_schema_view(
    list=extend_schema(
        summary="Organizations of the registry",
        description=(
            "Every organization ever recognized (recognized, suspended, derecognized or "
            "withdrawn), by name, with the filters of the registry's page."
        ),
        parameters=[OrganizationListQuerySerializer],
        responses={200: OrganizationSerializer(many=True), 400: INVALID, 404: PAGE_NOT_FOUND},
    ),
    retrieve=extend_schema(
        summary="One organization of the registry",
        responses={
            200: OrganizationSerializer,
            404: error_response("No such organization in the registry (code not_found)."),
        },
    ),
)
class OrganizationViewSet(viewsets.ReadOnlyModelViewSet[Organization]):
    lookup_field = "slug"
    permission_classes = [AllowAny]
    serializer_class = OrganizationSerializer

    def get_queryset(self) -> QuerySet[Organization]:
        filters = selectors.RegistryFilters()
        if self.action == "list":
            query = OrganizationListQuerySerializer(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            filters = selectors.RegistryFilters.from_data(query.validated_data)
        return selectors.registry_api(filters=filters)


@extend_schema_view(
    list=extend_schema(
        summary="Models of affiliation",
        description="The ways to join the movement, in the committee's order.",
        parameters=[ContentLanguageQuerySerializer],
        responses={
            200: AffiliationModelSerializer(many=True),
            400: INVALID,
            404: PAGE_NOT_FOUND,
        },
    ),
    retrieve=extend_schema(
        summary="One model of affiliation",
        parameters=[ContentLanguageQuerySerializer],
        responses={
            200: AffiliationModelSerializer,
            400: INVALID,
            404: error_response("No such model of affiliation (code not_found)."),
        },
    ),
)
class AffiliationModelViewSet(viewsets.ReadOnlyModelViewSet[AffiliationModel]):
    lookup_field = "slug"
    permission_classes = [AllowAny]
    serializer_class = AffiliationModelSerializer
    content_language = ""

    def get_queryset(self) -> QuerySet[AffiliationModel]:
        query = ContentLanguageQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        self.content_language = query.validated_data.get("language", "")
        return AffiliationModel.objects.order_by("order", "name", "pk")

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["content_language"] = self.content_language
        return context

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        """The items with the translations into `?language=` attached (one query)."""
        if args and self.content_language:
            items = args[0] if isinstance(args[0], list) else [args[0]]
            _attach_translations(items, self.content_language)
        return super().get_serializer(*args, **kwargs)


def _attach_translations(models: list[AffiliationModel], language: str) -> None:
    """Set `translated_fields` on each of `models`: {field: (text, is_outdated)} of the
    committee's translations into `language` whose source field is not empty (one query,
    none when each is written in `language`)."""
    wanted = {model.pk: model for model in models if model.language != language}
    for model in models:
        model.translated_fields = {}  # type: ignore[attr-defined]
    if not wanted:
        return
    rows = AffiliationModelTranslation.objects.filter(
        affiliation_model_id__in=wanted,
        language=language,
        field__in=AffiliationModel.TRANSLATABLE,
    )
    for row in rows:
        model = wanted[row.affiliation_model_id]
        source = str(getattr(model, row.field))
        if source.strip():
            model.translated_fields[row.field] = (  # type: ignore[attr-defined]
                row.text,
                row.source_digest != text_fingerprint(source),
            )


@extend_schema_view(
    list=extend_schema(
        summary="Changes in the registry",
        description=(
            "The public history of the listed organizations, newest first: recognitions, "
            "reports, changes of status and of records. Votes, recusals and interviews are "
            "the committee's and never listed."
        ),
        parameters=[ChangeListQuerySerializer],
        responses={200: ChangeSerializer(many=True), 400: INVALID, 404: PAGE_NOT_FOUND},
    ),
)
class ChangeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[HistoryEntry]):
    permission_classes = [AllowAny]
    serializer_class = ChangeSerializer

    def get_queryset(self) -> QuerySet[HistoryEntry]:
        query = ChangeListQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return selectors.registry_changes(
            organization_slug=query.validated_data.get("organization", ""),
            since=query.validated_data.get("since"),
        )
