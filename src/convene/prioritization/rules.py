"""Who may do what in a round of prioritization, and the round's states. Every such check
lives here; services enforce them, views ask them only to decide what to show."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from convene.accounts.users import Viewer
from convene.core.rules import is_member
from convene.events.models import Registration
from convene.organizations.models import Organization

from .models import Group, Round


def round_state(round_: Round, now: datetime | None = None) -> str:
    """ "upcoming", "open" or "closed"."""
    now = now or timezone.now()
    if now < round_.opens_at:
        return "upcoming"
    if now < round_.closes_at:
        return "open"
    return "closed"


def is_open(round_: Round, now: datetime | None = None) -> bool:
    return round_state(round_, now) == "open"


def can_create_round(user: Viewer) -> bool:
    return bool(user.is_authenticated and user.has_perm("prioritization.organize_rounds"))


def can_organize(user: Viewer, round_: Round) -> bool:
    """The round's organizers, and whoever organizes every round (the permission)."""
    return is_member(user, round_, "organizers") or can_create_round(user)


def results_visible(user: Viewer, round_: Round, now: datetime | None = None) -> bool:
    """Results stay hidden until the close unless the round says otherwise; organizers see
    them at any time. The number of ballots is shown to everyone regardless."""
    if round_.results_before_close or round_state(round_, now) == "closed":
        return True
    return can_organize(user, round_)


def report_visible(user: Viewer, round_: Round) -> bool:
    return round_.report_published_at is not None or can_organize(user, round_)


def representative_ids(group: Group) -> set[int]:
    """Who acts for the group: its own representatives and, for an organization of the
    registry, the people the registry lists as the organization's representatives. Read once
    and kept on the group."""
    ids: set[int] | None = getattr(group, "_representative_ids", None)
    if ids is None:
        ids = set(group.representatives.values_list("pk", flat=True))
        if group.organization_id is not None:
            ids |= set(
                Organization.representatives.through.objects.filter(
                    organization_id=group.organization_id
                ).values_list("user_id", flat=True)
            )
        group._representative_ids = ids  # type: ignore[attr-defined]
    return ids


def represents(user: Viewer, group: Group) -> bool:
    """Site administrators do not count: a group's ballot is cast by those who act for it."""
    return bool(user.is_authenticated and user.pk in representative_ids(group))


def may_vote_individually(user: Viewer, round_: Round) -> bool:
    """Signed-in people, or only the confirmed registrants of the event's sessions."""
    if not (user.is_authenticated and round_.individual_track):
        return False
    if round_.individuals_event_id is None:
        return True
    return Registration.objects.filter(
        session__event_id=round_.individuals_event_id,
        user_id=user.pk,
        status=Registration.Status.CONFIRMED,
    ).exists()


def can_submit_for(user: Viewer, group: Group, now: datetime | None = None) -> bool:
    return group.round.group_track and is_open(group.round, now) and represents(user, group)


def can_vote(user: Viewer, round_: Round, now: datetime | None = None) -> bool:
    return is_open(round_, now) and may_vote_individually(user, round_)


def can_import(user: Viewer, round_: Round) -> bool:
    return can_organize(user, round_)
