"""Who may do what with feedback. Every permission check of the discussion app lives here."""

from __future__ import annotations

from convene.accounts.users import Viewer

from .models import Comment


def can_comment(user: Viewer) -> bool:
    """Signed-in, active people write comments and replies (while feedback is open)."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_moderate(user: Viewer) -> bool:
    """Moderators hide and show comments and handle reports."""
    return bool(user.is_authenticated and user.has_perm("discussion.change_comment"))


def can_report(user: Viewer, comment: Comment) -> bool:
    """Anyone signed in may report someone else's visible comment."""
    return bool(user.is_authenticated and comment.author_id != user.pk and not comment.is_hidden)


def can_reply(user: Viewer, comment: Comment) -> bool:
    return can_comment(user) and comment.parent_id is None and not comment.is_hidden
