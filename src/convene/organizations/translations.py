"""The models of affiliation in every reader's language, field by field.

The committee writes a model of affiliation in its `language`; each translatable field
(`AffiliationModel.TRANSLATABLE`: the name, the summary and every defining characteristic)
is translated on its own into the other content languages. A translation keeps the
fingerprint of the source it was made from (`core.text.text_fingerprint`), so a changed
source shows it as outdated until someone brings it up to date.

Readers get each field in their language, falling back field by field to the source. An
outdated translation is still shown, labelled as made from an older text. A page attaches
what it shows with `attach_shown` (one query for all the models on it); the committee's
pages read where each language stands with `progress` and `worklist`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypedDict

from django.utils.text import capfirst

from convene.core import languages
from convene.core.text import text_fingerprint

from .models import AffiliationModel, AffiliationModelTranslation

FIELDS: tuple[str, ...] = AffiliationModel.TRANSLATABLE

# A translation holds at most what its source field may hold (the name and the summary are
# short), else the translation's own limit.
_TEXT_MAX = AffiliationModelTranslation._meta.get_field("text").max_length or 10000


def source_text(affiliation_model: AffiliationModel, name: str) -> str:
    return str(getattr(affiliation_model, name))


def source_digest(affiliation_model: AffiliationModel, name: str) -> str:
    """The fingerprint a translation of the field, as the source reads now, is made from."""
    return text_fingerprint(source_text(affiliation_model, name))


def max_length(name: str) -> int:
    limit = getattr(AffiliationModel._meta.get_field(name), "max_length", None)
    return limit if isinstance(limit, int) and limit < _TEXT_MAX else _TEXT_MAX


def field_label(name: str) -> str:
    """A field of the model as pages and messages name it: its verbose name, capitalized."""
    return str(capfirst(getattr(AffiliationModel._meta.get_field(name), "verbose_name", name)))


def translatable_languages(affiliation_model: AffiliationModel) -> list[str]:
    """The content languages a model may be translated into: all but its own."""
    return [code for code in languages.CONTENT if code != affiliation_model.language]


# --- what readers see -----------------------------------------------------------------------


@dataclass(frozen=True)
class ShownText:
    """A field as a reader sees it: the translation into their language, else the source."""

    text: str
    language: str  # of `text`, for the `lang` attribute of the element that holds it
    is_translated: bool = False
    is_outdated: bool = False  # a translation of an older text of the source

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Shown:
    """The translatable fields of one model as a reader sees them (`model.shown.summary`)."""

    language: str  # the reader's
    texts: dict[str, ShownText]

    def __getattr__(self, name: str) -> ShownText:
        try:
            return self.__dict__["texts"][name]
        except KeyError:
            raise AttributeError(name) from None


def _shown_text(
    affiliation_model: AffiliationModel,
    name: str,
    translation: AffiliationModelTranslation | None,
) -> ShownText:
    source = source_text(affiliation_model, name)
    if translation is None or not source.strip():
        return ShownText(text=source, language=affiliation_model.language)
    return ShownText(
        text=translation.text,
        language=translation.language,
        is_translated=True,
        is_outdated=translation.source_digest != text_fingerprint(source),
    )


def attach_shown(affiliation_models: Iterable[AffiliationModel], *, language: str) -> None:
    """Set `model.shown` on each of `affiliation_models`: every translatable field in
    `language`, falling back to the source field by field. One query for them all, none
    when each is written in `language` (or `language` is no content language)."""
    items = list(affiliation_models)
    wanted = [item.pk for item in items if item.language != language]
    found: dict[tuple[int, str], AffiliationModelTranslation] = {}
    if wanted and language in languages.CONTENT:
        found = {
            (translation.affiliation_model_id, translation.field): translation
            for translation in AffiliationModelTranslation.objects.filter(
                affiliation_model_id__in=wanted, language=language, field__in=FIELDS
            )
        }
    for item in items:
        item.shown = Shown(  # type: ignore[attr-defined]
            language=language,
            texts={name: _shown_text(item, name, found.get((item.pk, name))) for name in FIELDS},
        )


def shown_text(affiliation_model: AffiliationModel, name: str) -> str:
    """The field as `attach_shown` attached it, else the source."""
    shown: Shown | None = getattr(affiliation_model, "shown", None)
    return shown.texts[name].text if shown is not None else source_text(affiliation_model, name)


# --- what the committee sees when it translates --------------------------------------------

State = Literal["missing", "outdated", "done"]


@dataclass(frozen=True)
class WorkField:
    """One field on the translation page: its source and where its translation stands."""

    field: str
    source: str
    digest: str
    state: State
    translation: AffiliationModelTranslation | None


def _state(translation: AffiliationModelTranslation | None, digest: str) -> State:
    if translation is None:
        return "missing"
    return "outdated" if translation.source_digest != digest else "done"


def worklist(*, affiliation_model: AffiliationModel, language: str) -> list[WorkField]:
    """Every non-empty translatable field of the model with its translation into `language`,
    in the order of `AffiliationModel.TRANSLATABLE`. One query."""
    found = {
        translation.field: translation
        for translation in affiliation_model.translations.filter(language=language)
    }
    rows = []
    for name in FIELDS:
        source = source_text(affiliation_model, name)
        if not source.strip():
            continue
        digest = text_fingerprint(source)
        translation = found.get(name)
        rows.append(
            WorkField(
                field=name,
                source=source,
                digest=digest,
                state=_state(translation, digest),
                translation=translation,
            )
        )
    return rows


class Progress(TypedDict):
    """How much of one model is translated into one language."""

    language: str
    total: int  # non-empty translatable fields
    up_to_date: int
    outdated: int
    missing: int
    percent: int  # up to date, of the total (100 when there is nothing to translate)


def progress(*, affiliation_model: AffiliationModel, codes: Sequence[str]) -> list[Progress]:
    """Where the translation of the model into each of the languages `codes` stands, in
    their order.
    One query."""
    digests = {
        name: source_digest(affiliation_model, name)
        for name in FIELDS
        if source_text(affiliation_model, name).strip()
    }
    total = len(digests)
    done: dict[str, int] = {}
    stale: dict[str, int] = {}
    translations = affiliation_model.translations.filter(language__in=list(codes)).only(
        "affiliation_model", "field", "language", "source_digest"
    )
    for translation in translations:
        digest = digests.get(translation.field)
        if digest is None:
            continue  # a field emptied since
        counts = done if digest == translation.source_digest else stale
        counts[translation.language] = counts.get(translation.language, 0) + 1
    rows = []
    for language in codes:
        up_to_date, outdated = done.get(language, 0), stale.get(language, 0)
        rows.append(
            Progress(
                language=language,
                total=total,
                up_to_date=up_to_date,
                outdated=outdated,
                missing=total - up_to_date - outdated,
                percent=round(100 * up_to_date / total) if total else 100,
            )
        )
    return rows
