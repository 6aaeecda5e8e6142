"""The walks of `govgraph.graph`: ranked routes against every simple route listed by brute force, on graphs with
and without cycles; the one breadth-first search; the test for cycles."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from govgraph.graph import acyclic, breadth_first, cyclic_groups, ends, ranked_routes, reachable, topological_order

NODES = [f"n{i}" for i in range(8)]


def every_simple_route(
    following: dict[str, list[str]], start: str, end: str, banned: set[str]
) -> list[tuple[str, ...]]:
    """Every simple route, listed by brute force and sorted shortest first, then by ids."""
    if start in banned or end in banned:
        return []
    if start == end:
        return [(start,)]
    found: list[tuple[str, ...]] = []
    stack: list[tuple[str, ...]] = [(start,)]
    while stack:
        route = stack.pop()
        if route[-1] == end:
            found.append(route)
            continue
        stack.extend((*route, n) for n in following.get(route[-1], ()) if n not in route and n not in banned)
    return sorted(found, key=lambda r: (len(r), r))


graphs = st.dictionaries(st.sampled_from(NODES), st.lists(st.sampled_from(NODES), unique=True, max_size=5))


@settings(max_examples=400)
@given(graphs, st.sampled_from(NODES), st.sampled_from(NODES), st.sets(st.sampled_from(NODES), max_size=2))
def test_ranked_routes_are_every_simple_route_shortest_first_then_by_ids(
    following: dict[str, list[str]], start: str, end: str, banned: set[str]
) -> None:
    want = every_simple_route(following, start, end, banned)
    routes = ranked_routes(lambda n: following.get(n, ()), start, end, order=str, banned=banned)
    assert list(routes) == want
    # Taken a few at a time, as `paths` does: the same first ones.
    some = ranked_routes(lambda n: following.get(n, ()), start, end, order=str, banned=banned)
    assert list(itertools.islice(some, 3)) == want[:3]


@settings(max_examples=200)
@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=20), st.integers(0, 7), st.integers(0, 7))
def test_ranked_routes_of_an_acyclic_graph_are_every_route(edges: list[tuple[int, int]], a: int, b: int) -> None:
    # Lines only from a smaller number to a larger one: no cycle, so the lists of best routes are used.
    following: dict[str, list[str]] = {}
    for u, v in edges:
        if u < v and NODES[v] not in following.get(NODES[u], []):
            following.setdefault(NODES[u], []).append(NODES[v])
    assert acyclic(following)
    start, end = NODES[min(a, b)], NODES[max(a, b)]
    want = every_simple_route(following, start, end, set())
    assert list(ranked_routes(lambda n: following.get(n, ()), start, end, order=str)) == want


def test_a_line_back_to_the_foot_of_a_long_line_takes_part_in_no_route() -> None:
    # 400 bodies in a line with a line from the top back to the foot: the only route is the line itself. The
    # line back can take part in no simple route.
    following = {f"b{i:03d}": [f"b{i + 1:03d}"] for i in range(399)}
    following["b398"].append("b000")
    following["b200"].append("b202")
    routes = list(ranked_routes(lambda n: following.get(n, ()), "b000", "b399", order=str))
    assert len(routes) == 2
    assert len(routes[0]) == 399
    assert len(routes[1]) == 400


def test_breadth_first_gives_distances_first_arrivals_and_routes() -> None:
    following = {"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": ["e"]}
    found = breadth_first(following, ["a"])
    assert found.distance == {"a": 0, "b": 1, "c": 1, "d": 2, "e": 3}
    assert found.route("e") == ["a", "b", "d", "e"]
    assert found.route("z") is None
    assert set(breadth_first(following, ["a"], steps=1).distance) == {"a", "b", "c"}
    assert "e" not in breadth_first(following, ["a"], stop="d").distance
    assert reachable(lambda n: following.get(n, ()), "b") == {"b", "d", "e"}
    assert breadth_first(following, ["b", "c"]).distance == {"b": 0, "c": 0, "d": 1, "e": 2}


def test_acyclic_and_the_groups_joined_into_cycles() -> None:
    assert acyclic({"a": ["b"], "b": ["c"]})
    assert not acyclic({"a": ["b"], "b": ["a"]})
    assert not acyclic({"a": ["a"]})
    assert cyclic_groups([("a", "b"), ("b", "a"), ("b", "c"), ("c", "c"), ("d", "e"), ("e", "d")]) == [
        ["a", "b"],
        ["d", "e"],
    ]
    assert cyclic_groups([("a", "a"), ("a", "b")]) == []


def ends_by_brute_force(following: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    """For every node named, the nodes with nothing next that it reaches (itself among them)."""
    named = {*following, *(n for nexts in following.values() for n in nexts)}
    return {
        node: frozenset(n for n in reachable(lambda m: following.get(m, ()), node) if not following.get(n))
        for node in named
    }


@settings(max_examples=200)
@given(graphs)
def test_ends_are_the_nodes_with_nothing_next_that_each_node_reaches(following: dict[str, list[str]]) -> None:
    # With and without cycles: a graph with none is answered without networkx, one with a cycle by its condensation.
    assert ends(following) == ends_by_brute_force(following)


@settings(max_examples=200)
@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=20))
def test_ends_of_an_acyclic_graph_are_found_in_order(edges: list[tuple[int, int]]) -> None:
    following: dict[str, list[str]] = {}
    for u, v in edges:
        if u < v:
            following.setdefault(NODES[u], []).append(NODES[v])  # a line twice is allowed
    order = topological_order(following)
    assert order is not None
    position = {node: i for i, node in enumerate(order)}
    assert all(position[u] < position[v] for u, nexts in following.items() for v in nexts)
    assert ends(following) == ends_by_brute_force(following)


def test_a_cycle_has_no_topological_order() -> None:
    assert topological_order({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) is None
    assert topological_order({"a": ["a"]}) is None
    assert ends({"a": ["b"], "b": ["a", "c"], "d": ["d"]}) == {
        "a": frozenset({"c"}),
        "b": frozenset({"c"}),
        "c": frozenset({"c"}),
        "d": frozenset(),
    }
