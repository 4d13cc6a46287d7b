"""What organizers type to create an open space and set it up: the event and its co-hosts,
time slots (a day and times in the event's time zone), rooms."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from convene.core.errors import ServiceError
from convene.core.forms import aware_in_zone
from convene.events.models import Event
from convene.organizations.models import Organization

from .models import Room

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def network_lines(text: str) -> list[str]:
    return text.splitlines()


class RefusalMixin:
    """A service's refusal shown at the field it is about (by its code), else at the top."""

    FIELD_OF_CODE: dict[str, str] = {}

    def add_refusal(self, error: ServiceError) -> None:
        self.add_error(self.FIELD_OF_CODE.get(error.code), error.message)  # type: ignore[attr-defined]


class OrganizationChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return f"{obj.name} ({obj.code})"


def _cohosts_field() -> OrganizationChoices:
    return OrganizationChoices(
        label=_("Co-hosting organizations"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Recognized organizations of the registry. Choose as many as host with you "
            "(Ctrl or ⌘ and click, on a computer)."
        ),
    )


def _networks_field() -> forms.CharField:
    return forms.CharField(
        label=_("Other co-hosting networks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Networks that are not in the registry, one name a line."),
    )


class OpenSpaceNewForm(RefusalMixin, forms.Form):
    FIELD_OF_CODE = {
        "has_open_space": "event",
        "forbidden": "event",
        "organization_inactive": "cohosts",
        "too_long": "networks",
        "too_many": "networks",
        "null_character": "networks",
    }

    event = forms.ModelChoiceField(
        label=_("Event"),
        queryset=Event.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=_("One of the events you organize that is not yet an open space."),
        error_messages={
            "required": _("Choose the event to run as an open space."),
            "invalid_choice": _("Choose one of the events listed."),
        },
    )

    def __init__(
        self,
        *args: Any,
        events: QuerySet[Event],
        organizations: QuerySet[Organization],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events  # type: ignore[attr-defined]
        self.fields["cohosts"] = _cohosts_field()
        self.fields["cohosts"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["networks"] = _networks_field()


class CohostsForm(RefusalMixin, forms.Form):
    """The co-hosts and the sample-data flag of an open space."""

    FIELD_OF_CODE = {
        "organization_inactive": "cohosts",
        "too_long": "networks",
        "too_many": "networks",
        "null_character": "networks",
    }

    is_sample = forms.BooleanField(
        label=_("This open space holds sample data"),
        required=False,
        help_text=_("Every page of it then says so."),
    )

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cohosts"] = _cohosts_field()
        self.fields["cohosts"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["networks"] = _networks_field()
        self.order_fields(["cohosts", "networks", "is_sample"])


class SlotForm(RefusalMixin, forms.Form):
    """A time slot: its day and times as the clocks of the event's time zone show them."""

    FIELD_OF_CODE = {
        "ends_before_start": "ends",
        "overlap": "starts",
        "start_taken": "starts",
    }

    day = forms.DateField(label=_("Day"), widget=DATE_INPUT)
    starts = forms.TimeField(label=_("Starts"), widget=TIME_INPUT)
    ends = forms.TimeField(label=_("Ends"), widget=TIME_INPUT)

    def __init__(self, *args: Any, zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone

    def _aware(self, day: date, moment: time, name: str) -> datetime | None:
        try:
            return aware_in_zone(datetime.combine(day, moment), self.zone)
        except ValidationError as error:
            self.add_error(name, error)
            return None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, starts, ends = cleaned.get("day"), cleaned.get("starts"), cleaned.get("ends")
        if day is None or starts is None or ends is None:
            return cleaned
        if ends <= starts:
            self.add_error("ends", _("A time slot must end after it starts, on the same day."))
            return cleaned
        cleaned["starts_at"] = self._aware(day, starts, "starts")
        cleaned["ends_at"] = self._aware(day, ends, "ends")
        return cleaned


class RoomForm(RefusalMixin, forms.Form):
    FIELD_OF_CODE = {
        "name_empty": "name",
        "name_too_long": "name",
        "name_taken": "name",
        "kind": "kind",
        "url_missing": "meeting_url",
        "url_invalid": "meeting_url",
        "place_missing": "place",
        "place_too_long": "place",
        "position": "position",
    }

    name = forms.CharField(
        label=_("Name"),
        max_length=Room._meta.get_field("name").max_length,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Room.Kind.choices,
        initial=Room.Kind.ONLINE,
        widget=forms.RadioSelect,
    )
    meeting_url = forms.CharField(
        label=_("Meeting link"),
        required=False,
        max_length=Room._meta.get_field("meeting_url").max_length,
        widget=forms.URLInput(attrs={"dir": "ltr", "placeholder": "https://"}),
        help_text=_(
            "For an online room: an address starting with https://. Given only to confirmed "
            "participants, from the reveal time on."
        ),
    )
    place = forms.CharField(
        label=_("Where in the venue"),
        required=False,
        max_length=Room._meta.get_field("place").max_length,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("For a room in the venue: where it is."),
    )
    position = forms.IntegerField(
        label=_("Position"),
        required=False,
        min_value=0,
        max_value=32767,
        help_text=_("Rooms are shown in the order of their positions. Empty: after the others."),
    )

    @classmethod
    def of(cls, room: Room) -> RoomForm:
        return cls(
            initial={
                "name": room.name,
                "kind": room.kind,
                "meeting_url": room.meeting_url,
                "place": room.place,
                "position": room.position,
            }
        )

    def terms(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "kind": data["kind"],
            "meeting_url": data.get("meeting_url") or "",
            "place": data.get("place") or "",
            "position": data.get("position"),
        }
