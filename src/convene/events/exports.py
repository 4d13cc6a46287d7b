"""A session's registrations as a table, for the organizers' spreadsheet download.

One row a person, in the order they registered; moments in UTC, yes/no in the reader's
language, and a column for each of the event's own questions, the answer as typed (the
choices of a multiple-choice question joined by semicolons).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from convene.core import languages
from convene.core.timezones import utc_text

from . import selectors
from .models import Event, LocationType, Session


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _answer_text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else str(value)


def registrations_table(*, event: Event, session: Session) -> tuple[list[Any], Iterator[list[Any]]]:
    """The header and the rows of the session's registrations."""
    questions = list(event.questions.all())
    hybrid = session.location_type == LocationType.HYBRID
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
        *([_("Taking part")] if hybrid else []),
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
            *([registration.get_attendance_display()] if hybrid else []),
            *[_answer_text(registration.answers.get(str(q.pk))) for q in questions],
        ]
        for registration in selectors.session_registrations(session=session)
    )
    return header, rows


def needs_table(*, summary: selectors.EventNeeds) -> tuple[list[Any], list[list[Any]]]:
    """The event's needs summary: a row a session (start in UTC, title), then the total; two
    columns a need, confirmed and waiting. When a session was counted before the two were
    told apart, a third column a need holds its figures, "confirmed and waiting together"."""
    needs: list[tuple[str, Any]] = [
        (
            _("Interpretation into %(language)s") % {"language": languages.language_name(code)},
            lambda s, code=code: s.interpretation.get(code, selectors.Figure()),
        )
        for code in summary.languages
    ]
    needs += [
        (_("Internet data support"), lambda s: s.data_support),
        (_("Childcare"), lambda s: s.childcare),
        (_("Accessibility support"), lambda s: s.accessibility),
    ]
    if summary.hybrid:
        needs += [
            (_("In person"), lambda s: s.in_person),
            (_("Online"), lambda s: s.online),
        ]
    needs.insert(0, (_("Registrations"), lambda s: s.registrants))
    unsplit = not summary.total.split
    header: list[Any] = [_("Starts (UTC)"), _("Session")]
    for label, _figure in needs:
        header += [
            _("%(need)s: confirmed") % {"need": label},
            _("%(need)s: waiting list") % {"need": label},
        ]
        if unsplit:
            header.append(_("%(need)s: confirmed and waiting together") % {"need": label})

    def cells(row: selectors.NeedsSummary) -> list[Any]:
        values: list[Any] = []
        for _label, figure in needs:
            counted = figure(row)
            values += [counted.confirmed, counted.waiting]
            if unsplit:
                values.append(counted.together)
        return values

    rows = [
        [utc_text(session.starts_at), session.title, *cells(row)] for session, row in summary.rows
    ]
    rows.append(["", _("Total"), *cells(summary.total)])
    return header, rows
