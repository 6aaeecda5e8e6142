"""Benchmark the documentation build (issue 6), as a user runs it: the `govgraph build` command, timed whole.

Scenarios, each on a fresh copy of the model in a temporary folder:

    full        ``govgraph build`` into an empty folder (every page written, every diagram drawn)
    no-change   the same command again: nothing changed, nothing written (target: under 0.5 s), as a user runs it,
                the model read before kept and read back (`govgraph.loading.cache`, in a folder of the benchmark's
                own); and with the model read again (``GOVGRAPH_CACHE=off``, as every other scenario here runs)
    one-body    one body renamed in the model, then ``govgraph build`` (target on 1,000 bodies: under 5 s)
    check       ``govgraph build --check`` on the current folder (what CI runs; no engine needed)

for the London model and synthetic models (`generate.py`) of ``--sizes`` bodies (default 1,000; target for the
full build: under 60 s on 2 cores). Each timing is the median of ``--repeat`` runs after a warm-up, except the
full build, which is run ``--repeat`` times into new folders, and the no-change rebuild, which is run ``--turns``
times in turns with ``python -c pass`` (`timing.commands_in_turns`): this machine is shared, and the ratio of the
two, taken in each turn, says how much of a slow figure is the machine's (the absolute figure is the target's; the
ratio and its range are recorded beside it). Each command is started from a small worker
(`timing.run_command`), which times it and reads its peak memory: for each scenario, the largest of its runs, of
the largest single process (govgraph, or a Graphviz it ran).

Usage: ``python benchmarks/bench_build.py [--sizes 1000] [--repeat 3] [--turns 11]``.
Results are printed as a Markdown table and written to ``benchmarks/results/build.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from generate import ensure
from timing import commands_in_turns, per_turn, run_command

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results" / "build.json"
GOVGRAPH = str(Path(sys.executable).with_name("govgraph"))


def _timed(args: list[str], cwd: Path, peaks: list[int], expect: int = 0) -> float:
    """The wall time of `govgraph ARGS`; its peak memory is added to `peaks`."""
    done = run_command([GOVGRAPH, *args], cwd=cwd)
    if done.returncode != expect:
        raise SystemExit(f"govgraph {' '.join(args)} exited {done.returncode}: {done.stderr}")
    peaks.append(done.peak_rss_bytes)
    return done.seconds


def _rename_one(model: Path) -> None:
    """Rename the first body whose name is a plain `name: ...` line (a one-body change)."""
    text = model.read_text(encoding="utf-8")
    match = re.search(r"^(\s+name: )(.+)$", text[text.index("bodies:") :], re.MULTILINE)
    assert match is not None
    start = text.index("bodies:") + match.start(2)
    model.write_text(text[:start] + "Renamed " + text[start:], encoding="utf-8")


#: The reference command the no-change rebuild takes turns with.
REFERENCE = [sys.executable, "-c", "pass"]


def measure(label: str, source: Path, repeat: int, turns: int) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="govgraph-bench-build-"))
    try:
        (work / "model").mkdir()
        model = work / "model" / "governance.yaml"
        shutil.copy(source, model)
        peaks: dict[str, list[int]] = {"full": [], "no_change": [], "one_body": [], "check": []}
        full = []
        for i in range(repeat):
            full.append(_timed(["build", str(model), "-o", str(work / f"out{i}")], work, peaks["full"]))
        target = work / "out0"
        # As a user runs it: the model read once is kept (in a folder of the benchmark's own), and read back.
        kept = ["env", f"GOVGRAPH_CACHE={work / 'cache'}", GOVGRAPH, "build", str(model), "-o", str(target)]
        again = [GOVGRAPH, "build", str(model), "-o", str(target)]
        (no_change, read_again, reference), (peak, peak_again, _) = commands_in_turns(
            [kept, again, REFERENCE], turns, cwd=work
        )
        peaks["no_change"].append(peak)
        peaks["no_change_read_again"] = [peak_again]
        check = [
            _timed(["build", str(model), "-o", str(target), "--check"], work, peaks["check"]) for _ in range(repeat)
        ]
        one_body = []
        for _ in range(repeat):
            _rename_one(model)
            one_body.append(_timed(["build", str(model), "-o", str(target)], work, peaks["one_body"]))
        files = sum(1 for p in target.rglob("*") if p.is_file())
        return {
            "model": label,
            "bodies": model.read_text(encoding="utf-8").count("\n    kind: "),
            "files": files,
            "full": statistics.median(full),
            "no_change": statistics.median(no_change),
            "no_change_runs_s": no_change,
            "reference": {"command": "python -c pass", "runs_s": reference, "median": statistics.median(reference)},
            "no_change_to_reference": per_turn(no_change, reference),
            "no_change_read_again": statistics.median(read_again),
            "no_change_read_again_runs_s": read_again,
            "no_change_read_again_to_reference": per_turn(read_again, reference),
            "one_body": statistics.median(one_body),
            "check": statistics.median(check),
            "peak_rss_bytes": {name: max(found) for name, found in peaks.items()},
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _in_turns(r: dict[str, Any], key: str) -> str:
    runs, ratio = r[f"{key}_runs_s"], r[f"{key}_to_reference"]
    return (
        f"{r[key]:.2f} s ({min(runs):.2f}-{max(runs):.2f}; {ratio['median']:.1f}x, "
        f"{ratio['min']:.1f}-{ratio['max']:.1f}x)"
    )


def table(rows: list[dict[str, Any]]) -> str:
    out = [
        "| model | bodies | files | full build | no-change rebuild (range; x `python -c pass`) | the same, model read "
        "again | one-body rebuild | --check | peak (full build) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        out.append(
            f"| {r['model']} | {r['bodies']:,} | {r['files']:,} | {r['full']:.2f} s | {_in_turns(r, 'no_change')} "
            f"| {_in_turns(r, 'no_change_read_again')} | {r['one_body']:.2f} s | {r['check']:.2f} s "
            f"| {r['peak_rss_bytes']['full'] / 2**20:.0f} MiB |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000", help="comma-separated synthetic model sizes")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--turns", type=int, default=11, help="turns of the no-change rebuild and python -c pass")
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write results (default %(default)s)")
    args = parser.parse_args(argv)
    from govgraph.render.engine import find_engine

    rows = [measure("London", REPO / "data" / "governance.yaml", args.repeat, args.turns)]
    for size in (int(s) for s in args.sizes.split(",") if s):
        rows.append(measure(f"synthetic {size:,}", ensure(size), args.repeat, args.turns))
    print(table(rows))
    document = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "engine": find_engine(),
        "repeat": args.repeat,
        "turns": args.turns,
        "results": rows,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
