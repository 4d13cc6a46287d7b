"""Browser journeys of an open space, from a topic's proposal to the published harvest: a
participant proposes a topic and places it in a free slot and room; another, whose page
was open before, sees it on the grid (at once with JavaScript, after reloading without),
joins it, writes its notes in Markdown and adds an action; once the last slot is over the
organizer publishes the harvest, and a visitor reads it and downloads it.

In English with JavaScript, in Arabic on a 360 px wide phone (right to left, nothing
sticking out sideways), and in English without JavaScript. Every page checked is checked
with axe-core. Buttons and links are found by their names as the reader's language gives
them, by field names and by the addresses forms send to.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from convene.openspace import services
from convene.openspace.models import OpenSpace, Presence, Slot, Topic
from tests.browser_support import check_accessibility, phone_overflow
from tests.factories import UserFactory
from tests.openspace.factories import OpenSpaceFactory, RoomFactory, participant

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

LOCALES = {"en": "en-GB", "ar": "ar"}
TITLE = "Wikidata for small languages"
DESCRIPTION = "How small language communities\ncan grow their lexemes together."
NOTES = "We agreed to **write to the chapters**.\n\n- Lexemes first\n- Then the tools\n"
WHAT = "Draft the letter to the chapters"
WHO = "Amani and Bruno"


def tr(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


def people(language: str, count: int) -> str:
    with translation.override(language):
        return ngettext("%(counter)s person", "%(counter)s people", count) % {"counter": count}


def world():
    """An open space whose two slots start in 1 and 2 hours, with two rooms, whose rooms'
    links are given two days ahead; two registered participants and an organizer."""
    now = timezone.now().replace(second=0, microsecond=0)
    organizer = UserFactory(display_name="Olga Organizer")
    space = OpenSpaceFactory(
        event__slug="gathering", event__organizers=[organizer], event__link_reveal_hours=48
    )
    slots = [
        Slot.objects.create(
            open_space=space,
            starts_at=now + timedelta(hours=n),
            ends_at=now + timedelta(hours=n, minutes=50),
        )
        for n in (1, 2)
    ]
    rooms = [RoomFactory(open_space=space, name=f"Room {n + 1}", position=n) for n in range(2)]
    return {
        "space": space,
        "slots": slots,
        "rooms": rooms,
        "organizer": organizer,
        "a": participant(space, display_name="Amani"),
        "b": participant(space, display_name="Bruno"),
    }


def checked(page, language: str, phone: bool) -> None:
    """The page is in the reader's language and direction, accessible, and fits a phone."""
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    check_accessibility(page)
    if phone:
        assert phone_overflow(page) is None, (page.url, phone_overflow(page))


def send(page, form: str) -> None:
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").first.click()


def journey(new_page, log_in, time_zone_cookie, language: str, javascript: bool, phone: bool):
    w = world()
    base = f"/{language}/open-space/gathering"
    slot, room = w["slots"][1], w["rooms"][1]

    def browser_page(user=None):
        page = new_page(locale=LOCALES[language], javascript=javascript, phone=phone)
        time_zone_cookie(page)
        if user is not None:
            log_in(page, user)
        return page

    # B has the open space's page open before the topic is placed.
    watcher = browser_page(w["b"])
    watcher.goto(f"{base}/")
    checked(watcher, language, phone)
    loads: list[str] = []
    watcher.on("load", lambda p: loads.append(p.url))
    slot_section = watcher.locator(f'section[aria-labelledby="grid-slot-{slot.pk}"]')
    expect(slot_section).to_be_visible()
    assert slot_section.get_by_role("link", name=TITLE).count() == 0

    # A proposes the topic through the form...
    convener = browser_page(w["a"])
    convener.goto(f"{base}/")
    with convener.expect_navigation():
        convener.get_by_role("link", name=tr(language, "Propose a topic"), exact=True).click()
    checked(convener, language, phone)
    convener.fill('input[name="title"]', TITLE)
    convener.fill('textarea[name="description"]', DESCRIPTION)
    convener.check('input[name="languages"][value="en"]')
    convener.check('input[name="languages"][value="ar"]')
    send(convener, 'form:has(input[name="title"])')
    topic = Topic.objects.get(open_space=w["space"], title=TITLE)
    assert convener.url.endswith(f"{base}/topics/{topic.pk}/")
    expect(convener.locator("h1")).to_have_text(TITLE)
    assert topic.convener == w["a"]
    assert topic.description == DESCRIPTION
    assert sorted(topic.languages) == ["ar", "en"]
    assert topic.status == Topic.Status.PROPOSED

    # ...and places it in the second slot's second room through the place form.
    place_form = f'form[action="{base}/topics/{topic.pk}/place/"]'
    convener.select_option(f'{place_form} select[name="place"]', f"{slot.pk}-{room.pk}")
    send(convener, place_form)
    topic.refresh_from_db()
    assert (topic.status, topic.slot_id, topic.room_id) == (
        Topic.Status.PLACED,
        slot.pk,
        room.pk,
    )

    # B sees it on the grid: with the script, without reloading; without, once reloaded.
    on_grid = slot_section.locator(f"#grid-topic-{topic.pk}")
    if javascript:
        expect(on_grid.get_by_role("link", name=TITLE)).to_be_visible(timeout=10_000)
        expect(watcher.locator("#grid-status")).to_have_text(
            tr(language, "The grid was updated."), timeout=5_000
        )
        assert loads == [], loads  # the page was not reloaded
    else:
        assert slot_section.get_by_role("link", name=TITLE).count() == 0
        watcher.reload()
        checked(watcher, language, phone)
        expect(on_grid.get_by_role("link", name=TITLE)).to_be_visible()
    expect(on_grid.locator(".grid-room")).to_have_text(room.name)

    # B opens the topic and joins it: one person there, B.
    with watcher.expect_navigation():
        on_grid.get_by_role("link", name=TITLE).click()
    checked(watcher, language, phone)
    assert watcher.url.endswith(f"{base}/topics/{topic.pk}/")
    expect(watcher.locator(".grid-description")).to_have_text(DESCRIPTION.replace("\n", ""))
    people_there = watcher.locator(f'dl.facts dt:text-is("{tr(language, "People there")}") + dd')
    expect(people_there).to_have_text(people(language, 0))
    with watcher.expect_navigation():
        watcher.get_by_role("button", name=tr(language, "I'm here"), exact=True).click()
    expect(people_there).to_have_text(people(language, 1))
    expect(watcher.get_by_text(tr(language, "You are here"), exact=True)).to_be_visible()
    assert list(Presence.objects.filter(topic=topic).values_list("user", flat=True)) == [w["b"].pk]

    # B writes the notes, in Markdown, in the reader's language.
    with watcher.expect_navigation():
        watcher.locator(f'a[href^="{base}/topics/{topic.pk}/notes/{language}/edit/"]').click()
    checked(watcher, language, phone)
    watcher.fill('textarea[name="body"]', NOTES)
    send(watcher, "form.notes-form")
    assert watcher.url.endswith(f"{base}/topics/{topic.pk}/")
    notes = watcher.locator(".notes-panel .notes-body")
    expect(notes.locator("strong")).to_have_text("write to the chapters")
    expect(notes.locator("li")).to_have_text(["Lexemes first", "Then the tools"])
    assert notes.get_attribute("lang") == language

    # B adds an action: what, who, by when.
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    watcher.locator(".notes-add-action summary").click()
    watcher.fill(f"#action-what-{topic.pk}", WHAT)
    watcher.fill(f"#action-who-{topic.pk}", WHO)
    watcher.fill(f"#action-due-{topic.pk}", due)
    send(watcher, f'form[action="{base}/topics/{topic.pk}/actions/new/"]')
    assert watcher.url.endswith(f"{base}/topics/{topic.pk}/")
    checked(watcher, language, phone)
    action = watcher.locator(".notes-panel .notes-action")
    expect(action).to_have_count(1)
    expect(action.locator(".notes-action-what")).to_have_text(WHAT)
    expect(action.locator("bdi")).to_have_text(WHO)
    expect(action.locator(f'time[datetime="{due}"]')).to_have_count(1)

    # The last slot is over (its times are moved into the past rather than waited for).
    Slot.objects.filter(open_space=w["space"]).update(
        starts_at=F("starts_at") - timedelta(hours=4), ends_at=F("ends_at") - timedelta(hours=4)
    )
    services.grid_changed(w["space"])

    # The organizer publishes the harvest.
    organizer = browser_page(w["organizer"])
    organizer.goto(f"{base}/harvest/")
    checked(organizer, language, phone)
    publish = f'form[action="{base}/harvest/publish/"]'
    expect(organizer.locator(publish)).to_have_count(1)
    send(organizer, publish)
    assert OpenSpace.objects.get(pk=w["space"].pk).harvest_published_at is not None
    expect(organizer.locator(publish)).to_have_count(0)

    # A visitor, signed out, reads it from the open space's page and downloads it.
    visitor = browser_page()
    visitor.goto(f"{base}/")
    checked(visitor, language, phone)
    with visitor.expect_navigation():
        visitor.locator(f'a[href="{base}/harvest/"]').click()
    checked(visitor, language, phone)
    harvest = visitor.locator(f'article.harvest-topic[aria-labelledby="topic-{topic.pk}"]')
    expect(harvest.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(harvest.locator(".notes-body strong")).to_have_text("write to the chapters")
    expect(harvest.locator(".notes-body li")).to_have_text(["Lexemes first", "Then the tools"])
    expect(harvest.locator(".notes-action-what")).to_have_text(WHAT)
    expect(harvest.locator(".notes-action bdi")).to_have_text(WHO)
    expect(harvest.locator(f'.notes-action time[datetime="{due}"]')).to_have_count(1)
    with visitor.expect_response(lambda r: f"{base}/harvest.md" in r.url) as download:
        visitor.locator(f'a[href^="{base}/harvest.md"]').click()
    assert download.value.status == 200
    assert download.value.headers["content-type"] == "text/markdown; charset=utf-8"
    text = download.value.text()
    assert TITLE in text
    assert NOTES.strip() in text
    assert WHAT in text


def test_in_english_with_javascript(new_page, log_in, time_zone_cookie):
    journey(new_page, log_in, time_zone_cookie, "en", javascript=True, phone=False)


def test_in_arabic_on_a_phone(new_page, log_in, time_zone_cookie):
    journey(new_page, log_in, time_zone_cookie, "ar", javascript=True, phone=True)


def test_in_english_without_javascript(new_page, log_in, time_zone_cookie):
    journey(new_page, log_in, time_zone_cookie, "en", javascript=False, phone=False)
