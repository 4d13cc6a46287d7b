"""Open space: writing to an event's organizers without seeing their addresses.

Each organizer gets the message by email in their own language (the sender's words as
written). The sender's address goes with it, as the address to reply to, only if they chose
to share it. Nothing is kept of the message but the emails on their way and the count of
the rate limit.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from convene.accounts.models import User
from convene.core import ratelimit
from convene.core.errors import ServiceError
from convene.core.mail import email_queue
from convene.core.text import refuse_null_characters, sentences
from convene.events import rules as event_rules
from convene.events.models import Event
from convene.events.translations import attach_shown

from .forms_invitation import CONTACT_MESSAGE_MAX_LENGTH, CONTACT_SUBJECT_MAX_LENGTH
from .services import too_long

CONTACT_EMAIL_TEMPLATE = "openspace/email/contact"


def _check_rate(sender: User, address: str) -> None:
    try:
        ratelimit.consume(action="contact", account=sender, address=address)
    except ratelimit.RateLimited as refused:
        if refused.per_address:
            raise ServiceError(ratelimit.address_message(), code="rate_limited") from refused
        raise ServiceError(
            sentences(
                _("You have written to organizers many times in a short while."),
                ratelimit.wait_message(refused.rate),
            ),
            code="rate_limited",
        ) from refused


@transaction.atomic
def event_organizers_contact(
    *,
    event: Event,
    sender: User,
    subject: str,
    message: str,
    share_address: bool,
    address: str = "",
) -> int:
    """Email `message` to each organizer of `event`, in their language; returns how many
    were written to. The reply goes to the sender's address only when `share_address`."""
    if not sender.is_authenticated or not sender.is_active:
        raise ServiceError(_("Log in to write to the organizers."), code="anonymous")
    if not event_rules.can_view_event(sender, event):
        raise ServiceError(_("No such event."), code="forbidden")
    refuse_null_characters(subject, message)
    subject = " ".join(subject.split())
    message = message.strip()
    if not subject:
        raise ServiceError(_("Write a subject."), code="empty")
    if not message:
        raise ServiceError(_("Write a message."), code="empty")
    if len(subject) > CONTACT_SUBJECT_MAX_LENGTH:
        raise too_long(_("The subject"), len(subject), CONTACT_SUBJECT_MAX_LENGTH)
    if len(message) > CONTACT_MESSAGE_MAX_LENGTH:
        raise too_long(_("The message"), len(message), CONTACT_MESSAGE_MAX_LENGTH)
    organizers = list(event.organizers.filter(is_active=True).order_by("pk"))
    if not organizers:
        raise ServiceError(_("This event has no organizers to write to."), code="no_organizers")
    _check_rate(sender, address)
    by_language: dict[str, list[User]] = {}
    for organizer in organizers:
        by_language.setdefault(organizer.preferred_language or "en", []).append(organizer)
    for language, readers in by_language.items():
        attach_shown([event], language=language)  # the event's title in their language
        for organizer in readers:
            email_queue(
                to=organizer.email,
                template=CONTACT_EMAIL_TEMPLATE,
                context={
                    "user": organizer,
                    "event": event,
                    "sender": sender,
                    "subject": subject,
                    "message": message,
                    "shared": share_address,
                },
                language=language,
                timezone_name=organizer.timezone or "UTC",
                reply_to=sender.email if share_address else "",
            )
    return len(organizers)
