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

Shapes made to hurt (issue 19; `generate.SHAPES`), each at two sizes taking turns ``--rounds`` times after a warm-up
turn (`timing.in_turns`), so that the machine's drift falls on both: a line of 1,000 and 2,000 bodies (path up it,
solid and with its dotted lines; chain; under its top), a ladder of 40 and 80 bodies (the first 500 and 1,000 of its
2^(n/2 - 1) routes from its foot, and the 1,000 as text), and 1,000 and 1,415 bodies each reporting to every body
before it (half a million and a million lines: path, chain, under). Each question's growth in processor time
(which other work on the machine does not inflate, as it does the wall time, recorded beside it), taken in each
turn and then its median, is held against the growth of its input (bodies, or lines for the dense shape); none
may grow faster.

Algorithms written by hand (issue 20 item 6), each beside what it replaces or declines, in alternation: the
ranked routes of `graph.ranked_routes` beside Yen's algorithm alone (`graph._yen_routes`) and networkx's
`shortest_simple_paths`, on the ladder and on the 2,000-deep line (with and without a line back to its foot);
`graph.acyclic` beside building a networkx DiGraph and asking `is_directed_acyclic_graph`, on the synthetic model;
the contenders of each case take turns ``--rounds`` times and each one's time over govgraph's is taken in each turn.
Their figures are the ones the docstrings of those functions quote.

Usage: ``python benchmarks/bench_queries.py [--size 10000] [--repeat 50] [--starts 15] [--rounds 5] [--shapes-only]
[--terms-only]`` (``--terms-only``: the quorum and reports-into questions alone, printed, nothing written).
Results are printed as Markdown tables and written to ``benchmarks/results/queries.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generate import ensure, ensure_shape
from timing import commands_in_turns, in_turns, peak_self, per_turn, timed, times

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


#: Each shape's two sizes (see `generate.SHAPES`).
SHAPE_SIZES: dict[str, tuple[int, int]] = {"deep": (1000, 2000), "ladder": (40, 80), "dense": (1000, 1415)}
#: The most a question's time may grow over its input's growth, for the noise of one busy machine: the tests
#: (tests/test_bounded_work.py) count the work itself, which no machine changes.
GROWTH_SLACK = 1.25


def _size_of_input(shape: str, n: int) -> int:
    """What a shape's input is counted in: its lines for the dense shape (n(n-1)/2), else its bodies."""
    return n * (n - 1) // 2 if shape == "dense" else n


def shape_questions(shape: str, model: Any, n: int) -> dict[str, Callable[[], object]]:
    """The questions asked of one shape of size `n`."""
    from govgraph.queries import chain, paths, under
    from govgraph.render.text import path_text

    if shape == "deep":
        return {
            "path": lambda: paths(model, "b1", f"b{n}"),
            "path, with dotted lines": lambda: paths(model, "b1", f"b{n}", include=["dotted"]),
            "chain": lambda: chain(model, "b1"),
            "under": lambda: under(model, f"b{n}"),
        }
    if shape == "ladder":
        return {
            "path --max 500": lambda: paths(model, "l1", "top", max_routes=500),
            "path --max 1000": lambda: paths(model, "l1", "top", max_routes=1000),
            "path --max 1000, as text": lambda: path_text(paths(model, "l1", "top", max_routes=1000)),
        }
    return {
        "path": lambda: paths(model, f"d{n}", "d1"),
        "chain": lambda: chain(model, f"d{n}"),
        "under": lambda: under(model, "d1"),
    }


def _processor_timed(run: Callable[[], object], walls: list[float]) -> Callable[[], float]:
    """`run` as a function that returns the processor time of one call (for `in_turns`), after collecting the
    garbage of the call before, untimed; each call's wall time is added to `walls`."""

    def one() -> float:
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        taken = time.process_time() - cpu
        walls.append(time.perf_counter() - wall)
        return taken

    return one


def shapes(rounds: int) -> list[dict[str, Any]]:
    """Every question of every shape at its two sizes, the two sizes taking turns (`timing.in_turns`, after a
    warm-up turn), the growth of processor time taken in each turn; wall times are recorded beside it."""
    import govgraph

    found = []
    for shape, (small, large) in SHAPE_SIZES.items():
        models = {n: govgraph.load(ensure_shape(shape, n)) for n in (small, large)}
        grown = _size_of_input(shape, large) / _size_of_input(shape, small)
        asked = {n: shape_questions(shape, model, n) for n, model in models.items()}
        for question in asked[small]:
            print(f"  shapes: {shape} {small} and {large}: {question} ...", file=sys.stderr, flush=True)
            walls: dict[int, list[float]] = {small: [], large: []}
            before, after = in_turns([_processor_timed(asked[n][question], walls[n]) for n in (small, large)], rounds)
            ratios = per_turn(after, before)
            found.append(
                {
                    "shape": shape,
                    "question": question,
                    "sizes": [small, large],
                    "input": [_size_of_input(shape, small), _size_of_input(shape, large)],
                    "small_cpu_s": before,
                    "large_cpu_s": after,
                    # The first call of each was the warm-up turn.
                    "small_s": walls[small][1:],
                    "large_s": walls[large][1:],
                    "ratio": ratios["median"],
                    "ratios": ratios,
                    "wall_ratios": per_turn(walls[large][1:], walls[small][1:]),
                    "input_ratio": grown,
                    "linear": ratios["median"] <= grown * GROWTH_SLACK,
                }
            )
        del models, asked
    return found


def algorithms(rounds: int) -> list[dict[str, Any]]:
    """Each hand-written algorithm beside what it replaces or declines (see the module docstring)."""
    import itertools

    import networkx as nx

    import govgraph
    from govgraph import graph

    def adjacency(path: Path, relations: tuple[str, ...]) -> dict[str, list[str]]:
        model = govgraph.load(path)
        return {
            b: sorted({r.target for r in body.relations if r.kind in relations}) for b, body in model.bodies.items()
        }

    ladder = adjacency(ensure_shape("ladder", 80), ("reports_to",))
    deep = adjacency(ensure_shape("deep", 2000), ("reports_to", "part_of", "dotted_to"))
    looped = {**deep, "b1999": [*deep["b1999"], "b1"]}
    synthetic = govgraph.load(ensure(10_000))
    pairs = [(b.id, r.target) for b in synthetic.bodies.values() for r in b.accountability]

    def ours(following: dict[str, list[str]], start: str, end: str, k: int) -> Callable[[], object]:
        return lambda: list(
            itertools.islice(graph.ranked_routes(lambda n: following.get(n, ()), start, end, order=str), k)
        )

    def yen(following: dict[str, list[str]], start: str, end: str, k: int) -> Callable[[], object]:
        def run() -> object:
            part = graph._between(lambda n: following.get(n, ()), start, end, ())
            for nexts in part.values():
                nexts.sort()
            return list(itertools.islice(graph._yen_routes(part, start, end, str), k))

        return run

    def networkx_routes(following: dict[str, list[str]], start: str, end: str, k: int) -> Callable[[], object]:
        lines = nx.DiGraph([(u, v) for u, vs in sorted(following.items()) for v in vs])
        return lambda: list(itertools.islice(nx.shortest_simple_paths(lines, start, end), k))

    def networkx_acyclic() -> object:
        lines = nx.DiGraph()
        lines.add_edges_from(p for p in pairs if p[0] != p[1])
        return nx.is_directed_acyclic_graph(lines)

    following: dict[str, list[str]] = {}
    for u, v in pairs:
        following.setdefault(u, []).append(v)
    cases: list[tuple[str, dict[str, Callable[[], object]]]] = [
        (
            "ranked routes: the ladder of 80 bodies, 100 routes",
            {
                "govgraph": ours(ladder, "l1", "top", 100),
                "Yen's algorithm alone": yen(ladder, "l1", "top", 100),
                "networkx shortest_simple_paths": networkx_routes(ladder, "l1", "top", 100),
            },
        ),
        (
            "ranked routes: the ladder of 80 bodies, 300 routes",
            {
                "govgraph": ours(ladder, "l1", "top", 300),
                "Yen's algorithm alone": yen(ladder, "l1", "top", 300),
                "networkx shortest_simple_paths": networkx_routes(ladder, "l1", "top", 300),
            },
        ),
        (
            "ranked routes: a line 2,000 bodies deep, 3 routes",
            {"govgraph": ours(deep, "b1", "b2000", 3), "Yen's algorithm alone": yen(deep, "b1", "b2000", 3)},
        ),
        (
            "ranked routes: a line 2,000 bodies deep with a line back to its foot, 3 routes",
            {"govgraph": ours(looped, "b1", "b2000", 3), "Yen's algorithm alone": yen(looped, "b1", "b2000", 3)},
        ),
        (
            "is there a cycle: the lines of accountability of 10,000 bodies",
            {
                "govgraph": lambda: graph.acyclic(following),
                "networkx DiGraph, is_directed_acyclic_graph": networkx_acyclic,
            },
        ),
    ]
    found = []
    for what, contenders in cases:
        print(f"  algorithms: {what} ...", file=sys.stderr, flush=True)
        taken = in_turns([timed(run, collect=True) for run in contenders.values()], rounds, slow=30)
        ours_s = taken[0]
        found.append(
            {
                "what": what,
                "times_s": dict(zip(contenders, taken, strict=True)),
                # Each other algorithm's time over govgraph's, taken in each turn.
                "ratio_to_govgraph": {
                    name: per_turn(t, ours_s) for name, t in zip(list(contenders)[1:], taken[1:], strict=True)
                },
            }
        )
    return found


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
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds of the shapes (%(default)s)")
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write results (default %(default)s)")
    parser.add_argument("--terms-only", action="store_true", help="time quorum and reports-into only; write nothing")
    parser.add_argument(
        "--shapes-only",
        action="store_true",
        help="measure only the shapes, and put them into the results already in --json (dated on their own)",
    )
    args = parser.parse_args(argv)
    if args.terms_only:
        print(f"In process, synthetic model of {args.size} bodies with terms of reference, after loading:\n")
        print("| question | median (best) |\n|---|---|")
        for name, taken in terms_questions(args.size, args.repeat).items():
            print(f"| {name} | {_ms(taken)} |")
        return 0
    if args.shapes_only:
        document: dict[str, Any] = json.loads(args.json.read_text(encoding="utf-8"))
        document["shapes"] = shapes(args.rounds)
        document["shapes_rounds"] = args.rounds
        document["shapes_date"] = dt.date.today().isoformat()
        print_shapes(document["shapes"], args.rounds)
        _write(document, args.json)
        return 0

    queries = in_process(args.size, args.repeat)
    queries.update(terms_questions(args.size, args.repeat))
    grown = shapes(args.rounds)
    compared = algorithms(args.rounds)
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
    print_shapes(grown, args.rounds)
    print(f"\nAlgorithms written by hand, beside what they replace, taking turns {args.rounds} times:\n")
    print("| case | algorithm | median (best) | x govgraph, in each turn (range) |\n|---|---|---|---:|")
    for r in compared:
        for name, taken in r["times_s"].items():
            against = r["ratio_to_govgraph"].get(name)
            times_ours = (
                "" if against is None else f"{against['median']:.1f} ({against['min']:.1f}-{against['max']:.1f})"
            )
            print(f"| {r['what']} | {name} | {_ms(taken)} | {times_ours} |")

    document = {
        "date": dt.date.today().isoformat(),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "size": args.size,
        "in_process_s": queries,
        "cold_start_s": starts,
        "cold_start_ratio": ratio,
        "peak_rss_bytes": peak,
        "cold_start_peak_rss_bytes": start_peaks,
        "rounds": args.rounds,
        "shapes": grown,
        "shapes_rounds": args.rounds,
        "algorithms": compared,
    }
    _write(document, args.json)
    return 0


def _write(document: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def print_shapes(grown: list[dict[str, Any]], rounds: int) -> None:
    """The table of the shapes made to hurt."""
    print(f"\nShapes made to hurt, two sizes each taking turns {rounds} times:\n")
    print(
        "| shape | question | sizes | processor time, medians | its growth, in each turn (range) | wall time's growth "
        "| input's growth | linear |\n|---|---|---|---|---:|---:|---:|---|"
    )
    for r in grown:
        small, large = (statistics.median(r[k]) for k in ("small_cpu_s", "large_cpu_s"))
        spread, wall = r["ratios"], r["wall_ratios"]
        print(
            f"| {r['shape']} | {r['question']} | {r['sizes'][0]:,} / {r['sizes'][1]:,} | {small * 1000:.1f} / "
            f"{large * 1000:.1f} ms | {r['ratio']:.2f}x ({spread['min']:.2f}-{spread['max']:.2f}) | "
            f"{wall['median']:.2f}x | {r['input_ratio']:.2f}x | {'yes' if r['linear'] else 'NO'} |"
        )


if __name__ == "__main__":
    sys.exit(main())
