"""What the notes and actions of a topic, and the harvest, show."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from convene.accounts.users import Viewer

from .models import Topic


@dataclass
class NotesPanel:
    """The notes (latest version per language) and actions of one topic, as its page shows
    them under the topic; `openspace/_notes_panel.html` renders it."""

    topic: Topic
    items: list[Any] = field(default_factory=list)


def topic_notes_panel(*, topic: Topic, user: Viewer, language: str) -> NotesPanel:
    """Everything the notes panel of `topic` shows to `user` reading in `language`."""
    return NotesPanel(topic=topic)
