"""The diagram of a large diff is divided as every large diagram is: an overview and its branches, each readable on
A4, written beside one another by `govgraph diff --format svg -o FILE`."""

from __future__ import annotations

import sys
from pathlib import Path

from govgraph.changes import compare
from govgraph.render.changes import diff_sheets
from govgraph.render.measure import measure_svg
from support import REPO as ROOT
from support import engine_or_none, govgraph


def pair(folder: Path) -> tuple[Path, Path]:
    """The deep benchmark shape of 300 bodies, and the same with one body renamed and one added."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from shapes import shape_model
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    old = shape_model("deep", 300)
    assert "    name: Synthetic Project 250\n" in old
    new = old.replace("    name: Synthetic Project 250\n", "    name: Synthetic Project 250 (renamed)\n")
    new += "  b-new:\n    name: A New Team\n    kind: team\n    reports_to: [b-000250]\n"
    paths = folder / "old.yaml", folder / "new.yaml"
    paths[0].write_text(old, encoding="utf-8")
    paths[1].write_text(new, encoding="utf-8")
    return paths


def test_a_large_diff_is_an_overview_and_its_branches(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    sheets = diff_sheets(compare((str(old), str(new)), []), "svg")
    assert len(sheets) > 1
    marked = {n.id: n.change for s in sheets for n in s.nodes if n.change is not None and not n.group}
    assert marked["b-new"] == "added"
    assert marked["b-000250"] == "changed"
    overview = sheets[0]
    assert all(n.below or n.link is None for n in overview.nodes)
    assert any(n.below for n in overview.nodes)


def test_diff_writes_the_set_readably(tmp_path: Path) -> None:
    engine = engine_or_none()
    if engine is None:
        return
    old, new = pair(tmp_path)
    out = tmp_path / "changes.svg"
    done = govgraph("diff", str(old), str(new), "--format", "svg", "--engine", engine, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "linked diagrams, the overview first" in done.stderr
    # The note names diff's own options, which render's are too.
    assert "(--full draws every body in one diagram; --focus BODY draws one part)" in done.stderr
    written = sorted(tmp_path.glob("changes*.svg"))
    assert len(written) > 1
    for path in written:
        assert measure_svg(path.read_bytes()).readable, path.name
    assert any(
        ">changed" in p.read_text(encoding="utf-8") or "[changed]" in p.read_text(encoding="utf-8") for p in written
    )
