"""Benchmark `govgraph diff` (issue 7): two synthetic models of 10,000 bodies that differ in 1% of them.

The old model is `generate.py`'s (cached by `ensure`); the new one is the same text with one body in a hundred
edited: half renamed, half given another kind (a line edit each, so nothing else moves). In process, each run
loads both files, compares them (`govgraph.diff`) and words the report (`diff_text`, `diff_data`), the steps
taking turns (`timing.in_turns`); the table gives the median and best of ``--repeat`` runs of each step, after one
warm-up, and loading's share of load and compare is taken in each turn. The command as a user runs it
(`govgraph diff OLD NEW`, a fresh process started from a small worker, `timing.run_command`) is timed too. The
target: the whole comparison under 2 s, its time dominated by loading.

Peak memory: of this process for the steps in process (it holds both models), and of the command (the largest of
its runs).

Usage: ``python benchmarks/bench_diff.py [--size 10000] [--repeat 5]``.
Results are printed as a Markdown table and written to ``benchmarks/results/diff.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import re
import statistics
import sys
from pathlib import Path
from typing import Any

from generate import CACHE_DIR, ensure
from timing import command_times, in_turns, peak_self, spread, timed

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "diff.json"
_BODY = re.compile(r"^  (b-(\d+)):\n    name: (.*)\n(    short: .*\n)?    kind: (\w+)\n", re.MULTILINE)


def edited(size: int) -> tuple[Path, Path, int]:
    """The old model, the new one (1% of bodies edited, cached beside it) and how many bodies were edited."""
    old = ensure(size)
    new = CACHE_DIR / f"synthetic-{size}-edited.yaml"
    count = 0

    def edit(match: re.Match[str]) -> str:
        nonlocal count
        index = int(match.group(2))
        if index % 200 not in (7, 107):
            return match.group(0)
        count += 1
        name, short, kind = match.group(3), match.group(4) or "", match.group(5)
        if index % 200 == 7:
            name += " (renamed)"
        else:
            kind = "team" if kind != "team" else "project"
        return f"  {match.group(1)}:\n    name: {name}\n{short}    kind: {kind}\n"

    text = _BODY.sub(edit, old.read_text(encoding="utf-8"))
    new.write_text(text, encoding="utf-8")
    return old, new, count


def measure(old: Path, new: Path, repeat: int) -> tuple[dict[str, list[float]], int]:
    sys.path.insert(0, str(HERE.parent / "src"))  # when govgraph is not installed, use the checkout
    import govgraph
    from govgraph.render.changelog import diff_data, diff_text

    a, b = govgraph.load(old), govgraph.load(new)
    changes = govgraph.diff(a, b)
    steps = {
        "load both": lambda: (govgraph.load(old), govgraph.load(new)),
        "diff": lambda: govgraph.diff(a, b),
        "text report": lambda: diff_text(changes),
        "json report": lambda: diff_data(changes),
    }
    found = in_turns([timed(step) for step in steps.values()], repeat)
    return dict(zip(steps, found, strict=True)), len(changes.changes)


def command(old: Path, new: Path, repeat: int) -> tuple[list[float], int]:
    """Wall times of `govgraph diff OLD NEW` and its peak memory."""
    govgraph = Path(sys.executable).parent / "govgraph"
    return command_times([str(govgraph), "diff", str(old), str(new)], repeat)


def _s(times: list[float]) -> str:
    return f"{statistics.median(times):.3f} s (best {min(times):.3f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark govgraph diff.")
    parser.add_argument("--size", type=int, default=10_000, help="bodies in each model (%(default)s)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each step (%(default)s)")
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write results (default %(default)s)")
    args = parser.parse_args(argv)

    old, new, edits = edited(args.size)
    steps, changes = measure(old, new, args.repeat)
    peak = peak_self()
    whole, command_peak = command(old, new, args.repeat)
    print(f"Two synthetic models of {args.size} bodies, {edits} of them edited ({changes} changes found):\n")
    print("| step | median (best) |\n|---|---|")
    for name, taken in steps.items():
        print(f"| {name} | {_s(taken)} |")
    print(f"| `govgraph diff OLD NEW` (whole command) | {_s(whole)} |")
    print(f"\npeak memory: {peak / 2**20:.0f} MiB in process (both models), {command_peak / 2**20:.0f} MiB the command")
    share = spread([load / (load + compare) for load, compare in zip(steps["load both"], steps["diff"], strict=True)])
    print(
        f"\nloading is {share['median']:.0%} of load + diff ({share['min']:.0%}-{share['max']:.0%}, taken in each "
        "turn); target: the command under 2 s"
    )

    document: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "size": args.size,
        "bodies_edited": edits,
        "changes_found": changes,
        "in_process_s": steps,
        "command_s": whole,
        "peak_rss_bytes": peak,
        "command_peak_rss_bytes": command_peak,
        "target_s": 2.0,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
