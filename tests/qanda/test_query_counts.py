"""The live questions page and its shared list take an exact number of queries, the same
with 3 or 30 questions (each with a vote)."""

import pytest

from convene.qanda import services
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
QUERIES = {"page": (3, 6), "shared": (3, 3)}


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
