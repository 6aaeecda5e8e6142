"""One clock: every command family agrees on what has ended, with and without the model's `as_of` and `--as-of`.

A body `old-board` and the line into it end in 2019 (`until: 2019`). Whether they had ended is judged at one
reference day everywhere (`govgraph.time.reference_day`): the date asked about, else the model's `as_of`, else
today. Each family of commands is asked in its own words, and each answer is read back as "the line (and the
body) still held" or "had ended".
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import support
from govgraph import time
from govgraph.checks import check
from govgraph.loading import load_bytes
from govgraph.model import PartialDate, Period

MODEL = """\
govgraph: 1
title: One clock
{as_of}roles:
  chair: {{title: Chair}}
bodies:
  top: {{name: Top Board, kind: board, chairs: [chair]}}
  old-board: {{name: Old Board, kind: board, chairs: [chair], until: 2019}}
  unit:
    name: Unit
    kind: programme
    reports_to: [top, {{body: old-board, until: 2019}}]
"""

#: (the model's `as_of`, `--as-of`): every combination of with and without, before and after 2019.
CASES = [
    (None, None),
    (None, "2018"),
    (None, "2020"),
    ("2019-06", None),
    ("2019-06", "2020"),
    ("2025-01", None),
    ("2025-01", "2018"),
]


def _ended(model_as_of: str | None, asked: str | None) -> bool:
    """Whether the line and the body had ended by the day the answer is about."""
    when = asked or model_as_of
    day = PartialDate.parse(when).last if when else dt.date.today()
    return day > dt.date(2019, 12, 31)


@pytest.fixture(params=CASES, ids=lambda c: f"model-as_of={c[0]}, --as-of={c[1]}")
def case(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, list[str], bool]:
    model_as_of, asked = request.param
    path = tmp_path / "governance.yaml"
    path.write_text(MODEL.format(as_of=f"as_of: {model_as_of}\n" if model_as_of else ""), encoding="utf-8")
    return path, (["--as-of", asked] if asked else []), _ended(model_as_of, asked)


def govgraph(*args: str) -> subprocess.CompletedProcess[str]:
    return support.govgraph(*args)


def _json(*args: str) -> Any:
    result = govgraph(*args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# Each family's answer, read back: does the line unit -> old-board still hold?


def test_show(case: tuple[Path, list[str], bool]) -> None:
    path, asked, ended = case
    card = _json("show", "unit", "-m", str(path), "--format", "json", *asked)
    lines = [line for line in card["lines_out"] if line["body"] == "old-board"]
    assert (not lines or lines[0]["ended"]) is ended
    other = _json("show", "old-board", "-m", str(path), "--format", "json", *asked)
    assert (other["status"] == "ended") is ended


def test_chain(case: tuple[Path, list[str], bool]) -> None:
    path, asked, ended = case
    answer = _json("chain", "unit", "-m", str(path), "--format", "json", *asked)
    held = [row for row in answer["tree"] if row["body"] == "old-board" and row["line"]["in_force"]]
    assert (not held) is ended
    closed = {c["body"] for c in answer["closures"]}
    assert ("old-board" in closed or "old-board" not in {r["body"] for r in answer["tree"]}) is ended


def test_path(case: tuple[Path, list[str], bool]) -> None:
    path, asked, ended = case
    answer = _json("path", "unit", "old-board", "-m", str(path), "--format", "json", *asked)
    held = [r for r in answer["routes"] if all(step["in_force"] for step in r["steps"])]
    assert (not held) is ended


def test_under(case: tuple[Path, list[str], bool]) -> None:
    path, asked, ended = case
    answer = _json("under", "old-board", "-m", str(path), "--format", "json", *asked)
    held = [row for row in answer["tree"] if row["body"] == "unit" and row["line"]["in_force"]]
    assert (not held) is ended


def test_render_dot(case: tuple[Path, list[str], bool]) -> None:
    path, asked, ended = case
    result = govgraph("render", str(path), "--format", "dot", *asked)
    assert result.returncode == 0, result.stderr
    edges = [line for line in result.stdout.splitlines() if line.startswith('"unit" -> "old-board"')]
    assert (not edges or "ended" in edges[0]) is ended
    node = [line for line in result.stdout.splitlines() if line.startswith('"old-board" [')]
    assert (not node or "status-ended" in node[0]) is ended


def test_render_mermaid(case: tuple[Path, list[str], bool]) -> None:
    path, asked, ended = case
    result = govgraph("render", str(path), "--format", "mermaid", *asked)
    assert result.returncode == 0, result.stderr
    # A box says its name, then its kind where the name does not ("Unit · programme"), then its status.
    labels = re.findall(r'^  (n\d+)\["([^"]+)"\]', result.stdout, re.M)
    names = {re.split(r" · | \(", label)[0]: node for node, label in labels}
    if "Old Board" not in names:
        assert ended
        return
    edge = re.search(rf"^  {names['Unit']} (\S+) {names['Old Board']}$", result.stdout, re.M)
    assert edge is not None
    assert ("ended" in edge.group(1)) is ended


@pytest.mark.parametrize("fmt", ["graphml", "jsonld", "cypher", "csv"])
def test_export(case: tuple[Path, list[str], bool], fmt: str, tmp_path: Path) -> None:
    path, asked, ended = case
    args = ["--table", "bodies"] if fmt == "csv" else []
    result = govgraph("export", str(path), "--format", fmt, *args, *asked)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    if "old-board" not in text:
        assert ended  # a dated export leaves out what had ended
        return
    if fmt == "graphml":
        root = ET.fromstring(text)
        ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
        node = root.find(".//g:node[@id='old-board']", ns)
        assert node is not None
        closed = node.find("g:data[@key='node-closed']", ns)
        assert closed is not None
        assert (closed.text == "True") is ended
    elif fmt == "jsonld":
        graph = json.loads(text)["@graph"]
        board = next(n for n in graph if n["@id"] == "urn:govgraph:old-board")
        assert (board.get("gg:status") == "ended") is ended
    elif fmt == "cypher":
        assert ("`status`: 'ended'" in text) is ended
    else:
        row = next(line for line in text.splitlines() if line.startswith("old-board,"))
        assert (",ended," in row) is ended


def test_build_pages(case: tuple[Path, list[str], bool], tmp_path: Path) -> None:
    path, asked, ended = case
    out = tmp_path / "site"
    result = govgraph("build", str(path), "-o", str(out), *asked)
    assert result.returncode == 0, result.stderr
    unit = (out / "bodies" / "unit.md").read_text(encoding="utf-8")
    route = [line for line in unit.splitlines() if "reports to [Old Board]" in line]  # the route to the top
    assert (not route or "ended" in route[0]) is ended
    board = (out / "bodies" / "old-board.md").read_text(encoding="utf-8")
    assert ("**Status:** ended" in board) is ended


def test_checks(case: tuple[Path, list[str], bool]) -> None:
    path, asked, ended = case
    model = load_bytes(path.read_bytes(), str(path))
    as_of = PartialDate.parse(asked[1]) if asked else None
    tops = [f for f in check(model, as_of=as_of).findings if f.code == "GG305"]
    # Two tops while the old board stood; one (no finding) once it had ended.
    assert (not tops) is ended


# -- GG304 respects closure and --as-of as GG401 and GG307 do ------------------------------------------------------

BRANCHES = b"""\
govgraph: 1
title: Branches
as_of: 2024
bodies:
  top: {name: Top, kind: board, ignore: [{code: GG401, reason: test}]}
  old-programme:
    name: Old Programme
    kind: programme
    history: [{date: 2020, status: closed}]
  old-project:
    name: Old Project
    kind: project
    reports_to: [old-programme]
    history: [{date: 2020, status: closed}]
  live-programme: {name: Live Programme, kind: programme}
  live-project: {name: Live Project, kind: project, reports_to: [live-programme]}
  closed-project:
    name: Closed Project
    kind: project
    reports_to: [live-programme]
    history: [{date: 2020, status: closed}]
"""


def test_gg304_passes_over_branches_closed_before_the_date() -> None:
    model = load_bytes(BRANCHES, "branches.yaml")
    dated = [f.message for f in check(model, as_of=PartialDate.parse("2021")).findings if f.code == "GG304"]
    assert len(dated) == 1
    assert "'live-programme'" in dated[0]
    assert "1 body depends on it" in dated[0]  # the closed project is not counted
    # Before the closures, both branches stood and both are reported, with every body below them.
    before = [f.message for f in check(model, as_of=PartialDate.parse("2019")).findings if f.code == "GG304"]
    assert len(before) == 2
    assert any("'live-programme'" in m and "2 bodies depend on it" in m for m in before)
    # Over the whole record nothing is hidden, as for GG401 and GG307.
    whole = [f.message for f in check(model).findings if f.code == "GG304"]
    assert len(whole) == 2


# -- the rules themselves ----------------------------------------------------------------------------------------


def test_a_partial_date_asked_about_is_its_last_day() -> None:
    assert time.moment(PartialDate.parse("2024-02")) == dt.date(2024, 2, 29)
    assert time.moment(dt.date(2024, 2, 1)) == dt.date(2024, 2, 1)
    assert time.moment(None) is None


def test_periods_hold_from_the_first_day_of_from_to_the_last_day_of_until() -> None:
    march = Period(PartialDate.parse("2024-03"), PartialDate.parse("2024-03"))
    assert time.holds_on(march, dt.date(2024, 3, 1))
    assert time.holds_on(march, dt.date(2024, 3, 31))
    assert not time.holds_on(march, dt.date(2024, 4, 1))
    assert not time.ended_by(march, dt.date(2024, 3, 31))
    assert time.ended_by(march, dt.date(2024, 4, 1))
    assert not time.ended_by(march, None)
    assert time.started_by(march, None)
    assert not time.started_by(march, dt.date(2024, 2, 29))
    assert time.certainly_before(PartialDate.parse("2024-02"), PartialDate.parse("2024-03"))
    assert not time.certainly_before(PartialDate.parse("2024"), PartialDate.parse("2024-03"))


def test_the_reference_day_is_the_date_asked_else_the_models_else_today() -> None:
    dated = load_bytes(b"govgraph: 1\ntitle: t\nas_of: 2024-06\nbodies: {b: {name: B, kind: board}}\n", "m.yaml")
    undated = load_bytes(b"govgraph: 1\ntitle: t\nbodies: {b: {name: B, kind: board}}\n", "m.yaml")
    assert time.reference_day(dated, dt.date(2020, 1, 1)) == dt.date(2020, 1, 1)
    assert time.reference_day(dated, None) == dt.date(2024, 6, 30)
    assert time.reference_day(undated, None) == dt.date.today()


def test_a_body_past_its_until_has_ended_unless_recorded_otherwise() -> None:
    model = load_bytes(
        b"govgraph: 1\ntitle: t\nbodies:\n"
        b"  a: {name: A, kind: board, until: 2019}\n"
        b"  b: {name: B, kind: board, until: 2019, history: [{date: 2019, status: transitioned}]}\n"
        b"  c: {name: C, kind: board, status: active}\n",
        "m.yaml",
    )
    a, b, c = (model.bodies[x] for x in "abc")
    assert time.status_on(a, dt.date(2019, 6, 1)) is None  # nothing recorded: no status is made up
    assert time.status_on(a, dt.date(2020, 1, 1)) == "ended"  # it stopped; how is not recorded
    assert time.status_on(a, None) is None
    assert time.status_on(a, None, reference=dt.date(2020, 1, 1)) == "ended"
    assert time.status_on(b, dt.date(2020, 1, 1)) == "transitioned"
    assert time.status_on(c, None) == "active"


def test_the_entry_a_status_dates_from_is_the_first_of_its_run() -> None:
    model = load_bytes(
        b"govgraph: 1\ntitle: t\nbodies:\n  a:\n    name: A\n    kind: board\n    history:\n"
        b"      - {date: 2023, status: active}\n      - {date: 2024-03, status: under_review}\n"
        b"      - {date: 2024-09, status: under_review, note: still}\n",
        "m.yaml",
    )
    entry = time.status_entry(model.bodies["a"], None)
    assert entry is not None
    assert str(entry.date) == "2024-03"
    early = time.status_entry(model.bodies["a"], dt.date(2023, 6, 1))
    assert early is not None
    assert early.status == "active"


def test_to_come_is_after_the_reference_day_and_unknown_where_the_date_holds_that_day() -> None:
    day = dt.date(2026, 12, 8)
    assert time.to_come(PartialDate.parse("2027-06-30"), day) is True
    assert time.to_come(PartialDate.parse("2027"), day) is True
    assert time.to_come(PartialDate.parse("2026-12-08"), day) is False  # on the day itself: it had happened
    assert time.to_come(PartialDate.parse("2026-06"), day) is False
    assert time.to_come(PartialDate.parse("2026-12"), day) is None  # some day of December 2026
    assert time.to_come(PartialDate.parse("2026"), day) is None
    # Known only to be no later than its date: before the day, it had happened; after it, that is not known.
    assert time.to_come(PartialDate.parse("2026-06"), day, date_known=False) is False
    assert time.to_come(PartialDate.parse("2027"), day, date_known=False) is None
