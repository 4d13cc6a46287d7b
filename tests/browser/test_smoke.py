import pytest

from .conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_renders_and_is_accessible(new_page):
    page = new_page()
    page.goto("/")
    assert page.url.endswith("/en/events/")
    assert page.locator("html").get_attribute("lang") == "en"
    check_accessibility(page)
    assert page.external_requests == []


def test_arabic_pages_render_right_to_left(new_page):
    page = new_page(locale="ar")
    page.goto("/ar/events/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    check_accessibility(page)
