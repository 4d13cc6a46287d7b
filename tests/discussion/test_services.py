"""The rules of feedback, through the services: what is refused says why, and saves nothing."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction

from convene.core.errors import ServiceError
from convene.core.models import OutgoingEmail
from convene.discussion import services
from convene.discussion.models import Comment, ModerationAction, Report
from convene.documents import services as document_services
from tests.documents.test_publishing import publish
from tests.factories import UserFactory

from .factories import CLOSES, OPENS, paragraphs_of, write

pytestmark = pytest.mark.django_db


def refused(code, **kwargs):
    """Call comment_create, expect a refusal with `code`, and return its message."""
    kwargs.setdefault("language", "en")
    kwargs.setdefault("body", "A comment.")
    with pytest.raises(ServiceError) as error:
        services.comment_create(**kwargs)
    assert error.value.code == code
    return str(error.value.message)


# --- comments ------------------------------------------------------------------


def test_a_comment_with_a_stance_on_a_paragraph(clock, version, participant):
    paragraph = paragraphs_of(version)[0]

    comment = write(
        version,
        participant,
        body="  We need this.\nEspecially offline.  ",
        stance="support",
        paragraph=paragraph,
        language="fr",
    )

    comment.refresh_from_db()
    assert comment.body == "We need this.\nEspecially offline."
    assert (comment.stance, comment.language, comment.paragraph, comment.parent) == (
        "support",
        "fr",
        paragraph,
        None,
    )
    assert comment.created_at == datetime(2019, 9, 5, 10, 0, tzinfo=UTC)


def test_stance_is_optional_on_a_top_level_comment(clock, version, participant):
    assert write(version, participant).stance == ""


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ("", "empty", "Write your comment before sending it."),
        (" \n\t ", "empty", "Write your comment before sending it."),
        (
            "x" * 5001,
            "too_long",
            "Your comment is 5001 characters long. The limit is 5000 characters: "
            "shorten it, or split it into a comment and a reply.",
        ),
    ],
)
def test_empty_and_over_long_comments_are_refused(clock, version, participant, body, code, message):
    assert refused(code, version=version, author=participant, body=body) == message
    assert Comment.objects.count() == 0


def test_exactly_the_maximum_length_is_accepted(clock, version, participant):
    assert len(write(version, participant, body="x" * 5000).body) == 5000


def test_language_must_be_one_of_the_content_languages(clock, version, participant):
    message = refused("language", version=version, author=participant, language="tlh")
    assert message == "Choose the language your comment is written in from the list."
    assert Comment.objects.count() == 0


def test_unknown_stance_is_refused(clock, version, participant):
    assert refused("stance", version=version, author=participant, stance="veto")
    assert Comment.objects.count() == 0


def test_a_paragraph_of_another_version_is_refused(clock, version, second_version, participant):
    message = refused(
        "paragraph",
        version=second_version,
        author=participant,
        paragraph=paragraphs_of(version)[0],
    )
    assert message == "This paragraph is not part of this version."
    assert Comment.objects.count() == 0


def test_anonymous_visitors_cannot_comment(clock, version):
    from django.contrib.auth.models import AnonymousUser

    assert refused("anonymous", version=version, author=AnonymousUser()) == (
        "Log in to give feedback."
    )


def test_a_draft_takes_no_feedback(clock, document, participant):
    from convene.documents import services as documents

    document.authors.add(participant)
    draft = documents.version_save_draft(
        document=document,
        author=participant,
        title="Draft",
        body="Text.",
        feedback_opens_at=OPENS,
        feedback_closes_at=CLOSES,
    )
    assert refused("unpublished", version=draft, author=participant)


def test_a_version_without_a_window_is_open_from_publication(clock, document, participant):
    version = publish(document, "Some text.")
    write(version, participant, body="Open as soon as it is published.")
    assert list(Comment.objects.values_list("body", flat=True)) == [
        "Open as soon as it is published."
    ]


def test_an_unpublished_draft_takes_no_feedback(clock, document, participant):
    document.authors.add(participant)
    draft = document_services.version_save_draft(
        document=document, author=participant, title="Draft", body="Text."
    )
    message = refused("unpublished", version=draft, author=participant)
    assert message == "This version is not published."


# --- the window, with a frozen clock ---------------------------------------------


def test_window_boundaries(version, participant):
    with time_machine.travel(OPENS - timedelta(seconds=1), tick=False):
        message = refused("not_yet_open", version=version, author=participant)
        assert message == "Feedback on this version opens on Mon, Sep 2, 2019, 00:00 UTC."
    with time_machine.travel(OPENS, tick=False):
        write(version, participant, body="First!")
    with time_machine.travel(CLOSES - timedelta(seconds=1), tick=False):
        write(version, participant, body="Just in time.")
    with time_machine.travel(CLOSES, tick=False):
        message = refused("closed", version=version, author=participant)
        assert message == "Feedback on this version closed on Mon, Sep 16, 2019, 00:00 UTC."
    assert list(Comment.objects.values_list("body", flat=True)) == ["First!", "Just in time."]


def test_the_now_argument_decides_the_window(version, participant):
    message = refused("closed", version=version, author=participant, now=CLOSES)
    assert message.startswith("Feedback on this version closed on")
    comment = services.comment_create(
        version=version, author=participant, body="Fine.", language="en", now=OPENS
    )
    assert comment.pk


# --- rate limit -------------------------------------------------------------------


def test_at_most_five_comments_a_minute(clock, version, participant):
    for number in range(5):
        write(version, participant, body=f"Comment {number}")
        clock.shift(timedelta(seconds=5))

    message = refused("rate_limited", version=version, author=participant)
    assert message == (
        "You can post at most 5 comments in a short time. "
        "Please wait up to 1 minute and try again; your text is kept below."
    )
    assert Comment.objects.count() == 5

    # Others are not slowed down by it,
    write(version, UserFactory(), body="Someone else")
    # and a minute after the first comment, there is room again.
    clock.shift(timedelta(seconds=36))
    write(version, participant, body="A minute later")
    assert Comment.objects.filter(author=participant).count() == 6


def test_at_most_thirty_comments_an_hour(clock, version, participant):
    for number in range(30):
        write(version, participant, body=f"Comment {number}")
        clock.shift(timedelta(seconds=61))

    message = refused("rate_limited", version=version, author=participant)
    assert message == (
        "You can post at most 30 comments in a short time. "
        "Please wait up to 60 minutes and try again; your text is kept below."
    )

    clock.shift(timedelta(minutes=30))  # the first ones are now more than an hour old
    write(version, participant, body="Later")
    assert Comment.objects.filter(author=participant).count() == 31


@pytest.mark.parametrize(
    ("rate", "message"),
    [
        (
            "1/30s/account",
            "You can post at most 1 comment in a short time. "
            "Please wait up to 1 minute and try again; your text is kept below.",
        ),
        (
            "2/2m/account",
            "You can post at most 2 comments in a short time. "
            "Please wait up to 2 minutes and try again; your text is kept below.",
        ),
    ],
)
def test_the_rate_limit_names_its_comments_and_its_minutes_each_by_its_number(
    clock, version, participant, settings, rate, message
):
    settings.CONVENE_RATE_LIMITS = {"comment": rate}
    for number in range(int(rate.split("/")[0])):
        write(version, participant, body=f"Comment {number}")

    assert refused("rate_limited", version=version, author=participant) == message


def test_replies_count_towards_the_rate_limit(clock, version, participant, other):
    parent = write(version, other)
    for _number in range(5):
        write(version, participant, body="Reply", parent=parent)
    assert refused("rate_limited", version=version, author=participant, parent=parent)


# --- replies ----------------------------------------------------------------------


def test_a_reply_takes_its_parents_paragraph_and_tells_its_author_in_their_language(
    clock, version, participant, other
):
    paragraph = paragraphs_of(version)[1]
    parent = write(version, other, stance="concern", paragraph=paragraph)

    reply = write(version, participant, body="Why?\nSay more.", parent=parent, language="en")

    assert (reply.parent, reply.paragraph, reply.stance) == (parent, paragraph, "")
    email = OutgoingEmail.objects.get()
    assert (email.to, email.language) == ("bruno@example.org", "fr")
    # Bruno reads French: the link opens the French pages.
    assert f"{settings.SITE_URL}/fr/comments/{reply.pk}/" in email.body
    assert "Why?\nSay more." in email.body
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bruno@example.org"]


def test_no_email_when_replying_to_oneself_or_to_a_deleted_user(clock, version, participant):
    mine = write(version, participant)
    write(version, participant, body="And also…", parent=mine)
    orphan = write(version, UserFactory())
    orphan.author.delete()
    orphan.refresh_from_db()
    write(version, participant, body="Hello?", parent=orphan)
    assert OutgoingEmail.objects.count() == 0


def test_a_reply_cannot_have_a_stance(clock, version, participant, other):
    parent = write(version, other)
    message = refused(
        "reply_stance", version=version, author=participant, parent=parent, stance="support"
    )
    assert message == "A reply has no stance of its own. Post a new comment to give your stance."
    assert Comment.objects.count() == 1


def test_the_database_also_refuses_a_stance_on_a_reply(clock, version, participant, other):
    parent = write(version, other)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(
            version=version,
            parent=parent,
            author=participant,
            body="x",
            language="en",
            stance="support",
        )


def test_a_reply_to_a_hidden_comment_is_refused(clock, version, participant, other, moderator):
    parent = write(version, other)
    services.comment_hide(comment=parent, moderator=moderator, reason="Personal attack.")
    parent.refresh_from_db()

    message = refused("parent_hidden", version=version, author=participant, parent=parent)
    assert message == "This comment was hidden by moderators; it cannot be replied to."
    assert Comment.objects.count() == 1


def test_a_reply_to_a_comment_of_another_version_is_refused(
    clock, version, second_version, participant, other
):
    parent = write(version, other)
    message = refused("parent_version", version=second_version, author=participant, parent=parent)
    assert message == "This comment belongs to another version; reply on its own page."


def test_replies_are_one_level_deep(clock, version, participant, other):
    parent = write(version, other)
    reply = write(version, participant, parent=parent)
    assert refused("nested_reply", version=version, author=other, parent=reply) == (
        "Reply to the first comment of the thread."
    )


def test_replying_after_the_window_closed_is_refused(version, participant, other):
    with time_machine.travel(OPENS, tick=False):
        parent = write(version, other)
    with time_machine.travel(CLOSES, tick=False):
        assert refused("closed", version=version, author=participant, parent=parent)
    assert Comment.objects.count() == 1


# --- reports ----------------------------------------------------------------------


def report_refused(code, **kwargs):
    with pytest.raises(ServiceError) as error:
        services.report_create(**kwargs)
    assert error.value.code == code
    return str(error.value.message)


def test_a_report(clock, version, participant, other):
    comment = write(version, other)
    report = services.report_create(comment=comment, reporter=participant, reason="  Insulting.  ")
    assert (report.reason, report.status, report.reporter) == ("Insulting.", "open", participant)


def test_report_refusals(clock, version, participant, other, moderator):
    comment = write(version, other)
    assert report_refused("own_comment", comment=comment, reporter=other, reason="x") == (
        "You cannot report your own comment."
    )
    assert report_refused("reason_missing", comment=comment, reporter=participant, reason=" ") == (
        "Say in a few words what is wrong with this comment."
    )
    assert report_refused(
        "reason_too_long", comment=comment, reporter=participant, reason="x" * 501
    ) == ("Your reason is 501 characters long. The limit is 500 characters.")
    assert Report.objects.count() == 0

    services.report_create(comment=comment, reporter=participant, reason="Insulting.")
    assert report_refused(
        "already_reported", comment=comment, reporter=participant, reason="Again."
    ) == (
        "You have already reported this comment. Moderators will look at it; "
        "there is no need to report it again."
    )
    assert Report.objects.count() == 1

    services.comment_hide(comment=comment, moderator=moderator, reason="Insults.")
    comment.refresh_from_db()
    assert report_refused(
        "already_hidden", comment=comment, reporter=UserFactory(), reason="Bad."
    ) == ("Moderators have already hidden this comment.")


def test_the_database_keeps_one_report_per_person_whatever_became_of_it(
    clock, version, participant, other
):
    comment = write(version, other)
    Report.objects.create(comment=comment, reporter=participant, reason="One", status="dismissed")
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(comment=comment, reporter=participant, reason="Two")
    # Reports of deleted accounts have no reporter, and do not stand in each other's way.
    Report.objects.create(comment=comment, reporter=None, reason="Three")
    Report.objects.create(comment=comment, reporter=None, reason="Four")
    assert Report.objects.count() == 3


def test_a_person_reports_a_comment_once_even_after_a_dismissal_or_a_restoration(
    clock, version, participant, other, moderator
):
    comment = write(version, other)
    report = services.report_create(comment=comment, reporter=participant, reason="One")
    services.report_dismiss(report=report, moderator=moderator)
    again = "You reported this comment before, and moderators have decided on it. " + (
        "Each person can report a comment once."
    )
    assert (
        report_refused(
            "already_reported", comment=comment, reporter=participant, reason="It got worse."
        )
        == again
    )

    services.report_create(comment=comment, reporter=UserFactory(), reason="Rude.")
    services.comment_hide(comment=comment, moderator=moderator, reason="Incivility.")
    services.comment_unhide(comment=comment, moderator=moderator)
    comment.refresh_from_db()
    assert (
        report_refused("already_reported", comment=comment, reporter=participant, reason="Still.")
        == again
    )
    assert list(Report.objects.values_list("status", flat=True)) == ["dismissed", "hidden"]


# --- moderation -------------------------------------------------------------------


def test_hiding_keeps_the_text_resolves_reports_and_is_logged(
    clock, version, participant, other, moderator
):
    comment = write(version, other, body="Something rude.")
    services.report_create(comment=comment, reporter=participant, reason="Rude.")
    services.report_create(comment=comment, reporter=UserFactory(), reason="Very rude.")

    services.comment_hide(comment=comment, moderator=moderator, reason="  Incivility.  ")

    comment.refresh_from_db()
    assert comment.is_hidden
    assert (comment.body, comment.hidden_reason) == ("Something rude.", "Incivility.")
    assert comment.hidden_at == datetime(2019, 9, 5, 10, 0, tzinfo=UTC)
    assert list(Report.objects.values_list("status", flat=True)) == ["hidden", "hidden"]
    assert list(ModerationAction.objects.values_list("action", "reason", "moderator")) == [
        ("hide", "Incivility.", moderator.pk)
    ]


def test_unhide_and_dismiss_are_logged(clock, version, participant, other, moderator):
    comment = write(version, other)
    services.comment_hide(comment=comment, moderator=moderator, reason="Oops.")
    clock.shift(timedelta(minutes=1))
    services.comment_unhide(comment=comment, moderator=moderator, reason="Hidden by mistake.")
    comment.refresh_from_db()
    assert (comment.is_hidden, comment.hidden_reason) == (False, "")

    clock.shift(timedelta(minutes=1))
    report = services.report_create(comment=comment, reporter=participant, reason="Meh.")
    services.report_dismiss(report=report, moderator=moderator)
    report.refresh_from_db()
    assert report.status == "dismissed"
    comment.refresh_from_db()
    assert not comment.is_hidden

    assert list(ModerationAction.objects.values_list("action", "reason")) == [
        ("dismiss", ""),
        ("unhide", "Hidden by mistake."),
        ("hide", "Oops."),
    ]


def test_a_nul_character_in_a_moderators_reason_is_refused(
    clock, version, participant, other, moderator
):
    comment = write(version, other)
    report = services.report_create(comment=comment, reporter=participant, reason="Meh.")
    for call, kwargs in (
        (services.comment_hide, {"comment": comment}),
        (services.comment_unhide, {"comment": comment}),
        (services.report_dismiss, {"report": report}),
    ):
        with pytest.raises(ServiceError) as error:
            call(moderator=moderator, reason="Off topic\x00", **kwargs)
        assert (error.value.code, str(error.value.message)) == (
            "null_character",
            "Null characters are not allowed.",
        )
    assert ModerationAction.objects.count() == 0


def test_moderation_refusals(clock, version, participant, other, moderator):
    comment = write(version, other)
    for call in (
        lambda: services.comment_hide(comment=comment, moderator=participant, reason="No."),
        lambda: services.comment_unhide(comment=comment, moderator=participant),
    ):
        with pytest.raises(ServiceError) as error:
            call()
        assert error.value.code == "forbidden"

    with pytest.raises(ServiceError) as error:
        services.comment_hide(comment=comment, moderator=moderator, reason="  ")
    assert error.value.code == "reason_missing"
    with pytest.raises(ServiceError) as error:
        services.comment_unhide(comment=comment, moderator=moderator)
    assert error.value.code == "not_hidden"

    services.comment_hide(comment=comment, moderator=moderator, reason="Rude.")
    with pytest.raises(ServiceError) as error:
        services.comment_hide(comment=comment, moderator=moderator, reason="Rude.")
    assert error.value.code == "already_hidden"

    report = Report.objects.create(
        comment=comment, reporter=participant, reason="x", status="hidden"
    )
    with pytest.raises(ServiceError) as error:
        services.report_dismiss(report=report, moderator=moderator)
    assert error.value.code == "not_open"
    assert ModerationAction.objects.count() == 1


def test_browser_line_breaks_count_as_one_character(clock, version, participant):
    """Browsers send CRLF; 2500 lines of one letter fit, as the textarea's maxlength said."""
    body = "\r\n".join(["x"] * 2500)
    comment = write(version, participant, body=body)
    assert comment.body == "\n".join(["x"] * 2500)
    assert len(comment.body) == 4999
