"""The live questions page, its fragment, host actions, exports and the session page's notes."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from convene.events import services as event_services
from convene.qanda import services
from convene.qanda.models import Question, Vote
from tests.factories import UserFactory

from .factories import AFTER, STARTS, QuestionFactory, VoteFactory

pytestmark = pytest.mark.django_db

PAGE = "/en/events/mc/sessions/{}/questions/"


def page(session, suffix=""):
    return PAGE.format(session.pk) + suffix


def register(session, user):
    with TestCase.captureOnCommitCallbacks(execute=True):
        event_services.registration_create(
            session=session,
            user=user,
            needs=event_services.Needs(),
            accepted_code_of_conduct=True,
            now=STARTS - timedelta(days=1),
        )


def question_ids(response):
    """Top-level and follow-up questions in page order, as ids."""
    return [int(pk) for pk in re.findall(r'<li id="q-(\d+)" class="qanda-question', response.text)]


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# --- reading and permissions ------------------------------------------------------------


def test_anyone_reads_the_page_anonymous_visitors_are_asked_to_log_in(client, clock, session):
    QuestionFactory(session=session, text="Will translation be part of the ambassadors' work?")

    response = client.get(page(session))

    assert response.status_code == 200
    assert "Will translation be part of the ambassadors&#x27; work?" in response.text
    assert f'href="/en/accounts/login/?next=/en/events/mc/sessions/{session.pk}/questions/"' in (
        response.text
    )
    assert 'name="text"' not in response.text
    assert "/vote/" not in response.text


def test_anonymous_posts_go_to_the_login_page_and_change_nothing(client, clock, session):
    question = QuestionFactory(session=session)
    login = f"/en/accounts/login/?next=/en/events/mc/sessions/{session.pk}/questions/"
    for path in ("", f"{question.pk}/vote/", f"{question.pk}/unvote/", f"{question.pk}/answer/",
                 f"{question.pk}/merge/", f"{question.pk}/follow-up/",
                 f"{question.pk}/hide/", f"{question.pk}/unhide/"):  # fmt: skip
        response = client.post(page(session, path), {"text": "Hello?", "language": "en"})
        assert (response.status_code, response["Location"]) == (302, login), path
    assert Question.objects.count() == 1
    assert Vote.objects.count() == 0


def test_a_draft_event_has_no_questions_page_but_for_its_hosts(client, clock, session, host, amina):
    session.event.is_published = False
    session.event.save()
    assert client.get(page(session)).status_code == 404
    client.force_login(amina)
    assert client.get(page(session)).status_code == 404
    assert client.get(page(session, "live/")).status_code == 404
    assert client.post(page(session), {"text": "Hi?", "language": "en"}).status_code == 404
    client.force_login(host)
    response = client.get(page(session))
    assert response.status_code == 200
    assert 'name="text"' in response.text  # hosts prepare questions before publication


def test_registered_and_other_signed_in_people_ask_and_vote(client, clock, session, amina, budi):
    register(session, amina)
    for person in (amina, budi):  # Amina is registered, Budi is not
        client.force_login(person)
        response = client.post(
            page(session),
            {"text": f"A question from {person.display_name}", "language": "id"},
            follow=True,
        )
        question = Question.objects.get(author=person)
        assert response.redirect_chain == [(page(session, f"#q-{question.pk}"), 302)]
        assert messages_of(response) == ["Thank you! Your question is on the list."]
        assert (question.language, question.is_anonymous) == ("id", False)

    response = client.post(page(session, f"{question.pk}/vote/"), {"sort": "time"}, follow=True)
    assert response.redirect_chain == [(page(session, f"?sort=time#q-{question.pk}"), 302)]
    assert messages_of(response) == ["Your vote was counted."]
    assert Question.objects.get(pk=question.pk).vote_count == 1


def test_a_second_vote_is_refused_with_a_message_and_nothing_changes(client, clock, session, amina):
    question = QuestionFactory(session=session)
    client.force_login(amina)
    client.post(page(session, f"{question.pk}/vote/"), follow=True)
    before = list(Vote.objects.values())

    response = client.post(page(session, f"{question.pk}/vote/"), follow=True)

    assert messages_of(response) == ["You have already voted for this question."]
    assert list(Vote.objects.values()) == before
    assert Question.objects.get().vote_count == 1
    assert "Withdraw my vote" in response.text

    response = client.post(page(session, f"{question.pk}/unvote/"), follow=True)
    assert messages_of(response) == ["Your vote was withdrawn."]
    assert Question.objects.get().vote_count == 0


def test_the_ask_form_defaults_to_the_interface_language_and_is_labelled(
    client, clock, session, amina
):
    client.force_login(amina)
    text = client.get(f"/fr/events/mc/sessions/{session.pk}/questions/").text
    assert '<option value="fr" selected>' in text
    for field in ("id_text", "id_language", "id_is_anonymous"):
        assert f'<label for="{field}">' in text
        assert f'id="{field}"' in text
    text = client.get(f"/zh-hans/events/mc/sessions/{session.pk}/questions/").text
    assert '<option value="zh-hans" selected>' in text


def test_an_invalid_question_is_shown_again_with_the_error(client, clock, session, amina):
    client.force_login(amina)
    response = client.post(page(session), {"text": "   ", "language": "en"})
    assert response.status_code == 400
    assert "This field is required." in response.text
    response = client.post(page(session), {"text": "x" * 1001, "language": "en"})
    assert response.status_code == 400
    assert "Ensure this value has at most 1000 characters (it has 1001)." in response.text
    assert Question.objects.count() == 0


def test_after_the_end_participants_no_longer_ask_or_vote(client, clock, session, amina, host):
    question = QuestionFactory(session=session)
    clock.move_to(AFTER)
    client.force_login(amina)
    response = client.get(page(session))
    assert "This session has ended: it no longer takes questions." in response.text
    assert 'name="text"' not in response.text
    assert "/vote/" not in response.text
    response = client.post(page(session), {"text": "Late?", "language": "en"})
    assert response.status_code == 400
    assert "This session has ended: it no longer takes questions." in response.text
    response = client.post(page(session, f"{question.pk}/vote/"), follow=True)
    assert messages_of(response) == ["Voting is closed for this session."]

    client.force_login(host)
    assert (
        client.post(page(session), {"text": "From the etherpad", "language": "en"}).status_code
        == 302
    )
    assert Question.objects.count() == 2


# --- order, anonymity, escaping -------------------------------------------------------------


@pytest.fixture
def four(clock, session):
    """Asked a minute apart, with 2, 3, 2 and 0 votes."""
    questions = []
    for votes in (2, 3, 2, 0):
        question = QuestionFactory(session=session)
        for _ in range(votes):
            VoteFactory(question=question)
        Question.objects.filter(pk=question.pk).update(vote_count=votes)
        questions.append(question)
        clock.shift(timedelta(minutes=1))
    return questions


def test_sorted_by_votes_then_time_or_newest_first(client, session, four):
    q1, q2, q3, q4 = (q.pk for q in four)

    assert question_ids(client.get(page(session))) == [q2, q1, q3, q4]
    assert question_ids(client.get(page(session, "?sort=votes"))) == [q2, q1, q3, q4]
    assert question_ids(client.get(page(session, "?sort=time"))) == [q4, q3, q2, q1]
    assert question_ids(client.get(page(session, "?sort=nonsense"))) == [q2, q1, q3, q4]
    assert question_ids(client.get(page(session, "live/?sort=time"))) == [q4, q3, q2, q1]


def test_the_chosen_order_is_marked_and_kept_by_the_live_list(client, session, four):
    text = client.get(page(session, "?sort=time")).text
    assert (
        f'<a href="/en/events/mc/sessions/{session.pk}/questions/?sort=time" aria-current="true">'
        in text
    )
    live = f"/en/events/mc/sessions/{session.pk}/questions/live/shared/"
    assert f'data-live-url="{live}?view=visitor&amp;tz=UTC&amp;sort=time"' in text


def test_anonymous_questions_hide_the_name_from_other_participants_only(
    client, clock, session, amina, budi, host
):
    question = services.question_ask(
        session=session,
        author=amina,
        text="Can we request a grant?",
        language="en",
        is_anonymous=True,
    )
    shown = f'<span data-asker="{question.pk}">Anonymous participant</span>'
    shared = "live/shared/?view=participant&tz=UTC"
    for viewer in (None, budi):
        if viewer:
            client.force_login(viewer)
        for path in ("", "live/", shared):
            text = client.get(page(session, path)).text
            assert shown in text
            assert "Amina" not in text
    for viewer in (amina, host):
        client.force_login(viewer)
        for path in ("", "live/"):
            text = client.get(page(session, path)).text
            assert (
                '<span dir="auto">Amina</span> <span class="muted">(anonymous to other participants)</span>'
                in text
            )
            assert shown not in text
        # The shared list is the same for all: the author's name is put back by the script.
        text = client.get(page(session, shared)).text
        assert shown in text
        assert "Amina" not in text


def test_question_and_answer_text_are_escaped(client, clock, session, host):
    attack = '<script>alert("q")</script><img src=x onerror=alert(1)>'
    question = QuestionFactory(session=session, text=attack, is_anonymous=False)
    other = QuestionFactory(session=session)
    services.answer(question=question, host=host, text=attack)
    services.merge(duplicate=QuestionFactory(session=session, text=attack), into=other, host=host)
    escaped = "&lt;script&gt;alert(&quot;q&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
    client.force_login(host)
    for path in ("", "live/"):
        text = client.get(page(session, path)).text
        assert "<script>alert" not in text
        assert "<img src=x" not in text
        assert text.count(escaped) >= 4  # question, response, duplicate, textarea, select options
    clock.move_to(AFTER)
    text = client.get(f"/en/events/mc/sessions/{session.pk}/").text
    assert "<script>alert" not in text
    assert escaped in text


def test_question_text_carries_its_language_and_direction(client, clock, session):
    question = QuestionFactory(session=session, text="ما هو دور السفراء؟", language="ar")
    text = client.get(page(session)).text
    assert (
        f'<p class="q-text" id="q-{question.pk}-text" dir="auto" lang="ar">ما هو دور السفراء؟</p>'
        in text
    )


# --- hosts ------------------------------------------------------------------------------


def test_hosts_see_host_actions_others_are_refused(client, clock, session, host, amina):
    question = QuestionFactory(session=session)
    other = QuestionFactory(session=session)
    client.force_login(amina)
    assert "Host actions" not in client.get(page(session)).text
    for path, data in (
        ("answer/", {"text": "Yes"}),
        ("merge/", {"into": other.pk}),
        ("follow-up/", {"follows": other.pk}),
    ):
        assert client.post(page(session, f"{question.pk}/{path}"), data).status_code == 403
    assert Question.objects.filter(answered_at__isnull=False).count() == 0

    client.force_login(host)
    text = client.get(page(session)).text
    assert text.count("Host actions") == 2
    assert f'<label for="merge-{question.pk}">' in text
    assert f'<label for="follows-{question.pk}">' in text
    assert f'<label for="answer-{question.pk}">' in text


def test_host_answers_merges_and_links_through_the_page(client, clock, session, host, amina, budi):
    hubs = QuestionFactory(session=session, text="How and when will hubs be defined?")
    again = QuestionFactory(session=session, text="When do you define hubs?")
    whom = QuestionFactory(session=session, text="To whom are the hubs answerable?")
    VoteFactory(question=again, user=amina)
    Question.objects.filter(pk=again.pk).update(vote_count=1)
    client.force_login(host)

    response = client.post(page(session, f"{again.pk}/merge/"), {"into": hubs.pk}, follow=True)
    assert messages_of(response) == ["The question was merged; its votes moved."]
    assert response.redirect_chain == [(page(session, f"#q-{hubs.pk}"), 302)]
    response = client.post(
        page(session, f"{whom.pk}/follow-up/"), {"follows": hubs.pk}, follow=True
    )
    assert messages_of(response) == ["The question is marked as a follow-up."]
    response = client.post(
        page(session, f"{hubs.pk}/answer/"),
        {"text": "Not yet: after the three chapters."},
        follow=True,
    )
    assert messages_of(response) == ["The answer was saved."]

    assert question_ids(response) == [hubs.pk, whom.pk]
    assert Question.objects.get(pk=hubs.pk).vote_count == 1
    text = response.text
    assert '<span class="badge ok">Answered</span>' in text
    assert "<p>Not yet: after the three chapters.</p>" in text
    assert '<span class="badge">Follow-up</span>' in text
    assert (
        f'<li id="q-{again.pk}"><span dir="auto" lang="en">When do you define hubs?</span>' in text
    )

    response = client.post(page(session, f"{whom.pk}/follow-up/"), {"follows": ""}, follow=True)
    assert messages_of(response) == ["The question is no longer marked as a follow-up."]
    response = client.post(page(session, f"{hubs.pk}/merge/"), {"into": again.pk}, follow=True)
    assert messages_of(response) == [
        "That question is itself merged into another one: choose that one."
    ]
    response = client.post(page(session, f"{whom.pk}/merge/"), {"into": ""}, follow=True)
    assert messages_of(response) == ["Please choose the question to merge into."]
    # The hosts type a question's number: one not of this session is asked again, not a 404.
    response = client.post(page(session, f"{whom.pk}/merge/"), {"into": 999999}, follow=True)
    assert messages_of(response) == ["Please choose the question to merge into."]
    response = client.post(page(session, f"{whom.pk}/follow-up/"), {"follows": 999999}, follow=True)
    assert messages_of(response) == ["Please choose the question this one follows."]
    assert Question.objects.get(pk=whom.pk).merged_into_id is None


# --- the live fragment ------------------------------------------------------------------------


def test_the_fragment_is_the_list_with_an_etag_and_answers_304_when_unchanged(
    client, clock, session, host, amina, django_assert_num_queries
):
    """The hosts' page polls their own list (participants poll the shared one)."""
    question = QuestionFactory(session=session)
    client.force_login(host)
    page_etag = re.search(r'data-etag="([^"]+)"', client.get(page(session)).text).group(1)

    response = client.get(page(session, "live/"))
    etag = response["ETag"]
    assert response.status_code == 200
    assert etag == page_etag.replace("&quot;", '"')
    assert response["Cache-Control"] == "private, no-cache"
    assert response.text.startswith(
        '<p class="qanda-summary" data-summary>Questions: 1 · answered: 0</p>'
    )
    assert "<html" not in response.text

    # session and event, organizers, version (and the login session and user)
    with django_assert_num_queries(5):
        response = client.get(page(session, "live/"), HTTP_IF_NONE_MATCH=etag)
    assert (response.status_code, response.content, response["ETag"]) == (304, b"", etag)
    assert client.get(page(session, "live/"), HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304

    clock.shift(timedelta(seconds=1))
    services.vote(question=question, user=amina)
    response = client.get(page(session, "live/"), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "1 vote" in response.text


def test_every_change_changes_the_etag(client, clock, session, host, amina):
    first = QuestionFactory(session=session)
    second = QuestionFactory(session=session)
    seen = set()

    def etag():
        value = client.get(page(session, "live/"))["ETag"]
        assert value not in seen
        seen.add(value)
        clock.shift(timedelta(seconds=1))

    client.force_login(amina)
    etag()
    services.question_ask(
        session=session, author=amina, text="New?", language="en", is_anonymous=False
    )
    etag()
    services.vote(question=first, user=amina)
    etag()
    services.unvote(question=first, user=amina)
    etag()
    services.answer(question=first, host=host, text="Yes.")
    etag()
    services.link_follow_up(question=second, follows=first, host=host)
    etag()
    services.merge(duplicate=second, into=first, host=host)
    etag()
    services.hide(question=first, host=host, reason="Off topic.")
    etag()
    services.unhide(question=first, host=host)
    etag()
    Question.objects.filter(pk=first.pk).delete()
    etag()


def test_the_etag_is_per_viewer_and_order(client, clock, session, amina, budi):
    QuestionFactory(session=session)
    tags = set()
    for viewer in (amina, budi):
        client.force_login(viewer)
        tags.add(client.get(page(session, "live/"))["ETag"])
        tags.add(client.get(page(session, "live/?sort=time"))["ETag"])
    client.logout()
    tags.add(client.get(page(session, "live/"))["ETag"])
    tags.add(client.get(f"/ar/events/mc/sessions/{session.pk}/questions/live/")["ETag"])
    assert len(tags) == 6


def test_the_page_works_without_script_and_loads_its_script(client, clock, session):
    text = client.get(page(session)).text
    assert '<script src="/static/convene/qanda.js" defer></script>' in text
    assert (
        f'<p id="qanda-reload"><a href="/en/events/mc/sessions/{session.pk}/questions/">Reload</a>'
        in text
    )
    assert (
        '<div id="qanda-status" class="visually-hidden" role="status" aria-live="polite"></div>'
        in text
    )
    assert "qanda.js" not in client.get(f"/en/events/mc/sessions/{session.pk}/").text


# --- query counts ------------------------------------------------------------------------------


def fill(session, how_many, voters):
    """`how_many` questions: every third anonymous, every fifth answered, some merged, some follow-ups."""
    questions = [
        QuestionFactory(session=session, author=voters[n % len(voters)], is_anonymous=n % 3 == 0)
        for n in range(how_many)
    ]
    for n, question in enumerate(questions):
        VoteFactory(question=question, user=voters[n % len(voters)])
        if n % 5 == 0:
            Question.objects.filter(pk=question.pk).update(
                answer="Yes.", answered_at=question.created_at
            )
        if n % 4 == 1:
            Question.objects.filter(pk=question.pk).update(merged_into=questions[n - 1])
        elif n % 4 == 2:
            Question.objects.filter(pk=question.pk).update(follows=questions[0])


def count_queries(client, path):
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context)


@pytest.mark.parametrize("viewer", ["anonymous", "participant", "host"])
def test_query_counts_do_not_grow_with_questions(client, clock, session, host, amina, budi, viewer):
    other_session = type(session).objects.create(
        event=session.event,
        title="Second",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        capacity=5,
    )
    fill(session, 5, [amina, budi])
    fill(other_session, 50, [amina, budi])
    if viewer != "anonymous":
        client.force_login(host if viewer == "host" else amina)
    # (login session, user,) session and event, (organizers,) version, questions (with the
    # viewer's own votes); on the hosts' page also the hosts' log; on a page (not the
    # live list) for a signed-in viewer, whether they moderate (the header's link)
    for path in ("", "live/", "?sort=time"):
        expected = 3 if viewer == "anonymous" else 6 + (path != "live/")
        expected += viewer == "host" and path != "live/"
        small = count_queries(client, page(session, path))
        large = count_queries(client, page(other_session, path))
        assert (small, large) == (expected, expected), path
    clock.move_to(AFTER)
    for path in ("notes.md", "notes.wiki"):
        assert count_queries(client, page(session, path)) == count_queries(
            client, page(other_session, path)
        )
    small = count_queries(client, f"/en/events/mc/sessions/{session.pk}/")
    large = count_queries(client, f"/en/events/mc/sessions/{other_session.pk}/")
    assert small == large


def test_admin_pages_open(client, clock, session):
    question = QuestionFactory(session=session)
    VoteFactory(question=question)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for path in (
        "/en/admin/qanda/question/",
        f"/en/admin/qanda/question/{question.pk}/change/",
        "/en/admin/qanda/vote/",
        f"/en/admin/qanda/vote/{question.votes.get().pk}/change/",
    ):
        assert client.get(path).status_code == 200, path


def test_the_etag_changes_when_the_session_ends(client, clock, session, amina):
    QuestionFactory(session=session)
    client.force_login(amina)
    during = client.get(page(session, "live/"))
    assert "/vote/" in during.text
    clock.move_to(AFTER)
    after = client.get(page(session, "live/"), HTTP_IF_NONE_MATCH=during["ETag"])
    assert after.status_code == 200
    assert "/vote/" not in after.text
