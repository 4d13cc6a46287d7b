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
from django.db import connection, transaction
from django.utils import timezone

from . import counting
from .models import Ballot, Cluster, Count, Group, Item, Round

Label = tuple[str, str, str]  # track, region ("" when unknown), kind of group ("" if none)


@dataclass(frozen=True)
class BallotMatrix:
    """Every ballot of a round (or of one track) as arrays, one row per ballot, in the
    order of the ballots' ids."""

    rankings: npt.NDArray[np.int32]  # n_ballots × K item columns, -1 padding
    groups: npt.NDArray[np.int64]  # each ballot's index in `labels`
    labels: list[Label]  # the ballot's region, else its group's; the group's category
    identifiers: list[str]  # the items, in the round's order: column j is identifiers[j]

    def _column(self, index: int) -> npt.NDArray[np.object_]:
        return np.array([label[index] for label in self.labels] or [""], dtype=object)[self.groups]

    @property
    def tracks(self) -> npt.NDArray[np.object_]:
        return self._column(0)

    @property
    def regions(self) -> npt.NDArray[np.object_]:
        return self._column(1)

    @property
    def kinds(self) -> npt.NDArray[np.object_]:
        return self._column(2)


Read = tuple[npt.NDArray[np.int32], npt.NDArray[np.int64], list[Label]]


def round_items(round_: Round) -> list[Item]:
    """The round's items in their order, which is the order of the matrix's columns."""
    return list(Item.objects.filter(round=round_).order_by("position", "pk"))


def _columns_of(items: list[Item]) -> npt.NDArray[np.int32]:
    """A lookup from item pk to the item's column; -1 for what is not an item of the round,
    and in the last place, where every id out of range is sent."""
    largest = max((item.pk for item in items), default=0)
    columns = np.full(largest + 2, -1, dtype=np.int32)
    columns[[item.pk for item in items]] = np.arange(len(items), dtype=np.int32)
    return columns


def _to_columns(
    ids: npt.NDArray[np.int32], columns: npt.NDArray[np.int32]
) -> npt.NDArray[np.int32]:
    """Item pks to columns; an id that is no longer an item of the round leaves a hole (-1)."""
    return columns[np.clip(ids, -1, len(columns) - 1)]


def _unpack(
    packed: bytes, lengths: npt.NDArray[np.int64], columns: npt.NDArray[np.int32]
) -> npt.NDArray[np.int32]:
    """Rankings packed one after the other (little-endian int32 item ids; `lengths` items
    each) to a matrix of item columns padded with -1, without a loop over ballots."""
    width = int(lengths.max()) if len(lengths) else 0
    matrix = np.full((len(lengths), max(width, 1)), -1, dtype=np.int32)
    total = int(lengths.sum())
    if total == 0:
        return matrix
    cells = _to_columns(np.frombuffer(packed, dtype="<i4"), columns)
    # The listed cells of the matrix, row after row, are the packed ids in their order.
    matrix[np.arange(matrix.shape[1])[None, :] < lengths[:, None]] = cells
    return matrix


# PostgreSQL joins the rankings, and each ballot's id and length (int8send and int2send:
# big-endian), into one bytea each per track, region and kind: a few rows whatever the
# number of ballots, unpacked by NumPy without a loop. Both aggregates read the rows in the
# same order; NumPy then puts the ballots in the order of their ids.
_AGGREGATE = """
SELECT b.track, b.region, coalesce(g.region, ''), coalesce(g.category, ''),
    string_agg(b.ranking, ''::bytea),
    string_agg(int8send(b.id) || int2send((octet_length(b.ranking) / 4)::int2), ''::bytea)
FROM {ballot} b LEFT JOIN {group} g ON g.id = b.group_id
WHERE b.round_id = %s {track}
GROUP BY 1, 2, 3, 4
"""
_ID_AND_LENGTH = np.dtype([("id", ">i8"), ("length", ">i2")])


def _ballots_postgresql(round_: Round, track: str | None, columns: npt.NDArray[np.int32]) -> Read:
    sql = _AGGREGATE.format(
        ballot=connection.ops.quote_name(Ballot._meta.db_table),
        group=connection.ops.quote_name(Group._meta.db_table),
        track="AND b.track = %s" if track is not None else "",
    )
    import psycopg  # noqa: PLC0415 - PostgreSQL only

    connection.ensure_connection()
    # psycopg's binary format (server-side binding, in Django's connection and transaction):
    # the bytes as they are, not twice as many in hex.
    with psycopg.Cursor(connection.connection) as cursor:
        params: list[int | str] = [round_.pk] if track is None else [round_.pk, track]
        cursor.execute(sql, params, binary=True)
        rows = cursor.fetchall()
    if not rows:
        return np.full((0, 1), -1, dtype=np.int32), np.zeros(0, dtype=np.int64), []
    meta = [np.frombuffer(bytes(row[5]), dtype=_ID_AND_LENGTH) for row in rows]
    records = np.concatenate(meta)
    order = np.argsort(records["id"], kind="stable")  # the ballots by id
    packed = b"".join(bytes(row[4]) for row in rows)
    rankings = _unpack(packed, records["length"].astype(np.int64), columns)[order]
    groups = np.repeat(np.arange(len(rows)), [len(part) for part in meta])[order]
    return rankings, groups, [(row[0], row[1] or row[2], row[3]) for row in rows]


def _ballots_rows(round_: Round, track: str | None, columns: npt.NDArray[np.int32]) -> Read:
    ballots = Ballot.objects.filter(round=round_)
    if track is not None:
        ballots = ballots.filter(track=track)
    rows = list(
        ballots.order_by("pk").values_list(
            "ranking", "track", "region", "group__region", "group__category"
        )
    )
    lengths = np.array([len(row[0]) // 4 for row in rows], dtype=np.int64)
    index: dict[Label, int] = {}
    groups = np.array(
        [
            index.setdefault((row[1], row[2] or row[3] or "", row[4] or ""), len(index))
            for row in rows
        ],
        dtype=np.int64,
    )
    return _unpack(b"".join(row[0] for row in rows), lengths, columns), groups, list(index)


def ballot_matrix(round_: Round, track: str | None = None) -> BallotMatrix:
    """Every ballot of the round (or of `track`), in the order of their ids, in two
    queries: the items, then the ballots (on PostgreSQL aggregated into a few rows of
    bytes, elsewhere one row per ballot)."""
    items = round_items(round_)
    columns = _columns_of(items)
    read = _ballots_postgresql if connection.vendor == "postgresql" else _ballots_rows
    rankings, groups, labels = read(round_, track, columns)
    return BallotMatrix(
        rankings=rankings,
        groups=groups,
        labels=labels,
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
        groups=matrix.groups,
        labels=matrix.labels,
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
