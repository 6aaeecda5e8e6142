"""What a rule module builds on (`govgraph.checks.registry`): the `@rule` decorator that registers a check with
its words, the rule a person means by a code or a name (`govgraph explain`), and the day a check is about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from govgraph import rules
from govgraph.checks import find_rule, get_rule
from govgraph.checks.registry import CheckContext, Found, Rule, rule
from govgraph.errors import NameNotFound, UsageError
from govgraph.findings import Severity
from govgraph.loading import load_bytes
from govgraph.model import PartialDate

MODEL = load_bytes(b"govgraph: 1\ntitle: T\nas_of: 2024-05\nbodies:\n  a: {name: A, kind: board}\n", "t.yaml")


@pytest.fixture
def scratch_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """The registry as it is, for a test to add to; the rules it adds are forgotten afterwards."""
    monkeypatch.setattr(rules, "_RULES", dict(rules._RULES))


@pytest.mark.usefixtures("scratch_registry")
def test_a_decorated_function_is_registered_with_its_words_and_left_as_it_was() -> None:
    def finds_nothing(context: CheckContext) -> Iterator[Found]:
        yield from ()

    decorated = rule("GG698", "test-rule", "A test rule.", Severity.INFO, "Explained.", "example: yes")(finds_nothing)
    assert decorated is finds_nothing
    assert get_rule("gg698") == Rule(
        "GG698", "test-rule", "A test rule.", Severity.INFO, "Explained.", "example: yes", finds_nothing
    )


@pytest.mark.usefixtures("scratch_registry")
def test_a_rule_without_an_example_has_none() -> None:
    def finds_nothing(context: CheckContext) -> Iterator[Found]:
        yield from ()

    rule("GG697", "no-example", "A test rule.", Severity.WARNING, "Explained.")(finds_nothing)
    registered = get_rule("GG697")
    assert registered is not None
    assert registered.example == ""


@pytest.mark.parametrize("text", ["GG401", "gg401", " gg401 ", "no-chair", "No-Chair"])
def test_a_rule_is_found_by_its_code_or_its_name_in_any_case(text: str) -> None:
    assert find_rule(text).code == "GG401"


def test_a_misspelt_code_gets_the_close_codes() -> None:
    with pytest.raises(NameNotFound) as caught:
        find_rule("GG4011")
    assert caught.value.suggestions == ("GG401", "GG711", "GG701")


def test_a_misspelt_name_gets_the_close_names() -> None:
    with pytest.raises(NameNotFound) as caught:
        find_rule("reporting-cycel")
    assert caught.value.suggestions == ("reporting-cycle", "reports-into-ended")
    with pytest.raises(NameNotFound) as caught:
        find_rule("UNSUED")
    assert caught.value.suggestions == ("unused",)


def test_a_code_nothing_is_close_to_is_a_usage_error_naming_it() -> None:
    with pytest.raises(UsageError) as caught:
        find_rule("zzzzzz")
    assert str(caught.value) == "no rule is called 'zzzzzz'; `govgraph rules` lists them"


@pytest.mark.parametrize(
    ("as_of", "day"),
    [
        (None, None),
        (PartialDate.parse("2024"), dt.date(2024, 12, 31)),
        (PartialDate.parse("2024-02"), dt.date(2024, 2, 29)),
        (dt.date(2024, 3, 5), dt.date(2024, 3, 5)),
    ],
)
def test_the_day_a_check_is_about_is_the_last_day_of_its_date(as_of: object, day: dt.date | None) -> None:
    assert CheckContext(MODEL, as_of).day == day


def test_the_reference_day_is_the_date_asked_about_else_the_models_as_of() -> None:
    assert CheckContext(MODEL).reference == dt.date(2024, 5, 31)
    assert CheckContext(MODEL, PartialDate.parse("2020")).reference == dt.date(2020, 12, 31)


def test_a_date_of_another_type_is_refused_with_the_type_named() -> None:
    with pytest.raises(TypeError, match="as_of must be a PartialDate or a date, not str"):
        _ = CheckContext(MODEL, "2024").day


def test_the_bodies_are_gone_through_in_id_order() -> None:
    text = b"govgraph: 1\ntitle: T\nbodies:\n  c: {name: C, kind: board}\n  a: {name: A, kind: board}\n"
    context = CheckContext(load_bytes(text, "t.yaml"))
    assert [body_id for body_id, _ in context.bodies] == ["a", "c"]
    assert [body.id for _, body in context.bodies] == ["a", "c"]


def test_a_code_only_half_like_the_codes_still_gets_suggestions() -> None:
    # `GG9` shares half its letters with each code: close enough for a code (it is short), so suggestions come.
    with pytest.raises(NameNotFound) as caught:
        find_rule("GG9")
    assert len(caught.value.suggestions) == 3
    assert str(caught.value).startswith("no rule is called 'GG9'")
