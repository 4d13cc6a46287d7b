"""A small open space for the tests of notes, actions and the harvest: one event with its
organizer, two slots and two rooms, a topic placed in the first, its convener, someone
at it, a participant elsewhere, and a signed-in person who did not register."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from convene.openspace.models import OpenSpace, Presence, Room, Slot, Topic
from tests.events.factories import EventFactory
from tests.factories import UserFactory

from .factories import OpenSpaceFactory, TopicFactory, grid, participant, placed

ROLES = ["organizer", "convener", "present", "participant", "stranger", "anonymous"]


class World:
    def __init__(self) -> None:
        self.organizer = UserFactory(display_name="Olga Organizer")
        self.space: OpenSpace = OpenSpaceFactory(
            event=EventFactory(
                slug="strategy-open-space",
                title="Strategy Open Space",
                timezone="Europe/Paris",
                link_reveal_hours=1,
                organizers=[self.organizer],
            )
        )
        self.slots: list[Slot]
        self.rooms: list[Room]
        self.slots, self.rooms = grid(self.space)
        self.convener = participant(self.space, display_name="Chidi Convener")
        self.present = participant(self.space, display_name="Pia Present")
        self.participant = participant(self.space, display_name="Paul Participant")
        self.stranger = UserFactory(display_name="Sam Stranger")
        self.topic: Topic = placed(
            TopicFactory(open_space=self.space, convener=self.convener, title="Letters to the UN"),
            self.slots[0],
            self.rooms[0],
        )
        Presence.objects.create(slot=self.slots[0], topic=self.topic, user=self.present)
        self.slug = self.space.event.slug

    def user(self, role: str):
        return None if role == "anonymous" else getattr(self, role)


def url(name: str, *args: object, language: str = "en") -> str:
    with translation.override(language):
        return reverse(f"openspace:{name}", args=args)
