"""JSON shapes of the open-space API: open spaces, their grid and marketplace, the harvest,
series, and what a caller sends to propose, place, join and withdraw topics.

Serializers only shape data: reads come from `selectors_api`, changes go through
`services`. No shape here has a room's meeting link or anyone's email address: people are
given by their public name, and a room by its name, kind and place in a venue.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from convene.core import languages
from convene.core.serializers import UTCDateTimeField

from .models import (
    REASON_MAX_LENGTH,
    TOPIC_DESCRIPTION_MAX_LENGTH,
    TOPIC_TITLE_MAX_LENGTH,
    Action,
    NoteVersion,
    Room,
    Slot,
    Topic,
)

TOPIC_STATUSES = Topic.Status.choices
ROOM_KINDS = Room.Kind.choices
# The languages people write in, named: the schema's LanguageEnum (ENUM_NAME_OVERRIDES).
CONTENT_LANGUAGES = languages.choices(languages.CONTENT)


def _person(user: Any) -> str | None:
    """Someone as others see them (never their email); None once the account is erased."""
    return str(user.public_name) if user is not None else None


# --- Reads ----------------------------------------------------------------------------


class OpenSpaceSerializer(serializers.Serializer):
    """An open space in the list (`selectors_api.open_spaces_listed`)."""

    event = serializers.SlugField(source="event.slug", help_text="The event's slug.")
    title = serializers.CharField(source="event.title", help_text="The event's title.")
    starts_at = UTCDateTimeField(
        allow_null=True, help_text="When its first time slot starts (UTC); null without slots."
    )
    ends_at = UTCDateTimeField(
        allow_null=True, help_text="When its last time slot ends (UTC); null without slots."
    )
    harvest_published = serializers.SerializerMethodField(
        help_text="Whether its harvest (notes and actions of every topic) is published."
    )
    harvest_published_at = UTCDateTimeField(allow_null=True)
    is_sample = serializers.BooleanField(help_text="Sample data, not a real open space.")

    def get_harvest_published(self, open_space: Any) -> bool:
        return open_space.harvest_published_at is not None


class OrganizationRefSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.SlugField(help_text="Its slug in the registry of organizations.")


class CohostsSerializer(serializers.Serializer):
    organizations = OrganizationRefSerializer(
        many=True, help_text="Co-hosting organizations of the registry."
    )
    networks = serializers.ListField(
        child=serializers.CharField(),
        help_text="Names of co-hosting networks that are not in the registry.",
    )


class SlotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    starts_at = UTCDateTimeField(help_text="UTC.")
    ends_at = UTCDateTimeField(help_text="UTC.")


class RoomSerializer(serializers.Serializer):
    """A room, without its meeting link (given on the site to confirmed participants)."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=ROOM_KINDS)
    place = serializers.SerializerMethodField(
        help_text="Where the room is in the venue; null for an online room."
    )

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_place(self, room: Room) -> str | None:
        return room.place if room.kind == Room.Kind.VENUE else None


class TopicSerializer(serializers.Serializer):
    """A topic of the marketplace or the grid (`present_count` annotated by the selector)."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField(help_text="A few lines about it (plain text).")
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=CONTENT_LANGUAGES),
        help_text="The languages it is held in.",
    )
    status = serializers.ChoiceField(choices=TOPIC_STATUSES)
    slot = serializers.IntegerField(
        source="slot_id", allow_null=True, help_text="The id of its time slot; null if unplaced."
    )
    room = serializers.IntegerField(
        source="room_id", allow_null=True, help_text="The id of its room; null if unplaced."
    )
    convener = serializers.SerializerMethodField(
        help_text="The convener's public name; null once their account is erased."
    )
    interest_count = serializers.IntegerField(help_text="How many people would like to be at it.")
    present_count = serializers.IntegerField(help_text="How many people say they are at it.")
    wants_interpretation = serializers.BooleanField()
    wants_note_taker = serializers.BooleanField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_convener(self, topic: Topic) -> str | None:
        return _person(topic.convener)


class OpenSpaceDetailSerializer(OpenSpaceSerializer):
    """An open space with its co-hosts, grid and marketplace (`selectors_api.OpenSpaceDetail`)."""

    cohosts = CohostsSerializer()
    slots = SlotSerializer(many=True, help_text="Its time slots, the earliest first.")
    rooms = RoomSerializer(many=True, help_text="Its rooms, in their order.")
    topics = TopicSerializer(
        many=True, help_text="Its topics on the grid and proposed, in the order proposed."
    )
    grid_version = serializers.IntegerField(
        help_text="Grows with every change of the grid: read it again when it grew."
    )


class NoteSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=CONTENT_LANGUAGES)
    number = serializers.IntegerField(help_text="The version: 1, then one more at each save.")
    body = serializers.CharField(help_text="Markdown.")
    author = serializers.SerializerMethodField(
        help_text="Who saved this version (public name); null once their account is erased."
    )
    saved_at = UTCDateTimeField(source="created_at")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_author(self, version: NoteVersion) -> str | None:
        return _person(version.author)


class ActionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    what = serializers.CharField()
    who = serializers.CharField(help_text="Who does it, as written; may be empty.")
    due_on = serializers.DateField(allow_null=True, help_text="By when (a calendar day).")
    done = serializers.SerializerMethodField()
    done_at = UTCDateTimeField(allow_null=True)
    takers_count = serializers.IntegerField(help_text="How many people took it on.")
    carried_from = serializers.IntegerField(
        source="carried_from_id",
        allow_null=True,
        help_text="The id of the action of an earlier meeting it continues.",
    )

    def get_done(self, action: Action) -> bool:
        return action.done_at is not None


class HarvestTopicSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    languages = serializers.ListField(child=serializers.ChoiceField(choices=CONTENT_LANGUAGES))
    status = serializers.ChoiceField(choices=TOPIC_STATUSES)
    convener = serializers.SerializerMethodField(
        help_text="The convener's public name; null once their account is erased."
    )
    slot = SlotSerializer(allow_null=True, help_text="Where it was held; null if never placed.")
    room = RoomSerializer(allow_null=True)
    notes = serializers.SerializerMethodField(
        help_text="The latest version of its notes in each language."
    )
    actions = serializers.SerializerMethodField(help_text="Its actions, in the order written.")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_convener(self, topic: Topic) -> str | None:
        return _person(topic.convener)

    @extend_schema_field(NoteSerializer(many=True))
    def get_notes(self, topic: Topic) -> Any:
        return NoteSerializer(self.context["notes"].get(topic.pk, []), many=True).data

    @extend_schema_field(ActionSerializer(many=True))
    def get_actions(self, topic: Topic) -> Any:
        return ActionSerializer(self.context["actions"].get(topic.pk, []), many=True).data


class HarvestSerializer(serializers.Serializer):
    event = serializers.SlugField(help_text="The event's slug.")
    title = serializers.CharField(help_text="The event's title.")
    harvest_published_at = UTCDateTimeField(
        allow_null=True, help_text="Null while only its organizers read it."
    )
    topics = HarvestTopicSerializer(many=True, help_text="Its topics, in the order of the grid.")
    actions = ActionSerializer(many=True, help_text="Actions of the open space, of no topic.")


class SeriesMeetingSerializer(serializers.Serializer):
    event = serializers.SlugField(source="event.slug", help_text="The event's slug.")
    title = serializers.CharField(source="event.title")
    starts_at = UTCDateTimeField(
        allow_null=True, help_text="When the event's first session starts (UTC)."
    )
    is_open_space = serializers.BooleanField(
        help_text="Whether the event is an open space (see /api/v1/open-spaces/{event}/)."
    )


class SeriesSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    description = serializers.CharField(help_text="Markdown.")
    language = serializers.ChoiceField(choices=CONTENT_LANGUAGES)
    meetings = SeriesMeetingSerializer(
        many=True, source="meetings_shown", help_text="Its meetings, the earliest first."
    )


# --- Input ----------------------------------------------------------------------------
# A value of another JSON type than the schema says is refused, not converted: 0 is not the
# title "0", nor "true" a yes.


class TextField(serializers.CharField):
    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return str(super().to_internal_value(data))


class YesNoField(serializers.BooleanField):
    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class IdField(serializers.PrimaryKeyRelatedField[Any]):
    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, int) or isinstance(data, bool):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


class TopicProposeSerializer(serializers.Serializer):
    title = TextField(max_length=TOPIC_TITLE_MAX_LENGTH)
    description = TextField(max_length=TOPIC_DESCRIPTION_MAX_LENGTH, allow_blank=True, default="")
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=CONTENT_LANGUAGES),
        min_length=1,
        max_length=len(languages.CONTENT),
        help_text="The languages it will be held in.",
    )
    wants_interpretation = YesNoField(default=False)
    wants_note_taker = YesNoField(default=False)


class TopicPlaceSerializer(serializers.Serializer):
    """Where to put a topic: a slot and a room of the open space (`context["open_space"]`)."""

    slot: IdField = IdField(
        queryset=Slot.objects.all(), help_text="The id of a time slot of this open space."
    )
    room: IdField = IdField(
        queryset=Room.objects.all(), help_text="The id of a room of this open space."
    )
    reason = TextField(
        max_length=REASON_MAX_LENGTH,
        allow_blank=True,
        default="",
        help_text="Why, for the convener: required when organizers move someone else's topic.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        open_space = self.context.get("open_space")
        if open_space is not None:
            self.fields["slot"].queryset = Slot.objects.filter(open_space=open_space)  # type: ignore[attr-defined]
            self.fields["room"].queryset = Room.objects.filter(open_space=open_space)  # type: ignore[attr-defined]


class InterestSerializer(serializers.Serializer):
    interested = YesNoField(
        help_text="True to show your interest in the topic, false to take it back."
    )


class JoinSerializer(serializers.Serializer):
    move = YesNoField(
        default=False,
        help_text="Leave the topic you are at in the same time slot for this one.",
    )


class WithdrawSerializer(serializers.Serializer):
    reason = TextField(
        max_length=REASON_MAX_LENGTH,
        allow_blank=True,
        default="",
        help_text="Why, for the convener: required when organizers withdraw someone's topic.",
    )
