"""Benchmark exchange (issue 9): import of the largest external organogram, and export of the synthetic
10,000-body model in every format (target: each export under 2 s).

    import     ``import_organogram(senior, junior)`` on the largest organogram in tests/data/external
               (Cabinet Office, September 2011: 235 senior and 629 junior rows), YAML writing and the check
               that the result loads included
    export     ``export(model, fmt)`` for each format, on a model already loaded (loading is bench_load's)

Medians of ``--repeat`` runs after one warm-up. Usage: ``python benchmarks/bench_exchange.py [--bodies 10000]
[--repeat 5]``. Results are printed as a Markdown table and written to ``benchmarks/results/exchange.json``.
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

import timing  # noqa: F401  (turns off the keeping of models read, as for every benchmark)
from generate import ensure
from govgraph.exchange.export import EXPORT_FORMATS, export
from govgraph.exchange.organogram import import_organogram
from govgraph.loading import load

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "exchange.json"
ORGANOGRAMS = HERE.parent / "tests" / "data" / "external" / "uk_organograms"
SENIOR = ORGANOGRAMS / "cabinet_office-2011-09-30-senior.csv"
JUNIOR = ORGANOGRAMS / "cabinet_office-2011-09-30-junior.csv"
TARGET_SECONDS = 2.0


def _median(function: Callable[[], object], repeat: int) -> tuple[float, object]:
    result = function()  # warm-up, and the result for its size
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bodies", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    seconds, imported = _median(lambda: import_organogram(SENIOR, JUNIOR), args.repeat)
    rows: list[dict[str, object]] = [
        {
            "what": "import organogram",
            "input": f"{SENIOR.name} + {JUNIOR.name}",
            "seconds": round(seconds, 4),
            "output_bytes": len(imported.text.encode("utf-8")),  # type: ignore[attr-defined]
        }
    ]
    model = load(ensure(args.bodies))
    # The workbook has its own benchmark and target (bench_office.py: 5 s, for a far richer file).
    for fmt in (f for f in EXPORT_FORMATS if f != "xlsx"):
        seconds, data = _median(lambda fmt=fmt: export(model, fmt), args.repeat)  # type: ignore[misc]
        size = len(data) if isinstance(data, bytes) else len(str(data).encode("utf-8"))
        rows.append(
            {
                "what": f"export {fmt}",
                "input": f"synthetic {args.bodies} bodies",
                "seconds": round(seconds, 4),
                "output_bytes": size,
                "under_target": seconds < TARGET_SECONDS,
            }
        )
    print("| what | input | median s | output |")
    print("|---|---|---:|---:|")
    for row in rows:
        print(f"| {row['what']} | {row['input']} | {row['seconds']:.3f} | {int(str(row['output_bytes'])):,} B |")
    document = {
        "benchmark": "exchange",
        "date": dt.date.today().isoformat(),
        "python": platform.python_version(),
        "machine": platform.platform(),
        "repeat": args.repeat,
        "target_seconds_per_export": TARGET_SECONDS,
        "results": rows,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0 if all(row.get("under_target", True) for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
