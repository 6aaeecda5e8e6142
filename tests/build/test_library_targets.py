"""The build's library functions take the output folder as a path or as text, as every other function of
govgraph's that names a file does (a notebook or a script passes `"docs/governance"`).

Builds need a Graphviz engine: without one these tests skip, and fail under GOVGRAPH_REQUIRE_ENGINES=1 (CI).
"""

from __future__ import annotations

from pathlib import Path

from govgraph.build import build, check_output, differences, plan_build
from govgraph.loading import load
from support import small_model


def test_a_folder_named_as_text_is_built_and_checked(tmp_path: Path, engine: str) -> None:
    model = load(small_model(tmp_path))
    target = tmp_path / "site"
    result = build(model, str(target), engine=engine)
    assert (target / "index.md").is_file()
    assert result.written
    assert check_output(model, str(target)) == []
    assert differences(plan_build(model), str(target)) == []
    (target / "index.md").write_text("edited by hand\n", encoding="utf-8")
    assert [d.path for d in check_output(model, str(target))] == ["index.md"]
