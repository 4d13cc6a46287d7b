"""The demo registry: every status and step to look at, records that agree with the rules and
the compliance schedule whatever the day it is loaded, and loading and resetting that work
(on PostgreSQL too, where the history's guard must let the reset erase)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from convene.accounts.models import User
from convene.demo import events
from convene.demo import organizations as demo_registry
from convene.demo.organizations.samples import COMMITTEE_GROUP, SLUGS
from convene.events.models import Event
from convene.organizations import reporting, rules, services
from convene.organizations.models import (
    AffiliationModel,
    Application,
    ApplicationComment,
    EventHost,
    HistoryEntry,
    Organization,
    OrganizationName,
    Partnership,
    Recusal,
    Report,
    ReportReminder,
    Vote,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
Step = Application.Step
Status = Organization.Status

LAGOS = "wikimedia-user-group-of-lagos-sample"
VALPARAISO = "wikimedia-user-group-of-valparaiso-sample"
PARTNERS = {"pediapress", "centre-for-internet-and-society", "wiki-education-foundation"}


def load(now=NOW):
    """The demo people and events, then the registry, at `now`; what the registry logged."""
    lines: list[str] = []
    with time_machine.travel(now, tick=False):
        events.demo_load(now=now, log=lambda line: None)
        demo_registry.load(now=now, log=lines.append)
    return "\n".join(lines)


def by_slug(slug):
    return Organization.objects.select_related("affiliation_model").get(slug=slug)


def person(key):
    return User.objects.get(email=f"{key}@example.org")


def counts():
    """How many rows each table of the registry holds."""
    tables = (
        AffiliationModel,
        Organization,
        OrganizationName,
        Application,
        ApplicationComment,
        Vote,
        Recusal,
        Report,
        ReportReminder,
        Partnership,
        EventHost,
        HistoryEntry,
    )
    return {table.__name__: table.objects.count() for table in tables}


# --- What the demo shows -----------------------------------------------------------------


def test_the_registry_has_every_status_and_every_step():
    load()

    assert Counter(Organization.objects.values_list("status", flat=True)) == {
        Status.RECOGNIZED: 12,
        Status.SUSPENDED: 1,
        Status.APPLYING: 5,
        Status.NOT_RECOGNIZED: 1,
    }
    assert set(Application.objects.values_list("step", flat=True)) == {
        Step.RECEIVED,
        Step.CRITERIA_REVIEW,
        Step.INTERVIEW,
        Step.VOTE,
        Step.RECOGNIZED,
        Step.DEFERRED,
        Step.DECLINED,
    }
    assert Application.objects.open().count() == 4
    assert set(Organization.objects.values_list("region", flat=True)) == {
        "international",
        "sub_saharan_africa",
        "asia_pacific",
        "europe",
        "mena",
        "north_america",
        "south_latin_america",
    }
    assert set(AffiliationModel.objects.values_list("slug", flat=True)) == {
        "chapter",
        "thematic-organization",
        "user-group",
        "hub",
        "movement-partner",
    }


def test_every_organization_is_labelled_sample_data_and_the_partners_say_why():
    load()

    organizations = Organization.objects.all()
    assert all(organization.is_sample for organization in organizations)
    samples = [each for each in organizations if each.slug not in PARTNERS]
    assert len(samples) == 16
    assert all(each.name.endswith("(sample)") for each in samples)
    assert all("Sample organization" in each.mission or "ejemplo" in each.mission
               or "Beispiel" in each.mission or "عينة" in each.mission for each in samples)  # fmt: skip
    partners = Organization.objects.filter(slug__in=PARTNERS)
    assert {each.name for each in partners} == {
        "PediaPress",
        "Centre for Internet and Society",
        "Wiki Education Foundation",
    }
    assert {each.affiliation_model.slug for each in partners} == {"movement-partner"}
    assert all("it was never official" in each.mission for each in partners)
    assert all(each.recognized_on is None for each in partners)
    assert "print-on-demand paper copies of Wikimedia content" in by_slug("pediapress").mission
    assert OrganizationName.objects.filter(language="ar").count() == 2


def test_each_recognized_organization_has_a_full_history_from_its_application():
    load()

    for organization in Organization.objects.exclude(slug__in=PARTNERS).exclude(
        status=Status.APPLYING
    ):
        kinds = list(organization.history.order_by("at", "pk").values_list("kind", flat=True))
        assert kinds[0] == HistoryEntry.Kind.APPLIED, organization.slug
    winnipeg = by_slug("wikimedia-user-group-of-winnipeg-sample")
    kinds = list(winnipeg.history.order_by("at", "pk").values_list("kind", flat=True))
    assert kinds == ["applied", "step", "step", "interview", "step", *["vote"] * 5, "recognized"]
    assert winnipeg.provisional_until > NOW.date()
    assert winnipeg.recognized_on == (NOW - timedelta(days=80)).date()
    assert not HistoryEntry.objects.filter(at__gt=NOW).exists()
    assert not HistoryEntry.objects.filter(
        organization__slug__in=PARTNERS, at__lt=NOW - timedelta(days=1)
    ).exists()


def test_the_applications_under_review_stand_at_each_step():
    load()
    organizer = User.objects.get(email=events.ORGANIZER_EMAIL)

    interview = Application.objects.get(step=Step.INTERVIEW)
    assert NOW < interview.interview_at < NOW + timedelta(days=7)
    assert interview.interviewer is not None
    kaveri = person("kaveri")
    assert Recusal.objects.get(application=interview).member == kaveri
    assert rules.is_recused(kaveri, interview)

    vote = Application.objects.select_related("organization", "affiliation_model").get(
        step=Step.VOTE
    )
    colibri = person("colibri")
    assert vote.applicant == colibri and rules.is_committee(colibri)
    assert rules.is_recused(colibri, vote) and not rules.can_vote(colibri, vote)
    assert vote.votes.count() == 4
    assert vote.comments.count() == 2
    assert not services.vote_tally(vote).has_quorum
    assert rules.can_vote(organizer, vote)
    with time_machine.travel(NOW, tick=False):
        services.application_vote(user=organizer, application=vote, choice="yes")
    assert services.vote_tally(vote).passes

    deferred = Application.objects.get(step=Step.DEFERRED)
    assert deferred.decision_reason.startswith("The committee defers its decision")
    assert deferred.organization.status == Status.APPLYING
    declined = Application.objects.get(step=Step.DECLINED)
    assert declined.reapply_after > NOW.date()
    assert declined.organization.status == Status.NOT_RECOGNIZED
    assert rules.may_reapply_on(declined.organization, NOW.date()) == declined.reapply_after


def test_the_committee_is_five_demo_people_and_the_organizer():
    load()

    members = User.objects.filter(groups__name=COMMITTEE_GROUP)
    assert sorted(members.values_list("email", flat=True)) == [
        "colibri@example.org",
        "kaveri@example.org",
        "lavande@example.org",
        "nile@example.org",
        "taiga@example.org",
    ]
    assert all(rules.is_committee(User.objects.get(pk=member.pk)) for member in members)
    assert {member.pk for member in services.committee_members()} == {m.pk for m in members}
    assert not rules.is_committee(person("komodo"))


def test_one_report_overdue_one_organization_suspended_and_one_report_waiting():
    load()
    today = NOW.date()

    lagos, valparaiso = by_slug(LAGOS), by_slug(VALPARAISO)
    overdue = {
        organization.slug
        for organization in Organization.objects.select_related("affiliation_model")
        if reporting.overdue_obligations(organization, today)
    }
    assert overdue == {LAGOS, VALPARAISO}
    assert (lagos.status, lagos.compliance_level) == (Status.RECOGNIZED, 2)
    assert list(
        lagos.history.filter(kind="compliance").order_by("at").values_list("public_note", flat=True)
    ) == ["Out-of-compliance level from 0 to 1.", "Out-of-compliance level from 1 to 2."]
    assert ReportReminder.objects.filter(organization=lagos).count() == 2
    assert valparaiso.status == Status.SUSPENDED
    assert valparaiso.proposal == Organization.Proposal.NONE
    kinds = list(valparaiso.history.order_by("at", "pk").values_list("kind", flat=True))
    assert kinds[-6:] == ["compliance", "compliance", "compliance", "proposed", "suspended",
                          "compliance"]  # fmt: skip
    suspended = valparaiso.history.get(kind="suspended")
    assert suspended.public_note.startswith("The activity report for the fiscal year")
    assert suspended.is_public
    waiting = Report.objects.filter(state=Report.State.SUBMITTED)
    assert {report.organization.slug for report in waiting} == {"wikimedia-kenya-sample"}
    assert {report.kind for report in waiting} == {"activity", "financial"}
    assert Report.objects.filter(state=Report.State.ACCEPTED).count() == 62


@pytest.mark.parametrize(
    "now",
    [
        NOW,
        # Days when a month of 31 days leaves no due date 30 to 59 days back.
        datetime(2027, 9, 29, 23, 50, tzinfo=UTC),
        datetime(2028, 3, 1, 0, 10, tzinfo=UTC),
        datetime(2027, 1, 31, 12, tzinfo=UTC),
        datetime(2028, 2, 29, 12, tzinfo=UTC),
    ],
)
def test_the_records_agree_with_the_compliance_schedule_whatever_the_day(now):
    load(now)
    today = now.date()

    with time_machine.travel(now, tick=False):
        changes = {
            organization.slug: reporting.compliance_update(organization=organization, today=today)
            for organization in Organization.objects.all()
        }
    assert {slug: change for slug, change in changes.items() if change} == {}
    lagos = by_slug(LAGOS)
    assert lagos.compliance_level in (1, 2)
    assert by_slug(VALPARAISO).compliance_level in (3, 4)
    assert not HistoryEntry.objects.filter(at__gt=now).exists()
    assert not Report.objects.filter(submitted_at__gt=now).exists()
    assert Application.objects.get(step=Step.INTERVIEW).interview_at > now
    memorandum = Partnership.objects.get()
    assert memorandum.ends_on == today + timedelta(days=40)
    assert list(Partnership.objects.public().current(today)) == [memorandum]


def test_the_library_and_chapter_memorandum():
    load()

    memorandum = Partnership.objects.get()
    assert memorandum.is_sample and memorandum.is_public
    parties = list(memorandum.parties.select_related("organization"))
    assert [(party.organization and party.organization.slug, party.name) for party in parties] == [
        ("wikimedia-bavaria-sample", ""),
        (None, "City Library of Augsburg (sample)"),
    ]
    assert memorandum.starts_on == date(2024, 1, 17)
    assert by_slug("wikimedia-bavaria-sample").history.filter(kind="partnership").count() == 1


def test_sample_organizations_host_the_upcoming_sample_events():
    load()

    hosts = {
        (host.event.slug, host.organization.slug)
        for host in EventHost.objects.select_related("event", "organization")
    }
    assert hosts == {
        ("hubs-dialogue-open-space", "wikimedia-kenya-sample"),
        ("movement-charter-conversation-hours", LAGOS),
        ("movement-charter-conversation-hours", "wikimedia-user-group-of-yogyakarta-sample"),
    }
    assert "Sample event" in Event.objects.get(slug="hubs-dialogue-open-space").description


# --- Loading and resetting ------------------------------------------------------------------


def test_loading_twice_changes_nothing():
    first = load()
    before = counts()

    second = load()

    assert "19 organizations added" in first
    assert second == "registry: its 19 demo organizations are in place, left as they are"
    assert counts() == before
    assert before["Organization"] == len(SLUGS) == 19


def test_without_the_demo_accounts_the_registry_waits():
    lines: list[str] = []

    demo_registry.load(now=NOW, log=lines.append)

    assert lines == ["registry: organizations skipped, the demo accounts are missing"]
    assert not Organization.objects.exists()


def test_the_reset_erases_the_registry_with_its_history_and_loads_it_again():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname = 'organizations_history_append_only'"
            )
            assert cursor.fetchone() == (1,)  # the guard the reset must pass
    call_command("load_demo", stdout=StringIO())
    before = set(Organization.objects.values_list("pk", flat=True))
    entries = HistoryEntry.objects.count()

    out = StringIO()
    call_command("load_demo", "--reset", stdout=out)

    assert "removing 19 demo organizations" in out.getvalue()
    assert before.isdisjoint(Organization.objects.values_list("pk", flat=True))
    assert Organization.objects.count() == 19
    assert abs(HistoryEntry.objects.count() - entries) <= 2  # a day boundary may move a level
    assert Partnership.objects.count() == 1


def test_the_worker_takes_over_the_registry_s_days_from_tomorrow():
    from tests.tasks_backend import DeferringImmediateBackend

    load()
    load()

    waiting = [
        (kwargs["today_iso"], task.run_after)
        for task, _args, kwargs in DeferringImmediateBackend.deferred
        if task.name == "registry_daily"
    ]
    assert waiting == [("2026-12-08", datetime(2026, 12, 8, 2, tzinfo=UTC))]
