"""A build with nothing to write uses the outline of its plan kept by the last build (`govgraph.build.outline`):
only when everything the plan is made from is the same, and never in place of looking at the folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import govgraph.build
from govgraph import kept
from govgraph import time as clock
from govgraph.build import BuildPlan, build, check_output
from govgraph.build.folder import MARKER
from govgraph.loading import load
from govgraph.model import PartialDate
from support import SMALL, small_model

RULES = """\
govgraph_ruleset: 1
title: Our standing orders
sources:
  so: {title: Standing orders, publisher: Our trust}
parts:
  board: body
rules:
  - id: board-has-members
    members_at_least: {body: board, count: COUNT}
    cites: {source: so, clause: "SO 2.1"}
"""

WITH_RULES = (
    SMALL
    + """\
checks:
  rulesets:
    - use: rules/ours.yaml
      parts: {board: board}
"""
)


class Plans:
    """How many times the build planned in full."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.made = 0
        real = govgraph.build.plan_build

        def counted(*args: object, **kwargs: object) -> BuildPlan:
            self.made += 1
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(govgraph.build, "plan_build", counted)


@pytest.fixture
def plans(monkeypatch: pytest.MonkeyPatch, kept_folder: Path, engine: str) -> Plans:
    return Plans(monkeypatch)


def test_a_build_with_nothing_to_write_does_not_plan_again(tmp_path: Path, plans: Plans) -> None:
    model, out = small_model(tmp_path / "model"), tmp_path / "out"
    assert build(load(model), out).changed
    assert plans.made == 1
    again = build(load(model), out)
    assert not again.changed
    assert plans.made == 1
    # Everything the folder holds is the build's, but the marker.
    held = sorted(f.relative_to(out).as_posix() for f in out.rglob("*") if f.is_file() and f.name != MARKER)
    assert list(again.kept) == held
    assert check_output(load(model), out) == []
    assert plans.made == 1


def test_without_keeping_every_build_plans(tmp_path: Path, plans: Plans, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_CACHE", "off")
    model, out = small_model(tmp_path / "model"), tmp_path / "out"
    build(load(model), out)
    build(load(model), out)
    assert plans.made == 2


def test_a_file_changed_by_hand_is_found_from_the_kept_outline(tmp_path: Path, plans: Plans) -> None:
    model, out = small_model(tmp_path / "model"), tmp_path / "out"
    build(load(model), out)
    (out / "bodies" / "project.md").write_text("edited\n", encoding="utf-8")
    (out / "paths.md").unlink()
    assert [str(d) for d in check_output(load(model), out)] == ["changed: bodies/project.md", "missing: paths.md"]
    assert plans.made == 1  # found by the outline, without planning again


@pytest.mark.parametrize("change", ["model", "date built for", "page links", "day", "govgraph's code", "rule set"])
def test_a_change_of_anything_the_plan_is_made_from_plans_again(
    change: str, tmp_path: Path, plans: Plans, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "model"
    (folder / "rules").mkdir(parents=True)
    rules = folder / "rules" / "ours.yaml"
    rules.write_text(RULES.replace("COUNT", "1"), encoding="utf-8")
    # The project ends in half a year: a build a year from now says it has ended.
    ends = (dt.date.today() + dt.timedelta(days=180)).isoformat()
    text = WITH_RULES.replace("reports_to: [committee]", f"reports_to: [committee]\n    until: {ends}")
    model, out = small_model(folder, text), tmp_path / "out"
    build(load(model), out)
    options: dict[str, object] = {}
    if change == "model":
        small_model(folder, text.replace("name: The Project", "name: The Renamed Project"))
    elif change == "date built for":
        options["as_of"] = PartialDate.parse("2030-01")
    elif change == "page links":
        options["page_links"] = "bodies/{id}/"
    elif change == "day":
        # A model that records no `as_of` is described as it stands today.
        monkeypatch.setattr(clock, "today", lambda: dt.date.today() + dt.timedelta(days=365))
    elif change == "govgraph's code":
        monkeypatch.setattr(kept, "code", lambda: b"another govgraph")
    elif change == "rule set":
        # The model file is the same; what its checks find is not (GG711: the board has fewer members).
        rules.write_text(RULES.replace("COUNT", "2"), encoding="utf-8")
    result = build(load(model), out, **options)  # type: ignore[arg-type]
    assert plans.made == 2
    if change != "govgraph's code":
        assert result.changed  # and what it planned was written: the kept outline did not stand in for it


def test_the_code_a_plan_is_kept_by_covers_the_templates_and_the_page_assets() -> None:
    listed = kept.code().decode()
    assert "build/templates/" in listed
    assert "render/assets/page.js:" in listed
    assert "data/rulesets/" in listed
