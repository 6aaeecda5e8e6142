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
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Generic, TypeVar

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


# Walks ------------------------------------------------------------------------------------------------------
#
# Route questions and checks walk plain dicts and functions, not a networkx graph: importing networkx is about a
# third of the start-up of `govgraph path` and `govgraph check`, and building the graph for a 10,000-body model
# takes longer than the walks themselves. Each walk here is the one place its idea is written.

Following = Mapping[N, Iterable[N]] | Callable[[N], Iterable[N]]


@dataclass(frozen=True)
class Search(Generic[N]):
    """What a breadth-first search found: each node reached, with its distance from the nearest start, and the
    node it was first reached from (starts have none)."""

    distance: dict[N, int]
    parent: dict[N, N]

    def route(self, end: N) -> list[N] | None:
        """The route from a start to `end` along first arrivals, or None when `end` was not reached."""
        if end not in self.distance:
            return None
        route = [end]
        while route[-1] in self.parent:
            route.append(self.parent[route[-1]])
        return route[::-1]


def _stepper(following: Following[N]) -> Callable[[N], Iterable[N]]:
    if callable(following):
        return following
    table = following
    return lambda node: table.get(node, ())


def breadth_first(
    following: Following[N], starts: Iterable[N], *, steps: int | None = None, stop: N | None = None
) -> Search[N]:
    """Search outwards from `starts` along `following` (a mapping, or a function, from a node to its next nodes),
    level by level: every node reached, its distance and where it was first reached from.

    The one walk behind every reachability question (`reachable`), shortest route (`shortest_route`), route tree
    (`route_tree`) and distance (`distances`) of govgraph. It looks only at the nodes it reaches, so a question
    about one part of a large model costs that part.

    Args:
        steps: go no further than this many steps from the starts (None: all the way).
        stop: end the search as soon as this node is reached (its route is then known).
    """
    step = _stepper(following)
    frontier = list(dict.fromkeys(starts))
    distance = dict.fromkeys(frontier, 0)
    parent: dict[N, N] = {}
    depth = 0
    while frontier and (steps is None or depth < steps) and (stop is None or stop not in distance):
        depth += 1
        reached: list[N] = []
        for node in frontier:
            for nxt in step(node):
                if nxt not in distance:
                    distance[nxt] = depth
                    parent[nxt] = node
                    reached.append(nxt)
                    if nxt == stop:
                        return Search(distance, parent)
        frontier = reached
    return Search(distance, parent)


def reachable(following: Following[str], start: str, steps: int | None = None) -> set[str]:
    """Every node reached from `start` along `following` (node -> next nodes, as a mapping or a function),
    `start` included; within `steps` steps when given (see `breadth_first`)."""
    return set(breadth_first(following, [start], steps=steps).distance)


def distances(following: Following[N], start: N) -> dict[N, int]:
    """How many steps from `start` each node it reaches is (see `breadth_first`)."""
    return breadth_first(following, [start]).distance


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

    Next bodies are taken in id order, so among routes of equal length the same one is chosen whatever the order
    of the file.
    """

    def following(u: str) -> list[str]:
        return [
            v
            for v in sorted(graph.succ[u])
            if (within is None or v in within)
            and any(_follows(d, relations) and (edge_ok is None or edge_ok(d)) for d in graph.succ[u][v].values())
        ]

    return breadth_first(following, [start], stop=end).route(end)


def route_tree(
    graph: Any, root: str, relations: tuple[str, ...], *, within: Collection[str], towards: bool = False
) -> dict[str, str]:
    """Shortest routes between `root` and the bodies `within`, along edges of the given relations, as a tree.

    Returns each reached body's neighbour on its route: the body before it on the route from `root`, or, with
    `towards`, the body after it on its route to `root`. Neighbours are visited in id order, so the tree does
    not depend on the order of the file.
    """
    step = graph.pred if towards else graph.succ

    def following(u: str) -> list[str]:
        return [v for v in sorted(step[u]) if v in within and any(_follows(d, relations) for d in step[u][v].values())]

    return breadth_first(following, [root]).parent


def topological_order(following: Mapping[N, Collection[N]]) -> list[N] | None:
    """The nodes of `following` (node -> next nodes), those named only as next nodes too, each before every node
    it leads to; None when following the lines can lead back to where it started.

    Kahn's algorithm: nodes with no line into them are taken away one by one; a cycle is what is left. Linear in
    the lines. On the lines of accountability of the 10,000-body synthetic model it took 36 ms, where building a
    networkx DiGraph and asking `is_directed_acyclic_graph` took 162 ms (4.8 times as long, 3.0-5.3 in each turn:
    medians of 5 turns in alternation on a busy machine, `benchmarks/bench_queries.py`), after the 0.15-0.5 s of
    importing networkx, which `govgraph check` and `govgraph path` otherwise never import.
    """
    into: dict[N, int] = {}
    for node, nexts in following.items():
        into.setdefault(node, 0)
        for nxt in nexts:
            into[nxt] = into.get(nxt, 0) + 1
    free = [node for node, count in into.items() if count == 0]
    order: list[N] = []
    while free:
        node = free.pop()
        order.append(node)
        for nxt in following.get(node, ()):
            into[nxt] -= 1
            if into[nxt] == 0:
                free.append(nxt)
    return order if len(order) == len(into) else None


def acyclic(following: Mapping[N, Collection[N]]) -> bool:
    """Whether following the lines (node -> next nodes) can never lead back to where it started (see
    `topological_order`)."""
    return topological_order(following) is not None


def cyclic_groups(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The groups of nodes joined into cycles by `edges` (pairs `(from, to)`; a pair from a node to itself is
    not a cycle here): each a strongly connected component of two or more nodes, its ids sorted, the groups
    sorted by their first id. Linear in the number of edges; needs no model graph."""
    pairs = [(u, v) for u, v in edges if u != v]
    following: dict[str, list[str]] = {}
    for u, v in pairs:
        following.setdefault(u, []).append(v)
    # Most models have no cycle, which `acyclic` says without networkx; networkx finds the components of one.
    if acyclic(following):
        return []
    lines = nx.DiGraph()
    lines.add_edges_from(pairs)
    return sorted(sorted(c) for c in nx.strongly_connected_components(lines) if len(c) > 1)


# Ranked routes ----------------------------------------------------------------------------------------------


def ranked_routes(
    successors: Callable[[N], Iterable[N]],
    start: N,
    end: N,
    *,
    order: Callable[[N], str],
    banned: Collection[N] = (),
) -> Iterator[tuple[N, ...]]:
    """Every simple route from `start` to `end`, lazily: shortest first, then by the `order` of its nodes (routes
    of one length compared node by node), so the answer does not depend on the order of the file.

    First the part of the graph between the two is found: the nodes reached from `start` that reach `end` (linear
    in what `start` reaches). Where that part has no cycle (a structure of accountability, usually) every route
    in it is simple and the routes are taken in order from a lazily grown list of the best routes from each
    node (`_acyclic_routes`); each route then costs about its length, whatever the number taken before it. Where
    the part has a cycle, Yen's algorithm (`_yen_routes`) finds each route with a few searches of that part.
    networkx's `shortest_simple_paths` is Yen's too, but breaks ties between routes of one length in the order
    they were found, not by ids, and compares each new route with every route found before it: on the 80-body
    ladder of `benchmarks/bench_queries.py` (2^39 routes from its foot, all 41 bodies long) it took 0.34 s for 100
    routes and 1.5 s for 300, where this took 13 ms and 36 ms (26 and 39 times less, in each turn; Yen's algorithm
    of `_yen_routes` alone 40 ms and 88 ms); up a line 2,000 bodies deep, the first 3 routes took Yen's algorithm
    alone 11.9 s and this 58 ms, and 13.4 s and 0.16 s with a line back to its foot (medians of 5 turns in
    alternation on a busy machine).

    Args:
        successors: a node's neighbours along the lines that may be followed.
        order: a node's sort key; two different nodes next to one node never share one.
        banned: nodes no route may pass through.
    """
    if start in banned or end in banned:
        return
    if start == end:
        yield (start,)
        return
    following = _between(successors, start, end, banned)
    if start not in following:
        return
    if not acyclic(following):
        pruned = _simple_lines(following, start, end)
        following = _between(lambda node: pruned[node], start, end, ())
    for nexts in following.values():
        nexts.sort(key=order)
    if acyclic(following):
        yield from _acyclic_routes(following, start, end, order)
    else:
        yield from _yen_routes(following, start, end, order)


def _between(successors: Callable[[N], Iterable[N]], start: N, end: N, banned: Collection[N]) -> dict[N, list[N]]:
    """The nodes on some route from `start` to `end` (none passing a banned node), each with its next nodes
    among them; empty when there is no route."""
    ahead: dict[N, list[N]] = {}

    def step(node: N) -> list[N]:
        # A route stops at its end: what lies beyond is no use.
        nexts = [] if node == end else list(dict.fromkeys(n for n in successors(node) if n not in banned))
        ahead[node] = nexts
        return nexts

    if end not in breadth_first(step, [start]).distance:
        return {}
    behind: dict[N, list[N]] = {}
    for node, nexts in ahead.items():
        for nxt in nexts:
            behind.setdefault(nxt, []).append(node)
    on_route = set(breadth_first(behind, [end]).distance)
    return {node: [n for n in ahead[node] if n in on_route] for node in ahead if node in on_route}


def _simple_lines(following: Mapping[N, Sequence[N]], start: N, end: N) -> dict[N, list[N]]:
    """`following` (every node on a route from `start` to `end`) without the lines that no simple route takes:
    a line back to a node that every route from `start` to the line passes (a dominator), and a line from a
    node that every route from the line on to `end` passes again. Most cycles in a structure are of this kind (a
    line back down a line of accountability), and without them the part is acyclic: its routes are then found
    at the cost of their length, where Yen's algorithm took 77 s for the first 21 routes up a 2,000-deep line
    with one line back to its foot. networkx finds the dominators (Cooper, Harvey and Kennedy's algorithm)."""
    lines = nx.DiGraph()
    lines.add_nodes_from(following)
    lines.add_edges_from((node, nxt) for node, nexts in following.items() for nxt in nexts)
    before = _dominator_spans(lines, start)
    after = _dominator_spans(lines.reverse(copy=False), end)

    def dominates(spans: Mapping[N, tuple[int, int]], a: N, b: N) -> bool:
        return spans[a][0] <= spans[b][0] and spans[b][1] <= spans[a][1]

    return {
        node: [nxt for nxt in nexts if not dominates(before, nxt, node) and not dominates(after, node, nxt)]
        for node, nexts in following.items()
    }


def _dominator_spans(lines: Any, root: N) -> dict[N, tuple[int, int]]:
    """Each node's span in a walk of the dominator tree from `root`: a dominates b when a's span holds b's."""
    below: dict[N, list[N]] = {}
    for node, parent in nx.immediate_dominators(lines, root).items():
        if node != root:
            below.setdefault(parent, []).append(node)
    spans: dict[N, tuple[int, int]] = {}
    clock = 0
    opened: dict[N, int] = {}
    stack: list[tuple[N, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            spans[node] = (opened[node], clock)
            continue
        opened[node] = clock
        clock += 1
        stack.append((node, True))
        stack.extend((child, False) for child in below.get(node, ()))
    return spans


def _acyclic_routes(
    following: Mapping[N, Sequence[N]], start: N, end: N, order: Callable[[N], str]
) -> Iterator[tuple[N, ...]]:
    """The routes of an acyclic part, best first: the recursive enumeration of Jiménez and Marzal (1999).

    Each node keeps the list of its best routes to `end` found so far, each written as its first step and the
    place of the rest in the next node's list; a node's next route is the best of the candidates "step to a next
    node, then one of that node's routes" it has not used. The first route of every node comes from one search
    back from `end`; a node's list grows only when a route through it is asked for, each time by one heap
    operation at each node of the route. So the k-th route costs about its length, whatever the number before it
    and the size of the part: about 0.1 ms for a route of 41 bodies up the 80-body ladder, on a busy machine.
    Yen's algorithm searches the part again from each node of each route; with Lawler's saving it is as fast on
    the ladder, whose routes differ near their ends, but it took 3.6 s a route up a 2,000-deep line, where this
    takes 4-7 ms.
    """
    behind: dict[N, list[N]] = {}
    for node, nexts in following.items():
        for nxt in nexts:
            behind.setdefault(nxt, []).append(node)
    distance = distances(behind, end)
    # routes[node][i] = (length, next node, place of the rest in routes[next node]); the end's one route is empty
    # (written as a step from the end to itself, never followed).
    routes: dict[N, list[tuple[int, N, int]]] = {end: [(0, end, -1)]}
    candidates: dict[N, list[tuple[int, str, int, N]]] = {}
    spent: set[N] = {end}

    def first(node: N) -> list[tuple[int, N, int]]:
        if node not in routes:
            best = next(n for n in following[node] if distance[n] == distance[node] - 1)
            routes[node] = [(distance[node], best, 0)]
        return routes[node]

    def grow(node: N) -> bool:
        """Add `node`'s next route to its list; False when it has no more."""
        # Down the node's latest route: the nodes whose next candidate is the next route of the node after them,
        # as far as a node whose next route is known already (or that has no more).
        waiting = []
        at = node
        while at not in spent:
            own = first(at)
            _, nxt, place = own[-1]
            rest = first(nxt)
            waiting.append((at, own, nxt, rest, place))
            if nxt in spent or len(rest) > place + 1:
                break
            at = nxt
        for at, own, nxt, rest, place in reversed(waiting):
            heap = candidates.get(at)
            if heap is None:
                taken = own[0][1]
                heap = candidates[at] = [(distance[n] + 1, order(n), 0, n) for n in following[at] if n != taken]
                heapq.heapify(heap)
            if len(rest) > place + 1:
                best = heapq.heappushpop(heap, (rest[place + 1][0] + 1, order(nxt), place + 1, nxt))
            elif heap:
                best = heapq.heappop(heap)
            else:
                spent.add(at)
                continue
            own.append((best[0], best[3], best[2]))
        return node not in spent

    index = 0
    while index < len(first(start)) or grow(start):
        route = [start]
        at, place = start, index
        while at != end:
            _, at, place = first(at)[place]
            route.append(at)
        yield tuple(route)
        index += 1


def _yen_routes(
    following: Mapping[N, Sequence[N]], start: N, end: N, order: Callable[[N], str]
) -> Iterator[tuple[N, ...]]:
    """The routes of a part with a cycle, best first: Yen's algorithm, with Lawler's saving.

    Each route found is followed by candidates that leave it at one of its nodes (the spur) by a line no route
    found so far with the same beginning took there; the best candidate is the next route. A route is left only
    from the node where it left the route it came from, onwards (Lawler), and the lines already taken after each
    beginning are kept in a tree of the routes found, so a route costs a search of the part from each of its
    nodes, whatever the number of routes before it.
    """
    behind: dict[N, list[N]] = {}
    for node, nexts in following.items():
        for nxt in nexts:
            behind.setdefault(nxt, []).append(node)
    best = _spur(following, behind, start, end, order, set(), set())
    if best is None:
        return
    # The routes found, as a tree of their nodes: the lines taken after each beginning.
    taken: dict[N, Any] = {}
    candidates: list[tuple[int, tuple[str, ...], int, tuple[N, ...], int]] = []
    queued: set[tuple[N, ...]] = {best}
    counter = 0
    route, leaves = best, 0
    while True:
        yield route
        branch = taken
        for node in route[1:]:
            branch = branch.setdefault(node, {})
        branch = taken
        for node in route[1 : leaves + 1]:
            branch = branch[node]
        for i in range(leaves, len(route) - 1):
            tail = _spur(following, behind, route[i], end, order, set(route[:i]), set(branch))
            branch = branch[route[i + 1]]
            if tail is None:
                continue
            candidate = route[:i] + tail
            if candidate not in queued:
                queued.add(candidate)
                counter += 1
                keys = tuple(order(n) for n in candidate)
                heapq.heappush(candidates, (len(candidate), keys, counter, candidate, i))
        if not candidates:
            return
        _, _, _, route, leaves = heapq.heappop(candidates)


def _spur(
    following: Mapping[N, Sequence[N]],
    behind: Mapping[N, Sequence[N]],
    spur: N,
    end: N,
    order: Callable[[N], str],
    blocked: set[N],
    cut: set[N],
) -> tuple[N, ...] | None:
    """The best route from `spur` to `end` (shortest, then smallest by `order`) passing no `blocked` node and
    not stepping from `spur` to a node in `cut`; None when there is none.

    One search back from `end`, which stops once it reaches `spur` by an allowed line; the route is then read
    forwards, taking at each node the smallest next node one step nearer the end."""
    allowed = {n for n in following[spur] if n not in cut and n not in blocked}

    def back(node: N) -> list[N]:
        # The spur is reached only by the lines it may take, and nothing is searched beyond it.
        earlier = [b for b in behind.get(node, ()) if b not in blocked and b != spur]
        return [*earlier, spur] if node in allowed else earlier

    distance = breadth_first(back, [end], stop=spur).distance
    if spur not in distance:
        return None
    route = [spur]
    node = spur
    while node != end:
        wanted = distance[node] - 1
        node = next(n for n in following[node] if distance.get(n) == wanted and (node != spur or n in allowed))
        route.append(node)
    return tuple(route)


def ends(following: Mapping[str, Collection[str]]) -> dict[str, frozenset[str]]:
    """For every node of `following` (node -> next nodes), the nodes with nothing next that it reaches: itself
    when nothing follows it, none when it leads only round a cycle.

    Linear in nodes and edges but for the sets themselves: each group of nodes in a cycle is taken as one, the
    groups are visited last first, and a group with one next group shares that group's set rather than copying
    it (on a chain n long, n references to one set).
    """
    order = topological_order(following)
    if order is not None:
        return _acyclic_ends(following, order)
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


def _acyclic_ends(following: Mapping[str, Collection[str]], order: Sequence[str]) -> dict[str, frozenset[str]]:
    """`ends` of lines with no cycle, given their `topological_order`: one pass from the last node back.

    Most structures have no cycle, and this needs no networkx: importing it was 0.15-0.25 s of the 0.7-1.0 s a
    `govgraph build` of the London docs took with nothing to write (processor time, runs in alternation).
    """
    found: dict[str, frozenset[str]] = {}
    for node in reversed(order):
        after = list(dict.fromkeys(following.get(node, ())))
        if not after:
            found[node] = frozenset([node])
        else:
            found[node] = found[after[0]] if len(after) == 1 else frozenset().union(*(found[n] for n in after))
    return found
