"""A board's page and a thread's page take an exact number of queries, the same with 2 or
20 threads, and with 2 or 20 replies."""

import pytest

from convene.discussion import services
from tests.factories import UserFactory

from .factories import CommentFactory

pytestmark = pytest.mark.django_db

# page: (anonymous, signed in, moderator). The board, then its page of threads and their
# count, or the thread and its replies. A signed-in reader adds the session, the user and
# whether they moderate (the header's link to the queue); on a thread's page, their
# permissions too (two queries), for the moderation forms.
QUERIES = {"board": (3, 6, 6), "thread": (3, 8, 8)}


def grow(board, thread, count):
    """`count` more threads (each with a reply), and `count` more replies to `thread`."""
    for _number in range(count):
        other = CommentFactory(board=board, title="Another thread")
        CommentFactory(board=board, parent=other)
        CommentFactory(board=board, parent=thread)


@pytest.mark.parametrize("viewer", ["anonymous", "participant", "moderator"])
@pytest.mark.parametrize("page", list(QUERIES))
def test_board_pages_take_an_exact_number_of_queries_whatever_the_threads(
    client, clock, django_assert_num_queries, moderator, page, viewer
):
    if viewer == "participant":
        client.force_login(UserFactory())
    elif viewer == "moderator":
        client.force_login(moderator)
    board = services.board_open(key="tests.board:1", title="Between the meetings")
    thread = CommentFactory(board=board, title="Venues")
    url = (
        f"/en/boards/{board.pk}/"
        if page == "board"
        else f"/en/boards/{board.pk}/threads/{thread.pk}/"
    )
    queries = QUERIES[page][("anonymous", "participant", "moderator").index(viewer)]
    for count in (2, 18):  # 2 threads and replies, then 20
        grow(board, thread, count)
        with django_assert_num_queries(queries):
            response = client.get(url)
        assert response.status_code == 200
    html = response.text
    if page == "board":
        assert html.count('class="card"') == 20  # one full page (21 threads in all)
    else:
        assert html.count('<article id="comment-') == 21  # the thread and its 20 replies
