"""The events JSON API: public reads, registration, errors, query counts, OpenAPI schema."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from drf_spectacular.validation import validate_schema
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from convene.events.models import Registration
from tests.factories import UserFactory

from .factories import (
    FIXED_NOW,
    EventFactory,
    QuestionFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

MEETING_URL = "https://meet.example.org/secret-room-42"
SESSION_START = datetime(2026, 3, 11, 12, 0, tzinfo=UTC)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def frozen():
    with time_machine.travel(FIXED_NOW, tick=False) as traveller:
        yield traveller


def make_session(**fields):
    fields.setdefault("starts_at", SESSION_START)
    fields.setdefault("ends_at", fields["starts_at"] + timedelta(hours=2))
    return SessionFactory(**fields)


def registration_url(session):
    return f"/api/v1/sessions/{session.pk}/registration/"


def register(api, session, **data):
    return api.post(
        registration_url(session), {"accept_code_of_conduct": True, **data}, format="json"
    )


def signed_in(api, user=None):
    user = user or UserFactory()
    api.logout()
    api.force_login(user)
    return user


def refused(detail, code):
    return {"detail": detail, "code": code}


def invalid(errors):
    return {"detail": "Invalid input.", "code": "invalid", "errors": errors}


# --- Events ----------------------------------------------------------------------


def test_event_detail_has_every_field_and_its_sessions_in_utc(api, frozen):
    event = EventFactory(
        slug="global-conversations",
        title="Global Conversations",
        summary="Which initiatives need global coordination?",
        description="We meet **three times**.",
        timezone="Africa/Lagos",
        registration_opens_at=datetime(2026, 2, 1, 9, 0, tzinfo=UTC),
        registration_closes_at=datetime(2026, 3, 10, 12, 0, tzinfo=UTC),
        link_reveal_hours=24,
    )
    later = make_session(
        event=event, title="Second sitting", starts_at=SESSION_START + timedelta(days=1)
    )
    first = make_session(
        event=event,
        title="First sitting",
        agenda="hubs",
        description="Hubs, *regionally*.",
        timezone="Africa/Lagos",
        capacity=100,
        confirmed_count=40,
        interpretation_languages=["ar", "fr"],
        location_type="hybrid",
        venue="Lagos, Yaba hub",
    )

    response = api.get("/api/v1/events/global-conversations/")

    assert response.status_code == 200
    assert response.json() == {
        "slug": "global-conversations",
        "title": "Global Conversations",
        "summary": "Which initiatives need global coordination?",
        "description": "We meet **three times**.",
        "timezone": "Africa/Lagos",
        "registration_opens_at": "2026-02-01T09:00:00Z",
        "registration_closes_at": "2026-03-10T12:00:00Z",
        "language": "en",
        "link_reveal_hours": 24,
        "reminder_hours": 24,
        "code_of_conduct_url": "https://meta.wikimedia.org/wiki/Universal_Code_of_Conduct",
        "url": "http://testserver/en/events/global-conversations/",
        "shown_in": {"title": "en", "summary": "en", "description": "en"},
        "sessions": [
            {
                "id": first.pk,
                "event": "global-conversations",
                "title": "First sitting",
                "agenda": "hubs",
                "description": "Hubs, *regionally*.",
                "starts_at": "2026-03-11T12:00:00Z",
                "ends_at": "2026-03-11T14:00:00Z",
                "timezone": "Africa/Lagos",
                "interpretation_languages": ["ar", "fr"],
                "capacity": 100,
                "places_left": 60,
                "location_type": "hybrid",
                "venue": "Lagos, Yaba hub",
                "registration_state": "open",
                "link_reveal_at": "2026-03-10T12:00:00Z",
                "shown_in": {"title": "en", "description": "en"},
            },
            {
                "id": later.pk,
                "event": "global-conversations",
                "title": "Second sitting",
                "agenda": "",
                "description": "",
                "starts_at": "2026-03-12T12:00:00Z",
                "ends_at": "2026-03-12T14:00:00Z",
                "timezone": "UTC",
                "interpretation_languages": ["ar", "fr", "es"],
                "capacity": 250,
                "places_left": 250,
                "location_type": "online",
                "venue": "",
                "registration_state": "open",
                "link_reveal_at": "2026-03-11T12:00:00Z",
                "shown_in": {"title": "en", "description": "en"},
            },
        ],
    }
    assert MEETING_URL not in response.content.decode()


def test_times_stay_utc_whatever_the_viewers_zone(api, frozen):
    session = make_session()
    signed_in(api, UserFactory(timezone="Asia/Kolkata"))
    api.cookies["convene_tz"] = "Asia/Tokyo"

    response = api.get(f"/api/v1/sessions/{session.pk}/")

    assert response.json()["starts_at"] == "2026-03-11T12:00:00Z"
    assert response.json()["link_reveal_at"] == "2026-03-09T12:00:00Z"


def test_event_list_shows_published_events_newest_first(api, frozen):
    older = EventFactory(slug="older")
    frozen.shift(60)
    EventFactory(slug="draft", is_published=False)
    newer = EventFactory(slug="newer")

    response = api.get("/api/v1/events/")

    assert response.status_code == 200
    body = response.json()
    assert [event["slug"] for event in body["results"]] == [newer.slug, older.slug]
    assert (body["count"], body["next"], body["previous"]) == (2, None, None)
    assert "sessions" not in body["results"][0]


def test_event_list_is_paginated_fifty_a_page(api):
    EventFactory.create_batch(51)

    first = api.get("/api/v1/events/").json()
    second = api.get(first["next"]).json()

    assert (first["count"], len(first["results"])) == (51, 50)
    assert first["next"] == "http://testserver/api/v1/events/?page=2"
    assert first["previous"] is None
    assert (second["count"], len(second["results"]), second["next"]) == (51, 1, None)
    assert second["previous"] == "http://testserver/api/v1/events/"
    assert api.get("/api/v1/events/?page=3").json() == refused("Invalid page.", "not_found")


def test_event_list_filters_upcoming_and_past(api, frozen):
    make_session(
        event=EventFactory(slug="over"),
        starts_at=FIXED_NOW - timedelta(days=3),
    )
    make_session(
        event=EventFactory(slug="long-ago"),
        starts_at=FIXED_NOW - timedelta(days=30),
    )
    make_session(event=EventFactory(slug="later"), starts_at=FIXED_NOW + timedelta(days=20))
    make_session(event=EventFactory(slug="soon"), starts_at=FIXED_NOW + timedelta(days=2))
    # Running right now: not over yet, so upcoming.
    make_session(event=EventFactory(slug="now"), starts_at=FIXED_NOW - timedelta(hours=1))
    EventFactory(slug="no-sessions-yet")

    def slugs(query):
        return [event["slug"] for event in api.get(f"/api/v1/events/{query}").json()["results"]]

    assert slugs("?when=upcoming") == ["now", "soon", "later", "no-sessions-yet"]
    assert slugs("?when=past") == ["over", "long-ago"]


def test_event_list_refuses_an_unknown_filter(api):
    response = api.get("/api/v1/events/?when=someday")

    assert response.status_code == 400
    assert response.json() == invalid({"when": ['"someday" is not a valid choice.']})


def test_unpublished_events_and_their_sessions_are_not_found_even_for_organizers(api):
    organizer = UserFactory()
    draft = EventFactory(slug="draft", is_published=False, organizers=[organizer])
    session = make_session(event=draft)
    signed_in(api, organizer)

    assert api.get("/api/v1/events/").json()["count"] == 0
    assert api.get("/api/v1/sessions/").json()["count"] == 0
    for url in (
        "/api/v1/events/draft/",
        f"/api/v1/sessions/{session.pk}/",
        registration_url(session),
    ):
        response = api.get(url)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert register(api, session).status_code == 404
    assert Registration.objects.count() == 0


def test_unknown_event_is_not_found(api):
    response = api.get("/api/v1/events/nothing-here/")

    assert response.status_code == 404
    assert response.json() == refused("No Event matches the given query.", "not_found")


# --- Sessions ----------------------------------------------------------------------


def test_session_list_filters_by_event_in_start_order(api, frozen):
    hubs = EventFactory(slug="hubs")
    late = make_session(event=hubs, starts_at=SESSION_START + timedelta(days=2))
    early = make_session(event=hubs, starts_at=SESSION_START)
    other = make_session(
        event=EventFactory(slug="other"), starts_at=SESSION_START + timedelta(days=1)
    )
    make_session(event=EventFactory(is_published=False))

    every = api.get("/api/v1/sessions/").json()
    of_hubs = api.get("/api/v1/sessions/?event=hubs").json()

    assert [s["id"] for s in every["results"]] == [early.pk, other.pk, late.pk]
    assert every["count"] == 3
    assert [s["id"] for s in of_hubs["results"]] == [early.pk, late.pk]
    assert of_hubs["count"] == 2
    assert api.get("/api/v1/sessions/?event=unknown").json()["count"] == 0


def test_session_shows_its_registration_state(api, frozen):
    not_yet = make_session(event=EventFactory(registration_opens_at=FIXED_NOW + timedelta(days=1)))
    closed = make_session(event=EventFactory(registration_closes_at=FIXED_NOW - timedelta(days=1)))
    started = make_session(starts_at=FIXED_NOW - timedelta(minutes=5))
    full = make_session(capacity=1, confirmed_count=1)

    def state(session):
        return api.get(f"/api/v1/sessions/{session.pk}/").json()["registration_state"]

    assert [state(s) for s in (not_yet, closed, started, full)] == [
        "not_yet_open",
        "closed",
        "started",
        "open",  # a full session still takes people, onto the waiting list
    ]
    assert api.get(f"/api/v1/sessions/{full.pk}/").json()["places_left"] == 0


def test_public_session_never_shows_the_meeting_link(api, frozen):
    session = make_session()
    registrant = UserFactory()
    signed_in(api, registrant)
    assert register(api, session).json()["status"] == "confirmed"

    for moment in (FIXED_NOW, SESSION_START - timedelta(hours=1)):
        frozen.move_to(moment)
        for url in (
            f"/api/v1/sessions/{session.pk}/",
            "/api/v1/sessions/",
            f"/api/v1/events/{session.event.slug}/",
            "/api/v1/events/",
        ):
            response = api.get(url)
            assert response.status_code == 200
            assert "meeting_url" not in response.content.decode()
            assert MEETING_URL not in response.content.decode()


# --- Query counts ------------------------------------------------------------------


@pytest.mark.parametrize("how_many", [3, 30])
def test_event_list_queries_do_not_grow_with_events(api, how_many, django_assert_num_queries):
    for _ in range(how_many):
        make_session(event=EventFactory())

    with django_assert_num_queries(2):  # count, page
        response = api.get("/api/v1/events/")

    assert len(response.json()["results"]) == how_many


@pytest.mark.parametrize("how_many", [3, 30])
def test_session_list_and_event_detail_queries_do_not_grow_with_sessions(
    api, frozen, how_many, django_assert_num_queries
):
    event = EventFactory(slug="big")
    sessions = [
        make_session(event=event, capacity=2, starts_at=SESSION_START + timedelta(hours=3 * i))
        for i in range(how_many)
    ]
    for session in sessions:
        for _ in range(2):
            user = UserFactory()
            Registration.objects.create(
                session=session,
                user=user,
                status="confirmed",
                code_of_conduct_accepted_at=FIXED_NOW,
            )

    with django_assert_num_queries(2):  # count, page with events joined
        sessions_page = api.get("/api/v1/sessions/")
    with django_assert_num_queries(2):  # event, its sessions
        detail = api.get("/api/v1/events/big/")

    assert len(sessions_page.json()["results"]) == how_many
    assert len(detail.json()["sessions"]) == how_many


# --- Registration ------------------------------------------------------------------


def test_register_confirms_and_answers_201_with_the_registration(api, frozen):
    session = make_session(capacity=2)
    question = QuestionFactory(event=session.event, label="Your community?", required=True)
    user = signed_in(api)

    response = register(
        api,
        session,
        interpretation_language="fr",
        needs_data_support=True,
        accessibility_needs="Captions, please.",
        answers={str(question.pk): "  Yoruba Wikipedia  "},
    )

    assert response.status_code == 201
    assert response.json() == {
        "session": session.pk,
        "status": "confirmed",
        "created_at": "2026-03-01T12:00:00Z",
        "confirmed_at": "2026-03-01T12:00:00Z",
        "waitlist_position": None,
        "interpretation_language": "fr",
        "needs_data_support": True,
        "needs_childcare": False,
        "accessibility_needs": "Captions, please.",
        "attendance": "",
        "answers": {str(question.pk): "Yoruba Wikipedia"},
        "join_link": None,
        "join_link_available_at": "2026-03-09T12:00:00Z",
    }
    assert api.get(registration_url(session)).json() == response.json()
    registration = Registration.objects.get()
    assert (registration.user, registration.status) == (user, "confirmed")
    session.refresh_from_db()
    assert session.confirmed_count == 1


def test_second_registration_is_a_conflict(api, frozen):
    session = make_session()
    signed_in(api)
    assert register(api, session).status_code == 201

    response = register(api, session)

    assert response.status_code == 409
    assert response.json() == refused(
        "You are already registered for this session.", "already_registered"
    )
    assert Registration.objects.count() == 1


def test_full_session_puts_the_next_person_on_the_waiting_list(api, frozen):
    session = make_session(capacity=1)
    signed_in(api)
    register(api, session)
    signed_in(api)

    response = register(api, session)

    assert response.status_code == 201
    assert response.json()["status"] == "waitlisted"
    assert response.json()["waitlist_position"] == 1
    assert response.json()["confirmed_at"] is None


def test_join_link_only_for_confirmed_registrants_from_the_reveal_time(api, frozen):
    session = make_session(capacity=1)
    confirmed = signed_in(api)
    register(api, session)
    waitlisted = signed_in(api)
    register(api, session)

    signed_in(api, confirmed)
    before = api.get(registration_url(session))
    assert before.json()["join_link"] is None
    assert MEETING_URL not in before.content.decode()

    frozen.move_to(session.link_reveal_at)
    assert api.get(registration_url(session)).json()["join_link"] == MEETING_URL

    signed_in(api, waitlisted)
    response = api.get(registration_url(session))
    assert response.json()["status"] == "waitlisted"
    assert response.json()["join_link"] is None
    assert MEETING_URL not in response.content.decode()


def test_without_a_meeting_link_there_is_no_join_link(api, frozen):
    session = make_session(meeting_url="", location_type="in_person")
    signed_in(api)
    register(api, session)
    frozen.move_to(session.link_reveal_at + timedelta(minutes=1))

    assert api.get(registration_url(session)).json()["join_link"] is None


def test_registration_of_someone_not_registered_is_not_found(api):
    session = make_session(starts_at=datetime.now(UTC) + timedelta(days=3))
    signed_in(api)

    response = api.get(registration_url(session))

    assert response.status_code == 404
    assert response.json() == refused("You are not registered for this session.", "not_registered")


def test_cancel_answers_204_promotes_the_waiting_list_and_cannot_repeat(api, frozen):
    session = make_session(capacity=1)
    first = signed_in(api)
    register(api, session)
    second = signed_in(api)
    register(api, session)

    signed_in(api, first)
    response = api.delete(registration_url(session))

    assert response.status_code == 204
    assert response.content == b""
    assert Registration.objects.get(user=first).status == "cancelled"
    again = api.delete(registration_url(session))
    assert again.status_code == 404
    assert again.json() == refused("You are not registered for this session.", "not_registered")
    signed_in(api, second)
    assert api.get(registration_url(session)).json()["status"] == "confirmed"


def test_cancel_after_the_session_started_answers_409(api, frozen):
    session = make_session()
    user = signed_in(api)
    register(api, session)
    frozen.move_to(session.starts_at)

    response = api.delete(registration_url(session))

    assert response.status_code == 409
    assert response.json() == refused(
        "This session has started: its registrations can no longer be cancelled.",
        "session_started",
    )
    assert Registration.objects.get(user=user).status == "confirmed"


def test_cancelled_registration_can_be_renewed(api, frozen):
    session = make_session()
    signed_in(api)
    register(api, session)
    api.delete(registration_url(session))

    response = register(api, session)

    assert response.status_code == 201
    assert response.json()["status"] == "confirmed"


@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_anonymous_callers_must_authenticate(api, method):
    session = make_session(starts_at=datetime.now(UTC) + timedelta(days=3))

    response = getattr(api, method)(
        registration_url(session), {"accept_code_of_conduct": True}, format="json"
    )

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == refused(
        "Authentication credentials were not provided.", "not_authenticated"
    )
    assert Registration.objects.count() == 0


def test_token_authentication_registers_the_tokens_owner(api, frozen):
    session = make_session()
    user = UserFactory()
    token = Token.objects.create(user=user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = register(api, session)

    assert response.status_code == 201
    assert Registration.objects.get().user == user
    assert api.get(registration_url(session)).json()["status"] == "confirmed"


def test_an_unknown_token_is_refused(api, frozen):
    session = make_session()
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = register(api, session)

    assert response.status_code == 401
    assert response.json() == refused("Invalid token.", "authentication_failed")


def test_session_login_needs_a_csrf_token(frozen):
    session = make_session()
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(UserFactory())

    response = register(api, session)

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert Registration.objects.count() == 0


# --- Registration errors -----------------------------------------------------------


def test_answers_are_checked_per_question(api, frozen):
    session = make_session()
    required = QuestionFactory(event=session.event, required=True)
    choice = QuestionFactory(event=session.event, kind="single_choice", choices=["a", "b"])
    signed_in(api)

    response = register(api, session, answers={str(choice.pk): "c"})

    assert response.status_code == 400
    assert response.json() == invalid(
        {
            "answers": {
                str(required.pk): ["This question needs an answer."],
                str(choice.pk): ["Please choose one of the options given."],
            }
        }
    )
    assert Registration.objects.count() == 0


def test_answers_to_unknown_questions_are_refused(api, frozen):
    session = make_session()
    signed_in(api)

    response = register(api, session, answers={"999999": "hello"})

    assert response.status_code == 400
    assert response.json() == invalid({"answers": ["Answers to unknown questions were sent."]})


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"accessibility_needs": "x" * 1001},
            {"accessibility_needs": ["Ensure this field has no more than 1000 characters."]},
        ),
        (
            {"accept_code_of_conduct": None},
            {"accept_code_of_conduct": ["This field may not be null."]},
        ),
        ({"needs_childcare": "perhaps"}, {"needs_childcare": ["Must be a valid boolean."]}),
        (
            {"answers": ["a", "b"]},
            {"answers": ['Expected a dictionary of items but got type "list".']},
        ),
    ],
)
def test_invalid_input_is_refused_per_field(api, frozen, data, errors):
    session = make_session()
    signed_in(api)

    response = register(api, session, **data)

    assert response.status_code == 400
    assert response.json() == invalid(errors)
    assert Registration.objects.count() == 0


def test_code_of_conduct_must_be_accepted(api, frozen):
    session = make_session()
    signed_in(api)

    missing = api.post(registration_url(session), {}, format="json")
    declined = register(api, session, accept_code_of_conduct=False)

    assert missing.status_code == 400
    assert missing.json() == invalid({"accept_code_of_conduct": ["This field is required."]})
    assert declined.status_code == 400
    assert declined.json() == refused(
        "Please accept the code of conduct to register.", "code_of_conduct"
    )


def test_interpretation_must_be_offered_by_the_session(api, frozen):
    session = make_session(interpretation_languages=["ar"])
    signed_in(api)

    response = register(api, session, interpretation_language="fr")

    assert response.status_code == 400
    assert response.json() == refused(
        "This session offers no interpretation into that language.", "interpretation"
    )


def test_malformed_json_is_a_bad_request(api, frozen):
    session = make_session()
    signed_in(api)

    response = api.post(
        registration_url(session),
        '{"accept_code_of_conduct": tru',
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json() == refused(
        "JSON parse error - Expecting value: line 1 column 28 (char 27)", "parse_error"
    )


@pytest.mark.parametrize(
    ("event_fields", "starts_in", "detail", "code"),
    [
        (
            {"registration_closes_at": FIXED_NOW - timedelta(hours=1)},
            timedelta(days=3),
            "Registration for this event has closed.",
            "registration_closed",
        ),
        (
            {"registration_opens_at": FIXED_NOW + timedelta(hours=1)},
            timedelta(days=3),
            "Registration for this session has not opened yet.",
            "registration_not_yet_open",
        ),
        (
            {},
            -timedelta(minutes=1),
            "This session has already started; registration is closed.",
            "registration_started",
        ),
    ],
)
def test_registration_outside_its_window_is_a_conflict(
    api, frozen, event_fields, starts_in, detail, code
):
    session = make_session(event=EventFactory(**event_fields), starts_at=FIXED_NOW + starts_in)
    signed_in(api)

    response = register(api, session)

    assert response.status_code == 409
    assert response.json() == refused(detail, code)
    assert Registration.objects.count() == 0


def test_errors_follow_accept_language(api, frozen):
    # The message is in the caller's language; the code stays the same in every language.
    session = make_session(
        event=EventFactory(registration_closes_at=FIXED_NOW - timedelta(hours=1))
    )
    signed_in(api)

    response = api.post(
        registration_url(session),
        {"accept_code_of_conduct": True},
        format="json",
        headers={"Accept-Language": "fr"},
    )

    assert response.status_code == 409
    assert response["Content-Language"] == "fr"
    assert response.json() == refused(
        "Les inscriptions à cet événement sont closes.", "registration_closed"
    )


# --- OpenAPI -----------------------------------------------------------------------


def test_openapi_schema_describes_the_api_without_meeting_links(api):
    response = api.get("/api/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    methods = {path: sorted(operations) for path, operations in schema["paths"].items()}
    assert methods["/api/v1/events/"] == ["get"]
    assert methods["/api/v1/events/{slug}/"] == ["get"]
    assert methods["/api/v1/sessions/"] == ["get"]
    assert methods["/api/v1/sessions/{id}/"] == ["get"]
    assert methods["/api/v1/sessions/{id}/registration/"] == ["delete", "get", "post"]
    registration = schema["paths"]["/api/v1/sessions/{id}/registration/"]
    assert sorted(registration["post"]["responses"]) == [
        "201",
        "400",
        "401",
        "403",
        "404",
        "409",
        "415",
    ]
    assert sorted(registration["delete"]["responses"]) == ["204", "401", "403", "404", "409"]

    def property_names(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties" and isinstance(value, dict):
                    yield from value
                yield from property_names(value)
        elif isinstance(node, list):
            for item in node:
                yield from property_names(item)

    names = set(property_names(schema))
    assert "meeting_url" not in names
    assert "join_link" in schema["components"]["schemas"]["Registration"]["properties"]
    assert "meeting_url" not in response.content.decode()


def test_openapi_schema_generates_without_warnings(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "openapi.yaml")
    )
