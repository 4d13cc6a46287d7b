"""What an organization owes and by when: fiscal years starting in any month, due dates at
the end of a month (leap years too), recognition in the middle of a year, and the state of
each report."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.utils import timezone

from convene.organizations.models import Organization, Report
from convene.organizations.reporting import (
    fiscal_year_end,
    fiscal_year_ends,
    fiscal_year_label,
    fiscal_year_start,
    next_due,
    report_due_on,
    reports_owed,
)

from .factories import (
    AffiliationModelFactory,
    OrganizationFactory,
    ReportFactory,
    chapter_model,
    user_group_model,
)

pytestmark = pytest.mark.django_db


def owed(organization, today=None):
    """(kind, period_start, period_end, due_on, state, overdue_days) of each report owed, on
    the frozen clock's day unless `today` is given."""
    organization.refresh_from_db()
    return [
        (o.kind, o.period_start, o.period_end, o.due_on, o.state, o.overdue_days)
        for o in reports_owed(organization, today or timezone.localdate())
    ]


# --- pure dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start_month", "year", "end"),
    [
        (1, 2025, date(2025, 12, 31)),
        (7, 2026, date(2026, 6, 30)),
        (4, 2026, date(2026, 3, 31)),
        (3, 2028, date(2028, 2, 29)),  # a leap year
        (3, 2027, date(2027, 2, 28)),
        (3, 2100, date(2100, 2, 28)),  # divisible by 100, not by 400: no 29 February
        (11, 2027, date(2027, 10, 31)),
        (2, 2026, date(2026, 1, 31)),
    ],
)
def test_a_fiscal_year_ends_on_the_last_day_of_the_month_before_it_starts(start_month, year, end):
    assert fiscal_year_end(start_month, year) == end


@pytest.mark.parametrize(
    ("start_month", "end", "start"),
    [
        (1, date(2025, 12, 31), date(2025, 1, 1)),
        (7, date(2026, 6, 30), date(2025, 7, 1)),
        (4, date(2026, 3, 31), date(2025, 4, 1)),
        (3, date(2028, 2, 29), date(2027, 3, 1)),
    ],
)
def test_a_fiscal_year_starts_a_year_before_the_day_after_it_ends(start_month, end, start):
    assert fiscal_year_start(start_month, end) == start


@pytest.mark.parametrize(
    ("period_end", "months", "due_on"),
    [
        (date(2025, 12, 31), 4, date(2026, 4, 30)),
        (date(2028, 2, 29), 4, date(2028, 6, 30)),  # from a leap day
        (date(2027, 10, 31), 4, date(2028, 2, 29)),  # into a leap February
        (date(2026, 10, 31), 4, date(2027, 2, 28)),
        (date(2026, 6, 30), 4, date(2026, 10, 31)),
        (date(2026, 3, 31), 4, date(2026, 7, 31)),
        (date(2025, 12, 31), 1, date(2026, 1, 31)),
        (date(2025, 12, 31), 12, date(2026, 12, 31)),
        (date(2025, 12, 31), 24, date(2027, 12, 31)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
    ],
)
def test_reports_are_due_on_the_last_day_of_the_month_months_after(period_end, months, due_on):
    assert report_due_on(period_end, months) == due_on


def test_the_fiscal_years_ending_between_two_days_both_included():
    assert fiscal_year_ends(7, date(2024, 6, 30), date(2026, 6, 30)) == [
        date(2024, 6, 30),
        date(2025, 6, 30),
        date(2026, 6, 30),
    ]
    assert fiscal_year_ends(7, date(2024, 7, 1), date(2026, 6, 29)) == [date(2025, 6, 30)]
    assert fiscal_year_ends(1, date(2026, 1, 1), date(2026, 12, 30)) == []


def test_a_fiscal_year_is_named_by_its_year_or_the_two_it_spans():
    assert fiscal_year_label(date(2025, 1, 1), date(2025, 12, 31)) == "2025"
    assert fiscal_year_label(date(2025, 7, 1), date(2026, 6, 30)) == "2025–2026"


# --- what an organization owes -----------------------------------------------------------


@time_machine.travel(date(2026, 5, 1), tick=False)
def test_a_chapter_owes_both_reports_for_every_year_ended_since_its_recognition():
    chapter = OrganizationFactory(
        affiliation_model=chapter_model(), recognized_on=date(2024, 3, 15)
    )
    assert owed(chapter) == [
        ("activity", date(2024, 1, 1), date(2024, 12, 31), date(2025, 4, 30), "missing", 366),
        ("financial", date(2024, 1, 1), date(2024, 12, 31), date(2025, 4, 30), "missing", 366),
        ("activity", date(2025, 1, 1), date(2025, 12, 31), date(2026, 4, 30), "missing", 1),
        ("financial", date(2025, 1, 1), date(2025, 12, 31), date(2026, 4, 30), "missing", 1),
    ]


def test_a_user_group_owes_an_activity_report_only():
    group = OrganizationFactory(
        affiliation_model=user_group_model(), recognized_on=date(2025, 2, 1)
    )
    with time_machine.travel(date(2026, 4, 30), tick=False):  # the due date: not late yet
        assert owed(group) == [
            ("activity", date(2025, 1, 1), date(2025, 12, 31), date(2026, 4, 30), "missing", 0)
        ]
    with time_machine.travel(date(2026, 5, 1), tick=False):  # the first day overdue
        assert owed(group)[0][5] == 1


def test_recognition_in_the_middle_of_a_fiscal_year_starting_in_july():
    group = OrganizationFactory(
        affiliation_model=user_group_model(),
        recognized_on=date(2025, 7, 1),
        fiscal_year_start_month=7,
    )
    # The year that ended on 30 June 2025 ended before the recognition: not owed.
    with time_machine.travel(date(2026, 6, 29), tick=False):
        assert owed(group) == []
    with time_machine.travel(date(2026, 6, 30), tick=False):
        assert owed(group) == [
            ("activity", date(2025, 7, 1), date(2026, 6, 30), date(2026, 10, 31), "missing", 0)
        ]


def test_a_year_that_ends_on_the_day_of_recognition_is_owed():
    group = OrganizationFactory(
        affiliation_model=user_group_model(), recognized_on=date(2025, 12, 31)
    )
    assert owed(group, date(2026, 1, 10)) == [
        ("activity", date(2025, 1, 1), date(2025, 12, 31), date(2026, 4, 30), "missing", 0)
    ]


def test_a_fiscal_year_starting_in_april_across_a_leap_year():
    model = AffiliationModelFactory(report_months=6)
    organization = OrganizationFactory(
        affiliation_model=model, recognized_on=date(2027, 6, 1), fiscal_year_start_month=4
    )
    assert owed(organization, date(2028, 10, 1)) == [
        ("activity", date(2027, 4, 1), date(2028, 3, 31), date(2028, 9, 30), "missing", 1)
    ]


def test_a_fiscal_year_ending_on_a_leap_day_and_one_ending_in_october():
    march = OrganizationFactory(
        affiliation_model=user_group_model(),
        recognized_on=date(2027, 5, 1),
        fiscal_year_start_month=3,
    )
    assert owed(march, date(2028, 7, 1)) == [
        ("activity", date(2027, 3, 1), date(2028, 2, 29), date(2028, 6, 30), "missing", 1)
    ]
    november = OrganizationFactory(
        affiliation_model=user_group_model(),
        recognized_on=date(2027, 1, 10),
        fiscal_year_start_month=11,
    )
    assert owed(november, date(2028, 3, 1)) == [
        ("activity", date(2026, 11, 1), date(2027, 10, 31), date(2028, 2, 29), "missing", 1)
    ]


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_each_report_owed_has_the_state_of_its_reports():
    chapter = OrganizationFactory(affiliation_model=chapter_model(), recognized_on=date(2024, 1, 1))
    fy2024 = {"period_start": date(2024, 1, 1), "period_end": date(2024, 12, 31)}
    ReportFactory(organization=chapter, kind="activity", state="accepted", **fy2024)
    ReportFactory(organization=chapter, kind="financial", state="returned", **fy2024)
    ReportFactory(organization=chapter, kind="activity", state="submitted")  # 2025
    states = [(o[0], o[2].year, o[4], o[5]) for o in owed(chapter)]
    assert states == [
        ("activity", 2024, "accepted", 0),
        ("financial", 2024, "returned", 397),
        ("activity", 2025, "submitted", 0),  # waiting for the committee: not late
        ("financial", 2025, "missing", 32),
    ]


def test_an_organization_that_is_not_recognized_or_suspended_owes_nothing():
    today = date(2026, 6, 1)
    for status in ("derecognized", "withdrawn", "applying", "not_recognized"):
        organization = OrganizationFactory(status=status, recognized_on=date(2020, 1, 15))
        assert reports_owed(organization, today) == []
        assert next_due(organization, today) is None
    suspended = OrganizationFactory(status="suspended", recognized_on=date(2024, 2, 1))
    assert len(reports_owed(suspended, today)) == 2
    never = OrganizationFactory(recognized_on=None)
    assert reports_owed(never, today) == []


def test_a_model_requiring_no_report_owes_nothing():
    model = AffiliationModelFactory(requires_activity_report=False)
    organization = OrganizationFactory(affiliation_model=model)
    assert reports_owed(organization, date(2026, 6, 1)) == []
    assert next_due(organization, date(2026, 6, 1)) is None


def test_the_next_due_is_the_earliest_not_accepted_else_the_year_under_way():
    group = OrganizationFactory(
        affiliation_model=user_group_model(), recognized_on=date(2024, 6, 1)
    )
    today = date(2026, 2, 1)
    first = next_due(group, today)
    assert (first.period_end, first.due_on, first.state) == (
        date(2024, 12, 31),
        date(2025, 4, 30),
        "missing",
    )
    ReportFactory(
        organization=group,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        state="accepted",
    )
    ReportFactory(organization=group, state="submitted")  # 2025, waiting
    group = Organization.objects.get(pk=group.pk)
    waiting = next_due(group, today)
    assert (waiting.period_end, waiting.state) == (date(2025, 12, 31), "submitted")
    Report.objects.filter(state="submitted").update(state="accepted")
    upcoming = next_due(Organization.objects.get(pk=group.pk), today)
    assert (upcoming.kind, upcoming.period_start, upcoming.period_end, upcoming.due_on) == (
        "activity",
        date(2026, 1, 1),
        date(2026, 12, 31),
        date(2027, 4, 30),
    )
    assert (upcoming.state, upcoming.overdue_days) == ("missing", 0)


def test_a_recent_recognition_is_due_at_the_end_of_its_first_fiscal_year():
    group = OrganizationFactory(
        affiliation_model=user_group_model(),
        recognized_on=date(2026, 8, 1),
        fiscal_year_start_month=7,
    )
    upcoming = next_due(group, date(2026, 9, 1))
    assert (upcoming.period_start, upcoming.period_end, upcoming.due_on) == (
        date(2026, 7, 1),
        date(2027, 6, 30),
        date(2027, 10, 31),
    )


def test_years_already_reported_stay_when_the_fiscal_year_moves():
    group = OrganizationFactory(
        affiliation_model=user_group_model(), recognized_on=date(2024, 1, 10)
    )
    for year in (2024, 2025):
        ReportFactory(
            organization=group,
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            state="accepted",
        )
    Organization.objects.filter(pk=group.pk).update(fiscal_year_start_month=7)
    rows = [(o[1], o[2], o[4]) for o in owed(group, date(2027, 7, 1))]
    assert rows == [
        (date(2024, 1, 1), date(2024, 12, 31), "accepted"),
        (date(2025, 1, 1), date(2025, 12, 31), "accepted"),
        # July 2025 to June 2026 overlaps 2025, already reported; the next is owed.
        (date(2026, 7, 1), date(2027, 6, 30), "missing"),
    ]
