"""Live questions for an event session: asked in any language, upvoted once, answered."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from convene.core import languages
from convene.events.models import Session

from .querysets import QuestionQuerySet

QUESTION_MAX_LENGTH = 1000


class Question(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
    )
    is_anonymous = models.BooleanField(
        _("ask anonymously"),
        default=False,
        help_text=_("Other participants will not see your name."),
    )
    text = models.TextField(_("question"), max_length=QUESTION_MAX_LENGTH)
    language = models.CharField(
        _("language"), max_length=10, choices=languages.choices(languages.CONTENT)
    )
    vote_count = models.PositiveIntegerField(_("votes"), default=0)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates",
        verbose_name=_("duplicate of"),
    )  # fmt: skip
    follows = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ups",
        verbose_name=_("follow-up to"),
    )  # fmt: skip
    # Hidden by a host: the text stays stored (for the record), participants see the reason.
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["session", "updated_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("pk")), name="question_not_merged_into_itself"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:50]

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Vote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["question", "user"], name="one_vote_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.question_id}"


class HostAction(models.Model):
    """The hosts' log: every decision of a host on a question, kept for the record (a
    question shown again still says who hid it, when and why)."""

    class Action(models.TextChoices):
        ANSWER = "answer", _("Answered")
        MERGE = "merge", _("Merged into another question")
        FOLLOW_UP = "follow_up", _("Marked as a follow-up")
        NO_FOLLOW_UP = "unfollow", _("No longer a follow-up")
        HIDE = "hide", _("Hidden")
        UNHIDE = "unhide", _("Shown again")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="host_actions")
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    # The reason for hiding, or the question merged into or followed ("#12").
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("host action")
        verbose_name_plural = _("host actions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} #{self.question_id}"
