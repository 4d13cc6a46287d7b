"""The reading, diff, feedback, synthesis and search pages take an exact number of queries,
the same with 3 or 30 comments."""

import pytest

from tests.factories import UserFactory

from .factories import CommentFactory, paragraphs_of

pytestmark = pytest.mark.django_db

BASE = "/en/processes/ms2030/advocacy/"
PATHS = {
    "reading": BASE + "v1/",
    "diff": BASE + "diff/?from=1&to=2",
    "feedback": BASE + "v1/feedback/",
    "synthesis": BASE + "v1/feedback/synthesis/",
    "search": "/en/search/?q=support",
}


def grow(version, count):
    for _number in range(count):
        parent = CommentFactory(version=version, paragraph=paragraphs_of(version)[0])
        CommentFactory(version=version, parent=parent)


# page: (anonymous, signed in); a signed-in reader adds the login session, the user,
# whether they moderate (one query, for the header's link to the moderation queue) and
# what the page shows only to them (their follows, the forms to write).
QUERIES = {
    "reading": (6, 13),
    "diff": (4, 7),
    "feedback": (6, 11),
    "synthesis": (6, 9),
    "search": (4, 7),
}


@pytest.mark.parametrize("viewer", ["anonymous", "participant"])
@pytest.mark.parametrize("page", list(PATHS))
def test_each_document_page_takes_an_exact_number_of_queries_whatever_the_comments(
    client, clock, version, second_version, django_assert_num_queries, page, viewer
):
    if viewer == "participant":
        client.force_login(UserFactory())
    queries = QUERIES[page][viewer == "participant"]
    for count in (3, 27):  # 3, then 30 threads
        grow(version, count)
        with django_assert_num_queries(queries):
            assert client.get(PATHS[page]).status_code == 200
