"""The threads of a feedback page as HTML, rendered once per state and shared between readers.

A thread (a comment and its replies) looks the same to everyone who reads it in one
language and time zone with the same relation to it: the same buttons (report, reply,
moderate). Each thread is kept (`convene.core.pieces`) under a key made of everything it
shows, so hiding a comment, a new reply or a renamed author makes a new one; the forms
carry a placeholder for the CSRF token, each reader's own is put in when the page is
assembled.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from convene.accounts.templatetags.accounts import author_name
from convene.core.pieces import CSRF_PLACEHOLDER, Pieces, piece_key, with_csrf_token
from convene.documents.models import DocumentVersion

from . import rules
from .models import Comment

# 20 threads a page, a few pages read at once, of a few documents, in several languages.
THREADS = Pieces(size=4096)


def _shown(comment: Comment, user: Any) -> tuple[object, ...]:
    """What a comment shows, and whether `user` may report it."""
    return (
        comment.pk,
        comment.body,
        comment.language,
        comment.stance,
        comment.created_at.timestamp(),
        comment.hidden_at is not None,
        comment.hidden_reason,
        author_name(comment.author),
        comment.version_id,
        comment.paragraph_id,
        getattr(comment, "anchor_here", False),
        rules.can_report(user, comment),
    )


def threads_html(
    request: HttpRequest,
    *,
    version: DocumentVersion,
    comments: Iterable[Comment],
    is_open: bool,
    reader_language: str,
) -> list[SafeString]:
    """The HTML of each thread of `comments` (top-level, replies prefetched), in order."""
    user = request.user
    can_moderate = rules.can_moderate(user)
    lang_query = request.GET.get("lang", "")
    document = version.document
    context: dict[str, Any] = {
        "process": document.process,
        "document": document,
        "version": version,
        "user": user,
        "can_moderate": can_moderate,
        "languages": settings.INTERPRETATION_LANGUAGES,
        "reader_language": reader_language,
        "lang_query": lang_query,
        "csrf_token": CSRF_PLACEHOLDER,
    }
    common = (
        document.process.slug,  # in the addresses of the links
        document.slug,
        version.pk,
        version.number,
        get_language() or "",
        timezone.get_current_timezone_name(),
        lang_query,
        can_moderate,
    )
    pieces = []
    for comment in comments:
        replies = list(comment.replies.all())
        can_reply = is_open and rules.can_reply(user, comment)
        key = piece_key(
            *common,
            can_reply,
            reader_language if can_reply else "",
            *(_shown(item, user) for item in (comment, *replies)),
        )

        def render(
            comment: Comment = comment,
            replies: list[Comment] = replies,
            can_reply: bool = can_reply,
        ) -> str:
            return render_to_string(
                "discussion/_thread.html",
                {**context, "comment": comment, "replies": replies, "can_reply": can_reply},
            )

        pieces.append(mark_safe(with_csrf_token(request, THREADS.get_or_render(key, render))))
    return pieces
