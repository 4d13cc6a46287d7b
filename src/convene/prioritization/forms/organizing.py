"""What organizers type: a round's settings, its items, clusters, groups and an import."""

from __future__ import annotations

import functools
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from convene.accounts.models import User
from convene.core import languages
from convene.core.errors import ServiceError
from convene.core.forms import DATETIME_INPUT, WallClockDateTimeField, aware_in_zone
from convene.organizations.models import Organization, Region

from ..imports import MAX_BYTES
from ..models import Cluster, Item, Round
from ..services_organizing import RoundTerms, item_lines_parse, users_by_email

TEXT = forms.TextInput(attrs={"dir": "auto"})


def _emails(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", "\n").split() if part.strip()]


def _accounts(text: str) -> list[User]:
    try:
        return users_by_email(_emails(text))
    except ServiceError as error:
        raise forms.ValidationError(error.message, code=error.code) from error


class RoundForm(forms.ModelForm):
    """A round's settings; its times are typed in the organizer's own time zone."""

    opens_at = WallClockDateTimeField(
        label=_("Opens"), widget=DATETIME_INPUT, help_text=_("In your time zone.")
    )
    closes_at = WallClockDateTimeField(
        label=_("Closes"),
        widget=DATETIME_INPUT,
        help_text=_("In your time zone. The ballots are counted at the close."),
    )
    language = forms.ChoiceField(
        label=_("Language of the texts"),
        choices=functools.partial(languages.sorted_choices, languages.CONTENT),
        help_text=_("The language the organizers write the round and its report in."),
    )
    organizer_emails = forms.CharField(
        label=_("Organizers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The email addresses of the other people who organize the round, one a line. "
            "They need an account."
        ),
    )

    class Meta:
        model = Round
        fields = [
            "process",
            "title",
            "slug",
            "question",
            "instructions",
            "language",
            "opens_at",
            "closes_at",
            "ballot_form",
            "max_items",
            "group_track",
            "registry_groups",
            "individual_track",
            "individuals_event",
            "results_before_close",
            "bootstrap_top",
        ]
        widgets = {
            "title": TEXT,
            "question": TEXT,
            "instructions": forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
            "ballot_form": forms.RadioSelect,
        }
        labels = {"max_items": _("K: how many items a ballot may list")}
        help_texts = {
            "slug": _("Letters, digits and hyphens, e.g. global-conversations-2020."),
            "bootstrap_top": _(
                "The results show how often each item is among this many first, over "
                "resamples of the ballots."
            ),
            "individuals_event": _("Empty: every signed-in person may vote."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone_name = timezone.get_current_timezone_name()
        self.fields["individuals_event"].required = False
        instance = self.instance
        if instance.pk:
            zone = timezone.get_current_timezone()
            for name in ("opens_at", "closes_at"):
                value = getattr(instance, name)
                self.initial[name] = value.astimezone(zone).strftime("%Y-%m-%dT%H:%M")
            self.initial["organizer_emails"] = "\n".join(
                user.email for user in instance.organizers.all()
            )

    def clean_organizer_emails(self) -> list[User]:
        return _accounts(self.cleaned_data["organizer_emails"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("opens_at", "closes_at"):
            if cleaned.get(name) is not None:
                try:
                    cleaned[name] = aware_in_zone(cleaned[name], self.zone_name)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("A round closes after it opens."))
        if not (cleaned.get("group_track") or cleaned.get("individual_track")):
            self.add_error(None, _("Choose who takes part: groups, individuals or both."))
        return cleaned

    def _post_clean(self) -> None:
        """The service checks the round whole (and the database its constraints): the
        model's own validation would only repeat them, with other words."""

    def terms(self) -> RoundTerms:
        data = self.cleaned_data
        return RoundTerms(
            process=data["process"],
            title=data["title"],
            slug=data["slug"],
            question=data["question"],
            instructions=data["instructions"],
            language=data["language"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            ballot_form=data["ballot_form"],
            max_items=data["max_items"],
            group_track=data["group_track"],
            registry_groups=data["registry_groups"],
            individual_track=data["individual_track"],
            individuals_event=data["individuals_event"],
            results_before_close=data["results_before_close"],
            bootstrap_top=data["bootstrap_top"],
            organizers=data["organizer_emails"],
        )

    # Which field a service's refusal belongs to.
    FIELD_OF_CODE = {
        "slug_taken": "slug",
        "closes_before_opening": "closes_at",
        "ballots_exist": "max_items",
        "k_out_of_range": "max_items",
    }

    def add_refusal(self, error: ServiceError) -> None:
        self.add_error(self.FIELD_OF_CODE.get(error.code), error.message)


class ItemLinesForm(forms.Form):
    lines = forms.CharField(
        label=_("Items, one a line"),
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
        help_text=_(
            "identifier | title | heading | description, e.g. “initiative-22 | Global "
            "approach for local skill development | Skills and leadership development | "
            "…”. The heading and description may be left out."
        ),
    )

    def __init__(self, *args: Any, taken: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.taken = taken

    def clean_lines(self) -> str:
        text: str = self.cleaned_data["lines"]
        _lines, problems = item_lines_parse(text, self.taken)
        if problems:
            raise forms.ValidationError(problems)
        return text


class ItemForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = ["identifier", "title", "heading", "description"]
        widgets = {
            "title": TEXT,
            "heading": TEXT,
            "description": forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        }

    def _post_clean(self) -> None:
        """The service checks the identifier against the round's other items."""


class ItemTranslationForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=200,
        widget=TEXT,
        help_text=_("Empty: readers see the original."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
    )

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("title", "description"):
            self.fields[name].widget.attrs["lang"] = language


class ClusterForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=10, help_text=_("A letter or two, e.g. A."), widget=TEXT
    )
    name = forms.CharField(label=_("Name"), max_length=200, widget=TEXT)
    items = forms.MultipleChoiceField(
        label=_("Items"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("An item belongs to one cluster at most."),
    )

    def __init__(self, *args: Any, items: list[Item], cluster: Cluster | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["items"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [
            (item.identifier, f"{item.identifier}: {item.title}")
            for item in items
            if item.cluster_id is None or (cluster is not None and item.cluster_id == cluster.pk)
        ]


class CommunityForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, widget=TEXT)
    region = forms.ChoiceField(label=_("Region"), choices=[("", "—"), *Region.choices])
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=lambda: [("", "—"), *languages.sorted_choices()],
    )
    representative_emails = forms.CharField(
        label=_("Representatives"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The email addresses of the people who submit the community's priorities, one a "
            "line. They need an account."
        ),
    )

    def clean_representative_emails(self) -> list[User]:
        return _accounts(self.cleaned_data["representative_emails"])


class RepresentativesForm(forms.Form):
    representative_emails = forms.CharField(
        label=_("Representatives"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The email addresses of the people who submit the group's priorities, one a line. "
            "They need an account. For an organization of the registry, its representatives "
            "there submit too."
        ),
    )

    def clean_representative_emails(self) -> list[User]:
        return _accounts(self.cleaned_data["representative_emails"])


class OrganizationGroupForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Recognized organization"), queryset=Organization.objects.none()
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = choices


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, one row per ballot, with the columns ballot, group, region and rank_1 to "
            "rank_K."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB; split it into smaller files.")
                % {"size": MAX_BYTES // (1024 * 1024)}
            )
        return bytes(upload.read())
