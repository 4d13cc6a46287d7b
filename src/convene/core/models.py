from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """An email written in its recipient's language, kept until it has been delivered.

    Sending happens in a background task; a failure is retried with a growing delay and
    never blocks the action that caused the email.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    to = models.EmailField(_("to"))
    reply_to = models.EmailField(_("reply to"), blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class RateLimitCounter(models.Model):
    """How many times one action was done for one account or address in the current window.

    Shared by every web process through the database; changed only by the single upsert
    in `convene.core.ratelimit`, so concurrent requests never count past the limit. The key
    holds a digest, never an email or address in clear.
    """

    key = models.CharField(_("key"), max_length=100, primary_key=True)
    hits = models.PositiveIntegerField(_("hits"), default=0)
    # Seconds since the epoch at which the window, begun by its first hit, ends.
    window_ends = models.FloatField(_("window ends"), db_index=True)

    class Meta:
        verbose_name = _("rate limit counter")
        verbose_name_plural = _("rate limit counters")

    def __str__(self) -> str:
        return f"{self.key}: {self.hits}"


class DailyRunClaim(models.Model):
    """One recurring background job claimed for one day.

    A job that runs once a day (the registry's day, say) enqueues its next run itself; the
    housekeeping command starts it again should the chain ever break. Both claim the next day
    here first, and the unique pair lets only one of them enqueue it, so the job never runs
    twice for a day however many chains or commands try.
    """

    name = models.CharField(_("name"), max_length=100)
    day = models.DateField(_("day"))
    claimed_at = models.DateTimeField(_("claimed"), auto_now_add=True)

    class Meta:
        verbose_name = _("daily run")
        verbose_name_plural = _("daily runs")
        constraints = [
            models.UniqueConstraint(fields=["name", "day"], name="core_daily_run_once"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.day.isoformat()}"
