"""How questions are arranged: duplicates under their target, follow-ups under their question."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser

from convene.qanda import selectors
from convene.qanda.models import Question

from .factories import QuestionFactory, VoteFactory

pytestmark = pytest.mark.django_db


def shape(entries):
    return [
        (
            entry.question.text,
            [d.text for d in entry.duplicates],
            [(f.question.text, [d.text for d in f.duplicates]) for f in entry.follow_ups],
        )
        for entry in entries
    ]


@pytest.fixture
def asked(clock, session):
    def ask(text, votes=0, **fields):
        clock.shift(timedelta(minutes=1))
        question = QuestionFactory(session=session, text=text, vote_count=votes, **fields)
        return question

    return ask


def test_duplicates_and_follow_ups_hang_under_the_question_they_belong_to(session, asked):
    a = asked("A", votes=1)
    b = asked("B", votes=5)
    asked("B again", merged_into=b)
    b_follow = asked("After B", follows=b, votes=9)
    asked("After B, again", merged_into=b_follow)
    asked("After after B", follows=b_follow)  # a chain is shown flat under its top
    a_dup = asked("A again", merged_into=a)
    asked("Follows the duplicate of A", follows=a_dup)  # shown under A

    assert shape(selectors.session_questions(session=session, sort="votes")) == [
        ("B", ["B again"], [("After B", ["After B, again"]), ("After after B", [])]),
        ("A", ["A again"], [("Follows the duplicate of A", [])]),
    ]
    assert [e.question.text for e in selectors.session_questions(session=session, sort="time")] == [
        "B",
        "A",
    ]
    assert [
        e.question.text for e in selectors.session_questions(session=session, sort="asked")
    ] == [
        "A",
        "B",
    ]
    assert selectors.session_question_count(session=session) == 5


def test_a_stored_loop_is_broken_at_its_oldest_question(session, asked):
    a = asked("A")
    b = asked("B", follows=a)
    Question.objects.filter(pk=a.pk).update(follows=b)  # never made by the services
    c = asked("C")
    Question.objects.filter(pk=c.pk).update(merged_into=QuestionFactory())  # in another session

    assert shape(selectors.session_questions(session=session, sort="asked")) == [
        ("A", [], [("B", [])]),
        ("C", [], []),
    ]


def test_votes_tie_break_by_time(session, asked):
    first, second, third = asked("1", votes=2), asked("2", votes=2), asked("3", votes=3)
    order = [e.question for e in selectors.session_questions(session=session, sort="votes")]
    assert order == [third, first, second]


def test_the_viewers_votes_in_one_query(session, asked, amina, django_assert_num_queries):
    one, two, three = asked("1"), asked("2"), asked("3")
    VoteFactory(question=one, user=amina)
    VoteFactory(question=three, user=amina)
    VoteFactory(question=two)
    VoteFactory(question=QuestionFactory(), user=amina)  # another session
    with django_assert_num_queries(1):
        assert selectors.user_voted_question_ids(user=amina, session=session) == {one.pk, three.pk}
    with django_assert_num_queries(0):
        assert selectors.user_voted_question_ids(user=AnonymousUser(), session=session) == set()


def test_the_version_of_an_empty_session(session, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert selectors.session_questions_version(session=session) == "0.0.0.000000"
