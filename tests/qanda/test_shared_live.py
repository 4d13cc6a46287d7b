"""The list the page's script polls is the same for every participant (or every visitor) of
one language and zone: kept whole, served without reading anyone's session, and made the
reader's own again by the page (their token, votes and name), which points to it."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.test import Client

from convene.qanda import rendering, services
from convene.qanda.models import Vote

from .factories import QuestionFactory

pytestmark = pytest.mark.django_db

PAGE = "/{}/events/mc/sessions/{}/questions/"


def shared(session, query="view=participant&tz=UTC", language="en"):
    return PAGE.format(language, session.pk) + "live/shared/?" + query


def live_url(text):
    return unescape(re.search(r'data-live-url="([^"]+)"', text).group(1))


def test_participants_and_visitors_are_pointed_at_their_shared_list_in_their_zone(
    client, clock, session, amina, host
):
    amina.timezone = "Asia/Kolkata"
    amina.save()
    page = PAGE.format("en", session.pk)
    assert live_url(client.get(page).text) == shared(session, "view=visitor&tz=UTC")
    client.cookies["convene_tz"] = "Africa/Nairobi"
    assert live_url(client.get(page + "?sort=time").text) == shared(
        session, "view=visitor&tz=Africa%2FNairobi&sort=time"
    )

    client.force_login(amina)
    assert live_url(client.get(page).text) == shared(session, "view=participant&tz=Asia%2FKolkata")

    client.force_login(host)  # the host actions are the host's alone
    assert live_url(client.get(page).text) == page + "live/"


def test_the_shared_list_is_the_same_bytes_for_everyone_and_answers_304(
    clock, session, amina, budi, django_assert_num_queries
):
    question = QuestionFactory(session=session, author=amina)
    services.vote(question=question, user=amina)
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(amina)

    first = anonymous.get(shared(session))
    second = signed_in.get(shared(session))

    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
    assert first["Cache-Control"] == "no-cache"
    assert "Cookie" not in first.get("Vary", "")
    # Both forms, the reader's choice shown by the script; no one's CSRF token.
    assert f'data-vote="{question.pk}">' in first.text
    assert f'data-unvote="{question.pk}" hidden>' in first.text
    assert set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', first.text)) == {
        rendering.CSRF_PLACEHOLDER
    }

    # The session and its event, the version: never the login session or the user.
    with django_assert_num_queries(2):
        again = signed_in.get(shared(session))
    assert again.content == first.content
    with django_assert_num_queries(2):
        unchanged = signed_in.get(shared(session), HTTP_IF_NONE_MATCH=first["ETag"])
    assert (unchanged.status_code, unchanged.content) == (304, b"")

    services.vote(question=question, user=budi)
    changed = signed_in.get(shared(session), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert "2 votes" in changed.text


def test_the_page_gives_the_script_the_readers_votes_and_the_entity_tag_of_its_list(
    client, clock, session, amina
):
    voted, other = QuestionFactory(session=session), QuestionFactory(session=session)
    services.vote(question=voted, user=amina)
    client.force_login(amina)

    text = client.get(PAGE.format("en", session.pk)).text

    assert f'data-voted="{voted.pk}"' in text
    etag = unescape(re.search(r'data-etag="([^"]+)"', text).group(1))
    response = client.get(live_url(text), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    # The page itself is the reader's: one form for each question, theirs.
    assert f'data-unvote="{voted.pk}">' in text and f'data-vote="{voted.pk}"' not in text
    assert f'data-vote="{other.pk}">' in text and f'data-unvote="{other.pk}"' not in text


def test_a_token_put_in_by_the_script_is_accepted(clock, session, amina):
    question = QuestionFactory(session=session)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(amina)
    page = browser.get(PAGE.format("en", session.pk)).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = browser.get(shared(session)).text
    action = re.search(r'action="([^"]+/vote/)" data-vote', form).group(1)

    refused = browser.post(action, {"csrfmiddlewaretoken": rendering.CSRF_PLACEHOLDER})
    accepted = browser.post(action, {"csrfmiddlewaretoken": token, "sort": "votes"})

    assert (refused.status_code, accepted.status_code) == (403, 302)
    assert list(Vote.objects.values_list("question", "user")) == [(question.pk, amina.pk)]


def test_visitors_get_no_forms_and_participants_none_once_the_session_ends(client, clock, session):
    QuestionFactory(session=session)
    assert "<form" not in client.get(shared(session, "view=visitor&tz=UTC")).text
    open_list = client.get(shared(session))
    assert "<form" in open_list.text

    clock.shift(timedelta(hours=3))
    closed = client.get(shared(session), HTTP_IF_NONE_MATCH=open_list["ETag"])

    assert closed.status_code == 200
    assert "<form" not in closed.text


def test_times_are_in_the_zone_of_the_address_and_lists_are_kept_per_zone_and_language(
    client, clock, session
):
    QuestionFactory(session=session)
    utc = client.get(shared(session)).text
    kolkata = client.get(shared(session, "view=participant&tz=Asia/Kolkata")).text
    french = client.get(shared(session, language="fr")).text
    old_name = client.get(shared(session, "view=participant&tz=Asia/Calcutta"))

    # Ten minutes into a session that starts at 09:00 UTC: 09:10 in UTC, 14:40 in Kolkata.
    assert "09:10" in utc and "14:40" not in utc
    assert "14:40" in kolkata
    assert ">Voter</button>" in french and ">Vote</button>" in utc
    assert old_name.text == kolkata  # an old name is the same zone


@pytest.mark.parametrize(
    "query", ["view=participant&tz=Mars/Olympus", "view=host&tz=UTC", "tz=UTC", "view=visitor&tz="]
)
def test_a_broken_address_gets_a_clear_400(client, clock, session, query):
    response = client.get(shared(session, query))
    french = client.get(shared(session, query, language="fr"))

    assert response.status_code == french.status_code == 400
    assert response.text == "This address of the questions is not valid. Please reload the page."
    assert french.text != response.text


def test_unknown_sessions_and_unpublished_events_have_no_shared_list(client, clock, session, host):
    assert (
        client.get(PAGE.format("en", 999) + "live/shared/?view=visitor&tz=UTC").status_code == 404
    )
    session.event.is_published = False
    session.event.save()
    client.force_login(host)  # the organizers poll their own list instead

    assert client.get(shared(session)).status_code == 404
    assert live_url(client.get(PAGE.format("en", session.pk)).text).endswith("/live/")


def test_the_page_tells_the_script_how_often_to_poll_in_every_language(client, clock, session):
    for language in ("en", "fr", "ar", "hi"):
        text = client.get(PAGE.format(language, session.pk)).text
        assert 'data-ms="1800"' in text, language
