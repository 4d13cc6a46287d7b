"""The open space's page, its fragment and a topic's page take an exact number of queries,
the same with 2 or 20 topics, participants, interests and presences."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from convene.openspace import services
from convene.openspace.models import Interest
from tests.openspace.factories import (
    NOW,
    SLOT_START,
    RoomFactory,
    SlotFactory,
    TopicFactory,
    participant,
    placed,
)
from tests.openspace.test_grid_support import GridWorld, log_in, url
from tests.organizations.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


class CountWorld(GridWorld):
    def __init__(self) -> None:
        super().__init__()
        self.number = 0
        self.space.cohosts.add(OrganizationFactory())
        services.presence_set(topic=self.topic, user=self.participant)
        services.interest_set(topic=self.topic, user=self.participant, interested=True)
        services.interest_set(topic=self.proposed, user=self.participant, interested=True)

    def grow(self, count: int) -> None:
        """`count` more slots and rooms, topics placed and proposed, withdrawn ones, and
        participants at them with their interests."""
        for _ in range(count):
            self.number += 1
            n = self.number
            slot = SlotFactory(
                open_space=self.space, starts_at=SLOT_START + timedelta(hours=10 + n)
            )
            room = RoomFactory(open_space=self.space, name=f"Extra room {n}", position=10 + n)
            on_grid = placed(TopicFactory(open_space=self.space), slot, room)
            proposed = TopicFactory(open_space=self.space)
            gone = TopicFactory(open_space=self.space)
            services.topic_withdraw(topic=gone, user=self.organizer, reason="Gone")
            person = participant(self.space)
            services.presence_set(topic=on_grid, user=person)
            services.presence_set(topic=self.topic, user=participant(self.space))
            Interest.objects.create(topic=proposed, user=person)
            services.interest_set(topic=on_grid, user=self.participant, interested=True)
            self.space.cohosts.add(OrganizationFactory())


PAGES = {
    "detail": lambda w: url("detail", w.slug),
    "detail fr": lambda w: url("detail", w.slug, language="fr"),
    "grid_fragment": lambda w: url("grid_fragment", w.slug),
    "topic": lambda w: url("topic", w.slug, w.topic.pk),
    "proposed topic": lambda w: url("topic", w.slug, w.proposed.pk),
}

# A signed-in reader's page counts the login session, the user and whether they moderate
# (the header's link); the fragment has no header.
#
# The open space's page: the open space with its event; its slots, rooms, topics (with
# their conveners), the people at each topic (one aggregate); the event's sessions (the
# circles), the co-hosts; in French the event's translations. For a signed-in reader:
# whether they organize (the event's organizers), whether they registered (not asked of an
# organizer), their interests and their presences.
# A topic's page: the open space, the topic (with its convener, slot, room), the slots; the
# people at it (placed topics only); for a signed-in reader whether they organize and
# registered, their interest, their presence in the slot (placed only); for the convener and
# organizers the rooms and the other topics (the free places, the topics to merge into);
# the notes panel (its versions, the people at the topic, its actions, for a signed-in
# reader whether they may write them).
QUERIES: dict[tuple[str, str], int] = {
    ("detail", "anonymous"): 7,
    ("detail", "organizer"): 13,
    ("detail", "convener"): 14,
    ("detail", "participant"): 14,
    ("detail", "outsider"): 14,
    ("detail fr", "anonymous"): 8,
    ("detail fr", "organizer"): 14,
    ("detail fr", "convener"): 15,
    ("detail fr", "participant"): 15,
    ("detail fr", "outsider"): 15,
    ("grid_fragment", "anonymous"): 5,
    ("grid_fragment", "organizer"): 10,
    ("grid_fragment", "convener"): 11,
    ("grid_fragment", "participant"): 11,
    ("grid_fragment", "outsider"): 11,
    ("topic", "anonymous"): 6,
    ("topic", "organizer"): 14,
    ("topic", "convener"): 15,
    ("topic", "participant"): 14,
    ("topic", "outsider"): 14,
    ("proposed topic", "anonymous"): 5,
    ("proposed topic", "organizer"): 12,
    ("proposed topic", "convener"): 13,
    ("proposed topic", "participant"): 12,
    ("proposed topic", "outsider"): 12,
}


@pytest.mark.parametrize(("page", "role"), list(QUERIES))
def test_each_page_takes_an_exact_number_of_queries_whatever_it_lists(
    client, django_assert_num_queries, page, role
):
    world = CountWorld()
    log_in(client, world, role)
    for count in (1, 18):  # 2, then 20 of each
        world.grow(count)
        with django_assert_num_queries(QUERIES[page, role]):
            response = client.get(PAGES[page](world))
        assert response.status_code == 200


def test_the_pages_list_what_they_count(client):
    world = CountWorld()
    world.grow(3)
    client.force_login(world.participant)
    html = client.get(url("detail", world.slug)).content.decode()
    assert html.count('class="grid-cell"') == 1 + 3 + 1 + 3  # placed, then proposed
    assert "4 topics withdrawn or merged" not in html and "3 topics withdrawn or merged" in html
    assert "4 people there" in html  # the first topic: the participant and three more
