"""Mermaid diagrams too large for GitHub are cut into parts when asked (`--split`), by the rule every large
diagram is divided by (`govgraph.sheets`)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

import support
from govgraph.errors import UsageError
from govgraph.loading import load_bytes
from govgraph.model import Model
from govgraph.render.diagram import diagram_sheets
from govgraph.render.mermaid import MAX_CHARS, MAX_EDGES, diagram_mermaid, diagram_mermaid_parts, fits_mermaid
from govgraph.views import ViewSelection, select_view

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


def test_a_model_over_githubs_limit_becomes_balanced_parts_the_top_first() -> None:
    diagram = select_view(tree(4, 160))
    assert len(diagram.edges) > MAX_EDGES
    assert not fits_mermaid(diagram)
    with pytest.raises(UsageError, match=r"or add split$"):  # the library's parameter; the command line's --split
        diagram_mermaid(diagram)
    parts = diagram_sheets(diagram, "mermaid")
    texts = diagram_mermaid_parts(diagram)
    assert len(texts) == len(parts) == 3
    # First the board with its direct reports, each saying how many bodies are below it.
    first = {n.id: n for n in parts[0].nodes}
    assert set(first) == {"board", *(f"prog-{b:02d}" for b in range(4))}
    assert {n.below for i, n in first.items() if i != "board"} == {160}
    assert '"Programme 0, +160 below"' in texts[0]  # the name says it is a programme: not said again
    assert "Programme 0 has 160 bodies below it, drawn in another diagram." in texts[0]
    # Then the programmes, two to a part (as many as GitHub draws): the parts as large as each other, each within
    # GitHub's limits, none a single line.
    assert [len(p.edges) for p in parts[1:]] == [2 * 161, 2 * 161]
    for text, part in zip(texts, parts, strict=True):
        assert text.startswith("flowchart BT\n")
        assert f"accTitle: {part.title}" in text
        assert len(text) <= MAX_CHARS
        assert len(part.edges) <= MAX_EDGES
        assert len(part.edges) > 1
    # Every line of the whole model is drawn, the dotted line across branches among them.
    assert {(e.source, e.target, e.relation) for e in diagram.edges} <= {
        (e.source, e.target, e.relation) for p in parts for e in p.edges
    }


def test_cli_writes_numbered_files_and_needs_a_file_name(tmp_path: Path) -> None:
    model = tmp_path / "big.yaml"
    lines = ["govgraph: 1", "title: Big", "bodies:", "  board: {name: Board, kind: board}"]
    for b in range(3):
        lines.append(f"  prog-{b}: {{name: Programme {b}, kind: programme, reports_to: [board]}}")
        lines += [f"  proj-{b}-{p}: {{name: P {b}.{p}, kind: project, reports_to: [prog-{b}]}}" for p in range(200)]
    model.write_text("\n".join(lines) + "\n", encoding="utf-8")
    base = ["render", str(model), "--format", "mermaid", "--split"]
    done = support.govgraph(*base, "-o", str(tmp_path / "out.mmd"))
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in tmp_path.glob("out-*.mmd"))
    assert written == ["out-1.mmd", "out-2.mmd", "out-3.mmd", "out-4.mmd"]  # the board and its three, then each
    refused = support.govgraph(*base)
    assert refused.returncode == 2
    assert "give -o FILE" in refused.stderr
    other = support.govgraph(*base[:3], "dot", "--split")
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
