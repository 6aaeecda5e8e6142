"""The bad-input corpus (`tests/bad/`) and the command line's behaviour on bad input, run as a user runs it.

Each file in `tests/bad/` starts with a block of comment lines saying what `govgraph check FILE` must report:

    # expect: GG101 8:4          one line per finding: code, line and column (1-based), as govgraph prints them
    # expect: clean              the file is a valid model (exit 0, no errors)
    # message: some text         text that must appear in the report (a message, a hint)
    # xfail: reason              a known bug in govgraph: the expectation is right and govgraph is wrong

The set of (code, line, column) reported must equal the set expected, the exit code must be 1 (0 for `clean`),
every finding line must read `file:line:col: severity CODE message`, and no traceback may ever be printed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # no stubs installed (types-jsonschema)
import pytest
import yaml

import govgraph
import support
from govgraph.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, ModelError
from govgraph.loading import load_bytes

REPO = support.REPO
BAD = support.TESTS / "bad"
LONDON = REPO / "data" / "governance.yaml"
GOVGRAPH = shutil.which("govgraph", path=os.path.dirname(sys.executable))
BOM = b"\xef\xbb\xbf"

FINDING_LINE = re.compile(
    r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): "
    r"(?P<severity>error|warning|info) (?P<code>GG\d{3}) (?P<msg>\S.*)$"
)
HINT_LINE = re.compile(r"^    hint: \S.*$")
DIRECTIVE = re.compile(r"^#\s*(?P<name>expect|message|xfail):\s*(?P<value>.*?)\s*$")
EXPECTATION = re.compile(r"^(?P<code>GG\d{3}) (?P<line>\d+):(?P<col>\d+)$")

SMALL_MODEL = """\
govgraph: 1
title: A small valid model
roles:
  chair: {title: Chair}
bodies:
  board: {name: Board, kind: board, chairs: [chair]}
"""

Expected = frozenset[tuple[str, int, int]]


@dataclass(frozen=True)
class Case:
    """One file of the corpus and what govgraph must say about it."""

    path: Path
    expected: Expected
    clean: bool
    messages: tuple[str, ...]
    xfail: str | None


def read_case(path: Path) -> Case:
    """Read the `# expect:` / `# message:` / `# xfail:` comment block at the top of a corpus file."""
    data = path.read_bytes().removeprefix(BOM)
    expected: set[tuple[str, int, int]] = set()
    messages: list[str] = []
    clean = False
    xfail: str | None = None
    for raw in data.splitlines():
        # Only the header is read as text: a case such as not-utf8.yaml is deliberately not UTF-8 further down.
        line = raw.decode("utf-8", errors="replace").strip()
        if not line.startswith("#"):
            break
        match = DIRECTIVE.match(line)
        if match is None:
            continue
        name, value = match["name"], match["value"]
        if name == "message":
            messages.append(value)
        elif name == "xfail":
            xfail = value
        elif value == "clean":
            clean = True
        else:
            found = EXPECTATION.match(value)
            assert found is not None, f"{path.name}: cannot read the expectation {value!r}"
            expected.add((found["code"], int(found["line"]), int(found["col"])))
    return Case(path, frozenset(expected), clean, tuple(messages), xfail)


def corpus() -> list[Path]:
    """Every file of the corpus, in name order."""
    return sorted(p for p in BAD.iterdir() if p.is_file() and p.suffix == ".yaml")


def corpus_params() -> list[Any]:
    """One pytest parameter per corpus file; a file with `# xfail:` is a known bug, marked as such."""
    params = []
    for path in corpus():
        case = read_case(path)
        marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
        params.append(pytest.param(case, id=path.stem, marks=marks))
    return params


def clean_env(**extra: str) -> dict[str, str]:
    """The environment a user would have: none of govgraph's own variables unless a test sets them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVGRAPH_")}
    env.update(extra)
    return env


def run(args: list[str], *, cwd: Path = REPO, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `govgraph ARGS...` in the environment `env` (by default a user's: see `clean_env`)."""
    whole = dict(env) if env is not None else clean_env()
    return support.govgraph(*args, cwd=cwd, env={**dict.fromkeys(os.environ), **whole})


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, stream
        assert "internal error" not in stream, stream


def parse_report(stdout: str, file: str) -> list[tuple[str, int, int, str, str]]:
    """The findings of a text report, in order, as (code, line, column, severity, message).

    Asserts that every line is a finding, a hint under a finding, or the closing summary line.
    """
    lines = stdout.splitlines()
    assert lines, "the report is empty"
    name = re.escape(file)
    summary_form = rf"{name}: no problems found|\d+ (error|warning|info)s?(, \d+ (warning|info)s?)* in {name}"
    assert re.fullmatch(summary_form, lines[-1]), lines[-1]
    findings: list[tuple[str, int, int, str, str]] = []
    for text in lines[:-1]:
        if HINT_LINE.match(text):
            assert findings, f"a hint before any finding: {text!r}"
            continue
        match = FINDING_LINE.match(text)
        assert match is not None, f"not `file:line:col: severity CODE message`: {text!r}"
        assert match["file"] == file
        findings.append((match["code"], int(match["line"]), int(match["col"]), match["severity"], match["msg"]))
    return findings


@pytest.fixture(scope="session")
def corpus_results() -> dict[Path, subprocess.CompletedProcess[str]]:
    """`govgraph check FILE` for every corpus file, run once for the session."""
    return {path: run(["check", path.name], cwd=BAD) for path in corpus()}


# The corpus ------------------------------------------------------------------------------------------


def test_corpus_is_complete() -> None:
    paths = corpus()
    assert len(paths) >= 34
    for path in paths:
        first = path.read_bytes().removeprefix(BOM).split(b"\n", 1)[0]
        assert first.startswith(b"# expect: "), f"{path.name} does not start with `# expect:`"
        case = read_case(path)
        assert case.clean != bool(case.expected), f"{path.name}: expect either `clean` or findings"


@pytest.mark.parametrize("case", corpus_params())
def test_bad_input(case: Case, corpus_results: dict[Path, subprocess.CompletedProcess[str]]) -> None:
    result = corpus_results[case.path]
    assert_no_traceback(result)
    findings = parse_report(result.stdout, case.path.name)
    if case.clean:
        assert result.returncode == EXIT_OK, result.stdout + result.stderr
        assert [f for f in findings if f[3] == "error"] == []
    else:
        assert result.returncode == EXIT_FINDINGS, result.stdout + result.stderr
        assert {(code, line, col) for code, line, col, _, _ in findings} == case.expected
        assert all(f[3] == "error" for f in findings)
    # Reports read top to bottom.
    assert [(line, col) for _, line, col, _, _ in findings] == sorted((line, col) for _, line, col, _, _ in findings)
    for text in case.messages:
        assert text in result.stdout, f"{text!r} not in the report:\n{result.stdout}"


def test_every_schema_error_is_reported_in_one_run_sorted_by_position() -> None:
    path = BAD / "many-schema-errors.yaml"
    result = run(["check", path.name], cwd=BAD)
    assert result.returncode == EXIT_FINDINGS
    findings = parse_report(result.stdout, path.name)
    assert [(code, line, col) for code, line, col, _, _ in findings] == [
        ("GG116", 10, 8),
        ("GG114", 14, 11),
        ("GG111", 15, 5),
        ("GG113", 16, 3),
        ("GG115", 16, 3),
        ("GG114", 19, 28),
    ]
    assert result.stdout.splitlines()[-1] == f"6 errors in {path.name}"
    # The library gives the same findings in the same order.
    with pytest.raises(ModelError) as caught:
        load_bytes(path.read_bytes(), path.name)
    located = [(f.code, f.location.line, f.location.column) for f in caught.value.findings if f.location]
    assert located == [(code, line, col) for code, line, col, _, _ in findings]
    assert len({code for code, *_ in located}) >= 3


def test_findings_in_json(tmp_path: Path) -> None:
    result = run(["check", "--format", "json", "several-reference-errors.yaml"], cwd=BAD)
    assert result.returncode == EXIT_FINDINGS
    assert_no_traceback(result)
    report = json.loads(result.stdout)
    assert report["file"] == "several-reference-errors.yaml"
    assert report["summary"] == {"error": 5, "warning": 0, "info": 0}
    expected = read_case(BAD / "several-reference-errors.yaml").expected
    assert {(f["code"], f["line"], f["column"]) for f in report["findings"]} == expected
    for finding in report["findings"]:
        assert finding["severity"] == "error"
        assert finding["file"] == "several-reference-errors.yaml"
        assert finding["message"]
    name_hint = next(f["hint"] for f in report["findings"] if f["line"] == 14 and f["column"] == 18)
    assert "pcag" in name_hint

    good = tmp_path / "good.yaml"
    good.write_text(SMALL_MODEL, encoding="utf-8")
    clean = run(["check", "--format", "json", str(good)])
    assert clean.returncode == EXIT_OK, clean.stdout + clean.stderr
    assert json.loads(clean.stdout)["summary"]["error"] == 0


# Plain scalars stay text -----------------------------------------------------------------------------

PLAIN_SCALARS = """\
govgraph: 1
title: 1.10
roles:
  chair: {title: 1:20}
bodies:
  top:
    name: NO
    short: on
    aliases: [010, 1:20, 1.10]
    kind: executive
    chairs: [chair]
    description: off
"""


def test_plain_scalars_stay_strings(tmp_path: Path) -> None:
    # YAML 1.1 would read these as false, true, 8, 80 (sexagesimal) and 1.1.
    model_file = tmp_path / "plain.yaml"
    model_file.write_text(PLAIN_SCALARS, encoding="utf-8")
    model = govgraph.loading.load(model_file)
    body = model.bodies["top"]
    assert (body.name, body.short, body.aliases, body.description) == ("NO", "on", ("010", "1:20", "1.10"), "off")
    assert model.title == "1.10"

    result = run(["show", "NO", "-m", str(model_file)])
    assert result.returncode == EXIT_OK, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "NO (on)"
    assert "also called: 010; 1:20; 1.10" in lines
    assert "off" in lines
    assert "  - 1:20" in lines  # the chair's title

    # Every one of those names finds the body, and JSON carries them unchanged.
    for name in ("no", "ON", "010", "1:20", "1.10"):
        card = run(["show", name, "-m", str(model_file), "--format", "json"])
        assert card.returncode == EXIT_OK, card.stdout + card.stderr
        data = json.loads(card.stdout)
        assert (data["id"], data["name"], data["short"], data["aliases"]) == (
            "top",
            "NO",
            "on",
            ["010", "1:20", "1.10"],
        )


# The command line on bad requests ---------------------------------------------------------------------


def test_size_limit(tmp_path: Path) -> None:
    model_file = tmp_path / "model.yaml"
    model_file.write_text(SMALL_MODEL, encoding="utf-8")
    result = run(["check", str(model_file)], env=clean_env(GOVGRAPH_MAX_BYTES="50"))
    assert_no_traceback(result)
    assert result.returncode == EXIT_FINDINGS
    findings = parse_report(result.stdout, str(model_file))
    assert [(code, line, col) for code, line, col, _, _ in findings] == [("GG110", 1, 1)]
    assert f"the file is {len(SMALL_MODEL.encode())} bytes, over the limit of 50" in result.stdout
    assert "GOVGRAPH_MAX_BYTES" in result.stdout
    # Under the limit, the same file is fine.
    assert run(["check", str(model_file)], env=clean_env(GOVGRAPH_MAX_BYTES="4000")).returncode == EXIT_OK


@pytest.mark.parametrize("setting", ["\u00b2", "10MB", "-5", "lots"])
def test_size_limit_setting_that_is_not_a_number_is_a_usage_error(tmp_path: Path, setting: str) -> None:
    model_file = tmp_path / "model.yaml"
    model_file.write_text(SMALL_MODEL, encoding="utf-8")
    result = run(["check", str(model_file)], env=clean_env(GOVGRAPH_MAX_BYTES=setting))
    assert_no_traceback(result)
    assert result.returncode == EXIT_USAGE, result.stderr
    assert "GOVGRAPH_MAX_BYTES" in result.stderr
    assert "whole number of bytes" in result.stderr


def test_missing_model_file(tmp_path: Path) -> None:
    result = run(["check", "no-such-model.yaml"], cwd=tmp_path)
    assert_no_traceback(result)
    assert result.returncode == EXIT_USAGE
    assert "no-such-model.yaml" in result.stderr
    assert result.stdout == ""


def test_folder_given_as_model(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    result = run(["check", "models"], cwd=tmp_path)
    assert_no_traceback(result)
    assert result.returncode == EXIT_USAGE
    assert "models: is a folder, not a model file (give the YAML file inside it)" in result.stderr


def test_show_unknown_name_suggests_close_ones() -> None:
    result = run(["show", "pcga", "-m", str(LONDON)])
    assert_no_traceback(result)
    assert result.returncode == EXIT_USAGE
    assert "did you mean" in result.stderr
    assert "pcag" in result.stderr


def test_show_name_matching_nothing() -> None:
    result = run(["show", "nonexistent-name", "-m", str(LONDON)])
    assert_no_traceback(result)
    assert result.returncode == EXIT_USAGE
    assert "'nonexistent-name'" in result.stderr


def test_show_advice_for_unknown_name_works() -> None:
    result = run(["show", "nonexistent-name", "-m", str(LONDON)])
    assert result.returncode == EXIT_USAGE
    if "`govgraph show` without a name" in result.stderr:
        listing = run(["show", "-m", str(LONDON)])
        assert listing.returncode == EXIT_OK, listing.stderr
        assert "pcag" in listing.stdout.lower()


@pytest.mark.parametrize(
    "args",
    [
        ["show", "pcag", "--as-of", "2024-13"],
        ["check", "--as-of", "2024-13"],
        ["show", "pcag", "--as-of", "June 2024"],
    ],
    ids=["show-month-13", "check-month-13", "show-words"],
)
def test_invalid_as_of(args: list[str]) -> None:
    model_args = ["-m", str(LONDON)] if args[0] == "show" else [str(LONDON)]
    result = run([*args, *model_args])
    assert_no_traceback(result)
    assert result.returncode == EXIT_USAGE
    assert "--as-of" in result.stderr
    assert repr(args[-1]) in result.stderr


def test_version() -> None:
    result = run(["--version"])
    assert result.returncode == EXIT_OK
    assert result.stdout.strip() == f"govgraph, version {govgraph.__version__}"


def test_python_dash_m_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "govgraph", "--version"],
        cwd=REPO,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == EXIT_OK, result.stderr
    assert result.stdout.strip() == f"govgraph, version {govgraph.__version__}"


def test_help_has_examples() -> None:
    result = run(["--help"])
    assert result.returncode == EXIT_OK
    assert "Examples" in result.stdout
    assert "govgraph check" in result.stdout


def test_unknown_option_is_a_usage_error() -> None:
    result = run(["check", "--no-such-option"])
    assert_no_traceback(result)
    assert result.returncode == EXIT_USAGE
    assert "--no-such-option" in result.stderr


# The JSON Schema ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    result = run(["schema"])
    assert result.returncode == EXIT_OK, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def read_as_text(text: str) -> Any:
    """The YAML as govgraph reads it: every scalar text (BaseLoader), none typed by YAML 1.1 rules."""
    return yaml.load(text, Loader=yaml.BaseLoader)  # BaseLoader builds only str, list and dict


def schema_errors(schema: dict[str, Any], document: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def test_schema_accepts_the_london_model(schema: dict[str, Any]) -> None:
    document = read_as_text(LONDON.read_text(encoding="utf-8"))
    assert schema_errors(schema, document) == []


def test_schema_rejects_an_unknown_key(schema: dict[str, Any]) -> None:
    document = read_as_text(LONDON.read_text(encoding="utf-8"))
    document["bodies"]["pcag"]["reprots_to"] = ["lceg"]
    document["colour"] = "blue"
    validator = jsonschema.Draft202012Validator(schema)
    unknown = [e for e in validator.iter_errors(document) if e.validator == "additionalProperties"]
    messages = " ".join(e.message for e in unknown)
    assert "'reprots_to'" in messages
    assert "'colour'" in messages


def test_schema_describes_the_vocabulary(schema: dict[str, Any]) -> None:
    text = json.dumps(schema)
    for word in ("advisory_group", "under_review", "reports_to", "dotted_to"):
        assert word in text
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["required"]) >= {"govgraph", "title", "bodies"}


@pytest.mark.parametrize("field", ["kind", "status"])
def test_a_kind_or_status_that_is_not_text_is_named_as_such(field: str) -> None:
    # pydantic-core checks kinds and statuses itself (a Literal); what it finds that is not text is worded as
    # GG112, where the value is, not as an unknown choice.
    kind = "[team]" if field == "kind" else "team"
    status = "\n    status: [active]" if field == "status" else ""
    text = f"govgraph: 1\ntitle: T\nbodies:\n  a:\n    name: A\n    kind: {kind}{status}\n"
    with pytest.raises(ModelError) as caught:
        load_bytes(text.encode(), "model.yaml")
    [finding] = caught.value.findings
    assert (finding.code, finding.message) == ("GG112", "expected text, found a list")
    assert finding.location is not None
    assert (finding.location.line, finding.location.column) == ((6, 11) if field == "kind" else (7, 13))
