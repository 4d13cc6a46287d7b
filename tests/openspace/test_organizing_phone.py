"""The list of open spaces and the organizers' pages on a 360 px wide phone, in English,
Arabic and French (long words), with long names and with a form's errors showing: nothing
sticks out sideways, and axe-core finds no serious violation (English and Arabic)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation

from tests.browser_support import check_accessibility, phone_overflow
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.openspace.factories import (
    OpenSpaceFactory,
    RoomFactory,
    SlotFactory,
    TopicFactory,
    placed,
)
from tests.organizations.factories import OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = "Gemeinschaftsverantwortung"


def _data():
    organizer = UserFactory(display_name=LONG)
    organizer.user_permissions.add(Permission.objects.get(codename="add_openspace"))
    start = (timezone.now() + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    space = OpenSpaceFactory(
        event__organizers=[organizer],
        event__slug="phone",
        event__title="Open space of the Gemeinschaft",
        networks=[LONG],
        is_sample=True,
    )
    space.cohosts.add(OrganizationFactory(name=f"Wikimedia {LONG}"))
    slot = SlotFactory(open_space=space, starts_at=start, ends_at=start + timedelta(minutes=50))
    SlotFactory(open_space=space, starts_at=start + timedelta(hours=1))
    room = RoomFactory(
        open_space=space,
        name="Gemeinschaftsraum Nord",
        meeting_url=f"https://meet.example.org/{LONG}{LONG}",
    )
    RoomFactory(open_space=space, kind="venue", meeting_url="", place=f"{LONG} {LONG}")
    placed(TopicFactory(open_space=space, title=f"{LONG} {LONG}"), slot, room)
    TopicFactory(open_space=space, title="مستقبل الحركة")
    EventFactory(organizers=[organizer], title=f"Another {LONG}")
    return organizer, room


def _address(name, args, language):
    with translation.override(language):
        return reverse(f"openspace:{name}", args=args)


@pytest.mark.parametrize("language", ["en", "ar", "fr"])
def test_the_organizers_pages_fit_a_phone(new_page, log_in, time_zone_cookie, language):
    organizer, room = _data()
    page = new_page(phone=True)
    time_zone_cookie(page, "Asia/Kolkata")
    log_in(page, organizer)
    for name, args in [
        ("list", []),
        ("new", []),
        ("setup", ["phone"]),
        ("room_edit", ["phone", room.pk]),
    ]:
        response = page.goto(_address(name, args, language))
        assert response.status == 200, name
        assert phone_overflow(page) is None, (name, language, phone_overflow(page))
        if language in ("en", "ar"):
            check_accessibility(page)
    # Forms with their errors, as a refused post shows them.
    page.goto(_address("setup", ["phone"], language))
    page.locator(
        "#slots ~ form button[type=submit], form[action$='/setup/slots/'] button"
    ).last.click()
    page.wait_for_load_state()
    assert phone_overflow(page) is None, ("slot errors", language, phone_overflow(page))
    page.goto(_address("setup", ["phone"], language))
    page.fill("#id_meeting_url", "http://example.org/" + LONG)
    page.fill("#id_name", LONG + "x")
    page.locator("form[action$='/setup/rooms/'] button").click()
    page.wait_for_load_state()
    assert phone_overflow(page) is None, ("room errors", language, phone_overflow(page))
    if language in ("en", "ar"):
        check_accessibility(page)
