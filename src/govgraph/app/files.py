"""Writing the files a command is asked for (`-o FILE`), and what format a file's name asks for.

A file is written whole or not at all: into a new file beside it, then renamed over it, so an earlier version is
never left half-overwritten. It has the permissions any program's file has: a new file is readable as the user's
umask allows (0644 under the usual 022), and a file written over keeps the permissions it had.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

from govgraph.app.outcome import Written
from govgraph.errors import ParameterError, UsageError

#: How many names to try for the file written beside the target before giving up (each try is a random name).
_ATTEMPTS = 100


def _new_file_beside(path: Path) -> tuple[int, Path]:
    """A new, empty file in `path`'s folder, open for writing, created with mode 0666 so that the process's umask
    decides its permissions (`tempfile` creates 0600 files, which a rename would then give the output)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_ATTEMPTS):
        # os.urandom rather than `secrets`, whose imports (hashlib, random...) every command would pay for.
        # At most 40 characters of the name (160 bytes), so a name near the system's limit of 255 bytes still has
        # room for its temporary file.
        candidate = path.with_name(f".{path.name[:40]}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(candidate, flags, 0o666), candidate
        except FileExistsError:
            continue
    raise FileExistsError(f"no free name for a temporary file beside {path}")


def write_file(path: str | Path, content: str | bytes) -> None:
    """Write `content` (text as UTF-8) to `path` whole or not at all (see the module docstring).

    Raises:
        UsageError: the file cannot be written; says which file and why, and nothing is left behind.
    """
    path = Path(path)
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    temporary: Path | None = None
    try:
        try:
            mode: int | None = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = None
        descriptor, temporary = _new_file_beside(path)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        if isinstance(exc, FileNotFoundError) and not path.parent.is_dir():
            # "No such file or directory" of a file about to be made leaves the reader to guess which is missing.
            raise UsageError(
                f"cannot write {path}: there is no folder {path.parent} (make it first, or write into a folder "
                "that exists)"
            ) from None
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def put(content: str | bytes, output: str | Path | None) -> Written:
    """`content` written to the file `output` (see `write_file`), or, with no file, kept to print."""
    if output is None:
        return Written(content=content)
    write_file(output, content)
    return Written(files=(Path(output),))


def output_format(
    output: str | Path | None, fmt: str | None, extensions: Mapping[str, str], default: str | None
) -> str:
    """The format to write: `fmt` when given, else the one the extension of `output` names, else `default`.

    Args:
        output: the file to write, if any.
        fmt: the format asked for, if any.
        extensions: each file extension the command knows (`.svg`) and the format it names.
        default: the format without `fmt` or an extension (None: one of them is required).

    Raises:
        ParameterError: `fmt` and the extension of `output` name different formats; or no `fmt` and an extension
            that names no format; or neither and no `default`.
    """
    suffix = Path(output).suffix.lower() if output is not None else ""
    named = extensions.get(suffix)
    known = ", ".join(sorted(extensions))
    if fmt is not None:
        if named is not None and named != fmt:
            raise ParameterError(
                "{fmt} {asked} and {output} {file} disagree: a {suffix} file holds {named}; give one or the other",
                parameters=("fmt", "output"),
                values={"asked": fmt, "file": str(output), "suffix": suffix, "named": named},
            )
        return fmt
    if named is not None:
        return named
    if suffix:
        raise ParameterError(
            "cannot tell the format from the name {file}: give {fmt}, or a file name ending in one of {known}",
            parameters=("fmt",),
            values={"file": str(output), "known": known},
        )
    if default is None:
        raise ParameterError(
            "give {fmt}, or {output} with a file name ending in one of {known}",
            parameters=("fmt", "output"),
            values={"known": known},
        )
    return default
