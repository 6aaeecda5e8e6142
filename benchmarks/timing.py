"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable


def times(run: Callable[[], object], repeat: int) -> list[float]:
    """Wall times of `repeat` calls of `run`, after one call as a warm-up."""
    run()
    found = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        found.append(time.perf_counter() - start)
    return found
