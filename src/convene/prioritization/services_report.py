"""Changes to a round's report: its narrative, published or not, and its translations.

Only the round's organizers write them (`rules.can_organize`). A translation keeps the
fingerprint of the narrative it was made from (`core.text.text_fingerprint`), so a changed
narrative shows it as outdated until it is brought up to date.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.accounts.models import User
from convene.core import languages
from convene.core.errors import ServiceError
from convene.core.text import refuse_null_characters, text_fingerprint

from . import rules
from .models import ReportTranslation, Round

REPORT_MAX = 100_000  # characters of Markdown


def _refuse_unless_organizer(user: User, round_: Round) -> None:
    if not rules.can_organize(user, round_):
        raise ServiceError(
            _("Only the round's organizers can change its report."), code="forbidden"
        )


def _lines(text: str) -> str:
    """Line ends as "\n", whatever the browser sent: the wikitext export gives the text as is."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _refuse_too_long(text: str) -> None:
    refuse_null_characters(text)
    if len(text) > REPORT_MAX:
        raise ServiceError(
            _("The report is too long: %(count)s characters at most.") % {"count": REPORT_MAX},
            code="too_long",
        )


@transaction.atomic
def report_save(
    *, user: User, round_: Round, report: str, published: bool, now: datetime | None = None
) -> Round:
    """The narrative as the organizers wrote it, published (readers see it) or not. A report
    published again keeps its first publication's time; an empty one cannot be published."""
    _refuse_unless_organizer(user, round_)
    report = _lines(report)
    _refuse_too_long(report)
    if published and not report.strip():
        raise ServiceError(_("Write the report before publishing it."), code="empty_report")
    round_.report = report
    if not published:
        round_.report_published_at = None
    elif round_.report_published_at is None:
        round_.report_published_at = now or timezone.now()
    round_.save(update_fields=["report", "report_published_at", "updated_at"])
    return round_


@transaction.atomic
def report_translation_save(
    *, user: User, round_: Round, language: str, report: str, source_fingerprint: str
) -> ReportTranslation:
    """The narrative in `language`, made from the text whose fingerprint the translator saw
    (refused when the narrative changed meanwhile: the translator reads it again first). An
    empty text removes the translation."""
    _refuse_unless_organizer(user, round_)
    if language == round_.language or language not in languages.CONTENT:
        raise ServiceError(
            _("The report cannot be translated into this language."), code="bad_language"
        )
    report = _lines(report)
    _refuse_too_long(report)
    if source_fingerprint != text_fingerprint(round_.report):
        raise ServiceError(
            _(
                "The report changed while you were translating it. Read the new text, then "
                "save your translation again."
            ),
            code="conflict",
        )
    if not report.strip():
        ReportTranslation.objects.filter(round=round_, language=language).delete()
        return ReportTranslation(round=round_, language=language, report="")
    translation, _created = ReportTranslation.objects.update_or_create(
        round=round_,
        language=language,
        defaults={
            "report": report,
            "source_fingerprint": source_fingerprint,
            "machine": False,
            "translated_by": user,
        },
    )
    return translation
