"""The forms of yearly reports: the report an organization submits, and the committee's
review (accept or return, with a note)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from convene.core import languages
from convene.core.timezones import format_day

from ..models import Report
from ..reporting import BODY_MAX, Obligation

TEXT = {"dir": "auto"}


def _label(name: str) -> str:
    return str(capfirst(getattr(Report._meta.get_field(name), "verbose_name", name)))


class ReportForm(forms.Form):
    """Which report (kind and fiscal year, among those the organization still has to send),
    its text in Markdown, a link to the full document, and its language."""

    kind = forms.ChoiceField(label=_("Kind of report"))
    period = forms.ChoiceField(label=_("Fiscal year"))
    language = forms.ChoiceField(
        label=_("Written in"), choices=languages.choices(languages.CONTENT)
    )
    body = forms.CharField(
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 14, **TEXT}),
        help_text=_("Markdown. Published on the registry for everyone to read."),
    )
    link = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs=TEXT),
        help_text=_("Optional: where the full document is, e.g. a wiki page."),
    )

    def __init__(self, *args: Any, kinds: list[str], owed: list[Obligation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _label("body")
        self.fields["link"].label = _label("link")
        self._choices("kind").choices = [(kind, Report.Kind(kind).label) for kind in kinds]
        years: dict[date, Obligation] = {}
        for obligation in owed:
            if obligation.needs_report:
                years.setdefault(obligation.period_end, obligation)
        self._choices("period").choices = [
            (
                end.isoformat(),
                _("%(year)s (due %(date)s)")
                % {"year": obligation.fiscal_year, "date": format_day(obligation.due_on)},
            )
            for end, obligation in sorted(years.items())
        ]

    def _choices(self, name: str) -> forms.ChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        return field

    def clean_period(self) -> date:
        return date.fromisoformat(self.cleaned_data["period"])


class ReviewForm(forms.Form):
    """The committee's decision on a submitted report: the button pressed says which."""

    DECISIONS = ("accept", "return")

    # Sent by the button pressed ("Accept" or "Return"), so never shown as a field.
    decision = forms.CharField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("The committee's note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, **TEXT}),
        help_text=_("Public. Required to return a report: say what it lacks."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") not in self.DECISIONS:
            self.add_error(None, _("Choose to accept or to return the report."))
        return cleaned
