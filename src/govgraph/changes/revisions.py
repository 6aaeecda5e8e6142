"""Reading one side of a comparison: a model file, or `REV:path`, the file as a git revision has it.

A revision is read with `git show REV:path`: nothing is checked out and the working tree is untouched. The path
after the colon is git's: from the repository's top folder, or from the current folder when written `./path`
(`HEAD~1:data/governance.yaml`, `main:./governance.yaml`). A name that is an existing file is always read as
that file, even if it has a colon in it.

Errors name the side (old or new) and say what to do: a folder that is not in a git repository, a revision
git does not know, a path the revision does not have, git not installed, or a model with errors.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from govgraph.changes.diff import ModelDiff, diff, diff_dates
from govgraph.errors import ComparedModelInvalid, ModelError, ModelFileNotFound, ParameterError, RevisionNotReadable
from govgraph.graph import snapshot
from govgraph.loading import load, load_bytes
from govgraph.loading.files import exists, is_file
from govgraph.model import Model, PartialDate
from govgraph.parallel import both

#: Seconds git may take to answer one question.
GIT_TIMEOUT = 60.0


def read_model(spec: str, *, side: str = "old", cwd: str | Path | None = None, max_bytes: int | None = None) -> Model:
    """Read the model `spec`: a file, or `REV:path` from git.

    Args:
        spec: a file name, or a git revision and a path joined by a colon.
        side: which side of the comparison it is (`old`, `new`), for messages.
        cwd: the folder relative files and git run in (default: the current folder).
        max_bytes: refuse larger files (see `govgraph.loading.load`).

    Raises:
        ModelFileNotFound: `spec` is neither a file nor `REV:path`.
        RevisionNotReadable: git is missing, the folder is not in a git repository, the revision is unknown, or
            the revision has no such path.
        ComparedModelInvalid: the model has errors (its findings, and which side it is).
    """
    folder = Path(cwd) if cwd is not None else Path.cwd()
    path = folder / spec
    try:
        # With a colon, only a file that is there is read as a file (`HEAD:a.yaml` is a revision and a path).
        if ":" not in spec or is_file(path):
            if not exists(path):
                raise ModelFileNotFound(
                    path=spec, hint=f"the {side} model; give a file, or a git revision as REV:path, e.g. HEAD~1:{spec}"
                )
            return load(path if cwd is not None else Path(spec), max_bytes=max_bytes)
        return load_bytes(_git_show(spec, folder, side), spec, max_bytes=max_bytes)
    except ComparedModelInvalid:
        raise
    except ModelError as error:
        raise ComparedModelInvalid(side=side, label=spec, findings=error.findings) from None


def _git_show(spec: str, folder: Path, side: str) -> bytes:
    revision, _, inner = spec.partition(":")
    if not revision or revision.startswith("-") or not inner:
        raise RevisionNotReadable(
            spec=spec,
            reason=f"the {side} model is neither a file nor a git revision and path",
            hint="write a revision, a colon and the file's path, for example HEAD~1:data/governance.yaml",
        )
    if shutil.which("git") is None:
        raise RevisionNotReadable(
            spec=spec, reason="git is not installed, so a revision cannot be read", hint="compare two files instead"
        )
    if _git(folder, "rev-parse", "--git-dir").returncode != 0:
        raise RevisionNotReadable(
            spec=spec,
            reason=f"{folder} is not in a git repository, so the {side} model cannot be read from a revision",
            hint="run govgraph in the repository's folder, or compare two files",
        )
    if _git(folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode != 0:
        raise RevisionNotReadable(
            spec=spec,
            reason=f"git knows no revision {revision!r} (the {side} model)",
            hint="`git log --oneline` lists the revisions there are",
        )
    shown = _git(folder, "show", spec)
    if shown.returncode != 0:
        raise RevisionNotReadable(
            spec=spec,
            reason=f"revision {revision} has no file {inner!r} (the {side} model)",
            hint="a path after the colon starts at the repository's top folder; write "
            f"{revision}:./FILE for a file in the current folder",
        )
    return shown.stdout


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    # No prompt for credentials and no lock files: reading a revision must never wait or touch the repository.
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        return subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, timeout=GIT_TIMEOUT, check=False, env=env
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RevisionNotReadable(spec=" ".join(args), reason=f"git could not be run ({exc})") from None


def compare(
    sides: Sequence[str],
    dates: Sequence[PartialDate] = (),
    *,
    model: str | None = None,
    cwd: str | Path | None = None,
) -> ModelDiff:
    """What `govgraph diff` compares: two models (files or `REV:path`), or one model on two dates.

    Args:
        sides: OLD and NEW; or, with two `dates`, the one model (unless given as `model`).
        dates: two dates to compare one model on; or one, to compare OLD and NEW as they both stood then.
        model: the one model of a comparison of dates, given as an option rather than in `sides`.
        cwd: where files and git are looked for (default: the current folder).

    Raises:
        ParameterError: the wrong number of models or dates for either kind of comparison.
        And as `read_model`: ModelFileNotFound, RevisionNotReadable, ComparedModelInvalid.
    """
    if len(dates) == 2:
        if len(sides) + (model is not None) != 1:
            raise ParameterError(
                "with two dates ({dates}), give one model: its two dates are compared; to compare two models, "
                "give at most one date",
                parameters=("dates",),
            )
        spec = model if model is not None else sides[0]
        return diff_dates(read_model(spec, side="compared", cwd=cwd), dates[0], dates[1])
    if len(dates) > 2:
        raise ParameterError(
            "give two dates ({dates}) to compare one model on two dates, or one to compare two models on one date",
            parameters=("dates",),
        )
    if len(sides) != 2 or model is not None:
        raise ParameterError(
            "give two models to compare, OLD and NEW (files, or git revisions written REV:path such as "
            "HEAD~1:data/governance.yaml), or one model with two dates ({dates})",
            parameters=("dates",),
        )
    # The two sides are read at once, on two cores where there are (reading is most of a comparison's time).
    old, new = both(
        functools.partial(read_model, sides[0], side="old", cwd=cwd),
        functools.partial(read_model, sides[1], side="new", cwd=cwd),
    )
    if not dates:
        return diff(old, new, old_label=sides[0], new_label=sides[1])
    when = dates[0]
    return diff(
        snapshot(old, when),
        snapshot(new, when),
        old_label=f"{sides[0]} as of {when}",
        new_label=f"{sides[1]} as of {when}",
        old_as_of=when,
        new_as_of=when,
    )
