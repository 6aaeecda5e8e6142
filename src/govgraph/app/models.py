"""Which model file a command reads, and how the model and the names of a command line are told apart.

Where no file is named (as an argument, with `--model`, or in `$GOVGRAPH_MODEL`), the file is looked for where a
user keeps it: `governance.yaml`, then `data/governance.yaml`, in the current folder and then in each folder
above it up to the root of the git repository it is in (outside a repository, in the current folder only). So
`govgraph check` works the same from the repository's root, from `data/` and from `docs/`.

Where there is none, a command that only reads answers from the London example that ships with govgraph and says
so on standard error every time; a command that writes (a documentation build, `serve`, any `-o FILE`) refuses:
someone else's governance must never end up in a user's documentation as though it were theirs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from govgraph.app.outcome import Note, Outcome
from govgraph.errors import ModelFileNotFound, ModelNotFound, ParameterError, UsageError
from govgraph.loading.files import exists, is_file
from govgraph.model import Model

#: The environment variable that names the model file when a command is given none.
MODEL_ENV = "GOVGRAPH_MODEL"
#: Where a user keeps the model, relative to the current folder and to each folder above it.
PLACES: tuple[str, ...] = ("governance.yaml", "data/governance.yaml")


@dataclass(frozen=True)
class ModelFile:
    """The model file a command reads: `bundled` when it is the London example that ships with govgraph, with
    the folders that were searched in vain (`looked`)."""

    path: Path
    bundled: bool = False
    looked: tuple[Path, ...] = ()


def _folders(start: Path) -> Iterator[Path]:
    """`start`, then each folder above it up to the root of the git repository it is in (none outside one)."""
    yield start
    root = next((folder for folder in (start, *start.parents) if (folder / ".git").exists()), None)
    if root is None or root == start:
        return
    for folder in start.parents:
        yield folder
        if folder == root:
            return


def bundled_model() -> Path:
    """The London example that ships inside the package."""
    from importlib.resources import files

    return Path(str(files("govgraph") / "data" / "governance.yaml"))


def find_model(given: str | Path | None = None, *, writes: bool = False, cwd: Path | None = None) -> ModelFile:
    """The model file a command reads (see the module docstring for the order).

    Args:
        given: the file named on the command line, if any.
        writes: the command writes files, so it must not fall back to the bundled example.
        cwd: the folder to look from (default: the current folder); a file found there or above it is given as
            a path relative to it.

    Raises:
        ModelFileNotFound: `given`, or the file `$GOVGRAPH_MODEL` names, does not exist.
        ModelNotFound: no file was named or found and `writes` is set.
    """
    if given is not None:
        path = Path(given)
        if not exists(path):
            raise ModelFileNotFound(path=str(given))
        return ModelFile(path)
    named = os.environ.get(MODEL_ENV, "").strip()
    if named:
        path = Path(named)
        if not exists(path):
            raise ModelFileNotFound(path=named, hint=f"it is named by ${MODEL_ENV}")
        return ModelFile(path)
    here = Path(cwd) if cwd is not None else Path.cwd()
    here = here if here.is_absolute() else Path.cwd() / here
    looked = tuple(_folders(here))
    for folder in looked:
        for place in PLACES:
            candidate = folder / place
            if candidate.is_file():
                return ModelFile(Path(os.path.relpath(candidate, here)))
    if writes:
        raise ModelNotFound(places=PLACES, where=_looked_in(looked))
    return ModelFile(bundled_model(), bundled=True, looked=looked)


def _looked_in(looked: Sequence[Path]) -> str:
    if len(looked) == 1:
        return str(looked[0])
    return f"{looked[0]} and each folder up to {looked[-1]}"


def bundled_note(found: ModelFile) -> Note:
    """What a command that reads says every time it answers from the bundled example."""
    return Note(
        "no model file here (looked for {places} in {looked}): answering from the London example that ships with "
        "govgraph; give your own as MODEL or with {model} FILE",
        parameters=("model",),
        values={"places": " and ".join(PLACES), "looked": _looked_in(found.looked)},
    )


def read_model(given: str | Path | None = None, *, writes: bool = False) -> Outcome[Model]:
    """Find (see `find_model`) and load the model a command works on; a note says when it is the bundled example.

    Raises:
        ModelFileNotFound, ModelNotFound: as `find_model`.
        ModelError: the file is not a valid model; carries every finding.
    """
    from govgraph.loading import load

    found = find_model(given, writes=writes)
    return Outcome(load(found.path), (bundled_note(found),) if found.bundled else ())


def one_model(model_file: str | None, model: str | None) -> str | None:
    """The model file of a command that takes it either as its MODEL argument (`model_file`) or with `model`.

    Raises:
        ParameterError: both are given.
    """
    if model_file is not None and model is not None:
        raise ParameterError("give the model once: as {model_file} or with {model}", parameters=("model_file", "model"))
    return model_file if model_file is not None else model


def _is_model_file(text: str) -> bool:
    return text.endswith((".yaml", ".yml")) or is_file(text)


def model_and_names(
    arguments: Sequence[str], model: str | None, *, names: int, called: str = "a NAME", optional: bool = False
) -> tuple[str | None, tuple[str, ...]]:
    """Tell apart `[MODEL] NAME...`: the model file (None: find it) and the `names` names after it.

    With one more word than `names`, the first is the model. With exactly `names`, they are the names, except a
    lone word that looks like a model file (it is a file, or ends in .yaml or .yml): that is the model, so
    `govgraph timeline governance.yaml` reads that file, and `govgraph show governance.yaml` asks for the name.

    Args:
        arguments: the words given, in order.
        model: the file given with `--model`, if any.
        names: how many names the command takes.
        called: what the command calls its names, for messages (`a NAME`, `FROM and TO`).
        optional: the names may be left out (`govgraph timeline`, `govgraph roles`).

    Raises:
        ParameterError: the model is given twice (as an argument and with `model`), or there are too many words.
        UsageError: a name is missing.
    """
    given = tuple(arguments)
    if len(given) > names + 1 or (len(given) == names + 1 and model is not None):
        raise ParameterError(
            "give at most a MODEL and {called} (the model once: as MODEL or with {model})",
            parameters=("model",),
            values={"called": called},
        )
    if len(given) == names + 1:
        return given[0], given[1:]
    if names == 1 and len(given) == 1 and model is None and _is_model_file(given[0]):
        if optional:
            return given[0], ()
        raise UsageError(f"{given[0]} is a model file: give {called} after it")
    if len(given) < names and not (optional and not given):
        raise UsageError(f"give {called}")
    return model, given
