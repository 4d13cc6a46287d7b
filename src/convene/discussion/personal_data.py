"""What the discussion app keeps about a person, for "Download your data"."""

from __future__ import annotations

from typing import Any

from convene.accounts.models import User
from convene.core.timezones import utc_text

from .models import Comment, ModerationAction, Report


def comments(user: User) -> list[dict[str, Any]]:
    rows = (
        Comment.objects.filter(author=user)
        .select_related("version__document", "paragraph")
        .order_by("created_at", "pk")
    )
    return [
        {
            "id": comment.pk,
            "document": comment.version.document.slug,
            "iteration": comment.version.number,
            "paragraph": comment.paragraph.anchor if comment.paragraph else None,
            "reply_to": comment.parent_id,
            "language": comment.language,
            "stance": comment.stance,
            "body": comment.body,
            "written_at": utc_text(comment.created_at),
            "hidden_at": utc_text(comment.hidden_at),
            "hidden_reason": comment.hidden_reason,
        }
        for comment in rows
    ]


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
