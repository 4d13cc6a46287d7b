"""Browser journey: an organizer creates a round of prioritization, takes the initiatives of
its process as items, defines a cluster, imports a CSV file with a bad row (and reads the
report naming it), fixes the file and imports it. In English and in Arabic.

Every page visited is checked with axe-core. Controls are found by ids, names and addresses,
never by English text, so the Arabic journey holds once it is translated.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from convene.prioritization.models import Ballot, Cluster, Item, Round
from tests.documents.factories import DocumentFactory, ProcessFactory
from tests.prioritization.factories import initiative_of, prioritization_organizer

from .conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)

LOCALES = {"en": "en-GB", "ar": "ar"}


def checked(page, language: str) -> None:
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    check_accessibility(page)


def send(page, form: str) -> None:
    """Submit the form `form` (a selector) and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").first.click()


def csv_file(*rows: str) -> dict:
    text = "\n".join(["ballot,group,region,rank_1,rank_2,rank_3", *rows]) + "\n"
    return {"name": "ballots.csv", "mimeType": "text/csv", "buffer": text.encode()}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_organizer_prepares_a_round_and_imports_ballots(
    new_page, log_in, time_zone_cookie, language
):
    process = ProcessFactory(title="Movement Strategy")
    first = DocumentFactory(process=process, title="Coordinate across stakeholders", position=1)
    second = DocumentFactory(process=process, title="Invest in skills", position=2)
    for number in (1, 2):
        initiative_of(first, number)
    initiative_of(second, 3)
    organizer = prioritization_organizer(
        display_name="Nadia", preferred_language=language, timezone="Asia/Amman"
    )
    base = f"/{language}/prioritization"

    page = new_page(locale=LOCALES[language])
    page.set_default_timeout(60_000)  # the machine may be busy
    time_zone_cookie(page, "Asia/Amman")
    log_in(page, organizer)

    # The organizer creates the round, times in Amman's time zone (UTC+2 in November 2020).
    page.goto(f"{base}/new/")
    checked(page, language)
    page.select_option("#id_process", str(process.pk))
    page.fill("#id_title", "Global Conversations")
    page.fill("#id_slug", "global-conversations")
    page.fill("#id_question", "Which initiatives matter most in 2021?")
    page.fill("#id_instructions", "Rank up to **three** initiatives.")
    page.fill("#id_opens_at", "2020-11-21T10:00")
    page.fill("#id_closes_at", "2020-11-22T20:00")
    page.locator("#id_ballot_form input[value=ranked]").check()
    page.fill("#id_max_items", "3")
    page.locator("#id_individual_track").check()
    send(page, "main form[method=post]")
    round_ = Round.objects.get()
    assert page.url.endswith(f"{base}/global-conversations/organize/")
    checked(page, language)
    assert (round_.opens_at, round_.closes_at, round_.max_items) == (
        datetime(2020, 11, 21, 8, tzinfo=UTC),
        datetime(2020, 11, 22, 18, tzinfo=UTC),
        3,
    )
    assert list(round_.organizers.all()) == [organizer]

    # It takes the initiatives of the process as its items.
    page.goto(f"{base}/global-conversations/items/")
    checked(page, language)
    send(page, "form[action$='/take-initiatives/']")
    checked(page, language)
    assert list(Item.objects.values_list("identifier", "heading")) == [
        ("initiative-1", "Coordinate across stakeholders"),
        ("initiative-2", "Coordinate across stakeholders"),
        ("initiative-3", "Invest in skills"),
    ]
    assert page.locator("main tbody tr").count() == 3

    # It defines a cluster of two of them.
    page.goto(f"{base}/global-conversations/clusters/")
    checked(page, language)
    page.fill("#id_code", "A")
    page.fill("#id_name", "Coordination")
    page.locator("#id_items input[value=initiative-1]").check()
    page.locator("#id_items input[value=initiative-2]").check()
    send(page, "form[action*='/clusters/']")
    checked(page, language)
    cluster = Cluster.objects.get()
    assert list(cluster.items.values_list("identifier", flat=True)) == [
        "initiative-1",
        "initiative-2",
    ]

    # It imports ballots gathered elsewhere; one row names an item the round does not have.
    page.goto(f"{base}/global-conversations/import/")
    checked(page, language)
    page.set_input_files(
        "#id_file",
        csv_file(
            "p-1,,europe,initiative-1,initiative-3,",
            "p-2,,mena,initiative-9,,",
            "g-1,Wikimedia Levant,MENA,initiative-2,initiative-1,",
        ),
    )
    send(page, "main form[enctype]")
    checked(page, language)
    rows = page.locator("#problems ~ .table-wrap tbody tr")
    assert rows.count() == 1
    assert rows.first.locator("td").nth(0).inner_text() == "3"
    assert rows.first.locator("td").nth(1).inner_text() == "rank_1"
    assert "initiative-9" in rows.first.locator("td").nth(2).inner_text()
    assert Ballot.objects.count() == 0

    # It fixes the row and imports the file.
    page.set_input_files(
        "#id_file",
        csv_file(
            "p-1,,europe,initiative-1,initiative-3,",
            "p-2,,mena,initiative-2,,",
            "g-1,Wikimedia Levant,MENA,initiative-2,initiative-1,",
        ),
    )
    send(page, "main form[enctype]")
    assert page.url.endswith(f"{base}/global-conversations/organize/")
    checked(page, language)
    assert sorted(Ballot.objects.values_list("external_id", "track")) == [
        ("g-1", "group"),
        ("p-1", "individual"),
        ("p-2", "individual"),
    ]
    assert page.locator(".messages .msg").count() == 1
