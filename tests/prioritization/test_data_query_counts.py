"""The raw data page, its downloads and the read API take an exact number of queries, the
same with 3 or 30 ballots of each kind (a streamed CSV counted once read to its end)."""

from __future__ import annotations

import itertools

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from convene.prioritization import results
from convene.prioritization.models import Ballot, Group
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.organizations.factories import OrganizationFactory

from .factories import BallotFactory, GroupFactory, RoundFactory, items_for
from .test_data_files import AFTER

pytestmark = pytest.mark.django_db

NUMBERS = itertools.count(1)


@pytest.fixture
def round_():
    round_ = RoundFactory(slug="gc-2020", max_items=3)
    items_for(round_, 4)
    return round_


def grow(round_, count):
    """`count` more of each kind of ballot: a community's and an organization's with their
    discussion and event, a person's, an imported one."""
    items = list(round_.items.order_by("position"))
    for _step in range(count):
        number = next(NUMBERS)
        community = GroupFactory(round=round_, name=f"Community {number}")
        organization = GroupFactory(
            round=round_,
            kind=Group.Kind.ORGANIZATION,
            organization=OrganizationFactory(),
            name=f"Organization {number}",
            category="chapter",
        )
        BallotFactory(
            round=round_,
            track=Ballot.Track.GROUP,
            group=community,
            items=items[:3],
            reasons={"initiative-1": "Because."},
            event=EventFactory(),
        )
        BallotFactory(round=round_, track=Ballot.Track.GROUP, group=organization, items=items[1:])
        voter = UserFactory()
        BallotFactory(round=round_, voter=voter, items=[items[2], items[0]])
        BallotFactory(round=round_, external_id=f"x-{number}", region="mena", items=[items[3]])


def path(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


PAGES = {
    "page": path("prioritization:data", "gc-2020"),
    **{
        filename: path("prioritization:download", "gc-2020", filename)
        for filename in (
            "items.csv",
            "ballots.csv",
            "groups.csv",
            "results.json",
            "round.json",
            "datapackage.json",
        )
    },
    "api list": "/api/v1/prioritization/rounds/",
    "api round": "/api/v1/prioritization/rounds/gc-2020/",
    "api items": "/api/v1/prioritization/rounds/gc-2020/items/",
    "api ballots": "/api/v1/prioritization/rounds/gc-2020/ballots/",
    "api results": "/api/v1/prioritization/rounds/gc-2020/results/",
}

# page, viewer: queries. The round comes with its ballot counts and count's time in one
# query. A signed-in reader's page counts the login session, the user and whether they
# moderate (the header); asking whether the results are visible to a signed-in person
# before the close reads the round's organizers and their permissions.
QUERIES = {
    ("page", "anonymous"): 1,
    ("page", "participant"): 4,
    ("page", "organizer"): 5,
    # before the close: whether they organize the round, their permissions and their groups'
    ("page", "participant, open"): 7,
    # the round, the items (and their clusters), the ballots
    ("items.csv", "anonymous"): 2,
    ("ballots.csv", "anonymous"): 3,
    ("groups.csv", "anonymous"): 3,
    ("results.json", "anonymous"): 2,
    ("round.json", "anonymous"): 3,
    ("datapackage.json", "anonymous"): 1,
    ("ballots.csv", "organizer"): 6,
    # the count and the page; the round; the round, the items, the count and the page
    ("api list", "anonymous"): 2,
    ("api round", "anonymous"): 1,
    ("api items", "anonymous"): 2,
    ("api ballots", "anonymous"): 4,
    ("api results", "anonymous"): 2,
}


def read(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize(("page", "viewer"), list(QUERIES))
def test_each_data_page_takes_an_exact_number_of_queries_whatever_the_ballots(
    client, round_, django_assert_num_queries, page, viewer
):
    when = AFTER
    if viewer.startswith("participant"):
        client.force_login(UserFactory())
        if viewer.endswith("open"):
            when = AFTER.replace(day=21)
    elif viewer == "organizer":
        organizer = UserFactory()
        round_.organizers.add(organizer)
        client.force_login(organizer)
        when = AFTER.replace(day=21)  # open: the organizer is asked about
    for count in (3, 27):  # 3, then 30 of each
        grow(round_, count)
        with time_machine.travel(when, tick=False):
            results.round_count(round_=round_)
            with django_assert_num_queries(QUERIES[page, viewer]):
                response = client.get(PAGES[page])
                body = read(response)
        assert response.status_code == 200, body[:500]
