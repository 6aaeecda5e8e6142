"""The exception hierarchy of govgraph and the exit codes the command line maps it to.

Every error govgraph raises on purpose derives from `GovGraphError`. Subclasses take their context as keyword
arguments and build their own message, so callers never format error text themselves.

An error about how a function was called (`ParameterError`) names the parameters as the library does
(`max_routes`); a caller with other names for them, such as the command line's `--max`, words it again with
`ParameterError.named`.

Exit codes: 0 clean; 1 findings at or above the failing severity, including a model file that cannot be read or
validated; 2 usage errors (unknown option, missing file, a name that matches no body); 3 internal error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

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

    def __init__(self, *, name: str, what: str = "body", suggestions: Sequence[str] = (), post: bool = False) -> None:
        """`post`: nothing of that kind is called `name`, but a post is (the message names the command for posts)."""
        self.name = name
        self.what = what
        self.suggestions = tuple(suggestions)
        text = f"no {what} is called {name!r}"
        if post:
            typed = f'"{name}"' if " " in name else name
            text += f", but a post is: `govgraph roles {typed}` says what it chairs and sits on"
        elif self.suggestions:
            text += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        else:
            text += "; give its id, name, short name or alias as the model file writes it"
        super().__init__(text)


class AmbiguousName(UsageError):
    """A name given on the command line matches several things (a name used again over time, or a shared one)."""

    def __init__(self, *, name: str, matches: Sequence[str], described: Sequence[str] = ()) -> None:
        """`matches` are the ids; `described`, where given, says what each is (its name and dates), in order."""
        self.name = name
        self.matches = tuple(matches)
        self.described = tuple(described)
        if self.described:
            listed = "".join(f"\n  {m}: {d}" for m, d in zip(self.matches, self.described, strict=True))
            super().__init__(f"{name!r} could mean any of these; use the id of the one you mean:{listed}")
        else:
            listed = ", ".join(repr(m) for m in self.matches)
            super().__init__(f"{name!r} could mean any of {listed}: use the id instead")


def name_parameters(
    template: str, parameters: Iterable[str], values: Mapping[str, str], name: Callable[[str], str]
) -> str:
    """`template` with each of `parameters` (written `{parameter}`) named by `name`, and its other fields filled
    from `values`. Values are inserted as they are, never read as a template, so they may hold any text."""
    return template.format_map({**values, **{parameter: name(parameter) for parameter in parameters}})


class ParameterError(UsageError):
    """A function was called with values it cannot use together, or a value it cannot use (exit code 2).

    `template` names each of `parameters` as `{parameter}` and fills its other fields from `values`; the message
    names the parameters as the library does, and `named` words it with a caller's own names for them.
    """

    def __init__(
        self, template: str, *, parameters: Sequence[str] = (), values: Mapping[str, str] | None = None
    ) -> None:
        self.template = template
        self.parameters = tuple(parameters)
        self.values = dict(values or {})
        super().__init__(name_parameters(template, self.parameters, self.values, str))

    def named(self, name: Callable[[str], str]) -> ParameterError:
        """The same error with each parameter named by `name` (a parameter's name to the caller's, such as
        `max_routes` to `--max`); the original is left as it was."""
        renamed = type(self).__new__(type(self))
        renamed.__dict__.update(self.__dict__)
        renamed.message = name_parameters(self.template, self.parameters, self.values, name)
        renamed.args = (renamed.message,)
        return renamed


class InvalidOption(ParameterError):
    """A value of a parameter that govgraph could not use (a bad date, an unknown format).

    `option` is the parameter's name (`max_routes`): a lower-case identifier, as Python's parameters are; any
    other name (an environment variable's, `GOVGRAPH_MAX_BYTES`, for a setting read from one) is written as it
    is. `reason` is plain words, unless `mentions` names other parameters it refers to as `{parameter}`.
    """

    def __init__(self, *, option: str, value: str, reason: str, mentions: Sequence[str] = ()) -> None:
        self.option = option
        self.value = value
        self.reason = reason
        if not mentions:
            reason = reason.replace("{", "{{").replace("}", "}}")
        if option.isidentifier() and option.islower():
            head, parameters = "{" + option + "}", (option, *mentions)
        else:
            head, parameters = option.replace("{", "{{").replace("}", "}}"), tuple(mentions)
        super().__init__(head + " {_value}: " + reason, parameters=parameters, values={"_value": repr(value)})


class ModelNotFound(ParameterError):
    """No model file was named and none was found where users keep one, for a command that must not fall back to
    the example that ships with govgraph (it writes files)."""

    def __init__(self, *, places: Sequence[str], where: str) -> None:
        self.places = tuple(places)
        self.where = where
        super().__init__(
            "no model file here (looked for {places} in {where}): give yours as MODEL or with {model} FILE "
            "(govgraph writes nothing from the example it ships with)",
            parameters=("model",),
            values={"places": " and ".join(self.places), "where": where},
        )


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
