"""Large models stay usable: a structure too big for one diagram is drawn as a linked set (its top levels, then
its branches), and a focused view looks only at the part of the model it draws (and still draws exactly what the
whole model's lines reach)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

import support
from govgraph.loading import load_bytes
from govgraph.model import Model, PartialDate
from govgraph.render.diagram import diagram_sheets
from govgraph.views import Diagram, ViewSelection, select_view

GOVGRAPH = str(Path(sys.executable).with_name("govgraph"))


def tree(committees: int, projects: int) -> bytes:
    """One board, `committees` committees reporting to it, `projects` projects under each."""
    bodies: dict[str, dict[str, object]] = {"board": {"name": "Board", "kind": "board"}}
    for c in range(committees):
        bodies[f"c{c:02d}"] = {"name": f"Committee {c}", "kind": "committee", "reports_to": ["board"]}
        for p in range(projects):
            bodies[f"c{c:02d}-p{p:02d}"] = {"name": f"Project {c}.{p}", "kind": "project", "reports_to": [f"c{c:02d}"]}
    return yaml.safe_dump({"govgraph": 1, "title": "Tree", "bodies": bodies}).encode()


@pytest.fixture(scope="module")
def big() -> Model:
    return load_bytes(tree(10, 20), "tree.yaml")


def test_a_diagram_that_prints_on_a_page_is_drawn_whole(london: Model) -> None:
    whole = select_view(london)
    assert diagram_sheets(whole) == [whole]


def test_a_large_diagram_is_its_top_levels_with_counts_then_its_branches(big: Model) -> None:
    whole = select_view(big)
    assert len(whole.nodes) == 211
    sheets = diagram_sheets(whole)
    overview = {n.id: n for n in sheets[0].nodes}
    assert sheets[0].title == "Tree"
    assert set(overview) == {"board", *(f"c{c:02d}" for c in range(10))}
    assert {n.below for i, n in overview.items() if i != "board"} == {20}
    assert overview["board"].below == 0
    # Each committee's box opens the sheet that draws its projects.
    for c in range(10):
        sheet = next(s for s in sheets if s.id == overview[f"c{c:02d}"].link)
        assert {f"c{c:02d}-p{p:02d}" for p in range(20)} <= {n.id for n in sheet.nodes}


def test_render_says_it_drew_a_linked_set_and_full_draws_everything(tmp_path: Path) -> None:
    model = tmp_path / "tree.yaml"
    model.write_bytes(tree(10, 20))
    done = support.govgraph("render", str(model), "--format", "dot")
    assert done.returncode == 0, done.stderr
    assert "211 bodies are too many for one diagram readable on A4" in done.stderr
    assert "give -o FILE to write all of them" in done.stderr
    assert "+20 bodies below" in done.stdout
    assert '"c03-p07"' not in done.stdout
    done = support.govgraph("render", str(model), "--format", "dot", "--full")
    assert done.returncode == 0
    assert done.stderr == ""
    assert '"c03-p07"' in done.stdout


@pytest.mark.parametrize(("up", "down"), [(0, 0), (1, 1), (None, 1), (1, None), (None, None), (2, 0)])
def test_a_focused_view_draws_what_the_whole_models_lines_reach(
    london: Model, up: int | None, down: int | None
) -> None:
    for as_of in (None, PartialDate.parse("2024-06"), PartialDate.parse("2025-04")):
        whole = select_view(london, ViewSelection(as_of=as_of, full_history=True))
        for body in london.bodies:
            focused = select_view(london, ViewSelection(focus=body, up=up, down=down, as_of=as_of, full_history=True))
            expected = _reach(whole, body, up, upward=True) | _reach(whole, body, down, upward=False)
            assert {n.id for n in focused.nodes} == expected, (body, as_of)
            assert {(e.source, e.target, e.relation) for e in focused.edges} == {
                (e.source, e.target, e.relation) for e in whole.edges if e.source in expected and e.target in expected
            }


def _reach(diagram: Diagram, start: str, steps: int | None, *, upward: bool) -> set[str]:
    """Reach along the whole diagram's lines, written out plainly (the view code's own walk is not reused)."""
    seen, frontier, depth = {start}, [start], 0
    while frontier and (steps is None or depth < steps):
        depth += 1
        nxt = []
        for node in frontier:
            for e in diagram.edges:
                a, b = (e.source, e.target) if upward else (e.target, e.source)
                if a == node and b not in seen:
                    seen.add(b)
                    nxt.append(b)
        frontier = nxt
    return seen


def test_a_large_layout_is_told_to_try_less_hard(big: Model, london: Model) -> None:
    from govgraph.render.dot import LARGE, diagram_dot

    whole = select_view(big)
    assert len(whole.nodes) <= LARGE
    assert "nslimit" not in diagram_dot(whole)
    larger = select_view(load_bytes(tree(20, 20), "tree.yaml"))
    assert len(larger.nodes) > LARGE
    assert 'nslimit="2"' in diagram_dot(larger)
    assert "nslimit" not in diagram_dot(select_view(london))
