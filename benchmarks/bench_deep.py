"""Benchmark deep structures (issue 19): the documentation build and the text trees on a chain of bodies, each
reporting to the one before, as deep as it is long. Every command must grow no faster than its input.

Scenarios, each command run as a user runs it and timed whole (`timing.run_command`: wall and processor time,
and the peak memory of its largest process):

    build --check   ``govgraph build --check`` of a chain of ``--check-sizes`` bodies (default 1,000, 2,000,
                    4,000) against an empty folder: it plans every page and diagram, as against a built one, and
                    needs no engine (a built folder of 4,000 bodies would take the engine minutes to draw)
    chain           ``govgraph chain`` of the body at the foot of a chain of ``--tree-sizes`` bodies (default
                    10,000, 20,000, 40,000)
    under           ``govgraph under`` of the body at its top

Each size is twice the one before, and the sizes of a scenario are run in turns (`timing.in_turns`, ``--repeat``
turns, the order rotating); the growth of a row is its processor time (user and system, of the command's
processes) over that of the size before in the same turn, then the median of those: linear is 2, and the target
allows up to 2.5. Processor time, not wall time, because the machine these figures come from is shared with other
work, which stretches wall times unevenly (they are recorded beside it). Before routes were bounded, ``build
--check`` of 2,000 bodies took 148 s and 3.3 GB (issue 19), and on this machine 1,000 took 56 s (22 s of processor
time) and 417 MB; ``chain`` of 5,000 took 13 s of processor time, eight times 2,500's, and printed 50 MB.

Usage: ``python benchmarks/bench_deep.py [--check-sizes 1000,2000,4000] [--tree-sizes 10000,20000,40000]
[--repeat 3]``. Results are printed as a Markdown table and written to ``benchmarks/results/deep.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from timing import Run, in_turns, run_command, spread

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "deep.json"
GOVGRAPH = str(Path(sys.executable).with_name("govgraph"))
#: The most a row may grow when its input doubles (linear is 2).
GROWTH = 2.5


def deep_chain(n: int) -> str:
    """The YAML of `n` bodies, `b000000` (a board) at the top, each reporting to the one before; the last a project.
    A pure function of `n`."""
    lines = ["govgraph: 1", f"title: A chain {n:,} deep", "bodies:"]
    for i in range(n):
        kind = "board" if i == 0 else "project" if i == n - 1 else "committee"
        lines += [f"  b{i:06d}:", f"    name: Body {i}", f"    kind: {kind}"]
        if i:
            lines.append(f"    reports_to: [b{i - 1:06d}]")
    return "\n".join(lines) + "\n"


def measure(scenario: str, sizes: list[int], repeat: int) -> list[dict[str, Any]]:
    """One row for each of `sizes`, the sizes run in turns; each row with its growth over the size before."""
    work = Path(tempfile.mkdtemp(prefix="govgraph-bench-deep-"))
    try:
        runs: dict[int, list[Run]] = {n: [] for n in sizes}

        def runner(n: int) -> Callable[[], float]:
            model = work / f"governance-{n}.yaml"
            model.write_text(deep_chain(n), encoding="utf-8")
            args = {
                "build --check": ["build", str(model), "-o", str(work / f"output-{n}"), "--check"],
                "chain": ["chain", "-m", str(model), f"b{n - 1:06d}"],
                "under": ["under", "-m", str(model), "b000000"],
            }[scenario]
            # --check of a folder not built yet exits 1 (it is not current), having planned everything.
            expect = 1 if scenario == "build --check" else 0

            def one() -> float:
                done = run_command([GOVGRAPH, *args], cwd=work)
                if done.returncode != expect:
                    raise SystemExit(f"govgraph {' '.join(args)} exited {done.returncode}: {done.stderr[-500:]}")
                runs[n].append(done)
                return done.seconds

            return one

        in_turns([runner(n) for n in sizes], repeat, warm_up=False)
        rows = []
        for n in sizes:
            cpu = [run.cpu_seconds for run in runs[n]]
            half = runs.get(n // 2) if n % 2 == 0 else None
            before = None if half is None else [r.cpu_seconds for r in half]
            growth = None if before is None else spread([a / b for a, b in zip(cpu, before, strict=True)])
            rows.append(
                {
                    "scenario": scenario,
                    "bodies": n,
                    "median_s": statistics.median(run.seconds for run in runs[n]),
                    "runs_s": [run.seconds for run in runs[n]],
                    "median_cpu_s": statistics.median(cpu),
                    "runs_cpu_s": cpu,
                    "peak_rss_bytes": max(run.peak_rss_bytes for run in runs[n]),
                    "growth": None if growth is None else growth["median"],
                    "growth_in_turns": growth,
                }
            )
        return rows
    finally:
        shutil.rmtree(work, ignore_errors=True)


def table(rows: list[dict[str, Any]]) -> str:
    out = [
        "| scenario | bodies (depth) | median (processor) | median (wall) | growth for twice the bodies | peak |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        found = r["growth_in_turns"]
        growth = f"{found['median']:.2f}x ({found['min']:.2f}-{found['max']:.2f})" if found is not None else "-"
        out.append(
            f"| {r['scenario']} | {r['bodies']:,} | {r['median_cpu_s']:.2f} s | {r['median_s']:.2f} s | {growth} "
            f"| {r['peak_rss_bytes'] / 2**20:.0f} MiB |"
        )
    return "\n".join(out)


def _sizes(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check-sizes", default="1000,2000,4000", help="chain lengths for build --check")
    parser.add_argument("--tree-sizes", default="10000,20000,40000", help="chain lengths for chain and under")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write results (default %(default)s)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat: give at least 1")
    rows = measure("build --check", _sizes(args.check_sizes), args.repeat)
    for scenario in ("chain", "under"):
        rows += measure(scenario, _sizes(args.tree_sizes), args.repeat)
    print(table(rows))
    document = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "repeat": args.repeat,
        "growth_target": GROWTH,
        "results": rows,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    slow = [r for r in rows if r["growth"] is not None and r["growth"] > GROWTH]
    for r in slow:
        print(f"{r['scenario']} of {r['bodies']:,} grew {r['growth']:.2f}x for twice the bodies", file=sys.stderr)
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
