"""Helpers shared by the demo documents: dates, logging and publishing in the past."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, Protocol

from convene.accounts.models import User
from convene.documents import services
from convene.documents.models import Document, DocumentVersion, Paragraph, Process

People = dict[str, User]


class Writer(Protocol):
    """A management command's `self.stdout`, or any text stream."""

    def write(self, msg: str, /) -> Any: ...


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def body(heading: str, blocks: list[str]) -> str:
    """Markdown: a heading, then one paragraph per block (blank lines between them)."""
    return "\n\n".join([f"# {heading}", *blocks])


def backdate_process(process: Process, day: date) -> None:
    Process.objects.filter(pk=process.pk).update(created_at=utc(day.year, day.month, day.day))


def publish(
    document: Document,
    *,
    author: User,
    title: str,
    text: str,
    published_at: datetime,
    change_summary: str,
    feedback_opens_at: datetime | None = None,
    feedback_closes_at: datetime | None = None,
    guiding_questions: str = "",
) -> DocumentVersion:
    """Save the next iteration as a draft and publish it at a moment in the past."""
    draft = services.version_save_draft(
        document=document,
        author=author,
        title=title,
        body=text,
        source_language="en",
        change_summary=change_summary,
        feedback_opens_at=feedback_opens_at,
        feedback_closes_at=feedback_closes_at,
        guiding_questions=guiding_questions,
    )
    version = services.version_publish(version=draft, by=author, now=published_at)
    DocumentVersion.objects.filter(pk=version.pk).update(created_at=published_at)
    if version.number == 1:
        Document.objects.filter(pk=document.pk).update(created_at=published_at)
    return version


def paragraph(version: DocumentVersion, prefix: str) -> Paragraph:
    """The paragraph of `version` whose text starts with `prefix`, e.g. "5. " or "# "."""
    matches = [p for p in version.paragraphs.order_by("position") if p.text.startswith(prefix)]
    if len(matches) != 1:
        raise LookupError(f"{len(matches)} paragraphs of {version} start with {prefix!r}")
    return matches[0]
