"""The harvest of an open space as text: Markdown, and MediaWiki wikitext for Meta.

Both list the topics held, slot by slot (UTC) and room by room, then the topics proposed
but not held; under each its room and convener, its notes in the language asked for (else
as first written, saying so), and its actions: what, who, by when, how many took it on,
whether it is done.

Notes are Markdown: the Markdown download keeps them as written, their headings moved
under the topic's. Everywhere else what people wrote is escaped: in Markdown a title or a
name cannot start a list or a link; in wikitext no character of theirs can open a link, a
template, a table, a tag, bold or a signature, nor start a list or a heading at a line's
start, and an address stays text (no free link).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convene.accounts.templatetags.accounts import author_name
from convene.core.lists import joined_text
from convene.core.timezones import utc_text

from .selectors_notes import ActionRow, Harvest, HarvestSlot, HarvestTopic, ShownNotes

Escape = Callable[[str], str]

_BLANK_LINES = re.compile(r"\n\s*\n")

_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>~|#!])")
_MARKDOWN_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+=])")
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})(?=\s|$)")
_MARKDOWN_FENCE = re.compile(r"^\s{0,3}(```|~~~)")

# Characters that open links, templates, tables, tags and entities, or headings.
_WIKI_CHARACTERS = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "&#91;", "]": "&#93;",
                    "{": "&#123;", "}": "&#125;", "|": "&#124;", "=": "&#61;"}  # fmt: skip
# Bold and italics, signatures and magic words start with a doubled character.
_WIKI_DOUBLED = re.compile(r"(['~_])(?=\1)")
# At a line's start: lists, definitions, indents, rules, preformatted text, table cells.
_WIKI_LINE_START = frozenset("*#:;-! \t")
# An address written out becomes a link: its "://" stays text.
_WIKI_ADDRESS = re.compile(r":(?=//)")

# The notes' own headings go under the topic's (### in Markdown).
_HEADING_SHIFT = 3


def _one_line(text: str) -> str:
    return " ".join(text.split())


def markdown_escape(text: str) -> str:
    """People's one-line text, as it reads, inside a Markdown line."""
    text = _MARKDOWN_INLINE.sub(r"\\\1", _one_line(text))
    return _MARKDOWN_BLOCK_START.sub(
        lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text
    )


def _wiki_characters(text: str) -> str:
    text = "".join(_WIKI_CHARACTERS.get(character, character) for character in text)
    text = _WIKI_DOUBLED.sub(lambda m: f"&#{ord(m.group(1))};", text)
    return _WIKI_ADDRESS.sub("&#58;", text)


def wiki_escape(text: str) -> str:
    """People's one-line text, as it reads, inside a wikitext line."""
    return _wiki_line(_one_line(text))


def _wiki_line(line: str) -> str:
    line = _wiki_characters(line)
    if line[:1] in _WIKI_LINE_START:
        line = f"&#{ord(line[0])};{line[1:]}"
    return line


def wiki_paragraphs(text: str) -> list[str]:
    """People's text of many lines as wikitext paragraphs: each line shown as written (a
    line break between lines), a blank line between paragraphs."""
    paragraphs = []
    for part in _BLANK_LINES.split(text.strip()):
        lines = [_wiki_line(line.rstrip()) for line in part.split("\n") if line.strip()]
        if lines:
            paragraphs.append("<br />\n".join(lines))
    return paragraphs


def markdown_notes(body: str) -> str:
    """Notes as written, their headings three levels down (outside code blocks)."""
    lines = []
    fenced = False
    for line in body.strip().split("\n"):
        if _MARKDOWN_FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            line = _MARKDOWN_HEADING.sub(
                lambda m: "#" * min(len(m.group(1)) + _HEADING_SHIFT, 6), line
            )
        lines.append(line)
    return "\n".join(lines)


def _notes_label(notes: ShownNotes, wanted_name: str) -> str:
    if notes.is_translation_missing:
        return _("Notes in %(language)s (not translated into %(wanted)s)") % {
            "language": notes.language_name,
            "wanted": wanted_name,
        }
    return _("Notes in %(language)s") % {"language": notes.language_name}


def _facts(item: HarvestTopic, escape: Escape) -> str:
    topic = item.topic
    parts = []
    if topic.room is not None:
        parts.append(_("Room: %(room)s") % {"room": escape(topic.room.name)})
    parts.append(_("Convener: %(name)s") % {"name": escape(author_name(topic.convener))})
    return " · ".join(parts)


def _action_line(row: ActionRow, escape: Escape) -> str:
    action = row.action
    parts = [escape(action.what)]
    if action.who:
        parts.append(_("Who: %(who)s") % {"who": escape(action.who)})
    if action.due_on is not None:
        parts.append(_("By %(day)s") % {"day": action.due_on.isoformat()})
    parts.append(
        ngettext("%(count)s person took it on", "%(count)s people took it on", row.takers)
        % {"count": row.takers}
    )
    if action.done_at is not None:
        parts.append(_("Done %(when)s") % {"when": utc_text(action.done_at)})
    return " · ".join(parts)


def _published(harvest: Harvest) -> str:
    published_at = harvest.open_space.harvest_published_at
    if published_at is None:
        return _("Not published yet.")
    return _("Published %(when)s.") % {"when": utc_text(published_at)}


def _slot_heading(harvest_slot: HarvestSlot) -> str:
    slot = harvest_slot.slot
    return f"{utc_text(slot.starts_at)} – {utc_text(slot.ends_at)}"


def _languages_line(harvest: Harvest) -> str:
    if not harvest.languages:
        return ""
    return _("Notes written in %(languages)s.") % {
        "languages": joined_text(name for _code, name in harvest.languages)
    }


def _topic_markdown(item: HarvestTopic, harvest: Harvest) -> list[str]:
    lines = [f"### {markdown_escape(item.topic.title)}", "", _facts(item, markdown_escape), ""]
    if item.notes.version is not None:
        lines += [
            f"**{_notes_label(item.notes, harvest.language_name)}**",
            "",
            markdown_notes(item.notes.version.body),
            "",
        ]
    if item.actions:
        lines += [f"**{_('Actions')}**", ""]
        lines += [f"- {_action_line(row, markdown_escape)}" for row in item.actions]
        lines.append("")
    return lines


def harvest_markdown(harvest: Harvest) -> str:
    title = markdown_escape(str(harvest.open_space.event.title))
    lines = [f"# {_('Harvest: %(event)s') % {'event': title}}", "", _published(harvest)]
    if harvest.languages:
        lines.append(_languages_line(harvest))
    lines.append("")
    for harvest_slot in harvest.slots:
        lines += [f"## {_slot_heading(harvest_slot)}", ""]
        for item in harvest_slot.topics:
            lines += _topic_markdown(item, harvest)
    if harvest.not_held:
        lines += [f"## {_('Proposed, not held')}", ""]
        for item in harvest.not_held:
            lines += _topic_markdown(item, harvest)
    if harvest.is_empty:
        lines += [_("No topics were proposed."), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _topic_wikitext(item: HarvestTopic, harvest: Harvest) -> list[str]:
    lines = [f"==== {wiki_escape(item.topic.title)} ====", _facts(item, wiki_escape)]
    if item.notes.version is not None:
        lines += ["", f"'''{_notes_label(item.notes, harvest.language_name)}'''", ""]
        lines.append("\n\n".join(wiki_paragraphs(item.notes.version.body)))
    if item.actions:
        lines += ["", f"'''{_('Actions')}'''"]
        lines += [f"* {_action_line(row, wiki_escape)}" for row in item.actions]
    return lines


def harvest_wikitext(harvest: Harvest) -> str:
    title = wiki_escape(str(harvest.open_space.event.title))
    lines = [f"== {_('Harvest: %(event)s') % {'event': title}} ==", _published(harvest)]
    if harvest.languages:
        lines.append(_languages_line(harvest))
    for harvest_slot in harvest.slots:
        lines += ["", f"=== {_slot_heading(harvest_slot)} ==="]
        for item in harvest_slot.topics:
            lines += ["", *_topic_wikitext(item, harvest)]
    if harvest.not_held:
        lines += ["", f"=== {_('Proposed, not held')} ==="]
        for item in harvest.not_held:
            lines += ["", *_topic_wikitext(item, harvest)]
    if harvest.is_empty:
        lines += ["", _("No topics were proposed.")]
    return "\n".join(lines).rstrip("\n") + "\n"
