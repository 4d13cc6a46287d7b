"""The documents JSON API: public reads of processes, documents, published versions (in the
language asked for) and initiatives.

Drafts do not exist here, for anybody, authors included: a version is found once it is
published, a document once its first version is, and an initiative with its document.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from convene.core.api import INVALID, PAGE_NOT_FOUND, NowContextMixin, error_response

from . import selectors
from .models import Document, DocumentVersion, Initiative, Phase, Process
from .serializers import (
    DocumentListQuerySerializer,
    DocumentSerializer,
    InitiativeListQuerySerializer,
    InitiativeSerializer,
    ProcessDetailSerializer,
    ProcessSerializer,
    VersionQuerySerializer,
    VersionSerializer,
)


def _published() -> QuerySet[DocumentVersion]:
    return DocumentVersion.objects.published()


def _published_documents() -> QuerySet[Document]:
    """Documents with a published version, each with `published_versions` (oldest first)
    and its initiatives."""
    return (
        Document.objects.filter(Exists(_published().filter(document=OuterRef("pk"))))
        .select_related("process")
        .prefetch_related(
            Prefetch(
                "versions", queryset=_published().order_by("number"), to_attr="published_versions"
            ),
            Prefetch("initiatives", queryset=Initiative.objects.order_by("number", "pk")),
        )
    )


@extend_schema_view(
    list=extend_schema(
        summary="Strategy processes, with their phases",
        responses={200: ProcessSerializer(many=True), 404: PAGE_NOT_FOUND},
    ),
    retrieve=extend_schema(
        summary="One process, with its phases and published documents",
        responses={
            200: ProcessDetailSerializer,
            404: error_response("No such process (code not_found)."),
        },
    ),
)
class ProcessViewSet(NowContextMixin, viewsets.ReadOnlyModelViewSet[Process]):
    """Strategy processes, newest first. The current phase is the one running today in UTC."""

    lookup_field = "slug"
    permission_classes = [AllowAny]

    def get_queryset(self) -> QuerySet[Process]:
        processes = Process.objects.prefetch_related(
            Prefetch("phases", queryset=Phase.objects.order_by("starts_on", "pk"))
        ).order_by("-created_at", "-pk")
        if self.action == "list":
            return processes
        documents = _published_documents().order_by("position", "title", "pk")
        return processes.prefetch_related(
            Prefetch("documents", queryset=documents, to_attr="published_documents")
        )

    def get_serializer_class(self) -> type[BaseSerializer[Process]]:
        return ProcessDetailSerializer if self.action == "retrieve" else ProcessSerializer


@extend_schema_view(
    list=extend_schema(
        summary="Documents with a published version, with their versions and initiatives",
        parameters=[DocumentListQuerySerializer],
        responses={200: DocumentSerializer(many=True), 400: INVALID, 404: PAGE_NOT_FOUND},
    ),
    retrieve=extend_schema(
        summary="One document, with its published versions and its initiatives",
        responses={
            200: DocumentSerializer,
            404: error_response(
                "No such document, or none of its versions is published (code not_found)."
            ),
        },
    ),
)
class DocumentViewSet(viewsets.ReadOnlyModelViewSet[Document]):
    serializer_class = DocumentSerializer
    permission_classes = [AllowAny]

    def get_queryset(self) -> QuerySet[Document]:
        documents = _published_documents().order_by("process_id", "position", "title", "pk")
        if self.action == "list":
            query = DocumentListQuerySerializer(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            if slug := query.validated_data.get("process"):
                documents = documents.filter(process__slug=slug)
        return documents


@extend_schema_view(
    retrieve=extend_schema(
        summary="One published version, its paragraphs in the language asked for",
        description=(
            "Each paragraph comes in the language of ?lang= where a translation exists "
            "(is_outdated: it was made from an older text of the paragraph; is_machine: by "
            "machine), else in the source language with is_fallback true."
        ),
        parameters=[VersionQuerySerializer],
        responses={
            200: VersionSerializer,
            400: INVALID,
            404: error_response(
                "No such published version (code not_found); drafts are not found."
            ),
        },
    )
)
class VersionViewSet(
    NowContextMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[DocumentVersion]
):
    serializer_class = VersionSerializer
    permission_classes = [AllowAny]

    def get_queryset(self) -> QuerySet[DocumentVersion]:
        # Published only, also for the document's authors: drafts are not part of the API.
        return (
            DocumentVersion.objects.published()
            .with_feedback_end()
            .select_related("document__process")
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        version = self.get_object()
        query = VersionQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        language = query.validated_data.get("lang") or version.source_language
        version.reading_language = language  # type: ignore[attr-defined]
        version.reading = selectors.version_reading(  # type: ignore[attr-defined]
            version=version, language=language
        )
        return Response(self.get_serializer(version).data)


@extend_schema_view(
    list=extend_schema(
        summary="Initiatives of documents with a published version",
        parameters=[InitiativeListQuerySerializer],
        responses={200: InitiativeSerializer(many=True), 400: INVALID, 404: PAGE_NOT_FOUND},
    ),
    retrieve=extend_schema(
        summary="One initiative, by its stable identifier",
        responses={
            200: InitiativeSerializer,
            404: error_response("No such initiative (code not_found)."),
        },
    ),
)
class InitiativeViewSet(viewsets.ReadOnlyModelViewSet[Initiative]):
    serializer_class = InitiativeSerializer
    permission_classes = [AllowAny]
    lookup_field = "identifier"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_queryset(self) -> QuerySet[Initiative]:
        initiatives = Initiative.objects.filter(
            Exists(_published().filter(document=OuterRef("document")))
        ).order_by("document__process_id", "document__position", "document_id", "number", "pk")
        if self.action == "list":
            query = InitiativeListQuerySerializer(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            if document := query.validated_data.get("document"):
                initiatives = initiatives.filter(document_id=document)
        return initiatives
