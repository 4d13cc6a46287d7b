"""The events JSON API: public reads of published events and sessions, and registration.

Views stay thin: they parse input, read with selectors, write with services, and leave a
refused action (`ServiceError`) to `convene.core.api`, which answers it with the HTTP status
of its code. Unpublished events do not exist here, for anybody: the API answers 404 for them
and their sessions.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.fields import get_error_detail
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from convene.accounts.models import User
from convene.accounts.users import signed_in
from convene.core.api import (
    FORBIDDEN,
    INVALID,
    PAGE_NOT_FOUND,
    UNAUTHENTICATED,
    NowContextMixin,
    QuerySerializer,
    ValidationErrorSerializer,
    error_response,
)

from . import selectors, services, translations
from .models import Event, Registration, Session
from .serializers import (
    ContentLanguageQuerySerializer,
    EventDetailSerializer,
    EventListQuerySerializer,
    EventSerializer,
    RegistrationCreateSerializer,
    RegistrationSerializer,
    SessionListQuerySerializer,
    SessionSerializer,
)

NOT_FOUND = error_response("No such published event or session (code not_found).")


class ContentLanguageMixin:
    """Lists and items in the language of `?language=` (`translations.attach_shown`, one
    query), for the serializers' `ShownMixin`."""

    content_language = ""

    def read_content_language(self, query: QuerySerializer) -> None:
        query.is_valid(raise_exception=True)
        self.content_language = query.validated_data.get("language", "")

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        if args and self.content_language:
            items = args[0] if isinstance(args[0], list) else [args[0]]
            sessions = [
                session
                for item in items
                if isinstance(item, Event)
                and "sessions" in getattr(item, "_prefetched_objects_cache", {})
                for session in item.sessions.all()
            ]
            translations.attach_shown([*items, *sessions], language=self.content_language)
        return super().get_serializer(*args, **kwargs)  # type: ignore[misc]


@extend_schema_view(
    list=extend_schema(
        summary="Published events",
        parameters=[EventListQuerySerializer],
        responses={200: EventSerializer(many=True), 400: INVALID, 404: PAGE_NOT_FOUND},
    ),
    retrieve=extend_schema(
        summary="One published event, with its sessions",
        parameters=[ContentLanguageQuerySerializer],
        responses={200: EventDetailSerializer, 400: INVALID, 404: NOT_FOUND},
    ),
)
class EventViewSet(ContentLanguageMixin, NowContextMixin, viewsets.ReadOnlyModelViewSet[Event]):
    lookup_field = "slug"
    permission_classes = [AllowAny]

    def get_queryset(self) -> QuerySet[Event]:
        if self.action != "list":
            self.read_content_language(
                ContentLanguageQuerySerializer(data=self.request.query_params)
            )
            sessions = Session.objects.order_by("starts_at", "pk")
            return Event.objects.published().prefetch_related(
                Prefetch("sessions", queryset=sessions)
            )
        query = EventListQuerySerializer(data=self.request.query_params)
        self.read_content_language(query)
        # Published only, also for organizers: drafts are not part of the public API.
        events = Event.objects.published()
        when = query.validated_data.get("when")
        if when == "upcoming":
            return events.upcoming(timezone.now())
        if when == "past":
            return events.past(timezone.now())
        return events.with_bounds().order_by("-created_at", "-pk")

    def get_serializer_class(self) -> type[BaseSerializer[Event]]:
        return EventDetailSerializer if self.action == "retrieve" else EventSerializer


@extend_schema_view(
    list=extend_schema(
        summary="Sessions of published events",
        parameters=[SessionListQuerySerializer],
        responses={200: SessionSerializer(many=True), 400: INVALID, 404: PAGE_NOT_FOUND},
    ),
    retrieve=extend_schema(
        summary="One session",
        parameters=[ContentLanguageQuerySerializer],
        responses={200: SessionSerializer, 400: INVALID, 404: NOT_FOUND},
    ),
)
class SessionViewSet(ContentLanguageMixin, NowContextMixin, viewsets.ReadOnlyModelViewSet[Session]):
    serializer_class = SessionSerializer
    permission_classes = [AllowAny]

    def get_queryset(self) -> QuerySet[Session]:
        sessions = Session.objects.published().select_related("event").order_by("starts_at", "pk")
        if self.action == "list":
            query = SessionListQuerySerializer(data=self.request.query_params)
            self.read_content_language(query)
            if slug := query.validated_data.get("event"):
                sessions = sessions.filter(event__slug=slug)
        elif self.action == "retrieve":
            self.read_content_language(
                ContentLanguageQuerySerializer(data=self.request.query_params)
            )
        return sessions

    # --- The caller's registration for this session ---------------------------

    @extend_schema(
        summary="Your registration for this session",
        responses={
            200: RegistrationSerializer,
            401: UNAUTHENTICATED,
            404: error_response(
                "No such session, or you are not registered (code not_registered)."
            ),
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="registration",
        permission_classes=[IsAuthenticated],
        serializer_class=RegistrationSerializer,
    )
    def registration(self, request: Request, pk: str | None = None) -> Response:
        registration = _own_registration(signed_in(request), self.get_object())
        return Response(
            RegistrationSerializer(registration, context=self.get_serializer_context()).data
        )

    @extend_schema(
        summary="Register for this session",
        description=(
            "Confirmed while places are left, else on the waiting list (first come, first "
            "served). Answers the registration with 201."
        ),
        request=RegistrationCreateSerializer,
        responses={
            201: RegistrationSerializer,
            400: OpenApiResponse(
                ValidationErrorSerializer,
                description=(
                    "Invalid input (code invalid, messages per field in errors; answers keyed "
                    "by question id), malformed JSON (code parse_error), the code of conduct "
                    "not accepted (code code_of_conduct), an interpretation language the "
                    "session does not offer (code interpretation), or attendance missing at a "
                    "hybrid session or given at another (code attendance)."
                ),
            ),
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: error_response(
                "Already registered (code already_registered), or registration is not open: "
                "registration_not_yet_open, registration_closed (the event's deadline has "
                "passed) or registration_started (the session has begun)."
            ),
        },
    )
    @registration.mapping.post
    def registration_create(self, request: Request, pk: str | None = None) -> Response:
        session = self.get_object()
        form = RegistrationCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        needs = services.Needs(
            interpretation_language=data["interpretation_language"],
            data_support=data["needs_data_support"],
            childcare=data["needs_childcare"],
            accessibility=data["accessibility_needs"],
            attendance=data["attendance"],
            answers=data["answers"],
        )
        try:
            registration = services.registration_create(
                session=session,
                user=signed_in(request),
                needs=needs,
                accepted_code_of_conduct=data["accept_code_of_conduct"],
            )
        except DjangoValidationError as error:
            raise ValidationError({"answers": get_error_detail(error)}) from error
        return Response(
            RegistrationSerializer(registration, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Cancel your registration for this session",
        description="A place freed goes to the first person on the waiting list.",
        responses={
            204: None,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: error_response(
                "No such session, or you are not registered (code not_registered)."
            ),
            409: error_response(
                "The registration is already cancelled (code already_cancelled), or the "
                "session has started (code session_started)."
            ),
        },
    )
    @registration.mapping.delete
    def registration_cancel(self, request: Request, pk: str | None = None) -> Response:
        registration = _own_registration(signed_in(request), self.get_object())
        services.registration_cancel(registration=registration)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _own_registration(user: User, session: Session) -> Registration:
    registration = selectors.user_registration(user=user, session=session)
    if registration is None:
        raise NotFound(_("You are not registered for this session."), code="not_registered")
    registration.session = session  # already loaded, with its event
    return registration
