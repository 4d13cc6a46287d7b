"""Live questions for an event session: asked in any language, upvoted once, answered."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, Q
from django.utils.translation import gettext_lazy as _

from convene.core import languages
from convene.events.models import Event, Session

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
    # The edition whose hosts answered it (another edition of the agenda, when they share
    # their questions); null for answers given before editions could share.
    answered_in = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("answered in"),
    )  # fmt: skip
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


class QuestionPool(models.Model):
    """The editions of one agenda in an event (its sessions with the same `Session.agenda`,
    e.g. one "Ask Me Anything" in three time zones) share one pool of questions when the
    organizers turn it on: each edition's page lists the questions of all of them."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="question_pools")
    agenda = models.CharField(_("agenda"), max_length=100)
    shared = models.BooleanField(_("editions share their questions"), default=False)
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("question pool")
        verbose_name_plural = _("question pools")
        constraints = [
            models.UniqueConstraint(fields=["event", "agenda"], name="one_pool_per_agenda"),
            models.CheckConstraint(condition=~Q(agenda=""), name="pool_has_an_agenda"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.agenda}"


def pool_filter(session: Session, prefix: str = "") -> Q:
    """What selects the questions shown on `session`'s page (`prefix`: the path to the
    question, e.g. "question__" for votes): its own, and when the editions of its agenda
    share their questions, theirs too.

    A session read with `questions_shared` annotated (`selectors.session_get`) is decided
    at once; else whether the pool is shared is part of the same query.
    """
    own = Q(**{f"{prefix}session": session})
    if not session.agenda:
        return own
    shared = getattr(session, "questions_shared", None)
    if shared is False:
        return own
    editions = Q(
        **{
            f"{prefix}session__event_id": session.event_id,
            f"{prefix}session__agenda": session.agenda,
        }
    )
    if shared:
        return editions
    return own | (editions & Q(Exists(shared_pool(session))))


def shared_pool(session: Session) -> models.QuerySet[QuestionPool]:
    """The pool of `session`'s agenda, if it is shared (for `Exists`)."""
    return QuestionPool.objects.filter(
        event_id=session.event_id, agenda=session.agenda, shared=True
    )


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
