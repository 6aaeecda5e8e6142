"""The model as a networkx graph, and the model as it stood on a date.

`to_graph(model)` gives a `networkx.MultiDiGraph` whose nodes are bodies, roles, organisations and groups and
whose edges are relations keyed by relation name (`reports_to`, `dotted_to`, `steers`, `part_of`,
`succeeded_by`, `chairs`, `member_of`). Every node and edge carries `location` (file, line, column) so a
finding about it can point at the YAML.

`snapshot(model, day)` keeps what held on `day`: bodies, lines, chairs, memberships and holders whose dates
include it, and history up to it. A body closed by then stays in the snapshot with its status `closed` so that
questions about it can be answered ("closed in March 2025 by the London Regional Exec Team's decision"); what
ended by `until` is gone. Without a date, nothing is hidden.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import networkx as nx

from govgraph.model import Body, Model, PartialDate, Role

NODE_BODY = "body"
NODE_ROLE = "role"
NODE_ORGANISATION = "organisation"
NODE_GROUP = "group"


def moment(when: PartialDate | dt.date | None) -> dt.date | None:
    """The day a date stands for when asking "as of": the last day of a partial date's period."""
    if when is None or isinstance(when, dt.date):
        return when
    return when.last


def snapshot(model: Model, when: PartialDate | dt.date | None) -> Model:
    """The model as it stood at `when` (see the module docstring); the model itself when `when` is None."""
    day = moment(when)
    if day is None:
        return model
    bodies = {bid: b for bid, b in model.bodies.items() if b.period.holds_on(day)}
    kept = {bid: _body_on(b, day, bodies) for bid, b in bodies.items()}
    roles = {rid: _role_on(r, day) for rid, r in model.roles.items()}
    return replace(model, bodies=kept, roles=roles)


def _body_on(body: Body, day: dt.date, alive: dict[str, Body]) -> Body:
    return replace(
        body,
        name=body.name_on(day),
        status=body.status_on(day),
        managed_by=tuple(m for m in body.managed_by if m.period.holds_on(day)),
        chairs=tuple(c for c in body.chairs if c.period.holds_on(day)),
        members=tuple(m for m in body.members if m.period.holds_on(day)),
        relations=tuple(r for r in body.relations if r.period.holds_on(day) and r.target in alive),
        history=tuple(h for h in body.history if h.date.first <= day),
    )


def _role_on(role: Role, day: dt.date) -> Role:
    if role.holders is None:
        return role
    return replace(role, holders=tuple(h for h in role.holders if h.period.holds_on(day)))


def to_graph(model: Model) -> Any:
    """Build the `networkx.MultiDiGraph` of a model (or of a snapshot).

    Node attributes: `node` (body, role, organisation, group), `label`, `location`; bodies also `kind`,
    `status` (the latest recorded), `organisation`. Edge attributes: `relation`, `location`, `source`,
    `period`, and for memberships `as`.
    """
    graph = nx.MultiDiGraph(title=model.title, file=model.file)
    for oid in sorted(model.organisations):
        org = model.organisations[oid]
        graph.add_node(oid, node=NODE_ORGANISATION, label=org.short or org.name, location=org.location)
    for gid in sorted(model.groups):
        group = model.groups[gid]
        graph.add_node(gid, node=NODE_GROUP, label=group.name, location=group.location)
    for rid in sorted(model.roles):
        role = model.roles[rid]
        graph.add_node(rid, node=NODE_ROLE, label=role.title, organisation=role.organisation, location=role.location)
    for bid in sorted(model.bodies):
        body = model.bodies[bid]
        graph.add_node(
            bid,
            node=NODE_BODY,
            label=body.display_name,
            kind=body.kind,
            status=body.status_on(None),
            organisation=body.organisation,
            location=body.location,
        )
    for bid in sorted(model.bodies):
        body = model.bodies[bid]
        for rel in body.relations:
            if rel.target in model.bodies:
                _add_edge(
                    graph,
                    bid,
                    rel.target,
                    rel.kind,
                    location=rel.location,
                    source=rel.source,
                    period=rel.period,
                    note=rel.note,
                )
        for chair in body.chairs:
            if chair.role in model.roles:
                _add_edge(
                    graph,
                    chair.role,
                    bid,
                    "chairs",
                    location=chair.location,
                    source=chair.source,
                    period=chair.period,
                )
        for member in body.members:
            if graph.has_node(member.member):
                _add_edge(
                    graph,
                    member.member,
                    bid,
                    "member_of",
                    location=member.location,
                    source=member.source,
                    period=member.period,
                    **{"as": member.as_},
                )
    return graph


def _add_edge(graph: Any, u: str, v: str, relation: str, **attrs: Any) -> None:
    key = relation
    n = 1
    while graph.has_edge(u, v, key=key):
        n += 1
        key = f"{relation}#{n}"
    graph.add_edge(u, v, key=key, relation=relation, **attrs)


def relation_subgraph(graph: Any, relations: tuple[str, ...]) -> Any:
    """A view of the graph's bodies with only the edges of the given relations."""
    bodies = [n for n, d in graph.nodes(data=True) if d.get("node") == NODE_BODY]

    def keep(u: str, v: str, k: str) -> bool:
        return bool(graph.edges[u, v, k]["relation"] in relations)

    return nx.subgraph_view(graph.subgraph(bodies), filter_edge=keep)
