"""Every change to feedback: comments, replies, reports and moderation. Views call these."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convene.accounts.models import User
from convene.core import languages, ratelimit
from convene.core.errors import ServiceError
from convene.core.mail import email_to_user
from convene.core.text import refuse_null_characters, sentences
from convene.core.timezones import format_moment, format_offset
from convene.documents import rules as document_rules
from convene.documents.models import DocumentVersion, Paragraph

from . import rules, selectors
from .boards import board_owner_register as board_owner_register  # where owners register
from .models import (
    CODE_OF_CONDUCT_URL,
    COMMENT_MAX_LENGTH,
    Board,
    Comment,
    ModerationAction,
    Report,
    Stance,
)

REPORT_REASON_MAX_LENGTH = 500
HIDE_REASON_MAX_LENGTH = 300


def _when(value: datetime) -> str:
    """A moment in plain words for messages: `Sun, Sep 15, 2019, 23:59 UTC`."""
    return f"{format_moment(value)} {format_offset(value)}"


def _reason_too_long(length: int, limit: int) -> str:
    return sentences(
        ngettext(
            "Your reason is %(length)s character long.",
            "Your reason is %(length)s characters long.",
            length,
        )
        % {"length": length},
        ngettext("The limit is %(limit)s character.", "The limit is %(limit)s characters.", limit)
        % {"limit": limit},
    )


def _check_window(version: DocumentVersion, now: datetime) -> None:
    if not version.is_published:
        raise ServiceError(_("This version is not published."), code="unpublished")
    state = document_rules.feedback_state(version, now)
    if state == "open":
        return
    if state == "not_yet_open":
        opens = version.feedback_opens_at or version.published_at
        assert opens is not None  # published
        raise ServiceError(
            _("Feedback on this version opens on %(date)s.") % {"date": _when(opens)},
            code="not_yet_open",
        )
    closes = document_rules.feedback_closes(version)
    if state == "closed" and closes is not None:
        raise ServiceError(
            _("Feedback on this version closed on %(date)s.") % {"date": _when(closes)},
            code="closed",
        )
    raise ServiceError(_("This version does not take feedback."), code="no_feedback")


def _check_body(body: str) -> str:
    # Browsers send line breaks as CRLF; one line break is one character.
    body = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not body:
        raise ServiceError(_("Write your comment before sending it."), code="empty")
    if len(body) > COMMENT_MAX_LENGTH:
        raise ServiceError(
            sentences(
                ngettext(
                    "Your comment is %(length)s character long.",
                    "Your comment is %(length)s characters long.",
                    len(body),
                )
                % {"length": len(body)},
                ngettext(
                    "The limit is %(limit)s character: shorten it, or split it into a comment "
                    "and a reply.",
                    "The limit is %(limit)s characters: shorten it, or split it into a comment "
                    "and a reply.",
                    COMMENT_MAX_LENGTH,
                )
                % {"limit": COMMENT_MAX_LENGTH},
            ),
            code="too_long",
        )
    return body


def _check_rate(author: User, address: str) -> None:
    """Refuse a burst of comments (`CONVENE_RATE_LIMITS["comment"]`); counted in the
    transaction of the comment, so a refused or failed comment counts for nothing."""
    try:
        ratelimit.consume(action="comment", account=author, address=address)
    except ratelimit.RateLimited as refused:
        if refused.per_address:
            raise ServiceError(ratelimit.address_message(), code="rate_limited") from refused
        limit = refused.rate.amount
        raise ServiceError(
            sentences(
                ngettext(
                    "You can post at most %(limit)s comment in a short time.",
                    "You can post at most %(limit)s comments in a short time.",
                    limit,
                )
                % {"limit": limit},
                ratelimit.wait_message(refused.rate),
            ),
            code="rate_limited",
        ) from refused


@transaction.atomic
def comment_create(
    *,
    version: DocumentVersion,
    author: User,
    body: str,
    language: str,
    stance: str = "",
    paragraph: Paragraph | None = None,
    parent: Comment | None = None,
    now: datetime | None = None,
    address: str = "",
) -> Comment:
    """A comment on `version` (or on one of its paragraphs), or a reply to a comment.

    Stances belong to top-level comments; a reply takes the paragraph of the comment it
    answers, and its author hears of it by email in their own language. `address` is the
    client's address, for the limit per address (none when empty).
    """
    now = now or timezone.now()
    if not rules.can_comment(author):
        raise ServiceError(_("Log in to give feedback."), code="anonymous")
    _check_window(version, now)
    body = _check_body(body)
    if language not in languages.CONTENT:
        raise ServiceError(
            _("Choose the language your comment is written in from the list."), code="language"
        )
    if stance and stance not in Stance.values:
        raise ServiceError(_("Choose a stance from the list."), code="stance")
    if parent is not None:
        if parent.version_id != version.pk:
            raise ServiceError(
                _("This comment belongs to another version; reply on its own page."),
                code="parent_version",
            )
        if parent.parent_id is not None:
            raise ServiceError(_("Reply to the first comment of the thread."), code="nested_reply")
        if parent.is_hidden:
            raise ServiceError(
                _("This comment was hidden by moderators; it cannot be replied to."),
                code="parent_hidden",
            )
        if stance:
            raise ServiceError(
                _("A reply has no stance of its own. Post a new comment to give your stance."),
                code="reply_stance",
            )
        if paragraph is not None and paragraph.pk != parent.paragraph_id:
            raise ServiceError(
                _("A reply is about the same paragraph as the comment it answers."),
                code="paragraph",
            )
        paragraph = parent.paragraph
    elif paragraph is not None and paragraph.version_id != version.pk:
        raise ServiceError(_("This paragraph is not part of this version."), code="paragraph")
    _check_rate(author, address)
    comment = Comment(
        version=version,
        paragraph=paragraph,
        parent=parent,
        author=author,
        body=body,
        language=language,
        stance=stance,
    )
    comment.full_clean()
    comment.save()
    if parent is not None:
        _notify_reply(comment, parent)
    return comment


def _where(comment: Comment) -> dict[str, Any]:
    """What the emails about a comment name as its place: the version of a document and
    the document, or the board (the others are None)."""
    version = comment.version
    if version is None:
        return {"version": None, "document": None, "board": comment.board}
    return {"version": version, "document": version.document, "board": None}


def _notify_reply(reply: Comment, parent: Comment) -> None:
    recipient = parent.author
    if recipient is None or recipient.pk == reply.author_id or not recipient.is_active:
        return
    email_to_user(
        user=recipient,
        template="discussion/email/reply",
        context={"reply": reply, "parent": parent, **_where(reply)},
    )


@transaction.atomic
def report_create(*, comment: Comment, reporter: User, reason: str, address: str = "") -> Report:
    """Ask moderators to look at a comment. One report per person and comment, ever (the
    database holds it to that): comments are not edited, so a second report would be of the
    text moderators already judged. The first report of a comment is emailed to each
    moderator (but its reporter and its author), in their language."""
    if not reporter.is_authenticated:
        raise ServiceError(_("Log in to report a comment."), code="anonymous")
    if comment.author_id == reporter.pk:
        raise ServiceError(_("You cannot report your own comment."), code="own_comment")
    if comment.is_hidden:
        raise ServiceError(_("Moderators have already hidden this comment."), code="already_hidden")
    reason = reason.strip()
    if not reason:
        raise ServiceError(
            _("Say in a few words what is wrong with this comment."), code="reason_missing"
        )
    if len(reason) > REPORT_REASON_MAX_LENGTH:
        raise ServiceError(
            _reason_too_long(len(reason), REPORT_REASON_MAX_LENGTH), code="reason_too_long"
        )
    already = _(
        "You have already reported this comment. Moderators will look at it; "
        "there is no need to report it again."
    )
    earlier = Report.objects.filter(comment=comment, reporter=reporter).first()
    if earlier is not None and earlier.status == Report.Status.OPEN:
        raise ServiceError(already, code="already_reported")
    if earlier is not None:
        raise ServiceError(
            _(
                "You reported this comment before, and moderators have decided on it. "
                "Each person can report a comment once."
            ),
            code="already_reported",
        )
    try:
        ratelimit.consume(action="report", account=reporter, address=address)
    except ratelimit.RateLimited as refused:
        if refused.per_address:
            raise ServiceError(ratelimit.address_message(), code="rate_limited") from refused
        limit = refused.rate.amount
        raise ServiceError(
            sentences(
                ngettext(
                    "You can send at most %(limit)s report in a short time.",
                    "You can send at most %(limit)s reports in a short time.",
                    limit,
                )
                % {"limit": limit},
                ratelimit.wait_message(refused.rate),
            ),
            code="rate_limited",
        ) from refused
    try:
        with transaction.atomic():
            report = Report.objects.create(comment=comment, reporter=reporter, reason=reason)
    except IntegrityError as error:  # a report sent twice at the same moment
        raise ServiceError(already, code="already_reported") from error
    if not Report.objects.filter(comment=comment).exclude(pk=report.pk).exists():
        _notify_moderators(report)
    return report


def _notify_moderators(report: Report) -> None:
    """One email per moderator and comment: sent for its first report only; the ones after
    it wait in the queue, whose count moderators see in the site's header."""
    comment = report.comment
    for moderator in selectors.moderators().exclude(
        pk__in=[pk for pk in (report.reporter_id, comment.author_id) if pk is not None]
    ):
        email_to_user(
            user=moderator,
            template="discussion/email/report_new",
            context={"report": report, "comment": comment, **_where(comment)},
        )


def _notify_author(comment: Comment, *, template: str) -> None:
    """Tell the author that moderators hid their comment (and why), or showed it again."""
    author = comment.author
    if author is None or not author.is_active:
        return
    email_to_user(
        user=author,
        template=template,
        context={"comment": comment, "code_of_conduct_url": CODE_OF_CONDUCT_URL, **_where(comment)},
    )


def _check_moderator(moderator: User) -> None:
    if not rules.can_moderate(moderator):
        raise ServiceError(_("Only moderators can do this."), code="forbidden")


@transaction.atomic
def comment_hide(
    *, comment: Comment, moderator: User, reason: str, now: datetime | None = None
) -> Comment:
    """Hide a comment behind a public reason. Its text is kept; its open reports are resolved."""
    _check_moderator(moderator)
    refuse_null_characters(reason)
    reason = reason.strip()
    if not reason:
        raise ServiceError(
            _("Give the reason for hiding; everyone will see it in place of the comment."),
            code="reason_missing",
        )
    if len(reason) > HIDE_REASON_MAX_LENGTH:
        raise ServiceError(
            _reason_too_long(len(reason), HIDE_REASON_MAX_LENGTH), code="reason_too_long"
        )
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if locked.is_hidden:
        raise ServiceError(_("This comment is already hidden."), code="already_hidden")
    locked.hidden_at = now or timezone.now()
    locked.hidden_reason = reason
    locked.save(update_fields=["hidden_at", "hidden_reason"])
    locked.reports.filter(status=Report.Status.OPEN).update(status=Report.Status.HIDDEN)
    ModerationAction.objects.create(
        comment=locked, moderator=moderator, action=ModerationAction.Action.HIDE, reason=reason
    )
    _notify_author(locked, template="discussion/email/comment_hidden")
    return locked


@transaction.atomic
def comment_unhide(*, comment: Comment, moderator: User, reason: str = "") -> Comment:
    """Show a hidden comment again, as it was written."""
    _check_moderator(moderator)
    refuse_null_characters(reason)
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if not locked.is_hidden:
        raise ServiceError(_("This comment is not hidden."), code="not_hidden")
    locked.hidden_at = None
    locked.hidden_reason = ""
    locked.save(update_fields=["hidden_at", "hidden_reason"])
    ModerationAction.objects.create(
        comment=locked,
        moderator=moderator,
        action=ModerationAction.Action.UNHIDE,
        reason=reason.strip()[:HIDE_REASON_MAX_LENGTH],
    )
    _notify_author(locked, template="discussion/email/comment_restored")
    return locked


@transaction.atomic
def report_dismiss(*, report: Report, moderator: User, reason: str = "") -> Report:
    """Close a report without hiding the comment."""
    _check_moderator(moderator)
    refuse_null_characters(reason)
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.status != Report.Status.OPEN:
        raise ServiceError(_("This report was already handled."), code="not_open")
    locked.status = Report.Status.DISMISSED
    locked.save(update_fields=["status"])
    ModerationAction.objects.create(
        comment_id=locked.comment_id,
        moderator=moderator,
        action=ModerationAction.Action.DISMISS,
        reason=reason.strip()[:HIDE_REASON_MAX_LENGTH],
    )
    return locked


# --- boards: threads and replies not about a document --------------------------

BOARD_TITLE_MAX_LENGTH = 200
THREAD_TITLE_MAX_LENGTH = 200


@transaction.atomic
def board_open(*, key: str, title: str) -> Board:
    """The board of `key` (e.g. "openspace.series:12"), made the first time and given
    `title` every time: the app that owns it calls this whenever it needs it."""
    title = title.strip()[:BOARD_TITLE_MAX_LENGTH]
    board, created = Board.objects.get_or_create(key=key, defaults={"title": title})
    if not created and board.title != title:
        board.title = title
        board.save(update_fields=["title"])
    return board


@transaction.atomic
def board_close(*, board: Board) -> Board:
    """No new threads nor replies; what was written stays readable."""
    Board.objects.filter(pk=board.pk).update(is_open=False)
    board.is_open = False
    return board


@transaction.atomic
def board_reopen(*, board: Board) -> Board:
    Board.objects.filter(pk=board.pk).update(is_open=True)
    board.is_open = True
    return board


def _check_board_writable(board: Board, author: User) -> None:
    if not rules.can_comment(author):
        raise ServiceError(_("Log in to write in this discussion."), code="anonymous")
    if not Board.objects.filter(pk=board.pk, is_open=True).exists():
        raise ServiceError(
            _("This discussion is closed: it takes no new threads or replies."),
            code="board_closed",
        )


def _check_language(language: str) -> None:
    if language not in languages.CONTENT:
        raise ServiceError(
            _("Choose the language your comment is written in from the list."), code="language"
        )


@transaction.atomic
def thread_create(
    *, board: Board, author: User, title: str, body: str, language: str, address: str = ""
) -> Comment:
    """A new thread of `board`: a subject and its first comment."""
    _check_board_writable(board, author)
    refuse_null_characters(title)
    title = " ".join(title.split())
    if not title:
        raise ServiceError(_("Give your thread a subject."), code="title_missing")
    if len(title) > THREAD_TITLE_MAX_LENGTH:
        raise ServiceError(
            ngettext(
                "The subject can be at most %(limit)s character long.",
                "The subject can be at most %(limit)s characters long.",
                THREAD_TITLE_MAX_LENGTH,
            )
            % {"limit": THREAD_TITLE_MAX_LENGTH},
            code="title_too_long",
        )
    body = _check_body(body)
    _check_language(language)
    _check_rate(author, address)
    comment = Comment(board=board, author=author, title=title, body=body, language=language)
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def board_reply(
    *, thread: Comment, author: User, body: str, language: str, address: str = ""
) -> Comment:
    """A reply to a thread of a board; the thread's author hears of it by email."""
    board = thread.board
    if board is None:
        raise ServiceError(_("This comment is not part of a discussion board."), code="not_a_board")
    _check_board_writable(board, author)
    if thread.parent_id is not None:
        raise ServiceError(_("Reply to the first comment of the thread."), code="nested_reply")
    if thread.is_hidden:
        raise ServiceError(
            _("This comment was hidden by moderators; it cannot be replied to."),
            code="parent_hidden",
        )
    body = _check_body(body)
    _check_language(language)
    _check_rate(author, address)
    reply = Comment(board=board, parent=thread, author=author, body=body, language=language)
    reply.full_clean()
    reply.save()
    _notify_reply(reply, thread)
    return reply
