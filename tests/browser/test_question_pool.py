"""Editions sharing their questions, in a browser, in English and Arabic: the host turns the
sharing on (a plain form), a question asked in one edition appears on another edition's open
page without a reload, marked with where it was asked, and takes a vote there; on a phone
nothing scrolls sideways. Controls are found by names and ids, never by English text."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from convene.qanda import services
from convene.qanda.models import Question, QuestionPool
from tests.browser_support import check_accessibility, phone_overflow
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editions(db):
    host = UserFactory(display_name="Host Hana")
    event = EventFactory(slug="mc", title="Movement Charter", organizers=[host])
    now = timezone.now().replace(microsecond=0)
    apac, americas = (
        SessionFactory(
            event=event,
            title=title,
            agenda="ama",
            starts_at=now + timedelta(hours=hours),
            ends_at=now + timedelta(hours=hours + 2),
        )
        for title, hours in (("Asia-Pacific edition", -1), ("Americas edition", 20))
    )
    return apac, americas, host


def checked(page, language: str) -> None:
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    check_accessibility(page)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_question_asked_in_one_edition_appears_on_another_editions_page(
    new_page, log_in, time_zone_cookie, editions, language
):
    apac, americas, host = editions
    amina, budi = UserFactory(display_name="Amina"), UserFactory(display_name="أمينة")

    # The host turns the sharing on from the Asia-Pacific page.
    hosting = new_page(locale="ar" if language == "ar" else "en-GB")
    time_zone_cookie(hosting)
    log_in(hosting, host)
    apac_path = f"/{language}/events/mc/sessions/{apac.pk}/questions/"
    hosting.goto(apac_path)
    checked(hosting, language)
    expect(hosting.locator("#id_shared")).not_to_be_checked()
    hosting.check("#id_shared")
    hosting.click("form[action$='/pool/'] button[type=submit]")
    hosting.wait_for_url(f"**{apac_path}#pool-heading")
    checked(hosting, language)
    assert QuestionPool.objects.get().shared is True
    expect(hosting.locator("#id_shared")).to_be_checked()

    # Amina has the Americas page open; Budi asks in the Asia-Pacific edition.
    page = new_page(locale="ar" if language == "ar" else "en-GB")
    time_zone_cookie(page)
    log_in(page, amina)
    path = f"/{language}/events/mc/sessions/{americas.pk}/questions/"
    page.goto(path)
    checked(page, language)
    expect(page.locator("#pool-note")).to_be_visible()
    asked = services.question_ask(
        session=apac, author=budi, text="متى تُعرَّف المراكز؟", language="ar", is_anonymous=False
    )
    item = page.locator(f"#q-{asked.pk}")
    expect(item).to_be_visible(timeout=8000)
    expect(item.locator(".q-edition bdi")).to_have_text("Asia-Pacific edition")
    expect(item.locator(".q-text")).to_have_attribute("dir", "auto")
    checked(page, language)

    # She votes for it on her edition's page; the host answers from the other edition.
    page.click(f"form[data-vote='{asked.pk}'] button")
    page.wait_for_url(f"**{path}#q-{asked.pk}")
    assert Question.objects.get(pk=asked.pk).vote_count == 1
    services.answer(question=asked, host=host, text="In 2023.", session=apac)
    expect(page.locator(f"#q-{asked.pk} .badge.ok bdi")).to_have_text(
        "Asia-Pacific edition", timeout=8000
    )
    checked(page, language)
    assert page.external_requests == []

    phone = new_page(locale="ar" if language == "ar" else "en-GB", phone=True)
    time_zone_cookie(phone)
    log_in(phone, amina)
    phone.goto(path)
    checked(phone, language)
    assert phone_overflow(phone) is None


def test_the_pooled_page_works_without_javascript(new_page, log_in, time_zone_cookie, editions):
    apac, americas, host = editions
    services.question_pool_share(session=apac, host=host, shared=True)
    asked = Question.objects.create(session=apac, text="Will hubs be funded?", language="en")
    amina = UserFactory(display_name="Amina")
    page = new_page(javascript=False)
    time_zone_cookie(page)
    log_in(page, amina)
    path = f"/en/events/mc/sessions/{americas.pk}/questions/"
    page.goto(path)
    checked(page, "en")
    expect(page.locator("#qanda-reload")).to_be_visible()
    expect(page.locator(f"#q-{asked.pk} .q-edition bdi")).to_have_text("Asia-Pacific edition")
    page.click(f"form[action$='/{asked.pk}/vote/'] button")
    page.wait_for_url(f"**{path}#q-{asked.pk}")
    assert Question.objects.get(pk=asked.pk).vote_count == 1
