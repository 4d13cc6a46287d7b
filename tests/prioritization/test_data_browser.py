"""The raw data page and the API page on a 360 px wide phone in every interface language:
nothing sticks out sideways; in English and Arabic axe-core finds no serious violation."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.browser_support import check_accessibility, phone_overflow

from .test_data_files import small_round, stored_count

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_data_page_fits_a_phone_in_every_language(new_page):
    round_, _people = small_round()
    round_.max_items = 45
    round_.save(update_fields=["max_items"])
    stored_count(round_)
    too_wide = []
    for language, _name in settings.LANGUAGES:
        page = new_page(phone=True)
        with translation.override(language):
            addresses = [reverse("prioritization:data", args=["gc-2020"]), reverse("api-docs")]
        for address in addresses:
            response = page.goto(address)
            assert response is not None and response.status == 200, address
            assert page.locator("html").get_attribute("lang") == language
            overflow = phone_overflow(page)
            if overflow:
                too_wide.append(f"{language} {address}: {overflow}")
            if language in ("en", "ar"):
                check_accessibility(page)
    assert not too_wide, "\n".join(too_wide)


def test_the_data_page_without_javascript(new_page):
    small_round()
    page = new_page(phone=True, javascript=False)
    response = page.goto("/en/prioritization/gc-2020/data/")
    assert response is not None and response.status == 200
    check_accessibility(page)
    assert page.get_by_role("link", name="items.csv").count() == 1
