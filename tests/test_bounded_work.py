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

import govgraph
from govgraph.checks import check
from govgraph.loading import load_bytes
from govgraph.model import Model

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
