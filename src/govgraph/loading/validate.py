"""Schema validation of a located tree, with pydantic's errors turned into located findings."""

from __future__ import annotations

import copy
import types
import typing
from typing import Any

from pydantic import ValidationError
from pydantic.fields import FieldInfo

from govgraph.errors import ModelError
from govgraph.findings import Finding
from govgraph.loading.reader import Document
from govgraph.loading.schema import (
    HINT,
    ModelFields,
    describe_value,
    did_you_mean,
    model_spec,
    not_a_choice,
    not_an_id,
    spec_adapter,
)
from govgraph.rules import finding
from govgraph.vocabulary import kind_names, section, status_names

_TYPE_NAMES = {
    "dict_type": "a mapping (`key: value` lines)",
    "model_type": "a mapping (`key: value` lines)",
    "model_attributes_type": "a mapping (`key: value` lines)",
    "dataclass_type": "a mapping (`key: value` lines)",
    "dataclass_args_type": "a mapping (`key: value` lines)",
    "list_type": "a list (`- item` lines or `[a, b]`)",
    "string_type": "text",
}


def validate(document: Document) -> ModelFields:
    """Validate a located tree against the file format.

    Raises:
        ModelError: every schema problem of the file at once (GG111-GG119), sorted by position.
    """
    try:
        return spec_adapter().validate_python(document.root)
    except ValidationError as exc:
        findings = [_finding(document, error) for error in exc.errors(include_url=False)]
        raise ModelError(findings=findings) from None


#: Sections whose entries are mappings keyed by id: an entry that breaks the format is left out whole.
_ENTRY_SECTIONS = ("sources", "organisations", "groups", "roles", "bodies", "views")
#: How many times `without_errors` leaves out what breaks the format and tries again (a missing key is only found
#: once the key that was wrong is gone: a few rounds at most).
_ROUNDS = 6


def without_errors(document: Document) -> ModelFields | None:
    """The file as a valid model with every part that breaks the format left out, or None if nothing sensible is
    left (no `bodies`).

    For reporting a file's reference errors with its schema errors, in one run: a misspelt key and an unknown id
    are found together. An entry (a body, a role...) with a wrong or missing required key is left out whole; any
    other wrong key of an entry, or of the file, is left out alone; a missing `govgraph` or `title` is filled in.
    """
    tree = copy.deepcopy(document.root)
    for _ in range(_ROUNDS):
        try:
            return spec_adapter().validate_python(tree)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            changed = [_leave_out(tree, tuple(e["loc"]), e["type"]) for e in errors]
            if not any(changed):
                return None
    return None


def _leave_out(tree: dict[str, Any], loc: tuple[Any, ...], kind: str) -> bool:
    """Leave out of `tree` the part an error at `loc` is about; whether anything changed."""
    if not loc:
        return False
    top = loc[0]
    if top in ("govgraph", "title"):
        placeholder = "1" if top == "govgraph" else "untitled"
        changed = tree.get(top) != placeholder
        tree[top] = placeholder
        return changed
    if top == "bodies" and len(loc) == 1:
        return False  # no bodies: nothing to check references of
    section = tree.get(top)
    if top in _ENTRY_SECTIONS and len(loc) >= 2 and isinstance(section, dict) and loc[1] in section:
        entry = section[loc[1]]
        if len(loc) == 2 or kind in ("missing", "missing_keyword_only_argument") or not isinstance(entry, dict):
            del section[loc[1]]
            return True
        if loc[2] == "[key]" or loc[2] not in entry:
            del section[loc[1]]
            return True
        del entry[loc[2]]
        return True
    if top == "checks" and len(loc) >= 2 and isinstance(section, dict) and loc[1] in section:
        del section[loc[1]]
        return True
    if top in tree:
        del tree[top]
        return True
    return False


def _finding(document: Document, error: Any) -> Finding:
    loc: tuple[Any, ...] = tuple(error["loc"])
    kind: str = error["type"]
    message: str = error["msg"]
    if kind.startswith("GG"):
        hint = (error.get("ctx") or {}).get(HINT)
        return finding(kind, message, document.location(loc), hint)
    if kind == "literal_error":
        # A body's kind or status (see `schema.Kind`): worded as the other choices are.
        field = next((step for step in reversed(loc) if isinstance(step, str)), "")
        what, choices = ("status", status_names()) if field == "status" else ("kind", kind_names())
        found = error["input"]
        if not isinstance(found, str):
            return finding("GG112", f"expected text, found {describe_value(found)}", document.location(loc))
        return finding("GG114", not_a_choice(what, choices, found), document.location(loc))
    if kind in ("less_than_equal", "greater_than_equal", "int_parsing", "int_type") and "months" in loc:
        # A month of `meets` or `reports` (see `schema.Month`), read by pydantic-core.
        found = error["input"]
        return finding(
            "GG116" if kind != "int_parsing" and kind != "int_type" else "GG112",
            f"there is no month {found}: write the months as 1 to 12"
            if kind in ("less_than_equal", "greater_than_equal")
            else f"a month is a number from 1 to 12, not {describe_value(found)}",
            document.location(loc),
        )
    if kind == "string_pattern_mismatch":
        # An id (see `schema.Id`), written as a mapping key.
        return finding("GG115", not_an_id(error["input"]), document.location(loc))
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        key = str(loc[-1])
        allowed = sorted(_fields_at(loc[:-1]))
        return finding(
            "GG111",
            f"unknown key {key!r}" + did_you_mean(key, allowed),
            document.location(loc, key=True),
        )
    if kind in ("missing", "missing_keyword_only_argument"):
        parent = loc[:-1]
        where = _describe_path(parent)
        return finding(
            "GG113",
            f"{where} has no `{loc[-1]}`, which is required",
            document.location(parent, key=True),
        )
    expected = _TYPE_NAMES.get(kind)
    if expected is not None:
        found = _value_at(document, loc)
        return finding(
            "GG112",
            f"`{loc[-1]}` must be {expected}, not {describe_value(found)}" if loc else f"expected {expected}",
            document.location(loc),
        )
    return finding("GG112", message, document.location(loc))


def _describe_path(path: tuple[Any, ...]) -> str:
    if not path:
        return "the file"
    if len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], str):
        try:
            what = section(path[0]).kind
        except KeyError:
            what = path[0]
        rest = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[2:])
        return f"{what} {path[1]!r}" + (f" ({rest.lstrip('.')})" if rest else "")
    return "`" + ".".join(str(p) for p in path) + "`"


def _value_at(document: Document, loc: tuple[Any, ...]) -> Any:
    node: Any = document.root
    for step in loc:
        if (isinstance(node, dict) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and step < len(node)
        ):
            node = node[step]
        else:
            return None
    return node


def _fields_at(path: tuple[Any, ...]) -> set[str]:
    """The keys allowed in the mapping at `path` (aliases, as written in the file)."""
    annotation: Any = model_spec()
    for step in path:
        annotation = _step(annotation, step)
        if annotation is None:
            return set()
    fields = _fields_of(annotation)
    return {f.alias or name for name, f in fields.items()}


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _fields_of(annotation: Any) -> dict[str, FieldInfo]:
    """The fields of a section of the format (see `schema.section`); empty for anything else."""
    fields: dict[str, FieldInfo] = getattr(_unwrap(annotation), "__pydantic_fields__", {})
    return fields


def _step(annotation: Any, step: Any) -> Any:
    annotation = _unwrap(annotation)
    fields = _fields_of(annotation)
    if fields:
        for name, field in fields.items():
            if step in (name, field.alias):
                return field.annotation if not field.metadata else typing.Annotated[field.annotation, *field.metadata]
        return None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is list and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None
