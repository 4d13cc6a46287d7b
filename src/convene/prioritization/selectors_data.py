"""Reads of a round's raw data: the round with its ballot counts, its items, and its ballots
and group submissions as rows for the downloads and the API.

Each read takes a constant number of queries whatever the number of ballots: the items once,
the ballots as one query streamed in chunks (`.iterator()` over `values_list`), their
rankings unpacked here into item identifiers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count as Counted
from django.db.models import OuterRef, Q, QuerySet, Subquery

from .models import Ballot, Count, Item, Round, unpack_ranking

# Ballots read from the database at a time when streaming a download.
CHUNK = 2000


def _with_ballot_counts(rounds: QuerySet[Round]) -> QuerySet[Round]:
    return rounds.annotate(
        group_ballots=Counted("ballots", filter=Q(ballots__track=Ballot.Track.GROUP)),
        individual_ballots=Counted("ballots", filter=Q(ballots__track=Ballot.Track.INDIVIDUAL)),
    )


def rounds_listed() -> QuerySet[Round]:
    """Every round, newest first, with its process and its number of ballots per track."""
    return _with_ballot_counts(Round.objects.select_related("process")).order_by("-opens_at", "pk")


def round_for_data(*, slug: str) -> Round | None:
    """The round with its process, its number of ballots per track (`group_ballots`,
    `individual_ballots`) and when it was last counted (`counted_at`, None before the first
    count), in one query; None if there is no such round."""
    counted_at = Count.objects.filter(round=OuterRef("pk")).values("counted_at")[:1]
    return (
        _with_ballot_counts(Round.objects.select_related("process"))
        .annotate(counted_at=Subquery(counted_at))
        .filter(slug=slug)
        .first()
    )


def round_count(*, round_: Round) -> Count | None:
    """The round's stored count (one query), or None before the first count."""
    return Count.objects.filter(round=round_).first()


def items_of(*, round_: Round) -> list[Item]:
    """The round's items in their order, with their clusters (one query)."""
    return list(
        Item.objects.filter(round=round_).select_related("cluster").order_by("position", "pk")
    )


def tracks_of(round_: Round) -> list[str]:
    """The round's tracks, groups first."""
    tracks = []
    if round_.group_track:
        tracks.append(Ballot.Track.GROUP.value)
    if round_.individual_track:
        tracks.append(Ballot.Track.INDIVIDUAL.value)
    return tracks


def _identifiers(ranking: bytes | memoryview, identifiers: dict[int, str]) -> list[str]:
    """The identifiers of a ballot's items, first choice first; an item removed from the
    round since is left out, as the count leaves it out."""
    return [identifiers[pk] for pk in unpack_ranking(ranking) if pk in identifiers]


@dataclass(frozen=True)
class BallotRow:
    """A ballot as published: under its opaque id, with the group's name for a group's
    ballot and nothing of the person who cast an individual one."""

    public_id: str
    track: str
    group: str
    kind: str
    region: str
    items: list[str]


BALLOT_FIELDS = (
    "public_id",
    "track",
    "group__name",
    "group__category",
    "group__region",
    "region",
    "ranking",
)


def ballot_rows_queryset(*, round_: Round) -> QuerySet[Ballot, tuple[Any, ...]]:
    """The round's ballots in the order they were cast, as the tuples `ballot_row` reads."""
    return Ballot.objects.filter(round=round_).order_by("pk").values_list(*BALLOT_FIELDS)


def ballot_row(values: tuple[Any, ...], identifiers: dict[int, str]) -> BallotRow:
    public_id, track, group, kind, group_region, region, ranking = values
    return BallotRow(
        public_id=public_id,
        track=track,
        group=group or "",
        kind=kind or "",
        region=region or group_region or "",
        items=_identifiers(ranking, identifiers),
    )


def ballot_rows(*, round_: Round, identifiers: dict[int, str]) -> Iterator[BallotRow]:
    """Every ballot of the round, streamed (one query, read in chunks)."""
    for values in ballot_rows_queryset(round_=round_).iterator(chunk_size=CHUNK):
        yield ballot_row(values, identifiers)


@dataclass(frozen=True)
class Submission:
    """A group's submission: who took part in its discussion and its priorities in order,
    each with its reason."""

    group: str
    organization: str
    kind: str
    region: str
    language: str
    participants: int | None
    place: str
    when: str
    notes_url: str
    event_slug: str
    missing: str
    priorities: list[tuple[str, str]]  # (item identifier, reason), first choice first


SUBMISSION_FIELDS = (
    "group__name",
    "group__organization__slug",
    "group__category",
    "group__region",
    "group__language",
    "participants",
    "discussion_place",
    "discussion_when",
    "notes_url",
    "event__slug",
    "missing",
    "reasons",
    "ranking",
)


def submissions(*, round_: Round, identifiers: dict[int, str]) -> Iterator[Submission]:
    """The group submissions of the round by the group's name (one query, streamed). They
    are public at all times."""
    rows = (
        Ballot.objects.filter(round=round_, track=Ballot.Track.GROUP)
        .order_by("group__name", "pk")
        .values_list(*SUBMISSION_FIELDS)
    )
    for values in rows.iterator(chunk_size=CHUNK):
        (
            group,
            organization,
            kind,
            region,
            language,
            participants,
            place,
            when,
            notes_url,
            event_slug,
            missing,
            reasons,
            ranking,
        ) = values
        reasons = reasons if isinstance(reasons, dict) else {}
        items = _identifiers(ranking, identifiers)
        yield Submission(
            group=group,
            organization=organization or "",
            kind=kind,
            region=region,
            language=language,
            participants=participants,
            place=place,
            when=when,
            notes_url=notes_url,
            event_slug=event_slug or "",
            missing=missing,
            priorities=[(item, str(reasons.get(item, ""))) for item in items],
        )
