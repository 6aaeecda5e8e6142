"""The wording helpers of the rules' messages: lists of names cut short with a count, and "a" or "an"."""

from __future__ import annotations

from govgraph.checks import run
from govgraph.checks.common import MAX_LISTED, listing
from govgraph.loading import load_bytes


def names(n: int) -> list[str]:
    return [f"n{i:02}" for i in range(n)]


def test_a_listing_of_up_to_ten_names_names_them_all() -> None:
    assert listing(["b"]) == "'b'"
    assert listing(["b", "a"]) == "'a' and 'b'"
    assert listing(names(MAX_LISTED)) == ", ".join(repr(n) for n in names(9)) + " and 'n09'"


def test_one_name_past_the_limit_is_counted_not_named() -> None:
    assert listing(names(MAX_LISTED + 1)) == ", ".join(repr(n) for n in names(10)) + " and 1 more"
    assert listing(names(12), limit=2) == "'n00', 'n01' and 10 more"


def test_a_kind_that_begins_with_a_vowel_takes_an() -> None:
    text = b"govgraph: 1\ntitle: X\nbodies:\n  pcag: {name: P, kind: advisory_group}\n  b: {name: B, kind: board}\n"
    messages = [f.message for f in run(load_bytes(text, "kinds.yaml")) if f.code == "GG401"]
    assert messages == ["'pcag' is an advisory group with no chair", "'b' is a board with no chair"]
