"""The series pages by role: the organizer of the series, someone else signed in, an
anonymous visitor; a draft series is hidden from all but its organizers."""

from __future__ import annotations

import re
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.test import TestCase
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from convene.discussion.models import Board
from convene.openspace.models import Action, Series, SeriesFollow, SeriesMeeting
from tests.factories import UserFactory
from tests.openspace.factories import NOW, ActionFactory, SeriesFactory
from tests.openspace.series_support import (
    harvested,
    in_series,
    meeting_event,
    series_organizer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"openspace:{name}", args=args)


def text(response, status=200):
    assert response.status_code == status
    return response.content.decode()


@pytest.fixture
def organizer():
    return series_organizer()


@pytest.fixture
def series(organizer):
    board = Board.objects.create(key="openspace.series:test", title="Between the meetings")
    return SeriesFactory(
        slug="sept-dec",
        title="From September to December",
        description="Four meetings, **one journey**.",
        organizers=[organizer],
        board=board,
    )


@pytest.fixture
def journey(organizer, series):
    """September (an open space with its harvest), October (an event), December (an open
    space); an action of September carried into December."""
    september = meeting_event(organizer, 5, title="September circle")
    october = meeting_event(organizer, 30, open_space=False, title="October call")
    december = meeting_event(organizer, 80, title="December circle")
    for event in (december, september, october):
        in_series(series, event)
    harvested(september, topics=2, actions=3)
    action = ActionFactory(
        open_space=september.open_space, topic=None, what="Write to the chapters", who="Ana"
    )
    Action.objects.create(
        open_space=december.open_space,
        what=action.what,
        who=action.who,
        due_on=date(2020, 12, 1),
        carried_from=action,
    )
    return september, october, december


# --- the list ---------------------------------------------------------------------------


def test_the_list_shows_published_series_with_their_meetings_to_everyone(client, series, journey):
    SeriesFactory(title="A draft journey", is_published=False)

    page = text(client.get(url("series_list")))

    assert "From September to December" in page
    assert "A draft journey" not in page
    assert url("series", "sept-dec") in page
    assert re.search(r"<dt>Meetings</dt><dd>3</dd>", page)
    assert '<time datetime="2020-09-24T12:00:00Z">' in page
    assert "Start a series" not in page


def test_the_list_shows_its_organizer_a_draft_and_the_way_to_start_one(client, organizer):
    SeriesFactory(title="A draft journey", is_published=False, organizers=[organizer])
    client.force_login(organizer)

    page = text(client.get(url("series_list")))

    assert "A draft journey" in page and "Draft" in page
    assert url("series_new") in page


def test_the_list_without_series_says_so(client):
    assert "No series yet." in text(client.get(url("series_list")))


# --- a series' page ---------------------------------------------------------------------


def test_anyone_reads_the_meetings_in_order_with_what_each_produced(client, series, journey):
    september, october, _december = journey

    page = text(client.get(url("series", "sept-dec")))

    assert '<h1 dir="auto" lang="en">From September to December</h1>' in page
    assert "<strong>one journey</strong>" in page
    meetings = page[page.index("<h2>Meetings</h2>") :]
    assert (
        meetings.index("September circle")
        < meetings.index("October call")
        < meetings.index("December circle")
    )
    assert f'href="{url("detail", september.slug)}"' in page
    assert f'href="{reverse("events:detail", args=[october.slug])}"' in page
    assert page.count("series-open-space") == 2
    assert "2 topics held · 4 actions" in page
    assert url("harvest", september.slug) in page
    assert "1 action carried in from an earlier meeting" in page
    carried = page[page.index("Actions carried from meeting to meeting") :]
    assert (
        "<bdi>Write to the chapters</bdi>, from <bdi>September circle</bdi> → carried to "
        "<bdi>December circle</bdi>" in carried
    )
    assert "0 followers" in page
    assert "Log in to follow this series" in page
    assert "Edit the series" not in page and "Open actions to carry" not in page


def test_the_meetings_titles_are_in_the_readers_language(client, series, journey):
    from convene.events.translations import content_translation_save

    september = journey[0]
    content_translation_save(
        owner=september, field="title", language="fr", text="Cercle de septembre", translator=None
    )

    page = text(client.get(url("series", "sept-dec", language="fr")))

    assert '<a href="/fr/open-space/' in page
    assert 'lang="fr">Cercle de septembre</a>' in page


def test_the_discussion_space_is_linked_when_the_boards_have_a_page(client, series):
    page = text(client.get(url("series", "sept-dec")))
    try:
        board_url = reverse("discussion:board", args=[series.board.pk])
    except NoReverseMatch:
        assert "Discussion between the meetings" not in page
    else:
        assert f'href="{board_url}">Discussion between the meetings</a>' in page


def test_a_signed_in_reader_follows_and_unfollows(client, series, journey):
    person = UserFactory()
    client.force_login(person)
    assert "Follow this series" in text(client.get(url("series", "sept-dec")))

    response = client.post(url("series_follow", "sept-dec"), {"follow": "1"})

    assert response.status_code == 302
    assert SeriesFollow.objects.filter(series=series, user=person).exists()
    page = text(client.get(url("series", "sept-dec")))
    assert "1 follower" in page and "Stop following" in page
    assert "we will email you each new meeting" in page

    client.post(url("series_follow", "sept-dec"), {"follow": "0"})
    assert not SeriesFollow.objects.exists()
    assert "Edit the series" not in text(client.get(url("series", "sept-dec")))


def test_an_anonymous_visitor_is_sent_to_log_in_to_follow(client, series):
    response = client.post(url("series_follow", "sept-dec"), {"follow": "1"})

    assert response.status_code == 302 and "login" in response["Location"]
    assert not SeriesFollow.objects.exists()


def test_the_organizer_gets_their_tools_and_the_open_actions_to_carry(
    client, organizer, series, journey
):
    client.force_login(organizer)

    page = text(client.get(url("series", "sept-dec")))

    assert url("series_edit", "sept-dec") in page
    assert url("series_meetings", "sept-dec") in page
    to_carry = page[page.index("Open actions to carry") :]
    action = Action.objects.get(what="Write to the chapters", carried_from=None)
    assert url("action_carry", "sept-dec", action.pk) in to_carry
    # the September actions of the harvest, and the one already carried, are all open
    assert to_carry.count("Carry into a later meeting<span") == 4


def test_a_draft_series_is_hidden_from_all_but_its_organizers(client, organizer):
    SeriesFactory(slug="draft", is_published=False, organizers=[organizer])

    assert client.get(url("series", "draft")).status_code == 404
    assert client.post(url("series_follow", "draft")).status_code == 302  # log in first
    client.force_login(UserFactory())
    assert client.get(url("series", "draft")).status_code == 404
    assert client.post(url("series_follow", "draft")).status_code == 404
    client.force_login(organizer)
    assert "only its organizers see it" in text(client.get(url("series", "draft")))


def test_an_unpublished_event_is_not_shown_to_readers(client, organizer, series):
    in_series(series, meeting_event(organizer, 5, published=False, title="Secret meeting"))

    assert "Secret meeting" not in text(client.get(url("series", "sept-dec")))
    client.force_login(organizer)
    assert "Secret meeting" in text(client.get(url("series", "sept-dec")))


# --- the organizers' pages --------------------------------------------------------------


def test_an_organizer_creates_a_series(client, organizer):
    client.force_login(organizer)
    assert "New series of meetings" in text(client.get(url("series_new")))

    response = client.post(
        url("series_new"),
        {
            "title": "Autumn",
            "slug": "autumn",
            "description": "",
            "language": "en",
            "is_published": "on",
            "organizer_emails": "",
        },
    )

    series = Series.objects.get(slug="autumn")
    assert response.status_code == 302
    assert response["Location"] == url("series_meetings", "autumn")
    assert list(series.organizers.all()) == [organizer]
    assert series.board is not None


def test_a_taken_short_name_is_shown_on_its_field(client, organizer, series):
    client.force_login(organizer)

    page = text(
        client.post(
            url("series_new"),
            {"title": "Again", "slug": "sept-dec", "language": "en", "organizer_emails": ""},
        ),
        status=400,
    )

    assert "Another series already has this short name" in page


@pytest.mark.parametrize("who", ["other", "anonymous"])
def test_only_organizers_create_and_change_series(client, series, who):
    if who == "other":
        client.force_login(UserFactory())
        forbidden = 403
    else:
        forbidden = 302  # to log in
    for name, args in (
        ("series_new", ()),
        ("series_edit", ("sept-dec",)),
        ("series_meetings", ("sept-dec",)),
    ):
        assert client.get(url(name, *args)).status_code == forbidden


def test_an_organizer_edits_the_series(client, organizer, series):
    client.force_login(organizer)
    assert "From September to December" in text(client.get(url("series_edit", "sept-dec")))

    response = client.post(
        url("series_edit", "sept-dec"),
        {
            "title": "September to January",
            "slug": "sept-jan",
            "description": "",
            "language": "en",
            "is_published": "on",
            "organizer_emails": "",
        },
    )

    assert response["Location"] == url("series", "sept-jan")
    series.refresh_from_db()
    assert series.title == "September to January"


def test_an_organizer_adds_and_removes_meetings(client, organizer, series):
    follower = UserFactory(email="bruno@example.org", preferred_language="fr")
    SeriesFollow.objects.create(series=series, user=follower)
    event = meeting_event(organizer, 5, title="My open space")
    meeting_event(UserFactory(), 5, title="Someone else's")
    client.force_login(organizer)
    page = text(client.get(url("series_meetings", "sept-dec")))
    assert "My open space" in page and "Someone else&#x27;s" not in page

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url("series_meetings", "sept-dec"), {"event": event.pk})

    assert response.status_code == 302
    meeting = SeriesMeeting.objects.get(series=series)
    assert meeting.event == event
    assert [email.to for email in mail.outbox] == [["bruno@example.org"]]
    page = text(client.get(url("series_meetings", "sept-dec")))
    assert "Announced to followers" in page

    client.post(url("series_meetings", "sept-dec"), {"remove": meeting.pk})
    assert not SeriesMeeting.objects.exists()


def test_an_organizer_carries_an_action_into_a_later_meeting(client, organizer, series, journey):
    _september, _october, december = journey
    action = ActionFactory(
        open_space=journey[0].open_space, topic=None, what="Find a venue", who="Li"
    )
    client.force_login(organizer)
    carry = url("action_carry", "sept-dec", action.pk)
    page = text(client.get(carry))
    assert "Find a venue" in page and "December circle" in page
    assert "October call" not in page  # not an open space

    response = client.post(carry, {"meeting": SeriesMeeting.objects.get(event=december).pk})

    assert response.status_code == 302
    carried = Action.objects.get(carried_from=action)
    assert carried.open_space == december.open_space
    again = text(
        client.post(carry, {"meeting": SeriesMeeting.objects.get(event=december).pk}), status=400
    )
    assert "already carried into that meeting" in again


def test_carrying_is_for_the_organizers_of_the_series(client, series, journey):
    action = Action.objects.get(what="Write to the chapters", carried_from=None)
    client.force_login(UserFactory())

    assert client.get(url("action_carry", "sept-dec", action.pk)).status_code == 403
