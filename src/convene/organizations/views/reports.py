"""Yearly reports: what an organization owes and every report it sent (public), submitting
one (those who act for it), a report's public page with the committee's review, and the
committee's overview of reports waiting, overdue and what the compliance schedule proposes.
Every step is a plain form post: no JavaScript needed."""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import get_month_names
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from convene.accounts.users import signed_in
from convene.core.errors import ServiceError
from convene.core.exports import csv_response
from convene.core.lists import joined_text
from convene.core.timezones import babel_locale

from .. import reporting, rules, selectors_reporting
from ..forms.reports import ReportForm, ReviewForm
from ..models import Organization, Report

# What a refused action answers with, by the service's code.
STATUS_OF_CODE = {
    "forbidden": 403,
    "recused": 403,
    "already_submitted": 409,
    "already_reviewed": 409,
}


def _language() -> str:
    return translation.get_language() or "en"


def _today() -> date:
    return timezone.localdate()


def _label(name: str) -> str:
    return str(capfirst(getattr(Organization._meta.get_field(name), "verbose_name", name)))


def _kinds_text(organization: Organization) -> str:
    """The reports its model requires, named as the ways-to-join page names them."""
    model = organization.affiliation_model
    names = [
        str(getattr(model._meta.get_field(name), "verbose_name", name))
        for name in ("requires_activity_report", "requires_financial_statement")
        if getattr(model, name)
    ]
    return str(capfirst(joined_text(names))) if names else ""


def _month_name(month: int) -> str:
    return str(get_month_names("wide", context="stand-alone", locale=babel_locale())[month])


def _check_committee(request: HttpRequest) -> None:
    if not rules.is_committee(request.user):
        raise PermissionDenied(_("Only the affiliations committee can do this."))


# --- What everyone reads -----------------------------------------------------------------


def reports(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors_reporting.organization_reports(
        slug=slug, language=_language(), today=_today()
    )
    if found is None:
        raise Http404(_("No such organization in the registry."))
    organization = found.organization
    return render(
        request,
        "organizations/reports.html",
        {
            "title": _("Reports of %(name)s") % {"name": organization.shown_name},  # type: ignore[attr-defined]
            "organization": organization,
            "owed": found.owed,
            "next_due": found.next_due,
            "reports": found.reports,
            "kinds_text": _kinds_text(organization),
            "fiscal_year_starts": _month_name(organization.fiscal_year_start_month),
            "labels": {
                name: _label(name)
                for name in (
                    "fiscal_year_start_month",
                    "renewed_on",
                    "compliance_level",
                    "proposal",
                )
            },
            "can_submit": rules.can_submit_report(request.user, organization),
            "is_committee": rules.is_committee(request.user),
        },
    )


def _report_or_404(slug: str, report_id: int) -> Report:
    report = selectors_reporting.report_get(slug=slug, report_id=report_id, language=_language())
    if report is None:
        raise Http404(_("No such report."))
    return report


def _report_page(
    request: HttpRequest, report: Report, form: ReviewForm | None = None, status: int = 200
) -> HttpResponse:
    can_review = rules.can_review_report(request.user, report)
    return render(
        request,
        "organizations/report_detail.html",
        {
            "title": _("%(kind)s, fiscal year %(year)s")
            % {
                "kind": report.get_kind_display(),
                "year": reporting.fiscal_year_label(report.period_start, report.period_end),
            },
            "report": report,
            "organization": report.organization,
            "fiscal_year": reporting.fiscal_year_label(report.period_start, report.period_end),
            "can_review": can_review,
            "form": form or (ReviewForm() if can_review else None),
        },
        status=status,
    )


def report(request: HttpRequest, slug: str, report_id: int) -> HttpResponse:
    return _report_page(request, _report_or_404(slug, report_id))


# --- Those who act for the organization ------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in(request)
    organization = selectors_reporting.organization_for_report(slug=slug)
    if organization is None:
        raise Http404(_("No such organization in the registry."))
    if not rules.acts_for(user, organization):
        raise PermissionDenied(
            _("Only the people who act for an organization can submit its reports.")
        )
    today = _today()
    owed = reporting.reports_owed(organization, today)
    context: dict[str, Any] = {
        "title": _("Submit a report"),
        "organization": organization,
        "open": rules.can_submit_report(user, organization),
        "owed": [obligation for obligation in owed if obligation.needs_report],
    }
    if not context["open"]:
        context["status_label"] = Organization.Status(organization.status).label
        return render(
            request,
            "organizations/report_form.html",
            context,
            status=409 if request.method == "POST" else 200,
        )
    kinds = reporting.required_kinds(organization.affiliation_model)
    initial = {"language": organization.language}
    for name in ("kind", "period"):
        if request.GET.get(name):
            initial[name] = request.GET[name]
    form = ReportForm(request.POST or None, kinds=kinds, owed=owed, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                submitted = reporting.report_submit(
                    user=user,
                    organization=organization,
                    kind=data["kind"],
                    period_end=data["period"],
                    body=data["body"],
                    link=data["link"],
                    language=data["language"],
                )
            except ServiceError as error:
                form.add_error(None, str(error.message))
                status = STATUS_OF_CODE.get(error.code, 400)
            else:
                messages.success(
                    request, _("Your report is submitted. The committee will review it.")
                )
                return redirect(
                    "organizations:report", slug=organization.slug, report_id=submitted.pk
                )
    context["form"] = form
    return render(request, "organizations/report_form.html", context, status=status)


# --- The committee ---------------------------------------------------------------------------


@login_required
@require_POST
def report_review(request: HttpRequest, slug: str, report_id: int) -> HttpResponse:
    user = signed_in(request)
    report = _report_or_404(slug, report_id)
    _check_committee(request)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _report_page(request, report, form, status=400)
    decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
    try:
        if decision == "accept":
            reporting.report_accept(user=user, report=report, note=note)
        else:
            reporting.report_return(user=user, report=report, note=note)
    except ServiceError as error:
        form.add_error("note" if error.code == "reason_missing" else None, str(error.message))
        report = _report_or_404(slug, report_id)
        return _report_page(request, report, form, status=STATUS_OF_CODE.get(error.code, 400))
    if decision == "accept":
        messages.success(
            request, _("The report is accepted; the organization's recognition is renewed.")
        )
    else:
        messages.success(request, _("The report is returned to the organization."))
    return redirect("organizations:report", slug=slug, report_id=report.pk)


@login_required
def reporting_overview(request: HttpRequest) -> HttpResponse:
    _check_committee(request)
    overview = selectors_reporting.reporting_overview(language=_language(), today=_today())
    return render(
        request,
        "organizations/reporting.html",
        {"title": _("Reports and compliance"), "overview": overview},
    )


@login_required
def reporting_overdue_csv(request: HttpRequest) -> HttpResponse:
    """The overdue reports as a spreadsheet, for the committee's records."""
    _check_committee(request)
    today = _today()
    overview = selectors_reporting.reporting_overview(language=_language(), today=today)
    return csv_response(
        filename=f"overdue-reports-{today.isoformat()}.csv",
        header=[
            _("Organization"),
            _("Short code"),
            _("Kind of report"),
            _("Fiscal year from"),
            _("Fiscal year to"),
            _("Due"),
            _("Days overdue"),
            _("State"),
            _("Out-of-compliance level"),
            _("Proposed"),
        ],
        rows=[
            [
                row.organization.name,
                row.organization.code,
                row.obligation.kind_label,
                row.obligation.period_start.isoformat(),
                row.obligation.period_end.isoformat(),
                row.obligation.due_on.isoformat(),
                row.obligation.overdue_days,
                row.obligation.state_label,
                row.organization.compliance_level,
                row.organization.get_proposal_display() if row.organization.proposal else "",
            ]
            for row in overview.overdue
        ],
    )
