"""Who may do what in an open space and a series. Every permission and state check of the
app lives here, as plain functions of the viewer and the objects (services check them;
views ask them only to decide what to show)."""

from __future__ import annotations

from datetime import datetime

from convene.accounts.users import Viewer
from convene.core.rules import is_member
from convene.events.models import Registration
from convene.events.rules import can_manage_event

from .models import OpenSpace, Room, Series, Slot, Topic, link_reveal_at


def can_organize(user: Viewer, open_space: OpenSpace) -> bool:
    """The event's organizers (and site administrators) run its open space."""
    return can_manage_event(user, open_space.event)


def can_view(user: Viewer, open_space: OpenSpace) -> bool:
    return open_space.event.is_published or can_organize(user, open_space)


def is_participant(user: Viewer, open_space: OpenSpace) -> bool:
    """A confirmed registrant of any session of the event, or one of its organizers.

    The answer is kept on `open_space`, so a page asking many times makes one query.
    """
    if not user.is_authenticated:
        return False
    if can_organize(user, open_space):
        return True
    kept = getattr(open_space, "_participant_ids", None)
    if kept is None:
        kept = {}
        open_space._participant_ids = kept  # type: ignore[attr-defined]
    if user.pk not in kept:
        kept[user.pk] = Registration.objects.filter(
            session__event_id=open_space.event_id,
            user_id=user.pk,
            status=Registration.Status.CONFIRMED,
        ).exists()
    return bool(kept[user.pk])


def closes_at(open_space: OpenSpace, slots: list[Slot]) -> datetime | None:
    """The end of the last slot: proposing and placing stop then. None without slots."""
    return max((slot.ends_at for slot in slots), default=None)


def is_closed(open_space: OpenSpace, slots: list[Slot], now: datetime) -> bool:
    if open_space.harvest_published_at is not None:
        return True
    end = closes_at(open_space, slots)
    return end is not None and now >= end


def can_propose(user: Viewer, open_space: OpenSpace, slots: list[Slot], now: datetime) -> bool:
    return is_participant(user, open_space) and not is_closed(open_space, slots, now)


def is_convener(user: Viewer, topic: Topic) -> bool:
    return bool(user.is_authenticated and topic.convener_id == user.pk)


def can_edit_topic(user: Viewer, topic: Topic) -> bool:
    """The convener changes their topic's words; the organizers too."""
    return is_convener(user, topic) or can_organize(user, topic.open_space)


def can_place(user: Viewer, topic: Topic) -> bool:
    """The convener places their own topic (and moves it again); organizers place any."""
    return topic.is_active and can_edit_topic(user, topic)


def can_rearrange(user: Viewer, topic: Topic) -> bool:
    """Moving someone else's topic, merging and withdrawing with a reason: organizers."""
    return topic.is_active and can_organize(user, topic.open_space)


def can_withdraw(user: Viewer, topic: Topic) -> bool:
    """A convener withdraws their own topic; organizers any, giving a reason."""
    return topic.is_active and can_edit_topic(user, topic)


def slot_open_for_placing(slot: Slot, now: datetime) -> bool:
    """A topic goes into a slot that is not over yet."""
    return not slot.has_ended(now)


def can_join(user: Viewer, topic: Topic, now: datetime) -> bool:
    """A participant says they are at a placed topic, until its slot ends."""
    return bool(
        topic.is_on_grid
        and topic.slot is not None
        and not topic.slot.has_ended(now)
        and is_participant(user, topic.open_space)
    )


def room_link_state(user: Viewer, topic: Topic, now: datetime) -> str:
    """Whether `user` may have the link of the room `topic` is in: "ok", or why not
    ("no_link", "not_registered", "not_yet", "over")."""
    room: Room | None = topic.room
    slot: Slot | None = topic.slot
    if room is None or slot is None or room.kind != Room.Kind.ONLINE or not room.meeting_url:
        return "no_link"
    if not is_participant(user, topic.open_space):
        return "not_registered"
    if slot.has_ended(now):
        return "over"
    if now < link_reveal_at(slot, topic.open_space.event):
        return "not_yet"
    return "ok"


def can_write_notes(user: Viewer, topic: Topic, present_ids: set[int] | None = None) -> bool:
    """Its convener, the people who were (or are) at it, and the organizers write a topic's
    notes, in any language, until the harvest is published; organizers after it too.
    `present_ids` are the ids of the people at the topic when the caller has read them."""
    if not user.is_authenticated or topic.status in (Topic.Status.WITHDRAWN,):
        return False
    if can_organize(user, topic.open_space):
        return True
    if topic.open_space.harvest_published_at is not None:
        return False
    if is_convener(user, topic):
        return True
    if present_ids is None:
        present_ids = set(topic.presences.values_list("user_id", flat=True))
    return user.pk in present_ids


def can_add_action(user: Viewer, topic: Topic, present_ids: set[int] | None = None) -> bool:
    return can_write_notes(user, topic, present_ids)


def can_take_action(user: Viewer) -> bool:
    """Anyone signed in can take an action on: work goes on after the meeting."""
    return bool(user.is_authenticated)


def can_publish_harvest(
    user: Viewer, open_space: OpenSpace, slots: list[Slot], now: datetime
) -> bool:
    end = closes_at(open_space, slots)
    return bool(
        can_organize(user, open_space)
        and open_space.harvest_published_at is None
        and end is not None
        and now >= end
    )


def can_see_harvest(user: Viewer, open_space: OpenSpace) -> bool:
    return open_space.harvest_published_at is not None or can_organize(user, open_space)


def can_manage_series(user: Viewer, series: Series) -> bool:
    return is_member(user, series, "organizers")


def can_view_series(user: Viewer, series: Series) -> bool:
    return series.is_published or can_manage_series(user, series)


def can_create_series(user: Viewer) -> bool:
    return bool(
        user.is_authenticated and (user.is_superuser or user.has_perm("openspace.add_series"))
    )


def can_create_open_space(user: Viewer) -> bool:
    return bool(
        user.is_authenticated and (user.is_superuser or user.has_perm("openspace.add_openspace"))
    )
