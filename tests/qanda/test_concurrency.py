"""Votes, merges and the rate limit under truly concurrent requests (PostgreSQL)."""

import pytest

from convene.qanda import services
from convene.qanda.models import Question, Vote
from tests.events.factories import EventFactory, SessionFactory, in_days
from tests.events.test_concurrency import postgres, run_together  # noqa: F401
from tests.factories import UserFactory

from .factories import QuestionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def open_session():
    return SessionFactory(event=EventFactory(), starts_at=in_days(-0.01), ends_at=in_days(1))


def test_concurrent_votes_of_many_people_all_count(postgres, open_session):  # noqa: F811
    question = QuestionFactory(session=open_session)
    voters = [UserFactory() for _ in range(16)]

    errors = run_together(16, lambda i: services.vote(question=question, user=voters[i]))

    assert errors == []
    assert Question.objects.get().vote_count == 16 == Vote.objects.count()


def test_concurrent_double_votes_count_once(postgres, open_session):  # noqa: F811
    question = QuestionFactory(session=open_session)
    voter = UserFactory()

    errors = run_together(8, lambda i: services.vote(question=question, user=voter))

    assert [e.code for e in errors] == ["already_voted"] * 7
    assert Question.objects.get().vote_count == 1 == Vote.objects.count()


def test_votes_during_a_merge_are_neither_lost_nor_doubled(postgres, open_session):  # noqa: F811
    host = UserFactory()
    open_session.event.organizers.add(host)
    into = QuestionFactory(session=open_session)
    duplicate = QuestionFactory(session=open_session)
    voters = [UserFactory() for _ in range(12)]

    def act(index):
        if index == 0:
            services.merge(duplicate=duplicate, into=into, host=host)
        else:  # half vote for the duplicate, half for the target
            services.vote(question=duplicate if index % 2 else into, user=voters[index])

    errors = run_together(12, act)

    # A vote for the duplicate after the merge is refused with a message; none is lost.
    assert {e.code for e in errors} <= {"merged"}
    into.refresh_from_db()
    assert into.vote_count == Vote.objects.filter(question=into).count() == 11 - len(errors)
    assert Vote.objects.filter(question=duplicate).count() == 0


def test_the_rate_limit_holds_under_a_burst(postgres, open_session):  # noqa: F811
    author = UserFactory()

    errors = run_together(
        8,
        lambda i: services.question_ask(
            session=open_session, author=author, text=f"Q{i}", language="en", is_anonymous=False
        ),
    )

    assert [e.code for e in errors] == ["rate_limited"] * 3
    assert Question.objects.count() == 5


def test_double_votes_from_two_editions_of_a_pool_count_once(postgres, open_session):  # noqa: F811
    host = UserFactory()
    open_session.event.organizers.add(host)
    open_session.agenda = "ama"
    open_session.save()
    other = SessionFactory(
        event=open_session.event, agenda="ama", starts_at=in_days(1), ends_at=in_days(2)
    )
    services.question_pool_share(session=open_session, host=host, shared=True)
    question = QuestionFactory(session=open_session)
    voters = [UserFactory() for _ in range(4)]

    errors = run_together(
        8,
        lambda i: services.vote(
            question=question, user=voters[i % 4], session=other if i % 2 else open_session
        ),
    )

    assert [e.code for e in errors] == ["already_voted"] * 4
    assert Question.objects.get().vote_count == 4 == Vote.objects.count()
