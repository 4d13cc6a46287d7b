"""Boards through their services: opened once per key, threads and replies under the rules
of comments, a closed board taking nothing new, replies emailed to the thread's author."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import TestCase

from convene.core.errors import ServiceError
from convene.core.models import OutgoingEmail
from convene.discussion import services
from convene.discussion.models import Board, Comment
from tests.factories import UserFactory

from .factories import write

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    return services.board_open(key="tests.board:1", title="Between the meetings")


def start(board, author, title="Venues", body="Where do we meet next?", **fields):
    fields.setdefault("language", "en")
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.thread_create(board=board, author=author, title=title, body=body, **fields)


def answer(thread, author, body="In Nairobi.", **fields):
    fields.setdefault("language", "en")
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.board_reply(thread=thread, author=author, body=body, **fields)


def refused(call, code, **kwargs):
    kwargs.setdefault("language", "en")
    kwargs.setdefault("body", "A comment.")
    count = Comment.objects.count()
    with pytest.raises(ServiceError) as error:
        call(**kwargs)
    assert error.value.code == code
    assert Comment.objects.count() == count  # nothing saved
    return str(error.value.message)


def test_opening_a_board_twice_gives_the_same_board_with_the_latest_title():
    first = services.board_open(key="tests.board:7", title="Series A")
    again = services.board_open(key="tests.board:7", title="  Series A, renamed ")
    other = services.board_open(key="tests.board:8", title="Series B")

    assert again.pk == first.pk != other.pk
    assert Board.objects.get(pk=first.pk).title == "Series A, renamed"
    assert (first.is_open, Board.objects.count()) == (True, 2)


def test_a_thread_has_a_subject_and_a_first_comment(clock, board, participant):
    thread = start(board, participant, title="  Venues \n for 2020 ", body="Where?\r\nSoon.")

    thread.refresh_from_db()
    assert (thread.board, thread.version, thread.parent) == (board, None, None)
    assert (thread.title, thread.body, thread.author) == (
        "Venues for 2020",
        "Where?\nSoon.",
        participant,
    )


@pytest.mark.parametrize(
    ("fields", "code", "message"),
    [
        ({"title": " "}, "title_missing", "Give your thread a subject."),
        (
            {"title": "x" * 201},
            "title_too_long",
            "The subject can be at most 200 characters long.",
        ),
        ({"title": "Venues", "body": "  "}, "empty", "Write your comment before sending it."),
        (
            {"title": "Venues", "language": "xx"},
            "language",
            "Choose the language your comment is written in from the list.",
        ),
    ],
)
def test_a_thread_is_refused_with_a_reason(clock, board, participant, fields, code, message):
    assert (
        refused(services.thread_create, code, board=board, author=participant, **fields) == message
    )


def test_a_reply_to_a_thread_is_emailed_to_its_author_with_a_link_to_it(
    client, clock, board, participant, other
):
    thread = start(board, other)

    reply = answer(thread, participant, body="Why not\nNairobi?")

    assert (reply.board, reply.parent, reply.version, reply.title) == (board, thread, None, "")
    email = OutgoingEmail.objects.get()
    assert (email.to, email.language) == ("bruno@example.org", "fr")
    # In the author's language.
    assert email.subject == "Une réponse à votre fil dans « Between the meetings »"
    assert "Amina a répondu à votre fil dans « Between the meetings » :" in email.body
    assert "Why not\nNairobi?" in email.body
    link = f"{settings.SITE_URL}/fr/comments/{reply.pk}/"
    assert link in email.body
    # The link leads to the thread's page, at the reply.
    response = client.get(link.removeprefix(settings.SITE_URL))
    assert response["Location"] == f"/fr/boards/{board.pk}/threads/{thread.pk}/#comment-{reply.pk}"


def test_no_email_when_replying_in_ones_own_thread(clock, board, participant):
    thread = start(board, participant)
    answer(thread, participant)
    assert OutgoingEmail.objects.count() == 0


def test_replies_go_to_the_first_comment_of_a_visible_thread(
    clock, board, participant, other, moderator
):
    thread = start(board, other)
    reply = answer(thread, participant)
    assert (
        refused(services.board_reply, "nested_reply", thread=reply, author=other)
        == "Reply to the first comment of the thread."
    )

    services.comment_hide(comment=thread, moderator=moderator, reason="Off topic.")
    thread.refresh_from_db()
    assert (
        refused(services.board_reply, "parent_hidden", thread=thread, author=participant)
        == "This comment was hidden by moderators; it cannot be replied to."
    )


def test_a_comment_on_a_document_is_not_a_thread(clock, version, participant, other):
    comment = write(version, other)
    assert refused(services.board_reply, "not_a_board", thread=comment, author=participant)


def test_a_closed_board_takes_no_thread_nor_reply_until_reopened(clock, board, participant, other):
    thread = start(board, other)

    services.board_close(board=board)

    message = "This discussion is closed: it takes no new threads or replies."
    assert Board.objects.get(pk=board.pk).is_open is False
    assert (
        refused(services.thread_create, "board_closed", board=board, author=participant, title="T")
        == message
    )
    assert (
        refused(services.board_reply, "board_closed", thread=thread, author=participant) == message
    )

    services.board_reopen(board=board)
    answer(thread, participant)
    assert Comment.objects.filter(board=board).count() == 2


def test_only_signed_in_active_people_write(clock, board, participant):
    participant.is_active = False
    participant.save()
    assert (
        refused(services.thread_create, "anonymous", board=board, author=participant, title="T")
        == "Log in to write in this discussion."
    )


def test_threads_and_replies_count_towards_the_comment_rate_limit(
    clock, board, version, participant, other
):
    write(version, participant)  # a comment on a document counts too
    thread = start(board, other)
    for number in range(3):
        start(board, participant, title=f"Thread {number}")
        clock.shift(timedelta(seconds=5))
    answer(thread, participant)

    assert refused(services.board_reply, "rate_limited", thread=thread, author=participant) == (
        "You can post at most 5 comments in a short time. "
        "Please wait up to 1 minute and try again; your text is kept below."
    )
    assert refused(
        services.thread_create, "rate_limited", board=board, author=participant, title="Again"
    )
    # Others are not slowed down, and a minute later there is room again.
    answer(thread, UserFactory())
    clock.shift(timedelta(seconds=50))
    start(board, participant, title="A minute later")
