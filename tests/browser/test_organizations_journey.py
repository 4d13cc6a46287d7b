"""Browser journey: a person applies for their user group; the committee moves the application
through its steps, schedules the interview, three members vote yes (the model's quorum is
three) and one recognizes it; the organization is then in the registry's list and counted on
the map. In English and in Arabic, and in English without JavaScript.

Every page visited is checked with axe-core. Controls are found by ids, names and addresses,
never by English text, so the Arabic journey holds once it is translated.
"""

from __future__ import annotations

import pytest

from convene.core.models import OutgoingEmail
from convene.organizations.models import Application, Organization, Vote
from tests.factories import UserFactory
from tests.organizations.factories import committee_member, user_group_model

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


@pytest.mark.parametrize(("language", "javascript"), [("en", True), ("ar", True), ("en", False)])
def test_a_group_applies_and_the_committee_recognizes_it(
    new_page, log_in, time_zone_cookie, language, javascript
):
    user_group_model()
    applicant = UserFactory(
        display_name="Amani", preferred_language=language, timezone="Africa/Kampala"
    )
    members = [
        committee_member(display_name=name, timezone=zone)
        for name, zone in (
            ("Rania", "Asia/Amman"),
            ("Kenji", "Asia/Tokyo"),
            ("Lucía", "America/Lima"),
        )
    ]
    base = f"/{language}/organizations"

    def browser_of(user=None):
        page = new_page(locale=LOCALES[language], javascript=javascript)
        page.set_default_timeout(60_000)  # the journey is long and the machine may be busy
        time_zone_cookie(page, user.timezone if user else "Europe/Paris")
        if user is not None:
            log_in(page, user)
        return page

    # The applicant applies for the user group model.
    page = browser_of(applicant)
    page.goto(f"{base}/apply/?model=user-group")
    checked(page, language)
    assert page.locator("#id_affiliation_model input[value=user-group]").is_checked()
    page.fill("#id_name", "Wikimedians of the Great Lakes")
    page.fill("#id_code", "WUG-LAKES")
    page.select_option("#id_region", "sub_saharan_africa")
    page.select_option("#id_countries", ["UG", "RW"])
    page.fill("#id_territorial_range", "Uganda and Rwanda")
    page.locator("#id_working_languages input[value=fr]").check()
    page.select_option("#id_more_working_languages", ["sw"])
    page.fill("#id_member_count", "42")
    page.fill("#id_mission", "We **edit** Wikipedia in Luganda and Kinyarwanda.")
    page.fill("#id_letter_of_intent", "We have met every month since 2023.")
    page.select_option("#id_language", "en")
    send(page, "main form[method=post]")
    application = Application.objects.get()
    assert page.url.endswith(f"{base}/applications/{application.pk}/")
    checked(page, language)
    assert page.locator("h1").inner_text() == "Wikimedians of the Great Lakes"
    assert page.locator("#review").count() == 0  # the committee's part is not the applicant's
    assert OutgoingEmail.objects.filter(to=applicant.email, language=language).exists()

    # A committee member moves it through its steps and schedules the interview.
    chair = browser_of(members[0])
    application_page = f"{base}/applications/{application.pk}/"
    chair.goto(f"{base}/committee/")
    checked(chair, language)
    chair.goto(application_page)
    checked(chair, language)
    for to_step in ("criteria_review", "interview"):
        chair.locator(f"input[name=move-to_step][value={to_step}]").check()
        send(chair, "form[action$='/move/']")
        application.refresh_from_db()
        assert application.step == to_step
    chair.fill("#id_interview-at", "2031-03-04T18:00")  # in Amman: 15:00 UTC, 18:00 in Kampala
    chair.fill("#id_interview-meeting_url", "meet.example.org/lakes")
    send(chair, "form[action$='/interview/']")
    checked(chair, language)
    application.refresh_from_db()
    assert application.interview_at.isoformat() == "2031-03-04T15:00:00+00:00"
    chair.locator("input[name=move-to_step][value=vote]").check()
    send(chair, "form[action$='/move/']")

    # The applicant sees the interview in their own time zone.
    page.goto(application_page)
    checked(page, language)
    assert page.locator("#interview + p + dl time").first.get_attribute("datetime") == (
        "2031-03-04T15:00:00Z"
    )

    # Three members vote yes: the quorum.
    for member, browser in zip(
        members, [chair, browser_of(members[1]), browser_of(members[2])], strict=True
    ):
        browser.goto(application_page)
        browser.locator("input[name=vote-choice][value=yes]").check()
        browser.fill("#id_vote-note", f"{member.display_name}: an active group.")
        send(browser, "form[action$='/vote/']")
        checked(browser, language)
    assert Vote.objects.filter(application=application, choice="yes").count() == 3

    # The chair recognizes it; the recognition letter goes to the contact person.
    chair.goto(application_page)
    chair.locator("input[name=decide-decision][value=recognized]").check()
    chair.fill("#id_decide-reason", "Welcome to the movement.")
    send(chair, "form[action$='/decide/']")
    checked(chair, language)
    organization = Organization.objects.get()
    assert organization.status == Organization.Status.RECOGNIZED
    assert OutgoingEmail.objects.filter(
        to=applicant.email, language=language, body__contains=f"/organizations/{organization.slug}/"
    ).exists()

    # Anyone finds it in the registry and on the map.
    reader = browser_of()
    reader.goto(f"{base}/")
    checked(reader, language)
    assert reader.locator(f"a[href='{base}/{organization.slug}/']").count() == 1
    reader.goto(f"{base}/map/")
    checked(reader, language)
    for country in ("UG", "RW"):
        row = reader.locator(f"tr:has(a[href$='country={country}'])")
        assert row.locator("td.num").inner_text() == "1"
    reader.goto(application_page)
    checked(reader, language)
