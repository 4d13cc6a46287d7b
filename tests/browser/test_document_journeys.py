"""Browser journeys of strategy documents: read in another language, comment, ask live.

Each journey runs in English and in Arabic, in Chromium against the live server. Every page
visited is checked with axe-core, and nothing may be fetched from another host. The Arabic
journeys find controls by names, ids and addresses, never by English text, so they hold once
the interface is translated; English text is asserted in the English runs only.

The live questions complement tests/qanda/test_browser.py: there, the server's services act
while one page watches; here, two people in two browser contexts ask and vote through the
pages themselves.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from convene.discussion.models import Comment
from convene.documents import services as documents
from convene.qanda.models import Question, Vote
from tests.discussion.factories import QUESTIONS
from tests.documents.factories import ITERATION_1, ITERATION_2, DocumentFactory
from tests.documents.test_publishing import publish
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory

from .conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["en", "ar"]
LIVE = 8_000  # ms: a few polls of qanda.js (every 2 s), never a fixed sleep
ONE = re.compile(r"(^|\D)1(\D|$)")  # the number 1, whatever words surround it

# French, by a translator, of the paragraphs of iteration 1 (the heading and two paragraphs).
FRENCH = {
    "# Advocacy": "# Plaidoyer",
    "A global network": "Un réseau mondial de défenseurs de Wikimedia repose sur des règles "
    "d'engagement définies par la communauté.",
    "There is an established": "Il existe un processus de communication établi pour les "
    "défenseurs de la communauté.",
}


def browser_locale(language: str) -> str:
    return "ar" if language == "ar" else "en-GB"


def checked(page, language: str) -> None:
    """The page is in `language`, written in its direction, and passes axe-core."""
    page.wait_for_load_state("load")
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    check_accessibility(page)


def mark_page(page) -> None:
    """Leave a mark in the page's window: it survives as long as the page is not reloaded."""
    page.evaluate("() => { window.__notReloaded = true; }")


def not_reloaded(page) -> bool:
    return page.evaluate("() => window.__notReloaded === true")


@pytest.fixture
def advocacy():
    """Two published iterations of one recommendation; iteration 2 takes feedback now.

    In French, iteration 2 then reads: the heading and "established communication" up to
    date, the first paragraph outdated (its English changed), "Protection of Advocates" not
    translated at all (new in iteration 2).
    """
    document = DocumentFactory(slug="advocacy", process__slug="ms2030", title="Advocacy")
    translator = UserFactory(display_name="Traductrice")
    first = publish(document, ITERATION_1)
    for paragraph in first.paragraphs.all():
        for start, french in FRENCH.items():
            if paragraph.text.startswith(start):
                documents.translation_save(
                    paragraph=paragraph,
                    language="fr",
                    text=french,
                    translator=translator,
                    source_fingerprint=paragraph.fingerprint,
                )
    now = timezone.now()
    second = publish(
        document,
        ITERATION_2,
        feedback_opens_at=now - timedelta(days=1),
        feedback_closes_at=now + timedelta(days=10),
        guiding_questions=QUESTIONS,
    )
    # The paragraphs of iteration 2 by what happened to them: heading, changed, kept, new.
    return second, {
        "heading": second.paragraphs.get(position=1),
        "changed": second.paragraphs.get(text__startswith="Transparency"),
        "kept": second.paragraphs.get(text__startswith="There is an established"),
        "new": second.paragraphs.get(text__startswith="Protection of Advocates"),
    }


# --- 1. Read a recommendation in French, with a fallback paragraph; what changed ---------


@pytest.mark.parametrize("language", LANGUAGES)
def test_read_in_french_with_fallback_then_what_changed(
    new_page, time_zone_cookie, advocacy, language
):
    version, paragraphs = advocacy
    english = language == "en"
    document = f"/{language}/processes/ms2030/advocacy/"
    reader = f"{document}v{version.number}/"
    page = new_page(locale=browser_locale(language))
    time_zone_cookie(page)

    page.goto(f"/{language}/processes/ms2030/")
    checked(page, language)
    page.click(f"main a[href='{document}']")
    page.wait_for_url(f"**{reader}")  # the document opens at its latest iteration
    checked(page, language)
    expect(page.locator("#lang")).to_have_value(language)

    page.select_option("#lang", "fr")
    page.click("main form:has(#lang) button[type=submit]")
    page.wait_for_url(f"**{reader}?lang=fr")
    checked(page, language)
    expect(page.locator("#lang")).to_have_value("fr")

    # Translated and up to date: French, marked as French, without any flag.
    for key, start in (("heading", "# Advocacy"), ("kept", "There is an established")):
        section = page.locator(f"#{paragraphs[key].anchor}")
        expect(section).to_have_attribute("lang", "fr")
        expect(section).to_contain_text(FRENCH[start].removeprefix("# "))
        expect(section.locator(".flag")).to_have_count(0)
    # Translated from an older English text: French, flagged as outdated.
    changed = page.locator(f"#{paragraphs['changed'].anchor}")
    expect(changed).to_have_attribute("lang", "fr")
    expect(changed).to_have_class(re.compile(r"\boutdated\b"))
    expect(changed).to_contain_text("Un réseau mondial")
    expect(changed).not_to_contain_text("Transparency")
    expect(changed.locator(".flag.warn")).to_have_count(1)
    expect(changed.locator(".flag.warn")).to_have_attribute("lang", language)
    # Not translated: the English text, marked as English, with its notice.
    new = page.locator(f"#{paragraphs['new'].anchor}")
    expect(new).to_have_attribute("lang", "en")
    expect(new).to_have_class(re.compile(r"\bfallback\b"))
    expect(new).to_contain_text(paragraphs["new"].text)
    expect(new.locator(".flag")).to_have_count(1)
    expect(new.locator(".flag")).to_have_attribute("lang", language)
    expect(page.locator("main section.fallback")).to_have_count(1)
    expect(page.locator("main section.outdated")).to_have_count(1)
    expect(page.locator("main p.msg")).to_have_text(ONE)  # one paragraph shown in English
    if english:
        expect(new.locator(".flag")).to_have_text("Not translated yet: shown in English.")
        expect(changed.locator(".flag.warn")).to_contain_text("older text of this paragraph")
        expect(page.locator("main p.msg")).to_contain_text(
            "1 paragraph is not translated into French yet and is shown in English."
        )

    # What changed from iteration 1 to iteration 2, still reading in French.
    page.click(f"main nav.actions a[href='{document}diff/?lang=fr']")
    page.wait_for_url(f"**{document}diff/?lang=fr")
    checked(page, language)
    expect(page.locator("#from")).to_have_value("1")
    expect(page.locator("#to")).to_have_value("2")
    edited = page.locator(f".diff #{paragraphs['changed'].anchor}")
    expect(edited).to_have_class("diff-changed")
    expect(edited.locator("ins")).to_contain_text("Transparency:")
    expect(page.locator(".diff p.diff-removed del")).to_contain_text(
        "Community actively seeks and provides a good environment"
    )
    expect(page.locator(f".diff #{paragraphs['new'].anchor}")).to_have_class("diff-added")
    expect(page.locator(f".diff #{paragraphs['new'].anchor} ins")).to_contain_text(
        "Protection of Advocates"
    )
    expect(page.locator(f".diff #{paragraphs['kept'].anchor}")).to_have_class("diff-unchanged")
    if english:
        expect(page.locator("main")).to_contain_text(
            "1 paragraph changed. 1 paragraph added. 1 paragraph removed."
        )
    assert page.external_requests == []


# --- 2. Comment with a stance on a paragraph ---------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_comment_with_a_stance_on_a_paragraph(
    new_page, log_in, time_zone_cookie, advocacy, language
):
    version, paragraphs = advocacy
    english = language == "en"
    paragraph = paragraphs["new"]
    reader = f"/{language}/processes/ms2030/advocacy/v{version.number}/"
    feedback = f"{reader}feedback/"
    body = "Les mesures de protection doivent être financées.\nEt connues de tous."
    page = new_page(locale=browser_locale(language))
    time_zone_cookie(page)
    log_in(page, UserFactory(display_name="Amina", preferred_language=language))

    page.goto(reader)
    checked(page, language)
    tools = page.locator(f"#{paragraph.anchor} .para-tools a[href*='/feedback/']")
    expect(tools).to_have_text(re.compile(r"(^|\D)0(\D|$)"))
    tools.click()
    page.wait_for_url(f"**{feedback}?paragraph={paragraph.anchor}#feedback")
    checked(page, language)

    # The guiding questions, the paragraph chosen, the interface language proposed.
    questions = page.locator("#feedback .questions li")
    expect(questions).to_have_count(2)
    expect(questions.first).to_have_text("What do you like about this recommendation?")
    expect(page.locator("#id_paragraph")).to_have_value(paragraph.anchor)
    expect(page.locator("#id_language")).to_have_value(language)
    expect(page.locator("input[name=stance][value='']")).to_be_checked()

    page.check("input[name=stance][value=concern]")
    page.select_option("#id_language", "fr")
    page.fill("#id_body", body)
    page.click("form.comment-form button[type=submit]")

    page.wait_for_url(f"**{feedback}#comment-*")
    checked(page, language)
    comment = Comment.objects.get()
    assert (comment.paragraph_id, comment.stance, comment.language, comment.version_id) == (
        paragraph.pk,
        "concern",
        "fr",
        version.pk,
    )
    expect(page.locator("ul.messages li.success")).to_have_count(1)
    shown = page.locator(f"#comment-{comment.pk}")
    expect(shown.locator(".badge.stance-concern")).to_be_visible()
    expect(shown.locator(".comment-body")).to_have_attribute("lang", "fr")
    expect(shown.locator(".comment-body")).to_have_text(body.replace("\n", ""))
    about = shown.locator(f".comment-meta a[href='{reader}#{paragraph.anchor}']")
    expect(about).to_have_count(1)
    if english:
        expect(page.locator("ul.messages")).to_contain_text("your comment is published")
        expect(shown.locator(".badge.stance-concern")).to_have_text("Concern")
        expect(shown.locator(".comment-meta")).to_contain_text("French")
        expect(about).to_contain_text("Protection of Advocates")

    # Back to the paragraph: it now counts one comment; the others none.
    about.click()
    page.wait_for_url(f"**{reader}#{paragraph.anchor}")
    checked(page, language)
    expect(page.locator(f"#{paragraph.anchor} .para-tools a[href*='/feedback/']")).to_have_text(ONE)
    for key in ("changed", "kept"):
        expect(
            page.locator(f"#{paragraphs[key].anchor} .para-tools a[href*='/feedback/']")
        ).to_have_text(re.compile(r"(^|\D)0(\D|$)"))
    if english:
        expect(page.locator(f"#{paragraph.anchor} .para-tools a[href*='/feedback/']")).to_have_text(
            "1 comment"
        )
    assert page.external_requests == []


# --- 3. Ask and vote in a live session, seen in a second browser ---------------------------


@pytest.fixture
def live_session():
    now = timezone.now().replace(microsecond=0)
    event = EventFactory(slug="mc", title="Movement Charter")
    return SessionFactory(
        event=event,
        title="Ask Me Anything",
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(hours=2),
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_question_asked_and_upvoted_shows_live_in_another_browser(
    new_page, log_in, time_zone_cookie, live_session, language
):
    session = live_session
    english = language == "en"
    path = f"/{language}/events/mc/sessions/{session.pk}/questions/"
    text = "Will the hubs have their own budget?"
    pages = {}
    for name in ("amina", "budi"):
        page = new_page(locale=browser_locale(language))
        time_zone_cookie(page)
        log_in(page, UserFactory(display_name=name.title(), preferred_language=language))
        page.goto(path)
        checked(page, language)
        expect(page.locator("#qanda-reload")).to_be_hidden()  # qanda.js runs
        expect(page.locator("#qanda-list li.qanda-question")).to_have_count(0)
        pages[name] = page
    amina, budi = pages["amina"], pages["budi"]
    mark_page(budi)

    # Amina asks, through the form.
    amina.fill("#id_text", text)
    amina.select_option("#id_language", "en")
    amina.click("form.ask-form button[type=submit]")
    question = Question.objects.get()
    amina.wait_for_url(f"**{path}#q-{question.pk}")
    checked(amina, language)
    expect(amina.locator(f"#q-{question.pk} .q-text")).to_have_text(text)
    mark_page(amina)

    # Budi's open page shows it within a few polls, without a reload.
    item = budi.locator(f"#q-{question.pk}")
    expect(item.locator(".q-text")).to_contain_text(text, timeout=LIVE)
    expect(item.locator(".q-text")).to_have_attribute("lang", "en")
    expect(budi.locator("#qanda-status")).to_have_text(
        budi.locator("[data-summary]").text_content() or "", timeout=LIVE
    )
    assert not_reloaded(budi)
    check_accessibility(budi)  # the list as qanda.js swapped it in
    if english:
        expect(item.locator(".votes")).to_have_text("0 votes")

    # Budi upvotes it; Amina's open page shows the new count, without a reload.
    item.locator(f"form[action$='/questions/{question.pk}/vote/'] button[type=submit]").click()
    budi.wait_for_url(f"**{path}#q-{question.pk}")
    checked(budi, language)
    assert Vote.objects.filter(question=question).count() == 1
    expect(budi.locator("ul.messages li.success")).to_have_count(1)
    expect(
        budi.locator(f"#q-{question.pk} form[action$='/questions/{question.pk}/unvote/']")
    ).to_have_count(1)

    votes = amina.locator(f"#q-{question.pk} .votes")
    expect(votes).to_have_text(ONE, timeout=LIVE)
    assert not_reloaded(amina)
    check_accessibility(amina)
    if english:
        expect(votes).to_have_text("1 vote")
        expect(budi.locator("ul.messages")).to_contain_text("Your vote was counted.")
    assert amina.external_requests == []
    assert budi.external_requests == []
