"""Anyone can recompute the result from the raw data: the matrix s, Borda and approval
computed here with plain Python from ballots.csv and items.csv (downloaded as anyone would)
are exactly the stored count's, per track and for all ballots together."""

from __future__ import annotations

import csv
import io
import json

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from convene.prioritization import results
from convene.prioritization.models import Ballot

from .factories import BallotFactory, GroupFactory, RoundFactory, items_for
from .test_data_files import AFTER, small_round

pytestmark = pytest.mark.django_db


def download(client, slug, filename):
    with translation.override("en"):
        response = client.get(reverse("prioritization:download", args=[slug, filename]))
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode("utf-8-sig")


def recount(items_text, ballots_text, *, ordered):
    """The rules of the raw data page, in plain Python: unlisted items tie below the listed
    ones; on a ballot without order the listed ones tie among themselves."""
    items = [row["identifier"] for row in csv.DictReader(io.StringIO(items_text))]
    ballots = list(csv.DictReader(io.StringIO(ballots_text)))
    tracks = {"all": ballots}
    for ballot in ballots:
        tracks.setdefault(ballot["track"], []).append(ballot)
    tallies = {}
    for track, rows in tracks.items():
        support = {a: dict.fromkeys(items, 0) for a in items}
        approval = dict.fromkeys(items, 0)
        for row in rows:
            listed = [row[name] for name in row if name.startswith("rank_") and row[name]]
            for place, a in enumerate(listed):
                approval[a] += 1
                below = listed[place + 1 :] if ordered else []
                for b in items:
                    if b != a and (b not in listed or b in below):
                        support[a][b] += 1
        tallies[track] = {
            "ballots": len(rows),
            "support": [[support[a][b] for b in items] for a in items],
            "approval": approval,
            "borda": {a: sum(support[a].values()) for a in items},
        }
    return items, tallies


def assert_recomputed(client, slug, *, ordered):
    items, tallies = recount(
        download(client, slug, "items.csv"), download(client, slug, "ballots.csv"), ordered=ordered
    )
    stored = json.loads(download(client, slug, "results.json"))

    assert stored["items"] == items
    assert set(stored["tracks"]) <= set(tallies)
    for track, tally in stored["tracks"].items():
        for name in ("ballots", "support", "approval", "borda"):
            assert tally[name] == tallies[track][name], (track, name)
    return stored


def test_the_count_is_recomputed_from_the_files(client):
    round_, _people = small_round()
    with time_machine.travel(AFTER, tick=False):
        results.round_count(round_=round_)
        stored = assert_recomputed(client, "gc-2020", ordered=True)

    assert stored["tracks"]["group"]["borda"] == {
        "initiative-1": 5,
        "initiative-2": 4,
        "initiative-3": 2,
        "initiative-4": 0,
    }
    assert stored["tracks"]["all"]["approval"]["initiative-3"] == 3


def test_a_changed_ballot_is_recomputed_as_it_now_stands(client):
    round_, _people = small_round()
    ballot = Ballot.objects.get(public_id="i1")
    ballot.ranking = Ballot.objects.get(public_id="i2").ranking
    ballot.size = 1
    ballot.save(update_fields=["ranking", "size"])
    with time_machine.travel(AFTER, tick=False):
        results.round_count(round_=round_)
        stored = assert_recomputed(client, "gc-2020", ordered=True)

    assert stored["tracks"]["individual"]["approval"]["initiative-3"] == 2


def test_a_round_choosing_without_order_is_recomputed_too(client):
    round_ = RoundFactory(slug="choose", ballot_form="choose", max_items=3)
    one, two, three, four = items_for(round_, 4)
    group = GroupFactory(round=round_, name="Community")
    BallotFactory(round=round_, track=Ballot.Track.GROUP, group=group, items=[three, one])
    BallotFactory(round=round_, items=[one, two, four])
    BallotFactory(round=round_, items=[four])
    with time_machine.travel(AFTER, tick=False):
        results.round_count(round_=round_)
        stored = assert_recomputed(client, "choose", ordered=False)

    assert stored["tracks"]["all"]["borda"]["initiative-1"] == 3  # above 2 and 4, then above 3
