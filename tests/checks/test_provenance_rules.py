"""GG602 (a fact cites no source) names each kind of thing in words, reports them in file order whatever their
kind, and tells the user how to add a source."""

from __future__ import annotations

import textwrap

from govgraph.checks import run
from govgraph.findings import Finding
from govgraph.loading import load_bytes

HINT = "add `source: <id>` naming an entry of `sources`"

UNSOURCED = """\
govgraph: 1
title: Unsourced
checks: {require_sources: true}
sources:
  paper: {title: A paper}
organisations:
  b-council: {name: B Council}
groups:
  c-partners: {name: Partners, members: [b-council]}
roles:
  a-lead: {title: Lead}
bodies:
  d-board: {name: Board, kind: board, chairs: [{role: a-lead, source: paper}]}
"""


def no_source(text: str) -> list[Finding]:
    model = load_bytes(textwrap.dedent(text).encode(), "sources.yaml")
    return [f for f in run(model) if f.code == "GG602"]


def test_every_kind_of_thing_without_a_source_is_named_in_file_order() -> None:
    # The ids sort otherwise than the file lists them ('a-lead', a role, comes after 'b-council'): the order is
    # the file's.
    assert [f.message for f in no_source(UNSOURCED)] == [
        "organisation 'b-council' cites no source",
        "group 'c-partners' cites no source",
        "role 'a-lead' cites no source",
        "body 'd-board' cites no source",
    ]


def test_each_finding_says_how_to_add_a_source() -> None:
    hints = [f.hint for f in no_source(UNSOURCED)]
    assert hints == [HINT, HINT, HINT, HINT + "; its lines, chairs, members and history inherit it"]


def test_each_finding_is_placed_at_the_thing_without_a_source() -> None:
    places = [(f.location.line, f.location.column) for f in no_source(UNSOURCED) if f.location is not None]
    assert places == [(7, 3), (9, 3), (11, 3), (13, 3)]


def test_a_body_whose_facts_all_cite_a_source_is_reported_without_a_count() -> None:
    # Its one fact (the chair) names its own source, so the message counts nothing.
    [body] = [f for f in no_source(UNSOURCED) if "'d-board'" in f.message]
    assert body.message == "body 'd-board' cites no source"
    unsourced_chair = UNSOURCED.replace("{role: a-lead, source: paper}", "a-lead")
    [body] = [f for f in no_source(unsourced_chair) if "'d-board'" in f.message]
    assert body.message == "body 'd-board' cites no source, nor does 1 fact recorded on it"
