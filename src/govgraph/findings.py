"""Locations in the model file and the findings that point at them.

A `Finding` is a frozen value: the code of the rule that produced it, its severity, a message written for a
governance lead, the place in the YAML it is about, and an optional hint saying what to do. Loading, checking
and reporting all share it; producing findings and printing them are kept apart (see `render.checks`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.IntEnum):
    """How much a finding matters; ordered so that `max()` and comparisons work."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Read `error`, `warning` or `info` (any case); raise ValueError otherwise."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}: use error, warning or info") from None


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A position in a model file: 1-based line and column, as editors show them."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Finding:
    """One problem (or remark) about a model, located in the file it came from."""

    code: str
    severity: Severity
    message: str
    location: Location | None = None
    hint: str | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file position, then code and message, so reports read top to bottom."""
        loc = self.location
        if loc is None:
            return ("", 0, 0, self.code, self.message)
        return (loc.file, loc.line, loc.column, self.code, self.message)


def sort_findings(findings: list[Finding] | tuple[Finding, ...]) -> list[Finding]:
    """Return findings sorted by position, without duplicates (the same finding reached twice)."""
    return sorted(set(findings), key=Finding.sort_key)
