"""Markdown for documentation pages: escaping model text so that no name can break a page, and links.

Pages are plain CommonMark (plus GitHub's tables and Mermaid fences), read by GitHub, GitLab, MkDocs (Python-Markdown)
and Sphinx (MyST). Text from the model is escaped, never trusted: a name like `*Board* [x](javascript:...)`, `<script>`
or `| a | b |` must show as written. Every ASCII punctuation character may be backslash-escaped in CommonMark, so
escaping the ones that start markup is always safe; `&` becomes `&amp;` so an entity name cannot be decoded, and
line breaks become spaces since every place model text appears (a table cell, a list item, a heading) is one line.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_SPACE = re.compile(r"\s+")
#: Characters that start inline markup anywhere in a line (emphasis, code, links, HTML, tables, strikethrough).
_INLINE = re.compile(r"([\\`*_\[\]<>|~!{}#$])")
#: What starts a block when it opens a line: a heading, quote, list item, thematic break, setext underline.
_LINE_START = re.compile(r"^(\s*)([-+=>#]|\d+[.)])")


def md(text: object) -> Markup:
    """`text` as Markdown that shows exactly `text` (one line; `Markup`, so a template does not escape it again).

    `Markup` values (already Markdown) pass through unchanged.
    """
    if isinstance(text, Markup):
        return text
    value = _SPACE.sub(" ", str(text))
    value = value.replace("&", "&amp;")
    value = _INLINE.sub(r"\\\1", value)
    value = _LINE_START.sub(
        lambda m: m.group(1) + "".join("\\" + c if not c.isdigit() else c for c in m.group(2)), value
    )
    return Markup(value)


def link(text: object, target: str) -> Markup:
    """A Markdown link to a relative `target` built by govgraph (from ids: never model text), showing `text`."""
    return Markup(f"[{md(text)}]({target})")


def code(text: str) -> Markup:
    """`text` as inline code (ids and codes); a backtick in it lengthens the fence as CommonMark allows."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Markup(f"{fence}{pad}{text}{pad}{fence}")
