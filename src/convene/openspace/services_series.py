"""Every change of a series of meetings: creating and editing it, adding and removing its
meetings, following it, announcing a new meeting to its followers, and carrying an open
action of one meeting into a later one.

A meeting is announced once: `series_announce_pending` claims it with a conditional UPDATE
of `announced_at` before writing to anyone, so two runs at once never both send. It runs
when a meeting is added (a task enqueued once the change commits) and every day (the
housekeeping step in `tasks.py`), so an event published after it was added is announced
by the next run.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.accounts.models import User
from convene.core import languages
from convene.core.errors import ServiceError
from convene.core.mail import email_to_user
from convene.core.text import refuse_null_characters
from convene.events import translations
from convene.events.models import Event
from convene.events.rules import can_manage_event

from . import rules
from .models import Action, OpenSpace, Series, SeriesFollow, SeriesMeeting

BOARD_KEY_PREFIX = "openspace.series:"


def board_key(series: Series) -> str:
    """The key of the series' discussion space (`discussion.services.board_open`)."""
    return f"{BOARD_KEY_PREFIX}{series.pk}"


@dataclass(frozen=True)
class SeriesTerms:
    """What organizers write about a series."""

    title: str
    slug: str
    description: str = ""
    language: str = "en"
    is_published: bool = False
    organizers: list[User] = field(default_factory=list)


def _check_manage(user: User, series: Series) -> None:
    if not rules.can_manage_series(user, series):
        raise ServiceError(_("Only the organizers of this series can change it."), code="forbidden")


def _clean_terms(terms: SeriesTerms, series: Series | None) -> SeriesTerms:
    refuse_null_characters(terms.title, terms.slug, terms.description)
    title = " ".join(terms.title.split())
    if not title:
        raise ServiceError(_("Give the series a title."), code="empty")
    slug = terms.slug.strip()
    taken = Series.objects.filter(slug=slug)
    if series is not None:
        taken = taken.exclude(pk=series.pk)
    if taken.exists():
        raise ServiceError(
            _("Another series already has this short name: choose another."), code="slug_taken"
        )
    if terms.language not in languages.CONTENT:
        raise ServiceError(_("Choose the language from the list."), code="language")
    description = terms.description.replace("\r\n", "\n").replace("\r", "\n").strip()
    return SeriesTerms(
        title=title,
        slug=slug,
        description=description,
        language=terms.language,
        is_published=terms.is_published,
        organizers=terms.organizers,
    )


def _open_board(series: Series) -> None:
    """Open the series' discussion space (idempotent) and link it."""
    from convene.discussion.services import board_open  # noqa: PLC0415 - offered by discussion

    board = board_open(key=board_key(series), title=series.title)
    if series.board_id != board.pk:
        series.board = board
        Series.objects.filter(pk=series.pk).update(board=board)


@transaction.atomic
def series_create(*, user: User, terms: SeriesTerms) -> Series:
    """A new series organized by `user` (and the organizers named), with its discussion
    space."""
    if not rules.can_create_series(user):
        raise ServiceError(
            _("Only organizers of open spaces can create a series."), code="forbidden"
        )
    clean = _clean_terms(terms, None)
    try:
        with transaction.atomic():
            series = Series.objects.create(
                title=clean.title,
                slug=clean.slug,
                description=clean.description,
                language=clean.language,
                is_published=clean.is_published,
            )
    except IntegrityError as taken:
        raise ServiceError(
            _("Another series already has this short name: choose another."), code="slug_taken"
        ) from taken
    series.organizers.add(user, *clean.organizers)
    _open_board(series)
    return series


@transaction.atomic
def series_update(*, series: Series, user: User, terms: SeriesTerms) -> Series:
    """Change a series' words and organizers; the person changing it stays an organizer."""
    _check_manage(user, series)
    clean = _clean_terms(terms, series)
    was_published = series.is_published
    series.title = clean.title
    series.slug = clean.slug
    series.description = clean.description
    series.language = clean.language
    series.is_published = clean.is_published
    try:
        with transaction.atomic():
            series.save()
    except IntegrityError as taken:
        raise ServiceError(
            _("Another series already has this short name: choose another."), code="slug_taken"
        ) from taken
    organizers = {user.pk: user, **{person.pk: person for person in clean.organizers}}
    series.organizers.set(list(organizers.values()))
    series.__dict__.pop("_organizers_ids", None)
    _open_board(series)  # made if missing, given the new title
    if series.is_published and not was_published:
        _announce_on_commit()
    return series


# --- meetings ----------------------------------------------------------------------------


def meeting_candidates(user: User) -> list[Event]:
    """The events `user` may add to a series: published, organized by them, in no series;
    the soonest first."""
    events = Event.objects.published().filter(series_meeting__isnull=True)
    if not user.is_superuser:
        events = events.filter(organizers=user)
    return list(events.with_bounds().order_by(F("first_start").asc(nulls_last=True), "pk"))


def _announce_on_commit() -> None:
    from .tasks import series_announce  # noqa: PLC0415 - the task module imports this one

    transaction.on_commit(lambda: series_announce.enqueue())


@transaction.atomic
def series_meeting_add(*, series: Series, user: User, event: Event) -> SeriesMeeting:
    """Add a published event `user` organizes to the series; its followers hear of it."""
    _check_manage(user, series)
    if not can_manage_event(user, event):
        raise ServiceError(_("You can add only events you organize to a series."), code="forbidden")
    if not event.is_published:
        raise ServiceError(
            _("This event is not published yet: publish it first."), code="unpublished"
        )
    try:
        with transaction.atomic():
            meeting = SeriesMeeting.objects.create(series=series, event=event)
    except IntegrityError as taken:
        raise ServiceError(
            _("This event is already a meeting of a series."), code="in_series"
        ) from taken
    _announce_on_commit()
    return meeting


@transaction.atomic
def series_meeting_remove(*, series: Series, user: User, meeting: SeriesMeeting) -> None:
    """Take a meeting out of the series (the event itself stays)."""
    _check_manage(user, series)
    if meeting.series_id != series.pk:
        raise ServiceError(_("This meeting is not part of this series."), code="other_series")
    SeriesMeeting.objects.filter(pk=meeting.pk).delete()


# --- following ---------------------------------------------------------------------------


@transaction.atomic
def series_follow(*, series: Series, user: User, follow: bool = True) -> bool:
    """Follow (or stop following) a series; True if this call changed anything."""
    if not user.is_authenticated:
        raise ServiceError(_("Sign in to follow a series."), code="anonymous")
    if not rules.can_view_series(user, series):
        raise ServiceError(_("This series is not published."), code="unpublished")
    if follow:
        _follow, created = SeriesFollow.objects.get_or_create(series=series, user=user)
        return created
    deleted, _kinds = SeriesFollow.objects.filter(series=series, user=user).delete()
    return bool(deleted)


# --- announcing --------------------------------------------------------------------------


def _pending(now: datetime) -> list[SeriesMeeting]:
    """Meetings not yet announced whose event and series are published and whose event is
    not over (an event without sessions yet is not over)."""
    return list(
        SeriesMeeting.objects.filter(
            announced_at__isnull=True, series__is_published=True, event__is_published=True
        )
        .select_related("series", "event")
        .annotate(
            first_start=Min("event__sessions__starts_at"),
            last_end=Max("event__sessions__ends_at"),
        )
        .filter(Q(last_end__isnull=True) | Q(last_end__gte=now))
        .order_by("pk")
    )


def _announce(meeting: SeriesMeeting, followers: list[User]) -> int:
    """Email `followers` of the new meeting, each in their language."""
    by_language: dict[str, list[User]] = defaultdict(list)
    for follower in followers:
        by_language[follower.preferred_language or "en"].append(follower)
    event = meeting.event
    for language, people in sorted(by_language.items()):
        translations.attach_shown([event], language=language)
        for person in people:
            email_to_user(
                user=person,
                template="openspace/email/series_meeting",
                context={
                    "series": meeting.series,
                    "event": event,
                    "first_start": getattr(meeting, "first_start", None),
                    "has_open_space": OpenSpace.objects.filter(event_id=event.pk).exists(),
                },
            )
    return len(followers)


@transaction.atomic
def series_announce_pending(*, now: datetime | None = None) -> int:
    """Announce each new published meeting to the series' followers, once; the number of
    emails written."""
    now = now or timezone.now()
    sent = 0
    for meeting in _pending(now):
        claimed = SeriesMeeting.objects.filter(pk=meeting.pk, announced_at__isnull=True).update(
            announced_at=now
        )
        if not claimed:
            continue  # another run has it
        followers = list(
            User.objects.filter(series_follows__series_id=meeting.series_id, is_active=True)
            .exclude(email="")
            .order_by("pk")
        )
        sent += _announce(meeting, followers)
    return sent


# --- carrying actions --------------------------------------------------------------------


def _first_start(event_id: int) -> datetime | None:
    return Event.objects.filter(pk=event_id).aggregate(first=Min("sessions__starts_at"))["first"]


@transaction.atomic
def action_carry(*, series: Series, user: User, action: Action, meeting: SeriesMeeting) -> Action:
    """Carry an open action of an earlier meeting of the series into a later one: a new
    action of the later meeting's open space that continues it (`carried_from`)."""
    _check_manage(user, series)
    action = Action.objects.select_for_update().select_related("open_space").get(pk=action.pk)
    source = SeriesMeeting.objects.filter(event_id=action.open_space.event_id).first()
    if source is None or source.series_id != series.pk:
        raise ServiceError(
            _("This action comes from a meeting of another series."), code="other_series"
        )
    if meeting.series_id != series.pk:
        raise ServiceError(_("This meeting is not part of this series."), code="other_series")
    if action.done_at is not None:
        raise ServiceError(_("This action is done: there is nothing to carry."), code="done")
    target = OpenSpace.objects.filter(event_id=meeting.event_id).first()
    if target is None:
        raise ServiceError(
            _("This meeting is not an open space: actions can be carried only into one."),
            code="no_open_space",
        )
    source_start = _first_start(source.event_id)
    target_start = _first_start(meeting.event_id)
    if (
        meeting.pk == source.pk
        or source_start is None
        or target_start is None
        or target_start <= source_start
    ):
        raise ServiceError(
            _("An action is carried into a later meeting of the series only."), code="backwards"
        )
    if Action.objects.filter(carried_from=action, open_space=target).exists():
        raise ServiceError(
            _("This action is already carried into that meeting."), code="already_carried"
        )
    return Action.objects.create(
        open_space=target,
        topic=None,
        what=action.what,
        who=action.who,
        due_on=action.due_on,
        created_by=user,
        carried_from=action,
    )
