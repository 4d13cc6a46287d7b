"""Counting a round from the database: every ballot read as one column of packed bytes,
counted by `counting`, and stored as the round's one `Count` row, which the result pages,
the report, the API and the downloads read (its format: `counting.count_json`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import counting
from .models import Ballot, Cluster, Count, Item, Round


@dataclass(frozen=True)
class BallotMatrix:
    """Every ballot of a round (or of one track) as arrays, one row per ballot."""

    rankings: npt.NDArray[np.int32]  # n_ballots × K item columns, -1 padding
    tracks: npt.NDArray[np.str_]
    regions: npt.NDArray[np.str_]  # the ballot's region, else its group's; "" when unknown
    kinds: npt.NDArray[np.str_]  # the group's kind ("chapter", "community", ...); "" if none
    identifiers: list[str]  # the items, in the round's order: column j is identifiers[j]


def round_items(round_: Round) -> list[Item]:
    """The round's items in their order, which is the order of the matrix's columns."""
    return list(Item.objects.filter(round=round_).order_by("position", "pk"))


def _unpack(
    rows: list[bytes | memoryview], columns: npt.NDArray[np.int32]
) -> npt.NDArray[np.int32]:
    """Packed rankings (little-endian int32 item ids) to a padded matrix of item columns.
    An id that is no longer an item of the round (`columns` gives -1) leaves a hole."""
    lengths = np.fromiter((len(row) for row in rows), dtype=np.int64, count=len(rows)) // 4
    width = int(lengths.max()) if len(rows) else 0
    matrix = np.full((len(rows), max(width, 1)), -1, dtype=np.int32)
    total = int(lengths.sum())
    if total == 0:
        return matrix
    ids = np.frombuffer(b"".join(rows), dtype="<i4").astype(np.int64)
    known = (ids >= 0) & (ids < len(columns))
    cells = np.where(known, columns[np.where(known, ids, 0)], -1)
    starts = np.cumsum(lengths) - lengths
    row_of = np.repeat(np.arange(len(rows)), lengths)
    place = np.arange(total) - np.repeat(starts, lengths)
    matrix[row_of, place] = cells
    return matrix


def ballot_matrix(round_: Round, track: str | None = None) -> BallotMatrix:
    """Every ballot of the round (or of `track`) in two queries: the items, then the
    ballots' packed rankings with their track, region and group, unpacked at once."""
    items = round_items(round_)
    largest = max((item.pk for item in items), default=0)
    columns = np.full(largest + 1, -1, dtype=np.int32)
    columns[[item.pk for item in items]] = np.arange(len(items), dtype=np.int32)
    ballots = Ballot.objects.filter(round=round_)
    if track is not None:
        ballots = ballots.filter(track=track)
    rows = list(
        ballots.order_by().values_list(
            "ranking", "track", "region", "group__region", "group__category"
        )
    )
    packed = [row[0] for row in rows]
    return BallotMatrix(
        rankings=_unpack(packed, columns),
        tracks=np.array([row[1] for row in rows], dtype=str),
        regions=np.array([row[2] or row[3] or "" for row in rows], dtype=str),
        kinds=np.array([row[4] or "" for row in rows], dtype=str),
        identifiers=[item.identifier for item in items],
    )


def round_seed(round_: Round) -> int:
    """The bootstrap's seed: the day the round closes, as YYYYMMDD, so a recount of the
    same ballots gives the same figures."""
    return int(round_.closes_at.astimezone(UTC).strftime("%Y%m%d"))


def round_tracks(round_: Round) -> list[str]:
    tracks = []
    if round_.group_track:
        tracks.append(Ballot.Track.GROUP.value)
    if round_.individual_track:
        tracks.append(Ballot.Track.INDIVIDUAL.value)
    return tracks


def _cluster_specs(round_: Round, identifiers: list[str]) -> list[counting.ClusterSpec]:
    column = {identifier: index for index, identifier in enumerate(identifiers)}
    specs = []
    for cluster in Cluster.objects.filter(round=round_).prefetch_related("items"):
        members = sorted(
            column[item.identifier] for item in cluster.items.all() if item.identifier in column
        )
        specs.append(counting.ClusterSpec(code=cluster.code, name=cluster.name, items=members))
    return specs


@transaction.atomic
def round_count(round_: Round, *, now: datetime | None = None) -> Count:
    """Count every ballot of the round by every method and store the result as the round's
    `Count` (replacing the one before). Kemeny-Young gets `CONVENE_KEMENY_SECONDS` (10 by
    default) per tally; the bootstrap `CONVENE_BOOTSTRAP_RESAMPLES` (1,000) resamples."""
    now = now or timezone.now()
    # One count of a round at a time: a second waits, then counts what is there by then.
    Round.objects.select_for_update().filter(pk=round_.pk).first()
    matrix = ballot_matrix(round_)
    data = counting.count_json(
        matrix.rankings,
        identifiers=matrix.identifiers,
        tracks=matrix.tracks,
        regions=matrix.regions,
        kinds=matrix.kinds,
        round_tracks=round_tracks(round_),
        ordered=round_.is_ranked,
        max_items=round_.max_items,
        seed=round_seed(round_),
        top=round_.bootstrap_top,
        resamples=int(getattr(settings, "CONVENE_BOOTSTRAP_RESAMPLES", counting.RESAMPLES)),
        kemeny_seconds=float(getattr(settings, "CONVENE_KEMENY_SECONDS", counting.KEMENY_SECONDS)),
        clusters=_cluster_specs(round_, matrix.identifiers),
    )
    count, _created = Count.objects.update_or_create(
        round=round_,
        defaults={"counted_at": now, "ballots": len(matrix.rankings), "data": data},
    )
    return count


def count_for(round_: Round) -> Count | None:
    """The round's stored count, or None before its first."""
    return Count.objects.filter(round=round_).first()
