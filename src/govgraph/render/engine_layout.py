"""The drawing Graphviz made of a diagram, as plain values: where each box, line and piece of text is.

The editable formats (diagrams.net, PowerPoint) are redrawn from this rather than from the SVG, with native shapes
and lines at the positions the engine chose. It comes from the engine's `-Tjson` output (both the system `dot`
and graphviz-pure write it): each node's position and size, each line's spline, and the drawing operations
(xdot) of every box, arrowhead and label, which give the colours, line styles and text exactly as the SVG has
them. Reading the drawing rather than the model means the editable formats follow whatever the DOT says (shapes,
fills, legend), with no second copy of its styles.

Coordinates are points (1/72 inch) from the top left of the drawing, as an editor counts them (Graphviz counts
from the bottom left).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from govgraph.views import Diagram

Dash = Literal["solid", "dashed", "dotted"]
Point = tuple[float, float]
_POINT = 72.0


@dataclass(frozen=True)
class Text:
    """One line of text: `x`, `y` is where it is anchored on its baseline, as `align` says (l, c, r)."""

    text: str
    x: float
    y: float
    size: float
    face: str
    colour: str
    align: str = "c"
    width: float = 0.0
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Shape:
    """A box: a body (`body` is its id), a cluster's frame or a cell of a table (the legend).

    `shape` is the Graphviz shape name (`box`, `hexagon`...; `rect` for a table cell, `cluster` for a frame).
    A colour is `#RRGGBB`, or None for none.
    """

    x: float
    y: float
    width: float
    height: float
    shape: str
    fill: str | None
    stroke: str | None
    stroke_width: float = 1.0
    dash: Dash = "solid"
    rounded: bool = False
    text: tuple[Text, ...] = ()
    body: str | None = None
    classes: tuple[str, ...] = ()
    tooltip: str | None = None


@dataclass(frozen=True)
class Mark:
    """A mark the engine drew at a line's end (an arrowhead, a diamond, a dot): a polygon through `points`, or an
    ellipse in the box of its first two points (top left, bottom right) where `ellipse`; `filled` where it is
    solid (an open mark is drawn with the pen only). A `junction` mark is the dot where lines into one body join,
    which a line carried on through it (`_through_junctions`) keeps."""

    points: tuple[Point, ...]
    colour: str
    filled: bool
    width: float = 1.0
    ellipse: bool = False
    junction: bool = False


@dataclass(frozen=True)
class Line:
    """A line drawn by the engine: its spline (cubic Bezier control points: start, then three points per
    segment), arrowhead, style and label. `source` and `target` are body ids where its ends are bodies."""

    points: tuple[Point, ...]
    source: str | None
    target: str | None
    colour: str
    width: float = 1.0
    dash: Dash = "solid"
    arrow: str = "normal"
    arrow_size: float = 1.0
    label: tuple[Text, ...] = ()
    classes: tuple[str, ...] = ()
    marks: tuple[Mark, ...] = ()

    @property
    def relation(self) -> str | None:
        """The relation the line draws (from its class `relation-<name>`), if it says."""
        return next((c.removeprefix("relation-") for c in self.classes if c.startswith("relation-")), None)

    @property
    def waypoints(self) -> tuple[Point, ...]:
        """The points the spline passes through between its two ends (where its segments join)."""
        return self.points[3:-1:3]


@dataclass(frozen=True)
class Layout:
    """A whole drawing: its size, title, boxes (frames first, so they lie behind) and lines.

    `title` is every piece of text in the drawing's label (its title, and the words of the legend under it);
    `legend` the legend's samples: a box of each kind's fill, and a short stroke of each line style."""

    width: float
    height: float
    title: tuple[Text, ...] = ()
    shapes: tuple[Shape, ...] = ()
    lines: tuple[Line, ...] = ()
    texts: tuple[Text, ...] = field(default=())
    legend: tuple[Shape | Line, ...] = ()

    @property
    def bodies(self) -> tuple[Shape, ...]:
        """The boxes that are bodies."""
        return tuple(s for s in self.shapes if s.body is not None)


def _colour(value: str | None) -> str | None:
    """`#RRGGBB` from the engine's `#rrggbb` or `#rrggbbaa` (None when fully transparent)."""
    if not value or not value.startswith("#"):
        return None
    if len(value) == 9 and value[7:] == "00":
        return None
    return "#" + value[1:7].upper()


def _numbers(text: str) -> list[float]:
    return [float(v) for v in text.replace(",", " ").split()]


class _Ops:
    """The state of a run of xdot operations: pen and fill colour, line style and width, font."""

    def __init__(self) -> None:
        self.pen: str | None = "#000000"
        self.fill: str | None = None
        self.width = 1.0
        self.dash: Dash = "solid"
        self.size = 14.0
        self.face = "Times-Roman"
        self.flags = 0

    def apply(self, op: Mapping[str, Any]) -> None:
        kind = op["op"]
        if kind == "c":
            self.pen = _colour(op.get("color"))
        elif kind == "C":
            self.fill = _colour(op.get("color"))
        elif kind == "S":
            style = str(op.get("style", ""))
            if style.startswith("setlinewidth("):
                self.width = float(style[len("setlinewidth(") : -1])
            elif style.split("(")[0] in ("dashed", "dotted", "solid"):
                # The system `dot` writes a table cell's `dashed` with a list of names after it.
                self.dash = style.split("(")[0]  # type: ignore[assignment]
        elif kind == "F":
            self.size = float(op.get("size", self.size))
            self.face = str(op.get("face", self.face))
        elif kind == "t":
            self.flags = int(op.get("fontchar", 0))


def _paint(cells: dict[tuple[float, ...], dict[str, Any]], op: Mapping[str, Any], state: _Ops) -> tuple[float, ...]:
    """Add what a polygon or rounded-box drawing op paints (its fill, or its outline) to the cell of its extent in
    `cells` (a table's cells, the legend's samples: each drawn filled, then outlined, by the same points); return
    that extent, the cell's key."""
    xs = [p[0] for p in op["points"]]
    ys = [p[1] for p in op["points"]]
    key = (min(xs), min(ys), max(xs), max(ys))
    cell = cells.setdefault(key, {"fill": None, "stroke": None, "width": 1.0, "dash": "solid", "rounded": False})
    cell["rounded"] = op["op"] in ("B", "b")
    if op["op"] in ("P", "B"):
        cell["fill"] = state.fill
    else:
        cell["stroke"], cell["width"], cell["dash"] = state.pen, state.width, state.dash
    return key


def _cell(bounds: tuple[Point, Point], style: Mapping[str, Any], text: tuple[Text, ...] = ()) -> Shape:
    """A painted cell (`_paint`) as a box at `bounds` (top left, bottom right)."""
    (x, y), (right, bottom) = bounds
    return Shape(
        x,
        y,
        round(right - x, 2),
        round(bottom - y, 2),
        "rect",
        style["fill"],
        style["stroke"],
        style["width"],
        style["dash"],
        style["rounded"],
        text=text,
    )


class _Reader:
    def __init__(self, data: Mapping[str, Any], bodies: Iterable[str]) -> None:
        self.data = data
        self.bodies = set(bodies)
        x0, y0, x1, y1 = _numbers(str(data.get("bb", "0,0,0,0")))
        self.left, self.top = x0, y1
        self.width, self.height = x1 - x0, y1 - y0

    def point(self, x: float, y: float) -> Point:
        return (round(x - self.left, 2), round(self.top - y, 2))

    def texts(self, ops: Sequence[Mapping[str, Any]]) -> list[Text]:
        state = _Ops()
        found = []
        for op in ops:
            state.apply(op)
            if op["op"] == "T":
                x, y = self.point(*op["pt"])
                bold = bool(state.flags & 1) or "bold" in state.face.lower()
                italic = bool(state.flags & 2) or "italic" in state.face.lower() or "oblique" in state.face.lower()
                found.append(
                    Text(
                        str(op["text"]),
                        x,
                        y,
                        state.size,
                        state.face,
                        state.pen or "#000000",
                        str(op.get("align", "c")),
                        float(op.get("width", 0.0)),
                        bold,
                        italic,
                    )
                )
        return found

    def outline(self, ops: Sequence[Mapping[str, Any]]) -> tuple[str | None, str | None, float, Dash]:
        """The fill, pen colour, width and line style a box is drawn with."""
        state = _Ops()
        fill: str | None = None
        pen: str | None = None
        width, dash = 1.0, "solid"
        drawn = False
        for op in ops:
            state.apply(op)
            if op["op"] in ("P", "E", "B") and fill is None:
                fill = state.fill
            if op["op"] in ("P", "p", "E", "e", "B", "b", "L") and not drawn:
                drawn = True
                pen, width, dash = state.pen, state.width, state.dash
        return fill, pen, width, dash  # type: ignore[return-value]

    def box(self, node: Mapping[str, Any]) -> Shape:
        cx, cy = _numbers(node["pos"])
        width = float(node.get("width", 0.75)) * _POINT
        height = float(node.get("height", 0.5)) * _POINT
        x, y = self.point(cx - width / 2, cy + height / 2)
        fill, pen, line_width, dash = self.outline(node.get("_draw_", ()))
        name = str(node.get("name", ""))
        style = str(node.get("style", ""))
        return Shape(
            x,
            y,
            round(width, 2),
            round(height, 2),
            str(node.get("shape", "ellipse")),
            fill,
            pen,
            line_width,
            dash,
            "rounded" in style,
            tuple(_lines(self.texts(node.get("_ldraw_", ())))),
            name if name in self.bodies else None,
            tuple(str(node.get("class", "")).split()),
            node.get("tooltip"),
        )

    def table(self, node: Mapping[str, Any]) -> tuple[list[Shape], list[Text]]:
        """The cells of an HTML-like label (a table, as the legend is), each with the text inside it."""
        state = _Ops()
        cells: dict[tuple[float, ...], dict[str, Any]] = {}
        texts: list[Text] = []
        for op in node.get("_ldraw_", ()):
            state.apply(op)
            if op["op"] in ("P", "p"):
                _paint(cells, op, state)
            elif op["op"] == "T":
                texts.extend(self.texts([{"op": "F", "size": state.size, "face": state.face}, _pen(state), op]))
        shapes = []
        free = list(texts)
        for key, style in cells.items():
            bounds = self.cell_bounds(key, style)
            if bounds is None:
                continue
            (x, y), (right, bottom) = bounds
            inside = [t for t in free if x <= t.x <= right and y <= t.y <= bottom]
            free = [t for t in free if t not in inside]
            shapes.append(_cell(bounds, style, tuple(inside)))
        return shapes, free

    def cell_bounds(self, key: tuple[float, ...], style: Mapping[str, Any]) -> tuple[Point, Point] | None:
        """The top left and bottom right (points) of a cell painted by `_paint`, or None where it shows nothing."""
        if style["fill"] is None and style["stroke"] is None:
            return None
        x0, y0, x1, y1 = key
        return self.point(x0, y1), self.point(x1, y0)

    def marks(self, ops: Sequence[Mapping[str, Any]]) -> list[Mark]:
        """The arrowheads (or other end marks) in a line's head or tail drawing."""
        state = _Ops()
        found = []
        for op in ops:
            state.apply(op)
            colour = state.pen or "#000000"
            if op["op"] in ("P", "p"):
                points = tuple(self.point(*p) for p in op["points"])
                found.append(Mark(points, colour, op["op"] == "P", state.width))
            elif op["op"] in ("E", "e"):
                cx, cy, rx, ry = (float(v) for v in op["rect"])
                box = (self.point(cx - rx, cy + ry), self.point(cx + rx, cy - ry))
                found.append(Mark(box, colour, op["op"] == "E", state.width, ellipse=True))
        return found

    def legend(self, ops: Sequence[Mapping[str, Any]]) -> list[Shape | Line]:
        """The samples drawn in the drawing's label (the legend): boxes (filled, then outlined, by the same points)
        and strokes, in the order drawn."""
        state = _Ops()
        boxes: dict[tuple[float, ...], dict[str, Any]] = {}
        found: list[Shape | Line | tuple[float, ...]] = []
        for op in ops:
            state.apply(op)
            if op["op"] in ("P", "p", "B", "b"):
                known = len(boxes)
                key = _paint(boxes, op, state)
                if len(boxes) > known:  # a sample not seen before, in the order drawn
                    found.append(key)
            elif op["op"] == "L" and len(op["points"]) == 2:
                start, end = (self.point(*p) for p in op["points"])
                found.append(
                    Line((start, start, end, end), None, None, state.pen or "#000000", state.width, state.dash, "none")
                )
        samples: list[Shape | Line] = []
        for item in found:
            if not isinstance(item, tuple):
                samples.append(item)
                continue
            bounds = self.cell_bounds(item, boxes[item])
            if bounds is not None:
                samples.append(_cell(bounds, boxes[item]))
        return samples

    def cluster(self, graph: Mapping[str, Any]) -> Shape:
        x0, y0, x1, y1 = _numbers(graph["bb"])
        x, y = self.point(x0, y1)
        fill, pen, width, dash = self.outline(graph.get("_draw_", ()))
        return Shape(
            x,
            y,
            round(x1 - x0, 2),
            round(y1 - y0, 2),
            "cluster",
            fill,
            pen,
            width,
            dash,
            "rounded" in str(graph.get("style", "")),
            tuple(self.texts(graph.get("_ldraw_", ()))),
        )

    def line(self, edge: Mapping[str, Any], names: Mapping[int, str]) -> Line | None:
        spline = next((op for op in edge.get("_draw_", ()) if op["op"] in ("b", "B")), None)
        if spline is None:
            return None
        state = _Ops()
        for op in edge.get("_draw_", ()):
            state.apply(op)
            if op is spline:
                break
        points = [self.point(*p) for p in spline["points"]]
        for end in str(edge.get("pos", "")).split():
            # An arrowhead's tip: the spline stops short of it, so a straight segment is added to reach it.
            if end.startswith("e,"):
                tip = self.point(*_numbers(end[2:]))
                points += [points[-1], tip, tip]
            elif end.startswith("s,"):
                tip = self.point(*_numbers(end[2:]))
                points = [tip, tip, points[0], *points]
        tail, head = names.get(int(edge["tail"]), ""), names.get(int(edge["head"]), "")
        return Line(
            tuple(points),
            tail if tail in self.bodies else None,
            head if head in self.bodies else None,
            state.pen or "#000000",
            state.width,
            state.dash,
            str(edge.get("arrowhead", "normal")),
            float(edge.get("arrowsize", 1.0)),
            tuple(self.texts(edge.get("_ldraw_", ()))),
            tuple(str(edge.get("class", "")).split()),
            (*self.marks(edge.get("_tdraw_", ())), *self.marks(edge.get("_hdraw_", ()))),
        )


def _lines(texts: list[Text]) -> list[Text]:
    """Pieces of text on one line (an HTML-like label writes a bold word and the rest apart) joined as one line."""
    joined: list[Text] = []
    for text in texts:
        last = joined[-1] if joined else None
        if last is not None and abs(last.y - text.y) < 0.5 and last.align == text.align:
            joined[-1] = Text(
                # The engine keeps each piece's own spaces (`<b>Board</b> of x` is "Board" and " of x").
                last.text + text.text if text.x > last.x else text.text + last.text,
                (last.x + text.x) / 2 if text.align == "c" else min(last.x, text.x),
                last.y,
                max(last.size, text.size),
                last.face,
                last.colour,
                last.align,
                last.width + text.width,
                last.bold and text.bold,
                last.italic and text.italic,
            )
        else:
            joined.append(text)
    return joined


def _pen(state: _Ops) -> dict[str, Any]:
    return {"op": "c", "color": state.pen or "#000000"}


def parse_layout(data: bytes, bodies: Iterable[str]) -> Layout:
    """The drawing in an engine's `-Tjson` output (`bodies`: the node names that are bodies).

    Raises:
        ValueError: the data is not the JSON of a Graphviz layout.
    """
    try:
        graph = json.loads(data)
    except json.JSONDecodeError as exc:
        raise ValueError(f"the engine's layout is not JSON ({exc})") from None
    if not isinstance(graph, dict) or "bb" not in graph:
        raise ValueError("the engine's layout has no bounding box")
    reader = _Reader(graph, bodies)
    objects = graph.get("objects", [])
    names = {int(o["_gvid"]): str(o.get("name", "")) for o in objects if "_gvid" in o}
    frames: list[Shape] = []
    boxes: list[Shape] = []
    cells: list[Shape] = []
    texts: list[Text] = []
    for item in objects:
        if ("bb" in item and "nodes" in item) or str(item.get("name", "")).startswith("cluster"):
            if "bb" in item:
                frames.append(reader.cluster(item))
            continue
        if "pos" not in item or item.get("shape") == "point":
            continue
        name = str(item.get("name", ""))
        html_label = str(item.get("label", "")).startswith("<")
        if name not in reader.bodies and item.get("shape") in ("plaintext", "plain", "none") and html_label:
            found, free = reader.table(item)
            cells.extend(found)
            texts.extend(free)
            continue
        boxes.append(reader.box(item))
    junctions = {
        int(o["_gvid"]): tuple(replace(m, junction=True) for m in reader.marks(o.get("_draw_", ())))
        for o in objects
        if "_gvid" in o and "junction" in str(o.get("class", "")).split()
    }
    return Layout(
        round(reader.width, 2),
        round(reader.height, 2),
        tuple(reader.texts(graph.get("_ldraw_", ()))),
        (*frames, *boxes, *cells),
        tuple(_through_junctions(reader, graph.get("edges", []), names, junctions)),
        tuple(texts),
        tuple(reader.legend(graph.get("_ldraw_", ()))),
    )


def _through_junctions(
    reader: _Reader,
    edges: Sequence[Mapping[str, Any]],
    names: Mapping[int, str],
    junctions: Mapping[int, tuple[Mark, ...]],
) -> list[Line]:
    """Every line from a box, each carried on through the junctions it meets to the box it ends at.

    An org chart joins the lines into a body with many below it at junctions (`govgraph.render.org_chart`): each
    body's line goes up to a point, and one line goes on from there. An editor needs a connector from each body
    to the body it reports to, which moves with both, so each body's line is joined to the lines it goes on by
    (the trunks draw nothing of their own); it keeps its own colour and dashes (an ended line stays grey)."""
    drawn = [(edge, line) for edge in edges if (line := reader.line(edge, names)) is not None]
    onward = {int(edge["tail"]): (edge, line) for edge, line in drawn if int(edge["tail"]) in junctions}
    lines: list[Line] = []
    for edge, line in drawn:
        if int(edge["tail"]) in junctions:
            continue
        head, seen = int(edge["head"]), set()
        while head in junctions and head in onward and head not in seen:
            seen.add(head)
            after_edge, after = onward[head]
            line = _joined(line, after, junctions[head])
            head = int(after_edge["head"])
        lines.append(line)
    return lines


def _joined(line: Line, after: Line, dot: tuple[Mark, ...] = ()) -> Line:
    """`line` carried on by `after` (which starts where `line` ends, at a junction, drawn as `dot`): one spline,
    `after`'s end and arrowhead, `line`'s style."""
    first, rest = list(line.points), list(after.points)
    # Bezier control points: the start, then three a segment. A short straight segment bridges any gap.
    bridge = [] if first[-1] == rest[0] else [first[-1], rest[0], rest[0]]
    return replace(
        line,
        points=(*first, *bridge, *rest[1:]),
        target=after.target,
        arrow=after.arrow,
        arrow_size=after.arrow_size,
        marks=(*line.marks, *dot, *after.marks),
    )


def diagram_layout(
    diagram: Diagram, *, engine: str | None = None, dot: str | None = None, timeout: float | None = None
) -> Layout:
    """Lay `diagram` out with the Graphviz engine and read back its drawing.

    Args:
        engine: the Graphviz command (see `govgraph.render.engine.find_engine`).
        dot: the diagram's DOT, where the caller has built it already.
        timeout: seconds the engine may take.

    Raises:
        EngineNotFound, EngineFailed: see `govgraph.render.engine.run_engine`; also EngineFailed when the engine's
            layout cannot be read.
    """
    from govgraph.errors import EngineFailed
    from govgraph.render.dot import diagram_dot
    from govgraph.render.engine import DEFAULT_TIMEOUT, find_engine, run_engine

    data = run_engine(
        diagram_dot(diagram) if dot is None else dot, "json", engine=engine, timeout=timeout or DEFAULT_TIMEOUT
    )
    try:
        return parse_layout(data, (n.id for n in diagram.nodes))
    except ValueError as exc:
        raise EngineFailed(engine=find_engine(engine), reason=str(exc)) from None
