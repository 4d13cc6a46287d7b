"""Big downloads are streamed: the ballots are read in chunks by one query and written a
few hundred rows at a time, never held whole."""

from __future__ import annotations

import csv
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convene.prioritization import exports, selectors_data
from convene.prioritization.models import Ballot, pack_ranking

from .factories import GroupFactory, RoundFactory, items_for
from .test_data_files import AFTER

pytestmark = pytest.mark.django_db

BALLOTS = 2 * exports.ROWS_PER_WRITE + 7


@pytest.fixture
def big_round(monkeypatch):
    monkeypatch.setattr(selectors_data, "CHUNK", 100)  # several chunks of the one query
    round_ = RoundFactory(slug="big", max_items=3)
    items = items_for(round_, 4)
    Ballot.objects.bulk_create(
        Ballot(
            round=round_,
            track=Ballot.Track.INDIVIDUAL,
            public_id=f"b{number:05d}",
            ranking=pack_ranking([items[number % 4].pk, items[(number + 1) % 4].pk]),
            size=2,
        )
        for number in range(BALLOTS)
    )
    group = GroupFactory(round=round_, name="Community")
    Ballot.objects.create(
        round=round_,
        track=Ballot.Track.GROUP,
        group=group,
        public_id="group",
        ranking=pack_ranking([items[3].pk]),
        size=1,
    )
    return round_


def test_ballots_csv_is_streamed_in_pieces_with_every_ballot(client, big_round):
    with time_machine.travel(AFTER, tick=False), CaptureQueriesContext(connection) as queries:
        response = client.get("/en/prioritization/big/data/ballots.csv")
        pieces = list(response.streaming_content)

    assert response.streaming
    assert len(pieces) == 3  # 500, 500 and the rest (the header with the first)
    text = b"".join(pieces).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 1 + BALLOTS + 1
    assert rows[1] == ["b00000", "individual", "", "", "", "initiative-1", "initiative-2", ""]
    assert rows[4] == ["b00003", "individual", "", "", "", "initiative-4", "initiative-1", ""]
    assert rows[-1] == [
        "group",
        "group",
        "Community",
        "europe",
        "community",
        "initiative-4",
        "",
        "",
    ]
    ballot_queries = [q for q in queries.captured_queries if "prioritization_ballot" in q["sql"]]
    # the round's counts, then the ballots: one query (SQLite fetches its chunks in one too)
    assert len(ballot_queries) == 2


def test_the_api_pages_the_ballots_and_reads_only_its_page(client, big_round):
    with time_machine.travel(AFTER, tick=False):
        body = client.get("/api/v1/prioritization/rounds/big/ballots/?page=3").json()

    assert body["count"] == BALLOTS + 1
    assert [row["public_id"] for row in body["results"][:2]] == ["b00100", "b00101"]
