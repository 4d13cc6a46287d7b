"""Changes of an organization's status, its record and the links of its page, for the
committee, its representatives, other people and anonymous visitors: each change allowed or
refused with its message, and a refusal changes nothing."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from convene.organizations.models import (
    Application,
    HistoryEntry,
    Organization,
    OrganizationName,
)
from tests.factories import UserFactory

from .factories import OrganizationFactory, chapter_model, committee_member, user_group_model
from .test_application_views import application_at, snapshot, url

pytestmark = pytest.mark.django_db

Step = Application.Step
Status = Organization.Status
Kind = HistoryEntry.Kind


@pytest.fixture
def representative():
    return UserFactory(email="rep@example.org")


@pytest.fixture
def organization(representative):
    return OrganizationFactory(
        name="Wikimedians of the Lakes",
        slug="lakes",
        code="WUG-LAKES",
        affiliation_model=user_group_model(),
        representatives=[representative],
    )


def as_role(client, role, organization):
    if role == "committee":
        client.force_login(committee_member())
    elif role == "representative":
        client.force_login(organization.representatives.get())
    elif role == "other":
        client.force_login(UserFactory())
    elif role == "liaison":
        member = committee_member()
        organization.liaisons.add(member)
        client.force_login(member)
    elif role == "committee_representative":
        member = committee_member()
        organization.representatives.add(member)
        client.force_login(member)


def reason(text="Two years without a report.", note=""):
    data = {"public_reason": text}
    if note:
        data["private_note"] = note
    return data


# --- changes of status ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "before", "after", "kind"),
    [
        ("suspend", Status.RECOGNIZED, Status.SUSPENDED, Kind.SUSPENDED),
        ("reinstate", Status.SUSPENDED, Status.RECOGNIZED, Kind.REINSTATED),
        ("derecognize", Status.RECOGNIZED, Status.DERECOGNIZED, Kind.DERECOGNIZED),
        ("derecognize", Status.SUSPENDED, Status.DERECOGNIZED, Kind.DERECOGNIZED),
    ],
)
def test_the_committee_changes_a_status_after_seeing_what_will_happen(
    client, organization, change, before, after, kind
):
    Organization.objects.filter(pk=organization.pk).update(status=before)
    member = committee_member()
    client.force_login(member)

    confirm = client.get(url("status_change", organization.slug, change))
    response = client.post(
        url("status_change", organization.slug, change), reason(note="Board unreachable.")
    )

    assert confirm.status_code == 200
    assert confirm.context["allowed"] is True
    assert confirm.context["target_label"] == after.label
    assert "What will happen" in confirm.content.decode()
    assert response.status_code == 302
    assert response["Location"] == reverse("organizations:detail", args=[organization.slug])
    organization.refresh_from_db()
    assert organization.status == after
    entry = HistoryEntry.objects.get(kind=kind)
    assert (entry.actor, entry.public_note, entry.private_note) == (
        member,
        "Two years without a report.",
        "Board unreachable.",
    )


def test_a_representative_withdraws_the_organization_and_its_open_application(
    client, organization, representative
):
    elsewhere = application_at(Step.CRITERIA_REVIEW, applicant=representative)
    client.force_login(representative)

    confirm = client.get(url("status_change", organization.slug, "withdraw"))
    response = client.post(
        url("status_change", organization.slug, "withdraw"),
        {"public_reason": "We merged with another group.", "private_note": "ignored"},
    )

    assert "private_note" not in confirm.context["form"].fields
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.status == Status.WITHDRAWN
    entry = HistoryEntry.objects.get(kind=Kind.WITHDRAWN)
    assert (entry.public_note, entry.private_note) == ("We merged with another group.", "")
    elsewhere.refresh_from_db()
    assert elsewhere.step == Step.CRITERIA_REVIEW  # another organization's application


def test_withdrawing_withdraws_the_open_application(client, representative):
    application = application_at(Step.INTERVIEW, applicant=representative)
    organization = application.organization
    client.force_login(representative)

    confirm = client.get(url("status_change", organization.slug, "withdraw"))
    response = client.post(url("status_change", organization.slug, "withdraw"), reason("Closing."))

    assert confirm.context["open_application"] == application
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.step == Step.WITHDRAWN


COMMITTEE_ONLY = "Only the affiliations committee can do this."
OWN_DECISION = "Only the people who act for an organization can withdraw it."
TIED = "You are tied to this organization, so you take no part in decisions about its status."


@pytest.mark.parametrize(
    ("change", "role", "message"),
    [
        ("suspend", "representative", COMMITTEE_ONLY),
        ("suspend", "other", COMMITTEE_ONLY),
        ("reinstate", "representative", COMMITTEE_ONLY),
        ("derecognize", "representative", COMMITTEE_ONLY),
        ("derecognize", "other", COMMITTEE_ONLY),
        ("suspend", "liaison", TIED),
        ("derecognize", "committee_representative", TIED),
        ("withdraw", "committee", OWN_DECISION),  # the organization leaves by its own decision
        ("withdraw", "other", OWN_DECISION),
    ],
)
def test_a_change_by_someone_not_allowed_is_refused(client, organization, change, role, message):
    as_role(client, role, organization)
    before = snapshot()

    get = client.get(url("status_change", organization.slug, change))
    post = client.post(url("status_change", organization.slug, change), reason())

    assert (get.status_code, post.status_code) == (403, 403)
    assert snapshot() == before
    for response in (get, post):
        page = response.content.decode()
        assert message in page
        assert "<form" not in page.split('id="main"')[1]


@pytest.mark.parametrize("change", ["suspend", "withdraw"])
def test_anonymous_visitors_log_in_to_change_a_status(client, organization, change):
    before = snapshot()

    response = client.post(url("status_change", organization.slug, change), reason())

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("change", "status", "label"),
    [
        ("reinstate", Status.RECOGNIZED, "Recognized"),
        ("suspend", Status.DERECOGNIZED, "Derecognized"),
        ("suspend", Status.APPLYING, "Applying"),
        ("derecognize", Status.WITHDRAWN, "Withdrawn"),
    ],
)
def test_a_change_the_state_machine_does_not_allow_is_refused(
    client, organization, change, status, label
):
    Organization.objects.filter(pk=organization.pk).update(status=status)
    client.force_login(committee_member())
    before = snapshot()

    get = client.get(url("status_change", organization.slug, change))
    post = client.post(url("status_change", organization.slug, change), reason())

    message = f"An organization that is “{label}” cannot be changed this way."
    assert get.status_code == 200
    assert message in get.content.decode()
    assert "<form" not in get.content.decode().split('id="main"')[1]
    assert post.status_code == 400
    assert message in post.content.decode()
    assert snapshot() == before


def test_a_change_of_status_needs_its_public_reason(client, organization):
    client.force_login(committee_member())
    before = snapshot()

    response = client.post(url("status_change", organization.slug, "suspend"), reason("  "))

    assert response.status_code == 400
    assert snapshot() == before
    assert response.context["form"].errors == {"public_reason": ["This field is required."]}


def test_a_change_that_does_not_exist_is_not_found(client, organization):
    client.force_login(committee_member())

    assert client.get(url("status_change", organization.slug, "promote")).status_code == 404
    assert (
        client.post(url("status_change", organization.slug, "recognize"), reason()).status_code
        == 404
    )


def test_an_unknown_organization_is_not_found(client):
    client.force_login(committee_member())

    assert client.get(url("status_change", "nowhere", "suspend")).status_code == 404
    assert client.get(url("edit", "nowhere")).status_code == 404


def test_the_committee_confirms_what_the_compliance_schedule_proposed(client, organization):
    Organization.objects.filter(pk=organization.pk).update(
        proposal=Organization.Proposal.SUSPEND, compliance_level=3
    )
    client.force_login(committee_member())

    confirm = client.get(url("status_change", organization.slug, "suspend"))
    response = client.post(url("status_change", organization.slug, "suspend"), reason())

    assert confirm.context["is_proposal"] is True
    assert response.status_code == 302
    organization.refresh_from_db()
    assert (organization.status, organization.proposal) == (Status.SUSPENDED, "")


# --- dismissing a proposal ------------------------------------------------------------------------


def test_the_committee_dismisses_a_proposal(client, organization):
    Organization.objects.filter(pk=organization.pk).update(
        proposal=Organization.Proposal.DERECOGNIZE, compliance_level=5
    )
    member = committee_member()
    client.force_login(member)

    page = client.get(url("proposal_dismiss", organization.slug))
    response = client.post(
        url("proposal_dismiss", organization.slug), {"note": "Reports arrived late."}
    )

    assert page.status_code == 200
    assert response.status_code == 302
    organization.refresh_from_db()
    assert (organization.status, organization.proposal) == (Status.RECOGNIZED, "")
    entry = HistoryEntry.objects.get(kind=Kind.PROPOSAL_DISMISSED)
    assert (entry.actor, entry.private_note) == (member, "Reports arrived late.")


def test_dismissing_when_nothing_is_proposed_is_refused(client, organization):
    client.force_login(committee_member())
    before = snapshot()

    response = client.post(url("proposal_dismiss", organization.slug), {"note": "Why not."})

    assert response.status_code == 400
    assert snapshot() == before
    assert "Nothing is proposed for this organization." in response.content.decode()


@pytest.mark.parametrize(
    ("role", "message"),
    [("representative", COMMITTEE_ONLY), ("other", COMMITTEE_ONLY), ("liaison", TIED)],
)
def test_only_the_committee_dismisses_a_proposal(client, organization, role, message):
    Organization.objects.filter(pk=organization.pk).update(proposal=Organization.Proposal.SUSPEND)
    as_role(client, role, organization)
    before = snapshot()

    response = client.post(url("proposal_dismiss", organization.slug), {"note": "No."})

    assert response.status_code == 403
    assert snapshot() == before
    assert message in response.content.decode()


# --- the record ------------------------------------------------------------------------------------


def record(organization, **changes):
    data = {
        "name": organization.name,
        "code": organization.code,
        "region": organization.region,
        "countries": [str(code) for code in organization.countries],
        "working_languages": ["en"],
        "fiscal_year_start_month": "1",
        "language": "en",
        "mission": "",
    }
    data.update(changes)
    return data


def test_a_representative_edits_the_record_and_its_names(client, organization, representative):
    client.force_login(representative)

    page = client.get(url("edit", organization.slug))
    response = client.post(
        url("edit", organization.slug),
        record(
            organization, member_count="55", name_fr="Wikimédiens des Lacs", name_ar="ويكيميديون"
        ),
    )

    assert page.status_code == 200
    assert "representatives_text" not in page.context["form"].fields
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.member_count == 55
    assert dict(OrganizationName.objects.values_list("language", "name")) == {
        "fr": "Wikimédiens des Lacs",
        "ar": "ويكيميديون",
    }
    entry = HistoryEntry.objects.get(kind=Kind.RECORD_UPDATED)
    assert (entry.actor, entry.public_note) == (representative, "Changed: members.")


def test_a_name_already_in_the_registry_is_refused_on_the_edit_page(
    client, organization, representative
):
    OrganizationFactory(name="Wikimedia Lakes")
    client.force_login(representative)
    before = snapshot()

    response = client.post(
        url("edit", organization.slug), record(organization, name="wikimedia lakes")
    )

    assert response.status_code == 400
    assert snapshot() == before
    assert "An organization with this name is already in the registry." in response.content.decode()


def test_a_recognized_chapter_cannot_drop_its_legal_entity(client, representative):
    chapter = OrganizationFactory(
        affiliation_model=chapter_model(),
        is_incorporated=True,
        legal_name="Wikimedia Seen e.V.",
        registration_number="VR 1",
        representatives=[representative],
    )
    client.force_login(representative)
    before = snapshot()

    response = client.post(
        url("edit", chapter.slug), record(chapter, legal_name="Wikimedia Seen e.V.")
    )

    assert response.status_code == 400
    assert snapshot() == before
    assert "A Chapter needs a legal entity and its registration number" in response.content.decode()


def test_the_committee_names_representatives_and_liaisons_by_address(client, organization):
    member = committee_member(email="liaison@example.org")
    newcomer = UserFactory(email="New@Example.org")
    client.force_login(committee_member())

    response = client.post(
        url("edit", organization.slug),
        record(
            organization,
            representatives_text="rep@example.org\nnew@example.org",
            liaisons_text="liaison@example.org",
        ),
    )

    assert response.status_code == 302
    assert set(organization.representatives.all()) == {
        organization.representatives.get(email="rep@example.org"),
        newcomer,
    }
    assert list(organization.liaisons.all()) == [member]


def test_an_address_without_an_account_is_refused(client, organization):
    client.force_login(committee_member())
    before = snapshot()

    response = client.post(
        url("edit", organization.slug),
        record(organization, representatives_text="rep@example.org\nnobody@example.org"),
    )

    assert response.status_code == 400
    assert snapshot() == before
    assert response.context["form"].errors == {
        "representatives_text": ["No account uses nobody@example.org."]
    }


@pytest.mark.parametrize(("role", "status"), [("other", 403), ("anonymous", 302)])
def test_others_cannot_edit_the_record(client, organization, role, status):
    as_role(client, role, organization)
    before = snapshot()

    get = client.get(url("edit", organization.slug))
    post = client.post(url("edit", organization.slug), record(organization, name="Taken over"))

    assert (get.status_code, post.status_code) == (status, status)
    assert snapshot() == before


# --- the links of an organization's page -----------------------------------------------------------


def actions(organization, user=None):
    request = RequestFactory().get("/")
    request.user = user or UserFactory()
    return render_to_string(
        "organizations/_organization_actions.html",
        {"organization": Organization.objects.get(pk=organization.pk)},
        request=request,
    )


def test_the_committee_gets_the_changes_the_status_allows(organization):
    html = actions(organization, committee_member())

    assert url("status_change", organization.slug, "suspend") in html
    assert url("status_change", organization.slug, "derecognize") in html
    assert url("status_change", organization.slug, "reinstate") not in html
    assert url("edit", organization.slug) in html
    assert url("status_change", organization.slug, "withdraw") not in html


def test_the_committee_confirms_or_dismisses_a_proposal_from_the_page(organization):
    Organization.objects.filter(pk=organization.pk).update(
        proposal=Organization.Proposal.DERECOGNIZE
    )

    html = actions(organization, committee_member())

    assert "Confirm the proposal" in html
    assert url("proposal_dismiss", organization.slug) in html


def test_representatives_edit_apply_for_another_model_and_withdraw(organization, representative):
    html = actions(organization, representative)

    assert url("edit", organization.slug) in html
    assert url("apply_again", organization.slug) in html
    assert "Apply for another model" in html
    assert url("status_change", organization.slug, "withdraw") in html
    assert url("status_change", organization.slug, "suspend") not in html


def test_a_member_tied_to_the_organization_gets_no_change_of_status(organization):
    member = committee_member()
    organization.liaisons.add(member)
    Organization.objects.filter(pk=organization.pk).update(proposal=Organization.Proposal.SUSPEND)

    html = actions(organization, member)

    assert url("edit", organization.slug) in html
    assert url("status_change", organization.slug, "suspend") not in html
    assert url("proposal_dismiss", organization.slug) not in html


def test_other_people_get_no_links(organization):
    assert actions(organization).strip() == ""
