"""What the series pages read, each in a constant number of queries whatever the number of
meetings, topics and actions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse

from convene.accounts.users import Viewer
from convene.discussion.models import Board
from convene.events import translations
from convene.events.models import Event, Session

from . import rules
from .models import Action, OpenSpace, Series, SeriesFollow, SeriesMeeting, Topic
from .services_series import BOARD_KEY_PREFIX


def _counted(queryset: QuerySet, by: str) -> Coalesce:
    """The number of rows of `queryset` (already filtered on an OuterRef), 0 if none."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(by).annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _series(user: Viewer) -> QuerySet[Series]:
    follows = SeriesFollow.objects.filter(series=OuterRef("pk"))
    mine = (
        Exists(follows.filter(user_id=user.pk))
        if user.is_authenticated
        else Value(False)  # the anonymous follow nothing
    )
    return Series.objects.select_related("board").annotate(
        follower_count=_counted(follows, "series"), is_following=mine
    )


def series_by_slug(slug: str, user: Viewer) -> Series | None:
    """The series with its discussion space, `follower_count` and whether `user` follows it
    (`is_following`)."""
    return _series(user).filter(slug=slug).first()


def series_for_organizing(slug: str) -> Series | None:
    return Series.objects.filter(slug=slug).first()


# --- the list ----------------------------------------------------------------------------


def series_list(user: Viewer) -> list[Series]:
    """The published series, and those `user` organizes, the latest first; each with its
    number of published meetings (`meeting_count`), the start of the first and the end of
    the last (`first_start`, `last_end`) and `follower_count`."""
    visible = Series.objects.all()
    if not (user.is_authenticated and user.is_superuser):
        shown = Q(is_published=True)
        if user.is_authenticated:
            shown |= Q(organizers=user)
        visible = visible.filter(pk__in=Series.objects.filter(shown).values("pk"))
    published = Session.objects.filter(
        event__is_published=True, event__series_meeting__series=OuterRef("pk")
    )
    return list(
        visible.annotate(
            meeting_count=_counted(
                SeriesMeeting.objects.filter(series=OuterRef("pk"), event__is_published=True),
                "series",
            ),
            follower_count=_counted(SeriesFollow.objects.filter(series=OuterRef("pk")), "series"),
            first_start=Subquery(published.order_by("starts_at").values("starts_at")[:1]),
            last_end=Subquery(published.order_by("-ends_at").values("ends_at")[:1]),
        ).order_by("-created_at", "-pk")
    )


# --- a series' page ----------------------------------------------------------------------


@dataclass
class MeetingRow:
    """One meeting as the series' page shows it, with what its open space produced."""

    number: int
    meeting: SeriesMeeting
    event: Event
    first_start: datetime | None
    last_end: datetime | None
    open_space: OpenSpace | None
    topics_held: int = 0
    actions: int = 0
    carried_in: list[Action] = field(default_factory=list)

    @property
    def has_harvest(self) -> bool:
        return self.open_space is not None and self.open_space.harvest_published_at is not None


@dataclass(frozen=True)
class CarriedAction:
    """An action of one meeting carried into a later one."""

    action: Action  # the one carried (its `carried_from` is the earlier one)
    source: MeetingRow
    target: MeetingRow


@dataclass(frozen=True)
class CarryChoice:
    """An open action an organizer may carry, and the later meetings it may go to."""

    action: Action
    source: MeetingRow
    targets: list[MeetingRow]


@dataclass(frozen=True)
class SeriesPage:
    series: Series
    meetings: list[MeetingRow]
    carried: list[CarriedAction]
    can_manage: bool
    to_carry: list[CarryChoice]


def _meeting_rows(meetings: QuerySet[SeriesMeeting]) -> list[MeetingRow]:
    """The meetings in the order of their first session's start (those without sessions
    last), each with its open space and what it produced: 4 annotations, one query."""
    sessions = Session.objects.filter(event_id=OuterRef("event_id"))
    rows = (
        meetings.select_related("event", "event__open_space")
        .annotate(
            first_start=Subquery(sessions.order_by("starts_at").values("starts_at")[:1]),
            last_end=Subquery(sessions.order_by("-ends_at").values("ends_at")[:1]),
            topics_held=_counted(
                Topic.objects.filter(
                    open_space__event_id=OuterRef("event_id"), status=Topic.Status.PLACED
                ),
                "open_space",
            ),
            actions_made=_counted(
                Action.objects.filter(
                    open_space__event_id=OuterRef("event_id"), carried_from__isnull=True
                ),
                "open_space",
            ),
        )
        .order_by(F("first_start").asc(nulls_last=True), "pk")
    )
    result = []
    for number, meeting in enumerate(rows, start=1):
        event = meeting.event
        try:
            open_space: OpenSpace | None = event.open_space
        except OpenSpace.DoesNotExist:
            open_space = None
        result.append(
            MeetingRow(
                number=number,
                meeting=meeting,
                event=event,
                first_start=meeting.first_start,
                last_end=meeting.last_end,
                open_space=open_space,
                topics_held=meeting.topics_held,
                actions=meeting.actions_made,
            )
        )
    return result


def later_meetings(rows: list[MeetingRow], source: MeetingRow) -> list[MeetingRow]:
    """The meetings with an open space that start after `source` does."""
    if source.first_start is None:
        return []
    return [
        row
        for row in rows
        if row.open_space is not None
        and row.first_start is not None
        and row.first_start > source.first_start
    ]


def series_page(series: Series, user: Viewer, *, language: str) -> SeriesPage:
    """Everything a series' page shows: its meetings the reader may see, in order, with
    their titles in `language`; the actions carried from one to a later one; and for its
    organizers the open actions they may carry."""
    can_manage = rules.can_manage_series(user, series)
    rows = _meeting_rows(
        SeriesMeeting.objects.filter(series=series, event__in=Event.objects.visible_to(user))
    )
    translations.attach_shown([row.event for row in rows], language=language)
    by_event = {row.event.pk: row for row in rows}
    carried: list[CarriedAction] = []
    to_carry: list[CarryChoice] = []
    if rows:
        for action in (
            Action.objects.filter(
                carried_from__isnull=False,
                open_space__event_id__in=by_event,
                carried_from__open_space__event_id__in=by_event,
            )
            .select_related("carried_from")
            .annotate(
                event_id=F("open_space__event_id"),
                source_event_id=F("carried_from__open_space__event_id"),
            )
            .order_by("created_at", "pk")
        ):
            target = by_event[action.event_id]
            source = by_event[action.source_event_id]
            target.carried_in.append(action)
            carried.append(CarriedAction(action=action, source=source, target=target))
        carried.sort(key=lambda link: (link.source.number, link.target.number))
    if can_manage and len(rows) > 1:
        earlier = {row.event.pk: row for row in rows if later_meetings(rows, row)}
        for open_action in (
            Action.objects.filter(open_space__event_id__in=earlier, done_at__isnull=True)
            .annotate(event_id=F("open_space__event_id"))
            .order_by("created_at", "pk")
        ):
            source = earlier[open_action.event_id]
            to_carry.append(
                CarryChoice(action=open_action, source=source, targets=later_meetings(rows, source))
            )
        to_carry.sort(key=lambda choice: choice.source.number)
    return SeriesPage(
        series=series, meetings=rows, carried=carried, can_manage=can_manage, to_carry=to_carry
    )


# --- organizing --------------------------------------------------------------------------


def series_meetings_for_organizing(series: Series) -> list[MeetingRow]:
    """Every meeting of the series, published or not, in order."""
    return _meeting_rows(SeriesMeeting.objects.filter(series=series))


def action_to_carry(series: Series, action_id: int) -> tuple[Action, list[MeetingRow]] | None:
    """An action of a meeting of the series and every meeting of the series in order; None
    if the action is of no meeting of it."""
    action = (
        Action.objects.filter(pk=action_id, open_space__event__series_meeting__series=series)
        .select_related("open_space")
        .first()
    )
    if action is None:
        return None
    return action, series_meetings_for_organizing(series)


# --- the series' discussion space --------------------------------------------------------


def board_describe(board: Board) -> tuple[str, str] | None:
    """The page a series' discussion space belongs to (its title and address), or None
    when the series is not published (its discussion is then not found either)."""
    number = board.key.removeprefix(BOARD_KEY_PREFIX)
    if not number.isdigit():
        return None
    series = Series.objects.filter(pk=int(number), is_published=True).first()
    if series is None:
        return None
    return series.title, reverse("openspace:series", args=[series.slug])
