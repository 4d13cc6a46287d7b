"""Board pages by role: everyone reads, signed-in people write, moderators hide and show
through the pages of feedback, reports lead to the thread; the owner of a board links
back to its page or keeps the board from being read."""

import re
from datetime import timedelta

import pytest
from django.test import TestCase
from rest_framework.test import APIClient

from convene.core.models import OutgoingEmail
from convene.discussion import services
from convene.discussion.boards import board_owner_register, board_owner_unregister
from convene.discussion.models import Comment, Report
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    return services.board_open(key="tests.board:1", title="Between the meetings")


@pytest.fixture
def owner():
    """The owner of "tests.owned:" boards: the one of key "tests.owned:hidden" cannot be
    read, the others link back to their page."""

    def describe(board):
        if board.key.endswith(":hidden"):
            return None
        return ("Back to the series", "/en/series/1/")

    board_owner_register("tests.owned:", describe)
    yield
    board_owner_unregister("tests.owned:")


def start(board, author, title="Venues", body="Where do we meet next?"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.thread_create(
            board=board, author=author, title=title, body=body, language="en"
        )


def answer(thread, author, body="In Nairobi."):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.board_reply(thread=thread, author=author, body=body, language="en")


def board_url(board):
    return f"/en/boards/{board.pk}/"


def thread_url(thread):
    return f"/en/boards/{thread.board_id}/threads/{thread.pk}/"


def article(html, comment):
    match = re.search(rf'<article id="comment-{comment.pk}".*?</article>', html, re.S)
    assert match, f"comment {comment.pk} is not on the page"
    return match.group(0)


def card(html, thread):
    match = re.search(rf'<li class="card" id="thread-{thread.pk}">.*?</li>', html, re.S)
    assert match, f"thread {thread.pk} is not on the page"
    return match.group(0)


# --- reading ---------------------------------------------------------------------------


def test_anyone_reads_the_threads_the_latest_activity_first(
    client, clock, board, participant, other
):
    old = start(board, other, title="Old <b>news</b>")
    clock.shift(timedelta(hours=1))
    new = start(board, participant, title="Newer")
    clock.shift(timedelta(hours=1))
    answer(old, participant)  # the old thread is the latest active now
    answer(old, other)

    response = client.get(board_url(board))

    assert response.status_code == 200
    html = response.text
    assert '<h1 dir="auto">Between the meetings</h1>' in html
    assert "2 threads" in html
    assert html.index(f'id="thread-{old.pk}"') < html.index(f'id="thread-{new.pk}"')
    shown = card(html, old)
    assert f'<a href="{thread_url(old)}" dir="auto">Old &lt;b&gt;news&lt;/b&gt;</a>' in shown
    assert "Started by <bdi>Bruno</bdi>" in shown
    assert "2 replies" in shown
    assert 'last activity <time datetime="2019-09-05T12:00:00Z">Thu, Sep 5, 2019, 12:00 ' in shown
    assert "0 replies" in card(html, new)
    # Visitors are asked to log in to write.
    assert 'name="title"' not in html
    assert "Log in to start a thread" in html


def test_the_threads_come_twenty_a_page(client, clock, board, participant):
    threads = [start(board, UserFactory(), title=f"Thread {n}") for n in range(21)]

    first = client.get(board_url(board)).text
    second = client.get(board_url(board) + "?page=2").text

    assert first.count('class="card"') == 20
    assert f'id="thread-{threads[0].pk}"' not in first
    assert second.count('class="card"') == 1
    assert f'id="thread-{threads[0].pk}"' in second
    assert "Page 2 of 2" in second


def test_anyone_reads_a_thread_with_its_replies(client, clock, board, participant, other):
    thread = start(board, other, body="Where do we <i>meet</i>?")
    reply = answer(thread, participant)

    response = client.get(thread_url(thread))

    assert response.status_code == 200
    html = response.text
    assert '<h1><span dir="auto">Venues</span></h1>' in html
    assert f'<a href="{board_url(board)}" dir="auto">Between the meetings</a>' in html
    assert "Where do we &lt;i&gt;meet&lt;/i&gt;?" in article(html, thread)
    assert "In Nairobi." in article(html, reply)
    assert "/report/" not in html  # visitors do not report
    assert 'name="body"' not in html
    assert "Log in to reply" in html


def test_a_thread_of_another_board_or_a_reply_is_not_a_thread_page(client, clock, board, other):
    thread = start(board, other)
    reply = answer(thread, UserFactory())
    elsewhere = services.board_open(key="tests.board:2", title="Elsewhere")

    assert client.get(f"/en/boards/{elsewhere.pk}/threads/{thread.pk}/").status_code == 404
    assert client.get(f"/en/boards/{board.pk}/threads/{reply.pk}/").status_code == 404
    assert client.get("/en/boards/999999/").status_code == 404


# --- writing ---------------------------------------------------------------------------


def test_visitors_are_sent_to_log_in_to_write(client, clock, board, other):
    thread = start(board, other)
    for url in (board_url(board), thread_url(thread)):
        response = client.post(url, {"title": "T", "body": "B", "language": "en"})
        assert response["Location"].startswith("/en/accounts/login/")
    assert Comment.objects.count() == 1


def test_signed_in_people_start_threads_and_reply(client, clock, board, participant, other):
    client.force_login(participant)
    html = client.get(board_url(board)).text
    assert '<label for="id_title">Subject:</label>' in html

    response = client.post(
        board_url(board), {"title": "Venues", "body": "Where?", "language": "en"}
    )

    thread = Comment.objects.get()
    assert response["Location"] == thread_url(thread)
    assert (thread.board, thread.title, thread.author) == (board, "Venues", participant)

    client.force_login(other)
    html = client.get(thread_url(thread)).text
    assert f'href="/en/comments/{thread.pk}/report/"' in html
    response = client.post(thread_url(thread), {"body": "In Nairobi.", "language": "en"})
    reply = Comment.objects.get(parent=thread)
    assert response["Location"] == f"{thread_url(thread)}#comment-{reply.pk}"
    assert OutgoingEmail.objects.get().to == "amina@example.org"


def test_refusals_are_shown_beside_the_field(client, clock, board, participant):
    client.force_login(participant)
    response = client.post(board_url(board), {"title": " ", "body": "Text", "language": "en"})
    assert response.status_code == 400
    assert "Give your thread a subject." in response.text
    assert Comment.objects.count() == 0


def test_the_reply_page_of_feedback_replies_in_a_board_too(
    client, clock, board, participant, other
):
    thread = start(board, other)
    client.force_login(participant)
    html = client.get(f"/en/comments/{thread.pk}/reply/").text
    assert "Back to the discussion" in html

    response = client.post(f"/en/comments/{thread.pk}/reply/", {"body": "Yes.", "language": "en"})

    reply = Comment.objects.get(parent=thread)
    assert response["Location"] == f"{thread_url(thread)}#comment-{reply.pk}"
    assert reply.board == board


def test_a_closed_board_is_read_but_takes_nothing_new(client, clock, board, participant, other):
    thread = start(board, other)
    services.board_close(board=board)
    client.force_login(participant)

    for url in (board_url(board), thread_url(thread)):
        html = client.get(url).text
        assert "This discussion is closed" in html
        assert 'name="body"' not in html

    response = client.post(thread_url(thread), {"body": "Late.", "language": "en"})
    assert response.status_code == 400
    assert "This discussion is closed: it takes no new threads or replies." in response.text
    assert 'readonly dir="auto">Late.</textarea>' in response.text  # kept to copy
    assert Comment.objects.count() == 1


# --- reports and moderation -------------------------------------------------------------


def test_reporting_a_board_comment_reaches_the_queue_with_a_link_to_the_thread(
    client, clock, board, participant, other, moderator
):
    thread = start(board, participant)
    reply = answer(thread, other, body="You are all idiots.")
    OutgoingEmail.objects.all().delete()
    client.force_login(participant)
    html = client.get(thread_url(thread)).text
    assert f'href="/en/comments/{reply.pk}/report/"' in article(html, reply)
    assert "Back to the discussion" in client.get(f"/en/comments/{reply.pk}/report/").text

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(f"/en/comments/{reply.pk}/report/", {"reason": "An insult."})

    assert response["Location"] == f"{thread_url(thread)}#comment-{reply.pk}"
    assert Report.objects.get().comment == reply
    email = OutgoingEmail.objects.get(to="maya@example.org")
    assert email.subject == "A comment in “Between the meetings” was reported"
    assert "Amina reported a comment in “Between the meetings”. Their reason:" in email.body

    client.force_login(moderator)
    queue = client.get("/en/moderation/").text
    assert "In the discussion “Between the meetings”" in queue
    assert '<span dir="auto">Venues</span>' in queue
    assert f'<a href="/en/comments/{reply.pk}/">See it in its thread</a>' in queue
    link = client.get(f"/en/comments/{reply.pk}/")
    assert link["Location"] == f"{thread_url(thread)}#comment-{reply.pk}"
    assert "You are all idiots." in client.get(link["Location"]).text


def test_a_moderator_hides_a_board_comment_and_the_thread_shows_it_hidden(
    client, clock, board, participant, other, moderator
):
    thread = start(board, participant)
    reply = answer(thread, other, body="You are all idiots.")
    OutgoingEmail.objects.all().delete()
    client.force_login(moderator)
    html = client.get(thread_url(thread)).text
    assert f'action="/en/moderation/comments/{reply.pk}/hide/"' in article(html, reply)

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            f"/en/moderation/comments/{reply.pk}/hide/",
            {"reason": "Personal attacks are not allowed.", "next": f"/en/comments/{reply.pk}/"},
        )

    assert response["Location"] == f"/en/comments/{reply.pk}/"
    email = OutgoingEmail.objects.get()  # to the author, in their language (French)
    assert (email.to, email.language) == ("bruno@example.org", "fr")
    assert f"/fr/comments/{reply.pk}/" in email.body
    # Everyone sees the reason, not the text; moderators can still read it and show it again.
    client.logout()
    shown = article(client.get(thread_url(thread)).text, reply)
    assert "Hidden by moderators: <bdi>Personal attacks are not allowed.</bdi>" in shown
    assert "idiots" not in shown
    client.force_login(moderator)
    shown = article(client.get(thread_url(thread)).text, reply)
    assert "idiots" in shown
    assert f'action="/en/moderation/comments/{reply.pk}/unhide/"' in shown
    log = client.get("/en/moderation/log/").text
    assert f'<a href="/en/comments/{reply.pk}/">by Bruno in “Between the meetings”</a>' in log


def test_a_hidden_thread_keeps_its_subject_from_readers_and_takes_no_reply(
    client, clock, board, participant, other, moderator
):
    thread = start(board, other, title="Rude subject")
    services.comment_hide(comment=thread, moderator=moderator, reason="Off topic.")
    client.force_login(participant)

    listed = card(client.get(board_url(board)).text, thread)
    assert "A thread hidden by moderators" in listed
    assert "Rude subject" not in listed
    html = client.get(thread_url(thread)).text
    assert "<h1>A thread hidden by moderators</h1>" in html
    assert "Rude subject" not in html
    assert 'name="body"' not in html


# --- owners ---------------------------------------------------------------------------------


def test_the_owner_of_a_board_links_back_to_its_page(client, clock, owner, other):
    board = services.board_open(key="tests.owned:1", title="Series board")
    thread = start(board, other)
    for url in (board_url(board), thread_url(thread)):
        assert '<a href="/en/series/1/" dir="auto">Back to the series</a>' in client.get(url).text


def test_a_board_its_owner_hides_is_not_found(client, clock, owner, other, moderator):
    board = services.board_open(key="tests.owned:hidden", title="Not for you")
    thread = start(board, other)
    client.force_login(UserFactory())
    for url in (
        board_url(board),
        thread_url(thread),
        f"/en/comments/{thread.pk}/",
        f"/en/comments/{thread.pk}/report/",
        f"/en/comments/{thread.pk}/reply/",
    ):
        assert client.get(url).status_code == 404, url
    # Moderators read it: what is reported there is theirs to judge.
    client.force_login(moderator)
    assert "Where do we meet next?" in client.get(thread_url(thread)).text
    assert client.get(f"/en/comments/{thread.pk}/")["Location"].startswith(thread_url(thread))


# --- data and API ------------------------------------------------------------------------------


def test_download_your_data_holds_board_threads_and_replies(
    client, clock, board, participant, other
):
    thread = start(board, participant, title="Venues", body="Where?")
    reply = answer(start(board, other), participant, body="Here.")
    client.force_login(participant)

    comments = client.get("/en/me/export.json").json()["comments"]

    written = thread.created_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    common = {
        "board": "tests.board:1",
        "board_title": "Between the meetings",
        "language": "en",
        "written_at": written,
        "hidden_at": None,
        "hidden_reason": "",
    }
    assert comments == [
        {"id": thread.pk, "subject": "Venues", "reply_to": None, "body": "Where?", **common},
        {"id": reply.pk, "subject": "", "reply_to": reply.parent_id, "body": "Here.", **common},
    ]


def test_the_api_does_not_take_reports_of_board_comments(clock, board, participant, other):
    thread = start(board, other)
    api = APIClient()
    api.force_authenticate(participant)
    response = api.post(f"/api/v1/comments/{thread.pk}/reports/", {"reason": "Bad."}, format="json")
    assert response.status_code == 404
    assert Report.objects.count() == 0
