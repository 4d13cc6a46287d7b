"""The live questions JSON API: the list, asking, voting and withdrawing a vote, refusals."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from convene.accounts.services import user_delete
from convene.qanda import services
from convene.qanda.models import Question, Vote
from tests.events.factories import EventFactory, SessionFactory

from .factories import AFTER, ENDS, STARTS, QuestionFactory, VoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def questions_url(session):
    return f"/api/v1/sessions/{session.pk}/questions/"


def vote_url(question):
    return f"/api/v1/questions/{question.pk}/vote/"


def ask(api, session, **data):
    return api.post(questions_url(session), {"language": "en", **data}, format="json")


def refused(detail, code):
    return {"detail": detail, "code": code}


def invalid(errors):
    return {"detail": "Invalid input.", "code": "invalid", "errors": errors}


def shown(question, **fields):
    """A question as the API shows it; `fields` are what differs from a fresh question."""
    return {
        "id": question.pk,
        "session": question.session_id,
        "edition": question.session.title,
        "text": question.text,
        "language": question.language,
        "is_anonymous": question.is_anonymous,
        "author": None,
        "votes": 0,
        "voted": False,
        "answered": False,
        "answer": None,
        "answered_at": None,
        "answered_in": None,
        "merged_into": None,
        "follows": None,
        "hidden": False,
        "hidden_reason": None,
        "created_at": "2030-11-04T09:10:00Z",
        **fields,
    }


def property_names(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                yield from value
            yield from property_names(value)
    elif isinstance(node, list):
        for item in node:
            yield from property_names(item)


@pytest.fixture
def board(clock, session, host, amina, budi, chen):
    """Four questions a minute apart: the first answered, with a follow-up; the second
    asked anonymously, with a duplicate merged into it."""

    def asked(author, text, **fields):
        question = services.question_ask(
            session=session, author=author, text=text, language="en", **fields
        )
        clock.shift(60)
        return question

    first = asked(amina, "Will hubs be funded?", is_anonymous=False)
    second = asked(budi, "Who elects the council?", is_anonymous=True)
    duplicate = asked(chen, "How is the council chosen?", is_anonymous=False)
    follow_up = asked(budi, "And the hubs in small countries?", is_anonymous=False)
    for question, voters in [(first, [budi, chen]), (second, [amina]), (duplicate, [amina])]:
        for voter in voters:
            services.vote(question=question, user=voter)
    services.merge(duplicate=duplicate, into=second, host=host)
    services.link_follow_up(question=follow_up, follows=first, host=host)
    services.answer(question=first, host=host, text="Yes, from 2031 on.")
    return first, second, duplicate, follow_up


# --- Reading -----------------------------------------------------------------------


def test_questions_come_in_the_order_of_the_live_page(api, board, amina):
    first, second, duplicate, follow_up = board
    api.force_login(amina)

    response = api.get(questions_url(first.session))

    assert response.status_code == 200
    assert response.json() == {
        "count": 4,
        "next": None,
        "previous": None,
        "results": [
            shown(
                first,
                author="Amina",
                votes=2,
                answered=True,
                answer="Yes, from 2031 on.",
                answered_at="2030-11-04T09:14:00Z",
                answered_in=first.session_id,
            ),
            shown(
                follow_up,
                author="Budi",
                follows=first.pk,
                created_at="2030-11-04T09:13:00Z",
            ),
            shown(second, votes=1, voted=True, created_at="2030-11-04T09:11:00Z"),
            shown(
                duplicate,
                author="Chen",
                voted=False,  # the vote moved to the question it was merged into
                merged_into=second.pk,
                created_at="2030-11-04T09:12:00Z",
            ),
        ],
    }
    assert "@example.org" not in response.content.decode()


def test_newest_first_on_request(api, board):
    first, second, duplicate, follow_up = board

    body = api.get(f"{questions_url(first.session)}?sort=time").json()

    assert [q["id"] for q in body["results"]] == [second.pk, duplicate.pk, first.pk, follow_up.pk]


def test_anonymous_askers_stay_anonymous_for_everyone_here(api, board, host, budi):
    second = board[1]

    for viewer in (None, host, budi):
        if viewer is not None:
            api.force_login(viewer)
        body = api.get(f"/api/v1/questions/{second.pk}/").json()
        assert (body["is_anonymous"], body["author"]) == (True, None)


def test_deleted_askers_show_as_null(api, board, amina):
    user_delete(user=amina)

    body = api.get(f"/api/v1/questions/{board[0].pk}/").json()

    assert body["author"] is None


def test_unknown_sort_is_refused(api, session):
    response = api.get(f"{questions_url(session)}?sort=random")

    assert response.status_code == 400
    assert response.json() == invalid({"sort": ['"random" is not a valid choice.']})


def test_questions_of_unpublished_events_are_not_found_even_for_organizers(api, clock, host, amina):
    draft = SessionFactory(
        event=EventFactory(is_published=False, organizers=[host]), starts_at=STARTS, ends_at=ENDS
    )
    question = QuestionFactory(session=draft, author=amina)
    api.force_login(host)

    responses = [
        api.get(questions_url(draft)),
        ask(api, draft, text="Collected early?"),
        api.get(f"/api/v1/questions/{question.pk}/"),
        api.post(vote_url(question)),
    ]

    for response in responses:
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert (Question.objects.count(), Vote.objects.count()) == (1, 0)


def test_times_stay_utc_whatever_the_viewers_zone(api, clock, session, amina):
    question = QuestionFactory(session=session, author=amina)
    api.force_login(amina)
    amina.timezone = "Asia/Jakarta"
    amina.save()
    api.cookies["convene_tz"] = "America/Lima"

    body = api.get(f"/api/v1/questions/{question.pk}/").json()

    assert body["created_at"] == "2030-11-04T09:10:00Z"


# --- Asking ------------------------------------------------------------------------


def test_token_holder_asks_anonymously(api, clock, session, amina):
    token = Token.objects.create(user=amina)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = ask(api, session, text="  Who pays for interpretation?  ", is_anonymous=True)

    assert response.status_code == 201
    question = Question.objects.get()
    assert response.json() == shown(question, is_anonymous=True)
    assert (question.author, question.text) == (amina, "Who pays for interpretation?")


@pytest.mark.parametrize("call", ["ask", "vote", "unvote"])
def test_anonymous_callers_must_authenticate(api, clock, session, call):
    question = QuestionFactory(session=session)
    VoteFactory(question=question)

    response = {
        "ask": lambda: ask(api, session, text="Hello?"),
        "vote": lambda: api.post(vote_url(question)),
        "unvote": lambda: api.delete(vote_url(question)),
    }[call]()

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == refused(
        "Authentication credentials were not provided.", "not_authenticated"
    )
    assert (Question.objects.count(), Vote.objects.count()) == (1, 1)


def test_session_login_needs_a_csrf_token(clock, session, amina):
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(amina)

    response = ask(api, session, text="Hello?")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert Question.objects.count() == 0


def test_after_the_session_asking_is_a_conflict(api, clock, session, amina):
    clock.move_to(AFTER)
    api.force_login(amina)

    response = ask(api, session, text="Too late?")

    assert response.status_code == 409
    assert response.json() == refused("This session no longer takes questions.", "closed")
    assert Question.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "response_body"),
    [
        ({"text": "  "}, refused("Please write your question.", "question_empty")),
        (
            {"text": "x" * 1001},
            refused("Please keep it to 1000 characters; this text has 1001.", "question_too_long"),
        ),
        (
            {"text": "Hi?", "language": "xx"},
            invalid({"language": ['"xx" is not a valid choice.']}),
        ),
        ({"language": "en"}, invalid({"text": ["This field is required."]})),
    ],
)
def test_invalid_questions_are_bad_requests(api, clock, session, amina, data, response_body):
    api.force_login(amina)

    response = ask(api, session, **data)

    assert response.status_code == 400
    assert response.json() == response_body
    assert Question.objects.count() == 0


def test_too_many_questions_at_once_are_refused_with_429(api, clock, session, amina):
    api.force_login(amina)
    for number in range(5):
        assert ask(api, session, text=f"Question {number}?").status_code == 201

    response = ask(api, session, text="One more?")

    assert response.status_code == 429
    assert response.json() == refused(
        "You have asked 5 questions in the last minute. Please wait a moment.", "rate_limited"
    )
    assert Question.objects.count() == 5


# --- Voting ------------------------------------------------------------------------


def test_vote_once_then_withdraw(api, clock, session, amina, budi):
    question = QuestionFactory(session=session, author=budi)
    api.force_login(amina)

    voted = api.post(vote_url(question))
    again = api.post(vote_url(question))

    assert voted.status_code == 200
    assert voted.json() == shown(question, author="Budi", votes=1, voted=True)
    assert again.status_code == 409
    assert again.json() == refused("You have already voted for this question.", "already_voted")
    assert Vote.objects.count() == 1
    question.refresh_from_db()
    assert question.vote_count == 1

    withdrawn = api.delete(vote_url(question))
    twice = api.delete(vote_url(question))

    assert withdrawn.status_code == 200
    assert withdrawn.json() == shown(question, author="Budi")
    assert twice.status_code == 409
    assert twice.json() == refused("You have not voted for this question.", "not_voted")
    assert Vote.objects.count() == 0


def test_votes_for_merged_questions_and_after_the_session_are_conflicts(api, clock, board, budi):
    _first, second, duplicate, _follow_up = board
    api.force_login(budi)

    merged = api.post(vote_url(duplicate))
    clock.move_to(AFTER)
    closed = api.post(vote_url(second))

    assert merged.status_code == 409
    assert merged.json() == refused(
        "This question was merged into another one: vote for that one.", "merged"
    )
    assert closed.status_code == 409
    assert closed.json() == refused("Voting is closed for this session.", "closed")
    assert Vote.objects.filter(user=budi).count() == 1  # the one for the first question


def test_token_holder_votes(api, clock, session, amina):
    question = QuestionFactory(session=session)
    token = Token.objects.create(user=amina)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api.post(vote_url(question))

    assert response.status_code == 200
    assert Vote.objects.get().user == amina


# --- Query counts ------------------------------------------------------------------


@pytest.mark.parametrize("how_many", [5, 50])
def test_question_list_queries_do_not_grow_with_questions(
    api, clock, session, amina, how_many, django_assert_num_queries
):
    questions = QuestionFactory.create_batch(how_many, session=session)
    for question in questions[::2]:
        VoteFactory(question=question, user=amina)
    questions[1].merged_into = questions[0]
    questions[1].follows = questions[2]
    questions[1].save()

    with django_assert_num_queries(2):  # session with event, questions with authors
        anonymous = api.get(questions_url(session))
    api.force_login(amina)
    with django_assert_num_queries(5):  # login session, user, session, questions, votes
        signed_in = api.get(questions_url(session))

    assert len(anonymous.json()["results"]) == how_many
    assert sum(q["voted"] for q in signed_in.json()["results"]) == len(questions[::2])


# --- OpenAPI -----------------------------------------------------------------------


def test_openapi_schema_describes_the_questions_api(api):
    schema = api.get("/api/openapi.json").json()

    methods = {path: sorted(operations) for path, operations in schema["paths"].items()}
    assert methods["/api/v1/sessions/{id}/questions/"] == ["get", "post"]
    assert methods["/api/v1/questions/{id}/"] == ["get"]
    assert methods["/api/v1/questions/{id}/vote/"] == ["delete", "post"]
    ask_responses = schema["paths"]["/api/v1/sessions/{id}/questions/"]["post"]["responses"]
    assert sorted(ask_responses) == ["201", "400", "401", "403", "404", "409", "415", "429"]
    vote = schema["paths"]["/api/v1/questions/{id}/vote/"]
    assert sorted(vote["post"]["responses"]) == ["200", "401", "403", "404", "409"]
    assert sorted(vote["delete"]["responses"]) == ["200", "401", "403", "404", "409"]
    question = schema["components"]["schemas"]["Question"]["properties"]
    assert {"author", "votes", "voted", "answered", "answer", "merged_into", "follows"} <= set(
        question
    )
    names = set(property_names(schema))
    assert not {"email", "meeting_url", "answered_by"} & names
