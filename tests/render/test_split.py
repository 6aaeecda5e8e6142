"""Mermaid diagrams too large for GitHub are cut into one diagram per branch when asked (`--split`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import support
from govgraph.errors import UsageError
from govgraph.loading import load_bytes
from govgraph.model import Model
from govgraph.render.mermaid import MAX_CHARS, MAX_EDGES, diagram_mermaid, diagram_mermaid_parts, fits_mermaid
from govgraph.views import Diagram, ViewSelection, select_view, split_view

GOVGRAPH = shutil.which("govgraph", path=os.path.dirname(sys.executable))


def tree(branches: int, per_branch: int, *, dotted: bool = False) -> Model:
    """A board with `branches` programmes, each with `per_branch` projects; optionally a dotted line across."""
    lines = ["govgraph: 1", "title: Big", "bodies:", "  board: {name: Board, kind: board}"]
    for b in range(branches):
        lines.append(f"  prog-{b:02d}: {{name: Programme {b}, kind: programme, reports_to: [board]}}")
        for p in range(per_branch):
            extra = ", dotted_to: [prog-00]" if dotted and b == 1 and p == 0 else ""
            lines.append(
                f"  proj-{b:02d}-{p:03d}: {{name: Project {b}.{p}, kind: project, reports_to: [prog-{b:02d}]{extra}}}"
            )
    return load_bytes(("\n".join(lines) + "\n").encode(), "big.yaml")


def edges_of(parts: list[Diagram]) -> set[tuple[str, str, str]]:
    return {(e.source, e.target, e.relation) for p in parts for e in p.edges}


def test_a_diagram_that_fits_is_not_cut() -> None:
    diagram = select_view(tree(2, 3))
    assert split_view(diagram, lambda d: True) == [diagram]


def test_parts_follow_branches_and_keep_every_line_once() -> None:
    diagram = select_view(tree(3, 4, dotted=True))
    parts = split_view(diagram, lambda d: len(d.edges) <= 6)
    assert len(parts) == 3
    assert edges_of(parts) == {(e.source, e.target, e.relation) for e in diagram.edges}
    assert sum(len(p.edges) for p in parts) == len(diagram.edges)
    for i, part in enumerate(parts, start=1):
        assert part.title == f"Big (part {i} of 3)"
        ids = {n.id for n in part.nodes}
        assert all(e.source in ids and e.target in ids for e in part.edges)
        assert "board" in ids  # the body the branch reports to, for context
    # The dotted line into another branch is kept, with the body at its far end.
    crossing = next(p for p in parts if any(e.relation == "dotted_to" for e in p.edges))
    assert "prog-00" in {n.id for n in crossing.nodes}


def test_a_branch_still_too_large_is_cut_again() -> None:
    diagram = select_view(tree(2, 10))
    parts = split_view(diagram, lambda d: len(d.edges) <= 4)
    assert all(len(p.edges) <= 4 for p in parts)
    assert edges_of(parts) == {(e.source, e.target, e.relation) for e in diagram.edges}


def test_what_cannot_be_cut_is_refused_with_advice() -> None:
    diagram = select_view(tree(1, 30))  # one programme with thirty projects: no fork above them
    parts = split_view(diagram, lambda d: len(d.edges) <= 40)
    assert parts == [diagram]
    with pytest.raises(UsageError, match="--focus"):  # split_view's words are still the command line's
        split_view(select_view(tree(1, 3)), lambda d: False)


def test_a_model_over_githubs_limit_becomes_drawable_parts() -> None:
    diagram = select_view(tree(4, 160))
    assert len(diagram.edges) > MAX_EDGES
    assert not fits_mermaid(diagram)
    with pytest.raises(UsageError, match=r"or add split$"):  # the library's parameter; the command line's --split
        diagram_mermaid(diagram)
    texts = diagram_mermaid_parts(diagram)
    assert len(texts) == 4
    for i, text in enumerate(texts, start=1):
        assert text.startswith("flowchart BT\n")
        assert f"accTitle: Big (part {i} of 4)" in text
        assert len(text) <= MAX_CHARS
    # Every line of the whole model is drawn in exactly one part.
    parts = split_view(diagram, fits_mermaid)
    assert all(len(p.edges) <= MAX_EDGES for p in parts)
    assert sum(len(p.edges) for p in parts) == len(diagram.edges)


def test_cli_writes_numbered_files_and_needs_a_file_name(tmp_path: Path) -> None:
    assert GOVGRAPH is not None
    model = tmp_path / "big.yaml"
    lines = ["govgraph: 1", "title: Big", "bodies:", "  board: {name: Board, kind: board}"]
    for b in range(3):
        lines.append(f"  prog-{b}: {{name: Programme {b}, kind: programme, reports_to: [board]}}")
        lines += [f"  proj-{b}-{p}: {{name: P {b}.{p}, kind: project, reports_to: [prog-{b}]}}" for p in range(200)]
    model.write_text("\n".join(lines) + "\n", encoding="utf-8")
    base = [GOVGRAPH, "render", str(model), "--format", "mermaid", "--split"]
    done = subprocess.run([*base, "-o", str(tmp_path / "out.mmd")], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in tmp_path.glob("out-*.mmd"))
    assert written == ["out-1.mmd", "out-2.mmd", "out-3.mmd"]
    refused = subprocess.run(base, capture_output=True, text=True, check=False)
    assert refused.returncode == 2
    assert "give -o FILE" in refused.stderr
    other = subprocess.run([*base[:4], "dot", "--split"], capture_output=True, text=True, check=False)
    assert other.returncode == 2
    assert "--split is for --format mermaid" in other.stderr


def test_an_output_file_that_cannot_be_written_is_a_usage_error(tmp_path: Path) -> None:
    assert GOVGRAPH is not None
    target = tmp_path / "missing-folder" / "overview.mmd"
    done = support.govgraph("render", "--format", "mermaid", "-o", str(target))
    assert done.returncode == 2
    assert f"cannot write {target}" in done.stderr
    assert "Traceback" not in done.stderr


def test_up_and_down_need_a_body_to_count_from(tmp_path: Path) -> None:
    model = tree(2, 2)
    # The library names its parameters; the command line (below) its flags.
    with pytest.raises(UsageError, match=r"^up and down count levels from a body: give it with focus$"):
        select_view(model, ViewSelection(up=1))
    with pytest.raises(UsageError, match=r"give it with focus$"):
        select_view(model, ViewSelection(down=2))
    assert {n.id for n in select_view(model, ViewSelection(focus="prog-00", up=1, down=0)).nodes} == {
        "board",
        "prog-00",
    }
    assert GOVGRAPH is not None
    done = support.govgraph("render", "--up", "1", "--format", "dot", cwd=tmp_path)
    assert done.returncode == 2
    assert "--up and --down count levels from a body: give it with --focus" in done.stderr
