"""Hosts hide a question with a public reason: participants see the reason in its place,
the text stays stored and readable by the hosts, and no more votes are taken."""

import pytest
from rest_framework.test import APIClient

from convene.core.errors import ServiceError
from convene.qanda import services
from convene.qanda.models import Question

from .factories import AFTER, DURING, QuestionFactory
from .test_views import messages_of, page, question_ids

pytestmark = pytest.mark.django_db

HIDDEN_NOTE = '<p class="hidden-note" id="q-{}-text">Hidden by the hosts: <bdi>{}</bdi></p>'


@pytest.fixture
def question(session):
    return QuestionFactory(session=session, text="Buy cheap watches at example.com", vote_count=0)


def test_a_host_hides_a_question_and_participants_see_the_reason(
    client, clock, session, host, amina, question
):
    client.force_login(host)
    response = client.post(page(session, f"{question.pk}/hide/"), {"reason": "Advertising."})

    assert response.status_code == 302
    assert response["Location"] == page(session, f"#q-{question.pk}")
    stored = Question.objects.get(pk=question.pk)
    assert (stored.hidden_reason, stored.hidden_by, stored.hidden_at) == (
        "Advertising.",
        host,
        DURING,
    )
    assert stored.text == "Buy cheap watches at example.com"  # kept for the record
    assert messages_of(client.get(page(session))) == [
        "The question was hidden; its reason is shown in its place."
    ]

    for viewer in (None, amina):
        if viewer:
            client.force_login(viewer)
        else:
            client.logout()
        for path in ("", "live/"):
            text = client.get(page(session, path)).text
            assert HIDDEN_NOTE.format(question.pk, "Advertising.") in text
            assert "cheap watches" not in text
            assert f"{question.pk}/vote/" not in text
            assert "Questions: 0 · answered: 0" in text


def test_the_hosts_still_read_the_hidden_text_and_can_show_it_again(
    client, clock, session, host, question
):
    services.hide(question=question, host=host, reason="Advertising.")
    client.force_login(host)
    text = client.get(page(session)).text
    assert "Hosts: the hidden text" in text
    assert "Buy cheap watches at example.com" in text
    assert f'action="/en/events/mc/sessions/{session.pk}/questions/{question.pk}/unhide/"' in text
    assert f'id="hide-{question.pk}"' not in text

    response = client.post(page(session, f"{question.pk}/unhide/"))

    assert response.status_code == 302
    stored = Question.objects.get(pk=question.pk)
    assert (stored.hidden_at, stored.hidden_reason, stored.hidden_by) == (None, "", None)
    client.logout()
    assert "Buy cheap watches at example.com" in client.get(page(session)).text


def test_participants_cannot_hide_or_show_questions(client, clock, session, host, amina, question):
    client.force_login(amina)
    assert client.post(page(session, f"{question.pk}/hide/"), {"reason": "No."}).status_code == 403
    services.hide(question=question, host=host, reason="Advertising.")
    assert client.post(page(session, f"{question.pk}/unhide/")).status_code == 403
    assert Question.objects.get(pk=question.pk).hidden_reason == "Advertising."
    with pytest.raises(ServiceError) as refused:
        services.unhide(question=question, host=amina)
    assert refused.value.code == "not_host"


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("   ", "Please give the reason, shown in place of the question."),
        ("x" * 301, "Please keep it to 300 characters; this text has 301."),
    ],
)
def test_a_missing_or_long_reason_is_refused_and_changes_nothing(
    client, clock, session, host, question, reason, message
):
    client.force_login(host)
    response = client.post(page(session, f"{question.pk}/hide/"), {"reason": reason}, follow=True)

    assert messages_of(response) == [message]
    assert Question.objects.get(pk=question.pk).hidden_at is None


def test_hiding_twice_or_showing_a_shown_question_is_refused(clock, session, host, question):
    with pytest.raises(ServiceError) as refused:
        services.unhide(question=question, host=host)
    assert refused.value.code == "not_hidden"
    services.hide(question=question, host=host, reason="Advertising.")
    with pytest.raises(ServiceError) as refused:
        services.hide(question=question, host=host, reason="Again.")
    assert (refused.value.code, str(refused.value)) == (
        "already_hidden",
        "This question is already hidden.",
    )
    assert Question.objects.get(pk=question.pk).hidden_reason == "Advertising."


def test_no_vote_for_a_hidden_question(client, clock, session, host, amina, question):
    services.hide(question=question, host=host, reason="Advertising.")
    client.force_login(amina)

    response = client.post(page(session, f"{question.pk}/vote/"), {"sort": "votes"}, follow=True)

    assert messages_of(response) == ["This question was hidden by the hosts."]
    assert Question.objects.get(pk=question.pk).vote_count == 0
    assert question.votes.count() == 0


def test_hidden_questions_come_last_by_votes_and_keep_their_place_by_time(
    client, clock, session, host
):
    popular = QuestionFactory(session=session, vote_count=9)
    quiet = QuestionFactory(session=session, vote_count=1)
    newest = QuestionFactory(session=session, vote_count=0)
    services.hide(question=popular, host=host, reason="Off topic.")

    assert question_ids(client.get(page(session))) == [quiet.pk, newest.pk, popular.pk]
    assert question_ids(client.get(page(session, "?sort=time"))) == [
        newest.pk,
        quiet.pk,
        popular.pk,
    ]


def test_a_hidden_answered_question_hides_its_response_from_participants(
    client, clock, session, host, amina, question
):
    services.answer(question=question, host=host, text="We do not sell watches.")
    services.hide(question=question, host=host, reason="Advertising.")
    client.force_login(amina)
    assert "We do not sell watches." not in client.get(page(session)).text
    client.force_login(host)
    assert "We do not sell watches." in client.get(page(session)).text


def test_the_reason_is_escaped(client, clock, session, host, question):
    services.hide(question=question, host=host, reason='<script>alert("x")</script>')
    text = client.get(page(session)).text
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text


def test_the_notes_give_the_reason_instead_of_the_text(client, clock, session, host, question):
    kept = QuestionFactory(session=session, text="When is the vote?")
    services.answer(question=question, host=host, text="We do not sell watches.")
    services.hide(question=question, host=host, reason="Advertising.")
    clock.move_to(AFTER)

    markdown = client.get(page(session, "notes.md")).text
    wikitext = client.get(page(session, "notes.wiki")).text
    session_page = client.get(f"/en/events/mc/sessions/{session.pk}/").text

    hidden = "Asked 2030-11-04T09:10:00Z in Ask Me Anything, Asia-Pacific · 0 votes · Hidden"
    open_ = "Asked 2030-11-04T09:10:00Z in Ask Me Anything, Asia-Pacific · 0 votes · Not answered"
    assert markdown == (
        f"## Questions and answers\n\n- Hidden by the hosts: Advertising.\n  - {hidden}\n"
        f"- {kept.text}\n  - {open_}\n"
    )
    assert wikitext == (
        f"== Questions and answers ==\n* Hidden by the hosts: Advertising.\n:: {hidden}\n"
        f"* When is the vote?\n:: {open_}\n"
    )
    for text in (markdown, wikitext, session_page):
        assert "watches" not in text
    assert "Hidden by the hosts: <bdi>Advertising.</bdi>" in session_page


def test_the_api_shows_the_reason_not_the_text(client, clock, session, host, question):
    services.answer(question=question, host=host, text="We do not sell watches.")
    services.hide(question=question, host=host, reason="Advertising.")

    response = client.get(f"/api/v1/sessions/{session.pk}/questions/")

    (shown,) = response.json()["results"]
    assert (shown["text"], shown["answer"], shown["hidden"], shown["hidden_reason"]) == (
        None,
        None,
        True,
        "Advertising.",
    )
    assert shown["answered"] is True


def test_the_api_refuses_a_vote_for_a_hidden_question(clock, session, host, amina, question):
    services.hide(question=question, host=host, reason="Advertising.")
    api = APIClient()
    api.force_login(amina)

    response = api.post(f"/api/v1/questions/{question.pk}/vote/")

    assert response.status_code == 409
    assert response.json() == {"detail": "This question was hidden by the hosts.", "code": "hidden"}
    assert question.votes.count() == 0
