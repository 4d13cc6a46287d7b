"""The invitation's copy buttons on a phone: they appear only with script, and copy."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory

from .factories import SLOT_START

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


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


# The pages' width in every language, with and without script, and axe-core: the every-page
# sweep (tests/browser/test_every_page.py).


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
