"""What the series tests share: organizers, meetings on given days, a harvest."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import Permission
from django.utils import timezone

from convene.accounts.models import User
from convene.events.models import Event
from convene.openspace.models import OpenSpace, Series, SeriesMeeting, Topic
from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory
from tests.openspace.factories import (
    NOW,
    ActionFactory,
    OpenSpaceFactory,
    TopicFactory,
    grid,
    placed,
)


def series_organizer(**fields: object) -> User:
    """Someone who may create series (the permission to add one)."""
    user = UserFactory(**fields)
    user.user_permissions.add(
        Permission.objects.get(codename="add_series", content_type__app_label="openspace")
    )
    return User.objects.get(pk=user.pk)


def meeting_event(
    organizer: User | None,
    days: float,
    *,
    open_space: bool = True,
    published: bool = True,
    title: str | None = None,
) -> Event:
    """An event (an open space unless told) organized by `organizer`, with one session
    `days` after NOW."""
    fields: dict[str, object] = {"is_published": published}
    if title:
        fields["title"] = title
    if open_space:
        space = OpenSpaceFactory(circle=False, **{f"event__{k}": v for k, v in fields.items()})
        event = space.event
    else:
        event = EventFactory(**fields)
    if organizer is not None:
        event.organizers.add(organizer)
    starts = NOW + timedelta(days=days)
    SessionFactory(event=event, starts_at=starts, ends_at=starts + timedelta(hours=3))
    return event


def in_series(series: Series, event: Event) -> SeriesMeeting:
    return SeriesMeeting.objects.create(series=series, event=event)


def harvested(event: Event, *, topics: int = 2, actions: int = 1) -> OpenSpace:
    """The event's open space with `topics` held topics, `actions` actions, harvest published."""
    space = event.open_space
    slots, rooms = grid(space, slots=1, rooms=max(topics, 1))
    held = [placed(TopicFactory(open_space=space), slots[0], rooms[n]) for n in range(topics)]
    for n in range(actions):
        ActionFactory(topic=held[n % len(held)] if held else None, open_space=space)
    TopicFactory(open_space=space)  # proposed, never held
    OpenSpace.objects.filter(pk=space.pk).update(harvest_published_at=timezone.now())
    space.refresh_from_db()
    assert space.topics.filter(status=Topic.Status.PLACED).count() == topics
    return space
