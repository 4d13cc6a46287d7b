"""Who may do what with events. Every permission check of the events app lives here."""

from __future__ import annotations

import enum
from datetime import datetime

from django.utils import timezone

from convene.accounts.users import Viewer
from convene.core.rules import is_member

from .models import Event, LightningTalk, LocationType, Registration, Session


def can_create_event(user: Viewer) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.has_perm("events.add_event")))


def can_manage_event(user: Viewer, event: Event) -> bool:
    """Organizers of this event (and site administrators) manage it and see sensitive answers."""
    return is_member(user, event, "organizers")


def can_message_registrants(user: Viewer, event: Event) -> bool:
    """Organizers write to the people registered for their event (and read what was sent)."""
    return can_manage_event(user, event)


def can_view_event(user: Viewer, event: Event) -> bool:
    return event.is_published or can_manage_event(user, event)


def can_translate_content(user: Viewer) -> bool:
    """Translators of what organizers write (events, sessions, registration questions)."""
    return bool(user.is_authenticated and user.has_perm("events.add_contenttranslation"))


class RegistrationState(enum.Enum):
    NOT_YET_OPEN = "not_yet_open"
    OPEN = "open"
    CLOSED = "closed"  # the event's deadline has passed
    STARTED = "started"  # the session has begun


def registration_state(session: Session, now: datetime | None = None) -> RegistrationState:
    now = now or timezone.now()
    event = session.event
    if session.has_started(now):
        return RegistrationState.STARTED
    if event.registration_closes_at and now >= event.registration_closes_at:
        return RegistrationState.CLOSED
    if event.registration_opens_at and now < event.registration_opens_at:
        return RegistrationState.NOT_YET_OPEN
    return RegistrationState.OPEN


def can_see_join_link(
    registration: Registration | None, session: Session, now: datetime | None = None
) -> bool:
    """Only a confirmed participant who takes part online (not one of a hybrid session who
    chose to come in person), only from the reveal time on, and only if there is a link."""
    now = now or timezone.now()
    return bool(
        session.meeting_url
        and registration is not None
        and registration.session_id == session.pk
        and registration.status == Registration.Status.CONFIRMED
        and takes_part_online(registration, session)
        and now >= session.link_reveal_at
    )


def takes_part_online(registration: Registration, session: Session) -> bool:
    """Whoever has a call to join: at a hybrid session, those who did not choose the venue."""
    return not (
        session.location_type == LocationType.HYBRID
        and registration.attendance == Registration.Attendance.IN_PERSON
    )


def can_change_needs(
    registration: Registration | None, session: Session, now: datetime | None = None
) -> bool:
    """An active registrant changes their needs and answers while registration is open."""
    return bool(
        registration is not None
        and registration.is_active
        and registration_state(session, now) is RegistrationState.OPEN
    )


def can_withdraw_talk(user: Viewer, talk: LightningTalk, session: Session) -> bool:
    """The speaker takes back a proposed or accepted talk until the session starts."""
    return bool(
        user.is_authenticated
        and talk.speaker_id == user.pk
        and talk.status in (LightningTalk.Status.PROPOSED, LightningTalk.Status.ACCEPTED)
        and not session.has_started()
    )


def can_propose_talk(user: Viewer, registration: Registration | None, session: Session) -> bool:
    return bool(
        user.is_authenticated
        and registration is not None
        and registration.is_active
        and not session.has_ended()
    )
