"""Hardened YAML reading: bytes in, a tree of text with locations out.

The reader walks libyaml's event stream itself rather than calling `yaml.load`, for three reasons:
- every mapping key, value and list item keeps its line and column, for error messages and findings;
- plain scalars stay strings exactly as written (no YAML 1.1 typing: `NO`, `on`, `010`, `1:20` and `1.10`
  are text; dates are parsed later by the schema); an empty value is the only thing read as "nothing" (None);
- what a hand-written governance file never needs is refused before it can do harm: anchors and aliases
  (billion-laughs), explicit tags (`!!python/object`), several documents, and nesting deeper than
  `MAX_DEPTH` (libyaml's own composer overflows the C stack on very deep input and kills the process;
  walking events and stopping at the limit never gets there).

It is also faster than `yaml.load` with the C loader, because it builds plain dicts and lists without
PyYAML's resolver and constructor layers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import yaml

from govgraph.errors import ModelError
from govgraph.findings import Finding, Location, Severity
from govgraph.loading.files import BOM, MAX_DEPTH, check_size, decode

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Mark = tuple[int, int]
#: What a YAML node is read as: text, a mapping, a list, or nothing (an empty plain value).
Node = dict[str, Any] | list[Any] | str | None


class _Skip(str):
    """The key a refused key (complex, duplicate, alias, missing) is filed under: its value is read and dropped.

    A type of its own, so that no key written in the file (`""`, `"\\0..."`) can be taken for one.
    """

    __slots__ = ()


#: The positions of one mapping or list read from YAML, kept beside the plain data (a dict subclass carrying them
#: would cost pydantic a fifth more to validate, and a table by container twice as much to make and free):
#: - a mapping's: a dict from each key to (key line, key column, value line, value column), with a fifth entry, the
#:   value's own positions, when the value is a mapping or list; and from None to where the mapping starts;
#: - a list's: a list whose first entry is where it starts, then (line, column) of each item, with a third entry
#:   for an item that is a mapping or list.
Place = dict[Any, Any] | list[Any]


def start(place: Place | None) -> Mark:
    """Where the mapping or list of `place` starts; (1, 1) without one."""
    if type(place) is dict:
        m = place[None]
        return (m[0], m[1])
    if type(place) is list:
        m = place[0]
        return (m[0], m[1])
    return (1, 1)


def key_mark(place: Place | None, key: str) -> Mark:
    """Where `key` of the mapping is written (where the mapping starts, if it has no such key)."""
    m = place.get(key) if type(place) is dict and key is not None else None
    return (m[0], m[1]) if m is not None else start(place)


def value_mark(place: Place | None, key: str) -> Mark:
    """Where the value of `key` in the mapping starts (where the mapping starts, if it has no such key)."""
    m = place.get(key) if type(place) is dict and key is not None else None
    return (m[2], m[3]) if m is not None else start(place)


def item_marks(place: Place | None) -> list[Any]:
    """Each item's (line, column[, positions]) in the list (empty for anything else)."""
    return place[1:] if type(place) is list else []


def child(place: Place | None, step: str | int) -> Place | None:
    """The positions of the mapping or list at key or index `step`; None if that is not a mapping or list."""
    if type(place) is dict:
        m = place.get(step) if step is not None else None
        return m[4] if m is not None and len(m) == 5 else None
    if type(place) is list and type(step) is int and 0 <= step < len(place) - 1:
        m = place[step + 1]
        return m[2] if len(m) == 3 else None
    return None


def keys(place: Place | None) -> dict[str, Any]:
    """Each key's marks in the mapping (see `Place`), without its start."""
    if type(place) is not dict:
        return {}
    return {k: m for k, m in place.items() if k is not None}


@dataclass(frozen=True)
class Document:
    """A model file read into a tree of plain data, with the positions of every mapping and list beside it."""

    file: str
    root: dict[str, Any]
    place: Place

    def location(self, path: tuple[Any, ...], *, key: bool = False) -> Location:
        """The location of the value at `path` (of its key, with `key=True`), or of the nearest ancestor.

        A path step `"[key]"` (pydantic's marker for a mapping key) points at the key before it.
        """
        node: Any = self.root
        place: Place | None = self.place
        mark: Mark = start(place)
        steps = list(path)
        for i, step in enumerate(steps):
            last = i == len(steps) - 1
            if step == "[key]":
                continue
            want_key = (last and key) or (i + 1 < len(steps) and steps[i + 1] == "[key]")
            if type(node) is dict and isinstance(step, str) and step in node:
                mark = key_mark(place, step) if want_key else value_mark(place, step)
            elif type(node) is list and isinstance(step, int) and 0 <= step < len(node):
                m = item_marks(place)[step]
                mark = (m[0], m[1])
            else:
                break
            node = node[step]
            place = child(place, step)
        return Location(self.file, mark[0], mark[1])


def _error(code: str, message: str, file: str, mark: Mark | None, hint: str | None = None) -> Finding:
    location = Location(file, mark[0], mark[1]) if mark else Location(file, 1, 1)
    return Finding(code, Severity.ERROR, message, location, hint)


def read_bytes(data: bytes, file: str, *, max_bytes: int | None = None) -> Document:
    """Read a model file's bytes into a located tree.

    Args:
        data: the file's content.
        file: the name to put in locations (as the user gave it).
        max_bytes: refuse anything larger (default: `GOVGRAPH_MAX_BYTES` or 100 MB).

    Raises:
        ModelError: with GG1xx findings for anything that is not a readable, safe, single YAML mapping.
    """
    check_size(len(data), file, max_bytes)
    text = decode(data, file)
    # Looked for in the text, not the bytes: 0.1 ms for 3 MB, where the bytes took 18 ms.
    if any(mark in text for mark in _UNUSUAL_BREAKS):
        return read_text(text, file)
    # libyaml reads the bytes themselves (given text, PyYAML would encode it back to UTF-8 first); the text is for
    # quoting the line of a syntax error.
    return _read(data[len(BOM) :] if data.startswith(BOM) else data, text, file)


def read_text(text: str, file: str) -> Document:
    """Read decoded YAML text into a located tree (see `read_bytes`)."""
    source, stand_ins = _hide_unusual_breaks(text)
    return _read(source, text, file, stand_ins)


#: The characters libyaml (YAML 1.1) takes for line breaks and editors (and YAML 1.2) do not: NEL, LS and PS.
#: libyaml would count a line more for each, so that every later error pointed a line too far down (past the end
#: of the file, near the end), and fold them to spaces in plain text.
_UNUSUAL_BREAKS = ("\x85", "\u2028", "\u2029")
#: Line breaks as editors count them (and as YAML 1.2 does).
_LINE_BREAK = re.compile("\r\n|\r|\n")


def _hide_unusual_breaks(text: str) -> tuple[str, dict[str, str]]:
    """`text` with NEL, LS and PS replaced by characters libyaml reads as text (private-use characters the text
    does not hold), and the table to put them back; `text` itself and an empty table when it has none."""
    present = [c for c in _UNUSUAL_BREAKS if c in text]
    if not present:
        return text, {}
    free = (chr(code) for code in range(0xE000, 0xF900) if chr(code) not in text)
    stand_ins = {c: next(free) for c in present}
    return text.translate({ord(c): s for c, s in stand_ins.items()}), {s: c for c, s in stand_ins.items()}


def _put_back(node: Any, place: Place | None, table: dict[int, str]) -> Any:
    """`node` (and, in step, its positions `place`) with the stand-ins of `_hide_unusual_breaks` put back, in
    keys and in text."""
    if type(node) is str:
        return node.translate(table)
    if type(node) is list:
        return [_put_back(item, child(place, i), table) for i, item in enumerate(node)]
    if type(node) is dict:
        out = {}
        for key, value in node.items():
            new_key = key.translate(table) if type(key) is str else key
            if type(place) is dict and new_key != key and key in place:
                place[new_key] = place.pop(key)
            out[new_key] = _put_back(value, child(place, new_key), table)
        return out
    return node


def _read(source: str | bytes, text: str, file: str, stand_ins: dict[str, str] | None = None) -> Document:
    composer = _Composer(file)
    try:
        root = composer.compose(source)
    except yaml.YAMLError as exc:
        raise ModelError(findings=[*composer.findings, _syntax_finding(exc, text, file)]) from None
    if stand_ins:
        table = {ord(s): c for s, c in stand_ins.items()}
        root = _put_back(root, composer.place, table)
        composer.findings = [replace(f, message=f.message.translate(table)) for f in composer.findings]
    if composer.findings:
        raise ModelError(findings=composer.findings)
    if root is None:
        raise ModelError(
            findings=[
                _error(
                    "GG108",
                    "the file is empty",
                    file,
                    None,
                    "start from the example in the README: `govgraph: 1`, a `title` and a `bodies` section",
                )
            ]
        )
    if type(root) is not dict:
        what = "a list" if type(root) is list else "a single value"
        raise ModelError(
            findings=[
                _error(
                    "GG109",
                    f"the file holds {what}; a model is a mapping of sections (`govgraph: 1`, `bodies:` ...)",
                    file,
                    composer.root_mark,
                )
            ]
        )
    return Document(file, root, composer.place)


class _Composer:
    """Builds dicts, lists, str and None from libyaml events, with their positions beside them (see `Place`),
    collecting what it refuses."""

    def __init__(self, file: str, *, several: bool = False) -> None:
        self.file = file
        self.findings: list[Finding] = []
        self.root_mark: Mark = (1, 1)
        #: With `several`, a stream of documents is read (for other tools' files): one root each, in order.
        self.several = several
        self.roots: list[Node] = []
        #: The positions of the root (of the last document read), and with `several`, of each document's root.
        self.place: Place = {None: (1, 1)}
        self.places: list[Place | None] = []

    def refuse(self, code: str, message: str, mark: Mark, hint: str | None = None) -> None:
        self.findings.append(_error(code, message, self.file, mark, hint))

    def compose(self, source: str | bytes) -> Node:
        """Build the tree for `source` (text, or UTF-8 without a byte-order mark); None for an empty stream.
        Refusals are collected in `findings`.

        This loop runs once per YAML event (about 45 per body), so it keeps its state in locals and
        handles the common cases (a scalar in a mapping or a list) first.
        """
        loader = _Loader(source)
        get_event = loader.get_event
        scalar_event = yaml.ScalarEvent
        mapping_start = yaml.MappingStartEvent
        sequence_start = yaml.SequenceStartEvent
        mapping_end = yaml.MappingEndEvent
        sequence_end = yaml.SequenceEndEvent
        alias_event = yaml.AliasEvent
        document_start = yaml.DocumentStartEvent
        stream_end = yaml.StreamEndEvent

        root: Node = None
        documents = 0
        # The open containers; for each, its marks (of keys or items), the pending key and its mark (None while a
        # key is awaited).
        stack: list[tuple[Any, Any, str | None, int, int]] = []
        cur: Any = None
        marks: Any = None
        is_map = False
        key: str | None = None
        key_line = key_col = 0
        try:
            while True:
                event = get_event()
                cls = type(event)
                if cls is scalar_event:
                    mark = event.start_mark
                    line = mark.line + 1
                    col = mark.column + 1
                    if event.anchor is not None or event.tag is not None:
                        self._check_node(event, (line, col))
                    value: Any = event.value
                    # An empty plain value (`until:`) is "nothing"; an empty quoted one ("") is empty text.
                    if value == "" and not event.style:
                        value = None
                    if is_map:
                        if key is None:
                            if type(value) is str and value not in marks:
                                key, key_line, key_col = value, line, col
                            else:
                                key, key_line, key_col = self._key(marks, value, line, col)
                        else:
                            if type(key) is not _Skip:
                                cur[key] = value
                                marks[key] = (key_line, key_col, line, col)
                            key = None
                        continue
                    if cur is not None:
                        cur.append(value)
                        marks.append((line, col))
                        continue
                    root = value
                    self.root_mark = (line, col)
                    continue
                if cls is mapping_start or cls is sequence_start:
                    mark = event.start_mark
                    line = mark.line + 1
                    col = mark.column + 1
                    if event.anchor is not None or event.tag is not None:
                        self._check_node(event, (line, col))
                    if len(stack) >= MAX_DEPTH:
                        self.refuse(
                            "GG106",
                            f"the file nests deeper than {MAX_DEPTH} levels",
                            (line, col),
                            "a governance model needs a handful of levels; check for runaway brackets",
                        )
                        return None
                    container: dict[str, Any] | list[Any]
                    container_marks: Place
                    if cls is mapping_start:
                        container, container_marks = {}, {None: (line, col)}
                    else:
                        container, container_marks = [], [(line, col)]
                    if is_map:
                        if key is None:
                            # `key` stays None on the stack: when this container closes, its value is dropped.
                            self.refuse("GG112", "a key must be plain text, not a list or mapping", (line, col))
                        elif type(key) is not _Skip:
                            cur[key] = container
                            marks[key] = (key_line, key_col, line, col, container_marks)
                    elif cur is not None:
                        cur.append(container)
                        marks.append((line, col, container_marks))
                    stack.append((cur, marks, key, key_line, key_col))
                    cur, marks = container, container_marks
                    is_map = cls is mapping_start
                    key = None
                    continue
                if cls is mapping_end or cls is sequence_end:
                    done, done_marks = cur, marks
                    cur, marks, key, key_line, key_col = stack.pop()
                    is_map = type(cur) is dict
                    if is_map:
                        if key is None:  # the container was a (refused) key: its value comes next and is dropped
                            key_line, key_col = start(done_marks)
                            key = _Skip(f"complex-{key_line}-{key_col}")
                        else:
                            key = None  # the container was this key's value
                    if not stack and cur is None:
                        root = done
                        self.root_mark = start(done_marks)
                        self.place = done_marks
                    continue
                if cls is alias_event:
                    mark = event.start_mark
                    self._anchor((mark.line + 1, mark.column + 1))
                    if is_map:
                        if key is None:
                            key, key_line, key_col = _Skip(f"alias-{mark.line}-{mark.column}"), 0, 0
                        else:
                            key = None
                    elif cur is not None:
                        cur.append(None)
                        marks.append((mark.line + 1, mark.column + 1))
                    continue
                if cls is document_start:
                    documents += 1
                    if self.several:
                        if documents > 1:
                            self.roots.append(root)
                            self.places.append(self.place if type(root) in (dict, list) else None)
                        root = None
                        continue
                    if documents > 1:
                        mark = event.start_mark
                        self.refuse(
                            "GG105",
                            "the file holds several YAML documents; a model is one document",
                            (mark.line + 1, mark.column + 1),
                            "remove the `---` line, or split the models into separate files",
                        )
                        return None
                    continue
                if cls is stream_end:
                    if self.several and documents:
                        self.roots.append(root)
                        self.places.append(self.place if type(root) in (dict, list) else None)
                    return root
        finally:
            loader.dispose()

    def _key(self, marks: dict[Any, Any], value: Any, line: int, col: int) -> tuple[str, int, int]:
        """Check a key of the mapping whose key marks are `marks`; return the key to file the next value under (a
        throw-away one if refused)."""
        if not isinstance(value, str):
            self.refuse("GG112", "a key is missing before `:`", (line, col))
            return (_Skip(f"empty-{line}-{col}"), line, col)
        if value in marks:
            first = marks[value]
            self.refuse(
                "GG102",
                f"duplicate key {value!r} (first written at line {first[0]})",
                (line, col),
                "remove one of the two, or merge them: YAML keeps only one",
            )
            return (_Skip(f"duplicate-{line}-{col}"), line, col)
        return (value, line, col)

    def _check_node(self, event: Any, here: Mark) -> None:
        if event.anchor is not None:
            self._anchor(here)
        if event.tag is not None:
            self._tag(event.tag, here)

    def _anchor(self, here: Mark) -> None:
        self.refuse(
            "GG103",
            "anchors and aliases (`&name`, `*name`) are not supported",
            here,
            "write the value out in full; repeated values are easier to review that way",
        )

    def _tag(self, tag: str, here: Mark) -> None:
        self.refuse(
            "GG104",
            f"explicit YAML tags ({tag.replace('tag:yaml.org,2002:', '!!')}) are not supported",
            here,
            "remove the tag and write the value as plain text",
        )


def read_documents(data: bytes, file: str, *, max_bytes: int | None = None) -> list[tuple[Node, Place | None]]:
    """Read a stream of YAML documents (another tool's file, such as a Backstage catalog): the root of each, in
    order, and the positions of their containers.

    The same hardening as `read_bytes` (no anchors, aliases or tags; limited nesting), but `---` starts a new
    document instead of being refused.

    Raises:
        ModelError: GG1xx findings for anything that is not readable, safe YAML.
    """
    check_size(len(data), file, max_bytes)
    text = decode(data, file)
    composer = _Composer(file, several=True)
    source, stand_ins = _hide_unusual_breaks(text)
    try:
        composer.compose(source)
    except yaml.YAMLError as exc:
        raise ModelError(findings=[*composer.findings, _syntax_finding(exc, text, file)]) from None
    roots = composer.roots
    if stand_ins:
        table = {ord(s): c for s, c in stand_ins.items()}
        roots = [_put_back(root, place, table) for root, place in zip(roots, composer.places, strict=True)]
        composer.findings = [replace(f, message=f.message.translate(table)) for f in composer.findings]
    if composer.findings:
        raise ModelError(findings=composer.findings)
    return list(zip(roots, composer.places, strict=True))


def _syntax_finding(exc: yaml.YAMLError, text: str, file: str) -> Finding:
    if isinstance(exc, yaml.reader.ReaderError):
        problem = f"{exc.reason}: character U+{exc.character:04X}" if isinstance(exc.character, int) else exc.reason
    else:
        problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    mark = problem_mark or context_mark
    where: Mark | None = (mark.line + 1, mark.column + 1) if mark is not None else None
    if where is None and isinstance(exc, yaml.reader.ReaderError):
        where = _position_mark(text, exc.position)
    lines = _LINE_BREAK.split(text)
    line_text = lines[where[0] - 1] if where and 0 < where[0] <= len(lines) else ""
    hint: str | None = None
    message = f"YAML syntax error: {problem}"
    if context:
        message += f" ({context})"
    if "\t" in problem or ("\t" in line_text[: len(line_text) - len(line_text.lstrip())]):
        hint = "indent with spaces, not tabs (set your editor to insert spaces for YAML)"
    elif "mapping values are not allowed" in problem and where is not None:
        hint = _colon_hint(lines, where)
    elif ("did not find expected key" in problem or "expected '-' indicator" in problem) and context_mark:
        hint = _alignment_hint(lines, where, context_mark, "list" if "'-'" in problem else "mapping")
    elif context and "quoted scalar" in context and context_mark is not None:
        where = (context_mark.line + 1, context_mark.column + 1)
        message = "YAML syntax error: this quote is never closed"
        hint = "add the closing quote at the end of the value"
    elif "could not find expected ':'" in problem:
        hint = "each line of a mapping needs `key: value`; check the line above for a missing colon or quote"
    elif isinstance(exc, yaml.reader.ReaderError):
        message = f"the file contains a character that YAML does not allow ({problem})"
        where = _position_mark(text, exc.position)
        hint = "remove the control character; it is often pasted in from a word processor"
    return _error("GG101", message, file, where, hint)


_QUOTE_HINT = 'a value containing ": " must be quoted, for example  note: "Status: under review"'
#: A `key: ` (or `key:` at the end) before the colon libyaml stopped at: the colon is then inside a value.
_KEY_BEFORE = re.compile(r":(\s|$)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _colon_hint(lines: list[str], where: Mark) -> str:
    """What to do about "mapping values are not allowed here": quote a value holding `: ` (`note: Status: open`),
    or, when the colon is the first of its line, line the key up with the keys above it (`name: Board` then
    ` kind: board`, one space too many, reads as the continuation of `Board`)."""
    line = lines[where[0] - 1] if 0 < where[0] <= len(lines) else ""
    if _KEY_BEFORE.search(line[: where[1] - 1]):
        return _QUOTE_HINT
    above = next(
        (text for text in reversed(lines[: where[0] - 1]) if text.strip() and not text.lstrip().startswith("#")),
        None,
    )
    if above is None or _indent(line) <= _indent(above):
        return _QUOTE_HINT
    return (
        f"this line is indented {_indent(line)} spaces, more than the line above ({_indent(above)}), so it reads as "
        "part of that line's value: line a key up with the keys above it (or, if the line is meant to continue the "
        "value, quote the value)"
    )


def _alignment_hint(lines: list[str], where: Mark | None, start: Any, what: str) -> str | None:
    """What to do when a line is indented neither as the lines above it nor as the mapping or list around them."""
    if where is None or not 0 < where[0] <= len(lines):
        return None
    actual, expected = _indent(lines[where[0] - 1]), start.column
    if actual == expected:
        return None
    above = next(
        (text for text in reversed(lines[: where[0] - 1]) if text.strip() and not text.lstrip().startswith("#")),
        None,
    )
    things = "the keys of one mapping" if what == "mapping" else "the items of one list"
    line_above = f", the line above {_indent(above)}" if above is not None else ""
    return (
        f"this line has {actual} spaces of indentation{line_above}, the {what} around them {expected} (line "
        f"{start.line + 1}): {things} line up, each with the same number of spaces; check which line is out of line"
    )


def _position_mark(text: str, position: int) -> Mark:
    line = text.count("\n", 0, position) + 1
    return (line, position - (text.rfind("\n", 0, position) + 1) + 1)
