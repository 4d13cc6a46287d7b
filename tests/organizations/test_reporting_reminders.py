"""Reminders of yearly reports: 30 days before the due date and on it, each sent once (also
by two workers at the same moment), caught up after a missed day, to those who act for the
organization, each in their own language; and the daily job that runs them."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext

from convene.core.models import OutgoingEmail
from convene.core.timezones import format_day
from convene.organizations import reporting, tasks
from convene.organizations.models import ReportReminder
from tests.events.test_concurrency import postgres, run_together  # noqa: F401
from tests.factories import UserFactory

from .factories import OrganizationFactory, ReportFactory, chapter_model, user_group_model

pytestmark = pytest.mark.django_db

DUE = date(2026, 4, 30)  # the 2025 reports of a calendar fiscal year
BEFORE = date(2026, 3, 31)  # 30 days before


@pytest.fixture
def representative():
    return UserFactory(email="rep@example.org")


@pytest.fixture
def group(representative):
    return OrganizationFactory(
        name="Wikimedians of Lagos",
        slug="lagos",
        affiliation_model=user_group_model(),
        recognized_on=date(2025, 2, 1),
        representatives=[representative],
    )


def send(day):
    with time_machine.travel(datetime(day.year, day.month, day.day, 2, tzinfo=UTC), tick=False):
        return reporting.report_reminders_send(today=day)


def sent():
    return sorted(OutgoingEmail.objects.values_list("to", "subject"))


def reminders():
    return sorted(ReportReminder.objects.values_list("period_end", "when"))


def test_a_reminder_30_days_before_and_one_on_the_due_date_each_once(group):
    assert send(date(2026, 3, 30)) == 0
    assert send(BEFORE) == 1
    assert sent() == [("rep@example.org", "Reports due on Apr 30, 2026: Wikimedians of Lagos")]
    assert send(BEFORE) == 0  # the same day again
    assert send(date(2026, 4, 15)) == 0
    assert send(date(2026, 4, 29)) == 0
    assert send(DUE) == 1
    assert send(date(2026, 5, 20)) == 0
    assert sent() == [
        ("rep@example.org", "Reports due on Apr 30, 2026: Wikimedians of Lagos"),
        ("rep@example.org", "Reports not received: Wikimedians of Lagos"),
    ]
    assert reminders() == [(date(2025, 12, 31), "before"), (date(2025, 12, 31), "due")]


def test_a_missed_day_is_caught_up_once_and_the_late_before_is_skipped(group):
    assert send(date(2026, 5, 3)) == 1
    assert send(date(2026, 5, 4)) == 0
    assert sent() == [("rep@example.org", "Reports not received: Wikimedians of Lagos")]
    assert reminders() == [(date(2025, 12, 31), "due")]


def test_a_missed_first_reminder_is_caught_up_before_the_due_date(group):
    assert send(date(2026, 4, 20)) == 1
    assert reminders() == [(date(2025, 12, 31), "before")]


def test_no_reminder_for_a_report_submitted_but_one_for_a_returned_report(group):
    ReportFactory(organization=group, state="submitted")
    assert send(BEFORE) == 0
    assert send(DUE) == 0
    group.reports.update(state="returned")
    assert send(DUE) == 1
    assert reminders() == [(date(2025, 12, 31), "due")]


def test_the_reports_of_one_year_go_in_one_reminder_to_each_person_once(representative):
    contact = UserFactory(email="contact@example.org")
    gone = UserFactory(email="gone@example.org", is_active=False)
    chapter = OrganizationFactory(
        name="Wikimedia Nigeria",
        affiliation_model=chapter_model(),
        recognized_on=date(2025, 6, 1),
        representatives=[representative, contact, gone],
        contact_person=contact,
    )
    assert send(DUE) == 1
    assert sent() == [
        ("contact@example.org", "Reports not received: Wikimedia Nigeria"),
        ("rep@example.org", "Reports not received: Wikimedia Nigeria"),
    ]
    body = OutgoingEmail.objects.get(to="rep@example.org").body
    assert "- Activity report, fiscal year 2025" in body
    assert "- Financial statement, fiscal year 2025" in body
    assert f"/en/organizations/{chapter.slug}/reports/new/?kind=financial&period=2025-12-31" in body


def test_only_organizations_owing_reports_are_reminded(representative):
    for status in ("derecognized", "withdrawn", "applying"):
        OrganizationFactory(status=status, representatives=[representative])
    assert send(DUE) == 0
    OrganizationFactory(
        status="suspended", recognized_on=date(2025, 3, 1), representatives=[representative]
    )
    assert send(DUE) == 1


def test_each_person_is_reminded_in_their_own_language(group, representative):
    representative.preferred_language = "fr"
    representative.save(update_fields=["preferred_language"])
    group.representatives.add(UserFactory(email="ana@example.org", preferred_language="pt-br"))

    assert send(BEFORE) == 1

    with translation.override("fr"):
        french = gettext("Reports due on %(date)s: %(name)s") % {
            "date": format_day(DUE),
            "name": "Wikimedians of Lagos",
        }
    assert format_day(DUE) == "Apr 30, 2026"
    assert "30 avr. 2026" in french
    # A subject is one line: its whitespace (the French no-break space too) is one space.
    assert OutgoingEmail.objects.get(to="rep@example.org").subject == " ".join(french.split())
    assert OutgoingEmail.objects.get(to="rep@example.org").language == "fr"
    with translation.override("pt-br"):
        portuguese = gettext("Reports due on %(date)s: %(name)s") % {
            "date": format_day(DUE),
            "name": "Wikimedians of Lagos",
        }
    assert "30 de abr. de 2026" in portuguese
    assert OutgoingEmail.objects.get(to="ana@example.org").subject == " ".join(portuguese.split())


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_the_same_moment_send_each_reminder_once(postgres, representative):  # noqa: F811
    for _number in range(4):
        OrganizationFactory(
            affiliation_model=user_group_model(),
            recognized_on=date(2025, 2, 1),
            representatives=[representative],
        )
    results = []

    errors = run_together(2, lambda i: results.append(reporting.report_reminders_send(today=DUE)))

    assert errors == []
    assert sorted(results) in ([0, 4], [1, 3], [2, 2])  # 4 in all, whoever claimed which
    assert sum(results) == 4
    assert ReportReminder.objects.count() == 4
    assert OutgoingEmail.objects.filter(to="rep@example.org").count() == 4


# --- the daily job ---------------------------------------------------------------------------


def test_the_daily_task_updates_compliance_and_sends_the_reminders(group):
    with time_machine.travel(datetime(2026, 5, 1, 1, tzinfo=UTC), tick=False):
        result = tasks.registry_daily.enqueue(today_iso="2026-05-01")
    assert result.return_value == {
        "compliance_changed": 1,
        "reminders_sent": 1,
        "partnership_reminders_sent": 0,
    }
    group.refresh_from_db()
    assert group.compliance_level == 1
    with time_machine.travel(datetime(2026, 5, 1, 2, tzinfo=UTC), tick=False):
        again = tasks.registry_daily.enqueue(today_iso="2026-05-01")
    assert again.return_value == {
        "compliance_changed": 0,
        "reminders_sent": 0,
        "partnership_reminders_sent": 0,
    }


def test_the_housekeeping_command_runs_the_registry_s_day_too(group):
    out = io.StringIO()
    with time_machine.travel(datetime(2026, 5, 31, 4, tzinfo=UTC), tick=False):
        call_command("events_housekeeping", stdout=out)
    assert (
        "organizations: compliance changed: 1; report reminders sent: 1; partnership reminders sent: 0"
        in out.getvalue()
    )
    group.refresh_from_db()
    assert (group.compliance_level, group.status) == (2, "recognized")
    out = io.StringIO()
    with time_machine.travel(datetime(2026, 5, 31, 5, tzinfo=UTC), tick=False):
        call_command("events_housekeeping", stdout=out)
    assert (
        "organizations: compliance changed: 0; report reminders sent: 0; partnership reminders sent: 0"
        in out.getvalue()
    )


def _waiting_days() -> list[str]:
    from tests.tasks_backend import DeferringImmediateBackend

    return sorted(
        kwargs["today_iso"]
        for task, _args, kwargs in DeferringImmediateBackend.deferred
        if task.name == "registry_daily"
    )


def test_the_daily_task_enqueues_the_next_day_s_run_and_the_worker_alone_keeps_going(
    group, run_due_tasks
):
    with time_machine.travel(datetime(2026, 5, 1, 1, tzinfo=UTC), tick=False):
        assert tasks.registry_daily_schedule(day=date(2026, 5, 1)) is True
        assert tasks.registry_daily_schedule(day=date(2026, 5, 1)) is False  # kept single
        assert _waiting_days() == ["2026-05-01"]
        assert run_due_tasks() == 0  # not before 02:00 UTC
    with time_machine.travel(datetime(2026, 5, 1, 2, tzinfo=UTC), tick=False):
        assert run_due_tasks() == 1
    group.refresh_from_db()
    assert group.compliance_level == 1  # the day's work was done
    assert OutgoingEmail.objects.filter(to="rep@example.org").count() == 1
    assert _waiting_days() == ["2026-05-02"]
    # A month on, day by day, without the housekeeping command.
    for day in range(2, 32):
        with time_machine.travel(datetime(2026, 5, day, 2, tzinfo=UTC), tick=False):
            assert run_due_tasks() == 1
    assert _waiting_days() == ["2026-06-01"]
    group.refresh_from_db()
    assert group.compliance_level == 2  # raised on 31 May by the worker's run
    assert OutgoingEmail.objects.filter(to="rep@example.org").count() == 1  # sent once


def test_the_housekeeping_command_and_the_task_never_both_enqueue_a_day(group, run_due_tasks):
    with time_machine.travel(datetime(2026, 5, 1, 1, tzinfo=UTC), tick=False):
        tasks.registry_daily_schedule(day=date(2026, 5, 1))
        call_command("events_housekeeping", stdout=io.StringIO())  # claims 2 May
    assert _waiting_days() == ["2026-05-01", "2026-05-02"]
    with time_machine.travel(datetime(2026, 5, 1, 2, tzinfo=UTC), tick=False):
        assert run_due_tasks() == 1  # its own next run is already waiting
    assert _waiting_days() == ["2026-05-02"]


def test_the_housekeeping_command_restarts_a_lost_chain(group):
    from tests.tasks_backend import DeferringImmediateBackend

    with time_machine.travel(datetime(2026, 5, 1, 1, tzinfo=UTC), tick=False):
        tasks.registry_daily_schedule(day=date(2026, 5, 1))
    DeferringImmediateBackend.deferred = []  # the queue was lost (a restore, say)
    with time_machine.travel(datetime(2026, 5, 1, 9, tzinfo=UTC), tick=False):
        call_command("events_housekeeping", stdout=io.StringIO())
    assert _waiting_days() == ["2026-05-02"]


def test_a_day_already_begun_runs_at_once(group):
    with time_machine.travel(datetime(2026, 5, 1, 9, tzinfo=UTC), tick=False):
        assert tasks.registry_daily_schedule(day=date(2026, 5, 1)) is True
    group.refresh_from_db()
    assert group.compliance_level == 1  # ran when enqueued
    assert _waiting_days() == ["2026-05-02"]
