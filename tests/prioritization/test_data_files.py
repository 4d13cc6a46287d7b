"""A round's raw data files, exactly: items.csv, ballots.csv, groups.csv, results.json,
round.json and datapackage.json, on a small round with two tracks, a group with reasons and
an imported ballot; no personal data in any of them."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from convene.prioritization.models import Ballot, Count, Group, Item
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.organizations.factories import OrganizationFactory

from .factories import (
    CLOSES,
    NOW,
    BallotFactory,
    ClusterFactory,
    GroupFactory,
    RoundFactory,
    items_for,
)

pytestmark = pytest.mark.django_db

AFTER = CLOSES + timedelta(hours=1)
COUNTED = datetime(2020, 11, 23, 6, tzinfo=UTC)
FILES = (
    "items.csv",
    "ballots.csv",
    "groups.csv",
    "results.json",
    "round.json",
    "datapackage.json",
)


def small_round():
    """Two tracks, four items (two in cluster A), K = 3: two group ballots (a community with
    its discussion and reasons, an organization of the registry) and two individual ones
    (a signed-in person's, an imported one). Returns the round and its people."""
    round_ = RoundFactory(
        slug="gc-2020", title="Global Conversations", max_items=3, bootstrap_top=2
    )
    cluster = ClusterFactory(round=round_, code="A", name="Charter and council")
    one, two, three, four = items_for(round_, 4)
    for item in (one, two):
        item.cluster = cluster
        item.save(update_fields=["cluster"])
    two.description = "=SUM(A1)"  # a formula is never run by a spreadsheet
    two.save(update_fields=["description"])
    representative = UserFactory(email="rep@example.org", display_name="Asha Rep")
    swahili = GroupFactory(
        round=round_,
        name="Kiswahili Wikipedians",
        region="sub_saharan_africa",
        language="sw",
        representatives=[representative],
    )
    wmde = GroupFactory(
        round=round_,
        kind=Group.Kind.ORGANIZATION,
        organization=OrganizationFactory(slug="wmde", name="Wikimedia Deutschland"),
        name="Wikimedia Deutschland",
        region="europe",
        language="de",
        category="chapter",
    )
    BallotFactory(
        round=round_,
        track=Ballot.Track.GROUP,
        group=swahili,
        public_id="g1",
        items=[two, one],
        submitted_by=representative,
        reasons={"initiative-2": "Knowledge in our language.", "initiative-1": "-a charter"},
        participants=12,
        discussion_place="Nairobi",
        discussion_when="14 November",
        notes_url="https://example.org/notes",
        event=EventFactory(slug="swahili-meetup"),
        missing="Offline access",
    )
    BallotFactory(
        round=round_,
        track=Ballot.Track.GROUP,
        group=wmde,
        public_id="g2",
        items=[one, three, two],
    )
    voter = UserFactory(email="voter@example.org", display_name="Vera Voter")
    BallotFactory(
        round=round_, voter=voter, submitted_by=voter, public_id="i1", items=[one, three, four]
    )
    BallotFactory(
        round=round_, public_id="i2", external_id="survey-7734", region="mena", items=[three]
    )
    return round_, {"representative": representative, "voter": voter}


def stored_count(round_):
    """A count written by hand, consistent with the ballots of `small_round`."""
    tally = {
        "ballots": 2,
        "support": [[0, 1, 2, 2], [1, 0, 1, 2], [0, 1, 0, 1], [0, 0, 0, 0]],
        "approval": {"initiative-1": 2, "initiative-2": 2, "initiative-3": 1, "initiative-4": 0},
        "borda": {"initiative-1": 5, "initiative-2": 4, "initiative-3": 2, "initiative-4": 0},
    }
    data = {
        "format": 1,
        "items": ["initiative-1", "initiative-2", "initiative-3", "initiative-4"],
        "ballot_form": "ranked",
        "max_items": 3,
        "seed": 20201123,
        "tracks": {
            "group": {**tally, "stability": {"top": 2, "resamples": 1000, "shares": {}}},
            "individual": {
                "ballots": 2,
                "support": [[0, 1, 1, 1], [0, 0, 0, 0], [1, 1, 0, 2], [0, 1, 0, 0]],
                "approval": {
                    "initiative-1": 1,
                    "initiative-2": 0,
                    "initiative-3": 2,
                    "initiative-4": 1,
                },
                "borda": {
                    "initiative-1": 3,
                    "initiative-2": 0,
                    "initiative-3": 4,
                    "initiative-4": 1,
                },
                "stability": {"top": 2, "resamples": 1000, "shares": {}},
            },
        },
        "by_region": {},
        "by_kind": {},
        "clusters": {},
    }
    return Count.objects.create(round=round_, counted_at=COUNTED, ballots=4, data=data)


def url(slug, filename, lang="en"):
    with translation.override(lang):
        return reverse("prioritization:download", args=[slug, filename])


def content(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode("utf-8")


def table(response, filename):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    text = content(response)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def download_json(response, filename):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    return json.loads(response.content)


@pytest.fixture
def closed_round():
    round_, people = small_round()
    stored_count(round_)
    with time_machine.travel(AFTER, tick=False):
        yield round_, people


def test_items_csv_lists_the_items_in_order_with_their_clusters(client, closed_round):
    _round, _people = closed_round

    assert table(client.get(url("gc-2020", "items.csv")), "items.csv") == [
        ["identifier", "position", "heading", "title", "description", "cluster"],
        ["initiative-1", "1", "Recommendation 1", "Initiative 1", "What the initiative does.", "A"],
        ["initiative-2", "2", "Recommendation 1", "Initiative 2", "'=SUM(A1)", "A"],
        ["initiative-3", "3", "Recommendation 1", "Initiative 3", "What the initiative does.", ""],
        ["initiative-4", "4", "Recommendation 1", "Initiative 4", "What the initiative does.", ""],
    ]


def test_ballots_csv_has_one_row_per_ballot_under_its_public_id(client, closed_round):
    response = client.get(url("gc-2020", "ballots.csv"))

    assert response.streaming
    assert table(response, "ballots.csv") == [
        ["ballot", "track", "group", "region", "kind", "rank_1", "rank_2", "rank_3"],
        ["g1", "group", "Kiswahili Wikipedians", "sub_saharan_africa", "community",
         "initiative-2", "initiative-1", ""],
        ["g2", "group", "Wikimedia Deutschland", "europe", "chapter",
         "initiative-1", "initiative-3", "initiative-2"],
        ["i1", "individual", "", "", "", "initiative-1", "initiative-3", "initiative-4"],
        ["i2", "individual", "", "mena", "", "initiative-3", "", ""],
    ]  # fmt: skip


def test_groups_csv_has_a_row_per_priority_with_its_reason(client, closed_round):
    response = client.get(url("gc-2020", "groups.csv"))

    assert response.streaming
    about = [
        "Kiswahili Wikipedians",
        "",
        "community",
        "sub_saharan_africa",
        "sw",
        "12",
        "Nairobi",
        "14 November",
        "https://example.org/notes",
        "http://testserver/en/events/swahili-meetup/",
        "Offline access",
    ]
    wmde = ["Wikimedia Deutschland", "wmde", "chapter", "europe", "de"] + [""] * 6
    assert table(response, "groups.csv") == [
        ["group", "organization", "kind", "region", "language", "participants", "where",
         "when", "notes", "event", "missing", "rank", "item", "reason"],
        [*about, "1", "initiative-2", "Knowledge in our language."],
        [*about, "2", "initiative-1", "'-a charter"],
        [*wmde, "1", "initiative-1", ""],
        [*wmde, "2", "initiative-3", ""],
        [*wmde, "3", "initiative-2", ""],
    ]  # fmt: skip


def test_results_json_is_the_stored_count_as_it_is(client, closed_round):
    round_, _people = closed_round

    assert download_json(client.get(url("gc-2020", "results.json")), "results.json") == (
        Count.objects.get(round=round_).data
    )


def test_round_json_gives_the_settings_and_the_methods_parameters(client, closed_round):
    assert download_json(client.get(url("gc-2020", "round.json")), "round.json") == {
        "format": 1,
        "slug": "gc-2020",
        "title": "Global Conversations",
        "question": "Which initiatives are most important to coordinate globally in 2021?",
        "language": "en",
        "process": closed_round[0].process.slug,
        "url": "http://testserver/en/prioritization/gc-2020/data/",
        "ballot_form": "ranked",
        "max_items": 3,
        "tracks": ["group", "individual"],
        "opens_at": "2020-11-01T00:00:00Z",
        "closes_at": "2020-11-23T00:00:00Z",
        "results_before_close": False,
        "items": ["initiative-1", "initiative-2", "initiative-3", "initiative-4"],
        "clusters": [
            {"code": "A", "name": "Charter and council", "items": ["initiative-1", "initiative-2"]}
        ],
        "ballots": {"group": 2, "individual": 2},
        "counted_at": "2020-11-23T06:00:00Z",
        "methods": {"seed": 20201123, "resamples": 1000, "top": 2},
    }


def test_round_json_before_the_first_count_has_no_seed_yet(client):
    small_round()
    with time_machine.travel(NOW, tick=False):
        data = download_json(client.get(url("gc-2020", "round.json")), "round.json")

    assert data["counted_at"] is None
    assert data["methods"] == {"seed": None, "resamples": None, "top": 2}


def test_results_json_before_the_first_count_is_not_found(client):
    small_round()
    with time_machine.travel(AFTER, tick=False):
        assert client.get(url("gc-2020", "results.json")).status_code == 404


def test_no_file_holds_personal_data_or_the_imported_id(client, closed_round):
    _round, people = closed_round

    for filename in FILES:
        text = content(client.get(url("gc-2020", filename)))
        for secret in (
            "survey-7734",
            "@example.org",
            "Asha Rep",
            "Vera Voter",
            f'"{people["voter"].pk}"',
        ):
            assert secret not in text, (filename, secret)
    ballots = content(client.get(url("gc-2020", "ballots.csv")))
    rows = list(csv.reader(io.StringIO(ballots[1:])))
    assert {row[0] for row in rows[1:]} == {"g1", "g2", "i1", "i2"}


def test_the_datapackage_describes_every_file(client, closed_round):
    package = download_json(client.get(url("gc-2020", "datapackage.json")), "datapackage.json")

    assert package["profile"] == "data-package"
    assert package["name"] == "convene-prioritization-gc-2020"
    assert package["homepage"] == "http://testserver/en/prioritization/gc-2020/data/"
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert [resource["path"] for resource in package["resources"]] == [
        "items.csv",
        "ballots.csv",
        "groups.csv",
        "results.json",
        "round.json",
    ]
    for name in ("items", "ballots", "groups"):
        assert resources[name]["profile"] == "tabular-data-resource"
        assert resources[name]["format"] == "csv"
        assert resources[name]["mediatype"] == "text/csv"
    for name in ("results", "round"):
        assert resources[name]["profile"] == "data-resource"
        assert resources[name]["format"] == "json"
        assert resources[name]["mediatype"] == "application/json"
        assert "schema" not in resources[name]
    assert resources["items"]["schema"]["primaryKey"] == ["identifier"]
    assert resources["ballots"]["schema"]["primaryKey"] == ["ballot"]
    assert resources["groups"]["schema"]["primaryKey"] == ["group", "rank"]
    assert resources["groups"]["schema"]["foreignKeys"] == [
        {"fields": ["item"], "reference": {"resource": "items", "fields": ["identifier"]}}
    ]
    assert [key["fields"] for key in resources["ballots"]["schema"]["foreignKeys"]] == [
        ["rank_1"],
        ["rank_2"],
        ["rank_3"],
    ]
    types = {
        field["name"]: field["type"]
        for field in resources["groups"]["schema"]["fields"]
        if field["type"] != "string"
    }
    assert types == {"participants": "integer", "rank": "integer"}


def test_the_datapackage_fields_are_the_csv_headers_exactly(client, closed_round):
    package = download_json(client.get(url("gc-2020", "datapackage.json")), "datapackage.json")

    for resource in package["resources"]:
        if resource["format"] != "csv":
            continue
        header = table(client.get(url("gc-2020", resource["path"])), resource["path"])[0]
        fields = [field["name"] for field in resource["schema"]["fields"]]
        assert fields == header, resource["path"]
        for field in resource["schema"]["fields"]:
            assert field["type"] in {"string", "integer"}
            assert field["description"]


def test_a_round_that_chooses_without_order_has_as_many_columns_as_k(client):
    round_ = RoundFactory(slug="choose", ballot_form="choose", max_items=2, individual_track=False)
    _one, two = items_for(round_, 2)
    group = GroupFactory(round=round_, name="Community")
    BallotFactory(round=round_, track=Ballot.Track.GROUP, group=group, public_id="c1", items=[two])
    with time_machine.travel(AFTER, tick=False):
        rows = table(client.get(url("choose", "ballots.csv")), "ballots.csv")
        settings = download_json(client.get(url("choose", "round.json")), "round.json")

    assert rows == [
        ["ballot", "track", "group", "region", "kind", "rank_1", "rank_2"],
        ["c1", "group", "Community", "europe", "community", "initiative-2", ""],
    ]
    assert settings["ballot_form"] == "choose"
    assert settings["tracks"] == ["group"]
    assert settings["ballots"] == {"group": 1}


def test_a_file_of_another_name_or_round_is_not_found(client):
    small_round()
    with time_machine.travel(AFTER, tick=False):
        assert client.get(url("no-such-round", "items.csv")).status_code == 404
        assert client.get("/en/prioritization/gc-2020/data/secrets.csv").status_code == 404


def test_an_item_removed_since_is_left_out_of_the_ballots(client):
    small_round()
    Item.objects.filter(identifier="initiative-1", round__slug="gc-2020").delete()
    with time_machine.travel(AFTER, tick=False):
        rows = table(client.get(url("gc-2020", "ballots.csv")), "ballots.csv")
        groups = table(client.get(url("gc-2020", "groups.csv")), "groups.csv")

    assert rows[1][5:] == ["initiative-2", "", ""]
    assert rows[3][5:] == ["initiative-3", "initiative-4", ""]
    assert [row[11:13] for row in groups[1:]] == [
        ["1", "initiative-2"],
        ["1", "initiative-3"],
        ["2", "initiative-2"],
    ]
