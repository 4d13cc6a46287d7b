"""Demo data: sample people and events drawn from the Wikimedia Movement Strategy process.

Loaded by `python -m convene load_demo`. Past events reproduce public facts (dates, the
questions asked, the interpretation offered); where the public record is silent (hours,
who took part, what they needed) the data is invented and the descriptions say so.
Upcoming events are placed relative to the moment of loading, so a fresh demo always
has something to register for.

Every step is idempotent: a user whose email exists and an event whose slug exists are
left as they are, so running the loader twice creates nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from convene.accounts.models import Region, User
from convene.events.models import Event, Registration

from .past import (
    GLOBAL_CONVERSATIONS_LANGUAGES,
    global_conversations,
    global_conversations_implementation,
    movement_charter_ama,
)
from .people import (
    DEMO_EMAILS,
    ORGANIZER_EMAIL,
    ORGANIZER_GROUP,
    ORGANIZER_PERMISSIONS,
    PARTICIPANTS,
    PASSWORD,
    People,
)
from .upcoming import conversation_hours, hubs_dialogue

__all__ = [
    "EVENT_SLUGS",
    "GLOBAL_CONVERSATIONS_LANGUAGES",
    "ORGANIZER_EMAIL",
    "PARTICIPANTS",
    "PASSWORD",
    "demo_load",
    "demo_remove",
]

Log = Callable[[str], None]
EventBuilder = Callable[[User, People, datetime], Event]

EVENTS: tuple[tuple[str, EventBuilder], ...] = (
    ("global-conversations-2020", global_conversations),
    ("global-conversations-implementation-2020", global_conversations_implementation),
    ("movement-charter-ama-2022", movement_charter_ama),
    ("movement-charter-conversation-hours", conversation_hours),
    ("hubs-dialogue-open-space", hubs_dialogue),
)
EVENT_SLUGS = tuple(slug for slug, _build in EVENTS)


# --- Loading ---------------------------------------------------------------


def _organizer_group() -> Group:
    group, _created = Group.objects.get_or_create(name=ORGANIZER_GROUP)
    for name in ORGANIZER_PERMISSIONS:
        app_label, codename = name.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return group


def _user(email: str, log: Log, **fields: object) -> tuple[User, bool]:
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    user = User(email=email, **fields)
    user.set_password(PASSWORD)
    user.full_clean()
    user.save()
    log(f"user {email} created")
    return user, True


@transaction.atomic
def demo_load(*, now: datetime | None = None, log: Log = print) -> None:
    """Create the demo users and events that are missing; leave existing ones untouched."""
    now = now or timezone.now()
    organizer, _created = _user(
        ORGANIZER_EMAIL,
        log,
        display_name="Mehrdad (Support Team)",
        preferred_language="en",
        timezone="UTC",
        region=Region.INTERNATIONAL,
        languages_spoken=["en"],
        is_staff=True,
        is_superuser=True,
    )
    organizer.groups.add(_organizer_group())
    people: People = {}
    for person in PARTICIPANTS:
        people[person.key], _created = _user(
            person.email,
            log,
            display_name=person.display_name,
            preferred_language=person.language,
            timezone=person.timezone,
            region=person.region,
            languages_spoken=list(person.languages_spoken),
        )
    existing = set(Event.objects.filter(slug__in=EVENT_SLUGS).values_list("slug", flat=True))
    for slug, build in EVENTS:
        if slug in existing:
            log(f"event {slug} already there, left as it is")
            continue
        event = build(organizer, people, now)
        sessions = event.sessions.count()
        registrations = Registration.objects.filter(session__event=event).count()
        log(f"event {slug} created (sessions: {sessions}, registrations: {registrations})")


@transaction.atomic
def demo_remove(*, log: Log = print) -> None:
    """Delete the demo events and the demo accounts (with their registrations and talks)."""
    events = Event.objects.filter(slug__in=EVENT_SLUGS)
    users = User.objects.filter(email__in=DEMO_EMAILS)
    log(f"removing {events.count()} demo events and {users.count()} demo users")
    events.delete()
    users.delete()
