"""The PowerPoint slide of a diagram (`govgraph.render.slides`), read back with python-pptx: its lines follow the
engine's routes round the boxes they do not join, end in the marks the SVG draws, and a legend says what the fills
and lines mean.

Layouts need a Graphviz engine: without one these tests skip, and fail under GOVGRAPH_REQUIRE_ENGINES=1 (CI).
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

import support
from govgraph import vocabulary
from govgraph.loading import load
from govgraph.model import Model
from govgraph.render.diagram import render_diagram
from govgraph.render.legend import legend_entries
from govgraph.render.words import relation_words
from govgraph.views import select_view
from support import engine

pytestmark = pytest.mark.xdist_group("office")

COUNCIL = support.TESTS / "data" / "real" / "council" / "lancaster-committees.yaml"

Point = tuple[float, float]


@pytest.fixture(scope="module")
def council() -> Model:
    return load(COUNCIL)


def slide_of(model: Model) -> Any:
    engine()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # London's slide is too large to read, and says so
        data = render_diagram(select_view(model), "pptx")
    assert isinstance(data, bytes)
    (slide,) = Presentation(io.BytesIO(data)).slides
    return slide


@pytest.fixture(scope="module")
def council_slide(council: Model) -> Any:
    return slide_of(council)


@pytest.fixture(scope="module")
def london_slide(london: Model) -> Any:
    return slide_of(london)


def lines(slide: Any) -> Iterator[tuple[str, str, str, Any]]:
    """Every line on the slide (`relation: source to target`): its relation, ends and shape."""
    for shape in slide.shapes:
        relation, _, ends = shape.name.partition(": ")
        source, _, target = ends.partition(" to ")
        if target and not shape.name.startswith("Legend"):
            yield relation, source, target, shape


def route(line: Any) -> list[Point]:
    """Points along a line as drawn: a straight connector's two ends, or a freeform's curve, sampled."""
    if line._element.tag.endswith("cxnSp"):
        (x0, y0), (x1, y1) = (line.begin_x, line.begin_y), (line.end_x, line.end_y)
        return [(x0 + (x1 - x0) * i / 40, y0 + (y1 - y0) * i / 40) for i in range(41)]
    found: list[Point] = []
    for part in line.shapes:
        if part.name != "Line":
            continue
        (path,) = part._element.xpath(".//a:path")
        sx, sy = part.width / max(int(path.get("w")), 1), part.height / max(int(path.get("h")), 1)

        def at(pt: Any, part: Any = part, sx: float = sx, sy: float = sy) -> Point:
            return (part.left + int(pt.get("x")) * sx, part.top + int(pt.get("y")) * sy)

        here: Point | None = None
        for step in path:
            points = [at(pt) for pt in step.findall(qn("a:pt"))]
            name = step.tag.rpartition("}")[2]
            if name == "cubicBezTo" and here is not None:
                p0, (p1, p2, p3) = here, points
                for i in range(1, 21):
                    t = i / 20
                    found.append(
                        (
                            (1 - t) ** 3 * p0[0]
                            + 3 * (1 - t) ** 2 * t * p1[0]
                            + 3 * (1 - t) * t**2 * p2[0]
                            + t**3 * p3[0],
                            (1 - t) ** 3 * p0[1]
                            + 3 * (1 - t) ** 2 * t * p1[1]
                            + 3 * (1 - t) * t**2 * p2[1]
                            + t**3 * p3[1],
                        )
                    )
            elif name == "lnTo" and here is not None:
                (end,) = points
                found += [
                    (here[0] + (end[0] - here[0]) * i / 20, here[1] + (end[1] - here[1]) * i / 20) for i in range(1, 21)
                ]
            elif points:
                found.append(points[-1])
            if points:
                here = points[-1]
    return found


def test_no_line_on_the_council_slide_runs_through_a_box_it_does_not_join(council: Model, council_slide: Any) -> None:
    # A straight line from the Cabinet to Council crossed the Licensing Sub-Committee's box, as if it answered
    # through it; each line now follows the route the engine chose round the boxes.
    boxes = {s.name: s for s in council_slide.shapes if s.name in council.bodies}
    assert set(boxes) == set(council.bodies)
    margin = 12700  # a point inside the outline, so a line ending at a box's edge is not counted
    drawn = list(lines(council_slide))
    assert {(source, target) for relation, source, target, _ in drawn if relation == "reports_to"} >= {
        ("cabinet", "council"),
        ("licensing-sub-committee", "licensing-committee"),
    }
    for relation, source, target, line in drawn:
        points = route(line)
        assert points, f"{line.name} draws nothing"
        for name, box in boxes.items():
            if name in (source, target):
                continue
            left, top = box.left + margin, box.top + margin
            right, bottom = box.left + box.width - margin, box.top + box.height - margin
            inside = [p for p in points if left < p[0] < right and top < p[1] < bottom]
            assert not inside, f"the {relation} line from {source} to {target} runs through {name}"


def marks_of(slide: Any) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for relation, _, _, line in lines(slide):
        parts = list(line.shapes) if hasattr(line, "shapes") else []
        found.setdefault(relation, []).extend(p for p in parts if p.name == "End mark")
    return found


def corners(mark: Any) -> int:
    return len(mark._element.xpath(".//a:path/a:lnTo")) + 1


@pytest.mark.parametrize("which", ["council_slide", "london_slide"])
def test_each_line_ends_in_its_relations_mark(which: str, request: pytest.FixtureRequest) -> None:
    slide = request.getfixturevalue(which)
    found = marks_of(slide)
    assert found, "the slide draws no lines"
    shapes = {"normal": 3, "empty": 3, "onormal": 3, "odiamond": 4, "diamond": 4}
    for relation, marks in found.items():
        arrowhead = vocabulary.relation(relation).dot["arrowhead"]
        if arrowhead == "none":
            assert marks == [], f"{relation} lines have no mark in the SVG"
            continue
        assert marks, f"{relation} lines end in {arrowhead} in the SVG but in nothing on the slide"
        for mark in marks:
            colour = str(mark.line.color.rgb)
            fill = str(mark.fill.fore_color.rgb)
            if arrowhead in ("dot", "odot"):
                assert mark._element.xpath(".//a:prstGeom/@prst") == ["ellipse"]
            else:
                assert corners(mark) == shapes[arrowhead], f"{relation}: {arrowhead}"
            # An open mark (the scrutiny line's diamond, steering's arrowhead) is hollow, a closed one solid.
            assert (fill == "FFFFFF") == (arrowhead.startswith("o") or arrowhead == "empty"), relation
            assert fill in ("FFFFFF", colour)


def test_the_scrutiny_lines_end_in_an_open_diamond_of_their_colour(council_slide: Any) -> None:
    colour = vocabulary.relation("scrutinises").dot["color"].lstrip("#").upper()
    marks = marks_of(council_slide)["scrutinises"]
    assert len(marks) == 2  # the Overview and Scrutiny Committee's and the Budget and Performance Panel's
    assert {(corners(m), str(m.line.color.rgb), str(m.fill.fore_color.rgb)) for m in marks} == {(4, colour, "FFFFFF")}


@pytest.mark.parametrize("which", ["council", "london"])
def test_the_slide_has_the_legend_of_the_svg(which: str, request: pytest.FixtureRequest) -> None:
    model: Model = request.getfixturevalue(which)
    slide = request.getfixturevalue(f"{which}_slide")
    entries = legend_entries(select_view(model))
    words = [s.text_frame.text for s in slide.shapes if s.name == "Legend"]
    assert sorted(words) == sorted(e.text for e in entries)
    samples = [s for s in slide.shapes if s.name == "Legend sample"]
    assert len(samples) == len(entries)
    # Each line style's sample is a stroke in its relation's colour and dashes.
    strokes = [s for s in samples if s._element.tag.endswith("cxnSp")]
    relations = [e.key for e in entries if e.sample == "line" and e.key != "ended"]
    assert len(strokes) == len([e for e in entries if e.sample == "line"])
    colours = {str(s.line.color.rgb) for s in strokes}
    assert {vocabulary.relation(r).dot["color"].lstrip("#").upper() for r in relations} <= colours
    assert {relation_words(r) for r in relations} <= set(words)


def test_the_council_slide_is_the_same_each_time(council: Model) -> None:
    engine()
    assert render_diagram(select_view(council), "pptx") == render_diagram(select_view(council), "pptx")


@pytest.mark.parametrize("which", ["council", "london"])
def test_lines_joined_at_a_junction_show_its_dot_once(which: str, request: pytest.FixtureRequest) -> None:
    # Lines into one body meet at a point drawn as a dot in the SVG; on the slide the trunk from there and the dot
    # are drawn once, with the first of those lines.
    from govgraph.render.dot import diagram_dot

    model: Model = request.getfixturevalue(which)
    slide = request.getfixturevalue(f"{which}_slide")
    junctions = diagram_dot(select_view(model)).count('class="junction"')
    assert junctions, "the model draws no junction"
    dots = [p for *_, line in lines(slide) for p in line.shapes if p.name == "Junction"]
    assert len(dots) == junctions
    assert {d._element.xpath(".//a:prstGeom/@prst")[0] for d in dots} == {"ellipse"}
