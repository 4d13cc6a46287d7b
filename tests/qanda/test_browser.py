"""Browser journeys of live questions, in English and Arabic, with and without JavaScript.

Chromium drives the pages against the live server, axe-core checks each page, and the list
must change under the reader's eyes (qanda.js) when someone else asks, votes or is answered.
Controls are found by names and ids, never by English text, so the Arabic journey holds.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from convene.qanda import services
from convene.qanda.models import Question
from tests.browser_support import check_accessibility
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ASK = "form.ask-form button[type=submit]"


@pytest.fixture
def live(db):
    host = UserFactory(display_name="Host Hana")
    event = EventFactory(slug="mc", title="Movement Charter", organizers=[host])
    now = timezone.now().replace(microsecond=0)
    session = SessionFactory(
        event=event,
        title="Ask Me Anything",
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(hours=2),
    )
    return session, host


def checked(page, language: str = "en") -> None:
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    check_accessibility(page)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_participant_asks_and_sees_the_list_change_live(
    new_page, log_in, time_zone_cookie, live, language
):
    session, host = live
    amina, budi = UserFactory(display_name="Amina"), UserFactory(display_name="Budi")
    page = new_page(locale="ar" if language == "ar" else "en-GB")
    time_zone_cookie(page)
    log_in(page, amina)
    path = f"/{language}/events/mc/sessions/{session.pk}/questions/"

    page.goto(path)
    checked(page, language)
    expect(page.locator("#qanda-reload")).to_be_hidden()  # qanda.js runs
    expect(page.locator("#id_language")).to_have_value(language)
    page.fill("#id_text", "Will the ambassadorships be open to everyone?")
    page.select_option("#id_language", "en")
    page.check("#id_is_anonymous")
    page.click(ASK)

    mine = Question.objects.get()
    page.wait_for_url(f"**{path}#q-{mine.pk}")
    checked(page, language)
    assert (mine.author, mine.is_anonymous, mine.language) == (amina, True, "en")
    item = page.locator(f"#q-{mine.pk}")
    expect(item.locator(".q-text")).to_have_attribute("lang", "en")

    # Others act; the open page follows within a few seconds, without a reload.
    other = services.question_ask(
        session=session,
        author=budi,
        text="Who pays for translation?",
        language="en",
        is_anonymous=False,
    )
    expect(page.locator(f"#q-{other.pk}")).to_be_visible(timeout=8000)
    expect(page.locator("#qanda-status")).to_have_text(
        page.locator("[data-summary]").text_content() or "", timeout=8000
    )
    # The list swapped in is everyone's; Amina still sees her name on her anonymous question.
    expect(item.locator(f"[data-asker='{mine.pk}'][data-own]")).to_contain_text("Amina")
    services.vote(question=other, user=budi)
    services.vote(question=other, user=host)
    # Most votes first: Budi's question moves above Amina's.
    expect(page.locator("li.qanda-question").first).to_have_attribute(
        "id", f"q-{other.pk}", timeout=8000
    )
    services.answer(question=mine, host=host, text="Yes: no affiliation is needed.")
    expect(item.locator(".badge.ok")).to_be_visible(timeout=8000)
    expect(page.locator(f"#q-{mine.pk} .q-answer")).to_contain_text("no affiliation is needed")

    page.click(f"form[action$='/{other.pk}/vote/'] button")
    page.wait_for_url(f"**{path}#q-{other.pk}")
    checked(page, language)
    assert Question.objects.get(pk=other.pk).vote_count == 3

    # After the next change the list is swapped again: her vote is still shown as hers,
    # and the forms carry her token, so withdrawing it works.
    services.answer(question=other, host=host, text="The Foundation, as today.")
    expect(page.locator(f"#q-{other.pk} .q-answer")).to_contain_text("as today", timeout=8000)
    expect(page.locator(f"form[data-vote='{other.pk}']")).to_be_hidden()
    page.click(f"form[data-unvote='{other.pk}'] button")
    page.wait_for_url(f"**{path}#q-{other.pk}")
    assert Question.objects.get(pk=other.pk).vote_count == 2
    assert page.external_requests == []


def test_host_answers_merges_and_links_on_the_same_page(new_page, log_in, time_zone_cookie, live):
    session, host = live
    first = Question.objects.create(
        session=session, text="How will hubs be defined?", language="en"
    )
    second = Question.objects.create(session=session, text="When are hubs defined?", language="en")
    third = Question.objects.create(
        session=session, text="To whom are hubs answerable?", language="en"
    )
    page = new_page()
    time_zone_cookie(page)
    log_in(page, host)
    path = f"/en/events/mc/sessions/{session.pk}/questions/"

    page.goto(path)
    page.click(f"#host-{second.pk} summary")
    checked(page)  # with the host's forms open
    page.fill(f"#merge-{second.pk}", str(first.pk))
    page.click(f"form[action$='/{second.pk}/merge/'] button")
    page.wait_for_url(f"**{path}#q-{first.pk}")

    page.click(f"#host-{third.pk} summary")
    page.fill(f"#follows-{third.pk}", str(first.pk))
    page.click(f"form[action$='/{third.pk}/follow-up/'] button")
    page.wait_for_url(f"**{path}#q-{third.pk}")

    page.click(f"#host-{first.pk} summary")
    page.fill(f"#answer-{first.pk}", "By the Roles & Responsibilities drafting group.")
    page.click(f"form[action$='/{first.pk}/answer/'] button")
    page.wait_for_url(f"**{path}#q-{first.pk}")
    checked(page)

    expect(page.locator(f"#q-{first.pk} .q-duplicates #q-{second.pk}")).to_be_visible()
    expect(page.locator(f"#q-{first.pk} .qanda-follow-ups #q-{third.pk}")).to_be_visible()
    expect(page.locator(f"#q-{first.pk} > .q-answer")).to_contain_text("drafting group")
    # Writing a response is never overwritten by the live list.
    page.click(f"#host-{third.pk} summary")
    page.fill(f"#answer-{third.pk}", "Half written")
    services.question_ask(
        session=session, author=host, text="One more", language="en", is_anonymous=False
    )
    # Two polls held back while the response is being written: the list is left as it was.
    expect(page.locator("#qanda-list")).to_have_attribute("data-held", re.compile(r"^[2-9]|\d\d"))
    expect(page.locator(f"#answer-{third.pk}")).to_have_value("Half written")
    expect(page.locator("li.qanda-question")).to_have_count(2)


def test_host_hides_a_question_and_participants_see_the_reason_live(
    new_page, log_in, time_zone_cookie, live
):
    session, host = live
    spam = Question.objects.create(
        session=session, text="Buy cheap watches at example.com", language="en"
    )
    path = f"/ar/events/mc/sessions/{session.pk}/questions/"
    reader = new_page(locale="ar")
    time_zone_cookie(reader)
    log_in(reader, UserFactory(display_name="Amina"))
    reader.goto(path)
    checked(reader, "ar")
    expect(reader.locator(f"#q-{spam.pk} .q-text")).to_contain_text("cheap watches")

    page = new_page(locale="ar")
    time_zone_cookie(page)
    log_in(page, host)
    page.goto(path)
    page.click(f"#host-{spam.pk} summary")
    checked(page, "ar")  # with the hide form open
    page.fill(f"#hide-{spam.pk}", "إعلان تجاري")
    page.click(f"form[action$='/{spam.pk}/hide/'] button")
    page.wait_for_url(f"**{path}#q-{spam.pk}")
    page.click(f"#hidden-{spam.pk} summary")
    checked(page, "ar")  # the hosts still read the text
    expect(page.locator(f"#hidden-{spam.pk}")).to_contain_text("cheap watches")

    # The participant's open page shows the reason in place of the text, without a reload.
    expect(reader.locator(f"#q-{spam.pk} .hidden-note")).to_contain_text(
        "إعلان تجاري", timeout=8000
    )
    expect(reader.locator(f"#q-{spam.pk}")).not_to_contain_text("cheap watches")
    expect(reader.locator(f"form[action$='/{spam.pk}/vote/']")).to_have_count(0)
    checked(reader, "ar")
    assert Question.objects.get(pk=spam.pk).hidden_reason == "إعلان تجاري"


def test_without_javascript_a_reload_link_and_plain_forms(new_page, log_in, live):
    session, _host = live
    question = Question.objects.create(session=session, text="Is this accessible?", language="en")
    page = new_page(javascript=False)
    log_in(page, UserFactory())
    path = f"/en/events/mc/sessions/{session.pk}/questions/"

    page.goto(path + "?sort=time")
    checked(page)
    expect(page.locator("#qanda-reload")).to_be_visible()
    page.click(f"form[action$='/{question.pk}/vote/'] button")
    page.wait_for_url(f"**{path}?sort=time#q-{question.pk}")
    checked(page)
    expect(page.locator(f"form[action$='/{question.pk}/unvote/'] button")).to_be_visible()
