"""The rule catalogue over the built model (GG3xx-GG6xx): for every rule a fixture that passes and one that
fails, with the exact code, line and column of each finding; then the London model's findings."""

from __future__ import annotations

import textwrap

import pytest

from govgraph.checks import all_rules, get_rule, run
from govgraph.findings import Finding, Location, Severity
from govgraph.loading import load_bytes
from govgraph.model import Model, PartialDate

FILE = "fixture.yaml"


def model(text: str) -> Model:
    """Load a fixture written as an indented triple-quoted string (its first line is line 1)."""
    return load_bytes(textwrap.dedent(text).encode(), FILE)


def found(text: str, code: str, as_of: str | None = None) -> list[Finding]:
    when = PartialDate.parse(as_of) if as_of else None
    return [f for f in run(model(text), as_of=when) if f.code == code]


def where(findings: list[Finding]) -> list[tuple[int, int]]:
    places = []
    for f in findings:
        assert f.location is not None
        assert f.location.file == FILE
        places.append((f.location.line, f.location.column))
    return places


# The registry -----------------------------------------------------------------------------------------

MODEL_RULES = [
    "GG122",
    "GG203",
    "GG205",
    "GG301",
    "GG302",
    "GG303",
    "GG304",
    "GG305",
    "GG306",
    "GG307",
    "GG401",
    "GG402",
    "GG403",
    "GG404",
    "GG405",
    "GG502",
    "GG503",
    "GG504",
    "GG505",
    "GG602",
    # Terms of reference: tests/test_terms_rules.py has their fixtures.
    *(f"GG7{n:02d}" for n in range(1, 13)),
]


@pytest.mark.parametrize("code", MODEL_RULES)
def test_every_model_rule_is_registered_with_its_explanation(code: str) -> None:
    rule = get_rule(code)
    assert rule is not None
    assert rule.function is not None
    assert rule.summary.endswith(".")
    assert len(rule.explanation) > 80
    assert rule.example


def test_rule_codes_and_severities() -> None:
    functions = {r.code: r.severity for r in all_rules() if r.function is not None}
    assert sorted(functions) == MODEL_RULES
    errors = {c for c, s in functions.items() if s == Severity.ERROR}
    infos = {c for c, s in functions.items() if s == Severity.INFO}
    assert errors == {"GG122", "GG203", "GG301", "GG302", "GG403", "GG701", "GG711"}
    assert infos == {"GG305", "GG307", "GG404", "GG602", "GG712"}


# GG301 reporting cycle --------------------------------------------------------------------------------

CYCLE = textwrap.dedent(
    """\
    govgraph: 1
    title: Cycle
    bodies:
      a:
        name: A
        kind: board
        reports_to: [b]
      b:
        name: B
        kind: committee
        part_of:
          - body: c
      c:
        name: C
        kind: programme
        reports_to: a
    """
)


def test_gg301_every_line_of_a_cycle_is_reported_at_its_place() -> None:
    findings = found(CYCLE, "GG301")
    assert where(findings) == [(7, 18), (12, 9), (16, 17)]
    assert [f.message for f in findings] == [
        "`reports_to` line in a reporting cycle: a -> b -> c -> a",
        "`part_of` line in a reporting cycle: b -> c -> a -> b",
        "`reports_to` line in a reporting cycle: c -> a -> b -> c",
    ]
    assert all(f.severity == Severity.ERROR and f.hint for f in findings)


def test_gg301_passes_a_chain() -> None:
    assert found(CYCLE.replace("reports_to: a", "reports_to: []"), "GG301") == []


def test_gg301_a_line_on_two_cycles_is_reported_with_each() -> None:
    text = """\
        govgraph: 1
        title: Two cycles
        bodies:
          a: {name: A, kind: board, reports_to: [b]}
          b: {name: B, kind: board, reports_to: [a, c]}
          c: {name: C, kind: board, reports_to: [a]}
        """
    findings = found(text, "GG301")
    assert [(f.location.line if f.location else 0, f.message.split(": ")[1]) for f in findings] == [
        (4, "a -> b -> a"),
        (4, "a -> b -> c -> a"),
        (5, "b -> a -> b"),
        (5, "b -> c -> a -> b"),
        (6, "c -> a -> b -> c"),
    ]


def test_gg301_lines_that_never_held_together_are_not_a_cycle() -> None:
    text = """\
        govgraph: 1
        title: A body that moved
        bodies:
          a: {name: A, kind: board, reports_to: [{body: b, until: 2019}]}
          b: {name: B, kind: board, reports_to: [{body: a, from: 2020}]}
        """
    assert found(text, "GG301") == []
    assert found(text.replace("from: 2020", "from: 2019-06"), "GG301") != []


def test_gg301_on_a_snapshot() -> None:
    text = """\
        govgraph: 1
        title: A cycle for a while
        bodies:
          a: {name: A, kind: board, reports_to: [{body: b, from: 2020, until: 2021}]}
          b: {name: B, kind: board, reports_to: [a]}
        """
    assert where(found(text, "GG301", as_of="2020-06")) == [(4, 42), (5, 42)]
    assert found(text, "GG301", as_of="2022") == []


def test_gg301_does_not_depend_on_the_order_of_the_file() -> None:
    shuffled = """\
        govgraph: 1
        title: Cycle
        bodies:
          c: {name: C, kind: programme, reports_to: a}
          b: {name: B, kind: committee, part_of: [c]}
          a: {name: A, kind: board, reports_to: [b]}
        """
    messages = sorted(f.message for f in found(shuffled, "GG301"))
    assert messages == sorted(f.message for f in found(CYCLE, "GG301"))


def _ring(n: int, *steps: int) -> str:
    lines = [
        f"  b{i:03d}: {{name: B{i}, kind: board, reports_to: [{', '.join(f'b{(i + s) % n:03d}' for s in steps)}]}}"
        for i in range(n)
    ]
    return "govgraph: 1\ntitle: Ring\nbodies:\n" + "\n".join(lines) + "\n"


def test_gg301_a_long_cycle_is_reported_once_per_line_and_summarised() -> None:
    findings = found(_ring(300, 1), "GG301")
    assert len(findings) == 300
    assert len({f.location for f in findings}) == 300
    assert findings[0].message == (
        "`reports_to` line in a reporting cycle: b000 -> b001 -> b002 -> b003 -> b004 -> b005 -> b006 -> b007 -> "
        "(292 more) -> b000"
    )


def test_gg301_every_line_of_a_large_tangle_is_reported() -> None:
    m = model(_ring(250, 1, 7))
    findings = [f for f in run(m) if f.code == "GG301"]
    assert {f.location for f in findings} == {r.location for r in m.relations()}


# GG302 self line --------------------------------------------------------------------------------------

SELF = textwrap.dedent(
    """\
    govgraph: 1
    title: Self
    bodies:
      top: {name: Top, kind: board}
      a:
        name: A
        kind: committee
        reports_to: [top]
        dotted_to: [a]
    """
)


def test_gg302_fails_a_line_to_itself() -> None:
    findings = found(SELF, "GG302")
    assert where(findings) == [(9, 17)]
    assert findings[0].message == "'a' has a `dotted_to` line to itself"


def test_gg302_passes_lines_to_others() -> None:
    assert found(SELF.replace("dotted_to: [a]", "dotted_to: [top]"), "GG302") == []


# GG303 several solid parents --------------------------------------------------------------------------

MATRIX = textwrap.dedent(
    """\
    govgraph: 1
    title: Matrix
    bodies:
      top: {name: Top, kind: board}
      other: {name: Other, kind: board}
      p:
        name: P
        kind: project
        reports_to:
          - {body: top, until: 2020}
          - {body: other, from: 2020-06}
    """
)


def test_gg303_fails_two_parents_at_once() -> None:
    findings = found(MATRIX, "GG303")
    assert where(findings) == [(6, 3)]
    assert findings[0].message == "'p' reports to several bodies at the same time: 'other' and 'top'"
    assert findings[0].severity == Severity.WARNING


def test_gg303_passes_a_move_and_a_declared_matrix() -> None:
    assert found(MATRIX.replace("from: 2020-06", "from: 2021"), "GG303") == []
    assert found(MATRIX.replace("kind: project", "kind: project\n    matrix: true"), "GG303") == []


def test_gg303_on_a_snapshot() -> None:
    assert where(found(MATRIX, "GG303", as_of="2020-07")) == [(6, 3)]
    assert found(MATRIX, "GG303", as_of="2021") == []


# GG304 no route to a top body / GG305 several tops ----------------------------------------------------

CHAIN_END = textwrap.dedent(
    """\
    govgraph: 1
    title: No top
    bodies:
      prog: {name: Prog, kind: programme}
      p1: {name: P1, kind: project, reports_to: [prog]}
      p2: {name: P2, kind: workstream, part_of: [p1]}
      top: {name: Top, kind: board}
      p3: {name: P3, kind: project, reports_to: [top]}
    """
)


def test_gg304_fails_where_the_chain_stops() -> None:
    findings = found(CHAIN_END, "GG304")
    assert where(findings) == [(4, 3)]
    assert findings[0].message == (
        "no route to a top body: accountability stops at 'prog', which reports to nothing and is not a board or "
        "executive; 2 bodies depend on it"
    )


def test_gg304_passes_when_every_chain_reaches_a_top() -> None:
    assert found(CHAIN_END.replace("kind: programme", "kind: executive"), "GG304") == []


def test_gg305_lists_several_tops() -> None:
    text = CHAIN_END.replace("kind: programme", "kind: executive")
    findings = found(text, "GG305")
    assert where(findings) == [(1, 1)]
    assert findings[0].message == "2 top bodies (a board or executive that reports to nothing): 'prog' and 'top'"
    assert findings[0].severity == Severity.INFO


def test_gg305_passes_a_single_top() -> None:
    assert found(CHAIN_END, "GG305") == []


def test_gg305_leaves_out_a_closed_top() -> None:
    text = CHAIN_END.replace(
        "kind: programme}", "kind: executive, history: [{date: 2020, status: closed}], succeeded_by: [top]}"
    )
    assert found(text, "GG305") == []


# GG306 dotted line duplicating a solid one ------------------------------------------------------------

DOTTED = textwrap.dedent(
    """\
    govgraph: 1
    title: Dotted
    bodies:
      top: {name: Top, kind: board}
      side: {name: Side, kind: board}
      p:
        name: P
        kind: project
        reports_to: [{body: top, until: 2020}]
        dotted_to: [top, side]
    """
)


def test_gg306_fails_a_dotted_line_beside_a_solid_one() -> None:
    findings = found(DOTTED, "GG306")
    assert where(findings) == [(10, 17)]
    assert findings[0].message == "dotted line from 'p' to 'top' duplicates its `reports_to` line"


def test_gg306_passes_dotted_lines_elsewhere_or_later() -> None:
    assert found(DOTTED.replace("dotted_to: [top, side]", "dotted_to: [side]"), "GG306") == []
    later = DOTTED.replace("dotted_to: [top, side]", "dotted_to: [{body: top, from: 2021}]")
    assert found(later, "GG306") == []


# GG307 isolated body ----------------------------------------------------------------------------------

ISOLATED = textwrap.dedent(
    """\
    govgraph: 1
    title: Isolated
    roles:
      chair: {title: Chair}
    bodies:
      top: {name: Top, kind: board, chairs: [chair]}
      lone: {name: Lone, kind: project}
    """
)


def test_gg307_fails_a_body_with_no_lines() -> None:
    findings = found(ISOLATED, "GG307")
    assert where(findings) == [(7, 3)]
    assert findings[0].message == "'lone' has no lines to or from any body, role or organisation"
    assert findings[0].severity == Severity.INFO


def test_gg307_passes_bodies_with_any_line() -> None:
    assert found(ISOLATED.replace("kind: project}", "kind: project, steers: [top]}"), "GG307") == []


# GG401 no chair ---------------------------------------------------------------------------------------

UNCHAIRED = textwrap.dedent(
    """\
    govgraph: 1
    title: No chair
    roles:
      chair: {title: Chair}
    bodies:
      board: {name: Board, kind: board, chairs: [{role: chair, from: 2021}]}
      project: {name: Project, kind: project, reports_to: [board]}
    """
)


def test_gg401_fails_a_chaired_kind_without_a_chair() -> None:
    assert found(UNCHAIRED, "GG401") == []
    findings = found(UNCHAIRED, "GG401", as_of="2020")
    assert where(findings) == [(6, 3)]
    assert findings[0].message == "'board' is a board with no chair"
    assert where(found(UNCHAIRED.replace("chairs: [{role: chair, from: 2021}]", "chairs: []"), "GG401")) == [(6, 3)]


def test_gg401_passes_a_closed_body_on_a_snapshot() -> None:
    text = UNCHAIRED.replace("from: 2021}]", "until: 2020}], history: [{date: 2020, status: closed}]")
    assert found(text, "GG401") == []
    assert found(text, "GG401", as_of="2021") == []


# GG402 chair independence -----------------------------------------------------------------------------

INDEPENDENCE = textwrap.dedent(
    """\
    govgraph: 1
    title: Independence
    roles:
      sro: {title: SRO}
      director: {title: Director}
    bodies:
      top:
        name: Top
        kind: board
        chairs: [sro]
      group:
        name: Group
        kind: advisory_group
        chairs: [director, sro]
        reports_to: [top]
    """
)


def test_gg402_fails_one_role_chairing_a_body_and_its_parent() -> None:
    findings = found(INDEPENDENCE, "GG402")
    assert where(findings) == [(14, 24)]
    assert findings[0].message == "'sro' chairs both 'group' and 'top', which 'group' reports to"


def test_gg402_passes_different_chairs_or_different_times() -> None:
    assert found(INDEPENDENCE.replace("[director, sro]", "[director]"), "GG402") == []
    apart = INDEPENDENCE.replace("chairs: [sro]", "chairs: [{role: sro, until: 2020}]").replace(
        "[director, sro]", "[director, {role: sro, from: 2021}]"
    )
    assert found(apart, "GG402") == []


def test_gg402_passes_a_post_several_people_hold_chairing_both() -> None:
    # "Councillor" sits 61 times on a council: the chair of a committee and of its sub-committee are two of them,
    # or one: the model does not say, so independence is not reported as broken (as GG707 does not).
    shared = INDEPENDENCE.replace("chairs: [sro]", "chairs: [sro]\n    members: [{role: sro, seats: 61}]")
    assert found(shared, "GG402") == []
    one = INDEPENDENCE.replace("chairs: [sro]", "chairs: [sro]\n    members: [{role: sro, seats: 1}]")
    assert where(found(one, "GG402")) == [(15, 24)]


# GG403 representation ---------------------------------------------------------------------------------

REPRESENTATION = textwrap.dedent(
    """\
    govgraph: 1
    title: Representation
    organisations:
      a-icb: {name: A ICB}
      b-icb: {name: B ICB}
      c-icb: {name: C ICB}
      council: {name: Council}
    groups:
      icbs: {name: ICBs, members: [a-icb, b-icb, c-icb]}
      partners: {name: Partners, members: [icbs, council]}
    roles:
      b-lead: {title: B lead, organisation: b-icb}
    bodies:
      forum:
        name: Forum
        kind: forum
        chairs: [b-lead]
        members:
          - {organisation: a-icb}
        requires: {represented: [partners]}
    """
)


def test_gg403_fails_naming_who_is_missing() -> None:
    findings = found(REPRESENTATION, "GG403")
    assert where(findings) == [(14, 3)]
    assert findings[0].message == (
        "'forum' must represent every member of 'partners', but 'c-icb' and 'council' are not represented"
    )
    assert findings[0].severity == Severity.ERROR


def test_gg403_passes_through_roles_groups_and_organisations() -> None:
    whole = REPRESENTATION.replace("- {organisation: a-icb}", "- {group: icbs}\n      - {organisation: council}")
    assert found(whole, "GG403") == []
    by_role = REPRESENTATION.replace(
        "chairs: [b-lead]", "chairs: [b-lead]\n    requires: {represented: [icbs]}"
    ).replace("    requires: {represented: [partners]}\n", "")
    assert where(found(by_role, "GG403")) == [(14, 3)]
    assert "but 'c-icb' is not represented" in found(by_role, "GG403")[0].message


def test_gg403_on_a_snapshot() -> None:
    text = REPRESENTATION.replace(
        "- {organisation: a-icb}", "- {group: partners, until: 2020}\n      - {organisation: a-icb}"
    )
    assert found(text, "GG403") == []
    assert found(text, "GG403", as_of="2020") == []
    assert where(found(text, "GG403", as_of="2021")) == [(14, 3)]


# GG404 unused roles and organisations -----------------------------------------------------------------

UNUSED = textwrap.dedent(
    """\
    govgraph: 1
    title: Unused
    organisations:
      host: {name: Host}
      spare: {name: Spare}
    roles:
      chair: {title: Chair, organisation: host}
      idle: {title: Idle}
    bodies:
      board: {name: Board, kind: board, chairs: [chair]}
    """
)


def test_gg404_fails_unused_roles_and_organisations() -> None:
    findings = found(UNUSED, "GG404")
    assert where(findings) == [(5, 3), (8, 3)]
    assert [f.message for f in findings] == [
        "organisation 'spare' hosts, manages, employs and sits on nothing, and is in no group",
        "role 'idle' chairs nothing, sits on nothing and is in no group",
    ]


def test_gg404_passes_when_everything_is_used() -> None:
    text = UNUSED.replace(
        "chairs: [chair]}", "chairs: [chair], members: [{role: idle}], managed_by: [{organisation: spare}]}"
    )
    assert found(text, "GG404") == []


# GG405 role held by no one ----------------------------------------------------------------------------

VACANT = textwrap.dedent(
    """\
    govgraph: 1
    title: Vacant
    roles:
      chair:
        title: Chair
        holders:
          - {name: A. Person, until: 2020}
      untracked: {title: Untracked}
    bodies:
      board: {name: Board, kind: board, chairs: [chair], members: [{role: untracked}]}
    """
)


def test_gg405_fails_a_tracked_role_with_no_holder() -> None:
    findings = found(VACANT, "GG405", as_of="2021")
    assert where(findings) == [(4, 3)]
    assert findings[0].message == "role 'chair' is held by no one on 2021"
    empty = VACANT.replace("holders:\n      - {name: A. Person, until: 2020}", "holders: []")
    assert where(found(empty, "GG405")) == [(4, 3)]


def test_gg405_passes_held_and_untracked_roles() -> None:
    assert found(VACANT, "GG405") == []
    assert found(VACANT, "GG405", as_of="2019") == []


# GG502 outside the lifetime of a body -----------------------------------------------------------------

LIFETIME = textwrap.dedent(
    """\
    govgraph: 1
    title: Lifetime
    roles:
      chair: {title: Chair}
    bodies:
      prog:
        name: Prog
        kind: programme
        from: 2017-03
        until: 2025-03
        chairs: [{role: chair, until: 2025-06}]
      p:
        name: P
        kind: project
        reports_to: [{body: prog, from: 2016}]
        members: [{role: chair, from: 2017}]
    """
)


def test_gg502_fails_dates_outside_a_body_lifetime() -> None:
    findings = found(LIFETIME, "GG502")
    assert where(findings) == [(11, 14), (15, 18)]
    assert [f.message for f in findings] == [
        "'chair' chairing 'prog' runs until 2025-06, after 'prog' ends (2025-03)",
        "`reports_to` line from 'p' to 'prog' starts in 2016, before 'prog' begins (2017-03)",
    ]


def test_gg502_passes_dates_within_or_possibly_within() -> None:
    text = LIFETIME.replace("until: 2025-06", "until: 2025").replace("from: 2016", "from: 2017")
    assert found(text, "GG502") == []


# GG503 reporting into a closed body -------------------------------------------------------------------

CLOSED = textwrap.dedent(
    """\
    govgraph: 1
    title: Closed
    bodies:
      top: {name: Top, kind: board}
      prog:
        name: Prog
        kind: programme
        reports_to: [top]
        history:
          - {date: 2025-03, status: closed}
      p:
        name: P
        kind: project
        reports_to:
          - {body: prog, until: 2025-03}
        dotted_to: [prog]
    """
)


def test_gg503_fails_a_line_still_in_force_into_a_closed_body() -> None:
    findings = found(CLOSED, "GG503")
    assert where(findings) == [(16, 17)]
    assert findings[0].message == (
        "'p' (status not recorded) has a `dotted_to` line into 'prog', which closed in 2025-03; the line has no "
        "end date"
    )
    assert "`until: 2025-03`" in (findings[0].hint or "")
    later = CLOSED.replace("until: 2025-03}", "until: 2025-06}")
    assert where(found(later, "GG503")) == [(15, 9), (16, 17)]


def test_gg503_passes_lines_that_end_with_the_closure() -> None:
    text = CLOSED.replace("dotted_to: [prog]", "dotted_to: [top]")
    assert found(text, "GG503") == []
    assert found(text, "GG503", as_of="2025-03") == []


def test_gg503_on_a_snapshot() -> None:
    assert found(CLOSED, "GG503", as_of="2025-02") == []
    assert where(found(CLOSED, "GG503", as_of="2025-04")) == [(16, 17)]
    closed_too = CLOSED.replace("dotted_to: [prog]", "dotted_to: [prog]\n    status: closed")
    assert found(closed_too, "GG503") == []


# GG504 review overdue ---------------------------------------------------------------------------------

REVIEW = textwrap.dedent(
    """\
    govgraph: 1
    title: Review
    as_of: 2025-07
    bodies:
      top:
        name: Top
        kind: board
        history:
          - {date: 2023-01, status: active}
          - {date: 2024-03, status: under_review}
    """
)


def test_gg504_fails_a_review_open_too_long() -> None:
    findings = found(REVIEW, "GG504")
    assert where(findings) == [(10, 9)]
    assert findings[0].message == (
        "'top' has been under review since 2024-03: 16 months by 2025-07 (the model's as_of), more than the 12 allowed"
    )
    # Measured to --as-of when given, else to the model's as_of.
    assert where(found(REVIEW.replace("as_of: 2025-07\n", ""), "GG504", as_of="2025-06")) == [(9, 9)]


def test_gg504_passes_a_recent_review_or_a_longer_period() -> None:
    assert found(REVIEW, "GG504", as_of="2025-03") == []
    assert found(REVIEW + "checks: {review_months: 24}\n", "GG504") == []
    concluded = REVIEW + "      - {date: 2025-01, status: active}\n"
    assert found(concluded, "GG504") == []


# GG505 history out of order ---------------------------------------------------------------------------

HISTORY = textwrap.dedent(
    """\
    govgraph: 1
    title: History
    bodies:
      top:
        name: Top
        kind: board
        history:
          - {date: 2024, note: set up}
          - {date: 2025-03, status: closed}
          - {date: 2024-03, status: under_review}
    """
)


def test_gg505_fails_an_entry_before_an_earlier_one() -> None:
    findings = found(HISTORY, "GG505")
    assert where(findings) == [(10, 9)]
    assert findings[0].message == "history entry of 'top' dated 2024-03 comes after one dated 2025-03"


def test_gg505_passes_entries_in_order_at_any_precision() -> None:
    text = HISTORY.replace("date: 2024-03, status: under_review", "date: 2025, note: later that year")
    assert found(text, "GG505") == []


# GG602 facts without a source -------------------------------------------------------------------------

SOURCES = textwrap.dedent(
    """\
    govgraph: 1
    title: Sources
    sources:
      paper: {title: A paper}
    roles:
      chair: {title: Chair}
    bodies:
      top:
        name: Top
        kind: board
        chairs: [chair]
        reports_to: []
        history: [{date: 2024, status: active, source: paper}]
      other:
        name: Other
        kind: board
        source: paper
    checks: {require_sources: true}
    """
)


def test_gg602_fails_unsourced_facts_when_sources_are_required() -> None:
    findings = found(SOURCES, "GG602")
    assert where(findings) == [(6, 3), (8, 3)]
    assert [f.message for f in findings] == [
        "role 'chair' cites no source",
        "body 'top' cites no source, nor does 1 fact recorded on it",
    ]


def test_gg602_counts_the_facts_on_a_body_that_name_no_source_of_their_own() -> None:
    text = SOURCES.replace("reports_to: []", "reports_to: [other]\n    dotted_to: [{body: other, source: paper}]")
    text = text.replace("{date: 2024, status: active, source: paper}", "{date: 2024, status: active}")
    [body] = [f for f in found(text, "GG602") if "'top'" in f.message]
    assert body.message == "body 'top' cites no source, nor do 3 facts recorded on it"


def test_gg602_passes_sourced_facts_and_is_opt_in() -> None:
    assert found(SOURCES.replace("require_sources: true", "require_sources: false"), "GG602") == []
    sourced = SOURCES.replace("{title: Chair}", "{title: Chair, source: paper}").replace(
        "kind: board\n    chairs", "kind: board\n    source: paper\n    chairs"
    )
    assert found(sourced, "GG602") == []


# The London model -------------------------------------------------------------------------------------


def _owner(london: Model, location: Location | None) -> str:
    """The id of the body (or `model`) a finding's location belongs to."""
    if location == london.location:
        return "model"
    for body in london.bodies.values():
        places = [body.location]
        places += [x.location for x in body.relations] + [x.location for x in body.chairs]
        places += [x.location for x in body.members] + [x.location for x in body.history]
        if location in places:
            return body.id
    raise AssertionError(f"no body at {location}")


LONDON_FINDINGS = {
    ("GG304", "health-equity-ecosystem"),
    ("GG305", "model"),
    ("GG307", "innovators-programme"),
    ("GG307", "pan-london-partnership"),
    ("GG401", "knowledge-sharing-forum"),
    ("GG401", "lceg"),
    ("GG401", "london-health-board"),
    ("GG401", "london-health-equity-group"),
    ("GG401", "london-leaders-group"),
    ("GG401", "lret"),
    ("GG401", "sp-advisory-group"),
    ("GG504", "pcag"),
}


def test_london_has_no_errors(london: Model) -> None:
    assert [f for f in run(london) if f.severity == Severity.ERROR] == []


def test_london_findings_are_the_expected_ones(london: Model) -> None:
    findings = run(london)
    assert {(f.code, _owner(london, f.location)) for f in findings} == LONDON_FINDINGS
    assert len(findings) == len(LONDON_FINDINGS)
    review = next(f for f in findings if f.code == "GG504")
    assert review.message.startswith("'pcag' has been under review since 2024-03: 16 months by 2025-07")


def test_london_ignore_entries_each_match_a_finding(london: Model) -> None:
    produced = {(f.code, _owner(london, f.location)) for f in run(london)}
    ignored = {(s.code, s.body) for b in london.bodies.values() for s in b.ignore}
    assert ignored
    assert ignored <= produced


@pytest.mark.parametrize("as_of", ["2024-06", "2025-03", "2025-04"])
def test_london_has_no_errors_on_any_date(london: Model, as_of: str) -> None:
    findings = run(london, as_of=PartialDate.parse(as_of))
    assert [f for f in findings if f.severity == Severity.ERROR] == []
    # The programme's lines end with its closure, so nothing reports into it once closed.
    assert [f for f in findings if f.code == "GG503"] == []


def test_gg307_a_body_that_took_a_recorded_decision_is_not_isolated() -> None:
    text = """\
govgraph: 1
title: T
bodies:
  exec: {name: Exec, kind: team}
  prog:
    name: Prog
    kind: programme
    history: [{date: 2025-03, status: under_review, decided_by: exec}]
  other: {name: Other, kind: team}
"""
    assert sorted(f.message.split("'")[1] for f in found(text, "GG307")) == ["other", "prog"]
