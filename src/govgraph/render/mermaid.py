"""Mermaid flowchart text for query answers (`path`, `chain`, `under`, `show`, `roles`).

Safety: node ids are generated (`n1`, `n2`, ... in sorted order of the model's ids), never taken from the file,
and every piece of text from the model goes through `escape`, the one place that makes text safe for Mermaid.
Model text therefore never starts a line of the output, so it can never become a `click` statement, a
`%%{init}%%` directive, a comment or a new node. Output is deterministic: the same answer gives the same text.

Conventions: lines run from the lower body up to the higher one (`flowchart BT`); each relation has the arrow
and words the vocabulary gives it (`govgraph.vocabulary`): `reports_to` is a solid arrow, `part_of` a solid
arrow labelled "part of", `dotted_to` a dotted arrow, `steers` a dotted arrow labelled "steers", `succeeded_by`
a solid arrow labelled "succeeded by"; a line that had ended is labelled so; closed bodies are grey and the body
asked about is outlined.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

from govgraph import time, vocabulary
from govgraph.errors import ParameterError
from govgraph.model import Model, Relation
from govgraph.queries import Card, ChainAnswer, ClosedBody, PathAnswer, RoleLoad, UnderAnswer
from govgraph.render.words import day_words, kind_line
from govgraph.sheets import split_sheets
from govgraph.views import LINE_DIRECTION, Diagram, Direction, ViewNode
from govgraph.vocabulary import count

# Mermaid's own entity codes; `#` first among them in meaning, which is why they are applied in one pass.
_ENTITIES: Mapping[str, str] = {
    '"': "#quot;",
    "#": "#35;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "%": "#37;",  # `%%` starts a comment or a directive
    ";": "#59;",  # ends a statement
    "|": "#124;",  # ends an edge label
    "`": "#96;",  # starts a Markdown string
    "\\": "#92;",
    "{": "#123;",
    "}": "#125;",
}
_SPECIAL = re.compile("|".join(re.escape(c) for c in _ENTITIES))
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")

_CLASSES: Mapping[str, str] = {
    "closed": "fill:#eeeeee,stroke:#999999,color:#555555,stroke-dasharray:4 3",
    "focus": "stroke-width:3px",
    "role": "fill:#fff8e1,stroke:#b08900",
    "review": "stroke:#D55E00,stroke-width:3px",
    # Diagrams of changes: the colours of govgraph.render.dot.CHANGE_NODE_STYLES, each with its own line.
    "added": "stroke:#009E73,stroke-width:4px",
    "removed": "fill:#f2f2f2,stroke:#D55E00,stroke-width:2px,stroke-dasharray:6 4,color:#555555",
    "changed": "stroke:#E69F00,stroke-width:4px,stroke-dasharray:1 2",
}

#: Line styles (`linkStyle`) of the lines of a diagram of changes.
_LINK_STYLES: Mapping[str, str] = {
    "added": "stroke:#009E73,stroke-width:3px",
    "removed": "stroke:#D55E00,stroke-width:2px,stroke-dasharray:6 4",
    "changed": "stroke:#E69F00,stroke-width:3px",
}

#: GitHub refuses to draw a Mermaid diagram with more edges or characters than these.
MAX_EDGES = 500
MAX_CHARS = 50_000


def escape(text: str) -> str:
    """`text` made safe for a quoted node or edge label and for `accTitle` / `accDescr` lines: on one line, with
    Mermaid's entity codes (`#quot;`, `#35;`, `#lt;`, `#gt;`, `#amp;`, ...) for every character Mermaid reads
    as syntax."""
    one_line = " ".join(_CONTROL.sub(" ", text).split())
    return _SPECIAL.sub(lambda m: _ENTITIES[m.group(0)], one_line)


Edge = tuple[str, str, str, str | None]  # from, to, relation, extra label (such as "ended March 2025")


def flowchart(
    title: str,
    description: str,
    labels: Mapping[str, str],
    edges: Iterable[Edge],
    *,
    classes: Mapping[str, str] | None = None,
    shapes: Mapping[str, str] | None = None,
    link_styles: Mapping[tuple[str, str, str], str] | None = None,
    direction: Direction = "TB",
) -> str:
    """A Mermaid flowchart of the nodes `labels` (model id -> label) and `edges`.

    Args:
        direction: where the top of the structure is drawn, as a view says it (`TB`: at the top; `LR`: at the
            left). Lines run from the lower body to the higher one, so Mermaid is told the reverse (`BT`, `RL`).
        classes: a class (`closed`, `focus`, `role`) for some nodes.
        shapes: `stadium` for some nodes (posts); others are rectangles.
        link_styles: a style (`added`, `removed`, `changed`) for some lines, by (from, to, relation).
    """
    ids = {node: f"n{i}" for i, node in enumerate(sorted(labels), 1)}
    out = [
        f"flowchart {LINE_DIRECTION[direction]}",
        f"  accTitle: {escape(title)}",
        f"  accDescr: {escape(description)}",
    ]
    for node in sorted(labels):
        text = escape(labels[node])
        shape = (shapes or {}).get(node)
        out.append(f'  {ids[node]}(["{text}"])' if shape == "stadium" else f'  {ids[node]}["{text}"]')
    styled: dict[str, list[str]] = {}
    ordered = sorted(set(edges), key=lambda e: (ids[e[0]], ids[e[1]], e[2], e[3] or ""))
    for index, (source, target, relation, extra) in enumerate(ordered):
        term = vocabulary.relation(relation)
        arrow, word = term.mermaid_arrow, term.mermaid_label
        label = ", ".join(x for x in (word, extra) if x)
        middle = f'{arrow}|"{escape(label)}"|' if label else arrow
        out.append(f"  {ids[source]} {middle} {ids[target]}")
        style = (link_styles or {}).get((source, target, relation))
        if style is not None:
            styled.setdefault(style, []).append(str(index))  # linkStyle counts lines from 0, in output order
    by_class: dict[str, list[str]] = {}
    for node, name in sorted((classes or {}).items()):
        if node in ids:
            by_class.setdefault(name, []).append(ids[node])
    for name in sorted(by_class):
        out.append(f"  classDef {name} {_CLASSES[name]}")
        out.append(f"  class {','.join(by_class[name])} {name}")
    for name in sorted(styled):
        out.append(f"  linkStyle {','.join(styled[name])} {_LINK_STYLES[name]}")
    return "\n".join(out) + "\n"


def _ended(line: Relation, reference: dt.date | None) -> str | None:
    end = line.period.end
    if end is not None and time.ended_by(line.period, reference):
        return f"ended {end.describe()}"
    if reference is not None and not time.holds_on(line.period, reference):
        return "not in force"
    return None


def _edge(line: Relation, reference: dt.date | None) -> Edge:
    return (line.source_body, line.target, line.kind, _ended(line, reference))


def _classes(focus: Iterable[str], closures: Iterable[ClosedBody]) -> dict[str, str]:
    classes = {c.body: "closed" for c in closures}
    classes.update(dict.fromkeys(focus, "focus"))
    return classes


def _scope(as_of: dt.date | None) -> str:
    return f" as of {day_words(as_of)}" if as_of else ""


def _labels(model: Model, nodes: Iterable[str]) -> dict[str, str]:
    return {node: model.name_of(node) for node in nodes}


def path_mermaid(answer: PathAnswer) -> str:
    """The routes of a path answer (or, with none, the routes of the whole record) as one diagram."""
    m = answer.model
    routes = answer.routes or answer.former
    nodes = {answer.start, answer.end} | {b for r in routes for b in r.bodies}
    edges = [_edge(step, answer.reference) for r in routes for step in r.steps]
    a, b = m.name_of(answer.start), m.name_of(answer.end)
    title = f"Routes from {a} up to {b}{_scope(answer.as_of)}"
    if answer.routes:
        count = len(answer.routes)
        description = f"{vocabulary.count(count, 'route')} from {a} up to {b}, shortest first."
    else:
        description = f"No route from {a} up to {b}{_scope(answer.as_of)}."
        if answer.former:
            description += " Shown: the routes of the whole record, with the lines that had ended."
    return flowchart(
        title, description, _labels(m, nodes), edges, classes=_classes([answer.start, answer.end], answer.closures)
    )


def chain_mermaid(answer: ChainAnswer) -> str:
    """A body's line of accountability up to the top."""
    m = answer.model
    name = m.name_of(answer.body)
    nodes = {row.body for row in answer.rows}
    tops = ", ".join(m.name_of(t) for t in answer.tops)
    return flowchart(
        f"Line of accountability of {name}{_scope(answer.as_of)}",
        f"{name} accounts up to {tops}." if answer.lines else f"{name} accounts to no other body.",
        _labels(m, nodes),
        [_edge(line, answer.reference) for line in answer.lines],
        classes=_classes([answer.body], answer.closures),
    )


def under_mermaid(answer: UnderAnswer) -> str:
    """What reports into a body."""
    m = answer.model
    name = m.name_of(answer.body)
    nodes = {row.body for row in answer.rows}
    count = len(answer.bodies)
    return flowchart(
        f"What reports into {name}{_scope(answer.as_of)}",
        f"{vocabulary.count(count, 'body')} report into {name}.",
        _labels(m, nodes),
        [_edge(line, answer.reference) for line in answer.lines],
        classes=_classes([answer.body], answer.closures),
    )


def card_mermaid(card: Card) -> str:
    """One body with its lines in and out and the bodies at their other ends."""
    m, b = card.model, card.body
    nodes = {b.id} | {r.target for r in card.lines_out} | {r.source_body for r in card.lines_in}
    edges = [_edge(r, card.reference) for r in (*card.lines_out, *card.lines_in)]
    closures = list(card.closed_neighbours)
    if card.status is not None and card.status in vocabulary.ended_statuses():
        closures.append(ClosedBody(b.id, card.status, None))
    return flowchart(
        f"{b.display_name} and its lines{_scope(card.as_of)}",
        f"{b.name}: {count(len(card.lines_out), 'line')} out, {count(len(card.lines_in), 'line')} in.",
        _labels(m, nodes),
        edges,
        classes=_classes([b.id], closures),
    )


def roles_mermaid(loads: Iterable[RoleLoad]) -> str:
    """Posts and the bodies they chair (thick arrows) and sit on (dotted arrows)."""
    listed = list(loads)
    labels: dict[str, str] = {}
    edges: list[Edge] = []
    shapes: dict[str, str] = {}
    classes: dict[str, str] = {}
    for load in listed:
        m = load.model
        labels[load.role.id] = load.role.title
        shapes[load.role.id] = "stadium"
        classes[load.role.id] = "role"
        for c in load.chairs:
            labels[c.body] = m.name_of(c.body)
            edges.append((load.role.id, c.body, "chairs", None))
        for s in load.seats:
            labels[s.body] = m.name_of(s.body)
            edges.append((load.role.id, s.body, "member_of", None))
        classes.update({c.body: "closed" for c in load.closures})
    count = len(listed)
    return flowchart(
        "What each post chairs and sits on" if count != 1 else f"What {listed[0].role.title} chairs and sits on",
        f"{vocabulary.count(count, 'post')}, the bodies they chair and the bodies they sit on.",
        labels,
        edges,
        classes=classes,
        shapes=shapes,
    )


def _label(node: ViewNode) -> str:
    """A box's words: its name, its kind and status where the name does not say them (as the DOT's boxes), and
    for a box standing for more, how many."""
    if node.group:
        names = f"{node.span[0]} to {node.span[1]}, " if node.span else ""
        return f"{node.label} ({names}in a diagram of their own)"
    line = kind_line(node.kind, node.status, node.label)
    label = f"{node.label} · {line}" if line else node.label
    if node.below:
        label += f", +{node.below:,} below"
    return label


def _diagram_text(diagram: Diagram) -> str:
    classes = {n.id: "closed" for n in diagram.nodes if n.closed}
    classes.update({n.id: "review" for n in diagram.nodes if n.under_review})
    if diagram.focus:
        classes[diagram.focus] = "focus"
    labels = {n.id: _label(n) for n in diagram.nodes}
    edges = [(e.source, e.target, e.relation, "ended" if e.ended else None) for e in diagram.edges]
    changes = {n.id: n.change for n in diagram.nodes if n.change in _LINK_STYLES}
    if not changes and not any(e.change in _LINK_STYLES for e in diagram.edges):
        return flowchart(diagram.title, diagram.describe(), labels, edges, classes=classes, direction=diagram.direction)
    # A diagram of changes: each box and line says in words what changed, and is styled so; a legend of boxes
    # (ids that no model id can be: ids never start with `~`) names the styles.
    # The under-review outline is vermillion, as removed is: left off here, as in DOT (the label still says it).
    classes = {node: name for node, name in classes.items() if name != "review"}
    classes.update({node: str(change) for node, change in changes.items()})
    labels.update({node: f"{labels[node]} [{change}]" for node, change in changes.items()})
    edges = [
        (e.source, e.target, e.relation, ", ".join(x for x in ("ended" if e.ended else None, e.change) if x) or None)
        if e.change in _LINK_STYLES
        else edge
        for e, edge in zip(diagram.edges, edges, strict=True)
    ]
    used = set(changes.values()) | {e.change for e in diagram.edges}
    for change in (c for c in _LINK_STYLES if c in used):
        labels[f"~legend-{change}"] = f"Legend: {change}"
        classes[f"~legend-{change}"] = change
    links = {(e.source, e.target, e.relation): str(e.change) for e in diagram.edges if e.change in _LINK_STYLES}
    return flowchart(
        diagram.title,
        diagram.describe(),
        labels,
        edges,
        classes=classes,
        link_styles=links,
        direction=diagram.direction,
    )


def fits_mermaid(diagram: Diagram) -> bool:
    """Whether GitHub's Mermaid draws the diagram: at most 500 lines and 50,000 characters."""
    if len(diagram.edges) > MAX_EDGES:
        return False
    return len(_diagram_text(diagram)) <= MAX_CHARS


def diagram_mermaid_parts(diagram: Diagram) -> list[str]:
    """The diagram as one or more Mermaid flowcharts: itself where GitHub draws it, else an overview of its top
    levels and parts as large as GitHub draws, divided by the rule every diagram follows
    (`govgraph.sheets.split_sheets`, with `fits_mermaid`).

    Raises:
        ParameterError: a part is still too large for GitHub's Mermaid.
    """
    return [diagram_mermaid(part) for part in split_sheets(diagram, fits_mermaid)]


def diagram_mermaid(diagram: Diagram) -> str:
    """A view (`govgraph.views.select_view`) as a Mermaid flowchart: the same bodies and lines as its DOT, with
    closed bodies grey, bodies under review outlined, and its structure in words as `accDescr`.

    Raises:
        ParameterError: the diagram is larger than GitHub draws (500 edges, 50,000 characters); the message
            suggests a focused view, naming the view's parameters.
    """
    if len(diagram.edges) > MAX_EDGES:
        raise _too_large(f"{len(diagram.edges)} lines is more than the {MAX_EDGES}")
    text = _diagram_text(diagram)
    if len(text) > MAX_CHARS:
        raise _too_large(f"{len(text)} characters is more than the {MAX_CHARS}")
    return text


def _too_large(size: str) -> ParameterError:
    return ParameterError(
        "{size} that GitHub's Mermaid draws; draw a smaller view ({focus} BODY {up} N {down} N, {kinds} or "
        "{relations}), or add {split}",
        parameters=("focus", "up", "down", "kinds", "relations", "split"),
        values={"size": size},
    )
