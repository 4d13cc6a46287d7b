"""Notes saved at the same moment from the same version: PostgreSQL, one connection per
thread. Every text is kept, each as its own version; the writers after the first are told
someone saved in between."""

import pytest

from convene.openspace import services
from convene.openspace.models import NoteVersion
from tests.events.test_concurrency import postgres, run_together  # noqa: F401 - a fixture
from tests.openspace.factories import NoteVersionFactory
from tests.openspace.notes_world import World

pytestmark = pytest.mark.django_db(transaction=True)


def test_writers_saving_at_once_from_one_version_each_get_a_version(postgres):  # noqa: F811
    world = World()
    NoteVersionFactory(topic=world.topic, number=1, body="Base")
    writers = [world.convener, world.present, world.organizer, world.convener]
    results = []

    errors = run_together(
        4,
        lambda i: results.append(
            services.notes_save(
                topic=world.topic,
                author=writers[i],
                language="en",
                body=f"Base and writer {i}",
                based_on=1,
            )
        ),
    )

    assert errors == []
    assert sorted(r.version.number for r in results) == [2, 3, 4, 5]
    assert sorted(r.someone_saved_in_between for r in results) == [False, True, True, True]
    assert sorted(NoteVersion.objects.values_list("body", flat=True)) == [
        "Base",
        "Base and writer 0",
        "Base and writer 1",
        "Base and writer 2",
        "Base and writer 3",
    ]
