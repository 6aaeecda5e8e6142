"""The vocabulary registry: one entry per relation, kind and status, and everything derived from it.

The acceptance test of the registry registers a relation (`advises`) and a body kind (`panel`) that govgraph does
not have, for the duration of a fixture, and runs every command and every output format on a model that uses
them: none may fail, and the new relation must be drawn in its own style, exported and compared.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from govgraph import vocabulary
from govgraph.cli import main
from govgraph.errors import ModelError
from govgraph.loading import json_schema, load
from govgraph.vocabulary import KindTerm, RelationTerm, StatusTerm

ADVISES = RelationTerm(
    name="advises",
    label="advises",
    verb="advises",
    past_verb="advised",
    include=("advises",),
    strength=5,
    dot={"style": "dashed", "color": "#CC79A7", "arrowhead": "vee", "penwidth": "1.5"},
    mermaid_arrow="-.->",
    mermaid_label="advises",
    page_colours=("#a34f85", "#e3a8cd"),
    cypher_type="ADVISES",
    jsonld=("gg:advises",),
    diff_moves=True,
    route_word="line of advice",
)
PANEL = KindTerm(name="panel", label="panel", plural="panels", shape="doubleoctagon", fill="#EBD5E4")

MODEL = """\
govgraph: 1
title: Advice
as_of: 2025-01
roles:
  chair: {title: Chair of the board}
bodies:
  board: {name: The Board, kind: board, chairs: [chair]}
  expert-panel:
    name: Expert Panel
    kind: panel
    reports_to: [board]
    advises: [{body: board, from: 2024}]
  project:
    name: Project
    kind: project
    reports_to: [board]
    advises: [expert-panel]
views:
  advice: {title: Advice, relations: [reports_to, advises]}
"""


@pytest.fixture
def advises() -> Iterator[None]:
    with vocabulary.extended(ADVISES, PANEL):
        yield


@pytest.fixture
def model_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The model, which commands given no model file read (`$GOVGRAPH_MODEL`)."""
    path = tmp_path / "governance.yaml"
    path.write_text(MODEL, encoding="utf-8")
    monkeypatch.setenv("GOVGRAPH_MODEL", str(path))
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """`govgraph ARGS` in this process (where the extra vocabulary is registered): exit code and output."""
    with pytest.raises(SystemExit) as stopped:
        main(list(args))
    out, err = capsys.readouterr()
    code = stopped.value.code if isinstance(stopped.value.code, int) else 0
    assert "internal error" not in err, err
    assert "KeyError" not in out + err
    return code, out + err


# -- the acceptance test: every command and every format -------------------------------------------------------


COMMANDS: list[tuple[str, ...]] = [
    ("check",),
    ("check", "--format", "json"),
    ("check", "--format", "sarif"),
    ("show", "Expert Panel"),
    ("show", "expert-panel", "--format", "json"),
    ("show", "expert-panel", "--format", "mermaid"),
    ("path", "project", "board", "--include", "advises"),
    ("path", "project", "board", "--include", "advises", "--format", "json"),
    ("path", "project", "board", "--include", "advises", "--format", "mermaid"),
    ("chain", "expert-panel"),
    ("chain", "expert-panel", "--format", "mermaid"),
    ("under", "board"),
    ("under", "board", "--format", "json"),
    ("roles",),
    ("roles", "--format", "mermaid"),
    ("timeline",),
    ("timeline", "expert-panel", "--format", "json"),
    ("schema",),
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_query_command_answers(
    advises: None, model_file: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    code, out = run(capsys, *command)
    assert code == 0, out
    if command[0] in ("show", "path", "timeline", "schema"):
        assert "advises" in out, out


@pytest.mark.parametrize("fmt", ["dot", "svg", "png", "mermaid", "html"])
def test_every_diagram_format_draws_the_new_relation(
    advises: None, model_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / f"diagram.{fmt}"
    code, said = run(capsys, "render", str(model_file), "--format", fmt, "-o", str(out))
    assert code == 0, said
    data = out.read_bytes()
    assert data
    if fmt == "dot":
        text = data.decode()
        edge = next(
            line for line in text.splitlines() if line.startswith('"expert-panel" -> "board"') and "advises" in line
        )
        # Drawn in its own style: the vocabulary's DOT style reached the line, which says its relation by its
        # style alone (no words on the line).
        assert 'style="dashed"' in edge
        assert 'color="#CC79A7"' in edge
        assert 'arrowhead="vee"' in edge
        assert "label=" not in edge
        assert 'class="relation-advises"' in edge
        # The legend names it beside a sample in its colour and dashes; the panel's box has its shape and fill.
        assert re.search(
            r'sides="b" color="#CC79A7" style="dashed"></td>(<td[^>]*></td>)*<td align="left">advises</td>', text
        )
        assert 'shape="doubleoctagon"' in text
        assert 'fillcolor="#EBD5E4"' in text
    if fmt == "mermaid":
        assert '-.->|"advises"|' in data.decode()
    if fmt == "svg":
        svg = data.decode()
        assert 'class="edge relation&#45;advises"' in svg  # Graphviz writes the hyphen as a character reference
        assert 'stroke="#cc79a7"' in svg
    if fmt == "html":
        page = data.decode()
        assert "relation-advises" in page
        assert "--gg-rel-advises:#a34f85" in page  # its colour in the page's style sheet
        assert ".govgraph g.edge.relation-advises :is(path,polygon){stroke:var(--gg-rel-advises)}" in page


def test_every_export_format_carries_the_new_relation(
    advises: None, model_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = {}
    for fmt in ("graphml", "gexf", "json", "jsonld", "csv", "cypher"):
        # The three CSV tables come as one zip (a .csv file holds one table).
        out = tmp_path / f"export.{'zip' if fmt == 'csv' else fmt}"
        code, said = run(capsys, "export", str(model_file), "--format", fmt, "-o", str(out))
        assert code == 0, said
        outputs[fmt] = out.read_bytes()
    assert b'<data key="edge-relation">advises</data>' in outputs["graphml"]
    assert b"expert-panel:advises:board" in outputs["gexf"]
    links = json.loads(outputs["json"])["links"]
    assert {(x["source"], x["target"]) for x in links if x["relation"] == "advises"} == {
        ("expert-panel", "board"),
        ("project", "expert-panel"),
    }
    graph = json.loads(outputs["jsonld"])["@graph"]
    panel = next(n for n in graph if n["@id"] == "urn:govgraph:expert-panel")
    assert panel["gg:advises"] == [{"@id": "urn:govgraph:board"}]
    assert re.search(r"MERGE \(a\)-\[r:ADVISES ", outputs["cypher"].decode())
    with zipfile.ZipFile(io.BytesIO(outputs["csv"])) as archive:
        relations = archive.read("relations.csv").decode("utf-8-sig")
    assert "expert-panel,Expert Panel,advises,board,The Board" in relations


def test_an_export_read_back_keeps_the_new_relation(
    advises: None, model_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported, back = tmp_path / "export.json", tmp_path / "back.yaml"
    assert run(capsys, "export", str(model_file), "--format", "json", "-o", str(exported))[0] == 0
    code, said = run(capsys, "import", "json", str(exported), "-o", str(back))
    assert code == 0, said
    lines = load(back).bodies["expert-panel"].lines("advises")
    assert [(line.target, str(line.period.start)) for line in lines] == [("board", "2024")]


def test_build_writes_every_page(
    advises: None, model_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    code, said = run(capsys, "build", str(model_file), "-o", str(out))
    assert code == 0, said
    page = (out / "bodies" / "expert-panel.md").read_text(encoding="utf-8")
    assert "advises [The Board]" in page
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "## Panels" in index  # the kind's heading, from its plural


def test_diff_reports_an_advice_line(
    advises: None, model_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new.yaml"
    new.write_text(MODEL.replace("    advises: [expert-panel]\n", ""), encoding="utf-8")
    code, said = run(capsys, "diff", str(model_file), str(new))
    assert code == 0, said
    assert "line gone: advises Expert Panel" in said
    code, data = run(capsys, "diff", str(model_file), str(new), "--format", "json")
    change = next(c for c in json.loads(data)["changes"] if c["id"] == "project")
    assert (change["change"], change["relation"], change["other"]) == ("line_removed", "advises", "expert-panel")
    moved = tmp_path / "moved.yaml"
    moved.write_text(MODEL.replace("advises: [expert-panel]", "advises: [board]"), encoding="utf-8")
    code, said = run(capsys, "diff", str(model_file), str(moved))
    assert "advises moved from Expert Panel to The Board" in said
    for fmt in ("dot", "mermaid", "svg"):
        out = tmp_path / f"diff.{fmt}"
        code, said = run(capsys, "diff", str(model_file), str(new), "--format", fmt, "-o", str(out))
        assert code == 0, said
        assert "advises" in out.read_text(encoding="utf-8")


def test_the_schema_has_the_new_words(advises: None) -> None:
    schema = json_schema()
    body = schema["$defs"]["BodySpec"]["properties"]
    assert "advises" in body
    assert "panel" in json.dumps(schema["$defs"]["BodySpec"]["properties"]["kind"])
    assert "advises" in json.dumps(schema["$defs"]["ViewSpec"]["properties"]["relations"])


def test_undoing_the_registration_forgets_the_words(model_file: Path) -> None:
    with vocabulary.extended(ADVISES, PANEL):
        assert load(model_file).bodies["expert-panel"].kind == "panel"
    assert "advises" not in vocabulary.body_relations()
    with pytest.raises(ModelError) as refused:
        load(model_file)
    codes = {(f.code, f.message.split(";")[0]) for f in refused.value.findings}
    assert ("GG111", "unknown key 'advises'") in codes
    assert ("GG114", "unknown kind 'panel'") in codes


# -- the registry itself ------------------------------------------------------------------------------------------


def test_derived_tables_follow_the_registry() -> None:
    terms = vocabulary.RELATIONS
    assert vocabulary.body_relations() == tuple(t.name for t in terms if t.between_bodies)
    assert vocabulary.accountability() == tuple(t.name for t in terms if t.accountability)
    assert vocabulary.by_strength() == tuple(
        t.name for t in sorted((t for t in terms if t.between_bodies), key=lambda t: t.strength)
    )
    assert vocabulary.includable() == {word: t.name for t in terms for word in t.include}
    assert vocabulary.ended_statuses() == {t.name for t in vocabulary.STATUSES if t.ended}
    assert vocabulary.chaired_kinds() == {t.name for t in vocabulary.KINDS if t.chaired}
    # govgraph's own words, as the file format documents them (more may be added; none may go).
    assert vocabulary.body_relations()[:5] == ("reports_to", "dotted_to", "steers", "part_of", "succeeded_by")
    assert vocabulary.accountability() == ("reports_to", "part_of")
    assert vocabulary.by_strength()[:2] == ("reports_to", "part_of")
    assert {"dotted": "dotted_to", "steers": "steers"}.items() <= vocabulary.includable().items()
    assert {"closed", "transitioned", "ended"} <= vocabulary.ended_statuses()
    with vocabulary.extended(ADVISES):
        assert vocabulary.body_relations()[-1] == "advises"
        assert vocabulary.includable()["advises"] == "advises"
        assert vocabulary.relation_names()[-3:] == ("advises", "chairs", "member_of")  # lines between bodies first
    assert "advises" not in vocabulary.includable()


def test_a_registered_status_that_ends_a_body_is_grey_everywhere() -> None:
    with vocabulary.extended(StatusTerm(name="dissolved", label="dissolved", ended=True)):
        assert "dissolved" in vocabulary.ended_statuses()
    assert "dissolved" not in vocabulary.ended_statuses()


def test_registering_refuses_what_would_leave_a_gap() -> None:
    with pytest.raises(ValueError, match="registered already"):
        vocabulary.register(vocabulary.RELATIONS[0])
    with pytest.raises(ValueError, match="key of a body"):
        vocabulary.register(RelationTerm(name="members", label="m", verb="m", past_verb="m", cypher_type="M"))
    with pytest.raises(ValueError, match="DOT style"):
        vocabulary.register(RelationTerm(name="x_to", label="x", verb="x", past_verb="x", cypher_type="X_TO"))
    with pytest.raises(ValueError, match="--include word"):
        vocabulary.register(
            RelationTerm(
                name="x_to",
                label="x",
                verb="x",
                past_verb="x",
                include=("dotted",),
                dot={"style": "solid", "color": "#000000", "arrowhead": "normal"},
                cypher_type="X_TO",
                jsonld=("gg:x",),
            )
        )
    with pytest.raises(ValueError, match="cannot be removed"):
        vocabulary.unregister(vocabulary.RELATIONS[0])
    assert vocabulary.body_relations()[0] == "reports_to"
