"""How a box's name and smaller lines are broken over lines: at spaces, and a word too long for a line at its
hyphens before anywhere else (names written as ids, like the Rust project's `project-const-traits`)."""

from __future__ import annotations

import yaml

from govgraph.loading import load_bytes
from govgraph.render.org_chart import box_text, chair_lines
from govgraph.views import select_view


def box_name(name: str) -> tuple[str, ...]:
    document = {"govgraph": 1, "title": "Chart", "bodies": {"b": {"name": name, "kind": "project"}}}
    model = load_bytes(yaml.safe_dump(document).encode(), "chart.yaml")
    (node,) = select_view(model).nodes
    return box_text(node).name


def test_a_hyphenated_name_too_long_for_a_line_breaks_after_a_hyphen_not_inside_a_word() -> None:
    # The Rust team file `project-const-traits` has no website name: the box was "project-const-trai" / "ts".
    assert box_name("project-const-traits") == ("project-const-", "traits")
    assert box_name("project-trait-system-refactor") == ("project-trait-", "system-refactor")


def test_names_of_words_still_break_only_at_spaces() -> None:
    # A hyphen inside a name that wraps at its spaces is not a place to break: "Co-chairs", "rust-analyzer team".
    assert box_name("rust-analyzer team") == ("rust-analyzer team",)
    assert box_name("Compile-time Function Evaluation Working Group") == (
        "Compile-time",
        "Function",
        "Evaluation Working",
        "Group",
    )
    assert chair_lines(("davidtwco", "wesleywiser")) == ["Co-chairs: davidtwco;", "wesleywiser"]


def test_a_word_with_no_hyphen_too_long_for_a_line_is_still_cut_to_fit() -> None:
    assert box_name("Supercalifragilisticexpialidocious") == ("Supercalifragilist", "icexpialidocious")
