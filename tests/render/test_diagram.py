"""Diagrams: view selection, DOT, Mermaid, the Graphviz engine and SVG post-processing.

Golden files are compared, never written (`python tests/regenerate_golden.py` writes them). Tests that need a
Graphviz engine skip without one, and fail instead when GOVGRAPH_REQUIRE_ENGINES=1 (as in CI).
"""

from __future__ import annotations

import html
import random
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pydot
import pytest
import yaml
from click.testing import CliRunner

from govgraph import vocabulary
from govgraph.cli import cli
from govgraph.errors import EngineNotFound, InvalidOption, NameNotFound
from govgraph.loading import load, load_bytes
from govgraph.model import Model, PartialDate
from govgraph.render.diagram import render_diagram
from govgraph.render.dot import EDGE_DEFAULTS, diagram_dot, quote
from govgraph.render.mermaid import diagram_mermaid
from govgraph.render.svg import postprocess_svg, safe_url
from govgraph.views import ViewSelection, select_view
from regenerate_golden import GOLDEN, VIEWS, golden_files
from support import HOSTILE, engine_or_none, hostile_model, shuffled_document

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def engine() -> str | None:
    """See `engine_or_none`."""
    return engine_or_none()


def test_missing_engine_fails_when_engines_are_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_DOT", "no-such-graphviz")
    monkeypatch.setenv("GOVGRAPH_REQUIRE_ENGINES", "1")
    with pytest.raises(pytest.fail.Exception, match="GOVGRAPH_REQUIRE_ENGINES=1"):
        engine_or_none()
    monkeypatch.setenv("GOVGRAPH_REQUIRE_ENGINES", "0")
    assert engine_or_none() is None


def _need(engine: str | None) -> None:
    if engine is None:
        pytest.skip("no Graphviz engine (install graphviz or graphviz-pure)")


# -- views -------------------------------------------------------------------------------------------------------


def test_named_view_filters_kinds_and_relations(london: Model) -> None:
    diagram = select_view(london, ViewSelection("accountability"))
    assert {n.kind for n in diagram.nodes} <= {"board", "advisory_group", "programme", "project", "executive"}
    assert {e.relation for e in diagram.edges} <= {"reports_to", "dotted_to"}
    assert [n.id for n in diagram.nodes] == sorted(n.id for n in diagram.nodes)


def test_focus_up_and_down(london: Model) -> None:
    diagram = select_view(london, ViewSelection(focus="PCAG", up=1, down=0, relations=("reports_to",)))
    assert [n.id for n in diagram.nodes] == ["lceg", "pcag"]
    assert diagram.focus == "pcag"


def test_as_of_hides_closed_unless_full_history(london: Model) -> None:
    after = PartialDate.parse("2025-06")
    assert "clp" not in {n.id for n in select_view(london, ViewSelection(as_of=after)).nodes}
    kept = {n.id: n for n in select_view(london, ViewSelection(as_of=after, full_history=True)).nodes}
    assert kept["clp"].closed


def test_unknown_view_relation_and_kind() -> None:
    model = hostile_model()
    with pytest.raises(NameNotFound):
        select_view(model, ViewSelection("nope"))
    with pytest.raises(InvalidOption):
        select_view(model, ViewSelection(relations=("owns",)))
    with pytest.raises(InvalidOption):
        select_view(model, ViewSelection(kinds=("guild",)))


# -- golden files and determinism -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [f"{v}.{ext}" for v in VIEWS for ext in ("dot", "mmd")])
def test_golden(name: str) -> None:
    assert golden_files()[name] == (GOLDEN / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shuffled_yaml_gives_identical_output(repo_root: Path, london: Model, seed: int) -> None:
    document = yaml.safe_load((repo_root / "data" / "governance.yaml").read_text(encoding="utf-8"))
    text = yaml.safe_dump(shuffled_document(document, random.Random(seed)), sort_keys=False, allow_unicode=True)
    shuffled = load_bytes(text.encode("utf-8"), "shuffled.yaml")
    for view in VIEWS:
        assert diagram_dot(select_view(shuffled, ViewSelection(view))) == diagram_dot(
            select_view(london, ViewSelection(view))
        )
        assert diagram_mermaid(select_view(shuffled, ViewSelection(view))) == diagram_mermaid(
            select_view(london, ViewSelection(view))
        )


# -- DOT escaping ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Board:Finance", '"Board:Finance"'),
        ("ends in \\", '"ends in \\\\"'),
        ('a", URL="javascript:x', '"a\\", URL=\\"javascript:x"'),
        ("two\nlines", '"two\\nlines"'),
        ("\\N node name", '"\\\\N node name"'),
    ],
)
def test_quote(text: str, expected: str) -> None:
    assert quote(text) == expected


def _parse(dot: str) -> pydot.Dot:
    graphs = pydot.graph_from_dot_data(dot)
    assert graphs is not None
    return graphs[0]


def test_colon_id_stays_one_node() -> None:
    graph = _parse(f"digraph {{ {quote('Board:Finance')} -> {quote('x')} }}")
    assert [e.get_source() for e in graph.get_edges()] == ['"Board:Finance"']


def test_hostile_names_round_trip_through_dot() -> None:
    model = hostile_model()
    dot = diagram_dot(select_view(model, ViewSelection("all")))
    graph = _parse(dot)
    nodes = {n.get_name(): n for n in graph.get_nodes()}
    for i in range(len(HOSTILE)):
        node = nodes[f'"b{i}"']
        assert set(node.get_attributes()) <= {"label", "fillcolor", "tooltip", "style", "color", "penwidth", "class"}
        tooltip = node.get("tooltip")
        assert tooltip == quote(model.bodies[f"b{i}"].name)
        # The label is one HTML-like label: the name's markup characters are entities, so it cannot end early,
        # and what it draws is the name.
        label = node.get("label")
        assert label.startswith("<")
        assert label.endswith(">")
        text = re.sub(r"</?font[^>]*>|<br/>", " ", label[1:-1])
        assert "<" not in text
        assert ">" not in text
        drawn = re.sub(r"\s+", "", html.unescape(text))
        assert re.sub(r"\s+", "", model.bodies[f"b{i}"].name)[:20] in drawn
    # URL= only ever as text: inside a label (its quote an entity) or a tooltip (its quote escaped).
    assert all(dot[m.end() : m.end() + 6] in ("&quot;", '\\"java') for m in re.finditer("URL=", dot))
    assert all(
        set(e.get_attributes())
        <= {"style", "color", "arrowhead", "penwidth", "class", "constraint", "weight", "minlen"}
        for e in graph.get_edges()
    )


def test_organisation_clusters_and_filter() -> None:
    model = hostile_model()
    diagram = replace(select_view(model, ViewSelection("all")), clusters=True)
    graph = _parse(diagram_dot(diagram))
    clusters = {g.get_name(): g for g in graph.get_subgraphs()}
    assert clusters["cluster_org1"].get("label") == quote(HOSTILE[3])
    assert [n.get_name() for n in clusters["cluster_org1"].get_nodes()] == ['"top"']
    assert [n.id for n in select_view(model, ViewSelection(organisations=("o1",))).nodes] == ["top"]


def test_dot_styles_and_legend(london: Model) -> None:
    dot = diagram_dot(select_view(london, ViewSelection("overview")))
    assert 'constraint="false"' in dot  # the dotted lines leave the ranks alone
    assert 'arrowhead="empty"' in dot
    assert "Co-chairs: " in dot
    # The legend is a table under the title: the kinds and lines the diagram uses, the grey of ended lines too.
    label = dot[dot.index("label=<<table") : dot.index("</table>>;")]
    assert ">team</td>" in label
    assert ">committee</td>" not in label  # the model has no committee
    assert ">ended</td>" in label
    assert ">succeeded by</td>" not in label
    assert 'sides="b" color="#999999"' in label  # the ended line's sample: a straight grey stroke
    colours = set(re.findall(r'color="([^"]*)"', dot)) - {"transparent"}  # bgcolor
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in colours)
    # One family of boxes: the kind is the fill and the small line, not a shape.
    assert "shape=" not in re.sub(r'shape="(box|point)"', "", dot)


def _fan(leaves: int) -> Model:
    """A board with `leaves` projects reporting into it."""
    lines = ["govgraph: 1", "title: A fan", "bodies:", "  top: {name: Top, kind: board}"]
    lines += [f"  p{i:02d}: {{name: Project {i}, kind: project, reports_to: [top]}}" for i in range(leaves)]
    return load_bytes("\n".join(lines).encode(), "fan.yaml")


@pytest.mark.parametrize("leaves", [2, 7, 30, 60])
def test_a_wide_fan_is_rows_joined_at_a_spine_with_one_arrowhead(leaves: int) -> None:
    from govgraph.render.org_chart import arrange

    diagram = select_view(_fan(leaves))
    arrangement = arrange(diagram)
    (block,) = arrangement.blocks
    assert sorted(block.members) == sorted(f"p{i:02d}" for i in range(leaves))
    widths = {len(row) for row in block.rows[:-1]}
    assert len(widths) <= 1
    assert len(block.rows[-1]) <= max(widths | {leaves})
    if leaves >= 30:
        assert len(block.rows) > 1  # wrapped (unflatten's job, done in the DOT), not a row thirty boxes wide
    graph = _parse(diagram_dot(diagram))
    edges = [e for e in graph.get_edges() if e.get("class") != '"layout"']  # lines not drawn hold the rows
    into_top = [e for e in edges if e.get_destination() == '"top"']
    # Every project's line meets the others at a point below the board: one line, one arrowhead, goes on up.
    assert len(into_top) == 1
    assert into_top[0].get("arrowhead") in (None, '"normal"')
    junctions = {e.get_destination() for e in edges if str(e.get_source()).startswith('"p')} - {'"top"'}
    assert len(junctions) == len(block.rows)
    assert all(e.get("arrowhead") == '"none"' for e in edges if e.get_destination() in junctions)


# -- Mermaid --------------------------------------------------------------------------------------------------------

_MERMAID_LINE = re.compile(
    r'^(flowchart BT|  accTitle: [^\n]*|  accDescr: [^\n]*|  n\d+\["[^"]*"\]|'
    r'  n\d+ (-->|-\.->|==>)(\|"[^"|]*"\|)? n\d+|  classDef [a-z]+ [^\n]*|  class n\d+(,n\d+)* [a-z]+)$'
)


def test_mermaid_hostile_names_cannot_inject() -> None:
    text = diagram_mermaid(select_view(hostile_model(), ViewSelection("all")))
    for line in text.splitlines():
        assert _MERMAID_LINE.match(line), line
    assert "%%" not in text
    assert "<script" not in text
    assert not any(line.lstrip().startswith("click") for line in text.splitlines())


# -- engine and SVG ------------------------------------------------------------------------------------------------


def _texts(root: ET.Element) -> str:
    return "".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def test_svg_of_london_views(london: Model, engine: str | None) -> None:
    _need(engine)
    for view in VIEWS:
        diagram = select_view(london, ViewSelection(view))
        svg = render_diagram(diagram, "svg")
        assert isinstance(svg, str)
        assert "<!--" not in svg
        root = ET.fromstring(svg)
        assert root.get("role") == "img"
        assert root.find(f"{SVG}title") is not None
        desc = root.find(f"{SVG}desc")
        assert desc is not None
        assert desc.text is not None
        assert "PCAG reports to LCEG" in desc.text
        assert "co-chaired by" in desc.text
        classes = {c for e in root.iter() for c in (e.get("class") or "").split()}
        assert {"govgraph", "kind-board", "status-closed", "relation-reports_to"} <= classes
        ids = [e.get("id") for e in root.iter() if e.get("id")]
        assert all(str(i).startswith(f"gg-{view}-") for i in ids)
        assert render_diagram(diagram, "svg") == svg


def test_each_line_is_drawn_in_its_style_defaults_or_not(london: Model, engine: str | None) -> None:
    # Most lines take their style from the DOT's edge defaults (those of reports_to) and carry only what differs:
    # what the engine draws must still be each relation's style, joined lines (a spine and its trunk) included.
    _need(engine)
    dot = diagram_dot(select_view(london, ViewSelection("overview")))
    assert '"pcag" -> "lceg" [weight="4"];' in dot  # a plain reports_to line: nothing of its own but its weight
    svg = render_diagram(select_view(london, ViewSelection("overview")), "svg")
    assert isinstance(svg, str)
    seen: dict[str, set[tuple[str | None, str | None]]] = {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        classes = (group.get("class") or "").split()
        if "edge" not in classes:
            continue
        path = group.find(f".//{SVG}path")
        assert path is not None
        kind = next((c for c in classes if c.startswith("relation-")), "none")
        ended = "ended" in classes
        seen.setdefault(kind + (" ended" if ended else ""), set()).add(
            ((path.get("stroke") or "").upper(), path.get("stroke-dasharray"))
        )
    assert seen["relation-reports_to"] == {("#000000", None)}
    assert seen["relation-dotted_to"] == {("#0072B2", "5,2")}
    assert seen["relation-part_of"] == {("#CC79A7", None)}
    # An ended line is grey in its own dashes: an ended reporting line is solid, never dotted like steering.
    assert seen["relation-reports_to ended"] == {("#999999", None)}
    assert seen["relation-part_of ended"] == {("#999999", None)}
    assert seen["relation-steers ended"] == {("#999999", "1,5")}
    assert "none" not in seen


def test_no_line_takes_a_default_it_does_not_say() -> None:
    # A line carries only what differs from the edge defaults (reports_to's style): every other style must set each
    # key the defaults set, or its lines would be drawn with part of reports_to's style.
    for term in vocabulary.relations():
        if term.between_bodies:
            assert set(EDGE_DEFAULTS) - {"class"} <= set(term.dot), term.name


def test_hostile_names_through_the_engine(engine: str | None) -> None:
    _need(engine)
    svg = render_diagram(select_view(hostile_model(), ViewSelection("all")), "svg")
    assert isinstance(svg, str)
    root = ET.fromstring(svg)
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    for element in root.iter():
        for key, value in element.attrib.items():
            assert not key.lower().startswith("on")
            assert key != "URL"
            if key.endswith("href"):
                assert safe_url(value)
    drawn = re.sub(r"\s+", "", _texts(root))
    for text in HOSTILE:
        first = re.sub(r"\s+", "", text)[:20]
        assert first in drawn, text


def test_png(london: Model, engine: str | None) -> None:
    _need(engine)
    png = render_diagram(select_view(london, ViewSelection("accountability")), "png")
    assert isinstance(png, bytes)
    assert png.startswith(b"\x89PNG")


def test_postprocess_removes_unsafe_links_and_comments() -> None:
    raw = (
        '<?xml version="1.0"?><!-- Generated by graphviz version 9 --><svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink"><g id="node1"><a xlink:href="javascript:alert(1)">x</a>'
        '<a href=" JaVaScRiPt:alert(1)">y</a><a href="https://example.org">z</a><a href="page.html">w</a>'
        '<script>alert(1)</script><rect fill="url(#grad)" onclick="alert(1)"/></g></svg>'
    )
    svg = postprocess_svg(raw, title="T", description="D", prefix="gg-x-")
    assert "javascript" not in svg.lower()
    assert "onclick" not in svg
    assert "<script" not in svg
    assert "Generated by" not in svg
    assert 'href="https://example.org"' in svg
    assert 'href="page.html"' in svg
    assert 'id="gg-x-node1"' in svg
    assert "url(#gg-x-grad)" in svg


def test_engine_not_found_names_both_remedies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_DOT", "no-such-graphviz")
    with pytest.raises(EngineNotFound) as caught:
        render_diagram(select_view(hostile_model(), ViewSelection("all")), "svg")
    assert "apt-get install graphviz" in caught.value.message
    assert "pip install graphviz-pure" in caught.value.message
    assert render_diagram(select_view(hostile_model(), ViewSelection("all")), "dot")


# -- command line ---------------------------------------------------------------------------------------------------


def test_cli_render(repo_root: Path, tmp_path: Path, engine: str | None) -> None:
    runner = CliRunner()
    model = str(repo_root / "data" / "governance.yaml")
    result = runner.invoke(cli, ["render", model, "--view", "accountability", "--format", "mermaid"])
    assert result.exit_code == 0, result.output
    assert result.output == (GOLDEN / "accountability.mmd").read_text(encoding="utf-8")
    result = runner.invoke(cli, ["render", "-m", model, "--focus", "pcag", "--up", "1", "--format", "dot"])
    assert result.exit_code == 0, result.output
    assert '"lceg"' in result.output
    if engine is not None:
        out = tmp_path / "overview.svg"
        result = runner.invoke(cli, ["render", model, "--view", "overview", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert ET.parse(out).getroot().get("role") == "img"


def test_london_loads(repo_root: Path) -> None:
    assert "overview" in load(repo_root / "data" / "governance.yaml").views


TERMS = b"""\
govgraph: 1
title: Terms
as_of: 2026-12-08
roles:
  ann: {title: Ann Smith}
  bob: {title: Bob Jones}
  cat: {title: Cat Brown}
  dan: {title: Dan Green}
bodies:
  tag:
    name: The TAG
    kind: advisory_group
    chairs:
      - {role: ann, from: 2025-07-01, until: 2026-06-30}
      - {role: bob, from: 2025-07-01, until: 2027-06-30}
      - {role: cat, from: 2027-07-01}
      - {role: dan, capacity: vice_chair, from: 2024, until: 2025-06-30}
"""


def test_a_box_of_the_whole_record_marks_the_chairs_whose_terms_had_ended_or_not_begun() -> None:
    model = load_bytes(TERMS, "terms.yaml")
    (node,) = select_view(model).nodes
    assert node.chairs == ("Ann Smith (ended)", "Bob Jones", "Cat Brown (to come)")
    assert node.other_chairs == (("Vice-chair", "Dan Green (ended)"),)
    # The box's lines, as DOT draws them (wrapped to the box's width).
    dot = diagram_dot(select_view(model, ViewSelection(full_history=True)))
    lines = re.findall(r'<font point-size="9" color="#[0-9A-F]{6}">([^<]*)</font>', dot)
    box = " ".join(lines)
    assert "Co-chairs: Ann Smith (ended); Bob Jones; Cat Brown (to come) Vice-chair: Dan Green (ended)" in box
    assert "co-chaired by Ann Smith (ended) and Bob Jones" in select_view(model).describe()


def test_a_box_drawn_for_a_date_names_only_the_chairs_of_that_date_unmarked() -> None:
    model = load_bytes(TERMS, "terms.yaml")
    for full_history in (False, True):
        (node,) = select_view(model, ViewSelection(as_of=PartialDate.parse("2026-12"), full_history=full_history)).nodes
        assert node.chairs == ("Bob Jones",)
        assert node.other_chairs == ()
    (node,) = select_view(model, ViewSelection(as_of=PartialDate.parse("2026-01"))).nodes
    assert node.chairs == ("Ann Smith", "Bob Jones")


def test_a_chair_of_two_terms_is_unmarked_while_one_of_them_holds() -> None:
    text = TERMS.replace(b"      - {role: cat, from: 2027-07-01}\n", b"      - {role: ann, from: 2026-07-01}\n")
    (node,) = select_view(load_bytes(text, "terms.yaml")).nodes
    assert node.chairs == ("Ann Smith", "Bob Jones")
