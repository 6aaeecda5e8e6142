"""GG404 (a post or organisation named nowhere): every place the file format lets a model name one counts as a
use, and the finding says what to do."""

from __future__ import annotations

import textwrap

import pytest

from govgraph.checks import run
from govgraph.findings import Finding
from govgraph.loading import load_bytes

HEAD = """\
govgraph: 1
title: Uses
organisations:
  host: {name: Host}
  spare: {name: Spare}
roles:
  chair: {title: Chair, organisation: host}
  lead: {title: Lead}
"""


def unused(bodies: str) -> list[Finding]:
    """GG404's findings on the model made of HEAD and `bodies` (the `bodies:` section, indented by two)."""
    text = HEAD + "bodies:\n" + textwrap.indent(textwrap.dedent(bodies), "  ")
    return [f for f in run(load_bytes(text.encode(), "uses.yaml")) if f.code == "GG404"]


def test_an_organisation_and_a_post_named_nowhere_are_reported_with_what_to_do() -> None:
    findings = unused("board: {name: Board, kind: board, chairs: [chair]}\n")
    assert [(f.message, f.hint) for f in findings] == [
        (
            "organisation 'spare' hosts, manages, employs and sits on nothing, and is in no group",
            "name it where it belongs (a body's `organisation`, `managed_by` or `members`, a role's "
            "`organisation`, a group), or remove it",
        ),
        (
            "role 'lead' chairs nothing, sits on nothing and is in no group",
            "add it to a body's `chairs` or `members`, or remove it",
        ),
    ]


@pytest.mark.parametrize(
    "bodies",
    [
        pytest.param(
            "board: {name: Board, kind: board, organisation: spare, chairs: [chair], members: [{role: lead}]}\n",
            id="a body's organisation",
        ),
        pytest.param(
            "board:\n"
            "  name: Board\n"
            "  kind: board\n"
            "  chairs: [{role: chair, selection: appointed, selected_by: spare}]\n"
            "  members: [{role: lead}]\n",
            id="the organisation that chose a chair",
        ),
        pytest.param(
            "board: {name: Board, kind: board, chairs: [chair], members: [{role: lead, for: spare}]}\n",
            id="the organisation whose seat a member holds",
        ),
        pytest.param(
            "board:\n"
            "  name: Board\n"
            "  kind: board\n"
            "  chairs: [chair]\n"
            "  members: [{role: lead}]\n"
            "  history: [{date: 2020-01, status: active, decided_by: spare}]\n",
            id="the organisation that decided a change",
        ),
    ],
)
def test_an_organisation_named_once_anywhere_is_used(bodies: str) -> None:
    assert [f.message for f in unused(bodies)] == []


def test_a_post_named_only_as_a_liaison_is_used() -> None:
    bodies = """\
    board: {name: Board, kind: board, chairs: [chair], organisation: spare}
    forum:
      name: Forum
      kind: forum
      liaison_to: [{body: board, by: lead}]
    """
    assert [f.message for f in unused(bodies)] == []
    # Without the liaison the post is named nowhere.
    alone = bodies.replace("  liaison_to: [{body: board, by: lead}]\n", "")
    assert [f.message for f in unused(alone)] == ["role 'lead' chairs nothing, sits on nothing and is in no group"]
