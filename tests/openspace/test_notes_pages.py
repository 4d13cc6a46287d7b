"""A topic's notes and actions on its page and their own pages, by role: who reads, who
writes (the convener, the people at the topic, the organizers), what a writer is told when
someone saved in between, and that a refused text comes back as it was typed."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages

from convene.openspace.models import Action, ActionTaker, NoteVersion, OpenSpace
from tests.openspace.factories import NOW, ActionFactory, NoteVersionFactory, TopicFactory
from tests.openspace.notes_world import ROLES, World, url

pytestmark = pytest.mark.django_db

WRITERS = {"organizer", "convener", "present"}


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world() -> World:
    return World()


def as_role(client, world: World, role: str):
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    return user


def panel(response) -> str:
    html = response.content.decode()
    start = html.index('<section class="notes-panel"')
    return html[start : html.index("</section>", start)]


# --- the panel on the topic's page -----------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_panel_shows_the_notes_to_everyone_and_the_links_to_write_to_writers(
    client, world, role
):
    NoteVersionFactory(topic=world.topic, number=1, body="We *agreed* to write.", language="en")
    as_role(client, world, role)

    shown = panel(client.get(url("topic", world.slug, world.topic.pk)))

    assert (
        '<div class="notes-body" dir="auto" lang="en"><p>We <em>agreed</em> to write.</p>' in shown
    )
    assert "Version 1 by <bdi>Chidi Convener</bdi>" in shown
    assert '<time datetime="2020-09-19T12:00:00Z">' in shown
    edit = url("notes_edit", world.slug, world.topic.pk, "en")
    assert (edit in shown) == (role in WRITERS)
    assert ("Add an action" in shown) == (role in WRITERS)
    assert url("notes_history", world.slug, world.topic.pk, "en") in shown


def test_the_panel_shows_the_readers_language_else_the_first_written_labelled(client, world):
    NoteVersionFactory(topic=world.topic, number=1, body="Nous écrirons.", language="fr")
    NoteVersionFactory(topic=world.topic, number=1, body="Schreiben wir.", language="de")
    NoteVersionFactory(topic=world.topic, number=2, body="Nous écrirons demain.", language="fr")
    as_role(client, world, "present")

    english = panel(client.get(url("topic", world.slug, world.topic.pk)))
    german = panel(client.get(url("topic", world.slug, world.topic.pk, language="de")))

    assert "In French: not written in English yet." in english
    assert "Nous écrirons demain." in english
    assert "Version 2 by" in english
    assert "Write them in English" in english
    assert url("notes_edit", world.slug, world.topic.pk, "en") in english
    assert url("notes_history", world.slug, world.topic.pk, "de") in english  # also written in
    assert "Schreiben wir." in german
    assert "Write them in" not in german


def test_the_panel_escapes_what_people_wrote(client, world):
    NoteVersionFactory(
        topic=world.topic, number=1, body="<script>alert(1)</script> [x](javascript:alert(1))"
    )
    ActionFactory(topic=world.topic, what="<b>Act</b>", who="<i>us</i>")

    shown = panel(client.get(url("topic", world.slug, world.topic.pk)))

    assert "<script>" not in shown and "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert 'href="javascript' not in shown
    assert "&lt;b&gt;Act&lt;/b&gt;" in shown and "<bdi>&lt;i&gt;us&lt;/i&gt;</bdi>" in shown


def test_the_panel_offers_the_first_notes_in_the_readers_language(client, world):
    as_role(client, world, "convener")

    shown = panel(client.get(url("topic", world.slug, world.topic.pk, language="fr")))

    assert "Pas encore de notes." in shown  # "No notes yet." in French
    assert url("notes_edit", world.slug, world.topic.pk, "fr", language="fr") in shown


def test_the_panel_lists_actions_with_their_takers_and_buttons(client, world):
    action = ActionFactory(
        topic=world.topic, what="Draft the letter", who="Two of us", due_on=date(2020, 10, 1)
    )
    ActionTaker.objects.create(action=action, user=world.present)
    ActionTaker.objects.create(action=action, user=world.organizer)

    as_role(client, world, "present")
    present = panel(client.get(url("topic", world.slug, world.topic.pk)))
    as_role(client, world, "stranger")
    stranger = panel(client.get(url("topic", world.slug, world.topic.pk)))
    client.logout()
    anonymous = panel(client.get(url("topic", world.slug, world.topic.pk)))

    assert '<time datetime="2020-10-01">Oct 1, 2020</time>' in present
    assert "2 people took it on" in present
    assert "Let it go" in present and ">Done</button>" in present  # took it on: may mark it done
    assert "I take this on" in stranger and ">Done</button>" not in stranger
    assert "I take this on" not in anonymous and "Let it go" not in anonymous


# --- writing ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_the_notes_form(client, world, role):
    as_role(client, world, role)

    response = client.get(url("notes_edit", world.slug, world.topic.pk, "en"))

    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == (200 if role in WRITERS else 403)


@pytest.mark.parametrize("role", ["organizer", "convener", "present", "participant", "stranger"])
def test_who_may_save_notes(client, world, role):
    as_role(client, world, role)

    response = client.post(
        url("notes_edit", world.slug, world.topic.pk, "en"),
        {"body": "Our notes", "based_on": "0"},
    )

    if role in WRITERS:
        assert response.status_code == 302
        assert response["Location"] == url("topic", world.slug, world.topic.pk)
        assert NoteVersion.objects.get().body == "Our notes"
    else:
        assert response.status_code == 400
        assert "Our notes</textarea>" in response.content.decode()
        assert "The convener, the people at the topic and the organizers write its notes." in (
            response.content.decode()
        )
        assert not NoteVersion.objects.exists()


def test_the_form_starts_from_the_latest_version(client, world):
    NoteVersionFactory(topic=world.topic, number=1, body="First")
    NoteVersionFactory(topic=world.topic, number=2, body="Second & more")
    as_role(client, world, "present")

    html = client.get(url("notes_edit", world.slug, world.topic.pk, "en")).content.decode()

    assert "Second &amp; more</textarea>" in html
    assert '<input type="hidden" name="based_on" value="2"' in html
    assert "You are changing version 2" in html


def test_a_translation_starts_empty_beside_the_notes_as_first_written(client, world):
    NoteVersionFactory(topic=world.topic, number=1, body="In *English*", language="en")
    as_role(client, world, "present")

    html = client.get(url("notes_edit", world.slug, world.topic.pk, "fr")).content.decode()

    assert re.search(r'<textarea name="body"[^>]*lang="fr"[^>]*>\s*</textarea>', html)
    assert '<input type="hidden" name="based_on" value="0"' in html
    assert "Here they are in English, to translate from." in html
    assert "<p>In <em>English</em></p>" in html


def test_a_save_goes_back_where_the_writer_came_from_and_says_the_version(client, world):
    as_role(client, world, "convener")
    back = url("harvest", world.slug)

    response = client.post(
        url("notes_edit", world.slug, world.topic.pk, "en"),
        {"body": "Notes\r\n\r\nMore", "based_on": "0", "next": back},
    )

    assert response["Location"] == back
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The notes are saved as version 1."
    ]
    assert NoteVersion.objects.get().body == "Notes\n\nMore"


def test_two_saves_from_the_same_version_keep_both_and_tell_the_later_writer(client, world):
    NoteVersionFactory(topic=world.topic, number=1, body="Start", author=world.convener)
    form = url("notes_edit", world.slug, world.topic.pk, "en")
    history = url("notes_history", world.slug, world.topic.pk, "en")

    as_role(client, world, "present")
    first = client.post(form, {"body": "Start, and Pia's part", "based_on": "1"})
    as_role(client, world, "convener")
    second = client.post(form, {"body": "Start, and Chidi's part", "based_on": "1"})

    assert first.status_code == 302 and first["Location"] == url(
        "topic", world.slug, world.topic.pk
    )
    assert second.status_code == 302 and second["Location"] == f"{history}#version-3"
    told = [str(m) for m in get_messages(second.wsgi_request)]
    assert told == [
        "The notes are saved as version 2.",  # the first writer's, in the same browser
        "Your text is kept as version 3. Someone else saved version 2 while you were writing: "
        "compare the two and bring together what each of you wrote. "
        f'<a href="{history}#version-3">Compare version 2 with yours</a>',
    ]
    assert list(
        NoteVersion.objects.order_by("number").values_list("number", "based_on", "body")
    ) == [
        (1, None, "Start"),
        (2, 1, "Start, and Pia's part"),
        (3, 1, "Start, and Chidi's part"),
    ]
    page = client.get(history).content.decode()
    assert "Written from version 1: someone else saved in between." in page
    assert "Start, and <del>Pia&#x27;s</del><ins>Chidi&#x27;s</ins> part" in page


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("   \r\n ", "Write the notes before saving them."),
        ("x" * 50_001, "The notes are 50001 characters long. The limit is 50000 characters."),
    ],
)
def test_a_refused_text_comes_back_as_typed_with_why(client, world, body, message):
    as_role(client, world, "present")

    response = client.post(
        url("notes_edit", world.slug, world.topic.pk, "en"), {"body": body, "based_on": "0"}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert body.replace("\r\n", "\n").strip() in html
    assert not NoteVersion.objects.exists()


def test_after_the_harvest_only_organizers_write_and_the_text_is_kept(client, world):
    OpenSpace.objects.filter(pk=world.space.pk).update(harvest_published_at=NOW)
    form = url("notes_edit", world.slug, world.topic.pk, "en")

    as_role(client, world, "present")
    late = client.post(form, {"body": "Late words", "based_on": "0"})
    as_role(client, world, "organizer")
    organizer = client.post(form, {"body": "Organizer's words", "based_on": "0"})

    assert late.status_code == 400 and "Late words</textarea>" in late.content.decode()
    assert organizer.status_code == 302
    assert list(NoteVersion.objects.values_list("body", flat=True)) == ["Organizer's words"]


def test_a_language_notes_are_not_written_in_is_not_found(client, world):
    as_role(client, world, "organizer")

    assert client.get(url("notes_edit", world.slug, world.topic.pk, "xx")).status_code == 404
    assert client.get(url("notes_history", world.slug, world.topic.pk, "xx")).status_code == 404


def test_a_topic_of_another_open_space_is_not_found(client, world):
    as_role(client, world, "organizer")
    elsewhere = TopicFactory()

    assert client.get(url("notes_edit", world.slug, elsewhere.pk, "en")).status_code == 404


# --- history ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_the_history_with_the_words_changed(client, world, role):
    NoteVersionFactory(topic=world.topic, number=1, body="We meet on Monday.")
    NoteVersionFactory(
        topic=world.topic, number=2, body="We meet on Tuesday.", author=world.present, based_on=1
    )
    as_role(client, world, role)

    response = client.get(url("notes_history", world.slug, world.topic.pk, "en"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="notes-body" dir="auto" lang="en"><p>We meet on Tuesday.</p>' in html
    assert html.index('id="version-2"') < html.index('id="version-1"')
    assert "Version 2 by <bdi>Pia Present</bdi>" in html
    assert "We meet on <del>Monday.</del><ins>Tuesday.</ins>" in html
    assert "someone else saved in between" not in html
    assert (url("notes_edit", world.slug, world.topic.pk, "en") in html) == (role in WRITERS)


def test_an_unpublished_events_notes_are_hidden_from_all_but_its_organizers(client, world):
    world.space.event.is_published = False
    world.space.event.save()
    page = url("notes_history", world.slug, world.topic.pk, "en")

    as_role(client, world, "convener")
    assert client.get(page).status_code == 404
    as_role(client, world, "organizer")
    assert client.get(page).status_code == 200


# --- actions ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["organizer", "convener", "present", "participant", "stranger"])
def test_who_may_add_an_action(client, world, role):
    user = as_role(client, world, role)

    response = client.post(
        url("action_new", world.slug, world.topic.pk),
        {"what": "Write to the UN", "who": "Pia", "due_on": "2020-10-01"},
    )

    if role in WRITERS:
        assert response.status_code == 302
        action = Action.objects.get()
        assert (action.what, action.who, action.due_on, action.created_by) == (
            "Write to the UN",
            "Pia",
            date(2020, 10, 1),
            user,
        )
    else:
        assert response.status_code == 400
        html = response.content.decode()
        assert "The convener, the people at the topic and the organizers add its actions." in html
        assert 'value="Write to the UN"' in html
        assert not Action.objects.exists()


def test_an_action_without_what_comes_back_in_its_form(client, world):
    as_role(client, world, "present")

    response = client.post(
        url("action_new", world.slug, world.topic.pk), {"what": "", "who": "Pia", "due_on": ""}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Pia"' in html and 'type="date"' in html
    assert not Action.objects.exists()


def test_anonymous_people_are_sent_to_log_in_for_every_action(client, world):
    action = ActionFactory(topic=world.topic)
    for name, args in [
        ("action_new", ()),
        ("action_take", (action.pk,)),
        ("action_done", (action.pk,)),
    ]:
        response = client.post(url(name, world.slug, world.topic.pk, *args), {"what": "x"})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Action.objects.get().done_at is None and not ActionTaker.objects.exists()


@pytest.mark.parametrize("role", ["organizer", "convener", "present", "participant", "stranger"])
def test_anyone_signed_in_takes_an_action_on_and_lets_it_go(client, world, role):
    user = as_role(client, world, role)
    action = ActionFactory(topic=world.topic)
    take = url("action_take", world.slug, world.topic.pk, action.pk)

    taken = client.post(take, {"take": "1"})
    assert list(ActionTaker.objects.values_list("user", flat=True)) == [user.pk]
    client.post(take, {"take": "0"})

    assert taken["Location"] == url("topic", world.slug, world.topic.pk)
    assert [str(m) for m in get_messages(taken.wsgi_request)] == ["You took this action on."]
    assert not ActionTaker.objects.exists()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("organizer", True),
        ("convener", False),  # not its writer, did not take it on
        ("present", True),  # its writer
        ("participant", False),
        ("stranger", False),
    ],
)
def test_who_marks_an_action_done(client, world, role, allowed):
    action = ActionFactory(topic=world.topic, created_by=world.present)
    as_role(client, world, role)

    response = client.post(url("action_done", world.slug, world.topic.pk, action.pk))

    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.done_at == NOW) is allowed
    told = [str(m) for m in get_messages(response.wsgi_request)]
    assert told == (
        ["The action is marked done."]
        if allowed
        else ["Those who took this action on, its writer and the organizers mark it done."]
    )


def test_whoever_took_an_action_on_marks_it_done_and_open_again(client, world):
    action = ActionFactory(topic=world.topic)
    as_role(client, world, "stranger")
    client.post(url("action_take", world.slug, world.topic.pk, action.pk), {"take": "1"})
    done = url("action_done", world.slug, world.topic.pk, action.pk)

    client.post(done, {"done": "1"})
    action.refresh_from_db()
    assert action.done_at == NOW
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        client.post(done, {"done": "0"})
    action.refresh_from_db()
    assert action.done_at is None


def test_an_action_of_another_topic_is_not_found(client, world):
    action = ActionFactory()
    as_role(client, world, "organizer")

    response = client.post(url("action_take", world.slug, world.topic.pk, action.pk))

    assert response.status_code == 404
