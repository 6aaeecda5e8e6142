"""A Cypher script that loads the model into a graph database (Neo4j 5, Memgraph, FalkorDB).

Run it with `cypher-shell -f governance.cypher` (Neo4j), `mgconsole < governance.cypher` (Memgraph), or paste
it into the database's browser. It is safe to run again: nodes are merged on their `id` and lines on their
`key`, so a second run updates rather than duplicates.

The script is a few statements, one per line, each ending in `;`:

    UNWIND [{`id`: 'pcag', `name`: '...', ...}, ...] AS row MERGE (n:GovGraph:Body {id: row.`id`}) SET n += row;
    UNWIND [{`a`: 'clp', `b`: 'pcag', `props`: {`key`: 'reports_to', ...}}, ...] AS row
        MATCH (a:GovGraph {id: row.`a`}) MATCH (b:GovGraph {id: row.`b`})
        MERGE (a)-[r:REPORTS_TO {key: row.`props`.`key`}]->(b) SET r += row.`props`;

Labels (`GovGraph` plus `Body`, `Role`, `Organisation` or `Group`) and relationship types (`REPORTS_TO`,
`DOTTED_TO`, `STEERS`, `PART_OF`, `SUCCEEDED_BY`, `CHAIRS`, `MEMBER_OF`: each relation's `cypher_type` in the
vocabulary) are fixed words; everything taken
from the model is a value inside a string literal, escaped here: backslash, quote, new line, carriage return,
tab, backspace and form feed by their openCypher escapes (`\\n`...), and every other control character (and the
Unicode line and paragraph separators) as `\\uXXXX`, so no name can end a literal, a statement or a line.
Map keys are fixed too and written in backticks. Rows are sent in batches of `BATCH` per statement so that
large models load quickly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from govgraph import time, vocabulary
from govgraph.model import Model, Period

BATCH = 500


def relationship_type(relation: str) -> str:
    """The Cypher relationship type of a relation (`REPORTS_TO`).

    Raises:
        KeyError: no such relation is registered.
    """
    return vocabulary.relation(relation).cypher_type


LABELS: Mapping[str, str] = {"body": "Body", "role": "Role", "organisation": "Organisation", "group": "Group"}

# openCypher's named escapes first: FalkorDB reads these but not `\\uXXXX`, which Neo4j and Memgraph also read.
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def string(text: str) -> str:
    """A Cypher string literal holding exactly `text`."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F or ch in "\u2028\u2029\u0085":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def key(name: str) -> str:
    """A map key or property name in backticks (a backtick inside is doubled)."""
    return "`" + name.replace("`", "``") + "`"


def value(item: Any) -> str:
    """A Cypher literal for text, a whole number, true/false, a list or a map of them."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int):
        return str(item)
    if isinstance(item, str):
        return string(item)
    if isinstance(item, Mapping):
        return "{" + ", ".join(f"{key(k)}: {value(v)}" for k, v in item.items()) + "}"
    if isinstance(item, Sequence):
        return "[" + ", ".join(value(v) for v in item) + "]"
    raise TypeError(f"no Cypher literal for {type(item).__name__}")


def _props(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and v != "" and v != []}


def _dates(period: Period) -> dict[str, str]:
    out = {}
    if period.start is not None:
        out["from"] = str(period.start)
    if period.end is not None:
        out["until"] = str(period.end)
    return out


def _batches(rows: Sequence[Mapping[str, Any]]) -> Iterable[str]:
    for start in range(0, len(rows), BATCH):
        yield "[" + ", ".join(value(row) for row in rows[start : start + BATCH]) + "]"


def _nodes(model: Model) -> dict[str, list[dict[str, Any]]]:
    nodes: dict[str, list[dict[str, Any]]] = {kind: [] for kind in LABELS}
    for oid, org in sorted(model.organisations.items()):
        nodes["organisation"].append(_props(id=oid, name=org.name, short=org.short, aliases=list(org.aliases)))
    for gid, group in sorted(model.groups.items()):
        nodes["group"].append(_props(id=gid, name=group.name, members=list(group.members)))
    for rid, role in sorted(model.roles.items()):
        holders = [h.name for h in role.holders] if role.holders is not None else None
        nodes["role"].append(
            _props(id=rid, name=role.title, organisation=role.organisation, aliases=list(role.aliases), holders=holders)
        )
    reference = time.reference_day(model, None)
    for bid, body in sorted(model.bodies.items()):
        nodes["body"].append(
            _props(
                id=bid,
                name=body.name,
                short=body.short,
                kind=body.kind,
                status=time.status_on(body, None, reference=reference),
                organisation=body.organisation,
                chairs=[model.name_of(c.role) for c in body.chairs],
                aliases=list(body.aliases),
                description=body.description,
                **_dates(body.period),
            )
        )
    return nodes


def _lines(model: Model) -> dict[str, list[dict[str, Any]]]:
    lines: dict[str, list[dict[str, Any]]] = {relation: [] for relation in vocabulary.relation_names()}
    seen: dict[tuple[str, str, str], int] = {}

    def add(a: str, b: str, relation: str, props: dict[str, Any]) -> None:
        n = seen[(a, b, relation)] = seen.get((a, b, relation), 0) + 1
        props = {"key": relation if n == 1 else f"{relation}#{n}", **props}
        lines[relation].append({"a": a, "b": b, "props": props})

    for bid, body in sorted(model.bodies.items()):
        for line in body.relations:
            add(bid, line.target, line.kind, _props(source=line.source, note=line.note, **_dates(line.period)))
        for chair in body.chairs:
            add(chair.role, bid, "chairs", _props(source=chair.source, **_dates(chair.period)))
        for m in body.members:
            add(m.member, bid, "member_of", _props(source=m.source, note=m.note, **{"as": m.as_}, **_dates(m.period)))
    return lines


def cypher(model: Model) -> str:
    """The Cypher script (see the module docstring)."""
    out = [
        "// A govgraph model as a graph: run with cypher-shell, mgconsole or a database browser.",
        "// Nodes are merged on `id` and lines on `key`, so running the script again updates in place.",
    ]
    for kind, rows in _nodes(model).items():
        node = f"(n:GovGraph:{LABELS[kind]} {{id: row.`id`}})"
        out.extend(f"UNWIND {batch} AS row MERGE {node} SET n += row;" for batch in _batches(rows))
    for relation, rows in _lines(model).items():
        match = "MATCH (a:GovGraph {id: row.`a`}) MATCH (b:GovGraph {id: row.`b`})"
        merge = f"MERGE (a)-[r:{relationship_type(relation)} {{key: row.`props`.`key`}}]->(b) SET r += row.`props`"
        out.extend(f"UNWIND {batch} AS row {match} {merge};" for batch in _batches(rows))
    return "\n".join(out) + "\n"
