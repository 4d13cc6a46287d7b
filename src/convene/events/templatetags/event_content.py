"""What organizers wrote, as the reader sees it (`translations.attach_shown`).

    {% load event_content %}
    <h1 dir="auto"{% shown_lang event "title" %}>{{ event|shown:"title" }}</h1>{% shown_flags event "title" %}

Where nothing was attached (organizer pages), the source field is shown, without flags.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


def _shown_text(owner: Any, name: str) -> Any:
    try:
        return getattr(owner.shown, name)
    except AttributeError:
        return None


@register.filter
def shown(owner: Any, name: str) -> str:
    """The field in the reader's language (else the source), as plain text to escape."""
    text = _shown_text(owner, name)
    if text is not None:
        return str(text.text)
    value = getattr(owner, name)
    return "\n".join(value) if isinstance(value, list) else str(value)


@register.simple_tag
def shown_lang(owner: Any, name: str) -> SafeString:
    """` lang="…"`: the language the field is shown in, when known."""
    text = _shown_text(owner, name)
    if text is None:
        return SafeString("")
    return format_html(' lang="{}"', text.language)


@register.simple_tag
def shown_flags(owner: Any, name: str) -> SafeString:
    """Badges saying the field is a machine translation, or one of an older text."""
    text = _shown_text(owner, name)
    if text is None:
        return SafeString("")
    flags = []
    if text.is_machine:
        flags.append(_("Machine translation"))
    if text.is_outdated:
        flags.append(_("Translation of an older text"))
    return format_html_join(
        "", ' <span class="badge" lang="{}">{}</span>', ((get_language(), flag) for flag in flags)
    )
