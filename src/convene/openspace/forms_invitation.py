"""Open space: what people type when passing an invitation on, choosing a zone to read a
moment in, and writing to an event's organizers."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

# A subject fits an email's subject line; a message, a few paragraphs.
CONTACT_SUBJECT_MAX_LENGTH = 150
CONTACT_MESSAGE_MAX_LENGTH = 5000

# A moment in an address: UTC, to the minute, e.g. 2020-09-20T16:00Z. Years outside these
# bounds are refused: no event is held then, and zones cannot write the edges of time.
_MOMENT = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})Z\Z", re.ASCII)
_FIRST_YEAR, _LAST_YEAR = 1900, 2999


def moment_parse(text: str) -> datetime | None:
    """The moment `text` writes (`2020-09-20T16:00Z`), aware in UTC; None for anything else
    (seconds, an offset, a day that does not exist, a year out of bounds)."""
    match = _MOMENT.match(text)
    if match is None:
        return None
    year, month, day, hour, minute = (int(part) for part in match.groups())
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        return None
    try:
        return datetime(year, month, day, hour, minute, tzinfo=UTC)
    except ValueError:
        return None


def moment_address(value: datetime) -> str:
    """`value` as the local-time page's address writes it, in UTC to the minute."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


class InvitationLanguageForm(forms.Form):
    """The language an invitation is written in: one of the interface languages."""

    language = forms.ChoiceField(label=_("Write the invitation in"), choices=settings.LANGUAGES)


class ContactForm(forms.Form):
    """A message to an event's organizers. Their addresses stay hidden; the sender's is
    shared only if they tick the box."""

    subject = forms.CharField(
        label=_("Subject"),
        max_length=CONTACT_SUBJECT_MAX_LENGTH,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=CONTACT_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
    )
    share_address = forms.BooleanField(required=False)

    def __init__(self, *args: Any, sender_email: str, sender_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["share_address"]
        field.label = _("Let them reply to my address, %(email)s") % {"email": sender_email}
        field.help_text = _(
            "Left unticked, the organizers see only your name, %(name)s, and cannot answer "
            "you by email."
        ) % {"name": sender_name}
