from datetime import UTC, date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Count, F

from convene.accounts.models import User
from convene.discussion.models import Comment
from convene.documents import rules as document_rules
from convene.documents.diff import paragraph_diff
from convene.documents.models import (
    Document,
    DocumentVersion,
    Initiative,
    ParagraphTranslation,
    Phase,
    Process,
)
from convene.documents.selectors import published_versions, version_reading
from convene.qanda.models import HostAction, Question, Vote

pytestmark = pytest.mark.django_db

FEEDBACK_OPENS = datetime(2019, 8, 12, tzinfo=UTC)
FEEDBACK_CLOSES = datetime(2019, 9, 15, 23, 59, tzinfo=UTC)


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def advocacy_versions():
    document = Document.objects.get(process__slug="movement-strategy-2018-20", slug="advocacy")
    return published_versions(document=document)


def rows(version):
    return [(p.anchor, p.text) for p in version.paragraphs.order_by("position")]


def test_loading_twice_creates_everything_once():
    first = load_demo()
    second = load_demo()

    assert set(Process.objects.values_list("slug", flat=True)) == {
        "movement-strategy-2018-20",
        "movement-charter",
    }
    assert Phase.objects.count() == 4 + 3
    assert Document.objects.count() == 9 + 1 + 1
    assert DocumentVersion.objects.count() == 9 * 2 + 1 + 1
    assert DocumentVersion.objects.filter(published_at__isnull=True).count() == 0
    assert Comment.objects.count() == 17
    assert Comment.objects.filter(parent__isnull=False).count() == 4
    # Advocacy: iteration 1 in fr (7), ar (7), es (4); all carried to iteration 2, where
    # French gains the four new recommendations.
    assert ParagraphTranslation.objects.count() == 18 + 18 + 4
    assert Initiative.objects.count() == 21
    assert Question.objects.count() == 12
    assert Vote.objects.count() == 10
    assert "10 documents added" in first
    assert "12 added, with 10 votes" in first
    assert second.count("nothing to add") == 3
    assert " added" not in second


def test_a_deleted_demo_document_comes_back_alone():
    load_demo()
    Document.objects.get(slug="community-health").delete()

    out = load_demo()

    assert "1 documents added (versions: 2, comments: 6" in out
    assert Document.objects.count() == 11
    assert Comment.objects.count() == 17


def test_movement_strategy_phases_follow_the_feedback_window():
    load_demo()

    process = Process.objects.get(slug="movement-strategy-2018-20")
    assert [(p.kind, p.starts_on, p.ends_on) for p in process.phases.all()] == [
        ("drafting", date(2019, 4, 1), date(2019, 8, 11)),
        ("feedback", date(2019, 8, 12), date(2019, 9, 15)),
        ("synthesis", date(2019, 9, 16), date(2020, 1, 20)),
        ("final", date(2020, 1, 21), None),
    ]
    feedback = process.phases.get(kind="feedback")
    assert "Open community input was accepted until September 15" in feedback.description
    assert "10 recommendations" in " ".join(process.description.split())


def test_nine_working_groups_with_two_iterations_each():
    load_demo()

    documents = Document.objects.filter(kind="recommendation_set").order_by("position")
    assert [d.working_group for d in documents] == [
        "Advocacy",
        "Capacity Building",
        "Community Health",
        "Diversity",
        "Partnerships",
        "Product & Technology",
        "Resource Allocation",
        "Revenue Streams",
        "Roles & Responsibilities",
    ]
    for document in documents:
        first, second = published_versions(document=document)
        assert first.published_at == FEEDBACK_OPENS
        assert second.published_at == datetime(2019, 9, 27, tzinfo=UTC)
        assert (first.feedback_opens_at, first.feedback_closes_at) == (
            FEEDBACK_OPENS,
            FEEDBACK_CLOSES,
        )
        assert len(first.questions_list()) == 4
        assert first.paragraphs.first().text == f"# {document.working_group}"
    community_health = Document.objects.get(slug="community-health")
    first, second = published_versions(document=community_health)
    assert first.change_summary.startswith("The iteration 1 list of this group is not in")
    assert "No list change is recorded" in second.change_summary
    assert first.body == second.body
    roles = Document.objects.get(slug="roles-responsibilities")
    first, second = published_versions(document=roles)
    assert "No list change is recorded" in second.change_summary
    assert first.body == second.body
    assert first.paragraphs.count() == 1 + 7


def test_advocacy_iterations_differ_with_changed_and_added_paragraphs():
    load_demo()

    first, second = advocacy_versions()
    assert first.paragraphs.count() == 1 + 6
    assert second.paragraphs.count() == 1 + 10
    assert "Wikimania 2019" in second.change_summary
    assert "Protection of Advocates" in second.change_summary
    changes = [row.change for row in paragraph_diff(rows(first), rows(second))]
    assert changes == ["unchanged"] + ["changed"] * 6 + ["added"] * 4
    partnerships = published_versions(document=Document.objects.get(slug="partnerships"))
    changes = {row.change for row in paragraph_diff(*(rows(v) for v in partnerships))}
    assert changes == {"unchanged", "changed", "added", "removed"}


def test_french_is_current_but_for_one_paragraph_arabic_is_outdated():
    load_demo()

    first, second = advocacy_versions()
    for language in ("fr", "ar"):
        reading = version_reading(version=first, language=language)
        assert [(r.is_fallback, r.is_outdated) for r in reading] == [(False, False)] * 7
    assert sum(r.is_fallback for r in version_reading(version=first, language="es")) == 3

    french = version_reading(version=second, language="fr")
    assert [r.is_fallback for r in french] == [False] * 11
    outdated = [r for r in french if r.is_outdated]
    assert len(outdated) == 1
    assert outdated[0].paragraph.text.startswith("4. Knowledge management:")
    assert outdated[0].text.startswith("4. Une gestion constante")
    assert french[0].text == "# Plaidoyer"

    arabic = version_reading(version=second, language="ar")
    assert [(r.is_fallback, r.is_outdated) for r in arabic] == [(False, False)] + [
        (False, True)
    ] * 6 + [(True, False)] * 4
    assert arabic[0].paragraph.anchor == first.paragraphs.first().anchor


def test_feedback_is_in_the_window_in_many_languages_with_replies_without_stance():
    load_demo()

    comments = Comment.objects.select_related("version__document", "paragraph")
    assert {c.version.document.slug for c in comments} == {"advocacy", "community-health"}
    assert {c.version.number for c in comments} == {1}
    assert all(FEEDBACK_OPENS <= c.created_at < FEEDBACK_CLOSES for c in comments)
    assert {"en", "fr", "es", "ar", "id", "hi", "de", "pt-br"} <= {c.language for c in comments}
    top = [c for c in comments if c.parent_id is None]
    assert {c.stance for c in top} == {"support", "concern", "red_line", "question"}
    assert all(c.stance == "" for c in comments if c.parent_id)
    assert all(c.created_at > c.parent.created_at for c in comments if c.parent_id)
    assert all(c.paragraph is None or c.paragraph.version_id == c.version_id for c in comments)
    assert sum(c.paragraph is None for c in top) == 3
    assert all(c.author.email.endswith("@example.org") for c in comments)


def test_ama_questions_answers_follow_ups_and_votes():
    load_demo()

    questions = Question.objects.filter(
        session__event__slug="movement-charter-ama-2022", session__title="Asia-Pacific edition"
    )
    assert questions.count() == 12
    hubs = questions.get(text__startswith="There is no active discussion about hubs")
    follow_up = questions.get(text__startswith="To whom the hubs are going to be responsible")
    assert follow_up.follows == hubs
    assert follow_up.answer == "See the previous answer."
    meetup = questions.get(text__startswith="Can we request a regional strategy meetup?")
    grant = questions.get(text__contains="Can we request a grant for such a meetup?")
    assert grant.follows == meetup
    assert not grant.is_answered
    assert grant.answer == ""
    assert questions.filter(answered_at__isnull=True).count() == 1
    session_start = datetime(2022, 11, 4, 9, tzinfo=UTC)
    session_end = datetime(2022, 11, 4, 10, 30, tzinfo=UTC)
    for question in questions.exclude(pk=grant.pk):
        assert session_start <= question.answered_at <= session_end
        assert question.answered_at > question.created_at
    assert questions.filter(is_anonymous=True).count() == 1
    assert set(questions.values_list("language", flat=True)) == {"en"}
    assert all(q.author is not None for q in questions)
    counted = questions.annotate(votes_cast=Count("votes"))
    assert [(q.pk, q.vote_count) for q in counted] == [(q.pk, q.votes_cast) for q in counted]
    assert not Vote.objects.filter(question__author=F("user")).exists()  # nobody votes for self
    # The hosts' log: each answer when it was given, each follow-up link.
    log = HostAction.objects.filter(question__session=hubs.session)
    assert sorted(log.filter(action="answer").values_list("question_id", "created_at")) == sorted(
        questions.exclude(pk=grant.pk).values_list("pk", "answered_at")
    )
    assert sorted(log.filter(action="follow_up").values_list("question_id", "detail")) == [
        (follow_up.pk, f"#{hubs.pk}"),
        (grant.pk, f"#{meetup.pk}"),
    ]


def test_final_recommendations_and_verified_initiatives():
    load_demo()

    final = Document.objects.get(slug="final-recommendations-2020")
    assert final.kind == "other"
    (version,) = published_versions(document=final)
    assert version.published_at == datetime(2020, 1, 21, tzinfo=UTC)
    assert "10. Evaluate, Iterate, and Adapt" in version.body
    assert {i.identifier: i.title for i in Initiative.objects.filter(number__in=range(22, 26))} == {
        "initiative-22": "Movement Charter",
        "initiative-23": "Interim Global Council",
        "initiative-24": "Global Council",
        "initiative-25": "Regional & thematic hubs",
    }
    assert set(final.initiatives.values_list("number", flat=True)) == {
        *range(1, 12),
        22,
        23,
        24,
        25,
        31,
        32,
        33,
        36,
        37,
        38,
    }


def test_movement_charter_chapter_is_labelled_as_a_sample():
    load_demo()

    process = Process.objects.get(slug="movement-charter")
    assert [(p.title, p.starts_on, p.ends_on) for p in process.phases.all()][1:] == [
        ("Final text", date(2024, 6, 10), date(2024, 6, 24)),
        ("Ratification vote", date(2024, 6, 25), date(2024, 7, 9)),
    ]
    chapter = process.documents.get()
    assert chapter.kind == "charter_chapter"
    (version,) = published_versions(document=chapter)
    assert "sample text for the demo" in version.change_summary.lower()
    assert "Sample text for the demo" in version.body


def test_reset_removes_and_reloads_the_processes():
    load_demo()
    before = set(Process.objects.values_list("pk", flat=True))

    out = load_demo("--reset")

    assert "removing 2 demo processes" in out
    assert before.isdisjoint(Process.objects.values_list("pk", flat=True))
    assert Document.objects.count() == 11
    assert Comment.objects.count() == 17
    assert Question.objects.count() == 12


@pytest.mark.django_db
def test_demo_has_translators_and_moderators_who_are_not_administrators():
    from convene.accounts.models import User

    call_command("load_demo", stdout=StringIO())
    translator = User.objects.get(email="lavande@example.org")
    moderator = User.objects.get(email="colibri@example.org")
    assert (translator.is_superuser, moderator.is_superuser) == (False, False)
    assert translator.has_perm("documents.add_paragraphtranslation") is True
    assert moderator.has_perm("discussion.change_comment") is True
    assert translator.has_perm("discussion.change_comment") is False


def test_the_charter_chapter_takes_feedback_now_and_the_past_iterations_do_not():
    loaded_at = datetime(2026, 12, 7, 8, 30, tzinfo=UTC)
    with time_machine.travel(loaded_at, tick=False):
        load_demo()

    chapter = DocumentVersion.objects.get(document__slug="hubs")
    assert (chapter.feedback_opens_at, chapter.feedback_closes_at) == (
        None,
        datetime(2027, 2, 5, 23, 59, tzinfo=UTC),
    )
    assert document_rules.feedback_state(chapter, loaded_at) == "open"
    assert document_rules.feedback_state(chapter, datetime(2027, 2, 5, 23, 58, tzinfo=UTC)) == (
        "open"
    )
    states = {
        (version.document.slug, version.number): document_rules.feedback_state(version, loaded_at)
        for version in DocumentVersion.objects.select_related("document")
    }
    assert [key for key, state in states.items() if state == "open"] == [("hubs", 1)]
    assert set(states.values()) == {"open", "closed"}
    second = DocumentVersion.objects.get(document__slug="advocacy", number=2)
    assert second.feedback_closes_at == datetime(2019, 11, 1, tzinfo=UTC)


def test_a_visitor_can_comment_on_the_charter_chapter_after_loading(client):
    load_demo()
    visitor = User.objects.get(email="colibri@example.org")
    client.force_login(visitor)

    response = client.post(
        "/en/processes/movement-charter/hubs/v1/feedback/",
        {"body": "Hubs should share tools.", "language": "en", "stance": "support"},
    )

    assert response.status_code == 302
    assert Comment.objects.filter(version__document__slug="hubs").get().body == (
        "Hubs should share tools."
    )
