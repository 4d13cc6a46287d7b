"""The messages pages take an exact number of queries, the same with 3 or 30 messages,
sessions and registrants."""

import pytest
from django.test import TestCase

from convene.events import messaging
from tests.factories import UserFactory

from .factories import EventFactory, SessionFactory
from .test_views import register, url

pytestmark = pytest.mark.django_db

# page: queries. The login session, the user and whether they moderate (the header's link
# to the moderation queue), as on every page a signed-in person reads;
# the event and its organizers twice (prefetched, then read by the rule); and the page's one
# read: the messages, the sessions, or the message.
QUERIES = {"messages": 7, "message_new": 7, "message": 7}


@pytest.fixture
def organizer():
    return UserFactory(email="organizer@example.org")


@pytest.fixture
def event(organizer):
    return EventFactory(organizers=[organizer], slug="gc")


def grow(event, organizer, count):
    """`count` more sessions, registrants and messages, each in two languages."""
    for _number in range(count):
        session = SessionFactory(event=event, interpretation_languages=["ar", "fr"])
        register(session, UserFactory())
        with TestCase.captureOnCommitCallbacks(execute=True):
            messaging.message_send(
                event=event,
                session=session,
                author=organizer,
                language="en",
                subject="Agenda",
                body="Read it.",
                translations={"fr": {"subject": "Programme", "body": "Lisez-le."}},
                statuses=["confirmed"],
            )


@pytest.mark.parametrize("page", list(QUERIES))
def test_each_messages_page_takes_an_exact_number_of_queries(
    client, organizer, event, django_assert_num_queries, page
):
    client.force_login(organizer)
    for count in (3, 27):  # 3, then 30 of each
        grow(event, organizer, count)
        args = ["gc", event.messages.order_by("pk").first().pk] if page == "message" else ["gc"]
        with django_assert_num_queries(QUERIES[page]):
            assert client.get(url(page, *args)).status_code == 200
