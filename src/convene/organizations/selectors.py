"""Reads of the registry: each returns what a page, an export, the feed or the API needs in a
constant number of queries, whatever the number of organizations or of their history."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from convene.accounts.models import User
from convene.core import languages
from convene.core.lists import joined_text
from convene.events.models import Event
from convene.events.translations import attach_shown

from . import reporting
from .countries import country_names
from .models import (
    AffiliationModel,
    AffiliationModelTranslation,
    Application,
    HistoryEntry,
    Organization,
    OrganizationName,
    Region,
    Report,
)
from .querysets import LISTED

REGISTRY_PER_PAGE = 50
HISTORY_ON_PAGE = 50  # the latest entries on an organization's page; the rest on its history
HISTORY_PER_PAGE = 50
FEED_ENTRIES = 50

# What a row of the registry shows (the rest of an organization is not read for the list).
ROW_FIELDS = (
    "slug",
    "name",
    "code",
    "affiliation_model_id",
    "region",
    "countries",
    "language",
    "status",
    "status_since",
    "recognized_on",
    "provisional_until",
    "derecognized_on",
    "compliance_level",
    "is_sample",
)


# --- The registry's list -------------------------------------------------------------


@dataclass(frozen=True)
class RegistryFilters:
    """What the registry is narrowed to; empty strings filter nothing. Values are checked by
    the form or the API's query serializer before they get here."""

    q: str = ""
    model: str = ""  # a model of affiliation's slug
    region: str = ""
    country: str = ""  # an ISO 3166 code
    status: str = ""  # one of the listed statuses
    language: str = ""  # a working language

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> RegistryFilters:
        return cls(**{name: str(data.get(name) or "").strip() for name in cls.names()})

    @staticmethod
    def names() -> tuple[str, ...]:
        return ("q", "model", "region", "country", "status", "language")

    @property
    def active(self) -> bool:
        return any(getattr(self, name) for name in self.names())

    def as_query(self) -> dict[str, str]:
        """The filters set, as query parameters."""
        return {name: getattr(self, name) for name in self.names() if getattr(self, name)}


def _with_working_language(
    organizations: QuerySet[Organization], code: str
) -> QuerySet[Organization]:
    if connection.features.supports_json_field_contains:
        return organizations.filter(working_languages__contains=[code])
    # SQLite stores the list as JSON text: the quoted code is one of its items.
    return organizations.filter(working_languages__icontains=f'"{code}"')


def registry_organizations(*, filters: RegistryFilters) -> QuerySet[Organization]:
    """The listed organizations (ever recognized) that `filters` keep, in no order. The
    search matches the name, the code and the names in other languages."""
    organizations: QuerySet[Organization] = Organization.objects.listed()
    if filters.q:
        other_names = OrganizationName.objects.filter(name__icontains=filters.q)
        organizations = organizations.filter(
            Q(name__icontains=filters.q)
            | Q(code__icontains=filters.q)
            | Q(pk__in=other_names.values("organization_id"))
        )
    if filters.model:
        organizations = organizations.filter(affiliation_model__slug=filters.model)
    if filters.region:
        organizations = organizations.filter(region=filters.region)
    if filters.country:
        # Stored as codes joined by commas: a two-letter code can only match itself.
        organizations = organizations.filter(countries__contains=filters.country.upper())
    if filters.status:
        organizations = organizations.filter(status=filters.status)
    if filters.language:
        organizations = _with_working_language(organizations, filters.language)
    return organizations


def _shown_name(language: str) -> Subquery:
    """The organization's name in `language`, where it has one."""
    names = OrganizationName.objects.filter(organization=OuterRef("pk"), language=language)
    return Subquery(names.values("name")[:1])


def _model_name(language: str, model_id: str = "pk") -> Subquery:
    """A model of affiliation's name as the committee translated it into `language`."""
    translated = AffiliationModelTranslation.objects.filter(
        affiliation_model=OuterRef(model_id), field="name", language=language
    )
    return Subquery(translated.values("text")[:1])


def affiliation_models(*, language: str) -> list[AffiliationModel]:
    """Every model of affiliation, in the committee's order, each with `shown_name` (its name
    in `language` where translated) and `shown_language`; its long texts are not read. One
    query."""
    models: list[AffiliationModel] = list(
        AffiliationModel.objects.only("slug", "name", "language", "order", "is_official").annotate(
            name_here=_model_name(language)
        )
    )
    for model in models:
        model.shown_name = model.name_here or model.name  # type: ignore[attr-defined]
        model.shown_language = language if model.name_here else model.language  # type: ignore[attr-defined]
    return models


@dataclass(frozen=True)
class Tally:
    key: str
    label: str
    count: int


@dataclass
class RegistryCounts:
    """How many organizations the filters keep, by model, region and status."""

    total: int = 0
    by_model: list[Tally] = field(default_factory=list)
    by_region: list[Tally] = field(default_factory=list)
    by_status: list[Tally] = field(default_factory=list)


def registry_counts(
    *, organizations: QuerySet[Organization], models: list[AffiliationModel]
) -> RegistryCounts:
    """The counts by model, region and status of `organizations`, in one aggregate query;
    each list in the order of its choices, without the empty ones."""
    rows = (
        organizations.order_by()
        .values("affiliation_model_id", "region", "status")
        .annotate(n=Count("pk"))
    )
    per_model: dict[int, int] = {}
    per_region: dict[str, int] = {}
    per_status: dict[str, int] = {}
    for row in rows:
        per_model[row["affiliation_model_id"]] = (
            per_model.get(row["affiliation_model_id"], 0) + row["n"]
        )
        per_region[row["region"]] = per_region.get(row["region"], 0) + row["n"]
        per_status[row["status"]] = per_status.get(row["status"], 0) + row["n"]
    statuses = dict(Organization.Status.choices)
    return RegistryCounts(
        total=sum(per_status.values()),
        by_model=[
            Tally(model.slug, model.shown_name, per_model[model.pk])  # type: ignore[attr-defined]
            for model in models
            if per_model.get(model.pk)
        ],
        by_region=[
            Tally(value, str(label), per_region[value])
            for value, label in Region.choices
            if per_region.get(value)
        ],
        by_status=[
            Tally(value, str(statuses[value]), per_status[value])
            for value in LISTED
            if per_status.get(value)
        ],
    )


class CountedPaginator(Paginator):
    """A paginator told how many items there are (counted with the page's other figures),
    so it does not count them again."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def _attach_row(
    organization: Organization, models: dict[int, AffiliationModel], language: str
) -> None:
    """What a row shows that is not a field: the name and model in the reader's language, the
    countries named and joined."""
    here = getattr(organization, "name_here", None)
    organization.shown_name = here or organization.name  # type: ignore[attr-defined]
    organization.shown_language = language if here else organization.language  # type: ignore[attr-defined]
    model = models.get(organization.affiliation_model_id)
    organization.model_name = model.shown_name if model else ""  # type: ignore[attr-defined]
    organization.countries_text = joined_text(country_names(organization.countries))  # type: ignore[attr-defined]


@dataclass
class RegistryPage:
    page: Page[Organization]
    counts: RegistryCounts
    models: list[AffiliationModel]


def registry_page(
    *,
    filters: RegistryFilters,
    models: list[AffiliationModel],
    page_number: Any,
    language: str,
) -> RegistryPage:
    """One page of the registry (50 organizations by name) with its counts, in two queries:
    the counts, and the page's organizations (each with its name in `language` where it has
    one). `models` are every model of affiliation (`affiliation_models`)."""
    organizations = registry_organizations(filters=filters)
    counts = registry_counts(organizations=organizations, models=models)
    rows = (
        organizations.only(*ROW_FIELDS)
        .annotate(name_here=_shown_name(language))
        .order_by("name", "pk")
    )
    page = CountedPaginator(rows, REGISTRY_PER_PAGE, count=counts.total).get_page(page_number)
    page.object_list = list(page.object_list) if counts.total else []
    by_pk = {model.pk: model for model in models}
    for organization in page.object_list:
        _attach_row(organization, by_pk, language)
    return RegistryPage(page=page, counts=counts, models=models)


def _without_model_texts() -> list[str]:
    """The long texts of the model of affiliation, which pages of organizations do not show."""
    return [f"affiliation_model__{name}" for name in AffiliationModel.CHARACTERISTICS]


def registry_api(*, filters: RegistryFilters) -> QuerySet[Organization]:
    """The listed organizations the filters keep, by name, each with its model and its names
    in other languages: a query for the organizations and one for their names."""
    return (
        registry_organizations(filters=filters)
        .select_related("affiliation_model")
        .defer(*_without_model_texts())
        .prefetch_related(
            Prefetch("names", queryset=OrganizationName.objects.order_by("language", "pk"))
        )
        .order_by("name", "pk")
    )


def registry_export(*, filters: RegistryFilters, language: str) -> list[Organization]:
    """Every listed organization the filters keep, as `registry_api` reads them, and their
    reports (three queries), each also with `shown_name` and `model_name` in `language`,
    `countries_text` and `next_report_due` (`reporting.next_due`: the due date of the
    earliest report owed and not accepted, else of the coming one; None when it owes none)."""
    reports = Report.objects.defer("body", "review_note")
    organizations: list[Organization] = list(
        registry_api(filters=filters)
        .prefetch_related(Prefetch("reports", queryset=reports))
        .annotate(
            name_here=_shown_name(language),
            model_name_here=_model_name(language, "affiliation_model_id"),
        )
    )
    today = timezone.localdate()
    for organization in organizations:
        model = organization.affiliation_model
        model.shown_name = organization.model_name_here or model.name  # type: ignore[attr-defined]
        _attach_row(organization, {model.pk: model}, language)
        due = reporting.next_due(organization, today)
        organization.next_report_due = due.due_on if due is not None else None  # type: ignore[attr-defined]
    return organizations


# --- An organization's page --------------------------------------------------------


def organization_get(
    *, slug: str, language: str, with_private: bool = False, with_people: bool = True
) -> Organization | None:
    """The organization with its model (its name in `language` where translated), names in
    other languages, representatives and liaisons, and its open application's id, in four
    queries (one without `with_people`: no names, representatives or liaisons). With
    `with_private`, the contact person too (for the committee)."""
    people = User.objects.only("pk", "display_name").order_by("display_name", "pk")
    organizations = (
        Organization.objects.filter(slug=slug)
        .select_related("affiliation_model", *(["contact_person"] if with_private else []))
        .defer(*_without_model_texts())
        .annotate(
            name_here=_shown_name(language),
            model_name_here=_model_name(language, "affiliation_model_id"),
            open_application_id=Subquery(
                Application.objects.open().filter(organization=OuterRef("pk")).values("pk")[:1]
            ),
        )
    )
    if with_people:
        organizations = organizations.prefetch_related(
            Prefetch("names", queryset=OrganizationName.objects.order_by("language", "pk")),
            Prefetch("representatives", queryset=people),
            Prefetch("liaisons", queryset=people),
        )
    organization = organizations.first()
    if organization is None:
        return None
    model = organization.affiliation_model
    model.shown_name = organization.model_name_here or model.name  # type: ignore[attr-defined]
    model.shown_language = language if organization.model_name_here else model.language  # type: ignore[attr-defined]
    _attach_row(organization, {model.pk: model}, language)
    return organization


def choice_labels(choices: Any) -> dict[str, str]:
    """Each value of `choices` (a `TextChoices`) with its label in the active language.
    `get_FOO_display()` hashes every lazy label of the field at each call: for a list of
    entries, the labels are read once this way instead."""
    return {value: str(label) for value, label in choices.choices}


def with_kind_labels(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    """`entries`, each with `kind_label`: what changed, in the active language."""
    labels = choice_labels(HistoryEntry.Kind)
    for entry in entries:
        entry.kind_label = labels.get(entry.kind, entry.kind)  # type: ignore[attr-defined]
    return entries


def _public_history(organization: Organization) -> QuerySet[HistoryEntry]:
    return (
        HistoryEntry.objects.public()
        .filter(organization=organization)
        .select_related("actor")
        .order_by("-at", "-pk")
    )


@dataclass
class OrganizationPage:
    organization: Organization
    history: list[HistoryEntry]
    more_history: bool  # older public entries than those shown: on the history page
    reports: list[Report]
    hosted_events: list[Event]
    names: list[tuple[str, OrganizationName]]  # (language name, name) in every language it has


def _fiscal_year(report: Report) -> str:
    start, end = report.period_start.year, report.period_end.year
    return str(end) if start == end else f"{start}–{end}"


def organization_page(*, organization: Organization, language: str) -> OrganizationPage:
    """What the organization's page lists, in three queries: the latest public history, its
    reports and the published events it hosted (one more for their titles when some are
    written in another language than `language`). Its partnerships are read by
    `partnerships.partnerships_for`."""
    history = with_kind_labels(list(_public_history(organization)[: HISTORY_ON_PAGE + 1]))
    reports = list(
        organization.reports.defer("body", "review_note").order_by(
            "-period_end", "kind", "-submitted_at"
        )
    )
    kinds, states = choice_labels(Report.Kind), choice_labels(Report.State)
    for report in reports:
        report.fiscal_year = _fiscal_year(report)  # type: ignore[attr-defined]
        report.kind_label = kinds.get(report.kind, report.kind)  # type: ignore[attr-defined]
        report.state_label = states.get(report.state, report.state)  # type: ignore[attr-defined]
    hosted_events = list(
        Event.objects.published()
        .filter(hosts__organization=organization)
        .with_bounds()
        .order_by(F("first_start").desc(nulls_last=True), "-pk")
    )
    attach_shown(hosted_events, language=language)
    names = [(languages.language_name(name.language), name) for name in organization.names.all()]
    return OrganizationPage(
        organization=organization,
        history=history[:HISTORY_ON_PAGE],
        more_history=len(history) > HISTORY_ON_PAGE,
        reports=reports,
        hosted_events=hosted_events,
        names=names,
    )


def organization_history(*, organization: Organization, page_number: Any) -> Page[HistoryEntry]:
    """One page of the organization's public history, newest first (two queries)."""
    page = Paginator(_public_history(organization), HISTORY_PER_PAGE).get_page(page_number)
    page.object_list = with_kind_labels(list(page.object_list))
    return page


# --- Registry changes (the feed and the API) ---------------------------------------


def registry_changes(
    *, organization_slug: str = "", since: datetime | None = None
) -> QuerySet[HistoryEntry]:
    """Public history entries of listed organizations, newest first, with the organization
    and the actor: the feed takes the latest 50, the API pages through them."""
    entries = (
        HistoryEntry.objects.public()
        .filter(organization__status__in=LISTED)
        .select_related("organization", "actor")
        .only(
            "pk",
            "kind",
            "from_status",
            "to_status",
            "public_note",
            "at",
            "organization__slug",
            "organization__name",
            "organization__language",
            "actor__display_name",
        )
        .order_by("-at", "-pk")
    )
    if organization_slug:
        entries = entries.filter(organization__slug=organization_slug)
    if since is not None:
        entries = entries.filter(at__gte=since)
    return entries


def registry_feed(*, language: str) -> list[HistoryEntry]:
    """The latest public changes of the registry, for its Atom feed, each organization with
    `shown_name`: its name in `language` where it has one (one query)."""
    names = OrganizationName.objects.filter(
        organization=OuterRef("organization_id"), language=language
    ).values("name")[:1]
    entries: list[HistoryEntry] = list(
        registry_changes().annotate(name_here=Subquery(names))[:FEED_ENTRIES]
    )
    for entry in entries:
        entry.organization.shown_name = entry.name_here or entry.organization.name  # type: ignore[attr-defined]
    return with_kind_labels(entries)
