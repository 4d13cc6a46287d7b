"""What organizers of a series type: its words and organizers, the meetings they add, the
meeting an action is carried into."""

from __future__ import annotations

import functools
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from convene.accounts.models import User
from convene.core import languages
from convene.core.errors import ServiceError
from convene.events.models import Event
from convene.prioritization.services_organizing import users_by_email

from .models import Series, SeriesMeeting
from .services_series import SeriesTerms


class SeriesForm(forms.ModelForm):
    language = forms.ChoiceField(
        label=_("Language of the texts"),
        choices=functools.partial(languages.sorted_choices, languages.CONTENT),
        help_text=_("The language the organizers write the series in."),
    )
    organizer_emails = forms.CharField(
        label=_("Other organizers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The email addresses of the other people who organize the series, one a line. "
            "They need an account."
        ),
    )

    class Meta:
        model = Series
        fields = ["title", "slug", "description", "language", "is_published"]
        widgets = {
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "description": forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        }
        help_texts = {
            "slug": _("Letters, digits and hyphens, e.g. september-to-december."),
            "is_published": _(
                "Everyone sees a published series; its followers hear of each new meeting."
            ),
        }

    def __init__(self, *args: Any, editor: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["organizer_emails"] = "\n".join(
                person.email
                for person in self.instance.organizers.order_by("pk")
                if editor is None or person.pk != editor.pk
            )

    def clean_organizer_emails(self) -> list[User]:
        text = self.cleaned_data["organizer_emails"]
        emails = [part.strip() for part in text.replace(",", "\n").split() if part.strip()]
        try:
            return users_by_email(emails)
        except ServiceError as error:
            raise forms.ValidationError(error.message, code=error.code) from error

    def _post_clean(self) -> None:
        """The service checks the series (and the database its unique short name)."""

    def terms(self) -> SeriesTerms:
        data = self.cleaned_data
        return SeriesTerms(
            title=data["title"],
            slug=data["slug"],
            description=data["description"],
            language=data["language"],
            is_published=data["is_published"],
            organizers=data["organizer_emails"],
        )

    FIELD_OF_CODE = {"slug_taken": "slug", "empty": "title", "language": "language"}

    def add_refusal(self, error: ServiceError) -> None:
        self.add_error(self.FIELD_OF_CODE.get(error.code), error.message)


class MeetingAddForm(forms.Form):
    """The event to add, among those the organizer may add."""

    event = forms.TypedChoiceField(label=_("Event"), coerce=int)

    def __init__(self, *args: Any, candidates: list[Event], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = {event.pk: event for event in candidates}
        field = self.fields["event"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—")] + [(event.pk, event.title) for event in candidates]

    def chosen(self) -> Event:
        return self.candidates[self.cleaned_data["event"]]


class CarryForm(forms.Form):
    """The later meeting an action goes to."""

    meeting = forms.TypedChoiceField(label=_("Carry it into"), coerce=int)

    def __init__(
        self, *args: Any, meetings: list[SeriesMeeting], labels: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.meetings = {meeting.pk: meeting for meeting in meetings}
        field = self.fields["meeting"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = list(zip([m.pk for m in meetings], labels, strict=True))

    def chosen(self) -> SeriesMeeting:
        return self.meetings[self.cleaned_data["meeting"]]
