"""Checks on the plain text people send, shared by every service that stores it, and the
joining of translated sentences into one message."""

from __future__ import annotations

import hashlib

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

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


def sentences(first: str, second: str) -> str:
    """Two translated sentences as one message, e.g. one whose number is a length and one
    whose number is a limit: each sentence takes the plural form of its own number. The
    joining is translated too (Chinese puts no space between sentences)."""
    return pgettext("two sentences one after the other", "%(first)s %(second)s") % {
        "first": first,
        "second": second,
    }
