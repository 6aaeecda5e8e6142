"""What the rule modules of `govgraph.checks` build on: the context a rule looks at and the `@rule` decorator
that registers it (in `govgraph.rules`, beside the rules applied while a file is read).

This module sits below the rule modules and imports none of them; the package (`govgraph.checks`) loads them.
A rule is a pure function from a `CheckContext` to what it found (`Found`: message, location, hint); the runner
stamps each with the rule's code and severity.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from govgraph import time
from govgraph.errors import NameNotFound, UsageError
from govgraph.findings import Severity
from govgraph.model import Body, Model, PartialDate
from govgraph.rules import Found, Rule, RuleFunction, lookup, register, registered

__all__ = ["CheckContext", "Found", "Rule", "find_rule", "rule"]


@dataclass(frozen=True)
class CheckContext:
    """What a rule looks at: the model (or its snapshot) and the date asked about.

    `graph`, the model's networkx graph, is built the first time a rule asks for it: most rules read the model
    directly, and building the graph of a large model costs more than they do.
    """

    model: Model
    as_of: Any = None
    #: The whole model, when `model` is its snapshot on `as_of`: what a rule about the file itself (a post nothing
    #: names, GG404) reads, as a chair's term that had ended by then is still written in the file.
    whole: Model | None = None

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
    def day(self) -> dt.date | None:
        """The day the check is about (the last day of `as_of`), or None for the whole recorded history.

        Raises:
            TypeError: `as_of` is neither a `PartialDate` nor a date.
        """
        when = self.as_of
        if when is None or isinstance(when, PartialDate | dt.date):
            return time.moment(when)
        raise TypeError(f"as_of must be a PartialDate or a date, not {type(when).__name__}")

    @functools.cached_property
    def reference(self) -> dt.date:
        """The day "ended" and "overdue" are judged at (`time.reference_day`)."""
        return time.reference_day(self.model, self.day)

    @functools.cached_property
    def graph(self) -> Any:
        from govgraph.graph import to_graph

        return to_graph(self.model)


def rule(
    code: str, name: str, summary: str, severity: Severity, explanation: str, example: str = ""
) -> Callable[[RuleFunction], RuleFunction]:
    """Register the decorated function as the check for `code`: it yields what it found (`Found`), and the runner
    gives each the rule's code and severity."""

    def wrap(function: RuleFunction) -> RuleFunction:
        register(Rule(code, name, summary, severity, explanation, example, function))
        return function

    return wrap


def find_rule(text: str) -> Rule:
    """The rule a person means by `text`: its code in any case (`gg401`) or its name (`no-chair`).

    Raises:
        NameNotFound: nothing matches; carries the closest codes and names.
        UsageError: nothing matches and nothing is close.
    """
    code = text.strip()
    rules = list(registered())
    found = lookup(code) or next((r for r in rules if r.name == code.lower()), None)
    if found is not None:
        return found
    close = difflib.get_close_matches(code.upper(), [r.code for r in rules], n=3, cutoff=0.5)
    close += difflib.get_close_matches(code.lower(), [r.name for r in rules], n=3, cutoff=0.6)
    if not close:
        raise UsageError(f"no rule is called {text!r}; `govgraph rules` lists them")
    raise NameNotFound(name=text, what="rule", suggestions=close)
