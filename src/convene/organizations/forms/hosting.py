"""The hosting page: the organizations an organizer names as hosts of an event."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class HostsForm(forms.Form):
    """Checkboxes of the organizations the organizer may name (`choices`: id and name)."""

    organizations = forms.TypedMultipleChoiceField(
        label=_("Hosts"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organizations"].choices = choices  # type: ignore[attr-defined]
