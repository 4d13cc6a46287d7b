"""Asking, voting, answering, merging and follow-ups: what is allowed and what changes."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser

from convene.accounts.services import user_delete
from convene.core.errors import ServiceError
from convene.qanda import services
from convene.qanda.models import Question, Vote
from tests.factories import UserFactory

from .factories import QuestionFactory, VoteFactory

pytestmark = pytest.mark.django_db


def ask(session, author, text="What will be the process of regional community involvement?", **kw):
    return services.question_ask(
        session=session,
        author=author,
        text=text,
        language=kw.pop("language", "en"),
        is_anonymous=kw.pop("is_anonymous", False),
    )


def refused(code, call, *args, **kwargs):
    with pytest.raises(ServiceError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code
    return str(caught.value.message)


# --- asking ----------------------------------------------------------------------


def test_a_signed_in_person_asks_while_the_session_is_open(clock, session, amina):
    question = ask(
        session, amina, "  Will the ambassadorships be open to everyone?\n", is_anonymous=True
    )

    assert Question.objects.get() == question
    assert (question.text, question.language, question.is_anonymous) == (
        "Will the ambassadorships be open to everyone?",
        "en",
        True,
    )
    assert (question.author, question.vote_count, question.answered_at) == (amina, 0, None)


def test_questions_open_on_publication_and_close_when_the_session_ends(clock, session, amina, host):
    session.event.is_published = False
    session.event.save()
    assert refused("not_open", ask, session, amina) == "This session does not take questions yet."
    ask(session, host, "A question collected before the event was published")

    session.event.is_published = True
    session.event.save()
    ask(session, amina)

    clock.shift(timedelta(hours=2))  # the session has ended
    assert refused("closed", ask, session, amina) == "This session no longer takes questions."
    ask(session, host, "A question sent by email, added after the session")
    assert Question.objects.count() == 3


def test_empty_overlong_and_unlisted_language_are_refused(clock, session, amina):
    assert refused("question_empty", ask, session, amina, "   \n ") == "Please write your question."
    assert (
        refused("question_too_long", ask, session, amina, "?" * 1001)
        == "Please keep it to 1000 characters; this text has 1001."
    )
    assert (
        refused("language", ask, session, amina, language="xx")
        == "Please choose the language of your question."
    )
    ask(session, amina, "?" * 1000)
    assert Question.objects.count() == 1


def test_anonymous_visitors_cannot_ask(clock, session):
    assert (
        refused("login_required", ask, session, AnonymousUser())
        == "Please log in to ask a question."
    )


def test_five_questions_a_minute_per_person_hosts_exempt(clock, session, amina, budi, host):
    for number in range(5):
        ask(session, amina, f"Question {number}")
    message = refused("rate_limited", ask, session, amina, "One more")
    assert message == "You have asked 5 questions in the last minute. Please wait a moment."
    ask(session, budi, "Someone else may ask")
    for number in range(6):
        ask(session, host, f"From the chat {number}")

    clock.shift(timedelta(seconds=61))
    ask(session, amina, "A minute later")
    assert Question.objects.filter(author=amina).count() == 6


# --- votes -------------------------------------------------------------------------


def test_vote_counts_once_a_second_vote_is_refused_and_changes_nothing(clock, session, amina):
    question = QuestionFactory(session=session)

    assert services.vote(question=question, user=amina).vote_count == 1
    before = Question.objects.values().get(pk=question.pk)
    message = refused("already_voted", services.vote, question=question, user=amina)

    assert message == "You have already voted for this question."
    assert Question.objects.values().get(pk=question.pk) == before
    assert Vote.objects.filter(question=question).count() == 1


def test_votes_of_several_people_add_up_and_can_be_withdrawn(clock, session, amina, budi):
    question = QuestionFactory(session=session)
    services.vote(question=question, user=amina)
    services.vote(question=question, user=budi)
    assert Question.objects.get().vote_count == 2

    assert services.unvote(question=question, user=amina).vote_count == 1
    assert refused("not_voted", services.unvote, question=question, user=amina) == (
        "You have not voted for this question."
    )
    assert list(Vote.objects.values_list("user", flat=True)) == [budi.pk]
    assert Question.objects.get().vote_count == 1


def test_no_votes_on_merged_questions_after_the_end_or_without_an_account(
    clock, session, amina, host
):
    target = QuestionFactory(session=session)
    duplicate = QuestionFactory(session=session, merged_into=target)

    assert refused("merged", services.vote, question=duplicate, user=amina) == (
        "This question was merged into another one: vote for that one."
    )
    assert refused("login_required", services.vote, question=target, user=AnonymousUser()) == (
        "Please log in to vote."
    )
    clock.shift(timedelta(hours=2))
    assert refused("closed", services.vote, question=target, user=host) == (
        "Voting is closed for this session."
    )
    assert Vote.objects.count() == 0
    assert Question.objects.get(pk=target.pk).vote_count == 0


def test_a_vote_moves_the_question_version(clock, session, amina):
    question = QuestionFactory(session=session)
    before = Question.objects.get().updated_at
    clock.shift(timedelta(seconds=1))
    services.vote(question=question, user=amina)
    assert Question.objects.get().updated_at == before + timedelta(seconds=1)


# --- answers -------------------------------------------------------------------------


def test_hosts_answer_and_edit_the_answer(clock, session, host, amina):
    question = QuestionFactory(session=session)
    assert refused("not_host", services.answer, question=question, host=amina, text="Yes") == (
        "Only the hosts of this session can do this."
    )
    assert refused("answer_empty", services.answer, question=question, host=host, text=" ") == (
        "Please write the answer."
    )

    answered = services.answer(question=question, host=host, text="Yes, but not only.")
    first_time = answered.answered_at
    clock.shift(timedelta(minutes=5))
    services.answer(question=question, host=host, text="Yes, but that will not be the only thing.")

    question.refresh_from_db()
    assert (question.answer, question.answered_at, question.answered_by) == (
        "Yes, but that will not be the only thing.",
        first_time,
        host,
    )
    assert question.is_answered


def test_a_nul_character_in_an_answer_or_a_hide_reason_is_refused(clock, session, host):
    question = QuestionFactory(session=session)

    for call, kwargs in (
        (services.answer, {"text": "Yes\x00"}),
        (services.hide, {"reason": "Spam\x00"}),
    ):
        assert refused("null_character", call, question=question, host=host, **kwargs) == (
            "Null characters are not allowed."
        )
    question.refresh_from_db()
    assert (question.answer, question.is_hidden) == ("", False)


def test_a_merged_question_is_not_answered_its_target_is(clock, session, host):
    target = QuestionFactory(session=session)
    duplicate = QuestionFactory(session=session, merged_into=target)
    assert refused("merged", services.answer, question=duplicate, host=host, text="See above") == (
        "This question was merged into another one: answer that one."
    )


# --- merging -------------------------------------------------------------------------


def test_merge_moves_votes_without_double_votes(clock, session, host, amina, budi, chen):
    into = QuestionFactory(session=session, text="How far behind are we on hubs?")
    duplicate = QuestionFactory(session=session, text="When will hubs be defined?")
    for user in (amina, budi):
        services.vote(question=into, user=user)
    for user in (budi, chen):  # Budi voted for both
        services.vote(question=duplicate, user=user)

    result = services.merge(duplicate=duplicate, into=into, host=host)

    assert result.vote_count == 3
    assert sorted(
        Vote.objects.filter(question=into).values_list("user__display_name", flat=True)
    ) == [
        "Amina",
        "Budi",
        "Chen",
    ]
    duplicate.refresh_from_db()
    assert (duplicate.merged_into, duplicate.vote_count, duplicate.votes.count()) == (into, 0, 0)
    assert Question.objects.get(pk=into.pk).vote_count == 3


def test_merging_a_question_that_has_duplicates_takes_them_along(clock, session, host, amina):
    first = QuestionFactory(session=session)
    second = QuestionFactory(session=session)
    third = QuestionFactory(session=session)
    services.merge(duplicate=third, into=second, host=host)
    services.vote(question=second, user=amina)

    services.merge(duplicate=second, into=first, host=host)

    assert dict(Question.objects.values_list("pk", "merged_into")) == {
        first.pk: None,
        second.pk: first.pk,
        third.pk: first.pk,
    }
    assert Question.objects.get(pk=first.pk).vote_count == 1


def test_merge_refusals(clock, session, host, amina):
    one = QuestionFactory(session=session)
    two = QuestionFactory(session=session, merged_into=one)
    elsewhere = QuestionFactory()
    three = QuestionFactory(session=session)

    assert refused("not_host", services.merge, duplicate=three, into=one, host=amina)
    assert refused("same_question", services.merge, duplicate=one, into=one, host=host)
    assert refused("other_session", services.merge, duplicate=one, into=elsewhere, host=host)
    assert refused("already_merged", services.merge, duplicate=two, into=three, host=host)
    assert refused("target_merged", services.merge, duplicate=three, into=two, host=host) == (
        "That question is itself merged into another one: choose that one."
    )
    assert Question.objects.filter(merged_into__isnull=False).count() == 1


# --- follow-ups ------------------------------------------------------------------------


def test_link_and_unlink_a_follow_up(clock, session, host, amina):
    hubs = QuestionFactory(session=session)
    answerable = QuestionFactory(session=session)
    assert refused(
        "not_host", services.link_follow_up, question=answerable, follows=hubs, host=amina
    )

    services.link_follow_up(question=answerable, follows=hubs, host=host)
    assert Question.objects.get(pk=answerable.pk).follows == hubs

    services.link_follow_up(question=answerable, follows=None, host=host)
    assert Question.objects.get(pk=answerable.pk).follows is None


def test_follow_ups_cannot_loop_even_through_a_merge(clock, session, host):
    a = QuestionFactory(session=session)
    b = QuestionFactory(session=session, follows=a)
    c = QuestionFactory(session=session, follows=b)
    d = QuestionFactory(session=session)
    services.merge(duplicate=d, into=c, host=host)

    assert refused("same_question", services.link_follow_up, question=a, follows=a, host=host)
    assert refused("follow_up_loop", services.link_follow_up, question=a, follows=c, host=host) == (
        "That question already follows this one."
    )
    assert refused("target_merged", services.link_follow_up, question=a, follows=d, host=host)
    assert refused(
        "other_session", services.link_follow_up, question=a, follows=QuestionFactory(), host=host
    )
    assert Question.objects.get(pk=a.pk).follows is None


def test_an_erased_account_leaves_its_questions(clock, session):
    author = UserFactory()
    question = QuestionFactory(session=session, author=author)
    VoteFactory(question=question, user=author)
    author.delete()
    question.refresh_from_db()
    assert (question.author, question.votes.count()) == (None, 0)


def test_an_erased_account_takes_its_votes_off_the_counts(clock, session, amina, budi, chen):
    first = QuestionFactory(session=session, author=chen)
    second = QuestionFactory(session=session, author=amina)
    for question, voters in ((first, (amina, budi)), (second, (budi,))):
        for voter in voters:
            services.vote(question=question, user=voter)
    clock.shift(timedelta(seconds=1))

    user_delete(user=budi)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.vote_count, second.vote_count) == (1, 0)
    assert Vote.objects.filter(question=first).count() == 1
    assert Vote.objects.filter(question=second).count() == 0
    assert second.author == amina  # the questions stay; only the erased person's votes go
    user_delete(user=amina)
    second.refresh_from_db()
    assert (second.author, second.vote_count) == (None, 0)
