"""Browser journey: after the close, an organizer writes the round's report and publishes it
(and translates it into Arabic); a visitor reads the report and the results on a 360 px wide
phone, switches the results' order without JavaScript, and nothing scrolls sideways. In
English and in Arabic.

Every page visited is checked with axe-core. Controls are found by ids, names and addresses,
never by English text, so the Arabic journey holds once it is translated.
"""

from __future__ import annotations

import pytest

from convene.core.text import text_fingerprint
from convene.prioritization.models import ItemTranslation, Round
from tests.browser_support import phone_overflow
from tests.factories import UserFactory
from tests.prioritization.factories import RoundFactory, items_for
from tests.prioritization.test_report_pages import groups_that_took_part
from tests.prioritization.test_results_pages import counted

from .conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)

LOCALES = {"en": "en-GB", "ar": "ar"}
NARRATIVE = "Nearly **50 communities** shared their priorities.\n\n## What stands out\n\nSafety."
ARABIC = "شاركت **قرابة خمسين جماعة** أولوياتها.\n\n## ما يلفت النظر\n\nالسلامة."
ARABIC_TITLES = ["ميثاق الحركة", "السلامة والإدماج", "تقاسم المسؤوليات"]


def checked(page, language: str) -> None:
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    check_accessibility(page)


def narrow(page) -> None:
    """Nothing scrolls sideways on the phone."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone_overflow(page) is None, phone_overflow(page)


def send(page, form: str) -> None:
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").first.click()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_organizer_publishes_the_report_and_a_visitor_reads_it_on_a_phone(
    new_page, log_in, time_zone_cookie, language
):
    # A round closed in November 2020 (the factories' dates), counted, with groups.
    round_ = RoundFactory(slug="global-2020", title="Global priorities 2020")
    for item, title in zip(items_for(round_, 3), ARABIC_TITLES, strict=True):
        ItemTranslation.objects.create(item=item, language="ar", title=title)
    counted(round_)
    groups_that_took_part(round_)
    organizer = UserFactory(display_name="Delphine", preferred_language=language)
    round_.organizers.add(organizer)
    base = f"/{language}/prioritization/{round_.slug}"

    # The organizer writes and publishes the report.
    desk = new_page(locale=LOCALES[language])
    desk.set_default_timeout(60_000)
    time_zone_cookie(desk, "Europe/Paris")
    log_in(desk, organizer)
    desk.goto(f"{base}/report/edit/")
    checked(desk, language)
    desk.fill("#id_report", NARRATIVE)
    desk.check("#id_published")
    send(desk, "main form[method=post]")
    checked(desk, language)
    round_.refresh_from_db()
    assert round_.report == NARRATIVE
    assert round_.report_published_at is not None
    if language == "ar":
        desk.goto(f"{base}/report/translate/ar/")
        checked(desk, language)
        assert desk.locator("input[name=source]").input_value() == text_fingerprint(NARRATIVE)
        desk.fill("#id_report", ARABIC)
        send(desk, "main form[method=post]")
        checked(desk, language)
        assert round_.report_translations.get(language="ar").report == ARABIC
    desk.goto(f"{base}/report/")
    checked(desk, language)

    # A visitor reads it on a phone, without JavaScript.
    phone = new_page(locale=LOCALES[language], phone=True, javascript=False)
    phone.set_default_timeout(60_000)
    time_zone_cookie(phone, "Africa/Lagos")
    phone.goto(f"{base}/report/")
    checked(phone, language)
    narrow(phone)
    article = phone.locator("article.report")
    assert article.get_attribute("lang") == language
    strong = "قرابة خمسين جماعة" if language == "ar" else "50 communities"
    assert article.locator("strong").inner_text() == strong
    assert phone.locator("#top-items tbody tr").count() == 3
    first = phone.locator("#top-items tbody tr").first.locator("td").nth(1)
    assert first.inner_text() == ("ميثاق الحركة" if language == "ar" else "Initiative 1")
    assert phone.locator("svg.chart rect.chart-bar").count() == 3
    assert phone.locator("svg#groups-map").count() == 1

    # The results, in the order of approval by a plain link.
    phone.goto(f"{base}/results/")
    checked(phone, language)
    narrow(phone)
    with phone.expect_navigation():
        phone.locator("a[href*='method=approval']").first.click()
    checked(phone, language)
    narrow(phone)
    second = "السلامة والإدماج" if language == "ar" else "Initiative 2"
    assert (
        phone.locator("#results tbody tr")
        .first.locator("td")
        .nth(1)
        .locator("span[dir=auto]")
        .inner_text()
        == second
    )
    assert Round.objects.get(pk=round_.pk).count.ballots == 5
