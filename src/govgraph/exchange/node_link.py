"""Node-link JSON: the whole model as nodes and links, for programs; `govgraph import json` reads it back.

The document (version 1) is the shape networkx's `node_link_graph(data, edges="links")` reads, so any
program can load it as a graph, and it holds everything in the model file, so a round trip through it gives
the same model::

    {
      "format": "govgraph-node-link", "version": 1,
      "directed": true, "multigraph": true,
      "graph": {"title", "description"?, "as_of"?, "sources": {id: entry}, "views": {id: entry},
                "checks": {...}},
      "nodes": [{"id", "node": "organisation" | "group" | "role" | "body", ...the entry as in the model file,
                 without a body's chairs, members and lines}],
      "links": [{"source", "target", "key", "relation", "from"?, "until"?, "cites"?, "note"?, "by"?,
                 "capacity"?, "selection"?, "selected_by"?, "as"?, "standing"?, "seats"?, "for"?, "past"?}]
    }

Nodes come in the order organisations, groups, roles, bodies, each by id. Links come body by body (by id):
its lines in the file's order (`reports_to`, `dotted_to`, `steers`, `part_of`, `succeeded_by`: from the body
to the other body), then its chairs (from the role to the body), then its members (from the role,
organisation or group to the body). `key` is the relation name (`reports_to#2` for a second such line
between the same two); `cites` is the id of the source a line is taken from, when it is not the body's own; the
other keys are the model file's own for a line (`by`: a liaison's post), a chair and a member.
Dates are text (`2024`, `2024-03`, `2024-03-15`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from govgraph.exchange.document import (
    checks_entry,
    entry_body,
    entry_group,
    entry_organisation,
    entry_role,
    entry_source,
    entry_view,
)
from govgraph.exchange.importing import Imported, ImportFileError, finish, read_bytes
from govgraph.loading.files import decode
from govgraph.loading.json_text import read_json_text
from govgraph.model import Model, Period
from govgraph.vocabulary import body_relations

FORMAT = "govgraph-node-link"
VERSION = 1
_NODE_SECTIONS = {"organisation": "organisations", "group": "groups", "role": "roles", "body": "bodies"}


def _dated(link: dict[str, Any], period: Period) -> None:
    if period.start is not None:
        link["from"] = str(period.start)
    if period.end is not None:
        link["until"] = str(period.end)


def _some(link: dict[str, Any], **values: str | None) -> dict[str, Any]:
    link.update({k: v for k, v in values.items() if v is not None})
    return link


def node_link_data(model: Model) -> dict[str, Any]:
    """The model as a node-link document (see the module docstring)."""
    graph: dict[str, Any] = {"title": model.title}
    if model.description:
        graph["description"] = model.description
    if model.as_of:
        graph["as_of"] = str(model.as_of)
    graph["sources"] = {k: entry_source(v) for k, v in sorted(model.sources.items())}
    graph["views"] = {k: entry_view(v) for k, v in sorted(model.views.items())}
    graph["checks"] = checks_entry(model)
    nodes: list[dict[str, Any]] = []
    nodes.extend(
        {"id": k, "node": "organisation", **entry_organisation(v)} for k, v in sorted(model.organisations.items())
    )
    nodes.extend({"id": k, "node": "group", **entry_group(v)} for k, v in sorted(model.groups.items()))
    nodes.extend({"id": k, "node": "role", **entry_role(v)} for k, v in sorted(model.roles.items()))
    nodes.extend({"id": k, "node": "body", **entry_body(v, lines=False)} for k, v in sorted(model.bodies.items()))
    links: list[dict[str, Any]] = []
    for bid, body in sorted(model.bodies.items()):
        seen: dict[tuple[str, str], int] = {}

        def link(source: str, target: str, relation: str, seen: dict[tuple[str, str], int] = seen) -> dict[str, Any]:
            n = seen[(source, relation)] = seen.get((source, relation), 0) + 1
            return {"source": source, "target": target, "key": relation if n == 1 else f"{relation}#{n}"}

        for kind in body_relations():
            for line in body.lines(kind):
                item = link(bid, line.target, kind)
                item["relation"] = kind
                _dated(item, line.period)
                links.append(_some(item, cites=_own(line.source, body.source), note=line.note, by=line.by))
        for chair in body.chairs:
            item = link(chair.role, bid, "chairs")
            item["relation"] = "chairs"
            _dated(item, chair.period)
            capacity = chair.capacity if chair.capacity != "chair" else None
            _some(item, capacity=capacity, selection=chair.selection, selected_by=chair.selected_by)
            links.append(_some(item, cites=_own(chair.source, body.source)))
        for member in body.members:
            item = link(member.member, bid, "member_of")
            item["relation"] = "member_of"
            _some(item, **{"as": member.as_})
            _dated(item, member.period)
            _some(item, standing=member.standing, **{"for": member.for_})
            if member.seats is not None:
                item["seats"] = member.seats
            if member.past:
                item["past"] = True
            links.append(_some(item, cites=_own(member.source, body.source), note=member.note))
    return {
        "format": FORMAT,
        "version": VERSION,
        "directed": True,
        "multigraph": True,
        "graph": graph,
        "nodes": nodes,
        "links": links,
    }


def _own(source: str | None, inherited: str | None) -> str | None:
    return None if source == inherited else source


def node_link_json(model: Model) -> str:
    """The node-link document as JSON text (UTF-8, two-space indent, a final newline)."""
    return json.dumps(node_link_data(model), indent=2, ensure_ascii=False) + "\n"


# Reading it back ------------------------------------------------------------------------------------------


def _fail(file: str, where: str, problem: str) -> ImportFileError:
    return ImportFileError(
        file=file,
        where=where,
        problem=problem,
        hint="give a file written by `govgraph export --format json` (see README: Exchange)",
    )


def _mapping(value: Any, file: str, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _fail(file, where, "expected a JSON object")
    return value


def _text(value: Any, file: str, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise _fail(file, where, "expected text")
    return value


def node_link_document(data: Any, file: str) -> dict[str, Any]:
    """The model file document a node-link document describes (the inverse of `node_link_data`).

    Raises:
        ImportFileError: the data is not a govgraph node-link document of a version this govgraph reads;
            the message names the place in it (`nodes[3].id`).
    """
    top = _mapping(data, file, "the top level")
    if top.get("format") != FORMAT:
        raise _fail(file, "format", f'this is not a govgraph node-link document (expected "format": {FORMAT!r})')
    if top.get("version") != VERSION:
        raise _fail(file, "version", f"version {top.get('version')!r} is not one this govgraph reads ({VERSION})")
    graph = _mapping(top.get("graph"), file, "graph")
    document: dict[str, Any] = {"govgraph": 1, "title": _text(graph.get("title"), file, "graph.title")}
    for key in ("description", "as_of"):
        if key in graph:
            document[key] = graph[key]
    document["sources"] = dict(_mapping(graph.get("sources", {}), file, "graph.sources"))
    sections: dict[str, dict[str, Any]] = {name: {} for name in _NODE_SECTIONS.values()}
    nodes = top.get("nodes")
    if not isinstance(nodes, list):
        raise _fail(file, "nodes", "expected a list of nodes")
    kinds: dict[str, str] = {}
    for i, raw in enumerate(nodes):
        node = dict(_mapping(raw, file, f"nodes[{i}]"))
        node_id = _text(node.pop("id", None), file, f"nodes[{i}].id")
        kind = node.pop("node", None)
        if kind not in _NODE_SECTIONS:
            raise _fail(file, f"nodes[{i}].node", f"expected one of {', '.join(_NODE_SECTIONS)}")
        if node_id in kinds:
            raise _fail(file, f"nodes[{i}].id", f"the id {node_id!r} is used by two nodes")
        kinds[node_id] = kind
        sections[_NODE_SECTIONS[kind]][node_id] = node
    links = top.get("links")
    if not isinstance(links, list):
        raise _fail(file, "links", "expected a list of links")
    bodies = sections["bodies"]
    for i, raw in enumerate(links):
        _link(dict(_mapping(raw, file, f"links[{i}]")), bodies, kinds, file, f"links[{i}]")
    for name in ("organisations", "groups", "roles"):
        if sections[name]:
            document[name] = sections[name]
    document["bodies"] = {k: _ordered(v) for k, v in bodies.items()}
    document["views"] = dict(_mapping(graph.get("views", {}), file, "graph.views"))
    document["checks"] = dict(_mapping(graph.get("checks", {}), file, "graph.checks"))
    return {k: v for k, v in document.items() if v != {}}


_BODY_KEY_ORDER = (
    "name",
    "kind",
    "short",
    "aliases",
    "formerly",
    "description",
    "url",
    "organisation",
    "managed_by",
    "status",
    "from",
    "until",
    "chairs",
    "members",
)


def _ordered(entry: dict[str, Any]) -> dict[str, Any]:
    # The file's own key order (see `document.entry_body`), whatever order the links came in.
    first = {k: entry[k] for k in (*_BODY_KEY_ORDER, *body_relations()) if k in entry}
    return first | {k: v for k, v in entry.items() if k not in first}


def _link(link: dict[str, Any], bodies: dict[str, Any], kinds: Mapping[str, str], file: str, where: str) -> None:
    source = _text(link.pop("source", None), file, f"{where}.source")
    target = _text(link.pop("target", None), file, f"{where}.target")
    relation = link.pop("relation", None)
    link.pop("key", None)
    cites = link.pop("cites", None)
    item: dict[str, Any] = {}
    between = relation in body_relations()
    if between or relation == "chairs":
        body_id = source if between else target
        other = target if between else source
        item["body" if between else "role"] = other
        key = relation
    elif relation == "member_of":
        body_id = target
        member_kind = kinds.get(source)
        if member_kind not in ("role", "organisation", "group"):
            raise _fail(file, f"{where}.source", f"{source!r} is not a role, organisation or group of the nodes")
        item[member_kind] = source
        key = "members"
    else:
        raise _fail(file, f"{where}.relation", f"unknown relation {relation!r}")
    if body_id not in bodies:
        raise _fail(file, where, f"{body_id!r} is not a body of the nodes")
    item.update(link)
    if cites is not None:
        item["source"] = cites
    entry = bodies[body_id]
    short = len(item) == 1 and key != "members"
    entry.setdefault(key, []).append(next(iter(item.values())) if short else item)


def read_node_link(path: str | Path) -> Imported:
    """Read the node-link JSON file at `path` into a model file (`govgraph import json`).

    Raises:
        ModelFileNotFound: the file cannot be opened (missing, a folder, not readable).
        ModelError: the file is over the size limit, is not UTF-8 text, or breaks another limit of the reader
            (see `import_node_link`).
        ImportFileError: the file is not a node-link document (see `import_node_link`).
    """
    file = str(path)
    text = decode(read_bytes(Path(path), "JSON"), file)
    return import_node_link(text, file)


def import_node_link(text: str, file: str) -> Imported:
    """Read a node-link JSON file's text into a model file.

    Raises:
        ImportFileError: the text is not JSON (with its line and column) or not a govgraph node-link document.
        ModelError: the text nests too deep, holds a number too long or half a character (located findings, as
            the model file's reader gives them).
    """
    try:
        data = read_json_text(text, file)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            file=file, where=f"line {exc.lineno}, column {exc.colno}", problem=f"this is not JSON ({exc.msg})"
        ) from None
    document = node_link_document(data, file)
    header = [f"Imported by `govgraph import json` from {_name(file)}.", "Edit freely: this file is now the model."]
    return finish(document, header=header)


def _name(file: str) -> str:
    return file.replace("\\", "/").rsplit("/", 1)[-1]
