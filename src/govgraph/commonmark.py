"""Escaping model text for Markdown, shared by every Markdown govgraph writes (documentation pages, change logs,
timelines), so that no name can become markup.

The pages are read by CommonMark readers (GitHub, GitLab, MyST) and by Python-Markdown (MkDocs), which agree on
less than it seems. A backslash escapes any ASCII punctuation in CommonMark, but only ``\\`*_{}[]()>#+-.!`` in
Python-Markdown (and `|` with its tables extension): there, `\\<`, `\\$` or `\\~` show the backslash. So those
characters are escaped with a backslash, and the others that could start markup in either reader become
character references, which both decode to the character itself: `<` (HTML), `$` (the maths of MyST and
pymdownx.arithmatex), `~` (GFM's and pymdownx's strikethrough, subscript), `|` (a table cell's end), `=` at the
start of a line (a setext underline), and `&` (so an entity name cannot be decoded). Line breaks become spaces,
since every place model text appears (a table cell, a list item, a heading) is one line.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
#: Characters that start inline markup and that both readers let a backslash escape.
_INLINE = re.compile(r"([\\`*_\[\]>!{}#])")
#: Characters that start markup in one reader or the other, and that not both let a backslash escape.
_REFERENCES = {"&": "&amp;", "<": "&lt;", "$": "&#36;", "~": "&#126;", "|": "&#124;"}
_REFERENCE = re.compile("[&<$~|]")
#: What starts a block when it opens a line: a heading, quote, list item, thematic break, setext underline.
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def _line_start(match: re.Match[str]) -> str:
    mark = match.group(2)
    if mark == "=":
        return match.group(1) + "&#61;"
    # `-`, `+`, `.` and `)` both readers let a backslash escape (`>` and `#` were escaped with the inline marks).
    return match.group(1) + "".join(c if c.isdigit() else "\\" + c for c in mark)


def escape(text: str) -> str:
    """`text` as Markdown that shows exactly `text` in CommonMark and in Python-Markdown, on one line (runs of
    white space become one space)."""
    value = _INLINE.sub(r"\\\1", _SPACE.sub(" ", text))
    value = _REFERENCE.sub(lambda m: _REFERENCES[m[0]], value)
    return _LINE_START.sub(_line_start, value)
