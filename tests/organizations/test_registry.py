"""The public registry: the list with its filters and counts, an organization's page and its
history, and the Atom feed of changes."""

from datetime import UTC, date, datetime, timedelta
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import translation

from convene.organizations.models import EventHost, HistoryEntry, Organization, OrganizationName
from convene.organizations.selectors import HISTORY_ON_PAGE, REGISTRY_PER_PAGE
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory

from .factories import (
    AffiliationModelFactory,
    ApplicationFactory,
    OrganizationFactory,
    PartnershipFactory,
    PartnershipPartyFactory,
    ReportFactory,
    chapter_model,
    committee_member,
    history_entry,
    user_group_model,
)

pytestmark = pytest.mark.django_db

Status = Organization.Status
ATOM = "{http://www.w3.org/2005/Atom}"


def url(name, *args, lang="en", **query):
    with translation.override(lang):
        path = reverse(f"organizations:{name}", args=args)
    if query:
        path += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return path


def text(response):
    return response.content.decode()


@pytest.fixture
def registry():
    """A chapter in Germany, a user group in Nigeria and Ghana, a suspended one in France, an
    applicant and a declined one (neither listed)."""
    chapter, group = chapter_model(), user_group_model()
    wmde = OrganizationFactory(
        name="Wikimedia Deutschland",
        code="WMDE",
        slug="wikimedia-deutschland",
        affiliation_model=chapter,
        region="europe",
        countries=["DE"],
        working_languages=["de", "en"],
        recognized_on=date(2004, 6, 13),
        language="de",
    )
    OrganizationName.objects.create(organization=wmde, language="fr", name="Wikimédia Allemagne")
    nigeria = OrganizationFactory(
        name="Wikimedia User Group Nigeria",
        code="WUG-NG",
        slug="wug-nigeria",
        affiliation_model=group,
        region="sub_saharan_africa",
        countries=["NG", "GH"],
        working_languages=["en", "yo"],
        recognized_on=date(2016, 3, 1),
        provisional_until=date(2017, 3, 1),
        compliance_level=2,
        is_sample=True,
    )
    france = OrganizationFactory(
        name="Wikimedia France",
        code="WMFR",
        slug="wikimedia-france",
        affiliation_model=chapter,
        region="europe",
        countries=["FR"],
        working_languages=["fr"],
        status=Status.SUSPENDED,
        status_since=datetime(2025, 2, 3, 12, 0, tzinfo=UTC),
    )
    applicant = OrganizationFactory(
        name="Wikimedians of Atlantis",
        slug="atlantis",
        affiliation_model=group,
        status=Status.APPLYING,
        recognized_on=None,
    )
    declined = OrganizationFactory(
        name="Declined Wikimedians",
        slug="declined",
        affiliation_model=group,
        status=Status.NOT_RECOGNIZED,
        recognized_on=None,
    )
    return {
        "wmde": wmde,
        "nigeria": nigeria,
        "france": france,
        "applicant": applicant,
        "declined": declined,
    }


# --- The list ---------------------------------------------------------------------


def test_the_list_shows_every_listed_organization_with_its_counts(client, registry):
    response = client.get(url("list"))

    page = text(response)
    assert response.status_code == 200
    for listed in ("Wikimedia Deutschland", "Wikimedia User Group Nigeria", "Wikimedia France"):
        assert listed in page
    assert "Atlantis" not in page  # an applicant: on its application's page
    assert "Declined Wikimedians" not in page
    assert "3 organizations" in page
    assert "<bdi>Chapter</bdi>: 2" in page and "<bdi>User group</bdi>: 1" in page
    assert "<bdi>Europe</bdi>: 2" in page and "<bdi>Sub-Saharan Africa</bdi>: 1" in page
    assert "<bdi>Recognized</bdi>: 2" in page and "<bdi>Suspended</bdi>: 1" in page
    # each count is a link to the list it counts
    assert 'href="/en/organizations/?model=chapter"' in page
    assert 'href="/en/organizations/?status=suspended"' in page


def test_a_row_shows_model_region_countries_status_dates_compliance_and_sample(client, registry):
    page = text(client.get(url("list")))

    assert "Ghana and Nigeria" in page  # countries named and joined for the reader
    assert 'Recognized on <time datetime="2004-06-13">Jun 13, 2004</time>' in page
    assert 'Provisional until <time datetime="2017-03-01">Mar 1, 2017</time>' in page
    assert "Out of compliance: level 2" in page
    assert 'Suspended since <time datetime="2025-02-03">Feb 3, 2025</time>' in page
    assert page.count("Sample data") == 1
    assert 'href="/en/organizations/wikimedia-deutschland/"' in page
    assert 'lang="de">Wikimedia Deutschland</a>' in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"model": "user-group"}, {"Wikimedia User Group Nigeria"}),
        ({"region": "europe"}, {"Wikimedia Deutschland", "Wikimedia France"}),
        ({"country": "GH"}, {"Wikimedia User Group Nigeria"}),
        ({"status": "suspended"}, {"Wikimedia France"}),
        ({"language": "de"}, {"Wikimedia Deutschland"}),
        ({"language": "yo"}, {"Wikimedia User Group Nigeria"}),
        ({"q": "wmfr"}, {"Wikimedia France"}),
        ({"q": "Allemagne"}, {"Wikimedia Deutschland"}),  # its name in French
        ({"model": "chapter", "status": "recognized"}, {"Wikimedia Deutschland"}),
        ({"country": "NG", "region": "europe"}, set()),
    ],
)
def test_each_filter_narrows_the_list_and_its_counts(client, registry, query, expected):
    response = client.get(url("list", **query))

    page = text(response)
    assert response.status_code == 200
    shown = {
        name
        for name in ("Wikimedia Deutschland", "Wikimedia User Group Nigeria", "Wikimedia France")
        if f">{name}</a>" in page
    }
    assert shown == expected
    if expected:
        count = len(expected)
        assert f"{count} organization{'s' if count > 1 else ''}" in page
    else:
        assert "No organization matches these filters." in page


def test_the_filters_keep_what_was_chosen_and_offer_to_show_everything(client, registry):
    page = text(client.get(url("list", country="GH", status="recognized")))

    assert '<option value="GH" selected>Ghana</option>' in page
    assert '<option value="recognized" selected>Recognized</option>' in page
    assert "Show every organization" in page
    # the downloads take the same filters
    assert "/en/organizations/export.csv?country=GH&amp;status=recognized" in page


def test_a_value_not_in_the_choices_is_reported_and_filters_nothing(client, registry):
    response = client.get(url("list", status="applying", country="XX"))

    page = text(response)
    assert response.status_code == 400
    assert "Select a valid choice. applying is not one of the available choices." in page
    assert "3 organizations" in page  # neither filter applied


def test_the_list_is_paginated_by_name(client):
    model = user_group_model()
    for number in range(REGISTRY_PER_PAGE + 2):
        OrganizationFactory(name=f"Group {number:03d}", affiliation_model=model)

    first = text(client.get(url("list")))
    second = text(client.get(url("list", page=2)))

    assert f"{REGISTRY_PER_PAGE + 2} organizations" in first
    assert ">Group 000</a>" in first and ">Group 049</a>" in first
    assert ">Group 050</a>" not in first
    assert ">Group 050</a>" in second and ">Group 051</a>" in second
    assert "Page 2 of 2" in second


def test_in_french_the_list_names_things_in_french(client, registry):
    page = text(client.get(url("list", lang="fr")))

    assert 'lang="fr">Wikimédia Allemagne</a>' in page  # its name in French
    assert "Ghana et Nigeria" in page
    assert "Allemagne" in page
    assert '<option value="DE">Allemagne</option>' in page


def test_in_hindi_the_countries_are_named_in_hindi(client, registry):
    page = text(client.get(url("list", lang="hi")))

    assert "जर्मनी" in page  # Germany, from the CLDR: django-countries has no Hindi names


def test_an_empty_registry_says_so(client):
    response = client.get(url("list"))

    assert "No organization is in the registry yet." in text(response)


def test_what_people_wrote_is_escaped(client):
    OrganizationFactory(name="<script>alert(1)</script>", code="X<b>")

    page = text(client.get(url("list")))

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "X&lt;b&gt;" in page


# --- An organization's page ----------------------------------------------------------


def test_the_page_shows_the_public_record(client, registry):
    wmde = registry["wmde"]
    contact, representative, liaison = (
        UserFactory(display_name="Carla Contact"),
        UserFactory(display_name="Rafael Rep"),
        UserFactory(display_name="Lina Liaison"),
    )
    Organization.objects.filter(pk=wmde.pk).update(
        contact_person=contact,
        website="https://www.wikimedia.de/",
        member_count=100000,
        mission="We **support** free knowledge.",
        is_incorporated=True,
        legal_name="Wikimedia Deutschland e. V.",
        fiscal_year_start_month=7,
    )
    wmde.representatives.add(representative)
    wmde.liaisons.add(liaison)

    response = client.get(url("detail", wmde.slug))

    page = text(response)
    assert response.status_code == 200
    assert "<h1" in page and ">Wikimedia Deutschland</h1>" in page
    assert "WMDE" in page
    assert 'href="/en/organizations/join/chapter/"' in page
    assert "Germany" in page and "German and English" in page
    assert "Wikimedia Deutschland e. V." in page
    assert "100000" in page
    assert "July" in page  # the month its fiscal year starts
    assert "<strong>support</strong>" in page  # the mission, in Markdown
    assert "Rafael Rep" in page and "Lina Liaison" in page
    assert "Carla Contact" not in page  # the committee's only
    assert "French: <span" in page and "Wikimédia Allemagne" in page
    assert "{# actions" not in page


def test_the_committee_sees_the_contact_person(client, registry):
    wmde = registry["wmde"]
    Organization.objects.filter(pk=wmde.pk).update(
        contact_person=UserFactory(display_name="Carla Contact")
    )
    client.force_login(committee_member())

    page = text(client.get(url("detail", wmde.slug)))

    assert "Carla Contact" in page and "committee only" in page


def test_in_french_the_page_gives_the_french_name_and_its_own(client, registry):
    page = text(client.get(url("detail", registry["wmde"].slug, lang="fr")))

    assert 'lang="fr">Wikimédia Allemagne</h1>' in page
    assert 'lang="de">Wikimedia Deutschland</p>' in page


def test_an_unknown_organization_is_not_found(client):
    assert client.get(url("detail", "nowhere")).status_code == 404
    assert client.get(url("history", "nowhere")).status_code == 404


def test_an_applicants_page_links_its_open_application(client, registry):
    application = ApplicationFactory(organization=registry["applicant"])

    page = text(client.get(url("detail", "atlantis")))

    assert "Its application is under way" in page
    assert f'href="/en/organizations/applications/{application.pk}/"' in page


def test_the_history_is_public_newest_first_private_notes_for_the_committee(client, registry):
    wmde = registry["wmde"]
    actor = UserFactory(display_name="Committee Clerk")
    start = datetime(2024, 1, 1, tzinfo=UTC)
    history_entry(
        wmde,
        kind=HistoryEntry.Kind.RECOGNIZED,
        at=start,
        public_note="Welcome!",
        private_note="Unanimous.",
        actor=actor,
    )
    history_entry(wmde, kind=HistoryEntry.Kind.VOTE, at=start + timedelta(days=1))
    history_entry(wmde, kind=HistoryEntry.Kind.REPORT_ACCEPTED, at=start + timedelta(days=2))

    page = text(client.get(url("detail", wmde.slug)))

    assert page.index("Report accepted") < page.index("Recognized</strong>")
    assert "Vote cast" not in page
    assert "Welcome!" in page and "by <bdi>Committee Clerk</bdi>" in page
    assert "Unanimous." not in page

    client.force_login(committee_member())
    page = text(client.get(url("detail", wmde.slug)))
    assert "Unanimous." in page and "Vote cast" not in page


def test_a_long_history_shows_the_latest_entries_and_links_the_rest(client, registry):
    wmde = registry["wmde"]
    start = datetime(2020, 1, 1, tzinfo=UTC)
    for number in range(HISTORY_ON_PAGE + 1):
        history_entry(wmde, at=start + timedelta(days=number), public_note=f"Change {number}.")

    page = text(client.get(url("detail", wmde.slug)))
    assert f"Change {HISTORY_ON_PAGE}." in page and "Change 1." in page
    assert "Change 0." not in page
    assert 'href="/en/organizations/wikimedia-deutschland/history/"' in page

    history = text(client.get(url("history", wmde.slug)))
    assert f"{HISTORY_ON_PAGE + 1} changes, newest first." in history
    assert "Change 1." in history and "Change 0." not in history
    older = text(client.get(url("history", wmde.slug, page=2)))
    assert "Change 0." in older and "Page 2 of 2" in older


def test_the_page_lists_partnerships_the_reader_may_see(client, registry):
    wmde, france = registry["wmde"], registry["france"]
    public = PartnershipFactory(title="Library edit-a-thons")
    PartnershipPartyFactory(partnership=public, organization=wmde)
    PartnershipPartyFactory(partnership=public, organization=france)
    PartnershipPartyFactory(partnership=public, organization=None, name="City Library")
    private = PartnershipFactory(title="Quiet memorandum", is_public=False)
    PartnershipPartyFactory(partnership=private, organization=wmde)
    PartnershipPartyFactory(partnership=private, organization=france)

    page = text(client.get(url("detail", wmde.slug)))
    assert "Library edit-a-thons" in page and "Quiet memorandum" not in page
    assert "With <bdi>Wikimedia France</bdi> and <bdi>City Library</bdi>" in page

    representative = UserFactory()
    wmde.representatives.add(representative)
    client.force_login(representative)
    assert "Quiet memorandum" in text(client.get(url("detail", wmde.slug)))

    other_party = UserFactory()
    france.representatives.add(other_party)
    client.force_login(other_party)
    assert "Quiet memorandum" in text(client.get(url("detail", wmde.slug)))

    client.force_login(UserFactory())
    assert "Quiet memorandum" not in text(client.get(url("detail", wmde.slug)))

    client.force_login(committee_member())
    assert "Quiet memorandum" in text(client.get(url("detail", wmde.slug)))


def test_the_page_lists_published_events_it_hosted(client, registry):
    wmde = registry["wmde"]
    hosted = EventFactory(title="WikiCon", slug="wikicon")
    SessionFactory(event=hosted)
    draft = EventFactory(title="Secret planning", is_published=False)
    for event in (hosted, draft):
        EventHost.objects.create(event=event, organization=wmde)

    page = text(client.get(url("detail", wmde.slug)))

    assert 'href="/en/events/wikicon/"' in page and "WikiCon" in page
    assert "Secret planning" not in page


def test_a_sample_organization_is_labelled(client, registry):
    page = text(client.get(url("detail", registry["nigeria"].slug)))

    assert "Sample data: this organization is an example" in page
    assert "Out of compliance: level 2" in page


# --- The feed of changes --------------------------------------------------------------


def feed_entries(response):
    root = ElementTree.fromstring(response.content)
    return root, root.findall(f"{ATOM}entry")


def test_the_feed_lists_the_latest_public_changes_of_listed_organizations(client, registry):
    start = datetime(2025, 1, 1, tzinfo=UTC)
    history_entry(
        registry["wmde"], kind=HistoryEntry.Kind.RECOGNIZED, at=start, public_note="<b>Hi</b>"
    )
    history_entry(registry["france"], kind=HistoryEntry.Kind.SUSPENDED, at=start + timedelta(1))
    history_entry(registry["wmde"], kind=HistoryEntry.Kind.VOTE, at=start + timedelta(2))
    history_entry(registry["applicant"], kind=HistoryEntry.Kind.APPLIED, at=start + timedelta(3))

    response = client.get(url("feed"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root, entries = feed_entries(response)
    assert root.find(f"{ATOM}title").text == "Changes in the registry of organizations"
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert titles == ["Wikimedia France: Suspended", "Wikimedia Deutschland: Recognized"]
    link = entries[1].find(f"{ATOM}link").get("href")
    assert link == "http://testserver/en/organizations/wikimedia-deutschland/"
    # the note is text: escaped in the summary that readers show as HTML
    assert entries[1].find(f"{ATOM}summary").text == "<p>&lt;b&gt;Hi&lt;/b&gt;</p>"


def test_the_feed_is_in_the_language_of_its_address(client, registry):
    history_entry(registry["wmde"], kind=HistoryEntry.Kind.RECOGNIZED)

    root, entries = feed_entries(client.get(url("feed", lang="fr")))

    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert entries[0].find(f"{ATOM}title").text.startswith("Wikimédia Allemagne")
    assert (
        entries[0]
        .find(f"{ATOM}link")
        .get("href")
        .endswith("/fr/organizations/wikimedia-deutschland/")
    )


def test_the_feed_keeps_the_latest_fifty(client, registry):
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for number in range(55):
        history_entry(
            registry["wmde"], at=start + timedelta(hours=number), public_note=f"n{number}"
        )

    _root, entries = feed_entries(client.get(url("feed")))

    assert len(entries) == 50
    assert entries[0].find(f"{ATOM}summary").text == "<p>n54</p>"


def test_models_of_different_kinds_share_a_registry(client):
    """A proposed model's organizations are listed with the others."""
    proposed = AffiliationModelFactory(slug="hub", name="Hub", is_official=False)
    OrganizationFactory(name="Regional hub", affiliation_model=proposed)

    page = text(client.get(url("list", model="hub")))

    assert "<bdi>Hub</bdi>: 1" in page and ">Regional hub</a>" in page


def test_reports_are_listed_with_their_fiscal_year_and_state(client, registry):
    wmde = registry["wmde"]
    report = ReportFactory(organization=wmde, kind="financial", state="accepted")

    page = text(client.get(url("detail", wmde.slug)))

    assert f'href="/en/organizations/wikimedia-deutschland/reports/{report.pk}/"' in page
    assert "Financial statement, fiscal year 2025" in page and "Accepted" in page
