"""A rule's identity lives once: every finding code written anywhere in govgraph is registered, at the severity it
is reported at, and a rule over the model says only what it found (the runner gives it its code and severity)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import support
from govgraph import rules
from govgraph.checks import all_rules, run
from govgraph.checks.registry import CheckContext
from govgraph.findings import Severity
from govgraph.loading import load_bytes
from govgraph.rules import Found, Rule

SRC = support.REPO / "src" / "govgraph"
CODE = re.compile(r"^GG\d{3}$")


def _modules() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(SRC.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _severity(node: ast.expr) -> Severity | None:
    """`Severity.ERROR` (or `E`, the catalogue's name for it) as a value, else None."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Severity":
        return Severity[node.attr]
    return None


def _emitters(module: ast.Module) -> dict[str, Severity]:
    """Functions of a module that make a `Finding(code, Severity.X, ...)` from a code they are given."""
    found: dict[str, Severity] = {}
    for function in ast.walk(module):
        if not isinstance(function, ast.FunctionDef):
            continue
        params = {a.arg for a in function.args.args}
        for call in ast.walk(function):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id == "Finding"
                and len(call.args) >= 2
                and isinstance(call.args[0], ast.Name)
                and call.args[0].id in params
            ):
                severity = _severity(call.args[1])
                if severity is not None:
                    found[function.name] = severity
    return found


def emitted() -> list[tuple[str, str, Severity | None]]:
    """Every finding code written in the source: (where, code, the severity it is written with, where it is)."""
    out: list[tuple[str, str, Severity | None]] = []
    for path, module in _modules():
        emitters = _emitters(module)
        for node in ast.walk(module):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value):
                out.append((f"{path.relative_to(SRC)}:{node.lineno}", node.value, None))
            if not isinstance(node, ast.Call) or not node.args:
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str) and CODE.match(first.value)):
                continue
            where = f"{path.relative_to(SRC)}:{node.lineno}"
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "Finding" and len(node.args) >= 2:
                out.append((where, first.value, _severity(node.args[1])))
            elif name in emitters:
                out.append((where, first.value, emitters[name]))
    return out


def test_every_code_in_the_source_is_registered_at_the_severity_it_is_reported_at() -> None:
    registered = {r.code: r for r in all_rules()}
    found = emitted()
    assert len({code for _, code, _ in found}) >= 40  # the scan sees the codes (a scan that finds none proves nothing)
    with_severity = [(where, code, severity) for where, code, severity in found if severity is not None]
    assert with_severity, "no code written with its severity was found: the scan is broken"
    for where, code, severity in found:
        assert code in registered, f"{where}: {code} is not registered"
        if severity is not None:
            assert registered[code].severity == severity, f"{where}: {code} is written as {severity}"


def test_the_scan_catches_a_code_at_the_wrong_severity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The check above can fail: a module writing a registered error code as a warning is caught.
    bad = tmp_path / "govgraph"
    bad.mkdir()
    (bad / "x.py").write_text(
        "def refuse(code, message):\n    return Finding(code, Severity.WARNING, message)\n\n"
        "refuse('GG101', 'x')\nFinding('GG999', Severity.ERROR, 'y')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(f"{__name__}.SRC", bad)
    found = emitted()
    assert ("x.py:4", "GG101", Severity.WARNING) in found
    assert ("x.py:5", "GG999", Severity.ERROR) in found


def test_rules_over_the_model_say_what_they_found_and_the_runner_stamps_it() -> None:
    # Every rule function yields `Found` values, never findings with a code of their own.
    model = load_bytes(
        b"govgraph: 1\ntitle: t\nbodies:\n  b: {name: B, kind: board}\n  c: {name: C, kind: board, reports_to: [c]}\n",
        "m.yaml",
    )
    for rule in all_rules():
        if rule.function is None:
            continue
        for item in rule.function(CheckContext(model)):
            assert isinstance(item, Found), rule.code
    codes = {(f.code, f.severity) for f in run(model)}
    assert ("GG302", Severity.ERROR) in codes
    assert ("GG401", Severity.WARNING) in codes


def test_a_rule_registered_with_a_severity_is_reported_at_it() -> None:
    rule = Rule("GG699", "test-rule", "A test.", Severity.INFO, "Only for this test.")
    assert rule.stamp(Found("said", None, "do this")).severity == Severity.INFO
    with pytest.raises(KeyError):
        rules.finding("GG699", "not registered")


def test_load_time_codes_are_in_the_registry_of_every_rule() -> None:
    codes = {r.code: r for r in all_rules()}
    for code in ("GG101", "GG111", "GG114", "GG201", "GG204", "GG501", "GG601"):
        assert codes[code].function is None  # checked while reading
        assert codes[code].severity == Severity.ERROR
    assert codes["GG301"].function is not None
