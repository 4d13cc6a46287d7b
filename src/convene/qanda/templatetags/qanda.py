"""`{% load qanda %}`: a session's live questions, linked and published on the session page.

The events app cannot import qanda (imports go one way), so its session page loads these tags.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from convene.accounts.templatetags.accounts import author_name
from convene.events.models import Session

from .. import rules, selectors
from ..models import Question

register = template.Library()


def _urls(session: Session) -> dict[str, str]:
    args = [session.event.slug, session.pk]
    return {
        "page": reverse("qanda:page", args=args),
        "markdown": reverse("qanda:notes_md", args=args),
        "wikitext": reverse("qanda:notes_wiki", args=args),
        "csv": reverse("qanda:notes_csv", args=args),
    }


@register.inclusion_tag("qanda/_link.html")
def session_questions_link(session: Session) -> dict[str, Any]:
    """`{% session_questions_link session %}`: "Questions (N)", to the live page (one query)."""
    return {
        "url": _urls(session)["page"],
        "count": selectors.session_question_count(session=session),
    }


@register.inclusion_tag("qanda/_notes.html")
def session_questions_notes(session: Session) -> dict[str, Any]:
    """`{% session_questions_notes session %}`: once the session has ended, its questions and
    answers (one query; with those of the other editions when they share their questions);
    before, nothing."""
    if not session.has_ended():
        return {"entries": []}
    entries = selectors.session_questions(session=session, sort="asked")
    return {
        "entries": entries,
        "pooled": selectors.is_pooled(session, [entry.question for entry in entries]),
        "urls": _urls(session),
    }


@register.simple_tag(takes_context=True)
def asker(context: template.Context, question: Question) -> str:
    """Who asked: "Anonymous participant" to others when asked anonymously; the hosts and the
    author see the name, marked as hidden from the others. The author's own view is marked
    `data-own`, so that the page's script can keep it when it swaps in the shared list."""
    if not question.is_anonymous:
        return format_html('<span dir="auto">{}</span>', author_name(question.author))
    user = context.get("user")
    is_host = bool(context.get("is_host"))
    if user is None or not rules.sees_asker(user, question.author_id, is_host=is_host):
        return format_html(
            '<span data-asker="{}">{}</span>', question.pk, _("Anonymous participant")
        )
    return format_html(
        '<span data-asker="{}"{}><span dir="auto">{}</span> <span class="muted">({})</span></span>',
        question.pk,
        "" if is_host else mark_safe(" data-own"),
        author_name(question.author),
        _("anonymous to other participants"),
    )
