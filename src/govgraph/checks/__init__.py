"""Consistency checks: a registry of rules and a runner that applies them to a model.

`run(model)` returns findings sorted by position. Rules applied while reading the file (GG1xx, GG2xx, ...)
raise `ModelError` from `govgraph.load` instead; see `govgraph.checks.catalogue` for what each code means.
"""

from __future__ import annotations

from govgraph.checks.registry import CheckContext, Rule, all_rules, get_rule
from govgraph.findings import Finding, sort_findings
from govgraph.graph import snapshot, to_graph
from govgraph.model import Model, PartialDate

__all__ = ["CheckContext", "Rule", "all_rules", "get_rule", "run"]


def run(model: Model, *, as_of: PartialDate | None = None) -> list[Finding]:
    """Apply every registered rule to `model` (as it stood at `as_of`, when given).

    Returns:
        The findings, sorted by file position.
    """
    view = snapshot(model, as_of)
    context = CheckContext(view, to_graph(view), as_of)
    findings: list[Finding] = []
    for rule in all_rules():
        if rule.function is not None:
            findings.extend(rule.function(context))
    return sort_findings(findings)
