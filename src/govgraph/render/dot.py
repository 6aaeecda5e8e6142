"""Graphviz DOT for a view (`govgraph.views.Diagram`), built with pydot; the one module that imports pydot.

Escaping: govgraph quotes every id, label and attribute value itself with `quote` and hands pydot strings that
are already quoted, which pydot leaves alone. pydot's own quoting is not trusted: it reads `Board:Finance` as a
node and a port, leaves a trailing backslash free to escape the closing quote, and lets `", URL="javascript:..."`
out of a label as new attributes. `quote` escapes `\\` and `"`, writes `&` as `&amp;` (Graphviz decodes character
references such as `&#106;` in labels and tooltips), writes line breaks as `\\n`, and drops other control
characters, so model text can only ever be the text of one quoted string; backslashes are doubled, so
Graphviz's own escapes (`\\N`, `\\G`, `\\l`) cannot be formed from model text either. Text of an HTML-like label
is escaped by `html_text` (entities for `&`, `<`, `>` and quotes).

Conventions (DESIGN.md "Rendering and views"): lines point from the lower body to the higher, so the top of the
structure is drawn at the top (`rankdir=BT` for a top-down view), laid out as an org chart by
`govgraph.render.org_chart` (blocks in rows, junctions, straight spines), which this module writes into the DOT.
Kinds map to boxes and fills, relations to line styles, both as the vocabulary gives them (`govgraph.vocabulary`):
every body of govgraph's own kinds is a rounded box; its kind is its fill and a small line under its name (an
HTML-like label: the name at 12 pt, the rest at 9 pt, text escaped by `html_text`). `reports_to` is solid,
`dotted_to` dashed, `steers` dotted with an open head, `part_of` a plain pink line, `succeeded_by` grey; a line
that does not place its body is outside the ranking (`constraint=false`); a line that had ended is grey in its
own dashes. Chairs are named under the name ("Chair:" / "Co-chairs:"); closed bodies are grey and dashed; bodies
under review carry a bold vermillion outline and "under review". The title and, under it, the legend are the
graph's label: samples of exactly the kinds, marks and lines the diagram uses.

Colours are `#RRGGBB` from the Okabe-Ito palette (distinguishable with the common colour-vision deficiencies),
as light tints for fills so black text keeps its contrast and the fills stay distinct in greyscale; every box
says its kind in words too (its small line, or its name), so nothing depends on colour alone.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from collections.abc import Mapping
from typing import Any

import pydot

from govgraph import vocabulary
from govgraph.render.legend import LegendEntry, legend_entries
from govgraph.render.org_chart import (
    BOX_MARGIN,
    DETAIL_SIZE,
    LARGE_DIAGRAM,
    LEGEND_COLUMNS,
    LEGEND_SIZE,
    NAME_SIZE,
    NODESEP,
    PAD,
    RANKSEP,
    SAMPLE,
    TITLE_SIZE,
    Arrangement,
    Block,
    arrange,
    box_text,
    legend_columns,
    legend_entry_width,
    title_lines,
)
from govgraph.render.svg import safe_url
from govgraph.views import LINE_DIRECTION, Diagram, ViewEdge, ViewNode

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
#: Text that `quote` only has to put in quotes: no backslash, double quote, ampersand, line break or other control
#: character.
_PLAIN = re.compile(r'[^\\"&\x00-\x1f\x7f-\x9f\u2028\u2029]*')


def relation_style(relation: str) -> Mapping[str, str]:
    """A relation's edge attributes (values unquoted; `quote` is applied when the edge is made)."""
    return vocabulary.relation(relation).dot


#: What every line has unless it says otherwise: the style of `reports_to`, the most common line by far. Each
#: line then carries only what differs (the DOT of 1,000 bodies is a quarter smaller, and 7-10% quicker to build).
#: Every line style, and every line's class, sets each of these keys, so no line takes one of them by mistake.
EDGE_DEFAULTS: Mapping[str, str] = {**vocabulary.relation("reports_to").dot, "class": "relation-reports_to"}
#: What every box has unless it says otherwise: govgraph's own kinds' shape (see `vocabulary.KindTerm`).
_BOX = "box"

CLOSED = {"style": "rounded,filled,dashed", "fillcolor": "#EEEEEE", "color": "#999999", "fontcolor": "#555555"}
UNDER_REVIEW = {"color": "#D55E00", "penwidth": "2.5", "style": "rounded,filled,bold"}

#: Diagrams of changes (`govgraph diff`): bluish green for added, vermillion for removed, orange for changed
#: (Okabe-Ito, told apart with the common colour-vision deficiencies). Each also has its own line, so it reads in
#: greyscale: added bold, removed dashed, a changed box a double outline; and each box and line says which in
#: words. The under-review outline (vermillion too) is left off such diagrams; their labels still say it.
CHANGE_NODE_STYLES: Mapping[str, Mapping[str, str]] = {
    "added": {"color": "#009E73", "penwidth": "3", "style": "rounded,filled,bold"},
    "removed": {
        "color": "#D55E00",
        "penwidth": "2",
        "style": "rounded,filled,dashed",
        "fillcolor": "#F2F2F2",
        "fontcolor": "#555555",
    },
    "changed": {"color": "#E69F00", "penwidth": "2.5", "style": "rounded,filled,bold", "peripheries": "2"},
}
CHANGE_EDGE_STYLES: Mapping[str, Mapping[str, str]] = {
    "added": {"color": "#009E73", "fontcolor": "#00664A", "penwidth": "2.5", "style": "bold"},
    "removed": {"color": "#D55E00", "fontcolor": "#8F3F00", "penwidth": "1.5", "style": "dashed"},
    "changed": {"color": "#E69F00", "fontcolor": "#7A5400", "penwidth": "2.5"},
}
_FONT = "Helvetica"
#: The grey of a line that had ended, and of the text of a closed body.
ENDED_COLOUR = "#999999"
_DETAIL_COLOUR = "#3D3D3D"
#: Line weights: a junction's spine and a line to an only child are kept straight by weighing more.
_SPINE_WEIGHT = "8"
_ONLY_CHILD_WEIGHT = "4"


#: Past this many bodies the layout is told to try less hard (see `LARGE_LAYOUT`).
LARGE = LARGE_DIAGRAM
#: Graphviz's limits on its network-simplex and crossing-minimisation passes: on large graphs they bound the
#: layout time for a slightly less tidy drawing (measured in benchmarks/bench_render.py).
LARGE_LAYOUT: Mapping[str, str] = {"nslimit": "2", "nslimit1": "2", "mclimit": "0.5", "searchsize": "10"}


def quote(text: str) -> str:
    """`text` as one DOT quoted string: `\\` and `"` escaped, `&` as `&amp;` (Graphviz decodes character
    references), line breaks as `\\n`, other control characters dropped. The result is complete DOT syntax: pass
    it to pydot as it is (wrapped in `DotText`)."""
    if _PLAIN.fullmatch(text):
        return '"' + text + '"'
    clean = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    # Graphviz reads character references in labels and tooltips: `&#106;avascript:` would be drawn
    # `javascript:`, and `&lt;` as `<`. Written `&amp;`, an ampersand is drawn as itself.
    escaped = clean.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n") + '"'


class DotText:
    """Text that is already DOT syntax (a string from `quote`, or an HTML-like label), for pydot to write as it is.

    pydot writes a name or an attribute value that is not a `str` with `str()`, untouched. Given a `str`, it first
    scans it character by character to decide whether to quote it: in Python, for every value, the larger part of
    the time of building the DOT, and work govgraph does not want done (it quotes everything itself, see `quote`).
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"DotText({self.text!r})"


@functools.lru_cache(maxsize=4096)
def _q(text: str) -> DotText:
    """`quote(text)` for pydot. Most values recur (shapes, colours, classes, styles) and are quoted once."""
    return DotText(quote(text))


def _attrs(values: Mapping[str, str]) -> dict[str, Any]:
    return {key: _q(value) for key, value in values.items()}


def _node(name: str, attrs: Mapping[str, str], **syntax: DotText) -> pydot.Node:
    """A pydot node named `name` (quoted), with the attributes `syntax` (DOT already) and `attrs` (quoted)."""
    # The name is DotText, as the values are, so that pydot writes it as it is instead of scanning it (pydot types
    # names as str, and writes any other name with str()).
    return pydot.Node(DotText(quote(name)), **syntax, **_attrs(attrs))  # type: ignore[arg-type]


def html_text(text: str) -> str:
    """`text` as the text of an HTML-like label: on one line, control characters dropped, and `&`, `<`, `>` and
    quotes written as entities, so model text can only ever be text inside the label (never markup, never its
    end)."""
    flat = _CONTROL.sub("", text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " "))
    return html.escape(flat, quote=True)


def node_label(node: ViewNode, kind_status: str | None = None) -> str:
    """The HTML-like label of a body's box (DOT syntax, `<...>`): its name, then in smaller type its kind and
    status, its chairs and, for a box standing for more, how many (`govgraph.render.org_chart.box_text`).

    Args:
        kind_status: the status to lay the kind line out with, when it is not the body's own.
    """
    text = box_text(node, kind_status)
    lines = [html_text(line) for line in text.name]
    colour = CLOSED["fontcolor"] if node.closed else _DETAIL_COLOUR
    lines += [f'<font point-size="{DETAIL_SIZE:g}" color="{colour}">{html_text(line)}</font>' for line in text.details]
    return "<" + "<br/>".join(lines) + ">"


def _node_attrs(node: ViewNode, focus: bool, links: Mapping[str, str] | None, tooltips: bool) -> dict[str, str]:
    kind = vocabulary.kind(node.kind)
    attrs = {"fillcolor": kind.fill, "tooltip": node.name} if tooltips else {"fillcolor": kind.fill}
    if kind.shape != _BOX:
        attrs["shape"] = kind.shape
    # Classes reach the SVG (`<g class="node kind-board status-closed">`) for a page's CSS to theme; a box of
    # several bodies has no status of its own.
    attrs["class"] = f"kind-{node.kind} " + ("group" if node.group else f"status-{status_class(node.status)}")
    if node.closed and not node.group:
        attrs.update(CLOSED)
    elif node.under_review and node.change is None and not node.group:
        attrs.update(UNDER_REVIEW)
    attrs.update(CHANGE_NODE_STYLES.get(node.change or "", {}))
    if node.below:
        # A box standing for more than itself has a heavier outline (and says so in words).
        attrs["penwidth"] = "2.2"
    if focus:
        attrs["penwidth"] = "3"
    url = links.get(node.link) if links is not None and node.link is not None else None
    if url is not None and safe_url(url):
        attrs["URL"] = url
    return attrs


def status_class(status: str | None) -> str:
    """The word a body's status class ends with (`status-closed`); `not_recorded` where none is recorded."""
    return status if status is not None else "not_recorded"


def _edge_attrs(edge: ViewEdge) -> dict[str, str]:
    attrs = dict(relation_style(edge.relation))
    attrs["class"] = f"relation-{edge.relation}" + (" ended" if edge.ended else "")
    if edge.ended:
        # Grey, in the relation's own line: an ended line keeps its dashes, so it never looks like another kind.
        attrs["color"] = ENDED_COLOUR
    if edge.change is not None and edge.change in CHANGE_EDGE_STYLES:
        attrs.update({k: v for k, v in CHANGE_EDGE_STYLES[edge.change].items() if k != "fontcolor"})
    return attrs


def _beyond_defaults(attrs: Mapping[str, str]) -> dict[str, str]:
    """`attrs` without what the edge defaults (`EDGE_DEFAULTS`) give already."""
    return {key: value for key, value in attrs.items() if EDGE_DEFAULTS.get(key) != value}


def _swatch(attrs: str) -> str:
    return f'<td width="{SAMPLE[0]:g}" height="{SAMPLE[1]:g}" fixedsize="true" {attrs}></td>'


def _entry(sample: str, text: str) -> str:
    """One legend entry: its sample and its words in a table of fixed size, in a cell of the legend.

    Graphviz shares out the width a legend gains under a wider title among all its cells, a `fixedsize` cell
    included (a sample 20 pt wide was drawn 68 pt wide, its words inside it); a table of fixed size keeps its
    size, so each sample stays beside its words however the legend is stretched. Its width is the words' estimated
    width with room to spare (`org_chart.legend_entry_width`), so the words never overflow it.
    """
    width = legend_entry_width(text)
    height = max(SAMPLE[1], LEGEND_SIZE * 1.4) + 2
    return (
        f'<td align="left"><table border="0" cellspacing="0" cellpadding="1" fixedsize="true" width="{width:.0f}" '
        # A narrow empty cell keeps the words off the sample.
        f'height="{height:.0f}"><tr>{sample}<td width="4" height="2" fixedsize="true"></td>'
        f'<td align="left">{html.escape(text)}</td></tr></table></td>'
    )


def _sample(entry: LegendEntry) -> str:
    """One legend entry, its sample and its words (HTML-like label syntax; govgraph's own words
    and colours only): a box's fill or mark, or a straight, horizontal stroke of a line's colour and dashes."""
    if entry.sample == "kind":
        fill = vocabulary.kind(entry.key).fill
        sample = _swatch(f'bgcolor="{fill}" border="1" color="#333333" style="rounded"')
    elif entry.sample == "mark" and entry.key == "closed":
        sample = _swatch(f'bgcolor="{CLOSED["fillcolor"]}" border="1" color="{CLOSED["color"]}" style="dashed"')
    elif entry.sample == "mark":
        sample = _swatch(f'border="2" color="{UNDER_REVIEW["color"]}" style="rounded"')
    elif entry.sample == "change":
        style = CHANGE_NODE_STYLES[entry.key]
        dashed = ' style="dashed"' if "dashed" in style["style"] else ""
        sample = _swatch(f'border="2" color="{style["color"]}"{dashed}')
    else:
        # An ended line is shown as the most common line (the edge defaults' style), in grey.
        line = {**EDGE_DEFAULTS, "color": ENDED_COLOUR} if entry.key == "ended" else dict(relation_style(entry.key))
        dashes = {"dashed": ' style="dashed"', "dotted": ' style="dotted"'}.get(line["style"], "")
        width = "2" if float(line.get("penwidth", "1")) > 1 or line["style"] == "dotted" else "1"
        sample = _swatch(f'border="{width}" sides="b" color="{line["color"]}"{dashes}')
    return _entry(sample, entry.text)


def heading(diagram: Diagram, *, legend: bool = True, columns: int = LEGEND_COLUMNS[0]) -> str:
    """The diagram's title, and under it its legend (`govgraph.render.legend`) in rows of `columns` entries, as
    one HTML-like label."""
    title = "<br/>".join(html_text(line) for line in title_lines(diagram.title))
    rows = [f'<tr><td><font point-size="{TITLE_SIZE:g}">{title}</font></td></tr>']
    entries = legend_entries(diagram) if legend and diagram.nodes else []
    if entries:
        grid = "".join(
            "<tr>" + "".join(_sample(entry) for entry in entries[i : i + columns]) + "</tr>"
            for i in range(0, len(entries), columns)
        )
        rows.append(
            f'<tr><td><font point-size="{LEGEND_SIZE:g}"><table border="0" cellspacing="2" cellpadding="1">'
            f"{grid}</table></font></td></tr>"
        )
    return '<<table border="0" cellspacing="0" cellpadding="1">' + "".join(rows) + "</table>>"


def _layout_graph(diagram: Diagram, arrangement: Arrangement) -> dict[str, str]:
    return {
        "rankdir": LINE_DIRECTION[diagram.direction],
        "bgcolor": "transparent",
        "nodesep": f"{NODESEP / 72:.3f}",
        "ranksep": f"{RANKSEP / 72:.3f}",
        "pad": f"{PAD / 72:.3f}",
        # Lines are drawn under the boxes: a spine passing a box goes behind it.
        "outputorder": "edgesfirst",
        **(LARGE_LAYOUT if len(diagram.nodes) > LARGE else {}),
    }


def diagram_dot(
    diagram: Diagram,
    *,
    legend: bool = True,
    links: Mapping[str, str] | None = None,
    depth: int | None = None,
    tooltips: bool = True,
) -> str:
    """The DOT text of a diagram, laid out as an org chart (`govgraph.render.org_chart`): deterministic (the same
    diagram, the same text) and escaped by `quote` and `html_text`.

    Args:
        legend: draw a legend of the kinds, marks and lines the diagram uses, under the title.
        links: where a box that stands for more (or is drawn for context) links to, by the id of the diagram it
            opens (`govgraph.render.diagram.diagram_sheets`): `{"model-clp": "model-clp.svg"}`. A link that is
            not safe (`javascript:`) is left out. None: no links.
        depth: the most rows a block of bodies wraps into (default: the number that prints largest on A4).
        tooltips: give each box its full name as a tooltip (a page that names boxes itself needs none).
    """
    arrangement = arrange(diagram, depth)
    graph = pydot.Dot(
        quote(diagram.id), graph_type="digraph", strict=False, **_attrs(_layout_graph(diagram, arrangement))
    )
    columns = legend_columns(diagram, arrangement.width)
    graph.set("label", DotText(heading(diagram, legend=legend, columns=columns)))
    graph.set("labelloc", _q("t"))
    graph.set("fontname", _q(_FONT))
    graph.set_node_defaults(
        **_attrs(
            {
                "fontname": _FONT,
                "fontsize": f"{NAME_SIZE:g}",
                "shape": "box",
                "style": "rounded,filled",
                "color": "#333333",
                "margin": f"{BOX_MARGIN[0] / 72:.3f},{BOX_MARGIN[1] / 72:.3f}",
            }
        )
    )
    graph.set_edge_defaults(**_attrs({"fontname": _FONT, "fontsize": "9", "arrowsize": "0.8", **EDGE_DEFAULTS}))
    nodes = {n.id: n for n in diagram.nodes}
    placed = _placement_order(arrangement, nodes)
    targets = _node_targets(graph, diagram, placed)
    for body in placed:
        node = nodes[body]
        targets[body].add_node(
            _node(body, _node_attrs(node, body == diagram.focus, links, tooltips), label=DotText(node_label(node)))
        )
    _tops(graph, diagram, arrangement)
    edges = {(e.source, e.target, e.relation): e for e in diagram.edges}
    for block in arrangement.blocks:
        _block_lines(graph, block, edges)
    if len(diagram.nodes) <= LARGE:
        # Past `LARGE` bodies (a diagram drawn whole with --full, which no page can hold readably), rows are left
        # to the engine to order: holding them doubled its time on 1,000 bodies (21.8 s against 10.8 s, measured
        # in turn on a loaded machine).
        _block_order(graph, arrangement)
    for block in arrangement.blocks:
        _stack(graph, block.rows)
    _stack(graph, arrangement.loose)
    for (source, target, relation), edge in edges.items():
        if arrangement.parent.get(source) == (target, relation):
            continue  # drawn with its block
        attrs = _edge_attrs(edge)
        # A line that does not place its body (a dotted line, a second parent) leaves the ranks alone.
        attrs["constraint"] = "false"
        graph.add_edge(pydot.Edge(quote(source), quote(target), **_attrs(_beyond_defaults(attrs))))
    text: str = graph.to_string()
    return text


def _placement_order(arrangement: Arrangement, nodes: Mapping[str, ViewNode]) -> list[str]:
    """The bodies in the order they are written: each top and what hangs below it, block by block, row by row,
    then the loose ones row by row. The engine starts from this order, so rows keep it."""
    blocks: dict[str, list[Block]] = {}
    for block in arrangement.blocks:
        blocks.setdefault(block.parent, []).append(block)
    order: list[str] = []
    seen: set[str] = set()

    def visit(body: str) -> None:
        if body in seen:
            return
        seen.add(body)
        order.append(body)
        for block in blocks.get(body, ()):
            for member in block.members:
                visit(member)

    for row in arrangement.tops:
        for top in row:
            visit(top)
    for row in arrangement.loose:
        for body in row:
            visit(body)
    # Anything left (a body in a cycle's remains) keeps id order.
    for body in sorted(nodes):
        visit(body)
    return order


def _node_targets(graph: pydot.Dot, diagram: Diagram, order: list[str]) -> dict[str, pydot.Dot | pydot.Subgraph]:
    """Where each body's node is written: the graph, or its organisation's cluster when the view asks for them."""
    nodes = {n.id: n for n in diagram.nodes}
    if not diagram.clusters:
        return dict.fromkeys(order, graph)
    organisations = diagram.organisations or {}
    hosts = sorted({n.organisation for n in diagram.nodes if n.organisation})
    # Clusters are numbered (cluster_org1, ...) in organisation id order: ids never become DOT syntax.
    clusters: dict[str, pydot.Subgraph] = {}
    for number, host in enumerate(hosts, 1):
        cluster = pydot.Subgraph(
            f"cluster_org{number}",
            **_attrs({"label": organisations.get(host, host), "style": "rounded", "color": "#999999"}),
        )
        graph.add_subgraph(cluster)
        clusters[host] = cluster
    out: dict[str, pydot.Dot | pydot.Subgraph] = {}
    for body in order:
        org = nodes[body].organisation
        out[body] = clusters.get(org, graph) if org is not None else graph
    return out


def _tops(graph: pydot.Dot, diagram: Diagram, arrangement: Arrangement) -> None:
    """Put every top, and the first row of loose bodies, in the top rank. Lines run from lower to higher ranks,
    so the top of the structure is the engine's last rank (`rank=max`). Without this, the engine would rank each
    separate part from the bottom up, and a short one would sink to the foot of the page."""
    for top, (above, ranks) in sorted(arrangement.anchors.items()):
        # A later row of trees hangs under the tree above it, by a line not drawn, as long as that tree is deep.
        attrs = {"style": "invis", "arrowhead": "none", "class": "layout", "minlen": str(ranks), "weight": "8"}
        graph.add_edge(pydot.Edge(quote(top), quote(above), **_attrs(attrs)))
    first = list(arrangement.tops[0] if arrangement.tops else ()) + list(
        arrangement.loose[0] if arrangement.loose else ()
    )
    if len(first) < 2:
        return
    if diagram.clusters:
        graph.set("newrank", _q("true"))  # lets a rank hold nodes of several clusters
    highest = pydot.Subgraph("", rank=_q("max"))
    for body in first:
        highest.add_node(pydot.Node(DotText(quote(body))))  # type: ignore[arg-type]
    graph.add_subgraph(highest)


def _block_order(graph: pydot.Dot, arrangement: Arrangement) -> None:
    """Keep a parent's blocks in their order, left to right (reports to, part of, steers...): their first
    points (or, for a block of one, its body) share a rank, held in order by lines not drawn; and each row of a
    block in its order."""
    by_parent: dict[str, list[Block]] = {}
    for block in arrangement.blocks:
        by_parent.setdefault(block.parent, []).append(block)
    for parent in sorted(by_parent):
        blocks = by_parent[parent]
        if len(blocks) < 2 or len({b.joined for b in blocks}) > 1:
            continue  # blocks of one and joined blocks start on different ranks
        _in_order(graph, [b.junction(0) if b.joined else b.members[0] for b in blocks])
    for block in arrangement.blocks:
        _in_order(graph, list(block.first_row))
        for row in block.rows[1:]:
            _in_order(graph, list(row))


def _in_order(graph: pydot.Dot, row: list[str]) -> None:
    """Hold `row` in one rank, left to right in its order, by lines not drawn. Without it the engine may reorder a
    row to shorten some other line, and a spine meant for the middle of a block ends up at its side."""
    if len(row) < 2:
        return
    same = pydot.Subgraph("", rank=_q("same"))
    for a, b in itertools.pairwise(row):
        attrs = {"style": "invis", "arrowhead": "none", "class": "layout"}
        same.add_edge(pydot.Edge(quote(a), quote(b), **_attrs(attrs)))
    graph.add_subgraph(same)


def _junction(graph: pydot.Dot, name: str, colour: str) -> None:
    graph.add_node(
        _node(name, {"shape": "point", "width": "0.05", "height": "0.05", "color": colour, "class": "junction"})
    )


def _block_lines(graph: pydot.Dot, block: Block, edges: Mapping[tuple[str, str, str], ViewEdge]) -> None:
    """The lines of one block: each body's own line, and where there are several, the points they meet at and the
    one line (with one arrowhead) that goes on from there to the parent."""
    lines = {m: edges[(m, block.parent, block.relation)] for m in block.members}
    if not block.joined:
        (member,) = block.members
        attrs = {**_edge_attrs(lines[member]), "weight": _ONLY_CHILD_WEIGHT}
        graph.add_edge(pydot.Edge(quote(member), quote(block.parent), **_attrs(_beyond_defaults(attrs))))
        return
    rows = [list(block.first_row)] + [list(r) for r in block.rows[1:]]
    for r, row in enumerate(rows):
        # The spine from this row's point up: grey only when every line it carries had ended.
        carried = [lines[m] for later in rows[r:] for m in later]
        trunk = _trunk(block.relation, carried)
        _junction(graph, block.junction(r), trunk["color"])
        above = block.parent if r == 0 else block.junction(r - 1)
        attrs = {**trunk, "weight": _SPINE_WEIGHT}
        if r > 0:
            attrs["arrowhead"] = "none"
        graph.add_edge(pydot.Edge(quote(block.junction(r)), quote(above), **_attrs(_beyond_defaults(attrs))))
        for member in row:
            attrs = {**_edge_attrs(lines[member]), "arrowhead": "none"}
            graph.add_edge(pydot.Edge(quote(member), quote(block.junction(r)), **_attrs(_beyond_defaults(attrs))))


def _trunk(relation: str, carried: list[ViewEdge]) -> dict[str, str]:
    """The style of a line that carries several bodies' lines of `relation`: ended (grey) only when all had."""
    attrs = dict(relation_style(relation))
    ended = all(e.ended for e in carried)
    attrs["class"] = f"relation-{relation} trunk" + (" ended" if ended else "")
    if ended:
        attrs["color"] = ENDED_COLOUR
    changes = {e.change for e in carried}
    if len(changes) == 1:
        (change,) = changes
        if change is not None and change in CHANGE_EDGE_STYLES:
            attrs.update({k: v for k, v in CHANGE_EDGE_STYLES[change].items() if k != "fontcolor"})
    return attrs


def _stack(graph: pydot.Dot, rows: tuple[tuple[str, ...], ...]) -> None:
    """Keep rows in columns: each body is held under the one above it in the previous row (a line not drawn)."""
    for r in range(1, len(rows)):
        for j, body in enumerate(rows[r]):
            if j < len(rows[r - 1]):
                attrs = {"style": "invis", "arrowhead": "none", "weight": "2", "class": "layout"}
                graph.add_edge(pydot.Edge(quote(body), quote(rows[r - 1][j]), **_attrs(attrs)))
