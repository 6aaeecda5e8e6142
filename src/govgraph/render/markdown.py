"""Markdown for documentation pages: escaping model text so that no name can break a page, and links.

Pages are plain CommonMark (plus GitHub's tables and Mermaid fences), read by GitHub, GitLab, MkDocs (Python-Markdown)
and Sphinx (MyST). Text from the model is escaped (`govgraph.commonmark.escape`), never trusted: a name like
`*Board* [x](javascript:...)`, `<script>` or `| a | b |` must show as written.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from govgraph.commonmark import escape


def md(text: object) -> Markup:
    """`text` as Markdown that shows exactly `text` (one line; `Markup`, so a template does not escape it again).

    `Markup` values (already Markdown) pass through unchanged.
    """
    if isinstance(text, Markup):
        return text
    return Markup(escape(str(text)))


def link(text: object, target: str) -> Markup:
    """A Markdown link to a relative `target` built by govgraph (from ids: never model text), showing `text`."""
    return Markup(f"[{md(text)}]({target})")


def code(text: str) -> Markup:
    """`text` as inline code (ids and codes); a backtick in it lengthens the fence as CommonMark allows."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Markup(f"{fence}{pad}{text}{pad}{fence}")
