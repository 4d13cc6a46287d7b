"""The threads of a feedback page as HTML, rendered once per state and shared between readers.

A thread (a comment and its replies) looks the same to everyone who reads it in one
language and time zone with the same relation to it: the same buttons (report, reply,
moderate). Each thread is kept (`convene.core.pieces`) under a key made of everything it
shows, declared in `THREAD` beside its template, so hiding a comment, a new reply or a
renamed author makes a new one; the forms carry a placeholder for the CSRF token, each
reader's own is put in when the page is assembled.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from convene.core import languages
from convene.core.pieces import CSRF_PLACEHOLDER, MB, Piece, with_csrf_token
from convene.documents.models import DocumentVersion

from . import rules
from .models import Comment

# What `discussion/_comment.html` shows of a comment, a reply or the thread's comment.
_SHOWN = (
    "pk",
    "body",
    "language",
    "stance",
    "created_at",
    "hidden_at",
    "hidden_reason",
    "author.pk",  # the name, "Participant 12" without a display name
    "author.display_name",
)

# 20 threads a page, a few pages read at once, of a few documents, in several languages.
THREAD = Piece(
    "discussion/_thread.html",
    shows=(
        "process.slug",  # in the addresses of the links
        "document.slug",
        "version.pk",
        "version.number",
        "can_moderate",
        "languages",
        "reader_language",
        "lang_query",
        "can_reply",
        "reportable",
        *(f"comment.{field}" for field in _SHOWN),
        "comment.version_id",
        "comment.version.number",
        "comment.paragraph.anchor",
        "comment.paragraph.text",
        "comment.anchor_here",
        *(f"replies[].{field}" for field in _SHOWN),
    ),
    unkeyed={
        "user": "read only by `reportable_by`, whose answers are `reportable`",
        "csrf_token": "a placeholder, each reader's token is put in on the way out",
    },
    max_size=8 * MB,
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
    document = version.document
    context: dict[str, Any] = {
        "process": document.process,
        "document": document,
        "version": version,
        "user": user,
        "can_moderate": rules.can_moderate(user),
        "languages": languages.choices(languages.CONTENT),
        "reader_language": reader_language,
        "lang_query": request.GET.get("lang", ""),
        "csrf_token": CSRF_PLACEHOLDER,
    }
    pieces = []
    for comment in comments:
        replies = list(comment.replies.all())
        html = THREAD.html(
            {
                **context,
                "comment": comment,
                "replies": replies,
                "can_reply": is_open and rules.can_reply(user, comment),
                "reportable": tuple(rules.can_report(user, item) for item in (comment, *replies)),
            }
        )
        pieces.append(mark_safe(with_csrf_token(request, html)))
    return pieces
