"""The open-space JSON API: open spaces with their grid and marketplace, the harvest once
published, series of meetings; proposing, placing, showing interest in, joining and
withdrawing topics.

Views stay thin: they parse input, read with `selectors_api`, change with `services`, and
leave a refusal (`ServiceError`) to `convene.core.api`, which answers it with the HTTP status
of its code. Open spaces of unpublished events do not exist here, for anybody. No answer
has a room's meeting link or anyone's email address.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from convene.accounts.users import signed_in
from convene.core.api import (
    FORBIDDEN,
    PAGE_NOT_FOUND,
    UNAUTHENTICATED,
    ValidationErrorSerializer,
    error_response,
)
from convene.core.ratelimit import client_address

from . import selectors_api, services
from .models import OpenSpace, Topic
from .serializers import (
    HarvestSerializer,
    InterestSerializer,
    JoinSerializer,
    OpenSpaceDetailSerializer,
    OpenSpaceSerializer,
    SeriesSerializer,
    TopicPlaceSerializer,
    TopicProposeSerializer,
    TopicSerializer,
    WithdrawSerializer,
)

SLUG = OpenApiParameter(
    "slug", OpenApiTypes.STR, OpenApiParameter.PATH, description="The slug of the event."
)
TOPIC_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The id of a topic."
)
SERIES_SLUG = OpenApiParameter(
    "slug", OpenApiTypes.STR, OpenApiParameter.PATH, description="The slug of the series."
)
NOT_FOUND = error_response("No open space of a published event has this slug (code not_found).")
TOPIC_NOT_FOUND = error_response(
    "No such open space of a published event, or no such topic in it (code not_found)."
)
SIGNED_IN_FORBIDDEN = "Session cookie without a valid CSRF token (code permission_denied)"


def _open_space(slug: str) -> OpenSpace:
    open_space = selectors_api.open_space_get(slug=slug)
    if open_space is None:
        raise NotFound()
    return open_space


def _invalid(description: str) -> OpenApiResponse:
    return OpenApiResponse(
        ValidationErrorSerializer,
        description=f"Invalid input (code invalid, messages per field in errors), malformed "
        f"JSON (code parse_error){description}.",
    )


def _forbidden(description: str) -> OpenApiResponse:
    return OpenApiResponse(FORBIDDEN.response, description=f"{SIGNED_IN_FORBIDDEN}{description}.")


# --- Reads ----------------------------------------------------------------------------


@extend_schema(
    summary="Open spaces",
    description="Every open space of a published event, newest first.",
    responses={200: OpenSpaceSerializer(many=True), 404: PAGE_NOT_FOUND},
)
class OpenSpaceListView(generics.ListAPIView[OpenSpace]):
    permission_classes = [AllowAny]
    serializer_class = OpenSpaceSerializer

    def get_queryset(self) -> QuerySet[OpenSpace]:
        return selectors_api.open_spaces_listed()


class OpenSpaceDetailView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="open_spaces_retrieve",
        summary="One open space: its grid and marketplace",
        description=(
            "The event, its co-hosts, time slots (UTC), rooms (never their meeting links) and "
            "topics, on the grid and proposed, with how many people would like to be at each "
            "and how many are. `grid_version` grows with every change of the grid."
        ),
        parameters=[SLUG],
        responses={200: OpenSpaceDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        detail = selectors_api.open_space_detail(slug=slug)
        if detail is None:
            raise NotFound()
        return Response(OpenSpaceDetailSerializer(detail).data)


class HarvestView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="open_spaces_harvest_retrieve",
        summary="The harvest of an open space",
        description=(
            "Once its organizers publish it (before, for them only): every topic on the grid "
            "or proposed, with its time slot and room, the latest version of its notes in each "
            "language and its actions."
        ),
        parameters=[SLUG],
        responses={
            200: HarvestSerializer,
            404: error_response(
                "No open space of a published event has this slug, or its harvest is not "
                "published yet (code not_found)."
            ),
        },
    )
    def get(self, request: Request, slug: str) -> Response:
        open_space = _open_space(slug)
        if not selectors_api.harvest_visible(request.user, open_space):
            raise NotFound()
        harvest = selectors_api.harvest(open_space=open_space)
        data = {
            "event": open_space.event.slug,
            "title": open_space.event.title,
            "harvest_published_at": open_space.harvest_published_at,
            "topics": harvest.topics,
            "actions": harvest.actions.get(None, []),
        }
        context = {"notes": harvest.notes, "actions": harvest.actions}
        return Response(HarvestSerializer(data, context=context).data)


class SeriesDetailView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="series_retrieve",
        summary="A series of meetings",
        description="A published series with its meetings of published events, earliest first.",
        parameters=[SERIES_SLUG],
        responses={
            200: SeriesSerializer,
            404: error_response("No published series has this slug (code not_found)."),
        },
    )
    def get(self, request: Request, slug: str) -> Response:
        series = selectors_api.series_get(slug=slug)
        if series is None:
            raise NotFound()
        return Response(SeriesSerializer(series).data)


# --- Changes --------------------------------------------------------------------------


def _topic_answer(topic: Topic, code: int = status.HTTP_200_OK) -> Response:
    return Response(TopicSerializer(selectors_api.topic_shown(topic=topic)).data, status=code)


class TopicProposeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="open_spaces_topics_create",
        summary="Propose a topic",
        description=(
            "For the event's confirmed participants and organizers, until the last time slot "
            "ends. Answers the topic with 201."
        ),
        parameters=[SLUG],
        request=TopicProposeSerializer,
        responses={
            201: TopicSerializer,
            400: _invalid(" (a title of spaces only is invalid too)"),
            401: UNAUTHENTICATED,
            403: _forbidden(", or you are not registered for the event (code not_registered)"),
            404: NOT_FOUND,
            409: error_response("The open space is over (code closed)."),
            429: error_response("Too many topics in a short while (code rate_limited)."),
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        open_space = _open_space(slug)
        form = TopicProposeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        topic = services.topic_propose(
            open_space=open_space,
            convener=signed_in(request),
            title=data["title"],
            description=data["description"],
            topic_languages=list(data["languages"]),
            wants_interpretation=data["wants_interpretation"],
            wants_note_taker=data["wants_note_taker"],
            address=client_address(request),
        )
        return _topic_answer(topic, status.HTTP_201_CREATED)


class _TopicView(APIView):
    permission_classes = [IsAuthenticated]

    def _topic(self, slug: str, id: int) -> Topic:
        topic = selectors_api.topic_get(open_space=_open_space(slug), pk=id)
        if topic is None:
            raise NotFound()
        return topic

    def _form(self, serializer: type[Serializer], **context: Any) -> dict[str, Any]:
        form = serializer(data=self.request.data, context=context)
        form.is_valid(raise_exception=True)
        return dict(form.validated_data)


class TopicPlaceView(_TopicView):
    @extend_schema(
        operation_id="open_spaces_topics_place",
        summary="Place a topic in a time slot and room",
        description=(
            "The convener places their topic (or moves it); organizers any, saying why when "
            "they move someone else's. The place must be free and its slot not over."
        ),
        parameters=[SLUG, TOPIC_ID],
        request=TopicPlaceSerializer,
        responses={
            200: TopicSerializer,
            400: _invalid(
                ", a slot or room not of this open space (code invalid), no reason where one "
                "is needed (reason) or one too long (too_long)"
            ),
            401: UNAUTHENTICATED,
            403: _forbidden(", or you are neither its convener nor an organizer (forbidden)"),
            404: TOPIC_NOT_FOUND,
            409: error_response(
                "Another topic is in this room at this time (code taken), the slot is over "
                "(slot_over), the open space is over (closed), or the topic was withdrawn or "
                "merged (withdrawn)."
            ),
        },
    )
    def post(self, request: Request, slug: str, id: int) -> Response:
        topic = self._topic(slug, id)
        data = self._form(TopicPlaceSerializer, open_space=topic.open_space)
        topic = services.topic_place(
            topic=topic,
            user=signed_in(request),
            slot=data["slot"],
            room=data["room"],
            reason=data["reason"],
        )
        return _topic_answer(topic)


class TopicInterestView(_TopicView):
    @extend_schema(
        operation_id="open_spaces_topics_interest",
        summary="Show (or take back) your interest in a topic",
        parameters=[SLUG, TOPIC_ID],
        request=InterestSerializer,
        responses={
            200: TopicSerializer,
            400: _invalid(""),
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: TOPIC_NOT_FOUND,
            409: error_response("The topic was withdrawn or merged (code withdrawn)."),
        },
    )
    def post(self, request: Request, slug: str, id: int) -> Response:
        topic = self._topic(slug, id)
        data = self._form(InterestSerializer)
        services.interest_set(topic=topic, user=signed_in(request), interested=data["interested"])
        return _topic_answer(topic)


class TopicJoinView(_TopicView):
    @extend_schema(
        operation_id="open_spaces_topics_join",
        summary="Say you are at a topic",
        description=(
            "For confirmed participants, until its time slot ends: one topic per person and "
            "slot; `move` leaves the one you are at in that slot."
        ),
        parameters=[SLUG, TOPIC_ID],
        request=JoinSerializer,
        responses={
            200: TopicSerializer,
            400: _invalid(""),
            401: UNAUTHENTICATED,
            403: _forbidden(", or you are not registered for the event (code not_registered)"),
            404: TOPIC_NOT_FOUND,
            409: error_response(
                "You are at another topic in this slot and did not ask to move (code "
                "already_there), the topic is not on the grid (not_placed) or its slot is "
                "over (slot_over)."
            ),
        },
    )
    def post(self, request: Request, slug: str, id: int) -> Response:
        topic = self._topic(slug, id)
        data = self._form(JoinSerializer)
        services.presence_set(topic=topic, user=signed_in(request), move=data["move"])
        return _topic_answer(topic)


class TopicWithdrawView(_TopicView):
    @extend_schema(
        operation_id="open_spaces_topics_withdraw",
        summary="Withdraw a topic",
        description=(
            "Its convener withdraws it; organizers any, saying why. It leaves the grid and "
            "the people at it are no longer there."
        ),
        parameters=[SLUG, TOPIC_ID],
        request=WithdrawSerializer,
        responses={
            200: TopicSerializer,
            400: _invalid(", no reason where one is needed (reason) or one too long (too_long)"),
            401: UNAUTHENTICATED,
            403: _forbidden(", or you are neither its convener nor an organizer (forbidden)"),
            404: TOPIC_NOT_FOUND,
            409: error_response("The topic was already withdrawn or merged (code withdrawn)."),
        },
    )
    def post(self, request: Request, slug: str, id: int) -> Response:
        topic = self._topic(slug, id)
        data = self._form(WithdrawSerializer)
        topic = services.topic_withdraw(topic=topic, user=signed_in(request), reason=data["reason"])
        return _topic_answer(topic)
