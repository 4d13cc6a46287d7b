"""The committee's changes to the models of affiliation: a new model, its fields and rules,
and the translation of its text. A new model is data: adding one takes no code."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, TypedDict

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convene.accounts.models import User
from convene.core import languages
from convene.core.errors import ServiceError
from convene.core.lists import joined_text
from convene.core.text import refuse_null_characters

from . import rules, translations
from .models import AffiliationModel, AffiliationModelTranslation


class AffiliationModelFields(TypedDict, total=False):
    """What the committee sets on a model of affiliation; left out: the default when
    creating, unchanged when updating."""

    slug: str
    name: str
    summary: str
    language: str
    mission: str
    territorial_range: str
    incorporation: str
    minimum_rights: str
    minimum_duties: str
    trademark_use: str
    origin_of_funds: str
    overlapping_entities: str
    board_and_membership: str
    transparency: str
    recognized_by: str
    recognition_requirements: str
    recognition_document: str
    reporting_requirements: str
    mentoring: str
    change_of_status: str
    withdrawal: str
    is_official: bool
    accepts_applications: bool
    requires_incorporation: bool
    requires_activity_report: bool
    requires_financial_statement: bool
    report_months: int
    provisional_months: int
    quorum: int
    majority_percent: int
    reapply_months: int
    order: int


EDITABLE: tuple[str, ...] = tuple(AffiliationModelFields.__annotations__)
# Short names that would be read as another page of `join/`.
RESERVED_SLUGS = frozenset({"new"})


def _check_committee(user: User) -> None:
    if not rules.is_committee(user):
        raise ServiceError(
            _("Only the affiliations committee can change the models of affiliation."),
            code="forbidden",
        )


def _problem(error: ValidationError) -> tuple[str, str]:
    """The first problem `full_clean` found, as one message naming its field, and a code."""
    for field, errors in error.error_dict.items():
        first = errors[0]
        text = first.messages[0]  # with its parameters filled in
        if field == NON_FIELD_ERRORS:
            return text, "invalid"
        label = translations.field_label(field)
        message = _("%(field)s: %(problem)s") % {"field": label, "problem": text}
        if field in ("name", "slug") and first.code == "unique":
            return message, f"duplicate_{field}"
        if field == "requires_financial_statement":
            return message, "financial_statement_needs_legal_entity"
        return message, "invalid"
    return _("This model of affiliation could not be saved."), "invalid"


def _save(affiliation_model: AffiliationModel, fields: Mapping[str, Any]) -> AffiliationModel:
    unknown = sorted(set(fields) - set(EDITABLE))
    if unknown:
        raise ServiceError(
            _("These fields cannot be set: %(fields)s.") % {"fields": joined_text(unknown)},
            code="unknown_field",
        )
    refuse_null_characters(*(value for value in fields.values() if isinstance(value, str)))
    for name, value in fields.items():
        value = value.strip() if isinstance(value, str) else value
        limit = translations.max_length(name) if name in translations.FIELDS else None
        if limit is not None and isinstance(value, str) and len(value) > limit:
            raise ServiceError(
                ngettext(
                    "%(field)s is too long: at most %(limit)d character.",
                    "%(field)s is too long: at most %(limit)d characters.",
                    limit,
                )
                % {"field": translations.field_label(name), "limit": limit},
                code="too_long",
            )
        setattr(affiliation_model, name, value)
    if affiliation_model.slug in RESERVED_SLUGS:
        raise ServiceError(
            _("This short name is taken by a page of Convene. Choose another."),
            code="slug_reserved",
        )
    try:
        affiliation_model.full_clean()
    except ValidationError as error:
        message, code = _problem(error)
        raise ServiceError(message, code=code) from error
    try:
        with transaction.atomic():
            affiliation_model.save()
    except IntegrityError as error:  # another change took the name or the address meanwhile
        raise ServiceError(
            _("Another model of affiliation has this name or short name. Choose another."),
            code="duplicate_name",
        ) from error
    return affiliation_model


@transaction.atomic
def affiliation_model_create(*, user: User, fields: AffiliationModelFields) -> AffiliationModel:
    """A new model of affiliation, shown on the ways-to-join page at once."""
    _check_committee(user)
    return _save(AffiliationModel(), fields)


@transaction.atomic
def affiliation_model_update(
    *, user: User, affiliation_model: AffiliationModel, fields: AffiliationModelFields
) -> AffiliationModel:
    """Change the fields given. A changed text leaves its translations outdated (their
    fingerprint no longer matches) until someone brings them up to date."""
    _check_committee(user)
    current = AffiliationModel.objects.select_for_update().get(pk=affiliation_model.pk)
    return _save(current, fields)


def _translation_text(affiliation_model: AffiliationModel, name: str, text: str) -> str:
    """The translation of one field as it is stored ("" removes it), or a refusal."""
    text = text.strip()
    label = translations.field_label(name)
    if text and not translations.source_text(affiliation_model, name).strip():
        raise ServiceError(
            _("%(field)s is empty in the original: there is nothing to translate.")
            % {"field": label},
            code="empty_source",
        )
    limit = translations.max_length(name)
    if len(text) > limit:
        raise ServiceError(
            ngettext(
                "The translation of %(field)s is too long: at most %(limit)d character.",
                "The translation of %(field)s is too long: at most %(limit)d characters.",
                limit,
            )
            % {"field": label, "limit": limit},
            code="too_long",
        )
    return text


@transaction.atomic
def affiliation_model_translation_save(
    *,
    user: User,
    affiliation_model: AffiliationModel,
    language: str,
    texts: dict[str, str],
    seen: Mapping[str, str] | None = None,
    confirmed: Collection[str] = (),
) -> list[AffiliationModelTranslation]:
    """The translation of the fields in `texts` into `language`, all or nothing.

    A field whose text is new or changed is saved as a translation of the source as it
    reads now. An empty text removes the field's translation (readers get the source). An
    unchanged text keeps the fingerprint it was made from, so an outdated translation stays
    outdated, unless the field is in `confirmed` (the translator checked it still says what
    the new source says). `seen`, when given, holds the fingerprint of each source the
    translator saw: a changed text of a field whose source changed since is refused.
    Returns the translations saved or confirmed."""
    _check_committee(user)
    if language not in languages.CONTENT:
        raise ServiceError(
            _("Translations are made into the content languages only."), code="language"
        )
    if language == affiliation_model.language:
        raise ServiceError(
            _("This is the language the text is written in."), code="source_language"
        )
    unknown = sorted(set(texts) - set(translations.FIELDS))
    if unknown:
        raise ServiceError(_("This field cannot be translated."), code="field")
    refuse_null_characters(*texts.values())
    current = AffiliationModel.objects.select_for_update().get(pk=affiliation_model.pk)
    existing = {
        translation.field: translation
        for translation in current.translations.filter(language=language, field__in=list(texts))
    }
    saved = []
    for name, given in texts.items():
        text = _translation_text(current, name, given)
        translation = existing.get(name)
        if not text:
            if translation is not None:
                translation.delete()
            continue
        digest = translations.source_digest(current, name)
        if translation is not None and translation.text == text:
            if name in confirmed and translation.source_digest != digest:
                translation.source_digest = digest
                translation.translated_by = user
                translation.save(update_fields=["source_digest", "translated_by", "updated_at"])
                saved.append(translation)
            continue
        if seen is not None and seen.get(name, digest) != digest:
            raise ServiceError(
                _(
                    "The original of %(field)s changed while you were translating. Compare "
                    "your translation with the new original, then save it again."
                )
                % {"field": translations.field_label(name)},
                code="source_changed",
            )
        translation, _created = AffiliationModelTranslation.objects.update_or_create(
            affiliation_model=current,
            field=name,
            language=language,
            defaults={"text": text, "source_digest": digest, "translated_by": user},
        )
        saved.append(translation)
    return saved
