import pytest

from tests.browser_support import STRICT_CSP, csp_directives

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


def test_pages_carry_a_strict_content_security_policy(new_page):
    page = new_page()
    response = page.goto("/en/events/")

    assert csp_directives(response) == STRICT_CSP


def test_an_inline_script_is_refused_and_reported(new_page):
    """The check every browser test makes: a script that is not a file of the site is
    refused by the policy, never runs, and the refusal is reported to the test."""
    page = new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    def inject(route):
        response = route.fetch()
        body = response.text().replace("</main>", "<script>alert('inline')</script></main>")
        route.fulfill(response=response, body=body)

    page.route("**/en/events/", inject)
    page.goto("/en/events/")

    reported, page.csp_violations[:] = list(page.csp_violations), []  # seen: the test passes
    assert dialogs == []
    # Once by the browser's console, once by the page's violation event.
    assert len(reported) == 2
    assert "Executing inline script violates" in reported[0]
    assert reported[1].endswith("Content Security Policy violation: script-src-elem inline")
