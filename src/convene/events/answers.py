"""Answers to organizer-defined registration questions: validation shared by forms and API."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import QuestionKind, RegistrationQuestion

SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 2000


def validate_answer(question: RegistrationQuestion, value: Any) -> Any:
    """The cleaned answer to one question, or a ValidationError in the user's language."""
    empty = value in (None, "", [])
    if empty:
        if question.required:
            raise ValidationError(_("This question needs an answer."), code="required")
        return [] if question.kind == QuestionKind.MULTIPLE_CHOICE else ""
    if question.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        if not isinstance(value, str):
            raise ValidationError(_("Please answer with text."), code="invalid")
        limit = SHORT_TEXT_MAX if question.kind == QuestionKind.SHORT_TEXT else LONG_TEXT_MAX
        value = value.strip()
        if len(value) > limit:
            raise ValidationError(
                ngettext(
                    "Please keep the answer under %(limit)s character (it has %(length)s).",
                    "Please keep the answer under %(limit)s characters (it has %(length)s).",
                    limit,
                )
                % {"limit": limit, "length": len(value)},
                code="too_long",
            )
        if question.required and not value:
            raise ValidationError(_("This question needs an answer."), code="required")
        return value
    if question.kind == QuestionKind.SINGLE_CHOICE:
        if not isinstance(value, str) or value not in question.choices:
            raise ValidationError(
                _("Please choose one of the options given."), code="invalid_choice"
            )
        return value
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item in question.choices for item in value
        ):
            raise ValidationError(
                _("Please choose among the options given."), code="invalid_choice"
            )
        return [choice for choice in question.choices if choice in value]
    if question.kind == QuestionKind.YES_NO:
        if value in (True, "yes", "true", "1"):
            return "yes"
        if value in (False, "no", "false", "0"):
            return "no"
        raise ValidationError(_("Please answer yes or no."), code="invalid_choice")
    raise ValidationError(_("Unknown kind of question."), code="invalid")  # pragma: no cover


def validate_answers(
    *, questions: Sequence[RegistrationQuestion], answers: dict[str, Any]
) -> dict[str, Any]:
    """All answers cleaned, keyed by question id; unknown keys are refused."""
    known = {str(question.pk): question for question in questions}
    answers = {str(key): value for key, value in answers.items()}
    unknown = set(answers) - set(known)
    if unknown:
        raise ValidationError(_("Answers to unknown questions were sent."), code="unknown_question")
    errors: dict[str, list[ValidationError]] = {}
    cleaned: dict[str, Any] = {}
    for key, question in known.items():
        try:
            cleaned[key] = validate_answer(question, answers.get(key))
        except ValidationError as error:
            errors[key] = [error]
    if errors:
        raise ValidationError(errors)
    return cleaned
