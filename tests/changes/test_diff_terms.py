"""`govgraph diff` on terms of reference: a change to the rule sets a model opts into is reported, in words."""

from __future__ import annotations

from pathlib import Path

from govgraph.changes import diff
from govgraph.loading import load
from govgraph.render.changelog import diff_text
from support import DATA

SWL = DATA / "real" / "nhs" / "swl-icb.yaml"


def test_a_change_of_the_rule_sets_used_is_reported(tmp_path: Path) -> None:
    old = load(SWL)
    text = SWL.read_text(encoding="utf-8").replace("board: swl-icb-board", "board: swl-audit-and-risk-committee")
    changed = tmp_path / "swl.yaml"
    changed.write_text(text, encoding="utf-8")
    d = diff(old, load(changed), old_label="old", new_label="new")
    said = diff_text(d)
    assert "rule sets changed from nhs-icb (" in said
    assert "board = swl-audit-and-risk-committee" in said
    assert diff_text(diff(old, load(SWL), old_label="old", new_label="new")).rstrip().endswith("No changes.")
