"""The partnership pages take an exact number of queries, the same with 3 or 30 partnerships,
parties and organizations to choose from."""

from datetime import date

import pytest
from django.urls import reverse

from convene.organizations import partnerships
from tests.factories import UserFactory

from .factories import OrganizationFactory, committee_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def representative():
    return UserFactory()


@pytest.fixture
def chapter(representative):
    return OrganizationFactory(slug="wikimedia-example", representatives=[representative])


def record(user, organization, *others, is_public=True, ends_on=None):
    return partnerships.partnership_create(
        user=user,
        organization=organization,
        title="Edit-a-thons at the library",
        scope="Two a year.",
        starts_on=date(2020, 1, 1),
        ends_on=ends_on,
        is_public=is_public,
        signed_text_url="",
        other_parties=list(others),
        outside_parties=["City Library", "City Museum"],
    )


def grow(representative, chapter, partnership, count):
    """`count` more partnerships (public, private, ended) and organizations, and `count` more
    parties of `partnership` in the registry, each with two representatives."""
    for number in range(count):
        other = OrganizationFactory(representatives=[UserFactory(), UserFactory()])
        record(
            representative,
            chapter,
            other,
            is_public=number % 3 != 0,
            ends_on=date(2021, 1, 1) if number % 2 else None,
        )
        partnership.parties.create(organization=other)


# page, viewer: queries. A signed-in reader costs the login session, the user and whether
# they moderate (the header's link); the committee's permission is read once (the user's
# and the groups' permissions) when a rule asks.
QUERIES = {
    ("list", "anonymous"): 2,  # the partnerships, their parties and organizations
    ("list", "representative"): 5,
    ("detail", "anonymous"): 2,
    # + the representatives of its parties (for the rules), the permissions, and which
    # organizations the reader represents (a private one)
    ("detail", "representative"): 9,
    ("detail", "committee"): 8,
    # + the organization and its representatives, the permissions, the choices of parties
    ("new", "representative"): 8,
    # + the partnership, its parties, their representatives, the permissions, the choices
    ("edit", "representative"): 9,
}


@pytest.mark.parametrize(("page", "viewer"), list(QUERIES))
def test_each_partnership_page_takes_an_exact_number_of_queries_whatever_it_lists(
    client, representative, chapter, django_assert_num_queries, page, viewer
):
    partnership = record(representative, chapter, is_public=page != "detail")
    if viewer == "representative":
        client.force_login(representative)
    elif viewer == "committee":
        client.force_login(committee_member())
    path = {
        "list": reverse("organizations:partnerships"),
        "detail": reverse("organizations:partnership", args=[partnership.pk]),
        "new": reverse("organizations:partnership_new", args=[chapter.slug]),
        "edit": reverse("organizations:partnership_edit", args=[partnership.pk]),
    }[page]
    expected = QUERIES[page, viewer]
    if page == "detail" and viewer == "anonymous":
        partnership.is_public = True
        partnership.save(update_fields=["is_public"])
    for count in (3, 27):  # 3, then 30 of each
        grow(representative, chapter, partnership, count)
        with django_assert_num_queries(expected):
            response = client.get(path)
        assert response.status_code == 200


def test_the_partnerships_of_an_organization_take_two_queries(
    representative, chapter, django_assert_num_queries
):
    partnership = record(representative, chapter)
    committee = committee_member()
    committee.has_perm("organizations.act_as_committee")  # the permissions, read once a request
    representative.has_perm("organizations.act_as_committee")
    for count in (3, 27):
        grow(representative, chapter, partnership, count)
        for viewer in (representative, committee):
            with django_assert_num_queries(2):
                partnerships.partnerships_for(chapter, viewer)
