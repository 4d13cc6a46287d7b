"""Form plumbing shared by the apps: time zones, date-times typed in a zone, labels and
the summary of a form's errors."""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.safestring import SafeData
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .markup import bdi
from .timezones import canonical_timezone, get_zone, is_valid_timezone, zone_choices

StrOrPromise = str | Promise


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
        blank_label: StrOrPromise | None = None,
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
    values: set[str] = set()
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


# --- Labels and the summary of errors ------------------------------------------------------

# The colon after a label, as each language writes it: full width in Chinese, after a
# no-break space in French (Django's catalogue has an ordinary space, which can wrap).
_LABEL_COLON = {"zh": "：", "fr": "\u00a0:"}


def label_suffix_after(label: object, suffix: str) -> str:
    """`suffix` (the colon) after `label`, unless the label already ends in punctuation such
    as "?", "؟", "？", "." or "：" (an organizer's question needs no colon after it); Django's
    default colon is replaced by the language's own."""
    text = str(label or "")
    if isinstance(label, SafeData):  # e.g. an organizer's question in <bdi>: its words count
        text = html.unescape(strip_tags(text))
    text = text.rstrip()
    if not suffix or not text or unicodedata.category(text[-1]) == "Po":
        return ""
    if suffix == gettext(":"):
        language = (translation.get_language() or "en").split("-")[0]
        return _LABEL_COLON.get(language, ":")
    return suffix


class LabelSuffixBoundField(BoundField):
    """A field whose label gets the language's colon, and none after punctuation."""

    def label_tag(
        self,
        contents: Any = None,
        attrs: dict[str, Any] | None = None,
        label_suffix: str | None = None,
        tag: str | None = None,
    ) -> Any:
        if label_suffix is None:
            label_suffix = (
                self.field.label_suffix
                if self.field.label_suffix is not None
                else self.form.label_suffix
            )
        suffix = label_suffix_after(contents or self.label, label_suffix)
        return super().label_tag(contents, attrs, label_suffix=suffix, tag=tag)


class FormRenderer(TemplatesSetting):
    """Django's templates from the project's template folders (help text escaped), with the
    labels of LabelSuffixBoundField: settings.FORM_RENDERER."""

    bound_field_class = LabelSuffixBoundField


@dataclass(frozen=True)
class ErrorItem:
    message: str
    label: object = ""  # the field's label, escaped and isolated in <bdi>
    suffix: str = ""
    target: str = ""  # the id of the field's control, for a link


def error_summary(form: Any) -> list[ErrorItem]:
    """Every error of `form`, in the order of its fields, those of no field first."""
    if form is None or not getattr(form, "is_bound", False) or not form.errors:
        return []
    items = [ErrorItem(message=str(message)) for message in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS or name not in form.fields:
            continue
        field = form[name]
        if field.is_hidden:
            continue  # shown among the errors of no field by Django
        target = field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")
        # An organizer's label comes isolated already; the form's own is isolated here.
        label = field.label if isinstance(field.label, SafeData) else bdi(field.label or "")
        suffix = label_suffix_after(label, gettext(":"))
        items += [ErrorItem(str(message), label, suffix, target) for message in errors]
    return items
