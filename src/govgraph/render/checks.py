"""Formatting findings for people and machines. Finding problems (rules) and reporting them are separate.

The JSON report's shape is `render.schemas.CheckReport`, from which `govgraph schema --of report` is generated.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from govgraph import vocabulary
from govgraph.findings import Finding, Severity

if TYPE_CHECKING:
    from govgraph.render.schemas import CheckReport, FindingData

#: The version of every JSON report (`render.schemas`); raised only when a report's structure changes.
REPORT_VERSION: Literal[1] = 1


def summary_line(findings: Sequence[Finding], file: str) -> str:
    """`2 errors, 1 warning in FILE`, or `FILE: no problems found`."""
    if not findings:
        return f"{file}: no problems found"
    counts = []
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        n = sum(1 for f in findings if f.severity == severity)
        if n:
            counts.append(vocabulary.count(n, str(severity)))
    return f"{', '.join(counts)} in {file}"


def format_text(findings: Sequence[Finding], file: str) -> str:
    """One line per finding, `file:line:col: severity CODE message`, its hint below it, then a summary."""
    lines = []
    for f in findings:
        where = str(f.location) if f.location else file
        lines.append(f"{where}: {f.severity} {f.code} {f.message}")
        if f.hint:
            lines.append(f"    hint: {f.hint}")
    lines.append(summary_line(findings, file))
    return "\n".join(lines) + "\n"


def finding_to_dict(f: Finding) -> FindingData:
    """A finding as plain data (the `findings` items of the JSON report)."""
    loc = f.location
    return {
        "code": f.code,
        "severity": _SEVERITY_WORDS[f.severity],
        "message": f.message,
        "file": loc.file if loc else None,
        "line": loc.line if loc else None,
        "column": loc.column if loc else None,
        "hint": f.hint,
    }


_SEVERITY_WORDS: dict[Severity, Literal["error", "warning", "info"]] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "info",
}


def format_json(findings: Sequence[Finding], file: str) -> str:
    """The JSON report: `{"version", "file", "summary": {error, warning, info}, "findings": [...]}`."""

    def count(severity: Severity) -> int:
        return sum(1 for f in findings if f.severity == severity)

    data: CheckReport = {
        "version": REPORT_VERSION,
        "file": file,
        "summary": {"error": count(Severity.ERROR), "warning": count(Severity.WARNING), "info": count(Severity.INFO)},
        "findings": [finding_to_dict(f) for f in findings],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# GitHub Actions workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
# Escaping as the Actions toolkit does it (toolkit/packages/core/src/command.ts: escapeData, escapeProperty).
def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def format_github(findings: Sequence[Finding], file: str) -> str:
    """GitHub Actions annotations (`::error file=...,line=...,col=...,title=...::message`), then a summary."""
    lines = []
    for f in findings:
        props = {"file": f.location.file if f.location else file, "title": f"{f.code}"}
        if f.location:
            props["line"] = str(f.location.line)
            props["col"] = str(f.location.column)
        text = f.message + (f"\n{f.hint}" if f.hint else "")
        order = ("file", "line", "col", "title")
        rendered = ",".join(f"{k}={_escape_property(props[k])}" for k in order if k in props)
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {rendered}::{_escape_data(text)}")
    lines.append(summary_line(findings, file))
    return "\n".join(lines) + "\n"


SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def format_sarif(findings: Sequence[Finding], file: str, *, rules: Sequence[Any], version: str) -> str:
    """A SARIF 2.1.0 log, as GitHub code scanning accepts it: one run, govgraph's rules, one result per finding.

    `rules` are the registry's `Rule`s; locations are the file paths as given (relative paths stay relative,
    which is what code scanning resolves against the repository).
    """
    used = sorted({f.code for f in findings})
    described = [r for r in rules if r.code in used]
    index = {r.code: i for i, r in enumerate(described)}
    results = []
    for f in findings:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message + (f" ({f.hint})" if f.hint else "")},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        loc = f.location
        result["locations"] = [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(loc.file if loc else file)},
                    "region": {"startLine": loc.line if loc else 1, "startColumn": loc.column if loc else 1},
                }
            }
        ]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "govgraph",
                        "version": version,
                        "rules": [
                            {
                                "id": r.code,
                                "name": r.name,
                                "shortDescription": {"text": r.summary},
                                "fullDescription": {"text": r.explanation},
                                "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
                                "help": {"text": r.explanation + (f"\n\nExample:\n{r.example}" if r.example else "")},
                            }
                            for r in described
                        ],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _uri(path: str) -> str:
    # SARIF wants a URI reference: forward slashes, spaces and other specials percent-encoded.
    from urllib.parse import quote

    return quote(path.replace("\\", "/"))


def render_reports(fmt: str, reports: Sequence[tuple[str, Sequence[Finding]]], *, version: str) -> str:
    """The reports of several model files in one output: `text` and `github` one after another, `json` one
    report or (for several files) an array of reports, `sarif` one log whose results name their files."""
    if fmt == "sarif":
        from govgraph.checks import all_rules

        findings = [f for _, fs in reports for f in fs]
        first = reports[0][0] if reports else "model"
        return format_sarif(findings, first, rules=list(all_rules()), version=version)
    if fmt == "json" and len(reports) != 1:
        documents = [json.loads(format_json(fs, file)) for file, fs in reports]
        return json.dumps(documents, indent=2, ensure_ascii=False) + "\n"
    return "".join(render_report(fmt, fs, file, version=version) for file, fs in reports)


def render_report(fmt: str, findings: Sequence[Finding], file: str, *, version: str) -> str:
    """A check report in one of `text`, `json`, `github`, `sarif`."""
    if fmt == "json":
        return format_json(findings, file)
    if fmt == "github":
        return format_github(findings, file)
    if fmt == "sarif":
        from govgraph.checks import all_rules

        return format_sarif(findings, file, rules=list(all_rules()), version=version)
    return format_text(findings, file)


def rules_text(rules: Sequence[Any]) -> str:
    """The rule list of `govgraph rules`: code, severity, name and summary, grouped by family."""
    lines: list[str] = []
    family = None
    for r in rules:
        if r.family != family:
            family = r.family
            if lines:
                lines.append("")
            lines.append(f"{r.code[:3]}xx {family}")
        lines.append(f"  {r.code}  {r.severity!s:7}  {r.name:24}  {r.summary}")
    return "\n".join(lines) + "\n"


def rules_data(rules: Sequence[Any]) -> list[dict[str, Any]]:
    """The rule list as data."""
    return [
        {
            "code": r.code,
            "name": r.name,
            "family": r.family,
            "severity": str(r.severity),
            "summary": r.summary,
            "explanation": r.explanation,
            "example": r.example,
            "checked": "while reading the file" if r.function is None else "on the model",
        }
        for r in rules
    ]


def rule_text(r: Any) -> str:
    """The explanation of one rule, as `govgraph explain` prints it."""
    out = [f"{r.code} {r.name} ({r.severity}, {r.family})", "", r.summary, "", r.explanation]
    if r.example:
        out += ["", "Example:", *("    " + line for line in r.example.splitlines())]
    if r.function is not None:
        out += [
            "",
            "To silence it for one body, with the reason readers will want:",
            f"    ignore: [{{code: {r.code}, reason: ...}}]",
            f"For a whole run: govgraph check --ignore {r.code}",
        ]
    return "\n".join(out) + "\n"
