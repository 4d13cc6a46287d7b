"""Every change of the marketplace, the grid, notes and actions. Views and the API call
these; each is atomic and refuses with a `ServiceError` that changes nothing.

Placing is decided by the database: a unique index keeps one topic per slot and room, so of
two people placing into the same place at once one wins and the other hears it is taken.
Notes are versions that are never overwritten: two people saving at once both get a version,
and the later one is told someone saved in between.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convene.accounts.models import User
from convene.core import languages, ratelimit
from convene.core.errors import ServiceError
from convene.core.text import refuse_null_characters, sentences

from . import rules
from .models import (
    NOTES_MAX_LENGTH,
    REASON_MAX_LENGTH,
    TOPIC_DESCRIPTION_MAX_LENGTH,
    TOPIC_TITLE_MAX_LENGTH,
    Action,
    ActionTaker,
    Interest,
    NoteVersion,
    OpenSpace,
    Presence,
    Room,
    Slot,
    Topic,
)

GRID_VERSION_KEY = "convene:openspace:grid:{pk}"


def grid_version_key(open_space_id: int) -> str:
    return GRID_VERSION_KEY.format(pk=open_space_id)


def grid_changed(open_space: OpenSpace) -> None:
    """The grid changed: raise its version, and drop the cached one once committed, so
    every open page sees the change at its next poll."""
    OpenSpace.objects.filter(pk=open_space.pk).update(grid_version=F("grid_version") + 1)
    key = grid_version_key(open_space.pk)
    transaction.on_commit(lambda: cache.delete(key))


def _slots(open_space: OpenSpace) -> list[Slot]:
    return list(open_space.slots.all())


def _check_rate(user: User, address: str) -> None:
    try:
        ratelimit.consume(action="topic", account=user, address=address)
    except ratelimit.RateLimited as refused:
        if refused.per_address:
            raise ServiceError(ratelimit.address_message(), code="rate_limited") from refused
        raise ServiceError(
            sentences(
                _("You have proposed many topics in a short while."),
                ratelimit.wait_message(refused.rate),
            ),
            code="rate_limited",
        ) from refused


def too_long(what: str, length: int, limit: int) -> ServiceError:
    """The refusal of a text longer than its limit, naming what is too long."""
    return ServiceError(
        sentences(
            ngettext(
                "%(what)s is %(length)s character long.",
                "%(what)s is %(length)s characters long.",
                length,
            )
            % {"what": what, "length": length},
            ngettext(
                "The limit is %(limit)s character.", "The limit is %(limit)s characters.", limit
            )
            % {"limit": limit},
        ),
        code="too_long",
    )


def _clean_topic_text(
    title: str, description: str, topic_languages: list[str]
) -> tuple[str, str, list[str]]:
    refuse_null_characters(title, description)
    title = " ".join(title.split())
    description = description.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not title:
        raise ServiceError(_("Give your topic a title."), code="empty")
    if len(title) > TOPIC_TITLE_MAX_LENGTH:
        raise too_long(_("The title"), len(title), TOPIC_TITLE_MAX_LENGTH)
    if len(description) > TOPIC_DESCRIPTION_MAX_LENGTH:
        raise too_long(_("The description"), len(description), TOPIC_DESCRIPTION_MAX_LENGTH)
    chosen = list(dict.fromkeys(topic_languages))
    if not chosen:
        raise ServiceError(
            _("Choose at least one language the topic will be held in."), code="language"
        )
    if any(code not in languages.CONTENT for code in chosen):
        raise ServiceError(_("Choose the languages from the list."), code="language")
    return title, description, chosen


@transaction.atomic
def topic_propose(
    *,
    open_space: OpenSpace,
    convener: User,
    title: str,
    description: str = "",
    topic_languages: list[str],
    wants_interpretation: bool = False,
    wants_note_taker: bool = False,
    now: datetime | None = None,
    address: str = "",
) -> Topic:
    """A registered participant proposes a topic, before or during the open space."""
    now = now or timezone.now()
    if not rules.is_participant(convener, open_space):
        raise ServiceError(_("Register for the event to propose a topic."), code="not_registered")
    if rules.is_closed(open_space, _slots(open_space), now):
        raise ServiceError(
            _("The open space is over: topics can no longer be proposed."), code="closed"
        )
    title, description, chosen = _clean_topic_text(title, description, topic_languages)
    _check_rate(convener, address)
    return Topic.objects.create(
        open_space=open_space,
        convener=convener,
        title=title,
        description=description,
        languages=chosen,
        wants_interpretation=wants_interpretation,
        wants_note_taker=wants_note_taker,
    )


@transaction.atomic
def topic_update(
    *,
    topic: Topic,
    user: User,
    title: str,
    description: str = "",
    topic_languages: list[str],
    wants_interpretation: bool = False,
    wants_note_taker: bool = False,
) -> Topic:
    """The convener (or an organizer) changes the topic's words."""
    if not rules.can_edit_topic(user, topic) or not topic.is_active:
        raise ServiceError(
            _("Only the convener and the organizers can change this topic."), code="forbidden"
        )
    title, description, chosen = _clean_topic_text(title, description, topic_languages)
    Topic.objects.filter(pk=topic.pk).update(
        title=title,
        description=description,
        languages=chosen,
        wants_interpretation=wants_interpretation,
        wants_note_taker=wants_note_taker,
        updated_at=timezone.now(),
    )
    if topic.is_on_grid:
        grid_changed(topic.open_space)
    topic.refresh_from_db()
    return topic


def _locked(topic: Topic) -> Topic:
    """The topic as it is now, locked until the end of the transaction."""
    fresh = Topic.objects.select_for_update().select_related("open_space__event").get(pk=topic.pk)
    return fresh


def _check_reason(user: User, topic: Topic, reason: str, *, required: bool = True) -> str:
    """Organizers acting on someone else's topic say why (when `required`); the convener
    reads it."""
    refuse_null_characters(reason)
    reason = " ".join(reason.split())
    if len(reason) > REASON_MAX_LENGTH:
        raise too_long(_("The reason"), len(reason), REASON_MAX_LENGTH)
    if required and not rules.is_convener(user, topic) and not reason:
        raise ServiceError(
            _("Say why, for the convener: they read your reason with their topic."),
            code="reason",
        )
    return reason


@transaction.atomic
def topic_place(
    *,
    topic: Topic,
    user: User,
    slot: Slot,
    room: Room,
    reason: str = "",
    now: datetime | None = None,
) -> Topic:
    """Put a topic into a free slot and room (or move it there).

    The convener places their own topic; organizers place or move any, with a reason when it
    is not theirs. The place must be one of this open space's, the slot not over, and free:
    the database's unique index decides between two people placing at once.
    """
    now = now or timezone.now()
    topic = _locked(topic)
    open_space = topic.open_space
    if not rules.can_place(user, topic):
        if not topic.is_active:
            raise ServiceError(_("This topic was withdrawn or merged."), code="withdrawn")
        raise ServiceError(
            _("Only the convener and the organizers can place this topic."), code="forbidden"
        )
    if slot.open_space_id != open_space.pk:
        raise ServiceError(_("This time slot is not one of this open space's."), code="not_offered")
    if room.open_space_id != open_space.pk:
        raise ServiceError(_("This room is not one of this open space's."), code="not_offered")
    if open_space.harvest_published_at is not None:
        raise ServiceError(_("The open space is over: the grid no longer changes."), code="closed")
    if not rules.slot_open_for_placing(slot, now):
        raise ServiceError(_("This time slot is over: choose a later one."), code="slot_over")
    if topic.slot_id == slot.pk and topic.room_id == room.pk:
        return topic
    is_move = topic.status == Topic.Status.PLACED
    if is_move and topic.slot is not None and topic.slot.has_ended(now):
        raise ServiceError(
            _("This topic's time slot is over: it stays where it was held."), code="slot_over"
        )
    reason = _check_reason(user, topic, reason, required=is_move)
    old_slot_id = topic.slot_id
    try:
        with transaction.atomic():
            Topic.objects.filter(pk=topic.pk).update(
                slot=slot,
                room=room,
                status=Topic.Status.PLACED,
                organizer_reason=reason
                if not rules.is_convener(user, topic)
                else topic.organizer_reason,
                updated_at=now,
            )
    except IntegrityError as taken:
        raise ServiceError(
            _("Another topic is already in this room at this time. Choose a free place."),
            code="taken",
        ) from taken
    if old_slot_id is not None and old_slot_id != slot.pk:
        # The people who were at it in its old slot are not there any more.
        Presence.objects.filter(topic=topic, slot_id=old_slot_id).delete()
    grid_changed(open_space)
    topic.refresh_from_db()
    return topic


@transaction.atomic
def topic_withdraw(*, topic: Topic, user: User, reason: str = "") -> Topic:
    """The convener withdraws their topic, or an organizer any (saying why)."""
    topic = _locked(topic)
    if not rules.can_withdraw(user, topic):
        if not topic.is_active:
            raise ServiceError(_("This topic was already withdrawn or merged."), code="withdrawn")
        raise ServiceError(
            _("Only the convener and the organizers can withdraw this topic."), code="forbidden"
        )
    reason = _check_reason(user, topic, reason)
    was_on_grid = topic.is_on_grid
    Topic.objects.filter(pk=topic.pk).update(
        status=Topic.Status.WITHDRAWN,
        slot=None,
        room=None,
        organizer_reason=reason,
        updated_at=timezone.now(),
    )
    Presence.objects.filter(topic=topic).delete()
    if was_on_grid:
        grid_changed(topic.open_space)
    topic.refresh_from_db()
    return topic


@transaction.atomic
def topic_merge(*, topic: Topic, into: Topic, user: User, reason: str) -> Topic:
    """Organizers merge a topic into another of the same open space: its interested people
    become the other's, it leaves the grid, and its convener reads why."""
    topic = _locked(topic)
    into = _locked(into)
    if not rules.can_rearrange(user, topic):
        if not topic.is_active:
            raise ServiceError(_("This topic was already withdrawn or merged."), code="withdrawn")
        raise ServiceError(_("Only the organizers can merge topics."), code="forbidden")
    if into.open_space_id != topic.open_space_id or into.pk == topic.pk or not into.is_active:
        raise ServiceError(
            _("Choose another proposed or placed topic of this open space."), code="merge_target"
        )
    reason = _check_reason(user, topic, reason)
    was_on_grid = topic.is_on_grid
    Topic.objects.filter(pk=topic.pk).update(
        status=Topic.Status.MERGED,
        slot=None,
        room=None,
        merged_into=into,
        organizer_reason=reason,
        updated_at=timezone.now(),
    )
    moving = Interest.objects.filter(topic=topic).exclude(
        user_id__in=Interest.objects.filter(topic=into).values("user_id")
    )
    for interest in list(moving):
        Interest.objects.create(topic=into, user_id=interest.user_id)
    Interest.objects.filter(topic=topic).delete()
    _count_interest(topic)
    _count_interest(into)
    Presence.objects.filter(topic=topic).delete()
    if was_on_grid or into.is_on_grid:
        grid_changed(topic.open_space)
    topic.refresh_from_db()
    return topic


def _count_interest(topic: Topic) -> None:
    Topic.objects.filter(pk=topic.pk).update(
        interest_count=Interest.objects.filter(topic_id=topic.pk).count()
    )


@transaction.atomic
def interest_set(*, topic: Topic, user: User, interested: bool) -> bool:
    """Mark (or unmark) oneself interested in a topic; returns whether anything changed."""
    if not user.is_authenticated:
        raise ServiceError(_("Log in to show your interest."), code="login_required")
    if not topic.is_active:
        raise ServiceError(_("This topic was withdrawn or merged."), code="withdrawn")
    if interested:
        try:
            with transaction.atomic():
                Interest.objects.create(topic=topic, user=user)
        except IntegrityError:
            return False
    elif not Interest.objects.filter(topic=topic, user=user).delete()[0]:
        return False
    Topic.objects.filter(pk=topic.pk).update(
        interest_count=F("interest_count") + (1 if interested else -1)
    )
    if topic.is_on_grid:
        grid_changed(topic.open_space)
    return True


@transaction.atomic
def presence_set(
    *, topic: Topic, user: User, move: bool = False, now: datetime | None = None
) -> Presence:
    """Say one is at `topic` in its slot. Someone already at another topic in that slot
    moves only when `move` is given (the law of two feet), never is at two at once."""
    now = now or timezone.now()
    topic = Topic.objects.select_related("slot", "open_space__event").get(pk=topic.pk)
    if not rules.is_participant(user, topic.open_space):
        raise ServiceError(_("Register for the event to join its topics."), code="not_registered")
    if not rules.can_join(user, topic, now):
        if topic.slot is not None and topic.slot.has_ended(now):
            raise ServiceError(_("This topic's time slot is over."), code="slot_over")
        raise ServiceError(_("This topic has no place on the grid yet."), code="not_placed")
    slot = topic.slot
    assert slot is not None  # placed
    current = Presence.objects.select_for_update().filter(slot=slot, user=user).first()
    if current is not None:
        if current.topic_id == topic.pk:
            return current
        if not move:
            raise ServiceError(
                _(
                    "You are at another topic in this time slot. Move to this one instead, "
                    "or stay where you are."
                ),
                code="already_there",
            )
        current.topic = topic
        current.save(update_fields=["topic", "updated_at"])
    else:
        try:
            with transaction.atomic():
                current = Presence.objects.create(slot=slot, user=user, topic=topic)
        except IntegrityError as twice:
            raise ServiceError(
                _(
                    "You are at another topic in this time slot. Move to this one instead, "
                    "or stay where you are."
                ),
                code="already_there",
            ) from twice
    grid_changed(topic.open_space)
    return current


@transaction.atomic
def presence_leave(*, topic: Topic, user: User) -> bool:
    deleted = Presence.objects.filter(topic=topic, user=user).delete()[0]
    if deleted:
        grid_changed(topic.open_space)
    return bool(deleted)


@dataclass(frozen=True)
class NotesSaved:
    version: NoteVersion
    # Someone else saved a version of these notes after the one the writer started from.
    someone_saved_in_between: bool


def notes_save(
    *,
    topic: Topic,
    author: User,
    language: str,
    body: str,
    based_on: int | None,
) -> NotesSaved:
    """Save a new version of a topic's notes in `language`. Never overwrites: if someone
    saved since version `based_on`, this is kept as the next version all the same, and the
    writer is told (they can compare and merge)."""
    refuse_null_characters(body)
    body = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not rules.can_write_notes(author, topic):
        raise ServiceError(
            _("The convener, the people at the topic and the organizers write its notes."),
            code="forbidden",
        )
    if language not in languages.CONTENT:
        raise ServiceError(_("Choose the language of the notes from the list."), code="language")
    if not body:
        raise ServiceError(_("Write the notes before saving them."), code="empty")
    if len(body) > NOTES_MAX_LENGTH:
        raise ServiceError(
            sentences(
                ngettext(
                    "The notes are %(length)s character long.",
                    "The notes are %(length)s characters long.",
                    len(body),
                )
                % {"length": len(body)},
                ngettext(
                    "The limit is %(limit)s character.",
                    "The limit is %(limit)s characters.",
                    NOTES_MAX_LENGTH,
                )
                % {"limit": NOTES_MAX_LENGTH},
            ),
            code="too_long",
        )
    for _attempt in range(10):
        try:
            with transaction.atomic():
                latest = (
                    NoteVersion.objects.filter(topic=topic, language=language)
                    .order_by("-number")
                    .values_list("number", flat=True)
                    .first()
                ) or 0
                version = NoteVersion.objects.create(
                    topic=topic,
                    language=language,
                    number=latest + 1,
                    based_on=based_on,
                    body=body,
                    author=author,
                )
        except IntegrityError:
            continue  # someone took this number at the same moment: take the next
        return NotesSaved(version=version, someone_saved_in_between=(based_on or 0) != latest)
    raise ServiceError(_("Too many people saved at once; save again."), code="conflict")


def _check_action_text(what: str, who: str) -> tuple[str, str]:
    refuse_null_characters(what, who)
    what = " ".join(what.split())
    who = " ".join(who.split())
    if not what:
        raise ServiceError(_("Say what is to be done."), code="empty")
    if len(what) > 300:
        raise too_long(_("What is to be done"), len(what), 300)
    if len(who) > 200:
        raise too_long(_("Who"), len(who), 200)
    return what, who


@transaction.atomic
def action_create(
    *, topic: Topic, user: User, what: str, who: str = "", due_on: date | None = None
) -> Action:
    if not rules.can_add_action(user, topic):
        raise ServiceError(
            _("The convener, the people at the topic and the organizers add its actions."),
            code="forbidden",
        )
    what, who = _check_action_text(what, who)
    return Action.objects.create(
        open_space=topic.open_space, topic=topic, what=what, who=who, due_on=due_on, created_by=user
    )


@transaction.atomic
def action_take(*, action: Action, user: User, take: bool = True) -> bool:
    """Take an action on (or let it go); returns whether anything changed."""
    if not rules.can_take_action(user):
        raise ServiceError(_("Log in to take this action on."), code="login_required")
    if take:
        try:
            with transaction.atomic():
                ActionTaker.objects.create(action=action, user=user)
        except IntegrityError:
            return False
        return True
    return bool(ActionTaker.objects.filter(action=action, user=user).delete()[0])


@transaction.atomic
def action_done(*, action: Action, user: User, done: bool = True) -> Action:
    """Whoever took it on, its writer or an organizer marks an action done (or not)."""
    allowed = (
        rules.can_organize(user, action.open_space)
        or (user.is_authenticated and action.created_by_id == user.pk)
        or ActionTaker.objects.filter(action=action, user_id=user.pk).exists()
    )
    if not allowed:
        raise ServiceError(
            _("Those who took this action on, its writer and the organizers mark it done."),
            code="forbidden",
        )
    Action.objects.filter(pk=action.pk).update(done_at=timezone.now() if done else None)
    action.refresh_from_db()
    return action


@transaction.atomic
def harvest_publish(*, open_space: OpenSpace, user: User, now: datetime | None = None) -> OpenSpace:
    """At the close the organizers publish the harvest: every topic with its notes and
    actions, for everyone to read and download."""
    now = now or timezone.now()
    open_space = OpenSpace.objects.select_for_update().select_related("event").get(pk=open_space.pk)
    slots = _slots(open_space)
    if not rules.can_organize(user, open_space):
        raise ServiceError(_("Only the organizers publish the harvest."), code="forbidden")
    if open_space.harvest_published_at is not None:
        raise ServiceError(_("The harvest is already published."), code="already_published")
    if not rules.can_publish_harvest(user, open_space, slots, now):
        raise ServiceError(
            _("The harvest is published once the last time slot is over."), code="not_closed"
        )
    OpenSpace.objects.filter(pk=open_space.pk).update(
        harvest_published_at=now, harvest_published_by=user
    )
    grid_changed(open_space)
    open_space.refresh_from_db()
    return open_space
