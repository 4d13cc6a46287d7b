"""What the grid's tests share: an open space with its people in every role."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from convene.openspace.models import Topic
from tests.factories import UserFactory
from tests.openspace.factories import OpenSpaceFactory, TopicFactory, grid, participant, placed

ROLES = ("organizer", "convener", "participant", "outsider", "anonymous")


class GridWorld:
    """An open space (slug "gathering") with two slots and two rooms; a placed topic in the
    first slot's first room (by `convener`), a proposed one in the marketplace; an organizer,
    a participant, a signed-in person who did not register (`outsider`)."""

    def __init__(self, *, slug: str = "gathering") -> None:
        self.organizer = UserFactory(display_name="Olga Organizer")
        self.space = OpenSpaceFactory(event__slug=slug, event__organizers=[self.organizer])
        self.event = self.space.event
        self.slug = slug
        self.slots, self.rooms = grid(self.space)
        self.convener = participant(self.space, display_name="Cleo Convener")
        self.participant = participant(self.space, display_name="Pat Participant")
        self.outsider = UserFactory(display_name="Otto Outsider")
        self.topic = placed(
            TopicFactory(open_space=self.space, convener=self.convener, title="Letters to the UN"),
            self.slots[0],
            self.rooms[0],
        )
        self.proposed = TopicFactory(
            open_space=self.space, convener=self.convener, title="Translating the charter"
        )

    def person(self, role: str):
        return {
            "organizer": self.organizer,
            "convener": self.convener,
            "participant": self.participant,
            "outsider": self.outsider,
        }.get(role)

    def fresh(self, topic: Topic) -> Topic:
        return Topic.objects.get(pk=topic.pk)


def url(name: str, *args, language: str = "en") -> str:
    with translation.override(language):
        return reverse(f"openspace:{name}", args=args)


def log_in(client, world: GridWorld, role: str) -> None:
    person = world.person(role)
    if person is not None:
        client.force_login(person)
