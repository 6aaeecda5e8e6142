"""A diagram as a PowerPoint slide (`govgraph render --format pptx`): native shapes and lines, where
Graphviz put them; the one module that imports python-pptx.

The slide is widescreen (16:9), titled with the diagram's title, with the drawing scaled to fit below it and the
SVG's legend (a sample of each kind's fill and each line style, with its words) under the title. Every body is a box
named with the body's id (PowerPoint's Selection Pane lists them; its full name is the box's alternative text) and
filled and outlined as in the SVG, its lines of text as the engine set them. Boxes are rectangles (rounded where the
SVG's are, and for other shapes); the kind is in their fill and label.

Every line follows the route the engine chose (its Bezier curve, as a freeform), so it passes round the boxes it
does not join as in the SVG, solid, dashed or dotted, ending in the mark the engine drew (a solid arrowhead, an open
one, a scrutiny line's open diamond, a dot); each is a group named `relation: source to target` (the body ids),
holding the line, its mark and its label. A connector glued to the boxes would move with them, but a glued connector
is a preset straight, elbow or curved line (LibreOffice redraws even one given its own path as an elbow), which
cannot go round the boxes between as the engine's route does: so the lines are not glued. Lines joined at a
junction (many bodies into one) share a trunk, drawn once with the first of them.

A drawing too large for one readable slide is still drawn, and a warning says how small its text came out.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Mapping
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from govgraph.render.engine_layout import Layout, Line, Mark, Point, Shape, Text
from govgraph.stablezip import fixed_times
from govgraph.views import Diagram

_WIDTH = Emu(12192000)  # 13.333 in: PowerPoint's widescreen slide
_HEIGHT = Emu(6858000)  # 7.5 in
_MARGIN = Pt(24)
_TITLE_HEIGHT = Pt(40)
#: Below this, text on a slide cannot be read from the back of a room (or easily on a laptop).
READABLE_PT = 8.0
_EMU_PER_PT = 12700

_DASH: Mapping[str, MSO_LINE_DASH_STYLE | None] = {
    "solid": None,
    "dashed": MSO_LINE_DASH_STYLE.DASH,
    "dotted": MSO_LINE_DASH_STYLE.ROUND_DOT,
}
_FONTS: Mapping[str, str] = {"Helvetica": "Arial", "Times-Roman": "Times New Roman", "Courier": "Courier New"}


class SlideWarning(UserWarning):
    """The drawing fits the slide only with text too small to read."""


def _rgb(colour: str) -> RGBColor:
    value = colour.lstrip("#")
    return RGBColor(int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))  # type: ignore[no-untyped-call]


class _Slide:
    def __init__(self, layout: Layout, title: str) -> None:
        self.deck = Presentation()
        self.deck.slide_width, self.deck.slide_height = _WIDTH, _HEIGHT
        properties = self.deck.core_properties
        properties.title = title
        properties.author = properties.last_modified_by = "govgraph"
        properties.revision = 1
        # Fixed dates: the same diagram gives the same file (python-pptx would stamp the time of writing).
        import datetime as dt

        properties.created = properties.modified = dt.datetime(2000, 1, 1)
        blank = self.deck.slide_layouts[6]
        self.slide = self.deck.slides.add_slide(blank)
        self.title(title)
        area_width = _WIDTH - 2 * _MARGIN
        area_height = _HEIGHT - 2 * _MARGIN - _TITLE_HEIGHT
        self.scale = min(area_width / (layout.width * _EMU_PER_PT), area_height / (layout.height * _EMU_PER_PT))
        self.left = _MARGIN + (area_width - layout.width * _EMU_PER_PT * self.scale) / 2
        self.top = _MARGIN + _TITLE_HEIGHT
        self.drawn: set[object] = set()

    def x(self, value: float) -> Emu:
        return Emu(int(self.left + value * _EMU_PER_PT * self.scale))

    def y(self, value: float) -> Emu:
        return Emu(int(self.top + value * _EMU_PER_PT * self.scale))

    def length(self, value: float) -> Emu:
        return Emu(max(int(value * _EMU_PER_PT * self.scale), 1))

    def size(self, points: float) -> Pt:
        return Pt(round(points * self.scale * 2) / 2 or 0.5)

    def title(self, text: str) -> None:
        box = self.slide.shapes.add_textbox(_MARGIN, _MARGIN, _WIDTH - 2 * _MARGIN, _TITLE_HEIGHT)
        box.name = "Title"
        frame = box.text_frame
        frame.word_wrap = True
        paragraph = frame.paragraphs[0]
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(24)
        run.font.bold = True
        run.font.name = "Arial"

    def fill_text(self, frame: object, texts: tuple[Text, ...], align: str = "c") -> None:
        frame.word_wrap = False  # type: ignore[attr-defined]
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE  # type: ignore[attr-defined]
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, side, Emu(0))
        for i, text in enumerate(texts):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()  # type: ignore[attr-defined]
            paragraph.alignment = {"l": PP_ALIGN.LEFT, "r": PP_ALIGN.RIGHT}.get(align, PP_ALIGN.CENTER)
            run = paragraph.add_run()
            run.text = text.text
            run.font.size = self.size(text.size)
            run.font.bold = text.bold
            run.font.italic = text.italic
            run.font.name = _FONTS.get(text.face.split("-")[0], "Arial")
            run.font.color.rgb = _rgb(text.colour)

    def outline(self, target: object, colour: str | None, width: float, dash: str) -> None:
        line = target.line  # type: ignore[attr-defined]
        if colour is None:
            line.fill.background()
            return
        line.color.rgb = _rgb(colour)
        line.width = Emu(max(int(width * _EMU_PER_PT * max(self.scale, 0.25)), 3175))
        if _DASH[dash] is not None:
            line.dash_style = _DASH[dash]

    def box(self, shape: Shape) -> Any:
        kind = (
            MSO_SHAPE.ROUNDED_RECTANGLE if shape.rounded or shape.shape not in ("box", "rect") else MSO_SHAPE.RECTANGLE
        )
        if shape.shape == "cluster":
            kind = MSO_SHAPE.ROUNDED_RECTANGLE
        item = self.slide.shapes.add_shape(
            kind, self.x(shape.x), self.y(shape.y), self.length(shape.width), self.length(shape.height)
        )
        if kind == MSO_SHAPE.ROUNDED_RECTANGLE:
            # A gentle rounding, whatever the box's size (the default rounds a small box into a pill).
            item.adjustments[0] = min(0.5, 6 / max(min(shape.width, shape.height), 1))
        item.shadow.inherit = False
        if shape.fill is None:
            item.fill.background()
        else:
            item.fill.solid()
            item.fill.fore_color.rgb = _rgb(shape.fill)
        self.outline(item, shape.stroke, shape.stroke_width, shape.dash)
        if shape.shape == "cluster":
            self.frame_label(shape)
        else:
            align = shape.text[0].align if shape.shape == "rect" and shape.text else "c"
            self.fill_text(item.text_frame, shape.text, align)
            if align == "l":
                item.text_frame.margin_left = self.length(shape.text[0].x - shape.x)
        if shape.body is not None:
            item.name = shape.body
            item._element.nvSpPr.cNvPr.set("descr", shape.tooltip or shape.body)
        else:
            item.name = "Legend" if shape.shape == "rect" else "Frame"
        return item

    def frame_label(self, shape: Shape) -> None:
        for text in shape.text:
            self.free_text(text, "Frame label")

    def free_text(self, text: Text, name: str, shapes: Any = None) -> None:
        width = max(text.width, 1.0) + 4
        left = {"l": text.x, "r": text.x - width}.get(text.align, text.x - width / 2)
        box = (shapes or self.slide.shapes).add_textbox(
            self.x(left), self.y(text.y - text.size), self.length(width), self.length(text.size * 1.3)
        )
        box.name = name
        self.fill_text(box.text_frame, (text,), text.align)

    def line(self, line: Line) -> None:
        """A line as the engine routed it (its Bezier curve, so it passes round the boxes it does not join, as in
        the SVG), grouped with its end marks and label under the name of its relation and its two bodies.

        Lines joined at a junction share the trunk from there on: it is drawn once, with the first of them (the
        copies, one over another, would blur it)."""
        segments = [line.points[i : i + 4] for i in range(0, len(line.points) - 3, 3)]
        fresh = [segment for segment in segments if segment not in self.drawn]
        self.drawn.update(fresh)
        marks = [mark for mark in line.marks if mark not in self.drawn]
        self.drawn.update(marks)
        group = self.slide.shapes.add_group_shape()
        group.name = f"{line.relation or 'line'}: {line.source or ''} to {line.target or ''}".strip()
        shapes = group.shapes
        if fresh:
            path = self.path(shapes, _runs(fresh), closed=False, curved=True)
            path.name = "Line"
            path.fill.background()
            self.outline(path, line.colour, line.width, line.dash)
        for mark in marks:
            self.mark(shapes, mark)
        for text in line.label:
            if text not in self.drawn:
                self.drawn.add(text)
                self.free_text(text, "Line label", shapes)

    def path(self, shapes: Any, runs: list[tuple[Point, ...]], *, closed: bool, curved: bool) -> Any:
        """A freeform through each run of points (its start, then three Bezier control points a segment where
        `curved`)."""
        emus = [[(int(self.x(x)), int(self.y(y))) for x, y in run] for run in runs]
        builder = shapes.build_freeform(*emus[0][0], scale=1.0)
        for i, run in enumerate(emus):
            if i:
                builder.move_to(*run[0])
            builder.add_line_segments(run[1:], close=closed)
        shape = builder.convert_to_shape()
        shape.shadow.inherit = False
        if curved:
            # python-pptx writes straight segments only: every three of them become one cubic Bezier segment.
            (drawn,) = shape._element.xpath(".//a:path")
            steps: list[Any] = []
            for step in list(drawn):
                if step.tag == qn("a:lnTo"):
                    steps.append(step)
                else:
                    steps = []
                if len(steps) == 3:
                    curve = drawn.makeelement(qn("a:cubicBezTo"), {})
                    steps[0].addprevious(curve)
                    for each in steps:
                        curve.append(each[0])
                        drawn.remove(each)
                    steps = []
        return shape

    def mark(self, shapes: Any, mark: Mark) -> None:
        """An end mark as the engine drew it; an open one is filled white, so the line under it does not show."""
        if mark.ellipse:
            (x0, y0), (x1, y1) = mark.points[0], mark.points[1]
            item = shapes.add_shape(MSO_SHAPE.OVAL, self.x(x0), self.y(y0), self.length(x1 - x0), self.length(y1 - y0))
            item.shadow.inherit = False
        else:
            item = self.path(shapes, [mark.points], closed=True, curved=False)
        item.name = "Junction" if mark.junction else "End mark"
        item.fill.solid()
        item.fill.fore_color.rgb = _rgb(mark.colour if mark.filled else "#FFFFFF")
        self.outline(item, mark.colour, mark.width, "solid")

    def legend(self, layout: Layout, title: str) -> None:
        """The legend the engine drew under the title: a sample box of each kind and a stroke of each line style,
        each with its words (the title itself is the slide's)."""
        for sample in layout.legend:
            if isinstance(sample, Line):
                (x1, y1), (x2, y2) = sample.points[0], sample.points[-1]
                stroke = self.slide.shapes.add_connector(
                    MSO_CONNECTOR.STRAIGHT, self.x(x1), self.y(y1), self.x(x2), self.y(y2)
                )
                stroke.shadow.inherit = False
                self.outline(stroke, sample.colour, sample.width, sample.dash)
                stroke.name = "Legend sample"
            else:
                self.box(sample).name = "Legend sample"
        for text in layout.title:
            if text.text.strip() and text.text.strip() != title.strip():
                self.free_text(text, "Legend")


def _runs(segments: list[tuple[Point, ...]]) -> list[tuple[Point, ...]]:
    """Bezier segments (four control points each) as runs of joined ones: a run's start, then three points a
    segment."""
    runs: list[list[Point]] = []
    for segment in segments:
        if runs and runs[-1][-1] == segment[0]:
            runs[-1].extend(segment[1:])
        else:
            runs.append(list(segment))
    return [tuple(run) for run in runs]


def layout_pptx(layout: Layout, title: str) -> bytes:
    """The PowerPoint slide of a drawing (see the module docstring); warns (`SlideWarning`) when its text comes
    out smaller than `READABLE_PT`."""
    slide = _Slide(layout, title)
    sizes = [t.size for s in layout.bodies for t in s.text]
    smallest = min(sizes, default=0.0) * slide.scale
    if sizes and smallest < READABLE_PT:
        warnings.warn(
            f"the drawing fits the slide only at {slide.scale:.0%} of its size, so its text is {smallest:.1f} pt: "
            "draw part of it (--focus BODY, --view) for a slide that can be read",
            SlideWarning,
            stacklevel=2,
        )
    for shape in layout.shapes:
        if shape.shape == "cluster":
            slide.box(shape)
    for shape in layout.shapes:
        if shape.shape != "cluster":
            slide.box(shape)
    slide.legend(layout, title)
    for line in layout.lines:
        slide.line(line)
    for text in layout.texts:
        slide.free_text(text, "Text")
    out = io.BytesIO()
    slide.deck.save(out)
    return fixed_times(out.getvalue())


def diagram_pptx(diagram: Diagram, *, engine: str | None = None) -> bytes:
    """`diagram` as a one-slide PowerPoint file, laid out by the Graphviz engine.

    Raises:
        EngineNotFound, EngineFailed: see `govgraph.render.engine_layout.diagram_layout`.
    """
    from govgraph.render.engine_layout import diagram_layout

    return layout_pptx(diagram_layout(diagram, engine=engine), diagram.title)
