"""Properties of the counting methods on random profiles (seeded: the same every run)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convene.prioritization import counting


@st.composite
def ballots(draw):
    """A profile: n items, ballots of 0..K distinct items padded with -1."""
    n = draw(st.integers(min_value=1, max_value=8))
    width = draw(st.integers(min_value=1, max_value=n))
    count = draw(st.integers(min_value=0, max_value=25))
    rows = []
    for _ in range(count):
        listed = draw(st.permutations(range(n)))[: draw(st.integers(0, width))]
        rows.append(list(listed) + [-1] * (width - len(listed)))
    return n, np.array(rows, dtype=np.int32).reshape(count, width)


def naive_support(rankings: np.ndarray, n: int, ordered: bool) -> list[list[int]]:
    s = [[0] * n for _ in range(n)]
    for row in rankings.tolist():
        listed = [item for item in row if item >= 0]
        place = {item: index for index, item in enumerate(listed)}
        for a in range(n):
            for b in range(n):
                if a == b or a not in place:
                    continue
                if b not in place or (ordered and place[a] < place[b]):
                    s[a][b] += 1
    return s


@settings(max_examples=200, deadline=None, derandomize=True)
@given(ballots(), st.booleans())
def test_support_matrix_equals_a_naive_loop(profile, ordered):
    n, rankings = profile
    assert counting.support_matrix(rankings, n, ordered=ordered).tolist() == naive_support(
        rankings, n, ordered
    )


@settings(max_examples=200, deadline=None, derandomize=True)
@given(ballots(), st.booleans())
def test_borda_is_the_row_sums_and_the_ballots_points(profile, ordered):
    n, rankings = profile
    s = counting.support_matrix(rankings, n, ordered=ordered)
    assert counting.borda(s).tolist() == [sum(row) for row in s.tolist()]
    points = counting.borda_contributions(rankings, n, ordered=ordered)
    assert points.sum(axis=0).tolist() == counting.borda(s).tolist()
    listed = [sum(item in row for row in rankings.tolist()) for item in range(n)]
    assert counting.approval(rankings, n).tolist() == listed


def random_profile(seed: int) -> tuple[int, np.ndarray]:
    """Ballots leaning toward the first items, so that Condorcet winners are common."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 8))
    count = int(rng.integers(1, 40))
    width = int(rng.integers(1, n + 1))
    keys = rng.gumbel(size=(count, n)) - np.linspace(0, rng.uniform(0, 2), n)
    rankings = np.argsort(-keys, axis=1)[:, :width].astype(np.int32)
    lengths = rng.integers(0, width + 1, size=count)
    rankings[np.arange(width)[None, :] >= lengths[:, None]] = -1
    return n, rankings


def condorcet_winner(s: np.ndarray) -> int | None:
    for item in range(len(s)):
        if all(s[item, other] > s[other, item] for other in range(len(s)) if other != item):
            return item
    return None


def test_a_condorcet_winner_wins_under_every_condorcet_method():
    found = 0
    for seed in range(300):
        n, rankings = random_profile(seed)
        for ordered in (True, False):
            s = counting.support_matrix(rankings, n, ordered=ordered)
            winner = condorcet_winner(s)
            if winner is None:
                continue
            found += 1
            assert counting.schulze(s)[0] == [winner], seed
            assert counting.ranked_pairs(s)[0] == [winner], seed
            assert counting.scores_to_tiers(counting.copeland(s))[0] == [winner], seed
            assert counting.kemeny(s).tiers[0] == [winner], seed
    assert found > 300  # the check ran on many profiles


@pytest.mark.parametrize("seed", range(40))
def test_kemeny_order_is_a_brute_force_optimum(seed):
    n, rankings = random_profile(seed)
    s = counting.support_matrix(rankings, n)
    result = counting.kemeny(s)
    order = [item for tier in result.tiers for item in tier]
    assert sorted(order) == list(range(n))

    def agreeing(order):
        return sum(int(s[order[i], order[j]]) for i in range(n) for j in range(i + 1, n))

    best = max(agreeing(candidate) for candidate in itertools.permutations(range(n)))
    assert agreeing(order) == best
    # Within a tier, every margin is zero.
    for tier in result.tiers:
        for a, b in itertools.combinations(tier, 2):
            assert s[a, b] == s[b, a]


@pytest.mark.parametrize("seed", range(60))
def test_schulze_and_ranked_pairs_tiers_are_orders_of_every_item(seed):
    n, rankings = random_profile(seed)
    s = counting.support_matrix(rankings, n)
    p = counting.schulze_strengths(s)
    for tiers in (counting.schulze(s), counting.ranked_pairs(s)):
        assert sorted(item for tier in tiers for item in tier) == list(range(n))
    # Schulze: tied items have equal strongest paths both ways; a higher tier is above.
    tiers = counting.schulze(s)
    for upper, tier in enumerate(tiers):
        for a, b in itertools.combinations(tier, 2):
            assert p[a, b] == p[b, a]
        for lower in tiers[upper + 1 :]:
            assert all(p[a, b] >= p[b, a] for a in tier for b in lower)


@pytest.mark.parametrize("width", [2, 4, 6])
@pytest.mark.parametrize("ordered", [True, False])
def test_methods_agree_on_unanimous_profiles(width, ordered):
    n = 6
    ballot = [4, 1, 5, 0, 2, 3][:width]
    rankings = np.array([ballot] * 7, dtype=np.int32)
    s = counting.support_matrix(rankings, n, ordered=ordered)
    unlisted = sorted(set(range(n)) - set(ballot))
    if ordered:
        expected = [[item] for item in ballot] + ([unlisted] if unlisted else [])
    else:
        expected = [sorted(ballot)] + ([unlisted] if unlisted else [])
    orders = {
        "approval": counting.scores_to_tiers(counting.approval(rankings, n)),
        "borda": counting.scores_to_tiers(counting.borda(s)),
        "copeland": counting.scores_to_tiers(counting.copeland(s)),
        "schulze": counting.schulze(s),
        "ranked_pairs": counting.ranked_pairs(s),
        "kemeny": counting.kemeny(s).tiers,
    }
    if ordered:  # approval cannot tell the listed items apart
        assert orders.pop("approval") == [sorted(ballot)] + ([unlisted] if unlisted else [])
    for name, tiers in orders.items():
        assert tiers == expected, name
    table = counting.agreement(orders, n)
    assert {value for row in table.values() for value in row.values()} == {1.0}
