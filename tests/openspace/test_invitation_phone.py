"""The invitation, local-time and contact pages on a 360 px phone, in every interface
language (axe-core in English and Arabic), with and without script: nothing sticks out
sideways, no other host is asked, the copy buttons appear only with script."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser_support import check_accessibility, phone_overflow
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory

from .factories import SLOT_START

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

LOCALES = {
    "en": "en-GB",
    "ar": "ar",
    "zh-hans": "zh-CN",
    "fr": "fr-FR",
    "de": "de-DE",
    "id": "id-ID",
    "ru": "ru-RU",
    "es": "es-ES",
    "hi": "hi-IN",
    "pt-br": "pt-BR",
}


def _world():
    organizer = UserFactory(email="facilitator@example.org")
    event = EventFactory(
        slug="wikimedia-summit-global-conversations-on-movement-strategy",
        title="Wikimedia Summit: global conversations on the movement strategy's recommendations",
        organizers=[organizer],
    )
    for hour in range(3):
        SessionFactory(
            event=event,
            title=f"Regional hubs and their responsibilities, part {hour + 1}",
            starts_at=SLOT_START + timedelta(hours=hour * 7),
            ends_at=SLOT_START + timedelta(hours=hour * 7 + 2),
        )
    return event, UserFactory(display_name="Kofi")


def _urls(event, language):
    with translation.override(language):
        return [
            reverse("openspace:invitation", args=[event.slug]) + "?language=ar",
            reverse("openspace:invitation", args=[event.slug]),
            reverse("openspace:local_time", args=["2020-09-20T16:00Z"]) + f"?event={event.slug}",
            reverse("openspace:contact", args=[event.slug]),
        ]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_pages_fit_a_phone_in_every_language(new_page, log_in, time_zone_cookie, javascript):
    event, sender = _world()
    too_wide = []
    for language, locale in LOCALES.items():
        page = new_page(locale=locale, javascript=javascript, phone=True)
        time_zone_cookie(page, "Asia/Kolkata")
        log_in(page, sender)
        for url in _urls(event, language):
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            assert page.locator("html").get_attribute("lang") == language
            overflow = phone_overflow(page)
            if overflow:
                too_wide.append(f"{language} {url}: {overflow}")
            if language in ("en", "ar") and javascript:
                check_accessibility(page)
            assert "facilitator@example.org" not in page.content()
        # the contact form sent empty shows its errors, and still fits
        page.locator("main form[method=post] button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".error-summary").count() == 1
        overflow = phone_overflow(page)
        if overflow:
            too_wide.append(f"{language} contact sent empty: {overflow}")
        assert page.external_requests == []
        page.context.close()
    assert not too_wide, "\n".join(too_wide)


def test_the_copy_buttons_show_only_with_script(new_page, time_zone_cookie):
    event, _sender = _world()
    url = _urls(event, "en")[1]
    without = new_page(javascript=False, phone=True)
    time_zone_cookie(without)
    without.goto(url)
    assert without.locator("button[data-copy]:visible").count() == 0
    assert without.locator("textarea#invitation-text").is_visible()
    with_script = new_page(javascript=True, phone=True)
    time_zone_cookie(with_script)
    with_script.context.grant_permissions(["clipboard-read", "clipboard-write"])
    with_script.goto(url)
    # the live server is plain http on 127.0.0.1: a secure context, where the clipboard is
    assert with_script.locator("button[data-copy]:visible").count() == 2
    with_script.locator("button[data-copy=invitation-link]").click()
    status = with_script.locator("[data-copy-status=invitation-link]")
    status.wait_for(state="visible")
    assert status.inner_text() == "Copied."
    copied = with_script.evaluate("() => navigator.clipboard.readText()")
    assert copied == with_script.locator("#invitation-link").input_value()
    assert copied.startswith("http://") and copied.endswith(f"/en/open-space/invite/{event.slug}/")
