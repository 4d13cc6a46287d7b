"""Emails go out in the recipient's language and time zone, through a retried task."""

from __future__ import annotations

from typing import Any, Protocol

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutgoingEmail
from .tasks import email_deliver
from .timezones import get_zone


class Recipient(Protocol):
    """A person emails are written to (an account: core does not know the user model)."""

    @property
    def email(self) -> str: ...

    @property
    def preferred_language(self) -> str: ...

    @property
    def timezone(self) -> str: ...


def email_queue(
    *,
    to: str,
    template: str,
    context: dict[str, Any],
    language: str,
    timezone_name: str = "UTC",
    reply_to: str = "",
) -> OutgoingEmail:
    """Render `<template>_subject.txt` and `<template>_body.txt` for the recipient and queue it.

    `reply_to`, when given, is the address an answer goes to (someone who chose to share it).

    The email is stored in the same transaction as the change that caused it and sent
    once that transaction commits, so a rolled-back change sends nothing.
    """
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language), timezone.override(get_zone(timezone_name)):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    email = OutgoingEmail.objects.create(
        to=to, reply_to=reply_to, subject=subject[:255], body=body, language=language
    )
    transaction.on_commit(lambda: email_deliver.enqueue(email_id=email.pk))
    return email


def email_to_user(*, user: Recipient, template: str, context: dict[str, Any]) -> OutgoingEmail:
    return email_queue(
        to=user.email,
        template=template,
        context={"user": user, **context},
        language=user.preferred_language or "en",
        timezone_name=user.timezone or "UTC",
    )
