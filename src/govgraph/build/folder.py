"""The output folder: what may be written where, the marker that makes a folder govgraph's, and the swap.

A build is written whole into a temporary folder beside the target and then swapped in with one system call, so
an interrupted build (even by SIGKILL) leaves the previous output as it was. On Linux the swap is `renameat2`
with `RENAME_EXCHANGE`, which exchanges the two folders atomically; elsewhere the old folder is renamed aside
first and a folder found aside by the next build is put back if the build before it died between the two renames.

Refusals (each an `OutputRefused`, exit code 2): a target that is not a folder, that is or passes through a
symbolic link, that holds files but no govgraph marker (so it is someone else's folder), or that is the model's
own folder or one of its parents (a build there would replace the model).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from govgraph.errors import OutputRefused

#: The marker file: its presence makes a folder a govgraph output folder; it also lists what the build wrote.
MARKER = ".govgraph-build.json"
#: Format of the marker's content.
MARKER_VERSION = 1
_TEMPORARY = ".govgraph-new-"
_ASIDE = ".govgraph-old-"
_RENAME_EXCHANGE = 2


def sha256(data: bytes) -> str:
    """Hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


def check_target(target: Path, model_file: Path | None) -> None:
    """Refuse a target folder that a build must not write into (see the module docstring).

    Raises:
        OutputRefused: with the reason and what to do instead.
    """
    shown = str(target)
    absolute = Path(os.path.abspath(target))
    here = Path(os.path.abspath(os.curdir))
    # Each folder of the path as given (from the current folder for a relative path) must be a real folder.
    start = here if not target.is_absolute() else Path(absolute.anchor)
    walked = start
    for part in absolute.relative_to(start).parts:
        walked = walked / part
        if walked.is_symlink():
            raise OutputRefused(
                path=shown,
                reason=f"{walked} is a symbolic link",
                hint="give the real folder it points to, so the build cannot write somewhere unexpected",
            )
    if absolute.exists() and not absolute.is_dir():
        raise OutputRefused(path=shown, reason="it is a file, not a folder", hint="give a folder with -o")
    if model_file is not None:
        home = Path(os.path.abspath(model_file)).parent
        if absolute == home or absolute in home.parents:
            raise OutputRefused(
                path=shown,
                reason=f"it holds the model file {model_file} (directly or in a subfolder)",
                hint="build into a folder of its own, for example -o output",
            )
    if absolute.is_dir() and read_marker(absolute) is None and any(absolute.iterdir()):
        raise OutputRefused(
            path=shown,
            reason=f"it is not empty and has no {MARKER}, so it is not a govgraph output folder",
            hint="give an empty or new folder; govgraph never writes over files it did not make",
        )


def read_marker(folder: Path) -> dict[str, Any] | None:
    """The marker's content when `folder` is a govgraph output folder, else None."""
    try:
        data = json.loads((folder / MARKER).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("govgraph_build") != MARKER_VERSION:
        return None
    return data


def existing_files(folder: Path) -> dict[str, Path]:
    """Every file under `folder` by its path relative to it (`/`-separated), the marker included."""
    if not folder.is_dir():
        return {}
    found = {}
    for path in folder.rglob("*"):
        if path.is_file() or path.is_symlink():
            found[path.relative_to(folder).as_posix()] = path
    return found


def recover(target: Path) -> None:
    """Tidy up after a build that died: put back an output folder left aside, remove half-built folders."""
    parent = target.parent
    if not parent.is_dir():
        return
    for leftover in sorted(parent.glob(f"{_ASIDE}{target.name}-*")):
        if not target.exists() and read_marker(leftover) is not None:
            leftover.rename(target)
        else:
            shutil.rmtree(leftover, ignore_errors=True)
    for leftover in parent.glob(f"{_TEMPORARY}{target.name}-*"):
        shutil.rmtree(leftover, ignore_errors=True)


@contextlib.contextmanager
def staging(target: Path) -> Iterator[Path]:
    """A new empty folder beside `target` to build into; removed on the way out unless it was swapped in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{_TEMPORARY}{target.name}-", dir=target.parent))
    # mkdtemp makes a private folder; the output is for a docs site to read, so give it the usual permissions.
    mask = os.umask(0)
    os.umask(mask)
    folder.chmod(0o777 & ~mask)
    try:
        yield folder
    finally:
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)


def write_file(root: Path, relative: str, data: bytes) -> None:
    """Write one file of a staged build (folders made as needed)."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def keep_file(root: Path, relative: str, old: Path) -> None:
    """Carry an unchanged file over from the previous build: a hard link where possible, so its time (and the
    docs tool's idea of what changed) stays as it was; else a copy that keeps the time."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(old, path)
    except OSError:
        shutil.copy2(old, path)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two folders (Linux `renameat2`); False where the system cannot."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    function = getattr(libc, "renameat2", None)
    if function is None:
        return False
    at_fdcwd = -100
    result = function(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def swap_in(staged: Path, target: Path) -> None:
    """Make the staged folder the target; the previous target (if any) ends up at `staged` and is removed."""
    if not target.exists():
        staged.rename(target)
        return
    if _exchange(staged, target):
        shutil.rmtree(staged, ignore_errors=True)
        return
    aside = target.parent / f"{_ASIDE}{target.name}-{os.getpid()}"
    target.rename(aside)
    staged.rename(target)
    shutil.rmtree(aside, ignore_errors=True)
