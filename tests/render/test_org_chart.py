"""Diagrams drawn as org charts (`govgraph.render.org_chart`, `govgraph.render.dot`): boxes, chairs, legend, lines.

What a reader of the London chart met: the kind said twice ("Innovators Programme / programme"), a post's title
twice ("Chair: Chair, ..."), co-chairs in id order, a legend of slanted strokes without the grey of ended lines,
twenty arrowheads on one corner of CLP, and the line LCEG <- PCAG <- CLP in a corner. Tests that lay out need a
Graphviz engine (they fail without one when GOVGRAPH_REQUIRE_ENGINES=1).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from typing import Any

import pydot
import pytest
import yaml

from govgraph.loading import load, load_bytes
from govgraph.model import Model, PartialDate
from govgraph.render.diagram import diagram_sheets, render_diagram
from govgraph.render.dot import diagram_dot, node_label
from govgraph.render.legend import legend_entries
from govgraph.render.measure import measure_svg
from govgraph.render.org_chart import MARGIN_OF_ERROR, arrange, chair_lines
from govgraph.render.words import kind_line, says_kind
from govgraph.views import ViewSelection, select_view
from support import TESTS, engine_or_none

SVG = "{http://www.w3.org/2000/svg}"


def model_of(bodies: dict[str, Any], roles: dict[str, Any] | None = None) -> Model:
    document = {"govgraph": 1, "title": "Chart", "roles": roles or {}, "bodies": bodies}
    return load_bytes(yaml.safe_dump(document, sort_keys=False).encode(), "chart.yaml")


def test_the_kind_is_not_said_twice() -> None:
    assert says_kind("Innovators Programme", "programme")
    assert says_kind("SP Evaluation CoP", "community_of_practice")
    assert says_kind("London Health Board", "board")
    assert not says_kind("Boardroom Team", "board")  # a word, not part of one
    assert not says_kind("CLP", "programme")
    assert kind_line("programme", "active", "Innovators Programme") == ""
    assert kind_line("programme", "closed", "Innovators Programme") == "closed"
    assert kind_line("programme", "closed", "CLP") == "programme (closed)"
    assert kind_line("advisory_group", "under_review", "PCAG") == "advisory group (under review)"


def test_chairs_are_named_in_the_files_order_and_a_chairs_title_is_not_repeated() -> None:
    roles = {
        "z-sro": {"title": "NHSE London SRO"},
        "a-director": {"title": "Clinical Director"},
        "chair": {"title": "Chair, NHS North Central London ICB"},
    }
    bodies = {
        # The file names the SRO first; the ids sort the other way.
        "group": {"name": "Advisory Group", "kind": "advisory_group", "chairs": ["z-sro", "a-director"]},
        "board": {"name": "ICB Board", "kind": "board", "chairs": ["chair"]},
    }
    nodes = {n.id: n for n in select_view(model_of(bodies, roles)).nodes}
    assert nodes["group"].chairs == ("NHSE London SRO", "Clinical Director")
    assert chair_lines(nodes["group"].chairs) == ["Co-chairs: NHSE London SRO;", "Clinical Director"]
    assert " ".join(chair_lines(nodes["board"].chairs)) == "Chair, NHS North Central London ICB"
    assert "Chair: Chair" not in node_label(nodes["board"])
    assert "co-chaired by NHSE London SRO and Clinical Director" in select_view(model_of(bodies, roles)).describe()


def test_one_family_of_boxes_the_kind_a_fill_and_a_small_line(london: Model) -> None:
    graph = pydot.graph_from_dot_data(diagram_dot(select_view(london)))
    assert graph is not None
    nodes = [n for n in graph[0].get_nodes() if n.get("label")]
    assert {n.get("shape") for n in nodes} == {None}  # every body the default: a box, drawn rounded
    assert graph[0].get_node_defaults()[0]["shape"] == '"box"'
    innovators = next(n for n in nodes if n.get_name() == '"innovators-programme"')
    assert innovators.get("label") == "<Innovators<br/>Programme>"  # no "programme" line under it
    clp = next(n for n in nodes if n.get_name() == '"clp"')
    assert 'point-size="9"' in clp.get("label")  # its kind in small type
    assert "programme (closed)" in clp.get("label")


def test_the_legend_is_straight_samples_of_exactly_what_is_drawn(london: Model) -> None:
    def legend(dot: str) -> str:
        return dot[dot.index("label=<<table") : dot.index("</table>>;")]

    diagram = select_view(london)
    whole = legend(diagram_dot(diagram))
    assert ">ended</td>" in whole  # most London lines ended in March 2025
    assert ">steers</td>" in whole
    assert "cluster_legend" not in diagram_dot(diagram)  # no slanted strokes between points
    # Each line's sample is the bottom edge of a cell: a straight, horizontal stroke, one per line style drawn.
    lines = [e for e in legend_entries(diagram) if e.sample == "line"]
    assert len(re.findall(r'sides="b"', whole)) == len(lines) == 5
    # In June 2024 nothing had ended yet, and the view draws only accountability: no grey, no steering.
    june = legend(
        diagram_dot(select_view(london, ViewSelection(relations=("reports_to",), as_of=PartialDate.parse("2024-06"))))
    )
    assert ">ended</td>" not in june
    assert ">steers</td>" not in june
    assert ">reports to</td>" in june


def test_lines_into_a_body_with_many_below_it_meet_before_they_reach_it(london: Model) -> None:
    graph = pydot.graph_from_dot_data(diagram_dot(select_view(london)))
    assert graph is not None
    into_clp = [e for e in graph[0].get_edges() if e.get_destination() == '"clp"' and e.get("style") != '"invis"']
    # Eighteen lines come up to CLP; they arrive as one line for each kind of line (reports to, part of, steers).
    relations = sorted(str(e.get("class")).split()[0].strip('"') for e in into_clp)
    assert relations == ["relation-part_of", "relation-reports_to", "relation-steers"]
    below = select_view(london).edges
    assert sum(1 for e in below if e.target == "clp") == 18


def test_the_bodies_under_one_are_grouped_by_their_line_then_by_kind(london: Model) -> None:
    arrangement = arrange(select_view(london))
    blocks = [b for b in arrangement.blocks if b.parent == "clp"]
    assert [b.relation for b in blocks] == ["reports_to", "part_of", "steers"]
    steering = blocks[-1].members
    kinds = [next(n.kind for n in select_view(london).nodes if n.id == b) for b in steering]
    order = ["advisory_group", "steering_group", "forum", "network", "community_of_practice", "partnership",
             "programme", "team"]  # fmt: skip
    assert kinds == sorted(kinds, key=order.index)


@pytest.fixture(scope="module")
def london_svg(london: Model) -> ET.Element:
    if engine_or_none() is None:
        pytest.skip("no Graphviz engine (install graphviz or graphviz-pure)")
    svg = render_diagram(select_view(london), "svg")
    assert isinstance(svg, str)
    return ET.fromstring(svg)


def _centre(root: ET.Element, body: str) -> tuple[float, float]:
    for group in root.iter(f"{SVG}g"):
        title = group.find(f"{SVG}title")
        if "node" in (group.get("class") or "") and title is not None and title.text == body:
            numbers = [float(v) for v in re.findall(r"-?[0-9.]+", next(group.iter(f"{SVG}path")).get("d", ""))]
            xs, ys = numbers[0::2], numbers[1::2]
            return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    raise AssertionError(body)


def test_the_line_of_accountability_is_a_straight_spine_from_the_top(london_svg: ET.Element) -> None:
    lceg, pcag, clp = (_centre(london_svg, b) for b in ("lceg", "pcag", "clp"))
    assert abs(lceg[0] - pcag[0]) < 1  # one above the other
    assert abs(pcag[0] - clp[0]) < 1
    assert lceg[1] < pcag[1] < clp[1]  # top down
    # The tops share the top row: LRET is level with LCEG.
    assert abs(_centre(london_svg, "lret")[1] - lceg[1]) < 1


def test_dotted_and_steering_lines_do_not_move_the_hierarchy() -> None:
    bodies = {
        "board": {"name": "Board", "kind": "board"},
        "programme": {"name": "Delivery Programme", "kind": "programme", "reports_to": ["board"]},
        "project": {"name": "Digital Project", "kind": "project", "reports_to": ["programme"], "dotted_to": ["board"]},
        "group": {"name": "Expert Group", "kind": "advisory_group", "reports_to": ["board"], "steers": ["project"]},
    }
    dot = diagram_dot(select_view(model_of(bodies)))
    assert re.search(r'"project" -> "board" \[[^]]*constraint="false"', dot)
    assert re.search(r'"group" -> "project" \[[^]]*constraint="false"', dot)


# The legend as the engine draws it: each sample keeps its size and stays beside its words, however much wider than
# the legend the title above it is (Graphviz shares a stretched table's width among all its cells).

_LEGEND_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _x_range(path: str) -> tuple[float, float]:
    xs = [float(x) for x in _LEGEND_NUMBER.findall(path)[0::2]]
    return min(xs), max(xs)


@pytest.mark.parametrize("title", ["Short", "A title very much wider than the legend of two kinds drawn under it"])
def test_each_sample_stays_its_size_beside_its_words(title: str) -> None:
    if engine_or_none() is None:
        pytest.skip("no Graphviz engine")
    model = model_of(
        {
            "board": {"name": "Board", "kind": "board"},
            "team": {"name": "Delivery", "kind": "team", "reports_to": ["board"]},
        }
    )
    svg = render_diagram(replace(select_view(model), title=title), "svg")
    assert isinstance(svg, str)
    root = ET.fromstring(svg)
    graph = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "graph")
    # The legend is drawn in the graph's own group: each sample a filled path, its words the 9 pt text after it.
    drawn = list(graph)
    for kind, fill in (("board", "#cce3f0"), ("team", "#f7d9c6")):
        words = next(e for e in drawn if e.tag == f"{SVG}text" and e.text == kind)
        sample = next(e for e in drawn if e.tag == f"{SVG}path" and e.get("fill") == fill)
        left, right = _x_range(str(sample.get("d")))
        assert right - left == pytest.approx(20, abs=1.5), (kind, left, right)  # 20 pt, as drawn in the DOT
        assert 0 < float(str(words.get("x"))) - right < 10, kind  # its words just after it


def test_a_diagram_is_arranged_to_print_largest_in_the_room_it_is_given(london: Model) -> None:
    # A paper's landscape page, less its heading and caption, is wider for its height than A4's own text area: the
    # London overview arranged for A4 printed its names at 6.2 pt there, arranged for that room at 7 pt or more.
    from govgraph.render.measure import A4_ROOMS, largest_in

    overview = select_view(london, ViewSelection("overview"))
    wide = [(757.0, 380.0)]
    for_a4, for_wide = arrange(overview), arrange(overview, rooms=wide)
    assert for_wide.depth < for_a4.depth
    assert largest_in(for_wide.width, for_wide.height, wide) > largest_in(for_a4.width, for_a4.height, wide) * 1.05
    # Given A4's rooms, the arrangement is the one chosen without any.
    assert arrange(overview, rooms=A4_ROOMS) == for_a4


# The estimate of a drawing's width counts the lines that do not place a body (a liaison, a dotted line) as room the
# engine must find among boxes. CNCF's TOC has a liaison line to each of its five TAGs, drawn beside the line each
# TAG hangs by across the junctions' rank, where there are no boxes: counted, they made the 12 bodies' estimate 1,156
# pt wide (aspect 3.0, "a strip") where the engine draws 841, and the diagram was divided in two for nothing.


def _board_with_liaisons(to: list[str]) -> Any:
    bodies: dict[str, Any] = {"board": {"name": "Board", "kind": "board", **({"liaison_to": to} if to else {})}}
    for i in range(1, 6):
        bodies[f"c{i}"] = {"name": f"Committee {i}", "kind": "committee", "reports_to": ["board"]}
    bodies["group"] = {"name": "Working Group", "kind": "project", "reports_to": ["c1"]}
    return select_view(model_of(bodies))


def test_liaison_lines_to_the_bodies_just_below_do_not_widen_the_estimate() -> None:
    # At each depth (the committees in one row, or wrapped into two or three).
    for depth in (1, 2, 3):
        alone = arrange(_board_with_liaisons([]), depth)
        beside = arrange(_board_with_liaisons(["c1", "c2"]), depth)
        assert beside.width == pytest.approx(alone.width, rel=0.01), depth
        # A line that passes a row of boxes on its way (to a body two rows down) still needs room among them.
        past = arrange(_board_with_liaisons(["group"]), depth)
        assert past.width > alone.width * 1.05, depth


def test_the_cncf_structure_is_one_diagram_and_its_estimate_is_near_the_engines() -> None:
    diagram = select_view(load(TESTS / "data" / "real" / "cncf-tags-2025.yaml"), ViewSelection())
    assert [sheet.id for sheet in diagram_sheets(diagram)] == [diagram.id]
    if engine_or_none() is None:
        pytest.skip("no Graphviz engine (install graphviz or graphviz-pure)")
    estimated = arrange(diagram)
    drawn = measure_svg(str(render_diagram(diagram, "svg")))
    # Never a quarter wider or taller than either engine draws it (dot 841 x 388 pt, graphviz-pure 782 x 393),
    # nor narrower or shorter than the margin allowed for.
    for guess, real in ((estimated.width, drawn.width), (estimated.height, drawn.height)):
        assert real / MARGIN_OF_ERROR <= guess <= real * 1.25, (estimated, drawn)
    assert drawn.readable
