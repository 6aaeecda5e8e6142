"""Graphviz DOT for a view (`govgraph.views.Diagram`), built with pydot; the one module that imports pydot.

Escaping: govgraph quotes every id, label and attribute value itself with `quote` and hands pydot strings that
are already quoted, which pydot leaves alone. pydot's own quoting is not trusted: it reads `Board:Finance` as a
node and a port, leaves a trailing backslash free to escape the closing quote, and lets `", URL="javascript:..."`
out of a label as new attributes. `quote` escapes `\\` and `"`, writes `&` as `&amp;` (Graphviz decodes character
references such as `&#106;` in labels and tooltips), writes line breaks as `\\n`, and drops other control
characters, so model text can only ever be the text of one quoted string; backslashes are doubled, so
Graphviz's own escapes (`\\N`, `\\G`, `\\l`) cannot be formed from model text either.

Conventions (DESIGN.md "Rendering and views"): lines point from the lower body to the higher, so the top of the
structure is drawn at the top (`rankdir=BT` for a top-down view). Kinds map to shapes and fills, relations to
line styles, both as the vocabulary gives them (`govgraph.vocabulary`): `reports_to` solid, `dotted_to` dashed
and outside the ranking (`constraint=false`), `steers` dotted with an open head, `part_of` a plain line,
`succeeded_by` grey. Chairs are named in the node label
("Chair:" / "Co-chairs:"); closed bodies are grey and dashed; bodies under review carry a bold vermillion
outline and "under review". The legend lists only the kinds, relations and marks the diagram uses.

Colours are `#RRGGBB` from the Okabe-Ito palette (distinguishable with the common colour-vision deficiencies),
as light tints for fills so black text keeps its contrast and the fills stay distinct in greyscale; the shapes
carry the kind as well, so nothing depends on colour alone.
"""

from __future__ import annotations

import functools
import html
import re
import textwrap
from collections.abc import Mapping
from typing import Any

import pydot

from govgraph import vocabulary
from govgraph.render.words import kind_words, relation_words, status_words
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

CLOSED = {"style": "filled,dashed", "fillcolor": "#EEEEEE", "color": "#999999", "fontcolor": "#555555"}
UNDER_REVIEW = {"color": "#D55E00", "penwidth": "2.5", "style": "filled,bold"}

#: Diagrams of changes (`govgraph diff`): bluish green for added, vermillion for removed, orange for changed
#: (Okabe-Ito, told apart with the common colour-vision deficiencies). Each also has its own line, so it reads in
#: greyscale: added bold, removed dashed, a changed box a double outline; and each box and line says which in
#: words. The under-review outline (vermillion too) is left off such diagrams; their labels still say it.
CHANGE_NODE_STYLES: Mapping[str, Mapping[str, str]] = {
    "added": {"color": "#009E73", "penwidth": "3", "style": "filled,bold"},
    "removed": {
        "color": "#D55E00",
        "penwidth": "2",
        "style": "filled,dashed",
        "fillcolor": "#F2F2F2",
        "fontcolor": "#555555",
    },
    "changed": {"color": "#E69F00", "penwidth": "2.5", "style": "filled,bold", "peripheries": "2"},
}
CHANGE_EDGE_STYLES: Mapping[str, Mapping[str, str]] = {
    "added": {"color": "#009E73", "fontcolor": "#00664A", "penwidth": "2.5", "style": "bold"},
    "removed": {"color": "#D55E00", "fontcolor": "#8F3F00", "penwidth": "1.5", "style": "dashed"},
    "changed": {"color": "#E69F00", "fontcolor": "#7A5400", "penwidth": "2.5"},
}
_FONT = "Helvetica"
_WRAP = 30
#: A body with more leaves than `_FAN` below it has them spread over `_STAGGER` ranks.
_FAN = 6
_STAGGER = 4
_MAX_ROWS = 8
#: Drawn left to right, a fan of up to this many bodies stays one column.
_COLUMN = 10
_LEGEND_COLUMNS = 4


#: Past this many bodies the layout is told to try less hard (see `LARGE_LAYOUT`).
LARGE = 300
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


def _wrap(text: str) -> list[str]:
    if len(text) <= _WRAP and text.isascii() and text.isprintable() and not text.endswith(" "):
        # Most names fit on one line: what `textwrap` gives for them, without its work.
        return [text]
    return textwrap.wrap(text, _WRAP, break_long_words=True, break_on_hyphens=False) or [""]


def kind_line(kind: str, status: str | None) -> str:
    """The line of a body's box that names its kind, and its status where that is worth a mark:
    `programme (closed)`, `advisory group (under review)`."""
    if status is not None and (status in vocabulary.ended_statuses() or status == "under_review"):
        return f"{kind_words(kind)} ({status_words(status)})"
    return kind_words(kind)


def node_label(node: ViewNode) -> str:
    """The text of a body's box: its name, its kind, its chairs and its status, one item per line."""
    lines = _wrap(node.label)
    lines.append(kind_line(node.kind, node.status) + (f" [{node.change}]" if node.change in CHANGE_NODE_STYLES else ""))
    if node.chairs:
        head = "Co-chairs: " if len(node.chairs) > 1 else "Chair: "
        lines.extend(_wrap(head + "; ".join(node.chairs)))
    # An acting, interim, vice or deputy chair is labelled as such, never counted a co-chair.
    for title, holder in node.other_chairs:
        lines.extend(_wrap(f"{title}: {holder}"))
    return "\n".join(lines)


def _node_attrs(node: ViewNode, focus: bool) -> dict[str, str]:
    kind = vocabulary.kind(node.kind)
    attrs = {"label": node_label(node), "shape": kind.shape, "fillcolor": kind.fill, "tooltip": node.name}
    # Classes reach the SVG (`<g class="node kind-board status-closed">`) for a page's CSS to theme.
    attrs["class"] = f"kind-{node.kind} status-{status_class(node.status)}"
    if node.closed:
        attrs.update(CLOSED)
    elif node.under_review and node.change is None:
        attrs.update(UNDER_REVIEW)
    attrs.update(CHANGE_NODE_STYLES.get(node.change or "", {}))
    if focus:
        attrs["penwidth"] = "3"
    return attrs


def status_class(status: str | None) -> str:
    """The word a body's status class ends with (`status-closed`); `not_recorded` where none is recorded."""
    return status if status is not None else "not_recorded"


def _edge_attrs(edge: ViewEdge) -> dict[str, str]:
    term = vocabulary.relation(edge.relation)
    attrs = dict(term.dot)
    attrs["class"] = f"relation-{edge.relation}" + (" ended" if edge.ended else "")
    if term.dot_label:
        attrs["label"] = term.label
    if edge.ended:
        attrs["color"] = "#999999"
        attrs["fontcolor"] = "#555555"
        attrs["label"] = ", ".join(x for x in (attrs.get("label"), "ended") if x)
    if edge.change is not None and edge.change in CHANGE_EDGE_STYLES:
        attrs.update(CHANGE_EDGE_STYLES[edge.change])
        attrs["label"] = ", ".join(x for x in (attrs.get("label"), edge.change) if x)
    return attrs


def _beyond_defaults(attrs: Mapping[str, str]) -> dict[str, str]:
    """`attrs` without what the edge defaults (`EDGE_DEFAULTS`) give already."""
    return {key: value for key, value in attrs.items() if EDGE_DEFAULTS.get(key) != value}


def _legend(diagram: Diagram) -> pydot.Subgraph:
    legend = pydot.Subgraph(
        "cluster_legend",
        **_attrs({"label": "Legend", "style": "rounded", "color": "#999999", "fontsize": "11", "margin": "10"}),
    )
    # The kinds and marks are one table (a compact block, rather than a row of shapes as wide as the page); the
    # shapes are not repeated there because every box also names its kind. Its text is govgraph's own words only.
    cells: list[str] = []
    for kind in diagram.kinds:
        fill = vocabulary.kind(kind).fill
        cells.append(f'<td bgcolor="{fill}" border="1" color="#333333">{html.escape(kind_words(kind))}</td>')
    # Greyed bodies, named by what their records say happened to them: `closed`, `closed or ended`.
    ended = sorted({status_words(n.status) for n in diagram.nodes if n.closed})
    if ended:
        cells.append(
            '<td bgcolor="#EEEEEE" border="1" color="#999999" style="dashed"><font color="#555555">'
            f"{html.escape(' or '.join(ended))}</font></td>"
        )
    if any(n.under_review and n.change is None for n in diagram.nodes):
        cells.append('<td border="2" color="#D55E00">under review</td>')
    # A change is listed when a box or a line has it; the cell is drawn as such a box is (colour and line).
    used = {n.change for n in diagram.nodes} | {e.change for e in diagram.edges}
    for change, style in CHANGE_NODE_STYLES.items():
        if change in used:
            border = "2" if change == "changed" else "3"
            dashed = ' style="dashed"' if change == "removed" else ""
            cells.append(f'<td border="{border}" color="{style["color"]}"{dashed}>{change}</td>')
    rows = ["<tr>" + "".join(cells[i : i + _LEGEND_COLUMNS]) + "</tr>" for i in range(0, len(cells), _LEGEND_COLUMNS)]
    table = '<<table border="0" cellspacing="4" cellpadding="4">' + "".join(rows) + "</table>>"
    legend.add_node(
        _node("legend-kinds", {"shape": "plaintext", "style": "solid", "fontsize": "10"}, label=DotText(table))
    )
    for relation in diagram.relations:
        a, b = f"legend-{relation}-from", f"legend-{relation}-to"
        for end in (a, b):
            legend.add_node(_node(end, {"label": "", "shape": "point", "width": "0.05"}))
        style = {**relation_style(relation), "label": relation_words(relation), "fontsize": "10", "class": "legend"}
        style.pop("constraint", None)
        legend.add_edge(pydot.Edge(quote(a), quote(b), **_attrs(_beyond_defaults(style))))
    return legend


def _staggered(diagram: Diagram) -> dict[tuple[str, str, str], int]:
    """Edge lengths that spread a wide fan of leaves over several ranks (what Graphviz's `unflatten -l` does).

    Twenty bodies reporting into one programme would otherwise sit in one row many pages wide; their lines get
    lengths 1, 2, 3, 1, 2, 3... in id order, so the fan folds into rows of a readable width.
    """
    # Lines outside the ranking (`constraint=false`, such as dotted lines) place nothing.
    ranked = [e for e in diagram.edges if relation_style(e.relation).get("constraint") != "false"]
    has_children = {e.target for e in ranked}
    fans: dict[str, list[ViewEdge]] = {}
    for edge in ranked:
        if edge.source not in has_children:
            fans.setdefault(edge.target, []).append(edge)
    lengths: dict[tuple[str, str, str], int] = {}
    across = diagram.direction in ("LR", "RL")
    for leaves in fans.values():
        if across:
            # Drawn left to right, a fan is a column, which a page holds well up to about `_COLUMN` bodies;
            # only a longer one is folded, into columns of about that many.
            rows = min(-(-len(leaves) // _COLUMN), _MAX_ROWS)
        elif len(leaves) > _FAN:
            # Rows of about three (a fan about as wide as it is tall: a page, not a banner), but no more than
            # `_MAX_ROWS` of them: each row is a rank, and Graphviz's layout time grows fast with ranks.
            rows = min(max(_STAGGER, -(-len(leaves) // 3)), _MAX_ROWS)
        else:
            continue
        if rows > 1:
            for index, edge in enumerate(leaves):
                lengths[(edge.source, edge.target, edge.relation)] = 1 + index % rows
    return lengths


def diagram_dot(diagram: Diagram, *, legend: bool = True) -> str:
    """The DOT text of a diagram: deterministic (nodes and edges in id order) and escaped by `quote`.

    Args:
        legend: add a legend listing the kinds, relations and marks the diagram uses.
    """
    graph = pydot.Dot(
        quote(diagram.id),
        graph_type="digraph",
        strict=False,
        **_attrs(
            {
                "label": diagram.title,
                "labelloc": "t",
                "fontname": _FONT,
                "fontsize": "16",
                "rankdir": LINE_DIRECTION[diagram.direction],
                "bgcolor": "transparent",
                "nodesep": "0.35",
                "ranksep": "0.55",
                "pad": "0.3",
                **(LARGE_LAYOUT if len(diagram.nodes) > LARGE else {}),
            }
        ),
    )
    graph.set_node_defaults(
        **_attrs({"fontname": _FONT, "fontsize": "11", "style": "filled", "color": "#333333", "margin": "0.15,0.07"})
    )
    graph.set_edge_defaults(**_attrs({"fontname": _FONT, "fontsize": "9", "arrowsize": "0.8", **EDGE_DEFAULTS}))
    by_org: dict[str | None, list[ViewNode]] = {}
    for node in diagram.nodes:
        by_org.setdefault(node.organisation if diagram.clusters else None, []).append(node)
    organisations = diagram.organisations or {}
    # Clusters are numbered (cluster_org1, ...) in organisation id order: ids never become DOT syntax.
    numbers = {org: i for i, org in enumerate(sorted(o for o in by_org if o is not None), 1)}
    for org in sorted(by_org, key=lambda o: (o is not None, o or "")):
        target: pydot.Dot | pydot.Subgraph = graph
        if org is not None:
            target = pydot.Subgraph(
                f"cluster_org{numbers[org]}",
                **_attrs({"label": organisations.get(org, org), "style": "rounded", "color": "#999999"}),
            )
            graph.add_subgraph(target)
        for node in by_org[org]:
            target.add_node(_node(node.id, _node_attrs(node, node.id == diagram.focus)))
    lengths = _staggered(diagram)
    for edge in diagram.edges:
        attrs = _edge_attrs(edge)
        length = lengths.get((edge.source, edge.target, edge.relation), 1)
        if length > 1:
            attrs["minlen"] = str(length)
        graph.add_edge(pydot.Edge(quote(edge.source), quote(edge.target), **_attrs(_beyond_defaults(attrs))))
    if legend and diagram.nodes:
        graph.add_subgraph(_legend(diagram))
    text: str = graph.to_string()
    return text
