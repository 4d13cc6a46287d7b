"""What the registry's map page reads: where the recognized organizations work, by
country, in one query, and the models of affiliation its filter offers."""

from __future__ import annotations

from dataclasses import dataclass

from .countries import country_choices
from .maps import count_countries
from .models import AffiliationModel, Organization
from .translations import attach_shown


@dataclass(frozen=True)
class CountryRow:
    code: str
    name: str
    count: int


@dataclass(frozen=True)
class OrganizationMap:
    counts: dict[str, int]  # alpha-2 code: how many organizations work there
    rows: list[CountryRow]  # most organizations first, then by name
    organizations: int  # how many organizations match
    without_country: int  # of them, how many name no country (not on the map)


def map_affiliation_models(*, language: str) -> list[AffiliationModel]:
    """Every model of affiliation in the committee's order, with its name in `language`
    (`translations.shown_text`). One query, two when some are written in another language."""
    models = list(AffiliationModel.objects.order_by("order", "name"))
    attach_shown(models, language=language)
    return models


def organization_map(
    *, affiliation_model: AffiliationModel | None = None, region: str = ""
) -> OrganizationMap:
    """How many recognized organizations work in each country, of one model of affiliation
    and one region if given. One query, whatever the number of organizations."""
    organizations = Organization.objects.recognized()
    if affiliation_model is not None:
        organizations = organizations.filter(affiliation_model=affiliation_model)
    if region:
        organizations = organizations.filter(region=region)
    values = list(organizations.values_list("countries", flat=True))
    counts = count_countries(values)
    names = dict(country_choices())
    order = {code: position for position, code in enumerate(names)}
    rows = [
        CountryRow(code=code, name=names.get(code, code), count=count)
        for code, count in sorted(
            counts.items(), key=lambda item: (-item[1], order.get(item[0], len(order)), item[0])
        )
    ]
    return OrganizationMap(
        counts=counts,
        rows=rows,
        organizations=len(values),
        without_country=sum(1 for value in values if not value),
    )
