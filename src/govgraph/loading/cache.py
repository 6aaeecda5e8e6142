"""Models already read, kept between runs, so that the work of reading a file is paid once per version of it.

Reading a model file is most of a command's start-up: importing pydantic, building the file's schema, parsing
and validating the YAML and building the model took 0.30 s of the 0.50 s `govgraph check` took on the London
model, where reading the kept model back takes 1 ms. Whole commands on the London model, processor time, medians
of runs in alternation with the code before this: `govgraph check` 0.46 s to 0.24 s (10 pairs, ratio 0.52), a
`govgraph build` with nothing to do 0.84 s to 0.61 s (8 pairs, ratio 0.74); with keeping off, `check` is as
before (ratio 0.98). A model that
read without a problem is kept, keyed by everything its reading depends on: the file's bytes, the name its
locations carry, the vocabulary, and the govgraph code that read it (each module's size and time of change, so
an edited or upgraded govgraph never reuses a model read by another). A file with problems is never kept: its
findings are worked out, and shown, every time.

Where: `$GOVGRAPH_CACHE` if set (`off` turns keeping off), else `$XDG_CACHE_HOME/govgraph`, else
`~/.cache/govgraph`: one file per model file read, replaced when that file changes, so the folder holds as many
files as there are model files. The folder is the user's own (created `0700`, files `0600`); a kept model is
only read back from a folder that only its owner can write to, and one that cannot be read back for any reason
is read from its file again, as if nothing had been kept.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import tempfile
from pathlib import Path

from govgraph import vocabulary
from govgraph.model import Model

ENV = "GOVGRAPH_CACHE"
#: Changes when what is kept changes shape.
_FORMAT = b"govgraph-model-cache-1\n"


def folder() -> Path | None:
    """Where models read are kept, or None when keeping is turned off (`GOVGRAPH_CACHE=off`)."""
    chosen = os.environ.get(ENV, "").strip()
    if chosen.lower() in ("off", "0", "no", "false"):
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "govgraph"


def _code() -> bytes:
    """What the govgraph code that reads a model is, cheaply: each module's name, size and time of change."""
    package = Path(__file__).resolve().parent.parent
    parts = []
    for path in sorted(package.rglob("*.py")):
        info = path.stat()
        parts.append(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts).encode()


def _key(data: bytes, file: str) -> bytes:
    digest = hashlib.sha256()
    for part in (_FORMAT, data, file.encode("utf-8", "surrogatepass"), vocabulary.fingerprint(), _code()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest().encode()


def _entry(base: Path, file: str) -> Path:
    return base / (hashlib.sha256(file.encode("utf-8", "surrogatepass")).hexdigest()[:32] + ".model")


def _private(path: Path) -> bool:
    """Whether `path` belongs to this user and no one else can write to it."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def recall(data: bytes, file: str) -> Model | None:
    """The model kept from reading exactly `data` as `file` with this govgraph, or None."""
    base = folder()
    if base is None:
        return None
    entry = _entry(base, file)
    try:
        if not (_private(base) and _private(entry)):
            return None
        kept = entry.read_bytes()
    except OSError:
        return None
    key = _key(data, file)
    head = _FORMAT + key + b"\n"
    if not kept.startswith(head):
        return None
    try:
        # A file this user's govgraph wrote, in a folder only they can write to (see `_private`).
        model = pickle.loads(kept[len(head) :])
    except Exception:
        return None  # anything that cannot be read back is read from the model file again
    return model if isinstance(model, Model) else None


def keep(data: bytes, file: str, model: Model) -> None:
    """Keep `model`, read from `data` as `file`, for the next run; silently not, if the folder cannot be written."""
    base = folder()
    if base is None:
        return
    try:
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(base):
            return
        payload = _FORMAT + _key(data, file) + b"\n" + pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
        # Written beside its place and moved there whole: a reader never sees half of it.
        handle, temporary = tempfile.mkstemp(dir=base, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(payload)
            os.replace(temporary, _entry(base, file))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, RecursionError):
        return
