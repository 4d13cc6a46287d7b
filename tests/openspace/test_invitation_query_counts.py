"""The invitation pages take an exact number of queries, the same with 1 session as with 10
(and as many translations)."""

from datetime import timedelta

import pytest
import time_machine
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from convene.events.translations import content_translation_save
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory

from .factories import NOW, SLOT_START

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


class World:
    def __init__(self):
        self.organizers = [UserFactory(), UserFactory(preferred_language="fr")]
        self.event = EventFactory(slug="gc", language="en", organizers=self.organizers)
        self.draft = EventFactory(slug="draft", is_published=False, organizers=self.organizers)
        content_translation_save(
            owner=self.event, field="title", language="fr", text="Conversation", translator=None
        )
        self.reader = UserFactory()
        self.sessions = 0
        self.grow(1)

    def grow(self, count):
        for _ in range(count):
            for event in (self.event, self.draft):
                session = SessionFactory(
                    event=event,
                    starts_at=SLOT_START + timedelta(hours=self.sessions),
                    ends_at=SLOT_START + timedelta(hours=self.sessions, minutes=50),
                )
                content_translation_save(
                    owner=session, field="title", language="fr", text="Séance", translator=None
                )
            self.sessions += 1


def path(name, *args, language="en", query=""):
    with translation.override(language):
        return reverse(f"openspace:{name}", args=args) + query


PAGES = {
    "invitation": lambda: path("invitation", "gc"),
    # in French, read in English: the event's and sessions' French texts, and the event's
    # title in English for the page around the invitation (the source: no query)
    "invitation fr": lambda: path("invitation", "gc", query="?language=fr"),
    # in English, read in French: the page's title in French, the invitation in English
    "invitation en read in fr": lambda: path(
        "invitation", "gc", language="fr", query="?language=en"
    ),
    "draft invitation": lambda: path("invitation", "draft"),
    "local time": lambda: path("local_time", "2020-09-20T16:00Z"),
    "local time with event": lambda: path("local_time", "2020-09-20T16:00Z", query="?event=gc"),
    "local time with event fr": lambda: path(
        "local_time", "2020-09-20T16:00Z", language="fr", query="?event=gc"
    ),
    "contact": lambda: path("contact", "gc"),
}

# page, viewer: queries. A signed-in reader's page counts the login session, the user and
# whether they moderate (the header's link).
QUERIES = {
    # the event; its sessions
    ("invitation", "anonymous"): 2,
    ("invitation", "reader"): 5,
    # ... the French translations of both
    ("invitation fr", "anonymous"): 3,
    ("invitation fr", "reader"): 6,
    # the event, its sessions (written in English); its title in French for the page
    ("invitation en read in fr", "anonymous"): 3,
    # the event, whether the reader organizes it, its sessions
    ("draft invitation", "organizer"): 6,
    # nothing: the moment is in the address
    ("local time", "anonymous"): 0,
    ("local time", "reader"): 3,
    # the event, for the link back to it (its title in French: one more)
    ("local time with event", "anonymous"): 1,
    ("local time with event", "reader"): 4,
    ("local time with event fr", "anonymous"): 2,
    # the event
    ("contact", "reader"): 4,
}


@pytest.mark.parametrize(("page", "viewer"), list(QUERIES))
def test_each_page_takes_an_exact_number_of_queries_whatever_the_sessions(
    client, django_assert_num_queries, page, viewer
):
    world = World()
    person = {"reader": world.reader, "organizer": world.organizers[0]}.get(viewer)
    if person is not None:
        client.force_login(person)
    for count in (0, 9):  # 1 session, then 10
        world.grow(count)
        with django_assert_num_queries(QUERIES[page, viewer]):
            response = client.get(PAGES[page]())
        assert response.status_code == 200, response.content[:500]
    if page.startswith("invitation"):
        assert response.context["text"].count("\n- ") == 10


def test_writing_to_the_organizers_takes_the_same_queries_for_any_number_of_them(
    client, django_assert_num_queries
):
    world = World()
    client.force_login(world.reader)
    data = {"subject": "Hi", "message": "Hello"}
    # the session, the user, the event; in a savepoint: the organizers, the rate limit's
    # two counts (in a savepoint of their own), the event's title in each language but its
    # own (French: one), an email per organizer
    with TestCase.captureOnCommitCallbacks(execute=False), django_assert_num_queries(13):
        assert client.post(path("contact", "gc"), data).status_code == 302
    world.event.organizers.add(UserFactory(preferred_language="fr"))  # one more email
    with TestCase.captureOnCommitCallbacks(execute=False), django_assert_num_queries(14):
        assert client.post(path("contact", "gc"), data).status_code == 302
