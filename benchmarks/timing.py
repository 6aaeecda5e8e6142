"""Timing and peak-memory helpers shared by the benchmarks.

Peak memory only ever grows, so it belongs to a process, not to a scenario. A benchmark that runs several
scenarios in its own process records that process's peak (``peak_self``): an upper bound for each of them. One
that needs a scenario's own figure runs it in a fresh process.

On Linux ``peak_self`` reads ``VmHWM`` from ``/proc/self/status`` rather than ``ru_maxrss``, because ``ru_maxrss``
survives fork and exec there: a process started by a large one reports at least the large one's size. For the same
reason a command (``run_command``, ``command_times``) is started from a small worker, this file run as a script,
which times it and reads ``RUSAGE_CHILDREN``: the peak of the largest single process of the command's tree that was
waited for (govgraph, or a Graphviz it ran). That figure is never below the worker's own size when it started the
command (about 13 MiB), since Linux starts counting a process's peak from its parent's size at exec; anything
larger is the command's own.

Ratios: two things compared (govgraph and its floor, a command and a reference command, one size and the next) are
measured in alternation (``in_turns``): they take turns, many times, in one run, and the ratio is taken within each
turn, then its median (``spread``). This machine's speed drifts by 10-30% from one minute to the next; a ratio of
two medians taken minutes apart carries that drift into it (the load and check of 10,000 bodies read 3.8 times the
bare parse that way, and 4.3-4.8 times in alternation, on the same code).

Usage as a worker: ``python benchmarks/timing.py COMMAND [ARG...]`` runs the command once and prints one JSON line
(``seconds``, ``peak_rss_bytes``, ``returncode``, ``stdout``, ``stderr``).
"""

from __future__ import annotations

import contextlib
import gc
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

# The benchmarks time reading a model file every time it is read, as the targets were set: govgraph's keeping of
# models already read (`govgraph.loading.cache`, measured in its own docstring) is off in every benchmark and in
# every command they start, and their runs leave nothing in the user's cache folder.
os.environ["GOVGRAPH_CACHE"] = "off"
# An installed govgraph has its modules compiled to bytecode once; where the environment says not to write bytecode,
# every command would compile them again (0.1-0.3 s of each London command here). The warm-up runs write it.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# ru_maxrss is in KiB on Linux and in bytes on macOS.
_RSS_UNIT = 1 if sys.platform == "darwin" else 1024


def times(run: Callable[[], object], repeat: int) -> list[float]:
    """Wall times of `repeat` calls of `run`, after one call as a warm-up."""
    run()
    found = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        found.append(time.perf_counter() - start)
    return found


def timed(run: Callable[[], object], *, collect: bool = False) -> Callable[[], float]:
    """`run` as a function that returns the wall time of one call (for `in_turns`); with `collect`, the cyclic
    garbage collector runs first, untimed, so that no run pays for the garbage of the one before."""

    def one() -> float:
        if collect:
            gc.collect()
        start = time.perf_counter()
        run()
        return time.perf_counter() - start

    return one


def in_turns(
    runs: Sequence[Callable[[], float]],
    turns: int,
    *,
    warm_up: bool = True,
    slow: float = math.inf,
    slow_turns: int = 3,
) -> list[list[float]]:
    """The seconds of each of `runs` (each returns what it measured: see `timed`), run in turns `turns` times, in
    one run of this process: every turn runs each once, the order rotating from one turn to the next, so that a
    machine slowing down or speeding up falls on each alike. Returns one list of seconds for each of `runs`.

    Args:
        warm_up: run one turn first, not counted.
        slow: seconds; a warm-up turn that takes longer is followed by `slow_turns` turns at most.
    """
    found: list[list[float]] = [[] for _ in runs]
    wanted = turns
    for turn in range(-1 if warm_up else 0, turns):
        if turn >= wanted:
            break
        order = [(turn + i) % len(runs) for i in range(len(runs))]
        started = time.perf_counter()
        taken = {index: runs[index]() for index in order}
        if turn < 0:
            if time.perf_counter() - started > slow:
                wanted = min(turns, slow_turns)
            continue
        for index, seconds in taken.items():
            found[index].append(seconds)
    return found


#: How sure `median_interval` is that the median lies in it.
CONFIDENCE = 0.95


def median_interval(values: Sequence[float], confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Where the median of the turns' figures lies, with `confidence`, whatever their distribution.

    The sign-test interval: the k-th smallest and the k-th largest value, for the largest k with
    P(B < k) <= (1 - confidence) / 2, B the number of n fair coin tosses that come up heads (Conover, *Practical
    Nonparametric Statistics*, 3rd ed., 3.2). For 40 turns at 95%: the 14th smallest and the 14th largest. On a
    machine whose speed swings from one second to the next, one turn's ratio ranges widely and the median of 40
    turns moves from run to run; this says how far it could. With too few values for `confidence` (5 or fewer at
    95%) it is the whole range, which is surer of less.
    """
    ordered = sorted(values)
    n = len(ordered)

    def below(k: int) -> float:  # P(B < k)
        return sum(math.comb(n, heads) for heads in range(k)) / 2.0**n

    k = 1  # the whole range, where no narrower interval is sure enough
    while k + 1 <= (n + 1) // 2 and below(k + 1) <= (1 - confidence) / 2:
        k += 1
    return ordered[k - 1], ordered[n - k]


def spread(values: Sequence[float]) -> dict[str, Any]:
    """The median, smallest and largest of `values` (a ratio or a difference taken in each turn), where the median
    lies (`median_interval`: `interval`, and its `confidence`), and the values."""
    low, high = median_interval(values)
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "interval": [low, high],
        "confidence": CONFIDENCE,
        "turns": list(values),
    }


def interval_of(found: Mapping[str, Any]) -> tuple[float, float] | None:
    """The interval of a figure taken in turns (`spread`): as kept, else from its turns (results written before the
    interval was kept), else None (older still: a median alone)."""
    if "interval" in found:
        low, high = found["interval"]
        return low, high
    return median_interval(found["turns"]) if found.get("turns") else None


def verdict(found: Mapping[str, Any], limit: float) -> bool | None:
    """Whether a figure taken in turns (`spread`) is within `limit`: True when all of its median's interval is, False
    when its median is not, None when the median is within and the interval is not (the turns cannot tell).

    Results without their turns are judged by their median alone.
    """
    if found["median"] > limit:
        return False
    interval = interval_of(found)
    return True if interval is None or interval[1] <= limit else None


def per_turn(numerators: Sequence[float], denominators: Sequence[float]) -> dict[str, Any]:
    """The ratio of `numerators` to `denominators` taken turn by turn (see `in_turns`), as `spread` gives it."""
    return spread([a / b for a, b in zip(numerators, denominators, strict=True)])


def peak_self() -> int:
    """Peak resident memory of this process so far, in bytes (see the module docstring for why not ru_maxrss)."""
    with contextlib.suppress(OSError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * _RSS_UNIT


def peak_children() -> int:
    """Peak resident memory, in bytes, of the largest child process this process has waited for."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * _RSS_UNIT


@dataclass(frozen=True)
class Run:
    """One run of a command: its wall time, its peak memory, and what it returned and printed; and the processor
    time of the command's processes (user and system), which other work on the machine does not inflate."""

    seconds: float
    peak_rss_bytes: int
    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float = 0.0


def run_command(command: Sequence[str], *, cwd: Path | None = None, env: Mapping[str, str] | None = None) -> Run:
    """Run `command` once from a fresh small worker that times it and reads its peak memory."""
    done = subprocess.run(
        [sys.executable, __file__, *command], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"timing worker exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return Run(**json.loads(done.stdout))


def command_times(
    command: Sequence[str], repeat: int, *, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> tuple[list[float], int]:
    """Wall times of `repeat` runs of `command` after one warm-up run, and the largest peak memory of any run.

    Raises:
        RuntimeError: a run exited non-zero.
    """
    found: list[float] = []
    peak = 0
    for i in range(repeat + 1):
        run = run_command(command, cwd=cwd, env=env)
        if run.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} exited {run.returncode}: {run.stderr.strip()[-500:]}")
        peak = max(peak, run.peak_rss_bytes)
        if i:  # the first run is the warm-up
            found.append(run.seconds)
    return found, peak


def commands_in_turns(
    commands: Sequence[Sequence[str]],
    turns: int,
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    expect: Sequence[int] | None = None,
) -> tuple[list[list[float]], list[int]]:
    """Wall times of each of `commands` run in turns `turns` times after one warm-up turn (see `in_turns`), each
    from a fresh small worker (`run_command`); and the largest peak memory of any run of each.

    Args:
        expect: the exit status of each command (default 0 for all).

    Raises:
        RuntimeError: a run exited otherwise.
    """
    peaks = [0] * len(commands)
    wanted = list(expect) if expect is not None else [0] * len(commands)

    def runner(index: int) -> Callable[[], float]:
        def one() -> float:
            run = run_command(commands[index], cwd=cwd, env=env)
            if run.returncode != wanted[index]:
                raise RuntimeError(f"{' '.join(commands[index])} exited {run.returncode}: {run.stderr.strip()[-500:]}")
            peaks[index] = max(peaks[index], run.peak_rss_bytes)
            return run.seconds

        return one

    return in_turns([runner(i) for i in range(len(commands))], turns), peaks


def _worker(command: list[str]) -> int:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = Run(seconds, peak_children(), done.returncode, done.stdout, done.stderr, used.ru_utime + used.ru_stime)
    print(json.dumps(asdict(result)))
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(f"usage: {sys.argv[0]} COMMAND [ARG...]")
    raise SystemExit(_worker(sys.argv[1:]))
