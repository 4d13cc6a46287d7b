"""Every kind of page, filled with the demo data, on a 360 px wide phone in every interface
language, and in English without JavaScript: it answers 200, says its language and direction,
and nothing sticks out sideways (the page is no wider than the phone and no element passes its
edges, but for tables, which scroll inside their own region). In English and Arabic (and in
English without JavaScript) axe-core finds no serious or critical violation. Each page carries
the strict Content-Security-Policy, and any refusal the browser reports under it fails the test
(see `new_page`).

The journeys check what people do; this checks what each role can open: visitors, a
participant, and an organizer who is also author, translator and moderator (the demo's
superuser). Forms are checked as they first appear, and the main ones again with the errors
an empty form gets (`_forms_with_errors`), since error messages widen pages.
"""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from convene.accounts.models import User
from convene.demo.events.people import ORGANIZER_EMAIL, PARTICIPANTS
from convene.discussion.models import Comment
from convene.documents.models import Document, Initiative
from convene.events import messaging, services
from convene.events.models import (
    Event,
    QuestionKind,
    Registration,
    RegistrationQuestion,
    Session,
)
from tests.browser_support import STRICT_CSP, check_accessibility, csp_directives, phone_overflow

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
    # The demo's feedback windows are long past: one is open, for the comment form.
    health = Document.objects.get(
        process__slug="movement-strategy-2018-20", slug="community-health"
    )
    open_version = health.versions.filter(published_at__isnull=False).order_by("-number").first()
    open_version.feedback_closes_at = timezone.now() + timedelta(days=30)
    open_version.save(update_fields=["feedback_closes_at"])
    initiative = Initiative.objects.filter(document__isnull=False).first()
    question = RegistrationQuestion.objects.filter(event=upcoming).first()
    message = messaging.message_send(
        event=upcoming,
        session=registered,
        author=User.objects.get(email=ORGANIZER_EMAIL),
        language="en",
        subject="Before we meet",
        body="Please read the chapter before the session.",
        translations={"ar": {"subject": "قبل أن نلتقي", "body": "يرجى قراءة الفصل قبل الجلسة."}},
        statuses=["confirmed"],
    )
    document = ["movement-strategy-2018-20", "advocacy"]
    document_health = ["movement-strategy-2018-20", "community-health"]
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
        ("timezone", []),
        ("organizations:map", []),
    ]
    participant = [
        ("accounts:profile", []),
        ("events:mine", []),
        ("events:register", [upcoming.slug, session.pk]),
        ("events:talk_propose", [upcoming.slug, registered.pk]),
        ("events:needs", [upcoming.slug, registered.pk]),
        ("events:cancel", [upcoming.slug, registered.pk]),
        ("discussion:feedback", [*document_health, open_version.number]),
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
        ("events:event_needs", [upcoming.slug]),
        ("events:translations", [upcoming.slug]),
        ("organizations:event_hosts", [upcoming.slug]),
        ("events:translate", [upcoming.slug, "ar" if upcoming.language != "ar" else "fr"]),
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
        ("events:messages", [upcoming.slug]),
        ("events:message_new", [upcoming.slug]),
        ("events:message", [upcoming.slug, message.pk]),
    ]
    if question is not None:
        organizer.append(("events:question_edit", [upcoming.slug, question.pk]))
    ways_visitor, ways_organizer = _ways_pages()  # first: loads the models of affiliation
    partnership_visitor, partnership_organizer = _partnership_pages()
    visitor += partnership_visitor
    organizer += partnership_organizer
    visitor += ways_visitor
    organizer += ways_organizer
    reporting_visitor, reporting_participant, reporting_organizer = _reporting_pages(
        User.objects.get(email=PARTICIPANTS[0].email)
    )
    visitor += reporting_visitor
    participant += reporting_participant
    organizer += reporting_organizer
    applying_visitor, applying_participant, applying_organizer = _application_pages(
        User.objects.get(email=PARTICIPANTS[0].email)
    )  # after the reporting pages: the participant represents their chapter
    visitor += applying_visitor
    participant += applying_participant
    organizer += applying_organizer
    registry_pages = _registry_pages()  # after the reporting pages: shows their chapter
    visitor += registry_pages
    organizer += registry_pages
    priorities_visitor, priorities_participant, priorities_organizer = _prioritization_pages()
    visitor += priorities_visitor
    participant += priorities_participant
    organizer += priorities_organizer
    space_visitor, space_participant, space_organizer = _openspace_pages(
        User.objects.get(email=PARTICIPANTS[0].email)
    )
    visitor += space_visitor
    participant += space_participant
    organizer += space_organizer
    return {"visitor": visitor, "participant": participant, "organizer": organizer}


def _reporting_pages(
    participant: User,
) -> tuple[list[tuple[str, list]], list[tuple[str, list]], list[tuple[str, list]]]:
    """The reporting pages for visitors, for `participant` (who represents a chapter made
    here, with reports overdue, accepted, returned and waiting) and for the organizer (of the
    committee, as a superuser: the review form and the overview, with a proposal)."""
    from datetime import date

    from convene.organizations.models import AffiliationModel, Organization, Report

    chapter_model = AffiliationModel.objects.filter(slug="chapter").first()
    if chapter_model is None:
        chapter_model = AffiliationModel.objects.create(
            slug="chapter",
            name="Chapter",
            requires_incorporation=True,
            requires_financial_statement=True,
        )
    chapter = Organization.objects.create(
        name="Wikimedia Reporting Example",
        code="WMREX",
        slug="wikimedia-reporting-example",
        affiliation_model=chapter_model,
        region="sub_saharan_africa",
        is_incorporated=True,
        legal_name="Wikimedia Reporting Example e.V.",
        registration_number="VR 12345",
        status=Organization.Status.RECOGNIZED,
        recognized_on=date(2024, 3, 1),
        compliance_level=3,
        proposal=Organization.Proposal.SUSPEND,
    )
    chapter.representatives.add(participant)
    fy2024 = {"period_start": date(2024, 1, 1), "period_end": date(2024, 12, 31)}
    fy2025 = {"period_start": date(2025, 1, 1), "period_end": date(2025, 12, 31)}
    common = {"organization": chapter, "submitted_by": participant}
    Report.objects.create(
        **common,
        **fy2024,
        kind="activity",
        due_on=date(2025, 4, 30),
        state="accepted",
        body="Ten edit-a-thons.",
        review_note="Thank you for a clear report.",
    )
    Report.objects.create(
        **common,
        **fy2024,
        kind="financial",
        due_on=date(2025, 4, 30),
        state="returned",
        body="See the link.",
        review_note="The statement needs the auditor's signature.",
    )
    waiting = Report.objects.create(
        **common,
        **fy2025,
        kind="activity",
        due_on=date(2026, 4, 30),
        language="ar",
        body="## ورش التحرير\n\n| الشهر | الورش |\n| --- | --- |\n| مارس | 3 |\n\nعقدنا **عشر** ورش.",
        link="https://meta.wikimedia.org/wiki/Wikimedia_Reporting_Example/Report_2025",
    )
    visitor = [
        ("organizations:reports", [chapter.slug]),
        ("organizations:report", [chapter.slug, waiting.pk]),
    ]
    participant_pages = [
        ("organizations:reports", [chapter.slug]),
        ("organizations:report_new", [chapter.slug]),
    ]
    organizer = [
        ("organizations:report", [chapter.slug, waiting.pk]),
        ("organizations:reporting", []),
    ]
    return visitor, participant_pages, organizer


def _application_pages(
    participant: User,
) -> tuple[list[tuple[str, list]], list[tuple[str, list]], list[tuple[str, list]]]:
    """The pages to apply and to review: for visitors, an application at the vote (votes,
    comments, one hidden) and a declined one; for `participant`, the application form, their
    own application at the interview and their chapter's record, new application and
    withdrawal; for the organizer (of the committee, as a superuser), the committee's
    overview, both applications with its forms, and the chapter's record and changes of
    status (with the proposal `_reporting_pages` made)."""
    from datetime import date, timedelta

    from convene.organizations.models import (
        AffiliationModel,
        Application,
        ApplicationComment,
        Organization,
        Vote,
    )

    user_group = AffiliationModel.objects.get(slug="user-group")  # `_ways_pages` loaded it
    organizer = User.objects.get(email=ORGANIZER_EMAIL)
    others = list(User.objects.exclude(pk__in=[organizer.pk, participant.pk]).order_by("pk")[:3])
    step = Application.Step
    now = timezone.now()

    def applying(name: str, code: str, countries: list[str], applicant: User) -> Organization:
        organization = Organization.objects.create(
            name=name,
            code=code,
            slug=code.lower(),
            affiliation_model=user_group,
            region="sub_saharan_africa",
            countries=countries,
            working_languages=["en", "sw", "fr"],
            member_count=42,
            mission="We **edit** Wikipedia in the languages of the region.",
            status=Organization.Status.APPLYING,
            contact_person=applicant,
        )
        organization.representatives.add(applicant)
        return organization

    lakes = applying("Wikimedians of the Great Lakes", "WUG-LAKES", ["UG", "RW"], others[0])
    voting = Application.objects.create(
        organization=lakes,
        affiliation_model=user_group,
        applicant=others[0],
        letter_of_intent="We have met **every month** since 2023.\n\n- edit-a-thons\n- photo walks",
        step=step.VOTE,
        step_changed_at=now,
        interview_at=now - timedelta(days=3),
        interviewer=organizer,
    )
    for member, choice in zip(others[1:], ("yes", "abstain"), strict=True):
        Vote.objects.create(application=voting, member=member, choice=choice, note="Active group.")
    ApplicationComment.objects.create(application=voting, author=participant, body="Good luck!")
    ApplicationComment.objects.create(
        application=voting, author=others[2], body="Off topic.", hidden_at=now, hidden_by=organizer
    )
    delta = applying("Wikimedians of the Delta", "WUG-DELTA", ["EG"], participant)
    interview = Application.objects.create(
        organization=delta,
        affiliation_model=user_group,
        applicant=participant,
        letter_of_intent="نعمل معًا منذ عام ٢٠٢٢.",
        language="ar",
        step=step.INTERVIEW,
        step_changed_at=now,
        interview_at=now + timedelta(days=5),
        interviewer=organizer,
        interview_url="https://meet.example.org/delta",
    )
    declined_organization = applying("Wikimedians of the Coast", "WUG-COAST", ["KE"], others[1])
    declined_organization.status = Organization.Status.NOT_RECOGNIZED
    declined_organization.save(update_fields=["status"])
    declined = Application.objects.create(
        organization=declined_organization,
        affiliation_model=user_group,
        applicant=others[1],
        letter_of_intent="We would like to be recognized.",
        step=step.DECLINED,
        decided_at=now,
        decided_by=organizer,
        decision_reason="The group has held no activity yet.",
        reapply_after=date(now.year + 1, 1, 15),
    )
    chapter = Organization.objects.get(slug="wikimedia-reporting-example")
    visitor = [
        ("organizations:applications", []),
        ("organizations:application", [voting.pk]),
        ("organizations:application", [declined.pk]),
    ]
    participant_pages = [
        ("organizations:apply", []),
        ("organizations:application", [interview.pk]),
        ("organizations:edit", [chapter.slug]),
        ("organizations:apply_again", [chapter.slug]),
        ("organizations:status_change", [chapter.slug, "withdraw"]),
    ]
    organizer_pages = [
        ("organizations:committee", []),
        ("organizations:application", [voting.pk]),
        ("organizations:application", [interview.pk]),
        ("organizations:edit", [chapter.slug]),
        ("organizations:status_change", [chapter.slug, "suspend"]),
        ("organizations:proposal_dismiss", [chapter.slug]),
    ]
    return visitor, participant_pages, organizer_pages


def _registry_pages() -> list[tuple[str, list]]:
    """The registry's list, and the page and history of the chapter `_reporting_pages` made
    (reports of each state, out of compliance, a proposal): for visitors, and for the
    organizer (of the committee, as a superuser: private notes, the contact person)."""
    from convene.organizations.models import HistoryEntry, Organization

    chapter = Organization.objects.get(slug="wikimedia-reporting-example")
    HistoryEntry.objects.create(
        organization=chapter,
        kind=HistoryEntry.Kind.COMPLIANCE,
        public_note="Two reports are overdue: the level rose to 3.",
        private_note="Reminded twice by email.",
        at=timezone.now(),
    )
    return [
        ("organizations:list", []),
        ("organizations:detail", [chapter.slug]),
        ("organizations:history", [chapter.slug]),
    ]


def _partnership_pages() -> tuple[list[tuple[str, list]], list[tuple[str, list]]]:
    """The partnership pages for visitors and for the organizer (of the committee, as a
    superuser), with a public partnership of a recognized organization of the demo (one
    made here if the demo has none) with a party outside the registry."""
    from datetime import date

    from convene.organizations import partnerships
    from convene.organizations.models import AffiliationModel, Organization

    organization = Organization.objects.recognized().order_by("pk").first()
    if organization is None:
        organization = Organization.objects.create(
            name="Wikimedia Example",
            code="WMEX",
            slug="wikimedia-example",
            affiliation_model=AffiliationModel.objects.order_by("pk").first(),
            region="europe",
            status=Organization.Status.RECOGNIZED,
        )
    partnership = partnerships.partnership_create(
        user=User.objects.get(email=ORGANIZER_EMAIL),
        organization=organization,
        title="Edit-a-thons at the city library",
        scope="Two edit-a-thons a year, and a **shared** catalogue of local history.",
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31),
        is_public=True,
        signed_text_url="https://example.org/memorandum.pdf",
        other_parties=[],
        outside_parties=["Bibliothèque municipale", "مكتبة المدينة"],
    )
    visitor = [
        ("organizations:partnerships", []),
        ("organizations:partnership", [partnership.pk]),
    ]
    organizer = [
        ("organizations:partnership_new", [organization.slug]),
        ("organizations:partnership_edit", [partnership.pk]),
    ]
    return visitor, organizer


def _prioritization_pages() -> tuple[
    list[tuple[str, list]], list[tuple[str, list]], list[tuple[str, list]]
]:
    """The demo's rounds: two closed with their results and reports, one open now in which the
    participant (kaveri) represents the Hindi Wikipedia community; the organizer organizes all."""
    from convene.demo.prioritization.samples import (
        COMMUNITIES_ROUND,
        CONVERSATIONS_ROUND,
        OPEN_ROUND,
    )
    from convene.prioritization.models import Group

    with_history = Group.objects.get(
        round__slug=COMMUNITIES_ROUND, name="Hindi Wikipedia community (sample)"
    )
    represented = Group.objects.get(
        round__slug=OPEN_ROUND, name="Hindi Wikipedia community (sample)"
    )
    item, cluster = with_history.round.items.first(), with_history.round.clusters.first()
    visitor = [
        ("prioritization:list", []),
        ("prioritization:round", [COMMUNITIES_ROUND]),
        ("prioritization:round", [OPEN_ROUND]),
        ("prioritization:results", [COMMUNITIES_ROUND]),
        ("prioritization:results", [CONVERSATIONS_ROUND]),
        ("prioritization:report", [CONVERSATIONS_ROUND]),
        ("prioritization:data", [CONVERSATIONS_ROUND]),
        ("prioritization:group", [COMMUNITIES_ROUND, with_history.pk]),
    ]
    participant = [
        ("prioritization:round", [OPEN_ROUND]),
        ("prioritization:ballot", [OPEN_ROUND]),
        ("prioritization:group_submit", [OPEN_ROUND, represented.pk]),
    ]
    organizer = [
        ("prioritization:create", []),
        ("prioritization:edit", [COMMUNITIES_ROUND]),
        ("prioritization:organize", [COMMUNITIES_ROUND]),
        ("prioritization:items", [COMMUNITIES_ROUND]),
        ("prioritization:item_edit", [COMMUNITIES_ROUND, item.identifier]),
        ("prioritization:item_translate", [COMMUNITIES_ROUND, item.identifier, "de"]),
        ("prioritization:clusters", [COMMUNITIES_ROUND]),
        ("prioritization:cluster_edit", [COMMUNITIES_ROUND, cluster.code]),
        ("prioritization:groups", [OPEN_ROUND]),
        ("prioritization:group_edit", [OPEN_ROUND, represented.pk]),
        ("prioritization:import", [OPEN_ROUND]),
        ("prioritization:results", [OPEN_ROUND]),  # hidden from others until the close
        ("prioritization:report_edit", [COMMUNITIES_ROUND]),
        ("prioritization:report_translate", [COMMUNITIES_ROUND, "de"]),
    ]
    return visitor, participant, organizer


def _openspace_pages(
    participant: User,
) -> tuple[list[tuple[str, list]], list[tuple[str, list]], list[tuple[str, list]]]:
    """The demo's open spaces: September's with its harvest published, the upcoming one where
    `participant` convenes a topic (its pages, placing it, its notes), the series and its
    discussion space with a thread; the organizer organizes them all."""
    from convene.demo.openspace import SEPTEMBER_SLUG, SERIES_SLUG, UPCOMING_SLUG
    from convene.discussion import services as discussion_services
    from convene.openspace.models import Action, Room, Series, Topic

    series = Series.objects.get(slug=SERIES_SLUG)
    assert series.board is not None
    thread = discussion_services.thread_create(
        board=series.board,
        author=participant,
        title="Before December: what did the letters become?",
        body="Who has news of the two letters since September?",
        language="en",
    )
    held = Topic.objects.filter(open_space__event__slug=SEPTEMBER_SLUG, status="placed").first()
    mine = Topic.objects.filter(
        open_space__event__slug=UPCOMING_SLUG,
        convener=participant,
        status__in=["proposed", "placed"],
    ).first()
    if mine is None:
        mine = Topic.objects.filter(open_space__event__slug=UPCOMING_SLUG, status="placed").first()
        Topic.objects.filter(pk=mine.pk).update(convener=participant)
    placed = Topic.objects.filter(open_space__event__slug=UPCOMING_SLUG, status="placed").first()
    room = Room.objects.filter(open_space__event__slug=UPCOMING_SLUG).first()
    action = Action.objects.filter(open_space__event__slug=SEPTEMBER_SLUG).first()
    visitor = [
        ("openspace:list", []),
        ("openspace:detail", [SEPTEMBER_SLUG]),
        ("openspace:detail", [UPCOMING_SLUG]),
        ("openspace:topic", [SEPTEMBER_SLUG, held.pk]),
        ("openspace:notes_history", [SEPTEMBER_SLUG, held.pk, "en"]),
        ("openspace:harvest", [SEPTEMBER_SLUG]),
        ("openspace:series_list", []),
        ("openspace:series", [SERIES_SLUG]),
        ("openspace:invitation", [UPCOMING_SLUG]),
        ("openspace:local_time", ["2020-09-20T16:00Z"]),
        ("discussion:board", [series.board.pk]),
        ("discussion:board_thread", [series.board.pk, thread.pk]),
    ]
    participant_pages = [
        ("openspace:detail", [UPCOMING_SLUG]),
        ("openspace:topic_new", [UPCOMING_SLUG]),
        ("openspace:topic", [UPCOMING_SLUG, mine.pk]),
        ("openspace:topic", [UPCOMING_SLUG, placed.pk]),
        ("openspace:topic_edit", [UPCOMING_SLUG, mine.pk]),
        ("openspace:topic_place", [UPCOMING_SLUG, mine.pk]),
        ("openspace:topic_withdraw", [UPCOMING_SLUG, mine.pk]),
        ("openspace:notes_edit", [UPCOMING_SLUG, mine.pk, "en"]),
        ("openspace:contact", [UPCOMING_SLUG]),
        ("openspace:series", [SERIES_SLUG]),
        ("discussion:board_thread", [series.board.pk, thread.pk]),
    ]
    organizer = [
        ("openspace:new", []),
        ("openspace:setup", [UPCOMING_SLUG]),
        ("openspace:room_edit", [UPCOMING_SLUG, room.pk]),
        ("openspace:topic", [UPCOMING_SLUG, placed.pk]),
        ("openspace:topic_merge", [UPCOMING_SLUG, placed.pk]),
        ("openspace:harvest", [UPCOMING_SLUG]),
        ("openspace:series_new", []),
        ("openspace:series_edit", [SERIES_SLUG]),
        ("openspace:series_meetings", [SERIES_SLUG]),
        ("openspace:series", [SERIES_SLUG]),
        ("openspace:action_carry", [SERIES_SLUG, action.pk]),
    ]
    return visitor, participant_pages, organizer


def _ways_pages() -> tuple[list[tuple[str, list]], list[tuple[str, list]]]:
    """The ways to join the movement for visitors, and the committee's pages (the organizer
    is a superuser) for the demo's models of affiliation; the German translation of the user
    group has an outdated field."""
    from convene.demo.organizations import models_of_affiliation

    models_of_affiliation.load()  # idempotent: there whether or not load_demo loaded them
    visitor = [
        ("organizations:ways", []),
        ("organizations:model", ["movement-partner"]),
        ("organizations:model", ["user-group"]),
    ]
    organizer = [
        ("organizations:model_create", []),
        ("organizations:model_edit", ["chapter"]),
        ("organizations:model_translations", ["user-group"]),
        ("organizations:model_translate", ["user-group", "de"]),
    ]
    return visitor, organizer


def _url(name: str, args: list, language: str) -> str:
    with translation.override(language):
        url = reverse(name, args=args)
    return url + ("?q=hubs" if name == "discussion:search" else "")


# Each interface language, with the browser set to it.
LOCALES = {
    "en": "en-GB",
    "ar": "ar",
    "zh-hans": "zh-CN",
    "fr": "fr-FR",
    "de": "de-DE",
    "id": "id-ID",
    "ru": "ru-RU",
    "es": "es-ES",
    "hi": "hi-IN",
    "pt-br": "pt-BR",
}
# Where axe-core runs too (it takes most of the time): one language each way.
AXE_LANGUAGES = {"en", "ar"}


def _forms_with_errors(pages: dict[str, list[tuple[str, list]]]) -> dict[str, list]:
    """(view name, arguments, the form) whose form each role sends empty, to see its errors."""

    def entry(role: str, name: str) -> tuple[str, list]:
        return next(entry for entry in pages[role] if entry[0] == name)

    return {
        "visitor": [],
        "participant": [
            (*entry("participant", "events:register"), "main form[method=post]"),
            (*entry("participant", "discussion:feedback"), "form.comment-form"),
            (*entry("participant", "events:talk_propose"), "main form[method=post]"),
            (*entry("participant", "organizations:report_new"), "main form[method=post]"),
            (*entry("participant", "organizations:apply"), "main form[method=post]"),
            (*entry("participant", "prioritization:ballot"), "main form[method=post]"),
            (*entry("participant", "prioritization:group_submit"), "main form[method=post]"),
            (*entry("participant", "openspace:topic_new"), "main form[method=post]"),
            (*entry("participant", "openspace:contact"), "main form[method=post]"),
        ],
        "organizer": [
            (*entry("organizer", "events:create"), "main form[method=post]"),
            (*entry("organizer", "events:session_create"), "main form[method=post]"),
            (*entry("organizer", "organizations:report"), "main form[method=post]"),
            (*entry("organizer", "organizations:partnership_new"), "main form[method=post]"),
            (*entry("organizer", "organizations:model_create"), "main form[method=post]"),
            (*entry("organizer", "organizations:status_change"), "main form[method=post]"),
            (*entry("organizer", "organizations:application"), "form[action$='/decide/']"),
            (*entry("organizer", "prioritization:create"), "main form[method=post]"),
            (*entry("organizer", "prioritization:import"), "main form[method=post]"),
            (*entry("organizer", "openspace:series_new"), "main form[method=post]"),
            (*entry("organizer", "openspace:setup"), "main form[action$='/setup/slots/']"),
        ],
    }


# Where only the width (and the policy) is checked; the demo is loaded once for all of them.
OTHER_LANGUAGES = [code for code in LOCALES if code not in AXE_LANGUAGES]


def test_every_interface_language_is_swept():
    assert set(LOCALES) == {code for code, _name in settings.LANGUAGES}
    assert sorted([*AXE_LANGUAGES, *OTHER_LANGUAGES]) == sorted(LOCALES)


# axe-core runs on the pages as script-enabled browsers get them, left to right and right to
# left; without script the same pages are checked for width and policy (axe-core is most of
# the sweep's time, and the server sends the same markup either way).
@pytest.mark.parametrize(
    ("language", "javascript", "axe"),
    [("en", True, True), ("ar", True, True), ("en", False, False)],
)
def test_every_page_of_every_role_is_accessible_on_a_phone(
    new_page, log_in, time_zone_cookie, language, javascript, axe
):
    call_command("load_demo", stdout=io.StringIO())
    pages = _pages(User.objects.get(email=PARTICIPANTS[0].email))
    too_wide = _sweep(new_page, log_in, time_zone_cookie, pages, language, javascript, axe=axe)
    assert not too_wide, "wider than a phone:\n" + "\n".join(too_wide)


def test_every_page_of_every_role_fits_a_phone_in_every_other_language(
    new_page, log_in, time_zone_cookie
):
    call_command("load_demo", stdout=io.StringIO())
    pages = _pages(User.objects.get(email=PARTICIPANTS[0].email))
    too_wide = [
        line
        for language in OTHER_LANGUAGES
        for line in _sweep(new_page, log_in, time_zone_cookie, pages, language, True, axe=False)
    ]
    assert not too_wide, "wider than a phone:\n" + "\n".join(too_wide)


def _sweep(new_page, log_in, time_zone_cookie, pages, language: str, javascript: bool, axe: bool):
    """Open every page of every role in `language` on a phone, one browser context a role;
    check each (and with axe-core if `axe`); what is wider than the phone, one line a page."""
    organizer = User.objects.get(email=ORGANIZER_EMAIL)
    participant = User.objects.get(email=PARTICIPANTS[0].email)
    forms = _forms_with_errors(pages)
    too_wide: list[str] = []
    visited = 0

    def check(page, role: str, url: str, response, status: int = 200) -> None:
        assert response is not None and response.status == status, (role, url)
        assert csp_directives(response) == STRICT_CSP, url
        assert page.locator("html").get_attribute("lang") == language, url
        assert page.locator("html").get_attribute("dir") == (
            "rtl" if language == "ar" else "ltr"
        ), url
        overflow = phone_overflow(page)
        if overflow:
            too_wide.append(f"{language}, {role}, {url}: {overflow}")
        if axe:
            check_accessibility(page)

    for role, user in (("visitor", None), ("participant", participant), ("organizer", organizer)):
        page = new_page(locale=LOCALES[language], javascript=javascript, phone=True)
        time_zone_cookie(page)
        if user is not None:
            log_in(page, user)
        for name, args in pages[role]:
            url = _url(name, args, language)
            check(page, role, url, page.goto(url))
            visited += 1
        for name, args, form in forms[role]:
            url = _url(name, args, language)
            page.goto(url)
            with page.expect_navigation() as sent:
                # Sent as a click would (even where a page too wide puts something over it),
                # past the browser's own checks, so the server's messages show.
                page.locator(f"{form} button[type=submit]").last.evaluate(
                    "(button) => { button.form.noValidate = true; button.form.requestSubmit(button); }"
                )
            check(page, role, f"{url} (sent empty)", sent.value, status=400)
            assert page.locator(".errorlist, [role=alert]").count() > 0, url
            visited += 1
        assert page.external_requests == [], role
        page.context.close()
    assert visited == sum(len(entries) for entries in (*pages.values(), *forms.values()))
    return too_wide
