"""What the discussion app keeps about a person, for "Download your data"."""

from __future__ import annotations

from typing import Any

from convene.accounts.models import User
from convene.core.timezones import utc_text

from .models import Comment, ModerationAction, Report


def comments(user: User) -> list[dict[str, Any]]:
    """Comments on documents, and the threads and replies written in boards (these name
    their board and subject instead of a document), in the order they were written."""
    rows = (
        Comment.objects.filter(author=user)
        .select_related("version__document", "paragraph", "board")
        .order_by("created_at", "pk")
    )
    return [_comment_row(comment) for comment in rows]


def _comment_row(comment: Comment) -> dict[str, Any]:
    written = {
        "language": comment.language,
        "body": comment.body,
        "written_at": utc_text(comment.created_at),
        "hidden_at": utc_text(comment.hidden_at),
        "hidden_reason": comment.hidden_reason,
    }
    version = comment.version
    if version is None:
        board = comment.board
        assert board is not None  # one of the two, always (a constraint)
        return {
            "id": comment.pk,
            "board": board.key,
            "board_title": board.title,
            "subject": comment.title,
            "reply_to": comment.parent_id,
            **written,
        }
    return {
        "id": comment.pk,
        "document": version.document.slug,
        "iteration": version.number,
        "paragraph": comment.paragraph.anchor if comment.paragraph else None,
        "reply_to": comment.parent_id,
        "stance": comment.stance,
        **written,
    }


def reports(user: User) -> list[dict[str, Any]]:
    return [
        {
            "comment": report.comment_id,
            "reason": report.reason,
            "status": report.status,
            "reported_at": utc_text(report.created_at),
        }
        for report in Report.objects.filter(reporter=user).order_by("created_at", "pk")
    ]


def moderation_actions(user: User) -> list[dict[str, Any]]:
    return [
        {
            "comment": action.comment_id,
            "action": action.action,
            "reason": action.reason,
            "at": utc_text(action.created_at),
        }
        for action in ModerationAction.objects.filter(moderator=user).order_by("created_at", "pk")
    ]
