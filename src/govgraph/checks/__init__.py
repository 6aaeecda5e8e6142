"""Consistency checks: the rules over a built model, and a runner that applies them.

`check(model)` is what `govgraph check` reports: every rule's findings with the file's severity overrides and
suppressions and the caller's selection applied (see `checks.policy`). `run(model)` is every rule's raw
findings, sorted by position. Rules applied while reading the file (GG1xx, GG2xx, ...) raise `ModelError` from
`govgraph.load` instead; `govgraph.loading.catalogue` says what each of their codes means.

This package loads every rule module (importing one registers its rules), so `all_rules` lists them all; the
registry they register with (`checks.registry`, `govgraph.rules`) imports none of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

# Imported for what importing them does: each registers its rules.
from govgraph.checks import policy, provenance, references, roles, rulesets, structure, terms, time  # noqa: F401
from govgraph.checks.policy import CheckResult, apply
from govgraph.checks.registry import CheckContext, Rule, find_rule
from govgraph.findings import Finding, sort_findings
from govgraph.graph import snapshot
from govgraph.loading import catalogue  # noqa: F401
from govgraph.memory import collector_paused
from govgraph.model import Model, PartialDate
from govgraph.rules import lookup, registered

__all__ = ["CheckContext", "CheckResult", "Rule", "all_rules", "check", "find_rule", "get_rule", "run"]


def all_rules() -> Iterator[Rule]:
    """Every rule, the file's and the model's, by code."""
    return registered()


def get_rule(code: str) -> Rule | None:
    """The rule with this code (any case), or None."""
    return lookup(code)


def run(model: Model, *, as_of: PartialDate | None = None) -> list[Finding]:
    """Apply every rule over the model to `model` (as it stood at `as_of`, when given).

    Returns:
        The findings, each with its rule's code and severity, sorted by file position.
    """
    view = snapshot(model, as_of)
    context = CheckContext(view, as_of, whole=model)
    findings: list[Finding] = []
    with collector_paused():
        for rule in all_rules():
            if rule.function is not None:
                findings.extend(rule.stamp(found) for found in rule.function(context))
    return sort_findings(findings)


def check(
    model: Model,
    *,
    as_of: PartialDate | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> CheckResult:
    """Check `model` as `govgraph check` does: every rule, then the file's overrides and suppressions.

    Args:
        model: the model.
        as_of: check the model as it stood on this date.
        select: report only rules whose code matches one of these codes or prefixes (`GG4`).
        ignore: do not report rules whose code matches one of these.

    Returns:
        The reported findings (sorted by position) and the silenced ones with the entry that silenced each.
    """
    return apply(model, run(model, as_of=as_of), select=select, ignore=ignore, report_unused=as_of is None)
