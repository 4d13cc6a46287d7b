"""Browser journeys of casting ballots: a person ranks 3 of 45 initiatives on a 360 px wide
phone without JavaScript, makes a mistake, fixes it and later changes the ballot; a group's
representative submits its priorities with reasons and how it discussed them, and the
public page shows them; with JavaScript, a person orders the ballot with the move buttons.
In English and in Arabic.

Every page visited is checked with axe-core. Controls are found by ids, names and addresses,
never by English text, so the Arabic journey holds once it is translated.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from convene.prioritization.models import Ballot, ItemTranslation
from tests.browser_support import phone_overflow
from tests.factories import UserFactory
from tests.prioritization.factories import GroupFactory, ItemFactory, RoundFactory

from .conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)

LOCALES = {"en": "en-GB", "ar": "ar"}


def checked(page, language: str) -> None:
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    check_accessibility(page)


def narrow(page) -> None:
    """Nothing scrolls sideways on the phone."""
    assert phone_overflow(page) is None, phone_overflow(page)


def send(page, form: str) -> None:
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").first.click()


def open_round(**fields):
    """A round open now over the 45 initiatives, under 9 recommendations."""
    now = timezone.now()
    round_ = RoundFactory(
        slug="global-2021",
        title="Global priorities 2021",
        instructions="Rank the initiatives **most important to coordinate globally**.",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=2),
        max_items=5,
        **fields,
    )
    for number in range(1, 46):
        item = ItemFactory(
            round=round_,
            identifier=f"initiative-{number}",
            title=f"Initiative {number}: a rather long title to wrap on a phone",
            description=f"What initiative {number} does, in a few words.",
            heading=f"Recommendation {(number - 1) // 5 + 1}",
            position=number,
        )
        if number <= 3:
            ItemTranslation.objects.create(
                item=item, language="ar", title=f"المبادرة {number}", description="ما تفعله."
            )
    return round_


def ranked(ballot) -> list[str]:
    identifiers = dict(ballot.round.items.values_list("pk", "identifier"))
    return [identifiers[pk] for pk in ballot.item_ids]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_person_ranks_on_a_phone_without_javascript(new_page, log_in, time_zone_cookie, language):
    open_round()
    voter = UserFactory(display_name="Amani", preferred_language=language)
    page = new_page(locale=LOCALES[language], javascript=False, phone=True)
    page.set_default_timeout(60_000)
    time_zone_cookie(page, "Africa/Nairobi")
    log_in(page, voter)

    page.goto(f"/{language}/prioritization/")
    checked(page, language)
    narrow(page)
    with page.expect_navigation():
        page.locator(f'a[href="/{language}/prioritization/global-2021/"]').first.click()
    checked(page, language)
    narrow(page)
    with page.expect_navigation():
        page.click("#ballot-link")
    checked(page, language)
    narrow(page)
    assert page.locator("#ballot-form select").count() == 45
    assert page.locator("#ballot-form fieldset").count() == 9  # one per recommendation
    assert page.locator("#ballot-order").is_hidden()  # the script's list: not without it
    if language == "ar":
        assert page.locator('label[for="id_item-initiative-1"]').inner_text() == "المبادرة 1"

    # A rank given twice comes back with the message next to both items.
    page.select_option('select[name="item-initiative-22"]', "1")
    page.select_option('select[name="item-initiative-7"]', "1")
    send(page, "#ballot-form")
    checked(page, language)
    narrow(page)
    assert page.locator(".error-summary").is_visible()
    assert page.locator('select[name="item-initiative-22"]').input_value() == "1"
    assert Ballot.objects.count() == 0

    page.select_option('select[name="item-initiative-7"]', "2")
    page.select_option('select[name="item-initiative-41"]', "3")
    send(page, "#ballot-form")
    checked(page, language)
    narrow(page)
    ballot = Ballot.objects.get(voter=voter)
    assert ranked(ballot) == ["initiative-22", "initiative-7", "initiative-41"]
    assert page.locator(".messages .success").count() == 1

    # Later, the person changes their mind: the page shows the ballot as saved.
    page.goto(f"/{language}/prioritization/global-2021/ballot/")
    assert page.locator('select[name="item-initiative-41"]').input_value() == "3"
    page.select_option('select[name="item-initiative-41"]', "1")
    page.select_option('select[name="item-initiative-22"]', "")
    send(page, "#ballot-form")
    checked(page, language)
    ballot.refresh_from_db()
    assert (ranked(ballot), ballot.version) == (["initiative-41", "initiative-7"], 2)

    # The round's page counts the ballot and offers to change it.
    page.goto(f"/{language}/prioritization/global-2021/")
    checked(page, language)
    narrow(page)
    assert page.locator("#ballot-link").get_attribute("href") == (
        f"/{language}/prioritization/global-2021/ballot/"
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_group_representative_submits_its_priorities(
    new_page, log_in, time_zone_cookie, language
):
    round_ = open_round()
    representative = UserFactory(display_name="Rania", preferred_language=language)
    group = GroupFactory(
        round=round_,
        name="Arabic Wikipedians",
        region="middle_east_north_africa",
        language="ar",
        representatives=[representative],
    )
    page = new_page(locale=LOCALES[language], phone=True)
    page.set_default_timeout(60_000)
    time_zone_cookie(page, "Asia/Amman")
    log_in(page, representative)

    page.goto(f"/{language}/prioritization/global-2021/")
    checked(page, language)
    narrow(page)
    submit = f"/{language}/prioritization/global-2021/groups/{group.pk}/submit/"
    with page.expect_navigation():
        page.click(f'a[href="{submit}"]')
    checked(page, language)
    narrow(page)
    page.select_option("#id_priority_1", "initiative-12")
    page.fill("#id_reason_1", "المساحات الآمنة أولاً")
    page.select_option("#id_priority_2", "initiative-3")
    page.fill("#id_participants", "31")
    page.fill("#id_discussion_place", "Village pump of Arabic Wikipedia")
    page.fill("#id_discussion_when", "2-16 November")
    page.fill("#id_notes_url", "https://meta.example.org/wiki/Arabic_notes")
    page.fill("#id_missing", "Support for offline readers.")
    send(page, "#group-form")
    checked(page, language)
    narrow(page)

    assert page.url.endswith(f"/{language}/prioritization/global-2021/submissions/{group.pk}/")
    ballot = Ballot.objects.get(group=group)
    assert ranked(ballot) == ["initiative-12", "initiative-3"]
    assert ballot.reasons == {"initiative-12": "المساحات الآمنة أولاً"}
    priorities = page.locator("ol.priorities > li")
    assert priorities.count() == 2
    assert "المساحات الآمنة أولاً" in priorities.first.inner_text()
    assert page.locator('a[href="https://meta.example.org/wiki/Arabic_notes"]').count() == 1
    assert "Rania" not in page.locator("main").inner_text()

    # The group changes its list; the earlier version stays listed on the public page.
    page.goto(submit)
    assert page.locator("#id_priority_1").input_value() == "initiative-12"
    page.select_option("#id_priority_3", "initiative-45")
    send(page, "#group-form")
    checked(page, language)
    assert page.locator("ol.priorities").first.locator("> li").count() == 3
    assert page.locator(".versions > li").count() == 1


@pytest.mark.parametrize("language", ["en", "ar"])
def test_with_javascript_a_person_orders_the_ballot_with_the_move_buttons(
    new_page, log_in, time_zone_cookie, language
):
    round_ = open_round()
    voter = UserFactory(preferred_language=language)
    page = new_page(locale=LOCALES[language])
    time_zone_cookie(page)
    log_in(page, voter)

    page.goto(f"/{language}/prioritization/{round_.slug}/ballot/")
    checked(page, language)
    order = page.locator("#ballot-order")
    assert order.is_visible()
    page.select_option('select[name="item-initiative-5"]', "1")
    page.select_option('select[name="item-initiative-9"]', "2")
    page.select_option('select[name="item-initiative-30"]', "3")
    assert order.locator("ol > li").count() == 3

    # The third moves up twice: first; the others follow.
    order.locator('li[data-for="id_item-initiative-30"] button').first.click()
    order.locator('li[data-for="id_item-initiative-30"] button').first.click()
    assert page.locator('select[name="item-initiative-30"]').input_value() == "1"
    assert page.locator('select[name="item-initiative-5"]').input_value() == "2"
    assert page.locator('select[name="item-initiative-9"]').input_value() == "3"
    # A rank taken from another item gives that item the rank this one had.
    page.select_option('select[name="item-initiative-9"]', "1")
    assert page.locator('select[name="item-initiative-30"]').input_value() == "3"
    check_accessibility(page)

    send(page, "#ballot-form")
    checked(page, language)
    assert ranked(Ballot.objects.get(voter=voter)) == [
        "initiative-9",
        "initiative-5",
        "initiative-30",
    ]
