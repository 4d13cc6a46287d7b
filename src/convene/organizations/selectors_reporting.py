"""What the reporting pages read, each in a constant number of queries: an organization's
reports and what it owes, one report, and the committee's overview of the reports waiting,
the overdue ones and the proposals of the compliance schedule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from .models import Organization, OrganizationName, Report
from .reporting import KINDS, REPORTING, Obligation, fiscal_year_label, next_due, reports_owed


def _name_here(language: str, organization: str = "pk") -> Subquery:
    """The organization's name in `language`, where it has one."""
    names = OrganizationName.objects.filter(organization=OuterRef(organization), language=language)
    return Subquery(names.values("name")[:1])


def _with_fiscal_year(reports: list[Report]) -> list[Report]:
    for report in reports:
        report.fiscal_year = fiscal_year_label(report.period_start, report.period_end)  # type: ignore[attr-defined]
    return reports


def _shown(organization: Organization, language: str) -> Organization:
    here = getattr(organization, "name_here", None)
    organization.shown_name = here or organization.name  # type: ignore[attr-defined]
    organization.shown_language = language if here else organization.language  # type: ignore[attr-defined]
    return organization


@dataclass(frozen=True)
class OrganizationReports:
    organization: Organization
    owed: list[Obligation]  # what it owes, the latest fiscal year first
    next_due: Obligation | None
    reports: list[Report]  # every report on record, the latest fiscal year first


def organization_reports(*, slug: str, language: str, today: date) -> OrganizationReports | None:
    """A listed organization's reports and what it owes, in three queries (the
    organization, its reports with their submitters, its representatives)."""
    organization = (
        Organization.objects.listed()
        .filter(slug=slug)
        .select_related("affiliation_model")
        .annotate(name_here=_name_here(language))
        .prefetch_related(
            Prefetch("reports", queryset=Report.objects.select_related("submitted_by")),
            "representatives",
        )
        .first()
    )
    if organization is None:
        return None
    _shown(organization, language)
    return OrganizationReports(
        organization=organization,
        owed=sorted(
            reports_owed(organization, today),
            key=lambda owed: (-owed.period_end.toordinal(), KINDS.index(Report.Kind(owed.kind))),
        ),
        next_due=next_due(organization, today),
        reports=_with_fiscal_year(list(organization.reports.all())),
    )


def organization_for_report(*, slug: str) -> Organization | None:
    """The organization a report is submitted for, with what the rules and `reports_owed`
    read, in three queries."""
    return (
        Organization.objects.filter(slug=slug)
        .select_related("affiliation_model")
        .prefetch_related("reports", "representatives")
        .first()
    )


def report_get(*, slug: str, report_id: int, language: str) -> Report | None:
    """One report of the organization `slug`, with its organization (and the people who act
    for it and its liaisons, for the rules), in three queries."""
    report = (
        Report.objects.filter(pk=report_id, organization__slug=slug)
        .select_related("organization__affiliation_model", "submitted_by")
        .annotate(name_here=_name_here(language, "organization_id"))
        .prefetch_related("organization__representatives", "organization__liaisons")
        .first()
    )
    if report is not None:
        report.organization.name_here = report.name_here  # type: ignore[attr-defined]
        _shown(report.organization, language)
    return report


@dataclass(frozen=True)
class OverdueRow:
    organization: Organization
    obligation: Obligation


@dataclass(frozen=True)
class ReportingOverview:
    waiting: list[Report]  # submitted, the oldest first
    overdue: list[OverdueRow]  # the most overdue first
    proposals: list[Organization]  # what the schedule proposed, for the committee to decide


def _reporting_organizations(language: str) -> QuerySet[Organization]:
    return (
        Organization.objects.filter(status__in=REPORTING, recognized_on__isnull=False)
        .select_related("affiliation_model")
        .annotate(name_here=_name_here(language))
        .prefetch_related("reports")
        .order_by("name")
    )


def reporting_overview(*, language: str, today: date) -> ReportingOverview:
    """The committee's overview, in three queries: the reports waiting for review, and every
    organization owing reports with its reports (for what is overdue and what is proposed)."""
    waiting: list[Report] = list(
        Report.objects.filter(state=Report.State.SUBMITTED)
        .select_related("organization")
        .annotate(name_here=_name_here(language, "organization_id"))
        .defer("body")
        .order_by("submitted_at", "pk")
    )
    for report in _with_fiscal_year(waiting):
        report.organization.name_here = report.name_here  # type: ignore[attr-defined]
        _shown(report.organization, language)
    organizations = [_shown(o, language) for o in _reporting_organizations(language)]
    overdue = [
        OverdueRow(organization, obligation)
        for organization in organizations
        for obligation in reports_owed(organization, today)
        if obligation.is_overdue
    ]
    overdue.sort(key=lambda row: (-row.obligation.overdue_days, row.organization.name))
    return ReportingOverview(
        waiting=waiting,
        overdue=overdue,
        proposals=[organization for organization in organizations if organization.proposal],
    )
