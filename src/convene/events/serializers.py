"""JSON shapes of the events API.

Serializers only shape data: reads come from selectors, writes go through services, and
every permission question is answered by `rules`. The meeting link is never a field of a
public serializer; a registrant sees it only as `join_link`, and only when
`rules.can_see_join_link` says so.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from convene.core import languages
from convene.core.api import QuerySerializer
from convene.core.serializers import UTCDateTimeField, UTCModelSerializer

from . import rules, selectors, translations
from .models import Event, Registration, Session


def _max_length(model: type[models.Model], name: str) -> int:
    """The model field's limit, so the API refuses with a 400 what the database would refuse."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or field.max_length is None:
        raise TypeError(f"{model.__name__}.{name} has no max_length")
    return field.max_length


def _now(context: dict[str, Any]) -> datetime:
    """One moment per request, so every item of a list is judged at the same time."""
    now = context.get("now")
    return now if isinstance(now, datetime) else timezone.now()


# --- Public ------------------------------------------------------------------


class ShownMixin(serializers.Serializer):
    """What organizers wrote, in the language asked for (`?language=`) where a translation
    exists (attached by the view with `translations.attach_shown`), else as written;
    `shown_in` says which language each of those fields is given in."""

    shown_in = serializers.SerializerMethodField(
        help_text="The language each translatable field is given in: the one asked for where "
        "translated, else the event's own language."
    )
    shown_fields: tuple[str, ...] = ()

    @extend_schema_field(
        serializers.DictField(child=serializers.ChoiceField(choices=languages.CONTENT))
    )
    def get_shown_in(self, owner: Any) -> dict[str, str]:
        shown = getattr(owner, "shown", None)
        if shown is None:
            language = translations.source_language(owner)
            return {name: language for name in self.shown_fields}
        return {name: shown.texts[name].language for name in self.shown_fields}

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        for name in self.shown_fields:
            data[name] = translations.shown_text(instance, name)
        return data


class SessionSerializer(ShownMixin, UTCModelSerializer):
    shown_fields = ("title", "description")
    event: serializers.SlugRelatedField[Event] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    interpretation_languages = serializers.ListField(
        child=serializers.ChoiceField(choices=languages.ALL), read_only=True
    )
    places_left = serializers.IntegerField(read_only=True)
    registration_state = serializers.SerializerMethodField()
    link_reveal_at = UTCDateTimeField(
        read_only=True, help_text="From this moment on, confirmed participants see the join link."
    )

    class Meta:
        model = Session
        fields = [
            "id",
            "event",
            "title",
            "agenda",
            "description",
            "starts_at",
            "ends_at",
            "timezone",
            "interpretation_languages",
            "capacity",
            "places_left",
            "location_type",
            "venue",
            "registration_state",
            "link_reveal_at",
            "shown_in",
        ]
        read_only_fields = fields

    @extend_schema_field(
        serializers.ChoiceField(choices=[state.value for state in rules.RegistrationState])
    )
    def get_registration_state(self, session: Session) -> str:
        return rules.registration_state(session, _now(self.context)).value


class EventSerializer(ShownMixin, UTCModelSerializer):
    shown_fields = ("title", "summary", "description")
    url = serializers.SerializerMethodField(help_text="The event's page on the site.")

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "summary",
            "description",
            "timezone",
            "registration_opens_at",
            "registration_closes_at",
            "language",
            "link_reveal_hours",
            "reminder_hours",
            "code_of_conduct_url",
            "url",
            "shown_in",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, event: Event) -> str:
        # The page address in the default language; the site redirects to the reader's.
        with translation.override(settings.LANGUAGE_CODE):
            path = reverse("events:detail", kwargs={"slug": event.slug})
        request = self.context.get("request")
        return (
            request.build_absolute_uri(path)
            if request is not None
            else f"{settings.SITE_URL}{path}"
        )


class EventDetailSerializer(EventSerializer):
    sessions = SessionSerializer(many=True, read_only=True)

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields, "sessions"]
        read_only_fields = fields


# --- Registration ------------------------------------------------------------


@extend_schema_field(
    {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
)
class AnswerField(serializers.JSONField):
    """A stored answer: text, the option chosen, the options chosen, or "yes" / "no"."""


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string", "nullable": True},
            {"type": "boolean"},
            {"type": "array", "items": {"type": "string"}},
        ]
    }
)
class AnswerInputField(serializers.JSONField):
    """An answer as sent: text, an option, a list of options, a boolean for yes/no questions,
    or null (no answer). `answers.validate_answers` checks it against the question."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_null=True, **kwargs)


class RegistrationSerializer(UTCModelSerializer):
    # Expects `registration.session` loaded with its event (one query less per field).
    session: serializers.PrimaryKeyRelatedField[Session] = serializers.PrimaryKeyRelatedField(
        read_only=True
    )
    waitlist_position = serializers.SerializerMethodField(
        help_text="1 for the first person on the waiting list; null unless waitlisted."
    )
    join_link = serializers.SerializerMethodField(
        help_text="The meeting link: only for confirmed participants, from the reveal time on."
    )
    join_link_available_at = UTCDateTimeField(source="session.link_reveal_at", read_only=True)
    attendance = serializers.ChoiceField(
        choices=Registration.Attendance.choices,
        allow_blank=True,
        read_only=True,
        help_text="At a hybrid session, in_person or online; empty at other sessions.",
    )
    answers = serializers.DictField(
        child=AnswerField(), read_only=True, help_text="Keyed by question id."
    )

    class Meta:
        model = Registration
        fields = [
            "session",
            "status",
            "created_at",
            "confirmed_at",
            "waitlist_position",
            "interpretation_language",
            "needs_data_support",
            "needs_childcare",
            "accessibility_needs",
            "attendance",
            "answers",
            "join_link",
            "join_link_available_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True, min_value=1))
    def get_waitlist_position(self, registration: Registration) -> int | None:
        return selectors.waitlist_position(registration=registration)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_join_link(self, registration: Registration) -> str | None:
        session = registration.session
        if rules.can_see_join_link(registration, session, _now(self.context)):
            return session.meeting_url
        return None


class RegistrationCreateSerializer(serializers.Serializer):
    """What a person sends to register; checked again, with the session's rules, by the service."""

    # Checked against the session's own languages by the service (code "interpretation").
    interpretation_language = serializers.CharField(
        allow_blank=True,
        default="",
        max_length=_max_length(Registration, "interpretation_language"),
        help_text="One of the session's interpretation_languages, or empty.",
    )
    needs_data_support = serializers.BooleanField(default=False)
    needs_childcare = serializers.BooleanField(default=False)
    accessibility_needs = serializers.CharField(
        allow_blank=True,
        default="",
        max_length=_max_length(Registration, "accessibility_needs"),
    )
    # Checked against the session's location by the service (code "attendance").
    attendance = serializers.ChoiceField(
        choices=Registration.Attendance.choices,
        allow_blank=True,
        default="",
        help_text="Hybrid sessions only, and required there: in_person or online.",
    )
    answers = serializers.DictField(
        child=AnswerInputField(),
        default=dict,
        help_text="Answers to the event's registration questions, keyed by question id.",
    )
    accept_code_of_conduct = serializers.BooleanField(
        help_text="Must be true: the person accepts the event's code of conduct."
    )


# --- Query parameters ----------------------------------------------------------


class ContentLanguageQuerySerializer(QuerySerializer):
    language = serializers.ChoiceField(
        choices=languages.CONTENT,
        required=False,
        help_text=(
            "Give what organizers wrote (titles, summaries, descriptions) in this language "
            "where translated; each field not translated stays in the event's language "
            "(see shown_in). Without it: as the organizers wrote it."
        ),
    )


class EventListQuerySerializer(ContentLanguageQuerySerializer):
    when = serializers.ChoiceField(
        choices=["upcoming", "past"],
        required=False,
        help_text=(
            "upcoming: events not yet over, soonest first; past: events over, latest first. "
            "Without it: every published event, newest first."
        ),
    )


class SessionListQuerySerializer(ContentLanguageQuerySerializer):
    event = serializers.SlugField(required=False, help_text="Only the sessions of this event.")
