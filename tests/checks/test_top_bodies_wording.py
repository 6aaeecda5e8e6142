"""GG305 says what a top body is in the words that fit the bodies it lists: a team marked `top: true` (the Rust
project's compiler team, the top of its own structure) is not called a board or executive."""

from __future__ import annotations

import textwrap

from govgraph.checks import run
from govgraph.loading import load_bytes


def several_tops(text: str) -> str:
    model = load_bytes(textwrap.dedent(text).encode(), "m.yaml")
    [finding] = [f for f in run(model) if f.code == "GG305"]
    return finding.message


def test_a_body_marked_top_is_not_called_a_board_or_executive() -> None:
    message = several_tops(
        """\
        govgraph: 1
        title: Teams
        bodies:
          council: {name: Leadership council, kind: board}
          compiler: {name: Compiler team, kind: team, top: true}
        """
    )
    assert message == (
        "2 top bodies (a board or executive, or a body written `top: true`, that reports to nothing): "
        "'compiler' and 'council'"
    )
