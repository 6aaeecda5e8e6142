"""A diagram of a diff: the union of both models, with what was added, removed and changed marked.

Each side is selected as every other diagram is (`views.select_view`, with the same `ViewSelection` as
`govgraph render`: a named view, a focus with levels up and down, relations, kinds, hosts; everything recorded,
and with a date what stood then, closed bodies kept), and the two are merged: a body or line in both is drawn as
the newer side has it; one only in the old model is `removed`, only in the new `added`; a body with any change,
or a line whose dates changed, is `changed`; the rest `same`. A named view or a focus body found in one version
only is drawn from that version, and the other is drawn over the same bodies. `render/dot.py` and
`render/mermaid.py` draw the marks (colour, line style and a word on every box and line, and a legend), so the
diagram follows the same rules and escaping as every other one. How large a diagram is drawn whole is decided by
the caller (`render.diagram.readable`), as for every diagram.
"""

from __future__ import annotations

from dataclasses import replace

from govgraph.changes import ModelDiff
from govgraph.errors import NameNotFound
from govgraph.model import Model
from govgraph.render.diagram import diagram_sheets, render_diagram
from govgraph.views import Diagram, DiagramChange, ViewEdge, ViewNode, ViewSelection, select_view

#: Line changes that leave the line in both models, drawn as changed.
_LINE_CHANGES = frozenset({"dates"})


def diff_diagram(d: ModelDiff, selection: ViewSelection | None = None) -> Diagram:
    """The union of both sides of `d` as one diagram, each body and line marked with its change.

    Args:
        selection: what to draw of each side, as for `views.select_view` (its `as_of` and `full_history` are
            the diff's own: each side as compared, closed bodies kept).

    Raises:
        NameNotFound: the view, focus body or organisation is in neither version.
        ParameterError, InvalidOption: as `views.select_view`.
    """
    old, new = _sides(d, selection or ViewSelection())
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
    focus = new.focus or old.focus
    around = f", around {(d.new if focus in d.new.bodies else d.old).name_of(focus)}" if focus else ""
    return Diagram(
        id="diff",
        title=f"Changes to {d.new.title}{around}, from {d.old_label} to {d.new_label}",
        nodes=tuple(marked),
        edges=tuple(edges),
        organisations=dict(sorted(organisations.items())),
        focus=focus,
    )


def _sides(d: ModelDiff, chosen: ViewSelection) -> tuple[Diagram, Diagram]:
    """Each side of `d` as `chosen` selects it; a side that lacks the view or the focus body is drawn over the
    bodies the other side draws."""
    models = (d.old, d.new)
    wanted = [
        replace(_spelled_out(chosen, model, models), as_of=day, full_history=True)
        for model, day in ((d.old, d.old_as_of), (d.new, d.new_as_of))
    ]
    drawn: dict[int, Diagram] = {}
    missing: list[NameNotFound] = []
    for i in (0, 1):
        try:
            drawn[i] = select_view(models[i], wanted[i])
        except NameNotFound as error:
            missing.append(error)
    if not drawn:
        raise missing[-1]
    for i in {0, 1} - drawn.keys():
        shown = {n.id for n in drawn[1 - i].nodes}
        whole = select_view(models[i], replace(wanted[i], focus=None, up=None, down=None))
        drawn[i] = replace(
            whole,
            nodes=tuple(n for n in whole.nodes if n.id in shown),
            edges=tuple(e for e in whole.edges if e.source in shown and e.target in shown),
        )
    return drawn[0], drawn[1]


def _spelled_out(chosen: ViewSelection, model: Model, models: tuple[Model, Model]) -> ViewSelection:
    """`chosen` for `model`: a named view that only the other version has is written out as its settings."""
    if chosen.view is None or chosen.view in model.views:
        return chosen
    spec = next((m.views[chosen.view] for m in models if chosen.view in m.views), None)
    if spec is None:
        return chosen
    return replace(
        chosen,
        view=None,
        focus=chosen.focus or spec.focus,
        up=chosen.up if chosen.up is not None else spec.up,
        down=chosen.down if chosen.down is not None else spec.down,
        relations=chosen.relations or spec.relations,
        kinds=chosen.kinds or spec.kinds,
        organisations=chosen.organisations or spec.organisations,
    )


def render_diff(
    d: ModelDiff, fmt: str, *, engine: str | None = None, selection: ViewSelection | None = None, full: bool = False
) -> str | bytes:
    """The diagram of a diff in any diagram format (`dot`, `mermaid`, `svg`, `png`, `pdf`): the first of the
    sheets `diff_sheets` divides it into (the whole diagram where it can be read as one, or with `full`).

    Raises:
        As `diff_diagram`; and as `govgraph.render.diagram.render_diagram`: ValueError for an unknown format,
        EngineNotFound and EngineFailed for the Graphviz engine, ParameterError for a Mermaid diagram larger than
        GitHub draws.
    """
    return render_diagram(diff_sheets(d, fmt, selection=selection, full=full)[0], fmt, engine=engine)


def diff_sheets(d: ModelDiff, fmt: str, *, selection: ViewSelection | None = None, full: bool = False) -> list[Diagram]:
    """The diagram of a diff as `govgraph.render.diagram.diagram_sheets` draws any diagram: itself when it can be
    read as one in `fmt` (or with `full`), else an overview of its top levels and the sheets its boxes open.

    Raises:
        As `diff_diagram`; ValueError: an unknown format.
    """
    return diagram_sheets(diff_diagram(d, selection), fmt, full=full)
