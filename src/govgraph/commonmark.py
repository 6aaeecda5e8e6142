"""Escaping model text for CommonMark, shared by every Markdown govgraph writes (documentation pages, change logs,
timelines), so that no name can become markup.

Every ASCII punctuation character may be backslash-escaped in CommonMark, so escaping the ones that start markup
is always safe; `&` becomes `&amp;` so an entity name cannot be decoded, and line breaks become spaces since
every place model text appears (a table cell, a list item, a heading) is one line.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
#: Characters that start inline markup anywhere in a line (emphasis, code, links, HTML, tables, strikethrough).
_INLINE = re.compile(r"([\\`*_\[\]<>|~!{}#$])")
#: What starts a block when it opens a line: a heading, quote, list item, thematic break, setext underline.
_LINE_START = re.compile(r"^(\s*)([-+=>#]|\d+[.)])")


def escape(text: str) -> str:
    """`text` as CommonMark that shows exactly `text`, on one line (runs of white space become one space)."""
    value = _SPACE.sub(" ", text).replace("&", "&amp;")
    value = _INLINE.sub(r"\\\1", value)
    return _LINE_START.sub(lambda m: m.group(1) + "".join(c if c.isdigit() else "\\" + c for c in m.group(2)), value)
