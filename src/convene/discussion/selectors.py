"""Reads for feedback, each in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Permission
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from convene.accounts.models import User
from convene.accounts.users import Viewer
from convene.core.languages import CONTENT, language_name
from convene.documents.models import DocumentVersion, Paragraph

from .models import Comment, ModerationAction, Report, Stance

COMMENTS_PER_PAGE = 20


@dataclass(frozen=True)
class FeedbackFilters:
    stance: str = ""
    language: str = ""
    paragraph: str = ""  # an anchor: stable across versions

    @classmethod
    def from_query(cls, query: Any) -> FeedbackFilters:
        """Filters from a query string; unknown values are ignored rather than refused."""
        stance = query.get("stance", "")
        language = query.get("language", "")
        anchor = query.get("paragraph", "")[:40]
        return cls(
            stance=stance if stance in Stance.values else "",
            language=language if language in CONTENT else "",
            paragraph=anchor,
        )

    @property
    def active(self) -> bool:
        return bool(self.stance or self.language or self.paragraph)


def first_words(text: str, count: int = 10) -> str:
    """The opening words of a paragraph, without its Markdown heading marks."""
    words = text.lstrip("#> ").split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def feedback_threads(*, version: DocumentVersion, filters: FeedbackFilters) -> QuerySet[Comment]:
    """Top-level comments on this version and on the earlier iterations of its document,
    newest first, with their replies. Hidden comments are included: the page shows them
    as hidden, so threads keep their shape."""
    replies = Prefetch(
        "replies", queryset=Comment.objects.select_related("author").order_by("created_at", "pk")
    )
    threads = Comment.objects.on_published().filter(
        version__document_id=version.document_id,
        version__number__lte=version.number,
        parent__isnull=True,
    )
    if filters.stance:
        threads = threads.filter(stance=filters.stance)
    if filters.language:
        threads = threads.filter(language=filters.language)
    if filters.paragraph:
        threads = threads.filter(paragraph__anchor=filters.paragraph)
    return (
        threads.select_related("author", "paragraph", "version")
        .defer("version__body", "version__guiding_questions", "version__change_summary")
        .prefetch_related(replies)
        .order_by("-created_at", "-pk")
    )


def feedback_page(
    *, version: DocumentVersion, filters: FeedbackFilters, page_number: Any
) -> Page[Comment]:
    """One page of threads. Each comment gets `anchor_here`: its paragraph is (still) part
    of `version`, so the comment can link to it there."""
    paginator = Paginator(feedback_threads(version=version, filters=filters), COMMENTS_PER_PAGE)
    page = paginator.get_page(page_number)
    page.object_list = list(page.object_list)
    anchors = set(version.paragraphs.values_list("anchor", flat=True))
    for comment in page.object_list:
        comment.anchor_here = (  # type: ignore[attr-defined]
            comment.paragraph is not None and comment.paragraph.anchor in anchors
        )
    return page


def comment_page_number(*, comment: Comment) -> int:
    """The page of its own version's feedback on which a comment (or its thread) is shown."""
    root = comment.parent if comment.parent_id else comment
    assert root is not None
    if root.version is None:  # a board's thread has a page of its own
        return 1
    newer = (
        feedback_threads(version=root.version, filters=FeedbackFilters())
        .filter(Q(created_at__gt=root.created_at) | Q(created_at=root.created_at, pk__gt=root.pk))
        .count()
    )
    return newer // COMMENTS_PER_PAGE + 1


def comment_get(*, pk: int) -> Comment | None:
    """A comment on a published version, or in a board."""
    return (
        Comment.objects.filter(Q(version__published_at__isnull=False) | Q(board__isnull=False))
        .select_related("author", "paragraph", "parent", "version__document__process", "board")
        .filter(pk=pk)
        .first()
    )


def version_paragraphs(*, version: DocumentVersion) -> list[Paragraph]:
    """Paragraphs people can comment on (headings are left out), in reading order."""
    return list(version.paragraphs.filter(kind=Paragraph.Kind.PARAGRAPH).order_by("position"))


# --- Synthesis -------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class ParagraphTally:
    anchor: str
    position: int
    first_words: str
    count: int


@dataclass(frozen=True)
class Synthesis:
    comments: int  # visible top-level comments on this version
    replies: int  # visible replies
    hidden: int  # comments and replies hidden by moderators
    whole_document: int  # visible top-level comments not about one paragraph
    by_stance: list[Tally]
    by_language: list[Tally]
    by_paragraph: list[ParagraphTally]


def version_synthesis(*, version: DocumentVersion) -> Synthesis:
    """Counts of the feedback given on this version (not on earlier ones).

    Stances and paragraphs count top-level comments; languages count comments and
    replies. Hidden comments are left out of every count but their own.
    """
    all_comments = Comment.objects.filter(version=version).order_by()
    visible = all_comments.visible()
    top = visible.filter(parent__isnull=True)
    totals = all_comments.aggregate(
        comments=Count("pk", filter=Q(hidden_at__isnull=True, parent__isnull=True)),
        replies=Count("pk", filter=Q(hidden_at__isnull=True, parent__isnull=False)),
        hidden=Count("pk", filter=Q(hidden_at__isnull=False)),
        whole_document=Count(
            "pk", filter=Q(hidden_at__isnull=True, parent__isnull=True, paragraph__isnull=True)
        ),
    )
    stances = dict(top.values_list("stance").annotate(n=Count("pk")))
    by_stance = [Tally(value, str(label), stances.get(value, 0)) for value, label in Stance.choices]
    by_stance.append(Tally("", _("No stance given"), stances.get("", 0)))
    languages = visible.values_list("language").annotate(n=Count("pk"))
    by_language = sorted(
        (Tally(code, language_name(code), n) for code, n in languages),
        key=lambda tally: (-tally.count, tally.label),
    )
    per_paragraph = dict(
        top.filter(paragraph__isnull=False).values_list("paragraph").annotate(n=Count("pk"))
    )
    by_paragraph = [
        ParagraphTally(
            anchor=paragraph.anchor,
            position=paragraph.position,
            first_words=first_words(paragraph.text),
            count=per_paragraph.get(paragraph.pk, 0),
        )
        for paragraph in version.paragraphs.order_by("position")
        if paragraph.kind == Paragraph.Kind.PARAGRAPH or paragraph.pk in per_paragraph
    ]
    return Synthesis(
        by_stance=by_stance, by_language=by_language, by_paragraph=by_paragraph, **totals
    )


# --- Export ----------------------------------------------------------------


def version_comments(*, version: DocumentVersion) -> QuerySet[Comment]:
    """Every comment and reply on this version, oldest first, with author and paragraph."""
    return (
        Comment.objects.filter(version=version)
        .select_related("author", "paragraph")
        .order_by("created_at", "pk")
    )


# --- Moderation ------------------------------------------------------------


def open_reports() -> QuerySet[Report]:
    return (
        Report.objects.filter(status=Report.Status.OPEN)
        .select_related(
            "reporter",
            "comment__author",
            "comment__version__document__process",
            "comment__board",
            "comment__parent",
        )
        .order_by("created_at", "pk")
    )


def moderation_log() -> QuerySet[ModerationAction]:
    return ModerationAction.objects.select_related(
        "moderator", "comment__author", "comment__version__document__process", "comment__board"
    ).order_by("-created_at", "-pk")


def open_report_count() -> int:
    """Reports waiting for a moderator."""
    return Report.objects.filter(status=Report.Status.OPEN).count()


def _moderation_permission() -> QuerySet[Permission]:
    return Permission.objects.filter(
        codename="change_comment", content_type__app_label=Comment._meta.app_label
    )


def open_reports_for(*, user: Viewer) -> int | None:
    """For a moderator (`rules.can_moderate`), the number of open reports; else None. Asked
    on every page a signed-in person sees (the header's link to the queue): one query, which
    tells both; none for visitors."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return open_report_count()
    granted = _moderation_permission()
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            moderates=Exists(
                granted.filter(Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk")))
            ),
            open_reports=Subquery(
                Report.objects.filter(status=Report.Status.OPEN)
                .order_by()
                .values("status")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
        )
        .values_list("moderates", "open_reports")
        .first()
    )
    if row is None or not row[0]:
        return None
    return row[1] or 0


def moderators() -> QuerySet[User]:
    """Active people who may moderate (`rules.can_moderate`): superusers, and those given the
    permission themselves or through a group."""
    granted = _moderation_permission()
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=granted)
            | Q(groups__permissions__in=granted)
        )
        .distinct()
        .order_by("pk")
    )
