"""Reads for documents, each in a constant number of queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from .models import Document, DocumentVersion, Paragraph, ParagraphTranslation, Phase, Process


def process_list() -> QuerySet[Process]:
    return Process.objects.annotate(document_count=Count("documents")).order_by("-created_at")


def process_phases(
    *, process: Process, today: date | None = None
) -> tuple[list[Phase], Phase | None, Phase | None]:
    """All phases, the current one and the next one."""
    today = today or timezone.localdate()
    phases = list(process.phases.all())
    current = next((phase for phase in phases if phase.is_current(today)), None)
    upcoming = next((phase for phase in phases if phase.starts_on > today), None)
    return phases, current, upcoming


def published_versions(*, document: Document) -> list[DocumentVersion]:
    return list(document.versions.published().order_by("number"))


def latest_published(*, document: Document) -> DocumentVersion | None:
    return document.versions.published().order_by("-number").first()


def process_documents(*, process: Process) -> list[Document]:
    """Documents with their latest published version attached as `latest`."""
    documents: list[Document] = list(
        process.documents.prefetch_related(
            Prefetch(
                "versions",
                queryset=DocumentVersion.objects.published().order_by("-number"),
                to_attr="published",
            )
        )
    )
    for document in documents:
        document.latest = document.published[0] if document.published else None  # type: ignore[attr-defined]
    return documents


@dataclass(frozen=True)
class ReadingParagraph:
    paragraph: Paragraph
    text: str
    language: str
    is_fallback: bool  # shown in the source language: no translation yet
    is_outdated: bool  # a translation of an older text of this paragraph
    is_machine: bool


def paragraph_comment_counts(*, version: DocumentVersion) -> dict[str, int]:
    """Visible top-level comments per paragraph anchor, on this version and the earlier
    published iterations of its document (an anchor survives editing, and the feedback
    page filtered by paragraph shows those comments too). One query."""
    rows = (
        Paragraph.objects.filter(
            version__document_id=version.document_id,
            version__number__lte=version.number,
            version__published_at__isnull=False,
        )
        .values("anchor")
        .annotate(
            n=Count(
                "comments",
                filter=Q(comments__hidden_at__isnull=True, comments__parent__isnull=True),
            )
        )
        .order_by()
    )
    return {row["anchor"]: row["n"] for row in rows}


def version_reading(*, version: DocumentVersion, language: str) -> list[ReadingParagraph]:
    """The version in `language`, falling back to the source paragraph by paragraph."""
    paragraphs = list(version.paragraphs.order_by("position"))
    translations: dict[int, ParagraphTranslation] = {}
    if language != version.source_language:
        translations = {
            t.paragraph_id: t
            for t in ParagraphTranslation.objects.filter(
                paragraph__version=version, language=language
            )
        }
    rows = []
    for paragraph in paragraphs:
        translation = translations.get(paragraph.pk)
        if translation is None:
            rows.append(
                ReadingParagraph(
                    paragraph=paragraph,
                    text=paragraph.text,
                    language=version.source_language,
                    is_fallback=language != version.source_language,
                    is_outdated=False,
                    is_machine=False,
                )
            )
        else:
            rows.append(
                ReadingParagraph(
                    paragraph=paragraph,
                    text=translation.text,
                    language=language,
                    is_fallback=False,
                    is_outdated=translation.source_fingerprint != paragraph.fingerprint,
                    is_machine=translation.is_machine,
                )
            )
    return rows


@dataclass(frozen=True)
class Progress:
    document: Document
    version: DocumentVersion
    total: int
    up_to_date: int
    outdated: int

    @property
    def missing(self) -> int:
        return self.total - self.up_to_date - self.outdated

    @property
    def percent(self) -> int:
        return round(100 * self.up_to_date / self.total) if self.total else 100


def translation_progress(*, language: str) -> list[Progress]:
    """For each document's latest published version: how much is translated into `language`."""
    return translation_overview(languages=[language])[language]


def translation_overview(*, languages: Sequence[str]) -> dict[str, list[Progress]]:
    """`translation_progress` for each of `languages`, in four queries whatever their number."""
    documents = Document.objects.select_related("process").prefetch_related(
        Prefetch(
            "versions",
            queryset=DocumentVersion.objects.published().order_by("-number"),
            to_attr="published",
        )
    )
    latest = {document.published[0].pk: document for document in documents if document.published}
    totals = dict(
        Paragraph.objects.filter(version_id__in=latest)
        .values("version")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("version", "n")
    )
    translated: dict[tuple[int, str], int] = {}
    outdated: dict[tuple[int, str], int] = {}
    for (
        version_id,
        language,
        fingerprint,
        source_fingerprint,
    ) in ParagraphTranslation.objects.filter(
        paragraph__version_id__in=latest, language__in=list(languages)
    ).values_list(
        "paragraph__version_id", "language", "paragraph__fingerprint", "source_fingerprint"
    ):
        key = (version_id, language)
        translated[key] = translated.get(key, 0) + 1
        if fingerprint != source_fingerprint:
            outdated[key] = outdated.get(key, 0) + 1
    overview: dict[str, list[Progress]] = {}
    for language in languages:
        progress = []
        for version_id, document in latest.items():
            version = document.published[0]
            if version.source_language == language:
                continue
            stale = outdated.get((version_id, language), 0)
            progress.append(
                Progress(
                    document=document,
                    version=version,
                    total=totals.get(version_id, 0),
                    up_to_date=translated.get((version_id, language), 0) - stale,
                    outdated=stale,
                )
            )
        overview[language] = sorted(
            progress,
            key=lambda p: (p.document.process.title, p.document.position, p.document.title),
        )
    return overview


def translation_worklist(*, version: DocumentVersion, language: str) -> list[dict[str, Any]]:
    """Paragraphs of `version` that are missing or outdated in `language`, in order."""
    rows = []
    for item in version_reading(version=version, language=language):
        if item.is_fallback or item.is_outdated:
            rows.append({"reading": item, "state": "missing" if item.is_fallback else "outdated"})
    return rows
