"""Checks on the plain text people send, shared by every service that stores it."""

from __future__ import annotations

import hashlib

from django.utils.translation import gettext as _

from .errors import ServiceError


def refuse_null_characters(*texts: str) -> None:
    """No database stores a NUL character (PostgreSQL refuses it): refuse it with a message,
    as Django's forms do, instead of failing when saving."""
    if any("\x00" in text for text in texts):
        # Django's own message, translated in its catalogues.
        raise ServiceError(_("Null characters are not allowed."), code="null_character")


def text_fingerprint(text: str) -> str:
    """What a translation was made from: changes whenever the source text changes (runs of
    white space count as one space)."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:32]
