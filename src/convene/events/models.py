from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from convene.core import languages

from .querysets import EventQuerySet, RegistrationQuerySet, SessionQuerySet


class Event(models.Model):
    """A gathering of one or more sessions, e.g. "Movement Strategy Global Conversations"."""

    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    timezone = models.CharField(
        _("organizers' time zone"),
        max_length=64,
        default="UTC",
        help_text=_("Sessions are entered in this zone; viewers also see their own."),
    )
    organizers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organized_events", verbose_name=_("organizers")
    )
    is_published = models.BooleanField(_("published"), default=False)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    link_reveal_hours = models.PositiveSmallIntegerField(
        _("hours before a session its join link is revealed"),
        default=48,
        validators=[MaxValueValidator(24 * 30)],
    )
    code_of_conduct_url = models.URLField(
        _("code of conduct"),
        default="https://meta.wikimedia.org/wiki/Universal_Code_of_Conduct",
    )
    language = models.CharField(
        _("language the organizers write in"),
        max_length=10,
        choices=languages.choices(languages.CONTENT),
        default="en",
        help_text=_("Translators translate the event, its sessions and questions from it."),
    )
    reminder_hours = models.PositiveSmallIntegerField(
        _("hours before a session its reminder is sent"),
        default=24,
        validators=[MaxValueValidator(24 * 14)],
        help_text=_("0: no reminder."),
    )
    sensitive_data_retention_days = models.PositiveSmallIntegerField(
        _("days after the event until sensitive answers are erased"),
        default=30,
        validators=[MaxValueValidator(365)],
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="event_registration_window_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title


class LocationType(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")


class Session(models.Model):
    """One sitting of an event, at a fixed moment stored in UTC."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    agenda = models.CharField(
        _("agenda"),
        max_length=100,
        blank=True,
        help_text=_("Sessions with the same agenda repeat one programme in different time zones."),
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    timezone = models.CharField(_("organizers' time zone"), max_length=64, default="UTC")
    interpretation_languages = models.JSONField(
        _("interpretation offered into"), default=list, blank=True
    )
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    confirmed_count = models.PositiveIntegerField(
        _("confirmed registrations"), default=0, editable=False
    )
    location_type = models.CharField(
        _("location"), max_length=10, choices=LocationType.choices, default=LocationType.ONLINE
    )
    venue = models.CharField(
        _("venue"), max_length=300, blank=True, help_text=_("For in-person and hybrid sessions.")
    )
    meeting_url = models.URLField(
        _("meeting link"),
        blank=True,
        max_length=500,
        help_text=_("Shown only to confirmed participants, from the reveal time on."),
    )
    join_links_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminders_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    needs_summary_archive = models.JSONField(null=True, blank=True, editable=False)
    sensitive_erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Markdown, published after the session.")
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["event", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
            # The database itself refuses a confirmed registration beyond the capacity.
            models.CheckConstraint(
                condition=Q(confirmed_count__lte=F("capacity")),
                name="session_capacity_not_exceeded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event.title}: {self.title}"

    @property
    def link_reveal_at(self) -> datetime:
        return self.starts_at - timedelta(hours=self.event.link_reveal_hours)

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_online(self) -> bool:
        return self.location_type in (LocationType.ONLINE, LocationType.HYBRID)

    def has_started(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def has_ended(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.ends_at


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    YES_NO = "yes_no", _("Yes or no")


class RegistrationQuestion(models.Model):
    """A question the organizers add to an event's registration form."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    kind = models.CharField(_("kind of answer"), max_length=20, choices=QuestionKind.choices)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    is_sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_("Sensitive answers are seen by organizers only and erased after the event."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    interpretation_language = models.CharField(
        _("interpretation needed into"), max_length=10, blank=True
    )
    needs_data_support = models.BooleanField(_("internet data support"), default=False)
    needs_childcare = models.BooleanField(_("childcare"), default=False)
    accessibility_needs = models.TextField(_("accessibility support"), blank=True, max_length=1000)
    attendance = models.CharField(
        _("taking part"),
        max_length=10,
        choices=Attendance.choices,
        blank=True,
        help_text=_("Asked for hybrid sessions only."),
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    code_of_conduct_accepted_at = models.DateTimeField(_("code of conduct accepted"))
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    join_link_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["session", "status", "created_at"])]
        constraints = [
            # One active registration per person and session; a cancelled one may be renewed.
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=~Q(status="cancelled"),
                name="registration_one_active_per_user",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waitlisted", "cancelled"]),
                name="registration_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.session} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED


class LightningTalk(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="lightning_talks")
    speaker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lightning_talks",
    )
    title = models.CharField(_("title"), max_length=150)
    abstract = models.TextField(_("abstract"), max_length=1500)
    language = models.CharField(
        _("language"), max_length=10, choices=languages.choices(languages.CONTENT)
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("length in minutes"), default=5, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    position = models.PositiveSmallIntegerField(_("position in the running order"), default=0)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("lightning talk")
        verbose_name_plural = _("lightning talks")
        ordering = ["position", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=5),
                name="lightning_talk_at_most_five_minutes",
            )
        ]

    def __str__(self) -> str:
        return self.title


class ContentTranslation(models.Model):
    """A translator's text for one field of an event, a session or a registration question.

    `source_digest` is the digest of the source text it was made from: when the organizers
    change the source, the translation is outdated until a translator revises it.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="translations")
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="translations"
    )
    question = models.ForeignKey(
        RegistrationQuestion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="translations",
    )
    field = models.CharField(_("field"), max_length=20)
    language = models.CharField(_("language"), max_length=10)
    text = models.TextField(_("translation"), max_length=20000)
    source_digest = models.CharField(max_length=64)
    is_machine = models.BooleanField(_("machine translation"), default=False)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("translation of event content")
        verbose_name_plural = _("translations of event content")
        constraints = [
            models.CheckConstraint(
                condition=Q(session__isnull=True) | Q(question__isnull=True),
                name="content_translation_one_owner",
            ),
            models.UniqueConstraint(
                fields=["event", "field", "language"],
                condition=Q(session__isnull=True, question__isnull=True),
                name="content_translation_one_per_event_field",
            ),
            models.UniqueConstraint(
                fields=["session", "field", "language"],
                condition=Q(session__isnull=False),
                name="content_translation_one_per_session_field",
            ),
            models.UniqueConstraint(
                fields=["question", "field", "language"],
                condition=Q(question__isnull=False),
                name="content_translation_one_per_question_field",
            ),
        ]
        indexes = [models.Index(fields=["event", "language"])]

    def __str__(self) -> str:
        return f"{self.field} ({self.language})"


class Message(models.Model):
    """What organizers wrote to the registrants of an event or one session; a copy is kept.

    Written once in `language`, with optional translations (`{language: {"subject": ...,
    "body": ...}}`); each recipient gets their language's translation, else the source.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="messages")
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(
        _("written in"), max_length=10, choices=languages.choices(languages.CONTENT)
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=10000)
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    statuses = models.JSONField(_("registrations"), default=list)
    interpretation_language = models.CharField(
        _("only those needing interpretation into"), max_length=10, blank=True
    )
    need = models.CharField(_("only those who asked for"), max_length=20, blank=True)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("message to registrants")
        verbose_name_plural = _("messages to registrants")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject
