"""The live questions JSON API: a session's questions, asking, voting.

Views stay thin: they parse input, read with selectors, write with services, and leave a
refused action (`ServiceError`) to `convene.core.api`, which answers it with the HTTP status
of its code. The sessions of unpublished events do not exist here, for anybody, their
organizers included.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import cached_property
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response

from convene.accounts.users import signed_in
from convene.core.api import (
    FORBIDDEN,
    INVALID,
    UNAUTHENTICATED,
    ValidationErrorSerializer,
    error_response,
)
from convene.core.ratelimit import client_address
from convene.events.models import Session

from . import selectors, services
from .models import Question
from .serializers import QuestionAskSerializer, QuestionListQuerySerializer, QuestionSerializer

SESSION_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The id of a session."
)
SESSION_NOT_FOUND = error_response("No such session of a published event (code not_found).")
QUESTION_NOT_FOUND = error_response("No such question in a published event (code not_found).")


def _as_listed(entries: Iterable[selectors.Entry]) -> Iterator[Question]:
    """The questions in the order of the live page: each with its duplicates, then its
    follow-ups (with theirs)."""
    for entry in entries:
        yield entry.question
        yield from entry.duplicates
        yield from _as_listed(entry.follow_ups)


@extend_schema_view(
    list=extend_schema(
        summary="Live questions of a session",
        description=(
            "Every question of the session, merged duplicates and follow-ups included, in the "
            "order of the live page: with those of the other editions of its agenda when the "
            "editions share their questions (each says its session and edition)."
        ),
        parameters=[SESSION_ID, QuestionListQuerySerializer],
        responses={200: QuestionSerializer(many=True), 400: INVALID, 404: SESSION_NOT_FOUND},
    ),
    create=extend_schema(
        summary="Ask a question in a session",
        description="While questions are open: from publication until the session ends.",
        parameters=[SESSION_ID],
        request=QuestionAskSerializer,
        responses={
            201: QuestionSerializer,
            400: OpenApiResponse(
                ValidationErrorSerializer,
                description=(
                    "Invalid input (code invalid, messages per field in errors), malformed JSON "
                    "(code parse_error), an empty question (question_empty) or one too long "
                    "(question_too_long)."
                ),
            ),
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: SESSION_NOT_FOUND,
            409: error_response("The session does not take questions (code not_open or closed)."),
            429: error_response(
                "Too many questions in a short time (code rate_limited): wait, then retry."
            ),
        },
    ),
)
class SessionQuestionViewSet(viewsets.GenericViewSet[Question]):
    """Mounted at sessions/<id>/questions/: `list` and `create` only."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = QuestionSerializer  # also what OPTIONS describes

    @cached_property
    def session(self) -> Session:
        sessions = selectors.with_pool(Session.objects.published().select_related("event"))
        return get_object_or_404(sessions, pk=self.kwargs["id"])

    # The list is read with `selectors.session_questions`; this only names the model (OpenAPI).
    queryset = Question.objects.none()

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["voted"] = selectors.user_voted_question_ids(
            user=self.request.user, session=self.session
        )
        return context

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        query = QuestionListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        entries = selectors.session_questions(
            session=self.session, sort=query.validated_data["sort"]
        )
        page = self.paginate_queryset(list(_as_listed(entries)))  # type: ignore[arg-type]
        assert page is not None  # pagination is set for the whole API
        serializer = QuestionSerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        session = self.session
        form = QuestionAskSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        question = services.question_ask(
            session=session,
            author=signed_in(request),
            address=client_address(request),
            **form.validated_data,
        )
        return Response(
            QuestionSerializer(question, context={"request": request, "voted": set()}).data,
            status=status.HTTP_201_CREATED,
        )


@extend_schema_view(
    retrieve=extend_schema(
        summary="One live question", responses={200: QuestionSerializer, 404: QUESTION_NOT_FOUND}
    ),
)
class QuestionViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet[Question]):
    serializer_class = QuestionSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> QuerySet[Question]:
        return Question.objects.published().select_related("author", "session__event")

    def _respond(self, question: Question) -> Response:
        voted = selectors.user_voted_question_ids(user=self.request.user, session=question.session)
        context = {**self.get_serializer_context(), "voted": voted}
        return Response(QuestionSerializer(question, context=context).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._respond(self.get_object())

    @extend_schema(
        summary="Vote for a question",
        description="One vote per person and question, while the session is open for questions.",
        request=None,
        responses={
            200: QuestionSerializer,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: QUESTION_NOT_FOUND,
            409: error_response(
                "Already voted (code already_voted), the question was merged into another one "
                "(merged) or hidden by the hosts (hidden), or voting is closed for the session "
                "and for every other edition sharing its questions (closed)."
            ),
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def vote(self, request: Request, pk: str | None = None) -> Response:
        question = self.get_object()
        question = services.vote(question=question, user=signed_in(request))
        return self._respond(question)

    @extend_schema(
        summary="Withdraw your vote for a question",
        request=None,
        responses={
            200: QuestionSerializer,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: QUESTION_NOT_FOUND,
            409: error_response(
                "You have not voted for it (code not_voted), the question was merged into "
                "another one (merged), or voting is closed for the session (closed)."
            ),
        },
    )
    @vote.mapping.delete
    def unvote(self, request: Request, pk: str | None = None) -> Response:
        question = self.get_object()
        question = services.unvote(question=question, user=signed_in(request))
        return self._respond(question)
