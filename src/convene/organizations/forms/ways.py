"""The committee's forms for the models of affiliation: every field and rule of a model, and
the translation of its text into one language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from ..models import AffiliationModel
from ..services_ways import EDITABLE, RESERVED_SLUGS, AffiliationModelFields
from ..translations import WorkField, field_label, max_length

# The fields of the form, in three groups the page shows under their own headings.
ABOUT = ("name", "slug", "summary", "language", "order")
RULES = (
    "is_official",
    "accepts_applications",
    "requires_incorporation",
    "requires_activity_report",
    "requires_financial_statement",
    "report_months",
    "provisional_months",
    "quorum",
    "majority_percent",
    "reapply_months",
)
GROUPS = (
    ("about", _("The model"), ABOUT),
    ("characteristics", _("Defining characteristics"), AffiliationModel.CHARACTERISTICS),
    ("rules", _("What applications and reports follow"), RULES),
)


class AffiliationModelForm(forms.ModelForm):
    """Every field of a model of affiliation. Validation is the model's own (`clean`, unique
    names), so the form refuses what the service would."""

    class Meta:
        model = AffiliationModel
        fields = [*ABOUT, *AffiliationModel.CHARACTERISTICS, *RULES]
        widgets = {
            **{
                name: forms.Textarea(attrs={"rows": 3, "dir": "auto"})
                for name in AffiliationModel.CHARACTERISTICS
            },
            "name": forms.TextInput(attrs={"dir": "auto"}),
            "summary": forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        }
        help_texts = {
            "slug": _("Letters, digits and hyphens; the address of the model's page ends with it."),
            "language": _("The language the committee writes this model's text in."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("minimum_rights", "minimum_duties"):
            self.fields[name].widget.attrs["rows"] = 5
        for name in AffiliationModel.CHARACTERISTICS:  # unbounded in the table: bounded here
            field = self.fields[name]
            field.max_length = max_length(name)  # type: ignore[attr-defined]
            field.validators.append(MaxLengthValidator(max_length(name)))
            field.widget.attrs["maxlength"] = str(max_length(name))

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(
                _("This short name is taken by a page of Convene. Choose another.")
            )
        return slug

    def groups(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """(id, heading, bound fields) of each group, for the template."""
        return [
            (key, str(heading), [self[name] for name in names]) for key, heading, names in GROUPS
        ]

    def model_fields(self) -> AffiliationModelFields:
        data = self.cleaned_data
        return AffiliationModelFields(**{name: data[name] for name in EDITABLE})  # type: ignore[typeddict-item]


class AffiliationModelTranslationForm(forms.Form):
    """The translation of each non-empty field of a model into one language: a text, the
    fingerprint of the source shown (`seen_<field>`), and for an outdated translation a box
    to confirm it still says what the new source says (`confirm_<field>`)."""

    def __init__(self, *args: Any, rows: list[WorkField], language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            name = row.field
            attrs = {"dir": "auto", "lang": language, "aria-describedby": f"source-{name}"}
            self.fields[f"text_{name}"] = forms.CharField(
                label=field_label(name),
                required=False,
                max_length=max_length(name),
                strip=True,
                initial=row.translation.text if row.translation else "",
                widget=forms.TextInput(attrs=attrs)
                if name == "name"  # one line, as the name itself
                else forms.Textarea(attrs={**attrs, "rows": 2 if name == "summary" else 4}),
            )
            self.fields[f"seen_{name}"] = forms.CharField(
                required=False, initial=row.digest, widget=forms.HiddenInput
            )
            if row.state == "outdated":
                self.fields[f"confirm_{name}"] = forms.BooleanField(
                    label=_("The translation above still says what the new original says"),
                    required=False,
                )

    def entries(self) -> list[dict[str, Any]]:
        """Each field's row with its bound fields, for the template."""
        return [
            {
                "row": row,
                "label": field_label(row.field),
                "text": self[f"text_{row.field}"],
                "seen": self[f"seen_{row.field}"],
                "confirm": self[f"confirm_{row.field}"] if row.state == "outdated" else None,
            }
            for row in self.rows
        ]

    def texts(self) -> dict[str, str]:
        return {row.field: self.cleaned_data[f"text_{row.field}"] for row in self.rows}

    def seen(self) -> dict[str, str]:
        return {row.field: self.cleaned_data[f"seen_{row.field}"] for row in self.rows}

    def confirmed(self) -> set[str]:
        return {
            row.field
            for row in self.rows
            if row.state == "outdated" and self.cleaned_data.get(f"confirm_{row.field}")
        }
