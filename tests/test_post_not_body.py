"""A body question asked with a post's id or title says it is a post and which command answers for posts.

On the Rust teams, where every person is a post (`gh-manishearth`), `govgraph show gh-manishearth` said only "no
body is called 'gh-manishearth'; give its id, name, short name or alias as the model file writes it"."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import support
from govgraph.cli import cli
from govgraph.errors import NameNotFound
from govgraph.loading import load

RUST = support.TESTS / "data" / "real" / "rust-teams.yaml"


@pytest.mark.parametrize("command", ["show", "chain", "under"])
def test_a_post_given_where_a_body_is_asked_for_is_named_as_a_post(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "-m", str(RUST), "gh-manishearth"])
    assert result.exit_code == 2, result.output
    assert "no body is called 'gh-manishearth', but a post is:" in result.output
    assert "govgraph roles gh-manishearth" in result.output
    assert "Traceback" not in result.output


def test_a_posts_title_with_a_space_is_quoted_in_the_command_to_type() -> None:
    with pytest.raises(NameNotFound) as caught:
        load(support.LONDON).resolve("clinical director for personalised care")
    assert 'govgraph roles "clinical director for personalised care"' in str(caught.value)


def test_a_name_that_is_neither_still_gets_the_closest_bodies() -> None:
    result = CliRunner().invoke(cli, ["show", "-m", str(RUST), "Compiler teem"])
    assert result.exit_code == 2
    assert "did you mean" in result.output
    assert "a post is" not in result.output
