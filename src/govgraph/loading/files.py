"""Opening the files a user names: a model file, or another tool's data given to an importer.

Every such read goes through `read_limited`, for two reasons:
- at most the size limit plus one byte is ever read, whatever the file system says the size is: a pipe
  (`yes | govgraph check /dev/stdin`), a device (`/dev/zero`) or a file in `/proc` reports a size of 0, and
  reading it "to the end" would fill the memory;
- every reason a file cannot be opened (missing, a folder, not readable, a name longer than the file system
  allows, a loop of links) becomes an error naming the file and what to do, never a traceback.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from govgraph.errors import InvalidOption, ModelError, ModelFileNotFound
from govgraph.findings import Finding, Location, Severity

#: The longest name one part of a path may have on the file systems govgraph runs on (ext4, APFS, NTFS: 255).
NAME_MAX = 255
DEFAULT_MAX_BYTES = 100 * 1024 * 1024
#: How deeply a file read may nest (YAML or JSON): a governance model needs a handful of levels.
MAX_DEPTH = 50
MAX_BYTES_ENV = "GOVGRAPH_MAX_BYTES"
#: The UTF-8 byte-order mark, which a file may start with.
BOM = b"\xef\xbb\xbf"


def max_bytes_from_env() -> int:
    """The size limit: `GOVGRAPH_MAX_BYTES` when set, else 100 MB.

    Raises:
        InvalidOption: the variable is set to something other than a whole number of bytes.
    """
    raw = os.environ.get(MAX_BYTES_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    if raw.isascii() and raw.isdigit():
        return int(raw)
    raise InvalidOption(option=MAX_BYTES_ENV, value=raw, reason="give a whole number of bytes, e.g. 200000000")


def decode(data: bytes, file: str) -> str:
    """Decode UTF-8 (a leading byte-order mark is allowed), or fail at the first bad byte's line and column.

    Raises:
        ModelError: GG107, the file is not UTF-8.
    """
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        raise ModelError(
            findings=[
                Finding(
                    "GG107",
                    Severity.ERROR,
                    f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read)",
                    Location(file, line, column),
                    "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)",
                )
            ]
        ) from None


def check_size(size: int, file: str, max_bytes: int | None = None, *, at_least: bool = False) -> None:
    """Refuse a file of `size` bytes over the limit (`max_bytes`, else `GOVGRAPH_MAX_BYTES`, else 100 MB).

    Args:
        size: the file's size, or with `at_least`, how much of it was read before stopping.

    Raises:
        ModelError: GG110.
    """
    limit = max_bytes_from_env() if max_bytes is None else max_bytes
    if size > limit:
        message = (
            f"the file is longer than the limit of {limit:,} bytes (reading stopped there)"
            if at_least
            else f"the file is {size:,} bytes, over the limit of {limit:,}"
        )
        raise ModelError(
            findings=[
                Finding(
                    "GG110",
                    Severity.ERROR,
                    message,
                    Location(file, 1, 1),
                    f"split the model, or raise the limit with {MAX_BYTES_ENV}=<bytes>",
                )
            ]
        )


def exists(path: str | Path) -> bool:
    """Whether something is at `path`, never raising.

    False only when nothing is there (or no file can have the name, as one holding a NUL character); a name the
    system cannot look up (too long, a loop of links, a folder that cannot be searched) counts as existing, so
    that opening it with `read_limited` says why it cannot be read.
    """
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError, ValueError):
        return False
    except OSError:
        return True
    return True


def is_file(path: str | Path) -> bool:
    """Whether `path` names a file (or a link to one); False, never an error, when it cannot be looked up."""
    try:
        return Path(path).is_file()
    except (OSError, ValueError):
        return False


def files_under(folder: str | Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The files under `folder` (at any depth) whose names end in one of `suffixes`, sorted.

    Raises:
        ModelFileNotFound: the folder cannot be searched (the message says why).
    """
    try:
        return sorted(p for p in Path(folder).rglob("*") if p.suffix in suffixes and p.is_file())
    except OSError as exc:
        raise ModelFileNotFound(path=str(folder), reason=_why(exc, str(folder))) from None


def read_limited(path: str | Path, *, max_bytes: int | None = None, what: str = "model file") -> bytes:
    """The bytes of the file at `path`, refusing more than `max_bytes`.

    Args:
        path: the file, as the user named it (the name is used in messages as given).
        max_bytes: refuse anything larger (default: `GOVGRAPH_MAX_BYTES` or 100 MB). A regular file larger than
            this is refused before it is read; anything else is read up to one byte over the limit.
        what: what the file should be, for messages (`model file`, `CSV file`).

    Raises:
        ModelFileNotFound: the file cannot be opened (missing, a folder, not readable, a name that is too long);
            the message says which and what to do.
        ModelError: GG110, the file is larger than the limit.
    """
    limit = max_bytes_from_env() if max_bytes is None else max_bytes
    name = str(path)
    try:
        with open(path, "rb") as handle:
            # A regular file's size is known: refuse it before reading a byte. Anything else (a pipe, a device)
            # reports a size that means nothing, and is read up to the first byte over the limit.
            check_size(os.fstat(handle.fileno()).st_size, name, limit)
            data = handle.read(limit + 1)
    except IsADirectoryError:
        inside = "the YAML file" if what == "model file" else f"the {what}"
        raise ModelFileNotFound(
            path=name, reason=f"is a folder, not a {what}", hint=f"give {inside} inside it"
        ) from None
    except (FileNotFoundError, NotADirectoryError):
        raise ModelFileNotFound(path=name, reason=f"no such {what}") from None
    except PermissionError:
        raise ModelFileNotFound(path=name, reason="cannot be read (permission denied)") from None
    except ValueError:  # a NUL character in the name
        raise ModelFileNotFound(
            path=name.replace("\0", "\\0"), reason="no file can have this name (it holds a NUL character)"
        ) from None
    except OSError as exc:
        raise ModelFileNotFound(path=name, reason=_why(exc, name)) from None
    check_size(len(data), name, limit, at_least=True)
    return data


def _why(exc: OSError, name: str) -> str:
    """What an operating system error on opening `name` means, for a person."""
    if exc.errno == errno.ENAMETOOLONG:
        longest = max((len(part.encode("utf-8", "surrogateescape")) for part in Path(name).parts), default=0)
        if longest > NAME_MAX:
            return (
                f"cannot be opened: a part of its name is {longest} bytes long, and file systems allow "
                f"at most {NAME_MAX}; check the name, or rename the file"
            )
        return "cannot be opened: the path is longer than the system allows; give a shorter one"
    if exc.errno == errno.ELOOP:
        return "cannot be opened: it is a link that leads back to itself"
    return f"cannot be opened ({exc.strerror or exc})"
