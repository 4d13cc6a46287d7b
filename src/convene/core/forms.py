from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .timezones import canonical_timezone, is_valid_timezone


def validate_timezone(value: str) -> None:
    if not is_valid_timezone(value):
        raise forms.ValidationError(
            _(
                "“%(value)s” is not a time zone we know. Choose one from the list, e.g. Europe/Paris."
            ),
            code="unknown_timezone",
            params={"value": value[:64]},
        )


class TimezoneField(forms.CharField):
    default_validators = [validate_timezone]

    def clean(self, value: str) -> str:
        return canonical_timezone(super().clean(value))

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)


class TimezoneForm(forms.Form):
    timezone = TimezoneField(label=_("Time zone"))
