"""What people type to propose, change, place, withdraw and merge topics. The services
decide the rest (lengths, free places, who may): their refusals are shown on the form."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from convene.core import languages
from convene.core.templatetags.convene import moment_text

from .models import REASON_MAX_LENGTH, TOPIC_DESCRIPTION_MAX_LENGTH, TOPIC_TITLE_MAX_LENGTH, Topic
from .selectors_grid import Place

PLACE_VALUE = re.compile(r"^(\d{1,18})-(\d{1,18})$")


class TopicForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TOPIC_TITLE_MAX_LENGTH)
    description = forms.CharField(
        label=_("A few lines about it"),
        required=False,
        max_length=TOPIC_DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Held in"),
        choices=languages.choices(languages.CONTENT),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose every language people can speak at this topic."),
    )
    wants_interpretation = forms.BooleanField(
        label=_("We would like interpretation"), required=False
    )
    wants_note_taker = forms.BooleanField(label=_("We would like a note-taker"), required=False)

    @classmethod
    def for_topic(cls, topic: Topic, data: Any = None) -> TopicForm:
        return cls(
            data,
            initial={
                "title": topic.title,
                "description": topic.description,
                "languages": list(topic.languages),
                "wants_interpretation": topic.wants_interpretation,
                "wants_note_taker": topic.wants_note_taker,
            },
        )


def place_label(place: Place) -> str:
    """A free place as the list names it: the slot's time in the reader's zone, the room."""
    return f"{moment_text(place.slot.starts_at, skeleton='MMMEdHm')} · {place.room.name}"


class PlaceForm(forms.Form):
    place = forms.CharField(label=_("Free place (time and room)"))
    reason = forms.CharField(
        label=_("Why (for the convener)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, data: Any = None, *, places: list[Place], with_reason: bool, **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["place"].widget = forms.Select(
            choices=[("", _("Choose a free place"))]
            + [(place.value, place_label(place)) for place in places]
        )
        if not with_reason:
            del self.fields["reason"]

    def clean_place(self) -> tuple[int, int]:
        match = PLACE_VALUE.match(self.cleaned_data["place"])
        if match is None:
            raise forms.ValidationError(_("Choose a free place from the list."))
        return int(match.group(1)), int(match.group(2))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (for the convener)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MergeForm(forms.Form):
    into = forms.TypedChoiceField(label=_("Merge into"), coerce=int)
    reason = forms.CharField(
        label=_("Why (for the convener)"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, data: Any = None, *, targets: list[Topic], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        into = self.fields["into"]
        assert isinstance(into, forms.TypedChoiceField)
        into.choices = [("", _("Choose a topic"))] + [(topic.pk, topic.title) for topic in targets]
