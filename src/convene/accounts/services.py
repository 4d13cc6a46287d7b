"""Changes to accounts: profile, personal data export and erasure, API tokens."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework.authtoken.models import Token

from convene.core import languages
from convene.core.lists import joined_text
from convene.core.models import OutgoingEmail
from convene.core.timezones import is_valid_timezone, utc_text

from .models import User

EXPORT_FORMAT = "convene-personal-data/1"


ExportSection = Callable[[User], list[dict[str, Any]]]
_EXPORT_SECTIONS: dict[str, ExportSection] = {}


def export_section_register(name: str, section: ExportSection) -> None:
    """Add what another app keeps about a person to "Download your data": `section(user)`
    gives the rows of `name`. The apps that this one cannot import (imports go one way)
    register their sections when they are ready."""
    _EXPORT_SECTIONS[name] = section


DeletionStep = Callable[[User, datetime], None]
_DELETION_STEPS: dict[str, DeletionStep] = {}


def deletion_step_register(name: str, step: DeletionStep) -> None:
    """Add what another app must do before an account is erased: `step(user, now)` runs in
    the erasure's transaction, before the account's row goes, in the order the apps are
    ready. The apps that this one cannot import register their steps when they are ready."""
    _DELETION_STEPS[name] = step


@transaction.atomic
def user_set_timezone(*, user: User, timezone_name: str) -> None:
    user.timezone = timezone_name
    user.save(update_fields=["timezone"])


@transaction.atomic
def user_update_profile(
    *,
    user: User,
    display_name: str,
    preferred_language: str,
    timezone_name: str,
    languages_spoken: Sequence[str],
    region: str,
) -> User:
    """Save what a person says about themselves; an empty time zone means "use my browser's"."""
    unknown = [code for code in languages_spoken if not languages.is_known(code)]
    if unknown:
        raise ValidationError(
            {
                "languages_spoken": ngettext(
                    "Unknown language: %(codes)s", "Unknown languages: %(codes)s", len(unknown)
                )
                % {"codes": joined_text(unknown)}
            }
        )
    if timezone_name and not is_valid_timezone(timezone_name):
        raise ValidationError({"timezone": _("Unknown time zone.")})
    user.display_name = display_name.strip()
    user.preferred_language = preferred_language
    user.timezone = timezone_name
    # Stored in the order of the list of languages, without repeats.
    user.languages_spoken = [code for code in languages.ALL if code in languages_spoken]
    user.region = region
    user.full_clean(exclude=["password"])
    user.save(
        update_fields=[
            "display_name",
            "preferred_language",
            "timezone",
            "languages_spoken",
            "region",
        ]
    )
    return user


def user_export_data(*, user: User) -> dict[str, Any]:
    """Everything Convene keeps about `user`, as JSON-ready data ("Download your data")."""
    return {
        "format": EXPORT_FORMAT,
        "exported_at": utc_text(timezone.now()),
        "profile": {
            "email": user.email,
            "display_name": user.display_name,
            "preferred_language": user.preferred_language,
            "timezone": user.timezone,
            "languages_spoken": list(user.languages_spoken),
            "region": user.region,
            "date_joined": utc_text(user.date_joined),
            "last_login": utc_text(user.last_login),
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "social_accounts": [
            {"provider": account.provider, "uid": account.uid}
            for account in SocialAccount.objects.filter(user=user).order_by("pk")
        ],
        **{name: section(user) for name, section in _EXPORT_SECTIONS.items()},
    }


@transaction.atomic
def user_delete(*, user: User, now: datetime | None = None) -> None:
    """Erase an account.

    The steps the apps above register run first (the events app cancels every active
    registration for a session still to come, so the session counters stay right and freed
    places go to the people on the waiting list; those of sessions that have begun go with
    the account, the sessions' counts keep them as they were); what the person wrote for
    others (lightning talks, comments) stays, without an author. Emails addressed to them
    are erased too, and their address is taken out of the emails they let others answer.
    """
    now = now or timezone.now()
    for step in _DELETION_STEPS.values():
        step(user, now)
    OutgoingEmail.objects.filter(to__iexact=user.email).delete()
    OutgoingEmail.objects.filter(reply_to__iexact=user.email).update(reply_to="")
    user.delete()


@transaction.atomic
def api_token_create(*, user: User) -> Token:
    """A new API token for `user`; an existing one stops working."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic
def api_token_revoke(*, user: User) -> bool:
    """Delete the API token of `user`; returns whether there was one."""
    deleted, _counts = Token.objects.filter(user=user).delete()
    return deleted > 0
