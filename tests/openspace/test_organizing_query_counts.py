"""The list of open spaces and the setup page take an exact number of queries, the same with
2 or 20 open spaces, slots, rooms, topics, sessions and co-hosts."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from convene.events import translations
from convene.events.models import ContentTranslation
from tests.events.factories import SessionFactory
from tests.factories import UserFactory
from tests.openspace.factories import (
    NOW,
    SLOT_START,
    OpenSpaceFactory,
    RoomFactory,
    SeriesFactory,
    SlotFactory,
    TopicFactory,
    placed,
)
from tests.organizations.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"openspace:{name}", args=args)


def grow(space, count, done=[0]):  # noqa: B006 - numbers what it makes across calls
    """`count` more slots, rooms, topics (half of them placed), sessions and co-hosts."""
    for _number in range(count):
        done[0] += 1
        number = done[0]
        slot = SlotFactory(
            open_space=space,
            starts_at=SLOT_START + timedelta(days=number),
            ends_at=SLOT_START + timedelta(days=number, minutes=50),
        )
        room = RoomFactory(open_space=space, name=f"Room {number}")
        topic = TopicFactory(open_space=space, title=f"Topic {number}")
        if number % 2:
            placed(topic, slot, room)
        SessionFactory(event=space.event, title=f"Circle {number}", timezone="Europe/Paris")
        space.cohosts.add(OrganizationFactory())
        space.networks = [*space.networks, f"Network {number}"]
        space.save()


def grow_list(count, organizer):
    for _number in range(count):
        space = OpenSpaceFactory(event__organizers=[organizer])
        grow(space, 1)
        OpenSpaceFactory(event__is_published=False)  # a draft of someone else
        SeriesFactory()
        for language in ("fr", "ar"):
            ContentTranslation.objects.create(
                event=space.event,
                field="title",
                language=language,
                text=f"Titre {space.pk}",
                source_digest=translations.source_digest(space.event, "title"),
            )


# Every page extending base.html counts, for a signed-in reader, the login session, the
# user and whether they moderate (the header's link): 3.
LIST_QUERIES = {
    # the open spaces with their bounds and counts, their co-hosts, the series
    "anonymous": 3,
    # the same, which of them the viewer organizes, and whether they may create open
    # spaces (their own permissions and their groups', read once)
    "organizer": 3 + 4 + 2,
    # the same, and the titles' translations
    "organizer_fr": 3 + 5 + 2,
}


@pytest.mark.parametrize("reader", list(LIST_QUERIES))
def test_the_list_takes_the_same_queries_with_2_or_20_open_spaces(
    client, django_assert_num_queries, reader
):
    organizer = UserFactory()
    if reader != "anonymous":
        organizer.user_permissions.add(Permission.objects.get(codename="add_openspace"))
        client.force_login(organizer)
    language = "fr" if reader.endswith("_fr") else "en"
    for count in (2, 18):
        grow_list(count, organizer)
        address = url("list", language=language)
        with django_assert_num_queries(LIST_QUERIES[reader]):
            response = client.get(address)
        assert response.status_code == 200


# The open space with its event, its organizers (whether the reader organizes it), the
# slots, rooms, sessions, topics with their slots, rooms and conveners, the co-hosts, and
# the organizations offered as co-hosts: 3 + 8.
SETUP_QUERIES = {"en": 3 + 8, "fr": 3 + 9}  # in French, the sessions' translated titles too


@pytest.mark.parametrize("language", list(SETUP_QUERIES))
def test_the_setup_page_takes_the_same_queries_with_2_or_20_of_everything(
    client, django_assert_num_queries, language
):
    organizer = UserFactory()
    space = OpenSpaceFactory(event__organizers=[organizer], event__slug="gc")
    client.force_login(organizer)
    for count in (2, 18):
        grow(space, count)
        address = url("setup", "gc", language=language)
        with django_assert_num_queries(SETUP_QUERIES[language]):
            response = client.get(address)
        assert response.status_code == 200


def test_the_room_page_takes_a_few_queries(client, django_assert_num_queries):
    organizer = UserFactory()
    space = OpenSpaceFactory(event__organizers=[organizer], event__slug="gc")
    grow(space, 5)
    room = space.rooms.first()
    client.force_login(organizer)
    # the open space, its organizers, the room
    with django_assert_num_queries(3 + 3):
        assert client.get(url("room_edit", "gc", room.pk)).status_code == 200
