"""Who may do what with the live questions of a session. Every permission check lives here."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from convene.accounts.users import Viewer
from convene.events.models import Session
from convene.events.rules import can_manage_event, can_view_event


def can_host(user: Viewer, session: Session) -> bool:
    """The hosts of a session's questions are the organizers of its event."""
    return can_manage_event(user, session.event)


def can_view(user: Viewer, session: Session) -> bool:
    return can_view_event(user, session.event)


def is_open_for_questions(session: Session, now: datetime | None = None) -> bool:
    """From the moment the event is published until the session ends."""
    return session.event.is_published and not session.has_ended(now or timezone.now())


def can_ask(user: Viewer, session: Session, now: datetime | None = None) -> bool:
    """Any signed-in person while questions are open; hosts also before and after."""
    if not user.is_authenticated:
        return False
    return is_open_for_questions(session, now) or can_host(user, session)


def can_vote(user: Viewer, session: Session, now: datetime | None = None) -> bool:
    return bool(user.is_authenticated and is_open_for_questions(session, now))


def can_read_notes(user: Viewer, session: Session, now: datetime | None = None) -> bool:
    """The questions and answers are published once the session has ended; hosts read them earlier."""
    return session.has_ended(now or timezone.now()) or can_host(user, session)


def sees_asker(user: Viewer, question_author_id: int | None, *, is_host: bool) -> bool:
    """Whether `user` may see who asked an anonymous question: its hosts and its author."""
    return is_host or (user.is_authenticated and question_author_id == user.pk)


def can_share_questions(user: Viewer, session: Session) -> bool:
    """The hosts decide whether the editions of a session's agenda (its sessions with the same
    `agenda` in the event) share their questions; a session without an agenda has none."""
    return bool(session.agenda) and can_host(user, session)
