"""`{% load discussion %}`: what the viewer may do with a comment, asked of the rules."""

from __future__ import annotations

from django import template

from convene.accounts.users import Viewer
from convene.discussion import rules
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
