"""The library API: dates and periods, snapshots, the graph, name resolution, cards, and order independence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml

from govgraph import time
from govgraph.errors import AmbiguousName, NameNotFound, UsageError
from govgraph.findings import Location
from govgraph.graph import NODE_BODY, NODE_GROUP, NODE_ORGANISATION, NODE_ROLE, snapshot, to_graph
from govgraph.loading import load, load_bytes
from govgraph.loading.reader import read_bytes
from govgraph.model import ALWAYS, Model, PartialDate, Period
from govgraph.queries import show
from govgraph.render.text import card_text
from govgraph.vocabulary import relation_names

SOURCE = "programme-background"


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def p(text: str) -> PartialDate:
    return PartialDate.parse(text)


# PartialDate ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024", PartialDate(2024)),
        ("2024-03", PartialDate(2024, 3)),
        ("2024-03-15", PartialDate(2024, 3, 15)),
        (" 2024-03 ", PartialDate(2024, 3)),
        ("2024-02-29", PartialDate(2024, 2, 29)),
        ("2000-02-29", PartialDate(2000, 2, 29)),
        ("1000", PartialDate(1000)),
        ("9999-12-31", PartialDate(9999, 12, 31)),
    ],
)
def test_partial_date_parses_valid_forms(text: str, expected: PartialDate) -> None:
    parsed = PartialDate.parse(text)
    assert parsed == expected
    assert str(parsed) == text.strip()


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2024", "2024-01-01", "2024-12-31"),
        ("2024-01", "2024-01-01", "2024-01-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2023-02", "2023-02-01", "2023-02-28"),
        ("1900-02", "1900-02-01", "1900-02-28"),
        ("2000-02", "2000-02-01", "2000-02-29"),
        ("2024-04", "2024-04-01", "2024-04-30"),
        ("2024-12", "2024-12-01", "2024-12-31"),
        ("2024-03-15", "2024-03-15", "2024-03-15"),
        ("2024-02-29", "2024-02-29", "2024-02-29"),
    ],
)
def test_partial_date_first_and_last_day_of_its_period(text: str, first: str, last: str) -> None:
    date = p(text)
    assert date.first == d(first)
    assert date.last == d(last)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("24", "write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2024-3", "write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2024/03", "write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("March 2024", "write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2024-03-15T10:00", "write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2024-13", "there is no month 13"),
        ("2024-00", "there is no month 0"),
        ("2024-04-31", "April 2024 has 30 days"),
        ("2024-03-00", "March 2024 has 31 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("1900-02-29", "February 1900 has 28 days"),
        ("0999", "the year must be 1000 or later"),
    ],
)
def test_partial_date_rejects_invalid_forms_with_a_readable_message(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match="is not a date") as caught:
        PartialDate.parse(text)
    message = str(caught.value)
    assert repr(text) in message
    assert reason in message


@pytest.mark.parametrize(
    ("text", "words"), [("2024", "2024"), ("2024-03", "March 2024"), ("2024-03-15", "15 March 2024")]
)
def test_partial_date_describes_itself_in_words(text: str, words: str) -> None:
    assert p(text).describe() == words


def test_partial_dates_of_mixed_precision_sort_by_first_day() -> None:
    dates = [p("2025"), p("2024-03"), p("2024"), p("2024-03-15")]
    assert sorted(dates) == [p("2024"), p("2024-03"), p("2024-03-15"), p("2025")]
    assert p("2024") < p("2024-03")


# Period -----------------------------------------------------------------------------------------------


def test_period_of_one_month_is_inclusive_at_both_ends() -> None:
    march = Period(p("2024-03"), p("2024-03"))
    assert time.holds_on(march, d("2024-03-01"))
    assert time.holds_on(march, d("2024-03-31"))
    assert not time.holds_on(march, d("2024-02-29"))
    assert not time.holds_on(march, d("2024-04-01"))


def test_period_of_years_covers_whole_years() -> None:
    years = Period(p("2017"), p("2025"))
    assert time.holds_on(years, d("2017-01-01"))
    assert time.holds_on(years, d("2025-12-31"))
    assert not time.holds_on(years, d("2016-12-31"))
    assert not time.holds_on(years, d("2026-01-01"))


def test_period_of_one_day() -> None:
    one = Period(p("2024-02-29"), p("2024-02-29"))
    assert time.holds_on(one, d("2024-02-29"))
    assert not time.holds_on(one, d("2024-02-28"))
    assert not time.holds_on(one, d("2024-03-01"))


def test_period_open_at_either_end() -> None:
    since = Period(start=p("2024-03"))
    assert not time.holds_on(since, d("2024-02-29"))
    assert time.holds_on(since, d("2024-03-01"))
    assert time.holds_on(since, d("9999-12-31"))
    until = Period(end=p("2025-03"))
    assert time.holds_on(until, d("1000-01-01"))
    assert time.holds_on(until, d("2025-03-31"))
    assert not time.holds_on(until, d("2025-04-01"))
    assert time.holds_on(ALWAYS, d("1000-01-01"))
    assert time.holds_on(ALWAYS, d("9999-12-31"))


def test_period_describes_itself() -> None:
    assert Period(p("2017"), p("2025")).describe() == "2017 to 2025"
    assert Period(start=p("2024-03")).describe() == "from March 2024"
    assert Period(end=p("2025-03")).describe() == "until March 2025"
    assert ALWAYS.describe() == ""


# snapshot ---------------------------------------------------------------------------------------------


def test_snapshot_in_june_2024(london: Model) -> None:
    june = snapshot(london, p("2024-06"))
    assert june.bodies["pcag"].status == "under_review"
    assert june.bodies["clp"].status is None  # nothing records its status before it closed
    assert {r.target for r in june.bodies["community-chest"].lines("reports_to")} == {"clp"}
    assert {r.target for r in june.bodies["clp"].lines("reports_to")} == {"pcag"}
    assert {r.target for r in june.bodies["pcag"].lines("reports_to")} == {"lceg"}
    assert all(h.date.first <= d("2024-06-30") for b in june.bodies.values() for h in b.history)


def test_snapshot_before_the_review(london: Model) -> None:
    before = snapshot(london, p("2024-02"))
    assert before.bodies["pcag"].status != "under_review"
    assert before.bodies["pcag"].history == ()


def test_snapshot_in_april_2025_after_the_closure(london: Model) -> None:
    april = snapshot(london, p("2025-04"))
    clp = april.bodies["clp"]
    assert clp.status == "closed"
    closure = time.closure(clp)
    assert closure is not None
    assert closure.decided_by == "lret"
    assert closure.date == p("2025-03")
    chest = april.bodies["community-chest"]
    assert chest.lines("reports_to") == ()
    assert {r.target for r in chest.lines("dotted_to")} == {"london-leaders-group"}


def test_snapshot_accepts_a_full_date(london: Model) -> None:
    assert snapshot(london, d("2025-03-31")).bodies["community-chest"].lines("reports_to") != ()
    assert snapshot(london, d("2025-04-01")).bodies["community-chest"].lines("reports_to") == ()


def test_snapshot_without_a_date_hides_nothing(london: Model) -> None:
    whole = snapshot(london, None)
    assert whole is london
    assert {r.target for r in whole.bodies["community-chest"].lines("reports_to")} == {"clp"}
    assert time.status_on(whole.bodies["clp"], None) == "closed"
    assert len(whole.bodies["clp"].history) == 1


# to_graph ---------------------------------------------------------------------------------------------


def test_to_graph_is_a_multidigraph_keyed_by_relation(london: Model) -> None:
    graph = to_graph(london)
    assert isinstance(graph, nx.MultiDiGraph)
    for _u, _v, key, data in graph.edges(keys=True, data=True):
        assert key == data["relation"]
        assert key in relation_names()
    assert graph.has_edge("pcag", "lceg", key="reports_to")
    assert graph.has_edge("community-chest", "london-leaders-group", key="dotted_to")
    assert graph.has_edge("clinical-leadership-group", "clp", key="steers")
    assert graph.has_edge("workforce-support", "clp", key="part_of")
    assert graph.has_edge("pc-sro", "pcag", key="chairs")
    assert graph.has_edge("pc-clinical-director", "pcag", key="chairs")
    edge = graph.edges["london-icbs", "knowledge-sharing-forum", "member_of"]
    assert edge["as"] == "personalised care operational leads"
    assert edge["source"] == SOURCE


def test_to_graph_locates_every_node_and_edge(london: Model) -> None:
    graph = to_graph(london)
    locations: list[Any] = [data["location"] for _n, data in graph.nodes(data=True)]
    locations += [data["location"] for _u, _v, data in graph.edges(data=True)]
    for location in locations:
        assert isinstance(location, Location)
        assert location.file == london.file
        assert location.line >= 1
        assert location.column >= 1


def test_to_graph_has_a_node_per_body_role_organisation_and_group(london: Model) -> None:
    graph = to_graph(london)
    kinds = [data["node"] for _n, data in graph.nodes(data=True)]
    assert kinds.count(NODE_BODY) == len(london.bodies)
    assert kinds.count(NODE_ROLE) == len(london.roles)
    assert kinds.count(NODE_ORGANISATION) == len(london.organisations)
    assert kinds.count(NODE_GROUP) == len(london.groups)
    assert graph.number_of_nodes() == (
        len(london.bodies) + len(london.roles) + len(london.organisations) + len(london.groups)
    )
    relations = sum(len(b.relations) for b in london.bodies.values())
    chairs = sum(len(b.chairs) for b in london.bodies.values())
    members = sum(len(b.members) for b in london.bodies.values())
    assert graph.number_of_edges() == relations + chairs + members


def test_to_graph_of_a_snapshot_drops_ended_lines(london: Model) -> None:
    graph = to_graph(snapshot(london, p("2025-04")))
    assert not graph.has_edge("community-chest", "clp", key="reports_to")
    assert graph.has_edge("community-chest", "london-leaders-group", key="dotted_to")
    assert graph.nodes["clp"]["status"] == "closed"


# Model.resolve ----------------------------------------------------------------------------------------

SMALL = b"""\
govgraph: 1
title: A small model
organisations:
  alpha-org: {name: Alpha}
roles:
  chair: {title: Board Chair}
bodies:
  board:
    name: The Board
    short: TB
    aliases: [Main Board, chair]
    kind: board
    chairs: [chair]
  alpha-committee:
    name: Alpha
    kind: committee
    reports_to: [board]
"""


@pytest.fixture
def small(tmp_path: Path) -> Model:
    path = tmp_path / "small.yaml"
    path.write_bytes(SMALL)
    return load_bytes(path.read_bytes(), str(path))


@pytest.mark.parametrize(
    "name",
    [
        "board",
        "The Board",
        "TB",
        "Main Board",
        "the board",
        "THE BOARD",
        "tb",
        "  The   Board ",
        "main\tboard",
        "BOARD",
    ],
)
def test_resolve_by_id_name_short_name_and_alias_in_any_case_and_spacing(small: Model, name: str) -> None:
    assert small.resolve(name) == "board"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pcag", "pcag"),
        ("Personalised Care Advisory Group", "pcag"),
        ("pcag ", "pcag"),
        ("community chest", "community-chest"),
        ("SMT", "senior-management-team"),
        ("personalised care programme", "clp"),
    ],
)
def test_resolve_in_the_london_model(london: Model, name: str, expected: str) -> None:
    assert london.resolve(name) == expected


def test_resolve_an_unknown_name_suggests_the_closest(small: Model, london: Model) -> None:
    with pytest.raises(NameNotFound) as caught:
        small.resolve("The Bored")
    error = caught.value
    assert isinstance(error, UsageError)
    assert error.exit_code == 2
    assert error.name == "The Bored"
    assert error.suggestions
    assert "board" in error.suggestions[0]
    assert "did you mean" in str(error)
    with pytest.raises(NameNotFound) as caught:
        london.resolve("PCGA")
    assert "PCAG (pcag)" in caught.value.suggestions


def test_resolve_with_nothing_close_says_so(small: Model) -> None:
    with pytest.raises(NameNotFound, match="no body is called 'xyzzy'") as caught:
        small.resolve("xyzzy")
    assert caught.value.suggestions == ()


def test_resolve_looks_only_in_the_sections_asked_for(small: Model) -> None:
    assert small.resolve("Board Chair", kinds=["role"]) == "chair"
    with pytest.raises(NameNotFound):
        small.resolve("Board Chair")


def test_resolve_a_name_shared_across_sections_is_ambiguous(small: Model) -> None:
    assert small.resolve("Alpha") == "alpha-committee"
    assert small.resolve("alpha", kinds=["organisation"]) == "alpha-org"
    with pytest.raises(AmbiguousName) as caught:
        small.resolve("ALPHA", kinds=["body", "organisation"])
    assert caught.value.matches == ("alpha-committee", "alpha-org")
    assert "use the id" in str(caught.value)


def test_resolve_an_id_wins_over_another_things_alias(small: Model) -> None:
    # `chair` is the role's id and an alias of the board: asked among both, the id wins.
    assert small.resolve("chair", kinds=["body", "role"]) == "chair"
    assert small.resolve("chair") == "board"


# show and card_text -----------------------------------------------------------------------------------


def test_show_pcag_card(london: Model) -> None:
    card = show(london, "PCAG")
    assert card.body.id == "pcag"
    assert card.co_chaired
    assert [c.role for c in card.chairs] == ["pc-sro", "pc-clinical-director"]
    assert card.status == "under_review"
    assert ("clp", "reports_to") in {(r.source_body, r.kind) for r in card.lines_in}
    assert [(r.kind, r.target) for r in card.lines_out] == [("reports_to", "lceg")]
    assert [s.id for s in card.sources] == [SOURCE]
    assert card.closure is None


def test_card_text_of_pcag_names_the_co_chairs(london: Model) -> None:
    text = card_text(show(london, "pcag"))
    assert "co-chairs:" in text
    assert "NHSE London Personalised Care SRO" in text
    assert "NHSE London Personalised Care Clinical Director" in text
    assert "CLP reports to this" in text
    assert "Programme background and Methodology" in text


def test_show_clp_after_the_closure(london: Model) -> None:
    card = show(london, "CLP", as_of=p("2025-04"))
    assert card.status == "closed"
    assert card.as_of == d("2025-04-30")
    assert card.closure is not None
    assert card.closure.decided_by == "lret"
    assert card.lines_out == ()
    text = card_text(card)
    assert "status: closed" in text
    assert "Closed March 2025 by decision of LRET." in text


def test_show_clp_before_the_closure(london: Model) -> None:
    card = show(london, "clp", as_of=p("2024-06"))
    assert card.status is None  # the file records no status before the closure: none is made up
    assert card.closure is None
    assert "Closed" not in card_text(card)
    assert "status not recorded" in card_text(card)
    assert "active" not in card_text(card)
    assert {r.source_body for r in card.lines_in if r.kind == "reports_to"} == {
        "community-chest",
        "social-welfare-legal-advice",
        "health-equity-group-support",
    }


def test_show_unknown_body_raises(london: Model) -> None:
    with pytest.raises(NameNotFound):
        show(london, "no such board")


# Order independence -----------------------------------------------------------------------------------


def _reversed_tree(node: object) -> object:
    """The located tree as plain data, with every mapping's keys in reverse order (lists kept as written)."""
    if isinstance(node, dict):
        return {k: _reversed_tree(v) for k, v in reversed(list(node.items()))}
    if isinstance(node, list):
        return [_reversed_tree(v) for v in node]
    return node


def _graph_facts(model: Model) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Nodes and edges with their attributes, without locations (which move with the text)."""
    graph = to_graph(model)
    nodes = sorted(
        (n, sorted((k, repr(v)) for k, v in data.items() if k != "location")) for n, data in graph.nodes(data=True)
    )
    edges = sorted(
        (u, v, key, sorted((k, repr(val)) for k, val in data.items() if k != "location"))
        for u, v, key, data in graph.edges(keys=True, data=True)
    )
    return nodes, edges


def _card_without_location(model: Model, body_id: str, as_of: PartialDate | None) -> str:
    text = card_text(show(model, body_id, as_of=as_of))
    return "\n".join(line for line in text.splitlines() if not line.startswith("defined at "))


def test_loading_is_independent_of_mapping_order(london: Model, repo_root: Path, tmp_path: Path) -> None:
    original = (repo_root / "data" / "governance.yaml").read_bytes()
    tree = _reversed_tree(read_bytes(original, "governance.yaml").root)
    assert isinstance(tree, dict)
    assert list(tree["bodies"]) == list(reversed(list(london.bodies)))
    shuffled_path = tmp_path / "governance.yaml"
    shuffled_path.write_text(yaml.safe_dump(tree, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    shuffled = load(shuffled_path)

    assert list(shuffled.bodies) != list(london.bodies)
    assert _graph_facts(shuffled) == _graph_facts(london)
    for when in (None, p("2024-06"), p("2025-04")):
        assert _graph_facts(snapshot(shuffled, when)) == _graph_facts(snapshot(london, when))
        for body_id in london.bodies:
            assert _card_without_location(shuffled, body_id, when) == _card_without_location(london, body_id, when)


SMALL_REORDERED = b"""\
govgraph: 1
title: A small model
bodies:
  alpha-committee:
    reports_to: [board]
    kind: committee
    name: Alpha
  board:
    chairs: [chair]
    kind: board
    aliases: [Main Board, chair]
    short: TB
    name: The Board
roles:
  chair: {title: Board Chair}
organisations:
  alpha-org: {name: Alpha}
"""


def test_two_hand_written_orders_give_the_same_graph_and_cards(small: Model) -> None:
    other = load_bytes(SMALL_REORDERED, "reordered.yaml")
    assert _graph_facts(other) == _graph_facts(small)
    for body_id in small.bodies:
        assert _card_without_location(other, body_id, None) == _card_without_location(small, body_id, None)


def test_every_reference_to_a_body_or_role_is_its_one_id_object(london: Model) -> None:
    # The builder gives each body and role id one string object and every reference uses it (`_fresh`): the rules
    # on a large model go through ids over and over, and copies read from all over the file slowed them by half.
    bodies = {body_id: body_id for body_id in london.bodies}
    roles = {role_id: role_id for role_id in london.roles}
    references = 0
    for body_id, body in london.bodies.items():
        assert body.id is body_id
        for line in body.relations:
            assert line.source_body is body_id
            assert line.target is bodies[line.target]
            references += 1
        for chair in body.chairs:
            assert chair.role is roles[chair.role]
            references += 1
        for member in body.members:
            if member.member_kind == "role":
                assert member.member is roles[member.member]
                references += 1
    for role_id, role in london.roles.items():
        assert role.id is role_id
    assert references > 20  # the London model has lines, chairs and role members to check


# Lines of one kind ---------------------------------------------------------------------------------------


def test_the_lines_of_a_kind_are_every_such_line_in_body_id_order_then_file_order() -> None:
    model = load_bytes(
        b"govgraph: 1\ntitle: T\nbodies:\n"
        b"  zed: {name: Zed, kind: board, liaison_to: [beta, alpha], dotted_to: [alpha]}\n"
        b"  alpha: {name: Alpha, kind: committee, reports_to: [zed], liaison_to: [beta]}\n"
        b"  beta: {name: Beta, kind: committee, reports_to: [zed]}\n",
        "m.yaml",
    )
    pairs = [(line.source_body, line.target) for line in model.lines_of("liaison_to")]
    assert pairs == [("alpha", "beta"), ("zed", "beta"), ("zed", "alpha")]
    assert [(line.source_body, line.target) for line in model.lines_of("dotted_to")] == [("zed", "alpha")]
    assert [line.source_body for line in model.lines_of("reports_to")] == ["alpha", "beta"]
    assert model.lines_of("scrutinises") == ()
    assert model.lines_of("liaison_to") is model.lines_of("liaison_to")  # found once, then kept
