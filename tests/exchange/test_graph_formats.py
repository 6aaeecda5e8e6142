"""GraphML and GEXF (issue 9): what networkx's writers write, typed so that yEd and Gephi show the attributes.

`graph_formats` drives networkx's writers itself to be fast (the collector paused, one encoding of the whole
text), so these check that the bytes are still exactly the writers' own and that the declarations the tools
read are there. They also check the ids the tools match things by: every edge's is unique (yEd draws one edge
per repeated id, Gephi drops repeats), every GraphML `<key>`'s is unique (the schema's `key_id_key`), and an
edge keeps its id when an unrelated part of the model changes.
"""

from __future__ import annotations

import gc
import io
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml

from govgraph.exchange.graph_formats import _graphml_writer, exchange_graph, gexf, graphml
from govgraph.loading import load_bytes
from govgraph.model import Model
from support import hostile_model

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"
# The GraphML schema types `key/@id` and `edge/@id` as xs:NMTOKEN; these are the ASCII name characters.
NMTOKEN = re.compile(r"[A-Za-z0-9._:-]+")


def repeats_model() -> Model:
    """Two lines of the same relation between the same two, for each kind of edge: a chair, a member, a line."""
    document = {
        "govgraph": 1,
        "title": "Repeats",
        "organisations": {"icb": {"name": "An ICB"}},
        "roles": {"sro": {"title": "SRO"}},
        "bodies": {
            "board": {"name": "Board", "kind": "board",
                      "chairs": [{"role": "sro", "until": "2023-03"}, {"role": "sro", "from": "2024-04"}],
                      "members": [{"organisation": "icb", "until": "2023-03"},
                                  {"organisation": "icb", "from": "2024-04"}]},
            "project": {"name": "Project", "kind": "project", "dotted_to": ["board"],
                        "reports_to": [{"body": "board", "until": "2023-03"}, {"body": "board", "from": "2024-04"}]},
        },
    }  # fmt: skip
    return load_bytes(yaml.safe_dump(document).encode("utf-8"), "repeats.yaml")


@pytest.fixture(params=["london", "hostile", "repeats"])
def model(request: pytest.FixtureRequest, london: Model) -> Model:
    # The hostile model has markup characters, right-to-left and CJK text, tabs and newlines in its names.
    return {"london": london, "hostile": hostile_model(), "repeats": repeats_model()}[request.param]


def test_graphml_is_byte_for_byte_what_networkx_graphml_writer_dumps(model: Model) -> None:
    writer = _graphml_writer()
    writer.add_graph_element(exchange_graph(model))
    expected = io.BytesIO()
    writer.dump(expected)  # what `networkx.write_graphml_xml` does after building the elements
    assert graphml(model) == expected.getvalue()


def test_graphml_is_what_networkx_write_graphml_xml_writes_but_for_the_key_ids(model: Model) -> None:
    expected = io.BytesIO()
    nx.write_graphml_xml(exchange_graph(model), expected, encoding="utf-8", prettyprint=False)
    theirs, ours = ET.fromstring(expected.getvalue()), ET.fromstring(graphml(model))
    declared = {(key.get("for"), key.get("attr.name")): key.get("id") for key in ours.findall(f"{GRAPHML}key")}
    assert all(key_id == f"{scope}-{name}" for (scope, name), key_id in declared.items())
    renamed = {key.get("id"): declared[key.get("for"), key.get("attr.name")] for key in theirs.findall(f"{GRAPHML}key")}
    for key in theirs.findall(f"{GRAPHML}key"):
        key.set("id", str(renamed[key.get("id")]))
    for data in theirs.iter(f"{GRAPHML}data"):
        data.set("key", str(renamed[data.get("key")]))
    assert ET.tostring(ours) == ET.tostring(theirs)


def _without_meta(data: bytes) -> str:
    root = ET.fromstring(data)
    meta = root.find(f"{GEXF}meta")
    assert meta is not None
    root.remove(meta)
    return ET.tostring(root, encoding="unicode")


def test_gexf_is_what_networkx_write_gexf_writes_but_for_the_meta_element(model: Model) -> None:
    expected = io.BytesIO()
    graph = exchange_graph(model, edge_id_attribute="id")  # networkx's GEXF writer takes the edge id from `id`
    nx.write_gexf(graph, expected, encoding="utf-8", prettyprint=False, version="1.2draft")
    data = gexf(model)
    # ASCII, with anything else as character references, as `str(GEXFWriter)` gives it: every name survives.
    assert data.isascii()
    assert _without_meta(data) == _without_meta(expected.getvalue())
    meta = ET.fromstring(data).find(f"{GEXF}meta")
    assert meta is not None
    assert meta.attrib == {}  # no lastmodifieddate
    assert meta.findtext(f"{GEXF}creator") == "govgraph"
    assert meta.findtext(f"{GEXF}description") == model.title


def test_graphml_declares_a_typed_key_for_every_attribute_it_uses(london: Model) -> None:
    root = ET.fromstring(graphml(london))
    keys = root.findall(f"{GRAPHML}key")
    types = {(key.get("for"), key.get("attr.name")): key.get("attr.type") for key in keys}
    # yEd's "Properties Mapper" and Gephi's GraphML import type their columns from attr.type.
    assert all(types.values())
    assert types["node", "kind"] == types["node", "status"] == types["node", "chairs"] == "string"
    assert types["node", "chair_count"] in {"int", "long"}
    assert types["node", "closed"] == "boolean"
    assert types["edge", "relation"] == "string"
    assert types["graph", "title"] == "string"
    declared = {key.get("id") for key in keys}
    assert {data.get("key") for data in root.iter(f"{GRAPHML}data")} <= declared


def test_gexf_declares_typed_attributes_for_nodes_and_edges(london: Model) -> None:
    root = ET.fromstring(gexf(london))
    declared: dict[tuple[str | None, str | None], str | None] = {}
    ids: dict[str | None, set[str | None]] = {"node": set(), "edge": set()}
    for attributes in root.iter(f"{GEXF}attributes"):
        assert attributes.get("mode") == "static"
        for attribute in attributes.findall(f"{GEXF}attribute"):
            declared[attributes.get("class"), attribute.get("title")] = attribute.get("type")
            ids[attributes.get("class")].add(attribute.get("id"))
    assert declared["node", "kind"] == declared["node", "status"] == declared["node", "chairs"] == "string"
    assert declared["node", "chair_count"] in {"integer", "long"}
    assert declared["node", "closed"] == "boolean"
    assert declared["edge", "relation"] == "string"
    for kind in ("node", "edge"):
        used = {v.get("for") for element in root.iter(f"{GEXF}{kind}") for v in element.iter(f"{GEXF}attvalue")}
        assert used <= ids[kind]


# Ids -------------------------------------------------------------------------------------------------------


def _graphml_edges(data: bytes) -> list[tuple[str, str, str, str]]:
    """Every `<edge>` of a GraphML file as (id, source, target, relation), in file order."""
    root = ET.fromstring(data)
    (relation,) = (k.get("id") for k in root.findall(f"{GRAPHML}key") if k.get("attr.name") == "relation")
    return [
        (
            str(e.get("id")),
            str(e.get("source")),
            str(e.get("target")),
            str(e.findtext(f"{GRAPHML}data[@key='{relation}']")),
        )
        for e in root.iter(f"{GRAPHML}edge")
    ]


def _gexf_edges(data: bytes) -> list[tuple[str, str, str, str]]:
    """Every `<edge>` of a GEXF file as (id, source, target, relation), in file order."""
    root = ET.fromstring(data)
    (relation,) = (
        a.get("id")
        for attributes in root.iter(f"{GEXF}attributes")
        if attributes.get("class") == "edge"
        for a in attributes.findall(f"{GEXF}attribute")
        if a.get("title") == "relation"
    )
    return [
        (
            str(e.get("id")),
            str(e.get("source")),
            str(e.get("target")),
            next(str(v.get("value")) for v in e.iter(f"{GEXF}attvalue") if v.get("for") == relation),
        )
        for e in root.iter(f"{GEXF}edge")
    ]


EDGES = {"graphml": (graphml, _graphml_edges), "gexf": (gexf, _gexf_edges)}


def _repeated(ids: list[str]) -> list[str]:
    return [i for i, n in Counter(ids).items() if n > 1]


@pytest.mark.parametrize("fmt", EDGES)
def test_every_edge_has_an_id_of_its_own(fmt: str, model: Model) -> None:
    write, edges = EDGES[fmt]
    found = edges(write(model))
    ids = [edge_id for edge_id, *_ in found]
    assert len(found) == exchange_graph(model).number_of_edges()
    assert not _repeated(ids)
    assert all(NMTOKEN.fullmatch(i) for i in ids), ids
    # Readable: source, relation, target, and a count only for a second line of the same relation.
    for edge_id, source, target, relation in found:
        assert edge_id.split(":")[:3] == [source, relation, target]


@pytest.mark.parametrize("fmt", EDGES)
def test_a_second_line_of_the_same_relation_between_the_same_two_is_counted(fmt: str) -> None:
    write, edges = EDGES[fmt]
    assert sorted(edge_id for edge_id, *_ in edges(write(repeats_model()))) == [
        "icb:member_of:board",
        "icb:member_of:board:2",
        "project:dotted_to:board",
        "project:reports_to:board",
        "project:reports_to:board:2",
        "sro:chairs:board",
        "sro:chairs:board:2",
    ]


def test_graphml_key_ids_are_unique_though_names_repeat(model: Model) -> None:
    root = ET.fromstring(graphml(model))
    keys = root.findall(f"{GRAPHML}key")
    ids = [str(key.get("id")) for key in keys]
    assert not _repeated(ids)
    assert all(NMTOKEN.fullmatch(i) for i in ids), ids
    names = Counter(key.get("attr.name") for key in keys)
    assert names["label"] == 2  # declared for nodes and for edges, under two ids
    assert {"node-label", "edge-label"} <= set(ids)


def _with_an_unrelated_body(text: str) -> Model:
    """The model in `text` with a new body (first in id order) and its own chair, member and lines."""
    document = yaml.safe_load(text)
    document["roles"]["aaa-chair"] = {"title": "Chair of the new forum"}
    document["bodies"] = {
        "aaa-forum": {"name": "A new forum", "kind": "forum", "chairs": ["aaa-chair"], "reports_to": ["pcag"],
                      "members": [{"organisation": "nhse-london", "from": "2025-01"}]},
        **document["bodies"],
    }  # fmt: skip
    return load_bytes(yaml.safe_dump(document, sort_keys=False, allow_unicode=True).encode(), "more.yaml")


@pytest.mark.parametrize("fmt", EDGES)
def test_edge_ids_stay_the_same_when_an_unrelated_body_is_added(fmt: str, repo_root: Path) -> None:
    write, edges = EDGES[fmt]
    text = (repo_root / "data" / "governance.yaml").read_text(encoding="utf-8")
    listed = edges(write(load_bytes(text.encode(), "governance.yaml"))), edges(write(_with_an_unrelated_body(text)))
    before, after = ({edge_id: rest for edge_id, *rest in found} for found in listed)
    assert (len(before), len(after)) == (len(listed[0]), len(listed[1]))  # no id repeated, none lost below
    # Every edge there was keeps its id (and the id still names the same edge), though the new body comes first
    # in id order and reports to PCAG; only its own three lines are new.
    assert {i: after.get(i) for i in before} == before
    added = {i: after[i] for i in after.keys() - before.keys()}
    assert len(added) == 3
    assert all("aaa-forum" in (source, target) for source, target, _ in added.values())


def test_graphml_key_ids_stay_the_same_when_an_unrelated_body_is_added(repo_root: Path) -> None:
    text = (repo_root / "data" / "governance.yaml").read_text(encoding="utf-8")

    def keys(model: Model) -> dict[str | None, Any]:
        root = ET.fromstring(graphml(model))
        return {k.get("id"): (k.get("for"), k.get("attr.name")) for k in root.findall(f"{GRAPHML}key")}

    before = keys(load_bytes(text.encode(), "governance.yaml"))
    after = keys(_with_an_unrelated_body(text))
    assert {i: after.get(i) for i in before} == before


# The collector ------------------------------------------------------------------------------------------------


def _collector(enabled: bool) -> None:
    if enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("writer", [graphml, gexf])
@pytest.mark.parametrize("enabled", [True, False])
def test_export_leaves_the_garbage_collector_as_it_found_it(
    writer: Callable[[Model], bytes], enabled: bool, london: Model
) -> None:
    was = gc.isenabled()
    try:
        _collector(enabled)
        writer(london)
        assert gc.isenabled() is enabled
    finally:
        _collector(was)
