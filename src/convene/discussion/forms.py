"""Forms of the feedback pages. They parse input; the services decide what is allowed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from convene.core import languages
from convene.core.errors import ServiceError
from convene.documents.models import Paragraph

from .models import COMMENT_MAX_LENGTH, Stance
from .search import QUERY_MAX_LENGTH
from .selectors import first_words
from .services import REPORT_REASON_MAX_LENGTH, THREAD_TITLE_MAX_LENGTH

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

# Which field a refusal of the services is about, so the message is shown beside it.
FIELD_OF_ERROR = {
    "empty": "body",
    "too_long": "body",
    "language": "language",
    "stance": "stance",
    "reply_stance": "stance",
    "paragraph": "paragraph",
    "reason_missing": "reason",
    "reason_too_long": "reason",
    "title_missing": "title",
    "title_too_long": "title",
    "null_character": "title",
}


class ServiceErrorsMixin:
    def add_service_error(self, error: ServiceError) -> None:
        field = FIELD_OF_ERROR.get(error.code)
        self.add_error(field if field in self.fields else None, str(error.message))  # type: ignore[attr-defined]


def _body_field(label: StrOrPromise) -> forms.CharField:
    # Length and emptiness are checked by the service, which says so in plain words.
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": COMMENT_MAX_LENGTH, "required": True}),
        help_text=_body_help(),
    )


def _body_help_text() -> str:
    return ngettext(
        "Plain text; line breaks are kept. At most %(limit)s character. "
        "It is public, with your display name.",
        "Plain text; line breaks are kept. At most %(limit)s characters. "
        "It is public, with your display name.",
        COMMENT_MAX_LENGTH,
    ) % {"limit": COMMENT_MAX_LENGTH}


# Translated when a form is shown, in the reader's language (the fields are made once, when
# this module is imported, in no particular language).
_body_help = lazy(_body_help_text, str)


def _language_field(label: StrOrPromise) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=languages.choices(languages.CONTENT))


class CommentForm(ServiceErrorsMixin, forms.Form):
    paragraph = forms.ChoiceField(label=_("What your comment is about"), required=False)
    stance = forms.ChoiceField(
        label=_("Your stance"),
        required=False,
        choices=[("", _("No particular stance")), *Stance.choices],
        widget=forms.RadioSelect,
    )
    language = _language_field(_("Language of your comment"))
    body = _body_field(_("Your comment"))

    def __init__(self, *args: Any, paragraphs: list[Paragraph], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.paragraphs = {paragraph.anchor: paragraph for paragraph in paragraphs}
        self.fields["paragraph"].choices = [  # type: ignore[attr-defined]
            ("", _("The whole document")),
            *[
                (
                    paragraph.anchor,
                    _("Paragraph %(number)s: %(words)s")
                    % {"number": number, "words": first_words(paragraph.text, 8)},
                )
                for number, paragraph in enumerate(paragraphs, start=1)
            ],
        ]

    def clean_paragraph(self) -> Paragraph | None:
        anchor = self.cleaned_data.get("paragraph")
        return self.paragraphs.get(anchor) if anchor else None


class ReplyForm(ServiceErrorsMixin, forms.Form):
    language = _language_field(_("Language of your reply"))
    body = _body_field(_("Your reply"))


class ThreadForm(ServiceErrorsMixin, forms.Form):
    """A new thread of a board: its subject and first comment."""

    title = forms.CharField(
        label=_("Subject"),
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"maxlength": THREAD_TITLE_MAX_LENGTH, "required": True}),
    )
    language = _language_field(_("Language of your comment"))
    body = _body_field(_("Your comment"))


class FilterForm(forms.Form):
    """Narrow the feedback list. Field names are the query string's."""

    stance = forms.ChoiceField(
        label=_("Stance"), required=False, choices=[("", _("All stances")), *Stance.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All languages")), *languages.choices(languages.CONTENT)],
    )
    paragraph = forms.ChoiceField(label=_("Paragraph"), required=False)

    def __init__(self, *args: Any, paragraphs: list[Paragraph], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].choices = [  # type: ignore[attr-defined]
            ("", _("All paragraphs")),
            *[
                (
                    paragraph.anchor,
                    _("Paragraph %(number)s: %(words)s")
                    % {"number": number, "words": first_words(paragraph.text, 8)},
                )
                for number, paragraph in enumerate(paragraphs, start=1)
            ],
        ]


class ReportForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this comment?"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 3, "maxlength": REPORT_REASON_MAX_LENGTH, "required": True}
        ),
        help_text=_(
            "Only moderators read this. Point to the part of the code of conduct it goes "
            "against, if you can."
        ),
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search documents and comments"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": QUERY_MAX_LENGTH}),
    )

    def clean_q(self) -> str:
        """A longer query is cut to the length the search reads (the field says so too)."""
        return self.cleaned_data["q"][:QUERY_MAX_LENGTH].strip()
