"""Say only what is known: a status not recorded is shown as such, never as "active", and a post holder recorded
without dates never outranks, or stands in for, one whose dates are known."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govgraph.build.pages import DiagramLinks, body_page, index_page
from govgraph.checks import check
from govgraph.exchange.export import export
from govgraph.loading import load_bytes
from govgraph.model import Model, PartialDate
from govgraph.queries import roles, show
from govgraph.render.data import roles_data
from govgraph.render.dot import diagram_dot
from govgraph.render.text import card_text, roles_text
from govgraph.views import select_view

UNRECORDED = b"""\
govgraph: 1
title: Unrecorded
as_of: 2025-01
roles:
  chair:
    title: Chair of the board
    holders:
      - {name: Acting Chair}
      - {name: Dated Chair, from: 2022}
bodies:
  board: {name: The Board, kind: board, chairs: [chair], from: 2022}
  project: {name: The Project, kind: project, reports_to: [board]}
  done: {name: Done Project, kind: project, reports_to: [board], status: active, until: 2024}
"""


@pytest.fixture(scope="module")
def model() -> Model:
    return load_bytes(UNRECORDED, "unrecorded.yaml")


def test_a_body_with_no_status_shows_status_not_recorded(model: Model) -> None:
    card = show(model, "project")
    assert card.status is None
    text = card_text(card)
    assert "status not recorded" in text
    assert "active" not in text


def test_diagrams_do_not_make_up_a_status(model: Model) -> None:
    dot = diagram_dot(select_view(model))
    project = next(line for line in dot.splitlines() if line.startswith('"project" ['))
    assert "status-not_recorded" in project
    assert "status-active" not in project
    # Past its `until`, a body recorded as active has ended: how is not recorded, so it is not "closed".
    done = next(line for line in dot.splitlines() if line.startswith('"done" ['))
    assert "status-ended" in done
    # Its name says its kind already, so the small line under the name says only what happened to it.
    assert '<font point-size="9" color="#555555">ended</font>' in done
    assert "closed" not in done.replace("status-closed", "")


def test_exports_leave_out_a_status_not_recorded(model: Model) -> None:
    graph = json.loads(export(model, "jsonld"))["@graph"]
    project = next(n for n in graph if n["@id"] == "urn:govgraph:project")
    assert "gg:status" not in project
    assert next(n for n in graph if n["@id"] == "urn:govgraph:done")["gg:status"] == "ended"
    table = export(model, "csv", table="bodies")
    assert isinstance(table, str)
    row = next(line for line in table.splitlines() if line.startswith("project,"))
    assert row.split(",")[4] == ""  # the status column: empty, not "active"
    graphml = export(model, "graphml")
    assert isinstance(graphml, bytes)
    node = graphml.split(b'id="project"', 1)[1].split(b"</node>", 1)[0]
    assert b'key="node-kind"' in node
    assert b'key="node-status"' not in node


def test_documentation_pages_say_not_recorded(model: Model, tmp_path: Path) -> None:
    path = tmp_path / "unrecorded.yaml"
    path.write_bytes(UNRECORDED)
    out = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "govgraph", "build", str(path), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    page = (out / "bodies" / "project.md").read_text(encoding="utf-8")
    assert "- **Status:** not recorded" in page
    assert "active" not in page.lower().replace("interactive", "")


# -- holders with partial dates --------------------------------------------------------------------------------


def test_before_the_board_existed_no_one_is_named_as_holding_its_chair(model: Model) -> None:
    [load] = roles(model, "chair", as_of=PartialDate.parse("2021"))
    text = roles_text([load])
    # The acting chair's dates are not recorded: they may or may not have held the post then, and are shown so.
    assert "  - Acting Chair (dates not recorded)" in text
    assert "Dated Chair" not in text
    [data] = roles_data([load])
    assert data["holders"] == [{"name": "Acting Chair", "from": None, "until": None, "dates_recorded": False}]


def test_a_holder_without_dates_never_outranks_a_dated_one(model: Model) -> None:
    [load] = roles(model, "chair", as_of=PartialDate.parse("2023"))
    text = roles_text([load])
    dated = text.index("  - Dated Chair (from 2022)")
    undated = text.index("  - Acting Chair (dates not recorded)")
    assert dated < undated
    # Over the whole record, the holders are as the file lists them, each with what is known of its dates.
    whole = roles_text(roles(model, "chair"))
    assert whole.index("Acting Chair (dates not recorded)") < whole.index("Dated Chair (from 2022)")


def test_pages_say_a_chair_is_not_recorded_for_a_kind_that_has_one_and_nothing_for_a_project() -> None:
    # The index's Chairs column was empty for LCEG (a board whose chair the source does not name) as for a project,
    # and the body page left the chair out: a gap read as nothing to say.
    text = b"""\
govgraph: 1
title: Gaps
bodies:
  board: {name: The Board, kind: board}
  project: {name: The Project, kind: project, reports_to: [board]}
"""
    gaps = load_bytes(text, "gaps.yaml")
    around = DiagramLinks(title="Around", image="a.svg", files=())
    assert "- **Chair:** not recorded" in body_page(gaps, "board", diagram=around, as_of=None)
    assert "**Chair" not in body_page(gaps, "project", diagram=around, as_of=None)
    index = index_page(gaps, overview=around, views=(), result=check(gaps), as_of=None, allow_errors=False)
    rows = {
        line.split("|")[1].strip(): line.split("|")[2].strip() for line in index.splitlines() if "](bodies/" in line
    }
    assert rows["[The Board](bodies/board.md)"] == "not recorded"
    assert rows["[The Project](bodies/project.md)"] == ""
