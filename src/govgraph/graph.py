"""The model as a networkx graph, and the model as it stood on a date.

`to_graph(model)` gives a `networkx.MultiDiGraph` whose nodes are bodies, roles, organisations and groups and
whose edges are relations keyed by relation name (`reports_to`, `dotted_to`, `steers`, `part_of`,
`succeeded_by`, `chairs`, `member_of`). Every node and edge carries `location` (file, line, column) so a
finding about it can point at the YAML.

`snapshot(model, day)` keeps what held on `day` (by the rules of `govgraph.time`): bodies, lines, chairs,
memberships and holders whose dates include it (and holders whose dates are not recorded), and history up to it;
its `as_of` is that day. A body closed by then stays in the snapshot with its status `closed` so that
questions about it can be answered ("closed in March 2025 by the London Regional Exec Team's decision"); what
ended by `until` is gone. Without a date, nothing is hidden.
"""

from __future__ import annotations

import datetime as dt
import heapq
import importlib.util
import sys
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from govgraph import time
from govgraph.model import Body, Model, PartialDate, Role
from govgraph.time import moment


def _lazy_module(name: str) -> Any:
    """The module `name`, executed on first attribute access (the `importlib.util.LazyLoader` recipe).

    Snapshots and route questions never touch networkx, and importing it is about a third of the start-up of a
    command such as `govgraph path`; whatever builds a graph still gets the real module, unchanged.
    """
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


if TYPE_CHECKING:
    import networkx as nx
else:
    nx = _lazy_module("networkx")

NODE_BODY = "body"
NODE_ROLE = "role"
NODE_ORGANISATION = "organisation"
NODE_GROUP = "group"

N = TypeVar("N", bound=Hashable)


def snapshot(model: Model, when: PartialDate | dt.date | None) -> Model:
    """The model as it stood at `when` (see the module docstring); the model itself when `when` is None."""
    day = moment(when)
    if day is None:
        return model
    bodies = {bid: b for bid, b in model.bodies.items() if time.in_force(b, day)}
    # Past holders and members (their end not recorded) no longer held at the model's own reference day.
    reference = time.reference_day(model, None)
    kept = {bid: _body_on(b, day, bodies, reference) for bid, b in bodies.items()}
    roles = {rid: _role_on(r, day, reference) for rid, r in model.roles.items()}
    # The snapshot is true to that date: what is judged at its reference day is judged then.
    as_of = when if isinstance(when, PartialDate) else PartialDate.from_date(day)
    return replace(model, bodies=kept, roles=roles, as_of=as_of)


def _body_on(body: Body, day: dt.date, alive: dict[str, Body], reference: dt.date) -> Body:
    holds = time.holds_on
    return replace(
        body,
        name=time.name_on(body, day),
        status=time.status_on(body, day),
        managed_by=tuple(m for m in body.managed_by if holds(m.period, day)),
        chairs=tuple(c for c in body.chairs if holds(c.period, day)),
        members=tuple(m for m in body.members if time.member_on(m, day, reference)),
        relations=tuple(r for r in body.relations if holds(r.period, day) and r.target in alive),
        # An entry whose date is not recorded (`by`) is kept: whether it had happened is `time.status_on`'s to say.
        history=tuple(h for h in body.history if not h.date_known or time.dated_on_or_before(h.date, day)),
    )


def _role_on(role: Role, day: dt.date, reference: dt.date) -> Role:
    if role.holders is None:
        return role
    return replace(role, holders=time.holders_on(role, day, reference))


def to_graph(model: Model) -> Any:
    """Build the `networkx.MultiDiGraph` of a model (or of a snapshot).

    Node attributes: `node` (body, role, organisation, group), `label`, `location`; bodies also `kind`,
    `status` (the latest recorded, judged at the model's reference day: see `time.status_on`; None where none is
    recorded), `organisation`. Edge attributes: `relation`, `location`, `source`,
    `period`, and for memberships `as`.
    """
    graph = nx.MultiDiGraph(title=model.title, file=model.file)
    reference = time.reference_day(model, None)
    # Nodes and edges are added in bulk (add_*_from is several times faster than one call each), in id order.
    graph.add_nodes_from(
        (oid, {"node": NODE_ORGANISATION, "label": o.short or o.name, "location": o.location})
        for oid, o in sorted(model.organisations.items())
    )
    graph.add_nodes_from(
        (gid, {"node": NODE_GROUP, "label": g.name, "location": g.location}) for gid, g in sorted(model.groups.items())
    )
    graph.add_nodes_from(
        (rid, {"node": NODE_ROLE, "label": r.title, "organisation": r.organisation, "location": r.location})
        for rid, r in sorted(model.roles.items())
    )
    graph.add_nodes_from(
        (
            bid,
            {
                "node": NODE_BODY,
                "label": b.display_name,
                "kind": b.kind,
                "status": time.status_on(b, None, reference=reference),
                "organisation": b.organisation,
                "location": b.location,
            },
        )
        for bid, b in sorted(model.bodies.items())
    )
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    seen: dict[tuple[str, str, str], int] = {}

    def add(u: str, v: str, relation: str, attrs: dict[str, Any]) -> None:
        # The key is the relation name; a second line of the same relation between the same two (with other
        # dates, say) is keyed `relation#2`.
        n = seen.get((u, v, relation), 0) + 1
        seen[(u, v, relation)] = n
        attrs["relation"] = relation
        edges.append((u, v, relation if n == 1 else f"{relation}#{n}", attrs))

    for bid, body in sorted(model.bodies.items()):
        for rel in body.relations:
            if rel.target in model.bodies:
                add(
                    bid,
                    rel.target,
                    rel.kind,
                    {
                        "location": rel.location,
                        "source": rel.source,
                        "period": rel.period,
                        "note": rel.note,
                        "accountable": rel.accountable,
                    },
                )
        for chair in body.chairs:
            if chair.role in model.roles:
                add(
                    chair.role,
                    bid,
                    "chairs",
                    {"location": chair.location, "source": chair.source, "period": chair.period},
                )
        for member in body.members:
            if member.member in graph:
                add(
                    member.member,
                    bid,
                    "member_of",
                    {"location": member.location, "source": member.source, "period": member.period, "as": member.as_},
                )
    graph.add_edges_from(edges)
    return graph


def _follows(edge: Mapping[str, Any], relations: tuple[str, ...]) -> bool:
    """Whether a route along `relations` may take this edge: one of them, and not a `part_of` line into a whole
    that does not hold its parts to account (`model.Relation.accountable`)."""
    return edge["relation"] in relations and edge.get("accountable", True)


def shortest_route(
    graph: Any,
    start: str,
    end: str,
    relations: tuple[str, ...],
    *,
    within: Collection[str] | None = None,
    edge_ok: Callable[[Mapping[str, Any]], bool] | None = None,
) -> list[str] | None:
    """The shortest chain of bodies from `start` to `end` along edges of the given relations, or None.

    Args:
        within: only pass through these bodies.
        edge_ok: only use edges whose attributes this accepts.

    Among routes of equal length the one through the smallest ids is chosen, so the answer does not depend on
    the order of the file.
    """
    parents: dict[str, str] = {}
    frontier = [start]
    seen = {start}
    while frontier:
        following: list[str] = []
        for u in frontier:
            for v in sorted(graph.succ[u]):
                if v in seen or (within is not None and v not in within):
                    continue
                edges = graph.succ[u][v].values()
                if not any(_follows(d, relations) and (edge_ok is None or edge_ok(d)) for d in edges):
                    continue
                seen.add(v)
                parents[v] = u
                if v == end:
                    route = [v]
                    while route[-1] != start:
                        route.append(parents[route[-1]])
                    return route[::-1]
                following.append(v)
        frontier = following
    return None


def route_tree(
    graph: Any, root: str, relations: tuple[str, ...], *, within: Collection[str], towards: bool = False
) -> dict[str, str]:
    """Shortest routes between `root` and the bodies `within`, along edges of the given relations, as a tree.

    Returns each reached body's neighbour on its route: the body before it on the route from `root`, or, with
    `towards`, the body after it on its route to `root`. Neighbours are visited in id order, so the tree does
    not depend on the order of the file.
    """
    step = graph.pred if towards else graph.succ
    parents: dict[str, str] = {}
    frontier = [root]
    seen = {root}
    while frontier:
        following: list[str] = []
        for u in frontier:
            for v in sorted(step[u]):
                if v in seen or v not in within:
                    continue
                if not any(_follows(d, relations) for d in step[u][v].values()):
                    continue
                seen.add(v)
                parents[v] = u
                following.append(v)
        frontier = following
    return parents


def ranked_routes(
    successors: Callable[[N], Iterable[N]],
    start: N,
    end: N,
    *,
    order: Callable[[N], str],
    banned: Collection[N] = (),
) -> Iterator[tuple[N, ...]]:
    """Every simple route from `start` to `end`, lazily: shortest first, then by the `order` of its nodes.

    Yen's k-shortest-paths algorithm, with ties broken by comparing routes node by node (`order` gives each node
    its sort key, usually its id), so the answer does not depend on the order of the file. Each route costs a few
    breadth-first searches of the part of the graph reachable from `start`; nothing is enumerated ahead of what
    the caller takes, so a graph with exponentially many routes answers its first few at once.

    Args:
        successors: a node's neighbours along the lines that may be followed.
        order: a node's sort key; two different nodes on the same route never share one.
        banned: nodes no route may pass through.
    """
    if start in banned or end in banned:
        return
    if start == end:
        yield (start,)
        return
    first = _best_route(successors, start, end, order, set(banned), set())
    if first is None:
        return
    found: list[tuple[N, ...]] = [first]
    yield first
    candidates: list[tuple[int, tuple[str, ...], int, tuple[N, ...]]] = []
    queued: set[tuple[N, ...]] = {first}
    counter = 0
    while True:
        previous = found[-1]
        for i in range(len(previous) - 1):
            spur, root = previous[i], previous[: i + 1]
            # Deviate from every route found so far that shares this root, at the spur node.
            cut = {(route[i], route[i + 1]) for route in found if route[: i + 1] == root}
            blocked = set(banned).union(root[:-1])
            tail = _best_route(successors, spur, end, order, blocked, cut)
            if tail is None:
                continue
            candidate = root[:-1] + tail
            if candidate in queued:
                continue
            queued.add(candidate)
            counter += 1
            heapq.heappush(candidates, (len(candidate), tuple(order(n) for n in candidate), counter, candidate))
        if not candidates:
            return
        best = heapq.heappop(candidates)[3]
        found.append(best)
        yield best


def _best_route(
    successors: Callable[[N], Iterable[N]],
    start: N,
    end: N,
    order: Callable[[N], str],
    blocked: set[N],
    cut: set[tuple[N, N]],
) -> tuple[N, ...] | None:
    """The shortest route from `start` to `end` avoiding `blocked` nodes and `cut` lines, smallest by `order`
    among equals; None when there is none. A shortest route never repeats a node, so it is simple."""
    preds: dict[N, list[N]] = {}
    reached = {start}
    frontier = [start]
    while frontier:
        following: list[N] = []
        for u in frontier:
            if u == end:
                continue  # a route stops at its end; what lies beyond is no use
            for v in successors(u):
                if v in blocked or (u, v) in cut:
                    continue
                preds.setdefault(v, []).append(u)
                if v not in reached:
                    reached.add(v)
                    following.append(v)
        frontier = following
    if end not in reached:
        return None
    distance = {end: 0}
    frontier = [end]
    while frontier:
        following = []
        for v in frontier:
            for u in preds.get(v, ()):
                if u not in distance:
                    distance[u] = distance[v] + 1
                    following.append(u)
        frontier = following
    route = [start]
    node = start
    while node != end:
        wanted = distance[node] - 1
        node = min(
            (v for v in successors(node) if distance.get(v) == wanted and v not in blocked and (node, v) not in cut),
            key=order,
        )
        route.append(node)
    return tuple(route)


def cyclic_groups(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The groups of nodes joined into cycles by `edges` (pairs `(from, to)`; a pair from a node to itself is
    not a cycle here): each a strongly connected component of two or more nodes, its ids sorted, the groups
    sorted by their first id. Linear in the number of edges; needs no model graph."""
    pairs = [(u, v) for u, v in edges if u != v]
    # Most models have no cycle: a depth-first walk over plain dicts says so several times faster than building
    # a networkx graph (and three times faster than `graphlib`); the components are only computed when there is
    # one.
    following: dict[str, list[str]] = {}
    for u, v in pairs:
        following.setdefault(u, []).append(v)
    if _has_cycle(following):
        lines = nx.DiGraph()
        lines.add_edges_from(pairs)
        return sorted(sorted(c) for c in nx.strongly_connected_components(lines) if len(c) > 1)
    return []


def ends(following: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    """For every node of `following` (node -> next nodes), the nodes with nothing next that it reaches: itself
    when nothing follows it, none when it leads only round a cycle.

    Linear in nodes and edges but for the sets themselves: each group of nodes in a cycle is taken as one, the
    groups are visited last first, and a group with one next group shares that group's set rather than copying
    it (on a chain n long, n references to one set).
    """
    graph = nx.DiGraph()
    graph.add_nodes_from(following)
    graph.add_edges_from((node, nxt) for node, nexts in following.items() for nxt in nexts)
    groups = nx.condensation(graph)
    found: dict[int, frozenset[str]] = {}
    for group in reversed(list(nx.topological_sort(groups))):
        after = list(groups.successors(group))
        members = groups.nodes[group]["members"]
        if after:
            found[group] = found[after[0]] if len(after) == 1 else frozenset().union(*(found[g] for g in after))
        else:
            alone = sorted(members)[0] if len(members) == 1 else None
            ends_here = alone is not None and not graph.has_edge(alone, alone)
            found[group] = frozenset([alone]) if alone is not None and ends_here else frozenset()
    mapping = groups.graph["mapping"]
    return {node: found[mapping[node]] for node in graph.nodes}


def _has_cycle(following: Mapping[str, list[str]]) -> bool:
    """Whether following the lines (node -> next nodes) can lead back to where it started."""
    done: set[str] = set()
    for start in following:
        if start in done:
            continue
        # The walk's current route (`on_route`), each node with the next nodes still to try.
        on_route = {start}
        stack = [(start, iter(following[start]))]
        while stack:
            node, rest = stack[-1]
            for nxt in rest:
                if nxt in on_route:
                    return True
                if nxt not in done:
                    on_route.add(nxt)
                    stack.append((nxt, iter(following.get(nxt, ()))))
                    break
            else:
                stack.pop()
                on_route.discard(node)
                done.add(node)
    return False


def reachable(following: Mapping[str, Iterable[str]], start: str, steps: int | None = None) -> set[str]:
    """Every node reached from `start` along `following` (node -> next nodes), `start` included; within `steps`
    steps when given. Plain dicts, for callers that have not built (and need not build) a networkx graph."""
    return reachable_by(lambda node: following.get(node, ()), start, steps)


def reachable_by(step: Callable[[str], Iterable[str]], start: str, steps: int | None = None) -> set[str]:
    """As `reachable`, with the next nodes of a node given by `step(node)`: for walks that look at only the
    part of a large model they reach."""
    seen = {start}
    frontier = [start]
    depth = 0
    while frontier and (steps is None or depth < steps):
        depth += 1
        following_nodes = []
        for node in frontier:
            for nxt in step(node):
                if nxt not in seen:
                    seen.add(nxt)
                    following_nodes.append(nxt)
        frontier = following_nodes
    return seen
