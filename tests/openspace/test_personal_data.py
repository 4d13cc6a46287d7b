"""What open space keeps about a person in "Download your data", and what stays of it when
the account is erased: topics, notes and actions without a name."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from rest_framework.test import APIClient

from convene.accounts.services import user_delete, user_export_data
from convene.openspace import personal_data
from convene.openspace.models import (
    Action,
    ActionTaker,
    Interest,
    NoteVersion,
    OpenSpace,
    Presence,
    SeriesFollow,
    Topic,
)
from tests.events.factories import EventFactory
from tests.factories import UserFactory

from .factories import (
    NOW,
    ActionFactory,
    NoteVersionFactory,
    OpenSpaceFactory,
    SeriesFactory,
    TopicFactory,
    grid,
    placed,
)

pytestmark = pytest.mark.django_db

SECTIONS = (
    "openspace_topics",
    "openspace_interests",
    "openspace_presences",
    "openspace_note_versions",
    "openspace_actions_written",
    "openspace_actions_taken",
    "openspace_series_followed",
)


def a_person_s_open_space():
    """Amina convened a topic, showed interest in and is at Kofi's, wrote notes and an
    action at hers, took on an action at his, and follows a series."""
    amina = UserFactory(display_name="Amina", email="amina@example.org")
    kofi = UserFactory(display_name="Kofi")
    space = OpenSpaceFactory(event=EventFactory(slug="global-open-space"))
    slots, rooms = grid(space)
    with time_machine.travel(NOW, tick=False):
        hers = placed(
            TopicFactory(
                open_space=space,
                convener=amina,
                title="Letters to the UN",
                description="Drafting together.",
                languages=["en", "fr"],
                wants_note_taker=True,
            ),
            slots[0],
            rooms[0],
        )
        his = placed(
            TopicFactory(open_space=space, convener=kofi, title="Reading"), slots[1], rooms[1]
        )
        Interest.objects.create(topic=his, user=amina)
        Interest.objects.create(topic=his, user=kofi)
        Topic.objects.filter(pk=his.pk).update(interest_count=2)
        Presence.objects.create(topic=his, slot=his.slot, user=amina)
        NoteVersionFactory(topic=hers, language="fr", number=1, body="Premier jet.", author=amina)
        NoteVersionFactory(topic=hers, language="fr", number=2, body="Second jet.", author=kofi)
        NoteVersionFactory(topic=hers, language="en", number=1, body="Draft.", author=amina)
        ActionFactory(
            topic=hers,
            what="Send the letter",
            who="Two volunteers",
            due_on=dt.date(2020, 10, 1),
            created_by=amina,
        )
        taken = ActionFactory(topic=his, what="Scan the books", who="", created_by=kofi)
        ActionTaker.objects.create(action=taken, user=amina)
        SeriesFollow.objects.create(
            series=SeriesFactory(slug="sept-dec", title="From September to December"),
            user=amina,
        )
    return amina, kofi, space, hers, his


def test_the_download_holds_the_person_s_topics_interests_notes_actions_and_series():
    amina, _kofi, *_ = a_person_s_open_space()

    data = user_export_data(user=amina)

    at = "2020-09-19T12:00:00Z"
    assert {name: data[name] for name in SECTIONS} == {
        "openspace_topics": [
            {
                "open_space": "global-open-space",
                "title": "Letters to the UN",
                "description": "Drafting together.",
                "languages": ["en", "fr"],
                "wants_interpretation": False,
                "wants_note_taker": True,
                "status": "placed",
                "proposed_at": at,
            }
        ],
        "openspace_interests": [
            {"open_space": "global-open-space", "topic": "Reading", "since": at}
        ],
        "openspace_presences": [
            {
                "open_space": "global-open-space",
                "topic": "Reading",
                "slot_starts_at": "2020-09-20T17:00:00Z",
                "updated_at": at,
            }
        ],
        "openspace_note_versions": [
            {
                "open_space": "global-open-space",
                "topic": "Letters to the UN",
                "language": "fr",
                "number": 1,
                "saved_at": at,
            },
            {
                "open_space": "global-open-space",
                "topic": "Letters to the UN",
                "language": "en",
                "number": 1,
                "saved_at": at,
            },
        ],
        "openspace_actions_written": [
            {
                "open_space": "global-open-space",
                "topic": "Letters to the UN",
                "what": "Send the letter",
                "who": "Two volunteers",
                "due_on": "2020-10-01",
                "done_at": None,
                "written_at": at,
            }
        ],
        "openspace_actions_taken": [
            {
                "open_space": "global-open-space",
                "topic": "Reading",
                "what": "Scan the books",
                "who": "",
                "due_on": None,
                "done_at": None,
                "written_at": at,
                "taken_at": at,
            }
        ],
        "openspace_series_followed": [
            {"series": "sept-dec", "title": "From September to December", "followed_since": at}
        ],
    }


def test_each_section_is_one_query(django_assert_num_queries):
    amina, *_ = a_person_s_open_space()
    sections = [
        personal_data.topics_convened,
        personal_data.interests,
        personal_data.presences,
        personal_data.note_versions,
        personal_data.actions_written,
        personal_data.actions_taken,
        personal_data.series_followed,
    ]

    for section in sections:
        with django_assert_num_queries(1):
            assert section(amina) != []


def test_an_erased_account_leaves_its_topic_notes_and_actions_without_its_name():
    amina, kofi, space, hers, his = a_person_s_open_space()
    OpenSpace.objects.filter(pk=space.pk).update(harvest_published_at=NOW)
    version_before = OpenSpace.objects.get(pk=space.pk).grid_version

    user_delete(user=amina)

    hers.refresh_from_db()
    his.refresh_from_db()
    assert (hers.title, hers.description, hers.status, hers.convener_id) == (
        "Letters to the UN",
        "Drafting together.",
        "placed",
        None,
    )
    assert list(
        NoteVersion.objects.filter(topic=hers).values_list(
            "language", "number", "body", "author_id"
        )
    ) == [
        ("en", 1, "Draft.", None),
        ("fr", 1, "Premier jet.", None),
        ("fr", 2, "Second jet.", kofi.pk),
    ]
    assert list(Action.objects.filter(topic=hers).values_list("what", "created_by_id")) == [
        ("Send the letter", None)
    ]
    # What was only hers goes: her interest (off the count), presence, action taken on,
    # series followed.
    assert (his.interest_count, list(his.interests.values_list("user_id", flat=True))) == (
        1,
        [kofi.pk],
    )
    assert not Presence.objects.exists()
    assert not ActionTaker.objects.exists()
    assert not SeriesFollow.objects.exists()
    assert OpenSpace.objects.get(pk=space.pk).grid_version == version_before + 1

    # The API names nobody where she was; her email is nowhere.
    api = APIClient()
    grid_answer = api.get("/api/v1/open-spaces/global-open-space/")
    harvest = api.get("/api/v1/open-spaces/global-open-space/harvest/")
    [topic] = [t for t in grid_answer.json()["topics"] if t["id"] == hers.pk]
    assert (topic["title"], topic["convener"]) == ("Letters to the UN", None)
    [harvested] = [t for t in harvest.json()["topics"] if t["id"] == hers.pk]
    assert harvested["convener"] is None
    assert [
        (note["language"], note["number"], note["body"], note["author"])
        for note in harvested["notes"]
    ] == [("en", 1, "Draft.", None), ("fr", 2, "Second jet.", "Kofi")]
    for answer in (grid_answer, harvest):
        assert "Amina" not in answer.content.decode()
        assert "amina@example.org" not in answer.content.decode()


def test_the_erasure_of_an_account_without_open_space_changes_nothing():
    space = OpenSpaceFactory()
    topic = TopicFactory(open_space=space)
    Topic.objects.filter(pk=topic.pk).update(interest_count=3)

    user_delete(user=UserFactory())

    assert Topic.objects.get(pk=topic.pk).interest_count == 3
    assert OpenSpace.objects.get(pk=space.pk).grid_version == 1
