"""Factories of open space. Add what your tests need at the end; keep the defaults valid.

By default an open space has its event's one session ("Opening circle", 2 hours before the
first slot) for people to register for; `participant(open_space)` makes a confirmed
registrant. Slots start on SLOT_START and follow each other every hour; tests travel with
time_machine to NOW (the day before) or into a slot.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import factory
from django.utils import timezone

from convene.accounts.models import User
from convene.events.models import Registration, Session
from convene.openspace.models import (
    Action,
    NoteVersion,
    OpenSpace,
    Room,
    Series,
    SeriesMeeting,
    Slot,
    Topic,
)
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory

NOW = datetime(2020, 9, 19, 12, tzinfo=UTC)
SLOT_START = datetime(2020, 9, 20, 16, tzinfo=UTC)


class OpenSpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpenSpace
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory, timezone="Europe/Paris", link_reveal_hours=1)

    @factory.post_generation
    def circle(self, create, extracted, **kwargs):
        """The opening circle: the session people register for."""
        if create and extracted is not False:
            SessionFactory(
                event=self.event,
                title="Opening circle",
                starts_at=SLOT_START - timedelta(hours=1),
                ends_at=SLOT_START,
                timezone="Europe/Paris",
            )


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slot

    open_space = factory.SubFactory(OpenSpaceFactory)
    starts_at = factory.Sequence(lambda n: SLOT_START + timedelta(hours=n))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=50))


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    open_space = factory.SubFactory(OpenSpaceFactory)
    name = factory.Sequence(lambda n: f"Room {n + 1}")
    kind = Room.Kind.ONLINE
    meeting_url = factory.Sequence(lambda n: f"https://meet.example.org/room-{n + 1}")
    position = factory.Sequence(lambda n: n)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    open_space = factory.SubFactory(OpenSpaceFactory)
    convener = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Topic {n + 1}")
    description = "What we would talk about."
    languages = factory.LazyFunction(lambda: ["en"])


def placed(topic: Topic, slot: Slot, room: Room) -> Topic:
    """Put `topic` on the grid directly (no rules: for setting up a test)."""
    Topic.objects.filter(pk=topic.pk).update(slot=slot, room=room, status=Topic.Status.PLACED)
    topic.refresh_from_db()
    return topic


def participant(open_space: OpenSpace, user: User | None = None, **fields: object) -> User:
    """A confirmed registrant of the open space's first session."""
    user = user or UserFactory(**fields)
    session = Session.objects.filter(event=open_space.event).order_by("starts_at").first()
    if session is None:
        session = SessionFactory(event=open_space.event)
    Registration.objects.create(
        session=session,
        user=user,
        status=Registration.Status.CONFIRMED,
        code_of_conduct_accepted_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    return user


def grid(open_space: OpenSpace, *, slots: int = 2, rooms: int = 2) -> tuple[list[Slot], list[Room]]:
    return (
        [
            SlotFactory(open_space=open_space, starts_at=SLOT_START + timedelta(hours=n))
            for n in range(slots)
        ],
        [
            RoomFactory(open_space=open_space, name=f"Room {n + 1}", position=n)
            for n in range(rooms)
        ],
    )


class NoteVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoteVersion

    topic = factory.SubFactory(TopicFactory)
    language = "en"
    number = factory.Sequence(lambda n: n + 1)
    body = "We agreed to write to the UN Secretary General."
    author = factory.SelfAttribute("topic.convener")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    topic = factory.SubFactory(TopicFactory)
    open_space = factory.SelfAttribute("topic.open_space")
    what = "Draft the letter"
    who = "Two volunteers"


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"series-{n}")
    title = factory.Sequence(lambda n: f"From September to December {n}")
    description = "A journey of meetings."
    is_published = True

    @factory.post_generation
    def organizers(self, create, extracted, **kwargs):
        if create and extracted:
            self.organizers.add(*extracted)


class SeriesMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeriesMeeting

    series = factory.SubFactory(SeriesFactory)
    event = factory.SubFactory(EventFactory)
