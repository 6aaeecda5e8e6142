"""The exception hierarchy of govgraph and the exit codes the command line maps it to.

Every error govgraph raises on purpose derives from `GovGraphError`. Subclasses take their context as keyword
arguments and build their own message, so callers never format error text themselves.

Exit codes: 0 clean; 1 findings at or above the failing severity, including a model file that cannot be read or
validated; 2 usage errors (unknown option, missing file, a name that matches no body); 3 internal error.
"""

from __future__ import annotations

from collections.abc import Sequence

from govgraph.findings import Finding, sort_findings

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class GovGraphError(Exception):
    """Base of every error govgraph raises deliberately."""

    exit_code = EXIT_INTERNAL

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ModelError(GovGraphError):
    """The model file cannot be read, parsed or validated; carries every finding, sorted by position."""

    exit_code = EXIT_FINDINGS

    def __init__(self, *, findings: Sequence[Finding]) -> None:
        self.findings = sort_findings(list(findings))
        count = len(self.findings)
        first = self.findings[0] if self.findings else None
        where = f" (first at {first.location})" if first and first.location else ""
        super().__init__(f"the model has {count} error{'s' if count != 1 else ''}{where}")


class UsageError(GovGraphError):
    """The command was asked for something that cannot be done as asked (exit code 2)."""

    exit_code = EXIT_USAGE


class ModelFileNotFound(UsageError):
    """The model file named (or found by default) does not exist."""

    def __init__(self, *, path: str, reason: str = "no such model file", hint: str = "") -> None:
        self.path = path
        super().__init__(f"{path}: {reason}" + (f" ({hint})" if hint else ""))


class NameNotFound(UsageError):
    """A name given on the command line matches nothing in the model."""

    def __init__(self, *, name: str, what: str = "body", suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.what = what
        self.suggestions = tuple(suggestions)
        text = f"no {what} is called {name!r}"
        if self.suggestions:
            text += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        else:
            text += "; give its id, name, short name or alias as the model file writes it"
        super().__init__(text)


class AmbiguousName(UsageError):
    """A name given on the command line matches several things."""

    def __init__(self, *, name: str, matches: Sequence[str]) -> None:
        self.name = name
        self.matches = tuple(matches)
        super().__init__(f"{name!r} could mean any of {', '.join(repr(m) for m in self.matches)}: use the id instead")


class InvalidOption(UsageError):
    """An option value that govgraph could not use (a bad date, an unknown format)."""

    def __init__(self, *, option: str, value: str, reason: str) -> None:
        self.option = option
        self.value = value
        super().__init__(f"{option} {value!r}: {reason}")


class EngineNotFound(UsageError):
    """No Graphviz engine to turn DOT into SVG, PNG or PDF (DOT and Mermaid need none)."""

    def __init__(self, *, asked: str | None = None) -> None:
        self.asked = asked
        what = f"the Graphviz engine {asked!r} was not found" if asked else "no Graphviz engine was found"
        super().__init__(
            f"{what}: install one with `apt-get install graphviz` (the system `dot`) or "
            "`pip install graphviz-pure` (no root needed), or name one with --engine or $GOVGRAPH_DOT; "
            "--format dot and --format mermaid work without an engine"
        )


class EngineFailed(UsageError):
    """The Graphviz engine ran but failed (a non-zero exit, a timeout, a format it does not write)."""

    def __init__(self, *, engine: str, reason: str) -> None:
        self.engine = engine
        self.reason = reason
        super().__init__(f"the Graphviz engine {engine} failed: {reason}")


class OutputRefused(UsageError):
    """The documentation build will not write to the folder asked for (it could destroy something)."""

    def __init__(self, *, path: str, reason: str, hint: str = "") -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"will not build into {path}: {reason}" + (f"; {hint}" if hint else ""))


class OutputBusy(UsageError):
    """Another build of the same output folder is running and did not finish in the time allowed."""

    def __init__(self, *, path: str, holder: str, waited: float) -> None:
        self.path = path
        self.holder = holder
        by = f" (process {holder})" if holder.isdigit() else ""
        super().__init__(
            f"another govgraph build{by} is writing {path} and has not finished after {waited:.0f} seconds; "
            "try again when it has finished"
        )


class OutputNotWritable(UsageError):
    """The documentation build cannot write where it was asked to: `folder` (the output folder, or the folder
    holding it) is read-only, full, or otherwise refused by the system. Nothing of the previous output is lost."""

    def __init__(self, *, path: str, folder: str, reason: str, hint: str = "") -> None:
        self.path = path
        self.folder = folder
        self.reason = reason
        super().__init__(f"cannot build into {path}: the folder {folder} {reason}" + (f"; {hint}" if hint else ""))


class BuildRefused(ModelError):
    """The model has errors, so the documentation build wrote nothing (exit code 1)."""

    def __init__(self, *, findings: Sequence[Finding]) -> None:
        super().__init__(findings=findings)
        self.message = (
            f"{self.message}: nothing was built. Fix them (see the list above), or build anyway with "
            "--allow-errors, which marks every page as built from a model with errors"
        )


class RevisionNotReadable(UsageError):
    """One side of `govgraph diff`, written `REV:path`, cannot be read from git (exit code 2)."""

    def __init__(self, *, spec: str, reason: str, hint: str = "") -> None:
        self.spec = spec
        self.reason = reason
        super().__init__(f"{spec}: {reason}" + (f"; {hint}" if hint else ""))


class ComparedModelInvalid(ModelError):
    """One side of a comparison is not a valid model; the message says which (exit code 1)."""

    def __init__(self, *, side: str, label: str, findings: Sequence[Finding]) -> None:
        super().__init__(findings=findings)
        self.side = side
        self.label = label
        self.message = f"the {side} model ({label}) has errors (listed above), so nothing was compared: fix them first"
