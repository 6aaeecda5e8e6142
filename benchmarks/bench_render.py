"""Benchmark diagrams (issue 5): govgraph's own share of a render beside the Graphviz engine's layout time.

For synthetic models (`generate.py`) of each ``--sizes`` (default 100, 1,000 and 5,000 bodies), after loading:

    select   ``select_view(model)``: the whole model
    dot      ``diagram_dot(diagram)``: building and escaping the DOT text
    engine   the engine alone on that DOT text (``run_engine(dot, "svg")``)
    whole    ``render_diagram(diagram, "svg")``: DOT, engine and SVG post-processing together
    share    (whole - engine) / engine: govgraph's own share, to keep under 10%

and the same for a focused view (the middle body of the deepest level, two levels up and down), which is what
to draw instead when the whole model's layout takes too long. The engine runs with ``--timeout`` seconds; a
layout that takes longer is reported as such rather than waited for.

Usage: ``python benchmarks/bench_render.py [--sizes 100,1000,5000] [--repeat 3] [--timeout 300]``.
Results are printed as a Markdown table and written to ``benchmarks/results/render.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generate import ensure
from govgraph.errors import EngineFailed
from govgraph.loading import load
from govgraph.model import Model
from govgraph.render.diagram import render_diagram
from govgraph.render.dot import diagram_dot
from govgraph.render.engine import find_engine, run_engine
from govgraph.views import Diagram, select_view

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "render.json"


def _median(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _focus(model: Model) -> str:
    # A body with lines both ways: one that something reports into and that reports to something.
    targets = {r.target for r in model.relations() if r.kind == "reports_to"}
    sources = sorted(b for b, body in model.bodies.items() if body.lines("reports_to") and b in targets)
    return sources[len(sources) // 2] if sources else sorted(model.bodies)[0]


def measure(diagram: Diagram, repeat: int, timeout: float) -> dict[str, Any]:
    """Times, in seconds, for one diagram."""
    row: dict[str, Any] = {"bodies": len(diagram.nodes), "lines": len(diagram.edges)}
    row["dot"] = _median(lambda: diagram_dot(diagram), repeat)
    dot = diagram_dot(diagram)
    try:
        row["engine"] = _median(lambda: run_engine(dot, "svg", timeout=timeout), repeat)
        row["whole"] = _median(lambda: render_diagram(diagram, "svg", timeout=timeout), repeat)
        row["share"] = (row["whole"] - row["engine"]) / row["engine"]
    except EngineFailed as exc:
        row["engine"] = row["whole"] = row["share"] = None
        row["error"] = exc.reason
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args(argv)
    engine = find_engine()
    results: list[dict[str, Any]] = []
    for size in (int(s) for s in args.sizes.split(",")):
        model = load(ensure(size))
        select = _median(lambda model=model: select_view(model), args.repeat)  # type: ignore[misc]
        whole = measure(select_view(model), args.repeat, args.timeout)
        focus = _focus(model)
        local = measure(select_view(model, focus=focus, up=2, down=2), args.repeat, args.timeout)
        results.append({"size": size, "select": select, "whole_model": whole, "focus": focus, "focused": local})

    def cell(value: float | None) -> str:
        return "timeout" if value is None else f"{value * 1000:.1f} ms"

    print("| bodies | view | drawn | select | dot | engine | whole | govgraph share |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        for name, row in (("whole model", r["whole_model"]), ("focus ±2", r["focused"])):
            share = "n/a" if row["share"] is None else f"{row['share']:.1%}"
            print(
                f"| {r['size']} | {name} | {row['bodies']} | {cell(r['select'])} | {cell(row['dot'])} | "
                f"{cell(row['engine'])} | {cell(row['whole'])} | {share} |"
            )
    RESULTS.parent.mkdir(exist_ok=True)
    document = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.platform(),
        "engine": engine,
        "repeat": args.repeat,
        "results": results,
    }
    RESULTS.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
