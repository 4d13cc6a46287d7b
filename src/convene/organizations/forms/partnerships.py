"""What people type to record a partnership, change it or end it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import Organization
from ..partnerships import NAME_MAX, REMINDER_DAYS, SCOPE_MAX, TITLE_MAX, URL_MAX

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PartnershipForm(forms.Form):
    """The terms of a memorandum of understanding and its parties. `organizations` offers
    the parties in the registry: on a new partnership the others than the one recording
    it, on an existing one all of its parties."""

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("E.g. Memorandum of understanding with the city library."),
    )
    organizations = forms.ModelMultipleChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    outside_parties = forms.CharField(
        label=_("Parties outside the registry"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("One name a line: a library, a museum, a university."),
    )
    scope = forms.CharField(
        label=_("Scope"),
        max_length=SCOPE_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        help_text=_("What the parties will do together. Markdown."),
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE_INPUT)
    ends_on = forms.DateField(
        label=_("Ends on"),
        required=False,
        widget=DATE_INPUT,
    )
    signed_text_url = forms.URLField(
        label=_("Link to the signed text"),
        required=False,
        max_length=URL_MAX,
        assume_scheme="https",
    )
    is_public = forms.BooleanField(
        label=_("Public"),
        required=False,
        initial=True,
        help_text=_(
            "Anyone can read a public partnership; the others only the representatives of "
            "its parties and the affiliations committee."
        ),
    )

    def __init__(
        self, *args: Any, choices: QuerySet[Organization], recording: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].help_text = ngettext(
            "Empty: no end date. The representatives of the parties are reminded %(count)d "
            "day before it ends.",
            "Empty: no end date. The representatives of the parties are reminded %(count)d "
            "days before it ends.",
            REMINDER_DAYS,
        ) % {"count": REMINDER_DAYS}
        field = self.fields["organizations"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = choices
        if recording:
            field.label = _("Other parties in the registry")
            field.help_text = _(
                "Recognized organizations of the movement. Choose as many as sign it (Ctrl or "
                "⌘ and click, on a computer)."
            )
        else:
            field.label = _("Parties in the registry")
            field.help_text = _("Choose as many as sign it (Ctrl or ⌘ and click, on a computer).")

    def clean_outside_parties(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["outside_parties"].splitlines()]
        names = [name for name in names if name]
        for name in names:
            if len(name) > NAME_MAX:
                raise forms.ValidationError(
                    ngettext(
                        "Each name has at most %(max)d character.",
                        "Each name has at most %(max)d characters.",
                        NAME_MAX,
                    )
                    % {"max": NAME_MAX}
                )
        folded = [name.casefold() for name in names]
        if len(set(folded)) != len(folded):
            raise forms.ValidationError(_("Each party is named once."))
        return names

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("A partnership cannot end before it starts."))
        return cleaned

    def terms(self) -> dict[str, Any]:
        """The keyword arguments of the services, but the parties in the registry."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "scope": data["scope"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "is_public": data["is_public"],
            "signed_text_url": data["signed_text_url"],
            "outside_parties": data["outside_parties"],
        }


class PartnershipEndForm(forms.Form):
    ends_on = forms.DateField(label=_("Last day of the partnership"), widget=DATE_INPUT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "end")
        super().__init__(*args, **kwargs)
