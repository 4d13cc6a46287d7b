from datetime import UTC, datetime

import factory
from django.test import TestCase

from convene.discussion import services
from convene.discussion.models import Comment
from tests.factories import UserFactory

OPENS = datetime(2019, 9, 2, 0, 0, tzinfo=UTC)
DURING = datetime(2019, 9, 5, 10, 0, tzinfo=UTC)
CLOSES = datetime(2019, 9, 16, 0, 0, tzinfo=UTC)
QUESTIONS = (
    "What do you like about this recommendation?\nAre there any red lines we should not cross?"
)


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment written straight to the database, for lists and counts.
    Tests of the rules go through `services.comment_create`."""

    class Meta:
        model = Comment

    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Comment number {n}.")
    language = "en"


def paragraphs_of(version):
    """The paragraphs one can comment on, in reading order (the heading is left out)."""
    return list(version.paragraphs.filter(kind="paragraph").order_by("position"))


def write(version, author, body="I support this.", **fields):
    """A comment through the service, as the site makes them (emails queued and committed)."""
    fields.setdefault("language", "en")
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.comment_create(version=version, author=author, body=body, **fields)
