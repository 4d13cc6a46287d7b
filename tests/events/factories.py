from datetime import UTC, datetime, timedelta

import factory
from django.utils import timezone

from convene.events.models import Event, LightningTalk, RegistrationQuestion, Session
from tests.factories import UserFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"event-{n}")
    title = factory.Sequence(lambda n: f"Global Conversation {n}")
    summary = "Which initiatives need global coordination?"
    timezone = "UTC"
    is_published = True

    @factory.post_generation
    def organizers(self, create, extracted, **kwargs):
        if create and extracted:
            self.organizers.add(*extracted)


def in_days(days: float) -> datetime:
    return (timezone.now() + timedelta(days=days)).replace(microsecond=0)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyFunction(lambda: in_days(10).replace(microsecond=0))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    timezone = "UTC"
    capacity = 250
    interpretation_languages = ["ar", "fr", "es"]
    location_type = "online"
    meeting_url = "https://meet.example.org/secret-room-42"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationQuestion

    event = factory.SubFactory(EventFactory)
    label = factory.Sequence(lambda n: f"Question {n}")
    kind = "short_text"


class TalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LightningTalk

    session = factory.SubFactory(SessionFactory)
    speaker = factory.SubFactory(UserFactory)
    title = "Hubs in South Asia"
    abstract = "How a regional hub could work for small communities."
    language = "en"
    duration_minutes = 5


FIXED_NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
