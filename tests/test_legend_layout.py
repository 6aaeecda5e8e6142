"""The legend as the engine draws it: each sample keeps its size and stays beside its words, however much wider
than the legend the title above it is (Graphviz shares a stretched table's width among all its cells)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from govgraph.render.diagram import render_diagram
from govgraph.views import select_view
from test_org_chart import model_of
from test_render import engine_or_none

SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _x_range(path: str) -> tuple[float, float]:
    xs = [float(x) for x in _NUMBER.findall(path)[0::2]]
    return min(xs), max(xs)


@pytest.mark.parametrize("title", ["Short", "A title very much wider than the legend of two kinds drawn under it"])
def test_each_sample_stays_its_size_beside_its_words(title: str) -> None:
    if engine_or_none() is None:
        pytest.skip("no Graphviz engine")
    model = model_of(
        {
            "board": {"name": "Board", "kind": "board"},
            "team": {"name": "Delivery", "kind": "team", "reports_to": ["board"]},
        }
    )
    svg = render_diagram(replace(select_view(model), title=title), "svg")
    assert isinstance(svg, str)
    root = ET.fromstring(svg)
    graph = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "graph")
    # The legend is drawn in the graph's own group: each sample a filled path, its words the 9 pt text after it.
    drawn = list(graph)
    for kind, fill in (("board", "#cce3f0"), ("team", "#f7d9c6")):
        words = next(e for e in drawn if e.tag == f"{SVG}text" and e.text == kind)
        sample = next(e for e in drawn if e.tag == f"{SVG}path" and e.get("fill") == fill)
        left, right = _x_range(str(sample.get("d")))
        assert right - left == pytest.approx(20, abs=1.5), (kind, left, right)  # 20 pt, as drawn in the DOT
        assert 0 < float(str(words.get("x"))) - right < 10, kind  # its words just after it
