"""What the registry keeps about a person: their profile's organizations, "Download your
data", and the erasure of their account (which the history's guard lets through)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import translation

from convene.accounts.services import user_delete, user_export_data
from convene.organizations import personal_data
from convene.organizations.models import (
    Application,
    ApplicationComment,
    HistoryEntry,
    Organization,
    OrganizationName,
    Partnership,
    Recusal,
    Report,
    Vote,
)
from tests.factories import UserFactory

from .factories import (
    ApplicationFactory,
    OrganizationFactory,
    PartnershipFactory,
    ReportFactory,
    committee_member,
    history_entry,
)

pytestmark = pytest.mark.django_db

AT = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)

SECTIONS = {
    "organizations": personal_data.organizations,
    "organization_applications": personal_data.applications,
    "organization_application_comments": personal_data.application_comments,
    "committee_votes": personal_data.committee_votes,
    "committee_recusals": personal_data.committee_recusals,
    "organization_reports": personal_data.organization_reports,
    "partnerships_recorded": personal_data.partnerships_recorded,
    "organization_history": personal_data.organization_history,
}


@pytest.fixture
def person():
    return committee_member(email="amina@example.org", display_name="Amina")


@pytest.fixture
def world(person):
    """A person tied to the registry in every way it knows."""
    lagos = OrganizationFactory(name="Wikimedians of Lagos", slug="lagos", representatives=[person])
    kenya = OrganizationFactory(
        name="Wikimedia Kenya", slug="kenya", liaisons=[person], contact_person=person
    )
    OrganizationFactory(name="Unrelated", slug="unrelated")
    application = ApplicationFactory(
        applicant=person, organization__name="Wikimedians of Accra", organization__slug="accra"
    )
    Application.objects.filter(pk=application.pk).update(submitted_at=AT)
    other = ApplicationFactory(step=Application.Step.VOTE, organization__name="Wiki Kano")
    ApplicationComment.objects.create(application=other, author=person, body="They do good work.")
    Vote.objects.create(application=other, member=person, choice=Vote.Choice.YES, note="Active.")
    tied = ApplicationFactory(organization__name="Wiki Abuja")
    Recusal.objects.create(application=tied, member=person, reason="I trained their members.")
    ReportFactory(organization=lagos, submitted_by=person, body="Ten edit-a-thons.")
    PartnershipFactory(title="Library memorandum", created_by=person)
    history_entry(kenya, kind=HistoryEntry.Kind.VOTE, actor=person, at=AT, private_note="yes")
    history_entry(lagos, kind=HistoryEntry.Kind.REPORT_SUBMITTED, actor=person, at=AT)
    return {"lagos": lagos, "kenya": kenya, "application": application, "other": other}


# --- the profile ---------------------------------------------------------------------


def test_the_profile_names_the_persons_organizations_with_their_roles(
    client, person, world, django_assert_num_queries
):
    client.force_login(person)

    # the login session, the user, the API token, their organizations, whether they
    # moderate (the header's link)
    with django_assert_num_queries(5):
        html = client.get(reverse("accounts:profile")).content.decode()

    kenya = reverse("organizations:detail", args=["kenya"])
    lagos = reverse("organizations:detail", args=["lagos"])
    assert (
        f'<li><a href="{kenya}"><bdi>Wikimedia Kenya</bdi></a>: contact person and liaison</li>'
        in html
    )
    assert f'<li><a href="{lagos}"><bdi>Wikimedians of Lagos</bdi></a>: representative</li>' in html
    assert "Unrelated" not in html


def test_the_profile_of_a_person_tied_to_no_organization_says_nothing_of_them(client):
    client.force_login(UserFactory())

    assert "Your organizations" not in client.get(reverse("accounts:profile")).text


def test_person_organizations_reads_one_query_in_the_readers_language(
    person, world, django_assert_num_queries
):
    OrganizationName.objects.create(organization=world["lagos"], language="fr", name="Lagos (fr)")

    with translation.override("fr"), django_assert_num_queries(1):
        ties = personal_data.person_organizations(user=person)

    assert [(tie.organization.slug, tie.roles) for tie in ties] == [
        ("lagos", ("representative",)),
        ("kenya", ("contact", "liaison")),
    ]


# --- "Download your data" -------------------------------------------------------------


def test_the_export_has_every_tie_to_the_registry(person, world):
    data = user_export_data(user=person)

    assert data["organizations"] == [
        {"organization": "Wikimedia Kenya", "slug": "kenya", "roles": ["contact", "liaison"]},
        {"organization": "Wikimedians of Lagos", "slug": "lagos", "roles": ["representative"]},
    ]
    assert data["organization_applications"] == [
        {
            "organization": "Wikimedians of Accra",
            "model_of_affiliation": world["application"].affiliation_model.slug,
            "letter_of_intent": "We edit Wikipedia together and would like to be recognized.",
            "language": "en",
            "submitted_at": "2026-05-04T09:30:00Z",
            "step": "received",
            "interview_at": None,
            "decided_at": None,
            "reasons": "",
            "may_apply_again_from": None,
        }
    ]
    [comment] = data["organization_application_comments"]
    assert (comment["organization"], comment["body"], comment["hidden"]) == (
        "Wiki Kano",
        "They do good work.",
        False,
    )
    [vote] = data["committee_votes"]
    assert (vote["organization"], vote["vote"], vote["note"]) == ("Wiki Kano", "yes", "Active.")
    [recusal] = data["committee_recusals"]
    assert (recusal["organization"], recusal["tie_to_the_applicant"]) == (
        "Wiki Abuja",
        "I trained their members.",
    )
    [report] = data["organization_reports"]
    assert report | {"submitted_at": None} == {
        "organization": "Wikimedians of Lagos",
        "kind": "activity",
        "fiscal_year_from": "2025-01-01",
        "fiscal_year_to": "2025-12-31",
        "body": "Ten edit-a-thons.",
        "link": "",
        "language": "en",
        "submitted_at": None,
        "state": "submitted",
    }
    [partnership] = data["partnerships_recorded"]
    assert (partnership["title"], partnership["starts_on"], partnership["public"]) == (
        "Library memorandum",
        "2025-01-01",
        True,
    )
    assert data["organization_history"] == [
        {"organization": "Wikimedia Kenya", "kind": "vote", "at": "2026-05-04T09:30:00Z",
         "public_note": ""},
        {"organization": "Wikimedians of Lagos", "kind": "report_submitted",
         "at": "2026-05-04T09:30:00Z", "public_note": ""},
    ]  # fmt: skip


def test_the_export_of_a_person_tied_to_nothing_has_empty_sections(world):
    data = user_export_data(user=UserFactory())

    assert {name: data[name] for name in SECTIONS} == {name: [] for name in SECTIONS}


def test_each_section_reads_one_query_whatever_it_holds(person, world, django_assert_num_queries):
    ReportFactory(organization=world["lagos"], submitted_by=person, period_end=date(2024, 12, 31))
    history_entry(world["lagos"], actor=person)
    for section in SECTIONS.values():
        with django_assert_num_queries(1):
            assert section(person)


# --- erasure ---------------------------------------------------------------------------


def test_erasing_an_account_keeps_what_the_person_did_for_others(person, world):
    entries = HistoryEntry.objects.count()

    user_delete(user=person)

    lagos, kenya = world["lagos"], world["kenya"]
    assert list(lagos.representatives.all()) == []
    assert list(kenya.liaisons.all()) == []
    assert Organization.objects.get(pk=kenya.pk).contact_person is None
    assert Application.objects.get(pk=world["application"].pk).applicant is None
    assert ApplicationComment.objects.get(body="They do good work.").author is None
    assert Vote.objects.get(application=world["other"]).member is None
    assert not Recusal.objects.exists()
    assert Report.objects.get(organization=lagos).submitted_by is None
    assert Partnership.objects.get(title="Library memorandum").created_by is None
    assert HistoryEntry.objects.count() == entries
    assert not HistoryEntry.objects.filter(actor__isnull=False).exists()


def test_the_erasure_step_leaves_the_organizations(person, world):
    personal_data.leave_organizations(person, AT)

    assert personal_data.person_organizations(user=person)[0].roles == ("contact",)


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("the history's guard is a PostgreSQL trigger")


def test_on_postgresql_the_historys_guard_lets_an_accounts_erasure_through(postgres, person, world):
    kept = list(HistoryEntry.objects.order_by("pk").values_list("pk", "kind", "public_note", "at"))

    user_delete(user=person)

    assert (
        list(HistoryEntry.objects.order_by("pk").values_list("pk", "kind", "public_note", "at"))
        == kept
    )
    assert not HistoryEntry.objects.filter(actor__isnull=False).exists()


def test_on_postgresql_the_history_refuses_any_other_change(postgres, person, world):
    entry = HistoryEntry.objects.filter(actor=person).first()
    other = UserFactory()

    for statement, values in (
        ("UPDATE organizations_historyentry SET public_note = %s WHERE id = %s", ["x", entry.pk]),
        ("UPDATE organizations_historyentry SET actor_id = %s WHERE id = %s", [other.pk, entry.pk]),
        ("DELETE FROM organizations_historyentry WHERE id = %s", [entry.pk]),
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, values)

    assert HistoryEntry.objects.filter(pk=entry.pk, actor=person).exists()
