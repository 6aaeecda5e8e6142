"""GG205 (a group's members lead back to the group): a fixture that passes and fixtures that fail, with the exact
place of every finding."""

from __future__ import annotations

import textwrap

from govgraph.checks import check, get_rule, run
from govgraph.findings import Finding, Severity
from govgraph.loading import load_bytes
from govgraph.model import Model

FILE = "fixture.yaml"

GROUPS = textwrap.dedent(
    """\
    govgraph: 1
    title: Groups
    organisations:
      ncl-icb: {name: NCL ICB}
      nel-icb: {name: NEL ICB}
    groups:
      london-icbs: {name: London ICBs, members: [ncl-icb, nel-icb]}
      all-icbs:
        name: All ICBs
        members:
          - london-icbs
    bodies:
      forum: {name: Forum, kind: project, members: [{group: all-icbs}], requires: {represented: [all-icbs]}}
    """
)


def model(text: str) -> Model:
    return load_bytes(text.encode(), FILE)


def cycles(text: str) -> list[Finding]:
    return [f for f in run(model(text)) if f.code == "GG205"]


def places(findings: list[Finding]) -> list[tuple[int, int]]:
    return [(f.location.line, f.location.column) for f in findings if f.location is not None]


def test_gg205_is_registered_with_its_explanation_and_example() -> None:
    rule = get_rule("GG205")
    assert rule is not None
    assert rule.severity == Severity.WARNING
    assert rule.example.startswith("groups:")
    assert "lead back" in rule.summary
    assert len(rule.explanation) > 80


def test_gg205_passes_nested_groups_without_a_cycle() -> None:
    assert cycles(GROUPS) == []
    assert check(model(GROUPS)).findings == ()


def test_gg205_a_group_that_lists_itself_is_reported_at_the_entry() -> None:
    text = GROUPS.replace("      - london-icbs\n", "      - london-icbs\n      - all-icbs\n")
    (finding,) = cycles(text)
    assert places([finding]) == [(12, 9)]
    assert finding.message == "group 'all-icbs' lists itself among its members"
    assert finding.severity == Severity.WARNING
    assert finding.hint


def test_gg205_two_groups_that_list_each_other_are_each_reported_with_the_cycle() -> None:
    text = GROUPS.replace("[ncl-icb, nel-icb]", "[ncl-icb, all-icbs, nel-icb]")
    findings = cycles(text)
    assert places(findings) == [(7, 55), (11, 9)]
    assert [f.message for f in findings] == [
        "group 'london-icbs' lists 'all-icbs', whose members lead back to it: london-icbs -> all-icbs -> london-icbs",
        "group 'all-icbs' lists 'london-icbs', whose members lead back to it: all-icbs -> london-icbs -> all-icbs",
    ]
    # The members are still read as the organisations the groups hold: the requirement is met.
    assert [f.code for f in check(model(text)).findings] == ["GG205", "GG205"]


def test_gg205_a_longer_cycle_names_every_group_on_it_and_can_be_silenced() -> None:
    text = textwrap.dedent(
        """\
        govgraph: 1
        title: Ring
        groups:
          a: {name: A, members: [b]}
          b: {name: B, members: [c]}
          c: {name: C, members: [a]}
        checks:
          ignore: [{code: GG205, reason: kept while the groups are merged}]
        bodies:
          x: {name: X, kind: project, members: [{group: a}]}
        """
    )
    findings = cycles(text)
    assert places(findings) == [(4, 26), (5, 26), (6, 26)]
    assert findings[0].message.endswith("a -> b -> c -> a")
    result = check(model(text))
    assert [f.code for f in result.findings] == []
    assert len(result.suppressed) == 3
