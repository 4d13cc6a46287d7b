import pytest

from convene.events.models import Event
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.CONVENE_PAGE_CACHE_SECONDS = 5


def test_anonymous_event_page_is_reused_for_a_few_seconds(client, page_cache):
    event = EventFactory(slug="gc", title="Before")
    SessionFactory(event=event)

    first = client.get("/en/events/gc/")
    Event.objects.filter(pk=event.pk).update(title="After")
    second = client.get("/en/events/gc/")

    assert "X-Convene-Cache" not in first
    assert second["X-Convene-Cache"] == "hit"
    assert second.content == first.content


def test_each_language_and_time_zone_has_its_own_copy(client, page_cache):
    EventFactory(slug="gc")
    client.get("/en/events/gc/")
    assert "X-Convene-Cache" not in client.get("/fr/events/gc/")
    client.cookies["convene_tz"] = "Asia/Jakarta"
    assert "X-Convene-Cache" not in client.get("/en/events/gc/")


def test_signed_in_people_always_get_a_fresh_page(client, page_cache):
    event = EventFactory(slug="gc", title="Before")
    client.get("/en/events/gc/")
    Event.objects.filter(pk=event.pk).update(title="After")
    client.force_login(UserFactory())

    response = client.get("/en/events/gc/")

    assert "X-Convene-Cache" not in response
    assert "After" in response.text


def test_no_cache_when_switched_off(client, settings):
    settings.CONVENE_PAGE_CACHE_SECONDS = 0
    event = EventFactory(slug="gc", title="Before")
    client.get("/en/events/gc/")
    Event.objects.filter(pk=event.pk).update(title="After")
    assert "After" in client.get("/en/events/gc/").text
