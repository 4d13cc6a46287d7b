"""The sample ballots of the demo, drawn from seeded generators: the same every time.

Pure functions of initiative numbers; the loader turns numbers into items. A ballot is drawn
item by item, each remaining item with a chance proportional to its weight (Plackett-Luce),
so heavier items are listed more often and higher.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from .samples import (
    CONVERSATIONS_REGIONS,
    DISCUSSION_PLACES,
    FAVOURED_IN_THE_SOUTH,
    MENA,
    MISSING,
    REASONS,
    SSA,
)


def ranking_draw(rng: random.Random, weights: dict[int, float], size: int) -> list[int]:
    """`size` numbers, without repetition, each drawn in proportion to its weight."""
    pool = dict(weights)
    chosen: list[int] = []
    for _position in range(min(size, len(pool))):
        numbers = list(pool)
        number = rng.choices(numbers, weights=[pool[n] for n in numbers])[0]
        chosen.append(number)
        del pool[number]
    return chosen


# --- Round 1: the communities' and affiliates' submissions ----------------------------------


@dataclass(frozen=True)
class Submission:
    numbers: list[int]
    reasons: dict[int, str]
    participants: int
    place: str
    when: datetime  # when the group discussed; the ballot is saved a few days later
    notes: bool
    missing: str


def favours_the_south(region: str, eseap: bool) -> bool:
    """Africa, MENA and ESEAP favoured recommendations 1, 2 and 6 (the organizers' analysis)."""
    return region in (SSA, MENA) or eseap


def group_weights(recommendation_of: dict[int, int], *, south: bool) -> dict[int, float]:
    """Every initiative weighs 1; the recommendations a region favours weigh more (sample
    tendencies elsewhere: governance and topics for impact, recommendations 4 and 8)."""
    favoured = FAVOURED_IN_THE_SOUTH if south else (4, 8)
    return {
        number: ((3.5 if south else 2.5) if recommendation in favoured else 1.0)
        for number, recommendation in recommendation_of.items()
    }


def submission_draw(
    rng: random.Random,
    recommendation_of: dict[int, int],
    *,
    south: bool,
    language: str,
    place: str,
    opens: datetime,
    closes: datetime,
) -> Submission:
    size = rng.choice((5, 5, 5, 4, 3))
    numbers = ranking_draw(rng, group_weights(recommendation_of, south=south), size)
    places = [each for each in DISCUSSION_PLACES if place or "{place}" not in each]
    day = opens.replace(hour=0, minute=0) + timedelta(
        days=rng.randint(3, (closes - opens).days - 4)
    )
    return Submission(
        numbers=numbers,
        reasons={number: rng.choice(REASONS[number]) for number in numbers if number in REASONS},
        participants=rng.randint(4, 45),
        place=rng.choice(places).format(language=language, place=place),
        when=day + timedelta(hours=rng.choice((9, 14, 17))),
        notes=rng.random() < 0.4,
        missing=rng.choice(MISSING) if rng.random() < 0.3 else "",
    )


def earlier_versions(final: Submission, count: int) -> list[Submission]:
    """How a group got to its final submission: `count` earlier states, oldest first, two
    weeks apart, each after a discussion with fewer people: the final priorities less the
    last ones (at least two kept), the first two the other way round, no notes yet."""
    states = []
    for back in range(count, 0, -1):
        kept = final.numbers[: max(len(final.numbers) - back, 2)]
        numbers = [*kept[1:2], *kept[:1], *kept[2:]]
        states.append(
            dataclasses.replace(
                final,
                numbers=numbers,
                reasons={n: r for n, r in final.reasons.items() if n in numbers},
                participants=max(final.participants - 6 * back, 3),
                when=final.when - timedelta(days=14 * back),
                notes=False,
                missing="",
            )
        )
    return states


# --- Round 2: the Global Conversations' ballots ------------------------------------------------

# Sample weights that give the outcome of the conversations: the clusters come out in the order
# A to H (by how many ballots list any of their items, by the sum of their items' Borda scores
# and by their best item's place), and every initiative outside them is listed less often
# than any initiative in them.
CONVERSATIONS_WEIGHTS: dict[int, float] = {
    22: 22, 23: 18, 24: 15,  # A
    9: 18, 11: 15,  # B
    31: 10, 32: 8.5, 33: 7.5,  # C
    25: 8,  # D
    2: 7,  # E
    3: 5.5,  # F
    8: 4.2,  # G
    36: 1.1, 37: 1.3, 38: 1.0,  # H
    1: 0.3, 4: 0.3, 5: 0.3, 6: 0.3, 7: 0.3, 10: 0.3,
}  # fmt: skip
CONVERSATIONS_SEED = 20201153
CONVERSATIONS_IMPORTED = 241  # with the six demo people's ballots, 247 participants voted


@dataclass(frozen=True)
class Imported:
    external_id: str
    region: str
    numbers: list[int]
    cast_at: datetime


def conversations_draw(
    sessions: Sequence[datetime],
    *,
    count: int = CONVERSATIONS_IMPORTED,
    seed: int = CONVERSATIONS_SEED,
) -> list[Imported]:
    """The imported ballots of the conversations, cast in the last hour and a half of one of
    the two sessions (each starting at the given moment, four hours long)."""
    rng = random.Random(seed)
    regions = [region for region, _share in CONVERSATIONS_REGIONS]
    shares = [share for _region, share in CONVERSATIONS_REGIONS]
    ballots = []
    for index in range(1, count + 1):
        region = rng.choices(regions, weights=shares)[0]
        size = rng.choice((5, 5, 5, 5, 4, 3))
        numbers = ranking_draw(rng, CONVERSATIONS_WEIGHTS, size)
        start = sessions[index % len(sessions)]
        cast_at = start + timedelta(
            hours=2, minutes=30 + rng.randint(0, 89), seconds=rng.randint(0, 59)
        )
        ballots.append(Imported(f"sample-{index:04d}", region, numbers, cast_at))
    return ballots


def open_round_draw(count: int, *, seed: int, numbers: Iterable[int]) -> list[list[int]]:
    """Sample ballots of the open round: any initiatives, about evenly."""
    rng = random.Random(seed)
    weights = {number: 1.0 + (number % 5) for number in numbers}
    return [ranking_draw(rng, weights, rng.choice((3, 4, 5))) for _index in range(count)]
