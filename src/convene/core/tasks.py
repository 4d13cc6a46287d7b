from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import OutgoingEmail

logger = logging.getLogger(__name__)


@task()
def email_deliver(*, email_id: int) -> str:
    """Send one queued email; on failure, try again later with a doubling delay."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != OutgoingEmail.Status.QUEUED:
            return "skipped"
        email.attempts += 1
        try:
            if email.reply_to:
                EmailMessage(
                    email.subject,
                    email.body,
                    settings.DEFAULT_FROM_EMAIL,
                    [email.to],
                    reply_to=[email.reply_to],
                ).send()
            else:
                send_mail(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to])
        except Exception as exc:
            logger.warning("Email %s failed (attempt %s): %r", email.pk, email.attempts, exc)
            email.last_error = repr(exc)[:255]
            if email.attempts >= settings.CONVENE_EMAIL_MAX_ATTEMPTS:
                email.status = OutgoingEmail.Status.FAILED
                email.save(update_fields=["attempts", "last_error", "status"])
                return "failed"
            email.save(update_fields=["attempts", "last_error"])
            delay = settings.CONVENE_EMAIL_RETRY_SECONDS * 2 ** (email.attempts - 1)
            run_after = timezone.now() + timedelta(seconds=delay)
            transaction.on_commit(
                lambda: email_deliver.using(run_after=run_after).enqueue(email_id=email_id)
            )
            return "retry"
        email.status = OutgoingEmail.Status.SENT
        email.sent_at = timezone.now()
        email.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return "sent"
