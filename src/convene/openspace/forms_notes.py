"""What people type for a topic's notes and actions. The services check the rules and the
lengths; these forms only parse, so a refused text comes back to the writer as typed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class NotesForm(forms.Form):
    body = forms.CharField(
        label=_("Notes"),
        required=False,
        strip=False,
        help_text=_("Markdown: **bold**, *italics*, - lists, [links](https://…)."),
        widget=forms.Textarea(attrs={"rows": 18, "dir": "auto"}),
    )
    based_on = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: object, language: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if language:
            self.fields["body"].widget.attrs["lang"] = language


class ActionForm(forms.Form):
    what = forms.CharField(label=_("What is to be done"), max_length=300, strip=True)
    who = forms.CharField(label=_("Who"), max_length=200, required=False, strip=True)
    due_on = forms.DateField(
        label=_("By when"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["what"].widget.attrs["dir"] = "auto"
        self.fields["who"].widget.attrs["dir"] = "auto"
