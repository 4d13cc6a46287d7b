"""Submitting, accepting and returning yearly reports, by every role, and the compliance
schedule: levels and proposals on a frozen clock, never a change of status."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from convene.core.errors import ServiceError
from convene.core.models import OutgoingEmail
from convene.organizations import reporting, services
from convene.organizations.models import HistoryEntry, Organization, Report
from tests.factories import UserFactory

from .factories import (
    OrganizationFactory,
    ReportFactory,
    chapter_model,
    committee_member,
    user_group_model,
)

pytestmark = pytest.mark.django_db

# A calendar fiscal year: the 2025 reports are due on 30 April 2026.
DUE = date(2026, 4, 30)
FY2025 = date(2025, 12, 31)
MAY = datetime(2026, 5, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def representative():
    return UserFactory(email="rep@example.org", display_name="Amaka")


@pytest.fixture
def contact():
    return UserFactory(email="contact@example.org")


@pytest.fixture
def committee():
    return committee_member(email="committee@example.org")


@pytest.fixture
def group(representative, contact):
    """A user group recognized in February 2025, provisionally until the end of 2026: it owes
    its 2025 activity report by 30 April 2026."""
    return OrganizationFactory(
        name="Wikimedians of Lagos",
        slug="lagos",
        affiliation_model=user_group_model(),
        recognized_on=date(2025, 2, 1),
        provisional_until=date(2026, 12, 31),
        representatives=[representative],
        contact_person=contact,
    )


def submit(user, organization, *, kind="activity", period_end=FY2025, now=MAY, **fields):
    fields.setdefault("body", "We held ten edit-a-thons.")
    fields.setdefault("language", "en")
    return reporting.report_submit(
        user=user, organization=organization, kind=kind, period_end=period_end, now=now, **fields
    )


def refused(code, action, *args, **kwargs):
    with pytest.raises(ServiceError) as caught:
        action(*args, **kwargs)
    assert caught.value.code == code, caught.value.message
    return caught.value


def history(organization, *kinds):
    entries = HistoryEntry.objects.filter(organization=organization).order_by("at", "pk")
    if kinds:
        entries = entries.filter(kind__in=kinds)
    return [(entry.kind, entry.public_note) for entry in entries]


def subjects(to):
    return list(
        OutgoingEmail.objects.filter(to=to).order_by("pk").values_list("subject", flat=True)
    )


# --- submitting -----------------------------------------------------------------------------


def test_a_representative_submits_a_report_owed(group, representative, committee):
    report = submit(representative, group, link="https://meta.wikimedia.org/wiki/Lagos/2025")

    assert (report.kind, report.period_start, report.period_end, report.due_on) == (
        "activity",
        date(2025, 1, 1),
        FY2025,
        DUE,
    )
    assert (report.state, report.submitted_by, report.language) == (
        "submitted",
        representative,
        "en",
    )
    assert history(group) == [("report_submitted", "Activity report, fiscal year 2025")]
    assert HistoryEntry.objects.get(organization=group).is_public
    assert subjects("committee@example.org") == ["Report submitted: Wikimedians of Lagos"]
    assert subjects("rep@example.org") == []


def test_the_contact_person_submits_too(group, contact):
    assert submit(contact, group).submitted_by == contact


def test_those_who_do_not_act_for_it_cannot_submit(group, committee):
    for user in (committee, UserFactory(), AnonymousUser()):
        refused("forbidden", submit, user, group)
    assert Report.objects.count() == 0
    assert HistoryEntry.objects.count() == 0


def test_a_report_for_a_derecognized_organization_is_refused_and_changes_nothing(
    group, representative
):
    Organization.objects.filter(pk=group.pk).update(status="derecognized")
    error = refused("organization_inactive", submit, representative, group)
    assert "Derecognized" in str(error.message)
    assert Report.objects.count() == 0
    assert HistoryEntry.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0


def test_a_suspended_organization_still_submits(group, representative):
    Organization.objects.filter(pk=group.pk).update(status="suspended")
    assert submit(representative, group).state == "submitted"


def test_only_a_year_and_kind_owed_can_be_submitted(group, representative):
    # The year under way has not ended; 2023 ended before the recognition.
    refused("not_owed", submit, representative, group, period_end=date(2026, 12, 31))
    refused("not_owed", submit, representative, group, period_end=date(2023, 12, 31))
    refused("not_owed", submit, representative, group, period_end=date(2025, 6, 30))
    # A user group owes no financial statement.
    refused("not_owed", submit, representative, group, kind="financial")
    refused("invalid_kind", submit, representative, group, kind="poem")
    assert Report.objects.count() == 0


def test_what_is_written_is_checked(group, representative):
    refused("empty", submit, representative, group, body="   ")
    refused("too_long", submit, representative, group, body="x" * 50001)
    refused("invalid_link", submit, representative, group, link="javascript:alert(1)")
    refused("language", submit, representative, group, language="xx")
    assert Report.objects.count() == 0


def test_a_second_report_for_the_same_year_and_kind_is_refused(group, representative, committee):
    first = submit(representative, group)
    refused("already_submitted", submit, representative, group)
    reporting.report_accept(user=committee, report=first, now=MAY)
    refused("already_submitted", submit, representative, group)
    assert Report.objects.count() == 1


def test_the_database_refuses_a_second_standing_report_too(group, representative):
    submit(representative, group)
    # As if two submissions had both read the year as missing.
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportFactory(organization=group, state="accepted")
    assert Report.objects.filter(organization=group).count() == 1


def test_a_returned_report_is_followed_by_a_new_one(group, representative, committee):
    first = submit(representative, group)
    reporting.report_return(user=committee, report=first, note="Add the budget.", now=MAY)
    second = submit(representative, group, body="With the budget.")
    assert second.state == "submitted"
    assert sorted(Report.objects.values_list("state", flat=True)) == ["returned", "submitted"]


# --- reviewing ----------------------------------------------------------------------------------


def test_the_committee_accepts_a_report_and_recognition_is_renewed(
    group, representative, committee
):
    report = submit(representative, group)
    Organization.objects.filter(pk=group.pk).update(compliance_level=2, proposal="")

    reporting.report_accept(user=committee, report=report, note="Thank you!", now=MAY)

    report.refresh_from_db()
    assert (report.state, report.reviewed_by, report.reviewed_at, report.review_note) == (
        "accepted",
        committee,
        MAY,
        "Thank you!",
    )
    group.refresh_from_db()
    assert group.renewed_on == MAY.date()
    assert group.provisional_until == date(2026, 12, 31)  # the provisional period keeps its end
    assert group.status == "recognized"
    assert group.compliance_level == 0
    assert history(group, "report_accepted", "renewed", "compliance") == [
        ("report_accepted", "Activity report, fiscal year 2025"),
        ("renewed", "Activity report, fiscal year 2025"),
        ("compliance", "Out-of-compliance level from 2 to 0."),
    ]
    assert subjects("rep@example.org") == ["Report accepted: Wikimedians of Lagos"]


def test_acceptance_clears_a_proposal_once_nothing_is_overdue(group, representative, committee):
    report = submit(representative, group)
    Organization.objects.filter(pk=group.pk).update(compliance_level=3, proposal="suspend")
    reporting.report_accept(user=committee, report=report, now=MAY)
    group.refresh_from_db()
    assert (group.compliance_level, group.proposal, group.status) == (0, "", "recognized")
    assert history(group, "proposal_dismissed") == [
        ("proposal_dismissed", "No report is overdue any more: the proposal is withdrawn.")
    ]


def test_acceptance_leaves_the_level_while_another_report_is_overdue(representative, committee):
    chapter = OrganizationFactory(
        affiliation_model=chapter_model(),
        recognized_on=date(2025, 3, 1),
        representatives=[representative],
        compliance_level=1,
        proposal="",
    )
    report = submit(representative, chapter)
    reporting.report_accept(user=committee, report=report, now=MAY)
    chapter.refresh_from_db()
    assert chapter.compliance_level == 1  # the financial statement is still overdue
    assert chapter.renewed_on == MAY.date()


def test_accepting_for_a_suspended_organization_does_not_reinstate_it(
    group, representative, committee
):
    report = submit(representative, group)
    Organization.objects.filter(pk=group.pk).update(status="suspended")
    reporting.report_accept(user=committee, report=report, now=MAY)
    group.refresh_from_db()
    assert (group.status, group.renewed_on) == ("suspended", None)
    assert history(group, "renewed") == []


def test_only_the_committee_reviews_and_not_for_an_organization_a_member_acts_for(
    group, representative, committee
):
    report = submit(representative, group)
    member_and_representative, member_and_liaison = committee_member(), committee_member()
    group.representatives.add(member_and_representative)
    group.liaisons.add(member_and_liaison)
    for user in (representative, UserFactory(), AnonymousUser()):
        refused("forbidden", reporting.report_accept, user=user, report=report, now=MAY)
        refused("forbidden", reporting.report_return, user=user, report=report, note="No", now=MAY)
    for member in (member_and_representative, member_and_liaison):
        refused(
            "recused",
            reporting.report_accept,
            user=member,
            report=Report.objects.get(pk=report.pk),
            now=MAY,
        )
    report.refresh_from_db()
    assert report.state == "submitted"
    assert history(group, "report_accepted", "report_returned") == []


def test_a_report_is_reviewed_once(group, representative, committee):
    report = submit(representative, group)
    stale = Report.objects.get(pk=report.pk)
    reporting.report_accept(user=committee, report=report, now=MAY)
    refused("already_reviewed", reporting.report_return, user=committee, report=stale, note="x")
    refused("already_reviewed", reporting.report_accept, user=committee, report=stale)
    assert Report.objects.get(pk=report.pk).state == "accepted"


def test_returning_needs_a_note_said_publicly(group, representative, committee):
    report = submit(representative, group)
    refused("reason_missing", reporting.report_return, user=committee, report=report, note=" ")
    assert Report.objects.get(pk=report.pk).state == "submitted"

    reporting.report_return(user=committee, report=report, note="Add the budget.", now=MAY)
    report.refresh_from_db()
    assert (report.state, report.review_note) == ("returned", "Add the budget.")
    assert history(group, "report_returned") == [
        (
            "report_returned",
            "Activity report, fiscal year 2025. The committee's note: Add the budget.",
        )
    ]
    assert subjects("rep@example.org") == ["Report returned: Wikimedians of Lagos"]
    group.refresh_from_db()
    assert group.renewed_on is None


def test_the_review_reaches_the_submitter_in_their_language(group, representative, committee):
    representative.preferred_language = "fr"
    representative.save(update_fields=["preferred_language"])
    report = submit(representative, group)
    reporting.report_accept(user=committee, report=report, now=MAY)
    email = OutgoingEmail.objects.get(to="rep@example.org")
    assert email.language == "fr"


# --- the compliance schedule -----------------------------------------------------------------


def run(organization, day):
    with time_machine.travel(datetime(day.year, day.month, day.day, 3, tzinfo=UTC), tick=False):
        changes = reporting.compliance_update(organization=organization, today=day)
    organization.refresh_from_db()
    return changes


def test_the_level_rises_every_30_days_overdue_and_proposals_never_change_the_status(
    group, committee
):
    schedule = [
        (date(2026, 4, 30), [], 0, ""),
        (date(2026, 5, 1), ["level 0→1"], 1, ""),  # the first day overdue
        (date(2026, 5, 29), [], 1, ""),  # 29 days
        (date(2026, 5, 30), ["level 1→2"], 2, ""),  # 30 days
        (date(2026, 6, 28), [], 2, ""),  # 59 days
        (date(2026, 6, 29), ["level 2→3", "proposed suspend"], 3, "suspend"),  # 60 days
        (date(2026, 6, 29), [], 3, "suspend"),  # the same day again: nothing
        (date(2026, 7, 29), ["level 3→4"], 4, "suspend"),  # 90 days
        (date(2026, 8, 28), ["level 4→5", "proposed derecognize"], 5, "derecognize"),
        (date(2027, 1, 1), [], 5, "derecognize"),  # 5 at most
    ]
    for day, changes, level, proposal in schedule:
        assert run(group, day) == changes, day
        assert (group.compliance_level, group.proposal, group.status) == (
            level,
            proposal,
            "recognized",
        ), day
    assert history(group, "compliance", "proposed") == [
        ("compliance", "Out-of-compliance level from 0 to 1."),
        ("compliance", "Out-of-compliance level from 1 to 2."),
        ("compliance", "Out-of-compliance level from 2 to 3."),
        ("proposed", "Suspension proposed at out-of-compliance level 3; the committee decides."),
        ("compliance", "Out-of-compliance level from 3 to 4."),
        ("compliance", "Out-of-compliance level from 4 to 5."),
        ("proposed", "Derecognition proposed at out-of-compliance level 5; the committee decides."),
    ]
    assert all(entry.is_public for entry in HistoryEntry.objects.filter(organization=group))
    assert subjects("committee@example.org") == [
        "Wikimedians of Lagos: Suspension proposed",
        "Wikimedians of Lagos: Derecognition proposed",
    ]
    assert not HistoryEntry.objects.filter(
        organization=group, kind__in=["suspended", "derecognized"]
    ).exists()


def test_a_dismissed_proposal_is_not_made_again_at_the_same_level(group, committee):
    assert run(group, date(2026, 6, 30)) == ["level 0→3", "proposed suspend"]
    services.proposal_dismiss(user=committee, organization=group, note="They wrote to us.")
    assert run(group, date(2026, 7, 1)) == []
    assert group.proposal == ""
    assert run(group, date(2026, 8, 29)) == ["level 3→5", "proposed derecognize"]


def test_a_missed_month_catches_up_to_the_level_due(group):
    # The job did not run for four months.
    assert run(group, date(2026, 8, 28)) == ["level 0→5", "proposed derecognize"]
    assert (group.compliance_level, group.proposal, group.status) == (
        5,
        "derecognize",
        "recognized",
    )


def test_a_suspended_organization_is_proposed_for_derecognition_only(group):
    Organization.objects.filter(pk=group.pk).update(status="suspended")
    assert run(group, date(2026, 6, 30)) == ["level 0→3"]
    assert run(group, date(2026, 8, 29)) == ["level 3→5", "proposed derecognize"]
    assert group.status == "suspended"


def test_a_submitted_report_brings_the_level_back_and_withdraws_the_proposal(group, representative):
    assert run(group, date(2026, 6, 30)) == ["level 0→3", "proposed suspend"]
    submit(representative, group, now=datetime(2026, 7, 1, 8, tzinfo=UTC))
    assert run(group, date(2026, 7, 1)) == ["level 3→0", "proposal withdrawn"]
    assert (group.compliance_level, group.proposal) == (0, "")


def test_organizations_not_owing_reports_are_left_alone():
    derecognized = OrganizationFactory(status="derecognized", compliance_level=4)
    assert run(derecognized, date(2026, 6, 30)) == []
    assert derecognized.compliance_level == 4


def test_nothing_is_sent_twice_when_the_committee_confirms(group, committee):
    """Confirming the proposal is the committee's own change of status, which clears it."""
    assert run(group, date(2026, 8, 28)) == ["level 0→5", "proposed derecognize"]
    services.organization_change_status(
        user=committee, organization=group, change="derecognize", public_reason="Reports overdue."
    )
    group.refresh_from_db()
    assert (group.status, group.proposal) == ("derecognized", "")
    assert run(group, date(2026, 8, 29)) == []
