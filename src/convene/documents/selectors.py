"""Reads for documents, each in a constant number of queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, TypedDict

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from convene.accounts.users import Viewer
from convene.core.languages import CONTENT, choices

from .diff import DiffRow, paragraph_diff
from .models import (
    Document,
    DocumentVersion,
    Paragraph,
    ParagraphTranslation,
    Phase,
    Process,
)


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


def current_draft(*, document: Document) -> DocumentVersion | None:
    """The iteration being drafted, if any (there is one at a time)."""
    return document.versions.drafts().order_by("-number").first()


def is_following(*, document: Document, user: Viewer) -> bool:
    """Whether `user` gets an email when a new iteration is published. No query for visitors."""
    return bool(user.is_authenticated and document.followers.filter(pk=user.pk).exists())


def version_comparison(*, old: DocumentVersion, new: DocumentVersion) -> list[DiffRow]:
    """What changed from `old` to `new`, paragraph by paragraph. Two queries."""
    return paragraph_diff(
        list(old.paragraphs.order_by("position").values_list("anchor", "text")),
        list(new.paragraphs.order_by("position").values_list("anchor", "text")),
    )


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


class LanguageProgress(TypedDict):
    """How much of the latest published iterations is translated into one language."""

    code: str
    name: str
    documents: int  # documents not written in this language
    total: int  # their paragraphs
    up_to_date: int
    outdated: int
    missing: int
    percent: int  # up to date, of the total (100 when there is nothing to translate)


def translation_summary(
    *, languages: Sequence[tuple[str, Any]] = choices(CONTENT)
) -> list[LanguageProgress]:
    """`translation_overview` summed per language, for each (code, name) of `languages`,
    in their order. Four queries whatever the number of languages and documents."""
    overview = translation_overview(languages=[code for code, _name in languages])
    summary: list[LanguageProgress] = []
    for code, name in languages:
        progress = overview[code]
        total = sum(p.total for p in progress)
        up_to_date = sum(p.up_to_date for p in progress)
        outdated = sum(p.outdated for p in progress)
        summary.append(
            LanguageProgress(
                code=code,
                name=str(name),
                documents=len(progress),
                total=total,
                up_to_date=up_to_date,
                outdated=outdated,
                missing=total - up_to_date - outdated,
                percent=round(100 * up_to_date / total) if total else 100,
            )
        )
    return summary


WorkState = Literal["missing", "outdated", "done"]


@dataclass(frozen=True)
class WorkItem:
    """A paragraph on a translator's list, and where its translation stands."""

    reading: ReadingParagraph
    state: WorkState  # "done": translated and up to date, kept on the list on request

    @property
    def paragraph(self) -> Paragraph:
        return self.reading.paragraph

    @property
    def translation(self) -> str:
        """The existing translation (possibly outdated), or ""."""
        return "" if self.reading.is_fallback else self.reading.text

    @property
    def machine_may_fill(self) -> bool:
        """Missing, or outdated and by a machine: a person's translation is never replaced."""
        return self.state == "missing" or (self.state == "outdated" and self.reading.is_machine)


def translation_worklist(
    *, version: DocumentVersion, language: str, keep: str = ""
) -> list[WorkItem]:
    """Paragraphs of `version` that are missing or outdated in `language`, in order, and the
    paragraph whose anchor is `keep` (just translated) as "done". Two queries."""
    items = []
    for reading in version_reading(version=version, language=language):
        if reading.is_fallback:
            items.append(WorkItem(reading=reading, state="missing"))
        elif reading.is_outdated:
            items.append(WorkItem(reading=reading, state="outdated"))
        elif keep and reading.paragraph.anchor == keep:
            items.append(WorkItem(reading=reading, state="done"))
    return items
