"""A series of meetings: creating it with its discussion space, adding and removing meetings
(published events the organizer organizes, in no other series), their order, following,
announcing each new meeting once to every follower in their own language (also when the
event is published later), and carrying an open action into a later meeting."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import TestCase
from django.utils import translation
from django.utils.translation import gettext

from convene.core.errors import ServiceError
from convene.core.housekeeping import daily_steps
from convene.discussion.models import Board
from convene.events.models import Event
from convene.events.translations import content_translation_save
from convene.openspace import selectors_series, services_series
from convene.openspace.models import Action, Series, SeriesFollow, SeriesMeeting
from convene.openspace.services_series import SeriesTerms
from tests.factories import UserFactory
from tests.openspace.factories import NOW, ActionFactory, SeriesFactory
from tests.openspace.series_support import in_series, meeting_event, series_organizer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def organizer():
    return series_organizer(email="ana@example.org")


@pytest.fixture
def series(organizer):
    return SeriesFactory(
        slug="sept-dec", title="From September to December", organizers=[organizer]
    )


def committed(function, **arguments):
    """Run a service and what it leaves for after the commit (the announcing task)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return function(**arguments)


# --- creating ---------------------------------------------------------------------------


def test_an_organizer_creates_a_series_with_its_discussion_space(organizer):
    colleague = UserFactory(email="li@example.org")

    series = services_series.series_create(
        user=organizer,
        terms=SeriesTerms(
            title="  From   September to December ",
            slug="sept-dec",
            description="Four meetings.\r\n",
            language="fr",
            is_published=True,
            organizers=[colleague],
        ),
    )

    series.refresh_from_db()
    assert (series.title, series.slug, series.description, series.language) == (
        "From September to December",
        "sept-dec",
        "Four meetings.",
        "fr",
    )
    assert set(series.organizers.all()) == {organizer, colleague}
    board = Board.objects.get(key=f"openspace.series:{series.pk}")
    assert series.board == board
    assert board.title == "From September to December"


def test_creating_a_series_needs_the_permission():
    with pytest.raises(ServiceError) as refused:
        services_series.series_create(
            user=UserFactory(), terms=SeriesTerms(title="Mine", slug="mine")
        )

    assert refused.value.code == "forbidden"
    assert not Series.objects.exists()


def test_a_taken_short_name_or_an_empty_title_is_refused(organizer, series):
    with pytest.raises(ServiceError) as taken:
        services_series.series_create(
            user=organizer, terms=SeriesTerms(title="Another", slug="sept-dec")
        )
    with pytest.raises(ServiceError) as empty:
        services_series.series_create(user=organizer, terms=SeriesTerms(title="  ", slug="new"))

    assert (taken.value.code, empty.value.code) == ("slug_taken", "empty")
    assert Series.objects.count() == 1


def test_an_organizer_edits_the_series_and_stays_its_organizer(organizer, series):
    other = UserFactory()
    services_series.series_update(
        series=series,
        user=organizer,
        terms=SeriesTerms(title="Autumn journey", slug="autumn", is_published=True, organizers=[]),
    )

    series.refresh_from_db()
    assert (series.title, series.slug) == ("Autumn journey", "autumn")
    assert list(series.organizers.all()) == [organizer]
    assert series.board.title == "Autumn journey"
    with pytest.raises(ServiceError) as refused:
        services_series.series_update(
            series=series, user=other, terms=SeriesTerms(title="Mine", slug="mine")
        )
    assert refused.value.code == "forbidden"


# --- meetings ---------------------------------------------------------------------------


def test_meetings_are_in_the_order_of_their_first_session_whatever_the_order_added(
    organizer, series
):
    later = meeting_event(organizer, 60, title="December")
    first = meeting_event(organizer, 5, title="September")
    middle = meeting_event(organizer, 30, open_space=False, title="October")
    for event in (later, first, middle):
        services_series.series_meeting_add(series=series, user=organizer, event=event)

    page = selectors_series.series_page(series, UserFactory(), language="en")

    assert [row.event.title for row in page.meetings] == ["September", "October", "December"]
    assert [row.number for row in page.meetings] == [1, 2, 3]
    assert [row.open_space is not None for row in page.meetings] == [True, False, True]


def test_only_a_published_event_the_organizer_organizes_in_no_other_series_is_added(
    organizer, series
):
    draft = meeting_event(organizer, 5, published=False)
    someone_elses = meeting_event(UserFactory(), 5)
    elsewhere = meeting_event(organizer, 5)
    in_series(SeriesFactory(organizers=[organizer]), elsewhere)
    mine = meeting_event(organizer, 5)

    refusals = {}
    for name, event in (("draft", draft), ("other", someone_elses), ("elsewhere", elsewhere)):
        with pytest.raises(ServiceError) as refused:
            services_series.series_meeting_add(series=series, user=organizer, event=event)
        refusals[name] = refused.value.code
    with pytest.raises(ServiceError) as not_theirs:
        services_series.series_meeting_add(series=series, user=UserFactory(), event=mine)

    assert refusals == {"draft": "unpublished", "other": "forbidden", "elsewhere": "in_series"}
    assert not_theirs.value.code == "forbidden"
    assert not series.meetings.exists()
    assert services_series.meeting_candidates(organizer) == [mine]


def test_a_meeting_is_taken_out_and_its_event_stays(organizer, series):
    event = meeting_event(organizer, 5)
    meeting = services_series.series_meeting_add(series=series, user=organizer, event=event)

    with pytest.raises(ServiceError) as refused:
        services_series.series_meeting_remove(series=series, user=UserFactory(), meeting=meeting)
    services_series.series_meeting_remove(series=series, user=organizer, meeting=meeting)

    assert refused.value.code == "forbidden"
    assert not SeriesMeeting.objects.exists()
    assert Event.objects.filter(pk=event.pk).exists()


# --- following --------------------------------------------------------------------------


def test_following_and_unfollowing_a_series(series):
    person = UserFactory()

    assert services_series.series_follow(series=series, user=person) is True
    assert services_series.series_follow(series=series, user=person) is False
    assert SeriesFollow.objects.filter(series=series, user=person).count() == 1
    assert services_series.series_follow(series=series, user=person, follow=False) is True
    assert not SeriesFollow.objects.exists()


def test_a_draft_series_cannot_be_followed_but_by_its_organizers(organizer):
    draft = SeriesFactory(is_published=False, organizers=[organizer])

    with pytest.raises(ServiceError) as refused:
        services_series.series_follow(series=draft, user=UserFactory())

    assert refused.value.code == "unpublished"
    assert services_series.series_follow(series=draft, user=organizer) is True


# --- announcing -------------------------------------------------------------------------


def follower(series, email, language, zone="UTC"):
    user = UserFactory(email=email, preferred_language=language, timezone=zone)
    SeriesFollow.objects.create(series=series, user=user)
    return user


def test_a_new_meeting_is_announced_once_to_each_follower_in_their_language(organizer, series):
    follower(series, "bruno@example.org", "fr", "Europe/Paris")
    follower(series, "chen@example.org", "en", "Asia/Shanghai")
    event = meeting_event(organizer, 5, title="Letters to the world")
    content_translation_save(
        owner=event, field="title", language="fr", text="Lettres au monde", translator=None
    )

    committed(services_series.series_meeting_add, series=series, user=organizer, event=event)

    by_address = {email.to[0]: email for email in mail.outbox}
    assert set(by_address) == {"bruno@example.org", "chen@example.org"}
    french, english = by_address["bruno@example.org"], by_address["chen@example.org"]
    with translation.override("fr"):
        subject = gettext("New meeting of %(series)s: %(title)s")
        starts, details = gettext("Starts"), gettext("Details")
    assert french.subject == subject % {
        "series": "From September to December",
        "title": "Lettres au monde",
    }
    assert french.body.startswith("Bonjour ")
    assert "Lettres au monde" in french.body and "Letters to the world" not in french.body
    assert f"{starts}: jeu. 24 sept. 2020, 14:00 UTC+02:00\n" in french.body
    assert f"{details}: {settings.SITE_URL}/fr/open-space/{event.slug}/\n" in french.body
    assert "/fr/open-space/series/sept-dec/" in french.body
    assert english.subject == "New meeting of From September to December: Letters to the world"
    assert english.body.startswith("Hello ")
    assert "Starts: Thu, Sep 24, 2020, 20:00 GMT+08:00\n" in english.body
    assert f"Details: {settings.SITE_URL}/en/open-space/{event.slug}/\n" in english.body
    assert "/en/open-space/series/sept-dec/" in english.body
    meeting = SeriesMeeting.objects.get(event=event)
    assert meeting.announced_at == NOW

    assert services_series.series_announce_pending() == 0
    assert len(mail.outbox) == 2


def test_a_meeting_already_claimed_by_another_run_is_not_sent_again(organizer, series):
    follower(series, "bruno@example.org", "fr")
    meeting = in_series(series, meeting_event(organizer, 5))
    SeriesMeeting.objects.filter(pk=meeting.pk).update(announced_at=NOW - timedelta(minutes=1))

    assert committed(services_series.series_announce_pending) == 0
    assert mail.outbox == []


def test_a_meeting_published_later_is_announced_by_the_next_daily_run(organizer, series):
    follower(series, "chen@example.org", "en")
    event = meeting_event(organizer, 5, published=False)
    meeting = in_series(series, event)  # e.g. unpublished after it was added

    step = daily_steps()["openspace.series"]
    assert committed(step, now=NOW) == "series announcements sent: 0"
    Event.objects.filter(pk=event.pk).update(is_published=True)
    assert committed(step, now=NOW + timedelta(days=1)) == "series announcements sent: 1"
    assert committed(step, now=NOW + timedelta(days=2)) == "series announcements sent: 0"

    assert [email.to for email in mail.outbox] == [["chen@example.org"]]
    meeting.refresh_from_db()
    assert meeting.announced_at == NOW + timedelta(days=1)


def test_the_meetings_of_a_draft_series_are_announced_when_it_is_published(organizer):
    draft = SeriesFactory(is_published=False, organizers=[organizer])
    follower(draft, "chen@example.org", "en")  # e.g. followed before it went back to a draft
    committed(
        services_series.series_meeting_add,
        series=draft,
        user=organizer,
        event=meeting_event(organizer, 5),
    )
    assert mail.outbox == []

    committed(
        services_series.series_update,
        series=draft,
        user=organizer,
        terms=SeriesTerms(title=draft.title, slug=draft.slug, is_published=True),
    )

    assert [email.to for email in mail.outbox] == [["chen@example.org"]]


def test_a_meeting_that_is_over_is_not_announced(organizer, series):
    follower(series, "chen@example.org", "en")
    in_series(series, meeting_event(organizer, -3))

    assert committed(services_series.series_announce_pending) == 0
    assert mail.outbox == []


# --- carrying actions -------------------------------------------------------------------


@pytest.fixture
def journey(organizer, series):
    """Three meetings of the series: open spaces in September and December, an event in
    October; an open action of September's."""
    september = meeting_event(organizer, 5, title="September")
    october = meeting_event(organizer, 30, open_space=False, title="October")
    december = meeting_event(organizer, 80, title="December")
    meetings = [in_series(series, event) for event in (september, october, december)]
    action = ActionFactory(
        open_space=september.open_space,
        what="Draft the letter",
        who="Ana",
        due_on=date(2020, 10, 1),
    )
    return meetings, action


def test_an_open_action_is_carried_into_a_later_meeting(organizer, series, journey):
    (_september, _october, december), action = journey

    carried = services_series.action_carry(
        series=series, user=organizer, action=action, meeting=december
    )

    assert (carried.open_space, carried.topic, carried.carried_from) == (
        december.event.open_space,
        None,
        action,
    )
    assert (carried.what, carried.who, carried.due_on, carried.created_by) == (
        "Draft the letter",
        "Ana",
        date(2020, 10, 1),
        organizer,
    )
    page = selectors_series.series_page(series, organizer, language="en")
    assert [(link.action, link.source.number, link.target.number) for link in page.carried] == [
        (carried, 1, 3)
    ]


def test_an_action_is_carried_once_into_a_meeting_and_only_forwards(organizer, series, journey):
    (september, october, december), action = journey
    services_series.action_carry(series=series, user=organizer, action=action, meeting=december)
    carried = Action.objects.get(carried_from=action)

    def refusal(**overrides):
        arguments = {"series": series, "user": organizer, "action": action, "meeting": december}
        with pytest.raises(ServiceError) as refused:
            services_series.action_carry(**{**arguments, **overrides})
        return refused.value.code

    assert refusal() == "already_carried"
    assert refusal(action=carried, meeting=september) == "backwards"
    assert refusal(meeting=september) == "backwards"
    assert refusal(meeting=october) == "no_open_space"
    assert refusal(user=UserFactory()) == "forbidden"
    assert Action.objects.filter(carried_from__isnull=False).count() == 1


def test_an_action_of_another_series_or_a_done_one_is_not_carried(organizer, series, journey):
    (_september, _october, december), action = journey
    elsewhere = meeting_event(organizer, 2)
    in_series(SeriesFactory(organizers=[organizer]), elsewhere)
    foreign = ActionFactory(open_space=elsewhere.open_space, topic=None)
    Action.objects.filter(pk=action.pk).update(done_at=NOW)

    with pytest.raises(ServiceError) as other:
        services_series.action_carry(
            series=series, user=organizer, action=foreign, meeting=december
        )
    with pytest.raises(ServiceError) as done:
        services_series.action_carry(series=series, user=organizer, action=action, meeting=december)

    assert (other.value.code, done.value.code) == ("other_series", "done")
    assert not Action.objects.filter(carried_from__isnull=False).exists()


# --- the discussion space ---------------------------------------------------------------


def test_the_discussion_space_leads_back_to_the_series_and_hides_with_it(organizer):
    from convene.discussion.boards import board_place

    series = services_series.series_create(
        user=organizer, terms=SeriesTerms(title="Autumn journey", slug="autumn", is_published=True)
    )

    place = board_place(series.board)
    assert (place.visible, place.back) == (
        True,
        ("Autumn journey", "/en/open-space/series/autumn/"),
    )
    Series.objects.filter(pk=series.pk).update(is_published=False)
    assert board_place(series.board).visible is False
