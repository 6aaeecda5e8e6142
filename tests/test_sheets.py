"""A structure too large for one diagram becomes a linked set of sheets (`govgraph.sheets.split_sheets`).

The rule is tested with a plain test of size (a sheet fits when it has at most N boxes), so that what is checked
is the division itself: every body and line drawn somewhere, every sheet opened from a box, the top levels first,
groups for wide fans and many tops, small branches kept together. Whether a sheet prints on A4 is
tests/test_diagram_print.py's.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from govgraph import vocabulary
from govgraph.loading import load_bytes
from govgraph.model import Model
from govgraph.render.mermaid import diagram_mermaid
from govgraph.render.org_chart import box_text
from govgraph.sheets import SMALL_BRANCH, hangs_below, split_sheets, tree
from govgraph.views import Diagram, select_view


def model_of(bodies: dict[str, dict[str, Any]], **extra: Any) -> Model:
    document = {"govgraph": 1, "title": "Test", **extra, "bodies": bodies}
    return load_bytes(yaml.safe_dump(document, sort_keys=False).encode(), "test.yaml")


def deep(branches: int, per_branch: int, leaves: int) -> Model:
    """A board, `branches` committees, `per_branch` programmes under each, `leaves` projects under each of those."""
    bodies: dict[str, dict[str, Any]] = {"board": {"name": "Board", "kind": "board"}}
    for b in range(branches):
        bodies[f"c{b}"] = {"name": f"Committee {b}", "kind": "committee", "reports_to": ["board"]}
        for p in range(per_branch):
            bodies[f"c{b}-p{p}"] = {"name": f"Programme {b}.{p}", "kind": "programme", "reports_to": [f"c{b}"]}
            for q in range(leaves):
                name = f"Project {b}.{p}.{q}"
                bodies[f"c{b}-p{p}-q{q}"] = {"name": name, "kind": "project", "reports_to": [f"c{b}-p{p}"]}
    return model_of(bodies)


def at_most(boxes: int) -> Callable[[Diagram], bool]:
    return lambda diagram: len(diagram.nodes) <= boxes


def check_set(diagram: Diagram, sheets: list[Diagram], fits: Callable[[Diagram], bool]) -> None:
    """What every linked set must be, whatever the structure."""
    ids = [s.id for s in sheets]
    assert ids[0] == diagram.id
    assert len(set(ids)) == len(ids)
    assert all(i.startswith(f"{diagram.id}-") for i in ids[1:])
    assert all(fits(s) for s in sheets)
    bodies = {n.id for n in diagram.nodes}
    # Every body is drawn as itself somewhere (not only as a box for context or in a group).
    drawn = {n.id for s in sheets for n in s.nodes if not n.group and (n.link is None or n.below)}
    assert drawn == bodies
    # Every line is drawn somewhere, between the bodies it joins; but a line through a post (a liaison) from a body
    # to one below it, which the lines that one hangs by join already.
    lines = {(e.source, e.target, e.relation) for s in sheets for e in s.edges}
    placed = tree(diagram)
    left = {
        (e.source, e.target, e.relation)
        for e in diagram.edges
        if vocabulary.relation(e.relation).by_role and hangs_below(placed, e.target, e.source)
    }
    assert {(e.source, e.target, e.relation) for e in diagram.edges} - left <= lines
    # Every box that stands for more opens a sheet of the set, and every sheet but the first is opened by one
    # on a sheet before it.
    opened: set[str] = set()
    for _index, sheet in enumerate(sheets):
        assert sheet.id == ids[0] or sheet.id in opened, sheet.id
        for node in sheet.nodes:
            if node.below or node.group:
                assert node.link in ids
                opened.add(str(node.link))
            elif node.link is not None:
                assert node.link in ids  # a box drawn for context opens the sheet that draws it
        assert {e.source for e in sheet.edges} | {e.target for e in sheet.edges} <= {n.id for n in sheet.nodes}


def test_a_diagram_that_fits_is_one_sheet() -> None:
    diagram = select_view(deep(2, 2, 2))
    assert split_sheets(diagram, lambda d: True) == [diagram]


def test_the_overview_is_the_top_levels_each_box_saying_how_many_are_below() -> None:
    diagram = select_view(deep(4, 3, 5))  # 1 + 4 + 12 + 60 bodies
    fits = at_most(20)
    sheets = split_sheets(diagram, fits)
    check_set(diagram, sheets, fits)
    overview = {n.id: n for n in sheets[0].nodes}
    # Whole levels while they fit: the board, its committees and their programmes (17 boxes); not the projects.
    assert set(overview) == {"board"} | {f"c{b}" for b in range(4)} | {f"c{b}-p{p}" for b in range(4) for p in range(3)}
    assert overview["c0-p0"].below == 5
    assert overview["c0-p0"].link is not None
    assert overview["board"].below == 0
    assert overview["c0"].below == 0


def test_a_branch_sheet_draws_its_head_with_its_parent_linked_back() -> None:
    diagram = select_view(deep(3, 2, 12))
    sheets = split_sheets(diagram, at_most(20))
    check_set(diagram, sheets, at_most(20))
    branch = next(s for s in sheets[1:] if "c1-p0" in {n.id for n in s.nodes if n.link is None or n.below})
    nodes = {n.id: n for n in branch.nodes}
    assert {f"c1-p0-q{q}" for q in range(12)} <= set(nodes)
    # Its parent is drawn for context, and opens the sheet that draws it.
    assert nodes["c1"].link == sheets[0].id
    assert ("c1-p0", "c1", "reports_to") in {(e.source, e.target, e.relation) for e in branch.edges}


def test_small_branches_stay_in_place_and_larger_ones_share_balanced_sheets() -> None:
    bodies: dict[str, dict[str, Any]] = {"board": {"name": "Board", "kind": "board"}}
    sizes = [2, 3, 9, 9, 9, 9]  # bodies under each committee
    for b, size in enumerate(sizes):
        bodies[f"c{b}"] = {"name": f"Committee {b}", "kind": "committee", "reports_to": ["board"]}
        for q in range(size):
            bodies[f"c{b}-q{q}"] = {"name": f"Project {b}.{q}", "kind": "project", "reports_to": [f"c{b}"]}
    diagram = select_view(model_of(bodies))
    fits = at_most(24)
    sheets = split_sheets(diagram, fits)
    check_set(diagram, sheets, fits)
    overview = {n.id for n in sheets[0].nodes}
    # The branches of two and three projects are drawn in place, not given sheets of their own.
    assert {"c0-q1", "c1-q2"} <= overview
    assert max(sizes[:2]) + 1 <= SMALL_BRANCH
    # The four branches of nine share sheets, as evenly as fits: two each.
    rest = sheets[1:]
    assert len(rest) == 2
    assert sorted(len([n for n in s.nodes if n.id.count("-q")]) for s in rest) == [18, 18]
    assert all(len(s.edges) > 1 for s in sheets)


def test_a_board_with_a_hundred_bodies_has_group_boxes_by_kind_in_even_runs() -> None:
    bodies: dict[str, dict[str, Any]] = {"board": {"name": "Board", "kind": "board"}}
    for i in range(100):
        kind = "project" if i < 70 else "team"
        bodies[f"b{i:03d}"] = {"name": f"Body {i}", "kind": kind, "reports_to": ["board"]}
    diagram = select_view(model_of(bodies))
    fits = at_most(26)
    sheets = split_sheets(diagram, fits)
    check_set(diagram, sheets, fits)
    groups = [n for n in sheets[0].nodes if n.group]
    # Projects in three even runs (24, 23, 23: each fits a sheet with the board), teams in two of fifteen.
    assert sorted((g.kind, g.below) for g in groups) == [
        ("project", 23),
        ("project", 23),
        ("project", 24),
        ("team", 15),
        ("team", 15),
    ]
    assert {g.label for g in groups} >= {"24 projects", "15 teams"}
    first = next(g for g in groups if g.below == 24)
    assert first.name == "24 projects: Body 0 to Body 23"  # names in order, numbers by value
    run = next(s for s in sheets if s.id == first.link)
    assert {n.id for n in run.nodes} == {"board"} | {f"b{i:03d}" for i in range(24)}


def test_group_boxes_of_one_kind_under_one_body_name_their_runs_in_the_box_and_the_sheet_title() -> None:
    # The OpenStack TC's seventy teams were two boxes "35 teams" opening two sheets both titled "35 teams under
    # TC": nothing told a reader which held nova.
    bodies: dict[str, dict[str, Any]] = {"board": {"name": "Board", "kind": "board"}}
    for i in range(30):
        bodies[f"t{i:02d}"] = {"name": f"Team {i}", "kind": "team", "reports_to": ["board"]}
    diagram = select_view(model_of(bodies))
    fits = at_most(16)
    sheets = split_sheets(diagram, fits)
    check_set(diagram, sheets, fits)
    groups = sorted((n for n in sheets[0].nodes if n.group), key=lambda n: str(n.span))
    assert [g.span for g in groups] == [("Team 0", "Team 14"), ("Team 15", "Team 29")]
    titles = {s.id: s.title for s in sheets}
    assert [titles[str(g.link)] for g in groups] == [
        "Test: 15 teams under Board (Team 0 to Team 14)",
        "Test: 15 teams under Board (Team 15 to Team 29)",
    ]
    assert "Team 15 to Team 29" in box_text(groups[1]).details
    assert "Team 15 to Team 29" in diagram_mermaid(sheets[0])


def test_a_body_whose_bodies_hang_under_another_says_how_many_and_opens_where_they_are() -> None:
    # The OpenStack UC's twenty SIGs also report to the TC and are drawn under it: the overview's UC box said
    # nothing was below it, as if it had no SIGs at all.
    bodies: dict[str, dict[str, Any]] = {
        "tc": {"name": "TC", "kind": "committee"},
        "uc": {"name": "UC", "kind": "committee"},
    }
    for i in range(12):
        bodies[f"team{i:02d}"] = {"name": f"Team {i}", "kind": "team", "reports_to": ["tc"]}
    for i in range(6):
        bodies[f"sig{i}"] = {"name": f"SIG {i}", "kind": "team", "reports_to": ["tc", "uc"]}
    bodies["sig0-wg"] = {"name": "Working group", "kind": "project", "reports_to": ["sig0", "uc"]}
    diagram = select_view(model_of(bodies))
    fits = at_most(12)
    sheets = split_sheets(diagram, fits)
    check_set(diagram, sheets, fits)
    overview = {n.id: n for n in sheets[0].nodes}
    # The six SIGs and the working group under the first of them, counted once though it reports to the UC too.
    assert overview["uc"].below == 7
    opened = next(s for s in sheets if s.id == overview["uc"].link)
    drawn = {n.id for n in opened.nodes if n.link is None or n.below}
    assert "sig0" in drawn
    assert ("sig0", "uc", "reports_to") in {(e.source, e.target, e.relation) for e in opened.edges}


def test_sixty_tops_of_several_organisations_are_grouped_by_organisation() -> None:
    organisations = {f"o{i}": {"name": f"Organisation {i}"} for i in range(3)}
    bodies = {f"t{i:02d}": {"name": f"Team {i}", "kind": "team", "organisation": f"o{i % 3}"} for i in range(60)}
    diagram = select_view(model_of(bodies, organisations=organisations))
    fits = at_most(25)
    sheets = split_sheets(diagram, fits)
    check_set(diagram, sheets, fits)
    groups = [n for n in sheets[0].nodes if n.group]
    assert len(groups) == 3
    for group in groups:
        sheet = next(s for s in sheets if s.id == group.link)
        assert len({n.organisation for n in sheet.nodes}) == 1


def test_a_dotted_line_to_a_body_drawn_elsewhere_goes_to_a_box_that_opens_its_sheet() -> None:
    bodies: dict[str, dict[str, Any]] = {"board": {"name": "Board", "kind": "board"}}
    for b in range(2):
        bodies[f"c{b}"] = {"name": f"Committee {b}", "kind": "committee", "reports_to": ["board"]}
        for q in range(15):
            bodies[f"c{b}-q{q}"] = {"name": f"Project {b}.{q}", "kind": "project", "reports_to": [f"c{b}"]}
    bodies["c1-q3"]["dotted_to"] = ["c0-q4"]
    diagram = select_view(model_of(bodies))
    fits = at_most(20)
    sheets = split_sheets(diagram, fits)
    check_set(diagram, sheets, fits)
    sheet = next(s for s in sheets if any(e.relation == "dotted_to" for e in s.edges))
    far = next(n for n in sheet.nodes if n.id == "c0-q4")
    home = next(s for s in sheets if "c0-q4" in {n.id for n in s.nodes if n.link is None})
    assert far.link == home.id


def test_lines_to_the_bodies_right_under_one_are_drawn_where_those_are_drawn() -> None:
    # The OpenStack TC has a liaison to each of its teams: each line made a box of the team beside the TC, so the
    # TC alone did not fit its own sheet and the overview was three unnamed groups ("1 committee: 71 bodies").
    bodies: dict[str, dict[str, Any]] = {
        "tc": {"name": "TC", "kind": "committee", "liaison_to": [{"body": f"t{i}", "by": "lead"} for i in range(30)]}
    }
    for i in range(30):
        bodies[f"t{i}"] = {"name": f"Team {i}", "kind": "team", "reports_to": ["tc"]}
    diagram = select_view(model_of(bodies, roles={"lead": {"title": "Lead"}}))
    fits = at_most(20)
    sheets = split_sheets(diagram, fits)
    check_set(diagram, sheets, fits)
    overview = {n.id: n for n in sheets[0].nodes}
    assert {i for i, n in overview.items() if not n.group} == {"tc"}  # its teams in group boxes under it, no others
    assert sum(n.below for n in overview.values() if n.group) == 30
    # The teams' sheets draw the TC for context and their reporting lines to it; the liaisons are left to each
    # team's own diagram (drawn from the TC into a sheet of thirty, they pulled its names down to 5 pt).
    assert all(e.relation == "reports_to" for sheet in sheets[1:] for e in sheet.edges)
    assert {e.source for sheet in sheets[1:] for e in sheet.edges} == {f"t{i}" for i in range(30)}


def test_a_liaison_to_a_body_further_down_its_branch_makes_no_box_of_it_beside_the_source() -> None:
    # The CNCF TOC's liaison to Batch, part of TAG Workloads Foundation: on the overview, Batch was drawn beside the
    # TOC as the end of the line, a box like any body's with no line to its TAG, whose box counted it below.
    bodies: dict[str, dict[str, Any]] = {
        "board": {"name": "Board", "kind": "board", "liaison_to": [{"body": "c0-q4", "by": "lead"}]}
    }
    for b in range(2):
        bodies[f"c{b}"] = {"name": f"Committee {b}", "kind": "committee", "reports_to": ["board"]}
        for q in range(15):
            bodies[f"c{b}-q{q}"] = {"name": f"Project {b}.{q}", "kind": "project", "reports_to": [f"c{b}"]}
    diagram = select_view(model_of(bodies, roles={"lead": {"title": "Lead"}}))
    fits = at_most(20)
    sheets = split_sheets(diagram, fits)
    check_set(diagram, sheets, fits)
    overview = {n.id: n for n in sheets[0].nodes}
    assert "c0-q4" not in overview
    assert overview["c0"].below == 15
    # Drawn once, on its committee's sheet, under the committee.
    (home,) = [s for s in sheets if "c0-q4" in {n.id for n in s.nodes}]
    assert ("c0-q4", "c0", "reports_to") in {(e.source, e.target, e.relation) for e in home.edges}


def test_a_dotted_line_to_a_body_right_under_one_is_drawn_on_that_bodys_sheet() -> None:
    bodies: dict[str, dict[str, Any]] = {"board": {"name": "Board", "kind": "board", "dotted_to": ["t7"]}}
    for i in range(30):
        bodies[f"t{i}"] = {"name": f"Team {i}", "kind": "team", "reports_to": ["board"]}
    diagram = select_view(model_of(bodies))
    fits = at_most(20)
    sheets = split_sheets(diagram, fits)
    check_set(diagram, sheets, fits)
    assert "t7" not in {n.id for n in sheets[0].nodes}  # no box of it beside the board
    lines = {s.id: {(e.source, e.target, e.relation) for e in s.edges} for s in sheets}
    (drawn,) = [s for s in sheets if ("board", "t7", "dotted_to") in lines[s.id]]
    assert "t7" in {n.id for n in drawn.nodes if n.link is None}


def test_the_same_structure_in_any_order_gives_the_same_sheets() -> None:
    diagram = select_view(deep(3, 3, 4))
    nodes, edges = list(diagram.nodes), list(diagram.edges)
    random.Random(7).shuffle(nodes)
    random.Random(8).shuffle(edges)
    shuffled = replace(diagram, nodes=tuple(nodes), edges=tuple(edges))
    assert split_sheets(shuffled, at_most(12)) == split_sheets(diagram, at_most(12))


def test_a_reporting_cycle_is_cut_and_divided_without_hanging() -> None:
    bodies = {f"b{i}": {"name": f"Body {i}", "kind": "board", "reports_to": [f"b{(i + 1) % 30}"]} for i in range(30)}
    diagram = select_view(model_of(bodies))
    parent = tree(diagram)
    assert len(parent) == 29  # the cycle is cut once, at the body of smallest id, which becomes the top
    assert "b0" not in parent
    fits = at_most(8)
    check_set(diagram, split_sheets(diagram, fits), fits)


@pytest.mark.parametrize("boxes", [6, 9, 15, 40])
def test_any_limit_gives_a_complete_linked_set(boxes: int) -> None:
    diagram = select_view(deep(4, 4, 6))
    fits = at_most(boxes)
    check_set(diagram, split_sheets(diagram, fits), fits)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 1000), st.sampled_from(["board", "project", "team"])), min_size=2, max_size=45),
    st.lists(st.tuples(st.integers(0, 1000), st.integers(0, 1000)), max_size=8),
    st.integers(3, 20),
)
def test_any_structure_and_limit_gives_a_complete_linked_set(
    shape: list[tuple[int, str]], dotted: list[tuple[int, int]], boxes: int
) -> None:
    bodies: dict[str, dict[str, Any]] = {}
    for i, (parent, kind) in enumerate(shape):
        body: dict[str, Any] = {"name": f"Body {i}", "kind": kind}
        if i and parent % 4:  # about one in four is a top
            body["reports_to"] = [f"b{parent % i:02d}"]
        bodies[f"b{i:02d}"] = body
    for a, b in dotted:
        source, target = f"b{a % len(shape):02d}", f"b{b % len(shape):02d}"
        if source != target:
            bodies[source].setdefault("dotted_to", [])
            if target not in bodies[source]["dotted_to"]:
                bodies[source]["dotted_to"].append(target)
    diagram = select_view(model_of(bodies))
    fits = at_most(boxes)
    sheets = split_sheets(diagram, fits)
    check_set(diagram, sheets, lambda d: fits(d) or _one_head(d))


def _one_head(sheet: Diagram) -> bool:
    """A sheet may be over the limit only where it cannot be cut: one body of its own, with the boxes it must show
    (its parent for context, the far ends of its lines, a box for what is below it)."""
    return sum(1 for n in sheet.nodes if n.link is None) <= 1
