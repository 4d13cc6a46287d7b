"""A person's own ballot through the JSON API: 201 when cast, 200 when changed, the ballot as
JSON, and every refusal as a 4xx JSON error with the service's code."""

from datetime import timedelta

import pytest
import time_machine
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from convene.prioritization.models import Ballot, BallotVersion
from tests.factories import UserFactory

from .factories import CLOSES, NOW, RoundFactory, items_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/prioritization/rounds/global/ballot/"


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def round_():
    round_ = RoundFactory(slug="global", max_items=3)
    items_for(round_, 5)
    return round_


@pytest.fixture
def voter():
    return UserFactory()


@pytest.fixture
def api(voter):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=voter).key}")
    return client


def test_a_ballot_is_cast_then_changed_then_read(api, round_, voter):
    cast = api.post(URL, {"items": ["initiative-3", "initiative-1"]}, format="json")
    changed = api.post(URL, {"items": ["initiative-2"]}, format="json")
    read = api.get(URL)

    assert cast.status_code == 201
    ballot = Ballot.objects.get(voter=voter)
    assert cast.json() == {
        "round": "global",
        "public_id": ballot.public_id,
        "items": ["initiative-3", "initiative-1"],
        "version": 1,
        "cast_at": "2020-11-21T12:00:00Z",
        "updated_at": "2020-11-21T12:00:00Z",
    }
    assert changed.status_code == 200
    assert changed.json()["items"] == ["initiative-2"]
    assert changed.json()["version"] == 2
    assert read.status_code == 200
    assert read.json() == changed.json()
    assert BallotVersion.objects.filter(ballot=ballot).count() == 2


@pytest.mark.parametrize(
    ("items", "code", "detail"),
    [
        ([], "empty_ballot", "Choose at least one item."),
        (
            ["initiative-1", "initiative-2", "initiative-3", "initiative-4"],
            "too_many_items",
            "A ballot lists at most 3 items.",
        ),
        (
            ["initiative-1", "initiative-1"],
            "repeated_item",
            "“initiative-1” is listed twice; list each item once.",
        ),
        (["initiative-9"], "unknown_item", "“initiative-9” is not one of this round's items."),
    ],
)
def test_a_bad_ballot_is_a_400_with_its_code(api, round_, items, code, detail):
    response = api.post(URL, {"items": items}, format="json")

    assert response.status_code == 400
    assert response.json() == {"detail": detail, "code": code}
    assert Ballot.objects.count() == 0


@pytest.mark.parametrize("body", [{}, {"items": "initiative-1"}, {"items": [["x"]]}])
def test_malformed_input_is_a_400(api, round_, body):
    response = api.post(URL, body, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "items" in response.json()["errors"]


def test_a_closed_round_is_a_409(api, round_):
    with time_machine.travel(CLOSES + timedelta(seconds=1), tick=False):
        response = api.post(URL, {"items": ["initiative-1"]}, format="json")

    assert response.status_code == 409
    assert response.json() == {
        "detail": "This round has closed; ballots can no longer change.",
        "code": "closed",
    }


def test_a_round_not_yet_open_is_a_409(api):
    round_ = RoundFactory(
        slug="global", opens_at=NOW + timedelta(days=1), closes_at=NOW + timedelta(days=2)
    )
    items_for(round_, 2)

    response = api.post(URL, {"items": ["initiative-1"]}, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "not_yet_open"


def test_a_groups_only_round_is_a_403(api):
    round_ = RoundFactory(slug="global", individual_track=False)
    items_for(round_, 2)

    response = api.post(URL, {"items": ["initiative-1"]}, format="json")

    assert response.status_code == 403
    assert response.json() == {
        "detail": "This round takes ballots from groups only.",
        "code": "forbidden",
    }


def test_too_many_saves_are_a_429(api, round_, settings):
    settings.CONVENE_RATE_LIMITS = {"ballot": "1/1h/account"}
    api.post(URL, {"items": ["initiative-1"]}, format="json")

    response = api.post(URL, {"items": ["initiative-2"]}, format="json")

    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"


def test_without_a_ballot_reading_it_is_a_404(api, round_):
    response = api.get(URL)

    assert response.status_code == 404
    assert response.json() == {
        "detail": "You have cast no ballot in this round.",
        "code": "not_found",
    }


def test_an_unknown_round_is_a_404(api):
    assert api.get("/api/v1/prioritization/rounds/nope/ballot/").status_code == 404
    response = api.post("/api/v1/prioritization/rounds/nope/ballot/", {"items": []}, format="json")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_anonymous_caller_is_a_401(round_):
    client = APIClient()

    assert client.get(URL).status_code == 401
    response = client.post(URL, {"items": ["initiative-1"]}, format="json")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert Ballot.objects.count() == 0


def test_a_session_needs_its_csrf_token(round_, voter):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(voter)

    response = client.post(URL, {"items": ["initiative-1"]}, format="json")

    assert response.status_code == 403
    assert Ballot.objects.count() == 0
    assert client.get(URL).status_code == 404  # reading needs no token; there is no ballot


def test_one_persons_ballot_is_not_anothers(api, round_):
    api.post(URL, {"items": ["initiative-1"]}, format="json")
    other = APIClient()
    other.force_authenticate(UserFactory())

    assert other.get(URL).status_code == 404


def test_the_endpoint_is_in_the_openapi_schema(client):
    schema = client.get("/api/openapi.json").json()

    operations = schema["paths"]["/api/v1/prioritization/rounds/{slug}/ballot/"]
    assert set(operations) >= {"get", "post"}
    assert set(operations["post"]["responses"]) >= {
        "200",
        "201",
        "400",
        "401",
        "403",
        "404",
        "409",
        "429",
    }
