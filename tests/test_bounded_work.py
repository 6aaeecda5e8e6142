"""Work that grows no faster than its input on shapes made to hurt (issue 19, items 17, 19 and 20).

Speed is measured in benchmarks/ (`bench_load.py`, `bench_queries.py`); here the work is counted instead of
timed, so the tests hold on any machine: `work(run)` is the number of lines of govgraph's own code that `run()`
executes. Doubling the input of a linear algorithm about doubles it; a quadratic one quadruples it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govgraph
from govgraph.checks import CheckResult, check
from govgraph.checks.structure import _overlapping_targets
from govgraph.errors import InvalidOption
from govgraph.findings import Location
from govgraph.loading import load_bytes
from govgraph.model import Model, PartialDate, Period, Relation
from govgraph.queries import MAX_ROUTES, PathAnswer, chain, paths, under
from govgraph.time import overlaps

SOURCE = str(Path(govgraph.__file__).resolve().parent)
#: The most that doubling the input may multiply the work by: linear work, with room for a logarithm.
LINEAR = 2.4


def work(run: Callable[[], object]) -> int:
    """How many lines of govgraph's code `run()` executes: a measure of its work that no machine changes."""
    counted = 0

    def line(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal counted
        if event == "line":
            counted += 1
        return line

    def call(frame: FrameType, event: str, arg: Any) -> Any:
        return line if frame.f_code.co_filename.startswith(SOURCE) else None

    before = sys.gettrace()
    sys.settrace(call)
    try:
        run()
    finally:
        sys.settrace(before)
    return counted


def growth(make: Callable[[int], Model], ask: Callable[[Model], object], n: int) -> float:
    """How many times the work of `ask` grows when the model made by `make` doubles from `n`."""
    small, large = make(n), make(2 * n)
    return work(lambda: ask(large)) / work(lambda: ask(small))


def model(lines: list[str]) -> Model:
    return load_bytes(("govgraph: 1\ntitle: Shape\nbodies:\n" + "".join(lines)).encode(), "shape.yaml")


# ----------------------------------------------------------------------------------------------- suppressions


def with_ignores(n: int) -> Model:
    """`n` unchaired committees under a board, each silencing its GG401 with an `ignore:` entry of its own."""
    lines = ["  top:\n    name: Board\n    kind: board\n    ignore: [{code: GG401, reason: not recorded}]\n"]
    for i in range(n):
        lines.append(f"  c{i}:\n    name: Committee {i}\n    kind: committee\n    reports_to: [top]\n")
        lines.append("    ignore: [{code: GG401, reason: chair not recorded}]\n")
    return model(lines)


def test_checking_bodies_that_each_silence_a_finding_grows_linearly() -> None:
    assert growth(with_ignores, check, 200) < LINEAR


def test_each_body_entry_silences_its_own_finding_and_reports_none_unused() -> None:
    result = check(with_ignores(50))
    assert result.findings == ()
    assert len(result.suppressed) == 51
    for finding, entry in result.suppressed:
        assert finding.code == "GG401"
        assert entry.body is not None
        assert finding.message.split("'")[1] == entry.body


# ------------------------------------------------------------------------------------- several solid parents


def fan(n: int) -> Model:
    """`n` boards and a committee that reports to every one of them (a matrix it does not declare)."""
    lines = [f"  p{i}:\n    name: Board {i}\n    kind: board\n" for i in range(n)]
    parents = ", ".join(f"p{i}" for i in range(n))
    lines.append(f"  c:\n    name: Committee\n    kind: committee\n    reports_to: [{parents}]\n")
    return model(lines)


def test_a_body_with_many_parents_is_checked_in_linear_work() -> None:
    def several_parents(m: Model) -> CheckResult:
        return check(m, select=["GG303"])

    assert growth(fan, several_parents, 200) < LINEAR
    (finding,) = several_parents(fan(20)).findings
    assert finding.code == "GG303"
    assert "'c' reports to several bodies at the same time" in finding.message


YEARS = st.integers(min_value=2000, max_value=2012).map(lambda y: PartialDate.parse(str(y)))


@given(
    st.lists(
        st.tuples(st.sampled_from("abcd"), st.none() | YEARS, st.none() | YEARS),
        max_size=8,
    )
)
def test_the_parents_found_are_those_of_every_pair_of_lines_that_overlap(
    written: list[tuple[str, PartialDate | None, PartialDate | None]],
) -> None:
    where = Location("m.yaml", 1, 1)
    lines = [
        Relation(kind="reports_to", source_body="x", target=target, period=Period(start, end), location=where)
        for target, start, end in written
    ]
    pairwise = {
        line.target
        for line in lines
        for other in lines
        if other.target != line.target and overlaps(line.period, other.period)
    }
    assert _overlapping_targets(lines) == pairwise


# ----------------------------------------------------------------------------------------------------- routes


def deep(n: int) -> Model:
    """A line of `n` bodies, `b1` reporting to `b2` and so on up to the board `b{n}`; every tenth body also has a
    dotted line two levels up, and every tenth but five is also part of the body two levels up."""
    lines = []
    for i in range(1, n + 1):
        lines.append(f"  b{i}:\n    name: Body {i}\n    kind: {'board' if i == n else 'programme'}\n")
        if i < n:
            lines.append(f"    reports_to: [b{i + 1}]\n")
        if i + 2 <= n and i % 10 == 0:
            lines.append(f"    dotted_to: [b{i + 2}]\n")
        if i + 2 <= n and i % 10 == 5:
            lines.append(f"    part_of: [b{i + 2}]\n")
    return model(lines)


def ladder(rungs: int) -> Model:
    """Rungs of two bodies, each reporting to both bodies of the rung above; the top rung reports to `top`."""
    lines = ["  top:\n    name: Top\n    kind: board\n"]
    for r in range(1, rungs + 1):
        above = "[top]" if r == rungs else f"[l{r + 1}, r{r + 1}]"
        lines += [f"  {s}{r}:\n    name: Body {s}{r}\n    kind: programme\n    reports_to: {above}\n" for s in "lr"]
    return model(lines)


def test_a_route_up_a_deep_structure_costs_work_linear_in_its_depth() -> None:
    def route(m: Model) -> PathAnswer:
        top = max(m.bodies, key=lambda b: int(b[1:]))
        return paths(m, "b1", top, include=["dotted"])

    assert growth(deep, route, 150) < LINEAR
    answer = route(deep(150))
    assert answer.more
    assert len(answer.routes) == 20
    # Shortest first: the first route takes every shortcut it can.
    assert answer.routes[0].length < answer.routes[-1].length


def test_the_chain_and_the_tree_below_of_a_deep_structure_cost_work_linear_in_its_depth() -> None:
    assert growth(deep, lambda m: chain(m, "b1"), 150) < LINEAR
    assert growth(deep, lambda m: under(m, max(m.bodies, key=lambda b: int(b[1:]))), 150) < LINEAR


def test_routes_cost_work_linear_in_how_many_are_asked_for_and_in_their_length() -> None:
    rungs = ladder(20)
    few = work(lambda: paths(rungs, "l1", "top", max_routes=250))
    many = work(lambda: paths(rungs, "l1", "top", max_routes=500))
    assert many / few < LINEAR
    # Twice the rungs make routes twice as long: each should cost twice as much, not a search of the ladder
    # from each of its bodies.
    assert growth(ladder, lambda m: paths(m, "l1", "top", max_routes=50), 20) < LINEAR


def test_the_routes_of_a_ladder_come_shortest_first_then_by_ids() -> None:
    answer = paths(ladder(10), "l1", "top", max_routes=5)
    assert [route.bodies[1:4] for route in answer.routes] == [("l2", "l3", "l4")] * 5
    assert [route.bodies[-3:-1] for route in answer.routes] == [
        ("l9", "l10"),
        ("l9", "r10"),
        ("r9", "l10"),
        ("r9", "r10"),
        ("l9", "l10"),
    ]
    assert answer.more


def test_more_routes_than_are_read_is_a_usage_error_naming_the_limit(run_cli: Callable[..., Any]) -> None:
    done = run_cli(
        "path", "-m", Path(__file__).parent.parent / "data" / "governance.yaml", "clp", "lceg", "--max", "100000"
    )
    assert done.exit_code == 2
    assert "--max '100000': give at most 1,000" in done.stderr
    assert "--via" in done.stderr
    assert "Traceback" not in done.stderr
    with pytest.raises(InvalidOption, match="max_routes"):
        paths(deep(5), "b1", "b5", max_routes=MAX_ROUTES + 1)
    assert len(paths(ladder(12), "l1", "top", max_routes=MAX_ROUTES).routes) == MAX_ROUTES
