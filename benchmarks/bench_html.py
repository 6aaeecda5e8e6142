"""Benchmark the interactive page (issue 8): its size and its time to interactive in headless Chromium.

For the London model (`data/governance.yaml`) and synthetic models (`generate.py`) of each ``--sizes`` (default
1,000 bodies):

    build        ``html_page(model)``: selecting, laying out (the Graphviz engine), timelines and the page
    size         the page in bytes (target: London under 300 KB)
    interactive  from navigation to the page's script having run (it marks ``<html data-ready>``), read from the
                 page's own clock (``performance.now()``), in the system Chromium, each run in a fresh browser
                 context, the file loaded from disk (target: 1,000 bodies under 2 s)
    select       clicking a body: highlighting its line of accountability and what reports into it, and
                 drawing its card, timed in the page

Peak memory: of this process (loading the models and building their pages; the browser's is not counted).

Usage: ``python benchmarks/bench_html.py [--sizes 1000] [--repeat 5] [--chromium /usr/bin/chromium]``.
Results are printed as a Markdown table and written to ``benchmarks/results/html.json``.
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
from pathlib import Path
from typing import Any

from generate import ensure
from govgraph.loading import load
from govgraph.model import Model
from govgraph.render.engine import find_engine
from govgraph.render.html import html_page
from timing import peak_self

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "html.json"
LONDON = HERE.parent / "data" / "governance.yaml"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SELECT = """id => {
  const t = performance.now();
  document.querySelector(`g.node[data-id="${id}"]`).dispatchEvent(new MouseEvent('click', {bubbles: true}));
  return performance.now() - t;
}"""


def _deepest(model: Model) -> str:
    # A body at the bottom of a long line: the most work for the highlight.
    parents = {b: [r.target for r in body.lines("reports_to")] for b, body in model.bodies.items()}

    def depth(b: str, seen: frozenset[str] = frozenset()) -> int:
        ups = [p for p in parents.get(b, []) if p not in seen]
        return 1 + max((depth(p, seen | {b}) for p in ups), default=0)

    return max(sorted(model.bodies), key=depth)


def _only_files(route: Any, refused: list[str]) -> None:
    # Nothing but the page's own file may load: anything else is recorded (and reported) and refused.
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        refused.append(route.request.url)
        route.abort()


def measure(browser: Any, name: str, model: Model, repeat: int) -> dict[str, Any]:
    start = time.perf_counter()
    page_text = html_page(model)
    build = time.perf_counter() - start
    data = page_text.encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.html"
        path.write_bytes(data)
        url = path.as_uri()
        interactive: list[float] = []
        selects: list[float] = []
        refused: list[str] = []
        target = _deepest(model)
        for _ in range(repeat):
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            context.route("**/*", lambda route: _only_files(route, refused))
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector("html[data-ready=true]", timeout=60_000)
            interactive.append(page.evaluate("performance.now()") / 1000)
            selects.append(page.evaluate(SELECT, target) / 1000)
            context.close()
    return {
        "model": name,
        "bodies": len(model.bodies),
        "build_s": round(build, 3),
        "size_bytes": len(data),
        "interactive_s": round(statistics.median(interactive), 3),
        "interactive_runs_s": [round(t, 3) for t in interactive],
        "select_s": round(statistics.median(selects), 4),
        "requests_refused": refused,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write results (default %(default)s)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    models: list[tuple[str, Model]] = [("london", load(LONDON))]
    models += [(f"synthetic-{n}", load(ensure(n))) for n in (int(s) for s in args.sizes.split(","))]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=ARGS)
        version = browser.version
        rows = [measure(browser, name, model, args.repeat) for name, model in models]
        browser.close()
    result = {
        "benchmark": "html",
        "date": dt.date.today().isoformat(),
        "machine": {"python": platform.python_version(), "system": platform.platform(), "cpus": _cpus()},
        "engine": find_engine(),
        "chromium": version,
        "repeat": args.repeat,
        "targets": {"london_size_bytes": 300_000, "interactive_1000_s": 2.0},
        "results": rows,
        "peak_rss_bytes": peak_self(),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print("| model | bodies | page | build | interactive (median) | select a body |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['model']} | {row['bodies']:,} | {row['size_bytes'] / 1000:,.0f} KB | {row['build_s']:.2f} s "
            f"| {row['interactive_s']:.2f} s | {row['select_s'] * 1000:.1f} ms |"
        )


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


if __name__ == "__main__":
    main()
