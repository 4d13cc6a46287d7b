"""The map page's filters: a model of affiliation and a region, read from the query string."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..models import AffiliationModel, Organization, Region
from ..translations import shown_text


class MapFilterForm(forms.Form):
    """Narrow the map. Field names are the query string's; a model is named by its slug."""

    model = forms.ChoiceField(required=False)
    region = forms.ChoiceField(
        label=capfirst(Organization._meta.get_field("region").verbose_name),
        required=False,
        choices=[("", _("All regions")), *Region.choices],
    )

    def __init__(
        self, *args: Any, affiliation_models: list[AffiliationModel], **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self._models = {item.slug: item for item in affiliation_models}
        field = self.fields["model"]
        field.label = capfirst(AffiliationModel._meta.verbose_name)
        field.choices = [  # type: ignore[attr-defined]
            ("", _("All models")),
            *[(item.slug, shown_text(item, "name")) for item in affiliation_models],
        ]

    def filters(self) -> dict[str, Any]:
        """The chosen model (or None) and region (or ""), for `selectors_map.organization_map`;
        none when the form is unbound or invalid."""
        if not self.is_bound or not self.is_valid():
            return {"affiliation_model": None, "region": ""}
        return {
            "affiliation_model": self._models.get(self.cleaned_data["model"]),
            "region": self.cleaned_data["region"],
        }
