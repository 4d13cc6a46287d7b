"""Feedback pages, for moderators, participants, comment authors and anonymous visitors."""

import csv
import io
import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.test import TestCase

from convene.discussion import services
from convene.discussion.models import Comment, ModerationAction, Report
from tests.factories import UserFactory

from .factories import CLOSES, DURING, OPENS, CommentFactory, paragraphs_of, write

pytestmark = pytest.mark.django_db

FEEDBACK = "/en/processes/ms2030/advocacy/v1/feedback/"
FEEDBACK_2 = "/en/processes/ms2030/advocacy/v2/feedback/"


def post(client, url, data):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data)


def article(html, comment):
    """The HTML of one comment on a page."""
    match = re.search(rf'<article id="comment-{comment.pk}".*?</article>', html, re.S)
    assert match, f"comment {comment.pk} is not on the page"
    return match.group(0)


# --- the feedback page ---------------------------------------------------------------


def test_anonymous_visitors_read_the_window_questions_and_comments(client, clock, version, other):
    comment = write(version, other, body="Line one\nLine two", stance="concern", language="fr")

    response = client.get(FEEDBACK)

    assert response.status_code == 200
    html = response.text
    assert 'id="feedback"' in html
    assert "Feedback is open until" in html
    assert '<time datetime="2019-09-16T00:00:00Z">Mon, Sep 16, 2019, 00:00' in html
    assert '<li dir="auto">What do you like about this recommendation?</li>' in html
    assert '<li dir="auto">Are there any red lines we should not cross?</li>' in html
    assert 'href="https://meta.wikimedia.org/wiki/Universal_Code_of_Conduct"' in html
    assert "Log in to give feedback" in html
    assert 'class="comment-form"' not in html
    shown = article(html, comment)
    assert '<strong dir="auto">Bruno</strong>' in shown
    assert '<span class="badge stance-concern">Concern</span>' in shown
    assert "<span>French</span>" in shown
    assert '<div class="comment-body" lang="fr" dir="auto">Line one<br>Line two</div>' in shown
    assert "Report to moderators" not in shown
    assert "Reply" not in html.split('id="comments"')[1]


def test_the_form_is_labelled_and_preselects_paragraph_and_language(client, clock, version):
    paragraph = paragraphs_of(version)[1]
    client.force_login(UserFactory())

    response = client.get(f"/fr{FEEDBACK[3:]}?paragraph={paragraph.anchor}")

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial == {"paragraph": paragraph.anchor, "language": "fr", "stance": ""}
    html = response.text
    assert f'<option value="{paragraph.anchor}" selected>' in html
    assert '<option value="fr" selected>' in html
    for field in ("id_paragraph", "id_language", "id_body"):
        assert f'for="{field}"' in html
    assert 'maxlength="5000"' in html
    assert [value for value, _label in form.fields["stance"].choices] == [
        "",
        "support",
        "concern",
        "red_line",
        "question",
    ]
    # The list is filtered by that paragraph too.
    assert response.context["filters"].paragraph == paragraph.anchor


def test_posting_a_comment_with_a_stance_on_a_paragraph(client, clock, version, participant):
    paragraph = paragraphs_of(version)[0]
    client.force_login(participant)

    response = post(
        client,
        FEEDBACK,
        {
            "paragraph": paragraph.anchor,
            "stance": "red_line",
            "language": "en",
            "body": "Advocates must stay safe.",
        },
    )

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{FEEDBACK}#comment-{comment.pk}"
    assert (comment.author, comment.paragraph, comment.stance, comment.body) == (
        participant,
        paragraph,
        "red_line",
        "Advocates must stay safe.",
    )
    html = client.get(FEEDBACK).text
    shown = article(html, comment)
    assert "Red line" in shown
    assert f'/en/processes/ms2030/advocacy/v1/#{paragraph.anchor}"' in shown
    assert "Thank you: your comment is published." in html


def test_anonymous_posts_go_to_the_login_page(client, clock, version):
    response = client.post(FEEDBACK, {"language": "en", "body": "Hello"})
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("   ", "Write your comment before sending it."),
        ("x" * 5001, "Your comment is 5001 characters long. The limit is 5000 characters:"),
    ],
)
def test_refused_comments_say_why_beside_the_field(
    client, clock, version, participant, body, message
):
    client.force_login(participant)
    response = post(client, FEEDBACK, {"language": "en", "body": body})
    assert response.status_code == 400
    assert message in str(response.context["form"].errors["body"])
    assert message in response.text
    assert Comment.objects.count() == 0


def test_the_rate_limit_keeps_the_text(client, clock, version, participant):
    client.force_login(participant)
    for number in range(5):
        assert (
            post(client, FEEDBACK, {"language": "en", "body": f"Point {number}"}).status_code == 302
        )
    response = post(client, FEEDBACK, {"language": "en", "body": "My sixth point"})
    assert response.status_code == 400
    assert (
        "You can post at most 5 comments in a short time. Please wait up to 1 minute"
        in response.text
    )
    assert "My sixth point</textarea>" in response.text
    assert Comment.objects.count() == 5


def test_window_boundaries_on_the_page(client, version, participant):
    client.force_login(participant)
    data = {"language": "en", "body": "Hello"}
    with time_machine.travel(OPENS - timedelta(seconds=1), tick=False):
        response = client.get(FEEDBACK)
        assert "Feedback on this version opens on" in response.text
        assert 'class="comment-form"' not in response.text
        response = post(client, FEEDBACK, data)
        assert response.status_code == 400
        assert "Feedback on this version opens on Mon, Sep 2, 2019, 00:00 UTC." in response.text
    with time_machine.travel(OPENS, tick=False):
        assert post(client, FEEDBACK, data).status_code == 302
    with time_machine.travel(CLOSES, tick=False):
        response = client.get(FEEDBACK)
        assert "Feedback on this version closed on" in response.text
        assert "can no longer be replied to" in response.text
        assert 'class="comment-form"' not in response.text
        assert 'class="reply-form"' not in response.text
        response = post(client, FEEDBACK, {"language": "en", "body": "Too late"})
        assert response.status_code == 400
        assert "Feedback on this version closed on Mon, Sep 16, 2019, 00:00 UTC." in response.text
    assert list(Comment.objects.values_list("body", flat=True)) == ["Hello"]


def test_drafts_and_unknown_versions_have_no_feedback_page(client, document, version):
    from convene.documents import services as documents

    author = UserFactory()
    document.authors.add(author)
    documents.version_save_draft(document=document, author=author, title="T", body="Draft")
    assert client.get(FEEDBACK_2).status_code == 404
    assert client.get("/en/processes/ms2030/advocacy/v9/feedback/").status_code == 404
    assert client.get("/en/processes/ms2030/nothing/v1/feedback/").status_code == 404


# --- replies and threads -----------------------------------------------------------------


def test_replying_shows_the_reply_in_its_thread(client, clock, version, participant, other):
    parent = write(version, other, body="Is this realistic?", stance="question")
    write(version, UserFactory(display_name="Chen"), body="Another thread")
    client.force_login(participant)

    html = client.get(FEEDBACK).text
    assert f'action="/en/comments/{parent.pk}/reply/"' in html
    assert f'<label for="reply-{parent.pk}-body">Your reply</label>' in html
    assert f'<label for="reply-{parent.pk}-language">Language of your reply</label>' in html

    response = post(
        client, f"/en/comments/{parent.pk}/reply/", {"language": "en", "body": "Yes, I think so."}
    )
    reply = Comment.objects.get(parent=parent)
    assert response.status_code == 302
    assert response["Location"] == f"{FEEDBACK}#comment-{reply.pk}"

    html = client.get(FEEDBACK).text
    thread = re.search(
        rf'<li class="thread">\s*<article id="comment-{parent.pk}".*?</li>\s*</ol>', html, re.S
    ).group(0)
    assert '<ol class="replies"' in thread
    assert f'id="comment-{reply.pk}"' in thread
    assert "Yes, I think so." in thread
    # The author of the comment is told by email.
    assert Comment.objects.count() == 3


def test_the_reply_page_and_its_refusals(client, clock, version, participant, other, moderator):
    parent = write(version, other)
    url = f"/en/comments/{parent.pk}/reply/"
    assert client.get(url)["Location"].startswith("/en/accounts/login/")
    assert client.post(url, {"language": "en", "body": "x"}).status_code == 302
    assert Comment.objects.count() == 1

    client.force_login(participant)
    response = client.get(url)
    assert response.status_code == 200
    assert '<label for="id_body">Your reply:</label>' in response.text
    assert '<label for="id_language">Language of your reply:</label>' in response.text

    services.comment_hide(comment=parent, moderator=moderator, reason="Off topic.")
    response = post(client, url, {"language": "en", "body": "Still replying"})
    assert response.status_code == 400
    assert "This comment was hidden by moderators; it cannot be replied to." in response.text
    assert Comment.objects.count() == 1


def test_older_iterations_comments_are_listed_on_the_newer_page(
    client, clock, version, second_version, participant
):
    kept, removed, _last = paragraphs_of(version)
    on_kept = write(version, participant, body="On the first paragraph", paragraph=kept)
    on_removed = write(version, participant, body="On a removed paragraph", paragraph=removed)
    clock.shift(timedelta(minutes=1))
    on_new = write(second_version, participant, body="On iteration two")

    html = client.get(FEEDBACK_2).text
    assert "on iteration 1" in article(html, on_kept)
    assert f'href="/en/processes/ms2030/advocacy/v2/#{kept.anchor}"' in article(html, on_kept)
    shown = article(html, on_removed)
    assert "on iteration 1" in shown
    assert f'href="/en/processes/ms2030/advocacy/v1/#{removed.anchor}"' in shown
    assert "(a paragraph no longer in this version)" in shown
    assert "on iteration" not in article(html, on_new)
    # They stay attached to the version they were written on,
    assert Comment.objects.get(pk=on_kept.pk).version == version
    # and the older page does not show newer comments.
    assert f"comment-{on_new.pk}" not in client.get(FEEDBACK).text
    # Filtering by paragraph follows its anchor across iterations.
    new_kept = second_version.paragraphs.get(anchor=kept.anchor)
    response = client.get(f"{FEEDBACK_2}?paragraph={new_kept.anchor}")
    assert [c.pk for c in response.context["page"]] == [on_kept.pk]


def test_filters(client, clock, version):
    first, second, _third = paragraphs_of(version)
    support_en = CommentFactory(version=version, stance="support", paragraph=first)
    concern_fr = CommentFactory(version=version, stance="concern", language="fr", paragraph=second)
    plain_ar = CommentFactory(version=version, language="ar")

    def listed(query):
        return [c.pk for c in client.get(f"{FEEDBACK}?{query}").context["page"]]

    assert listed("") == [plain_ar.pk, concern_fr.pk, support_en.pk]
    assert listed("stance=support") == [support_en.pk]
    assert listed("language=fr") == [concern_fr.pk]
    assert listed(f"paragraph={second.anchor}") == [concern_fr.pk]
    assert listed("stance=concern&language=en") == []
    assert listed("stance=nonsense") == [plain_ar.pk, concern_fr.pk, support_en.pk]
    assert "No comment matches these filters." in client.get(f"{FEEDBACK}?stance=question").text


def test_pagination_and_lasting_comment_addresses(client, clock, version):
    comments = []
    for _number in range(25):
        comments.append(CommentFactory(version=version))
        clock.shift(timedelta(seconds=1))
    reply = CommentFactory(version=version, parent=comments[0])

    first = client.get(FEEDBACK).context["page"]
    second = client.get(f"{FEEDBACK}?page=2").context["page"]
    assert [c.pk for c in first] == [c.pk for c in reversed(comments[5:])]
    assert [c.pk for c in second] == [c.pk for c in reversed(comments[:5])]
    assert client.get(f"/en/comments/{comments[0].pk}/")["Location"] == (
        f"{FEEDBACK}?page=2#comment-{comments[0].pk}"
    )
    assert client.get(f"/en/comments/{reply.pk}/")["Location"] == (
        f"{FEEDBACK}?page=2#comment-{reply.pk}"
    )
    assert client.get(f"/en/comments/{comments[-1].pk}/")["Location"] == (
        f"{FEEDBACK}#comment-{comments[-1].pk}"
    )
    assert client.get("/en/comments/999999/").status_code == 404
    assert 'href="?page=2#comments"' in client.get(FEEDBACK).text
    assert 'href="?stance=support&amp;page=2#comments"' not in client.get(FEEDBACK).text


def _threads(version, count):
    for _number in range(count):
        parent = CommentFactory(version=version, paragraph=paragraphs_of(version)[0])
        CommentFactory(version=version, parent=parent)
        CommentFactory(version=version, parent=parent, author=None)


@pytest.mark.parametrize(
    ("viewer", "queries"), [("anonymous", 6), ("participant", 11), ("moderator", 11)]
)
def test_the_feedback_page_takes_a_constant_number_of_queries(
    client, clock, version, moderator, django_assert_max_num_queries, viewer, queries
):
    if viewer == "participant":
        client.force_login(UserFactory())
    elif viewer == "moderator":
        client.force_login(moderator)
    _threads(version, 5)
    with django_assert_max_num_queries(queries) as few:
        assert client.get(FEEDBACK).status_code == 200
    _threads(version, 55)
    with django_assert_max_num_queries(queries) as many:
        response = client.get(FEEDBACK)
    assert len(few.captured_queries) == len(many.captured_queries)
    assert len(response.context["page"]) == 20
    assert response.text.count('<article id="comment-') == 60


# --- reports --------------------------------------------------------------------------------


def test_reporting_a_comment(client, clock, version, participant, other):
    comment = write(version, other)
    url = f"/en/comments/{comment.pk}/report/"
    assert client.get(url)["Location"].startswith("/en/accounts/login/")

    client.force_login(participant)
    assert f'href="{url}"' in client.get(FEEDBACK).text
    response = client.get(url)
    assert response.status_code == 200
    assert '<label for="id_reason">What is wrong with this comment?</label>' in response.text

    response = client.post(url, {"reason": "A personal attack."})
    assert response.status_code == 302
    assert Report.objects.get().reason == "A personal attack."

    response = client.post(url, {"reason": "Still bad."})
    assert response.status_code == 400
    assert "You have already reported this comment." in response.text
    assert Report.objects.count() == 1


def test_reporting_needs_a_reason_and_not_ones_own_comment(client, clock, version, participant):
    mine = write(version, participant)
    client.force_login(participant)
    assert f'href="/en/comments/{mine.pk}/report/"' not in client.get(FEEDBACK).text

    response = client.post(f"/en/comments/{mine.pk}/report/", {"reason": "Test"})
    assert response.status_code == 400
    assert "You cannot report your own comment." in response.text

    theirs = write(version, UserFactory())
    response = client.post(f"/en/comments/{theirs.pk}/report/", {"reason": ""})
    assert response.status_code == 400
    assert "Say in a few words what is wrong with this comment." in response.text
    assert Report.objects.count() == 0


# --- moderation -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/en/moderation/", "/en/moderation/log/"])
def test_moderation_pages_are_for_moderators(client, moderator, path):
    assert client.get(path)["Location"].startswith("/en/accounts/login/")
    client.force_login(UserFactory())
    assert client.get(path).status_code == 403
    client.force_login(moderator)
    assert client.get(path).status_code == 200


def test_moderators_hide_from_the_queue(client, clock, version, participant, other, moderator):
    comment = write(version, other, body="You are all idiots.")
    report = services.report_create(comment=comment, reporter=participant, reason="Insult.")
    client.force_login(moderator)

    html = client.get("/en/moderation/").text
    assert "You are all idiots." in html
    assert "Insult." in html
    assert (
        f'<label for="hide-{report.pk}">Public reason, shown in place of the comment</label>'
        in html
    )

    response = client.post(
        f"/en/moderation/comments/{comment.pk}/hide/",
        {"reason": "Personal attacks are not allowed.", "next": "/en/moderation/"},
    )
    assert response["Location"] == "/en/moderation/"
    comment.refresh_from_db()
    assert comment.hidden_reason == "Personal attacks are not allowed."
    assert comment.body == "You are all idiots."  # kept for the record
    report.refresh_from_db()
    assert report.status == "hidden"
    assert "No open reports." in client.get("/en/moderation/").text

    # Everyone sees the reason, not the text; moderators can still read it.
    client.logout()
    shown = article(client.get(FEEDBACK).text, comment)
    assert "Hidden by moderators: <bdi>Personal attacks are not allowed.</bdi>" in shown
    assert "idiots" not in shown
    client.force_login(moderator)
    shown = article(client.get(FEEDBACK).text, comment)
    assert "idiots" in shown
    assert f'action="/en/moderation/comments/{comment.pk}/unhide/"' in shown

    log = client.get("/en/moderation/log/").text
    assert "Mod Maya" in log
    assert "Personal attacks are not allowed." in log


def test_hiding_needs_a_reason(client, clock, version, other, moderator):
    comment = write(version, other)
    client.force_login(moderator)
    response = client.post(
        f"/en/moderation/comments/{comment.pk}/hide/", {"reason": " "}, follow=True
    )
    assert "Give the reason for hiding" in response.text
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert ModerationAction.objects.count() == 0


def test_unhide_and_dismiss_from_the_pages(client, clock, version, participant, other, moderator):
    comment = write(version, other)
    client.force_login(moderator)
    client.post(f"/en/moderation/comments/{comment.pk}/hide/", {"reason": "Mistake?"})
    response = client.post(
        f"/en/moderation/comments/{comment.pk}/unhide/", {"next": f"/en/comments/{comment.pk}/"}
    )
    assert response["Location"] == f"/en/comments/{comment.pk}/"
    comment.refresh_from_db()
    assert not comment.is_hidden

    report = services.report_create(comment=comment, reporter=participant, reason="Hmm.")
    response = client.post(f"/en/moderation/reports/{report.pk}/dismiss/")
    assert response["Location"] == "/en/moderation/"
    report.refresh_from_db()
    assert report.status == "dismissed"
    assert list(ModerationAction.objects.values_list("action", flat=True)) == [
        "dismiss",
        "unhide",
        "hide",
    ]
    # A redirect elsewhere is not followed.
    response = client.post(
        f"/en/moderation/comments/{comment.pk}/hide/",
        {"reason": "Spam.", "next": "https://evil.example.org/"},
    )
    assert response["Location"] == "/en/moderation/"


@pytest.mark.parametrize("who", ["anonymous", "participant", "author"])
def test_only_moderators_moderate(client, clock, version, participant, other, who):
    comment = write(version, other)
    report = services.report_create(comment=comment, reporter=participant, reason="Hmm.")
    if who == "participant":
        client.force_login(participant)
    elif who == "author":
        client.force_login(other)
    for url, data in (
        (f"/en/moderation/comments/{comment.pk}/hide/", {"reason": "No."}),
        (f"/en/moderation/comments/{comment.pk}/unhide/", {}),
        (f"/en/moderation/reports/{report.pk}/dismiss/", {}),
    ):
        response = client.post(url, data)
        assert response.status_code == (302 if who == "anonymous" else 403)
    comment.refresh_from_db()
    report.refresh_from_db()
    assert (comment.is_hidden, report.status) == (False, "open")
    assert ModerationAction.objects.count() == 0
    assert 'action="/en/moderation/' not in client.get(FEEDBACK).text


@pytest.mark.parametrize(("path", "queries"), [("/en/moderation/", 7), ("/en/moderation/log/", 7)])
def test_moderation_pages_take_a_constant_number_of_queries(
    client, clock, version, moderator, django_assert_max_num_queries, path, queries
):
    def reported_and_handled(count):
        for _number in range(count):
            comment = CommentFactory(version=version)
            Report.objects.create(comment=comment, reporter=UserFactory(), reason="Spam.")
            report = Report.objects.create(comment=comment, reporter=None, reason="Rude.")
            services.report_dismiss(report=report, moderator=moderator)

    client.force_login(moderator)
    reported_and_handled(2)
    with django_assert_max_num_queries(queries) as few:
        assert client.get(path).status_code == 200
    reported_and_handled(30)
    with django_assert_max_num_queries(queries) as many:
        response = client.get(path)
    assert len(few.captured_queries) == len(many.captured_queries)
    assert len(response.context["page"]) == 32


# --- synthesis and exports ----------------------------------------------------------------------


@pytest.fixture
def feedback_set(clock, version, second_version, moderator):
    """Feedback on iteration 1, plus one comment on iteration 2 that must not be counted."""
    first, second, third = paragraphs_of(version)
    amina = UserFactory(display_name="Amina")
    bruno = UserFactory(display_name="Bruno")
    a = write(version, amina, body="=SUM(A1:A3) is how I count", stance="support", paragraph=first)
    clock.shift(timedelta(minutes=1))
    b = write(
        version,
        bruno,
        body="Je m'inquiète.\nBeaucoup.",
        stance="concern",
        language="fr",
        paragraph=first,
    )
    clock.shift(timedelta(minutes=1))
    c = write(version, amina, body="A red line", stance="red_line", paragraph=second)
    clock.shift(timedelta(minutes=1))
    d = write(version, bruno, body="Overall fine")
    clock.shift(timedelta(minutes=1))
    e = write(version, amina, body="Thanks, Bruno", parent=b)
    clock.shift(timedelta(minutes=1))
    f = write(
        version,
        UserFactory(display_name="Gone"),
        body="Rude words",
        stance="support",
        paragraph=third,
    )
    services.comment_hide(comment=f, moderator=moderator, reason="Rude.")
    f.author.delete()
    clock.shift(timedelta(minutes=1))
    write(second_version, bruno, body="On iteration two", stance="support")
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "paragraphs": (first, second, third)}


def test_synthesis_counts(client, feedback_set):
    first, second, third = feedback_set["paragraphs"]
    response = client.get("/en/processes/ms2030/advocacy/v1/feedback/synthesis/")

    assert response.status_code == 200
    synthesis = response.context["synthesis"]
    assert (synthesis.comments, synthesis.replies, synthesis.hidden, synthesis.whole_document) == (
        4,
        1,
        1,
        1,
    )
    assert [(t.key, t.label, t.count) for t in synthesis.by_stance] == [
        ("support", "Support", 1),
        ("concern", "Concern", 1),
        ("red_line", "Red line", 1),
        ("question", "Question", 0),
        ("", "No stance given", 1),
    ]
    assert [(t.key, t.label, t.count) for t in synthesis.by_language] == [
        ("en", "English", 4),
        ("fr", "French", 1),
    ]
    assert [(p.anchor, p.first_words, p.count) for p in synthesis.by_paragraph] == [
        (first.anchor, "A global network of Wikimedia advocates is built on community…", 2),
        (
            second.anchor,
            "Community actively seeks and provides a good environment that attracts…",
            1,
        ),
        (third.anchor, "There is an established communication process for community advocates.", 0),
    ]
    html = response.text
    assert "4 comments on this iteration" in html
    assert "1 comment or reply hidden by moderators is not counted." in html
    assert f'?paragraph={first.anchor}#comments">2</a>' in html


EXPECTED_HEADER = [
    "id",
    "paragraph",
    "parent",
    "author",
    "language",
    "stance",
    "body",
    "hidden",
    "created_at",
]


def test_csv_export(client, feedback_set):
    a, b, c, d, e, f = (feedback_set[key] for key in "abcdef")
    first, second, third = feedback_set["paragraphs"]

    response = client.get("/en/processes/ms2030/advocacy/v1/feedback/export.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="advocacy-v1-feedback.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows == [
        EXPECTED_HEADER,
        [
            str(a.pk),
            first.anchor,
            "",
            "Amina",
            "en",
            "support",
            "'=SUM(A1:A3) is how I count",
            "false",
            "2019-09-05T10:00:00Z",
        ],
        [
            str(b.pk),
            first.anchor,
            "",
            "Bruno",
            "fr",
            "concern",
            "Je m'inquiète.\nBeaucoup.",
            "false",
            "2019-09-05T10:01:00Z",
        ],
        [
            str(c.pk),
            second.anchor,
            "",
            "Amina",
            "en",
            "red_line",
            "A red line",
            "false",
            "2019-09-05T10:02:00Z",
        ],
        [str(d.pk), "", "", "Bruno", "en", "", "Overall fine", "false", "2019-09-05T10:03:00Z"],
        [
            str(e.pk),
            first.anchor,
            str(b.pk),
            "Amina",
            "en",
            "",
            "Thanks, Bruno",
            "false",
            "2019-09-05T10:04:00Z",
        ],
        [str(f.pk), third.anchor, "", "", "en", "support", "", "true", "2019-09-05T10:05:00Z"],
    ]


def test_json_export(client, feedback_set):
    b, f = feedback_set["b"], feedback_set["f"]
    first, _second, third = feedback_set["paragraphs"]

    response = client.get("/en/processes/ms2030/advocacy/v1/feedback/export.json")

    assert response.status_code == 200
    data = json.loads(response.content)
    assert (data["process"], data["document"], data["version"]) == ("ms2030", "advocacy", 1)
    assert len(data["comments"]) == 6
    assert data["comments"][1] == {
        "id": b.pk,
        "paragraph": first.anchor,
        "parent": None,
        "author": "Bruno",
        "language": "fr",
        "stance": "concern",
        "body": "Je m'inquiète.\nBeaucoup.",
        "hidden": False,
        "created_at": "2019-09-05T10:01:00Z",
    }
    assert data["comments"][4]["parent"] == b.pk
    assert data["comments"][5] == {
        "id": f.pk,
        "paragraph": third.anchor,
        "parent": None,
        "author": None,
        "language": "en",
        "stance": "support",
        "body": None,
        "hidden": True,
        "created_at": "2019-09-05T10:05:00Z",
    }
    assert "Rude words" not in response.content.decode()


def test_synthesis_and_exports_of_a_draft_are_404(client, document):
    for suffix in ("synthesis/", "export.csv", "export.json"):
        assert client.get(f"{FEEDBACK}{suffix}").status_code == 404


# --- the reading page links here ------------------------------------------------------------------


def test_the_reading_page_links_each_paragraph_to_its_feedback(client, clock, version, participant):
    paragraph = paragraphs_of(version)[0]
    write(version, participant, paragraph=paragraph)

    html = client.get("/en/processes/ms2030/advocacy/v1/").text

    assert f'href="{FEEDBACK}?paragraph={paragraph.anchor}#feedback">1 comment</a>' in html
    assert f'<a class="button" href="{FEEDBACK}#feedback">Give feedback</a>' in html


def test_the_reading_page_counts_what_the_paragraphs_feedback_shows_earlier_iterations_too(
    client, clock, version, second_version, participant, other
):
    kept_v1 = paragraphs_of(version)[2]  # "There is an established communication process…"
    kept_v2 = paragraphs_of(second_version)[1]
    assert kept_v1.anchor == kept_v2.anchor  # the same paragraph, unchanged
    dropped = paragraphs_of(version)[1]  # "Community actively seeks…", gone in iteration 2
    write(version, participant, paragraph=kept_v1)
    write(version, other, paragraph=dropped)
    write(second_version, participant, paragraph=kept_v2, body="Still agree.")
    hidden = write(second_version, other, paragraph=kept_v2, body="Rude words.")
    Comment.objects.filter(pk=hidden.pk).update(hidden_at=DURING, hidden_reason="Rude.")
    link = f"{FEEDBACK_2}?paragraph={kept_v2.anchor}#feedback"

    html = client.get("/en/processes/ms2030/advocacy/v2/").text
    shown = client.get(f"{FEEDBACK_2}?paragraph={kept_v2.anchor}").text

    assert f'href="{link}">2 comments</a>' in html
    assert shown.count('<article id="comment-') == 3  # the two counted, and the hidden one
    assert f'href="{FEEDBACK}?paragraph={kept_v1.anchor}#feedback">1 comment</a>' in (
        client.get("/en/processes/ms2030/advocacy/v1/").text
    )


@pytest.mark.parametrize("code", ["ar", "fr", "hi"])
def test_the_feedback_page_renders_in_other_languages(client, clock, version, participant, code):
    write(version, participant, body="مرحبا", language="ar")
    client.force_login(participant)
    response = client.get(f"/{code}{FEEDBACK[3:]}")
    assert response.status_code == 200
    direction = "rtl" if code == "ar" else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in response.text
    assert 'lang="ar" dir="auto">مرحبا</div>' in response.text


def test_the_comment_forms_help_is_in_the_readers_language(client, clock, version, participant):
    client.force_login(participant)

    french = client.get(f"/fr{FEEDBACK[3:]}").text
    english = client.get(FEEDBACK).text

    assert (
        "Texte brut\u00a0; les retours à la ligne sont conservés. 5000 caractères au maximum."
        in (french)
    )
    assert "Plain text; line breaks are kept." not in french
    assert "Plain text; line breaks are kept. At most 5000 characters." in english
