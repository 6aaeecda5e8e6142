"""The output folder: what may be written where, the manifest that records what govgraph wrote, and the swap.

A build is written whole into a temporary folder beside the target and then swapped in with one system call, so
an interrupted build (even by SIGKILL) leaves the previous output as it was. On Linux the swap is `renameat2`
with `RENAME_EXCHANGE`, which exchanges the two folders atomically; elsewhere the old folder is renamed aside
first and a folder found aside by the next build is put back if the build before it died between the two renames.

Builds of one folder take turns: each holds a lock (`flock` on a file beside the target, removed when the build
ends) from before it tidies up after a dead build until its output is in place, so two builds (a `govgraph serve`
rebuilding while someone runs `govgraph build`) never write or remove each other's folders. The temporary
folders and the lock are named from a digest of the target's name, so their names are bounded whatever its
length, and no build ever mistakes another target's folders for its own (`out` and `out-2` share a prefix).

The marker file (`.govgraph-build.json`) is the manifest: every file the build wrote, with its SHA-256. A build
replaces or removes only files the manifest lists and whose content is still what govgraph wrote; anything else
in the folder (a file a user put there or edited, a link, a folder govgraph did not make) makes it refuse,
naming them, unless `clean` is given.

Refusals (each an `OutputRefused`, exit code 2): a target that is not a folder, that is or passes through a
symbolic link, whose name is longer than the system allows, that holds files but no govgraph marker (so it is
someone else's folder), that is the model's own folder or one of its parents (a build there would replace the
model; compared by the folders' identity on disk, however the paths are spelt), or that holds files govgraph did
not write. A folder that cannot be written is an `OutputNotWritable` naming the folder and the reason.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import stat
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govgraph import vocabulary
from govgraph.errors import OutputBusy, OutputNotWritable, OutputRefused

#: The marker file: its presence makes a folder a govgraph output folder; it lists what the build wrote.
MARKER = ".govgraph-build.json"
#: Format of the marker's content (1: files listed without their content's digest, except drawn diagrams).
MARKER_VERSION = 2
#: Seconds a build waits for another build of the same folder to finish before it gives up.
LOCK_TIMEOUT = 600.0
#: The longest name of one file or folder where the system does not say (Linux, macOS and Windows agree).
NAME_MAX = 255
_NEW = ".govgraph-new-"
_OLD = ".govgraph-old-"
_LOCK = ".govgraph-lock-"
_RENAME_EXCHANGE = 2
#: Files named in a refusal; the rest are counted.
_LISTED = 10


def sha256(data: bytes) -> str:
    """Hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


def _tag(target: Path) -> str:
    """What names the lock and temporary folders of `target`: a digest of its name, so that their names are
    bounded and belong to this target alone."""
    return sha256(os.fsencode(target.name))[:16]


# -- which folders may be written --------------------------------------------------------------------------------


def check_target(target: Path, model_file: Path | None) -> None:
    """Refuse a target folder that a build must not write into (see the module docstring).

    Raises:
        OutputRefused: with the reason and what to do instead.
    """
    shown = str(target)
    _check_names(target, shown)
    _check_links(target, shown)
    if target.exists() and not target.is_dir():
        raise OutputRefused(path=shown, reason="it is a file, not a folder", hint="give a folder with -o")
    if model_file is not None and target.is_dir():
        _check_not_model_home(target, model_file, shown)
    if target.is_dir() and read_marker(target) is None and any(target.iterdir()):
        raise OutputRefused(
            path=shown,
            reason=f"it is not empty and has no {MARKER}, so it is not a govgraph output folder",
            hint="give an empty or new folder; govgraph never writes over files it did not make",
        )


def _limit(target: Path, name: str, default: int) -> int:
    """The system's limit `name` (`PC_NAME_MAX`, `PC_PATH_MAX`) where `target` (or its nearest parent) is."""
    for folder in Path(os.path.abspath(target)).parents:
        try:
            return int(os.pathconf(folder, name))
        except (OSError, ValueError):
            continue
    return default


def _check_names(target: Path, shown: str) -> None:
    # Files of the build lie up to `bodies/` and a 64-character id (and `.svg`) below the target.
    longest = len(os.fsencode(os.path.abspath(target))) + 80
    path_max = _limit(target, "PC_PATH_MAX", 4096)
    if longest >= path_max:
        raise OutputRefused(
            path=shown,
            reason=f"its path is {longest - 80} bytes long, and with the build's own files would pass the "
            f"{path_max - 1} the system allows",
            hint="give a shorter folder path",
        )
    limit = _limit(target, "PC_NAME_MAX", NAME_MAX)
    for part in target.parts:
        size = len(os.fsencode(part))
        if size > limit:
            raise OutputRefused(
                path=shown,
                reason=f"the name {part[:24]}... is {size} bytes long, and the system allows at most {limit}",
                hint="give a shorter folder name",
            )


def _check_links(target: Path, shown: str) -> None:
    """Each folder of the path, as given (`..` included, from the current folder for a relative path), must be a
    real folder: a link could lead the build somewhere unexpected."""
    walked = Path(target.anchor) if target.is_absolute() else Path()
    for part in target.parts[1:] if target.is_absolute() else target.parts:
        walked = walked / part
        if walked.is_symlink():
            raise OutputRefused(
                path=shown,
                reason=f"{walked} is a symbolic link",
                hint="give the real folder it points to, so the build cannot write somewhere unexpected",
            )


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


def _check_not_model_home(target: Path, model_file: Path, shown: str) -> None:
    """Refuse the model's folder and each of its parents, compared as folders on disk (device and inode), so that
    `//abs/path`, `a/../b` or a model named through a link are found however they are spelt."""
    mine = _identity(target)
    home = Path(model_file).resolve().parent
    if mine is not None and any(_identity(folder) == mine for folder in (home, *home.parents)):
        raise OutputRefused(
            path=shown,
            reason=f"it holds the model file {model_file} (directly or in a subfolder)",
            hint="build into a folder of its own, for example -o output",
        )


# -- the manifest -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """A file as the manifest records it: the SHA-256 of what govgraph wrote (None where an older govgraph did
    not record it), and for a drawn file the key it was drawn for."""

    sha256: str | None
    key: str | None = None


@dataclass(frozen=True)
class Manifest:
    """The content of an output folder's marker: the build's settings and every file it wrote."""

    version: int
    settings: Mapping[str, object]
    files: Mapping[str, Written]

    def to_bytes(self) -> bytes:
        """The marker file's bytes (sorted, so the same build gives the same marker)."""
        content = {
            "govgraph_build": MARKER_VERSION,
            "settings": dict(self.settings),
            "files": {
                path: {k: v for k, v in (("sha256", written.sha256), ("key", written.key)) if v is not None}
                for path, written in sorted(self.files.items())
            },
        }
        return (json.dumps(content, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _manifest(data: Any) -> Manifest | None:
    if not isinstance(data, dict):
        return None
    version = data.get("govgraph_build")
    files: dict[str, Written] = {}
    if version == 1:
        found = data.get("diagrams")
        diagrams: dict[str, Any] = found if isinstance(found, dict) else {}
        for path in data.get("files") or []:
            entry = diagrams.get(path) if isinstance(path, str) else None
            if isinstance(entry, dict):
                files[path] = Written(_text(entry.get("sha256")), _text(entry.get("key")))
            elif isinstance(path, str):
                files[path] = Written(None)
        settings = {k: v for k, v in data.items() if k not in ("govgraph_build", "diagrams", "files")}
        return Manifest(1, settings, files)
    if version != MARKER_VERSION or not isinstance(data.get("files"), dict):
        return None
    for path, entry in data["files"].items():
        if isinstance(entry, dict):
            files[path] = Written(_text(entry.get("sha256")), _text(entry.get("key")))
    found = data.get("settings")
    return Manifest(MARKER_VERSION, found if isinstance(found, dict) else {}, files)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def read_marker(folder: Path) -> Manifest | None:
    """The manifest of `folder` when it is a govgraph output folder, else None."""
    try:
        return _manifest(json.loads((folder / MARKER).read_bytes()))
    except (OSError, ValueError):
        return None


# -- what is in the folder now ------------------------------------------------------------------------------------


#: Why most files are not govgraph's.
NOT_WRITTEN = "not written by govgraph"


@dataclass(frozen=True)
class Unowned:
    """A file or folder (`path`, a folder's ending in `/`) in an output folder that govgraph did not write, and
    why it is not govgraph's (`why`, said of several: "changed since govgraph wrote them")."""

    path: str
    why: str


def planned_folders(paths: Iterable[str]) -> set[str]:
    """Every folder (relative, `/`-separated) that holds one of `paths`."""
    return {str(parent) for path in paths for parent in Path(path).parents if str(parent) != "."}


@dataclass
class Existing:
    """What an output folder holds now: its files (links included) and folders by `/`-separated relative path,
    its manifest, and each file's SHA-256, read once when first asked for."""

    root: Path
    files: dict[str, Path]
    folders: set[str]
    manifest: Manifest | None
    _digests: dict[str, str | None] = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, root: Path) -> Existing:
        """Look at `root` (a missing folder holds nothing). Links are listed, never followed."""
        files: dict[str, Path] = {}
        folders: set[str] = set()
        if root.is_dir():
            for parent, dirs, names in os.walk(root):
                here = Path(parent)
                relative = here.relative_to(root).as_posix()
                prefix = "" if relative == "." else f"{relative}/"
                for name in dirs:
                    if (here / name).is_symlink():
                        files[prefix + name] = here / name  # a link to a folder is a file here: never entered
                    else:
                        folders.add(prefix + name)
                for name in names:
                    files[prefix + name] = here / name
        return cls(root, files, folders, read_marker(root))

    def digest(self, relative: str) -> str | None:
        """The SHA-256 of a regular file of the folder; None for a link, anything else, or a missing file."""
        if relative not in self._digests:
            path = self.files.get(relative)
            value = None
            if path is not None and stat.S_ISREG(path.lstat().st_mode):
                value = sha256(path.read_bytes())
            self._digests[relative] = value
        return self._digests[relative]

    def holds(self, relative: str, data: bytes) -> bool:
        """Whether the folder's file at `relative` has exactly the bytes `data`."""
        path = self.files.get(relative)
        if path is None or path.lstat().st_size != len(data):
            return False
        return self.digest(relative) == sha256(data)

    def has(self, relative: str, size: int, digest: str) -> bool:
        """Whether the folder's file at `relative` has `size` bytes whose SHA-256 is `digest`."""
        path = self.files.get(relative)
        if path is None or path.lstat().st_size != size:
            return False
        return self.digest(relative) == digest

    def unowned(self) -> list[Unowned]:
        """What the folder holds that govgraph did not write, sorted: files the manifest does not list, files
        changed since, links, folders that hold none of govgraph's files."""
        if self.manifest is None:
            return [Unowned(path, NOT_WRITTEN) for path in sorted(self.files)]
        out = []
        listed = self.manifest.files
        for path in sorted(self.files):
            if path == MARKER:
                continue
            written = listed.get(path)
            if self.files[path].is_symlink():
                out.append(Unowned(path, "links govgraph did not make"))
            elif written is None:
                out.append(Unowned(path, NOT_WRITTEN))
            elif written.sha256 is None:
                out.append(Unowned(path, "written by an older govgraph, which did not record what it wrote"))
            elif self.digest(path) != written.sha256:
                out.append(Unowned(path, "changed since govgraph wrote them"))
        owned = planned_folders(listed)
        out.extend(Unowned(f"{folder}/", "folders govgraph did not make") for folder in sorted(self.folders - owned))
        return out


def describe(unowned: Sequence[Unowned]) -> str:
    """`unowned` grouped by why, the first ten named: `not written by govgraph: a.md, b.md; changed since ...`."""
    groups: dict[str, list[str]] = {}
    for item in unowned[:_LISTED]:
        groups.setdefault(item.why, []).append(item.path)
    text = "; ".join(f"{why}: {', '.join(paths)}" for why, paths in groups.items())
    return text + (f"; and {len(unowned) - _LISTED} more" if len(unowned) > _LISTED else "")


def refuse_unowned(target: Path, unowned: Sequence[Unowned]) -> None:
    """Refuse to build over what govgraph did not write in `target`.

    Raises:
        OutputRefused: naming the files (the first ten) and what to do.
    """
    if not unowned:
        return
    count = len(unowned)
    raise OutputRefused(
        path=str(target),
        reason=f"a build would delete or replace {vocabulary.count(count, 'file')} govgraph did not write "
        f"({describe(unowned)})",
        hint="move them somewhere else first, or run again with --clean to let govgraph remove them",
    )


# -- taking turns ---------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def locked(target: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the lock of `target` (its parent folder must exist): wait while another build of it holds it.

    The lock file is removed by the build that holds it. A build that opened it before it was removed then holds
    a lock on a file no longer there, so the lock is only taken on the file that is at the path now.

    Raises:
        OutputBusy: another build held it for `timeout` seconds (default `LOCK_TIMEOUT`).
        OSError: the lock file cannot be made (see `writing`).
    """
    path = target.parent / f"{_LOCK}{_tag(target)}"
    waited = LOCK_TIMEOUT if timeout is None else timeout
    deadline = time.monotonic() + waited
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(handle, 32).decode("ascii", "replace").strip()
            os.close(handle)
            if time.monotonic() >= deadline:
                raise OutputBusy(path=str(target), holder=holder, waited=waited) from None
            time.sleep(0.05)
            continue
        if _identity(path) == (os.fstat(handle).st_dev, os.fstat(handle).st_ino):
            break
        os.close(handle)
    try:
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode("ascii"))
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(handle)


def recover(target: Path) -> None:
    """Tidy up after a build of `target` that died (call it holding the lock, so no live build owns what it finds):
    put back an output folder left aside, remove half-built folders. Folders of other targets are not touched."""
    parent = target.parent
    if not parent.is_dir():
        return
    tag = _tag(target)
    for leftover in sorted(parent.glob(f"{_OLD}{tag}-*")):
        if not target.exists() and read_marker(leftover) is not None:
            leftover.rename(target)
        else:
            shutil.rmtree(leftover, ignore_errors=True)
    for leftover in parent.glob(f"{_NEW}{tag}-*"):
        shutil.rmtree(leftover, ignore_errors=True)


# -- writing ------------------------------------------------------------------------------------------------------


def check_writable(target: Path) -> None:
    """Refuse an existing output folder (or a folder in it) that its owner made read-only: the swap would replace it
    regardless, and could then not remove the old one.

    Raises:
        OutputNotWritable: naming the folder.
    """
    if not target.is_dir():
        return
    for parent, _, _ in os.walk(target):
        if not os.access(parent, os.W_OK):
            raise OutputNotWritable(
                path=str(target),
                folder=parent,
                reason="is read-only",
                hint="make it writable (chmod u+w), or build into another folder",
            )


@contextlib.contextmanager
def writing(target: Path) -> Iterator[None]:
    """Turn a failure of the file system while building `target` into an error that names the folder and why.

    Raises:
        OutputNotWritable: from any OSError inside.
    """
    try:
        yield
    except OSError as exc:
        raise _not_writable(target, exc) from None


#: What a refusal of the system says about the folder, and what to do, by errno.
_WHY: Mapping[int, tuple[str, str]] = {
    errno.EACCES: ("cannot be written by you (permission denied)", "make it writable, or build into another folder"),
    errno.EPERM: ("cannot be written by you (operation not permitted)", "build into another folder"),
    errno.EROFS: ("is on a read-only disk", "build into a folder on another disk"),
    errno.ENOSPC: ("is on a full disk (no space left)", "free some space, or build onto another disk"),
    errno.EDQUOT: ("is over your disk quota", "free some of your quota, or build onto another disk"),
    errno.ENAMETOOLONG: ("makes a path longer than the system allows", "give a shorter folder path"),
}


def _not_writable(target: Path, exc: OSError) -> OutputNotWritable:
    where = Path(exc.filename) if exc.filename else target.parent
    # What failed is often a file govgraph was making beside or inside the target: name the folder the user knows.
    if where.name.startswith((_NEW, _OLD, _LOCK)):
        where = target.parent
    elif any(part.startswith(_NEW) for part in where.parts):
        where = target
    reason, hint = _WHY.get(exc.errno or 0, (f"cannot be written ({exc.strerror or exc})", ""))
    return OutputNotWritable(path=str(target), folder=str(where), reason=reason, hint=hint)


def _same_mode_as(path: Path, old: Path | None) -> None:
    """Give `path` the permissions of the file or folder it replaces (made anew, it has the umask's)."""
    if old is None:
        return
    with contextlib.suppress(OSError):
        mode = stat.S_IMODE(old.lstat().st_mode)
        if stat.S_IMODE(path.lstat().st_mode) != mode:
            path.chmod(mode)


@contextlib.contextmanager
def staging(target: Path) -> Iterator[Path]:
    """A new empty folder beside `target` to build into; removed on the way out unless it was swapped in.

    Made with the permissions the umask gives (the output is for a docs site to read), or those of the folder it
    will replace.
    """
    while True:
        folder = target.parent / f"{_NEW}{_tag(target)}-{secrets.token_hex(4)}"
        try:
            folder.mkdir(0o777)
            break
        except FileExistsError:
            continue
    _same_mode_as(folder, target if target.is_dir() else None)
    try:
        yield folder
    finally:
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)


def _folders(root: Path, relative: str, previous: Path | None) -> Path:
    """Make the folders of `relative` under `root`, with the permissions of those they replace."""
    path = root / relative
    missing = [parent for parent in reversed(path.relative_to(root).parents) if str(parent) != "."]
    for parent in missing:
        made = root / parent
        if not made.is_dir():
            made.mkdir(0o777, exist_ok=True)
            _same_mode_as(made, previous / parent if previous is not None else None)
    return path


def write_file(root: Path, relative: str, data: bytes, previous: Path | None = None) -> None:
    """Write one file of a staged build (folders made as needed), with the umask's permissions, or those of the
    file it replaces in the folder `previous`."""
    path = _folders(root, relative, previous)
    path.write_bytes(data)
    _same_mode_as(path, previous / relative if previous is not None and (previous / relative).exists() else None)


def keep_file(root: Path, relative: str, old: Path, previous: Path | None = None) -> None:
    """Carry an unchanged file over from the previous build: a hard link where possible, so its time (and the
    docs tool's idea of what changed) stays as it was; else a copy that keeps the time."""
    path = _folders(root, relative, previous)
    try:
        os.link(old, path)
    except OSError:
        shutil.copy2(old, path)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two folders (Linux `renameat2`); False where the system cannot."""
    # Imported here: ctypes is a fifth of the imports of a build that has nothing to write.
    import ctypes
    import ctypes.util

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
    aside = target.parent / f"{_OLD}{_tag(target)}-{os.getpid()}"
    target.rename(aside)
    staged.rename(target)
    shutil.rmtree(aside, ignore_errors=True)
