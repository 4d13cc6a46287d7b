"""What open space keeps about a person, for "Download your data", and its erasure step.

A person's topics, the topics they showed interest in and were at, the versions of notes
they saved, the actions they wrote and took on, and the series they follow: one query per
section, whatever their number.

When an account is erased, its topics, notes and actions stay for the others, without a
name (the database sets their convener, author and writer to nothing); its interests,
presences, actions taken on and series followed go with it. The erasure step takes the
person's interests off the topics' counts first, so the marketplace counts only the people
still there, and tells the open pages that the grid changed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import F, Q

from convene.accounts.models import User
from convene.core.timezones import utc_text

from . import services
from .models import (
    Action,
    ActionTaker,
    Interest,
    NoteVersion,
    OpenSpace,
    Presence,
    SeriesFollow,
    Topic,
)


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def topics_convened(user: User) -> list[dict[str, Any]]:
    rows = (
        Topic.objects.filter(convener=user)
        .select_related("open_space__event")
        .order_by("created_at", "pk")
    )
    return [
        {
            "open_space": topic.open_space.event.slug,
            "title": topic.title,
            "description": topic.description,
            "languages": list(topic.languages),
            "wants_interpretation": topic.wants_interpretation,
            "wants_note_taker": topic.wants_note_taker,
            "status": topic.status,
            "proposed_at": utc_text(topic.created_at),
        }
        for topic in rows
    ]


def interests(user: User) -> list[dict[str, Any]]:
    rows = (
        Interest.objects.filter(user=user)
        .select_related("topic__open_space__event")
        .order_by("created_at", "pk")
    )
    return [
        {
            "open_space": interest.topic.open_space.event.slug,
            "topic": interest.topic.title,
            "since": utc_text(interest.created_at),
        }
        for interest in rows
    ]


def presences(user: User) -> list[dict[str, Any]]:
    rows = (
        Presence.objects.filter(user=user)
        .select_related("topic__open_space__event", "slot")
        .order_by("slot__starts_at", "pk")
    )
    return [
        {
            "open_space": presence.topic.open_space.event.slug,
            "topic": presence.topic.title,
            "slot_starts_at": utc_text(presence.slot.starts_at),
            "updated_at": utc_text(presence.updated_at),
        }
        for presence in rows
    ]


def note_versions(user: User) -> list[dict[str, Any]]:
    """The versions of notes the person saved (what they say stays with the topic)."""
    rows = (
        NoteVersion.objects.filter(author=user)
        .select_related("topic__open_space__event")
        .order_by("created_at", "pk")
    )
    return [
        {
            "open_space": version.topic.open_space.event.slug,
            "topic": version.topic.title,
            "language": version.language,
            "number": version.number,
            "saved_at": utc_text(version.created_at),
        }
        for version in rows
    ]


def _action(action: Action) -> dict[str, Any]:
    return {
        "open_space": action.open_space.event.slug,
        "topic": action.topic.title if action.topic is not None else None,
        "what": action.what,
        "who": action.who,
        "due_on": _day(action.due_on),
        "done_at": utc_text(action.done_at),
        "written_at": utc_text(action.created_at),
    }


def actions_written(user: User) -> list[dict[str, Any]]:
    rows = (
        Action.objects.filter(created_by=user)
        .select_related("open_space__event", "topic")
        .order_by("created_at", "pk")
    )
    return [_action(action) for action in rows]


def actions_taken(user: User) -> list[dict[str, Any]]:
    rows = (
        ActionTaker.objects.filter(user=user)
        .select_related("action__open_space__event", "action__topic")
        .order_by("created_at", "pk")
    )
    return [{**_action(taken.action), "taken_at": utc_text(taken.created_at)} for taken in rows]


def series_followed(user: User) -> list[dict[str, Any]]:
    rows = (
        SeriesFollow.objects.filter(user=user).select_related("series").order_by("created_at", "pk")
    )
    return [
        {
            "series": follow.series.slug,
            "title": follow.series.title,
            "followed_since": utc_text(follow.created_at),
        }
        for follow in rows
    ]


def forget_interests_and_presences(user: User, now: datetime) -> None:
    """Before the account goes: its interests leave the topics' counts, and the open spaces
    it was interested in or at see their grid change."""
    topic_ids = list(Interest.objects.filter(user=user).values_list("topic_id", flat=True))
    space_ids = set(
        Topic.objects.filter(Q(pk__in=topic_ids) | Q(presences__user=user)).values_list(
            "open_space_id", flat=True
        )
    )
    if topic_ids:
        Interest.objects.filter(user=user).delete()
        Topic.objects.filter(pk__in=topic_ids, interest_count__gt=0).update(
            interest_count=F("interest_count") - 1
        )
    Presence.objects.filter(user=user).delete()
    for open_space in OpenSpace.objects.filter(pk__in=space_ids):
        services.grid_changed(open_space)
