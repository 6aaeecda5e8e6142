"""What `govgraph check` reports and how: suppression (`ignore:` on a body, `checks.ignore`), severity overrides,
`--select` / `--ignore` / `--fail-on`, the four report formats (text, json, github, sarif), `govgraph rules` and
`govgraph explain`, the pre-commit hook, and determinism.

Suppression and overrides are tested through `govgraph.checks.check()`; exit codes, formats and the hook through
the installed `govgraph` command, run as a user (or CI, or pre-commit) runs it.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # no stubs installed (types-jsonschema)
import pytest
import yaml
from referencing import Registry

import govgraph.cli
import support
from govgraph.checks import CheckResult, all_rules, check, get_rule
from govgraph.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, ModelError
from govgraph.findings import Finding, Location, Severity
from govgraph.loading import load_bytes
from govgraph.model import Model, PartialDate
from govgraph.render.checks import format_github
from govgraph.render.schemas import report_schema

REPO = support.REPO
LONDON = REPO / "data" / "governance.yaml"
SARIF_SCHEMA = support.TESTS / "data" / "sarif-schema-2.1.0.json"
GOVGRAPH = shutil.which("govgraph", path=os.path.dirname(sys.executable))
FILE = "fixture.yaml"

FINDING_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info) (?P<code>GG\d{3}) (?P<msg>\S.*)$"
)
HINT_LINE = re.compile(r"^    hint: (?P<hint>\S.*)$")
SUMMARY_LINE = re.compile(
    r"^(\d+ (errors?|warnings?|infos?)(, \d+ (errors?|warnings?|infos?))* in (?P<file>.+)|.+: no problems found)$"
)
GITHUB_LINE = re.compile(
    r"^::(?P<level>error|warning|notice) file=(?P<file>[^,]*),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"title=(?P<title>GG\d{3})::(?P<message>.*)$"
)


# Helpers ----------------------------------------------------------------------------------------------


def model(text: str, file: str = FILE) -> Model:
    """Load a fixture written as an indented triple-quoted string (its first line is line 1)."""
    return load_bytes(textwrap.dedent(text).encode(), file)


def at(finding: Finding) -> tuple[str, int, int]:
    """A finding's code and place."""
    assert finding.location is not None, finding
    return (finding.code, finding.location.line, finding.location.column)


def places(result: CheckResult) -> list[tuple[str, int, int]]:
    return [at(f) for f in result.findings]


def govgraph_cli(
    *args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed `govgraph` command, outside GitHub Actions unless `env` says otherwise."""
    return support.govgraph(*args, cwd=cwd or REPO, env=env)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def text_findings(output: str) -> list[dict[str, Any]]:
    """The findings of a text report, as the JSON report writes them; checks every line's shape."""
    lines = output.splitlines()
    assert lines, "empty report"
    assert SUMMARY_LINE.match(lines[-1]), lines[-1]
    findings: list[dict[str, Any]] = []
    for line in lines[:-1]:
        hint = HINT_LINE.match(line)
        if hint:
            assert findings, f"a hint before any finding: {line!r}"
            assert findings[-1]["hint"] is None
            findings[-1]["hint"] = hint["hint"]
            continue
        m = FINDING_LINE.match(line)
        assert m, f"not a finding line: {line!r}"
        findings.append(
            {
                "code": m["code"],
                "severity": m["severity"],
                "message": m["msg"],
                "file": m["file"],
                "line": int(m["line"]),
                "column": int(m["col"]),
                "hint": None,
            }
        )
    return findings


def sarif_validator() -> Any:
    """A Draft 4 validator for the OASIS SARIF 2.1.0 schema that resolves nothing outside the schema itself."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, registry=Registry())


def github_unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


# Fixtures ---------------------------------------------------------------------------------------------

# 'quiet' and 'loud' are the same committee with no chair and a dotted line beside the solid one; only 'quiet'
# has `ignore:` entries. The entries sit at 16:9 and 17:9; 'loud' starts on line 18.
SUPPRESSED = textwrap.dedent(
    """\
    govgraph: 1
    title: Suppression
    roles:
      chair: {title: Chair}
    bodies:
      top:
        name: Top
        kind: board
        chairs: [chair]
      quiet:
        name: Quiet
        kind: committee
        reports_to: [top]
        dotted_to: [top]
        ignore:
          - {code: GG401, reason: the source does not name the chair}
          - {code: GG306, reason: drawn both ways in the source}
      loud:
        name: Loud
        kind: committee
        reports_to: [top]
        dotted_to: [top]
    """
)

# Two tops (GG305 at 1:1) and two boards with no chair (GG401 at 4:3 and 5:3).
TWO_BOARDS = textwrap.dedent(
    """\
    govgraph: 1
    title: Two boards
    bodies:
      x: {name: X, kind: board, steers: [y]}
      y: {name: Y, kind: board}
    """
)

# Something of each severity: a cycle (GG301 errors), boards with no chair (GG401 warnings), several tops
# (GG305 info), a dotted line beside a solid one (GG306), a chain that stops (GG304).
MIXED_BODIES = {
    "a": "  a: {name: A, kind: board, reports_to: [b]}",
    "b": "  b: {name: B, kind: board, reports_to: [a]}",
    "top": "  top: {name: Top, kind: executive}",
    "top2": "  top2: {name: Top2, kind: board}",
    "p": "  p: {name: P, kind: project, reports_to: [top, top2], dotted_to: [top]}",
    "q": "  q: {name: Q, kind: programme}",
    "w": "  w: {name: W, kind: workstream, part_of: [q]}",
}


def mixed(order: list[str] | None = None) -> str:
    bodies = "\n".join(MIXED_BODIES[b] for b in (order or list(MIXED_BODIES)))
    return f"govgraph: 1\ntitle: Mixed\nbodies:\n{bodies}\n"


CLEAN = """\
govgraph: 1
title: A clean model
roles:
  chair: {title: Chair}
bodies:
  board: {name: Board, kind: board, chairs: [chair]}
"""

BROKEN = """\
govgraph: 1
title: [never closed
bodies: {}
"""


# 1. Suppression ---------------------------------------------------------------------------------------


def test_body_ignore_silences_its_own_entry_only() -> None:
    result = check(model(SUPPRESSED))
    # 'loud' (line 18 on) still reports both; 'quiet' (lines 10-17) reports neither.
    assert places(result) == [("GG401", 18, 3), ("GG306", 22, 17)]
    assert [f.message for f in result.findings] == [
        "'loud' is a committee with no chair",
        "dotted line from 'loud' to 'top' duplicates its `reports_to` line",
    ]


def test_body_ignore_entries_removed_bring_the_findings_back() -> None:
    text = SUPPRESSED.replace(
        "    ignore:\n"
        "      - {code: GG401, reason: the source does not name the chair}\n"
        "      - {code: GG306, reason: drawn both ways in the source}\n",
        "",
    )
    assert text != SUPPRESSED
    result = check(model(text))
    assert places(result) == [("GG401", 10, 3), ("GG306", 14, 17), ("GG401", 15, 3), ("GG306", 19, 17)]
    assert result.suppressed == ()


def test_suppressed_pairs_each_finding_with_its_entry() -> None:
    result = check(model(SUPPRESSED))
    pairs = sorted((at(f), s.code, s.body, s.reason, s.location) for f, s in result.suppressed)
    assert pairs == [
        (("GG306", 14, 17), "GG306", "quiet", "drawn both ways in the source", Location(FILE, 17, 9)),
        (("GG401", 10, 3), "GG401", "quiet", "the source does not name the chair", Location(FILE, 16, 9)),
    ]
    assert [f.message for f, _ in sorted(result.suppressed, key=lambda p: at(p[0]))] == [
        "dotted line from 'quiet' to 'top' duplicates its `reports_to` line",
        "'quiet' is a committee with no chair",
    ]


def test_body_ignore_does_not_reach_the_next_body() -> None:
    # The entry is on 'quiet', written as its last key: 'loud' starts on the next line and is not covered.
    text = SUPPRESSED.replace("      - {code: GG306, reason: drawn both ways in the source}\n", "")
    result = check(model(text))
    assert places(result) == [("GG306", 14, 17), ("GG401", 17, 3), ("GG306", 21, 17)]


def test_body_ignore_without_reason_is_a_schema_error() -> None:
    text = SUPPRESSED.replace(", reason: drawn both ways in the source}", "}")
    with pytest.raises(ModelError) as caught:
        model(text)
    assert [at(f) for f in caught.value.findings] == [("GG113", 17, 9)]
    assert "reason" in caught.value.findings[0].message


def test_checks_ignore_short_form_silences_everywhere() -> None:
    before = check(model(TWO_BOARDS))
    assert places(before) == [("GG305", 1, 1), ("GG401", 4, 3), ("GG401", 5, 3)]
    result = check(model(TWO_BOARDS + "checks:\n  ignore: [GG305]\n"))
    assert places(result) == [("GG401", 4, 3), ("GG401", 5, 3)]
    assert [(at(f), s.code, s.body, s.location) for f, s in result.suppressed] == [
        (("GG305", 1, 1), "GG305", None, Location(FILE, 7, 12))
    ]


def test_checks_ignore_for_one_body_only() -> None:
    result = check(model(TWO_BOARDS + "checks:\n  ignore: [{code: GG401, body: x, reason: not known}]\n"))
    assert places(result) == [("GG305", 1, 1), ("GG401", 5, 3)]
    [(finding, entry)] = result.suppressed
    assert at(finding) == ("GG401", 4, 3)
    assert (entry.code, entry.body, entry.reason) == ("GG401", "x", "not known")


@pytest.mark.parametrize("prefix", ["GG4", "GG40", "gg4"])
def test_prefix_codes_suppress_a_family(prefix: str) -> None:
    result = check(model(TWO_BOARDS + f"checks:\n  ignore: [{prefix}]\n"))
    assert places(result) == [("GG305", 1, 1)]
    assert sorted(at(f) for f, _ in result.suppressed) == [("GG401", 4, 3), ("GG401", 5, 3)]
    body_level = SUPPRESSED.replace("{code: GG401, reason:", f"{{code: {prefix}, reason:")
    assert places(check(model(body_level))) == [("GG401", 18, 3), ("GG306", 22, 17)]


def test_unused_suppression_is_reported_where_it_is_written() -> None:
    # 'quiet' now has a chair, so its GG401 entry silences nothing.
    text = SUPPRESSED.replace(
        "    kind: committee\n    reports_to: [top]\n    dotted_to: [top]\n    ignore:",
        "    kind: committee\n    chairs: [chair]\n    reports_to: [top]\n    dotted_to: [top]\n    ignore:",
        1,
    )
    assert text != SUPPRESSED
    result = check(model(text))
    unused = [f for f in result.findings if f.code == "GG120"]
    assert [at(f) for f in unused] == [("GG120", 17, 9)]
    assert unused[0].severity == Severity.WARNING
    assert unused[0].message == "this `ignore` entry for GG401 silences nothing in 'quiet'"
    assert unused[0].hint
    assert not result.fails()
    assert result.fails(Severity.WARNING)


def test_unused_project_suppressions_are_reported() -> None:
    text = TWO_BOARDS + "checks:\n  ignore:\n    - GG302\n    - {code: GG401, body: x}\n    - {code: GG306, body: y}\n"
    result = check(model(text))
    unused = [(at(f), f.message) for f in result.findings if f.code == "GG120"]
    assert unused == [
        (("GG120", 8, 7), "this `ignore` entry for GG302 silences nothing"),
        (("GG120", 10, 7), "this `ignore` entry for GG306 silences nothing in 'y'"),
    ]
    assert all(f.severity == Severity.WARNING for f in result.findings if f.code == "GG120")


def test_unknown_codes_in_ignore_entries_and_severity_overrides_are_errors() -> None:
    text = TWO_BOARDS + "checks:\n  ignore: [GG999, {code: GG4O1, body: x}]\n  severity: {GG777: error}\n"
    result = check(model(text))
    unknown = [f for f in result.findings if f.code == "GG121"]
    assert [f.severity for f in unknown] == [Severity.ERROR] * 3
    messages = " | ".join(f.message for f in unknown)
    for code in ("'GG999'", "'GG4O1'", "'GG777'"):
        assert code in messages
    located = sorted(at(f) for f in unknown)
    assert located == [("GG121", 7, 12), ("GG121", 7, 19), ("GG121", 8, 14)]
    assert all(f.location is not None and f.location.file == FILE for f in unknown)
    assert result.fails()
    # An unknown code is not also reported as unused.
    assert not [f for f in result.findings if f.code == "GG120"]


def test_no_unused_suppressions_on_a_dated_run() -> None:
    text = TWO_BOARDS.replace("kind: board}", "kind: board, ignore: [{code: GG303, reason: r}]}", 1)
    text += "checks:\n  ignore: [GG302, GG999]\n"
    m = model(text)
    assert sorted(at(f) for f in check(m).findings if f.code in ("GG120", "GG121")) == [
        ("GG120", 5, 38),
        ("GG120", 7, 12),
        ("GG121", 7, 19),
    ]
    dated = check(m, as_of=PartialDate.parse("2024"))
    assert [at(f) for f in dated.findings if f.code in ("GG120", "GG121")] == [("GG121", 7, 19)]


def test_london_model_suppressions_are_all_used(london: Model) -> None:
    result = check(london)
    assert not [f for f in result.findings if f.code in ("GG120", "GG121")]
    assert result.suppressed, "the London model silences findings it explains"
    assert all(entry.reason for _, entry in result.suppressed if entry.body is not None)


def test_selection_and_overrides_apply_to_suppression_findings() -> None:
    text = TWO_BOARDS + "checks:\n  ignore: [GG302]\n  severity: {GG120: error}\n"
    m = model(text)
    assert [f.severity for f in check(m).findings if f.code == "GG120"] == [Severity.ERROR]
    assert not [f for f in check(m, ignore=["GG120"]).findings if f.code == "GG120"]
    assert {f.code for f in check(m, select=["GG3"]).findings} == {"GG305"}


# 2. Severity overrides --------------------------------------------------------------------------------


def test_severity_override_turns_a_warning_into_an_error(tmp_path: Path) -> None:
    plain = write(tmp_path, "plain.yaml", TWO_BOARDS)
    strict = write(tmp_path, "strict.yaml", TWO_BOARDS + "checks:\n  severity: {GG401: error}\n")
    result = check(model(TWO_BOARDS + "checks:\n  severity: {GG401: error}\n"))
    assert [(f.code, f.severity) for f in result.findings] == [
        ("GG305", Severity.INFO),
        ("GG401", Severity.ERROR),
        ("GG401", Severity.ERROR),
    ]
    assert result.fails()
    assert govgraph_cli("check", str(plain)).returncode == EXIT_OK
    ran = govgraph_cli("check", str(strict))
    assert ran.returncode == EXIT_FINDINGS
    assert f"{strict}:4:3: error GG401 'x' is a board with no chair" in ran.stdout.splitlines()
    assert ran.stdout.splitlines()[-1] == f"2 errors, 1 info in {strict}"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ("{GG305: warning}", [("GG305", "warning"), ("GG401", "warning"), ("GG401", "warning")]),
        ("{GG401: info}", [("GG305", "info"), ("GG401", "info"), ("GG401", "info")]),
        ("{gg3: error}", [("GG305", "error"), ("GG401", "warning"), ("GG401", "warning")]),
        # The most specific pattern wins, whatever the order written.
        ("{GG305: warning, GG3: error}", [("GG305", "warning"), ("GG401", "warning"), ("GG401", "warning")]),
        ("{GG4: error, GG401: info}", [("GG305", "info"), ("GG401", "info"), ("GG401", "info")]),
    ],
)
def test_severity_overrides(overrides: str, expected: list[tuple[str, str]]) -> None:
    result = check(model(TWO_BOARDS + f"checks:\n  severity: {overrides}\n"))
    assert [(f.code, str(f.severity)) for f in result.findings] == expected


def test_severity_override_then_fail_on(tmp_path: Path) -> None:
    # An unused role is GG404, info by default: it fails `--fail-on warning` only once raised to a warning.
    idle = CLEAN.replace("  chair: {title: Chair}\n", "  chair: {title: Chair}\n  idle: {title: Idle}\n")
    raised = idle + "checks:\n  severity: {GG404: warning}\n"
    assert [(f.code, f.severity) for f in check(model(idle)).findings] == [("GG404", Severity.INFO)]
    assert [(f.code, f.severity) for f in check(model(raised)).findings] == [("GG404", Severity.WARNING)]
    default = write(tmp_path, "default.yaml", idle)
    path = write(tmp_path, "raised.yaml", raised)
    assert govgraph_cli("check", str(default), "--fail-on", "warning").returncode == EXIT_OK
    assert govgraph_cli("check", str(path)).returncode == EXIT_OK
    assert govgraph_cli("check", str(path), "--fail-on", "warning").returncode == EXIT_FINDINGS


def test_bad_severity_value_is_a_schema_error() -> None:
    with pytest.raises(ModelError) as caught:
        model(TWO_BOARDS + "checks:\n  severity: {GG401: fatal}\n")
    assert [f.code for f in caught.value.findings] == ["GG114"]


# 3. --select / --ignore / --fail-on through the command line ------------------------------------------


def test_london_exit_codes_follow_fail_on() -> None:
    default = govgraph_cli("check", str(LONDON))
    assert default.returncode == EXIT_OK, default.stdout + default.stderr
    assert {f["code"] for f in text_findings(default.stdout)} == {"GG305", "GG504"}
    assert govgraph_cli("check", str(LONDON), "--fail-on", "warning").returncode == EXIT_FINDINGS
    assert govgraph_cli("check", str(LONDON), "--fail-on", "warning", "--ignore", "GG504").returncode == EXIT_OK
    assert govgraph_cli("check", str(LONDON), "--fail-on", "info", "--ignore", "GG504").returncode == EXIT_FINDINGS
    assert govgraph_cli("check", str(LONDON), "--fail-on", "error").returncode == EXIT_OK


def test_select_a_family() -> None:
    ran = govgraph_cli("check", str(LONDON), "--select", "GG5")
    assert ran.returncode == EXIT_OK
    findings = text_findings(ran.stdout)
    assert [f["code"] for f in findings] == ["GG504"]
    assert findings[0]["severity"] == "warning"
    assert ran.stdout.splitlines()[-1] == f"1 warning in {LONDON}"


def test_ignore_takes_comma_lists_prefixes_and_repeats() -> None:
    both = govgraph_cli("check", str(LONDON), "--ignore", "gg504, GG3", "--fail-on", "info")
    assert both.returncode == EXIT_OK, both.stdout
    assert both.stdout == f"{LONDON}: no problems found\n"
    repeated = govgraph_cli("check", str(LONDON), "--ignore", "GG504", "--ignore", "GG305", "--fail-on", "info")
    assert repeated.returncode == EXIT_OK
    assert repeated.stdout == both.stdout
    picked = govgraph_cli("check", str(LONDON), "--select", "GG305,GG504", "--ignore", "GG504", "--format", "json")
    assert [f["code"] for f in json.loads(picked.stdout)["findings"]] == ["GG305"]


def test_select_and_ignore_in_the_library_match_the_command_line(london: Model) -> None:
    assert [f.code for f in check(london, select=["GG5"]).findings] == ["GG504"]
    assert [f.code for f in check(london, ignore=["GG5"]).findings] == ["GG305"]
    assert [f.code for f in check(london, select=["GG3", "GG5"], ignore=["GG305"]).findings] == ["GG504"]


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_code_on_the_command_line_is_a_usage_error(option: str) -> None:
    ran = govgraph_cli("check", str(LONDON), option, "GG401,GG999")
    assert ran.returncode == EXIT_USAGE
    assert "GG999" in ran.stderr
    assert "govgraph rules" in ran.stderr
    assert ran.stdout == ""
    assert "Traceback" not in ran.stderr


def test_bad_fail_on_is_a_usage_error() -> None:
    ran = govgraph_cli("check", str(LONDON), "--fail-on", "fatal")
    assert ran.returncode == EXIT_USAGE
    assert "fatal" in ran.stderr


def test_several_models_are_all_checked(tmp_path: Path) -> None:
    clean = write(tmp_path, "clean.yaml", CLEAN)
    warned = write(tmp_path, "warned.yaml", TWO_BOARDS)
    failing = write(tmp_path, "failing.yaml", mixed())
    ok = govgraph_cli("check", "clean.yaml", "warned.yaml", cwd=tmp_path)
    assert ok.returncode == EXIT_OK
    summaries = [line for line in ok.stdout.splitlines() if SUMMARY_LINE.match(line)]
    assert summaries == ["clean.yaml: no problems found", "2 warnings, 1 info in warned.yaml"]
    bad = govgraph_cli("check", str(failing), str(clean), str(warned), cwd=tmp_path)
    assert bad.returncode == EXIT_FINDINGS
    files = {line.split(":")[0] for line in bad.stdout.splitlines() if FINDING_LINE.match(line)}
    assert files == {str(failing), str(warned)}
    assert f"{clean}: no problems found" in bad.stdout.splitlines()
    # The failing model can come last: every model is still checked and the exit is still 1.
    last = govgraph_cli("check", str(clean), str(failing), cwd=tmp_path)
    assert last.returncode == EXIT_FINDINGS
    assert f"{clean}: no problems found" in last.stdout.splitlines()
    assert re.search(rf"^\d+ errors.* in {re.escape(str(failing))}$", last.stdout, re.MULTILINE)


def test_several_models_with_one_unreadable(tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.yaml", BROKEN)
    ran = govgraph_cli("check", str(LONDON), str(broken), "--ignore", "GG305,GG504")
    assert ran.returncode == EXIT_FINDINGS
    lines = ran.stdout.splitlines()
    assert f"{LONDON}: no problems found" in lines
    assert any(line.startswith(f"{broken}:3:") and " error GG101 " in line for line in lines), lines
    assert "Traceback" not in ran.stderr


# 4. Formats -------------------------------------------------------------------------------------------


def test_text_and_json_report_the_same_findings(tmp_path: Path) -> None:
    path = write(tmp_path, "mixed.yaml", mixed())
    text = govgraph_cli("check", "mixed.yaml", cwd=tmp_path)
    as_json = govgraph_cli("check", "mixed.yaml", "--format", "json", cwd=tmp_path)
    assert text.returncode == as_json.returncode == EXIT_FINDINGS
    from_text = text_findings(text.stdout)
    assert {f["severity"] for f in from_text} == {"error", "warning", "info"}
    report = json.loads(as_json.stdout)
    assert report["findings"] == from_text
    assert report["file"] == "mixed.yaml"
    assert report["version"] == 1
    counted = {s: sum(1 for f in from_text if f["severity"] == s) for s in ("error", "warning", "info")}
    assert report["summary"] == counted
    assert text.stdout.splitlines()[-1] == (
        f"{counted['error']} errors, {counted['warning']} warnings, {counted['info']} info in mixed.yaml"
    )
    # The same findings as the library reports, in the same order.
    expected = check(load_bytes(path.read_bytes(), "mixed.yaml")).findings
    assert [(f["code"], f["line"], f["column"], f["message"]) for f in report["findings"]] == [
        (f.code, f.location.line if f.location else None, f.location.column if f.location else None, f.message)
        for f in expected
    ]


def test_json_report_validates_against_the_published_schema(tmp_path: Path) -> None:
    published = govgraph_cli("schema", "--of", "report")
    assert published.returncode == EXIT_OK
    schema = json.loads(published.stdout)
    assert schema == json.loads(json.dumps(report_schema()))
    validator_class = jsonschema.validators.validator_for(schema)
    assert validator_class is jsonschema.Draft202012Validator
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    write(tmp_path, "mixed.yaml", mixed())
    write(tmp_path, "clean.yaml", CLEAN)
    for name in ("mixed.yaml", "clean.yaml"):
        report = json.loads(govgraph_cli("check", name, "--format", "json", cwd=tmp_path).stdout)
        validator.validate(report)
    assert json.loads(govgraph_cli("check", "clean.yaml", "--format", "json", cwd=tmp_path).stdout) == {
        "version": 1,
        "file": "clean.yaml",
        "summary": {"error": 0, "warning": 0, "info": 0},
        "findings": [],
    }
    # The schema does reject what it should.
    bad = json.loads(govgraph_cli("check", "mixed.yaml", "--format", "json", cwd=tmp_path).stdout)
    bad["findings"][0]["severity"] = "fatal"
    assert not validator.is_valid(bad)


def test_json_report_of_an_unreadable_model(tmp_path: Path) -> None:
    write(tmp_path, "broken.yaml", BROKEN)
    ran = govgraph_cli("check", "broken.yaml", "--format", "json", cwd=tmp_path)
    assert ran.returncode == EXIT_FINDINGS
    report = json.loads(ran.stdout)
    jsonschema.Draft202012Validator(report_schema()).validate(report)
    assert [(f["code"], f["severity"], f["line"]) for f in report["findings"]] == [("GG101", "error", 3)]


def test_github_annotations_are_escaped_as_the_actions_toolkit_does(tmp_path: Path) -> None:
    folder = "odd, dir: 100%"
    path = write(tmp_path, f"{folder}/governance.yaml", TWO_BOARDS)
    relative = f"{folder}/governance.yaml"
    ran = govgraph_cli("check", relative, "--format", "github", cwd=tmp_path)
    assert ran.returncode == EXIT_OK
    lines = ran.stdout.splitlines()
    assert lines[-1] == f"2 warnings, 1 info in {relative}"
    annotations = [GITHUB_LINE.match(line) for line in lines[:-1]]
    assert all(annotations), lines
    escaped_file = "odd%2C dir%3A 100%25/governance.yaml"
    report = json.loads(govgraph_cli("check", relative, "--format", "json", cwd=tmp_path).stdout)
    assert len(annotations) == len(report["findings"]) == 3
    for m, finding in zip(annotations, report["findings"], strict=True):
        assert m is not None
        assert m["file"] == escaped_file
        assert github_unescape(m["file"]) == relative == finding["file"]
        assert (int(m["line"]), int(m["col"]), m["title"]) == (finding["line"], finding["column"], finding["code"])
        assert m["level"] == {"error": "error", "warning": "warning", "info": "notice"}[finding["severity"]]
        # The hint follows the message after a newline, escaped as %0A (`:` and `,` stay as they are in data).
        assert finding["hint"]
        assert m["message"] == f"{finding['message']}\n{finding['hint']}".replace("%", "%25").replace("\n", "%0A")
        assert "\n" not in m["message"]
        assert "\r" not in m["message"]
    assert path.exists()


def test_github_escaping_of_data_and_properties() -> None:
    finding = Finding(
        "GG401",
        Severity.ERROR,
        "50% done\r\nnext: a, b",
        Location("dir,1:2%/m.yaml", 3, 4),
        "hint: 100%",
    )
    out = format_github([finding], "m.yaml").splitlines()
    assert out[0] == (
        "::error file=dir%2C1%3A2%25/m.yaml,line=3,col=4,title=GG401::50%25 done%0D%0Anext: a, b%0Ahint: 100%25"
    )
    info = Finding("GG305", Severity.INFO, "m", Location("m.yaml", 1, 1), None)
    assert format_github([info], "m.yaml").splitlines()[0] == "::notice file=m.yaml,line=1,col=1,title=GG305::m"


def test_github_format_is_chosen_under_github_actions(tmp_path: Path) -> None:
    write(tmp_path, "m.yaml", TWO_BOARDS)
    auto = govgraph_cli("check", "m.yaml", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert auto.returncode == EXIT_OK
    assert auto.stdout.splitlines()[0].startswith("::notice file=m.yaml,line=1,col=1,title=GG305::")
    assert all(GITHUB_LINE.match(line) for line in auto.stdout.splitlines()[:-1])
    explicit = govgraph_cli("check", "m.yaml", "--format", "text", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert explicit.stdout.splitlines()[0].startswith("m.yaml:1:1: info GG305 ")
    as_json = govgraph_cli("check", "m.yaml", "--format", "json", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert json.loads(as_json.stdout)["file"] == "m.yaml"
    elsewhere = govgraph_cli("check", "m.yaml", cwd=tmp_path, env={"GITHUB_ACTIONS": "false"})
    assert elsewhere.stdout.splitlines()[0].startswith("m.yaml:1:1: info GG305 ")


def test_sarif_log_validates_and_points_at_each_finding(tmp_path: Path) -> None:
    write(tmp_path, "mixed.yaml", mixed())
    ran = govgraph_cli("check", "mixed.yaml", "--format", "sarif", cwd=tmp_path)
    assert ran.returncode == EXIT_FINDINGS
    log = json.loads(ran.stdout)
    sarif_validator().validate(log)
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "govgraph"
    assert driver["version"] == govgraph.__version__
    findings = json.loads(govgraph_cli("check", "mixed.yaml", "--format", "json", cwd=tmp_path).stdout)["findings"]
    codes = sorted({f["code"] for f in findings})
    assert codes == ["GG301", "GG303", "GG304", "GG305", "GG306", "GG401"]
    rules = driver["rules"]
    assert [r["id"] for r in rules] == codes
    for r in rules:
        registered = get_rule(r["id"])
        assert registered is not None
        assert r["name"] == registered.name
        assert r["shortDescription"]["text"] == registered.summary
        assert (
            r["defaultConfiguration"]["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[str(registered.severity)]
        )
    results = run["results"]
    assert len(results) == len(findings)
    for result, finding in zip(results, findings, strict=True):
        assert result["ruleId"] == finding["code"]
        assert rules[result["ruleIndex"]]["id"] == finding["code"]
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding["severity"]]
        assert result["message"]["text"].startswith(finding["message"])
        [location] = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "mixed.yaml"
        assert physical["region"] == {"startLine": finding["line"], "startColumn": finding["column"]}
    assert {r["level"] for r in results} == {"error", "warning", "note"}


def test_sarif_schema_is_enforced() -> None:
    validator = sarif_validator()
    assert validator.is_valid({"version": "2.1.0", "runs": []})
    assert not validator.is_valid({"version": "2.0.0", "runs": []})
    bad_level = {
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}],
    }
    assert not validator.is_valid(bad_level)


def test_sarif_log_of_an_unreadable_model(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.yaml", BROKEN)
    with pytest.raises(ModelError) as caught:
        load_bytes(path.read_bytes(), "broken.yaml")
    [error] = [at(f) for f in caught.value.findings]
    assert error[:2] == ("GG101", 3)
    ran = govgraph_cli("check", "broken.yaml", "--format", "sarif", cwd=tmp_path)
    assert ran.returncode == EXIT_FINDINGS
    log = json.loads(ran.stdout)
    sarif_validator().validate(log)
    [run] = log["runs"]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["GG101"]
    [result] = run["results"]
    assert (result["ruleId"], result["ruleIndex"], result["level"]) == ("GG101", 0, "error")
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": error[1], "startColumn": error[2]}
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.yaml"


def test_sarif_uri_of_an_odd_path_is_a_uri_reference(tmp_path: Path) -> None:
    relative = "odd dir,x/governance.yaml"
    write(tmp_path, relative, TWO_BOARDS)
    log = json.loads(govgraph_cli("check", relative, "--format", "sarif", cwd=tmp_path).stdout)
    sarif_validator().validate(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"odd%20dir%2Cx/governance.yaml"}


def test_sarif_of_several_models_is_one_log(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", TWO_BOARDS)
    write(tmp_path, "b.yaml", mixed())
    ran = govgraph_cli("check", "a.yaml", "b.yaml", "--format", "sarif", cwd=tmp_path)
    log = json.loads(ran.stdout)
    sarif_validator().validate(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"a.yaml", "b.yaml"}


# 5. rules and explain ---------------------------------------------------------------------------------


def test_rules_lists_every_registered_code_with_its_severity() -> None:
    ran = govgraph_cli("rules")
    assert ran.returncode == EXIT_OK
    listed = re.findall(r"^  (GG\d{3})  (error|warning|info)\s+(\S+)\s+(\S.*)$", ran.stdout, re.MULTILINE)
    registered = list(all_rules())
    assert [(c, s, n, t) for c, s, n, t in listed] == [(r.code, str(r.severity), r.name, r.summary) for r in registered]
    assert len(listed) == len({r.code for r in registered})
    assert {"GG120", "GG121", "GG301", "GG401", "GG504", "GG602"} <= {c for c, *_ in listed}
    # Every other non-empty line is a family heading.
    others = [line for line in ran.stdout.splitlines() if line and not line.startswith("  GG")]
    assert others == [
        f"GG{n}xx {family}"
        for n, family in [
            ("1", "file and schema"),
            ("2", "references"),
            ("3", "structure"),
            ("4", "roles and membership"),
            ("5", "time"),
            ("6", "provenance"),
            ("7", "terms of reference"),
        ]
    ]


def test_rules_as_json() -> None:
    ran = govgraph_cli("rules", "--format", "json")
    assert ran.returncode == EXIT_OK
    data = json.loads(ran.stdout)
    assert [d["code"] for d in data] == [r.code for r in all_rules()]
    by_code = {d["code"]: d for d in data}
    assert by_code["GG401"]["severity"] == "warning"
    assert by_code["GG401"]["name"] == "no-chair"
    assert by_code["GG401"]["checked"] == "on the model"
    assert by_code["GG101"]["checked"] == "while reading the file"
    assert all(d["summary"] and d["explanation"] for d in data)


def test_explain_prints_the_explanation_the_example_and_how_to_silence() -> None:
    rule = get_rule("GG401")
    assert rule is not None
    ran = govgraph_cli("explain", "GG401")
    assert ran.returncode == EXIT_OK
    out = ran.stdout
    assert out.startswith("GG401 no-chair (warning, roles and membership)\n")
    assert rule.summary in out
    assert rule.explanation in out
    assert "Example:" in out
    for line in rule.example.splitlines():
        assert line in out
    assert "ignore: [{code: GG401, reason: ...}]" in out
    assert "--ignore GG401" in out
    assert govgraph_cli("explain", "gg401").stdout == out
    assert govgraph_cli("explain", "no-chair").stdout == out


def test_explain_an_unknown_code_suggests_close_ones() -> None:
    ran = govgraph_cli("explain", "GG4011")
    assert ran.returncode == EXIT_USAGE
    assert "did you mean" in ran.stderr
    assert "'GG401'" in ran.stderr
    assert ran.stdout == ""
    assert "Traceback" not in ran.stderr


def test_explain_a_misspelt_rule_name_suggests_the_name() -> None:
    ran = govgraph_cli("explain", "no-chiar")
    assert ran.returncode == EXIT_USAGE
    assert "did you mean" in ran.stderr
    assert "'no-chair'" in ran.stderr


# 6. pre-commit hook -----------------------------------------------------------------------------------


def test_pre_commit_hook_runs_govgraph_check_on_the_files_it_is_given(tmp_path: Path) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    [hook] = [h for h in hooks if h.get("id") == "govgraph-check"]
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["language"] == "python"
    entry = shlex.split(hook["entry"])
    assert entry == ["govgraph", "check"]
    # The command is the package's console script, and `check` is one of its subcommands.
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts[entry[0]] == "govgraph.cli:main"
    assert entry[1] in govgraph.cli.cli.commands
    # The files pattern picks governance models wherever they are.
    pattern = re.compile(hook["files"])
    assert pattern.search("data/governance.yaml")
    assert pattern.search("governance.yml")
    assert not pattern.search("data/other.yaml")
    assert "yaml" in hook.get("types", [])

    # Run the entry as pre-commit does: the command, then the names of the files changed.
    write(tmp_path, "a/governance.yaml", CLEAN)
    write(tmp_path, "b/governance.yaml", TWO_BOARDS)
    bin_dir = str(Path(GOVGRAPH or "").parent)
    env = {"PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    command = [*entry, "a/governance.yaml", "b/governance.yaml"]
    ran = subprocess.run(
        command, check=False, cwd=tmp_path, env={**os.environ, **env}, capture_output=True, text=True, timeout=60
    )
    assert ran.returncode == EXIT_OK, ran.stdout + ran.stderr
    assert "a/governance.yaml: no problems found" in ran.stdout.splitlines()
    assert "2 warnings, 1 info in b/governance.yaml" in ran.stdout.splitlines()
    write(tmp_path, "b/governance.yaml", mixed())
    failed = subprocess.run(
        command, check=False, cwd=tmp_path, env={**os.environ, **env}, capture_output=True, text=True, timeout=60
    )
    assert failed.returncode == EXIT_FINDINGS
    assert "a/governance.yaml: no problems found" in failed.stdout.splitlines()
    assert re.search(r"^b/governance\.yaml:\d+:\d+: error GG301 ", failed.stdout, re.MULTILINE)


# 7. Determinism ---------------------------------------------------------------------------------------


def test_json_report_is_byte_for_byte_stable() -> None:
    first = govgraph_cli("check", str(LONDON), "--format", "json")
    second = govgraph_cli("check", str(LONDON), "--format", "json")
    assert first.returncode == second.returncode == EXIT_OK
    assert first.stdout.encode() == second.stdout.encode()
    assert json.loads(first.stdout)["findings"]


def test_findings_do_not_depend_on_the_order_of_bodies() -> None:
    def outcome(order: list[str]) -> list[tuple[str, str, str]]:
        result = check(load_bytes(mixed(order).encode(), FILE))
        return sorted((f.code, str(f.severity), f.message) for f in result.findings)

    reference = outcome(list(MIXED_BODIES))
    assert len(reference) == 10
    assert {code for code, _, _ in reference} == {"GG301", "GG303", "GG304", "GG305", "GG306", "GG401"}
    orders = list(itertools.permutations(MIXED_BODIES))
    sample = [list(o) for o in random.Random(20240301).sample(orders, 60)]
    sample.append(list(reversed(MIXED_BODIES)))
    for order in sample:
        assert outcome(order) == reference, order


def test_json_of_several_models_is_one_array_of_reports(tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.yaml", "govgraph: 1\ntitle: T\nbodies:\n  a: {name: A, kind: borad}\n")
    result = govgraph_cli("check", "--format", "json", str(LONDON), str(broken))
    assert result.returncode == 1
    reports = json.loads(result.stdout)
    assert [r["file"] for r in reports] == [str(LONDON), str(broken)]
    assert [f["code"] for f in reports[1]["findings"]] == ["GG114"]
    schema = json.loads(govgraph_cli("schema", "--of", "report").stdout)
    jsonschema.Draft202012Validator(schema).validate(reports)


def test_find_rule_by_code_or_name_and_its_two_refusals() -> None:
    from govgraph.checks import find_rule
    from govgraph.errors import NameNotFound, UsageError

    assert find_rule(" gg401 ").code == "GG401"
    assert find_rule("no-chair").code == "GG401"
    with pytest.raises(NameNotFound) as close:
        find_rule("no-chiar")
    assert "no-chair" in close.value.suggestions
    with pytest.raises(UsageError, match="`govgraph rules` lists them"):
        find_rule("zzzzzz")
    result = govgraph_cli("explain", "zzzzzz")
    assert result.returncode == 2
    assert "no rule is called 'zzzzzz'" in result.stderr
