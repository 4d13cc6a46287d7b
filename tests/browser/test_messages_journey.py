"""Browser journey: an organizer writes to a session's registrants, adds a French
translation, previews how many people it reaches and sends it, on a phone, in English and
Arabic, and in English without JavaScript. Controls are found by names and ids, never by
English text, so the Arabic journey holds once the interface is translated."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from convene.events import services
from convene.events.models import Message
from tests.events.factories import EventFactory, SessionFactory, in_days
from tests.factories import UserFactory

from .conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 360


def checked(page, language: str) -> None:
    """In `language`, in its direction, passing axe-core, and as wide as a phone."""
    page.wait_for_load_state("load")
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    check_accessibility(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH, page.url


@pytest.mark.parametrize(("language", "javascript"), [("en", True), ("ar", True), ("en", False)])
def test_organizer_writes_translates_previews_and_sends(new_page, log_in, language, javascript):
    organizer = UserFactory(display_name="Maryam", preferred_language=language)
    event = EventFactory(organizers=[organizer], title="Global Conversations", slug="gc")
    session = SessionFactory(event=event, title="Hubs and regions", starts_at=in_days(5))
    for email, reads in (("amina@example.org", "fr"), ("bruno@example.org", "de")):
        services.registration_create(
            session=session,
            user=UserFactory(email=email, preferred_language=reads),
            needs=services.Needs(),
            accepted_code_of_conduct=True,
        )
    page = new_page(locale="ar" if language == "ar" else "en-GB", javascript=javascript)
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 740})
    log_in(page, organizer)

    page.goto(f"/{language}/events/gc/sessions/{session.pk}/manage/")
    checked(page, language)
    page.click(f"main a[href='/{language}/events/gc/messages/new/?session={session.pk}']")
    page.wait_for_url(f"**/{language}/events/gc/messages/new/?session={session.pk}")
    checked(page, language)
    expect(page.locator("#id_scope")).to_have_value(str(session.pk))
    expect(page.locator("input[name=statuses][value=confirmed]")).to_be_checked()

    page.click("button[name=action][value=preview]")  # nothing written yet: refused, explained
    page.wait_for_selector("main .error-summary")
    checked(page, language)
    expect(page.locator("main .error-summary a[href='#id_subject']")).to_have_count(1)
    assert Message.objects.count() == 0

    page.fill("#id_subject", "Agenda <for> Day 1")
    page.fill("#id_body", "Please read the agenda.\nSee you soon!")

    page.click("button[name=action][value=add_translation]")
    page.wait_for_selector("#id_t0_language")
    checked(page, language)
    expect(page.locator("#id_subject")).to_have_value("Agenda <for> Day 1")
    expect(page.locator("#id_body")).to_have_value("Please read the agenda.\nSee you soon!")
    page.select_option("#id_t0_language", "fr")
    page.fill("#id_t0_subject", "Programme du jour 1")
    page.fill("#id_t0_body", "Lisez le programme, s'il vous plaît.")

    page.click("button[name=action][value=preview]")
    page.wait_for_selector("button[name=action][value=send]")
    checked(page, language)
    expect(page.locator("main .msg[role=status]")).to_contain_text("2")
    expect(page.locator("main section[lang=fr] h2")).to_have_text("Programme du jour 1")
    assert Message.objects.count() == 0

    page.click("button[name=action][value=send]")
    page.wait_for_url(re.compile(rf"/{language}/events/gc/messages/\d+/$"))
    checked(page, language)
    message = Message.objects.get()
    assert (message.recipient_count, message.session, message.author) == (2, session, organizer)
    assert message.translations == {
        "fr": {"subject": "Programme du jour 1", "body": "Lisez le programme, s'il vous plaît."}
    }
    expect(page.locator("main h1")).to_have_text("Agenda <for> Day 1")
    expect(page.locator("ul.messages")).to_contain_text("2")

    page.click(f"main a[href='/{language}/events/gc/messages/']")
    page.wait_for_url(f"**/{language}/events/gc/messages/")
    checked(page, language)
    expect(
        page.locator(f"main a[href='/{language}/events/gc/messages/{message.pk}/']")
    ).to_have_text("Agenda <for> Day 1")
