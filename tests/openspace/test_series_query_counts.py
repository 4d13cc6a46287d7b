"""The series pages take an exact number of queries, the same with 2 or 10 meetings (each an
open space with its harvest, topics, actions and an action carried into the next)."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from convene.events.translations import content_translation_save
from convene.openspace.models import Action, SeriesFollow
from tests.factories import UserFactory
from tests.openspace.factories import NOW, SeriesFactory
from tests.openspace.series_support import harvested, in_series, meeting_event, series_organizer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def grow(series, organizer, count, done=[0]):  # noqa: B006 - numbers what it makes across calls
    """`count` more meetings, each an open space with its harvest into which the meeting
    before carried an action; a follower and another series for each."""
    for _number in range(count):
        done[0] += 1
        event = meeting_event(organizer, done[0], title=f"Meeting {done[0]}")
        content_translation_save(
            owner=event, field="title", language="fr", text=f"Rencontre {done[0]}", translator=None
        )
        in_series(series, event)
        space = harvested(event, topics=2, actions=2)
        earlier = (
            Action.objects.filter(open_space__event__series_meeting__series=series)
            .exclude(open_space=space)
            .order_by("-pk")
            .first()
        )
        if earlier is not None:
            Action.objects.create(open_space=space, what=earlier.what, carried_from=earlier)
        SeriesFollow.objects.create(series=series, user=UserFactory())
        SeriesFactory(organizers=[organizer])  # another series on the list


def done_total(series):
    return series.meetings.count()


def path(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"openspace:{name}", args=args)


# An anonymous reader: the series (with its board and followers), its meetings (with their
# open spaces and counts), the actions carried. Signed in: the login session, the user and
# whether they moderate (the header), and the series' organizers. The organizer: the open
# actions they may carry. In French: the meetings' translated titles.
QUERIES = {
    ("series", "anonymous", "en"): 3,
    ("series", "anonymous", "fr"): 4,
    ("series", "reader", "en"): 7,
    ("series", "organizer", "en"): 8,
    ("series", "organizer", "fr"): 9,
    # the series with their counts and dates; signed in, the header's three and the
    # permission to start a series (the user's and their groups')
    ("series_list", "anonymous", "en"): 1,
    ("series_list", "reader", "en"): 6,
    ("series_list", "organizer", "en"): 6,
    # the series, its organizers, the events offered, the meetings
    ("series_meetings", "organizer", "en"): 7,
}


@pytest.mark.parametrize(("page", "who", "language"), list(QUERIES))
def test_each_series_page_takes_an_exact_number_of_queries_whatever_it_lists(
    client, django_assert_num_queries, page, who, language
):
    organizer = series_organizer()
    series = SeriesFactory(slug="journey", organizers=[organizer])
    if who == "organizer":
        client.force_login(organizer)
    elif who == "reader":
        client.force_login(UserFactory())
    address = path(page, *(() if page == "series_list" else ("journey",)), language=language)
    for count in (2, 8):
        grow(series, organizer, count)
        meeting_event(organizer, 3)  # offered on the meetings page
        with django_assert_num_queries(QUERIES[(page, who, language)]):
            response = client.get(address)
        assert response.status_code == 200
        if page == "series":
            assert response.content.decode().count("→") == done_total(series) - 1
