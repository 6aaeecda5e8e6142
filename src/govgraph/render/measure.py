"""How a drawn diagram comes out on paper: its SVG fitted to an A4 page, and the size of its body names there.

A diagram that is laid out wider or taller than a page is shrunk to fit when printed, and its text with it: an
11 pt name in a drawing three pages wide prints at under 4 pt. `measure_svg` reads an SVG as Graphviz writes it
(its size in points, its `viewBox`, the scale of its drawing, and the `font-size` of every `<text>`) and answers
what printing it on A4 gives: the page's orientation that shows it largest, the scale, and the body names' size
in points at that scale (their median and their smallest). A drawing smaller than the page is printed at its
own size, never enlarged, so a small diagram's names keep the size they were drawn at.

Body names are the largest text of each box (`<g class="node">`), the legend's boxes aside: a box's other lines
(its kind, its chairs) are drawn smaller on purpose, and what must be read from across a table is the name.
`READABLE` (7 pt) is the smallest size this project accepts for them: the smallest body text of printed NHS
board papers, and the size below which a reader at arm's length starts to squint.
"""

from __future__ import annotations

import re
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

#: A4 in points (210 x 297 mm), and the margin left on every side of the page (15 mm).
A4 = (595.28, 841.89)
MARGIN = 42.52
#: Body names must print at this size or larger (points).
READABLE = 7.0

_SVG = "{http://www.w3.org/2000/svg}"
_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(pt|px|in|cm|mm)?\s*$")
#: Points per unit of an SVG length (CSS: 96 px to the inch, 72 pt to the inch).
_UNITS = {"pt": 1.0, None: 0.75, "px": 0.75, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4}
_SCALE = re.compile(r"scale\(\s*([-0-9.eE]+)(?:[\s,]+([-0-9.eE]+))?\s*\)")

Orientation = Literal["portrait", "landscape"]
_ORIENTATIONS: tuple[Orientation, ...] = ("portrait", "landscape")


@dataclass(frozen=True)
class PrintSize:
    """A diagram fitted to an A4 page (see the module docstring)."""

    #: The drawing's own size, in points.
    width: float
    height: float
    #: The page's orientation that prints it largest, and the scale it is printed at (at most 1).
    orientation: Orientation
    scale: float
    #: The body names' size on the page, in points: their median and their smallest (None: no body drawn).
    names_median: float | None
    names_smallest: float | None
    bodies: int

    @property
    def aspect(self) -> float:
        """The longer side over the shorter (1: square; a strip of ten pages is 10 or more)."""
        short = min(self.width, self.height)
        return max(self.width, self.height) / short if short > 0 else float("inf")

    @property
    def readable(self) -> bool:
        """Whether every body name prints at `READABLE` points or more (a diagram of no body is readable)."""
        return self.names_smallest is None or self.names_smallest >= READABLE - 0.005

    def describe(self) -> str:
        """The measure in words: `"A4 landscape at 64%: names 7.0 pt (median 7.0 pt), 1,190 x 760 pt"`."""
        names = (
            "no body"
            if self.names_smallest is None
            else f"names {self.names_smallest:.1f} pt (median {self.names_median:.1f} pt)"
        )
        return f"A4 {self.orientation} at {self.scale:.0%}: {names}, {self.width:,.0f} x {self.height:,.0f} pt"


def page_area(orientation: Orientation) -> tuple[float, float]:
    """The width and height (points) a drawing may take on an A4 page of that orientation, margins left."""
    short, long = A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN
    return (short, long) if orientation == "portrait" else (long, short)


#: A room a drawing is printed in: its width and height in points.
Room = tuple[float, float]


def scale_in(width: float, height: float, room: Room) -> float:
    """The scale at which a `width` x `height` pt drawing fills `room`, never above its own size (1)."""
    return min(1.0, room[0] / width if width > 0 else 1.0, room[1] / height if height > 0 else 1.0)


def largest_in(width: float, height: float, rooms: Sequence[Room]) -> float:
    """The scale at which a `width` x `height` pt drawing prints largest in the best of `rooms` (a page's text
    area upright and turned, say), never above its own size."""
    return max((scale_in(width, height, room) for room in rooms), default=0.0)


def fit_a4(width: float, height: float) -> tuple[Orientation, float]:
    """The orientation that prints a `width` x `height` pt drawing largest on A4, and its scale (at most 1)."""
    best: tuple[Orientation, float] = ("portrait", 0.0)
    for orientation in _ORIENTATIONS:
        scale = scale_in(width, height, page_area(orientation))
        if scale > best[1] + 1e-9:
            best = (orientation, scale)
    return best


#: A4's text area upright and turned: where a diagram is printed unless a page of its own is known (a paper's).
A4_ROOMS: tuple[Room, ...] = (page_area("portrait"), page_area("landscape"))


def _points(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    return float(match.group(1)) * _UNITS[match.group(2)] if match else None


def measure_svg(svg: str | bytes) -> PrintSize:
    """Measure an SVG diagram as printed on A4 (see the module docstring).

    Args:
        svg: the SVG text, as `govgraph render` or the Graphviz engine writes it.

    Raises:
        ValueError: the text is not an SVG document, or does not say its size.
    """
    try:
        root = ET.fromstring(svg.encode("utf-8") if isinstance(svg, str) else svg)
    except ET.ParseError as exc:
        raise ValueError(f"not an SVG document: {exc}") from None
    if root.tag != f"{_SVG}svg":
        raise ValueError(f"not an SVG document: its root is <{root.tag}>")
    width, height = _points(root.get("width")), _points(root.get("height"))
    box = [float(v) for v in re.split(r"[\s,]+", root.get("viewBox", "").strip()) if v]
    if width is None or height is None:
        if len(box) != 4:
            raise ValueError("the SVG says neither its width and height nor its viewBox")
        width, height = box[2] * 0.75, box[3] * 0.75
    # One unit of the drawing, in points: the root's size over its viewBox, times the drawing's own scale.
    unit = width / box[2] if len(box) == 4 and box[2] > 0 else 0.75
    drawing = root.find(f"{_SVG}g")
    if drawing is not None:
        scale = _SCALE.search(drawing.get("transform", ""))
        if scale:
            unit *= abs(float(scale.group(1)))
    orientation, fitted = fit_a4(width, height)
    names: list[float] = []
    for group in root.iter(f"{_SVG}g"):
        classes = group.get("class", "").split()
        if "node" not in classes or "legend" in classes:
            continue
        sizes = [float(t.get("font-size", "0") or 0) for t in group.iter(f"{_SVG}text")]
        if sizes and max(sizes) > 0:
            names.append(max(sizes) * unit * fitted)
    return PrintSize(
        width=width,
        height=height,
        orientation=orientation,
        scale=fitted,
        names_median=statistics.median(names) if names else None,
        names_smallest=min(names) if names else None,
        bodies=len(names),
    )
