"""What every converter of a real governance file shares: ids made from names, and writing the model file.

The converters run offline from the copied source file and write a govgraph model beside it; running one again
on the same source gives the same bytes, so `git diff` shows whether a converter or a source changed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

_NOT_ID = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """An id made from `text`: lower-case letters and digits, runs of anything else as one hyphen.

    Raises:
        ValueError: `text` has no letter or digit to make an id from.
    """
    made = _NOT_ID.sub("-", text.lower()).strip("-")
    if not made:
        raise ValueError(f"cannot make an id from {text!r}")
    return made


def mapping(value: object, where: str) -> dict[str, Any]:
    """`value` as a mapping with text keys.

    Raises:
        TypeError: it is not one (the source's shape is not what the converter was written for).
    """
    if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
        raise TypeError(f"{where}: expected a mapping, found {type(value).__name__}")
    return value


def sequence(value: object, where: str) -> list[Any]:
    """`value` as a list; a missing value (None) is an empty one.

    Raises:
        TypeError: it is something else.
    """
    if value is None:
        return []
    if not isinstance(value, list):
        raise TypeError(f"{where}: expected a list, found {type(value).__name__}")
    return value


def text(value: object, where: str) -> str:
    """`value` as non-empty text.

    Raises:
        TypeError: it is not text, or is empty.
    """
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f"{where}: expected text, found {value!r}")
    return value.strip()


def read_source(path: Path) -> dict[str, Any]:
    """The source file's top-level mapping (YAML's safe loader: the source is data, never code)."""
    with path.open(encoding="utf-8") as handle:
        return mapping(yaml.safe_load(handle), str(path))


def write_model(path: Path, header: str, model: dict[str, Any]) -> None:
    """Write `model` as a govgraph YAML file, `header` (one comment line per line of it) first.

    Keys keep the order the converter built them in (govgraph's own order: the format version first); the
    converter sorts whatever it collects, so the same source always gives the same bytes.
    """
    comment = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    body = yaml.safe_dump(model, sort_keys=False, allow_unicode=True, width=118, default_flow_style=False)
    path.write_text(comment + body, encoding="utf-8")
