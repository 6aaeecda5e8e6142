"""The rule registry: every finding code govgraph can report, with its summary, severity and explanation.

Rules that read the file (GG1xx, GG2xx and the reference rules of GG5xx/GG6xx) are applied while loading;
they are registered here without a function so that `govgraph rules` and `govgraph explain` cover every code.
Rules over the built model register a function with `@rule(...)`: a pure function from a `CheckContext` to
findings.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from govgraph.errors import NameNotFound, UsageError
from govgraph.findings import Finding, Severity
from govgraph.model import Body, Model


@dataclass(frozen=True)
class CheckContext:
    """What a rule looks at: the model (or its snapshot) and the date asked about.

    `graph`, the model's networkx graph, is built the first time a rule asks for it: most rules read the model
    directly, and building the graph of a large model costs more than they do.
    """

    model: Model
    as_of: Any = None

    @functools.cached_property
    def memo(self) -> dict[str, Any]:
        """Results several rules share (each computed once per check run), by name."""
        return {}

    @functools.cached_property
    def bodies(self) -> tuple[tuple[str, Body], ...]:
        """Every body with its id, in id order: the order rules go through them, sorted once per run rather than
        once per rule. (On 100,000 bodies each sort took 27 ms even of ids already in order, the ids being spread
        over a gigabyte of memory: the rules' largest cost that grew faster than the model.)"""
        bodies = self.model.bodies
        return tuple((body_id, bodies[body_id]) for body_id in sorted(bodies))

    @functools.cached_property
    def graph(self) -> Any:
        from govgraph.graph import to_graph

        return to_graph(self.model)


RuleFunction = Callable[[CheckContext], Iterable[Finding]]


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


FAMILIES = {
    "GG1": "file and schema",
    "GG2": "references",
    "GG3": "structure",
    "GG4": "roles and membership",
    "GG5": "time",
    "GG6": "provenance",
}

_RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    """Add a rule to the registry; codes are unique and stable."""
    if rule.code in _RULES:
        raise ValueError(f"rule {rule.code} is registered twice")
    _RULES[rule.code] = rule
    return rule


def rule(
    code: str, name: str, summary: str, severity: Severity, explanation: str, example: str = ""
) -> Callable[[RuleFunction], RuleFunction]:
    """Register the decorated function as the check for `code`."""

    def wrap(function: RuleFunction) -> RuleFunction:
        register(Rule(code, name, summary, severity, explanation, example, function))
        return function

    return wrap


def all_rules() -> Iterator[Rule]:
    """Every rule, by code."""
    _load_catalogue()
    for code in sorted(_RULES):
        yield _RULES[code]


def get_rule(code: str) -> Rule | None:
    """The rule with this code (any case), or None."""
    _load_catalogue()
    return _RULES.get(code.strip().upper())


def find_rule(text: str) -> Rule:
    """The rule a person means by `text`: its code in any case (`gg401`) or its name (`no-chair`).

    Raises:
        NameNotFound: nothing matches; carries the closest codes and names.
        UsageError: nothing matches and nothing is close.
    """
    code = text.strip()
    found = get_rule(code) or next((r for r in all_rules() if r.name == code.lower()), None)
    if found is not None:
        return found
    rules = list(all_rules())
    close = difflib.get_close_matches(code.upper(), [r.code for r in rules], n=3, cutoff=0.5)
    close += difflib.get_close_matches(code.lower(), [r.name for r in rules], n=3, cutoff=0.6)
    if not close:
        raise UsageError(f"no rule is called {text!r}; `govgraph rules` lists them")
    raise NameNotFound(name=text, what="rule", suggestions=close)


def _load_catalogue() -> None:
    # Importing the catalogue modules registers their rules.
    from govgraph.checks import (  # noqa: F401
        catalogue,
        policy,
        provenance,
        roles,
        structure,
        time,
    )
