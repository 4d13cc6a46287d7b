"""The open-space API in the OpenAPI schema: it generates without warnings, lists every
address with its methods, has no meeting link nor email in any of its shapes, and the API
keeps to it (Schemathesis against a live server, anonymous and with a participant's token)."""

from __future__ import annotations

import os
import subprocess
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from drf_spectacular.validation import validate_schema
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from convene.openspace.models import OpenSpace
from tests.core.test_api_schema_fuzz import SCHEMATHESIS
from tests.events.factories import EventFactory, SessionFactory

from .factories import (
    NoteVersionFactory,
    OpenSpaceFactory,
    RoomFactory,
    SeriesFactory,
    SeriesMeetingFactory,
    SlotFactory,
    TopicFactory,
    participant,
    placed,
)

PATHS = {
    "/api/v1/open-spaces/": ["get"],
    "/api/v1/open-spaces/{slug}/": ["get"],
    "/api/v1/open-spaces/{slug}/harvest/": ["get"],
    "/api/v1/open-spaces/{slug}/topics/": ["post"],
    "/api/v1/open-spaces/{slug}/topics/{id}/place/": ["post"],
    "/api/v1/open-spaces/{slug}/topics/{id}/interest/": ["post"],
    "/api/v1/open-spaces/{slug}/topics/{id}/join/": ["post"],
    "/api/v1/open-spaces/{slug}/topics/{id}/withdraw/": ["post"],
    "/api/v1/series/{slug}/": ["get"],
}


def test_the_schema_generates_without_warnings(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "openapi.yaml")
    )


@pytest.mark.django_db
def test_the_schema_lists_the_open_space_api_without_links_or_emails():
    response = APIClient().get("/api/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)
    ours = {
        path: sorted(operations)
        for path, operations in schema["paths"].items()
        if path.startswith(("/api/v1/open-spaces/", "/api/v1/series/"))
    }
    assert ours == PATHS
    place = schema["paths"]["/api/v1/open-spaces/{slug}/topics/{id}/place/"]["post"]
    assert sorted(place["responses"]) == ["200", "400", "401", "403", "404", "409", "415"]
    propose = schema["paths"]["/api/v1/open-spaces/{slug}/topics/"]["post"]
    assert sorted(propose["responses"]) == [
        "201",
        "400",
        "401",
        "403",
        "404",
        "409",
        "415",
        "429",
    ]
    components = schema["components"]["schemas"]
    names = (
        "OpenSpace",
        "OpenSpaceDetail",
        "Room",
        "Slot",
        "Topic",
        "Harvest",
        "HarvestTopic",
        "Note",
        "Action",
        "Series",
        "SeriesMeeting",
        "Cohosts",
        "OrganizationRef",
    )
    for name in names:
        properties = set(components[name]["properties"])
        assert not properties & {"meeting_url", "email", "join_link", "link", "url"}, name
    assert components["Topic"]["properties"]["status"] == {
        "$ref": "#/components/schemas/TopicStatusEnum"
    }
    assert components["Note"]["properties"]["language"] == {
        "$ref": "#/components/schemas/LanguageEnum"
    }


def open_spaces_to_fuzz():
    """A published open space in its days of slots with topics, notes, a harvest published;
    one being prepared; a series."""
    now = timezone.now().replace(microsecond=0)
    space = OpenSpaceFactory(event=EventFactory(slug="running"), circle=False)
    SessionFactory(event=space.event, starts_at=now - timedelta(hours=1), ends_at=now)
    slots = [
        SlotFactory(
            open_space=space,
            starts_at=now + timedelta(hours=n),
            ends_at=now + timedelta(hours=n, minutes=50),
        )
        for n in range(2)
    ]
    rooms = [RoomFactory(open_space=space, name=f"Room {n}") for n in range(2)]
    person = participant(space)
    topic = placed(TopicFactory(open_space=space, convener=person), slots[0], rooms[0])
    TopicFactory(open_space=space, convener=person)
    NoteVersionFactory(topic=topic, number=1)
    done = OpenSpaceFactory(event=EventFactory(slug="done"))
    OpenSpace.objects.filter(pk=done.pk).update(harvest_published_at=now)
    series = SeriesFactory(slug="journey")
    SeriesMeetingFactory(series=series, event=space.event)
    SeriesMeetingFactory(series=series, event=done.event)
    return person, topic


# Bodies that keep to the schema are refused where the refusal depends on the data or on
# rules a schema cannot state: a title of spaces only, a place taken or over, a topic
# withdrawn, someone else's topic, an organizer's missing reason. The addresses are those
# of the open space, its topic and the series made for the run (else nearly every request
# would meet a 404).
CONFIG = """
[phases.coverage]
unexpected-methods = ["PUT", "PATCH"]

[[operations]]
include-path-regex = "^/api/v1/open-spaces/[{]slug[}]/"
parameters = { "path.slug" = "running", "path.id" = TOPIC }

[[operations]]
include-method = "POST"
include-path-regex = "^/api/v1/open-spaces/"
checks.positive_data_acceptance.expected-statuses = [
  "2xx", "400", "401", "403", "404", "409", "429",
]

[[operations]]
include-path-regex = "^/api/v1/series/"
parameters = { "path.slug" = "journey" }
"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("caller", ["anonymous", "token"])
def test_the_open_space_api_keeps_to_its_schema(live_server, tmp_path, caller):
    if not SCHEMATHESIS.exists():
        pytest.skip("Schemathesis is not installed")
    person, topic = open_spaces_to_fuzz()
    headers = []
    if caller == "token":
        headers = ["--header", f"Authorization: Token {Token.objects.create(user=person).key}"]
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG.replace("TOPIC", str(topic.pk)))
    env = {
        name: value
        for name, value in os.environ.items()
        if name.lower() not in {"http_proxy", "https_proxy", "all_proxy"}
    }
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    command = [
        str(SCHEMATHESIS),
        "--config-file",
        str(config),
        "--no-color",
        "run",
        f"{live_server.url}/api/openapi.json",
        "--include-path-regex",
        r"^/api/v1/(open-spaces|series)/",
        "--checks",
        "all",
        "--max-examples",
        "5",
        "--generation-deterministic",
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--max-redirects",
        "0",
        *headers,
    ]

    result = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False
    )

    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
