"""Every change to processes, documents, versions and translations."""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from convene.accounts.models import User
from convene.core import machine_translation
from convene.core.errors import ServiceError
from convene.core.mail import email_to_user
from convene.core.unset import UNSET, Unset, given

from . import rules
from .blocks import assign_anchors, split_blocks
from .models import Document, DocumentVersion, Initiative, Paragraph, ParagraphTranslation

NOT_AUTHOR = _("Only the authors of this document (its working group) can write its versions.")
PUBLISHED_NOT_EDITABLE = _("A published version cannot be edited; write a new one.")


def _check_author(user: User, document: Document) -> None:
    """Refuse anyone outside the document's working group, as the database has it now."""
    if not rules.can_author(user, Document(pk=document.pk)):
        raise ServiceError(NOT_AUTHOR, code="forbidden")


class VersionFields(TypedDict):
    """Every field an author sets on a draft, as the version form gives them."""

    title: str
    change_summary: str
    source_language: str
    body: str
    feedback_opens_at: datetime | None
    feedback_closes_at: datetime | None
    guiding_questions: str


@transaction.atomic
def version_save_draft(
    *,
    document: Document,
    author: User,
    version: DocumentVersion | None = None,
    title: str | Unset = UNSET,
    change_summary: str | Unset = UNSET,
    source_language: str | Unset = UNSET,
    body: str | Unset = UNSET,
    feedback_opens_at: datetime | Unset | None = UNSET,
    feedback_closes_at: datetime | Unset | None = UNSET,
    guiding_questions: str | Unset = UNSET,
) -> DocumentVersion:
    """Create or edit the unpublished draft of the next iteration: one draft at a time,
    written by the document's authors. A field not given keeps the model's default on a new
    draft, and its current value on an existing one."""
    _check_author(author, document)
    fields = given(
        title=title,
        change_summary=change_summary,
        source_language=source_language,
        body=body,
        feedback_opens_at=feedback_opens_at,
        feedback_closes_at=feedback_closes_at,
        guiding_questions=guiding_questions,
    )
    if version is None:
        versions = Document.objects.select_for_update().get(pk=document.pk).versions
        draft = versions.drafts().order_by("-number").first()
        if draft is not None:
            raise ServiceError(
                _("Iteration %(number)s is already being drafted: continue it here.")
                % {"number": draft.number},
                code="draft_exists",
            )
        last = versions.order_by("-number").values_list("number", flat=True).first()
        version = DocumentVersion(document=document, number=(last or 0) + 1, created_by=author)
    elif version.document_id != document.pk:
        raise ServiceError(_("No such version."), code="document")
    elif version.is_published:
        raise ServiceError(PUBLISHED_NOT_EDITABLE, code="published")
    for name, value in fields.items():
        setattr(version, name, value)
    version.full_clean()
    version.save()
    return version


def _previous_published(version: DocumentVersion) -> DocumentVersion | None:
    return (
        DocumentVersion.objects.published()
        .filter(document_id=version.document_id, number__lt=version.number)
        .order_by("-number")
        .first()
    )


@transaction.atomic
def version_publish(
    *, version: DocumentVersion, by: User, now: datetime | None = None
) -> DocumentVersion:
    """`by`, one of the document's authors, publishes a draft in one transaction: readers see
    the whole version or nothing of it.

    Paragraphs keep the anchors of the paragraphs they continue; translations of those
    paragraphs are carried over and, where the source text changed, show as outdated.
    Followers are told by email once the transaction has committed.
    """
    locked = DocumentVersion.objects.select_for_update().get(pk=version.pk)
    _check_author(by, locked.document)
    if locked.is_published:
        raise ServiceError(_("This version is already published."), code="already_published")
    blocks = split_blocks(locked.body)
    if not blocks:
        raise ServiceError(_("A version needs some text before it is published."), code="empty")
    previous = _previous_published(locked)
    old = list(previous.paragraphs.order_by("position")) if previous else []
    anchors = assign_anchors(blocks, [(p.anchor, p.text) for p in old])
    paragraphs = []
    for position, (block, anchor) in enumerate(zip(blocks, anchors, strict=True), start=1):
        paragraph = Paragraph(
            version=locked, anchor=anchor, position=position, kind=block.kind, text=block.text
        )
        paragraph.save()
        paragraphs.append(paragraph)
    if previous is not None:
        by_anchor = {p.anchor: p for p in paragraphs}
        carried = [
            ParagraphTranslation(
                paragraph=by_anchor[t.paragraph.anchor],
                language=t.language,
                text=t.text,
                source_fingerprint=t.source_fingerprint,
                is_machine=t.is_machine,
                translator_id=t.translator_id,
            )
            for t in ParagraphTranslation.objects.filter(
                paragraph__version=previous
            ).select_related("paragraph")
            if t.paragraph.anchor in by_anchor and t.language != locked.source_language
        ]
        ParagraphTranslation.objects.bulk_create(carried)
    locked.published_at = now or timezone.now()
    locked.save(update_fields=["published_at"])
    for follower in locked.document.followers.filter(is_active=True):
        email_to_user(
            user=follower,
            template="documents/email/new_version",
            context={"document": locked.document, "version": locked},
        )
    return locked


@transaction.atomic
def translation_save(
    *, paragraph: Paragraph, language: str, text: str, translator: User, source_fingerprint: str
) -> ParagraphTranslation:
    """A person's translation of the paragraph as they saw it: `source_fingerprint` is the
    fingerprint of the source text shown to them. Refused (code `source_changed`) when the
    paragraph no longer reads so; once saved, the translation is up to date with it."""
    text = text.strip()
    if not text:
        raise ServiceError(_("The translation is empty."), code="empty")
    if language == paragraph.version.source_language:
        raise ServiceError(
            _("This is the language the text is written in."), code="source_language"
        )
    if source_fingerprint != paragraph.fingerprint:
        raise ServiceError(
            _(
                "The original paragraph changed while you were translating. Compare your "
                "translation with the new original, then save it again."
            ),
            code="source_changed",
        )
    translation, _created = ParagraphTranslation.objects.update_or_create(
        paragraph=paragraph,
        language=language,
        defaults={
            "text": text,
            "source_fingerprint": paragraph.fingerprint,
            "is_machine": False,
            "translator": translator,
        },
    )
    return translation


def _machine_may_fill(existing: ParagraphTranslation | None) -> bool:
    """Missing, or a machine translation of an older text: a person's is never replaced."""
    return existing is None or (existing.is_machine and existing.is_outdated)


def translation_machine_fill(*, paragraph: Paragraph, language: str) -> ParagraphTranslation | None:
    """Fill a missing or outdated machine translation; a person's translation is never replaced.

    The translation service is asked outside any transaction (it may take seconds, and no
    row stays locked meanwhile); the answer is saved only if, by then, the paragraph still
    has no person's translation in `language`. Returns None when nothing was filled.
    """
    backend = machine_translation.get_backend()
    if backend is None or language == paragraph.version.source_language:
        return None
    if not _machine_may_fill(
        ParagraphTranslation.objects.filter(paragraph=paragraph, language=language).first()
    ):
        return None
    text = backend.translate(
        paragraph.text, source=paragraph.version.source_language, target=language
    )
    with transaction.atomic():
        existing = (
            ParagraphTranslation.objects.select_for_update()
            .filter(paragraph=paragraph, language=language)
            .first()
        )
        if existing is not None and existing.is_machine and not existing.is_outdated:
            return existing  # another request filled it meanwhile
        if not _machine_may_fill(existing):  # a translator was quicker than the service
            return None
        translation, _created = ParagraphTranslation.objects.update_or_create(
            paragraph=paragraph,
            language=language,
            defaults={
                "text": text,
                "source_fingerprint": paragraph.fingerprint,
                "is_machine": True,
                "translator": None,
            },
        )
    return translation


@transaction.atomic
def document_follow(*, document: Document, user: User, follow: bool) -> None:
    if follow:
        document.followers.add(user)
    else:
        document.followers.remove(user)


@transaction.atomic
def initiative_save(
    *,
    document: Document,
    by: User,
    number: int,
    identifier: str,
    title: str,
    description: str = "",
    initiative: Initiative | None = None,
) -> Initiative:
    """Add a numbered initiative to a document, or change one. Identifiers are unique across
    Convene (other pages link to them); numbers are unique within the document. `by` is one
    of the document's authors."""
    _check_author(by, document)
    if initiative is None:
        initiative = Initiative(document=document)
    elif initiative.document_id != document.pk:
        raise ServiceError(_("This initiative belongs to another document."), code="document")
    initiative.number = number
    initiative.identifier = identifier
    initiative.title = title
    initiative.description = description
    initiative.full_clean()
    taken = (
        Initiative.objects.select_for_update()
        .filter(document=document, number=number)
        .exclude(pk=initiative.pk)
    )
    if taken.exists():
        raise ValidationError(
            {
                "number": ValidationError(
                    _("This document already has an initiative with this number."),
                    code="number_taken",
                )
            }
        )
    initiative.save()
    return initiative


@transaction.atomic
def initiative_delete(*, initiative: Initiative, by: User) -> None:
    _check_author(by, initiative.document)
    initiative.delete()
