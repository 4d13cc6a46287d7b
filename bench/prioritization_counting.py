"""Counting a round of prioritization from the database: 100,000 and 1,000,000 ballots over
45 items, every method but the bootstrap, and the bootstrap on 10,000 ballots.

Creates a fresh PostgreSQL database (named after `DATABASE_URL`'s database if set, else
`--database`) with two rounds of 45 items in the individual track: one with 100,000
ballots, one with 1,000,000, written with `COPY`. Each ballot ranks 1 to 10 items (K = 10),
drawn from a Plackett-Luce model with skewed item weights (some initiatives much more
popular than others, as in a real vote), and has one of the seven regions (as imported
ballots do), so that the count also gives seven results by region.

For each round it measures, `--repeat` times (the median is reported), the time
`results.round_count` takes with the bootstrap off (`CONVENE_BOOTSTRAP_RESAMPLES=0`):
reading every ballot (`results.ballot_matrix`), the support matrix, approval, Borda,
Copeland, Schulze, ranked pairs, exact Kemeny-Young (HiGHS, limit `CONVENE_KEMENY_SECONDS`),
the agreement between them, the seven regions' results, and storing the `Count` row; then
each step alone. Then the bootstrap (`counting.stability`, 1,000 resamples, Borda's top 5)
on the first 10,000 ballots, and Kemeny on a hard profile (45 items of equal weight,
10,000 ballots) to show what its time limit does. Peak memory: Python's `tracemalloc`
(NumPy reports its arrays to it) over one more run of each, not timed, and the process's
peak resident size.

    CONVENE_TESTING=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/convene_bench_counting \\
        .venv/bin/python bench/prioritization_counting.py

Targets: < 1 s for 100,000 ballots, < 5 s for 1,000,000, < 2 s for the bootstrap. Writes
docs/benchmarks.md (section `prioritization-counting`). Exits with 1 when a count is wrong
(or, with --strict, when a target is missed), 2 when the run could not be measured.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import _support
import numpy as np
import psutil

SECTION = "prioritization-counting"
N_ITEMS = 45
K = 10
REGIONS = [
    "international",
    "sub_saharan_africa",
    "asia_pacific",
    "europe",
    "mena",
    "north_america",
    "south_latin_america",
]
TARGETS = {100_000: 1.0, 1_000_000: 5.0}
BOOTSTRAP_BALLOTS = 10_000
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_TARGET = 2.0


def profile(count: int, seed: int, *, skew: bool = True) -> np.ndarray:
    """`count` ballots (column indices, -1 padding): Plackett-Luce with gamma(1) weights
    (`skew`) or equal weights, each ballot listing 1 to K items."""
    rng = np.random.default_rng(seed)
    weights = rng.gamma(1.0, size=N_ITEMS) if skew else np.ones(N_ITEMS)
    rankings = np.empty((count, K), dtype=np.int32)
    for start in range(0, count, 100_000):
        stop = min(count, start + 100_000)
        keys = np.log(weights)[None, :] + rng.gumbel(size=(stop - start, N_ITEMS))
        rankings[start:stop] = np.argsort(-keys, axis=1)[:, :K]
    lengths = rng.integers(1, K + 1, size=count)
    rankings[np.arange(K)[None, :] >= lengths[:, None]] = -1
    return rankings


def round_create(slug: str) -> Any:
    from convene.documents.models import Process
    from convene.prioritization.models import Item, Round

    process, _created = Process.objects.get_or_create(
        slug="bench-process", defaults={"title": "Movement Strategy"}
    )
    round_ = Round.objects.create(
        process=process,
        slug=slug,
        title=f"Bench {slug}",
        question="Which initiatives matter most?",
        opens_at=datetime(2020, 11, 1, tzinfo=UTC),
        closes_at=datetime(2020, 11, 23, tzinfo=UTC),
        max_items=K,
        group_track=False,
        individual_track=True,
    )
    Item.objects.bulk_create(
        Item(
            round=round_,
            identifier=f"initiative-{n + 1}",
            title=f"Initiative {n + 1}",
            position=n,
        )
        for n in range(N_ITEMS)
    )
    return round_


def ballots_copy(round_: Any, rankings: np.ndarray, seed: int) -> None:
    """Write the ballots with COPY, ids packed as `pack_ranking` packs them."""
    from django.db import connection

    from convene.prioritization.models import Item

    pks = np.array(
        list(Item.objects.filter(round=round_).order_by("position").values_list("pk", flat=True)),
        dtype="<i4",
    )
    regions = np.random.default_rng(seed).integers(0, len(REGIONS), size=len(rankings))
    now = datetime.now(UTC)
    columns = (
        "round_id, track, public_id, ranking, size, reasons, discussion_place, "
        "discussion_when, notes_url, missing, external_id, region, version, "
        "created_at, updated_at"
    )
    connection.ensure_connection()
    raw = connection.connection
    with (
        raw.cursor() as cursor,
        cursor.copy(f"COPY prioritization_ballot ({columns}) FROM STDIN") as copy,
    ):
        for index, row in enumerate(rankings):
            listed = row[row >= 0]
            copy.write_row(
                (
                    round_.pk,
                    "individual",
                    f"{round_.pk:x}-{index:x}",
                    pks[listed].tobytes(),
                    len(listed),
                    "{}",
                    "",
                    "",
                    "",
                    "",
                    "",
                    REGIONS[regions[index]],
                    1,
                    now,
                    now,
                )
            )
    raw.commit()


def _backend() -> Any:
    """The PostgreSQL process serving this process's connection (psutil), for its CPU time."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return psutil.Process(cursor.fetchone()[0])


def _cpu(process: Any) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


@dataclass
class Timed:
    label: str
    seconds: list[float]
    cpu: list[float]  # this process's CPU seconds plus those of its PostgreSQL backend
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def timed(label: str, repeat: int, run: Callable[[], Any], note: str = "") -> tuple[Timed, Any]:
    seconds, cpu = [], []
    result = None
    backend = _backend()
    for _ in range(repeat):
        cpu_start = time.process_time() + _cpu(backend)
        start = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() + _cpu(backend) - cpu_start)
    figure = Timed(label, seconds, cpu, note)
    print(
        f"  {label}: {_support.ms(figure.median)} (runs: {', '.join(map(_support.ms, seconds))}; "
        f"CPU {_support.ms(figure.cpu_median)})"
    )
    return figure, result


def traced_peak(run: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@dataclass
class RoundFigures:
    ballots: int
    total: Timed
    steps: list[Timed]
    peak: int
    kemeny_status: str
    other_cpu: str
    correct: bool
    full: Timed | None


def measure_round(round_: Any, rankings: np.ndarray, repeat: int) -> RoundFigures:
    from django.test import override_settings

    from convene.prioritization import counting, results

    count = len(rankings)
    print(f"{count:,} ballots")
    with override_settings(CONVENE_BOOTSTRAP_RESAMPLES=0), _support.OtherLoad(None) as load:
        total, stored = timed(
            "round_count without the bootstrap", repeat, lambda: results.round_count(round_)
        )
    tally = stored.data["tracks"]["individual"]
    expected = counting.support_matrix(rankings, N_ITEMS)
    correct = stored.ballots == count and tally["support"] == expected.tolist()
    if not correct:
        print("  WRONG: the stored count differs from the generated ballots")
    steps = []
    figure, matrix = timed(
        "reading the ballots", repeat, lambda: results.ballot_matrix(round_, "individual")
    )
    steps.append(figure)
    figure, s = timed(
        "support matrix", repeat, lambda: counting.support_matrix(matrix.rankings, N_ITEMS)
    )
    steps.append(figure)
    for label, run in (
        (
            "approval, Borda, Copeland",
            lambda: (
                counting.approval(matrix.rankings, N_ITEMS),
                counting.borda(s),
                counting.copeland(s),
            ),
        ),
        ("Schulze", lambda: counting.schulze(s)),
        ("ranked pairs", lambda: counting.ranked_pairs(s)),
        ("Kemeny-Young (HiGHS)", lambda: counting.kemeny(s)),
    ):
        figure, _result = timed(label, repeat, run)
        steps.append(figure)
    full = None
    if count <= 100_000:  # the bootstrap's cost grows with ballots × resamples
        full, _count = timed(
            "round_count with the bootstrap", 1, lambda: results.round_count(round_)
        )
    with override_settings(CONVENE_BOOTSTRAP_RESAMPLES=0):
        peak = traced_peak(lambda: results.round_count(round_))
    print(f"  peak traced memory of round_count: {peak / 2**20:.0f} MiB")
    return RoundFigures(
        ballots=count,
        total=total,
        steps=steps,
        peak=peak,
        kemeny_status=tally["kemeny_status"],
        other_cpu=load.describe(),
        correct=correct,
        full=full,
    )


@dataclass
class BootstrapFigures:
    timed: Timed
    peak: int
    other_cpu: str


def measure_bootstrap(rankings: np.ndarray, repeat: int) -> BootstrapFigures:
    from convene.prioritization import counting

    sample = rankings[:BOOTSTRAP_BALLOTS]
    print(f"bootstrap: {BOOTSTRAP_RESAMPLES:,} resamples of {len(sample):,} ballots")

    def run() -> Any:
        return counting.stability(
            sample, N_ITEMS, top=5, resamples=BOOTSTRAP_RESAMPLES, seed=20201123
        )

    with _support.OtherLoad(None) as load:
        figure, _shares = timed("bootstrap (Borda's top 5)", repeat, run)
    return BootstrapFigures(figure, traced_peak(run), load.describe())


def measure_hard_kemeny(seconds: float) -> tuple[float, str]:
    from convene.prioritization import counting

    s = counting.support_matrix(profile(BOOTSTRAP_BALLOTS, 99, skew=False), N_ITEMS)
    start = time.perf_counter()
    result = counting.kemeny(s, time_limit=seconds)
    elapsed = time.perf_counter() - start
    print(f"Kemeny, 45 items of equal weight: {result.status} in {_support.ms(elapsed)}")
    return elapsed, result.status


def report(
    rounds: list[RoundFigures],
    bootstrap: BootstrapFigures,
    hard: tuple[float, str],
    kemeny_seconds: float,
    facts: list[tuple[str, str]],
    max_rss: int,
) -> tuple[str, bool]:
    met_all = True
    lines = [
        "## Prioritization: counting",
        "",
        "Data: two rounds of 45 items in a fresh PostgreSQL database, one with 100,000 "
        "individual ballots and one with 1,000,000, written with `COPY`. Each ballot ranks "
        "1 to 10 items (K = 10), drawn from a Plackett-Luce model with skewed item weights, "
        "and carries one of the seven regions. The machine has 2 cores, shared with other "
        'work during the run ("other CPU" below).',
        "",
        "Counting from the database, every method but the bootstrap: `results.round_count` "
        "with `CONVENE_BOOTSTRAP_RESAMPLES=0`, i.e. reading every ballot, the support matrix, "
        "approval, Borda, Copeland, Schulze, ranked pairs, exact Kemeny-Young (HiGHS, limit "
        f"{kemeny_seconds:g} s), the agreement between them, the results of the seven "
        "regions and storing the count; median of the runs. Peak memory: Python's "
        "`tracemalloc` over one more run (NumPy's arrays included).",
        "",
        "| Ballots | round_count, no bootstrap | Runs | CPU used | Target | | Kemeny "
        "| Peak traced memory | Other CPU |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for figures in rounds:
        target = TARGETS.get(figures.ballots, 0.0)
        met = figures.total.median < target and figures.correct
        met_all &= met
        runs = ", ".join(_support.ms(value) for value in figures.total.seconds)
        lines.append(
            f"| {figures.ballots:,} | **{_support.ms(figures.total.median)}** | {runs} "
            f"| {_support.ms(figures.total.cpu_median)} | < {target:g} s | {'met' if met else '**missed**'} | {figures.kemeny_status} "
            f"| {figures.peak / 2**20:,.0f} MiB | {figures.other_cpu} |"
        )
    lines += [
        "",
        '"CPU used": the CPU time of the counting process and of its PostgreSQL backend '
        "(median), what the count costs on a machine to itself; the time taken is longer "
        "when other processes hold the cores.",
        "",
        "Each step alone (median time taken, and CPU used):",
        "",
        "| Step | " + " | ".join(f"{figures.ballots:,} ballots" for figures in rounds) + " |",
        "|---|" + "---|" * len(rounds),
    ]
    for index, step in enumerate(rounds[0].steps):
        cells = " | ".join(
            f"{_support.ms(figures.steps[index].median)} "
            f"({_support.ms(figures.steps[index].cpu_median)})"
            for figures in rounds
        )
        lines.append(f"| {step.label} | {cells} |")
    boot_met = bootstrap.timed.median < BOOTSTRAP_TARGET
    met_all &= boot_met
    lines += [
        "",
        "The rest of the count (agreement, the seven regions' results, storing the row) is "
        "the difference. Reading the ballots: PostgreSQL joins the packed rankings, and the "
        "ballots' ids and lengths, into a few byte strings (one per track, region and kind "
        "of group), which NumPy turns into the ballot matrix without a loop over ballots.",
        "",
        f"Bootstrap (`counting.stability`): {BOOTSTRAP_RESAMPLES:,} resamples of "
        f"{BOOTSTRAP_BALLOTS:,} ballots, Borda's top 5, seeded: "
        f"**{_support.ms(bootstrap.timed.median)}** (CPU used "
        f"{_support.ms(bootstrap.timed.cpu_median)}; runs: "
        f"{', '.join(_support.ms(value) for value in bootstrap.timed.seconds)}; target "
        f"< {BOOTSTRAP_TARGET:g} s: {'met' if boot_met else '**missed**'}), peak traced "
        f"memory {bootstrap.peak / 2**20:,.0f} MiB, other CPU {bootstrap.other_cpu}. Its cost "
        "grows with ballots × resamples: `round_count` runs it on every ballot of each "
        "track"
        + "".join(
            f"; the whole count of {figures.ballots:,} ballots with it took "
            f"{_support.ms(figures.full.median)} (CPU used "
            f"{_support.ms(figures.full.cpu_median)})"
            for figures in rounds
            if figures.full is not None
        )
        + ".",
        "",
        f"Kemeny-Young on a hard profile (45 items of equal weight, {BOOTSTRAP_BALLOTS:,} "
        f"ballots): **{hard[1]}** after {_support.ms(hard[0])} (limit {kemeny_seconds:g} s). "
        + (
            "Even with no clear order among the items HiGHS proved an order optimal in time."
            if hard[1] == "optimal"
            else "With no clear order among the items HiGHS does not prove an order optimal "
            "in time, and the count says so (`kemeny_status`) and shows no Kemeny order."
        )
        + " Skewed ballots, as in the rounds above, have few cycles among their majorities, "
        "and the constraints added as needed make them quick.",
        "",
        f"Peak resident size of the whole run (data generation included): "
        f"{max_rss / 2**20:,.0f} MiB.",
        "",
        _support.facts_table(facts),
        "Command: `CONVENE_TESTING=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/"
        "convene_bench_counting .venv/bin/python bench/prioritization_counting.py`",
    ]
    return "\n".join(lines), met_all


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    url = os.environ.get("DATABASE_URL", "")
    default = urlsplit(url).path.lstrip("/") if url else "convene_bench_counting"
    parser.add_argument("--database", default=default or "convene_bench_counting")
    parser.add_argument("--sizes", default="100000,1000000", help="ballots per round")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement")
    parser.add_argument("--kemeny-seconds", type=float, default=10.0)
    parser.add_argument("--keep-db", action="store_true", help="keep the database afterwards")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--time-limit", type=int, default=1800, help="seconds for the whole run")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    var_dir = Path(tempfile.mkdtemp(prefix="convene-bench-"))
    try:
        with _support.time_limit(args.time_limit):
            print(f"database {args.database}: recreating and migrating")
            url = _support.database_recreate(args.database)
            _support.django_configure(database_url=url, var_dir=var_dir)
            from django.conf import settings

            settings.CONVENE_KEMENY_SECONDS = args.kemeny_seconds
            _support.django_migrate()
            rounds = []
            for index, size in enumerate(sizes):
                rankings = profile(size, seed=index + 1)
                round_ = round_create(f"bench-{size}")
                start = time.perf_counter()
                ballots_copy(round_, rankings, seed=index + 101)
                print(f"{size:,} ballots written in {time.perf_counter() - start:.1f} s")
                rounds.append((round_, rankings))
            _support.database_analyze()
            figures = [measure_round(round_, rankings, args.repeat) for round_, rankings in rounds]
            bootstrap = measure_bootstrap(rounds[0][1], args.repeat)
            hard = measure_hard_kemeny(args.kemeny_seconds)
            max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
            text, met = report(
                figures, bootstrap, hard, args.kemeny_seconds, _support.machine_facts(), max_rss
            )
            print(text)
            if not args.no_write:
                _support.section_write(SECTION, text)
                print(f"written to {_support.DOC.relative_to(_support.REPO)}")
            if not all(round_figures.correct for round_figures in figures):
                return 1
            return 1 if args.strict and not met else 0
    except (_support.BenchError, _support.BenchTimeout) as error:
        print(f"prioritization counting: {error}", file=sys.stderr)
        return 2
    finally:
        if "django" in sys.modules:
            _support.django_disconnect()
        if not args.keep_db:
            _support.database_drop_quietly(args.database)


if __name__ == "__main__":
    sys.exit(main())
