"""Benchmark diagrams (issue 5): govgraph's own share of a render beside the Graphviz engine's layout time.

For synthetic models (`generate.py`) of each ``--sizes`` (default 100, 1,000 and 5,000 bodies), after loading:

    select   ``select_view(model)``: the whole model
    dot      ``diagram_dot(diagram)``: building and escaping the DOT text
    post     ``postprocess_svg`` of the engine's SVG, in one piece, with ``diagram.describe()``: the SVG made safe
             and accessible
    engine   the engine alone on that DOT text (``run_engine(dot, "svg")``: the same command, arguments and input
             that a render gives it, through the same code)
    whole    ``render_diagram(diagram, "svg")``: DOT, engine and SVG post-processing together
    share    (whole - engine) / engine: govgraph's own share of the wait, to keep under 10%; ``whole - engine``
             is the median of the differences between runs taken in the same turn
    own      (dot + post) / engine: govgraph's own work beside the engine's, whether or not it is waited for

The two differ because a render overlaps its work with the engine's. It starts the engine first and builds the
DOT while Graphviz starts up (Graphviz 2.43 loads for a few milliseconds before it reads its input), keeping the
engine off its own processor meanwhile (``govgraph.render.engine._keep_apart``); it reads the SVG as the engine
writes it, and finishes it while the engine exits. Both need a core to spare: on a busy machine ``share`` comes
close to ``own``. ``share`` is what a user waits for beyond the engine; ``own`` is govgraph's processor time,
measured apart from the engine.

Where the wait went at 100 bodies (Graphviz 2.43, two cores), timed within one render: until the engine was kept
apart, 14% of the engine's time (10-16% across runs), almost all of it the DOT (2.2 ms), waited for whole although
the engine had not yet read its input. Linux had started the engine on govgraph's processor and left it there, so
the two took turns: building for 2 ms before writing the DOT cost 1.4-1.9 ms of waiting, sleeping for 1-4 ms
instead cost 0.3-0.5 ms, and building with the engine moved to the other processor cost 0.1-0.3 ms. What is
left is the end of the cleaning: the engine writes its 110 KB of SVG in about 3 ms, and the cleaner is done well
under a millisecond after it.

Three views of each model: the whole model as ``select_view`` gives it, every body drawn (what ``govgraph render
--full`` draws; a structure too large to read on A4 is drawn by plain ``govgraph render`` and the documentation
build as a linked set, whose overview is the third view: ``diagram_sheets``); and a focused view (the middle
body of the deepest level, two levels up and down), which is what to draw when the whole model's layout takes
too long. The engine runs with ``--timeout``
seconds; a layout that takes longer is reported as such rather than waited for.

Timing: each figure is the median of ``--repeat`` runs after a warm-up run (``timing.times``); the engine alone
and the whole render are run in turns, so that a change in the machine's load falls on both, and ``share`` is
taken from the difference within each turn (the machine's speed drifts by 10-30% from minute to minute, which the
difference of two medians takes in). A layout that takes longer than ``SLOW`` seconds is run ``SLOW_RUNS`` times
after its warm-up, not ``--repeat`` times (the 5,000-body model's whole drawing takes Graphviz 2.43 most of a
minute, and one turn's difference is lost in that layout's own variation of a minute to the next, -10% and +17%
in two single runs); ``runs`` in the results says how many.

Usage: ``python benchmarks/bench_render.py [--sizes 100,1000,5000] [--repeat 5] [--timeout 300]``.
Results are printed as a Markdown table and written to ``benchmarks/results/render.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generate import ensure
from govgraph.errors import EngineFailed
from govgraph.loading import load
from govgraph.model import Model
from govgraph.render.diagram import diagram_sheets, render_diagram
from govgraph.render.dot import diagram_dot
from govgraph.render.engine import find_engine, run_engine
from govgraph.render.svg import id_prefix, postprocess_svg
from govgraph.views import Diagram, ViewSelection, select_view
from timing import times

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "render.json"
#: Seconds: a layout slower than this is run `SLOW_RUNS` times after its warm-up.
SLOW = 10.0
SLOW_RUNS = 3


def _median(function: Callable[[], object], repeat: int) -> float:
    return statistics.median(times(function, repeat))


def _in_turns(
    first: Callable[[], object], second: Callable[[], object], repeat: int
) -> tuple[float, float, float, int]:
    """Medians of `first` and `second` run in turns, each after a warm-up; the median of what `second` took beyond
    `first` in the same turn; and the runs of each. Which of the two goes first changes from one turn to the next,
    so that a machine slowing down or speeding up does not fall on the same one each time."""
    found: tuple[list[float], list[float]] = ([], [])
    runs = repeat
    for index in range(repeat + 1):
        turn = ((first, found[0]), (second, found[1]))
        for function, into in turn if index % 2 else turn[::-1]:
            start = time.perf_counter()
            function()
            if index:
                into.append(time.perf_counter() - start)
            elif time.perf_counter() - start > SLOW:
                runs = min(repeat, SLOW_RUNS)
        if index >= runs:
            break
    beyond = statistics.median(b - a for a, b in zip(*found, strict=True))
    return statistics.median(found[0]), statistics.median(found[1]), beyond, runs


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
        svg = run_engine(dot, "svg", timeout=timeout)
    except EngineFailed as exc:
        row["engine"] = row["whole"] = row["share"] = row["post"] = row["own"] = None
        row["error"] = exc.reason
        return row
    prefix = id_prefix(diagram.id)
    row["post"] = _median(
        lambda: postprocess_svg(svg, title=diagram.title, description=diagram.describe(), prefix=prefix), repeat
    )
    row["engine"], row["whole"], beyond, row["runs"] = _in_turns(
        lambda: run_engine(dot, "svg", timeout=timeout), lambda: render_diagram(diagram, "svg", timeout=timeout), repeat
    )
    row["share"] = beyond / row["engine"]
    row["own"] = (row["dot"] + row["post"]) / row["engine"]
    return row


def _engine_version(engine: str) -> str:
    done = subprocess.run([engine, "-V"], capture_output=True, text=True, check=False)
    return (done.stderr or done.stdout).strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args(argv)
    engine = find_engine()
    load_before = os.getloadavg()
    results: list[dict[str, Any]] = []
    for size in (int(s) for s in args.sizes.split(",")):
        model = load(ensure(size))
        select = _median(lambda model=model: select_view(model), args.repeat)  # type: ignore[misc]
        whole = select_view(model)
        result: dict[str, Any] = {
            "size": size,
            "select": select,
            "whole_model": measure(whole, args.repeat, args.timeout),
        }
        sheets = diagram_sheets(whole)
        if len(sheets) > 1:
            result["summary"] = measure(sheets[0], args.repeat, args.timeout)
        result["focus"] = _focus(model)
        local = select_view(model, ViewSelection(focus=result["focus"], up=2, down=2))
        result["focused"] = measure(local, args.repeat, args.timeout)
        results.append(result)
        print(f"measured {size:,} bodies", flush=True)

    def cell(value: float | None) -> str:
        return "timeout" if value is None else f"{value * 1000:,.1f} ms"

    def share(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.1%}"

    print("| bodies | view | drawn | select | dot | post | engine | whole | share (waited) | own (work) | runs |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    views = (("whole model", "whole_model"), ("overview sheet", "summary"), ("focus ±2", "focused"))
    for r in results:
        for name, key in views:
            if key not in r:
                continue
            row = r[key]
            print(
                f"| {r['size']:,} | {name} | {row['bodies']:,} | {cell(r['select'])} | {cell(row['dot'])} | "
                f"{cell(row['post'])} | {cell(row['engine'])} | {cell(row['whole'])} | {share(row['share'])} | "
                f"{share(row['own'])} | {row.get('runs', '-')} |"
            )
    RESULTS.parent.mkdir(exist_ok=True)
    document = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": {"before": load_before, "after": os.getloadavg()},
        "engine": engine,
        "engine_version": _engine_version(engine),
        "repeat": args.repeat,
        "results": results,
    }
    RESULTS.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
