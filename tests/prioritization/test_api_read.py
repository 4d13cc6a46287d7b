"""Prioritization's read API: rounds, items, ballots (anonymized, hidden until the results
are visible) and results (from the stored count), in the OpenAPI schema."""

from __future__ import annotations

import pytest
import time_machine
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from tests.factories import UserFactory

from .factories import NOW, BallotFactory, RoundFactory, items_for
from .test_data_files import AFTER, small_round, stored_count

pytestmark = pytest.mark.django_db

BASE = "/api/v1/prioritization/rounds/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def counted():
    round_, people = small_round()
    count = stored_count(round_)
    return round_, people, count


def test_the_list_gives_every_round_newest_first_with_its_ballot_counts(api, counted):
    RoundFactory(
        slug="older", title="Older", opens_at=NOW.replace(year=2019), individual_track=False
    )

    with time_machine.travel(NOW, tick=False):
        body = api.get(BASE).json()

    assert body["count"] == 2
    assert [item["slug"] for item in body["results"]] == ["gc-2020", "older"]
    assert body["results"][0] == {
        "slug": "gc-2020",
        "title": "Global Conversations",
        "question": "Which initiatives are most important to coordinate globally in 2021?",
        "language": "en",
        "process": counted[0].process.slug,
        "ballot_form": "ranked",
        "max_items": 3,
        "tracks": ["group", "individual"],
        "opens_at": "2020-11-01T00:00:00Z",
        "closes_at": "2020-11-23T00:00:00Z",
        "state": "open",
        "results_before_close": False,
        "ballots": {"group": 2, "individual": 2},
        "url": "http://testserver/en/prioritization/gc-2020/",
        "data_url": "http://testserver/en/prioritization/gc-2020/data/",
    }
    assert body["results"][1]["tracks"] == ["group"]
    assert body["results"][1]["ballots"] == {"group": 0}


def test_one_round(api, counted):
    with time_machine.travel(AFTER, tick=False):
        body = api.get(f"{BASE}gc-2020/").json()

    assert body["state"] == "closed"
    assert body["ballots"] == {"group": 2, "individual": 2}
    response = api.get(f"{BASE}nothing/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_items_in_order(api, counted):
    response = api.get(f"{BASE}gc-2020/items/")

    assert response.status_code == 200
    assert response.json() == [
        {
            "identifier": f"initiative-{n}",
            "position": n,
            "heading": "Recommendation 1",
            "title": f"Initiative {n}",
            "description": "=SUM(A1)" if n == 2 else "What the initiative does.",
            "cluster": "A" if n <= 2 else None,
        }
        for n in range(1, 5)
    ]
    assert api.get(f"{BASE}nothing/items/").status_code == 404


def test_the_ballots_are_anonymized_and_paginated(api, counted):
    with time_machine.travel(AFTER, tick=False):
        response = api.get(f"{BASE}gc-2020/ballots/")

    assert response.status_code == 200
    body = response.json()
    assert body == {
        "count": 4,
        "next": None,
        "previous": None,
        "results": [
            {
                "public_id": "g1",
                "track": "group",
                "group": "Kiswahili Wikipedians",
                "kind": "community",
                "region": "sub_saharan_africa",
                "items": ["initiative-2", "initiative-1"],
            },
            {
                "public_id": "g2",
                "track": "group",
                "group": "Wikimedia Deutschland",
                "kind": "chapter",
                "region": "europe",
                "items": ["initiative-1", "initiative-3", "initiative-2"],
            },
            {
                "public_id": "i1",
                "track": "individual",
                "group": None,
                "kind": None,
                "region": None,
                "items": ["initiative-1", "initiative-3", "initiative-4"],
            },
            {
                "public_id": "i2",
                "track": "individual",
                "group": None,
                "kind": None,
                "region": "mena",
                "items": ["initiative-3"],
            },
        ],
    }
    text = response.content.decode()
    assert "survey-7734" not in text and "@example.org" not in text and "Vera" not in text


def test_the_ballots_come_fifty_a_page(api):
    round_ = RoundFactory(slug="big", results_before_close=True)
    (item,) = items_for(round_, 1)
    for _number in range(51):
        BallotFactory(round=round_, items=[item])

    first = api.get(f"{BASE}big/ballots/").json()
    second = api.get(f"{BASE}big/ballots/?page=2").json()

    assert first["count"] == 51 and len(first["results"]) == 50
    assert first["next"].endswith("/api/v1/prioritization/rounds/big/ballots/?page=2")
    assert len(second["results"]) == 1
    assert api.get(f"{BASE}big/ballots/?page=3").status_code == 404


@pytest.mark.parametrize("role", ["visitor", "participant", "voter"])
def test_ballots_and_results_are_hidden_while_open(api, counted, role):
    _round, people, _count = counted
    if role == "participant":
        api.force_authenticate(UserFactory())
    elif role == "voter":
        api.force_authenticate(people["voter"])

    with time_machine.travel(NOW, tick=False):
        for endpoint in ("ballots", "results"):
            response = api.get(f"{BASE}gc-2020/{endpoint}/")
            assert response.status_code == 403, endpoint
            assert response.json() == {
                "detail": "The ballots and the results of this round are published when it closes.",
                "code": "results_hidden",
            }
        # the round and its ballot counts are always given
        assert api.get(f"{BASE}gc-2020/").json()["ballots"] == {"group": 2, "individual": 2}


def test_organizers_read_ballots_and_results_while_open(api, counted):
    round_, _people, _count = counted
    organizer = UserFactory()
    round_.organizers.add(organizer)
    api.force_authenticate(organizer)

    with time_machine.travel(NOW, tick=False):
        assert api.get(f"{BASE}gc-2020/ballots/").status_code == 200
        assert api.get(f"{BASE}gc-2020/results/").status_code == 200


def test_the_results_per_track_straight_from_the_count(api, counted):
    _round, _people, count = counted

    with time_machine.travel(AFTER, tick=False):
        response = api.get(f"{BASE}gc-2020/results/")

    assert response.status_code == 200
    body = response.json()
    assert body["round"] == "gc-2020"
    assert body["counted_at"] == "2020-11-23T06:00:00Z"
    assert body["ballots"] == 4
    assert body["ballot_form"] == "ranked"
    assert body["max_items"] == 3
    assert body["seed"] == 20201123
    assert body["items"] == ["initiative-1", "initiative-2", "initiative-3", "initiative-4"]
    assert list(body["tracks"]) == ["group", "individual"]
    group = body["tracks"]["group"]
    stored = count.data["tracks"]["group"]
    assert group["items"] == body["items"]
    for name in ("ballots", "support", "approval", "borda", "stability"):
        assert group[name] == stored[name], name
    assert group["schulze"] is None  # not in the hand-written count: given as null


def test_the_results_of_a_full_count(api):
    """A count as the counting stores it: every figure of the response is the stored one."""
    from convene.prioritization import results

    round_, _people = small_round()
    with time_machine.travel(AFTER, tick=False):
        count = results.round_count(round_=round_)
        body = api.get(f"{BASE}gc-2020/results/").json()

    assert set(body["tracks"]) == {"group", "individual", "all"}
    for track, tally in count.data["tracks"].items():
        for name in (
            "ballots",
            "support",
            "approval",
            "borda",
            "copeland",
            "schulze",
            "ranked_pairs",
            "kemeny",
            "kemeny_status",
            "orders",
            "agreement",
            "stability",
        ):
            assert body["tracks"][track][name] == tally[name], (track, name)
    assert body["tracks"]["all"]["ballots"] == 4


def test_the_results_before_the_first_count_are_a_conflict(api):
    small_round()

    with time_machine.travel(AFTER, tick=False):
        response = api.get(f"{BASE}gc-2020/results/")

    assert response.status_code == 409
    assert response.json() == {
        "detail": "This round has not been counted yet.",
        "code": "not_counted",
    }


def test_the_results_of_no_round_are_not_found(api):
    assert api.get(f"{BASE}nothing/results/").status_code == 404
    assert api.get(f"{BASE}nothing/ballots/").status_code == 404


def test_the_api_only_reads(api, counted):
    with time_machine.travel(AFTER, tick=False):
        for path in (BASE, f"{BASE}gc-2020/", f"{BASE}gc-2020/ballots/"):
            response = api.post(path, {}, format="json")
            assert response.status_code in (401, 403, 405), path


def test_the_schema_describes_the_endpoints(api):
    schema = api.get("/api/openapi.json").json()

    validate_schema(schema)
    paths = schema["paths"]
    for path in (
        "/api/v1/prioritization/rounds/",
        "/api/v1/prioritization/rounds/{slug}/",
        "/api/v1/prioritization/rounds/{slug}/items/",
        "/api/v1/prioritization/rounds/{slug}/ballots/",
        "/api/v1/prioritization/rounds/{slug}/results/",
    ):
        assert set(paths[path]) == {"get"}, path
    ballots = paths["/api/v1/prioritization/rounds/{slug}/ballots/"]["get"]
    assert {"200", "403", "404"} <= set(ballots["responses"])
    assert "page" in {parameter["name"] for parameter in ballots["parameters"]}
    results = paths["/api/v1/prioritization/rounds/{slug}/results/"]["get"]
    assert {"200", "403", "404", "409"} <= set(results["responses"])
    items = paths["/api/v1/prioritization/rounds/{slug}/items/"]["get"]
    assert items["responses"]["200"]["content"]["application/json"]["schema"]["type"] == "array"
    components = schema["components"]["schemas"]
    ballot = components["Ballot"]["properties"]
    assert set(ballot) == {"public_id", "track", "group", "kind", "region", "items"}
    tally = components["Tally"]["properties"]
    for name in ("support", "approval", "borda", "copeland", "schulze", "ranked_pairs", "kemeny"):
        assert name in tally
    assert tally["kemeny"]["nullable"] is True
    assert "stability" in tally
