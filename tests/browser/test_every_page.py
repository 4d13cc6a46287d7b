"""Every kind of page, filled with the demo data, in English and in Arabic, and in English
without JavaScript: it answers 200, says its language and direction, and axe-core finds no
serious or critical violation. Each carries the strict Content-Security-Policy, and any
refusal the browser reports under it fails the test (see `new_page`).

The journeys check what people do; this checks what each role can open: visitors, a
participant, and an organizer who is also author, translator and moderator (the demo's
superuser). Forms are checked as they first appear.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from convene.accounts.models import User
from convene.demo.events.people import ORGANIZER_EMAIL, PARTICIPANTS
from convene.discussion.models import Comment
from convene.documents.models import Document, Initiative
from convene.events import services
from convene.events.models import (
    Event,
    QuestionKind,
    Registration,
    RegistrationQuestion,
    Session,
)
from tests.browser_support import STRICT_CSP, check_accessibility, csp_directives

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _an_answer(question: RegistrationQuestion) -> object:
    """A valid answer to a required question of the registration form."""
    if question.kind == QuestionKind.SINGLE_CHOICE:
        return question.choices[0]
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return question.choices[:1]
    if question.kind == QuestionKind.YES_NO:
        return True
    return "Yes"


def _pages(participant: User) -> dict[str, list[tuple[str, list]]]:
    """(view name, arguments) for each role, from the demo data; `participant` is
    registered for one upcoming session (to propose a talk) and not for another."""
    upcoming = Event.objects.get(slug="movement-charter-conversation-hours")
    session, registered = upcoming.sessions.order_by("starts_at")[:2]
    Registration.objects.filter(user=participant, session__in=[session, registered]).delete()
    answers = {
        str(question.pk): _an_answer(question)
        for question in RegistrationQuestion.objects.filter(event=upcoming, required=True)
    }
    services.registration_create(
        session=registered,
        user=participant,
        needs=services.Needs(answers=answers),
        accepted_code_of_conduct=True,
    )
    ama = Session.objects.get(event__slug="movement-charter-ama-2022", title="Asia-Pacific edition")
    advocacy = Document.objects.get(process__slug="movement-strategy-2018-20", slug="advocacy")
    version = advocacy.versions.filter(published_at__isnull=False).order_by("-number").first()
    comment = Comment.objects.filter(
        version__document=advocacy, parent__isnull=True, hidden_at__isnull=True
    ).first()
    initiative = Initiative.objects.filter(document__isnull=False).first()
    question = RegistrationQuestion.objects.filter(event=upcoming).first()
    document = ["movement-strategy-2018-20", "advocacy"]
    visitor = [
        ("home", []),
        ("events:list", []),
        ("events:detail", [upcoming.slug]),
        ("events:session", [upcoming.slug, session.pk]),
        ("qanda:page", [ama.event.slug, ama.pk]),
        ("documents:processes", []),
        ("documents:process", ["movement-strategy-2018-20"]),
        ("documents:version", [*document, version.number]),
        ("documents:diff", document),
        ("discussion:feedback", [*document, version.number]),
        ("discussion:synthesis", [*document, version.number]),
        ("api-docs", []),
        ("account_login", []),
        ("account_signup", []),
        ("account_reset_password", []),
    ]
    participant = [
        ("accounts:profile", []),
        ("events:mine", []),
        ("events:register", [upcoming.slug, session.pk]),
        ("events:talk_propose", [upcoming.slug, registered.pk]),
        ("discussion:reply", [comment.pk]),
        ("discussion:report", [comment.pk]),
        ("accounts:delete", []),
        ("account_email", []),
        ("account_change_password", []),
    ]
    organizer = [
        ("events:create", []),
        ("events:edit", [upcoming.slug]),
        ("events:questions", [upcoming.slug]),
        ("events:session_create", [upcoming.slug]),
        ("events:session_edit", [upcoming.slug, session.pk]),
        ("events:manage", [upcoming.slug, session.pk]),
        ("qanda:page", [ama.event.slug, ama.pk]),
        ("documents:version_new", document),
        ("documents:initiatives", [initiative.document.process.slug, initiative.document.slug]),
        (
            "documents:initiative_edit",
            [initiative.document.process.slug, initiative.document.slug, initiative.pk],
        ),
        ("translate:languages", []),
        ("translate:language", ["fr"]),
        ("translate:document", ["fr", *document]),
        ("discussion:moderation", []),
        ("discussion:moderation_log", []),
        ("discussion:search", []),
    ]
    if question is not None:
        organizer.append(("events:question_edit", [upcoming.slug, question.pk]))
    return {"visitor": visitor, "participant": participant, "organizer": organizer}


def _url(name: str, args: list, language: str) -> str:
    with translation.override(language):
        url = reverse(name, args=args)
    return url + ("?q=hubs" if name == "discussion:search" else "")


@pytest.mark.parametrize(("language", "javascript"), [("en", True), ("ar", True), ("en", False)])
def test_every_page_of_every_role_is_accessible(
    new_page, log_in, time_zone_cookie, language, javascript
):
    call_command("load_demo", stdout=io.StringIO())
    organizer = User.objects.get(email=ORGANIZER_EMAIL)
    participant = User.objects.get(email=PARTICIPANTS[0].email)
    pages = _pages(participant)
    visited = 0
    for role, user in (("visitor", None), ("participant", participant), ("organizer", organizer)):
        page = new_page(locale="ar" if language == "ar" else "en-GB", javascript=javascript)
        time_zone_cookie(page)
        if user is not None:
            log_in(page, user)
        for name, args in pages[role]:
            url = _url(name, args, language)
            response = page.goto(url)
            assert response is not None and response.status == 200, (role, url)
            assert csp_directives(response) == STRICT_CSP, url
            assert page.locator("html").get_attribute("lang") == language, url
            assert page.locator("html").get_attribute("dir") == (
                "rtl" if language == "ar" else "ltr"
            ), url
            check_accessibility(page)
            visited += 1
        assert page.external_requests == [], role
    assert visited == sum(len(entries) for entries in pages.values())
