"""The editions of one agenda (one "Ask Me Anything" in three time zones) share one pool of
questions once the hosts turn it on: each edition lists them all, votes count across the
pool, any edition's hosts answer any of them, and where each was asked and answered shows."""

import re
from datetime import timedelta

import pytest

from convene.core.errors import ServiceError
from convene.qanda import selectors, services
from convene.qanda.models import HostAction, Question, QuestionPool, Vote
from tests.events.factories import SessionFactory

from .factories import AFTER, ENDS, STARTS, QuestionFactory

pytestmark = pytest.mark.django_db

PAGE = "/{}/events/mc/sessions/{}/questions/"
AMERICAS_STARTS = STARTS + timedelta(days=2, hours=8)


def page(session, suffix="", language="en"):
    return PAGE.format(language, session.pk) + suffix


@pytest.fixture
def apac(session):
    session.agenda = "ama"
    session.save()
    return session


@pytest.fixture
def americas(event):
    return SessionFactory(
        event=event,
        title="Americas edition",
        agenda="ama",
        starts_at=AMERICAS_STARTS,
        ends_at=AMERICAS_STARTS + timedelta(hours=2),
    )


@pytest.fixture
def pooled(apac, americas, host):
    services.question_pool_share(session=apac, host=host, shared=True)
    return apac, americas


def fresh(session):
    """The session as the pages read it (with whether it shares its questions)."""
    return selectors.session_get(slug=session.event.slug, session_id=session.pk)


def listed(session):
    return [entry.question.pk for entry in selectors.session_questions(session=fresh(session))]


def question_ids(response):
    return [int(pk) for pk in re.findall(r'<li id="q-(\d+)" class="qanda-question', response.text)]


# --- The setting -----------------------------------------------------------------------


def test_sharing_is_off_by_default_and_the_hosts_turn_it_on_and_off(
    clock, apac, americas, host, amina
):
    asked_here = QuestionFactory(session=apac, text="Asked in Asia-Pacific?")
    asked_there = QuestionFactory(session=americas, text="Asked in the Americas?")
    assert not QuestionPool.objects.exists()
    assert selectors.is_pooled(fresh(apac)) is False
    assert listed(apac) == [asked_here.pk]
    assert listed(americas) == [asked_there.pk]

    pool = services.question_pool_share(session=americas, host=host, shared=True)

    assert (pool.event, pool.agenda, pool.shared, pool.changed_by) == (
        apac.event,
        "ama",
        True,
        host,
    )
    assert selectors.is_pooled(fresh(apac)) is True
    assert listed(apac) == listed(americas) == [asked_here.pk, asked_there.pk]

    services.question_pool_share(session=apac, host=host, shared=False)
    assert QuestionPool.objects.get().shared is False
    assert listed(apac) == [asked_here.pk]


def test_only_hosts_share_and_only_sessions_with_an_agenda(clock, apac, session, host, amina):
    with pytest.raises(ServiceError) as refused:
        services.question_pool_share(session=apac, host=amina, shared=True)
    assert refused.value.code == "not_host"
    other = SessionFactory(event=apac.event, title="Closing")
    with pytest.raises(ServiceError) as refused:
        services.question_pool_share(session=other, host=host, shared=True)
    assert refused.value.code == "no_agenda"
    assert refused.value.message == "This session has no agenda: no other session repeats it."
    assert not QuestionPool.objects.exists()


def test_sessions_of_another_agenda_or_event_stay_apart(clock, pooled, host):
    apac, americas = pooled
    other_agenda = SessionFactory(event=apac.event, title="Hubs", agenda="hubs")
    other_event = SessionFactory(title="Elsewhere", agenda="ama")
    hubs = QuestionFactory(session=other_agenda)
    elsewhere = QuestionFactory(session=other_event)
    mine = QuestionFactory(session=apac)
    assert listed(apac) == listed(americas) == [mine.pk]
    assert listed(other_agenda) == [hubs.pk]
    assert listed(other_event) == [elsewhere.pk]


# --- Votes, answers and the hosts' decisions across the pool -----------------------------


def test_votes_count_across_the_pool_once_per_person(clock, pooled, amina, budi):
    apac, americas = pooled
    question = QuestionFactory(session=apac)

    services.vote(question=question, user=amina, session=americas)
    services.vote(question=question, user=budi, session=apac)
    with pytest.raises(ServiceError) as refused:
        services.vote(question=question, user=amina, session=apac)

    assert refused.value.code == "already_voted"
    question.refresh_from_db()
    assert question.vote_count == Vote.objects.filter(question=question).count() == 2


def test_a_question_of_an_ended_edition_takes_votes_in_an_open_one(clock, pooled, amina):
    apac, americas = pooled
    question = QuestionFactory(session=apac)
    clock.move_to(AFTER)  # Asia-Pacific has ended; the Americas edition is to come

    with pytest.raises(ServiceError) as refused:
        services.vote(question=question, user=amina, session=fresh(apac))
    assert refused.value.code == "closed"
    services.vote(question=question, user=amina, session=fresh(americas))
    services.unvote(question=question, user=amina, session=fresh(americas))
    question.refresh_from_db()
    assert question.vote_count == 0


def test_without_sharing_another_editions_question_is_refused(clock, apac, americas, host, amina):
    question = QuestionFactory(session=apac)
    other = QuestionFactory(session=americas)
    calls = [
        lambda: services.vote(question=question, user=amina, session=americas),
        lambda: services.answer(question=question, host=host, text="Yes.", session=americas),
        lambda: services.merge(duplicate=other, into=question, host=host),
        lambda: services.link_follow_up(question=other, follows=question, host=host),
    ]
    for call in calls:
        with pytest.raises(ServiceError) as refused:
            call()
        assert refused.value.code == "other_session"
    assert not Vote.objects.exists()
    assert not HostAction.objects.exists()
    assert Question.objects.filter(answered_at__isnull=False).count() == 0


def test_an_answer_given_in_another_edition_records_that_edition(clock, pooled, host):
    apac, americas = pooled
    question = QuestionFactory(session=apac)

    answered = services.answer(question=question, host=host, text="Yes.", session=americas)
    first_answer_at = answered.answered_at
    clock.shift(timedelta(minutes=5))
    services.answer(question=question, host=host, text="Yes, from 2031.", session=apac)

    question.refresh_from_db()
    assert (question.answer, question.answered_in, question.answered_at) == (
        "Yes, from 2031.",
        americas,
        first_answer_at,
    )
    assert question.session == apac


def test_hosts_merge_hide_and_link_questions_of_different_editions(clock, pooled, host, amina):
    apac, americas = pooled
    first = QuestionFactory(session=apac, text="Will hubs be funded?")
    services.vote(question=first, user=amina, session=apac)
    again = QuestionFactory(session=americas, text="Who funds the hubs?")
    services.vote(question=again, user=amina, session=americas)
    follow_up = QuestionFactory(session=americas, text="And from when?")

    into = services.merge(duplicate=again, into=first, host=host)
    services.link_follow_up(question=follow_up, follows=first, host=host)
    services.hide(question=first, host=host, reason="Answered in the FAQ.")

    assert into.vote_count == 1  # amina's two votes are one
    entries = selectors.session_questions(session=fresh(americas), sort="asked")
    assert [entry.question.pk for entry in entries] == [first.pk]
    assert [q.pk for q in entries[0].duplicates] == [again.pk]
    assert [child.question.pk for child in entries[0].follow_ups] == [follow_up.pk]
    assert listed(apac) == [first.pk]


# --- The pages -------------------------------------------------------------------------


def test_each_edition_lists_the_pool_with_where_each_was_asked_and_answered(
    client, clock, pooled, host
):
    apac, americas = pooled
    here = QuestionFactory(session=apac, text="Asked in Asia-Pacific?")
    there = QuestionFactory(session=americas, text="Asked in the <b>Americas</b>?")
    services.answer(question=here, host=host, text="Yes.", session=americas)

    for session in (apac, americas):
        response = client.get(page(session))
        assert question_ids(response) == [here.pk, there.pk]
        text = response.text
        assert 'id="pool-note"' in text
        assert (
            '<span class="q-edition">asked in <bdi>Ask Me Anything, Asia-Pacific</bdi></span>'
            in text
        )
        assert '<span class="q-edition">asked in <bdi>Americas edition</bdi></span>' in text
        assert '<span class="badge ok">Answered in <bdi>Americas edition</bdi></span>' in text
        assert "Asked in the &lt;b&gt;Americas&lt;/b&gt;?" in text


def test_without_sharing_no_edition_label_and_no_other_question(client, clock, apac, americas):
    QuestionFactory(session=americas, text="Asked in the Americas?")
    text = client.get(page(apac)).text
    assert "Asked in the Americas?" not in text
    assert "q-edition" not in text
    assert 'id="pool-note"' not in text


def test_actions_on_a_pooled_question_go_through_another_editions_page(
    client, clock, pooled, host, amina
):
    apac, americas = pooled
    question = QuestionFactory(session=apac)
    client.force_login(amina)
    response = client.post(page(americas, f"{question.pk}/vote/"))
    assert response.status_code == 302
    assert response["Location"] == page(americas, f"#q-{question.pk}")
    client.force_login(host)
    client.post(page(americas, f"{question.pk}/answer/"), {"text": "Later this year."})

    question.refresh_from_db()
    assert (question.vote_count, question.answer, question.answered_in) == (
        1,
        "Later this year.",
        americas,
    )


def test_without_sharing_another_editions_question_is_not_found(
    client, clock, apac, americas, host
):
    question = QuestionFactory(session=apac)
    client.force_login(host)
    response = client.post(page(americas, f"{question.pk}/answer/"), {"text": "Yes."})
    assert response.status_code == 404
    question.refresh_from_db()
    assert question.answer == ""


def test_the_hosts_turn_sharing_on_from_the_questions_page(client, clock, apac, americas, host):
    client.force_login(host)
    text = client.get(page(apac)).text
    assert '<h2 id="pool-heading">Editions of this session</h2>' in text
    assert f'<a href="{page(americas)}" dir="auto">Americas edition</a>' in text
    unchecked = '<input type="checkbox" name="shared" aria-describedby="id_shared_helptext"'
    assert unchecked + ' id="id_shared">' in text

    response = client.post(page(apac, "pool/"), {"shared": "on"})

    assert response.status_code == 302
    assert response["Location"] == page(apac, "#pool-heading")
    assert QuestionPool.objects.get().shared is True
    text = client.get(page(americas)).text
    assert "The editions of this agenda now share their questions." in text
    assert unchecked + ' id="id_shared" checked>' in text

    client.post(page(americas, "pool/"), {})
    assert QuestionPool.objects.get().shared is False


def test_participants_neither_see_nor_use_the_setting(client, clock, apac, americas, amina):
    client.force_login(amina)
    assert 'id="pool-heading"' not in client.get(page(apac)).text
    assert client.post(page(apac, "pool/"), {"shared": "on"}).status_code == 403
    assert not QuestionPool.objects.exists()


def test_a_session_without_other_editions_shows_no_setting(client, clock, session, host):
    client.force_login(host)
    assert 'id="pool-heading"' not in client.get(page(session)).text


def test_a_change_in_one_edition_reaches_the_list_of_another(client, clock, pooled, amina):
    apac, americas = pooled
    question = QuestionFactory(session=apac)
    shared = page(americas, "live/shared/?view=visitor&tz=UTC")
    first = client.get(shared)
    assert client.get(shared, headers={"if-none-match": first["ETag"]}).status_code == 304

    services.vote(question=question, user=amina, session=apac)

    changed = client.get(shared, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert "1 vote" in changed.text


def test_turning_sharing_on_changes_the_lists_of_every_edition(client, clock, apac, americas, host):
    QuestionFactory(session=apac)
    shared = page(americas, "live/shared/?view=visitor&tz=UTC")
    before = client.get(shared)["ETag"]
    services.question_pool_share(session=apac, host=host, shared=True)
    assert client.get(shared)["ETag"] != before


def test_the_session_page_notes_of_a_pooled_session_say_where(client, clock, pooled, host):
    apac, americas = pooled
    question = QuestionFactory(session=americas, text="Asked in the Americas?")
    services.answer(question=question, host=host, text="Yes.", session=apac)
    clock.move_to(AFTER)
    text = client.get(f"/en/events/mc/sessions/{apac.pk}/").text
    assert "Asked in the Americas?" in text
    assert '<span class="muted">(asked in <bdi>Americas edition</bdi>)</span>' in text
    assert (
        '<span class="muted">(Answered in <bdi>Ask Me Anything, Asia-Pacific</bdi>)</span>' in text
    )
    assert f'href="/en/events/mc/sessions/{apac.pk}/questions/notes.csv"' in text


def test_the_questions_link_counts_the_pool(client, clock, pooled):
    apac, americas = pooled
    QuestionFactory(session=apac)
    QuestionFactory(session=americas)
    text = client.get(f"/en/events/mc/sessions/{americas.pk}/").text
    assert f'<a href="{page(americas)}">Questions (2)</a>' in text


# --- The hosts' log -------------------------------------------------------------------------


def test_the_hosts_log_covers_the_pool(client, clock, pooled, host):
    apac, americas = pooled
    question = QuestionFactory(session=apac)
    services.answer(question=question, host=host, text="Yes.", session=americas)
    assert [action.question_id for action in selectors.host_log(session=fresh(americas))] == [
        question.pk
    ]


def test_a_session_that_has_ended_keeps_its_notes_closed_to_votes(clock, pooled, amina):
    apac, _americas = pooled
    question = QuestionFactory(session=apac)
    clock.move_to(ENDS + timedelta(days=10))  # every edition has ended
    with pytest.raises(ServiceError) as refused:
        services.vote(question=question, user=amina)
    assert refused.value.code == "closed"


# --- The notes and the API -----------------------------------------------------------------


@pytest.fixture
def pooled_notes(clock, pooled, host, amina, budi):
    """A question asked in Asia-Pacific and answered in the Americas, one asked there and
    merged into it, one left open; the notes are read after every edition."""
    apac, americas = pooled
    funded = QuestionFactory(session=apac, text="Will *hubs* be funded?")
    for voter in (amina, budi):
        services.vote(question=funded, user=voter, session=apac)
    clock.shift(timedelta(minutes=1))
    again = QuestionFactory(session=americas, text="Who funds hubs?")
    clock.shift(timedelta(minutes=1))
    services.merge(duplicate=again, into=funded, host=host)
    open_question = QuestionFactory(session=americas, text="=SUM(A1:A9)")
    clock.move_to(AMERICAS_STARTS + timedelta(minutes=30))
    services.answer(question=funded, host=host, text="Yes.\n\nFrom 2031 on.", session=americas)
    clock.move_to(AMERICAS_STARTS + timedelta(hours=3))
    return apac, americas, funded, again, open_question


NOTES_MARKDOWN = """## Questions and answers

- Will \\*hubs\\* be funded?
  - Asked 2030-11-04T09:10:00Z in Ask Me Anything, Asia-Pacific · 2 votes · Answered
  - Also asked 2030-11-04T09:11:00Z in Americas edition: Who funds hubs?
  - Response by Host Hana in Americas edition, 2030-11-06T17:30:00Z: Yes.
  - From 2031 on.
- =SUM(A1:A9)
  - Asked 2030-11-04T09:12:00Z in Americas edition · 0 votes · Not answered
"""


def test_the_notes_of_every_edition_hold_the_pool(client, pooled_notes):
    apac, americas, *_questions = pooled_notes
    for session in (apac, americas):
        response = client.get(page(session, "notes.md"))
        assert response.content.decode() == NOTES_MARKDOWN
    wikitext = client.get(page(americas, "notes.wiki")).content.decode()
    assert wikitext.splitlines()[1:4] == [
        "* Will *hubs* be funded?",
        ":: Asked 2030-11-04T09:10:00Z in Ask Me Anything, Asia-Pacific · 2 votes · Answered",
        ":: Also asked 2030-11-04T09:11:00Z in Americas edition: Who funds hubs?",
    ]


def test_the_notes_as_a_spreadsheet(client, pooled_notes):
    apac, _americas, funded, again, open_question = pooled_notes
    response = client.get(page(apac, "notes.csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (f'attachment; filename="mc-{apac.pk}-questions.csv"')
    assert response.content.decode().splitlines() == [
        "\ufeffNumber,Question,Language,Asked (UTC),Edition,Votes,Status,Duplicate of,"
        "Follow-up to,Response,Answered by,Answered in,Answered (UTC)",
        f'{funded.pk},Will *hubs* be funded?,en,2030-11-04T09:10:00Z,"Ask Me Anything, '
        'Asia-Pacific",2,answered,,,"Yes.',
        "",
        'From 2031 on.",Host Hana,Americas edition,2030-11-06T17:30:00Z',
        f"{again.pk},Who funds hubs?,en,2030-11-04T09:11:00Z,Americas edition,0,merged,"
        f"{funded.pk},,,,,",
        # A formula is shown as text, never run.
        f"{open_question.pk},'=SUM(A1:A9),en,2030-11-04T09:12:00Z,Americas edition,0,"
        "unanswered,,,,,,",
    ]


def test_the_spreadsheet_is_closed_like_the_other_notes_until_the_end(clock, client, pooled):
    apac, _americas = pooled
    assert client.get(page(apac, "notes.csv")).status_code == 404


def test_the_api_lists_the_pool_with_each_questions_edition(client, clock, pooled, host):
    apac, americas = pooled
    here = QuestionFactory(session=apac)
    services.answer(question=here, host=host, text="Yes.", session=americas)
    there = QuestionFactory(session=americas)

    body = client.get(f"/api/v1/sessions/{americas.pk}/questions/?sort=time").json()

    assert [
        (row["id"], row["session"], row["edition"], row["answered_in"]) for row in body["results"]
    ] == [
        (there.pk, americas.pk, "Americas edition", None),
        (here.pk, apac.pk, "Ask Me Anything, Asia-Pacific", americas.pk),
    ]
    one = client.get(f"/api/v1/questions/{here.pk}/").json()
    assert (one["edition"], one["answered_in"]) == ("Ask Me Anything, Asia-Pacific", americas.pk)


def test_through_the_api_a_question_of_an_ended_edition_takes_votes_while_another_is_open(
    client, clock, apac, americas, host, amina
):
    question = QuestionFactory(session=apac)
    clock.move_to(AFTER)  # Asia-Pacific has ended; the Americas edition is to come
    client.force_login(amina)
    url = f"/api/v1/questions/{question.pk}/vote/"

    refused = client.post(url)
    assert (refused.status_code, refused.json()["code"]) == (409, "closed")

    services.question_pool_share(session=apac, host=host, shared=True)
    counted = client.post(url)
    assert (counted.status_code, counted.json()["votes"]) == (200, 1)
    clock.move_to(americas.ends_at)  # every edition has ended
    assert client.delete(url).json()["code"] == "closed"
