"""What `ignore:` on a body covers (the body's entry, from its first line to its last, and nothing past it), and
how `--select` and `--ignore` combine with the file's own entries and with what is reported about them."""

from __future__ import annotations

import textwrap

from govgraph.checks import check
from govgraph.checks.policy import apply, matches
from govgraph.findings import Finding, Location, Severity
from govgraph.loading import load_bytes
from govgraph.model import Model

FILE = "policy.yaml"

# 'quiet' (lines 6-11) has no chair (GG401 at its first line, 6:3) and a dotted line beside its solid one, written
# on its last line (GG306 at 11:17); 'next' follows it, with the same two findings at 12:3 and 15:17.
QUIET = textwrap.dedent(
    """\
    govgraph: 1
    title: Suppression at the edges
    bodies:
      top: {name: Top, kind: board, chairs: [chair]}
      # quiet's entry
      quiet:
        name: Quiet
        kind: committee
        ignore: [{code: GG401, reason: r}, {code: GG306, reason: r}]
        reports_to: [top]
        dotted_to: [top]
      next:
        name: Next
        kind: committee
        reports_to: [top]
        dotted_to: [top]
    roles:
      chair: {title: Chair}
    """
)


def model(text: str) -> Model:
    return load_bytes(text.encode(), FILE)


def places(text: str, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> list[tuple[str, int, int]]:
    result = check(model(text), select=select, ignore=ignore)
    return [(f.code, f.location.line, f.location.column) for f in result.findings if f.location is not None]


def test_a_body_entry_silences_its_first_and_last_lines_and_nothing_after() -> None:
    result = check(model(QUIET))
    assert sorted((f.code, f.location.line) for f, _ in result.suppressed if f.location) == [
        ("GG306", 11),
        ("GG401", 6),
    ]
    assert places(QUIET) == [("GG401", 12, 3), ("GG306", 16, 17)]


def test_a_body_entry_for_another_code_silences_nothing_and_is_reported() -> None:
    text = QUIET.replace("{code: GG306, reason: r}", "{code: GG303, reason: r}")
    assert places(text) == [("GG120", 9, 40), ("GG306", 11, 17), ("GG401", 12, 3), ("GG306", 16, 17)]


def test_a_project_entry_for_one_body_leaves_the_others_alone() -> None:
    text = QUIET.replace("    ignore: [{code: GG401, reason: r}, {code: GG306, reason: r}]\n", "")
    text += "checks:\n  ignore: [{code: GG401, body: next, reason: r}]\n"
    assert places(text) == [("GG401", 6, 3), ("GG306", 10, 17), ("GG306", 15, 17)]


def test_select_and_ignore_keep_and_drop_families_and_the_entries_about_them() -> None:
    text = QUIET.replace("{code: GG306, reason: r}", "{code: GG303, reason: r}")
    assert places(text, select=("GG4",)) == [("GG401", 12, 3)]
    assert places(text, select=("GG3",)) == [("GG306", 11, 17), ("GG306", 16, 17)]
    # An entry that silences nothing is reported only while the rule it is about is reported.
    assert places(text, select=("GG1",)) == []
    assert places(text, select=("GG1", "GG30")) == [("GG120", 9, 40), ("GG306", 11, 17), ("GG306", 16, 17)]
    assert places(text, ignore=("GG30", "gg1")) == [("GG401", 12, 3)]
    assert places(text, select=("GG3", "GG4"), ignore=("GG401",)) == [("GG306", 11, 17), ("GG306", 16, 17)]


def test_a_code_matches_itself_and_its_families_in_any_case() -> None:
    assert matches("GG401", "GG401")
    assert matches("GG401", " gg40 ")
    assert matches("GG401", "GG4")
    assert not matches("GG401", "GG4011")
    assert not matches("GG401", "GG41")
    assert not matches("GG301", "GG4")


def test_a_body_entry_silences_only_findings_located_in_its_file_and_entry() -> None:
    quiet = model(QUIET)
    placed = {
        "nowhere": Finding("GG401", Severity.WARNING, "no place", None),
        "other file": Finding("GG401", Severity.WARNING, "elsewhere", Location("other.yaml", 7, 3)),
        "in the entry": Finding("GG401", Severity.WARNING, "here", Location(FILE, 7, 3)),
    }
    result = apply(quiet, list(placed.values()))
    assert [f.message for f, _ in result.suppressed] == ["here"]
    assert sorted(f.message for f in result.findings if f.code == "GG401") == ["elsewhere", "no place"]
    # Called directly, an entry that silenced nothing is reported by default (quiet's GG306 entry here).
    assert [f.location.line for f in result.findings if f.code == "GG120" and f.location] == [9]


def test_entries_that_silence_nothing_or_name_no_rule_say_what_to_do() -> None:
    text = QUIET.replace("{code: GG306, reason: r}", "{code: GG303, reason: r}")
    text += "checks:\n  ignore: [{code: GG999, reason: r}]\n  severity: {GG777: error}\n"
    hints = {(f.code, f.message, f.hint) for f in check(model(text)).findings if f.code in ("GG120", "GG121")}
    assert hints == {
        (
            "GG120",
            "this `ignore` entry for GG303 silences nothing in 'quiet'",
            "the problem it was written for is gone: remove the entry",
        ),
        ("GG121", "no rule has the code 'GG999'", "`govgraph rules` lists every code"),
        ("GG121", "`checks.severity` names 'GG777', which no rule has", "`govgraph rules` lists every code"),
    }
