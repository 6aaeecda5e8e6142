"""What govgraph keeps between runs so that work done once is not done again: where it is kept and how.

Where: `$GOVGRAPH_CACHE` if set (`off` turns keeping off), else `$XDG_CACHE_HOME/govgraph`, else
`~/.cache/govgraph`. The folder is the user's own (created `0700`, files `0600`), and what is kept is only read back
from a folder and a file that only its owner can write to: kept things are code or pickles, run as they are read.
Anything that cannot be written is silently not kept, and anything that cannot be read back is worked out again.
Three things are kept: models read (`govgraph.loading.cache`), compiled page templates (`govgraph.render.templates`)
and the outline of each build's plan (`govgraph.build.outline`).
"""

from __future__ import annotations

import functools
import os
import stat
import tempfile
from pathlib import Path

ENV = "GOVGRAPH_CACHE"


def folder() -> Path | None:
    """Where things are kept, or None when keeping is turned off (`GOVGRAPH_CACHE=off`)."""
    chosen = os.environ.get(ENV, "").strip()
    if chosen.lower() in ("off", "0", "no", "false"):
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "govgraph"


@functools.cache
def code() -> bytes:
    """What this govgraph's code is, cheaply: each of its files' name, size and time of change (so an edited or
    upgraded govgraph never reuses what another kept). Its page templates, the interactive page's script and style
    and its rule sets are part of it, as its modules are. Read once a run."""
    package = Path(__file__).resolve().parent
    parts = []
    for path in sorted(package.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        info = path.stat()
        parts.append(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts).encode()


def private(path: Path) -> bool:
    """Whether `path` belongs to this user and no one else can write to it."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read(name: str) -> bytes | None:
    """What was kept as `name`, or None: nothing kept, keeping off, or the folder or file not the user's alone."""
    base = folder()
    if base is None:
        return None
    entry = base / name
    try:
        if not (private(base) and private(entry)):
            return None
        return entry.read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """Keep `data` as `name`, replacing what was kept there; silently not, if the folder cannot be written."""
    base = folder()
    if base is None:
        return
    try:
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not private(base):
            return
        # Written beside its place and moved there whole: a reader never sees half of it.
        handle, temporary = tempfile.mkstemp(dir=base, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, base / name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return
