"""The registry's pages, downloads, feed and API take an exact number of queries, the same
with 3 or 30 of what they list (organizations, history entries, reports, partnerships,
hosted events, names, representatives)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from convene.organizations.models import EventHost, OrganizationName
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory

from .factories import (
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

START = datetime(2020, 1, 1, tzinfo=UTC)


@pytest.fixture
def organization():
    chapter_model()
    return OrganizationFactory(
        name="Wikimedia Deutschland", slug="wmde", affiliation_model=chapter_model()
    )


def grow(organization, count, done=[0]):  # noqa: B006 - numbers the years and names across calls
    """`count` more of everything the registry's pages list."""
    group = user_group_model()
    for _number in range(count):
        done[0] += 1
        number = done[0]
        other = OrganizationFactory(affiliation_model=group, countries=["NG", "GH"])
        OrganizationName.objects.create(organization=other, language="fr", name=f"Groupe {number}")
        history_entry(other, at=START + timedelta(hours=number), actor=UserFactory())
        history_entry(organization, at=START + timedelta(hours=number), actor=UserFactory())
        ReportFactory(
            organization=organization,
            period_start=date(1900 + number, 1, 1),
            period_end=date(1900 + number, 12, 31),
        )
        partnership = PartnershipFactory(is_public=number % 2 == 0)
        PartnershipPartyFactory(partnership=partnership, organization=organization)
        PartnershipPartyFactory(partnership=partnership, organization=other)
        PartnershipPartyFactory(partnership=partnership, organization=None, name="A library")
        event = EventFactory()
        SessionFactory(event=event)
        EventHost.objects.create(event=event, organization=organization)
        OrganizationName.objects.create(
            organization=organization, language=f"x{number}", name=f"Name {number}"
        )
        organization.representatives.add(UserFactory())
        organization.liaisons.add(UserFactory())


def path(name, *args, query=""):
    with translation.override("en"):
        return reverse(name, args=args) + query


PAGES = {
    "list": lambda o: path("organizations:list"),
    "list filtered": lambda o: path("organizations:list", query="?q=o&country=NG&language=en"),
    "detail": lambda o: path("organizations:detail", o.slug),
    "history": lambda o: path("organizations:history", o.slug),
    "csv": lambda o: path("organizations:export_csv"),
    "json": lambda o: path("organizations:export_json"),
    "feed": lambda o: path("organizations:feed"),
    "api organizations": lambda o: "/api/v1/organizations/",
    "api organization": lambda o: f"/api/v1/organizations/{o.slug}/",
    "api models": lambda o: "/api/v1/affiliation-models/?language=fr",
    "api changes": lambda o: "/api/v1/organization-changes/?organization=wmde",
}

# page, viewer: queries. A signed-in reader's page counts the login session, the user and
# whether they moderate (the header's link); a page that asks whether they are of the
# committee counts their permissions, of their own and of their groups.
QUERIES = {
    # the models of affiliation, the counts, the page's organizations
    ("list", "anonymous"): 3,
    ("list", "participant"): 6,
    ("list filtered", "anonymous"): 3,
    # the organization (with its model and open application), its names, representatives
    # and liaisons; its history, reports, partnerships and their parties, hosted events
    ("detail", "anonymous"): 9,
    ("detail", "participant"): 14,
    ("detail", "representative"): 14,
    ("detail", "committee"): 14,
    # the organization, the count and the page
    ("history", "anonymous"): 3,
    ("history", "committee"): 8,
    # the models of affiliation, the organizations, their names and their reports
    ("csv", "anonymous"): 4,
    ("json", "anonymous"): 4,
    ("feed", "anonymous"): 1,
    # the count and the page (and the names of its organizations)
    ("api organizations", "anonymous"): 3,
    ("api organization", "anonymous"): 2,
    ("api models", "anonymous"): 3,
    ("api changes", "anonymous"): 2,
}


@pytest.mark.parametrize(("page", "viewer"), list(QUERIES))
def test_each_registry_page_takes_an_exact_number_of_queries_whatever_it_lists(
    client, organization, django_assert_num_queries, page, viewer
):
    if viewer == "participant":
        client.force_login(UserFactory())
    elif viewer == "representative":
        person = UserFactory()
        organization.representatives.add(person)
        client.force_login(person)
    elif viewer == "committee":
        client.force_login(committee_member())
    for count in (3, 27):  # 3, then 30 of each
        grow(organization, count)
        with django_assert_num_queries(QUERIES[page, viewer]):
            response = client.get(PAGES[page](organization))
        assert response.status_code == 200, response.content[:500]


def test_a_reader_in_another_language_costs_no_query_more(client, organization):
    """The names in the reader's language are read with the organizations."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    grow(organization, 3)
    counts = {}
    for language in ("en", "fr"):
        with translation.override(language):
            address = reverse("organizations:list")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        counts[language] = len(queries)

    assert counts["fr"] == counts["en"] == QUERIES["list", "anonymous"]
