from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from convene.core import languages
from convene.core.forms import DATETIME_INPUT, TimezoneField, ZonedTimesMixin, ZoneSelect
from convene.core.markup import bdi

from .answers import LONG_TEXT_MAX, SHORT_TEXT_MAX, validate_answer
from .models import (
    Event,
    LightningTalk,
    LocationType,
    QuestionKind,
    Registration,
    RegistrationQuestion,
    Session,
)
from .services import Needs
from .templatetags.event_content import shown_flags


def https_url_field(db_field: Any, **kwargs: Any) -> forms.Field | None:
    """Model form fields, with URLs that assume https when typed without a scheme."""
    if db_field.get_internal_type() == "CharField" and db_field.__class__.__name__ == "URLField":
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class EventForm(ZonedTimesMixin, forms.ModelForm):
    zoned_fields = ("registration_opens_at", "registration_closes_at")
    timezone = TimezoneField(label=_("Organizers' time zone"), widget=ZoneSelect())

    class Meta:
        model = Event
        formfield_callback = https_url_field
        fields = [
            "title",
            "slug",
            "summary",
            "description",
            "language",
            "timezone",
            "registration_opens_at",
            "registration_closes_at",
            "link_reveal_hours",
            "reminder_hours",
            "code_of_conduct_url",
            "sensitive_data_retention_days",
            "is_published",
        ]
        widgets = {
            "registration_opens_at": DATETIME_INPUT,
            "registration_closes_at": DATETIME_INPUT,
            "description": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "registration_opens_at": _("In the organizers' time zone. Empty: open now."),
            "registration_closes_at": _(
                "In the organizers' time zone. Empty: until each session starts."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._init_zoned()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._clean_zoned(cleaned)
        opens, closes = cleaned.get("registration_opens_at"), cleaned.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("Registration must close after it opens."))
        return cleaned


def _own_names(codes: Iterable[str]) -> list[tuple[str, str]]:
    """(code, the language's name in itself): how a speaker finds their language in a list."""
    return [(code, languages.language_name(code, reader=code)) for code in codes]


class SessionForm(ZonedTimesMixin, forms.ModelForm):
    zoned_fields = ("starts_at", "ends_at")
    timezone = TimezoneField(label=_("Organizers' time zone"), widget=ZoneSelect())
    # The common languages as checkboxes, every other language in a list to pick several
    # from (a phone shows its own picker), each named in its own language.
    interpretation_languages = forms.MultipleChoiceField(
        label=_("Interpretation offered into"),
        choices=_own_names(languages.CONTENT),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    more_interpretation_languages = forms.MultipleChoiceField(
        label=_("Interpretation into other languages"),
        choices=_own_names(code for code in languages.ALL if code not in languages.CONTENT),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        required=False,
        help_text=_("Choose as many as you offer (Ctrl or ⌘ and click, on a computer)."),
    )

    class Meta:
        model = Session
        formfield_callback = https_url_field
        fields = [
            "title",
            "agenda",
            "description",
            "timezone",
            "starts_at",
            "ends_at",
            "capacity",
            "interpretation_languages",
            "more_interpretation_languages",
            "location_type",
            "venue",
            "meeting_url",
            "notes",
        ]
        widgets = {
            "starts_at": DATETIME_INPUT,
            "ends_at": DATETIME_INPUT,
            "description": forms.Textarea(attrs={"rows": 5}),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"starts_at": _("In the organizers' time zone chosen above.")}

    def __init__(self, *args: Any, event: Event | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.pk and event is not None:
            self.initial["timezone"] = event.timezone
        self._init_zoned()
        chosen = list(self.instance.interpretation_languages or [])
        self.initial["interpretation_languages"] = [c for c in chosen if c in languages.CONTENT]
        self.initial["more_interpretation_languages"] = [
            c for c in chosen if c not in languages.CONTENT
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._clean_zoned(cleaned)
        cleaned["interpretation_languages"] = [
            *cleaned.get("interpretation_languages", []),
            *cleaned.get("more_interpretation_languages", []),
        ]
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("A session must end after it starts."))
        location = cleaned.get("location_type")
        if location in ("online", "hybrid") and not cleaned.get("meeting_url"):
            self.add_error("meeting_url", _("An online or hybrid session needs a meeting link."))
        if location in ("in_person", "hybrid") and not cleaned.get("venue"):
            self.add_error("venue", _("An in-person or hybrid session needs a venue."))
        return cleaned


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For single and multiple choice: one choice per line."),
    )

    class Meta:
        model = RegistrationQuestion
        fields = ["label", "help_text", "kind", "required", "is_sensitive", "position"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["choices_text"] = "\n".join(self.instance.choices)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        lines = [
            line.strip() for line in cleaned.get("choices_text", "").splitlines() if line.strip()
        ]
        if cleaned.get("kind") in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
            if len(lines) < 2:
                self.add_error("choices_text", _("Give at least two choices, one per line."))
            elif len(set(lines)) != len(lines):
                self.add_error("choices_text", _("Each choice may appear only once."))
        else:
            lines = []
        cleaned["choices"] = lines
        self.instance.choices = lines
        return cleaned


def _organizers_words(question: RegistrationQuestion, name: str) -> SafeString:
    """A field of a question in the reader's language when attached (`question.shown`),
    escaped, isolated in its own direction, marked with its language and flags."""
    shown = getattr(question, "shown", None)
    if shown is None:
        return bdi(getattr(question, name))
    text = getattr(shown, name)
    return format_html(
        '<bdi lang="{}">{}</bdi>{}', text.language, text.text, shown_flags(question, name)
    )


def _choices_shown(question: RegistrationQuestion) -> list[tuple[str, SafeString]]:
    """(source choice, label in the reader's language): answers store the source choice."""
    shown = getattr(question, "shown", None)
    if shown is None:
        return [(choice, bdi(choice)) for choice in question.choices]
    language = shown.choices.language
    return [
        (value, format_html('<bdi lang="{}">{}</bdi>', language, label))
        for value, label in shown.choice_labels
    ]


class RegistrationForm(forms.Form):
    """The built-in questions about needs, the organizers' questions, the code of conduct."""

    interpretation_language = forms.ChoiceField(
        label=_("Do you need interpretation?"), required=False, widget=forms.RadioSelect
    )
    needs_data_support = forms.BooleanField(
        label=_("I need support for internet data (a data package upgrade) to take part"),
        required=False,
    )
    needs_childcare = forms.BooleanField(
        label=_("I need childcare support for the duration of the session"), required=False
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility support"),
        help_text=_(
            "Anything that would help you take part, e.g. captions. Only organizers see this."
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attendance = forms.ChoiceField(
        label=_("How will you take part?"),
        choices=Registration.Attendance.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please say whether you will take part in person or online.")
        },
    )
    accept_code_of_conduct = forms.BooleanField(
        label=_("I have read and accept the code of conduct"),
        required=True,
        error_messages={"required": _("Please accept the code of conduct to register.")},
    )

    def __init__(
        self, *args: Any, session: Session, questions: list[RegistrationQuestion], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.session = session
        self.questions = questions
        offered = _own_names(session.interpretation_languages or [])
        field = self.fields["interpretation_language"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("No, thank you")), *offered]
        if not offered:
            del self.fields["interpretation_language"]
        if session.location_type != LocationType.HYBRID:
            del self.fields["attendance"]
        for question in questions:
            self.fields[f"q_{question.pk}"] = self._question_field(question)

    @staticmethod
    def _question_field(question: RegistrationQuestion) -> forms.Field:
        # The organizers' words, escaped and isolated in their own direction.
        common: dict[str, Any] = {
            "label": _organizers_words(question, "label"),
            "help_text": _organizers_words(question, "help_text") if question.help_text else "",
            "required": question.required,
        }
        if question.kind == QuestionKind.SHORT_TEXT:
            return forms.CharField(max_length=SHORT_TEXT_MAX, **common)
        if question.kind == QuestionKind.LONG_TEXT:
            return forms.CharField(
                max_length=LONG_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}), **common
            )
        choices = _choices_shown(question)
        if question.kind == QuestionKind.SINGLE_CHOICE:
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        if question.kind == QuestionKind.MULTIPLE_CHOICE:
            return forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple, **common
            )
        return forms.ChoiceField(
            choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect, **common
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        answers: dict[str, Any] = {}
        for question in self.questions:
            name = f"q_{question.pk}"
            if name in self.errors:
                continue
            try:
                answers[str(question.pk)] = validate_answer(question, cleaned.get(name))
            except ValidationError as error:
                self.add_error(name, error)
        cleaned["answers"] = answers
        return cleaned

    def question_fields(self) -> list[forms.BoundField]:
        return [self[f"q_{question.pk}"] for question in self.questions]

    def needs(self) -> Needs:
        """What the person said they need, for `services.registration_create` or
        `services.registration_update_needs`; the form must be valid."""
        data = self.cleaned_data
        return Needs(
            interpretation_language=data.get("interpretation_language") or "",
            data_support=data["needs_data_support"],
            childcare=data["needs_childcare"],
            accessibility=data["accessibility_needs"],
            attendance=data.get("attendance") or "",
            answers=data["answers"],
        )


class NeedsForm(RegistrationForm):
    """The registration form without the code of conduct (accepted when registering),
    filled with what the person said then: to change their needs and answers."""

    def __init__(
        self,
        *args: Any,
        registration: Registration,
        session: Session,
        questions: list[RegistrationQuestion],
        **kwargs: Any,
    ):
        initial: dict[str, Any] = {
            "interpretation_language": registration.interpretation_language,
            "needs_data_support": registration.needs_data_support,
            "needs_childcare": registration.needs_childcare,
            "accessibility_needs": registration.accessibility_needs,
            "attendance": registration.attendance,
        }
        for question in questions:
            initial[f"q_{question.pk}"] = registration.answers.get(str(question.pk))
        super().__init__(*args, session=session, questions=questions, initial=initial, **kwargs)
        del self.fields["accept_code_of_conduct"]


class TalkForm(forms.ModelForm):
    class Meta:
        model = LightningTalk
        fields = ["title", "abstract", "language", "duration_minutes"]
        widgets = {"abstract": forms.Textarea(attrs={"rows": 5, "maxlength": 1500})}
        help_texts = {"duration_minutes": _("Lightning talks last at most 5 minutes.")}


class RegistrationSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name or email"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

        field = self.fields["status"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All")), *Registration.Status.choices]


class ContentTranslationForm(forms.Form):
    """One field's translation. `source` is the digest of the source text that was shown."""

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))
    source = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, language: str, language_name: str, anchor: str, **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", f"{anchor}-%s")
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("Translation into %(language)s") % {"language": language_name}
        self.fields["text"].widget.attrs.update(
            {"lang": language, "aria-describedby": f"{anchor}-source"}
        )
