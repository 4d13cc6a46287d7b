"""Event content in every reader's language: what organizers write, translated field by field.

Organizers write an event, its sessions and its registration questions in the event's
`language`. Translators translate each field (`FIELDS`) into the other content languages;
each translation keeps the digest of the source text it was made from, so a change to the
source makes it outdated until a translator revises it.

Readers get each field in their language, falling back field by field to the source. As on
strategy documents, an outdated translation is still shown, labelled as made from an older
text, with one exception: the choices of a question, where a label of an older list could
stand for another answer; they fall back to the source until revised. Answers always store
the source choice, whatever label the reader saw.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypedDict

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convene.accounts.models import User
from convene.core import languages, machine_translation
from convene.core.errors import ServiceError
from convene.core.text import refuse_null_characters, text_fingerprint

from .models import ContentTranslation, Event, RegistrationQuestion, Session

Owner = Event | Session | RegistrationQuestion

# The translatable fields of each kind of owner, in the order translators see them.
EVENT_FIELDS = ("title", "summary", "description")
SESSION_FIELDS = ("title", "description", "notes")
QUESTION_FIELDS = ("label", "help_text", "choices")
FIELDS: dict[type[Owner], tuple[str, ...]] = {
    Event: EVENT_FIELDS,
    Session: SESSION_FIELDS,
    RegistrationQuestion: QUESTION_FIELDS,
}
# What a translation may hold at most: the source field's own limit, so that a translation
# fits where the source fits (long texts: the translation's own limit).
_MAX_LENGTH = ContentTranslation._meta.get_field("text").max_length or 20000


def fields_of(owner: Owner) -> tuple[str, ...]:
    return FIELDS[type(owner)]


def source_language(owner: Owner) -> str:
    """The language the organizers wrote `owner` in: its event's."""
    return owner.language if isinstance(owner, Event) else owner.event.language


def source_text(owner: Owner, name: str) -> str:
    """The organizers' text of a field; a question's choices one per line."""
    if name == "choices":
        assert isinstance(owner, RegistrationQuestion)
        return "\n".join(owner.choices)
    return str(getattr(owner, name))


def source_digest(owner: Owner, name: str) -> str:
    """The digest a translation of the field, as it reads now, is made from. Choices are
    digested as a list, so that moving a line break between two choices changes it."""
    if name == "choices":
        assert isinstance(owner, RegistrationQuestion)
        return text_fingerprint(json.dumps(owner.choices, ensure_ascii=False))
    return text_fingerprint(source_text(owner, name))


def max_length(owner: Owner, name: str) -> int:
    if name == "choices":
        return _MAX_LENGTH
    limit = getattr(type(owner)._meta.get_field(name), "max_length", None)
    return limit if isinstance(limit, int) and limit < _MAX_LENGTH else _MAX_LENGTH


def choice_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _owner_filter(owner: Owner) -> dict[str, Any]:
    """The columns that say which object a translation belongs to."""
    if isinstance(owner, Event):
        return {"event_id": owner.pk, "session": None, "question": None}
    if isinstance(owner, Session):
        return {"event_id": owner.event_id, "session": owner, "question": None}
    return {"event_id": owner.event_id, "session": None, "question": owner}


# --- services ---------------------------------------------------------------------------


def _check(*, owner: Owner, name: str, language: str, text: str) -> str:
    """The translation as it is stored, or a refusal (ServiceError)."""
    if name not in fields_of(owner):
        raise ServiceError(_("This field cannot be translated."), code="field")
    if language not in languages.CONTENT:
        raise ServiceError(
            _("Translations are made into the content languages only."), code="language"
        )
    if language == source_language(owner):
        raise ServiceError(
            _("This is the language the text is written in."), code="source_language"
        )
    if not source_text(owner, name).strip():
        raise ServiceError(
            _("The organizers left this field empty: there is nothing to translate."),
            code="empty_source",
        )
    refuse_null_characters(text)
    text = text.strip()
    if not text:
        raise ServiceError(_("The translation is empty."), code="empty")
    if name == "choices":
        assert isinstance(owner, RegistrationQuestion)
        lines = choice_lines(text)
        if len(lines) != len(owner.choices):
            raise ServiceError(
                ngettext(
                    "Give one translated choice per line, as many as the original has "
                    "(%(count)d choice), in the same order.",
                    "Give one translated choice per line, as many as the original has "
                    "(%(count)d choices), in the same order.",
                    len(owner.choices),
                )
                % {"count": len(owner.choices)},
                code="choices_count",
            )
        if len(set(lines)) != len(lines):
            raise ServiceError(_("Each choice may appear only once."), code="choices_repeated")
        text = "\n".join(lines)
    limit = max_length(owner, name)
    if len(text) > limit:
        raise ServiceError(
            ngettext(
                "The translation is too long: at most %(limit)d character.",
                "The translation is too long: at most %(limit)d characters.",
                limit,
            )
            % {"limit": limit},
            code="too_long",
        )
    return text


@transaction.atomic
def content_translation_save(
    *,
    owner: Owner,
    field: str,
    language: str,
    text: str,
    translator: User | None,
    is_machine: bool = False,
    shown_digest: str | None = None,
) -> ContentTranslation:
    """A translation of one field of an event, a session or a registration question.

    `shown_digest`, when given, is the digest of the source text the translator saw: the
    translation is refused (code `source_changed`) when the source no longer reads so. Once
    saved, the translation is up to date with the source."""
    text = _check(owner=owner, name=field, language=language, text=text)
    digest = source_digest(owner, field)
    if shown_digest is not None and shown_digest != digest:
        raise ServiceError(
            _(
                "The original changed while you were translating. Compare your translation "
                "with the new original, then save it again."
            ),
            code="source_changed",
        )
    translation, _created = ContentTranslation.objects.update_or_create(
        **_owner_filter(owner),
        field=field,
        language=language,
        defaults={
            "text": text,
            "source_digest": digest,
            "is_machine": is_machine,
            "translated_by": None if is_machine else translator,
        },
    )
    return translation


def _machine_may_fill(existing: ContentTranslation | None, digest: str) -> bool:
    """Missing, or a machine translation of an older text: a person's is never replaced."""
    return existing is None or (existing.is_machine and existing.source_digest != digest)


def content_translation_machine_fill(
    *, owner: Owner, field: str, language: str
) -> ContentTranslation | None:
    """Fill a missing or outdated machine translation; a person's translation is never replaced.

    The service is asked outside any transaction (it may take seconds); the answer is saved
    only if the field still has no person's translation by then. A question's choices are
    translated one by one, so each keeps its line. Returns None when nothing was filled;
    raises `MachineTranslationError` when the service fails.
    """
    backend = machine_translation.get_backend()
    if backend is None or field not in fields_of(owner) or language == source_language(owner):
        return None
    digest = source_digest(owner, field)
    existing = ContentTranslation.objects.filter(
        **_owner_filter(owner), field=field, language=language
    ).first()
    if not source_text(owner, field).strip() or not _machine_may_fill(existing, digest):
        return None
    source = source_language(owner)
    if field == "choices":
        assert isinstance(owner, RegistrationQuestion)
        parts = [
            backend.translate(choice, source=source, target=language) for choice in owner.choices
        ]
        text = "\n".join(" ".join(part.split()) for part in parts)
    else:
        text = backend.translate(source_text(owner, field), source=source, target=language)
    with transaction.atomic():
        existing = (
            ContentTranslation.objects.select_for_update()
            .filter(**_owner_filter(owner), field=field, language=language)
            .first()
        )
        if existing is not None and existing.is_machine and existing.source_digest == digest:
            return existing  # another request filled it meanwhile
        if not _machine_may_fill(existing, digest):  # a translator was quicker
            return None
        try:
            return content_translation_save(
                owner=owner,
                field=field,
                language=language,
                text=text,
                translator=None,
                is_machine=True,
            )
        except ServiceError as error:  # e.g. two choices translated alike
            raise machine_translation.MachineTranslationError(str(error.message)) from error


# --- what readers see ---------------------------------------------------------------------


@dataclass(frozen=True)
class ShownText:
    """A field as a reader sees it: the translation into their language, else the source."""

    text: str
    language: str  # of `text`
    is_translated: bool = False
    is_machine: bool = False
    is_outdated: bool = False  # a translation of an older text of the source

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Shown:
    """The fields of one object as a reader sees them (`obj.shown`)."""

    language: str  # the reader's
    texts: dict[str, ShownText]

    def __getattr__(self, name: str) -> ShownText:
        try:
            return self.__dict__["texts"][name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def choice_labels(self) -> list[tuple[str, str]]:
        """(stored value, label shown) of each choice of a question."""
        return list(
            zip(
                self.texts["choice_values"].text.split("\n"),
                self.texts["choices"].text.split("\n"),
                strict=True,
            )
        )


def _shown_text(owner: Owner, name: str, translation: ContentTranslation | None) -> ShownText:
    source = source_text(owner, name)
    original = ShownText(text=source, language=source_language(owner))
    if translation is None or not source.strip():
        return original
    outdated = translation.source_digest != source_digest(owner, name)
    if name == "choices" and outdated:  # an older list's label could stand for another answer
        return original
    return ShownText(
        text=translation.text,
        language=translation.language,
        is_translated=True,
        is_machine=translation.is_machine,
        is_outdated=outdated,
    )


def attach_for(user: User, *owners: Owner) -> None:
    """`attach_shown` in the language of `user`, for what is written to them (emails)."""
    attach_shown(owners, language=user.preferred_language or "en")


def shown_text(owner: Owner, name: str) -> str:
    """The field as attached by `attach_shown`, else the source."""
    shown: Shown | None = getattr(owner, "shown", None)
    return shown.texts[name].text if shown is not None else source_text(owner, name)


def _key(owner: Owner) -> tuple[str, int]:
    if isinstance(owner, Event):
        return ("event", owner.pk)
    if isinstance(owner, Session):
        return ("session", owner.pk)
    return ("question", owner.pk)


def _translation_key(translation: ContentTranslation) -> tuple[str, int]:
    if translation.session_id is not None:
        return ("session", translation.session_id)
    if translation.question_id is not None:
        return ("question", translation.question_id)
    return ("event", translation.event_id)


def attach_shown(owners: Iterable[Owner | None], *, language: str) -> None:
    """Set `obj.shown` on each of `owners` (a `Shown`: each translatable field in `language`,
    falling back to the source field by field). One query for them all, none when every
    one is written in `language`. A session's and a question's event must be loaded."""
    items = [owner for owner in owners if owner is not None]
    wanted = [owner for owner in items if source_language(owner) != language]
    found: dict[tuple[str, int], dict[str, ContentTranslation]] = {}
    if wanted and language in languages.CONTENT:
        which = Q()
        for kind, model in (
            ("event", Event),
            ("session", Session),
            ("question", RegistrationQuestion),
        ):
            pks = {owner.pk for owner in wanted if isinstance(owner, model)}
            if not pks:
                continue
            if kind == "event":
                which |= Q(event_id__in=pks, session__isnull=True, question__isnull=True)
            else:
                which |= Q(**{f"{kind}_id__in": pks})
        for translation in ContentTranslation.objects.filter(which, language=language):
            found.setdefault(_translation_key(translation), {})[translation.field] = translation
    for owner in items:
        translations = found.get(_key(owner), {})
        texts = {
            name: _shown_text(owner, name, translations.get(name)) for name in fields_of(owner)
        }
        if isinstance(owner, RegistrationQuestion):
            texts["choice_values"] = ShownText(
                text="\n".join(owner.choices), language=source_language(owner)
            )
        owner.shown = Shown(language=language, texts=texts)  # type: ignore[union-attr]


# --- what translators see -----------------------------------------------------------------

State = Literal["missing", "outdated", "done"]


@dataclass(frozen=True)
class WorkField:
    """One field on a translator's page: the source, the translation, where it stands."""

    owner: Owner
    field: str
    source: str
    digest: str
    state: State
    translation: ContentTranslation | None

    @property
    def anchor(self) -> str:
        return anchor(self.owner, self.field)

    @property
    def kind(self) -> str:
        """ "event", "session" or "question"."""
        return _key(self.owner)[0]

    @property
    def machine_may_fill(self) -> bool:
        return _machine_may_fill(self.translation, self.digest)


def anchor(owner: Owner, name: str) -> str:
    """The id of a field on the translator's page, e.g. "session-12-title"."""
    kind, pk = _key(owner)
    return f"{kind}-{pk}-{name}".replace("_", "-")


def _contents(event: Event) -> list[Owner]:
    """The event, its sessions and its questions, each knowing the event."""
    sessions = list(event.sessions.order_by("starts_at", "pk"))
    questions = list(event.questions.order_by("position", "pk"))
    return [event, *sessions, *questions]


def worklist(*, event: Event, language: str) -> list[WorkField]:
    """Every non-empty translatable field of the event, its sessions and its questions, with
    its translation into `language`. Three queries."""
    owners = _contents(event)
    found = {
        (_translation_key(t), t.field): t
        for t in ContentTranslation.objects.filter(event=event, language=language)
    }
    rows = []
    for owner in owners:
        for name in fields_of(owner):
            source = source_text(owner, name)
            if not source.strip():
                continue
            digest = source_digest(owner, name)
            translation = found.get((_key(owner), name))
            state: State = (
                "missing"
                if translation is None
                else "outdated"
                if translation.source_digest != digest
                else "done"
            )
            rows.append(
                WorkField(
                    owner=owner,
                    field=name,
                    source=source,
                    digest=digest,
                    state=state,
                    translation=translation,
                )
            )
    return rows


class EventProgress(TypedDict):
    """How much of one event is translated into one language."""

    event: Event
    total: int  # non-empty translatable fields
    up_to_date: int
    outdated: int
    missing: int
    percent: int  # up to date, of the total (100 when there is nothing to translate)


def _progress(event: Event, total: int, up_to_date: int, outdated: int) -> EventProgress:
    return EventProgress(
        event=event,
        total=total,
        up_to_date=up_to_date,
        outdated=outdated,
        missing=total - up_to_date - outdated,
        percent=round(100 * up_to_date / total) if total else 100,
    )


def _tally(
    events: list[Event],
    owners: list[Owner],
    translations: Iterable[ContentTranslation],
    wanted: Sequence[str],
) -> dict[str, list[EventProgress]]:
    """The progress of each of `events` (whose contents are `owners`) in each language."""
    digests: dict[tuple[tuple[str, int], str], str] = {}
    totals: dict[int, int] = {}
    for owner in owners:
        event_id = owner.pk if isinstance(owner, Event) else owner.event_id
        for name in fields_of(owner):
            if source_text(owner, name).strip():
                digests[(_key(owner), name)] = source_digest(owner, name)
                totals[event_id] = totals.get(event_id, 0) + 1
    done: dict[tuple[int, str], int] = {}
    stale: dict[tuple[int, str], int] = {}
    for translation in translations:
        digest = digests.get((_translation_key(translation), translation.field))
        if digest is None:
            continue  # a field emptied since
        key = (translation.event_id, translation.language)
        counts = done if digest == translation.source_digest else stale
        counts[key] = counts.get(key, 0) + 1
    return {
        language: [
            _progress(
                event,
                totals.get(event.pk, 0),
                done.get((event.pk, language), 0),
                stale.get((event.pk, language), 0),
            )
            for event in events
            if event.language != language
        ]
        for language in wanted
    }


def event_progress(*, event: Event, languages: Sequence[str]) -> dict[str, EventProgress]:
    """How much of `event` is translated into each of `languages` (its own left out). Three
    queries."""
    translations = ContentTranslation.objects.filter(event=event, language__in=list(languages))
    overview = _tally([event], _contents(event), translations, languages)
    return {language: rows[0] for language, rows in overview.items() if rows}


def progress_overview(*, languages: Sequence[str]) -> dict[str, list[EventProgress]]:
    """For each of `languages`, the progress of each published event not written in it,
    newest first. Four queries whatever the number of events and languages (one when no
    event is published)."""
    events = list(Event.objects.published().order_by("-created_at", "-pk"))
    by_pk = {event.pk: event for event in events}
    owners: list[Owner] = list(events)
    for session in Session.objects.filter(event_id__in=by_pk).order_by():
        session.event = by_pk[session.event_id]
        owners.append(session)
    for question in RegistrationQuestion.objects.filter(event_id__in=by_pk).order_by():
        question.event = by_pk[question.event_id]
        owners.append(question)
    translations = ContentTranslation.objects.filter(
        event_id__in=by_pk, language__in=list(languages)
    ).only("event_id", "session_id", "question_id", "field", "language", "source_digest")
    return _tally(events, owners, translations, languages)
