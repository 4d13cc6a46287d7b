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


def stability(items_text, ballots_text, *, track, seed, top, resamples, ordered=True):
    """The stability as the data page states it, with NumPy: `resamples` times draw as many
    ballots as there are, with replacement, from the file's ballots in their order
    (`default_rng(seed).integers`, a hundred resamples at a time), and count the share in
    which each item has fewer than `top` items strictly above it by Borda."""
    import numpy as np

    items = [row["identifier"] for row in csv.DictReader(io.StringIO(items_text))]
    rows = [
        row
        for row in csv.DictReader(io.StringIO(ballots_text))
        if track == "all" or row["track"] == track
    ]
    n = len(items)
    points = np.zeros((len(rows), n))
    for number, row in enumerate(rows):
        listed = [row[name] for name in row if name.startswith("rank_") and row[name]]
        for place, identifier in enumerate(listed):
            points[number, items.index(identifier)] = n - 1 - place if ordered else n - len(listed)
    rng = np.random.default_rng(seed)
    in_top = np.zeros(n)
    done = 0
    while done < resamples:
        chunk = min(100, resamples - done)
        for picks in rng.integers(0, len(rows), size=(chunk, len(rows))):
            scores = np.bincount(picks, minlength=len(rows)) @ points
            in_top += [(scores > score).sum() < top for score in scores]
        done += chunk
    return {item: round(share, 3) for item, share in zip(items, in_top / resamples, strict=True)}


def test_the_stability_is_recomputed_from_the_files(client, settings):
    settings.CONVENE_BOOTSTRAP_RESAMPLES = 250
    round_, _people = small_round()
    with time_machine.travel(AFTER, tick=False):
        results.round_count(round_=round_)
        items_text = download(client, "gc-2020", "items.csv")
        ballots_text = download(client, "gc-2020", "ballots.csv")
        stored = json.loads(download(client, "gc-2020", "results.json"))
        seed = json.loads(download(client, "gc-2020", "round.json"))["methods"]["seed"]

    for track, tally in stored["tracks"].items():
        figures = tally["stability"]
        assert figures["resamples"] == 250
        assert figures["shares"] == stability(
            items_text,
            ballots_text,
            track=track,
            seed=seed,
            top=figures["top"],
            resamples=figures["resamples"],
        ), track
