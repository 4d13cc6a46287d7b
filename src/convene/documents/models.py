"""Strategy documents: processes with phases, documents published in versions (iterations)
made of paragraphs with stable anchors, numbered initiatives, and paragraph translations."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from convene.core import languages
from convene.core.text import text_fingerprint

from .querysets import DocumentVersionQuerySet


class Process(models.Model):
    """A strategy process, e.g. "Movement Strategy 2018-20" or "Movement Charter"."""

    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("process")
        verbose_name_plural = _("processes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Phase(models.Model):
    class Kind(models.TextChoices):
        DRAFTING = "drafting", _("Drafting")
        FEEDBACK = "feedback", _("Feedback open")
        SYNTHESIS = "synthesis", _("Synthesis")
        FINAL = "final", _("Final")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="phase_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_current(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or today <= self.ends_on)


class Document(models.Model):
    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", _("Recommendation")
        RECOMMENDATION_SET = "recommendation_set", _("Set of recommendations")
        CHARTER_CHAPTER = "charter_chapter", _("Charter chapter")
        OTHER = "other", _("Document")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="documents")
    slug = models.SlugField(_("short name in the address"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.RECOMMENDATION
    )
    working_group = models.CharField(_("working group"), max_length=120, blank=True)
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="authored_documents",
        blank=True,
        verbose_name=_("authors"),
    )
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="followed_documents",
        blank=True,
        verbose_name=_("followers"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["process", "position", "title"]
        constraints = [
            models.UniqueConstraint(fields=["process", "slug"], name="document_slug_per_process")
        ]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    """One iteration of a document. Drafts are seen by authors only; publishing is atomic."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("iteration"))
    title = models.CharField(_("title"), max_length=200)
    change_summary = models.TextField(_("what changed"), blank=True)
    source_language = models.CharField(
        _("language of the text"),
        max_length=10,
        choices=languages.choices(languages.CONTENT),
        default="en",
    )
    body = models.TextField(_("text"), help_text=_("Markdown. Blank lines separate paragraphs."))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    feedback_opens_at = models.DateTimeField(_("feedback opens"), null=True, blank=True)
    feedback_closes_at = models.DateTimeField(_("feedback closes"), null=True, blank=True)
    guiding_questions = models.TextField(
        _("guiding questions"),
        blank=True,
        help_text=_("One question per line, shown where people write."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = DocumentVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="version_number_per_document"
            ),
            models.CheckConstraint(
                condition=Q(feedback_closes_at__isnull=True)
                | Q(feedback_opens_at__isnull=True)
                | Q(feedback_closes_at__gt=models.F("feedback_opens_at")),
                name="version_feedback_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document.title} ({self.number})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def questions_list(self) -> list[str]:
        return [line.strip() for line in self.guiding_questions.splitlines() if line.strip()]


class Paragraph(models.Model):
    """A block of a version: a heading or a paragraph, with an anchor kept across versions."""

    class Kind(models.TextChoices):
        HEADING = "heading", _("Heading")
        PARAGRAPH = "paragraph", _("Paragraph")

    version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="paragraphs"
    )
    anchor = models.SlugField(_("anchor"), max_length=40)
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PARAGRAPH)
    text = models.TextField(_("text"))
    fingerprint = models.CharField(max_length=32, editable=False)

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "anchor"], name="paragraph_anchor_per_version"
            ),
            models.UniqueConstraint(
                fields=["version", "position"], name="paragraph_position_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"§{self.anchor}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fingerprint = text_fingerprint(self.text)
        super().save(*args, **kwargs)


class ParagraphTranslation(models.Model):
    """A paragraph in another language. Outdated when the source changed since it was made."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(
        _("language"), max_length=10, choices=languages.choices(languages.CONTENT)
    )
    text = models.TextField(_("translation"))
    source_fingerprint = models.CharField(max_length=32)
    is_machine = models.BooleanField(_("machine translation"), default=False)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("paragraph translation")
        verbose_name_plural = _("paragraph translations")
        constraints = [
            models.UniqueConstraint(
                fields=["paragraph", "language"], name="one_translation_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.paragraph} [{self.language}]"

    @property
    def is_outdated(self) -> bool:
        return self.source_fingerprint != self.paragraph.fingerprint


class Initiative(models.Model):
    """A numbered initiative of a recommendation; other parts of Convene refer to its identifier."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="initiatives")
    number = models.PositiveSmallIntegerField(_("number"))
    identifier = models.SlugField(
        _("identifier"), max_length=60, unique=True, help_text=_("Stable, e.g. initiative-22.")
    )
    title = models.CharField(_("short title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"
