"""The organizers' pages take an exact number of queries, the same with 3 or 30 of what they
list (items, translations, clusters, groups and representatives, ballots and versions)."""

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from convene.prioritization.models import BallotVersion, Group, ItemTranslation
from tests.factories import UserFactory
from tests.organizations.factories import OrganizationFactory, chapter_model

from .factories import (
    NOW,
    BallotFactory,
    ClusterFactory,
    GroupFactory,
    ItemFactory,
    RoundFactory,
    organizer_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def grow(round_, count, done=[0]):  # noqa: B006 - numbers what it makes across calls
    for _number in range(count):
        done[0] += 1
        number = done[0]
        cluster = ClusterFactory(round=round_, code=f"C{number}")
        item = ItemFactory(round=round_, identifier=f"item-{number}", cluster=cluster)
        ItemTranslation.objects.create(item=item, language="fr", title=f"Élément {number}")
        group = GroupFactory(round=round_, name=f"Group {number}")
        group.representatives.add(UserFactory())
        ballot = BallotFactory(round=round_, track="group", group=group, items=[item])
        BallotVersion.objects.create(ballot=ballot, number=1, ranking=ballot.ranking)
        BallotFactory(round=round_, items=[item], external_id=f"x-{number}")
        OrganizationFactory(affiliation_model=chapter_model(), status="recognized")


def path(name, *args):
    with translation.override("en"):
        return reverse(f"prioritization:{name}", args=args)


PAGES = {
    "organize": lambda: path("organize", "global"),
    "edit": lambda: path("edit", "global"),
    "items": lambda: path("items", "global"),
    "item": lambda: path("item_edit", "global", "first"),
    "translate": lambda: path("item_translate", "global", "first", "fr"),
    "clusters": lambda: path("clusters", "global"),
    "cluster": lambda: path("cluster_edit", "global", "A"),
    "groups": lambda: path("groups", "global"),
    "group": lambda: path("group_edit", "global", Group.objects.order_by("pk").first().pk),
    "import": lambda: path("import", "global"),
}

# Every page counts the login session, the user, whether they moderate (the header's link),
# the round and whether they organize it (its organizers): 5; then what it shows.
QUERIES = {
    # the counts of items, clusters, groups and ballots
    "organize": 9,
    # the round's organizers for the form, the processes and events offered
    "edit": 8,
    # the ballots' and their versions' rankings, the items with their clusters, translations
    "items": 9,
    # the item
    "item": 6,
    # the item, its translation
    "translate": 7,
    # the clusters and their items, the items offered
    "clusters": 8,
    # the cluster, its items, the items offered
    "cluster": 8,
    # the groups with whether they submitted, their representatives, the organizations
    "groups": 8,
    # the group, its representatives
    "group": 7,
    "import": 5,
}


@pytest.mark.parametrize("page", list(QUERIES))
def test_each_organizers_page_takes_an_exact_number_of_queries_whatever_it_lists(
    client, django_assert_num_queries, page
):
    round_ = RoundFactory(slug="global")
    ItemFactory(round=round_, identifier="first")
    ClusterFactory(round=round_, code="A")
    client.force_login(organizer_of(round_))
    for count in (3, 27):
        grow(round_, count)
        address = PAGES[page]()
        with django_assert_num_queries(QUERIES[page]):
            response = client.get(address)
        assert response.status_code == 200
