"""Text kept as written in every output: character references in diagram labels (through the real engines), names
with Markdown's special characters in CommonMark and in Python-Markdown (and a real MkDocs build), and web
addresses in JSON-LD (through rdflib) and in the model file (GG122)."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown  # type: ignore[import-untyped]  # no stubs installed (types-Markdown)
import pytest
import rdflib
import yaml
from markdown_it import MarkdownIt

from govgraph.build import plan_build
from govgraph.checks import check
from govgraph.errors import EngineNotFound
from govgraph.exchange.jsonld import iri, jsonld
from govgraph.loading import load_bytes
from govgraph.model import Model
from govgraph.render.diagram import render_diagram
from govgraph.render.engine import PURE, find_engine
from govgraph.views import select_view
from support import engine_or_none

BIN = Path(sys.executable).parent
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def _model(names: list[str], **body: Any) -> Model:
    bodies: dict[str, Any] = {"top": {"name": "Top board", "kind": "board", "chairs": ["chair"], **body}}
    for i, name in enumerate(names):
        bodies[f"b{i}"] = {"name": name, "kind": "committee", "chairs": ["chair"], "reports_to": ["top"]}
    document = {"govgraph": 1, "title": "Text as written", "roles": {"chair": {"title": "Chair"}}, "bodies": bodies}
    return load_bytes(yaml.safe_dump(document, allow_unicode=True).encode("utf-8"), "as-written.yaml")


# Graphviz: character references ----------------------------------------------------------------------------

REFERENCES = ["&#106;avascript:alert(1)", "&lt;b&gt;bold&lt;/b&gt;", "AT&T &amp; Co", "&#x26; &copy; &nbsp;x"]


def _engines() -> list[str]:
    """Each engine installed: the system's `dot` and graphviz-pure (a dependency), both required in CI."""
    found = []
    for command in ("dot", PURE):
        try:
            found.append(find_engine(command))
        except EngineNotFound:
            if os.environ.get("GOVGRAPH_REQUIRE_ENGINES") == "1":
                raise
    return found


@pytest.mark.parametrize("engine", _engines(), ids=lambda path: Path(path).name)
def test_a_character_reference_in_a_name_is_drawn_as_written(engine: str) -> None:
    model = _model(REFERENCES)
    svg = render_diagram(select_view(model, None), "svg", engine=engine)
    assert isinstance(svg, str)
    root = ET.fromstring(svg)
    # A long name is wrapped over lines in its box: each box's lines, read one after another (spaces aside).
    drawn = {
        "".join("".join(t.itertext()) for t in g.iter(f"{SVG}text")).replace(" ", "")
        for g in root.iter(f"{SVG}g")
        if "node" in str(g.get("class", "")).split()
    }
    titles = {a.get(f"{XLINK}title") for a in root.iter(f"{SVG}a")}
    for name in REFERENCES:
        assert any(box.startswith(name.replace(" ", "")) for box in drawn), (name, drawn)
        assert name in titles, (name, titles)
    assert not any("javascript:alert(1)" in box for box in drawn)


# Markdown: CommonMark and Python-Markdown ------------------------------------------------------------------

SPECIAL = [
    "Budget <£5m> & reserves",
    "Fees $10 to $20",
    "Approx ~50 members ~~draft~~",
    "Finance | Audit",
    "= Equal partners",
    "Back\\slash and *stars* _under_ `tick` #hash !bang [link](x) {curly}",
    "1. Not a list",
    "> not a quote",
    "&amp; &#36; literally",
]


class _Text(HTMLParser):
    """The text an HTML page shows (character references decoded, tags left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _shown(page_html: str) -> str:
    parser = _Text()
    parser.feed(page_html)
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    plan = plan_build(_model(SPECIAL), pdf=False)
    return {path: data.decode("utf-8") for path, data in plan.files.items() if path.endswith(".md")}


@pytest.mark.parametrize(
    "reader",
    [
        # MkDocs' Python-Markdown, with the extensions MkDocs turns on.
        lambda text: markdown.markdown(text, extensions=["toc", "tables", "fenced_code"]),
        lambda text: MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text),
    ],
    ids=["python-markdown", "commonmark"],
)
def test_names_show_as_written_in_both_markdown_readers(pages: dict[str, str], reader: Any) -> None:
    for i, name in enumerate(SPECIAL):
        shown = _shown(reader(pages[f"bodies/b{i}.md"]))
        assert name in shown, (name, shown)
    index = _shown(reader(pages["index.md"]))
    for name in SPECIAL:
        assert name in index, (name, index)
        # No stray backslash before a character a reader did not take as escaped.
        assert "\\" + name[0] not in index


def test_names_show_as_written_in_a_real_mkdocs_site(tmp_path: Path) -> None:
    engine_or_none()
    model = tmp_path / "governance.yaml"
    document = {
        "govgraph": 1,
        "title": "Text as written",
        "roles": {"chair": {"title": "Chair"}},
        "bodies": {
            "top": {"name": "Top board", "kind": "board", "chairs": ["chair"]},
            **{
                f"b{i}": {"name": name, "kind": "committee", "chairs": ["chair"], "reports_to": ["top"]}
                for i, name in enumerate(SPECIAL)
            },
        },
    }
    model.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Handbook\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Handbook\nplugins:\n  - govgraph:\n      model: {model}\n      folder: governance\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    built = tmp_path / "site" / "governance"
    for i, name in enumerate(SPECIAL):
        page = (built / "bodies" / f"b{i}" / "index.html").read_text(encoding="utf-8")
        assert name in _shown(page), name


# Web addresses ---------------------------------------------------------------------------------------------


def test_jsonld_writes_addresses_as_iris_that_linked_data_tools_keep() -> None:
    model = _model([])
    top = model.bodies["top"]
    # Written by a program rather than read from a file (where GG122 keeps such an address out of the model).
    odd = "https://example.org/board papers|2024^{draft}"
    model = replace(model, bodies={**model.bodies, "top": replace(top, url=odd)})
    document = jsonld(model)
    assert "https://example.org/board%20papers%7C2024%5E%7Bdraft%7D" in document
    graph = rdflib.Graph()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        graph.parse(data=document, format="json-ld")
    homepage = rdflib.URIRef("http://xmlns.com/foaf/0.1/homepage")
    assert list(graph.objects(rdflib.URIRef("urn:govgraph:top"), homepage)) == [
        rdflib.URIRef("https://example.org/board%20papers%7C2024%5E%7Bdraft%7D")
    ]
    assert iri("https://exämple.org/café") == "https://exämple.org/café"  # letters of any script stay


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://example.org/board papers", "it holds a space"),
        ("https://example.org/<b>", "it holds '<'"),
        ("docs/board.md", "write it starting with https://"),
        ("javascript:alert(1)", "write it starting with https://"),
        ("https://", "write it starting with https://"),
    ],
)
def test_a_url_that_is_not_a_web_address_is_a_located_finding_that_blocks_nothing(url: str, message: str) -> None:
    text = (
        "govgraph: 1\ntitle: T\nroles:\n  chair: {title: Chair}\nbodies:\n"
        f"  top:\n    name: Top\n    kind: board\n    chairs: [chair]\n    url: {json.dumps(url)}\n"
    )
    model = load_bytes(text.encode("utf-8"), "m.yaml")  # the model is read: every command can answer
    assert model.bodies["top"].url is None  # and the address reaches no output
    findings = [f for f in check(model).findings if f.code == "GG122"]
    assert [(str(f.location), f.severity.name) for f in findings] == [("m.yaml:10:10", "ERROR")]
    assert message in findings[0].message
    assert findings[0].hint
    milder = load_bytes((text + "checks:\n  severity: {GG122: warning}\n").encode("utf-8"), "m.yaml")
    assert [f.severity.name for f in check(milder).findings if f.code == "GG122"] == ["WARNING"]
    ignored = text + "    ignore: [{code: GG122, reason: the address is being moved}]\n"
    assert not [f for f in check(load_bytes(ignored.encode("utf-8"), "m.yaml")).findings if f.code == "GG122"]


def test_a_bad_url_does_not_stop_the_other_commands(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "govgraph: 1\ntitle: T\nroles:\n  chair: {title: Chair}\nbodies:\n"
        "  top: {name: Top, kind: board, chairs: [chair], url: docs/top.md}\n",
        encoding="utf-8",
    )
    shown = subprocess.run(
        [str(BIN / "govgraph"), "show", "top", "-m", str(path)], capture_output=True, text=True, check=False
    )
    assert shown.returncode == 0, shown.stderr
    checked = subprocess.run([str(BIN / "govgraph"), "check", str(path)], capture_output=True, text=True, check=False)
    assert checked.returncode == 1
    assert re.search(r"m\.yaml:6:\d+: error GG122 'docs/top\.md' is not a web address", checked.stdout)
    assert html.escape("docs/top.md") not in shown.stdout
