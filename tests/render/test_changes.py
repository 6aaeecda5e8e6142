"""The diagram of a diff is drawn as every other diagram is (issue 18 item 4): `govgraph diff` takes the view
options of `govgraph render`, divides a large structure by the same rule, splits a Mermaid diagram the same way,
and every option any message of `diff`, `render` and `export` names is an option of that command."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from govgraph.changes import diff
from govgraph.cli import cli
from govgraph.loading import load
from govgraph.render.changes import diff_diagram
from govgraph.render.diagram import diagram_sheets
from govgraph.views import ViewSelection

Run = Callable[..., Result]


def tree(committees: int, projects: int, *, extra: str | None = None, views: bool = False) -> str:
    """One board, `committees` committees reporting to it, `projects` projects under each; `extra` is one more
    project under the first committee."""
    bodies: dict[str, Any] = {
        "board": {"name": "Board", "kind": "board", "ignore": [{"code": "GG401", "reason": "not recorded"}]}
    }
    for c in range(committees):
        bodies[f"c{c:02d}"] = {"name": f"Committee {c}", "kind": "programme", "reports_to": ["board"]}
        for p in range(projects):
            bodies[f"c{c:02d}-p{p:02d}"] = {"name": f"Project {c}.{p}", "kind": "project", "reports_to": [f"c{c:02d}"]}
    if extra:
        bodies[extra] = {"name": "Extra project", "kind": "project", "reports_to": ["c00"]}
    document: dict[str, Any] = {"govgraph": 1, "title": "Tree", "bodies": bodies}
    if views:
        document["views"] = {"first": {"title": "The first committee", "focus": "c00", "down": 1}}
    return yaml.safe_dump(document)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(tree(10, 20, extra="gone-project"), encoding="utf-8")
    new.write_text(tree(10, 20, extra="new-project", views=True), encoding="utf-8")
    return old, new


def nodes(dot: str) -> set[str]:
    return set(re.findall(r'^\s*"?([a-z0-9-]+)"? \[', dot, re.MULTILINE)) - {"node", "edge", "graph"}


def test_a_large_diff_is_drawn_as_its_overview_with_a_note_and_whole_with_full(
    pair: tuple[Path, Path], run_cli: Run
) -> None:
    old, new = pair
    done = run_cli("diff", old, new, "--format", "dot")
    assert done.exit_code == 0, done.stderr
    assert "213 bodies are too many for one diagram readable on A4: drawn as" in done.stderr
    assert "--full draws every body" in done.stderr
    assert "bodies below: open its diagram" in done.stdout  # the overview, its boxes opening their branches
    whole = run_cli("diff", old, new, "--format", "dot", "--full")
    assert whole.exit_code == 0, whole.stderr
    assert "too many" not in whole.stderr
    assert "new-project" in whole.stdout
    assert "gone-project" in whole.stdout
    assert len(whole.stdout) > 4 * len(done.stdout)


def test_a_focused_diff_draws_the_neighbourhood_of_a_body_of_either_version(pair: tuple[Path, Path]) -> None:
    old, new = pair
    d = diff(load(old), load(new))
    around = diff_diagram(d, ViewSelection(focus="c00", up=0, down=1))
    assert {n.id for n in around.nodes} == {"c00", "new-project", "gone-project"} | {f"c00-p{p:02d}" for p in range(20)}
    assert around.focus == "c00"
    assert "around Committee 0" in around.title
    changes = {n.id: n.change for n in around.nodes}
    assert (changes["new-project"], changes["gone-project"], changes["c00-p03"]) == ("added", "removed", "same")
    # A body of one version only is a focus too: the other version is drawn over the same bodies.
    for only in ("new-project", "gone-project"):
        drawn = diff_diagram(d, ViewSelection(focus=only, up=1))
        assert {n.id for n in drawn.nodes} == {only, "c00"}
        assert [(e.source, e.target) for e in drawn.edges] == [(only, "c00")]


def test_a_view_of_one_version_only_draws_the_other_over_it(pair: tuple[Path, Path]) -> None:
    old, new = pair
    drawn = diff_diagram(diff(load(old), load(new)), ViewSelection(view="first"))
    # The view draws the first committee, everything above it and one level below it, both projects included.
    assert len(drawn.nodes) == 24
    assert {"board", "c00", "new-project", "gone-project"} <= {n.id for n in drawn.nodes}
    assert len(diagram_sheets(drawn)) == 1  # one diagram, readable on A4


def test_view_options_with_a_change_log_are_a_usage_error(pair: tuple[Path, Path], run_cli: Run) -> None:
    old, new = pair
    for option in (["--focus", "c00"], ["--relations", "reports_to"], ["--full"], ["--split"]):
        done = run_cli("diff", old, new, *option)
        assert done.exit_code == 2, option
        assert f"{option[0]} chooses what the diagram of the changes draws" in done.stderr
        assert "--format svg" in done.stderr


def test_a_diff_too_large_for_github_is_refused_with_advice_or_split(tmp_path: Path, run_cli: Run) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(tree(10, 60), encoding="utf-8")
    new.write_text(tree(10, 60, extra="new-project"), encoding="utf-8")
    refused = run_cli("diff", old, new, "--format", "mermaid", "--full")
    assert refused.exit_code == 2
    assert "--split" in refused.stderr
    assert "--focus" in refused.stderr
    target = tmp_path / "changes.mmd"
    split = run_cli("diff", old, new, "--format", "mermaid", "--split", "-o", target)
    assert split.exit_code == 0, split.stderr
    parts = sorted(tmp_path.glob("changes-*.mmd"))
    assert len(parts) > 1
    assert all(p.read_text(encoding="utf-8").startswith("flowchart") for p in parts)
    assert any("Extra project" in p.read_text(encoding="utf-8") for p in parts)


# Every option a message names exists on the command that printed it ------------------------------------------

#: For each command, arguments that make it print a message naming options (an error, or a note). `{old}`,
#: `{new}` and `{big}` are model files, `{out}` a folder for files.
PROVOKED: list[tuple[str, list[str]]] = [
    ("render", ["{big}", "--format", "dot"]),
    ("render", ["{huge}", "--format", "mermaid", "--full"]),
    ("render", ["{big}", "--up", "1", "--format", "dot"]),
    ("render", ["{big}", "--split", "--format", "svg"]),
    ("render", ["{huge}", "--split", "--format", "mermaid"]),
    ("render", ["{big}", "--format", "svg", "-o", "{out}/x.png"]),
    ("render", ["{big}", "--format", "html", "--full-history", "-o", "{out}/x.html"]),
    ("diff", ["{old}", "{new}", "--format", "dot"]),
    ("diff", ["{huge}", "{huge_new}", "--format", "mermaid", "--full"]),
    ("diff", ["{old}", "{new}", "--up", "1", "--format", "dot"]),
    ("diff", ["{old}", "{new}", "--split", "--format", "svg"]),
    ("diff", ["{huge}", "{huge_new}", "--split", "--format", "mermaid"]),
    ("diff", ["{old}", "{new}", "--focus", "c00"]),
    ("diff", ["{old}", "{new}", "--format", "svg", "-o", "{out}/x.png"]),
    ("export", ["{big}", "--up", "1", "--format", "json"]),
    ("export", ["{big}", "--format", "csv", "-o", "{out}/x.csv"]),
    ("export", ["{big}", "--format", "csv", "--table", "bodies", "-o", "{out}/x.zip"]),
]


def options_of(command: str) -> set[str]:
    found: set[str] = set()
    for param in cli.commands[command].params:
        found.update(getattr(param, "opts", ()))
    return found


@pytest.mark.parametrize(("command", "arguments"), PROVOKED)
def test_every_option_a_message_names_is_an_option_of_its_command(
    tmp_path: Path, run_cli: Run, command: str, arguments: list[str]
) -> None:
    files = {
        "big": tree(10, 20),
        "old": tree(10, 20, extra="gone-project"),
        "new": tree(10, 20, extra="new-project"),
        "huge": tree(10, 60),
        "huge_new": tree(10, 60, extra="new-project"),
    }
    places = {"out": str(tmp_path)}
    for name, text in files.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        places[name] = str(path)
    done = run_cli(command, *(a.format(**places) for a in arguments))
    said = done.stderr
    named = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-zA-Z])(?![\w-])", said))
    assert named, (command, arguments, said)
    assert named <= options_of(command), (command, named - options_of(command), said)
