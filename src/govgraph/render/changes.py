"""A diagram of a diff: the union of both models, with what was added, removed and changed marked.

Each side is selected as every other diagram is (`views.select_view`, everything recorded, and with a date what
stood then, closed bodies kept), and the two are merged: a body or line in both is drawn as the newer side has
it; one only in the old model is `removed`, only in the new `added`; a body with any change, or a line whose
dates changed, is `changed`; the rest `same`. `render/dot.py` and `render/mermaid.py` draw the marks (colour,
line style and a word on every box and line, and a legend), so the diagram follows the same rules and escaping
as every other one.
"""

from __future__ import annotations

from dataclasses import replace

from govgraph.changes import ModelDiff
from govgraph.render.diagram import diagram_sheets, render_diagram
from govgraph.views import Diagram, DiagramChange, ViewEdge, ViewNode, ViewSelection, select_view

#: Line changes that leave the line in both models, drawn as changed.
_LINE_CHANGES = frozenset({"dates"})


def diff_diagram(d: ModelDiff) -> Diagram:
    """The union of both sides of `d` as one diagram, each body and line marked with its change."""
    old = select_view(d.old, ViewSelection(as_of=d.old_as_of, full_history=True))
    new = select_view(d.new, ViewSelection(as_of=d.new_as_of, full_history=True))
    added, removed = set(d.ids("body", "added")), set(d.ids("body", "removed"))
    changed = set(d.ids("body")) - added - removed
    nodes: dict[str, ViewNode] = {n.id: n for n in old.nodes}
    nodes.update({n.id: n for n in new.nodes})
    marked = []
    for node_id in sorted(nodes):
        mark: DiagramChange = "same"
        if node_id in added:
            mark = "added"
        elif node_id in removed:
            mark = "removed"
        elif node_id in changed:
            mark = "changed"
        marked.append(replace(nodes[node_id], change=mark))
    redated = {(c.id, c.other, c.relation) for c in d.changes if c.section == "body" and c.change in _LINE_CHANGES}
    before = {(e.source, e.target, e.relation): e for e in old.edges}
    after = {(e.source, e.target, e.relation): e for e in new.edges}
    edges = []
    for key in sorted(before.keys() | after.keys()):
        if key not in after:
            edges.append(ViewEdge(*key, ended=before[key].ended, change="removed"))
        elif key not in before:
            edges.append(ViewEdge(*key, ended=after[key].ended, change="added"))
        else:
            edges.append(ViewEdge(*key, ended=after[key].ended, change="changed" if key in redated else "same"))
    organisations = {**(old.organisations or {}), **(new.organisations or {})}
    return Diagram(
        id="diff",
        title=f"Changes to {d.new.title}, from {d.old_label} to {d.new_label}",
        nodes=tuple(marked),
        edges=tuple(edges),
        organisations=dict(sorted(organisations.items())),
    )


def render_diff(d: ModelDiff, fmt: str, *, engine: str | None = None) -> str | bytes:
    """The diagram of a diff in any diagram format (`dot`, `mermaid`, `svg`, `png`, `pdf`), in one piece whatever
    its size (`diff_sheets` divides a large one as every diagram is divided).

    Raises:
        As `govgraph.render.diagram.render_diagram`: ValueError for an unknown format, EngineNotFound and
        EngineFailed for the Graphviz engine, UsageError for a Mermaid diagram larger than GitHub draws.
    """
    return render_diagram(diff_diagram(d), fmt, engine=engine)


def diff_sheets(d: ModelDiff, fmt: str) -> list[Diagram]:
    """The diagram of a diff as `govgraph.render.diagram.diagram_sheets` draws any diagram: itself when it can be
    read as one in `fmt`, else an overview of its top levels and the sheets its boxes open.

    Raises:
        ValueError: an unknown format.
    """
    return diagram_sheets(diff_diagram(d), fmt)
