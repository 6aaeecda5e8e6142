"""How the benchmarks judge a figure taken in turns against its target (benchmarks/timing.py)."""

from __future__ import annotations

import math

import pytest

from support import benchmark_module

timing = benchmark_module("timing")


@pytest.mark.parametrize(("n", "rank"), [(6, 1), (10, 2), (20, 6), (40, 14), (80, 31)])
def test_the_median_interval_is_the_sign_test_interval_of_published_tables(n: int, rank: int) -> None:
    # Ranks from the binomial tables for 95% (e.g. Conover, Practical Nonparametric Statistics, table A3).
    values = [float(v) for v in range(1, n + 1)]
    assert timing.median_interval(values[::-1]) == (rank, n + 1 - rank)


@pytest.mark.parametrize("n", [6, 10, 20, 40, 80])
def test_the_median_interval_covers_the_median_at_least_as_often_as_it_says(n: int) -> None:
    low, _ = timing.median_interval(list(range(1, n + 1)))
    k = int(low)
    outside = 2 * sum(math.comb(n, i) for i in range(k)) / 2**n
    assert outside <= 1 - timing.CONFIDENCE
    # and it is the narrowest such interval: one rank further in would be surer of less
    assert 2 * sum(math.comb(n, i) for i in range(k + 1)) / 2**n > 1 - timing.CONFIDENCE


def test_too_few_turns_for_an_interval_give_the_whole_range() -> None:
    assert timing.median_interval([3.0, 1.0, 2.0, 5.0, 4.0]) == (1.0, 5.0)
    assert timing.median_interval([2.0]) == (2.0, 2.0)


def test_a_target_is_met_only_when_the_whole_interval_is_within_it() -> None:
    close = timing.spread([3.5, 3.7, 3.8, 3.9, 4.0, 4.1, 4.2, 3.6, 3.85, 3.95])
    assert close["median"] < 4
    assert timing.verdict(close, 4) is None  # the median is within, the interval is not
    assert timing.verdict(close, 4.2) is True
    assert timing.verdict(close, 3.8) is False


def test_results_kept_before_the_interval_are_judged_from_their_turns() -> None:
    turns = [3.5, 3.7, 3.8, 3.9, 4.0, 4.1, 4.2, 3.6, 3.85, 3.95]
    old = {key: value for key, value in timing.spread(turns).items() if key not in ("interval", "confidence")}
    assert timing.interval_of(old) == timing.median_interval(turns)
    assert timing.verdict(old, 4) is None
    assert timing.verdict({"median": 3.9}, 4) is True  # a median alone: all there is to judge by


def test_bench_load_says_where_a_median_lies_of_results_old_and_new() -> None:
    benchmark_module("generate")  # bench_load imports it, and timing, by name
    bench_load = benchmark_module("bench_load")
    turns = [3.5, 3.7, 3.8, 3.9, 4.0, 4.1, 4.2, 3.6, 3.85, 3.95]
    low, high = timing.median_interval(turns)
    assert bench_load._within(timing.spread(turns)) == f", median within {low:.2f}-{high:.2f}"
    kept_before = {key: value for key, value in timing.spread(turns).items() if key != "interval"}
    assert bench_load._within(kept_before) == f", median within {low:.2f}-{high:.2f}"
    assert bench_load._within({"median": 3.9, "min": 3.5, "max": 4.2}) == ""  # older still: no turns kept
