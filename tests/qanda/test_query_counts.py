"""The live questions page and its shared list take an exact number of queries, the same
with 3 or 30 questions (each with a vote), also when three editions share their questions."""

from datetime import timedelta

import pytest

from convene.qanda import services
from tests.events.factories import SessionFactory
from tests.factories import UserFactory

from .factories import QuestionFactory
from .test_shared_live import PAGE, shared

pytestmark = pytest.mark.django_db


def grow(session, count):
    for _number in range(count):
        question = QuestionFactory(session=session)
        services.vote(question=question, user=UserFactory())


# page: (anonymous, signed in). The shared list is the same for everyone: it never looks
# at the login session or the user.
QUERIES = {"page": (3, 7), "shared": (3, 3)}


@pytest.mark.parametrize("viewer", ["anonymous", "participant"])
@pytest.mark.parametrize("page", list(QUERIES))
def test_the_questions_page_and_shared_list_take_an_exact_number_of_queries(
    client, clock, session, amina, django_assert_num_queries, page, viewer
):
    if viewer == "participant":
        client.force_login(amina)
    path = PAGE.format("en", session.pk) if page == "page" else shared(session)
    queries = QUERIES[page][viewer == "participant"]
    for count in (3, 27):  # 3, then 30 questions; the first request after the change
        grow(session, count)
        with django_assert_num_queries(queries):
            assert client.get(path).status_code == 200


@pytest.fixture
def editions(session, host):
    """Three editions of one agenda sharing their questions."""
    session.agenda = "ama"
    session.save()
    others = [
        SessionFactory(
            event=session.event,
            agenda="ama",
            title=f"Edition {number}",
            starts_at=session.starts_at + timedelta(days=number),
            ends_at=session.ends_at + timedelta(days=number),
        )
        for number in (1, 2)
    ]
    services.question_pool_share(session=session, host=host, shared=True)
    return [session, *others]


# The pooled lists take as many queries as a single session's (`QUERIES`); the host's page
# also reads the hosts' log and the editions of the agenda (one query each). The notes are
# text: they read neither the login session nor the user.
POOLED_QUERIES = {
    "page": (QUERIES["page"][0], QUERIES["page"][1], QUERIES["page"][1] + 2),
    "shared": QUERIES["shared"] + (3,),
    "notes.md": (2, 4, 4),
}


@pytest.mark.parametrize("viewer", ["anonymous", "participant", "host"])
@pytest.mark.parametrize("page", list(POOLED_QUERIES))
def test_pooled_editions_take_the_same_number_of_queries_with_3_or_30_questions(
    client, clock, editions, amina, host, django_assert_num_queries, page, viewer
):
    if viewer != "anonymous":
        client.force_login(amina if viewer == "participant" else host)
    path = {
        "page": PAGE.format("en", editions[1].pk),
        "shared": shared(editions[1]),
        "notes.md": PAGE.format("en", editions[1].pk) + "notes.md",
    }[page]
    queries = POOLED_QUERIES[page][["anonymous", "participant", "host"].index(viewer)]
    during = editions[0].starts_at + timedelta(minutes=10)
    for count in (1, 9):  # 3, then 30 questions, spread over the three editions
        clock.move_to(during)
        for edition in editions:
            grow(edition, count)
        if page == "notes.md":  # public once the session has ended
            clock.move_to(editions[1].ends_at)
        with django_assert_num_queries(queries):
            assert client.get(path).status_code == 200
