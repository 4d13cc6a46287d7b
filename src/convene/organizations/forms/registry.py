"""The registry's filters: a form sent by GET, so the list works without JavaScript and each
filtered list has its own address (to share, to bookmark, to export)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from convene.core import languages

from ..countries import country_choices
from ..models import AffiliationModel, Organization, Region
from ..querysets import LISTED

SEARCH_MAX_LENGTH = 100


@lru_cache(maxsize=64)
def _options_html(choices: tuple[tuple[str, str], ...]) -> str:
    return format_html_join("", '<option value="{}">{}</option>', choices)


class ListSelect(forms.Select):
    """A select of a long list (every country, every language), its options written once
    per list and language and kept by the process, the chosen one marked on each page:
    Django's templates take tens of milliseconds to write two hundred options. The short
    lists of the filters use it too: the list is the registry's busiest page."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        choices = tuple((str(code), str(label)) for code, label in self.choices)
        options = _options_html(choices)
        if value not in (None, ""):
            chosen = format_html('<option value="{}">', value)
            options = options.replace(chosen, chosen[:-1] + " selected>", 1)
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        # the codes and names were escaped when the options were written
        return format_html("<select{}>{}</select>", flatatt(final), mark_safe(options))


@lru_cache(maxsize=16)
def _language_choices(reader: str) -> tuple[tuple[str, str], ...]:
    return tuple(languages.sorted_choices(reader=reader))


def working_language_choices() -> list[tuple[str, str]]:
    return [("", str(_("All languages"))), *_language_choices(translation.get_language() or "en")]


def country_filter_choices() -> list[tuple[str, str]]:
    return [("", str(_("All countries"))), *country_choices()]


def status_choices() -> list[tuple[str, Any]]:
    labels = dict(Organization.Status.choices)
    return [("", _("All statuses")), *((status, labels[status]) for status in LISTED)]


class RegistryFilterForm(forms.Form):
    """Narrow the registry. Field names are the query string's (and the API's parameters)."""

    q = forms.CharField(
        label=_("Name or code"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.SearchInput(),
        help_text=_("Also finds the names an organization has in other languages."),
    )
    model = forms.ChoiceField(label=_("Model of affiliation"), required=False, widget=ListSelect)
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[("", _("All regions")), *Region.choices],
        widget=ListSelect,
    )
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=country_filter_choices, widget=ListSelect
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=status_choices, widget=ListSelect
    )
    language = forms.ChoiceField(
        label=_("Working language"),
        required=False,
        choices=working_language_choices,
        widget=ListSelect,
    )

    def __init__(self, *args: Any, models: Sequence[AffiliationModel], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [  # type: ignore[attr-defined]
            ("", _("All models")),
            *((model.slug, getattr(model, "shown_name", model.name)) for model in models),
        ]

    def clean_q(self) -> str:
        return " ".join(str(self.cleaned_data.get("q") or "").split())
