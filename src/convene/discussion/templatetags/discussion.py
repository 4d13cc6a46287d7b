"""`{% load discussion %}`: what the viewer may do with a comment, asked of the rules."""

from __future__ import annotations

from django import template

from convene.accounts.users import Viewer
from convene.discussion import rules, selectors
from convene.discussion.models import Comment

register = template.Library()


@register.filter
def reportable_by(comment: Comment, user: Viewer) -> bool:
    """`{% if comment|reportable_by:user %}`"""
    return rules.can_report(user, comment)


@register.filter
def repliable_by(comment: Comment, user: Viewer) -> bool:
    """`{% if comment|repliable_by:user %}`"""
    return rules.can_reply(user, comment)


@register.simple_tag
def open_reports_for(user: Viewer) -> int | None:
    """`{% open_reports_for user as open_reports %}`: for a moderator, the number of reports
    waiting in the moderation queue; for anyone else, None. Asked once per request: the
    answer stays on the user for the other places of the page that show it."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "open_reports_shown"):
        setattr(user, "open_reports_shown", selectors.open_reports_for(user=user))  # noqa: B010
    shown: int | None = getattr(user, "open_reports_shown")  # noqa: B009
    return shown
