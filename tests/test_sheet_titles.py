"""A sheet that draws several branches of a large structure names them: on the Rust teams the compiler team's
sheet, holding 21 bodies under it and the community team's one, was titled "Community team and 1 more"."""

from __future__ import annotations

from typing import Any

import yaml

from govgraph.loading import load_bytes
from govgraph.sheets import split_sheets
from govgraph.views import select_view


def titles(sizes: list[tuple[str, int]], boxes: int) -> list[str]:
    """The sheets' titles of tops named and sized as given (each top with that many teams under it)."""
    bodies: dict[str, dict[str, Any]] = {}
    for k, (name, size) in enumerate(sizes):
        bodies[f"t{k}"] = {"name": name, "kind": "team"}
        for i in range(size):
            bodies[f"t{k}x{i}"] = {"name": f"{name} {i}", "kind": "team", "reports_to": [f"t{k}"]}
    model = load_bytes(yaml.safe_dump({"govgraph": 1, "title": "T", "bodies": bodies}).encode(), "t.yaml")
    return [sheet.title for sheet in split_sheets(select_view(model), lambda d: len(d.nodes) <= boxes)]


def test_a_sheet_of_two_branches_names_both() -> None:
    # Beta's and Delta's five teams each are drawn on one sheet of twelve boxes; the overview holds the rest.
    found = titles([("Alpha", 1), ("Beta", 5), ("Gamma", 1), ("Delta", 5), ("Eps", 1)], 12)
    assert found == ["T", "T: Beta and Delta"]


def test_a_sheet_of_one_branch_names_it_alone() -> None:
    assert titles([("Alpha", 1), ("Beta", 6), ("Gamma", 2), ("Delta", 2)], 8) == ["T", "T: Beta", "T: Gamma"]
