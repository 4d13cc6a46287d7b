"""The counting methods on worked examples from the literature, checked by hand."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scipy import stats

from convene.prioritization import counting

# Schulze's example (Schulze 2011, and Wikipedia's "Schulze method"): 45 voters, 5 candidates.
SCHULZE_PROFILE = [
    (5, "ACBED"),
    (5, "ADECB"),
    (8, "BEDAC"),
    (3, "CABED"),
    (7, "CAEBD"),
    (2, "CBADE"),
    (7, "DCEBA"),
    (8, "EBADC"),
]
# Wikipedia's Tennessee capital example: Memphis, Nashville, Chattanooga, Knoxville.
TENNESSEE_PROFILE = [(42, "MNCK"), (26, "NCKM"), (15, "CKNM"), (17, "KCNM")]


def profile(rows: list[tuple[int, str]], letters: str, width: int | None = None) -> np.ndarray:
    """Ballots from (count, "ABC") rows: each letter is an item, first choice first."""
    width = width or max(len(order) for _count, order in rows)
    ballots = []
    for count, order in rows:
        ballot = [letters.index(letter) for letter in order] + [-1] * (width - len(order))
        ballots.extend([ballot] * count)
    return np.array(ballots, dtype=np.int32).reshape(-1, width)


def named(tiers, letters: str) -> list[str]:
    return ["".join(letters[item] for item in tier) for tier in tiers]


# --- Schulze's example -------------------------------------------------------------------


def test_schulze_example_support_matrix_is_the_papers():
    s = counting.support_matrix(profile(SCHULZE_PROFILE, "ABCDE"), 5)
    assert s.tolist() == [
        [0, 20, 26, 30, 22],
        [25, 0, 16, 33, 18],
        [19, 29, 0, 17, 24],
        [15, 12, 28, 0, 14],
        [23, 27, 21, 31, 0],
    ]


def test_schulze_example_strongest_paths_and_order():
    s = counting.support_matrix(profile(SCHULZE_PROFILE, "ABCDE"), 5)
    assert counting.schulze_strengths(s).tolist() == [
        [0, 28, 28, 30, 24],
        [25, 0, 28, 33, 24],
        [25, 29, 0, 29, 24],
        [25, 28, 28, 0, 24],
        [25, 28, 28, 31, 0],
    ]
    assert named(counting.schulze(s), "ABCDE") == ["E", "A", "C", "B", "D"]


def test_schulze_example_other_methods_by_hand():
    s = counting.support_matrix(profile(SCHULZE_PROFILE, "ABCDE"), 5)
    # Borda: row sums 98, 92, 89, 69, 102.
    assert counting.borda(s).tolist() == [98, 92, 89, 69, 102]
    assert named(counting.scores_to_tiers(counting.borda(s)), "ABCDE") == list("EABCD")
    # Copeland: E beats A, B, D; A, B and C beat two each; D beats only C.
    assert counting.copeland(s).tolist() == [2.0, 2.0, 2.0, 1.0, 3.0]
    assert named(counting.scores_to_tiers(counting.copeland(s)), "ABCDE") == ["E", "ABC", "D"]
    # Ranked pairs: B>D 21, E>D 17, A>D 15, C>B 13 locked; D>C 11 skipped (C>B>D);
    # E>B 9, A>C 7 locked; B>A 5 skipped (A>C>B); C>E 3 locked; E>A 1 skipped (A>C>E).
    assert named(counting.ranked_pairs(s), "ABCDE") == list("ACEBD")
    # Kemeny: E B A D C agrees with 260 of the pairs' preferences, every other order fewer.
    result = counting.kemeny(s)
    assert result.status == "optimal"
    assert named(result.tiers, "ABCDE") == list("EBADC")
    assert counting.approval(profile(SCHULZE_PROFILE, "ABCDE"), 5).tolist() == [45] * 5


def brute_force_kemeny(s: np.ndarray) -> tuple[int, list[tuple[int, ...]]]:
    n = len(s)
    scored = [
        (sum(int(s[order[i], order[j]]) for i in range(n) for j in range(i + 1, n)), order)
        for order in itertools.permutations(range(n))
    ]
    best = max(score for score, _order in scored)
    return best, [order for score, order in scored if score == best]


def test_schulze_example_kemeny_is_the_brute_force_optimum():
    s = counting.support_matrix(profile(SCHULZE_PROFILE, "ABCDE"), 5)
    best, orders = brute_force_kemeny(s)
    assert best == 260
    assert orders == [(4, 1, 0, 3, 2)]


# --- Condorcet cycle ------------------------------------------------------------------------


def test_rock_paper_scissors_ties_under_schulze_copeland_and_ranked_pairs():
    s = counting.support_matrix(profile([(1, "ABC"), (1, "BCA"), (1, "CAB")], "ABC"), 3)
    assert s.tolist() == [[0, 2, 1], [1, 0, 2], [2, 1, 0]]
    assert counting.schulze(s) == [[0, 1, 2]]
    assert counting.copeland(s).tolist() == [1.0, 1.0, 1.0]
    assert counting.scores_to_tiers(counting.copeland(s)) == [[0, 1, 2]]
    # The three pairs have the same margin and together close a cycle: none is locked.
    assert counting.ranked_pairs(s) == [[0, 1, 2]]
    assert counting.borda(s).tolist() == [3, 3, 3]


def test_rock_paper_scissors_kemeny_gives_one_of_the_three_best_orders():
    s = counting.support_matrix(profile([(1, "ABC"), (1, "BCA"), (1, "CAB")], "ABC"), 3)
    result = counting.kemeny(s)
    assert result.status == "optimal"
    order = tuple(tier[0] for tier in result.tiers)
    assert len(result.tiers) == 3
    assert order in [(0, 1, 2), (1, 2, 0), (2, 0, 1)]


def test_ranked_pairs_does_not_depend_on_the_items_order():
    # A cycle of equal margins and a pair outside it: D is beaten by all three.
    rows = [(1, "ABCD"), (1, "BCAD"), (1, "CABD")]
    s = counting.support_matrix(profile(rows, "ABCD"), 4)
    assert counting.ranked_pairs(s) == [[0, 1, 2], [3]]
    reorder = [3, 2, 0, 1]  # the same ballots with the items listed in another order
    s2 = s[np.ix_(reorder, reorder)]
    tiers = counting.ranked_pairs(s2)
    assert [sorted(reorder[item] for item in tier) for tier in tiers] == [[0, 1, 2], [3]]


# --- Tennessee ------------------------------------------------------------------------------


def test_tennessee_nashville_wins_ranked_pairs_schulze_and_kemeny():
    s = counting.support_matrix(profile(TENNESSEE_PROFILE, "MNCK"), 4)
    # Nashville beats Chattanooga 68-32, Knoxville 68-32, Memphis 58-42; Chattanooga beats
    # Knoxville 83-17 and Memphis 58-42; Knoxville beats Memphis 58-42.
    assert s.tolist() == [
        [0, 42, 42, 42],
        [58, 0, 68, 68],
        [58, 32, 0, 83],
        [58, 32, 17, 0],
    ]
    assert named(counting.ranked_pairs(s), "MNCK") == list("NCKM")
    assert named(counting.schulze(s), "MNCK") == list("NCKM")
    assert named(counting.kemeny(s).tiers, "MNCK") == list("NCKM")
    # Borda (3, 2, 1, 0 points): Memphis 126, Nashville 194, Chattanooga 173, Knoxville 107.
    assert counting.borda(s).tolist() == [126, 194, 173, 107]
    assert counting.copeland(s).tolist() == [0.0, 3.0, 2.0, 1.0]


# --- Kemeny by hand, ties -------------------------------------------------------------------


def test_kemeny_small_profile_by_hand():
    # 2 × ABC, BCA, CAB: s(A,B) = 3, s(B,C) = 3, A and C tie 2-2. A B C agrees with
    # 3 + 2 + 3 = 8 pair preferences; B A C with 7; every other order with 6 or fewer.
    s = counting.support_matrix(profile([(2, "ABC"), (1, "BCA"), (1, "CAB")], "ABC"), 3)
    assert s.tolist() == [[0, 3, 2], [1, 0, 3], [2, 1, 0]]
    assert counting.kemeny(s) == counting.KemenyResult([[0], [1], [2]], "optimal")
    assert brute_force_kemeny(s) == (8, [(0, 1, 2)])


def test_kemeny_ties_neighbours_of_zero_margin():
    s = counting.support_matrix(profile([(1, "AB"), (1, "BA"), (2, "C")], "ABC"), 3)
    # C is above A and B on two ballots, below on two: every margin is zero.
    assert counting.kemeny(s) == counting.KemenyResult([[0, 1, 2]], "optimal")
    s = counting.support_matrix(profile([(1, "CAB"), (1, "CBA")], "ABC"), 3)
    assert counting.kemeny(s) == counting.KemenyResult([[2], [0, 1]], "optimal")


def test_kemeny_without_ballots_ties_everything():
    s = counting.support_matrix(np.empty((0, 3), dtype=np.int32), 4)
    assert counting.kemeny(s) == counting.KemenyResult([[0, 1, 2, 3]], "optimal")
    assert counting.schulze(s) == [[0, 1, 2, 3]]
    assert counting.ranked_pairs(s) == [[0, 1, 2, 3]]


def test_kemeny_too_large_and_time_limit():
    s = np.zeros((61, 61), dtype=np.int64)
    assert counting.kemeny(s) == counting.KemenyResult(None, "too_large")
    assert counting.kemeny(s[:5, :5], max_items=4) == counting.KemenyResult(None, "too_large")
    rng = np.random.default_rng(7)
    ballots = np.argsort(rng.random((15, 40)), axis=1)
    hard = counting.support_matrix(ballots, 40)
    assert counting.kemeny(hard, time_limit=0.0) == counting.KemenyResult(None, "time_limit")


def test_one_item_and_no_item():
    assert counting.kemeny(np.zeros((1, 1), dtype=np.int64)).tiers == [[0]]
    assert counting.kemeny(np.zeros((0, 0), dtype=np.int64)).tiers == []
    assert counting.support_matrix(np.array([[0]]), 1).tolist() == [[0]]


def test_scores_to_tiers_keeps_ties_in_item_order():
    assert counting.scores_to_tiers([3, 5, 3, 1]) == [[1], [0, 2], [3]]
    assert counting.scores_to_tiers([2.5, 2.5]) == [[0, 1]]
    assert counting.scores_to_tiers([]) == []


def test_schulze_ties_when_ballots_cancel():
    s = counting.support_matrix(profile([(1, "AB"), (1, "BA")], "ABC"), 3)
    assert counting.schulze(s) == [[0, 1], [2]]
    assert counting.ranked_pairs(s) == [[0, 1], [2]]
    assert counting.copeland(s).tolist() == [1.5, 1.5, 0.0]


# --- Shorter ballots and the "choose" form ---------------------------------------------------


def test_unlisted_items_tie_below_listed_ones():
    s = counting.support_matrix(profile([(1, "BA"), (1, "C")], "ABCD", width=3), 4)
    assert s.tolist() == [
        [0, 0, 1, 1],  # A: above C and D on the first ballot
        [1, 0, 1, 1],  # B: above A, C and D on the first
        [1, 1, 0, 1],  # C: above A, B and D on the second; tied with D on the first
        [0, 0, 0, 0],
    ]


def test_choose_form_ties_the_chosen_items():
    rankings = profile([(1, "AB"), (1, "C")], "ABCD")
    s = counting.support_matrix(rankings, 4, ordered=False)
    assert s.tolist() == [
        [0, 0, 1, 1],
        [0, 0, 1, 1],
        [1, 1, 0, 1],
        [0, 0, 0, 0],
    ]
    assert counting.borda(s).tolist() == [2, 2, 3, 0]
    points = counting.borda_contributions(rankings, 4, ordered=False)
    assert points.tolist() == [[2, 2, 0, 0], [0, 0, 3, 0]]
    assert counting.schulze(s) == [[0, 1, 2], [3]]


def test_borda_points_of_a_ranked_ballot():
    points = counting.borda_contributions(profile([(1, "CA"), (1, "")], "ABCD", width=2), 4)
    assert points.tolist() == [[2, 0, 3, 0], [0, 0, 0, 0]]


def test_holes_left_by_removed_items_are_skipped():
    with_hole = np.array([[2, -1, 0]])
    s = counting.support_matrix(with_hole, 3)
    assert s.tolist() == counting.support_matrix(np.array([[2, 0, -1]]), 3).tolist()
    assert counting.borda_contributions(with_hole, 3).tolist() == [[1, 0, 2]]


# --- Agreement --------------------------------------------------------------------------------


def test_kendall_tau_b_by_hand_and_as_scipy_counts_it():
    assert counting.kendall_tau_b([[0], [1], [2]], [[0], [1], [2]], 3) == 1.0
    assert counting.kendall_tau_b([[0], [1], [2]], [[2], [1], [0]], 3) == -1.0
    # Pairs: (0,1) tied in the second order, (0,2) and (1,2) concordant: 2 / √(3 × 2).
    tau = counting.kendall_tau_b([[0], [1], [2]], [[0, 1], [2]], 3)
    assert tau == pytest.approx(2 / math.sqrt(6))
    first, second = [[3], [0, 1], [4], [2]], [[0], [3, 4], [1, 2]]
    expected = stats.kendalltau([1, 1, 3, 0, 2], [0, 2, 2, 1, 1], variant="b").statistic
    assert counting.kendall_tau_b(first, second, 5) == pytest.approx(expected)
    assert counting.kendall_tau_b([[0, 1, 2]], [[0], [1], [2]], 3) is None


def test_agreement_is_symmetric_with_ones_on_the_diagonal():
    table = counting.agreement(
        {"a": [[0], [1], [2]], "b": [[0, 1], [2]], "c": [[2], [1], [0]], "d": None}, 3
    )
    assert table == {
        "a": {"a": 1.0, "b": 0.816, "c": -1.0},
        "b": {"a": 0.816, "b": 1.0, "c": -0.816},
        "c": {"a": -1.0, "b": -0.816, "c": 1.0},
    }


# --- Stability -------------------------------------------------------------------------------


def test_stability_of_identical_ballots_is_certain():
    rankings = profile([(20, "DBA")], "ABCDE")
    shares = counting.stability(rankings, 5, top=2, resamples=50, seed=1)
    assert shares.tolist() == [0.0, 1.0, 0.0, 1.0, 0.0]
    assert counting.stability(rankings, 5, top=5, resamples=50, seed=1).tolist() == [1.0] * 5
    assert counting.stability(rankings[:0], 5, top=2, seed=1).tolist() == [0.0] * 5


def test_stability_counts_ties_at_the_edge_in():
    # A always first; B and C tie for second in every resample that draws both ballots
    # equally often, and both are in the top 2 then.
    rankings = profile([(1, "AB"), (1, "AC")], "ABC")
    shares = counting.stability(rankings, 3, top=2, resamples=400, seed=5)
    assert shares[0] == 1.0
    assert shares[1] + shares[2] > 1.0  # ties counted for both
    assert shares[1] + shares[2] < 2.0


def test_stability_is_reproducible_with_the_same_seed():
    rng = np.random.default_rng(11)
    rankings = np.argsort(rng.random((300, 12)) - np.linspace(0, 0.5, 12), axis=1)[:, :4]
    first = counting.stability(rankings, 12, top=3, resamples=200, seed=42)
    again = counting.stability(rankings, 12, top=3, resamples=200, seed=42)
    other = counting.stability(rankings, 12, top=3, resamples=200, seed=43)
    assert first.tolist() == again.tolist()
    assert first.tolist() != other.tolist()
    # Each resample puts at least 3 items in the top 3 (more only on ties at the edge).
    assert first.sum() >= 3.0
    assert ((first >= 0) & (first <= 1)).all()
