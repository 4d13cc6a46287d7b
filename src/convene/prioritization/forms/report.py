"""The forms of a round's report: its narrative (published or not) and a translation of it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..services_report import REPORT_MAX

TEXT = {"dir": "auto"}


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Report"),
        required=False,
        max_length=REPORT_MAX,
        widget=forms.Textarea(attrs={"rows": 18, **TEXT}),
        help_text=_(
            "Markdown. The figures, charts and map are added around it; write what they mean."
        ),
    )
    published = forms.BooleanField(
        label=_("Published: everyone can read the report"), required=False
    )


class ReportTranslationForm(forms.Form):
    report = forms.CharField(
        required=False,
        max_length=REPORT_MAX,
        widget=forms.Textarea(attrs={"rows": 18, **TEXT}),
        help_text=_("Markdown, as the original. Leave it empty to remove the translation."),
    )
    source = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, language: str, language_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["report"]
        field.label = _("The report in %(language)s") % {"language": language_name}
        field.widget.attrs["lang"] = language
