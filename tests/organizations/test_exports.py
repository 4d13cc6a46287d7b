"""The registry's downloads: CSV for people, JSON for programs, with the list's filters."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from convene.organizations.models import Organization, OrganizationName

from .factories import OrganizationFactory, chapter_model, user_group_model

pytestmark = pytest.mark.django_db


def url(name, lang="en"):
    with translation.override(lang):
        return reverse(f"organizations:{name}")


def rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="organizations.csv"'
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def registry():
    chapter = chapter_model()
    wmde = OrganizationFactory(
        name="Wikimedia Deutschland",
        code="WMDE",
        slug="wmde",
        affiliation_model=chapter,
        countries=["DE", "AT"],
        is_incorporated=True,
        legal_name="Wikimedia Deutschland e. V.",
        member_count=100000,
        fiscal_year_start_month=1,
        recognized_on=date(2004, 6, 13),
        website="https://www.wikimedia.de/",
        working_languages=["de"],
    )
    OrganizationName.objects.create(organization=wmde, language="fr", name="Wikimédia Allemagne")
    OrganizationFactory(
        name="=HYPERLINK(1)",
        code="WUG-X",
        slug="wug-x",
        affiliation_model=user_group_model(),
        region="asia_pacific",
        countries=["ID"],
        status=Organization.Status.DERECOGNIZED,
        derecognized_on=date(2024, 5, 1),
        compliance_level=5,
    )
    OrganizationFactory(name="Applicants", status=Organization.Status.APPLYING)
    return wmde


def test_the_csv_has_a_row_per_listed_organization_in_the_readers_language(client, registry):
    table = rows(client.get(url("export_csv")))

    header, *body = table
    assert header == [
        "Short code",
        "Name",
        "Model of affiliation",
        "Region",
        "Countries",
        "Legal entity",
        "Name of the legal entity",
        "Members",
        "Month its fiscal year starts",
        "Status",
        "Recognized on",
        "Provisional until",
        "Recognition last renewed",
        "Derecognized on",
        "Out-of-compliance level",
        "Website",
        "Next report due",
        "Page",
    ]
    assert [row[1] for row in body] == ["'=HYPERLINK(1)", "Wikimedia Deutschland"]
    derecognized, wmde = body
    assert wmde == [
        "WMDE",
        "Wikimedia Deutschland",
        "Chapter",
        "Europe",
        "Austria; Germany",
        "yes",
        "Wikimedia Deutschland e. V.",
        "100000",
        "1",
        "Recognized",
        "2004-06-13",
        "",
        "",
        "",
        "0",
        "https://www.wikimedia.de/",
        "2005-04-30",  # its first report, never submitted: the activity report of 2004
        "http://testserver/en/organizations/wmde/",
    ]
    assert derecognized[9:17] == [
        "Derecognized",
        "2020-01-15",
        "",
        "",
        "2024-05-01",
        "5",
        "",
        "",  # a derecognized organization owes no report
    ]


def test_the_csv_takes_the_lists_filters(client, registry):
    table = rows(client.get(url("export_csv") + "?region=asia_pacific&status=derecognized"))

    assert [row[0] for row in table[1:]] == ["WUG-X"]


def test_the_csv_in_french(client, registry):
    _header, *body = rows(client.get(url("export_csv", lang="fr") + "?q=WMDE"))

    assert body[0][4] == "Allemagne; Autriche"
    assert body[0][-1] == "http://testserver/fr/organizations/wmde/"


def test_the_json_has_the_apis_shape_and_the_filters(client, registry):
    response = client.get(url("export_json") + "?model=chapter")

    assert response["Content-Disposition"] == 'attachment; filename="organizations.json"'
    data = response.json()
    assert data["filters"] == {"model": "chapter"}
    assert data["count"] == 1
    assert data["generated_at"].endswith("Z")
    (wmde,) = data["organizations"]
    assert wmde["code"] == "WMDE"
    assert wmde["names"] == {"fr": "Wikimédia Allemagne"}
    assert wmde["affiliation_model"] == "chapter"
    assert wmde["countries"] == ["AT", "DE"]
    assert wmde["recognized_on"] == "2004-06-13"
    assert wmde["url"] == "http://testserver/en/organizations/wmde/"
    assert wmde["next_report_due"] == "2005-04-30"
    assert "contact_person" not in wmde and "proposal" not in wmde


@pytest.mark.parametrize("name", ["export_csv", "export_json"])
def test_a_filter_not_in_the_choices_is_refused_with_the_list_and_its_message(
    client, registry, name
):
    response = client.get(url(name) + "?region=atlantis")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "Select a valid choice." in response.content.decode()
