"""`govgraph roles`: the lines a post runs between bodies (a liaison's `by`) are part of what it does.

On the OpenStack model, `roles gmann` said "chairs: nothing, sits on: TC" for a member who is the TC's liaison
to ten project teams."""

from __future__ import annotations

import json

from click.testing import CliRunner

from govgraph.cli import cli
from govgraph.loading import load_bytes
from govgraph.model import PartialDate
from govgraph.queries import roles

MODEL = b"""\
govgraph: 1
title: Liaisons
roles:
  ann: {title: Ann Bell}
  bob: {title: Bob Lee}
bodies:
  board:
    name: Board
    kind: board
    members: [{role: ann}, {role: bob}]
    liaison_to:
      - {body: forum, by: ann}
      - {body: network, by: ann, until: 2024-06}
      - {body: network, by: bob, from: 2024-07}
  forum: {name: Forum, kind: forum}
  network: {name: Network, kind: network}
"""


def test_the_lines_a_post_runs_are_listed_with_it() -> None:
    model = load_bytes(MODEL, "liaisons.yaml")
    (ann,) = roles(model, "ann")
    assert [(line.source_body, line.kind, line.target) for line in ann.lines] == [
        ("board", "liaison_to", "forum"),
        ("board", "liaison_to", "network"),
    ]
    # On a date, only the lines that held then.
    (later,) = roles(model, "ann", as_of=PartialDate.parse("2025-01"))
    assert [line.target for line in later.lines] == ["forum"]
    (bob,) = roles(model, "bob", as_of=PartialDate.parse("2025-01"))
    assert [line.target for line in bob.lines] == ["network"]


def test_the_command_says_them_in_words_and_as_data(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "liaisons.yaml"
    path.write_bytes(MODEL)
    runner = CliRunner()
    text = runner.invoke(cli, ["roles", "ann", "-m", str(path)])
    assert text.exit_code == 0, text.output
    assert (
        "lines it runs:\n  - Board has a liaison to Forum\n  - Board has a liaison to Network (until June 2024, ended)"
        in (text.output)
    )
    data = runner.invoke(cli, ["roles", "ann", "-m", str(path), "--format", "json"])
    assert data.exit_code == 0, data.output
    (found,) = json.loads(data.output)
    assert [(x["body"], x["relation"], x["to"], x["until"]) for x in found["lines"]] == [
        ("board", "liaison_to", "forum", None),
        ("board", "liaison_to", "network", "2024-06"),
    ]
