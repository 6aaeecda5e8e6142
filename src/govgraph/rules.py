"""The rule registry: every finding code govgraph can report, with its name, summary, severity and explanation.

One registry holds every code, whether it is found while a file is read (GG1xx, GG2xx, GG501, GG601: registered
by `govgraph.loading.catalogue`) or over the built model (registered with a function by the rule modules of
`govgraph.checks`). A finding's code and severity are written once, here: rules say what they found (`Found`)
and the runner stamps it with their code and severity; code that reads a file asks `finding` to do the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from govgraph.findings import Finding, Location, Severity


@dataclass(frozen=True)
class Found:
    """What a rule found, before the registry stamps it with the rule's code and severity."""

    message: str
    location: Location | None = None
    hint: str | None = None


#: A check over the built model: a pure function from the check's context (`checks.CheckContext`) to what it found.
RuleFunction = Callable[[Any], Iterable[Found]]

FAMILIES = {
    "GG1": "file and schema",
    "GG2": "references",
    "GG3": "structure",
    "GG4": "roles and membership",
    "GG5": "time",
    "GG6": "provenance",
    "GG7": "terms of reference",
}


@dataclass(frozen=True)
class Rule:
    """A registered rule. `function` is None for rules applied while the file is read."""

    code: str
    name: str
    summary: str
    severity: Severity
    explanation: str
    example: str = ""
    function: RuleFunction | None = None

    @property
    def family(self) -> str:
        return FAMILIES[self.code[:3]]

    def stamp(self, found: Found) -> Finding:
        """`found` as a finding of this rule: its code and its default severity."""
        return Finding(self.code, self.severity, found.message, found.location, found.hint)


_RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    """Add a rule to the registry; codes are unique and stable.

    Raises:
        ValueError: the code is registered already.
    """
    if rule.code in _RULES:
        raise ValueError(f"rule {rule.code} is registered twice")
    _RULES[rule.code] = rule
    return rule


def registered() -> Iterator[Rule]:
    """Every rule registered so far, by code (`govgraph.checks.all_rules` first loads every rule module)."""
    for code in sorted(_RULES):
        yield _RULES[code]


def lookup(code: str) -> Rule | None:
    """The rule with this code (any case), if it is registered."""
    return _RULES.get(code.strip().upper())


def finding(code: str, message: str, location: Location | None = None, hint: str | None = None) -> Finding:
    """A finding of the rule `code`, at the severity the registry gives it.

    Raises:
        KeyError: no rule has that code (a mistake in govgraph, never in a model).
    """
    return _RULES[code].stamp(Found(message, location, hint))
