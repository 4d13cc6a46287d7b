"""Input parsing for live questions; the rules themselves live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from convene.core import languages

from .models import QUESTION_MAX_LENGTH


def default_language() -> str:
    """The interface language if questions can be written in it, else English."""
    current = (get_language() or "en").lower()
    codes = languages.CONTENT
    if current in codes:
        return current
    base = current.split("-")[0]
    return base if base in codes else "en"


class AskForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    language = forms.ChoiceField(
        label=_("Language of your question"), choices=languages.choices(languages.CONTENT)
    )
    is_anonymous = forms.BooleanField(
        label=_("Ask anonymously"),
        required=False,
        help_text=_("Other participants will not see your name; the hosts will."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = default_language()


class MergeForm(forms.Form):
    into = forms.IntegerField(label=_("Merge into"), min_value=1)


class FollowUpForm(forms.Form):
    follows = forms.IntegerField(label=_("Follow-up to"), min_value=1, required=False)


class PoolForm(forms.Form):
    """The hosts' setting: whether the editions of a session's agenda share their questions."""

    shared = forms.BooleanField(
        label=_("The editions of this agenda share their questions"),
        required=False,
        help_text=_(
            "Each edition's page then lists the questions asked in every edition, with their "
            "votes and answers, each marked with the edition where it was asked."
        ),
    )
