"""The open space's page and a topic's page in a browser: on a 360 px wide phone in English
and Arabic nothing sticks out sideways and axe-core finds nothing serious; with JavaScript
the grid follows a change made elsewhere, and says so politely."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from convene.openspace import services
from convene.openspace.models import OpenSpace, Room, Slot
from tests.browser_support import check_accessibility, phone_overflow
from tests.factories import UserFactory
from tests.openspace.factories import OpenSpaceFactory, TopicFactory, participant, placed

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

LOCALES = {"en": "en-GB", "ar": "ar"}


def world():
    now = timezone.now().replace(second=0, microsecond=0)
    organizer = UserFactory(display_name="Olga Organizer")
    space = OpenSpaceFactory(event__slug="gathering", event__organizers=[organizer])
    slots = [
        Slot.objects.create(
            open_space=space,
            starts_at=now - timedelta(minutes=10) + timedelta(hours=n),
            ends_at=now + timedelta(minutes=40) + timedelta(hours=n),
        )
        for n in range(3)
    ]
    rooms = [
        Room.objects.create(
            open_space=space,
            name=name,
            meeting_url=f"https://meet.example.org/{n}",
            position=n,
        )
        for n, name in enumerate(
            ["Plenary hall", "Gemeinschaftsveranstaltungsraum", "Room with a view"]
        )
    ]
    convener = participant(space, display_name="Cleo Convener with a rather long name")
    person = participant(space, display_name="Pat")
    topic = placed(
        TopicFactory(
            open_space=space,
            convener=convener,
            title="Partnerschaften für die Bewegungscharta",
            languages=["en", "de", "ar"],
            wants_interpretation=True,
            wants_note_taker=True,
        ),
        slots[0],
        rooms[1],
    )
    proposed = TopicFactory(
        open_space=space, convener=convener, title="Wikidata for small languages"
    )
    services.interest_set(topic=proposed, user=person, interested=True)
    services.presence_set(topic=topic, user=person)
    return {
        "space": space,
        "slots": slots,
        "rooms": rooms,
        "convener": convener,
        "person": person,
        "topic": topic,
        "proposed": proposed,
    }


@pytest.mark.parametrize("language", list(LOCALES))
def test_the_pages_fit_a_phone_and_are_accessible(new_page, log_in, time_zone_cookie, language):
    w = world()
    for who in (None, w["convener"]):
        page = new_page(locale=LOCALES[language], phone=True)
        time_zone_cookie(page)
        if who is not None:
            log_in(page, who)
        for address in (
            f"/{language}/open-space/gathering/",
            f"/{language}/open-space/gathering/topics/{w['topic'].pk}/",
            f"/{language}/open-space/gathering/topics/{w['proposed'].pk}/",
        ) + (
            (f"/{language}/open-space/gathering/topics/{w['topic'].pk}/room/",)
            if who is None
            else ()
        ):
            page.goto(address)
            page.wait_for_load_state("load")
            assert page.locator("html").get_attribute("dir") == (
                "rtl" if language == "ar" else "ltr"
            )
            assert phone_overflow(page) is None, (address, phone_overflow(page))
            check_accessibility(page)
        if who is not None:
            page.goto(f"/{language}/open-space/gathering/topics/new/")
            assert phone_overflow(page) is None, phone_overflow(page)
            check_accessibility(page)


def test_the_grid_follows_a_change_made_elsewhere(new_page, time_zone_cookie):
    w = world()
    page = new_page()
    time_zone_cookie(page)
    page.goto("/en/open-space/gathering/")
    assert (
        "Wikidata for small languages"
        not in page.locator(f"#grid-slot-{w['slots'][1].pk}").locator("xpath=..").inner_text()
    )
    services.topic_place(
        topic=w["proposed"], user=w["convener"], slot=w["slots"][1], room=w["rooms"][0]
    )
    page.wait_for_function(
        "(id) => { const s = document.getElementById(id); "
        "return s && s.closest('section').textContent.includes('Wikidata for small languages'); }",
        arg=f"grid-slot-{w['slots'][1].pk}",
        timeout=8000,
    )
    page.wait_for_function(
        "() => document.getElementById('grid-status').textContent === 'The grid was updated.'",
        timeout=4000,
    )
    version = OpenSpace.objects.get(pk=w["space"].pk).grid_version
    assert page.locator("#grid-live [data-version]").get_attribute("data-version") == str(version)


def test_the_focus_stays_on_the_button_it_was_on(new_page, log_in, time_zone_cookie):
    w = world()
    page = new_page()
    time_zone_cookie(page)
    log_in(page, w["person"])
    page.goto("/en/open-space/gathering/")
    button = f"#grid-topic-{w['proposed'].pk} form.grid-interest button"
    page.focus(button)
    services.topic_place(
        topic=TopicFactory(open_space=w["space"], convener=w["convener"], title="Bots and tools"),
        user=w["convener"],
        slot=w["slots"][2],
        room=w["rooms"][2],
    )
    page.wait_for_function(
        "() => document.getElementById('grid-live').textContent.includes('Bots and tools')",
        timeout=8000,
    )
    assert page.evaluate(
        "(selector) => document.activeElement === document.querySelector(selector)", button
    )
    # The swapped-in forms carry a working token: the button still sends.
    with page.expect_navigation():
        page.click(button)
    assert page.locator(f"{button}[aria-pressed=false]").count() == 1
