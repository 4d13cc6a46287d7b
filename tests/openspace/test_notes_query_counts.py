"""The notes panel, the notes' pages and the harvest take an exact number of queries, the
same with 1 or 12 topics, versions, languages, actions and people taking them on."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from convene.openspace.models import ActionTaker, OpenSpace, Topic
from convene.openspace.selectors_notes import topic_notes_panel
from tests.factories import UserFactory
from tests.openspace.factories import (
    SLOT_START,
    ActionFactory,
    NoteVersionFactory,
    RoomFactory,
    SlotFactory,
    TopicFactory,
    placed,
)
from tests.openspace.notes_world import World, url

pytestmark = pytest.mark.django_db

DURING = SLOT_START + timedelta(minutes=10)
LANGUAGES = ["en", "fr", "de", "es"]


class Grown(World):
    def __init__(self) -> None:
        super().__init__()
        self.rounds = 0
        OpenSpace.objects.filter(pk=self.space.pk).update(harvest_published_at=None)

    def grow(self, count: int) -> None:
        """`count` more topics, each with notes in up to four languages (three versions
        each), actions and people taking them on; and more of the same on the topic."""
        for _ in range(count):
            self.rounds += 1
            n = self.rounds
            slot = SlotFactory(open_space=self.space, starts_at=SLOT_START + timedelta(hours=2 + n))
            room = RoomFactory(open_space=self.space, name=f"Extra room {n}", position=10 + n)
            topic = placed(TopicFactory(open_space=self.space, title=f"T{n}"), slot, room)
            TopicFactory(open_space=self.space, title=f"Not held {n}")
            for target in (topic, self.topic):
                language = LANGUAGES[n % len(LANGUAGES)]
                start = target.note_versions.filter(language=language).count()
                for number in range(start + 1, start + 4):
                    NoteVersionFactory(
                        topic=target, language=language, number=number, author=UserFactory()
                    )
                action = ActionFactory(topic=target, created_by=UserFactory())
                ActionTaker.objects.create(action=action, user=UserFactory())
                ActionTaker.objects.create(action=action, user=self.present)


def log_in(client, world, role):
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    return user


# The panel: the latest versions, the actions with their takers; for a signed-in reader the
# organizers; for one who is neither an organizer nor the convener, the people at the topic.
PANEL = {"anonymous": 2, "stranger": 4, "present": 4, "convener": 3, "organizer": 3}


@pytest.mark.parametrize(("role", "queries"), list(PANEL.items()))
def test_the_panel(django_assert_num_queries, role, queries):
    world = Grown()
    user = world.user(role)
    from django.contrib.auth.models import AnonymousUser

    for count in (1, 11):
        world.grow(count)
        topic = Topic.objects.select_related("open_space__event").get(pk=world.topic.pk)
        with time_machine.travel(DURING, tick=False), django_assert_num_queries(queries):
            panel = topic_notes_panel(topic=topic, user=user or AnonymousUser(), language="en")
            [row.takers for row in panel.actions]
    assert len(panel.actions) == 12


PAGES = {
    "harvest": lambda w: url("harvest", w.slug),
    "harvest fr": lambda w: url("harvest", w.slug) + "?language=fr",
    "harvest.md": lambda w: url("harvest_markdown", w.slug),
    "harvest.wiki": lambda w: url("harvest_wikitext", w.slug) + "?language=de",
    "history": lambda w: url("notes_history", w.slug, w.topic.pk, "fr"),
    "edit": lambda w: url("notes_edit", w.slug, w.topic.pk, "fr"),
    "edit new language": lambda w: url("notes_edit", w.slug, w.topic.pk, "ar"),
}

# A page that extends base.html counts, for a signed-in reader, the login session, the
# user and whether they moderate.
QUERIES = {
    # the open space with its event; the slots, the topics with their rooms and conveners,
    # the latest versions with their authors, the actions with their takers
    ("harvest", "anonymous"): 5,
    ("harvest fr", "anonymous"): 5,
    ("harvest.md", "anonymous"): 5,
    ("harvest.wiki", "anonymous"): 5,
    # ... the session, the user, whether they moderate; the organizers
    ("harvest", "organizer"): 9,
    # the open space, the topic, the versions; the languages written in; for a signed-in
    # reader, whether they may write (the organizers, the people at the topic)
    ("history", "anonymous"): 4,
    ("history", "present"): 9,
    # the session, the user, the open space, the topic, the latest version, the
    # organizers, the people at it, the languages written in, whether they moderate
    ("edit", "present"): 9,
    # ... and the notes as first written, to translate from
    ("edit new language", "present"): 10,
}


@pytest.mark.parametrize(("page", "role"), list(QUERIES))
def test_each_page_takes_an_exact_number_of_queries(client, django_assert_num_queries, page, role):
    world = Grown()
    if page.startswith("harvest") and role != "organizer":
        OpenSpace.objects.filter(pk=world.space.pk).update(harvest_published_at=DURING)
    log_in(client, world, role)
    for count in (1, 11):
        world.grow(count)
        with (
            time_machine.travel(DURING, tick=False),
            django_assert_num_queries(QUERIES[page, role]),
        ):
            response = client.get(PAGES[page](world))
        assert response.status_code == 200, response.content[:300]
