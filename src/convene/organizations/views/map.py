"""The registry's world map: where the recognized organizations work, coloured by country,
with the same numbers in a table."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from convene.core.cache import cache_anonymous_page

from .. import maps, selectors_map
from ..forms.map import MapFilterForm
from ..models import Organization


def _country_link(filters: dict[str, Any]) -> str:
    """The registry's list narrowed as the map is (recognized now, the model and region
    chosen), waiting for a country's code: each country of the table links to it."""
    query: dict[str, str] = {"status": Organization.Status.RECOGNIZED.value}
    if filters["affiliation_model"] is not None:
        query["model"] = filters["affiliation_model"].slug
    if filters["region"]:
        query["region"] = filters["region"]
    return f"{reverse('organizations:list')}?{urlencode(query)}&country="


@require_GET
@cache_anonymous_page
def organization_map(request: HttpRequest) -> HttpResponse:
    affiliation_models = selectors_map.map_affiliation_models(
        language=translation.get_language() or "en"
    )
    form = MapFilterForm(request.GET or None, affiliation_models=affiliation_models)
    filters = form.filters()
    found = selectors_map.organization_map(**filters)
    return render(
        request,
        "organizations/map.html",
        {
            "title": _("Where organizations work"),
            "form": form,
            "is_filtered": bool(filters["affiliation_model"] or filters["region"]),
            "found": found,
            "map_svg": maps.world_map_svg(
                found.counts, title=_("World map of recognized organizations by country")
            ),
            "steps": maps.map_steps(found.counts),
            "unshown": maps.countries_without_shape(found.counts),
            "list_url": reverse("organizations:list"),
            "country_link": _country_link(filters),
        },
        status=400 if form.errors else 200,
    )
