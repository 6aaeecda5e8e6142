"""GraphML (yEd, Cytoscape, networkx) and GEXF (Gephi), written by networkx's own writers.

`exchange_graph(model)` is the graph both formats hold: a `networkx.MultiDiGraph` whose node and edge
attributes are all plain typed values (text, whole numbers, true/false), so that yEd and Gephi list them as
columns and can colour or filter by them:

- every node: `node` (body, role, organisation, group), `label` (the short name people use), `name` (no
  line numbers of the model file: the same model written in another order gives the same export);
- bodies: `kind`, `status` (the latest recorded, judged at the model's reference day; left out where none is
  recorded), `closed` (true/false), `organisation`, `chairs` (the
  chairs' titles, `; ` between them), `chair_count`, and `from` / `until` where dated;
- roles: `organisation`, `holders` and `holder_count` where holders are tracked;
- groups: `members` (ids, `; ` between them);
- edges: `relation`, `label` (in words), and where known `from`, `until`, `source`, `note` and `as`.

Every edge has an id of its own, `source:relation:target` (`clp:reports_to:pcag`; a second line of the same
relation between the same two is `clp:reports_to:pcag:2`). It is the edge's key in the graph and its `<edge id>`
in both files: networkx's GraphML writer uses the key as the id (and its reader gives the id back as the key), and
its GEXF writer uses an `id` attribute, which `gexf` adds. A key that was just the relation name would give
thousands of edges the id `reports_to`: the GraphML schema wants an edge's id unique in its graph
(`edge_id_unique`), yEd draws one edge per repeated id and Gephi refuses the repeats (networkx issues #7732,
#2827, #4347). This form is used rather than a plain sequence (`e0`, `e1`...) because it depends only on the edge
itself. Adding, removing or renaming an unrelated body leaves every other edge's id as it was, so two exports diff
line by line, and anything a user keyed on an id in yEd or Gephi still finds its edge. You can also read it
without looking up the nodes. It is unique because model ids are lower-case letters, digits and hyphens
(`govgraph.model.ID_PATTERN`), relation names are fixed words with underscores, and neither holds a `:`. It is an
XML NMTOKEN, the type the schema gives `edge/@id` (`->` or `#` would not be). GEXF also gets networkx's own
`networkx_key` column, holding the same id: that is how `networkx.read_gexf` gives the keys back.

GraphML's `<key>` declarations have ids of the form `node-label`, `edge-label`, `graph-title`: one attribute
name can be declared for nodes and for edges (`label`, `from`, `until`), and the schema's `key_id_key`
constraint wants each `<key>` id unique in the whole document (the GraphML 1.0 structural schema,
http://graphml.graphdrawing.org/xmlns/1.0/graphml-structure.xsd, whose documentation lists `key_id_key`:
"existence and uniqueness of the id attributes of each <key> element in this document"; `key/@id` is an
NMTOKEN). networkx's `named_key_ids=True` uses the bare name and so declared `label` twice; its default ids
(`d0`, `d1`...) are unique but unreadable in `<data key="d7">`, and they are numbered in the order attributes are
first met, so one new attribute on an early node renumbers most of the file. `attr.name` stays the plain name,
which is what yEd, Gephi and networkx show.

An attribute that does not apply is absent rather than empty. GEXF's `lastmodifieddate` (today's date) is left
out so that the same model always gives the same bytes.
The XML is written without indentation: the tools read it the same, and networkx's indenting takes a quarter
of the time of a large export (benchmarks/bench_exchange.py).

Speed (issue 9: each under 2 s for 10,000 bodies). networkx's writers build the whole document as an
ElementTree of some 200,000 elements before writing it. Two things, not the writers' own work, took most of the
time, and both are dealt with here while networkx still builds every element:

- Python's cyclic garbage collector, run again and again over the growing heap (the loaded model included)
  while those elements are allocated: two thirds of a GraphML export and 60% of a GEXF one. The elements form
  no reference cycles (an ElementTree element has no link to its parent), so the collector is paused for the
  export as it is for loading (`govgraph.memory.collector_paused`).
- ElementTree's writing to a byte stream: it passes each of a million small pieces through an
  `io.TextIOWrapper`, which on a readable stream such as `io.BytesIO` also resets a pure-Python UTF-8 decoder
  (`codecs.BufferedIncrementalDecoder.reset`) after every write. Serialising to one `str` and encoding that
  once gives the same bytes in about 60% of the time (`_xml_bytes`).

What is left is mostly ElementTree's own pure-Python serialising and networkx's building of the elements.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, tostring

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from networkx.readwrite.graphml import GraphMLWriter

from govgraph import time, vocabulary
from govgraph.memory import collector_paused
from govgraph.model import Model, Period

# What `ElementTree.write(..., encoding="utf-8", xml_declaration=True)` puts first, as networkx's
# `write_graphml_xml` calls it (`GraphMLWriter.dump`).
_UTF8_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


def _dated(attrs: dict[str, Any], period: Period) -> None:
    if period.start is not None:
        attrs["from"] = str(period.start)
    if period.end is not None:
        attrs["until"] = str(period.end)


def _some(attrs: dict[str, Any], **values: Any) -> dict[str, Any]:
    attrs.update({k: v for k, v in values.items() if v is not None and v != ""})
    return attrs


def edge_id(source: str, relation: str, target: str, n: int = 1) -> str:
    """The id of the `n`th line of `relation` from `source` to `target` (see the module docstring)."""
    return f"{source}:{relation}:{target}" if n == 1 else f"{source}:{relation}:{target}:{n}"


def exchange_graph(model: Model, *, edge_id_attribute: str | None = None) -> Any:
    """The model as a `networkx.MultiDiGraph` of plain typed attributes (see the module docstring).

    Each edge's key is its id. With `edge_id_attribute`, each edge also holds its id as that attribute:
    networkx's GEXF writer takes an edge's id from its `id` attribute (its GraphML writer from the key).
    """
    graph = nx.MultiDiGraph()
    graph.graph.update(_some({}, title=model.title, as_of=str(model.as_of) if model.as_of else None))
    for oid, org in sorted(model.organisations.items()):
        attrs = _some({}, node="organisation", label=org.short or org.name, name=org.name, short=org.short)
        graph.add_node(oid, **attrs)
    for gid, group in sorted(model.groups.items()):
        attrs = _some({}, node="group", label=group.short or group.name, name=group.name)
        graph.add_node(gid, **attrs, members="; ".join(group.members))
    for rid, role in sorted(model.roles.items()):
        attrs = _some({}, node="role", label=role.title, name=role.title, organisation=role.organisation)
        if role.holders is not None:
            attrs["holders"] = "; ".join(h.name for h in role.holders)
            attrs["holder_count"] = len(role.holders)
        graph.add_node(rid, **attrs)
    reference = time.reference_day(model, None)
    for bid, body in sorted(model.bodies.items()):
        status = time.status_on(body, None, reference=reference)
        chairs = [model.name_of(c.role) for c in body.chairs]
        attrs = _some(
            {},
            node="body",
            label=body.display_name,
            name=body.name,
            kind=body.kind,
            status=status,
            organisation=body.organisation,
            chairs="; ".join(chairs),
        )
        attrs.update(closed=status in vocabulary.ended_statuses(), chair_count=len(chairs))
        _dated(attrs, body.period)
        graph.add_node(bid, **attrs)
    seen: dict[tuple[str, str, str], int] = {}

    def add(u: str, v: str, relation: str, attrs: dict[str, Any]) -> None:
        n = seen[(u, v, relation)] = seen.get((u, v, relation), 0) + 1
        key = edge_id(u, relation, v, n)
        attrs.update(relation=relation, label=vocabulary.relation(relation).label)
        if edge_id_attribute is not None:
            attrs[edge_id_attribute] = key
        graph.add_edge(u, v, key=key, **attrs)

    for bid, body in sorted(model.bodies.items()):
        for line in body.relations:
            attrs = _some({}, source=line.source, note=line.note)
            _dated(attrs, line.period)
            add(bid, line.target, line.kind, attrs)
        for chair in body.chairs:
            attrs = _some({}, source=chair.source)
            _dated(attrs, chair.period)
            add(chair.role, bid, "chairs", attrs)
        for member in body.members:
            attrs = _some({}, source=member.source, note=member.note, **{"as": member.as_})
            _dated(attrs, member.period)
            add(member.member, bid, "member_of", attrs)
    return graph


def _xml_bytes(root: Element, *, encoding: str, declaration: str = "") -> bytes:
    """`root` serialised as ElementTree would write it in `encoding`, but encoded in one piece.

    `xmlcharrefreplace` is what ElementTree's writer uses for what the encoding cannot hold (any non-ASCII
    character in ASCII; in UTF-8, only a lone surrogate), so the bytes are the same as its own.
    """
    return (declaration + tostring(root, encoding="unicode")).encode(encoding, "xmlcharrefreplace")


class _GraphMLWriter(GraphMLWriter):  # type: ignore[misc]
    """networkx's GraphML writer, with `<key>` ids `node-label`, `edge-label`... (see the module docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._key_ids: set[str] = set()

    def get_key(self, name: str, attr_type: str, scope: str, default: Any) -> str:
        declared: str | None = self.keys.get((name, attr_type, scope))
        if declared is not None:
            return declared
        # networkx declares it (as `d<n>`: `named_key_ids` is off), then it is renamed, before any `<data>`
        # refers to it. The same name with two types in one scope (never in `exchange_graph`) would get a `-2`.
        numbered = super().get_key(name, attr_type, scope, default)
        base = key_id = f"{scope}-{name}"
        n = 1
        while key_id in self._key_ids:
            n += 1
            key_id = f"{base}-{n}"
        self._key_ids.add(key_id)
        for element in self.xml.iterfind("key"):
            if element.get("id") == numbered:
                element.set("id", key_id)
                break
        self.keys[name, attr_type, scope] = key_id
        return key_id


def _graphml_writer() -> Any:
    return _GraphMLWriter(encoding="utf-8", prettyprint=False)


def graphml(model: Model) -> bytes:
    """The model as GraphML (UTF-8 XML), with typed `<key>` declarations for every attribute.

    The same bytes as networkx's `GraphMLWriter.dump` of `exchange_graph(model)` writes (no indenting, `<key>`
    ids as `_GraphMLWriter` names them), whose steps these are, in less time (see the module docstring).
    """
    with collector_paused():
        writer = _graphml_writer()
        writer.add_graph_element(exchange_graph(model))
        return _xml_bytes(writer.xml, encoding="utf-8", declaration=_UTF8_DECLARATION)


def gexf(model: Model) -> bytes:
    """The model as GEXF 1.2 (UTF-8 XML), with typed attribute declarations; no modification date.

    The same bytes as `str(writer)` of networkx's `GEXFWriter` (ASCII, other characters as character
    references, no XML declaration), in less time (see the module docstring).
    """
    with collector_paused():
        writer = GEXFWriter(encoding="utf-8", prettyprint=False, version="1.2draft")
        meta = writer.xml.find("meta")
        if meta is not None:
            meta.attrib.pop("lastmodifieddate", None)
            creator = meta.find("creator")
            if creator is not None:
                creator.text = "govgraph"
            description = meta.makeelement("description", {})
            description.text = model.title
            meta.append(description)
        writer.add_graph(exchange_graph(model, edge_id_attribute="id"))
        # `str(writer)` is `tostring(writer.xml)`: ElementTree's default encoding, US-ASCII.
        return _xml_bytes(writer.xml, encoding="us-ascii")
