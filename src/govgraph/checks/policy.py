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

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
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
    pattern = pattern.strip().upper()
    return code == pattern or (len(pattern) < len(code) and code.startswith(pattern))


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
    silencer = _Silencer(suppressions, model.bodies)
    used: set[Suppression] = set()
    reported: list[Finding] = []
    silenced: list[tuple[Finding, Suppression]] = []
    for finding in findings:
        if not wanted(finding.code):
            continue
        finding = override(finding)
        match = silencer.first(finding)
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


class _Silencer:
    """Which suppression silences a finding: the first, in the order `_suppressions` lists them, whose code or
    prefix matches the finding's code and which either names no body or names the body whose entry holds the
    finding.

    Indexed by pattern and by body, so each finding costs a few dictionary look-ups (one per prefix of its code)
    and one binary search of the bodies' extents: testing every entry against every finding made a model whose
    8,000 bodies each carry an `ignore:` entry take 36 s to check instead of 1.2 s.
    """

    def __init__(self, suppressions: Sequence[Suppression], bodies: Mapping[str, Body]) -> None:
        # (body or None, pattern as `matches` reads it) -> the position of the first such entry.
        self.first_at: dict[tuple[str | None, str], int] = {}
        self.entries = tuple(suppressions)
        named: set[str] = set()
        for position, s in enumerate(self.entries):
            if s.body is not None and s.body not in bodies:
                continue  # a body that does not exist holds no finding
            self.first_at.setdefault((s.body, s.code.strip().upper()), position)
            if s.body is not None:
                named.add(s.body)
        # Per file, the entries of the bodies named, by first line: a body's entry runs from its first line to
        # its `last_line`, and the entries of the bodies of one file never overlap.
        extents: dict[str, list[tuple[int, int, str]]] = {}
        for body_id in named:
            body = bodies[body_id]
            if body.location.line <= body.last_line:
                extents.setdefault(body.location.file, []).append((body.location.line, body.last_line, body_id))
        self.extents = {file: sorted(spans) for file, spans in extents.items()}
        self.starts = {file: [span[0] for span in spans] for file, spans in self.extents.items()}

    def body_at(self, finding: Finding) -> str | None:
        """The named body whose entry holds the finding's location, if any."""
        loc = finding.location
        if loc is None or loc.file not in self.extents:
            return None
        i = bisect.bisect_right(self.starts[loc.file], loc.line) - 1
        if i < 0:
            return None
        _, last, body_id = self.extents[loc.file][i]
        return body_id if loc.line <= last else None

    def first(self, finding: Finding) -> Suppression | None:
        """The suppression that silences `finding`, or None."""
        code = finding.code
        body = self.body_at(finding)
        # `matches`: the code itself, or any shorter prefix of it.
        patterns = [code[:length] for length in range(len(code) + 1)]
        owners = (None,) if body is None else (None, body)
        found = [self.first_at[owner, p] for owner in owners for p in patterns if (owner, p) in self.first_at]
        return self.entries[min(found)] if found else None


def _misconfigured(
    model: Model,
    suppressions: list[Suppression],
    used: set[Suppression] | None,
    wanted: Callable[[str], bool],
) -> list[Finding]:
    problems: list[Finding] = []
    # Entries mostly repeat a few codes: each is looked up among the rules once.
    known: dict[str, bool] = {}
    for s in suppressions:
        if s.code not in known:
            known[s.code] = known_pattern(s.code)
        if not known[s.code]:
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
