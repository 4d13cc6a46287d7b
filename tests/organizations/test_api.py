"""The registry's JSON API: organizations, models of affiliation, changes; read-only, public,
in the OpenAPI schema."""

from datetime import UTC, date, datetime, timedelta

import pytest
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from convene.core.text import text_fingerprint
from convene.organizations.models import (
    AffiliationModelTranslation,
    HistoryEntry,
    Organization,
    OrganizationName,
)
from tests.factories import UserFactory

from .factories import OrganizationFactory, chapter_model, history_entry, user_group_model

pytestmark = pytest.mark.django_db

Status = Organization.Status


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def registry():
    chapter, group = chapter_model(), user_group_model()
    wmde = OrganizationFactory(
        name="Wikimedia Deutschland",
        code="WMDE",
        slug="wmde",
        affiliation_model=chapter,
        countries=["DE"],
        working_languages=["de", "en"],
        recognized_on=date(2004, 6, 13),
        contact_person=UserFactory(),
        mission="Free knowledge.",
    )
    OrganizationName.objects.create(organization=wmde, language="fr", name="Wikimédia Allemagne")
    ghana = OrganizationFactory(
        name="Wikimedia Ghana User Group",
        code="WUG-GH",
        slug="ghana",
        affiliation_model=group,
        region="sub_saharan_africa",
        countries=["GH"],
        status=Status.SUSPENDED,
    )
    OrganizationFactory(
        name="Applicant", slug="applicant", affiliation_model=group, status=Status.APPLYING
    )
    return {"wmde": wmde, "ghana": ghana}


def items(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


# --- Organizations ----------------------------------------------------------------


def test_organizations_are_the_listed_ones_by_name_with_their_public_fields(api, registry):
    body = api.get("/api/v1/organizations/").json()

    assert body["count"] == 2
    assert [item["slug"] for item in body["results"]] == ["wmde", "ghana"]
    wmde = body["results"][0]
    assert wmde == {
        "slug": "wmde",
        "code": "WMDE",
        "name": "Wikimedia Deutschland",
        "names": {"fr": "Wikimédia Allemagne"},
        "language": "en",
        "affiliation_model": "chapter",
        "region": "europe",
        "countries": ["DE"],
        "territorial_range": "",
        "working_languages": ["de", "en"],
        "is_incorporated": False,
        "legal_name": "",
        "registration_number": "",
        "member_count": None,
        "fiscal_year_start_month": 1,
        "website": None,
        "wiki_page": None,
        "public_email": None,
        "mission": "Free knowledge.",
        "status": "recognized",
        "status_since": wmde["status_since"],
        "recognized_on": "2004-06-13",
        "provisional_until": None,
        "renewed_on": None,
        "derecognized_on": None,
        "compliance_level": 0,
        "is_sample": False,
        "url": "http://testserver/en/organizations/wmde/",
    }
    assert wmde["status_since"].endswith("Z")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("model=user-group", ["ghana"]),
        ("region=europe", ["wmde"]),
        ("country=GH", ["ghana"]),
        ("status=suspended", ["ghana"]),
        ("language=de", ["wmde"]),
        ("q=allemagne", ["wmde"]),
        ("q=WUG", ["ghana"]),
        ("model=nothing", []),
        # Only spaces (a no-break space, a next-line character): no filter, as on the page.
        ("q=%C2%A0%C2%85", ["wmde", "ghana"]),
        ("q=", ["wmde", "ghana"]),
    ],
)
def test_organizations_take_the_filters_of_the_registry(api, registry, query, expected):
    assert [item["slug"] for item in items(api.get(f"/api/v1/organizations/?{query}"))] == expected


@pytest.mark.parametrize(
    "query", ["status=applying", "country=XX", "region=", "language=klingon", "q=" + "x" * 101]
)
def test_a_filter_outside_its_choices_is_refused(api, registry, query):
    response = api.get(f"/api/v1/organizations/?{query}")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_an_organization_by_its_slug(api, registry):
    assert api.get("/api/v1/organizations/ghana/").json()["code"] == "WUG-GH"
    # an applicant is read through its application, not here
    missing = api.get("/api/v1/organizations/applicant/")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"


def test_the_api_only_reads(api, registry):
    api.force_authenticate(UserFactory(is_superuser=True))

    assert api.post("/api/v1/organizations/", {}, format="json").status_code == 405
    assert api.delete("/api/v1/organizations/wmde/").status_code == 405


# --- Models of affiliation ------------------------------------------------------------


def test_models_have_their_characteristics_and_rules(api, registry):
    body = items(api.get("/api/v1/affiliation-models/"))

    assert [item["slug"] for item in body] == ["chapter", "user-group"]
    chapter = body[0]
    assert chapter["requires_incorporation"] is True
    assert chapter["requires_financial_statement"] is True
    assert chapter["mission"] == "Support the Wikimedia projects."
    assert chapter["url"] == "http://testserver/en/organizations/join/chapter/"
    assert chapter["shown_in"]["mission"] == "en"
    assert chapter["outdated"] == []
    assert api.get("/api/v1/affiliation-models/user-group/").json()["provisional_months"] == 12


def test_a_model_in_another_language_where_the_committee_translated_it(api, registry):
    chapter = registry["wmde"].affiliation_model
    AffiliationModelTranslation.objects.create(
        affiliation_model=chapter,
        field="name",
        language="fr",
        text="Chapitre",
        source_digest=text_fingerprint(chapter.name),
    )
    AffiliationModelTranslation.objects.create(
        affiliation_model=chapter,
        field="mission",
        language="fr",
        text="Soutenir les projets.",
        source_digest=text_fingerprint("An older mission."),
    )

    body = api.get("/api/v1/affiliation-models/chapter/?language=fr").json()

    assert body["name"] == "Chapitre"
    assert body["mission"] == "Soutenir les projets."
    assert body["summary"] == "A way to join the movement."  # not translated
    assert body["shown_in"]["name"] == "fr" and body["shown_in"]["summary"] == "en"
    assert body["outdated"] == ["mission"]
    listed = items(api.get("/api/v1/affiliation-models/?language=fr"))
    assert listed[0]["name"] == "Chapitre" and listed[1]["name"] == "User group"
    assert api.get("/api/v1/affiliation-models/?language=xx").status_code == 400


# --- Changes --------------------------------------------------------------------------


def test_changes_are_public_entries_of_listed_organizations_newest_first(api, registry):
    start = datetime(2025, 1, 1, tzinfo=UTC)
    actor = UserFactory(display_name="Clerk")
    first = history_entry(
        registry["wmde"],
        kind=HistoryEntry.Kind.RECOGNIZED,
        at=start,
        public_note="Welcome.",
        private_note="Unanimous.",
        actor=actor,
        to_status="recognized",
    )
    history_entry(registry["wmde"], kind=HistoryEntry.Kind.VOTE, at=start + timedelta(1))
    second = history_entry(
        registry["ghana"], kind=HistoryEntry.Kind.SUSPENDED, at=start + timedelta(2)
    )
    history_entry(
        Organization.objects.get(slug="applicant"),
        kind=HistoryEntry.Kind.APPLIED,
        at=start + timedelta(3),
    )

    body = items(api.get("/api/v1/organization-changes/"))

    assert [item["id"] for item in body] == [second.pk, first.pk]
    assert body[1] == {
        "id": first.pk,
        "organization": "wmde",
        "kind": "recognized",
        "kind_label": "Recognized",
        "from_status": "",
        "to_status": "recognized",
        "public_note": "Welcome.",
        "actor": "Clerk",
        "at": "2025-01-01T00:00:00Z",
    }
    assert body[0]["actor"] is None


def test_changes_of_one_organization_since_a_moment(api, registry):
    start = datetime(2025, 1, 1, tzinfo=UTC)
    history_entry(registry["wmde"], at=start)
    later = history_entry(registry["wmde"], at=start + timedelta(days=5))
    history_entry(registry["ghana"], at=start + timedelta(days=6))

    body = items(
        api.get("/api/v1/organization-changes/?organization=wmde&since=2025-01-03T00:00:00Z")
    )

    assert [item["id"] for item in body] == [later.pk]
    assert api.get("/api/v1/organization-changes/?since=yesterday").status_code == 400


# --- Schema ----------------------------------------------------------------------------


def test_the_schema_describes_the_registry(api):
    schema = api.get("/api/openapi.json").json()

    validate_schema(schema)
    paths = schema["paths"]
    for path in (
        "/api/v1/organizations/",
        "/api/v1/organizations/{slug}/",
        "/api/v1/affiliation-models/",
        "/api/v1/affiliation-models/{slug}/",
        "/api/v1/organization-changes/",
    ):
        assert set(paths[path]) == {"get"}, path
    parameters = {p["name"] for p in paths["/api/v1/organizations/"]["get"]["parameters"]}
    assert parameters == {"page", "q", "model", "region", "country", "status", "language"}
    organization = schema["components"]["schemas"]["Organization"]["properties"]
    assert "contact_person" not in organization and "proposal" not in organization
    # an address left empty is null, so a given one always has its format
    assert organization["website"]["format"] == "uri" and organization["website"]["nullable"]
    assert organization["public_email"]["nullable"] is True


def test_an_address_given_is_given_as_it_is(api, registry):
    Organization.objects.filter(slug="wmde").update(
        website="https://www.wikimedia.de/", public_email="info@wikimedia.de"
    )

    body = api.get("/api/v1/organizations/wmde/").json()

    assert body["website"] == "https://www.wikimedia.de/"
    assert body["public_email"] == "info@wikimedia.de"
    assert body["wiki_page"] is None
