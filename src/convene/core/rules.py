"""Permission checks more than one app shares."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db.models import Model


def is_member(user: AbstractUser | AnonymousUser, obj: Model, members: str) -> bool:
    """Whether `user` is one of the people `obj.<members>` lists (an event's organizers, a
    document's authors); site administrators count as members of everything.

    The members' ids are read once and kept on `obj`, so a page that asks many times about
    one object makes one query.
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    kept = f"_{members}_ids"
    member_ids = getattr(obj, kept, None)
    if member_ids is None:
        member_ids = set(getattr(obj, members).values_list("pk", flat=True))
        setattr(obj, kept, member_ids)
    return user.pk in member_ids
