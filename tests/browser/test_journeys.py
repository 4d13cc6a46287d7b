"""Browser journeys: what participants and organizers do, page by page.

Each journey runs in Chromium against the live server, checks every page it visits with
axe-core, and makes sure nothing is fetched from another host. The Arabic journey finds
controls by their names and ids, never by English text, so it holds once the interface is
translated.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from convene.accounts.models import User
from convene.events import services
from convene.events.models import Event, Registration, Session
from tests.events.factories import EventFactory, QuestionFactory, SessionFactory, in_days
from tests.factories import PASSWORD, UserFactory

from .conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)

MEETING_URL = "https://meet.example.org/secret-room-42"
SUBMIT = "main form[method=post] button[type=submit]"


def checked(page, language: str = "en") -> None:
    """The page is in `language`, written in its direction, and passes axe-core."""
    page.wait_for_load_state("load")
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    check_accessibility(page)


@pytest.fixture
def upcoming():
    """A published event with one online session in five days; the join link is shown 48 h before."""
    event = EventFactory(
        title="Global Conversations", slug="global-conversations", link_reveal_hours=48
    )
    session = SessionFactory(
        event=event,
        title="Hubs and regions",
        starts_at=in_days(5),
        capacity=10,
        interpretation_languages=["ar", "fr", "es"],
        meeting_url=MEETING_URL,
    )
    question = QuestionFactory(
        event=event,
        label="Which regional hub would you join?",
        kind="single_choice",
        choices=["South Asia", "West Africa"],
        required=True,
    )
    return session, question


def fill_registration(page, question) -> None:
    """Interpretation into French, internet data, childcare, a need, an answer, the code of conduct."""
    page.check("input[name=interpretation_language][value=fr]")
    page.check("#id_needs_data_support")
    page.check("#id_needs_childcare")
    page.fill("#id_accessibility_needs", "Live captions, please")
    page.check(f"input[name=q_{question.pk}][value='West Africa']")
    page.check("#id_accept_code_of_conduct")


# --- 1 and 2: sign up, register with needs, see the countdown, cancel -------


@pytest.mark.parametrize("language", ["en", "ar"])
def test_new_person_signs_up_registers_and_cancels(new_page, upcoming, language):
    session, question = upcoming
    event = session.event
    session_path = f"/{language}/events/{event.slug}/sessions/{session.pk}/"
    email = f"new-{language}@example.org"
    english = language == "en"
    page = new_page(locale="ar" if language == "ar" else "en-GB")

    page.goto(f"/{language}/accounts/signup/")
    checked(page, language)
    page.fill("#id_email", email)
    page.fill("#id_password1", "a long and unusual passphrase 42")
    page.fill("#id_password2", "a long and unusual passphrase 42")
    page.click(SUBMIT)

    page.wait_for_url(f"**/{language}/events/")
    checked(page, language)
    expect(page.locator("header.site form[action$='/accounts/logout/'] button")).to_be_visible()
    person = User.objects.get(email=email)
    # The account starts in the language read and the zone the browser reported (convene.js).
    assert (person.preferred_language, person.timezone) == (language, "Europe/Paris")

    page.click(f"main a[href='/{language}/events/{event.slug}/']")
    page.wait_for_url(f"**/{language}/events/{event.slug}/")
    checked(page, language)

    page.click(f"main a.button[href='{session_path}register/']")
    page.wait_for_url(f"**{session_path}register/")
    checked(page, language)
    fill_registration(page, question)
    page.click(SUBMIT)

    page.wait_for_url(f"**{session_path}")
    checked(page, language)
    expect(page.locator("ul.messages li.success")).to_have_count(1)
    expect(page.locator("#your-registration + p .badge.ok")).to_have_count(1)
    countdown = page.locator("main .countdown")
    # convene.js ticks in the words the server wrote: each unit's forms by plural category.
    units = json.loads(countdown.get_attribute("data-units") or "{}")
    assert set(units) == {"d", "h", "m", "pair"}
    if english:
        expect(page.locator("ul.messages")).to_contain_text("You are registered")
        expect(page.locator("#your-registration + p .badge")).to_have_text("Confirmed")
        expect(page.locator("main")).to_contain_text("The join link will appear here")
        # Reveal in 3 days less the seconds the test took: days and hours, each in its plural.
        expect(countdown).to_have_text("2 days, 23 hours")
    else:  # Arabic's six plural forms, from the Arabic catalogue
        assert set(units["d"]) == {"zero", "one", "two", "few", "many", "other"}
        expect(countdown).to_have_text(re.compile(r"[\u0600-\u06ff]"))
    assert MEETING_URL not in page.content()  # not before the reveal time

    # Change my needs: the form comes filled in with what was said; the place is kept.
    page.click(f"main a[href='{session_path}needs/']")
    page.wait_for_url(f"**{session_path}needs/")
    checked(page, language)
    expect(page.locator("input[name=interpretation_language][value=fr]")).to_be_checked()
    expect(page.locator("#id_needs_childcare")).to_be_checked()
    expect(page.locator("#id_accessibility_needs")).to_have_value("Live captions, please")
    expect(page.locator(f"input[name=q_{question.pk}][value='West Africa']")).to_be_checked()
    page.check("input[name=interpretation_language][value=es]")
    page.uncheck("#id_needs_childcare")
    page.click(SUBMIT)
    page.wait_for_url(f"**{session_path}")
    checked(page, language)
    expect(page.locator("ul.messages li.success")).to_have_count(1)
    expect(page.locator("#your-registration + p .badge.ok")).to_have_count(1)
    if english:
        expect(page.locator("ul.messages")).to_contain_text("Your needs were saved.")

    page.click(f"main a[href='{session_path}cancel/']")
    page.wait_for_url(f"**{session_path}cancel/")
    checked(page, language)
    page.click(SUBMIT)

    page.wait_for_url(f"**{session_path}")
    checked(page, language)
    expect(page.locator("ul.messages li.success")).to_have_count(1)
    expect(page.locator(f"main a.button[href='{session_path}register/']")).to_be_visible()
    if english:
        expect(page.locator("ul.messages")).to_contain_text("Your registration is cancelled.")
        expect(page.locator(f"main a.button[href='{session_path}register/']")).to_have_text(
            "Register"
        )

    rows = list(Registration.objects.filter(user=person).values())
    assert len(rows) == 1
    row = rows[0]
    assert (
        row["session_id"],
        row["status"],
        row["interpretation_language"],
        row["needs_data_support"],
        row["needs_childcare"],
        row["accessibility_needs"],
        row["answers"],
    ) == (
        session.pk,
        "cancelled",
        "es",
        True,
        False,
        "Live captions, please",
        {str(question.pk): "West Africa"},
    )
    assert row["cancelled_at"] is not None
    assert Session.objects.get(pk=session.pk).confirmed_count == 0
    assert page.external_requests == []


# --- 3: without JavaScript ---------------------------------------------------


def test_without_javascript_register_see_countdown_and_choose_a_time_zone(new_page, upcoming):
    session, question = upcoming
    event = session.event
    session_path = f"/en/events/{event.slug}/sessions/{session.pk}/"
    person = UserFactory()
    page = new_page(javascript=False)

    page.goto(session_path)
    checked(page)
    expect(page.locator("header .tzline")).to_contain_text("Times in UTC")
    expect(page.locator("main .when .tz").first).to_have_text("UTC")

    page.click("header.site a[href^='/en/accounts/login/']")  # "Log in", back here afterwards
    checked(page)
    page.fill("#id_login", person.email)
    page.fill("#id_password", PASSWORD)
    page.click(SUBMIT)
    page.wait_for_url(f"**{session_path}")
    checked(page)

    page.click(f"main a.button[href='{session_path}register/']")
    page.wait_for_url(f"**{session_path}register/")
    checked(page)
    fill_registration(page, question)
    page.click(SUBMIT)

    page.wait_for_url(f"**{session_path}")
    checked(page)
    expect(page.locator("ul.messages")).to_contain_text("You are registered")
    countdown = page.locator("main .countdown")
    # Django's timeuntil, as the server wrote it: the reveal is 3 days away less a few seconds.
    assert (countdown.text_content() or "").replace("\xa0", " ") == "2 days, 23 hours"
    expect(page.locator("main .card time .tz")).to_have_text("UTC")
    expect(page.locator("main .when .tz").first).to_have_text("UTC")

    page.click("header .tzline a")  # "change"
    page.wait_for_url(re.compile(r"/en/timezone/\?next="))
    checked(page)
    page.select_option("#id_timezone", "Asia/Jakarta")
    page.click(SUBMIT)

    page.wait_for_url(f"**{session_path}")
    checked(page)
    expect(page.locator("header .tzline")).to_contain_text("Times in Jakarta")
    expect(page.locator("main .when .tz").first).to_have_text("GMT+07:00")
    expect(page.locator("main .card time .tz")).to_have_text("GMT+07:00")
    starts = session.starts_at.astimezone(ZoneInfo("Asia/Jakarta"))
    expect(page.locator("main .when time").first).to_contain_text(starts.strftime("%H:%M"))
    person.refresh_from_db()
    assert person.timezone == "Asia/Jakarta"  # a signed-in choice is kept in the profile
    assert page.external_requests == []


# --- 4: the browser's zone, detected by convene.js --------------------------


def test_first_visit_shows_times_in_the_browsers_time_zone(new_page, upcoming):
    session, _question = upcoming
    page = new_page(timezone_id="Asia/Kolkata")
    documents: list[str] = []
    page.on(
        "request",
        lambda request: (
            documents.append(request.url) if request.resource_type == "document" else None
        ),
    )

    page.goto(f"/en/events/{session.event.slug}/")

    expect(page.locator("main .when .tz").first).to_have_text("GMT+05:30")
    checked(page)
    # Chromium's ICU may name the zone by its old alias, Asia/Calcutta; the site says Kolkata.
    expect(page.locator("header .tzline")).to_contain_text("Times in Kolkata")
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert re.fullmatch(r"Asia(/|%2F)(Kolkata|Calcutta)", cookies["convene_tz"])
    assert len(documents) == 2  # the first answer in UTC, then one reload
    assert page.external_requests == []


# --- 5: an organizer creates an event and a session, then reads the needs ----


def _local_input(moment: datetime, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M")


def test_organizer_creates_event_and_session_and_reads_the_needs(new_page, log_in):
    organizer = UserFactory(timezone="Europe/Paris")
    organizer.user_permissions.add(
        Permission.objects.get(content_type__app_label="events", codename="add_event")
    )
    page = new_page()
    log_in(page, organizer)
    day = (datetime.now(UTC) + timedelta(days=12)).astimezone(ZoneInfo("Asia/Kolkata")).date()
    starts_local = f"{day:%Y-%m-%d}T18:30"
    ends_local = f"{day:%Y-%m-%d}T20:00"
    closes = datetime.now(UTC) + timedelta(days=10)

    page.goto("/en/events/")
    checked(page)
    page.click("main a.button[href='/en/events/new/']")
    page.wait_for_url("**/en/events/new/")
    checked(page)
    page.fill("#id_title", "South Asia Summit")
    page.fill("#id_slug", "south-asia-summit")
    page.fill("#id_summary", "Regional hubs, in person and online")
    page.select_option("#id_timezone", "Asia/Kolkata")
    page.fill("#id_registration_closes_at", _local_input(closes, "Asia/Kolkata"))
    page.check("#id_is_published")
    page.click(SUBMIT)

    page.wait_for_url("**/en/events/south-asia-summit/sessions/new/")
    checked(page)
    expect(page.locator("ul.messages")).to_contain_text("The event was created")
    event = Event.objects.get(slug="south-asia-summit")
    assert (event.timezone, event.is_published, list(event.organizers.all())) == (
        "Asia/Kolkata",
        True,
        [organizer],
    )
    assert event.registration_closes_at == closes.replace(second=0, microsecond=0)
    page.fill("#id_title", "Opening circle")
    expect(page.locator("#id_timezone")).to_have_value("Asia/Kolkata")  # the event's zone
    page.fill("#id_starts_at", starts_local)
    page.fill("#id_ends_at", ends_local)
    page.fill("#id_capacity", "30")
    page.check("input[name=interpretation_languages][value=fr]")
    page.check("input[name=interpretation_languages][value=hi]")
    page.select_option("#id_location_type", "online")
    page.fill("#id_meeting_url", MEETING_URL)
    page.click(SUBMIT)

    page.wait_for_url("**/en/events/south-asia-summit/sessions/*/")
    checked(page)
    expect(page.locator("ul.messages")).to_contain_text("The session was added.")
    session = Session.objects.get(event=event)
    kolkata = ZoneInfo("Asia/Kolkata")
    assert session.starts_at == datetime.fromisoformat(starts_local).replace(tzinfo=kolkata)
    assert session.ends_at == datetime.fromisoformat(ends_local).replace(tzinfo=kolkata)
    assert (session.capacity, session.interpretation_languages) == (30, ["fr", "hi"])
    expect(page.locator("main .when-organizer")).to_contain_text("18:30")
    expect(page.locator("main .when-organizer")).to_contain_text("GMT+05:30")

    needs = [
        services.Needs(interpretation_language="fr", data_support=True),
        services.Needs(interpretation_language="fr", childcare=True, accessibility="Captions"),
        services.Needs(interpretation_language="hi", data_support=True),
        services.Needs(),
    ]
    for need in needs:
        services.registration_create(
            session=session, user=UserFactory(), needs=need, accepted_code_of_conduct=True
        )

    page.click(f"main a[href='/en/events/south-asia-summit/sessions/{session.pk}/manage/']")
    page.wait_for_url("**/manage/")
    checked(page)
    needs_table = page.locator("main table").first

    def count(label: str):
        return needs_table.locator("tr", has=page.locator("th", has_text=label)).locator("td")

    # Each figure in two columns: confirmed, then waiting (nobody waits: 4 of 30 places).
    expect(count("Interpretation into French")).to_have_text(["2", "0"])
    expect(count("Interpretation into Hindi")).to_have_text(["1", "0"])
    expect(count("Internet data support")).to_have_text(["2", "0"])
    expect(count("Childcare")).to_have_text(["1", "0"])
    expect(count("Accessibility support")).to_have_text(["1", "0"])
    expect(page.locator("main")).to_contain_text("Confirmed: 4 / 30")
    expect(page.locator("main table").nth(2).locator("tbody tr")).to_have_count(4)
    assert page.external_requests == []


def test_new_session_form_starts_in_the_events_time_zone(new_page, log_in):
    organizer = UserFactory(timezone="Europe/Paris")
    event = EventFactory(organizers=[organizer], slug="in-kolkata", timezone="Asia/Kolkata")
    page = new_page()
    log_in(page, organizer)

    page.goto(f"/en/events/{event.slug}/sessions/new/")

    expect(page.locator("#id_timezone")).to_have_value("Asia/Kolkata", timeout=1000)


# --- 6: the language switcher keeps the page --------------------------------


def test_language_switcher_opens_the_same_page_in_french(new_page, upcoming, time_zone_cookie):
    session, _question = upcoming
    slug = session.event.slug
    page = new_page()
    time_zone_cookie(page)

    page.goto(f"/en/events/{slug}/")
    checked(page)
    switcher = page.locator("header details.languages")
    french = switcher.locator("a[hreflang=fr]")
    expect(french).to_be_hidden()
    switcher.locator("summary").click()
    expect(french).to_be_visible()
    expect(french).to_have_text("Français")
    expect(switcher.locator("a[hreflang=en]")).to_have_attribute("aria-current", "true")
    french.click()

    page.wait_for_url(f"**/fr/events/{slug}/")
    checked(page, "fr")
    expect(page.locator("main h1")).to_have_text("Global Conversations")
    expect(page.locator("header details.languages a[hreflang=fr]")).to_have_attribute(
        "aria-current", "true"
    )
    assert page.external_requests == []
