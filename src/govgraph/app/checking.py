"""`govgraph check`: check several model files in one run and report them together."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from govgraph.app.models import bundled_note, find_model
from govgraph.app.options import parse_date, rule_codes
from govgraph.app.outcome import Note, Outcome
from govgraph.errors import InvalidOption, ModelError, ParameterError
from govgraph.model import PartialDate

#: The report formats of `govgraph check`.
CHECK_FORMATS: tuple[str, ...] = ("text", "json", "github", "sarif")


@dataclass(frozen=True)
class Checked:
    """The report of every file checked, and whether any failed (a finding at the failing severity, or a file that
    could not be read)."""

    report: str
    failed: bool


def report_format(fmt: str | None) -> str:
    """The report format: `fmt` when given, else workflow annotations under GitHub Actions, else text."""
    if fmt is not None:
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def check_files(
    model_files: Sequence[str] = (),
    model: str | None = None,
    *,
    fmt: str | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    fail_on: str = "error",
    as_of: str | PartialDate | None = None,
) -> Outcome[Checked]:
    """Check each of `model_files` (or the one file `model`; with neither, the file found as for every command).

    Args:
        fmt: text, json, github or sarif (default: see `report_format`).
        select, ignore: rule codes or prefixes to report only, or not to report (`GG4,GG501`).
        fail_on: the least severe finding that fails the check (error, warning, info).
        as_of: check the structure as it stood on this date.

    Raises:
        ParameterError: files given both ways.
        InvalidOption: an unknown rule code, severity or date.
        ModelFileNotFound: a file named does not exist.
    """
    from govgraph._version import __version__
    from govgraph.checks import check
    from govgraph.findings import Finding, Severity
    from govgraph.loading import load
    from govgraph.render.checks import render_reports

    if model_files and model is not None:
        raise ParameterError(
            "give the models once: as {model_files} or one with {model}", parameters=("model_files", "model")
        )
    when = parse_date(as_of, "as_of")
    selected, ignored = rule_codes(select, "select"), rule_codes(ignore, "ignore")
    try:
        threshold = Severity.parse(fail_on)
    except ValueError as exc:
        raise InvalidOption(option="fail_on", value=fail_on, reason=str(exc)) from None
    named: Sequence[str | None] = model_files or [model]
    found = [find_model(given) for given in named]
    notes: list[Note] = [bundled_note(f) for f in found if f.bundled]
    failed = False
    reports: list[tuple[str, list[Finding]]] = []
    for each in found:
        try:
            result = check(load(each.path), as_of=when, select=selected, ignore=ignored)
            findings = list(result.findings)
            failed |= result.fails(threshold)
        except ModelError as exc:
            findings = exc.findings
            failed = True
        reports.append((str(each.path), findings))
    text = render_reports(report_format(fmt), reports, version=__version__)
    return Outcome(Checked(text, failed), tuple(notes))
