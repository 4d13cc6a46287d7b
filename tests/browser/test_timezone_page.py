"""The time zone page on a 360 px phone in Russian and Arabic: found by city without script,
chosen, and named by its city in the header; no sideways scrolling, no serious axe finding."""

import pytest
from playwright.sync_api import expect

from tests.browser_support import check_accessibility, phone_overflow

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("language", "typed", "label", "city"),
    [
        ("ru", "Калькутта", "Калькутта — Индия (GMT+05:30)", "Калькутта"),
        ("ar", "كالكتا", "كالكتا — الهند (غرينتش+05:30)", "كالكتا"),
    ],
)
@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_find_and_choose_a_zone_on_a_phone(
    new_page, time_zone_cookie, language, typed, label, city, javascript
):
    page = new_page(locale=language, javascript=javascript, phone=True)
    time_zone_cookie(page, "UTC")
    page.goto(f"/{language}/timezone/?next=/{language}/events/")

    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("#id_timezone optgroup").count() == 6
    assert phone_overflow(page) is None
    check_accessibility(page)

    page.fill("#zone-query", typed)
    page.locator(".zone-search button[type=submit]").click()
    page.wait_for_url(f"**/{language}/timezone/?*")

    expect(page.locator("#id_timezone option")).to_have_count(1)
    expect(page.locator("#id_timezone option")).to_have_text(label)
    expect(page.locator("[role=status]")).to_contain_text(typed)
    assert phone_overflow(page) is None
    check_accessibility(page)

    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url(f"**/{language}/events/")

    expect(page.locator("header .tzline")).to_contain_text(city)
    expect(page.locator("header .tzline")).not_to_contain_text("Asia/")
    assert phone_overflow(page) is None
