"""Browser journey: read, give feedback, reply, report, moderate — in English and in Arabic.

Every page visited is checked with axe-core. Controls are found by ids, names and
addresses, never by English text, so the Arabic journey holds once it is translated.
Replies and the report use no JavaScript; the journey also runs with scripts off.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from playwright.sync_api import expect

from convene.discussion.models import Comment, ModerationAction, Report
from tests.discussion.factories import QUESTIONS
from tests.documents.factories import ITERATION_1, DocumentFactory
from tests.documents.test_publishing import publish
from tests.factories import UserFactory

from .conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


def checked(page, language: str) -> None:
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    check_accessibility(page)


@pytest.fixture
def open_version():
    """A published version whose feedback window is open now (the browser's clock is real)."""
    document = DocumentFactory(slug="advocacy", process__slug="ms2030", title="Advocacy")
    now = timezone.now()
    return publish(
        document,
        ITERATION_1,
        feedback_opens_at=now - timedelta(days=1),
        feedback_closes_at=now + timedelta(days=10),
        guiding_questions=QUESTIONS,
    )


@pytest.mark.parametrize(("language", "javascript"), [("en", True), ("ar", True), ("en", False)])
def test_feedback_journey(new_page, log_in, open_version, language, javascript):
    version = open_version
    paragraph = version.paragraphs.filter(kind="paragraph").order_by("position")[1]
    reader = f"/{language}/processes/ms2030/advocacy/v1/"
    feedback = f"{reader}feedback/"
    writer = UserFactory(display_name="Amina", preferred_language=language)
    replier = UserFactory(display_name="Bruno")
    moderator = UserFactory(display_name="Maya")
    moderator.user_permissions.add(
        Permission.objects.get(codename="change_comment", content_type__app_label="discussion")
    )

    # 1. From a paragraph of the reading page to the form, that paragraph chosen.
    page = new_page(locale="ar" if language == "ar" else "en-GB", javascript=javascript)
    log_in(page, writer)
    page.goto(reader)
    checked(page, language)
    expect(page.locator("main .give-feedback a.button")).to_be_visible()
    page.click(f"#{paragraph.anchor} .para-tools a[href*='feedback']")
    page.wait_for_url(f"**{feedback}?paragraph={paragraph.anchor}#feedback")
    checked(page, language)
    expect(page.locator("#id_paragraph")).to_have_value(paragraph.anchor)
    expect(page.locator("#id_language")).to_have_value(language)
    expect(page.locator("#feedback .questions li")).to_have_count(2)

    page.check("input[name=stance][value=red_line]")
    page.fill("#id_body", "Line one <b>not bold</b>\nLine two")
    page.click("form.comment-form button[type=submit]")
    page.wait_for_url(f"**{feedback}#comment-*")
    checked(page, language)
    comment = Comment.objects.get()
    assert (comment.paragraph_id, comment.stance, comment.language) == (
        paragraph.pk,
        "red_line",
        language,
    )
    body = page.locator(f"#comment-{comment.pk} .comment-body")
    expect(body).to_have_text("Line one <b>not bold</b>\nLine two".replace("\n", ""))
    expect(body.locator("br")).to_have_count(1)
    expect(page.locator(f"#comment-{comment.pk} .badge.stance-red_line")).to_be_visible()

    # 2. Someone else replies (a details element: no script needed) and reports it.
    page = new_page(locale="ar" if language == "ar" else "en-GB", javascript=javascript)
    log_in(page, replier)
    page.goto(feedback)
    checked(page, language)
    page.click(f"#comment-{comment.pk} ~ details.reply-form summary")
    page.fill(f"#reply-{comment.pk}-body", "Why a red line?")
    page.click(f"#comment-{comment.pk} ~ details.reply-form button[type=submit]")
    page.wait_for_url(f"**{feedback}#comment-*")
    checked(page, language)
    reply = Comment.objects.get(parent=comment)
    expect(page.locator(f"ol.replies #comment-{reply.pk}")).to_be_visible()

    page.click(f"#comment-{comment.pk} a[href$='/comments/{comment.pk}/report/']")
    page.wait_for_url(f"**/comments/{comment.pk}/report/")
    checked(page, language)
    page.fill("#id_reason", "Sounds like shouting.")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_url(f"**{feedback}#comment-{comment.pk}")
    checked(page, language)
    assert Report.objects.get().reason == "Sounds like shouting."

    # 3. A moderator hides it from the queue with a public reason; the log keeps it.
    page = new_page(locale="ar" if language == "ar" else "en-GB", javascript=javascript)
    log_in(page, moderator)
    page.goto(f"/{language}/moderation/")
    checked(page, language)
    report = Report.objects.get()
    page.fill(f"#hide-{report.pk}", "Not shouting after all? Hidden for the test.")
    page.click(f"form[action$='/moderation/comments/{comment.pk}/hide/'] button[type=submit]")
    page.wait_for_url(f"**/{language}/moderation/")
    checked(page, language)
    assert ModerationAction.objects.get().action == "hide"
    page.goto(f"/{language}/moderation/log/")
    checked(page, language)
    page.goto(feedback)
    checked(page, language)
    expect(page.locator(f"#comment-{comment.pk} .hidden-note")).to_contain_text(
        "Hidden for the test."
    )

    # 4. Numbers, search.
    page.goto(f"{feedback}synthesis/")
    checked(page, language)
    page.goto(f"/{language}/search/?q=red")
    checked(page, language)
    assert page.external_requests == []
