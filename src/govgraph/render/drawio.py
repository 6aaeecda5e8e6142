"""A diagram as a diagrams.net (draw.io) file: native shapes, labels and connectors at the positions Graphviz chose.

Every body is a shape whose id is the body's id (with its kind and status as properties, under Edit Data), every
line a connector from one body to the other, so moving a box in diagrams.net takes its lines with it. Shapes,
fills, outlines, line styles (dashed dotted lines, dotted steering lines), arrowheads and labels are read from the
engine's drawing (`govgraph.render.engine_layout`), so the file looks as the SVG does. Ids of the other cells (lines,
frames, the legend) start with `_`, which no body id can.

The file is uncompressed XML, which diagrams.net reads and writes; the same model gives the same bytes.
"""

from __future__ import annotations

import html
import itertools
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Mapping

from govgraph.render.engine_layout import Layout, Line, Shape, Text
from govgraph.views import Diagram

#: Graphviz shapes as diagrams.net styles; anything else is a rectangle.
_SHAPES: Mapping[str, str] = {
    "box": "rounded=0",
    "rect": "rounded=0",
    "rectangle": "rounded=0",
    "square": "rounded=0",
    "component": "rounded=0",
    "box3d": "shape=cube;size=6;darkOpacity=0.05",
    "ellipse": "ellipse",
    "oval": "ellipse",
    "circle": "ellipse",
    "egg": "ellipse",
    "hexagon": "shape=hexagon;perimeter=hexagonPerimeter2;fixedSize=1;size=16",
    "parallelogram": "shape=parallelogram;perimeter=parallelogramPerimeter;fixedSize=1;size=14",
    "note": "shape=note;size=12",
    "folder": "shape=folder;tabWidth=36;tabHeight=8;tabPosition=right",
    "tab": "shape=folder;tabWidth=28;tabHeight=8;tabPosition=left",
    "cds": "shape=step;perimeter=stepPerimeter;fixedSize=1;size=10",
}
_ARROWS: Mapping[str, str] = {
    "normal": "endArrow=block;endFill=1",
    "empty": "endArrow=block;endFill=0",
    "onormal": "endArrow=block;endFill=0",
    "open": "endArrow=open;endFill=0",
    "vee": "endArrow=open;endFill=0",
    "none": "endArrow=none",
    "dot": "endArrow=oval;endFill=1",
    "odot": "endArrow=oval;endFill=0",
    "diamond": "endArrow=diamond;endFill=1",
    "odiamond": "endArrow=diamond;endFill=0",
}
_DASHES: Mapping[str, str] = {
    "solid": "dashed=0",
    "dashed": "dashed=1;dashPattern=6 4",
    "dotted": "dashed=1;dashPattern=1 3",
}


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _style(parts: Iterable[str], values: Mapping[str, object]) -> str:
    items = [p for p in parts if p]
    items += [f"{k}={v}" for k, v in values.items() if v is not None]
    return ";".join(items) + ";"


def _font(texts: Iterable[Text]) -> str:
    faces = Counter(t.face for t in texts)
    face = faces.most_common(1)[0][0] if faces else "Helvetica"
    return face.split("-")[0] or "Helvetica"


def _label(texts: tuple[Text, ...]) -> tuple[str, float, str]:
    """The HTML label of a cell (one line per line of text), its main font size and colour."""
    if not texts:
        return "", 11.0, "#000000"
    sizes = Counter(t.size for t in texts)
    size = sizes.most_common(1)[0][0]
    colour = Counter(t.colour for t in texts).most_common(1)[0][0]
    lines = []
    for text in texts:
        line = html.escape(text.text)
        if text.bold:
            line = f"<b>{line}</b>"
        if text.italic:
            line = f"<i>{line}</i>"
        if text.size != size or text.colour != colour:
            line = f'<font style="font-size: {_number(text.size)}px" color="{text.colour}">{line}</font>'
        lines.append(line)
    return "<br>".join(lines), size, colour


def _outline(shape: Shape) -> dict[str, object]:
    return {
        "fillColor": shape.fill or "none",
        "strokeColor": shape.stroke or "none",
        "strokeWidth": _number(shape.stroke_width),
    }


def _point(parent: ET.Element, point: tuple[float, float], role: str | None = None) -> None:
    attributes = {"x": _number(point[0]), "y": _number(point[1])}
    if role is not None:
        attributes["as"] = role
    ET.SubElement(parent, "mxPoint", attributes)


class _File:
    def __init__(self, layout: Layout, title: str) -> None:
        self.file = ET.Element("mxfile", host="govgraph", type="device")
        diagram = ET.SubElement(self.file, "diagram", id="govgraph", name=title)
        model = ET.SubElement(
            diagram,
            "mxGraphModel",
            grid="1",
            gridSize="10",
            guides="1",
            tooltips="1",
            connect="1",
            arrows="1",
            fold="1",
            page="1",
            pageScale="1",
            pageWidth=_number(layout.width),
            pageHeight=_number(layout.height),
            math="0",
            shadow="0",
        )
        self.root = ET.SubElement(model, "root")
        ET.SubElement(self.root, "mxCell", id="0")
        ET.SubElement(self.root, "mxCell", {"id": "1", "parent": "0"})
        self.count = 0

    def next_id(self, what: str) -> str:
        self.count += 1
        return f"_{what}-{self.count}"

    def vertex(
        self,
        cell_id: str,
        label: str,
        style: str,
        box: tuple[float, float, float, float],
        properties: Mapping[str, str] | None = None,
    ) -> None:
        holder = ET.SubElement(self.root, "object", id=cell_id, label=label)
        for key, value in (properties or {}).items():
            holder.set(key, value)
        cell = ET.SubElement(holder, "mxCell", {"style": style, "vertex": "1", "parent": "1"})
        x, y, width, height = box
        size = {"x": _number(x), "y": _number(y), "width": _number(width), "height": _number(height)}
        ET.SubElement(cell, "mxGeometry", {**size, "as": "geometry"})

    def text(self, text: Text, what: str) -> None:
        label, size, colour = _label((text,))
        width = max(text.width, 1.0) + 4
        left = {"l": text.x, "r": text.x - width}.get(text.align, text.x - width / 2)
        style = _style(
            ["text", "html=1", "whiteSpace=nowrap", "strokeColor=none", "fillColor=none"],
            {
                "align": {"l": "left", "r": "right"}.get(text.align, "center"),
                "verticalAlign": "middle",
                "fontFamily": _font((text,)),
                "fontSize": _number(size),
                "fontColor": colour,
                "spacing": 0,
            },
        )
        self.vertex(self.next_id(what), label, style, (left, text.y - text.size, width, text.size * 1.3))

    def shape(self, shape: Shape) -> None:
        label, size, colour = _label(shape.text)
        base = "rounded=1" if shape.rounded else _SHAPES.get(shape.shape, "rounded=0")
        values: dict[str, object] = {
            **_outline(shape),
            "fontFamily": _font(shape.text),
            "fontSize": _number(size),
            "fontColor": colour,
        }
        if shape.shape == "cluster":
            top = shape.text[0].y < shape.y + shape.height / 2 if shape.text else True
            values |= {"verticalAlign": "top" if top else "bottom", "container": 0, "collapsible": 0}
        elif shape.shape == "rect":
            align = shape.text[0].align if shape.text else "c"
            values |= {"align": {"l": "left", "r": "right"}.get(align, "center"), "spacingLeft": 4}
        style = _style([base, "html=1", "whiteSpace=wrap", _DASHES[shape.dash]], values)
        box = (shape.x, shape.y, shape.width, shape.height)
        if shape.body is None:
            self.vertex(self.next_id("frame" if shape.shape == "cluster" else "legend"), label, style, box)
            return
        properties = {"tooltip": shape.tooltip or ""}
        for name in shape.classes:
            for prefix in ("kind-", "status-"):
                if name.startswith(prefix):
                    properties[prefix[:-1]] = name.removeprefix(prefix)
        self.vertex(shape.body, label, style, box, properties)

    def line(self, line: Line) -> None:
        label, size, colour = _label(line.label)
        style = _style(
            [
                "edgeStyle=none",
                "curved=1",
                "rounded=0",
                "html=1",
                _ARROWS.get(line.arrow, "endArrow=block;endFill=1"),
                _DASHES[line.dash],
            ],
            {
                "endSize": _number(6 * line.arrow_size),
                "strokeColor": line.colour,
                "strokeWidth": _number(line.width),
                "fontFamily": _font(line.label),
                "fontSize": _number(size),
                "fontColor": colour,
                "labelBackgroundColor": "none",
            },
        )
        holder = ET.SubElement(self.root, "object", id=self.next_id("line"), label=label)
        if line.relation:
            holder.set("relation", line.relation)
        attributes = {"style": style, "edge": "1", "parent": "1"}
        if line.source:
            attributes["source"] = line.source
        if line.target:
            attributes["target"] = line.target
        cell = ET.SubElement(holder, "mxCell", attributes)
        geometry = ET.SubElement(cell, "mxGeometry", {"relative": "1", "as": "geometry"})
        if line.label:
            # Where the engine put the label: diagrams.net places a label by its fraction along the line (-1 to 1)
            # and an offset from there.
            along, (dx, dy) = _along(line, _centre(line.label))
            geometry.set("x", _number(along))
            _point(geometry, (dx, dy), "offset")
        if line.source is None:
            _point(geometry, line.points[0], "sourcePoint")
        if line.target is None:
            end = line.points[-1]
            _point(geometry, end, "targetPoint")
        if line.waypoints:
            points = ET.SubElement(geometry, "Array", {"as": "points"})
            for point in line.waypoints:
                _point(points, point)

    def text_bytes(self) -> str:
        ET.indent(self.file)
        return ET.tostring(self.file, encoding="unicode") + "\n"


def _centre(texts: tuple[Text, ...]) -> tuple[float, float]:
    xs = [t.x for t in texts]
    ys = [t.y - t.size / 3 for t in texts]
    return (sum(xs) / len(xs), sum(ys) / len(ys))


def _along(line: Line, point: tuple[float, float]) -> tuple[float, tuple[float, float]]:
    """Where `point` lies along the line drawn through its ends and waypoints: the fraction (-1 at its start, 1 at
    its end) of the nearest point of it, and the offset from there to `point`."""
    path = [line.points[0], *line.waypoints, line.points[-1]]
    best = (float("inf"), 0.0, (0.0, 0.0))
    walked = 0.0
    lengths = [((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5 for a, b in itertools.pairwise(path)]
    total = sum(lengths) or 1.0
    for (a, b), length in zip(itertools.pairwise(path), lengths, strict=True):
        t = 0.0
        if length:
            t = max(0.0, min(1.0, ((point[0] - a[0]) * (b[0] - a[0]) + (point[1] - a[1]) * (b[1] - a[1])) / length**2))
        near = (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
        distance = (point[0] - near[0]) ** 2 + (point[1] - near[1]) ** 2
        if distance < best[0]:
            best = (distance, walked + t * length, (point[0] - near[0], point[1] - near[1]))
        walked += length
    return 2 * best[1] / total - 1, best[2]


def layout_drawio(layout: Layout, title: str) -> str:
    """The diagrams.net file of a drawing (see the module docstring)."""
    out = _File(layout, title)
    frames = [s for s in layout.shapes if s.shape == "cluster"]
    for shape in frames:
        out.shape(shape)
    for line in layout.lines:
        out.line(line)
    for shape in layout.shapes:
        if shape.shape != "cluster":
            out.shape(shape)
    for text in layout.title:
        out.text(text, "title")
    for text in layout.texts:
        out.text(text, "text")
    return out.text_bytes()


def diagram_drawio(diagram: Diagram, *, engine: str | None = None) -> str:
    """`diagram` as a diagrams.net file, laid out by the Graphviz engine.

    Raises:
        EngineNotFound, EngineFailed: see `govgraph.render.engine_layout.diagram_layout`.
    """
    from govgraph.render.engine_layout import diagram_layout

    return layout_drawio(diagram_layout(diagram, engine=engine), diagram.title)
