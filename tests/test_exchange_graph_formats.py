"""GraphML and GEXF (issue 9): what networkx's writers write, typed so that yEd and Gephi show the attributes.

`graph_formats` drives networkx's writers itself to be fast (the collector paused, one encoding of the whole
text), so these check that the bytes are still exactly the writers' own and that the declarations the tools
read are there.
"""

from __future__ import annotations

import gc
import io
import xml.etree.ElementTree as ET
from collections.abc import Callable

import networkx as nx
import pytest

from govgraph.exchange.graph_formats import exchange_graph, gexf, graphml
from govgraph.model import Model
from test_render import hostile_model

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"


@pytest.fixture(params=["london", "hostile"])
def model(request: pytest.FixtureRequest, london: Model) -> Model:
    # The hostile model has markup characters, right-to-left and CJK text, tabs and newlines in its names.
    return london if request.param == "london" else hostile_model()


def test_graphml_is_byte_for_byte_what_networkx_write_graphml_xml_writes(model: Model) -> None:
    expected = io.BytesIO()
    nx.write_graphml_xml(exchange_graph(model), expected, encoding="utf-8", prettyprint=False, named_key_ids=True)
    assert graphml(model) == expected.getvalue()


def _without_meta(data: bytes) -> str:
    root = ET.fromstring(data)
    meta = root.find(f"{GEXF}meta")
    assert meta is not None
    root.remove(meta)
    return ET.tostring(root, encoding="unicode")


def test_gexf_is_what_networkx_write_gexf_writes_but_for_the_meta_element(model: Model) -> None:
    expected = io.BytesIO()
    nx.write_gexf(exchange_graph(model), expected, encoding="utf-8", prettyprint=False, version="1.2draft")
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
