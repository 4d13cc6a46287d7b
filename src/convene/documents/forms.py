"""Forms of the authoring and translating pages. They parse input; services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from convene.core.forms import DATETIME_INPUT, WallClockDateTimeField, aware_in_zone

from .models import DocumentVersion, Initiative


class VersionForm(forms.ModelForm):
    """A draft iteration. Feedback times are typed in the author's own time zone."""

    feedback_opens_at = WallClockDateTimeField(
        label=_("Feedback opens"),
        required=False,
        widget=DATETIME_INPUT,
        help_text=_("In your time zone. Empty: feedback is open as soon as it is published."),
    )
    feedback_closes_at = WallClockDateTimeField(
        label=_("Feedback closes"),
        required=False,
        widget=DATETIME_INPUT,
        help_text=_("In your time zone. Empty: open until the next iteration is published."),
    )

    class Meta:
        model = DocumentVersion
        fields = [
            "title",
            "change_summary",
            "source_language",
            "body",
            "feedback_opens_at",
            "feedback_closes_at",
            "guiding_questions",
        ]
        widgets = {
            "change_summary": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            "body": forms.Textarea(attrs={"rows": 24, "dir": "auto"}),
            "guiding_questions": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "title": forms.TextInput(attrs={"dir": "auto"}),
        }
        help_texts = {
            "change_summary": _("For readers and followers: what is new in this iteration."),
            "body": _(
                "Markdown. A blank line separates paragraphs; a line starting with # is a heading."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone_name = timezone.get_current_timezone_name()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("feedback_opens_at", "feedback_closes_at"):
            if name in cleaned:
                try:
                    cleaned[name] = aware_in_zone(cleaned[name], self.zone_name)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        opens, closes = cleaned.get("feedback_opens_at"), cleaned.get("feedback_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("feedback_closes_at", _("Feedback must close after it opens."))
        return cleaned


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["number", "identifier", "title", "description"]
        widgets = {
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "description": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        }


class TranslationForm(forms.Form):
    """One paragraph's translation. `source` is the fingerprint of the text that was shown."""

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}))
    source = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, language: str, language_name: str, anchor: str, **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", f"{anchor}-%s")
        super().__init__(*args, **kwargs)
        self.fields["text"].label = gettext("Translation into %(language)s") % {
            "language": language_name
        }
        self.fields["text"].widget.attrs.update(
            {"lang": language, "aria-describedby": f"{anchor}-source"}
        )
