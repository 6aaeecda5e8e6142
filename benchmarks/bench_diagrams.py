"""Benchmark diagrams on paper and on screen (issue 22): how a structure of any size comes out.

For the London model (`data/governance.yaml`) and synthetic structures (`shapes.py`) of each ``--sizes`` (default
30, 100, 300 and 600 bodies) in four shapes (deep; one top with a hundred bodies; sixty tops; a matrix with dotted
lines), the whole model's diagram as the documentation build and ``govgraph render`` draw it:

    diagrams     how many: one, or an overview and the sheets it links to (``diagram_sheets``)
    median, min  the smallest, over the diagrams, of the body names' median size on an A4 page, and the smallest
                 name of all, in points (``govgraph.render.measure``; target: 7 pt or more everywhere), as the
                 system ``dot`` draws them; ``pure`` is the smallest name as ``graphviz-pure`` draws them
    aspect       the largest aspect ratio of a diagram (longer side over shorter)
    plan         deciding the sheets (no engine: what ``govgraph build --check`` does), the median of ``--repeat``
    layout       plan, DOT and the engine's SVG of every diagram, one after another, once

and, for the interactive page (``html_page``) of each shape at the largest size and at 30 bodies, in the system
Chromium at 1280x800, each run in a fresh browser context, the file loaded from disk:

    ready        from navigation to the page's script having run, read from the page's own clock
    frame        the median and the 95th percentile of the time between frames while the diagram is zoomed
                 in and out by the mouse wheel, one wheel step a frame, for 120 frames

Usage: ``python benchmarks/bench_diagrams.py [--sizes 30,100,300,600] [--repeat 3] [--chromium PATH]``.
Results are printed as Markdown and written to ``benchmarks/results/diagrams.json``; ``summary.py`` puts them in
the README's Speed section.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import shutil
import statistics
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from govgraph.loading import load, load_bytes
from govgraph.model import Model
from govgraph.render.diagram import diagram_sheets, render_diagram
from govgraph.render.engine import PURE, find_engine
from govgraph.render.html import html_page
from govgraph.render.measure import READABLE, measure_svg
from govgraph.views import select_view
from shapes import SHAPES, shape_model

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "diagrams.json"
LONDON = HERE.parent / "data" / "governance.yaml"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
FRAMES = 120
ZOOM = """async frames => {
  const viewport = document.getElementById('gg-viewport'), r = viewport.getBoundingClientRect();
  const times = [];
  for (let i = 0; i < frames; i++) {
    viewport.dispatchEvent(new WheelEvent('wheel', {deltaY: (i % 40) < 20 ? -100 : 100, bubbles: true,
      cancelable: true, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2}));
    times.push(await new Promise(resolve => requestAnimationFrame(resolve)));
  }
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  return gaps;
}"""


def _pure() -> str | None:
    try:
        return find_engine(PURE)
    except Exception:
        return None


def diagrams(name: str, model: Model, engine: str, pure: str | None, repeat: int) -> dict[str, Any]:
    """The whole model's diagrams: how many, how they print, how long they take."""
    diagram = select_view(model)
    plans: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        sheets = diagram_sheets(diagram)
        plans.append(time.perf_counter() - start)
    # The layout once: it is the engine's, some seconds for hundreds of bodies, and what matters is its order.
    start = time.perf_counter()
    sheets = diagram_sheets(diagram)
    svgs = []
    for sheet in sheets:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            svg = render_diagram(sheet, "svg", engine=engine)
        assert isinstance(svg, str)
        svgs.append(svg)
    layout = time.perf_counter() - start
    measured = [measure_svg(svg) for svg in svgs]
    smallest_pure = None
    if pure is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            drawn = [measure_svg(str(render_diagram(sheet, "svg", engine=pure))) for sheet in sheets]
        smallest_pure = min(m.names_smallest or 99.0 for m in drawn)
    return {
        "model": name,
        "bodies": len(model.bodies),
        "diagrams": len(sheets),
        "sheet_bodies": [m.bodies for m in measured],
        "median_pt": round(min(m.names_median or 99.0 for m in measured), 2),
        "smallest_pt": round(min(m.names_smallest or 99.0 for m in measured), 2),
        "smallest_pure_pt": round(smallest_pure, 2) if smallest_pure is not None else None,
        "largest_aspect": round(max(m.aspect for m in measured), 2),
        "readable": all(m.readable for m in measured),
        "plan_s": round(statistics.median(plans), 4),
        "plan_runs": repeat,
        "layout_s": round(layout, 3),
        "runs": 1,
    }


def page(browser: Any, name: str, model: Model, repeat: int) -> dict[str, Any]:
    """The interactive page: its build, its time to ready, and its frame time while zooming."""
    start = time.perf_counter()
    text = html_page(model)
    build = time.perf_counter() - start
    ready: list[float] = []
    gaps: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.html"
        path.write_text(text, encoding="utf-8")
        for _ in range(repeat):
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            tab = context.new_page()
            tab.goto(path.as_uri())
            tab.wait_for_selector("html[data-ready=true]", timeout=60_000)
            ready.append(tab.evaluate("performance.now()") / 1000)
            gaps += tab.evaluate(ZOOM, FRAMES)
            context.close()
    gaps.sort()
    return {
        "model": name,
        "bodies": len(model.bodies),
        "build_s": round(build, 3),
        "size_bytes": len(text.encode("utf-8")),
        "ready_s": round(statistics.median(ready), 3),
        "ready_runs_s": [round(t, 3) for t in ready],
        "frame_ms": round(statistics.median(gaps), 2),
        "frame_p95_ms": round(gaps[int(len(gaps) * 0.95)], 2),
        "runs": repeat,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="30,100,300,600")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write results (default %(default)s)")
    args = parser.parse_args(argv)
    engine = find_engine()
    pure = _pure()
    sizes = [int(s) for s in args.sizes.split(",")]
    models: list[tuple[str, str, Model]] = [("London", "london", load(LONDON))]
    for shape in SHAPES:
        for n in sizes:
            models.append((shape, f"{shape}-{n}", load_bytes(shape_model(shape, n).encode("utf-8"), f"{shape}.yaml")))
    rows = []
    for shape, name, model in models:
        row = {"shape": shape, **diagrams(name, model, engine, pure, args.repeat)}
        rows.append(row)
        print(f"measured {name}", flush=True)
    from playwright.sync_api import sync_playwright

    pages = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=ARGS)
        chromium = browser.version
        for shape, name, model in models:
            if model.bodies and (name == "london" or len(model.bodies) in (min(sizes), max(sizes))):
                pages.append({"shape": shape, **page(browser, name, model, args.repeat)})
                print(f"measured the page of {name}", flush=True)
        browser.close()
    print("| model | bodies | diagrams | smallest median | smallest (dot / pure) | largest aspect | plan | layout |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        pure_pt = f" / {r['smallest_pure_pt']:.1f}" if r["smallest_pure_pt"] is not None else ""
        print(
            f"| {r['model']} | {r['bodies']:,} | {r['diagrams']} | {r['median_pt']:.1f} pt | "
            f"{r['smallest_pt']:.1f}{pure_pt} pt | {r['largest_aspect']:.1f} | {r['plan_s'] * 1000:,.0f} ms | "
            f"{r['layout_s']:.2f} s |"
        )
    print()
    print("| page | bodies | size | ready | frame while zooming (median, 95th) |")
    print("|---|---:|---:|---:|---:|")
    for p in pages:
        print(
            f"| {p['model']} | {p['bodies']:,} | {p['size_bytes'] / 1024:,.0f} KB | {p['ready_s']:.2f} s | "
            f"{p['frame_ms']:.1f} ms, {p['frame_p95_ms']:.1f} ms |"
        )
    result = {
        "benchmark": "diagrams",
        "date": dt.date.today().isoformat(),
        "machine": {"python": platform.python_version(), "system": platform.platform()},
        "engine": engine,
        "pure": pure,
        "chromium": chromium,
        "repeat": args.repeat,
        "target_pt": READABLE,
        "results": rows,
        "pages": pages,
    }
    args.json.parent.mkdir(exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r["readable"] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
