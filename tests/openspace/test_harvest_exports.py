"""The harvest downloads, exact: Markdown and wikitext, in the reader's language and with
the notes in another, people's text unable to add markup, links or templates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine

from convene.openspace import services
from convene.openspace.models import ActionTaker, OpenSpace, Topic
from tests.openspace.factories import (
    SLOT_START,
    ActionFactory,
    NoteVersionFactory,
    TopicFactory,
    placed,
)
from tests.openspace.notes_world import World, url

pytestmark = pytest.mark.django_db

AFTER = SLOT_START + timedelta(hours=3)


@pytest.fixture
def world() -> World:
    world = World()
    topic = world.topic
    NoteVersionFactory(topic=topic, language="en", number=1, body="Draft")
    NoteVersionFactory(
        topic=topic,
        language="en",
        number=2,
        body="# Decisions\n\nWe *agreed* to write.\n- Pia drafts\n- Chidi sends",
    )
    NoteVersionFactory(topic=topic, language="fr", number=1, body="Nous écrirons.")
    action = ActionFactory(
        topic=topic, what="Draft the letter", who="Pia", due_on=date(2020, 10, 1)
    )
    ActionTaker.objects.create(action=action, user=world.present)
    ActionTaker.objects.create(action=action, user=world.convener)
    tricky = placed(
        TopicFactory(
            open_space=world.space,
            convener=world.present,
            title="Bridges | [[Main Page]] {{delete}}",
        ),
        world.slots[0],
        world.rooms[1],
    )
    NoteVersionFactory(
        topic=tricky,
        language="fr",
        number=1,
        body="* '''bold''' ~~~~ __NOTOC__\n== Head ==\n<b>x</b> & https://example.org [[Link]]\n\n"
        " indented",
    )
    done = ActionFactory(topic=tricky, what="Ask [[Meta]]", who="", due_on=None)
    done.done_at = SLOT_START + timedelta(hours=2)
    done.save()
    placed(
        TopicFactory(open_space=world.space, title="Quiet room", convener=world.participant),
        world.slots[1],
        world.rooms[0],
    )
    TopicFactory(open_space=world.space, title="*Ideas* not held", convener=world.stranger)
    TopicFactory(open_space=world.space, title="Withdrawn", status=Topic.Status.WITHDRAWN)
    with time_machine.travel(AFTER, tick=False):
        services.harvest_publish(open_space=world.space, user=world.organizer)
    return world


MARKDOWN_EN = """\
# Harvest: Strategy Open Space

Published 2020-09-20T19:00:00Z.
Notes written in English and French.

## 2020-09-20T16:00:00Z – 2020-09-20T16:50:00Z

### Letters to the UN

Room: Room 1 · Convener: Chidi Convener

**Notes in English**

#### Decisions

We *agreed* to write.
- Pia drafts
- Chidi sends

**Actions**

- Draft the letter · Who: Pia · By 2020-10-01 · 2 people took it on

### Bridges \\| \\[\\[Main Page\\]\\] {{delete}}

Room: Room 2 · Convener: Pia Present

**Notes in French (not translated into English)**

* '''bold''' ~~~~ __NOTOC__
== Head ==
<b>x</b> & https://example.org [[Link]]

 indented

**Actions**

- Ask \\[\\[Meta\\]\\] · 0 people took it on · Done 2020-09-20T18:00:00Z

## 2020-09-20T17:00:00Z – 2020-09-20T17:50:00Z

### Quiet room

Room: Room 1 · Convener: Paul Participant

## Proposed, not held

### \\*Ideas\\* not held

Convener: Sam Stranger
"""


def test_the_markdown_harvest(client, world):
    response = client.get(url("harvest_markdown", world.slug))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == ('inline; filename="strategy-open-space-harvest.md"')
    assert response.content.decode("utf-8") == MARKDOWN_EN


WIKITEXT_FR = """\
== Harvest: Strategy Open Space ==
Published 2020-09-20T19:00:00Z.
Notes written in English and French.

=== 2020-09-20T16:00:00Z – 2020-09-20T16:50:00Z ===

==== Letters to the UN ====
Room: Room 1 · Convener: Chidi Convener

\'\'\'Notes in French\'\'\'

Nous écrirons.

\'\'\'Actions\'\'\'
* Draft the letter · Who: Pia · By 2020-10-01 · 2 people took it on

==== Bridges &#124; &#91;&#91;Main Page&#93;&#93; &#123;&#123;delete&#125;&#125; ====
Room: Room 2 · Convener: Pia Present

\'\'\'Notes in French\'\'\'

&#42; &#39;&#39;\'bold&#39;&#39;\' &#126;&#126;&#126;~ &#95;_NOTOC&#95;_<br />
&#61;&#61; Head &#61;&#61;<br />
&lt;b&gt;x&lt;/b&gt; &amp; https&#58;//example.org &#91;&#91;Link&#93;&#93;

&#32;indented

\'\'\'Actions\'\'\'
* Ask &#91;&#91;Meta&#93;&#93; · 0 people took it on · Done 2020-09-20T18:00:00Z

=== 2020-09-20T17:00:00Z – 2020-09-20T17:50:00Z ===

==== Quiet room ====
Room: Room 1 · Convener: Paul Participant

=== Proposed, not held ===

==== &#42;Ideas* not held ====
Convener: Sam Stranger
"""


def test_the_wikitext_harvest_with_the_notes_in_french(client, world):
    response = client.get(url("harvest_wikitext", world.slug) + "?language=fr")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == (
        'inline; filename="strategy-open-space-harvest-fr.wiki"'
    )
    assert response.content.decode("utf-8") == WIKITEXT_FR


def test_the_markdown_harvest_with_the_notes_in_french(client, world):
    response = client.get(url("harvest_markdown", world.slug) + "?language=fr")

    english_notes = (
        "**Notes in English**\n\n#### Decisions\n\nWe *agreed* to write.\n"
        "- Pia drafts\n- Chidi sends"
    )
    assert english_notes in MARKDOWN_EN
    assert response.content.decode("utf-8") == MARKDOWN_EN.replace(
        english_notes, "**Notes in French**\n\nNous écrirons."
    ).replace("**Notes in French (not translated into English)**", "**Notes in French**")


def test_the_wikitext_harvest_in_english_labels_the_notes_not_translated(client, world):
    text = client.get(url("harvest_wikitext", world.slug)).content.decode()

    assert (
        "'''Notes in English'''\n\n&#35; Decisions\n\n"
        "We *agreed* to write.<br />\n&#45; Pia drafts<br />\n&#45; Chidi sends\n"
    ) in text
    assert "'''Notes in French (not translated into English)'''" in text


@pytest.mark.parametrize("name", ["harvest_markdown", "harvest_wikitext"])
def test_an_unknown_language_reads_the_interfaces(client, world, name):
    assert (
        client.get(url(name, world.slug) + "?language=xx").content
        == client.get(url(name, world.slug)).content
    )


@pytest.mark.parametrize("role", ["convener", "present", "participant", "stranger", "anonymous"])
def test_an_unpublished_harvest_is_not_downloaded_but_by_organizers(client, world, role):
    OpenSpace.objects.filter(pk=world.space.pk).update(harvest_published_at=None)
    user = world.user(role)
    if user is not None:
        client.force_login(user)

    for name in ("harvest_markdown", "harvest_wikitext"):
        assert client.get(url(name, world.slug)).status_code == 404
    client.force_login(world.organizer)
    markdown = client.get(url("harvest_markdown", world.slug)).content.decode()
    assert markdown.startswith("# Harvest: Strategy Open Space\n\nNot published yet.\n")
