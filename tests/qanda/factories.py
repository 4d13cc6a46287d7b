from datetime import UTC, datetime, timedelta

import factory

from convene.qanda.models import Question, Vote
from tests.events.factories import SessionFactory
from tests.factories import UserFactory

# The Asia-Pacific "Ask Me Anything" of seed 002: 4 November 2022, 09:00 UTC, for two hours.
STARTS = datetime(2030, 11, 4, 9, 0, tzinfo=UTC)
ENDS = STARTS + timedelta(hours=2)
DURING = STARTS + timedelta(minutes=10)
AFTER = ENDS + timedelta(minutes=1)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    session = factory.SubFactory(SessionFactory, starts_at=STARTS, ends_at=ENDS)
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Question number {n}?")
    language = "en"


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    question = factory.SubFactory(QuestionFactory)
    user = factory.SubFactory(UserFactory)
