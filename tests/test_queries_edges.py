"""The questions (`govgraph.queries`) at their edges: refusals that name the parameter a caller gave, the words
`include` accepts, and answers at the limits of a route search."""

from __future__ import annotations

import textwrap

import pytest

from govgraph import queries
from govgraph.errors import InvalidOption
from govgraph.loading import load_bytes
from govgraph.model import Model


def model(text: str) -> Model:
    return load_bytes(textwrap.dedent(text).encode(), "queries.yaml")


LADDER = model(
    """\
    govgraph: 1
    title: Ladder
    bodies:
      top: {name: Top, kind: board}
      mid: {name: Mid, kind: programme, reports_to: [top]}
      low: {name: Low, kind: project, reports_to: [mid], dotted_to: [top]}
    """
)


@pytest.mark.parametrize("question", [queries.chain, queries.under])
def test_a_depth_below_one_is_refused_naming_the_parameter(question: object) -> None:
    with pytest.raises(InvalidOption) as caught:
        question(LADDER, "mid", depth=0)  # type: ignore[operator]
    assert (caught.value.option, caught.value.value) == ("depth", "0")
    assert str(caught.value) == "depth '0': give at least 1"


def test_an_unknown_include_word_is_refused_with_the_words_there_are() -> None:
    with pytest.raises(InvalidOption) as caught:
        queries.paths(LADDER, "low", "top", include=["advice"])
    assert caught.value.option == "include"
    assert str(caught.value) == (
        "include 'advice': give dotted, steers, scrutiny, liaison and/or peers (reports_to and part_of are always "
        "followed)"
    )


@pytest.mark.parametrize("word", ["dotted", "Dotted", " dotted_to ", "dotted-to"])
def test_include_words_are_read_in_any_case_and_spelling(word: str) -> None:
    answer = queries.paths(LADDER, "low", "top", include=[word])
    assert [route.bodies for route in answer.routes] == [("low", "top"), ("low", "mid", "top")]
    assert answer.relations == ("reports_to", "part_of", "dotted_to")


def test_max_routes_below_one_is_refused_and_one_route_says_there_are_more() -> None:
    with pytest.raises(InvalidOption) as caught:
        queries.paths(LADDER, "low", "top", max_routes=0)
    assert caught.value.option == "max_routes"
    answer = queries.paths(LADDER, "low", "top", include=["dotted"], max_routes=1)
    assert [route.bodies for route in answer.routes] == [("low", "top")]
    assert answer.more
    assert not queries.paths(LADDER, "low", "top", include=["dotted"], max_routes=2).more
