"""Feedback on documents: comments with stances, replies, reports and moderation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from convene.core import languages
from convene.documents.models import DocumentVersion, Paragraph

from .querysets import CommentQuerySet

COMMENT_MAX_LENGTH = 5000
# The community's rules, linked where people write and in the notices of moderation.
CODE_OF_CONDUCT_URL = "https://meta.wikimedia.org/wiki/Universal_Code_of_Conduct"


class Stance(models.TextChoices):
    SUPPORT = "support", _("Support")
    CONCERN = "concern", _("Concern")
    RED_LINE = "red_line", _("Red line")
    QUESTION = "question", _("Question")


class Board(models.Model):
    """A discussion space of its own, not about a document: threads and replies that the
    same moderation keeps (e.g. the space between the meetings of a series). An app above
    opens one with `services.board_open(key=...)` and links to it."""

    key = models.CharField(max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    is_open = models.BooleanField(_("open for new threads and replies"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("discussion space")
        verbose_name_plural = _("discussion spaces")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Comment(models.Model):
    """A comment on a version, or on one paragraph of it, or a thread of a board; replies
    form threads."""

    version = models.ForeignKey(
        DocumentVersion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    title = models.CharField(
        _("subject"), max_length=200, blank=True, help_text=_("Threads of a board have one.")
    )
    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    language = models.CharField(
        _("language"), max_length=10, choices=languages.choices(languages.CONTENT)
    )
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True, db_index=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["version", "parent", "created_at"]),
            models.Index(fields=["version", "paragraph"]),
            models.Index(fields=["board", "parent", "created_at"]),
        ]
        constraints = [
            # About a document's version, or in a board: one of the two, always.
            models.CheckConstraint(
                condition=Q(version__isnull=False, board__isnull=True)
                | Q(version__isnull=True, board__isnull=False),
                name="comment_version_or_board",
            ),
            # A stance belongs to a top-level comment, never to a reply.
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | Q(stance=""),
                name="comment_stance_only_top_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author or '-'}: {self.body[:40]}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Report(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        HIDDEN = "hidden", _("Comment hidden")
        DISMISSED = "dismissed", _("Dismissed")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [
            # One report per person and comment, whatever became of it: comments are not
            # edited, so what moderators dismissed, or showed again after hiding it, is the
            # very text the person reported. (Reports of deleted accounts have no reporter.)
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_person")
        ]

    def __str__(self) -> str:
        return self.reason[:40]


class ModerationAction(models.Model):
    """The log: every moderation decision, kept for the record."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hidden")
        UNHIDE = "unhide", _("Shown again")
        DISMISS = "dismiss", _("Report dismissed")

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="moderation_actions"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} #{self.comment_id}"
