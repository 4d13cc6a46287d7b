"""The open space's page: the grid slot by slot, the marketplace, the circles and co-hosts,
what each role sees and may do; a topic's page by role."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from convene.events.models import ContentTranslation
from convene.openspace import services
from tests.openspace.factories import NOW, TopicFactory
from tests.openspace.test_grid_support import ROLES, GridWorld, log_in, url
from tests.organizations.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world() -> GridWorld:
    return GridWorld()


CONTROLS = {
    # role: (propose link, interest buttons, register line)
    "organizer": (True, True, False),
    "convener": (True, True, False),
    "participant": (True, True, False),
    "outsider": (False, True, True),
    "anonymous": (False, False, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_the_page_shows_the_grid_and_the_marketplace_to_everyone(client, world, role):
    log_in(client, world, role)
    response = client.get(url("detail", world.slug))
    assert response.status_code == 200
    html = response.content.decode()
    grid_part = html.split('id="grid-heading"')[1].split('id="grid-marketplace"')[0]
    market_part = html.split('id="grid-marketplace"')[1]
    assert "Letters to the UN" in grid_part
    assert "Translating the charter" not in grid_part
    assert "Translating the charter" in market_part
    assert "Free rooms:</span> <bdi>Room 2</bdi>" in grid_part
    assert 'href="/en/events/gathering/sessions/' in html  # the opening circle
    assert "Opening circle" in html
    assert "Convened by <bdi>Cleo Convener</bdi> · English" in html
    assert "meet.example.org" not in html
    propose, interest, register = CONTROLS[role]
    assert ('href="/en/open-space/gathering/topics/new/"' in html) is propose
    assert ("I&#x27;m interested" in html or "I'm interested" in html) is interest
    assert ('<form method="post" action="/en/open-space/gathering/topics/' in html) is interest
    assert ("Register</a>" in html) is register


def test_anonymous_readers_see_a_way_to_log_in_and_register(client, world):
    html = client.get(url("detail", world.slug)).content.decode()
    assert "Log in and register for the event to propose topics" in html
    assert 'href="/en/events/gathering/">Register</a>' in html
    assert "csrfmiddlewaretoken" not in html


def test_the_slot_going_on_is_marked_now_and_a_past_one_over(client, world):
    with time_machine.travel(world.slots[1].starts_at, tick=False):
        html = client.get(url("detail", world.slug)).content.decode()
    first = html.split(f'id="grid-slot-{world.slots[0].pk}"')[1].split("</h3>")[0]
    second = html.split(f'id="grid-slot-{world.slots[1].pk}"')[1].split("</h3>")[0]
    assert '<span class="badge">Over</span>' in first
    assert '<span class="badge ok">Now</span>' in second
    with time_machine.travel(world.slots[1].starts_at - timedelta(seconds=1), tick=False):
        html = client.get(url("detail", world.slug)).content.decode()
    assert "badge ok" not in html.split(f'id="grid-slot-{world.slots[1].pk}"')[1].split("</h3>")[0]


def test_times_are_in_the_viewers_zone(client, world):
    client.cookies["convene_tz"] = "Asia/Tokyo"
    html = client.get(url("detail", world.slug)).content.decode()
    # The first slot starts at 16:00 UTC: 01:00 the next day in Tokyo.
    assert "Mon, Sep 21, 2020, 01:00" in html


def test_withdrawn_and_merged_topics_are_listed_at_the_end_collapsed(client, world):
    gone = TopicFactory(open_space=world.space, convener=world.convener, title="Old idea")
    services.topic_withdraw(topic=gone, user=world.convener)
    merged = TopicFactory(open_space=world.space, title="Same as the charter")
    services.topic_merge(topic=merged, into=world.proposed, user=world.organizer, reason="Same")
    services.topic_withdraw(topic=world.topic, user=world.organizer, reason="Double booked")
    html = client.get(url("detail", world.slug)).content.decode()
    grid_part = html.split('id="grid-heading"')[1].split('<details class="grid-gone">')[0]
    assert "Old idea" not in grid_part and "Letters to the UN" not in grid_part
    gone_part = html.split('<details class="grid-gone">')[1].split("</details>")[0]
    assert "3 topics withdrawn or merged" in gone_part
    assert "Old idea" in gone_part and "Letters to the UN" in gone_part
    assert "merged into <bdi>Translating the charter</bdi>" in gone_part
    assert "Double booked" not in html


def test_sample_data_and_cohosts_are_shown(client, world):
    world.space.is_sample = True
    world.space.networks = ["Wiki Women Network"]
    world.space.save()
    world.space.cohosts.add(OrganizationFactory(name="Wikimedia Deutschland", slug="wmde"))
    html = client.get(url("detail", world.slug)).content.decode()
    assert "Sample data:" in html
    assert "Co-hosted by" in html
    assert '<a href="/en/organizations/wmde/"><bdi>Wikimedia Deutschland</bdi></a>' in html
    assert "<bdi>Wiki Women Network</bdi>" in html


def test_the_event_is_shown_in_the_readers_language(client, world):
    ContentTranslation.objects.create(
        event=world.event,
        language="fr",
        field="title",
        text="Conversation mondiale",
        source_digest="x",
    )
    html = client.get(url("detail", world.slug, language="fr")).content.decode()
    assert '<h1 dir="auto" lang="fr">Conversation mondiale</h1>' in html


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("organizer", 200),
        ("convener", 404),
        ("participant", 404),
        ("outsider", 404),
        ("anonymous", 404),
    ],
)
def test_an_unpublished_open_space_is_for_its_organizers_only(client, world, role, status):
    world.event.is_published = False
    world.event.save()
    log_in(client, world, role)
    assert client.get(url("detail", world.slug)).status_code == status
    assert client.get(url("topic", world.slug, world.topic.pk)).status_code == status
    assert client.get(url("grid_fragment", world.slug)).status_code == status


def test_an_event_without_an_open_space_has_no_such_page(client):
    from tests.events.factories import EventFactory

    EventFactory(slug="plain")
    assert client.get(url("detail", "plain")).status_code == 404


def test_a_topic_of_another_open_space_is_not_found_here(client, world):
    other = GridWorld(slug="elsewhere")
    assert client.get(url("topic", world.slug, other.topic.pk)).status_code == 404


# --- A topic's page by role ---------------------------------------------------------------

TOPIC_CONTROLS = {
    # role: (edit, place form, withdraw, merge, join)
    "organizer": (True, True, True, True, True),
    "convener": (True, True, True, False, True),
    "participant": (False, False, False, False, True),
    "outsider": (False, False, False, False, False),
    "anonymous": (False, False, False, False, False),
}


@pytest.mark.parametrize("role", ROLES)
def test_a_topics_page_shows_each_role_what_it_may_do(client, world, role):
    log_in(client, world, role)
    response = client.get(url("topic", world.slug, world.topic.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 dir="auto">Letters to the UN</h1>' in html
    assert "<bdi>Room 1</bdi>" in html
    assert "meet.example.org" not in html
    edit, place, withdraw, merge, join = TOPIC_CONTROLS[role]
    base = f"/en/open-space/gathering/topics/{world.topic.pk}/"
    assert (f'href="{base}edit/"' in html) is edit
    assert (f'action="{base}place/"' in html) is place
    assert (f'action="{base}withdraw/"' in html) is withdraw
    assert (f'action="{base}merge/"' in html) is merge
    assert (f'action="{base}join/"' in html) is join
    assert (f'action="{base}interest/"' in html) is (role != "anonymous")
    if role == "anonymous":
        assert "csrfmiddlewaretoken" not in html.split('class="notes-panel"')[0]


def test_the_place_form_offers_only_free_places_of_slots_not_over(client, world):
    client.force_login(world.convener)
    with time_machine.travel(world.slots[0].ends_at, tick=False):
        html = client.get(url("topic", world.slug, world.proposed.pk)).content.decode()
    values = [part.split('"')[0] for part in html.split('<option value="')[1:]]
    place_values = [v for v in values if "-" in v]
    assert place_values == [f"{world.slots[1].pk}-{room.pk}" for room in world.rooms]


@pytest.mark.parametrize(
    ("role", "shows_reason"),
    [("organizer", True), ("convener", True), ("participant", False), ("anonymous", False)],
)
def test_the_organizers_reason_is_for_the_convener_and_the_organizers(
    client, world, role, shows_reason
):
    services.topic_place(
        topic=world.topic,
        user=world.organizer,
        slot=world.slots[1],
        room=world.rooms[1],
        reason="The big room is needed",
    )
    log_in(client, world, role)
    html = client.get(url("topic", world.slug, world.topic.pk)).content.decode()
    assert ("The big room is needed" in html) is shows_reason
    assert ("Moved by the organizers." in html) is (not shows_reason)


def test_a_merged_topic_points_to_the_one_it_was_merged_into(client, world):
    services.topic_merge(
        topic=world.proposed, into=world.topic, user=world.organizer, reason="One conversation"
    )
    client.force_login(world.convener)
    html = client.get(url("topic", world.slug, world.proposed.pk)).content.decode()
    assert "This topic was merged into <bdi>Letters to the UN</bdi>." in html
    assert "Why it was merged:" in html and "One conversation" in html
    assert f'action="/en/open-space/gathering/topics/{world.proposed.pk}/place/"' not in html


def test_peoples_text_is_escaped(client, world):
    TopicFactory(open_space=world.space, title="<script>alert(1)</script>")
    html = client.get(url("detail", world.slug)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_page_and_the_fragment_work_in_arabic(client, world):
    client.force_login(world.participant)
    assert client.get(url("detail", world.slug, language="ar")).status_code == 200
    assert client.get(url("topic", world.slug, world.topic.pk, language="ar")).status_code == 200
