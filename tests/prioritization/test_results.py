"""Counting a round from the database and storing its count; the count at the close."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
import time_machine

from convene.prioritization import counting, results, tasks
from convene.prioritization.models import Ballot, Count, Group, pack_ranking
from tests.organizations.factories import OrganizationFactory, chapter_model
from tests.prioritization.factories import (
    CLOSES,
    NOW,
    BallotFactory,
    ClusterFactory,
    GroupFactory,
    RoundFactory,
    items_for,
)

pytestmark = pytest.mark.django_db


def small_round(**fields):
    """Four items, clusters A (1, 2) and B (3); three group ballots and two individual ones.

    Groups: a community in Europe ranks 1, 2; a chapter in MENA ranks 3, 1; another
    community in Europe lists only 1. People: one ranks 2, 3, 4 (no region), an imported
    ballot from MENA lists only 2.
    """
    round_ = RoundFactory(**fields)
    one, two, three, four = items_for(round_, 4)
    cluster_a = ClusterFactory(round=round_, code="A", name="Charter and council", position=0)
    cluster_b = ClusterFactory(round=round_, code="B", name="Hubs", position=1)
    for item, cluster in ((one, cluster_a), (two, cluster_a), (three, cluster_b)):
        item.cluster = cluster
        item.save(update_fields=["cluster"])
    europe = GroupFactory(round=round_, name="Wikimedia Community Europe", region="europe")
    chapter = GroupFactory(
        round=round_,
        kind=Group.Kind.ORGANIZATION,
        organization=OrganizationFactory(affiliation_model=chapter_model(), region="mena"),
        name="Wikimedia MENA Chapter",
        region="mena",
        category="chapter",
    )
    quiet = GroupFactory(round=round_, name="Small community", region="europe")
    group = Ballot.Track.GROUP
    BallotFactory(round=round_, track=group, group=europe, items=[one, two])
    BallotFactory(round=round_, track=group, group=chapter, items=[three, one])
    BallotFactory(round=round_, track=group, group=quiet, items=[one])
    BallotFactory(round=round_, items=[two, three, four])
    BallotFactory(round=round_, items=[two], region="mena", external_id="paper-7")
    return round_


def tiers(*groups: str) -> list[list[str]]:
    """tiers("1", "23", "4") → [["initiative-1"], ["initiative-2", "initiative-3"], ...]."""
    return [[f"initiative-{digit}" for digit in group] for group in groups]


def by_item(*values):
    return {f"initiative-{n}": value for n, value in enumerate(values, start=1)}


ONES = {"top": 5, "resamples": 1000, "shares": by_item(1.0, 1.0, 1.0, 1.0)}

EXPECTED = {
    "format": 1,
    "items": ["initiative-1", "initiative-2", "initiative-3", "initiative-4"],
    "ballot_form": "ranked",
    "max_items": 5,
    "seed": 20201123,
    "tracks": {
        "group": {
            "ballots": 3,
            "support": [[0, 3, 2, 3], [0, 0, 1, 1], [1, 1, 0, 1], [0, 0, 0, 0]],
            "approval": by_item(3, 1, 1, 0),
            "borda": by_item(8, 2, 3, 0),
            # 1 beats everything; 2 and 3 tie 1-1 and both beat 4 1-0.
            "copeland": by_item(3.0, 1.5, 1.5, 0.0),
            "schulze": tiers("1", "23", "4"),
            "ranked_pairs": tiers("1", "23", "4"),
            "kemeny": tiers("1", "23", "4"),
            "kemeny_status": "optimal",
            "orders": {
                "approval": tiers("1", "23", "4"),
                "borda": tiers("1", "3", "2", "4"),
                "copeland": tiers("1", "23", "4"),
            },
            # Borda against an order tying 2 and 3: 5 pairs agree, 1 tied: 5 / √(6 × 5).
            "agreement": {
                method: {
                    other: 1.0 if (method == "borda") == (other == "borda") else 0.913
                    for other in (
                        "approval",
                        "borda",
                        "copeland",
                        "schulze",
                        "ranked_pairs",
                        "kemeny",
                    )
                }
                for method in ("approval", "borda", "copeland", "schulze", "ranked_pairs", "kemeny")
            },
            "stability": ONES,
        },
        "individual": {
            "ballots": 2,
            "support": [[0, 0, 0, 0], [2, 0, 2, 2], [1, 0, 0, 1], [1, 0, 0, 0]],
            "approval": by_item(0, 2, 1, 1),
            "borda": by_item(0, 6, 2, 1),
            "copeland": by_item(0.0, 3.0, 2.0, 1.0),
            "schulze": tiers("2", "3", "4", "1"),
            "ranked_pairs": tiers("2", "3", "4", "1"),
            "kemeny": tiers("2", "3", "4", "1"),
            "kemeny_status": "optimal",
            "orders": {
                "approval": tiers("2", "34", "1"),
                "borda": tiers("2", "3", "4", "1"),
                "copeland": tiers("2", "3", "4", "1"),
            },
            "agreement": {
                method: {
                    other: 1.0 if (method == "approval") == (other == "approval") else 0.913
                    for other in (
                        "approval",
                        "borda",
                        "copeland",
                        "schulze",
                        "ranked_pairs",
                        "kemeny",
                    )
                }
                for method in ("approval", "borda", "copeland", "schulze", "ranked_pairs", "kemeny")
            },
            "stability": ONES,
        },
        "all": {
            "ballots": 5,
            "support": [[0, 3, 2, 3], [2, 0, 3, 3], [2, 1, 0, 2], [1, 0, 0, 0]],
            "approval": by_item(3, 3, 2, 1),
            "borda": by_item(8, 8, 5, 1),
            # 1 beats 2 (3-2) and 4, ties 3 (2-2); 2 beats 3 and 4; 3 beats 4.
            "copeland": by_item(2.5, 2.0, 1.5, 0.0),
            "schulze": tiers("1", "2", "3", "4"),
            # Locked: 2>4 (3), then 1>4, 2>3, 3>4 (2), then 1>2 (1).
            "ranked_pairs": tiers("1", "2", "3", "4"),
            "kemeny": tiers("1", "2", "3", "4"),
            "kemeny_status": "optimal",
            "orders": {
                "approval": tiers("12", "3", "4"),
                "borda": tiers("12", "3", "4"),
                "copeland": tiers("1", "2", "3", "4"),
            },
            "agreement": {
                method: {
                    other: 1.0
                    if (method in ("approval", "borda")) == (other in ("approval", "borda"))
                    else 0.913
                    for other in (
                        "approval",
                        "borda",
                        "copeland",
                        "schulze",
                        "ranked_pairs",
                        "kemeny",
                    )
                }
                for method in ("approval", "borda", "copeland", "schulze", "ranked_pairs", "kemeny")
            },
            "stability": ONES,
        },
    },
    "by_region": {
        "group": {
            "europe": {
                "ballots": 2,
                "approval": by_item(2, 1, 0, 0),
                "borda": by_item(6, 2, 0, 0),
                "schulze": tiers("1", "2", "34"),
            },
            "mena": {
                "ballots": 1,
                "approval": by_item(1, 0, 1, 0),
                "borda": by_item(2, 0, 3, 0),
                "schulze": tiers("3", "1", "24"),
            },
        },
        "individual": {
            "mena": {
                "ballots": 1,
                "approval": by_item(0, 1, 0, 0),
                "borda": by_item(0, 3, 0, 0),
                "schulze": tiers("2", "134"),
            },
        },
    },
    "by_kind": {
        "group": {
            "chapter": {
                "ballots": 1,
                "approval": by_item(1, 0, 1, 0),
                "borda": by_item(2, 0, 3, 0),
                "schulze": tiers("3", "1", "24"),
            },
            "community": {
                "ballots": 2,
                "approval": by_item(2, 1, 0, 0),
                "borda": by_item(6, 2, 0, 0),
                "schulze": tiers("1", "2", "34"),
            },
        },
    },
    "clusters": {
        track: {
            "A": {
                "name": "Charter and council",
                "items": ["initiative-1", "initiative-2"],
                "approval": approval_a,
                "borda": borda_a,
                "best_tier": 0,
            },
            "B": {
                "name": "Hubs",
                "items": ["initiative-3"],
                "approval": approval_b,
                "borda": borda_b,
                "best_tier": tier_b,
            },
        }
        for track, approval_a, borda_a, approval_b, borda_b, tier_b in (
            ("group", 3, 10, 1, 3, 1),
            ("individual", 2, 6, 1, 2, 1),
            ("all", 5, 16, 2, 5, 2),
        )
    },
}


def test_round_count_stores_every_figure_by_track_region_kind_and_cluster():
    round_ = small_round()
    with time_machine.travel(CLOSES + timedelta(minutes=1), tick=False):
        count = results.round_count(round_)
    assert count.ballots == 5
    assert count.counted_at == CLOSES + timedelta(minutes=1)
    assert count.data == EXPECTED
    stored = Count.objects.get(round=round_)
    assert stored.data == EXPECTED  # as JSON survives the database


def test_a_recount_replaces_the_count():
    round_ = small_round()
    first = results.round_count(round_=round_, now=NOW)
    BallotFactory(round=round_, items=list(round_.items.all()[:1]))
    second = results.round_count(round_=round_, now=NOW + timedelta(hours=1))
    assert second.pk == first.pk
    assert Count.objects.filter(round=round_).count() == 1
    assert results.count_for(round_).ballots == 6
    assert results.count_for(round_).data["tracks"]["individual"]["ballots"] == 3


def test_count_for_a_round_never_counted_is_none():
    assert results.count_for(RoundFactory()) is None


def test_stability_uses_the_rounds_top_and_seed(settings):
    settings.CONVENE_BOOTSTRAP_RESAMPLES = 300
    round_ = small_round(bootstrap_top=1)
    data = results.round_count(round_=round_, now=NOW).data
    matrix = results.ballot_matrix(round_, Ballot.Track.GROUP)
    shares = counting.stability(matrix.rankings, 4, top=1, resamples=300, seed=20201123)
    stability = data["tracks"]["group"]["stability"]
    assert stability == {
        "top": 1,
        "resamples": 300,
        "shares": by_item(*np.round(shares, 3).tolist()),
    }
    # Initiative 4 is on no group ballot: never first.
    assert stability["shares"]["initiative-4"] == 0.0


def test_one_track_and_choose_form_and_no_clusters(settings):
    settings.CONVENE_KEMENY_SECONDS = 5
    round_ = RoundFactory(individual_track=False, ballot_form="choose", max_items=2)
    one, _two, three = items_for(round_, 3)
    group = GroupFactory(round=round_, region="asia_pacific")
    BallotFactory(round=round_, track=Ballot.Track.GROUP, group=group, items=[three, one])
    data = results.round_count(round_=round_, now=NOW).data
    assert list(data["tracks"]) == ["group"]
    assert data["ballot_form"] == "choose"
    assert data["max_items"] == 2
    assert data["clusters"] == {}
    tally = data["tracks"]["group"]
    assert tally["support"] == [[0, 1, 0], [0, 0, 0], [0, 1, 0]]
    assert tally["schulze"] == [["initiative-1", "initiative-3"], ["initiative-2"]]
    assert tally["kemeny"] == [["initiative-1", "initiative-3"], ["initiative-2"]]
    assert list(data["by_region"]["group"]) == ["asia_pacific"]
    assert list(data["by_kind"]["group"]) == ["community"]


def test_a_round_without_ballots_counts_zero():
    round_ = RoundFactory()
    items_for(round_, 3)
    data = results.round_count(round_=round_, now=NOW).data
    tally = data["tracks"]["all"]
    assert tally["ballots"] == 0
    assert tally["support"] == [[0, 0, 0]] * 3
    assert tally["schulze"] == tally["kemeny"] == [["initiative-1", "initiative-2", "initiative-3"]]
    assert tally["stability"]["shares"] == {
        "initiative-1": 0.0,
        "initiative-2": 0.0,
        "initiative-3": 0.0,
    }
    assert tally["agreement"]["borda"]["schulze"] == 1.0
    assert data["by_region"] == {"group": {}, "individual": {}}


def test_ballot_matrix_unpacks_in_item_order_and_skips_removed_items():
    round_ = RoundFactory()
    one, two, three = items_for(round_, 3)
    three.position = 0  # now first: column 0
    three.save(update_fields=["position"])
    BallotFactory(round=round_, items=[one, three])
    BallotFactory(round=round_, items=[two, one, three], region="europe")
    gone = Ballot.objects.create(
        round=round_, track="individual", ranking=pack_ranking([10**6, two.pk]), size=2
    )
    BallotFactory(round=round_, items=[])
    matrix = results.ballot_matrix(round_, Ballot.Track.INDIVIDUAL)
    assert matrix.identifiers == ["initiative-3", "initiative-1", "initiative-2"]
    by_pk = dict(
        zip(
            Ballot.objects.filter(round=round_).order_by("pk").values_list("pk", flat=True),
            matrix.rankings.tolist(),
            strict=True,
        )
    )
    assert sorted(by_pk.values()) == sorted([[1, 0, -1], [2, 1, 0], [-1, 2, -1], [-1, -1, -1]])
    assert by_pk[gone.pk] == [-1, 2, -1]
    assert sorted(matrix.regions.tolist()) == ["", "", "", "europe"]
    assert matrix.kinds.tolist() == ["", "", "", ""]
    assert results.ballot_matrix(round_, Ballot.Track.GROUP).rankings.shape == (0, 1)


def test_count_is_scheduled_at_the_close(run_due_tasks, django_capture_on_commit_callbacks):
    round_ = small_round()
    with time_machine.travel(NOW, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            tasks.round_count_schedule(round_)
        assert run_due_tasks() == 0
        assert results.count_for(round_) is None
    with time_machine.travel(CLOSES + timedelta(seconds=1), tick=False):
        assert run_due_tasks() == 1
    count = results.count_for(round_)
    assert count.ballots == 5
    assert count.counted_at == CLOSES + timedelta(seconds=1)


def test_the_task_does_nothing_before_a_close_moved_later(run_due_tasks):
    round_ = small_round()
    with time_machine.travel(NOW, tick=False):
        assert tasks.round_count_task.call(round_id=round_.pk) is None
        round_.results_before_close = True
        round_.save(update_fields=["results_before_close"])
        assert tasks.round_count_task.call(round_id=round_.pk) == 5
    assert tasks.round_count_task.call(round_id=10**9) is None


def test_scheduling_after_the_close_counts_at_once(django_capture_on_commit_callbacks):
    round_ = small_round()
    with (
        time_machine.travel(CLOSES + timedelta(days=2), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        tasks.round_count_schedule(round_)
    assert results.count_for(round_).ballots == 5


def test_ballot_matrix_keeps_the_ballots_in_the_order_of_their_ids():
    round_ = small_round()
    matrix = results.ballot_matrix(round_)
    ballots = list(Ballot.objects.filter(round=round_).order_by("pk").select_related("group"))
    column = {identifier: index for index, identifier in enumerate(matrix.identifiers)}
    identifier_of = dict(round_.items.values_list("pk", "identifier"))
    expected = [
        [column[identifier_of[pk]] for pk in ballot.item_ids]
        + [-1] * (matrix.rankings.shape[1] - len(ballot.item_ids))
        for ballot in ballots
    ]
    assert matrix.rankings.tolist() == expected
    assert matrix.tracks.tolist() == [ballot.track for ballot in ballots]
    assert matrix.regions.tolist() == [
        ballot.region or (ballot.group.region if ballot.group else "") for ballot in ballots
    ]
    assert matrix.kinds.tolist() == ["community", "chapter", "community", "", ""]


def test_kemeny_out_of_time_is_stored_as_not_computed(settings):
    settings.CONVENE_KEMENY_SECONDS = 0
    round_ = RoundFactory(group_track=False)
    a, b, c = items_for(round_, 3)
    for order in ([a, b, c], [b, c, a], [c, a, b]):  # a cycle: the program must be solved
        BallotFactory(round=round_, items=order)
    tally = results.round_count(round_=round_, now=NOW).data["tracks"]["individual"]
    assert tally["kemeny"] is None
    assert tally["kemeny_status"] == "time_limit"
    assert set(tally["agreement"]) == {"approval", "borda", "copeland", "schulze", "ranked_pairs"}
    assert tally["schulze"] == [["initiative-1", "initiative-2", "initiative-3"]]


def test_a_round_without_items_and_an_empty_cluster_counts():
    round_ = RoundFactory(individual_track=False)
    ClusterFactory(round=round_, code="Z", name="Nothing yet")
    data = results.round_count(round_=round_, now=NOW).data
    assert data["items"] == []
    tally = data["tracks"]["group"]
    assert tally["ballots"] == 0
    assert tally["support"] == []
    assert tally["schulze"] == tally["kemeny"] == []
    assert data["clusters"] == {
        "group": {
            "Z": {"name": "Nothing yet", "items": [], "approval": 0, "borda": 0, "best_tier": None}
        }
    }


# --- counted again while open ---------------------------------------------------------------


def test_a_round_showing_results_while_open_is_counted_again_a_minute_after_ballots(
    run_due_tasks,
):
    from datetime import timedelta

    import time_machine
    from django.test import TestCase

    from convene.prioritization import services
    from convene.prioritization.models import Count
    from tests.factories import UserFactory

    from .factories import NOW, RoundFactory, items_for

    round_ = RoundFactory(results_before_close=True)
    items_for(round_, 3)
    with time_machine.travel(NOW, tick=False), TestCase.captureOnCommitCallbacks(execute=True):
        services.ballot_cast(round_=round_, voter=UserFactory(), identifiers=["initiative-1"])
    with time_machine.travel(NOW + timedelta(seconds=30), tick=False):
        with TestCase.captureOnCommitCallbacks(execute=True):
            services.ballot_cast(round_=round_, voter=UserFactory(), identifiers=["initiative-2"])
        assert run_due_tasks() == 0  # not yet: a minute after the first ballot
    assert not Count.objects.exists()
    with time_machine.travel(NOW + timedelta(seconds=90), tick=False):
        assert run_due_tasks() == 2  # the first counts both ballots, the second finds it done
    count = Count.objects.get()
    assert (count.ballots, count.counted_at) == (2, NOW + timedelta(seconds=90))


def test_a_round_hiding_results_until_the_close_is_not_counted_after_each_ballot():
    import time_machine
    from django.test import TestCase

    from convene.prioritization import services
    from tests.factories import UserFactory
    from tests.tasks_backend import DeferringImmediateBackend

    from .factories import NOW, RoundFactory, items_for

    round_ = RoundFactory(results_before_close=False)
    items_for(round_, 3)
    with time_machine.travel(NOW, tick=False), TestCase.captureOnCommitCallbacks(execute=True):
        services.ballot_cast(round_=round_, voter=UserFactory(), identifiers=["initiative-1"])
    assert DeferringImmediateBackend.deferred == []
