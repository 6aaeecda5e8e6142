"""The structure rules (GG301-GG307) at their edges: the length at which a cycle's message starts counting bodies
instead of listing them, the cycles read off route trees in a tangle of over 200 bodies, and the exact wording of
counts, kinds and lists that a reader of the report sees."""

from __future__ import annotations

import textwrap

from govgraph.checks import run
from govgraph.findings import Finding
from govgraph.loading import load_bytes
from govgraph.model import Model, PartialDate

FILE = "structure.yaml"


def model(text: str) -> Model:
    return load_bytes(textwrap.dedent(text).encode(), FILE)


def found(text: str, code: str, as_of: str | None = None) -> list[Finding]:
    when = PartialDate.parse(as_of) if as_of else None
    return [f for f in run(model(text), as_of=when) if f.code == code]


def ring(n: int) -> str:
    """`n` boards, each reporting to the next, the last to the first."""
    lines = [f"  b{i}: {{name: B{i}, kind: board, reports_to: [b{(i + 1) % n}]}}" for i in range(n)]
    return "govgraph: 1\ntitle: Ring\nbodies:\n" + "\n".join(lines) + "\n"


# GG301: how a cycle is named -------------------------------------------------------------------------------


def test_a_cycle_of_eight_bodies_is_listed_whole() -> None:
    messages = [f.message for f in found(ring(8), "GG301")]
    assert len(messages) == 8
    assert messages[0] == ("`reports_to` line in a reporting cycle: b0 -> b1 -> b2 -> b3 -> b4 -> b5 -> b6 -> b7 -> b0")
    # Each line's message starts at that line: the one from b5 reads round from b5.
    assert messages[5].endswith(": b5 -> b6 -> b7 -> b0 -> b1 -> b2 -> b3 -> b4 -> b5")


def test_a_cycle_of_nine_bodies_counts_the_ninth() -> None:
    messages = [f.message for f in found(ring(9), "GG301")]
    assert len(messages) == 9
    assert messages[0] == (
        "`reports_to` line in a reporting cycle: b0 -> b1 -> b2 -> b3 -> b4 -> b5 -> b6 -> b7 -> (1 more) -> b0"
    )


def star(spokes: int) -> tuple[str, dict[str, str]]:
    """A hub that reports to each of `spokes` bodies, each of which reports back to it: one tangle of
    `spokes + 1` bodies in which every line lies on a cycle of two. Returns the file and, for each line
    (`source target`), the cycle its finding must name."""
    names = [f"s{i:03d}" for i in range(spokes)]
    lines = [f"  hub: {{name: Hub, kind: board, reports_to: [{', '.join(names)}]}}"]
    lines += [f"  {s}: {{name: S{s}, kind: board, reports_to: [hub]}}" for s in names]
    expected = {f"hub {s}": f"hub -> {s} -> hub" for s in names} | {f"{s} hub": f"{s} -> hub -> {s}" for s in names}
    return "govgraph: 1\ntitle: Star\nbodies:\n" + "\n".join(lines) + "\n", expected


def _named(findings: list[Finding]) -> dict[str, str]:
    """Each finding's cycle, by the line it was reported at (its first two bodies)."""
    cycles = {}
    for f in findings:
        cycle = f.message.split(": ", 1)[1]
        first, second = cycle.split(" -> ")[:2]
        cycles[f"{first} {second}"] = cycle
    return cycles


def test_the_shortest_cycle_through_each_line_of_a_small_tangle() -> None:
    text, expected = star(20)
    findings = found(text, "GG301")
    assert len(findings) == 40
    assert _named(findings) == expected


def test_a_tangle_of_over_200_bodies_names_a_real_cycle_for_every_line() -> None:
    # 251 bodies: past the size where each line gets its own search, so the cycles are read off route trees.
    text, expected = star(250)
    findings = found(text, "GG301")
    assert len(findings) == 500
    assert _named(findings) == expected


def test_a_large_ring_names_the_lines_it_passes_through() -> None:
    n = 230
    findings = found(ring(n), "GG301")
    assert len(findings) == n
    for f in findings:
        shown = f.message.split(": ", 1)[1].split(" -> ")
        start = int(shown[0][1:])
        assert shown[:8] == [f"b{(start + j) % n}" for j in range(8)]
        assert shown[8:] == [f"({n - 8} more)", shown[0]]


# GG302, GG303 ----------------------------------------------------------------------------------------------


def test_a_self_line_names_the_body_and_the_relation() -> None:
    text = """\
        govgraph: 1
        title: Self
        bodies:
          top: {name: Top, kind: board, steers: [top]}
        """
    [finding] = found(text, "GG302")
    assert finding.message == "'top' has a `steers` line to itself"
    assert finding.hint == "point the line at the body that was meant, or remove it"


SEVERAL = """\
    govgraph: 1
    title: Several parents
    bodies:
      a: {name: A, kind: board}
      b: {name: B, kind: board}
      c: {name: C, kind: board}
      p:
        name: P
        kind: project
        reports_to: PARENTS
    """


def test_several_parents_are_listed_in_id_order() -> None:
    [finding] = found(SEVERAL.replace("PARENTS", "[c, a, b]"), "GG303")
    assert finding.message == "'p' reports to several bodies at the same time: 'a', 'b' and 'c'"
    assert finding.location is not None
    assert (finding.location.line, finding.location.column) == (7, 3)


def test_two_lines_to_one_parent_or_a_line_to_itself_are_not_a_matrix() -> None:
    twice = "[{body: a, from: 2020}, {body: a, from: 2021}]"
    assert found(SEVERAL.replace("PARENTS", twice), "GG303") == []
    assert found(SEVERAL.replace("PARENTS", "[a, p]"), "GG303") == []


def test_parents_one_after_the_other_are_not_a_matrix_but_overlapping_ones_are() -> None:
    moved = "[{body: a, until: 2020}, {body: b, from: 2021}]"
    assert found(SEVERAL.replace("PARENTS", moved), "GG303") == []
    overlapping = "[{body: a, until: 2021}, {body: b, from: 2021}]"
    [finding] = found(SEVERAL.replace("PARENTS", overlapping), "GG303")
    assert finding.message.endswith(": 'a' and 'b'")


# GG304, GG305 ----------------------------------------------------------------------------------------------

CHAIN_END = """\
    govgraph: 1
    title: Chain ends
    bodies:
      top: {name: Top, kind: board}
      prog: {name: Prog, kind: programme}
      p1: {name: P1, kind: project, reports_to: [prog]}
      w1: {name: W1, kind: workstream, part_of: [p1]}
      lone: {name: Lone, kind: programme}
      p2: {name: P2, kind: project, reports_to: [lone]}
      dotted: {name: Dotted, kind: project, reports_to: [top], dotted_to: [prog]}
      idle: {name: Idle, kind: project}
    """


def test_a_chain_end_counts_every_body_that_depends_on_it() -> None:
    findings = found(CHAIN_END, "GG304")
    assert [f.message.split("; ")[1] for f in findings] == ["2 bodies depend on it", "1 body depends on it"]
    assert findings[0].message.startswith(
        "no route to a top body: accountability stops at 'prog', which reports to nothing and is not a board "
        "or executive; "
    )
    assert findings[0].hint is not None
    assert "from 'prog' to the body" in findings[0].hint


def test_a_body_that_reports_to_nothing_and_has_nothing_below_is_not_a_chain_end() -> None:
    assert [f.message.split("'")[1] for f in found(CHAIN_END, "GG304")] == ["prog", "lone"]


def test_on_a_date_bodies_that_had_ended_are_not_counted_below_a_chain_end() -> None:
    text = CHAIN_END.replace("w1: {name: W1,", "w1: {until: 2019, name: W1,")
    assert [f.message.split("; ")[1] for f in found(text, "GG304", as_of="2020")] == [
        "1 body depends on it",
        "1 body depends on it",
    ]
    ended_end = CHAIN_END.replace("lone: {name: Lone,", "lone: {until: 2019, name: Lone,")
    assert [f.message.split("'")[1] for f in found(ended_end, "GG304", as_of="2020")] == ["prog"]
    assert [f.message.split("'")[1] for f in found(ended_end, "GG304")] == ["prog", "lone"]


def test_several_tops_are_counted_and_listed() -> None:
    text = textwrap.dedent(
        """\
        govgraph: 1
        title: Tops
        bodies:
          exec: {name: Exec, kind: executive}
          board: {name: Board, kind: board}
          old: {name: Old, kind: board, until: 2019}
          prog: {name: Prog, kind: programme}
        """
    )
    [finding] = found(text, "GG305", as_of="2020")
    assert finding.message == "2 top bodies (a board or executive that reports to nothing): 'board' and 'exec'"
    [finding] = found(text, "GG305", as_of="2018")
    assert finding.message.startswith("3 top bodies")
    assert found(text.replace("  board: {name: Board, kind: board}\n", ""), "GG305", as_of="2020") == []


# GG306, GG307 ----------------------------------------------------------------------------------------------


def test_a_dotted_line_beside_a_part_of_line_names_it() -> None:
    text = """\
        govgraph: 1
        title: Dotted
        bodies:
          top: {name: Top, kind: board}
          w: {name: W, kind: workstream, part_of: [top], dotted_to: [top]}
        """
    [finding] = found(text, "GG306")
    assert finding.message == "dotted line from 'w' to 'top' duplicates its `part_of` line"


def test_a_dotted_line_that_follows_the_solid_one_in_time_is_no_duplicate() -> None:
    text = """\
        govgraph: 1
        title: Dotted later
        bodies:
          top: {name: Top, kind: board}
          w: {name: W, kind: workstream, part_of: [{body: top, until: 2019}], dotted_to: [{body: top, from: 2020}]}
        """
    assert found(text, "GG306") == []


ALONE = """\
    govgraph: 1
    title: Alone
    organisations:
      org: {name: Org}
    roles:
      chair: {title: Chair}
    bodies:
      top: {name: Top, kind: board, chairs: [chair]}
      lone: {name: Lone, kind: project, EXTRA}
    """


def test_a_body_with_only_members_or_only_chairs_is_not_isolated() -> None:
    assert [f.message for f in found(ALONE.replace(", EXTRA", ""), "GG307")] == [
        "'lone' has no lines to or from any body, role or organisation"
    ]
    assert found(ALONE.replace("EXTRA", "members: [{organisation: org}]"), "GG307") == []
    assert found(ALONE.replace("EXTRA", "chairs: [chair]"), "GG307") == []


def test_a_body_that_another_body_points_at_is_not_isolated() -> None:
    text = ALONE.replace(", EXTRA", "").replace("chairs: [chair]}", "chairs: [chair], steers: [lone]}")
    assert found(text, "GG307") == []


def test_an_isolated_body_that_had_ended_by_the_date_is_not_reported() -> None:
    text = ALONE.replace(", EXTRA", ", until: 2019")
    assert found(text, "GG307", as_of="2020") == []
    assert len(found(text, "GG307", as_of="2018")) == 1


def test_the_cycle_named_is_the_shortest_among_lines_that_held_together() -> None:
    # b's line back to a ended before a's line to b began; the cycle that held is the longer one through c.
    text = """\
        govgraph: 1
        title: Held together
        bodies:
          a: {name: A, kind: board, reports_to: [{body: b, from: 2020}]}
          b: {name: B, kind: board, reports_to: [{body: a, until: 2019}, c]}
          c: {name: C, kind: board, reports_to: [a]}
        """
    assert [f.message.split(": ", 1)[1] for f in found(text, "GG301")] == [
        "a -> b -> c -> a",
        "b -> c -> a -> b",
        "c -> a -> b -> c",
    ]


HINTS = {
    "GG301": "a line of accountability must lead up to a top body, never back: remove or re-point one of the lines "
    "in the cycle (a secondary line can be `dotted_to`)",
    "GG303": "if this is a deliberate matrix, add `matrix: true` to the body; if one line is secondary, make it "
    "`dotted_to`; if the body moved, give the lines `until` and `from` dates",
    "GG304": "add a `reports_to` line from 'prog' to the body it answers to, or, if it is the top of its own "
    "structure by design, write `top: true` on it",
    "GG305": "if one of them answers to another, add the `reports_to` line",
    "GG306": "remove the dotted line, or point it at the body that was meant",
    "GG307": "connect it (`reports_to`, `part_of`, `steers`, `chairs`, `members`), or record why it stands alone "
    "with `ignore: [{code: GG307, reason: ...}]`",
}

EVERY_FINDING = """\
    govgraph: 1
    title: One of each
    bodies:
      a: {name: A, kind: board, reports_to: [b]}
      b: {name: B, kind: board, reports_to: [a]}
      top: {name: Top, kind: board}
      top2: {name: Top2, kind: executive}
      prog: {name: Prog, kind: programme}
      p: {name: P, kind: project, reports_to: [top, prog], dotted_to: [top]}
      lone: {name: Lone, kind: project}
    """


def test_each_structure_finding_says_what_to_do() -> None:
    findings = [f for f in run(model(EVERY_FINDING)) if f.code in HINTS]
    assert {f.code for f in findings} == set(HINTS)
    for f in findings:
        assert f.hint == HINTS[f.code], f.code


def test_a_declared_matrix_is_passed_over_and_the_bodies_after_it_are_still_checked() -> None:
    text = SEVERAL.replace("PARENTS", "[a, b]").replace(
        "  a: {name: A, kind: board}", "  a: {name: A, kind: board, matrix: true, reports_to: [b, c]}"
    )
    assert [f.message.split("'")[1] for f in found(text, "GG303")] == ["p"]


def test_a_top_that_closed_after_the_date_asked_about_was_still_a_top_then() -> None:
    text = """\
        govgraph: 1
        title: Tops
        bodies:
          exec: {name: Exec, kind: executive}
          board: {name: Board, kind: board, history: [{date: 2025-03, status: closed}]}
        """
    assert len(found(text, "GG305", as_of="2020")) == 1
    assert found(text, "GG305", as_of="2025-06") == []


def test_lines_that_each_held_with_the_first_but_never_all_at_once_are_not_a_cycle() -> None:
    text = """\
        govgraph: 1
        title: Never all at once
        bodies:
          a: {name: A, kind: board, reports_to: [{body: b, from: 2018-01, until: 2019-12}]}
          b: {name: B, kind: board, reports_to: [{body: c, from: 2019-06}]}
          c: {name: C, kind: board, reports_to: [{body: a, until: 2018-12}]}
        """
    assert found(text, "GG301") == []


def test_lines_that_held_together_on_one_day_only_are_a_cycle() -> None:
    text = """\
        govgraph: 1
        title: One day
        bodies:
          a: {name: A, kind: board, reports_to: [{body: b, until: 2020-06-15}]}
          b: {name: B, kind: board, reports_to: [{body: a, from: 2020-06-15}]}
        """
    assert [f.message.split(": ", 1)[1] for f in found(text, "GG301")] == ["a -> b -> a", "b -> a -> b"]
    assert found(text.replace("from: 2020-06-15", "from: 2020-06-16"), "GG301") == []
