"""GG205 at its edges: what each finding tells the user to do, an entry after a group's own name, and the size
of tangle up to which the cycle is traced group by group."""

from __future__ import annotations

from govgraph.checks import run
from govgraph.findings import Finding
from govgraph.loading import load_bytes

SELF_HINT = "remove the entry, or name the group (or member) that was meant"
CYCLE_HINT = (
    "a group cannot contain itself: remove the entry that closes the cycle, or name the group (or member) that was "
    "meant"
)


BODIES = "bodies:\n  board: {name: Board, kind: board}\n"


def cycles(text: str) -> list[Finding]:
    return [f for f in run(load_bytes(text.encode(), "groups.yaml")) if f.code == "GG205"]


def ring(size: int) -> str:
    """A model of `size` groups, each listing the next and the last the first."""
    ids = [f"g{i:02}" for i in range(size)]
    groups = "".join(f"  {g}: {{name: {g}, members: [{ids[(i + 1) % size]}]}}\n" for i, g in enumerate(ids))
    return f"govgraph: 1\ntitle: Ring\ngroups:\n{groups}{BODIES}"


def test_a_group_that_lists_itself_and_one_that_leads_back_is_told_of_both() -> None:
    text = """\
govgraph: 1
title: Both
groups:
  a: {name: A, members: [a, b]}
  b: {name: B, members: [a]}
bodies:
  board: {name: Board, kind: board}
"""
    assert [(f.message, f.hint) for f in cycles(text)] == [
        ("group 'a' lists itself among its members", SELF_HINT),
        ("group 'a' lists 'b', whose members lead back to it: a -> b -> a", CYCLE_HINT),
        ("group 'b' lists 'a', whose members lead back to it: b -> a -> b", CYCLE_HINT),
    ]


def test_a_ring_of_fifty_groups_is_traced_group_by_group() -> None:
    findings = cycles(ring(50))
    assert len(findings) == 50
    first = findings[0]
    trace = " -> ".join([*(f"g{i:02}" for i in range(50)), "g00"])
    assert first.message == f"group 'g00' lists 'g01', whose members lead back to it: {trace}"
    assert {f.hint for f in findings} == {CYCLE_HINT}


def test_a_ring_of_fifty_one_groups_is_counted_and_the_first_ten_named() -> None:
    findings = cycles(ring(51))
    assert len(findings) == 51
    named = ", ".join(f"'g{i:02}'" for i in range(10))
    assert findings[0].message == (
        f"group 'g00' lists 'g01', whose members lead back to it: 51 groups list each other, among them {named} "
        "and 41 more"
    )
    assert {f.hint for f in findings} == {CYCLE_HINT}
