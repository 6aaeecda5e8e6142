"""Formatting findings for people and machines. Finding problems (rules) and reporting them are separate."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from govgraph.findings import Finding, Severity

REPORT_VERSION = 1


def summary_line(findings: Sequence[Finding], file: str) -> str:
    """`2 errors, 1 warning in FILE`, or `FILE: no problems found`."""
    if not findings:
        return f"{file}: no problems found"
    counts = []
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        n = sum(1 for f in findings if f.severity == severity)
        if n:
            counts.append(f"{n} {severity}{'s' if n != 1 else ''}")
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


def finding_to_dict(f: Finding) -> dict[str, Any]:
    """A finding as plain data (the `findings` items of the JSON report)."""
    loc = f.location
    return {
        "code": f.code,
        "severity": str(f.severity),
        "message": f.message,
        "file": loc.file if loc else None,
        "line": loc.line if loc else None,
        "column": loc.column if loc else None,
        "hint": f.hint,
    }


def format_json(findings: Sequence[Finding], file: str) -> str:
    """The JSON report: `{"version", "file", "summary": {error, warning, info}, "findings": [...]}`."""
    data = {
        "version": REPORT_VERSION,
        "file": file,
        "summary": {str(s): sum(1 for f in findings if f.severity == s) for s in Severity},
        "findings": [finding_to_dict(f) for f in findings],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
