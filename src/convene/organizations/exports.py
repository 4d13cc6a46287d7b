"""The registry as downloads: a spreadsheet (CSV) for people and JSON for programs, of the
listed organizations the list's filters keep, public fields only.

The spreadsheet names things in the reader's language (model, region, countries, status)
and writes dates as ISO 8601; the JSON has the API's shape (`OrganizationSerializer`):
codes, not names. Both give the due date of each organization's next report, which the
committee plans its reviews with.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from convene.core.timezones import utc_text

from .countries import country_names
from .models import Organization, Region
from .selectors import choice_labels
from .serializers import OrganizationSerializer

# The columns of the spreadsheet, named as the fields of the record are.
COLUMNS = (
    "code",
    "name",
    "affiliation_model",
    "region",
    "countries",
    "is_incorporated",
    "legal_name",
    "member_count",
    "fiscal_year_start_month",
    "status",
    "recognized_on",
    "provisional_until",
    "renewed_on",
    "derecognized_on",
    "compliance_level",
    "website",
)


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _day(value: Any) -> str:
    return value.isoformat() if value else ""


def registry_table(
    organizations: list[Organization], *, page_url: Callable[[Organization], str]
) -> tuple[list[Any], list[list[Any]]]:
    """The header and one row per organization (from `selectors.registry_export`), the last
    column the address of its page."""
    fields = Organization._meta
    header: list[Any] = [
        capfirst(str(fields.get_field(name).verbose_name))  # type: ignore[union-attr]
        for name in COLUMNS
    ]
    header += [_("Next report due"), _("Page")]
    regions, statuses = choice_labels(Region), choice_labels(Organization.Status)
    rows = [
        [
            organization.code,
            organization.name,
            organization.model_name,  # type: ignore[attr-defined]
            regions.get(organization.region, organization.region),
            "; ".join(country_names(organization.countries)),
            _yes_no(organization.is_incorporated),
            organization.legal_name,
            organization.member_count,
            organization.fiscal_year_start_month,
            statuses.get(organization.status, organization.status),
            _day(organization.recognized_on),
            _day(organization.provisional_until),
            _day(organization.renewed_on),
            _day(organization.derecognized_on),
            organization.compliance_level,
            organization.website,
            _day(organization.next_report_due),  # type: ignore[attr-defined]
            page_url(organization),
        ]
        for organization in organizations
    ]
    return header, rows


def registry_json_response(
    organizations: list[Organization], *, request: HttpRequest, filters: dict[str, str]
) -> JsonResponse:
    """The organizations as the API gives them, each with the due date of its next report,
    and when and how the download was made."""
    records = OrganizationSerializer(organizations, many=True, context={"request": request}).data
    for record, organization in zip(records, organizations, strict=True):
        record["next_report_due"] = _day(organization.next_report_due) or None  # type: ignore[attr-defined]
    data = {
        "generated_at": utc_text(timezone.now()),
        "filters": filters,
        "count": len(organizations),
        "organizations": records,
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = 'attachment; filename="organizations.json"'
    return response
