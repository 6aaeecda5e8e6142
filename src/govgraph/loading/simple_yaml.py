"""The common case of a model file's YAML written directly: mappings and lists of short, plain text, numbers and
yes/no, laid out exactly as PyYAML lays them out (`govgraph.loading.writer`'s settings: block mappings indented by
two, lists under a key not indented, short leaf mappings and lists in flow form).

Writing the 10,000-body model with terms of reference took 5.1 processor seconds through PyYAML (its C emitter
calls back into Python twice for each of 435,000 values) and takes 1.5 this way (the two alternately, in one
process, on a busy machine): PyYAML's was the largest part of importing that model's workbook. Looking a text's
written form up in one dictionary for its place and type (not one keyed by both), and measuring a part's lines
once they are all made, then took 0.65 s instead of 0.71 (best of ten, alternately, on a quieter machine).
It writes a part of the file only when nothing in it needs a decision it does not make the way PyYAML does:
every text plain (no quotes) in any place, one line each, every line within the width (so nothing wraps), no
value of another type. Any other part (a description with a colon, a line longer than the width) is left to
PyYAML by raising `NotSimple`; the tests hold the two to the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

#: Text written plain in a block and in a flow collection alike, on one line: it starts with a letter, a digit,
#: `(` or `_`, and holds no character YAML gives a meaning (`:`, `#`, `,`, brackets, quotes but `'` inside) nor
#: one whose handling by PyYAML's emitter this does not copy (other than common letters and punctuation).
_FLOW = r"[A-Za-z0-9(_\u00c0-\u024f\u00a3\u2013\u2014\u2018\u2019\u201c\u201d]"
_INSIDE = r"[A-Za-z0-9 _.()/&+'\-\u00c0-\u024f\u00a3\u2013\u2014\u2018\u2019\u201c\u201d]"
_LAST = r"[A-Za-z0-9_.()/&+'\-\u00c0-\u024f\u00a3\u2013\u2014\u2018\u2019\u201c\u201d]"
_IN_FLOW = re.compile(rf"{_FLOW}(?:{_INSIDE}*{_LAST})?")
#: In a block a comma is plain text too (not at the end).
_IN_BLOCK = re.compile(rf"{_FLOW}(?:(?:{_INSIDE}|,)*{_LAST})?")
#: Text PyYAML may put in single quotes, on one line: printable, no space at either end.
_UNICODE = "\u00c0-\u024f\u00a3\u2013\u2014\u2018\u2019\u201c\u201d"
_QUOTABLE = re.compile(rf"[!-~{_UNICODE}](?:[ -~{_UNICODE}]*[!-~{_UNICODE}])?")
#: Text that PyYAML cannot write plain, in a flow collection and in a block: a character YAML gives a meaning.
_NOT_PLAIN_IN_FLOW = re.compile(r"[,\[\]{}?:]| #|^[#&*!|>'\"%@`]|^-( |$)")
_NOT_PLAIN_IN_BLOCK = re.compile(r":( |$)| #|^[#,\[\]{}&*!|>'\"%@`]|^[?:-]( |$)")
#: PyYAML writes a key of this many characters or more as a complex key (`? key`).
_KEY_LIMIT = 128


class PlainText(str):
    """Text written without quotes where YAML allows it: dates (`2024-03`), ids, version numbers.

    govgraph's reader takes every value as text, so `as_of: 2025-07` needs no quotes; other tools would
    otherwise see the quotes PyYAML adds to anything that looks like a date or a number.
    """

    __slots__ = ()


_SAFE_PLAIN = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$|^[a-z0-9][a-z0-9.-]*$")


def plain(text: str) -> str:
    """`text` marked to be written unquoted when it is a date or an id-like word (else returned as it is)."""
    return PlainText(text) if _SAFE_PLAIN.match(text) and text not in ("null", "true", "false", "yes", "no") else text


class NotSimple(Exception):
    """A part of the document that PyYAML writes (see the module docstring)."""


class Simple:
    """Writes the lines of simple parts of one document.

    `is_text`: whether PyYAML reads plain text as text (not a number, a date, yes/no, null); `plain_type`: the
    type of text written plain as it is (`PlainText`); `fits`: whether a mapping or list of scalars is short
    enough for flow form (as `writer` decides it).
    """

    def __init__(
        self, width: int, is_text: Callable[[str], bool], plain_type: type, fits: Callable[[Any], bool]
    ) -> None:
        self.width = width
        self.is_text = is_text
        self.plain_type = plain_type
        self.fits = fits
        # What each text is written as, by place (in a flow collection or not) and type: a model repeats words.
        self._block_text: dict[str, str] = {}
        self._block_plain: dict[str, str] = {}
        self._flow_text: dict[str, str] = {}
        self._flow_plain: dict[str, str] = {}

    def entry(self, key: Any, value: Any, indent: int) -> str:
        """The lines of `key: value` in a block mapping at `indent`, ending with a line break.

        Raises:
            NotSimple: see the module docstring.
        """
        lines: list[str] = []
        self._pair(" " * indent, key, value, indent, lines)
        # Measured once for all the lines rather than line by line as they are made (a call fewer for each).
        if max(map(len, lines)) > self.width:
            raise NotSimple  # PyYAML would wrap it
        return "\n".join(lines) + "\n"

    def _scalar(self, value: Any, flow: bool) -> str:
        kind = type(value)
        if kind is str:
            written = self._flow_text if flow else self._block_text
        elif kind is self.plain_type:
            written = self._flow_plain if flow else self._block_plain
        elif kind is bool:
            return "true" if value else "false"
        elif kind is int:
            return str(value)
        elif value is None:
            return "null"
        else:
            raise NotSimple
        found = written.get(value)
        if found is None:
            found = written[value] = self._text(str(value), flow, kind is not str)
        return found

    def _text(self, text: str, flow: bool, plain: bool) -> str:
        """`text` as PyYAML writes it here (`plain`: of the plain type).

        Raises:
            NotSimple: PyYAML decides it otherwise than this knows.
        """
        if (_IN_FLOW if flow else _IN_BLOCK).fullmatch(text) is not None and (plain or self.is_text(text)):
            return text
        if (
            not plain
            and _QUOTABLE.fullmatch(text) is not None
            and (not self.is_text(text) or (_NOT_PLAIN_IN_FLOW if flow else _NOT_PLAIN_IN_BLOCK).search(text))
        ):
            # PyYAML quotes it (it would be read as something else, or it holds a character YAML gives a
            # meaning), in single quotes as the first quotes it tries.
            return "'" + text.replace("'", "''") + "'"
        raise NotSimple

    def _key(self, key: Any, flow: bool) -> str:
        text = self._scalar(key, flow)
        if len(text) >= _KEY_LIMIT:
            raise NotSimple
        return text

    def _flow(self, value: Any) -> str:
        key, scalar = self._key, self._scalar
        if type(value) is dict:
            return "{" + ", ".join([f"{key(k, True)}: {scalar(v, True)}" for k, v in value.items()]) + "}"
        return "[" + ", ".join([scalar(item, True) for item in value]) + "]"

    def _pair(self, prefix: str, key: Any, value: Any, indent: int, lines: list[str]) -> None:
        """`key: value` of a block mapping at `indent`, its first line starting with `prefix`."""
        head = prefix + self._key(key, False) + ":"
        kind = type(value)
        if kind is dict or kind is list:
            if self.fits(value):
                lines.append(f"{head} {self._flow(value)}")
            elif kind is dict:
                lines.append(head)
                self._mapping(value, indent + 2, lines)
            else:
                lines.append(head)
                self._sequence(value, indent, lines)  # under a key, a list is not indented
            return
        lines.append(f"{head} {self._scalar(value, False)}")

    def _mapping(self, value: dict[Any, Any], indent: int, lines: list[str], prefix: str | None = None) -> None:
        for key, item in value.items():
            self._pair(prefix if prefix is not None else " " * indent, key, item, indent, lines)
            prefix = None

    def _sequence(self, value: list[Any], indent: int, lines: list[str]) -> None:
        dash = " " * indent + "- "
        for item in value:
            kind = type(item)
            if kind is dict or kind is list:
                if self.fits(item):
                    lines.append(dash + self._flow(item))
                elif kind is dict:
                    self._mapping(item, indent + 2, lines, prefix=dash)
                else:
                    raise NotSimple  # a list in a list
            else:
                lines.append(dash + self._scalar(item, False))
