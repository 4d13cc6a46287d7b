"""What people type to apply, to review an application, to change an organization's status
and to keep its record. Forms parse and check what was typed; the services decide."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.dates import MONTHS
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from convene.accounts.models import User
from convene.core import languages
from convene.core.forms import DATETIME_INPUT, WallClockDateTimeField, aware_in_zone
from convene.core.lists import joined_text

from .. import rules
from ..countries import country_choices
from ..models import AffiliationModel, Application, Organization, Recusal, Vote
from ..selectors_applications import users_by_email
from ..services import OrganizationFields

Step = Application.Step

# The organization's record as an applicant gives it, in the order the form asks for it.
RECORD_FIELDS = (
    "name",
    "code",
    "region",
    "countries",
    "territorial_range",
    "is_incorporated",
    "legal_name",
    "registration_number",
    "website",
    "wiki_page",
    "working_languages",
    "more_working_languages",
    "member_count",
    "mission",
    "fiscal_year_start_month",
    "public_email",
)
LEGAL_FIELDS = ("is_incorporated", "legal_name", "registration_number")
# The record's fields in the groups the forms show under their own headings.
RECORD_GROUPS = (
    (
        "organization",
        _("The organization"),
        ("name", "code", "region", "countries", "territorial_range", "mission", "language"),
    ),
    ("legal", _("Legal entity"), LEGAL_FIELDS),
    (
        "contact",
        _("Languages and contact"),
        (
            "working_languages",
            "more_working_languages",
            "website",
            "wiki_page",
            "public_email",
            "member_count",
            "fiscal_year_start_month",
        ),
    ),
)
CODE_PATTERN = RegexValidator(
    r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$",
    _("Use letters, digits and hyphens only, e.g. WMDE or WUG-NG."),
    code="invalid_code",
)


def _https_urls(db_field: Any, **kwargs: Any) -> forms.Field | None:
    """Model form fields, with web addresses that assume https when typed without it."""
    if db_field.__class__.__name__ == "URLField":
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


def _own_names(codes: Iterable[str]) -> list[tuple[str, str]]:
    """(code, the language's name in itself): how a speaker finds their language in a list."""
    return [(code, languages.language_name(code, reader=code)) for code in codes]


def _choose(field: forms.Field, choices: Sequence[tuple[str, object]]) -> None:
    """Set the choices of a choice field built with none (they depend on the object)."""
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _months() -> list[tuple[int, str]]:
    return [(number, capfirst(str(name))) for number, name in MONTHS.items()]


class OrganizationRecordForm(forms.ModelForm):
    """An organization's public record: who it is, where, in which languages, and the legal
    entity some models require. Names and codes already taken are refused by the service,
    which also looks at the names in other languages."""

    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=country_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Where it works. Choose as many as apply (Ctrl or ⌘ and click, on a computer)."
        ),
    )
    # The common languages as checkboxes, every other language in a list, each named in itself.
    working_languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=_own_names(languages.CONTENT),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    more_working_languages = forms.MultipleChoiceField(
        label=_("Other working languages"),
        choices=_own_names(code for code in languages.ALL if code not in languages.CONTENT),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        required=False,
        help_text=_("Choose as many as apply (Ctrl or ⌘ and click, on a computer)."),
    )
    fiscal_year_start_month = forms.TypedChoiceField(
        label=_("Month its fiscal year starts"), choices=_months, coerce=int, initial=1
    )

    class Meta:
        model = Organization
        formfield_callback = _https_urls
        fields = [name for name in RECORD_FIELDS if name != "more_working_languages"]
        widgets = {
            "name": forms.TextInput(attrs={"dir": "auto"}),
            "territorial_range": forms.TextInput(attrs={"dir": "auto"}),
            "legal_name": forms.TextInput(attrs={"dir": "auto"}),
            "mission": forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        }
        help_texts = {
            "territorial_range": _("E.g. a country, a region, a city, or worldwide."),
            "is_incorporated": _("The organization is a registered legal entity."),
            "wiki_page": _("Its page on Meta-Wiki, if it has one."),
            "member_count": _("About how many members it has. Optional."),
            "mission": _("Markdown."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].validators.append(CODE_PATTERN)
        chosen = list(self.instance.working_languages or [])
        self.initial["working_languages"] = [c for c in chosen if c in languages.CONTENT]
        self.initial["more_working_languages"] = [c for c in chosen if c not in languages.CONTENT]
        self.initial["countries"] = [str(code) for code in self.instance.countries or []]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["working_languages"] = [
            *cleaned.get("working_languages", []),
            *cleaned.get("more_working_languages", []),
        ]
        return cleaned

    def validate_unique(self) -> None:
        """Left to the service: it also compares names across languages and case."""

    def record(self) -> OrganizationFields:
        data = self.cleaned_data
        fields = {name: data[name] for name in self._meta.fields or () if name in data}
        return OrganizationFields(**fields)  # type: ignore[typeddict-item]

    def fields_of(self, names: Sequence[str]) -> list[forms.BoundField]:
        return [self[name] for name in names if name in self.fields]

    def groups(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """(id, heading, bound fields) of each group of the record, for the template."""
        return [(key, str(heading), self.fields_of(names)) for key, heading, names in RECORD_GROUPS]


def model_choices(affiliation_models: Iterable[AffiliationModel]) -> list[tuple[str, str]]:
    """(slug, name in the reader's language when attached) of each model."""
    choices = []
    for affiliation_model in affiliation_models:
        shown = getattr(affiliation_model, "shown", None)
        choices.append(
            (affiliation_model.slug, shown.name.text if shown else affiliation_model.name)
        )
    return choices


class LetterMixin(forms.Form):
    """The model applied for, and the letter of intent with its language."""

    affiliation_model = forms.ChoiceField(
        label=_("Model of affiliation"), widget=forms.RadioSelect, choices=()
    )
    letter_of_intent = forms.CharField(
        label=_("Letter of intent"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10, "dir": "auto"}),
        help_text=_(
            "Markdown. Who you are, what you do and plan to do, and why this model suits you. "
            "The letter is public."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language you write in"),
        choices=languages.choices(languages.CONTENT),
        help_text=_("The language of the letter and of the mission."),
    )

    def _init_models(self, affiliation_models: Sequence[AffiliationModel]) -> None:
        self.affiliation_models = {item.slug: item for item in affiliation_models}
        self.model_choices = model_choices(affiliation_models)
        _choose(self.fields["affiliation_model"], self.model_choices)

    def chosen_model(self) -> AffiliationModel:
        return self.affiliation_models[self.cleaned_data["affiliation_model"]]

    def incorporation_models(self) -> str:
        """The names of the models that require a legal entity, as the reader's list."""
        names = [
            label
            for slug, label in self.model_choices
            if self.affiliation_models[slug].requires_incorporation
        ]
        return joined_text(names)


class ApplyForm(LetterMixin, OrganizationRecordForm):
    """A new organization applies: its record, the model and the letter of intent."""

    field_order = ["affiliation_model", *RECORD_FIELDS, "letter_of_intent", "language"]

    def __init__(
        self, *args: Any, affiliation_models: Sequence[AffiliationModel], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._init_models(affiliation_models)


class ApplyAgainForm(LetterMixin):
    """An organization on record applies again, or for another model."""

    def __init__(
        self, *args: Any, affiliation_models: Sequence[AffiliationModel], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._init_models(affiliation_models)


class OrganizationEditForm(OrganizationRecordForm):
    """The record, its language and its names in the other languages; for the committee,
    also who represents the organization and who is its liaison (by their addresses)."""

    representatives_text = forms.CharField(
        label=_("Representatives"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        help_text=_("The email addresses of their accounts, one per line."),
    )
    liaisons_text = forms.CharField(
        label=_("Liaisons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
        help_text=_("Committee members who follow this organization; addresses, one per line."),
    )

    class Meta(OrganizationRecordForm.Meta):
        fields = [*OrganizationRecordForm.Meta.fields, "language"]

    def __init__(self, *args: Any, manage_people: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization = self.instance
        names = {item.language: item.name for item in organization.names.all()}
        self.name_fields: list[str] = []
        for code in languages.CONTENT:
            key = f"name_{code.replace('-', '_')}"
            self.fields[key] = forms.CharField(
                label=languages.language_name(code),
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs={"dir": "auto", "lang": code}),
            )
            self.initial[key] = names.get(code, "")
            self.name_fields.append(key)
        self.manage_people = manage_people
        if manage_people:
            self.initial["representatives_text"] = "\n".join(
                person.email for person in organization.representatives.all()
            )
            self.initial["liaisons_text"] = "\n".join(
                person.email for person in organization.liaisons.all()
            )
        else:
            del self.fields["representatives_text"], self.fields["liaisons_text"]

    def _people(self, name: str) -> list[User]:
        addresses = list(dict.fromkeys(self.cleaned_data.get(name, "").split()))
        found = users_by_email(addresses)
        unknown = [address for address in addresses if address.lower() not in found]
        if unknown:
            self.add_error(
                name,
                forms.ValidationError(
                    _("No account uses %(addresses)s."),
                    code="unknown_account",
                    params={"addresses": joined_text(unknown)},
                ),
            )
        people = [found[address.lower()] for address in addresses if address.lower() in found]
        return list({person.pk: person for person in people}.values())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.manage_people:
            cleaned["representatives"] = self._people("representatives_text")
            cleaned["liaisons"] = self._people("liaisons_text")
        return cleaned

    def names(self) -> dict[str, str]:
        """The name in each other language ("" removes it); none in the record's own."""
        own = self.cleaned_data.get("language")
        return {
            code: "" if code == own else self.cleaned_data.get(f"name_{code.replace('-', '_')}", "")
            for code in languages.CONTENT
        }

    def name_fields_bound(self) -> list[forms.BoundField]:
        return [self[name] for name in self.name_fields]


# --- the application's page -----------------------------------------------------------------


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("Public. Be kind and specific."),
    )


class MoveForm(forms.Form):
    """To the next step of the review (a decision has its own form)."""

    to_step = forms.ChoiceField(label=_("Move to"), widget=forms.RadioSelect, choices=())
    note = forms.CharField(
        label=_("Note for the committee"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.steps = [
            (step, Step(step).label)
            for step in rules.STEP_MOVES.get(application.step, ())
            if step not in rules.DECISIONS
        ]
        _choose(self.fields["to_step"], self.steps)

    @property
    def offered(self) -> bool:
        return bool(self.steps)


class InterviewForm(forms.Form):
    """The interview's time, typed in the member's own time zone, and its meeting link."""

    at = WallClockDateTimeField(label=_("When"), widget=DATETIME_INPUT)
    meeting_url = forms.URLField(
        label=_("Meeting link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Seen by the committee and the applicant only."),
    )

    def __init__(self, *args: Any, zone_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone_name = zone_name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("at") is not None:
            try:
                cleaned["at"] = aware_in_zone(cleaned["at"], self.zone_name)
            except forms.ValidationError as error:
                self.add_error("at", error)
        return cleaned


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), widget=forms.RadioSelect, choices=Vote.Choice.choices
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        help_text=_("Seen by the committee only."),
    )


class RecuseForm(forms.Form):
    reason = forms.CharField(
        label=_("How you are tied to the applicant"),
        max_length=Recusal._meta.get_field("reason").max_length,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("Seen by the committee only. You take no further part in this review."),
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=())
    reason = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("Public, and sent to the applicant. Required to defer or decline."),
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = (
            rules.DECISIONS
            if application.step == Step.VOTE
            else [
                step
                for step in rules.STEP_MOVES.get(application.step, ())
                if step in rules.DECISIONS
            ]
        )
        labels: dict[str, object] = {
            Step.RECOGNIZED: _("Recognize"),
            Step.DEFERRED: _("Defer"),
            Step.DECLINED: _("Decline"),
        }
        _choose(self.fields["decision"], [(step, labels[step]) for step in offered])


# --- changes of status ------------------------------------------------------------------------


class StatusChangeForm(forms.Form):
    public_reason = forms.CharField(
        label=_("Public reason"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("Shown on the organization's page and sent to its representatives."),
    )
    private_note = forms.CharField(
        label=_("Private note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Seen by the committee only."),
    )

    def __init__(self, *args: Any, private: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not private:
            del self.fields["private_note"]


class ProposalDismissForm(forms.Form):
    note = forms.CharField(
        label=_("Why the proposal is dismissed"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Seen by the committee only."),
    )
