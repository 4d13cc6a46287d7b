"""What the live questions keep about a person, for "Download your data"."""

from __future__ import annotations

from typing import Any

from convene.accounts.models import User
from convene.core.timezones import utc_text

from .models import HostAction, Question, Vote


def questions(user: User) -> list[dict[str, Any]]:
    rows = (
        Question.objects.filter(author=user)
        .select_related("session__event")
        .order_by("created_at", "pk")
    )
    return [
        {
            "id": question.pk,
            "event": question.session.event.title,
            "session": question.session.title,
            "text": question.text,
            "language": question.language,
            "anonymous": question.is_anonymous,
            "asked_at": utc_text(question.created_at),
            "answer": question.answer,
        }
        for question in rows
    ]


def votes(user: User) -> list[dict[str, Any]]:
    return [
        {"question": vote.question_id, "voted_at": utc_text(vote.created_at)}
        for vote in Vote.objects.filter(user=user).order_by("created_at", "pk")
    ]


def host_actions(user: User) -> list[dict[str, Any]]:
    return [
        {
            "question": action.question_id,
            "action": action.action,
            "detail": action.detail,
            "at": utc_text(action.created_at),
        }
        for action in HostAction.objects.filter(host=user).order_by("created_at", "pk")
    ]
