"""One table across all the benchmarks: the median and peak memory of every scenario, and the targets of issue 10.

Reads what the benchmark scripts wrote in ``benchmarks/results/`` (it runs none of them), prints the Markdown that
the README's Speed section carries (the machine, the table, its notes) and writes it with the rows behind it to
``benchmarks/results/summary.json``. ``make bench`` runs it last; ``make bench-summary`` runs only it.

The machine is read here, when the summary is made (CPU model from ``/proc/cpuinfo``, cores, Python, libyaml and
the Graphviz the benchmarks used); a note says so when the results record another Python or number of cores.

Usage: ``python benchmarks/summary.py [--results DIR] [--json FILE] [--readme README.md]``; with ``--readme``
the part of that file between ``<!-- bench-summary -->`` and ``<!-- /bench-summary -->`` is replaced too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from bench_load import DEFAULT_SIZES
from timing import CONFIDENCE, interval_of, verdict

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
START, END = "<!-- bench-summary -->", "<!-- /bench-summary -->"
GB = 10**9
MIB = 2**20

# Where a row's peak memory comes from.
OWN = "own"  # the scenario's own process: a fresh worker, or the command's largest process
SHARED = "shared"  # the benchmark process that ran this scenario among others: an upper bound


@dataclass
class Row:
    """One line of the table."""

    group: str
    scenario: str
    bodies: str
    median_s: float | None
    runs: int | None
    peak_rss_bytes: int | None = None
    peak_of: str | None = None
    target: str = ""
    met: bool | None = None
    unsure: bool = False  # the median is within the target, but not all of its interval (`timing.verdict`)
    measured: str = ""  # the figure held against the target when it is not the median itself
    source: str = ""
    status: str = "ok"  # or why there is no median: "not measured", "error: ...", "timeout: ..."


Document = dict[str, Any]


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _bodies(n: int) -> str:
    return f"{n:,}"


def _range(found: dict[str, Any], unit: str = "x", digits: int = 2) -> str:
    """A figure taken in each turn (`timing.spread`): its median, with its range."""
    low, median, high = (f"{found[key]:.{digits}f}" for key in ("min", "median", "max"))
    return f"{median}{unit}, {low}-{high}{unit}"


def _judged(row: Row, found: dict[str, Any], limit: float) -> None:
    """Hold a figure taken in turns against `limit` (`timing.verdict`), and say it with where its median lies."""
    judged = verdict(found, limit)
    row.met, row.unsure = judged is not False, judged is None
    row.measured = _range(found, "x")
    interval = interval_of(found)
    if interval is not None:
        row.measured += f"; median within {interval[0]:.2f}-{interval[1]:.2f}x ({CONFIDENCE:.0%})"


def load_rows(doc: Document) -> Iterator[Row]:
    """Loading, checking and the peers beneath them (load.json), one row per scenario and size."""
    found = {(r["scenario"], r["bodies"]): r for r in doc["results"]}
    sizes = sorted({r["bodies"] for r in doc["results"]} | set(DEFAULT_SIZES))
    names = {
        "govgraph": ("load", "govgraph.load, the file read afresh"),
        "check": ("check", "govgraph load + all checks, the file read afresh"),
        "kept": ("check", "govgraph load + all checks, the model kept from a run before"),
        "parse": ("peer", "libyaml event parse (the floor for loading)"),
        "load": ("peer", "yaml.load, C loader"),
        "yamllint": ("peer", "yamllint, syntax only"),
    }
    for scenario, (group, label) in names.items():
        for n in sizes:
            r = found.get((scenario, n))
            row = Row(group, label, _bodies(n), None, None, source="load.json", status="not measured")
            if r is not None and r["status"] == "ok":
                row.median_s, row.runs, row.status = r["median_s"], len(r["times_s"]), "ok"
                row.peak_rss_bytes, row.peak_of = r["peak_rss_bytes"], OWN
            elif r is not None:
                row.status = f"{r['status']}: {r.get('detail', '')}"[:80]
            elif n not in DEFAULT_SIZES:
                continue  # an extra size measured for some scenarios only
            if scenario == "check" and n == 10_000:
                row.target = "≤ 4x the libyaml parse, in alternation"
                ratio = None if r is None else r.get("ratio_to_parse")
                if isinstance(ratio, dict):  # older results hold a ratio of medians, not one taken in turns
                    _judged(row, ratio, 4)
            elif scenario == "check" and n == 100_000:
                row.target = "< 20 s and < 2 GB"
                if row.median_s is not None and row.peak_rss_bytes is not None:
                    row.met = row.median_s < 20 and row.peak_rss_bytes < 2 * GB
            yield row
    yield from shape_load_rows(doc)
    terms = doc.get("terms")
    if terms:
        label = "govgraph load + all checks, terms of reference on every body, the file read afresh"
        row = Row("check", label, _bodies(terms.get("bodies", 0)), None, None, source="load.json")
        row.status = "not measured"
        if terms["status"] == "ok":
            row.median_s, row.runs, row.status = _median(terms["check_s"]), len(terms["check_s"]), "ok"
            row.target = "≤ 4x the libyaml parse, in alternation"
            _judged(row, terms["ratios"], terms.get("target", 4))
        else:
            row.status = f"{terms['status']}: {terms.get('detail', '')}"[:80]
        yield row
    growth = doc.get("growth")
    if growth:
        label = f"growth of load + all checks, {growth['from']:,} to {growth['to']:,} bodies (alternating rounds)"
        row = Row("check", label, f"{growth['to']:,}", None, None, source="load.json", status="not measured")
        if growth["status"] == "ok":
            check, parse = growth["check"], growth["parse"]
            row.median_s, row.runs, row.status = _median(check["large_s"]), len(check["large_s"]), "ok"
            row.target = "linear: no more than the bare parse's growth (+10%)"
            row.met = growth["linear"]
            row.measured = f"{check['ratio']:.1f}x (parse {parse['ratio']:.1f}x)"
            if "ratios" in check:
                row.measured = f"{_range(check['ratios'], 'x', 1)} (parse {_range(parse['ratios'], 'x', 1)})"
        else:
            row.status = f"{growth['status']}: {growth.get('detail', '')}"[:80]
        yield row


#: The shapes made to hurt (benchmarks/generate.py SHAPES) in words, by the size of each.
SHAPE_WORDS = {
    "ignores": "{n:,} committees, each with an ignore: entry",
    "deep": "a line {n:,} bodies deep",
    "ladder": "a ladder of {n} bodies",
    "dense": "{n:,} bodies, each reporting to every one before it",
}
LINEAR = "linear: grows no faster than its input"


def _shape_row(group: str, shape: dict[str, Any], label: str, source: str) -> Row:
    """The larger size of a shape measured at two, held against the growth of its input."""
    small, large = shape["sizes"]
    words = SHAPE_WORDS[shape["shape"]].format(n=large)
    # A question's growth is judged on processor time (bench_queries.py), so its median is of processor time too.
    taken = shape.get("large_cpu_s", shape["large_s"])
    of_cpu = ", processor time" if "large_cpu_s" in shape else ""
    row = Row(group, f"{label}, {words}{of_cpu}", _bodies(large), _median(taken), len(taken))
    row.source, row.target, row.met = source, LINEAR, shape["linear"]
    unit = f" {shape['counted']}" if shape.get("counted") == "lines" else ""
    row.measured = f"{shape['ratio']:.2f}x from {small:,} for {shape['input_ratio']:.2f}x the input{unit}, in turns"
    return row


def shape_load_rows(doc: Document) -> Iterator[Row]:
    """Load and all checks of the shapes made to hurt, each at two sizes (load.json), and their peers."""
    for shape in doc.get("shapes", []):
        if shape["status"] != "ok":
            row = Row("check", SHAPE_WORDS[shape["shape"]].format(n=0), "-", None, None, source="load.json")
            row.status = f"error: {shape['detail']}"[:80]
            yield row
            continue
        row = _shape_row("check", shape, "govgraph load + all checks", "load.json")
        row.peak_rss_bytes = None
        yield row
        peer = shape.get("peer")
        if peer:
            large = shape["sizes"][1]
            label = f"load + all checks, the same {large:,} committees without their ignore: entries"
            yield Row("peer", label, _bodies(large), _median(peer["large_s"]), len(peer["large_s"]), source="load.json")


def query_rows(doc: Document) -> Iterator[Row]:
    """The questions in process after loading, and the cold start of `govgraph path` (queries.json)."""
    size = doc["size"]
    for name, taken in doc["in_process_s"].items():
        if name == "load":
            continue  # one run, for the split; loading has its own rows
        row = Row("query", name, _bodies(size), _median(taken), len(taken), source="queries.json")
        row.peak_rss_bytes, row.peak_of = doc.get("peak_rss_bytes"), SHARED
        if size == 10_000:
            row.target, row.met = "< 10 ms", row.median_s is not None and row.median_s < 0.010
        yield row
    for shape in doc.get("shapes", []):
        row = _shape_row("query", shape, shape["question"], "queries.json")
        row.peak_rss_bytes, row.peak_of = doc.get("peak_rss_bytes"), SHARED
        yield row
    for case in doc.get("algorithms", []):
        for i, (name, taken) in enumerate(case["times_s"].items()):
            row = Row("algorithm" if i == 0 else "peer", f"{case['what']}: {name}", "-", _median(taken), len(taken))
            row.source = "queries.json"
            yield row
    peaks = doc.get("cold_start_peak_rss_bytes", {})
    for i, (name, taken) in enumerate(doc["cold_start_s"].items()):
        row = Row("cold start" if i == 0 else "peer", f"`{name}`", "London (29)", _median(taken), len(taken))
        row.source = "queries.json"
        row.peak_rss_bytes, row.peak_of = peaks.get(name), OWN
        if i == 0:
            ratio = doc["cold_start_ratio"]
            row.target = "≤ 1.5x the bare imports, in alternation"
            if isinstance(ratio, dict):  # older results hold a ratio of medians, not one taken in turns
                _judged(row, ratio, 1.5)
        yield row


def render_rows(doc: Document) -> Iterator[Row]:
    """A diagram: govgraph's whole render beside the engine alone, and what it adds to the engine's time
    (render.json)."""
    runs = doc.get("repeat")
    target = doc.get("target", {})
    for result in doc["results"]:
        size = result["size"]
        for key, view in (("whole_model", "whole model"), ("focused", "focused view (±2)")):
            r = result[key]
            bodies = _bodies(size) if key == "whole_model" else f"{size:,} (draws {r['bodies']})"
            # A slow layout is run fewer times after its warm-up (bench_render.SLOW_RUNS): its row gives its own count.
            taken = r.get("runs", runs)
            mine = Row("render", f"{view}: govgraph (view, DOT, engine, SVG)", bodies, r.get("whole"), taken)
            mine.source = "render.json"
            engine = Row("peer", f"render {view}: the engine alone", bodies, r.get("engine"), taken)
            engine.source = "render.json"
            beyond = r.get("beyond")
            if isinstance(beyond, dict):
                low, median, high = (_seconds(beyond[k]) for k in ("min", "median", "max"))
                mine.measured = f"{median} beyond the engine, {low} to {high}"
                if key == "whole_model" and target and r["bodies"] == target.get("bodies"):
                    limit = target["beyond_engine_s"]
                    mine.target = f"< {_seconds(limit)} beyond the engine"
                    mine.met = beyond["median"] < limit
            if r.get("error"):
                mine.status = engine.status = f"engine failed: {r['error']}"[:80]
            yield mine
            yield engine


def html_rows(doc: Document) -> Iterator[Row]:
    """The interactive page: building it, and its time to ready in Chromium (html.json)."""
    targets = doc.get("targets", {})
    for r in doc["results"]:
        bodies = "London (29)" if r["model"] == "london" else _bodies(r["bodies"])
        build = Row("page", "interactive page: build", bodies, r["build_s"], 1, source="html.json")
        build.peak_rss_bytes, build.peak_of = doc.get("peak_rss_bytes"), SHARED
        if r["model"] == "london" and "london_size_bytes" in targets:
            limit = targets["london_size_bytes"]
            build.target = f"page < {limit // 1000:,} KB"
            build.met, build.measured = r["size_bytes"] < limit, f"{r['size_bytes'] // 1000:,} KB"
        yield build
        runs = len(r.get("interactive_runs_s", [])) or None
        ready = Row("page", "interactive page: ready in Chromium", bodies, r["interactive_s"], runs, source="html.json")
        if r["bodies"] == 1000 and "interactive_1000_s" in targets:
            ready.target = f"< {targets['interactive_1000_s']:g} s"
            ready.met = r["interactive_s"] < targets["interactive_1000_s"]
        yield ready


def diagram_rows(doc: Document) -> Iterator[Row]:
    """Diagrams on paper and on screen (diagrams.json, issue 22): drawing a whole model as sheets readable on A4,
    and the interactive page's time to ready and frame time while zooming."""
    target = doc.get("target_pt", 7.0)
    for r in doc["results"]:
        bodies = f"London ({r['bodies']})" if r["model"] == "london" else _bodies(r["bodies"])
        label = "London model" if r["model"] == "london" else f"{r['shape']} shape"
        row = Row("diagram", f"{label}: every sheet, laid out (A4)", bodies, r["layout_s"], r["runs"])
        row.source = "diagrams.json"
        row.target, row.met = f"names ≥ {target:g} pt on A4", r["readable"]
        row.measured = f"{r['diagrams']} diagram{'s' if r['diagrams'] != 1 else ''}, {r['smallest_pt']:.1f} pt"
        yield row
    smallest = {p["shape"]: p for p in doc.get("pages", []) if p["model"] != "london"}
    for p in doc.get("pages", []):
        small = smallest.get(p["shape"])
        for other in doc.get("pages", []):
            if other["shape"] == p["shape"] and other["bodies"] < (small or p)["bodies"]:
                small = other
        bodies = f"London ({p['bodies']})" if p["model"] == "london" else _bodies(p["bodies"])
        label = "London model" if p["model"] == "london" else f"{p['shape']} shape"
        row = Row("page", f"interactive page ({label}): ready in Chromium", bodies, p["ready_s"], p["runs"])
        row.source = "diagrams.json"
        if small is not None and small is not p and p["model"] != "london":
            # As responsive as the smallest: its frames while zooming no longer than that page's (a frame of
            # leeway, 16.7 ms, for the machine's own jitter).
            row.target = f"zoom frame as at {small['bodies']} bodies"
            row.met = p["frame_p95_ms"] <= small["frame_p95_ms"] + 16.7
            row.measured = f"{p['frame_ms']:.1f} / {p['frame_p95_ms']:.1f} ms, {small['bodies']}: " + (
                f"{small['frame_ms']:.1f} / {small['frame_p95_ms']:.1f} ms"
            )
        yield row


def diagram_table(doc: Document) -> list[str]:
    """The README's table of how each structure's diagrams print (diagrams.json)."""
    lines = [
        "| model | bodies | diagrams | smallest median name | smallest name (dot / graphviz-pure) | largest aspect "
        "| plan | layout |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in doc["results"]:
        name = "London" if r["model"] == "london" else r["shape"]
        pure = f" / {r['smallest_pure_pt']:.1f}" if r.get("smallest_pure_pt") is not None else ""
        lines.append(
            f"| {name} | {r['bodies']:,} | {r['diagrams']} | {r['median_pt']:.1f} pt | {r['smallest_pt']:.1f}{pure} pt "
            f"| {r['largest_aspect']:.1f} | {_seconds(r['plan_s'])} | {_seconds(r['layout_s'])} |"
        )
    lines += [
        "",
        "| page | bodies | size | ready in Chromium | frame while zooming (median, 95th percentile) |",
        "|---|---:|---:|---:|---:|",
    ]
    for p in doc.get("pages", []):
        name = "London" if p["model"] == "london" else p["shape"]
        lines.append(
            f"| {name} | {p['bodies']:,} | {p['size_bytes'] // 1024:,} KB | {_seconds(p['ready_s'])} | "
            f"{p['frame_ms']:.1f} ms, {p['frame_p95_ms']:.1f} ms |"
        )
    return lines


def build_rows(doc: Document) -> Iterator[Row]:
    """The documentation build, the command timed whole (build.json)."""
    steps = {
        "full": "full",
        "no_change": "no change (the model read before kept, as by default)",
        "no_change_read_again": "no change, the model read again (`GOVGRAPH_CACHE=off`)",
        "one_body": "one body renamed",
        "check": "`--check`",
    }
    for r in doc["results"]:
        london = r["model"] == "London"
        bodies = f"London ({r['bodies']})" if london else _bodies(r["bodies"])
        peaks = r.get("peak_rss_bytes", {})
        # Issue 6's no-change target is for the London model; its (and issue 10's) full and one-body targets for
        # 1,000 bodies.
        targets = {"no_change": 0.5} if london else {"full": 60.0, "one_body": 5.0} if r["bodies"] == 1000 else {}
        for key, label in steps.items():
            if key not in r:
                continue  # older results
            runs = len(r.get(f"{key}_runs_s", [])) or doc.get("repeat")
            row = Row("build", label, bodies, r[key], runs, source="build.json")
            row.peak_rss_bytes, row.peak_of = peaks.get(key), OWN
            ratio = r.get(f"{key}_to_reference")
            if ratio is not None:
                row.measured = f"{_range(ratio, 'x', 1)} `python -c pass`, in alternation"
            if key in targets:
                row.target, row.met = f"< {targets[key]:g} s", r[key] < targets[key]
            yield row


def diff_rows(doc: Document) -> Iterator[Row]:
    """Two models that differ in 1% of their bodies: the steps in process and the command (diff.json)."""
    bodies = _bodies(doc["size"])
    labels = {"load both": "load both models", "diff": "compare (govgraph.diff)"}
    for name, taken in doc["in_process_s"].items():
        row = Row("diff", labels.get(name, name), bodies, _median(taken), len(taken), source="diff.json")
        row.peak_rss_bytes, row.peak_of = doc.get("peak_rss_bytes"), SHARED
        yield row
    whole = doc["command_s"]
    row = Row("diff", "`govgraph diff OLD NEW`", bodies, _median(whole), len(whole), source="diff.json")
    row.peak_rss_bytes, row.peak_of = doc.get("command_peak_rss_bytes"), OWN
    target = doc.get("target_s", 2.0)
    row.target, row.met = f"< {target:g} s", row.median_s is not None and row.median_s < target
    yield row


def exchange_rows(doc: Document) -> Iterator[Row]:
    """Exports of the synthetic model and the organogram import (exchange.json; it records no memory)."""
    target = doc.get("target_seconds_per_export", 2.0)
    for r in doc["results"]:
        size = re.search(r"\d+", r["input"]) if r["what"].startswith("export") else None
        bodies = _bodies(int(size.group())) if size else "-"
        label = r["what"] if size else f"{r['what']} (Cabinet Office 2011)"
        row = Row(
            "export" if size else "import", label, bodies, r["seconds"], doc.get("repeat"), source="exchange.json"
        )
        if size:
            row.target, row.met = f"< {target:g} s", r["seconds"] < target
        yield row


def office_rows(doc: Document) -> Iterator[Row]:
    """The workbook out and in, the London paper and the editable diagrams (office.json; it records no memory)."""
    for r in doc["results"]:
        size = re.search(r"\d+", r["input"])
        bodies = _bodies(int(size.group())) if size and r["input"].startswith("synthetic") else r["input"]
        group = "import" if r["what"].endswith("import") else "export" if r["what"].startswith("workbook") else "office"
        what = r["what"] + (", terms of reference on every body" if "terms of reference" in r["input"] else "")
        row = Row(group, what, bodies, r["seconds"], len(r.get("times_s", [])) or doc.get("repeat"))
        row.source = "office.json"
        if "target_s" in r:
            row.target, row.met = f"< {r['target_s']:g} s", r["seconds"] < r["target_s"]
            if "processor_s" in r:  # a shared machine's time is the others' load too; this is govgraph's own
                row.measured = f"processor {r['processor_s']:.2f} s"
        yield row


def deep_rows(doc: Document) -> Iterator[Row]:
    """A chain as deep as it is long: build --check, and the text trees (deep.json). The target is the growth of
    processor time for twice the bodies (linear: 2); the median is wall time, as elsewhere."""
    limit = doc.get("growth_target", 2.5)
    for r in doc["results"]:
        label = f"`{r['scenario']}`, a chain as deep as it is long"
        row = Row("deep", label, _bodies(r["bodies"]), r["median_s"], doc.get("repeat"), source="deep.json")
        row.peak_rss_bytes, row.peak_of = r.get("peak_rss_bytes"), OWN
        if r.get("growth") is not None:
            row.target, row.met = f"≤ {limit:g}x for 2x bodies, in alternation", r["growth"] <= limit
            found = r.get("growth_in_turns")
            # Older results hold a ratio of medians, not one taken in turns.
            row.measured = _range(found) if found else f"{r['growth']:.2f}x, not in alternation"
        yield row


READERS: list[tuple[str, Callable[[Document], Iterator[Row]]]] = [
    ("load.json", load_rows),
    ("queries.json", query_rows),
    ("render.json", render_rows),
    ("html.json", html_rows),
    ("diagrams.json", diagram_rows),
    ("build.json", build_rows),
    ("diff.json", diff_rows),
    ("exchange.json", exchange_rows),
    ("office.json", office_rows),
    ("deep.json", deep_rows),
]
# In the table's order, the issue's: load and check, the questions, diagrams, (the page), build, diff, exports. Each
# reader yields a peer row after the row it is compared with.


def _date(doc: Document) -> str:
    return str(doc.get("date") or doc.get("when") or "")[:10]


def collect(results: Path) -> tuple[list[Row], dict[str, Document], list[str]]:
    """Every row from the results in `results`, the documents read, and what could not be read."""
    rows: list[Row] = []
    docs: dict[str, Document] = {}
    problems: list[str] = []
    for name, reader in READERS:
        path = results / name
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            found = list(reader(doc))
        except FileNotFoundError:
            problems.append(f"{name}: not found (run its benchmark)")
            continue
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(f"{name}: not understood ({type(exc).__name__}: {exc})")
            continue
        docs[name] = doc
        rows += found
    return rows, docs, problems


def _first_line(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return (done.stdout + done.stderr).strip().splitlines()[0] if (done.stdout + done.stderr).strip() else ""


def machine(docs: dict[str, Document]) -> dict[str, Any]:
    """This machine, and the Graphviz the benchmarks recorded using."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    engine = next((d["engine"] for d in docs.values() if isinstance(d.get("engine"), str)), None)
    engine = engine if engine and Path(engine).exists() else shutil.which("dot")
    graphviz = None
    if engine:
        version = re.search(r"version (\S+)", _first_line([engine, "-V"]))
        name = "Graphviz" if Path(engine).stem == "dot" else Path(engine).stem
        graphviz = f"{name} {version.group(1) if version else '(version unknown)'}"
    libyaml = None
    if yaml.__with_libyaml__:
        from yaml import _yaml

        libyaml = _yaml.get_version_string()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "arch": platform.machine(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pyyaml": yaml.__version__,
        "libyaml": libyaml,
        "graphviz": graphviz,
        "graphviz_path": engine,
    }


def _seconds(value: float) -> str:
    if value < 0.001:
        return f"{value * 1000:.3f} ms"
    if value < 0.1:
        return f"{value * 1000:.1f} ms"
    if value < 10:
        return f"{value:.2f} s"
    return f"{value:.1f} s"


def _peak(row: Row) -> str:
    if row.peak_rss_bytes is None:
        return "-"
    mib = row.peak_rss_bytes / MIB
    figure = f"{mib:,.1f}" if mib < 100 else f"{mib:,.0f}"
    return f"≤ {figure}" if row.peak_of == SHARED else figure


def _met(row: Row) -> str:
    if not row.target:
        return f"({row.measured})" if row.measured else ""
    if row.met is None:
        return "not measured"
    word = "**unsure**" if row.unsure else "yes" if row.met else "**no**"
    return f"{word} ({row.measured})" if row.measured else word


def markdown(rows: list[Row], docs: dict[str, Document], problems: list[str], where: dict[str, Any]) -> str:
    """The README's text: the machine, the table and its notes."""
    dates = sorted({_date(d) for d in docs.values() if _date(d)})
    when = dates[0] if len(dates) == 1 else f"{dates[0]} to {dates[-1]}" if dates else "unknown dates"
    libyaml = f"libyaml {where['libyaml']}" if where["libyaml"] else "no libyaml"
    lines = [
        f"Measured on {where['cpu']} ({where['cores']} cores, {where['arch']}, {where['system']}), Python "
        f"{where['python']}, PyYAML {where['pyyaml']} with {libyaml}, {where['graphviz'] or 'no Graphviz'}; "
        f"results of {when}:",
        "",
        "| what | scenario | bodies | median | runs | peak MiB | target | met |",
        "|---|---|---:|---:|---:|---:|---|---|",
    ]
    for row in rows:
        median = row.status.replace("|", "\\|") if row.median_s is None else _seconds(row.median_s)
        runs = "" if row.runs is None else str(row.runs)
        lines.append(
            f"| {row.group} | {row.scenario} | {row.bodies} | {median} | {runs} | {_peak(row)} | {row.target} | "
            f"{_met(row)} |"
        )
    notes = [
        "Medians of the timed runs after one warm-up, except the full build (each into a new folder) and the page "
        "build (one run); a diagram whose layout takes more than 10 s is timed fewer times after its warm-up (its "
        "row gives how many). The page is ready in a fresh browser context each run.",
        "Every ratio, and a render's time beyond the engine, is taken in alternation: the two things compared take "
        "turns, many times in one run, and the figure is taken in each turn, then its median (its range beside "
        "it). A ratio of two medians measured minutes apart carries the machine's drift into it. Where a ratio is "
        "held to a target, the interval its median lies in with 95% confidence is given too (the sign-test "
        "interval of the turns): the target is met when all of it is within, **unsure** when only the median is.",
        "Peak memory is resident memory in MiB, interpreter and imports included. A plain figure is the scenario's "
        "own: a fresh process for each load, check and peer scenario; for a command (cold start, build, "
        "`govgraph diff`) its largest single process, never shown below the 13 MiB of the small worker that "
        "started it. `≤` marks the peak of the benchmark's own process, which ran the scenario among others (the "
        "questions and the diff steps with the models loaded, the page builds): an upper bound. `-`: not recorded "
        "(the diagram, exchange and office benchmarks record no memory; the browser's is not measured).",
        "Peers (`peer`) run on the same input; the libyaml event parse is the floor for loading. Targets are issue "
        "10's, and `bench_build.py`'s for the no-change build; 2 GB is 2,000,000,000 bytes.",
        "The deep rows' target is issue 19's: no faster growth than the input's. Their growth is of processor time "
        "(`bench_deep.py` gives why), their median of wall time, as elsewhere.",
    ]
    # Each benchmark records the Python and the cores it ran with in its own way.
    recorded: set[str] = set()
    cores: set[int] = set()
    for d in docs.values():
        about = d["machine"] if isinstance(d.get("machine"), dict) else d
        if isinstance(about.get("python"), str):
            recorded.add(about["python"])
        count = about.get("cpu_count") or about.get("cpus")
        if isinstance(count, int):
            cores.add(count)
    if recorded - {where["python"]} or cores - {where["cores"]}:
        notes.append(
            f"The results record Python {', '.join(sorted(recorded))} on {', '.join(map(str, sorted(cores)))} "
            "cores, not all this machine's: the machine above is the one that made this summary."
        )
    notes += [f"Missing: {problem}." for problem in problems]
    out = [*lines, "", *(f"- {note}" for note in notes)]
    if "diagrams.json" in docs:
        # Issue 22's figures: every whole model drawn as diagrams readable on A4 (names at 7 pt or more), and the
        # interactive page at the largest size.
        out += ["", "Diagrams on paper and on screen (`bench_diagrams.py`):", "", *diagram_table(docs["diagrams.json"])]
    return "\n".join(out)


def replace_in_readme(readme: Path, text: str) -> None:
    """Put `text` between the summary's markers in `readme`."""
    content = readme.read_text(encoding="utf-8")
    start, end = content.find(START), content.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"{readme}: no {START} ... {END} markers")
    readme.write_text(content[: start + len(START)] + "\n" + text + "\n" + content[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--results", type=Path, default=RESULTS, help="the benchmarks' results (%(default)s)")
    parser.add_argument("--json", type=Path, help="where to write the summary (default: RESULTS/summary.json)")
    parser.add_argument("--readme", type=Path, help="also replace the summary between the markers in this file")
    args = parser.parse_args(argv)
    rows, docs, problems = collect(args.results)
    where = machine(docs)
    text = markdown(rows, docs, problems, where)
    print(text)
    document = {
        "machine": where,
        "results": {name: _date(doc) for name, doc in docs.items()},
        "missing": problems,
        "rows": [asdict(row) for row in rows],
        "markdown": text,
    }
    target = args.json or args.results / "summary.json"
    target.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.readme:
        replace_in_readme(args.readme, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
