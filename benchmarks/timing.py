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

Usage as a worker: ``python benchmarks/timing.py COMMAND [ARG...]`` runs the command once and prints one JSON line
(``seconds``, ``peak_rss_bytes``, ``returncode``, ``stdout``, ``stderr``).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

# The benchmarks time reading a model file every time it is read, as the targets were set: govgraph's keeping of
# models already read (`govgraph.loading.cache`, measured in its own docstring) is off in every benchmark and in
# every command they start, and their runs leave nothing in the user's cache folder.
os.environ["GOVGRAPH_CACHE"] = "off"

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
