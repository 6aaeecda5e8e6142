"""A Sphinx extension: the `govgraph` directive draws a view of a model into a page.

In `conf.py`::

    extensions = ["govgraph.sphinx"]
    govgraph_engine = None          # optional: the Graphviz command (default: $GOVGRAPH_DOT, dot, graphviz-pure)

In a page (reStructuredText; with MyST, the same in a ```{govgraph} fence)::

    .. govgraph:: ../data/governance.yaml
       :view: overview
       :focus: PCAG
       :up: 1
       :down: 1
       :as-of: 2024-06
       :full:

The path is relative to the page (or, starting with `/`, to the source folder), as for `literalinclude`. The model
is registered as a dependency of the page, so an incremental `sphinx-build` redraws it when the YAML changes. The
diagram is inline SVG (accessible: `role="img"`, title and description), so it needs no image files and follows
the page's theme. It follows the one rule of `govgraph render --format svg` (`govgraph.app.drawing`): a diagram too
large to print on A4 with its names at 7 pt is drawn as a linked set, its overview first and then each sheet its
boxes open, every box linking to its sheet in the page, unless `:full:` is given; a note says so. A model with
errors, an unknown view, a bad option or a missing engine is reported as a Sphinx error at the directive's line,
naming the directive's option (`:as-of:`) and the model's own file:line:col, and the page gets no diagram
(`sphinx-build -W` fails).
"""

from __future__ import annotations

from html import escape
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from govgraph._version import __version__
from govgraph.errors import GovGraphError, ModelError, ParameterError

_logger = logging.getLogger(__name__)


class GovgraphDirective(SphinxDirective):
    """`.. govgraph:: MODEL` with the options of `govgraph render`'s view selection."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "view": directives.unchanged,
        "focus": directives.unchanged,
        "up": directives.nonnegative_int,
        "down": directives.nonnegative_int,
        "relations": directives.unchanged,
        "kinds": directives.unchanged,
        "as-of": directives.unchanged,
        "full-history": directives.flag,
        "full": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        from govgraph.app.drawing import inline_sheets
        from govgraph.app.options import view_selection

        relative, absolute = self.env.relfn2path(self.arguments[0])
        self.env.note_dependency(relative)
        options = self.options
        try:
            selection = view_selection(
                options.get("view"),
                focus=options.get("focus"),
                up=options.get("up"),
                down=options.get("down"),
                relations=options.get("relations"),
                kinds=options.get("kinds"),
                as_of=options.get("as-of"),
                full_history="full-history" in options,
            )
            # Each directive's sheets have ids of their own in the page: two diagrams of one model may share sheets.
            anchor = f"govgraph-{self.env.new_serialno('govgraph')}"
            drawn = inline_sheets(
                absolute, selection, engine=self.config.govgraph_engine, full="full" in options, anchor=anchor
            )
        except ModelError as error:
            where = "; ".join(f"{f.location}: {f.code} {f.message}" for f in error.findings[:5])
            return [self._error(f"{relative}: {error.message}: {where}")]
        except ParameterError as error:
            return [self._error(error.named(_option_name).message)]
        except GovGraphError as error:
            return [self._error(error.message)]
        for note in drawn.notes:
            say = _logger.warning if note.warning else _logger.info
            say(f"govgraph: {note.words(_option_name)}", location=(self.env.docname, self.lineno))
        if len(drawn.value) == 1:
            (sheet,) = drawn.value
            assert isinstance(sheet.content, str)
            return [nodes.raw("", sheet.content, format="html", classes=["govgraph"])]
        # A linked set: the overview first, then each sheet it opens, in a block of its own that its boxes link to.
        out: list[nodes.Node] = []
        for sheet in drawn.value:
            assert isinstance(sheet.content, str)
            html = f'<div id="{escape(anchor)}-{escape(sheet.id)}" class="govgraph-sheet">{sheet.content}</div>'
            out.append(nodes.raw("", html, format="html", classes=["govgraph"]))
        return out

    def _error(self, message: str) -> nodes.Node:
        node: nodes.Node = self.state.document.reporter.error(f"govgraph: {message}", line=self.lineno)
        return node


def _option_name(parameter: str) -> str:
    """How the directive names a parameter of the library: as its option (`as_of` -> `:as-of:`)."""
    return f":{parameter.replace('_', '-')}:"


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive and the `govgraph_engine` setting (Sphinx calls this)."""
    app.add_config_value("govgraph_engine", None, "env", types=frozenset({str, type(None)}))
    app.add_directive("govgraph", GovgraphDirective)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
