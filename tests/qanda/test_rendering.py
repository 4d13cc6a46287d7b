"""The question list is put together from pieces shared between viewers: each viewer still
gets their own votes, names, CSRF token, language and time zone."""

import re

import pytest
from django.test import Client

from convene.qanda import rendering, services
from convene.qanda.models import Vote

from .factories import QuestionFactory

pytestmark = pytest.mark.django_db

LIVE = "/{}/events/mc/sessions/{}/questions/live/"


def live(session, language="en"):
    return LIVE.format(language, session.pk)


@pytest.fixture
def renders(monkeypatch):
    """The entries rendered (not taken from the cache), by question id."""
    rendered = []
    original = rendering.QUESTION.render

    def spy(context):
        rendered.append(context["entry"].question.pk)
        return original(context)

    monkeypatch.setattr(rendering.QUESTION, "render", spy)
    return rendered


def tokens(html):
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))


def test_a_second_viewer_gets_the_pieces_from_the_cache(
    client, clock, session, amina, budi, renders
):
    first, second = QuestionFactory(session=session), QuestionFactory(session=session)
    client.force_login(amina)
    client.get(live(session))
    assert sorted(renders) == [first.pk, second.pk]

    renders.clear()
    client.force_login(budi)
    response = client.get(live(session))

    assert response.status_code == 200
    assert renders == []
    assert f'id="q-{first.pk}"' in response.text and f'id="q-{second.pk}"' in response.text


def test_a_vote_renders_again_only_the_question_it_changed(
    client, clock, session, amina, budi, renders
):
    first = QuestionFactory(session=session)
    QuestionFactory(session=session)
    client.force_login(budi)
    client.get(live(session))
    services.vote(question=first, user=amina)
    renders.clear()

    text = client.get(live(session)).text

    assert renders == [first.pk]
    assert "1 vote" in text


def test_each_viewer_sees_their_own_votes(client, clock, session, amina, budi):
    question = QuestionFactory(session=session)
    services.vote(question=question, user=amina)
    unvote = f'action="/en/events/mc/sessions/{session.pk}/questions/{question.pk}/unvote/"'
    vote = f'action="/en/events/mc/sessions/{session.pk}/questions/{question.pk}/vote/"'
    for viewer, shown, hidden in (
        (amina, unvote, vote),
        (budi, vote, unvote),
        (amina, unvote, vote),
    ):
        client.force_login(viewer)
        text = client.get(live(session)).text
        assert shown in text and hidden not in text, viewer


def test_each_viewer_gets_their_own_csrf_token_and_it_is_accepted(clock, session, amina, budi):
    question = QuestionFactory(session=session)
    seen = []
    for viewer in (amina, budi):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(viewer)
        text = browser.get(live(session)).text
        (token,) = tokens(text)
        assert rendering.CSRF_PLACEHOLDER not in text
        seen.append(token)
        vote = f"/en/events/mc/sessions/{session.pk}/questions/{question.pk}/vote/"

        response = browser.post(vote, {"csrfmiddlewaretoken": token, "sort": "votes"})

        assert response.status_code == 302
        assert Vote.objects.filter(question=question, user=viewer).exists()
    assert seen[0] != seen[1]


def test_a_question_quoting_the_placeholder_is_shown_as_written(client, clock, session, amina):
    text = f'value="{rendering.CSRF_PLACEHOLDER}" and {rendering.CSRF_PLACEHOLDER}'
    question = QuestionFactory(session=session, text=text)
    client.force_login(amina)

    html = client.get(live(session)).text

    assert f"&quot;{rendering.CSRF_PLACEHOLDER}&quot; and {rendering.CSRF_PLACEHOLDER}" in html
    assert f'id="q-{question.pk}-text"' in html


def test_language_and_time_zone_are_kept_apart(client, clock, session, amina):
    QuestionFactory(session=session)
    client.force_login(amina)
    english = client.get(live(session)).text
    french = client.get(live(session, "fr")).text
    amina.timezone = "Asia/Kolkata"
    amina.save()
    kolkata = client.get(live(session)).text

    assert ">Vote</button>" in english and ">Voter</button>" in french
    # Ten minutes into a session that starts at 09:00 UTC: 09:10 in UTC, 14:40 in Kolkata.
    assert "09:10" in english and "14:40" not in english
    assert "14:40" in kolkata


def test_a_renamed_author_is_shown_with_the_new_name(client, clock, session, amina, budi):
    QuestionFactory(session=session, author=amina, is_anonymous=False)
    client.force_login(budi)
    assert '<span dir="auto">Amina</span>' in client.get(live(session)).text
    amina.display_name = "Amina K."
    amina.save()

    assert '<span dir="auto">Amina K.</span>' in client.get(live(session)).text


def test_hosts_get_their_own_list_with_the_host_actions(client, clock, session, host, amina):
    QuestionFactory(session=session)
    client.force_login(amina)
    assert "Host actions" not in client.get(live(session)).text
    client.force_login(host)
    text = client.get(live(session)).text
    assert "Host actions" in text
    assert rendering.CSRF_PLACEHOLDER not in text


def test_a_new_event_address_is_in_the_forms_at_once(client, clock, session, amina):
    question = QuestionFactory(session=session)
    client.force_login(amina)
    client.get(live(session))
    type(session.event).objects.filter(pk=session.event.pk).update(slug="charter")

    text = client.get(f"/en/events/charter/sessions/{session.pk}/questions/live/").text

    assert (
        f'action="/en/events/charter/sessions/{session.pk}/questions/{question.pk}/vote/"' in text
    )
