"""Every error of the JSON API is JSON with a stable code, and the schema says what comes back."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from tests.documents.factories import ITERATION_1, DocumentFactory
from tests.documents.test_publishing import publish
from tests.events.factories import SessionFactory
from tests.factories import UserFactory
from tests.qanda.factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def error(response):
    assert response["Content-Type"].endswith("json")
    body = json.loads(response.content)
    return response.status_code, body["code"]


def test_deeply_nested_json_is_a_parse_error(api):
    session = SessionFactory()
    api.force_authenticate(UserFactory())
    body = "[" * 100_000

    response = api.post(
        f"/api/v1/sessions/{session.pk}/questions/", body, content_type="application/json"
    )

    assert error(response) == (400, "parse_error")


def test_json_nested_deeper_than_any_request_needs_is_a_parse_error(api):
    session = SessionFactory()
    api.force_authenticate(UserFactory())
    body = '{"text": "Why?", "language": "en", "is_anonymous": ' + "[" * 40 + "]" * 40 + "}"

    response = api.post(
        f"/api/v1/sessions/{session.pk}/questions/", body, content_type="application/json"
    )

    assert error(response) == (400, "parse_error")


def test_a_body_not_in_json_is_refused(api):
    session = SessionFactory()
    api.force_authenticate(UserFactory())

    response = api.post(f"/api/v1/sessions/{session.pk}/questions/", {"text": "Why?"})

    assert error(response) == (415, "unsupported_media_type")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/sessions/0.5/",
        "/api/v1/sessions/-1/questions/",
        "/api/v1/nothing/",
        "/api/v1/",
        "/api/v1/sessions/1/registration/extra/",
    ],
)
def test_an_address_no_route_takes_is_a_json_404(api, path):
    response = api.get(path)

    assert error(response) == (404, "not_found")
    assert response.json()["detail"] == "Not found."


def test_an_unknown_object_is_a_json_404(api):
    assert error(api.get("/api/v1/sessions/999999/")) == (404, "not_found")


def test_pages_outside_the_api_keep_the_html_404(client):
    response = client.get("/en/nothing-here/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/events/"),
        ("delete", "/api/v1/sessions/"),
        ("put", "/api/v1/questions/1/"),
        ("post", "/api/openapi.json"),
    ],
)
def test_a_method_an_address_does_not_take_is_a_json_405(api, method, path):
    api.force_authenticate(UserFactory())  # anonymous writes are refused first, with a 401

    response = getattr(api, method)(path)

    assert error(response) == (405, "method_not_allowed")
    assert response["Allow"]


def test_a_server_error_under_the_api_is_json(rf):
    from convene.core.api import server_error

    response = server_error(rf.get("/api/v1/events/"))

    assert response.status_code == 500
    assert json.loads(response.content) == {"detail": "A server error occurred.", "code": "error"}
    assert server_error(rf.get("/en/events/"))["Content-Type"].startswith("text/html")


def test_a_bad_token_is_a_json_401_even_where_anyone_may_read(api):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-token")

    assert error(api.get("/api/v1/events/")) == (401, "authentication_failed")


@pytest.mark.parametrize(
    "query",
    [
        "/api/v1/events/?when=",
        "/api/v1/sessions/?event=",
        "/api/v1/documents/?process=",
        "/api/v1/initiatives/?document=",
        "/api/v1/versions/{version}/?lang=",
        "/api/v1/versions/{version}/comments/?stance=",
        "/api/v1/versions/{version}/comments/?language=",
        "/api/v1/versions/{version}/comments/?paragraph=",
        "/api/v1/sessions/{session}/questions/?sort=",
        "/api/v1/sessions/{session}/questions/?sort=votes&sort=",
    ],
)
def test_an_empty_query_value_is_refused(api, query):
    version = publish(DocumentFactory(), ITERATION_1)
    session = SessionFactory()
    url = query.format(version=version.pk, session=session.pk)

    response = api.get(url)

    assert error(response) == (400, "invalid")
    name = query.rsplit("?", 1)[1].split("=")[0]
    assert list(response.json()["errors"]) == [name]


def test_an_empty_page_is_an_invalid_page(api):
    response = api.get("/api/v1/events/?page=")

    assert error(response) == (404, "not_found")
    assert response.json()["detail"] == "Invalid page."


def test_merged_into_and_follows_are_null_when_not_set(api):
    question = QuestionFactory()

    body = api.get(f"/api/v1/questions/{question.pk}/").json()

    assert body["merged_into"] is None
    assert body["follows"] is None


@pytest.fixture
def schema(api):
    return api.get("/api/openapi.json").json()


def test_the_schema_says_which_fields_may_be_null(schema):
    question = schema["components"]["schemas"]["Question"]["properties"]
    version = schema["components"]["schemas"]["Version"]["properties"]

    assert question["merged_into"]["nullable"] is True
    assert question["follows"]["nullable"] is True
    assert "nullable" not in version["published_at"]  # only published versions are shown


def test_the_schema_declares_the_error_bodies(schema):
    error_ref = {"$ref": "#/components/schemas/Error"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "401" in responses, (method, path)
            for code, response in responses.items():
                if code.startswith("4"):
                    body = response["content"]["application/json"]["schema"]
                    assert body in (error_ref, {"$ref": "#/components/schemas/ValidationError"})
            if "requestBody" in operation:
                assert list(operation["requestBody"]["content"]) == ["application/json"]
                assert "415" in responses and "400" in responses
