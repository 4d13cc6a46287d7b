"""The organizers' changes of an open space: creating it for one of their events, its
co-hosts, its time slots and rooms. Every change is atomic and refuses with a
`ServiceError` that changes nothing; a change of the slots or rooms raises the grid's
version (`services.grid_changed`), so the pages showing the grid update.

Two organizers adding slots at once are taken one after the other (the open space's row is
locked while the new slot is checked against the others), so no two slots overlap; the
database keeps one slot per start and one room per name all the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from convene.accounts.models import User
from convene.core.errors import ServiceError
from convene.core.text import refuse_null_characters
from convene.events.models import Event
from convene.events.rules import can_manage_event
from convene.organizations.models import Organization

from . import rules
from .models import OpenSpace, Room, Slot, Topic
from .services import grid_changed

NETWORK_MAX_LENGTH = 200
NETWORKS_MAX_COUNT = 50
ROOM_NAME_MAX_LENGTH = Room._meta.get_field("name").max_length or 100
ROOM_PLACE_MAX_LENGTH = Room._meta.get_field("place").max_length or 300
ROOM_URL_MAX_LENGTH = Room._meta.get_field("meeting_url").max_length or 500
POSITION_MAX = 32767

_https = URLValidator(schemes=["https"])


def _check_organizer(user: User, open_space: OpenSpace) -> None:
    if not rules.can_organize(user, open_space):
        raise ServiceError(
            _("Only the organizers of this open space can change it."), code="forbidden"
        )


def _locked(open_space: OpenSpace) -> OpenSpace:
    """The open space, locked until the end of the transaction: changes of its slots and
    rooms are made one after the other."""
    return OpenSpace.objects.select_for_update().select_related("event").get(pk=open_space.pk)


def clean_networks(lines: Iterable[str]) -> list[str]:
    """Network names as typed one per line: trimmed, blanks and repeats left out."""
    names: list[str] = []
    seen: set[str] = set()
    for line in lines:
        refuse_null_characters(line)
        name = " ".join(line.split())
        if not name or name.casefold() in seen:
            continue
        if len(name) > NETWORK_MAX_LENGTH:
            raise ServiceError(
                _("A network's name is at most %(limit)s characters long.")
                % {"limit": NETWORK_MAX_LENGTH},
                code="too_long",
            )
        seen.add(name.casefold())
        names.append(name)
    if len(names) > NETWORKS_MAX_COUNT:
        raise ServiceError(
            _("Name at most %(limit)s networks.") % {"limit": NETWORKS_MAX_COUNT},
            code="too_many",
        )
    return names


def _check_cohosts(cohosts: Sequence[Organization], keep: Iterable[int] = ()) -> list[int]:
    """The ids of `cohosts`, each recognized now (or already a co-host, in `keep`)."""
    ids = list(dict.fromkeys(organization.pk for organization in cohosts))
    kept = set(keep)
    recognized = set(
        Organization.objects.recognized()
        .filter(pk__in=[pk for pk in ids if pk not in kept])
        .values_list("pk", flat=True)
    )
    if any(pk not in kept and pk not in recognized for pk in ids):
        raise ServiceError(
            _("Co-hosting organizations are chosen among the recognized ones of the registry."),
            code="organization_inactive",
        )
    return ids


# --- the open space --------------------------------------------------------------------------


@transaction.atomic
def open_space_create(
    *,
    event: Event,
    user: User,
    networks: Iterable[str] = (),
    cohosts: Sequence[Organization] = (),
) -> OpenSpace:
    """Run one of the user's events as an open space (an event has one at most)."""
    if not rules.can_create_open_space(user):
        raise ServiceError(_("Only organizers of open spaces can create one."), code="forbidden")
    if not can_manage_event(user, event):
        raise ServiceError(_("Choose one of the events you organize."), code="forbidden")
    names = clean_networks(networks)
    organization_ids = _check_cohosts(cohosts)
    try:
        with transaction.atomic():
            open_space = OpenSpace.objects.create(event=event, networks=names)
    except IntegrityError as taken:
        raise ServiceError(
            _("This event is already an open space."), code="has_open_space"
        ) from taken
    open_space.cohosts.set(organization_ids)
    return open_space


@transaction.atomic
def open_space_update(
    *,
    open_space: OpenSpace,
    user: User,
    networks: Iterable[str],
    cohosts: Sequence[Organization],
    is_sample: bool,
) -> OpenSpace:
    """The co-hosts (organizations of the registry and other networks, named) and whether
    the open space holds sample data. A co-host no longer recognized may stay one."""
    _check_organizer(user, open_space)
    open_space = _locked(open_space)
    names = clean_networks(networks)
    current = set(open_space.cohosts.values_list("pk", flat=True))
    organization_ids = _check_cohosts(cohosts, keep=current)
    OpenSpace.objects.filter(pk=open_space.pk).update(networks=names, is_sample=is_sample)
    open_space.cohosts.set(organization_ids)
    open_space.refresh_from_db()
    return open_space


# --- time slots ------------------------------------------------------------------------------


@transaction.atomic
def slot_add(*, open_space: OpenSpace, user: User, starts_at: datetime, ends_at: datetime) -> Slot:
    """A time slot, from `starts_at` to `ends_at` (aware: stored in UTC), overlapping no
    other slot of the open space."""
    _check_organizer(user, open_space)
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValueError("A slot's times must be aware.")
    if ends_at <= starts_at:
        raise ServiceError(_("A time slot must end after it starts."), code="ends_before_start")
    open_space = _locked(open_space)
    # Two slots overlap when each starts before the other ends (one may end when the next
    # starts).
    overlapping = open_space.slots.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).first()
    if overlapping is not None:
        raise ServiceError(
            _("This time slot overlaps another one. Choose a time when no other slot runs."),
            code="overlap",
        )
    try:
        with transaction.atomic():
            slot = Slot.objects.create(open_space=open_space, starts_at=starts_at, ends_at=ends_at)
    except IntegrityError as taken:
        raise ServiceError(
            _("Another time slot starts at this time."), code="start_taken"
        ) from taken
    grid_changed(open_space)
    return slot


def _slot_in_use() -> ServiceError:
    return ServiceError(
        _(
            "A topic is placed in this time slot. Move it to another slot first, "
            "then remove this one."
        ),
        code="in_use",
    )


@transaction.atomic
def slot_remove(*, slot: Slot, user: User) -> None:
    """Remove a time slot in which no topic is placed."""
    open_space = slot.open_space
    _check_organizer(user, open_space)
    open_space = _locked(open_space)
    if Topic.objects.filter(slot_id=slot.pk).exists():
        raise _slot_in_use()
    try:
        with transaction.atomic():
            Slot.objects.filter(pk=slot.pk, open_space=open_space).delete()
    except (ProtectedError, IntegrityError) as placed:  # a topic was placed in it meanwhile
        raise _slot_in_use() from placed
    grid_changed(open_space)


# --- rooms -----------------------------------------------------------------------------------


def _clean_room(
    *, name: str, kind: str, meeting_url: str, place: str, position: int | None
) -> tuple[str, str, str, str, int | None]:
    refuse_null_characters(name, meeting_url, place)
    name = " ".join(name.split())
    meeting_url = meeting_url.strip()
    place = " ".join(place.split())
    if not name:
        raise ServiceError(_("Give the room a name."), code="name_empty")
    if len(name) > ROOM_NAME_MAX_LENGTH:
        raise ServiceError(
            _("A room's name is at most %(limit)s characters long.")
            % {"limit": ROOM_NAME_MAX_LENGTH},
            code="name_too_long",
        )
    if kind not in Room.Kind.values:
        raise ServiceError(_("Choose whether the room is online or in a venue."), code="kind")
    if kind == Room.Kind.ONLINE:
        place = ""
        if not meeting_url:
            raise ServiceError(_("An online room needs its meeting link."), code="url_missing")
        if len(meeting_url) > ROOM_URL_MAX_LENGTH:
            raise ServiceError(
                _("A meeting link is at most %(limit)s characters long.")
                % {"limit": ROOM_URL_MAX_LENGTH},
                code="url_invalid",
            )
        try:
            _https(meeting_url)
        except ValidationError as invalid:
            raise ServiceError(
                _("The meeting link must be a full address starting with https://."),
                code="url_invalid",
            ) from invalid
    else:
        meeting_url = ""
        if not place:
            raise ServiceError(_("Say where the room is in the venue."), code="place_missing")
        if len(place) > ROOM_PLACE_MAX_LENGTH:
            raise ServiceError(
                _("A room's place is at most %(limit)s characters long.")
                % {"limit": ROOM_PLACE_MAX_LENGTH},
                code="place_too_long",
            )
    if position is not None and not 0 <= position <= POSITION_MAX:
        raise ServiceError(
            _("The position is a number from 0 to %(limit)s.") % {"limit": POSITION_MAX},
            code="position",
        )
    return name, kind, meeting_url, place, position


def _name_taken(error: IntegrityError) -> ServiceError:
    return ServiceError(
        _("Another room of this open space has this name. Give this one another name."),
        code="name_taken",
    )


@transaction.atomic
def room_add(
    *,
    open_space: OpenSpace,
    user: User,
    name: str,
    kind: str,
    meeting_url: str = "",
    place: str = "",
    position: int | None = None,
) -> Room:
    """A room, online with its meeting link or in the venue; placed after the others
    unless given a position."""
    _check_organizer(user, open_space)
    name, kind, meeting_url, place, position = _clean_room(
        name=name, kind=kind, meeting_url=meeting_url, place=place, position=position
    )
    open_space = _locked(open_space)
    if position is None:
        last = open_space.rooms.order_by("-position").values_list("position", flat=True).first()
        position = min((last + 1) if last is not None else 0, POSITION_MAX)
    try:
        with transaction.atomic():
            room = Room.objects.create(
                open_space=open_space,
                name=name,
                kind=kind,
                meeting_url=meeting_url,
                place=place,
                position=position,
            )
    except IntegrityError as taken:
        raise _name_taken(taken) from taken
    grid_changed(open_space)
    return room


@transaction.atomic
def room_update(
    *,
    room: Room,
    user: User,
    name: str,
    kind: str,
    meeting_url: str = "",
    place: str = "",
    position: int | None = None,
) -> Room:
    open_space = room.open_space
    _check_organizer(user, open_space)
    name, kind, meeting_url, place, position = _clean_room(
        name=name, kind=kind, meeting_url=meeting_url, place=place, position=position
    )
    open_space = _locked(open_space)
    try:
        with transaction.atomic():
            Room.objects.filter(pk=room.pk, open_space=open_space).update(
                name=name,
                kind=kind,
                meeting_url=meeting_url,
                place=place,
                position=room.position if position is None else position,
            )
    except IntegrityError as taken:
        raise _name_taken(taken) from taken
    grid_changed(open_space)
    room.refresh_from_db()
    return room


def _room_in_use() -> ServiceError:
    return ServiceError(
        _("A topic is placed in this room. Move it to another room first, then remove this one."),
        code="in_use",
    )


@transaction.atomic
def room_remove(*, room: Room, user: User) -> None:
    """Remove a room in which no topic is placed."""
    open_space = room.open_space
    _check_organizer(user, open_space)
    open_space = _locked(open_space)
    if Topic.objects.filter(room_id=room.pk).exists():
        raise _room_in_use()
    try:
        with transaction.atomic():
            Room.objects.filter(pk=room.pk, open_space=open_space).delete()
    except (ProtectedError, IntegrityError) as placed:  # a topic was placed in it meanwhile
        raise _room_in_use() from placed
    grid_changed(open_space)
