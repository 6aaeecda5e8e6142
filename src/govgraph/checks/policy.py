"""What a check run reports: rule selection, severity overrides and suppressions applied to raw findings.

- `checks.severity: {GG401: error}` in the file changes a rule's severity.
- `ignore: [{code: GG401, reason: ...}]` on a body silences that rule for findings located in the body's entry.
- `checks.ignore: [{code: GG305}, {code: GG401, body: lceg, reason: ...}]` silences a rule everywhere, or for
  one body.
- `--select` and `--ignore` on the command line keep or drop rules by code or prefix (`GG4`).
- A suppression that silences nothing is reported itself (GG120), so stale ones do not pile up; a code no rule
  has is GG121.

Codes in all of these may be a full code (`GG401`) or a family prefix (`GG4`, `GG40`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from govgraph import rules
from govgraph.findings import Finding, Severity, sort_findings
from govgraph.model import Body, Model, Suppression
from govgraph.rules import Rule, register, registered

register(
    Rule(
        "GG120",
        "unused-suppression",
        "An `ignore` entry that silences nothing.",
        Severity.WARNING,
        "Suppressions are for findings that are known and explained. When the problem is fixed, or the entry "
        "names the wrong code or body, it silences nothing and is reported so that it can be removed.",
        "ignore:\n  - {code: GG401, reason: chair not yet appointed}   # but the body now has a chair",
    )
)
register(
    Rule(
        "GG121",
        "unknown-rule-code",
        "An `ignore` entry or a severity override names a code no rule has.",
        Severity.ERROR,
        "Codes are listed by `govgraph rules`. A prefix such as GG4 stands for a whole family.",
        "checks:\n  severity: {GG999: error}",
    )
)


@dataclass(frozen=True)
class CheckResult:
    """The outcome of a check run: what is reported, and what was silenced and by which entry."""

    findings: tuple[Finding, ...]
    suppressed: tuple[tuple[Finding, Suppression], ...] = ()

    def fails(self, fail_on: Severity = Severity.ERROR) -> bool:
        """Whether any reported finding is at or above `fail_on`."""
        return any(f.severity >= fail_on for f in self.findings)


def matches(code: str, pattern: str) -> bool:
    """Whether a finding code matches a code or code prefix (`GG4` matches `GG401`)."""
    return code.startswith(pattern.strip().upper())


def known_pattern(pattern: str) -> bool:
    """Whether some rule's code matches `pattern`."""
    return any(matches(rule.code, pattern) for rule in registered())


def apply(
    model: Model,
    findings: Sequence[Finding],
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    report_unused: bool = True,
) -> CheckResult:
    """Apply the file's overrides and suppressions and the command line's selection to raw findings.

    Args:
        model: the model checked (its `checks` settings and its bodies' `ignore:` entries are used).
        findings: every rule's findings.
        select: keep only findings whose code matches one of these (all when empty).
        ignore: drop findings whose code matches one of these.
        report_unused: report suppressions that silenced nothing (GG120); off for dated runs, where an
            entry written for another date is expected to be idle.
    """
    selected = tuple(select)
    ignored = tuple(ignore)

    def wanted(code: str) -> bool:
        if selected and not any(matches(code, p) for p in selected):
            return False
        return not any(matches(code, p) for p in ignored)

    overrides = sorted(model.checks.severity.items(), key=lambda item: len(item[0]))

    def override(finding: Finding) -> Finding:
        # The most specific pattern wins: GG401 over GG4.
        for pattern, severity in overrides:
            if matches(finding.code, pattern):
                finding = replace(finding, severity=Severity.parse(severity))
        return finding

    suppressions = _suppressions(model)
    extents = {b.id: b for b in model.bodies.values()}
    used: set[Suppression] = set()
    reported: list[Finding] = []
    silenced: list[tuple[Finding, Suppression]] = []
    for finding in findings:
        if not wanted(finding.code):
            continue
        finding = override(finding)
        match = next((s for s in suppressions if _silences(s, finding, extents)), None)
        if match is None:
            reported.append(finding)
        else:
            used.add(match)
            silenced.append((finding, match))
    problems = _misconfigured(model, suppressions, used if report_unused else None, wanted)
    reported.extend(override(f) for f in problems if wanted(f.code))
    return CheckResult(tuple(sort_findings(reported)), tuple(silenced))


def _suppressions(model: Model) -> list[Suppression]:
    entries = list(model.checks.ignore)
    for body_id in sorted(model.bodies):
        entries.extend(model.bodies[body_id].ignore)
    return entries


def _silences(s: Suppression, finding: Finding, bodies: dict[str, Body]) -> bool:
    if not matches(finding.code, s.code):
        return False
    if s.body is None:
        return True
    body = bodies.get(s.body)
    loc = finding.location
    if body is None or loc is None or loc.file != body.location.file:
        return False
    return body.location.line <= loc.line <= body.last_line


def _misconfigured(
    model: Model,
    suppressions: list[Suppression],
    used: set[Suppression] | None,
    wanted: Callable[[str], bool],
) -> list[Finding]:
    problems: list[Finding] = []
    for s in suppressions:
        if not known_pattern(s.code):
            problems.append(
                rules.finding(
                    "GG121",
                    f"no rule has the code {s.code!r}",
                    s.location,
                    "`govgraph rules` lists every code",
                )
            )
        elif used is not None and s not in used and wanted(s.code):
            where = f" in '{s.body}'" if s.body else ""
            problems.append(
                rules.finding(
                    "GG120",
                    f"this `ignore` entry for {s.code} silences nothing{where}",
                    s.location,
                    "the problem it was written for is gone: remove the entry",
                )
            )
    for pattern in sorted(model.checks.severity):
        if not known_pattern(pattern):
            problems.append(
                rules.finding(
                    "GG121",
                    f"`checks.severity` names {pattern!r}, which no rule has",
                    model.checks.severity_locations.get(pattern, model.location),
                    "`govgraph rules` lists every code",
                )
            )
    return problems
