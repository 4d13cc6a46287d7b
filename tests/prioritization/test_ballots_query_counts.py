"""The round pages, the ballot page, the group submission pages and the ballot in the API
take an exact number of queries, the same with 3 or 30 items, ballots, groups, versions and
organizations."""

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from rest_framework.authtoken.models import Token

from convene.prioritization import services
from convene.prioritization.models import ItemTranslation
from tests.factories import UserFactory
from tests.organizations.factories import OrganizationFactory

from .factories import NOW, BallotFactory, GroupFactory, ItemFactory, RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


class World:
    def __init__(self):
        self.round = RoundFactory(slug="global", max_items=3, instructions="Read *this*.")
        self.other_round = RoundFactory(slug="other")
        self.representative = UserFactory()
        self.participant = UserFactory()
        self.items = []
        self.group = GroupFactory(round=self.round, representatives=[self.representative])
        self.organization = OrganizationFactory(slug="wmde", representatives=[self.representative])
        self.number = 0
        self.grow(1)
        services.group_submission_save(
            group=self.group,
            user=self.representative,
            identifiers=[self.items[0].identifier],
            reasons={self.items[0].identifier: "Why"},
            discussion=services.Discussion(participants=3),
        )
        services.ballot_cast(
            round_=self.round, voter=self.participant, identifiers=[self.items[0].identifier]
        )

    def grow(self, count):
        """`count` more of everything the pages list."""
        for _ in range(count):
            self.number += 1
            number = self.number
            item = ItemFactory(
                round=self.round,
                identifier=f"item-{number}",
                heading=f"Recommendation {number % 4}",
            )
            ItemTranslation.objects.create(item=item, language="fr", title=f"Élément {number}")
            self.items.append(item)
            BallotFactory(round=self.round, items=self.items[-2:])
            group = GroupFactory(round=self.round, representatives=[self.representative])
            BallotFactory(round=self.round, track="group", group=group, items=self.items[-1:])
            OrganizationFactory(representatives=[self.representative])
            RoundFactory()
        if len(self.items) > 1:  # a version more of the group's and the participant's ballot
            identifiers = [item.identifier for item in self.items[-2:]]
            services.group_submission_save(
                group=self.group,
                user=self.representative,
                identifiers=identifiers,
                reasons={},
                discussion=services.Discussion(),
            )
            services.ballot_cast(round_=self.round, voter=self.participant, identifiers=identifiers)


def path(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"prioritization:{name}", args=args)


PAGES = {
    "list": lambda w: path("list"),
    "round": lambda w: path("round", "global"),
    "round fr": lambda w: path("round", "global", language="fr"),
    "ballot": lambda w: path("ballot", "global"),
    "group": lambda w: path("group", "global", w.group.pk),
    "group submit": lambda w: path("group_submit", "global", w.group.pk),
    "organization submit": lambda w: path("organization_submit", "global", "wmde"),
    "api ballot": lambda w: "/api/v1/prioritization/rounds/global/ballot/",
}

# page, viewer: queries. A signed-in reader's page counts the login session, the user and
# whether they moderate (the header's link).
QUERIES = {
    # the rounds with their processes and ballots counted; for a signed-in reader, whether
    # they may start a round (their permissions of their own and of their groups)
    ("list", "anonymous"): 1,
    ("list", "participant"): 6,
    # the round; its items (and their translations when not read in the round's language);
    # the groups that have submitted
    ("round", "anonymous"): 3,
    ("round fr", "anonymous"): 4,
    # ... the person's ballot, the groups and organizations they act for; whether they
    # organize the round (its organizers, their permissions of their own and of their groups)
    ("round", "participant"): 12,
    ("round", "representative"): 12,
    # the round, its items, the person's ballot
    ("ballot", "participant"): 6,
    # the round, the group, its items, its ballot, the earlier versions; for a signed-in
    # reader, whether they represent the group (its representatives and the registry's)
    ("group", "anonymous"): 5,
    ("group", "representative"): 9,
    # the round, the group, its items, its ballot; whether they represent it; the events
    ("group submit", "representative"): 9,
    # the round, the organization, its representatives, the items, whether it has a group;
    # the events
    ("organization submit", "representative"): 9,
    # the round, the ballot, the items' identifiers
    ("api ballot", "participant"): 4,
}


@pytest.mark.parametrize(("page", "viewer"), list(QUERIES))
def test_each_page_takes_an_exact_number_of_queries_whatever_it_lists(
    client, django_assert_num_queries, page, viewer
):
    world = World()
    person = {"participant": world.participant, "representative": world.representative}.get(viewer)
    if page.startswith("api"):
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.create(user=person).key}"
    elif person is not None:
        client.force_login(person)
    for count in (2, 27):  # 3, then 30 of each
        world.grow(count)
        with django_assert_num_queries(QUERIES[page, viewer]):
            response = client.get(PAGES[page](world))
        assert response.status_code == 200, response.content[:500]
