"""Counting the ballots of a round: pure NumPy and SciPy, no Django.

A ballot is a row of `rankings`, an `n_ballots × K` array of item column indices (0 .. n-1,
in the round's item order), first choice first, padded with -1 when the ballot lists fewer
than K items. Every item a ballot does not list counts as tied below all those it lists. In
the "choose up to K without order" form (`ordered=False`) the items a ballot lists tie
among themselves, above the others.

Every method starts from the support matrix: s(a, b) = the number of ballots ranking a
above b. The rules each function applies are written in its documentation, in words the
results page can repeat, so that anyone can recompute the result from the raw data.

`count_json` puts everything together in the stored form the result pages, the report,
the API and the downloads read (`Count.data`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import optimize, sparse

IntArray = npt.NDArray[np.int64]
Tiers = list[list[int]]

FORMAT = 1
# Above this many items exact Kemeny-Young is not attempted: the integer program has
# n(n-1)/2 variables and up to n(n-1)(n-2)/3 constraints (68,440 at 60 items).
KEMENY_MAX_ITEMS = 60
KEMENY_SECONDS = 10.0
RESAMPLES = 1000
# Resamples drawn at once in the bootstrap: at most 100, and at most 4,000,000 draws (32 MB
# of indices, as much again of counts), so a large round does not take gigabytes.
_BOOTSTRAP_CHUNK = 100
_BOOTSTRAP_DRAWS = 4_000_000


# --- The support matrix and the scores read from it -----------------------------------


def _as_rankings(rankings: npt.ArrayLike) -> npt.NDArray[np.int64]:
    array = np.asarray(rankings, dtype=np.int64)
    if array.ndim != 2:
        array = array.reshape(len(array), -1)
    return array


def approval(rankings: npt.ArrayLike, n_items: int) -> IntArray:
    """Approval: how many ballots list each item, whatever its place."""
    array = _as_rankings(rankings)
    flat = array.ravel()
    flat = np.where(flat >= 0, flat, n_items)
    return np.bincount(flat, minlength=n_items + 1)[:n_items].astype(np.int64)


def support_matrix(rankings: npt.ArrayLike, n_items: int, *, ordered: bool = True) -> IntArray:
    """s(a, b): the number of ballots ranking a above b (s(a, a) = 0).

    A ballot ranks a above b when it lists both with a first (ranked form only), or when it
    lists a and not b: unlisted items tie below every listed one, and items listed on a
    "choose" ballot tie among themselves.

    Counted without a loop over ballots: for each position i, one `bincount` of
    a·(n + 1) + b over the items b in the later positions gives how often a stood above b;
    "a listed, b not" is then approval(a) minus the ballots listing both.
    """
    array = _as_rankings(rankings)
    n = n_items
    side = n + 1  # an extra item, n, stands for padding and holes; its row and column dropped
    items = np.where(array >= 0, array, n)
    above = np.zeros(side * side, dtype=np.int64)
    for i in range(items.shape[1] - 1):
        codes = items[:, i : i + 1] * side + items[:, i + 1 :]
        above += np.bincount(codes.ravel(), minlength=side * side)
    over = above.reshape(side, side)[:n, :n].copy()
    np.fill_diagonal(over, 0)
    both = over + over.T  # ballots listing both a and b
    listed = approval(array, n)
    s = listed[:, None] - both  # a listed, b not
    if ordered:
        s += over
    np.fill_diagonal(s, 0)
    return s


def borda(support: npt.ArrayLike) -> IntArray:
    """Borda: B(a) = the sum over every other item b of s(a, b), i.e. on each ballot one
    point for every item a is ranked above."""
    return np.asarray(support, dtype=np.int64).sum(axis=1)


def copeland(support: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Copeland: for each item, the number of other items it beats in their pairwise contest
    (s(a, b) > s(b, a)) plus one half for each contest it ties (s(a, b) = s(b, a))."""
    s = np.asarray(support, dtype=np.int64)
    wins = (s > s.T).sum(axis=1)
    ties = (s == s.T).sum(axis=1) - 1  # not against itself
    return wins + 0.5 * ties


def scores_to_tiers(scores: npt.ArrayLike) -> Tiers:
    """Items from the highest score to the lowest; items of equal score share a tier
    (within a tier, in the round's item order)."""
    values = np.asarray(scores)
    order = sorted(range(len(values)), key=lambda item: (-values[item], item))
    tiers: Tiers = []
    for item in order:
        if tiers and values[tiers[-1][0]] == values[item]:
            tiers[-1].append(item)
        else:
            tiers.append([item])
    return tiers


def _tiers_of_relation(beats: npt.NDArray[np.bool_]) -> Tiers:
    """Tiers of a strict partial order given as a boolean matrix (beats[a, b]: a above b):
    each tier is the items no remaining item is above."""
    remaining = list(range(len(beats)))
    tiers: Tiers = []
    while remaining:
        sub = beats[np.ix_(remaining, remaining)]
        beaten = np.asarray(sub.any(axis=0)).tolist()
        top = [item for item, above in zip(remaining, beaten, strict=True) if not above]
        if not top:  # not a partial order (cannot happen for the relations built here)
            top = remaining
        tiers.append(top)
        remaining = [item for item in remaining if item not in top]
    return tiers


# --- Condorcet methods -----------------------------------------------------------------


def schulze_strengths(support: npt.ArrayLike) -> IntArray:
    """p(a, b): the strength of the strongest path from a to b, where a link a → b exists
    when s(a, b) > s(b, a) and its strength is s(a, b) (winning votes), and a path is as
    strong as its weakest link (Floyd–Warshall, one vectorized step per item)."""
    s = np.asarray(support, dtype=np.int64)
    p = np.where(s > s.T, s, 0)
    np.fill_diagonal(p, 0)
    for k in range(len(p)):
        p = np.maximum(p, np.minimum(p[:, k : k + 1], p[k : k + 1, :]))
    np.fill_diagonal(p, 0)
    return p


def schulze(support: npt.ArrayLike) -> Tiers:
    """Schulze (winning votes): a is above b when the strongest path from a to b is
    stronger than the strongest path from b to a (`schulze_strengths`). This relation is
    transitive; the first tier is the items no other item is above, the next tier the
    items only those are above, and so on. Items in one tier are tied."""
    p = schulze_strengths(support)
    return _tiers_of_relation(p > p.T)


def _lock(reach: npt.NDArray[np.bool_], above: int, below: int) -> None:
    """Add the pair above → below to `reach`, a transitive closure, keeping it one: whatever
    reaches `above` (and `above` itself) now reaches whatever `below` reaches (and `below`)."""
    sources = reach[:, above].copy()
    sources[above] = True
    targets = reach[below, :].copy()
    targets[below] = True
    reach |= np.outer(sources, targets)


def ranked_pairs(support: npt.ArrayLike) -> Tiers:
    """Ranked pairs (Tideman), by margins: every pair whose margin s(a, b) − s(b, a) is
    positive is taken from the largest margin to the smallest and locked in (a above b)
    unless it would close a cycle with the pairs locked before it.

    Pairs of equal margin are taken together, so the result never depends on the order the
    items are listed in: each is first checked against the pairs locked before them; those
    that pass are locked at once, except every one of them that lies on a cycle with the
    others, which are all skipped. Pairs of zero margin are never locked.

    The first tier is the items no locked pair puts anything above, the next those only
    the first tier is above, and so on; items in one tier are tied.
    """
    s = np.asarray(support, dtype=np.int64)
    n = len(s)
    margins = s - s.T
    reach = np.zeros((n, n), dtype=bool)  # a reaches b through locked pairs
    winners, losers = np.nonzero(margins > 0)
    values = margins[winners, losers]
    order = np.argsort(-values, kind="stable")
    winners, losers, values = winners[order], losers[order], values[order]
    bounds = np.flatnonzero(np.diff(values)) + 1
    for group in np.split(np.arange(len(values)), bounds):
        passing = [
            (int(winners[index]), int(losers[index]))
            for index in group
            if not reach[losers[index], winners[index]]
        ]
        if len(passing) > 1:
            trial = reach.copy()
            for above, below in passing:
                _lock(trial, above, below)
            passing = [(above, below) for above, below in passing if not trial[below, above]]
        for above, below in passing:
            _lock(reach, above, below)
    return _tiers_of_relation(reach)


def _cyclic_triples(above: npt.NDArray[np.bool_]) -> IntArray:
    """The triples a < b < c an order of pairs (`above`, a tournament) puts in a cycle."""
    cycle = above[:, :, None] & above[None, :, :] & above.T[:, None, :]
    a, b, c = np.nonzero(cycle)  # a above b above c above a, each cycle three times
    return np.unique(np.sort(np.stack([a, b, c], axis=1), axis=1), axis=0)


def _no_cycle_constraints(
    triples: IntArray, variable: IntArray, size: int
) -> optimize.LinearConstraint:
    """For each triple a < b < c, both cycles forbidden (x_ab + x_bc + x_ca ≤ 2 written with
    x_ca = 1 − x_ac): x_ab + x_bc − x_ac ≤ 1 and x_ac − x_ab − x_bc ≤ 0."""
    a, b, c = triples[:, 0], triples[:, 1], triples[:, 2]
    ab, bc, ac = variable[a, b], variable[b, c], variable[a, c]
    count = len(triples)
    rows = np.concatenate([np.arange(count)] * 3 + [np.arange(count, 2 * count)] * 3)
    cols = np.concatenate([ab, bc, ac, ab, bc, ac])
    signs = np.repeat([1.0, 1.0, -1.0, -1.0, -1.0, 1.0], count)
    matrix = sparse.csr_array((signs, (rows, cols)), shape=(2 * count, size))
    upper = np.concatenate([np.ones(count), np.zeros(count)])
    return optimize.LinearConstraint(matrix, -np.inf, upper)


@dataclass(frozen=True)
class KemenyResult:
    tiers: Tiers | None
    status: str  # "optimal", "time_limit" or "too_large"


def kemeny(
    support: npt.ArrayLike,
    *,
    time_limit: float = KEMENY_SECONDS,
    max_items: int = KEMENY_MAX_ITEMS,
) -> KemenyResult:
    """Kemeny–Young, exactly: the order of all items that agrees with the ballots on the
    most pairs, i.e. maximizes the sum of s(a, b) over the pairs it puts a above b.

    Solved as an integer program with SciPy's HiGHS (`scipy.optimize.milp`): a binary x_ab
    for each pair a < b (1: a above b; x_ba = 1 − x_ab), two constraints per triple a < b < c
    forbidding both cycles (x_ab + x_bc + x_ca ≤ 2), maximizing the sum of
    (s(a, b) − s(b, a)) · x_ab. The constraints are added as they are needed: first every
    pair as its majority has it, then, while the answer has a cycle, the cycles found are
    forbidden and HiGHS solves again (an answer without a cycle that is optimal with some
    of the constraints is optimal with all). The answer is one optimal order; items next to each other in
    it whose every pairwise margin is zero are shown as a tier (swapping them gives an
    equally good order). Status "time_limit" when HiGHS did not prove an order optimal
    within `time_limit` seconds, "too_large" above `max_items` items: no order then.
    """
    s = np.asarray(support, dtype=np.int64)
    n = len(s)
    if n > max_items:
        return KemenyResult(None, "too_large")
    if n <= 1:
        return KemenyResult([list(range(n))] if n else [], "optimal")
    deadline = time.monotonic() + time_limit
    margins = s - s.T
    first, second = np.triu_indices(n, k=1)
    variable = np.full((n, n), -1, dtype=np.int64)
    variable[first, second] = np.arange(len(first))
    objective = -margins[first, second].astype(np.float64)
    # Without the constraints the best is every pair as its majority has it; when that has
    # no cycle it is optimal. Else the cycles found are forbidden and HiGHS solves again,
    # until its answer has none: optimal for the whole program, found with few constraints.
    x = margins[first, second] > 0
    forbidden = np.empty((0, 3), dtype=np.int64)
    while True:
        above = np.zeros((n, n), dtype=bool)
        above[first[x], second[x]] = True
        above[second[~x], first[~x]] = True
        cycles = _cyclic_triples(above)
        if not len(cycles):
            break
        forbidden = np.unique(np.concatenate([forbidden, cycles]), axis=0)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return KemenyResult(None, "time_limit")
        result = optimize.milp(
            objective,
            integrality=np.ones(len(first)),
            bounds=optimize.Bounds(0, 1),
            constraints=[_no_cycle_constraints(forbidden, variable, len(first))],
            options={"time_limit": remaining, "disp": False},
        )
        if result.status != 0 or result.x is None:
            return KemenyResult(None, "time_limit")
        x = np.rint(result.x).astype(bool)
    order = sorted(range(n), key=lambda item: (-int(above[item].sum()), item))
    tiers: Tiers = []
    for item in order:
        if tiers and all(margins[item, other] == 0 for other in tiers[-1]):
            tiers[-1].append(item)
        else:
            tiers.append([item])
    for tier in tiers:
        tier.sort()
    return KemenyResult(tiers, "optimal")


# --- Comparing orders --------------------------------------------------------------------


def tier_ranks(tiers: Sequence[Sequence[int]], n_items: int) -> npt.NDArray[np.int64]:
    """Each item's tier index; items missing from the tiers share a last tier."""
    ranks = np.full(n_items, len(tiers), dtype=np.int64)
    for index, tier in enumerate(tiers):
        ranks[list(tier)] = index
    return ranks


def kendall_tau_b(
    first: Sequence[Sequence[int]], second: Sequence[Sequence[int]], n_items: int
) -> float | None:
    """Kendall's tau-b between two orders given as tiers: (C − D) / √((P − T₁)(P − T₂)),
    with C the pairs of items both orders put the same way, D those they put opposite ways,
    P all pairs, T₁ and T₂ the pairs each order ties. 1 when they agree, −1 when one is the
    other reversed. When an order ties every item tau-b is undefined: 1 if both orders are
    the same (they agree), None otherwise."""
    x = tier_ranks(first, n_items)
    y = tier_ranks(second, n_items)
    a, b = np.triu_indices(n_items, k=1)
    dx = np.sign(x[a] - x[b])
    dy = np.sign(y[a] - y[b])
    pairs = len(a)
    tied_x = int((dx == 0).sum())
    tied_y = int((dy == 0).sum())
    denominator = math.sqrt((pairs - tied_x) * (pairs - tied_y))
    if denominator == 0:
        return 1.0 if (x == y).all() else None
    return float((dx * dy).sum()) / denominator


def agreement(
    orders: Mapping[str, Sequence[Sequence[int]] | None], n_items: int
) -> dict[str, dict[str, float | None]]:
    """Kendall's tau-b between every two methods' orders (rounded to 3 decimals), symmetric,
    1.0 on the diagonal; methods without an order (Kemeny not computed) are left out."""
    present = {name: tiers for name, tiers in orders.items() if tiers is not None}
    table: dict[str, dict[str, float | None]] = {name: {} for name in present}
    for name, tiers in present.items():
        for other, other_tiers in present.items():
            if other == name:
                table[name][other] = 1.0
            elif other in table and name in table[other]:
                table[name][other] = table[other][name]
            else:
                tau = kendall_tau_b(tiers, other_tiers, n_items)
                table[name][other] = None if tau is None else round(tau, 3)
    return table


# --- Stability ---------------------------------------------------------------------------


def _borda_points(
    rankings: npt.ArrayLike, n_items: int, *, ordered: bool = True
) -> tuple[IntArray, IntArray, IntArray]:
    """Each listed cell's ballot, item and Borda points (see `borda_contributions`)."""
    array = _as_rankings(rankings)
    listed_cells = array >= 0
    if ordered:
        # A listed item's place: how many listed items come before it (holes skipped).
        values = n_items - np.cumsum(listed_cells, axis=1)
    else:
        values = np.broadcast_to((n_items - listed_cells.sum(axis=1))[:, None], array.shape)
    ballots, places = np.nonzero(listed_cells)
    return ballots, array[ballots, places], np.asarray(values)[ballots, places]


def borda_contributions(
    rankings: npt.ArrayLike, n_items: int, *, ordered: bool = True
) -> npt.NDArray[np.float64]:
    """Each ballot's points toward Borda (n_ballots × n_items): on a ranked ballot listing L
    items, the item in place p (0 first) is above n − 1 − p items; on a "choose" ballot each
    listed item is above the n − L unlisted ones; unlisted items get nothing. Their column
    sums are `borda(support_matrix(...))`."""
    array = _as_rankings(rankings)
    points = np.zeros((len(array), n_items), dtype=np.float64)
    ballots, items, values = _borda_points(array, n_items, ordered=ordered)
    points[ballots, items] = values
    return points


def stability(
    rankings: npt.ArrayLike,
    n_items: int,
    *,
    ordered: bool = True,
    top: int = 5,
    resamples: int = RESAMPLES,
    seed: int = 0,
) -> npt.NDArray[np.float64]:
    """Bootstrap: `resamples` times, draw as many ballots as there are, with replacement
    (NumPy's `default_rng(seed)`, so the same ballots give the same figures), count Borda
    on the drawn ballots, and note which items are in the top `top`: those with fewer than
    `top` items strictly above them (so ties at the edge are all in). Returns, for each
    item, the share of resamples in which it was in the top.

    A resample draws its ballots' indices with `rng.integers(0, n_ballots)`; its Borda is
    how often it drew each ballot (one `bincount` per chunk of resamples) times each
    ballot's Borda points (`borda_contributions`, kept sparse: one product per chunk, in
    integers, on one core). Chunks of min(100, 4,000,000 // n_ballots) resamples (at least
    one), each drawn as one `(chunk, n_ballots)` call; the ballots in the order of their ids.
    """
    array = _as_rankings(rankings)
    count = len(array)
    if count == 0 or resamples <= 0:
        return np.zeros(n_items, dtype=np.float64)
    if top >= n_items:
        return np.ones(n_items, dtype=np.float64)
    ballots, items, values = _borda_points(array, n_items, ordered=ordered)
    # items × ballots: scipy's sparse product runs on one core, where a dense one in
    # OpenBLAS spreads over threads that spin when others hold the cores.
    points = sparse.csr_array((values.astype(np.int64), (items, ballots)), shape=(n_items, count))
    rng = np.random.default_rng(seed)
    in_top = np.zeros(n_items, dtype=np.int64)
    done = 0
    while done < resamples:
        chunk = min(_BOOTSTRAP_CHUNK, max(1, _BOOTSTRAP_DRAWS // count), resamples - done)
        picks = rng.integers(0, count, size=(chunk, count))
        picks += np.arange(chunk)[:, None] * count  # one block of counts per resample
        drawn = np.bincount(picks.ravel(), minlength=chunk * count).reshape(chunk, count)
        scores = np.asarray(points @ np.ascontiguousarray(drawn.T)).T  # chunk × items
        edge = -np.partition(-scores, top - 1, axis=1)[:, top - 1 : top]
        in_top += (scores >= edge).sum(axis=0)
        done += chunk
    return in_top / resamples


# --- The stored count ----------------------------------------------------------------------


def _by_id(identifiers: Sequence[str], values: npt.ArrayLike) -> dict[str, Any]:
    return {
        identifier: (value.item() if hasattr(value, "item") else value)
        for identifier, value in zip(identifiers, np.asarray(values).tolist(), strict=True)
    }


def _named(identifiers: Sequence[str], tiers: Tiers | None) -> list[list[str]] | None:
    if tiers is None:
        return None
    return [[identifiers[item] for item in tier] for tier in tiers]


@dataclass(frozen=True)
class Sums:
    """What every method but the bootstrap reads from a set of ballots. It adds up: the sums
    of a track are those of its regions added, those of all ballots those of the tracks."""

    ballots: int
    support: IntArray
    approval: IntArray

    @classmethod
    def of(cls, rankings: npt.ArrayLike, n_items: int, *, ordered: bool = True) -> Sums:
        array = _as_rankings(rankings)
        return cls(
            len(array), support_matrix(array, n_items, ordered=ordered), approval(array, n_items)
        )

    def __add__(self, other: Sums) -> Sums:
        return Sums(
            self.ballots + other.ballots,
            self.support + other.support,
            self.approval + other.approval,
        )


def tally_json(
    rankings: npt.ArrayLike,
    identifiers: Sequence[str],
    *,
    ordered: bool,
    top: int = 5,
    resamples: int = RESAMPLES,
    seed: int = 0,
    kemeny_seconds: float = KEMENY_SECONDS,
    sums: Sums | None = None,
) -> dict[str, Any]:
    """One track's full result (TALLY of the stored count): every method, the agreement
    between their orders and the bootstrap stability of the top `top`. `sums`, when given,
    are the ballots' (`Sums.of(rankings, ...)`), counted before."""
    array = _as_rankings(rankings)
    n = len(identifiers)
    sums = sums or Sums.of(array, n, ordered=ordered)
    s = sums.support
    approvals = sums.approval
    bordas = borda(s)
    copelands = copeland(s)
    schulze_tiers = schulze(s)
    pairs_tiers = ranked_pairs(s)
    exact = kemeny(s, time_limit=kemeny_seconds)
    orders: dict[str, Tiers | None] = {
        "approval": scores_to_tiers(approvals),
        "borda": scores_to_tiers(bordas),
        "copeland": scores_to_tiers(copelands),
        "schulze": schulze_tiers,
        "ranked_pairs": pairs_tiers,
        "kemeny": exact.tiers,
    }
    shares = stability(array, n, ordered=ordered, top=top, resamples=resamples, seed=seed)
    return {
        "ballots": sums.ballots,
        "support": s.tolist(),
        "approval": _by_id(identifiers, approvals),
        "borda": _by_id(identifiers, bordas),
        "copeland": _by_id(identifiers, copelands),
        "schulze": _named(identifiers, schulze_tiers),
        "ranked_pairs": _named(identifiers, pairs_tiers),
        "kemeny": _named(identifiers, exact.tiers),
        "kemeny_status": exact.status,
        "orders": {
            name: _named(identifiers, orders[name]) for name in ("approval", "borda", "copeland")
        },
        "agreement": agreement(orders, n),
        "stability": {
            "top": top,
            "resamples": resamples,
            "shares": _by_id(identifiers, np.round(shares, 3)),
        },
    }


def brief_json(
    rankings: npt.ArrayLike | None,
    identifiers: Sequence[str],
    *,
    ordered: bool,
    sums: Sums | None = None,
) -> dict[str, Any]:
    """A region's or kind's ballots (BRIEF of the stored count): approval, Borda, Schulze;
    from `sums` when given (then `rankings` may be None)."""
    if sums is None:
        if rankings is None:
            raise ValueError("brief_json needs the ballots or their sums")
        sums = Sums.of(rankings, len(identifiers), ordered=ordered)
    return {
        "ballots": sums.ballots,
        "approval": _by_id(identifiers, sums.approval),
        "borda": _by_id(identifiers, borda(sums.support)),
        "schulze": _named(identifiers, schulze(sums.support)),
    }


@dataclass(frozen=True)
class ClusterSpec:
    code: str
    name: str
    items: Sequence[int]  # column indices


def clusters_json(
    rankings: npt.ArrayLike,
    identifiers: Sequence[str],
    clusters: Sequence[ClusterSpec],
    tally: Mapping[str, Any],
) -> dict[str, Any]:
    """Per cluster: its items, the ballots listing any of them, the sum of their Borda
    scores, and the Schulze tier (0 first) of its best item."""
    array = _as_rankings(rankings)
    n = len(identifiers)
    tier_of = {item: index for index, tier in enumerate(tally["schulze"]) for item in tier}
    result: dict[str, Any] = {}
    for cluster in clusters:
        members = np.zeros(n + 1, dtype=bool)
        members[list(cluster.items)] = True
        listing = np.zeros(len(array), dtype=bool)
        if array.size:
            listing = np.asarray(members[np.where(array >= 0, array, n)].any(axis=1))
        ids = [identifiers[item] for item in cluster.items]
        result[cluster.code] = {
            "name": cluster.name,
            "items": ids,
            "approval": int(np.count_nonzero(listing)),
            "borda": int(sum(tally["borda"][identifier] for identifier in ids)),
            "best_tier": min((tier_of[identifier] for identifier in ids), default=None),
        }
    return result


def count_json(
    rankings: npt.ArrayLike,
    *,
    identifiers: Sequence[str],
    groups: npt.ArrayLike,
    labels: Sequence[tuple[str, str, str]],
    round_tracks: Sequence[str],
    ordered: bool,
    max_items: int,
    seed: int,
    top: int = 5,
    resamples: int = RESAMPLES,
    kemeny_seconds: float = KEMENY_SECONDS,
    clusters: Sequence[ClusterSpec] = (),
) -> dict[str, Any]:
    """The whole stored count (`Count.data`, format 1) from every ballot of a round.

    Ballot i belongs to `labels[groups[i]]`: its track ("group" or "individual"), its
    region ("" when unknown) and its group's kind ("" for individuals). `round_tracks` are
    the tracks the round has; with both, a tally of "all" ballots is added. Results by
    region and by kind are per track (kinds for groups only); clusters per tally.
    """
    array = _as_rankings(rankings)
    group_of = np.asarray(groups, dtype=np.int64)
    names = list(round_tracks)
    if len(names) > 1:
        names.append("all")
    tallies: dict[str, Any] = {}
    by_region: dict[str, Any] = {}
    by_kind: dict[str, Any] = {}
    cluster_results: dict[str, Any] = {}
    n = len(identifiers)
    nothing = Sums.of(array[:0], n, ordered=ordered)
    totals: dict[str, Sums] = {}

    def having(subset: npt.NDArray[np.int64], part: int, value: str) -> npt.NDArray[np.bool_]:
        """Which of `subset` (indices in `labels`) have `value` as part `part` of their label."""
        return np.isin(
            subset, [index for index, label in enumerate(labels) if label[part] == value]
        )

    for name in names:
        if name == "all":
            ballots = array
            sums = sum(totals.values(), nothing)
        else:
            chosen = having(group_of, 0, name)
            ballots, here = array[chosen], group_of[chosen]
            # Each region counted once: the track's sums are theirs added up.
            regions = {
                region: Sums.of(
                    ballots[having(here, 1, region)],
                    n,
                    ordered=ordered,
                )
                for region in sorted({labels[index][1] for index in np.unique(here)})
            }
            sums = sum(regions.values(), nothing)
            totals[name] = sums
            by_region[name] = {
                region: brief_json(None, identifiers, ordered=ordered, sums=region_sums)
                for region, region_sums in regions.items()
                if region
            }
            if name == "group":
                by_kind[name] = {
                    kind: brief_json(
                        ballots[having(here, 2, kind)],
                        identifiers,
                        ordered=ordered,
                    )
                    for kind in sorted({labels[index][2] for index in np.unique(here)} - {""})
                }
        tally = tally_json(
            ballots,
            identifiers,
            ordered=ordered,
            top=top,
            resamples=resamples,
            seed=seed,
            kemeny_seconds=kemeny_seconds,
            sums=sums,
        )
        tallies[name] = tally
        if clusters:
            cluster_results[name] = clusters_json(ballots, identifiers, clusters, tally)
    return {
        "format": FORMAT,
        "items": list(identifiers),
        "ballot_form": "ranked" if ordered else "choose",
        "max_items": max_items,
        "seed": seed,
        "tracks": tallies,
        "by_region": by_region,
        "by_kind": by_kind,
        "clusters": cluster_results,
    }
