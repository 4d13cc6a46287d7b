"""The questions and answers of a session as text: Markdown, and MediaWiki wikitext for Meta.

Both list the questions as asked, a follow-up right after the question it follows, each
duplicate merged into a question under it, and the response one line per paragraph (the
way hand-written notes of an "Ask Me Anything" read). Askers are not named; a question the
hosts hid shows their reason instead of its text, without its response. Text written
by people is escaped, so that it shows as written and cannot add markup, links or templates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from django.utils.translation import gettext as _

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


def _lines(
    question: Question, duplicates: list[Question], follow_up: bool, escape: Callable[[str], str]
) -> tuple[str, list[str]]:
    """The question's line and the lines under it, the people's text escaped."""
    text = _text(question, escape)
    head = _("Follow-up question: %(text)s") % {"text": text} if follow_up else text
    under = [_("Also asked: %(text)s") % {"text": _text(d, escape)} for d in duplicates]
    answer = "" if question.is_hidden else question.answer
    for number, paragraph in enumerate(_paragraphs(answer)):
        paragraph = escape(paragraph)
        under.append(_("Response: %(text)s") % {"text": paragraph} if number == 0 else paragraph)
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
