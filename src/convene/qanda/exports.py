"""The questions and answers of a session as text: Markdown, MediaWiki wikitext for Meta,
and a CSV table for spreadsheets.

The text forms list the questions as asked, a follow-up right after the question it
follows, each duplicate merged into a question under it, and the response one line per
paragraph (the way hand-written notes of an "Ask Me Anything" read). Under each question:
when it was asked (UTC), in which edition (session), its votes and status; the response
says who gave it, in which edition and when. For a session whose editions share their
questions, the notes hold those of every edition. Askers are not named; a question the
hosts hid shows their reason instead of its text, without its response. Text written by
people is escaped, so that it shows as written and cannot add markup, links or templates;
the CSV cells are guarded against formulas by `core.exports.csv_response`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convene.accounts.templatetags.accounts import author_name
from convene.core.timezones import utc_text

from .models import Question
from .selectors import Entry

_BLANK_LINES = re.compile(r"\n\s*\n")
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>~])")
_MARKDOWN_BLOCK_START = re.compile(r"^(#|[-+>]|\d+[.)])")
# Markup that starts links, templates, tables, tags and entities, or bold, signatures and
# magic words when doubled.
_WIKI_CHARACTERS = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "&#91;", "]": "&#93;",
                    "{": "&#123;", "}": "&#125;", "|": "&#124;"}  # fmt: skip
_WIKI_DOUBLED = re.compile(r"(['~_])(?=\1)")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _paragraphs(text: str) -> list[str]:
    return [_one_line(part) for part in _BLANK_LINES.split(text.strip()) if part.strip()]


def _markdown_escape(text: str) -> str:
    """Literal text inside a Markdown list item."""
    return _MARKDOWN_BLOCK_START.sub(
        lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], _MARKDOWN_INLINE.sub(r"\\\1", text)
    )


def _wiki_escape(text: str) -> str:
    """Literal text inside a wikitext list line."""
    text = "".join(_WIKI_CHARACTERS.get(character, character) for character in text)
    return _WIKI_DOUBLED.sub(lambda m: f"&#{ord(m.group(1))};", text)


def _items(entries: list[Entry]) -> Iterator[tuple[Question, list[Question], bool]]:
    """(question, its duplicates, whether it is a follow-up), in the order of the notes."""
    for entry in entries:
        yield entry.question, entry.duplicates, False
        for child in entry.follow_ups:
            yield child.question, child.duplicates, True


def _text(question: Question, escape: Callable[[str], str]) -> str:
    """A question's text, or for a hidden one the hosts' reason in its place."""
    if question.is_hidden:
        reason = escape(_one_line(question.hidden_reason))
        return _("Hidden by the hosts: %(reason)s") % {"reason": reason}
    return escape(_one_line(question.text))


def _status(question: Question) -> str:
    if question.is_hidden:
        return _("Hidden")
    return _("Answered") if question.is_answered else _("Not answered")


def _asked(question: Question, escape: Callable[[str], str]) -> str:
    """When (UTC) and in which edition the question was asked."""
    return _("Asked %(when)s in %(edition)s") % {
        "when": utc_text(question.created_at),
        "edition": escape(_one_line(question.session.title)),
    }


def _lines(
    question: Question, duplicates: list[Question], follow_up: bool, escape: Callable[[str], str]
) -> tuple[str, list[str]]:
    """The question's line and the lines under it, the people's text escaped."""
    text = _text(question, escape)
    head = _("Follow-up question: %(text)s") % {"text": text} if follow_up else text
    votes = ngettext("%(votes)s vote", "%(votes)s votes", question.vote_count) % {
        "votes": question.vote_count
    }
    under = [" · ".join([_asked(question, escape), votes, _status(question)])]
    under.extend(
        _("Also asked %(when)s in %(edition)s: %(text)s")
        % {
            "when": utc_text(duplicate.created_at),
            "edition": escape(_one_line(duplicate.session.title)),
            "text": _text(duplicate, escape),
        }
        for duplicate in duplicates
    )
    answer = "" if question.is_hidden else question.answer
    for number, paragraph in enumerate(_paragraphs(answer)):
        paragraph = escape(paragraph)
        if number:
            under.append(paragraph)
        elif question.answered_in is None:  # answered in the admin
            under.append(_("Response: %(text)s") % {"text": paragraph})
        else:
            under.append(
                _("Response by %(name)s in %(edition)s, %(when)s: %(text)s")
                % {
                    "name": escape(_one_line(author_name(question.answered_by))),
                    "edition": escape(_one_line(question.answered_in.title)),
                    "when": utc_text(question.answered_at),
                    "text": paragraph,
                }
            )
    return head, under


def notes_markdown(entries: list[Entry]) -> str:
    lines = [f"## {_('Questions and answers')}", ""]
    if not entries:
        lines.append(_("No questions were asked."))
    for question, duplicates, follow_up in _items(entries):
        head, under = _lines(question, duplicates, follow_up, _markdown_escape)
        lines.append(f"- {head}")
        lines.extend(f"  - {line}" for line in under)
    return "\n".join(lines) + "\n"


def notes_wikitext(entries: list[Entry]) -> str:
    lines = [f"== {_('Questions and answers')} =="]
    if not entries:
        lines.append(_("No questions were asked."))
    for question, duplicates, follow_up in _items(entries):
        head, under = _lines(question, duplicates, follow_up, _wiki_escape)
        lines.append(f"* {head}")
        lines.extend(f":: {line}" for line in under)
    return "\n".join(lines) + "\n"


def _questions(entries: list[Entry]) -> Iterator[Question]:
    """Every question, in the order of the notes: each with its duplicates after it."""
    for question, duplicates, _follow_up in _items(entries):
        yield question
        yield from duplicates


def _csv_status(question: Question) -> str:
    """A stable word, the same in every language, for spreadsheets to filter on."""
    if question.merged_into_id is not None:
        return "merged"
    if question.is_hidden:
        return "hidden"
    return "answered" if question.is_answered else "unanswered"


def notes_table(entries: list[Entry]) -> tuple[list[Any], list[list[Any]]]:
    """The header and one row per question (duplicates and follow-ups included, in the order
    of the notes), for `core.exports.csv_response`."""
    header = [
        _("Number"),
        _("Question"),
        _("Language"),
        _("Asked (UTC)"),
        _("Edition"),
        _("Votes"),
        _("Status"),
        _("Duplicate of"),
        _("Follow-up to"),
        _("Response"),
        _("Answered by"),
        _("Answered in"),
        _("Answered (UTC)"),
    ]
    rows = []
    for question in _questions(entries):
        answered = question.is_answered and not question.is_hidden
        rows.append(
            [
                question.pk,
                _text(question, str) if question.is_hidden else question.text,
                question.language,
                utc_text(question.created_at),
                question.session.title,
                question.vote_count,
                _csv_status(question),
                question.merged_into_id,
                question.follows_id,
                question.answer if answered else "",
                author_name(question.answered_by) if answered else "",
                question.answered_in.title if answered and question.answered_in else "",
                utc_text(question.answered_at) if answered else "",
            ]
        )
    return header, rows
