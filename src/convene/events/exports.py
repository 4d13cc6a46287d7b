"""A session's registrations as a table, for the organizers' spreadsheet download.

One row a person, in the order they registered; moments in UTC, yes/no in the reader's
language, and a column for each of the event's own questions, the answer as typed (the
choices of a multiple-choice question joined by semicolons).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from convene.core.timezones import utc_text

from . import selectors
from .models import Event, Session


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _answer_text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else str(value)


def registrations_table(*, event: Event, session: Session) -> tuple[list[Any], Iterator[list[Any]]]:
    """The header and the rows of the session's registrations."""
    questions = list(event.questions.all())
    header = [
        _("Name"),
        _("Email"),
        _("Status"),
        _("Registered (UTC)"),
        _("Time zone"),
        _("Interpretation"),
        _("Internet data support"),
        _("Childcare"),
        _("Accessibility support"),
        *[question.label for question in questions],
    ]
    rows = (
        [
            registration.user.public_name,
            registration.user.email,
            registration.status,
            utc_text(registration.created_at),
            registration.user.timezone,
            registration.interpretation_language,
            _yes_no(registration.needs_data_support),
            _yes_no(registration.needs_childcare),
            registration.accessibility_needs,
            *[_answer_text(registration.answers.get(str(q.pk))) for q in questions],
        ]
        for registration in selectors.session_registrations(session=session)
    )
    return header, rows
