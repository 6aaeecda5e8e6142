"""Benchmark the reporting-path questions (issue 4): in-process query times, and the start-up of the command.

In process, on the synthetic model (`generate.py`, default 10,000 bodies), after loading it once:

    path     ``paths(model, deepest body, top)``, solid lines only and with dotted lines
    chain    ``chain(model, deepest body)``
    under    ``under(model, a body two levels below the top)`` and ``under(model, a body one level above the
             deepest)``: what reports into a large branch and into a small one
    load     ``govgraph.load(path)``, for the split: a command's work is almost all loading
    quorum   ``quorum(model, the top body, absent=[its chair])`` on the same model with terms of reference on every
             body (``generate.py --terms``)
    reports-into  ``reports_into(model, the body with the most lines into it)`` and ``reports_into(model, the
             top body)`` on that model (the first call builds the index of reports and is the warm-up)

Each is run once as a warm-up (the name index is built then) and then ``--repeat`` times; the table gives the
median and the fastest run. Queries are given ids, as a program would.

Cold start: the wall time of ``govgraph path community-chest lceg`` on the bundled London model beside
``python -c "import networkx, yaml, click"`` on the same machine, the two run in turns (`timing.commands_in_turns`:
``--starts`` turns, after one unmeasured turn so that both read warm files). The ratio, taken in each turn and
then its median, is the figure to keep under 1.5. Each command is started from a small worker
(`timing.run_command`), which times it and reads its peak memory.

Peak memory: of this process for the in-process questions (it has loaded the model, so this is mostly the model's
size), and of each command (the largest of its runs) for the cold start.

Usage: ``python benchmarks/bench_queries.py [--size 10000] [--repeat 50] [--starts 15] [--terms-only]``
(``--terms-only``: the quorum and reports-into questions alone, printed, nothing written).
Results are printed as a Markdown table and written to ``benchmarks/results/queries.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from generate import ensure
from timing import commands_in_turns, peak_self, per_turn, times

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "queries.json"
LONDON = HERE.parent / "data" / "governance.yaml"


def in_process(size: int, repeat: int) -> dict[str, list[float]]:
    """Median-ready timings (seconds) of each question on the synthetic model of `size` bodies."""
    sys.path.insert(0, str(HERE.parent / "src"))  # when govgraph is not installed, use the checkout
    import govgraph
    from govgraph.queries import chain, paths, under

    path = ensure(size)
    start = time.perf_counter()
    model = govgraph.load(path)
    loaded = time.perf_counter() - start
    tops = sorted(b.id for b in model.bodies.values() if not b.relations)
    depth = {b: len(chain(model, b).rows) for b in sorted(model.bodies)}
    deepest = max(depth, key=lambda b: (depth[b], b))
    line = [row.body for row in chain(model, deepest).rows]
    top = line[-1] if line[-1] in tops else tops[0]
    branch, twig = line[-3], line[1]
    return {
        "load": [loaded],
        "path": times(lambda: paths(model, deepest, top), repeat),
        "path, with dotted lines": times(lambda: paths(model, deepest, top, include=["dotted"]), repeat),
        "chain": times(lambda: chain(model, deepest), repeat),
        f"under (large branch: {len(under(model, branch).bodies)} bodies)": times(lambda: under(model, branch), repeat),
        f"under (small branch: {len(under(model, twig).bodies)} bodies)": times(lambda: under(model, twig), repeat),
    }


def terms_questions(size: int, repeat: int) -> dict[str, list[float]]:
    """Median-ready timings (seconds) of `quorum` and `reports_into` on the model of `size` bodies with terms of
    reference on every body (issue 21: under 10 ms each)."""
    sys.path.insert(0, str(HERE.parent / "src"))
    import govgraph
    from govgraph.queries import quorum, reports_into

    model = govgraph.load(ensure(size, terms=True))
    top = next(b for b in sorted(model.bodies) if not model.bodies[b].relations)
    chair = model.bodies[top].chairs[0].role
    busiest = max(sorted(model.bodies), key=lambda b: len(model.lines_into(b)))
    received = len(reports_into(model, busiest).incoming)
    return {
        "quorum (top body, its chair absent)": times(lambda: quorum(model, top, absent=[chair]), repeat),
        f"reports-into (busiest body: {received} senders)": times(lambda: reports_into(model, busiest), repeat),
        "reports-into (top body)": times(lambda: reports_into(model, top), repeat),
    }


def cold_start(starts: int) -> tuple[dict[str, list[float]], dict[str, int]]:
    """Wall times of each command, and its peak memory (the largest of its runs), by command."""
    govgraph = Path(sys.executable).parent / ("govgraph.exe" if os.name == "nt" else "govgraph")
    env = {k: v for k, v in os.environ.items() if k != "GOVGRAPH_MODEL"}
    commands = {
        "govgraph path community-chest lceg": [str(govgraph), "path", "community-chest", "lceg", "-m", str(LONDON)],
        'python -c "import networkx, yaml, click"': [sys.executable, "-c", "import networkx, yaml, click"],
    }
    walls, peaks = commands_in_turns(list(commands.values()), starts, env=env)
    return dict(zip(commands, walls, strict=True)), dict(zip(commands, peaks, strict=True))


def _ms(times: list[float]) -> str:
    return f"{statistics.median(times) * 1000:.2f} ms (best {min(times) * 1000:.2f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark govgraph's path, chain and under questions.")
    parser.add_argument("--size", type=int, default=10_000, help="bodies in the synthetic model (%(default)s)")
    parser.add_argument("--repeat", type=int, default=50, help="timed runs of each question (%(default)s)")
    parser.add_argument("--starts", type=int, default=15, help="timed starts of each command (%(default)s)")
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write results (default %(default)s)")
    parser.add_argument("--terms-only", action="store_true", help="time quorum and reports-into only; write nothing")
    args = parser.parse_args(argv)
    if args.terms_only:
        print(f"In process, synthetic model of {args.size} bodies with terms of reference, after loading:\n")
        print("| question | median (best) |\n|---|---|")
        for name, taken in terms_questions(args.size, args.repeat).items():
            print(f"| {name} | {_ms(taken)} |")
        return 0

    queries = in_process(args.size, args.repeat)
    queries.update(terms_questions(args.size, args.repeat))
    peak = peak_self()
    starts, start_peaks = cold_start(args.starts)
    ratio = per_turn(*starts.values())
    print(f"In process, synthetic model of {args.size} bodies, after loading:\n")
    print("| question | median (best) |\n|---|---|")
    for name, taken in queries.items():
        print(f"| {name} | {_ms(taken)} |")
    print(f"\npeak memory of this process (the model loaded): {peak / 2**20:.0f} MiB")
    print("\nCold start, bundled London model:\n")
    print("| command | median (best) | peak memory |\n|---|---|---:|")
    for name, taken in starts.items():
        print(f"| `{name}` | {_ms(taken)} | {start_peaks[name] / 2**20:.0f} MiB |")
    print(f"\nratio, taken in each turn: {ratio['median']:.2f} ({ratio['min']:.2f}-{ratio['max']:.2f}; keep under 1.5)")

    document: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "size": args.size,
        "in_process_s": queries,
        "cold_start_s": starts,
        "cold_start_ratio": ratio,
        "peak_rss_bytes": peak,
        "cold_start_peak_rss_bytes": start_peaks,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
