"""Changes to accounts."""

from __future__ import annotations

from .models import User


def user_set_timezone(*, user: User, timezone_name: str) -> None:
    user.timezone = timezone_name
    user.save(update_fields=["timezone"])
