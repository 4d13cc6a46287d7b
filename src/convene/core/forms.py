"""Form plumbing shared by the apps: time zones, and date-times typed in a zone."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .timezones import canonical_timezone, get_zone, is_valid_timezone, zone_choices


def validate_timezone(value: str) -> None:
    if not is_valid_timezone(value):
        raise forms.ValidationError(
            _(
                "“%(value)s” is not a time zone we know. Choose one from the list, e.g. Europe/Paris."
            ),
            code="unknown_timezone",
            params={"value": value[:64]},
        )


class ZoneSelect(forms.Select):
    """The zones by region, named in the viewer's language when the form is shown; the
    current value is shown by its current name (Asia/Calcutta as Kolkata) and always
    offered, even when `query` keeps only some zones."""

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        *,
        blank_label: str | None = None,
        query: str = "",
    ) -> None:
        super().__init__(attrs)
        self.blank_label = blank_label
        self.query = query

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        current = canonical_timezone(value) if isinstance(value, str) and value else ""
        choices: list[Any] = zone_choices(query=self.query, keep=current)
        if is_valid_timezone(current) and current not in _values(choices):
            choices.append((current, current))  # a valid zone the list does not hold
        if self.blank_label is not None:
            choices.insert(0, ("", self.blank_label))
        self.choices = choices
        return super().get_context(name, current or value, attrs)


def _values(choices: list[Any]) -> set[str]:
    """The values of flat and grouped choices."""
    values = set()
    for value, label in choices:
        values.update([value] if isinstance(label, str) else (v for v, _label in label))
    return values


class TimezoneField(forms.CharField):
    """An IANA zone name, chosen from the zones by region; old names are kept as the zone
    they name today."""

    default_validators = [validate_timezone]

    def clean(self, value: str) -> str:
        return canonical_timezone(super().clean(value))

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("widget", ZoneSelect())
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.Select):
            attrs.pop("maxlength", None)  # not an attribute of <select>
        return attrs


class TimezoneForm(forms.Form):
    timezone = TimezoneField(label=_("Show times in"))


DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def aware_in_zone(value: datetime | None, zone_name: str) -> datetime | None:
    """A wall-clock time entered for `zone_name`, as an aware datetime; refuses times that
    do not exist there (skipped by a daylight-saving change)."""
    if value is None:
        return None
    naive = value.replace(tzinfo=None)
    zone = get_zone(zone_name)
    aware = naive.replace(tzinfo=zone)
    round_trip = aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        raise ValidationError(
            _("%(time)s does not exist in %(zone)s (the clocks change then). Choose another time."),
            code="nonexistent_time",
            params={"time": naive.strftime("%Y-%m-%d %H:%M"), "zone": zone_name},
        )
    return aware


def naive_in_zone(value: datetime | None, zone_name: str) -> str | None:
    if value is None:
        return None
    return value.astimezone(get_zone(zone_name)).strftime("%Y-%m-%dT%H:%M")


class ZonedTimesMixin:
    """Date-times of the form are typed in the zone chosen in the same form."""

    zoned_fields: tuple[str, ...] = ()
    zone_field = "timezone"

    def _init_zoned(self) -> None:
        instance = getattr(self, "instance", None)
        zone = getattr(instance, self.zone_field, None) or "UTC"
        for name in self.zoned_fields:
            value = getattr(instance, name, None) if instance is not None else None
            if value is not None:
                self.initial[name] = naive_in_zone(value, zone)  # type: ignore[attr-defined]

    def _clean_zoned(self, cleaned: dict[str, Any]) -> None:
        zone = cleaned.get(self.zone_field) or "UTC"
        for name in self.zoned_fields:
            if name in cleaned:
                try:
                    cleaned[name] = aware_in_zone(cleaned[name], zone)
                except ValidationError as error:
                    self.add_error(name, error)  # type: ignore[attr-defined]


class WallClockDateTimeField(forms.DateTimeField):
    """A date and time as typed, not yet placed in a zone: the form places it (aware_in_zone),
    so a time skipped by a daylight-saving change gets a clear error instead of a guess."""

    def to_python(self, value: Any) -> datetime | None:
        with timezone.override(UTC):  # UTC has no gaps: parsing alone never fails on a DST change
            parsed = super().to_python(value)
        return parsed.replace(tzinfo=None) if parsed is not None else None
