"""Yearly reports: an organization's reports and what it owes, submitting one, a report's
page and the committee's review, and the committee's overview (`reporting/`, a fixed
address, comes before the registry's `<slug>/` pages)."""

from django.urls import URLPattern, URLResolver, path

from .views import reports

urlpatterns: list[URLPattern | URLResolver] = [
    path("reporting/", reports.reporting_overview, name="reporting"),
    path("reporting/overdue.csv", reports.reporting_overdue_csv, name="reporting_overdue_csv"),
    path("<slug:slug>/reports/", reports.reports, name="reports"),
    path("<slug:slug>/reports/new/", reports.report_new, name="report_new"),
    path("<slug:slug>/reports/<int:report_id>/", reports.report, name="report"),
    path(
        "<slug:slug>/reports/<int:report_id>/review/",
        reports.report_review,
        name="report_review",
    ),
]
