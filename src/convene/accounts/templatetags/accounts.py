"""`{% load accounts %}`: how people are named in pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

from convene.accounts.models import User

register = template.Library()


@register.filter
def author_name(user: User | None) -> str:
    """The public name of an author, or "deleted user" once their account is gone.

    Usage: `<span dir="auto">{{ talk.speaker|author_name }}</span>`.
    """
    if user is None:
        return gettext("deleted user")
    return str(user.public_name)
