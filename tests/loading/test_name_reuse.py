"""A name used again over time: two bodies one after the other, or a successor known by its predecessor's name,
load and answer; a name that means two things at the same time is a finding (GG203) that stops no command; a
command given a name that means several bodies lists them with their dates."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import support
from govgraph.checks import check
from govgraph.errors import AmbiguousName
from govgraph.loading import load_bytes
from govgraph.model import Model

GOVGRAPH = str(Path(sys.executable).with_name("govgraph"))

REUSED = """\
govgraph: 1
title: Names used again
roles:
  chair: {title: Chair}
  deputy: {title: Deputy chair}
bodies:
  board: {name: Board, kind: board, chairs: [chair]}
  data-team-2015:
    name: Data Team
    kind: team
    from: 2015
    reports_to: [board]
    history: [{date: 2019-03, status: closed}]
    succeeded_by: [data-team]
  data-team: {name: Data Team, kind: team, from: 2019-03, reports_to: [board]}
  digital-board: {name: Digital Board, kind: board, until: 2018, chairs: [deputy], reports_to: [board]}
  digital-and-data-board:
    name: Digital and Data Board
    formerly: [Digital Board]
    kind: board
    from: 2019
    chairs: [deputy]
    reports_to: [board]
"""


def model(text: str) -> Model:
    return load_bytes(text.encode("utf-8"), "m.yaml")


def gg203(found: Model, **options: object) -> list[tuple[int, int, str]]:
    return [
        (f.location.line, f.location.column, f.severity.name)
        for f in check(found, **options).findings  # type: ignore[arg-type]
        if f.code == "GG203" and f.location
    ]


def test_names_used_one_after_the_other_load_with_no_finding() -> None:
    reused = model(REUSED)
    assert gg203(reused) == []
    assert {reused.bodies["data-team"].name, reused.bodies["data-team-2015"].name} == {"Data Team"}


def test_a_name_that_means_several_bodies_is_answered_with_them_and_their_dates(tmp_path: Path) -> None:
    reused = model(REUSED)
    with pytest.raises(AmbiguousName) as caught:
        reused.resolve("data team")
    assert caught.value.matches == ("data-team", "data-team-2015")
    path = tmp_path / "m.yaml"
    path.write_text(REUSED, encoding="utf-8")
    done = support.govgraph("show", "DATA TEAM", "-m", str(path))
    assert done.returncode == 2
    assert "'DATA TEAM' could mean any of these; use the id of the one you mean:" in done.stderr
    assert "  data-team: Data Team (team), from March 2019\n" in done.stderr
    assert "  data-team-2015: Data Team (team), from 2015, closed March 2019\n" in done.stderr
    former = support.govgraph("chain", "digital board", "-m", str(path))
    assert "  digital-and-data-board: Digital and Data Board (board), from 2019\n" in former.stderr
    assert "  digital-board: Digital Board (board), until 2018\n" in former.stderr
    by_id = support.govgraph("show", "data-team", "-m", str(path))
    assert by_id.returncode == 0, by_id.stderr


@pytest.mark.parametrize(
    ("second", "reported"),
    [
        ("from: 2019-02", True),  # starts before the first closed (March 2019)
        ("", True),  # no start recorded: could be at any time
        ("from: 2019-03", False),
        ("from: 2020", False),
    ],
)
def test_two_bodies_at_once_with_one_name_is_reported_where_the_second_is(second: str, reported: bool) -> None:
    text = REUSED.replace(
        "{name: Data Team, kind: team, from: 2019-03,", "{name: Data Team, kind: team, " + second + ","
    )
    text = text.replace(", ,", ",")
    found = gg203(model(text))
    assert found == ([(15, 3, "ERROR")] if reported else [])


def test_a_name_two_things_share_at_once_stops_no_command_and_its_severity_is_the_files(tmp_path: Path) -> None:
    text = REUSED.replace("deputy: {title: Deputy chair}", "deputy: {title: Chair}")
    shared = model(text)  # read, although two posts share a title
    assert gg203(shared) == [(5, 3, "ERROR")]
    milder = model(text + "checks:\n  severity: {GG203: warning}\n")
    assert gg203(milder) == [(5, 3, "WARNING")]
    assert gg203(shared, ignore=["GG203"]) == []
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    shown = support.govgraph("show", "board", "-m", str(path))
    assert shown.returncode == 0, shown.stderr
    checked = support.govgraph("check", str(path))
    assert checked.returncode == 1
    assert "m.yaml:5:3: error GG203 the name 'Chair' is used by both 'chair' and 'deputy'" in checked.stdout
