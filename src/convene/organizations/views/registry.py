"""The public registry: the list of organizations with its filters and counts, each
organization's page and its full history, the downloads of the list and the feed of its
changes. Views parse the filters, read with one selector and render."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from babel.dates import get_month_names
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from convene.core import languages
from convene.core.cache import cache_anonymous_page
from convene.core.exports import csv_response
from convene.core.lists import joined_text
from convene.core.timezones import babel_locale

from .. import exports, partnerships, rendering, rules, selectors
from ..forms.registry import RegistryFilterForm
from ..models import AffiliationModel, Organization

# The labels of the organization's facts are its fields' names.
FACTS = (
    "code",
    "affiliation_model",
    "region",
    "countries",
    "territorial_range",
    "working_languages",
    "is_incorporated",
    "legal_name",
    "registration_number",
    "member_count",
    "fiscal_year_start_month",
    "website",
    "wiki_page",
    "public_email",
    "representatives",
    "liaisons",
    "contact_person",
    "renewed_on",
    "mission",
)


def _language() -> str:
    return translation.get_language() or "en"


def _filters(
    request: HttpRequest, models: list[AffiliationModel]
) -> tuple[RegistryFilterForm, selectors.RegistryFilters]:
    """The filter form and the filters it holds; a value that is not one of the choices is
    reported by the form and filters nothing."""
    form = RegistryFilterForm(request.GET or None, models=models)
    if not form.is_bound:
        return form, selectors.RegistryFilters()
    form.is_valid()
    return form, selectors.RegistryFilters.from_data(form.cleaned_data)


def _query(filters: selectors.RegistryFilters) -> str:
    query = filters.as_query()
    return f"?{urlencode(query)}" if query else ""


def _tallies(
    filters: selectors.RegistryFilters, counts: selectors.RegistryCounts
) -> list[tuple[str, list[dict[str, Any]]]]:
    """The counts by model, region and status, each with the query of the list it counts."""
    return [
        (
            heading,
            [
                {
                    "label": tally.label,
                    "count": tally.count,
                    "query": _query(replace(filters, **{name: tally.key})),
                }
                for tally in tallies
            ],
        )
        for heading, name, tallies in (
            (_("By model of affiliation"), "model", counts.by_model),
            (_("By region"), "region", counts.by_region),
            (_("By status"), "status", counts.by_status),
        )
    ]


def _list_page(request: HttpRequest) -> HttpResponse:
    language = _language()
    models = selectors.affiliation_models(language=language)
    form, filters = _filters(request, models)
    found = selectors.registry_page(
        filters=filters, models=models, page_number=request.GET.get("page"), language=language
    )
    return render(
        request,
        "organizations/registry_list.html",
        {
            "title": _("Organizations"),
            "form": form,
            "filters": filters,
            "query": _query(filters),
            "page": found.page,
            "counts": found.counts,
            "tallies": _tallies(filters, found.counts),
            "rows": rendering.registry_rows(found.page.object_list),
        },
        status=400 if form.errors else 200,
    )


@require_GET
@cache_anonymous_page
def registry_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request)


def _download_filters(request: HttpRequest) -> selectors.RegistryFilters | None:
    """The list's filters for a download, or None when one is not a choice of the list."""
    models = selectors.affiliation_models(language=_language())
    form, filters = _filters(request, models)
    return None if form.errors else filters


@require_GET
def registry_csv(request: HttpRequest) -> HttpResponse:
    filters = _download_filters(request)
    if filters is None:
        return _list_page(request)  # the list, with what is wrong with its filters
    organizations = selectors.registry_export(filters=filters, language=_language())
    header, rows = exports.registry_table(
        organizations,
        page_url=lambda organization: request.build_absolute_uri(
            reverse("organizations:detail", args=[organization.slug])
        ),
    )
    return csv_response(filename="organizations.csv", header=header, rows=rows)


@require_GET
def registry_json(request: HttpRequest) -> HttpResponse:
    filters = _download_filters(request)
    if filters is None:
        return _list_page(request)
    organizations = selectors.registry_export(filters=filters, language=_language())
    return exports.registry_json_response(
        organizations, request=request, filters=filters.as_query()
    )


# --- An organization's page ---------------------------------------------------------


def _organization_or_404(request: HttpRequest, slug: str, *, whole: bool = True) -> Organization:
    """The organization (`whole`: with its names and people, for its page) or 404."""
    organization = selectors.organization_get(
        slug=slug,
        language=_language(),
        with_private=whole and rules.is_committee(request.user),
        with_people=whole,
    )
    if organization is None or not rules.can_view_organization(request.user, organization):
        raise Http404(_("No such organization."))
    return organization


def _labels() -> dict[str, str]:
    fields = Organization._meta
    return {name: capfirst(str(fields.get_field(name).verbose_name)) for name in FACTS}  # type: ignore[union-attr]


def _month_name(month: int) -> str:
    return str(get_month_names("wide", context="stand-alone", locale=babel_locale())[month])


def _facts(organization: Organization) -> dict[str, Any]:
    """What the facts show that is not a field as it is."""
    return {
        "working_languages": joined_text(
            languages.language_name(code) for code in organization.working_languages or []
        ),
        "fiscal_year_start_month": _month_name(organization.fiscal_year_start_month),
        "representatives": [person.public_name for person in organization.representatives.all()],
        "liaisons": [person.public_name for person in organization.liaisons.all()],
    }


@require_GET
@cache_anonymous_page
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization_or_404(request, slug)
    found = selectors.organization_page(organization=organization, language=_language())
    sees_private = rules.can_see_private(request.user, organization)
    return render(
        request,
        "organizations/organization_detail.html",
        {
            "title": organization.shown_name,  # type: ignore[attr-defined]
            "organization": organization,
            "found": found,
            "labels": _labels(),
            "facts": _facts(organization),
            "sees_private": sees_private,
            "history_html": rendering.history_html(found.history, sees_private=sees_private),
            # for organizations/_partnerships.html
            "partnerships": partnerships.partnerships_for(organization, request.user),
            "can_record_partnership": rules.can_record_partnership(request.user, organization),
        },
    )


@require_GET
@cache_anonymous_page
def organization_history(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization_or_404(request, slug, whole=False)
    page = selectors.organization_history(
        organization=organization, page_number=request.GET.get("page")
    )
    return render(
        request,
        "organizations/organization_history.html",
        {
            "title": _("History of %(name)s") % {"name": organization.shown_name},  # type: ignore[attr-defined]
            "organization": organization,
            "page": page,
            "history_html": rendering.history_html(
                page.object_list, sees_private=rules.can_see_private(request.user, organization)
            ),
        },
    )
