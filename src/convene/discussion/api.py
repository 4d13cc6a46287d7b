"""The feedback JSON API: the comments on a published version, and commenting.

Views stay thin: they parse input, read with selectors, write with
`services.comment_create`, and leave a refused action (`ServiceError`) to
`convene.core.api`, which answers it with the HTTP status of its code. Drafts do not exist
here: their comments are not found, for anybody.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status, views, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from convene.accounts.users import signed_in
from convene.core.api import UNAUTHENTICATED, ValidationErrorSerializer, error_response
from convene.core.ratelimit import client_address
from convene.documents.models import DocumentVersion

from . import selectors, services
from .models import Comment
from .serializers import (
    CommentCreateSerializer,
    CommentListQuerySerializer,
    CommentSerializer,
    ReportCreateSerializer,
    ReportSerializer,
    ThreadSerializer,
)

VERSION_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The id of a published version."
)
NOT_FOUND = error_response("No such published version (code not_found); drafts are not found.")
PAGE_NOT_FOUND = error_response("No such published version, or no such page (code not_found).")
INVALID = OpenApiResponse(
    ValidationErrorSerializer, description="Invalid filter (code invalid, messages per field)."
)


@extend_schema_view(
    list=extend_schema(
        summary="Comments on a published version",
        description=(
            "Threads started on this version, newest first, each with its replies (oldest "
            "first). A comment hidden by moderators keeps its place: its body is null, hidden "
            "is true and hidden_reason gives the moderators' public reason."
        ),
        parameters=[VERSION_ID, CommentListQuerySerializer],
        responses={200: ThreadSerializer(many=True), 400: INVALID, 404: PAGE_NOT_FOUND},
    ),
    create=extend_schema(
        summary="Comment on a published version, or reply to a comment",
        description=(
            "Only while the version takes feedback. With `parent`, a reply: it is about the "
            "paragraph of the comment it answers and has no stance. Answers the comment with "
            "201."
        ),
        parameters=[VERSION_ID],
        request=CommentCreateSerializer,
        responses={
            201: CommentSerializer,
            400: OpenApiResponse(
                ValidationErrorSerializer,
                description=(
                    "Invalid input (code invalid, messages per field in errors), malformed JSON "
                    "(code parse_error), or refused by the rules of feedback: empty, too_long, "
                    "paragraph (not of this version, or not the thread's), reply_stance, "
                    "nested_reply (reply to the first comment of a thread), parent_version."
                ),
            ),
            401: UNAUTHENTICATED,
            403: error_response(
                "Session cookie without a valid CSRF token (code permission_denied)."
            ),
            404: NOT_FOUND,
            409: error_response(
                "The version does not take feedback now: not_yet_open, closed or no_feedback; "
                "or the comment replied to was hidden by moderators (parent_hidden)."
            ),
            429: error_response(
                "Too many comments in a short time (code rate_limited): wait, then retry."
            ),
        },
    ),
)
class VersionCommentViewSet(viewsets.GenericViewSet[Comment]):
    """Mounted at versions/<id>/comments/: `list` and `create` only."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @cached_property
    def published_version(self) -> DocumentVersion:
        # Published only, also for the document's authors: drafts are not part of the API.
        published = DocumentVersion.objects.published()
        return get_object_or_404(published, pk=self.kwargs["id"])

    def get_queryset(self) -> QuerySet[Comment]:
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI schema is being made
            return Comment.objects.none()
        version = self.published_version
        query = CommentListQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        filters = selectors.FeedbackFilters(**query.validated_data)
        # The selector also gives the threads of earlier iterations; here: this version's.
        return selectors.feedback_threads(version=version, filters=filters).filter(version=version)

    def get_serializer_class(self) -> type[BaseSerializer[Comment]]:
        return ThreadSerializer if self.action == "list" else CommentSerializer

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        assert page is not None  # pagination is set for the whole API
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        version = self.published_version
        form = CommentCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        paragraph = None
        if data["paragraph"]:
            anchors = {p.anchor: p for p in selectors.version_paragraphs(version=version)}
            paragraph = anchors.get(data["paragraph"])
            if paragraph is None:
                raise ValidationError(
                    {"paragraph": [_("This version has no paragraph with this anchor.")]}
                )
        parent = None
        if data["parent"] is not None:
            parent = selectors.comment_get(pk=data["parent"])
            if parent is None:
                raise ValidationError({"parent": [_("There is no comment with this id.")]})
        comment = services.comment_create(
            version=version,
            author=signed_in(request),
            body=data["body"],
            language=data["language"],
            stance=data["stance"],
            paragraph=paragraph,
            parent=parent,
            address=client_address(request),
        )
        return Response(
            CommentSerializer(comment, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


class CommentReportView(views.APIView):
    """Mounted at comments/<id>/reports/: `post` only, to report a comment to moderators."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Report a comment to the moderators",
        description=(
            "Once per person and comment, whatever moderators then decide (comments are not "
            "edited: a second report would be of the text they judged). The first report of "
            "a comment is emailed to the moderators. Answers the report with 201."
        ),
        parameters=[
            OpenApiParameter(
                "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The id of a comment."
            )
        ],
        request=ReportCreateSerializer,
        responses={
            201: ReportSerializer,
            400: OpenApiResponse(
                ValidationErrorSerializer,
                description=(
                    "Invalid input (code invalid), or refused: reason_missing, "
                    "reason_too_long, own_comment (one's own comment)."
                ),
            ),
            401: UNAUTHENTICATED,
            403: error_response(
                "Session cookie without a valid CSRF token (code permission_denied)."
            ),
            404: error_response("No such comment on a published version (code not_found)."),
            409: error_response(
                "Already reported by this person (already_reported), or already hidden by "
                "moderators (already_hidden)."
            ),
            429: error_response(
                "Too many reports in a short time (code rate_limited): wait, then retry."
            ),
        },
    )
    def post(self, request: Request, id: int) -> Response:
        comment = selectors.comment_get(pk=id)
        if comment is None or comment.version_id is None:  # boards are not in the API
            raise NotFound()
        form = ReportCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        report = services.report_create(
            comment=comment,
            reporter=signed_in(request),
            reason=form.validated_data["reason"],
            address=client_address(request),
        )
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)
