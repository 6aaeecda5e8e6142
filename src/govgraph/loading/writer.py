"""Writing a model file: plain data in the shape of the format, out as YAML a person will keep editing.

Importers (`govgraph.exchange`) build the document as dicts, lists and text in the order it should be read
(sections in the format's order, ids sorted, each entry's keys in a fixed order) and this module writes it:
comment lines at the top saying where it came from, leaf mappings and lists in the short flow form
(`reports_to: [clp]`, `{body: lceg, from: 2024}`), longer ones as blocks, dates and numbers unquoted, and
text quoted only where YAML would otherwise read it as something else. An optional comment may follow the
line before any section entry (`# name not disclosed (N/D)` above `post-103:`).

Output is a pure function of the document: no time, host or path is added.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from govgraph.loading.simple_yaml import NotSimple, PlainText, Simple

_Dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Writer(_Dumper):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._resolved: dict[tuple[str, tuple[bool, bool]], str] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        # The emitter asks twice for every scalar what YAML would read it as, and a model repeats its ids and
        # dates: remembered for the one document (the 10,000-body model with terms of reference asks a million
        # times). With `_nodes`, see there for the figure.
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        found = self._resolved.get(key)
        if found is None:
            found = self._resolved[key] = super().resolve(kind, value, implicit)
        return found


def _plain(dumper: Any, value: PlainText) -> Any:
    # Tagged as whatever YAML would read the bare text as, so that the emitter finds no need for quotes.
    tag = dumper.resolve(yaml.ScalarNode, str(value), (True, False))
    return dumper.represent_scalar(tag, str(value), style="")


#: A leaf mapping or list is written in flow form (`{body: lceg, from: 2024}`) only when about this short;
#: a longer one wrapped over several lines is harder to read than a block.
FLOW_WIDTH = 90


def _fits(node: Any) -> bool:
    if isinstance(node, yaml.ScalarNode):
        return True
    items = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
    return all(isinstance(n, yaml.ScalarNode) for n in items) and sum(len(n.value) + 3 for n in items) <= FLOW_WIDTH


def _mapping(dumper: Any, value: Mapping[str, Any]) -> Any:
    # Insertion order is the reading order the caller chose; PyYAML would otherwise sort the keys.
    node = dumper.represent_mapping("tag:yaml.org,2002:map", list(value.items()))
    node.flow_style = _fits(node)
    return node


def _sequence(dumper: Any, value: list[Any]) -> Any:
    node = dumper.represent_sequence("tag:yaml.org,2002:seq", value)
    node.flow_style = _fits(node)
    return node


_Writer.add_representer(PlainText, _plain)
_Writer.add_representer(dict, _mapping)
_Writer.add_representer(list, _sequence)


def dump_document(
    document: Mapping[str, Any],
    *,
    header: Sequence[str] = (),
    comments: Mapping[str, str] | None = None,
    width: int = 110,
) -> str:
    """Write a model document as YAML text.

    Args:
        document: the model as plain data (dicts in reading order, lists, text, `PlainText`, ints, booleans).
        header: comment lines for the top of the file (without `#`).
        comments: id -> a remark to write on the line above that section entry (an id is unique in a model).
        width: lines are wrapped near this many characters where YAML allows.
    """
    body = _dump(dict(document), width)
    if comments:
        body = _add_comments(body, comments)
    top = "".join(f"# {line}".rstrip() + "\n" for line in header)
    return top + body


_STR, _INT, _BOOL, _NULL = (f"tag:yaml.org,2002:{name}" for name in ("str", "int", "bool", "null"))
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _Unusual(Exception):
    """The document holds what `_nodes` leaves to PyYAML's own representer: a value of another type, or one
    mapping or list in two places (which PyYAML writes once, with an anchor)."""


def _dump(document: dict[str, Any], width: int) -> str:
    """The document's text: each part `simple_yaml` writes as PyYAML would, directly, the others by PyYAML.

    A part is a top-level key with its value, or, in a section of entries (`bodies:`), one entry."""
    if _shared(document) or _fits_value(document):
        # One mapping or list in two places is written once, with an anchor; a document of a few words is one
        # line: PyYAML's own ways.
        return _by_pyyaml(document, width)
    resolver = _Writer(io.StringIO())
    simple = Simple(
        width, lambda text: resolver.resolve(yaml.ScalarNode, text, (True, False)) == _STR, PlainText, _fits_value
    )
    parts: list[str] = []
    for key, value in document.items():
        if type(value) is dict and value and all(type(v) is dict for v in value.values()):
            try:
                parts.append(simple.entry(key, {}, 0).removesuffix(" {}\n") + "\n")
            except NotSimple:
                parts.append(_by_pyyaml({key: value}, width, part=True))
                continue
            for entry, item in value.items():
                try:
                    parts.append(simple.entry(entry, item, 2))
                except NotSimple:
                    parts.append(_by_pyyaml({key: {entry: item}}, width, part=True).split("\n", 1)[1])
            continue
        try:
            parts.append(simple.entry(key, value, 0))
        except NotSimple:
            parts.append(_by_pyyaml({key: value}, width, part=True))
    return "".join(parts)


def _shared(document: Any) -> bool:
    """Whether one mapping or list is in two places of the document."""
    seen = {id(document)}
    stack = [document]
    while stack:
        value = stack.pop()
        for item in value.values() if type(value) is dict else value:
            kind = type(item)
            if kind is dict or kind is list:
                if id(item) in seen:
                    return True
                seen.add(id(item))
                stack.append(item)
    return False


def _by_pyyaml(document: dict[str, Any], width: int, *, part: bool = False) -> str:
    """The document's text as PyYAML writes it; with `part`, as it writes these keys of a larger document (whose
    top level is a block, however short these are)."""
    out = io.StringIO()
    dumper = _Writer(out, default_flow_style=None, allow_unicode=True, width=width, sort_keys=False)
    try:
        dumper.open()
        try:
            node = _nodes(dumper, document, set())
        except _Unusual:
            node = dumper.represent_data(document)
        if part:
            node.flow_style = False
        dumper.serialize(node)
        dumper.close()
    finally:
        dumper.dispose()
    return out.getvalue()


def _scalar_text(value: Any) -> str:
    if type(value) is bool:
        return "true" if value else "false"
    return "null" if value is None else str(value)


def _fits_value(value: Any) -> bool:
    """`_fits` of the node PyYAML makes of `value` (a dict or a list).

    The answer does not depend on the order the keys and values are looked at, so a mapping's keys are taken
    before its values rather than pair by pair: 0.18 s instead of 0.25 for the 111,000 mappings and lists of the
    10,000-body model with terms of reference (best of three).
    """
    total = 0
    for item in (*value, *value.values()) if type(value) is dict else value:
        kind = type(item)
        if kind is str or kind is PlainText:
            total += len(item) + 3
        elif kind is dict or kind is list:
            return False
        else:
            total += len(_scalar_text(item)) + 3
        if total > FLOW_WIDTH:
            return False
    return True


def _nodes(dumper: Any, value: Any, seen: set[int]) -> Any:
    """The YAML nodes PyYAML's representer (with this module's representers) makes of `value`, made directly
    rather than through the representer's general machinery (a look-up of each value's type, aliases). With the
    remembered `resolve`, writing the 10,000-body model with terms of reference takes 3.2 s of processor time
    instead of 3.9 (best of three, alternating); the rest is PyYAML's emitter. The tests hold the two to the same
    bytes.

    Raises:
        _Unusual: `value` holds something this does not make (see there).
    """
    kind = type(value)
    if kind is str:
        return yaml.ScalarNode(_STR, value)
    if kind is PlainText:
        text = str(value)
        return yaml.ScalarNode(dumper.resolve(yaml.ScalarNode, text, (True, False)), text, style="")
    if kind is dict or kind is list:
        if id(value) in seen:
            raise _Unusual
        seen.add(id(value))
        if kind is dict:
            pairs = [(_nodes(dumper, k, seen), _nodes(dumper, v, seen)) for k, v in value.items()]
            node: Any = yaml.MappingNode(_MAP, pairs)
        else:
            node = yaml.SequenceNode(_SEQ, [_nodes(dumper, item, seen) for item in value])
        node.flow_style = _fits(node)
        return node
    if kind is bool:
        return yaml.ScalarNode(_BOOL, "true" if value else "false")
    if kind is int:
        return yaml.ScalarNode(_INT, str(value))
    if value is None:
        return yaml.ScalarNode(_NULL, "null")
    raise _Unusual


def _add_comments(text: str, comments: Mapping[str, str]) -> str:
    # Above the entry, not after it: an entry written in flow form may wrap, and a comment must not fall inside.
    out: list[str] = []
    entry = re.compile(r"^  ([a-z0-9][a-z0-9-]*):( |$)")
    for line in text.split("\n"):
        match = entry.match(line)
        if match and match[1] in comments:
            out.append("  # " + " ".join(comments[match[1]].split()))
        out.append(line)
    return "\n".join(out)
