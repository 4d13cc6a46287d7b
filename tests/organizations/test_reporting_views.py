"""The reporting pages: what an organization owes and its reports (public), submitting one,
a report's page with the committee's review, the committee's overview and its spreadsheet;
who may open each, forged forms refused with a clear message, and exact query counts."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from convene.organizations.models import HistoryEntry, Organization, OrganizationName, Report
from tests.factories import UserFactory

from .factories import (
    OrganizationFactory,
    ReportFactory,
    chapter_model,
    committee_member,
)

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 5, 10, 9, 0, tzinfo=UTC)  # the 2025 reports were due on 30 April


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def representative():
    return UserFactory(email="rep@example.org")


@pytest.fixture
def committee():
    return committee_member(email="committee@example.org")


@pytest.fixture
def chapter(representative):
    """A chapter recognized in 2024 that owes both reports for 2024 and 2025."""
    return OrganizationFactory(
        name="Wikimedia Nigeria",
        slug="nigeria",
        affiliation_model=chapter_model(),
        recognized_on=date(2024, 5, 1),
        representatives=[representative],
        compliance_level=2,
    )


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"organizations:{name}", args=args)


def text(response):
    return response.content.decode()


# --- what an organization owes -------------------------------------------------------------


def test_everyone_reads_what_an_organization_owes_and_its_reports(client, chapter):
    ReportFactory(
        organization=chapter,
        kind="activity",
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        state="accepted",
    )
    response = client.get(url("reports", "nigeria"))
    assert response.status_code == 200
    page = text(response)
    assert "Reports of <bdi>Wikimedia Nigeria</bdi>" in page
    assert page.count("Not submitted") == 3
    assert "375 days overdue" in page  # the 2024 financial statement, due 30 April 2025
    assert "10 days overdue" in page
    assert '<time datetime="2026-04-30">Apr 30, 2026</time>' in page
    assert "Out of compliance: level 2" in page
    assert "Submit it" not in page  # only for those who act for it
    assert url("report", "nigeria", Report.objects.get().pk) in page


def test_those_who_act_for_it_get_a_link_to_submit_each_report(client, chapter, representative):
    client.force_login(representative)
    page = text(client.get(url("reports", "nigeria")))
    assert page.count("Submit it") == 4
    assert f"{url('report_new', 'nigeria')}?kind=financial&amp;period=2024-12-31" in page


def test_the_reports_page_shows_the_name_in_the_reader_s_language(client, chapter):
    OrganizationName.objects.create(organization=chapter, language="fr", name="Wikimédia Nigéria")
    page = text(client.get(url("reports", "nigeria", language="fr")))
    assert "<bdi>Wikimédia Nigéria</bdi>" in page


def test_an_organization_not_in_the_registry_has_no_reports_page(client):
    OrganizationFactory(slug="applying", status="applying")
    assert client.get(url("reports", "applying")).status_code == 404
    assert client.get(url("reports", "nowhere")).status_code == 404


# --- submitting ------------------------------------------------------------------------------


def form_data(**fields):
    return {
        "kind": "activity",
        "period": "2025-12-31",
        "language": "en",
        "body": "## Edit-a-thons\n\nWe held **ten**.",
        "link": "https://meta.wikimedia.org/wiki/Nigeria/2025",
        **fields,
    }


def test_a_representative_submits_a_report_with_the_year_preselected(
    client, chapter, representative
):
    client.force_login(representative)
    response = client.get(url("report_new", "nigeria") + "?kind=financial&period=2025-12-31")
    assert response.status_code == 200
    form = response.context["form"]
    assert (form["kind"].value(), form["period"].value()) == ("financial", "2025-12-31")
    assert [value for value, _label in form.fields["period"].choices] == [
        "2024-12-31",
        "2025-12-31",
    ]

    response = client.post(url("report_new", "nigeria"), form_data())
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("report", "nigeria", report.pk)
    assert (report.kind, report.period_end, report.submitted_by) == (
        "activity",
        date(2025, 12, 31),
        representative,
    )


def test_submitting_is_for_those_who_act_for_the_organization(client, chapter, committee):
    new = url("report_new", "nigeria")
    assert client.get(new).status_code == 302  # to sign in
    assert client.post(new, form_data()).status_code == 302
    for user in (UserFactory(), committee):
        client.force_login(user)
        assert client.get(new).status_code == 403
        assert client.post(new, form_data()).status_code == 403
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    ("forged", "message"),
    [
        ({"kind": "poem"}, "Select a valid choice. poem is not one of the available choices."),
        ({"period": "2023-12-31"}, "Select a valid choice."),
        ({"period": "yesterday"}, "Select a valid choice."),
        ({"language": "xx"}, "Select a valid choice."),
        ({"link": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"body": ""}, "This field is required."),
    ],
)
def test_a_forged_form_gets_a_clear_message_and_changes_nothing(
    client, chapter, representative, forged, message
):
    client.force_login(representative)
    response = client.post(url("report_new", "nigeria"), form_data(**forged))
    assert response.status_code == 400
    assert message in text(response)
    assert 'class="error-summary"' in text(response)
    assert Report.objects.count() == 0


def test_a_second_report_for_a_year_is_refused(client, chapter, representative):
    ReportFactory(organization=chapter, kind="activity", state="submitted")
    client.force_login(representative)
    response = client.post(url("report_new", "nigeria"), form_data())
    # The year is no longer one to choose for this kind: the service says why.
    assert response.status_code == 409
    assert "already submitted" in text(response)
    assert Report.objects.count() == 1


def test_a_derecognized_organization_submits_nothing_and_says_why(client, chapter, representative):
    Organization.objects.filter(pk=chapter.pk).update(status="derecognized")
    client.force_login(representative)
    response = client.get(url("report_new", "nigeria"))
    assert response.status_code == 200
    assert "this one is “Derecognized”" in text(response)
    assert '<form method="post" action="/en/organizations/nigeria' not in text(response)
    response = client.post(url("report_new", "nigeria"), form_data())
    assert response.status_code == 409
    assert Report.objects.count() == 0


def test_the_submission_page_speaks_the_reader_s_language(client, chapter, representative):
    client.force_login(representative)
    response = client.post(url("report_new", "nigeria", language="fr"), form_data(kind="poem"))
    assert response.status_code == 400
    assert 'lang="fr"' in text(response)
    assert "Sélectionnez un choix valide." in text(response)


# --- a report's page and the committee's review ---------------------------------------------------


@pytest.fixture
def submitted(chapter, representative):
    return ReportFactory(
        organization=chapter,
        kind="activity",
        submitted_by=representative,
        language="fr",
        body="# Bilan\n\n<script>alert(1)</script> **dix** ateliers [lien](javascript:alert(2))",
    )


def test_a_report_is_public_its_markdown_sanitized_in_its_language(client, submitted):
    response = client.get(url("report", "nigeria", submitted.pk))
    assert response.status_code == 200
    page = text(response)
    assert '<div lang="fr" dir="auto"><h2>Bilan</h2>' in page
    assert "<strong>dix</strong>" in page
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page
    assert "Submitted, waiting" not in page
    assert "The committee&#x27;s review" not in page  # no review form for a visitor


def test_a_report_of_another_organization_is_not_found(client, submitted):
    OrganizationFactory(slug="kenya")
    assert client.get(url("report", "kenya", submitted.pk)).status_code == 404


def test_the_committee_accepts_from_the_report_page(client, submitted, committee):
    client.force_login(committee)
    page = text(client.get(url("report", "nigeria", submitted.pk)))
    assert 'name="decision" value="accept"' in page
    response = client.post(
        url("report_review", "nigeria", submitted.pk), {"decision": "accept", "note": "Merci !"}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.state, submitted.review_note) == ("accepted", "Merci !")
    page = text(client.get(url("report", "nigeria", submitted.pk)))
    assert "the organization&#x27;s recognition is renewed" in page
    assert '<p dir="auto">Merci !</p>' in page
    assert 'name="decision"' not in page


def test_returning_without_a_note_is_refused_with_a_message(client, submitted, committee):
    client.force_login(committee)
    response = client.post(url("report_review", "nigeria", submitted.pk), {"decision": "return"})
    assert response.status_code == 400
    assert "Say what the report lacks" in text(response)
    assert Report.objects.get(pk=submitted.pk).state == "submitted"
    assert not HistoryEntry.objects.filter(kind="report_returned").exists()


def test_a_forged_review_changes_nothing(client, submitted, committee):
    client.force_login(committee)
    response = client.post(url("report_review", "nigeria", submitted.pk), {"decision": "delete"})
    assert response.status_code == 400
    assert "Choose to accept or to return the report." in text(response)
    assert client.get(url("report_review", "nigeria", submitted.pk)).status_code == 405
    assert Report.objects.get(pk=submitted.pk).state == "submitted"


def test_only_the_committee_reviews_and_not_its_own_organization(client, submitted, representative):
    review = url("report_review", "nigeria", submitted.pk)
    assert client.post(review, {"decision": "accept"}).status_code == 302  # to sign in
    for user in (representative, UserFactory()):
        client.force_login(user)
        assert client.post(review, {"decision": "accept"}).status_code == 403
    member, liaison = committee_member(), committee_member()
    submitted.organization.representatives.add(member)
    submitted.organization.liaisons.add(liaison)
    client.force_login(liaison)
    assert 'name="decision"' not in text(client.get(url("report", "nigeria", submitted.pk)))
    assert client.post(review, {"decision": "accept"}).status_code == 403
    client.force_login(member)
    assert 'name="decision"' not in text(client.get(url("report", "nigeria", submitted.pk)))
    response = client.post(review, {"decision": "accept"})
    assert response.status_code == 403
    assert "take no part in the review" in text(response)
    assert Report.objects.get(pk=submitted.pk).state == "submitted"


def test_a_report_reviewed_meanwhile_is_refused_with_a_conflict(client, submitted, committee):
    client.force_login(committee)
    Report.objects.filter(pk=submitted.pk).update(state="accepted")
    response = client.post(
        url("report_review", "nigeria", submitted.pk), {"decision": "return", "note": "No."}
    )
    assert response.status_code == 409
    assert "already reviewed" in text(response)


# --- the committee's overview ------------------------------------------------------------------


def test_the_committee_sees_what_waits_what_is_overdue_and_what_is_proposed(
    client, chapter, submitted, committee
):
    Organization.objects.filter(pk=chapter.pk).update(compliance_level=3, proposal="suspend")
    client.force_login(committee)
    response = client.get(url("reporting"))
    assert response.status_code == 200
    page = text(response)
    assert url("report", "nigeria", submitted.pk) in page
    assert "375 days" in page
    assert "Suspension proposed" in page
    assert url("status_change", "nigeria", "suspend") in page
    assert url("proposal_dismiss", "nigeria") in page


def test_the_overview_is_for_the_committee(client, representative):
    assert client.get(url("reporting")).status_code == 302
    assert client.get(url("reporting_overdue_csv")).status_code == 302
    client.force_login(representative)
    assert client.get(url("reporting")).status_code == 403
    assert client.get(url("reporting_overdue_csv")).status_code == 403


def test_the_overdue_reports_as_a_spreadsheet(client, chapter, committee):
    Organization.objects.filter(pk=chapter.pk).update(name="=HYPERLINK(1)")
    client.force_login(committee)
    response = client.get(url("reporting_overdue_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Organization", "Short code", "Kind of report"]
    assert rows[1] == [
        "'=HYPERLINK(1)",
        chapter.code,
        "Activity report",
        "2024-01-01",
        "2024-12-31",
        "2025-04-30",
        "375",
        "Not submitted",
        "2",
        "",
    ]
    assert len(rows) == 5


# --- query counts ------------------------------------------------------------------------------


def grow(count):
    """`count` more organizations owing reports, each with a report waiting and another
    returned, and an accepted one for the chapter."""
    for _number in range(count):
        other = OrganizationFactory(
            affiliation_model=chapter_model(),
            recognized_on=date(2024, 5, 1),
            compliance_level=3,
            proposal="suspend",
        )
        ReportFactory(organization=other, submitted_by=UserFactory())
        ReportFactory(organization=other, kind="financial", state="returned")


def grow_chapter(chapter, count):
    for _number in range(count):
        ReportFactory(
            organization=chapter,
            kind="financial",
            state="returned",
            period_start=date(2024, 1, 1),
            period_end=date(2024, 12, 31),
            submitted_by=UserFactory(),
        )


# page, viewer: queries. A signed-in reader's page counts the login session, the user and
# whether they moderate (the header's link); the committee's its permissions (2).
QUERIES = {
    ("reports", "anonymous"): 3,
    ("reports", "representative"): 8,
    ("reports", "committee"): 8,
    ("report", "anonymous"): 3,
    ("report", "committee"): 8,
    ("report_new", "representative"): 6,
    ("reporting", "committee"): 8,
}


@pytest.mark.parametrize(("page", "viewer"), list(QUERIES))
def test_each_reporting_page_takes_an_exact_number_of_queries_whatever_it_lists(
    client, chapter, submitted, representative, committee, django_assert_num_queries, page, viewer
):
    if viewer == "representative":
        client.force_login(representative)
    elif viewer == "committee":
        client.force_login(committee)
    path = {
        "reports": url("reports", "nigeria"),
        "report": url("report", "nigeria", submitted.pk),
        "report_new": url("report_new", "nigeria"),
        "reporting": url("reporting"),
    }[page]
    for count in (3, 27):
        grow(count)
        grow_chapter(chapter, count)
        with django_assert_num_queries(QUERIES[page, viewer]):
            response = client.get(path)
        assert response.status_code == 200
