"""`govgraph import`: the real organogram and Backstage files (tests/data/external), their quirks, and errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import support
from govgraph.checks import check
from govgraph.errors import ModelError, ModelFileNotFound
from govgraph.exchange.backstage import import_backstage
from govgraph.exchange.importing import Imported, ImportFileError
from govgraph.exchange.node_link import import_node_link, read_node_link
from govgraph.exchange.organogram import import_organogram
from govgraph.loading import load_bytes
from govgraph.model import Model

EXTERNAL = support.TESTS / "data" / "external"
ORGANOGRAMS = EXTERNAL / "uk_organograms"
CO_SENIOR = ORGANOGRAMS / "cabinet_office-2011-09-30-senior.csv"
CO_JUNIOR = ORGANOGRAMS / "cabinet_office-2011-09-30-junior.csv"
HSE_SENIOR = ORGANOGRAMS / "hse-2013-09-30-raw-senior.csv"
HSE_JUNIOR = ORGANOGRAMS / "hse-2013-09-30-raw-junior.csv"
GOVGRAPH = Path(sys.executable).with_name("govgraph")


def model_of(imported: Imported) -> Model:
    return load_bytes(imported.text.encode("utf-8"), "imported.yaml")


def found(imported: Imported, code: str) -> list[tuple[int, int, str]]:
    return [(f.location.line, f.location.column, f.message) for f in imported.findings if f.code == code and f.location]


@pytest.fixture(scope="module")
def cabinet_office() -> Imported:
    return import_organogram(CO_SENIOR, CO_JUNIOR)


def test_cabinet_office_posts_units_and_lines(cabinet_office: Imported) -> None:
    model = model_of(cabinet_office)
    senior = [r for r in model.roles if r.startswith("post-")]
    junior = [r for r in model.roles if r.startswith("junior-")]
    assert len(senior) == 234  # 235 rows, one of them a duplicate
    assert len(junior) == 629
    assert set(model.organisations) == {"cabinet-office"}
    units = {b.name for b in model.bodies.values()}
    assert {"Efficiency and Reform Group", "Private Office Group", "Government Digital Service"} <= units
    assert [r.target for r in model.bodies["government-digital-service"].lines("reports_to")] == [
        "efficiency-and-reform-group"
    ]
    assert str(model.as_of) == "2011-09-30"
    assert model.roles["post-co57"].aliases == ("CO57",)


def test_cabinet_office_quirks_are_reported_at_their_row_and_column(cabinet_office: Imported) -> None:
    assert found(cabinet_office, "GGI01") == [
        (208, 1, "post '103' is listed again (first at row 207); this row is left out")
    ]
    tops = found(cabinet_office, "GGI03")
    assert [(row, column) for row, column, _ in tops] == [(38, 11), (49, 11), (209, 11)]
    broken = found(cabinet_office, "GGI04")
    assert len(broken) == 13
    assert {column for _, column, _ in broken} == {5}
    assert not found(cabinet_office, "GGI02")
    assert "\ufffd" not in cabinet_office.text
    assert "Cabinet Office\u2019s financial" in broken[0][2]  # row 3: the function of a unit's head, not kept
    assert "the government\u2019s" in cabinet_office.text  # a member's function, kept as `as`


def test_names_that_are_not_people_keep_their_meaning(cabinet_office: Imported) -> None:
    model = model_of(cabinet_office)
    held = {rid: role.holders for rid, role in model.roles.items() if rid.startswith("post-")}
    not_disclosed = [rid for rid, holders in held.items() if holders is None]
    vacant = [rid for rid, holders in held.items() if holders == ()]
    assert len(not_disclosed) == 149  # 150 N/D rows, one of them the duplicate
    assert len(vacant) == 6 + 1 + 1  # Vacant, VACANT, ELIMINATED
    assert cabinet_office.text.count("# name not disclosed (N/D)") == 149
    assert cabinet_office.text.count("# post eliminated") == 1
    wormald = [rid for rid, holders in held.items() if holders and holders[0].name == "Chris Wormald"]
    assert len(wormald) == 3  # one person in several posts


def test_imported_model_is_checked_and_explained(cabinet_office: Imported) -> None:
    result = check(model_of(cabinet_office))
    codes = {f.code for f in result.findings}
    assert "GG405" in codes  # vacant posts are held by no one
    assert not [f for f in result.findings if f.code.startswith(("GG1", "GG2"))]


def test_hse_leading_index_column_and_drifted_names() -> None:
    imported = import_organogram(HSE_SENIOR, HSE_JUNIOR)
    model = model_of(imported)
    assert len([r for r in model.roles if r.startswith("post-")]) == 45
    assert len([r for r in model.roles if r.startswith("junior-")]) == 561
    assert [(row, column) for row, column, _ in found(imported, "GGI03")] == [(7, 12), (44, 12)]
    assert imported.text.count("# post eliminated") == 5
    assert "post-cciddirb201" in model.roles


def test_import_is_deterministic() -> None:
    assert import_organogram(HSE_SENIOR, HSE_JUNIOR).text == import_organogram(HSE_SENIOR, HSE_JUNIOR).text


def test_dangling_reports_to_and_broken_encodings(tmp_path: Path) -> None:
    senior = tmp_path / "senior.csv"
    header = "Post Unique Reference,Name,Job Title,Unit,Reports to Senior Post,Organisation\r\n"
    rows = [
        "1,Ann Smith,Chief Executive,Board,XX,Agency",
        "2,N/D,Director\u00e2\u20ac\u2122s deputy,Finance,1,Agency",
        "3,Bob Jones,Head of Things,Finance,99,Agency",
    ]
    senior.write_bytes((header + "\r\n".join(rows) + "\r\n").encode("utf-8"))
    imported = import_organogram(senior)
    assert found(imported, "GGI02") == [
        (4, 5, "post '3' reports to '99', which is not a post in this file; it is imported with no line up")
    ]
    model = model_of(imported)
    assert model.roles["post-2"].title == "Director\u2019s deputy"
    assert [r.target for r in model.bodies["finance"].lines("reports_to")] == ["board"]
    windows = tmp_path / "windows.csv"
    windows.write_bytes((header + "1,Zo\u00eb,Caf\u00e9 lead,Unit,XX,Org\r\n").encode("cp1252"))
    read = import_organogram(windows)
    assert model_of(read).roles["post-1"].title == "Caf\u00e9 lead"
    assert found(read, "GGI04")


def test_organogram_input_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelFileNotFound):
        import_organogram(tmp_path / "missing.csv")
    with pytest.raises(ModelFileNotFound, match=r"is a folder, not a CSV file \(give the CSV file inside it"):
        import_organogram(tmp_path)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"row 1: no columns 'Post Unique Reference', 'Job Title'"):
        import_organogram(wrong)
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ImportFileError, match="the file is empty"):
        import_organogram(empty)
    with pytest.raises(ImportFileError, match="no columns 'Post Unique Reference'"):
        import_organogram(CO_JUNIOR)  # the junior file given as the senior one


# Backstage ----------------------------------------------------------------------------------------------


def test_backstage_groups_users_and_the_parent_children_disagreement() -> None:
    imported = import_backstage(EXTERNAL / "backstage_acme")
    model = model_of(imported)
    assert len(model.bodies) == 9
    assert len(model.roles) == 17
    assert model.title == "ACME Corp (from Backstage)"
    assert [r.target for r in model.bodies["team-e"].lines("reports_to")] == ["boxoffice"]
    assert [r.target for r in model.bodies["infrastructure"].lines("reports_to")] == ["acme-corp"]
    members = {m.member for m in model.bodies["team-a"].members}
    assert {"user-breanna-davison", "user-default-guest", "user-development-guest"} <= members
    disagreements = [f for f in imported.findings if f.code == "GGI05"]
    assert len(disagreements) == 1
    location = disagreements[0].location
    assert location is not None
    assert (Path(location.file).name, location.line, location.column) == ("team-e-big-name-group.yaml", 12, 11)
    assert [f.code for f in imported.findings if f.code == "GGI07"] == ["GGI07"]  # the Location entity
    assert "# Backstage group default/team-a, type team" in imported.text
    assert model.roles["user-development-guest"].title != model.roles["user-default-guest"].title


def test_backstage_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelFileNotFound):
        import_backstage(tmp_path / "nothing-here")
    with pytest.raises(ImportFileError, match=r"holds no \.yaml"):
        import_backstage(tmp_path)
    (tmp_path / "bad.yaml").write_text("kind: Group\nmetadata: {name: [unclosed\n", encoding="utf-8")
    with pytest.raises(ModelError) as error:
        import_backstage(tmp_path)
    assert error.value.findings[0].location is not None
    assert error.value.findings[0].location.line == 3


# JSON import errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "line 1, column 2: this is not JSON"),
        ('{"format": "other"}', "this is not a govgraph node-link document"),
        ('{"format": "govgraph-node-link", "version": 9}', "version 9 is not one this govgraph reads"),
        (
            '{"format": "govgraph-node-link", "version": 1, "graph": {"title": "T"}, "nodes": [{"id": "a"}]}',
            "nodes[0].node: expected one of",
        ),
    ],
)
def test_json_import_errors_name_the_place(text: str, message: str) -> None:
    with pytest.raises(ImportFileError, match=message.replace("[", r"\[").replace("]", r"\]")):
        import_node_link(text, "in.json")


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (None, 2, "no such JSON file"),
        ("folder", 2, "is a directory"),  # refused by the command line before the file is opened
        (b'{"a": "caf\xe9"}', 1, "in.json:1:11: error GG107 the file is not UTF-8 text (byte 0xe9 cannot be read)"),
        (b'{\n  "a": 1,\n  }', 1, "line 3, column 3: this is not JSON"),
    ],
)
def test_json_import_says_what_is_wrong_with_the_file(
    tmp_path: Path, content: bytes | str | None, code: int, message: str
) -> None:
    path = tmp_path / "in.json"
    if content == "folder":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    done = support.govgraph("import", "json", str(path), "-o", str(tmp_path / "out.yaml"))
    assert done.returncode == code
    assert str(path) in done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_json_import_of_a_folder_names_it(tmp_path: Path) -> None:
    with pytest.raises(ModelFileNotFound, match=r"is a folder, not a JSON file \(give the JSON file inside it"):
        read_node_link(tmp_path)


def test_import_command_line(tmp_path: Path) -> None:
    output = tmp_path / "model.yaml"
    done = support.govgraph("import", "organogram", str(HSE_SENIOR), str(HSE_JUNIOR), "-o", str(output))
    assert done.returncode == 0, done.stderr
    assert f"{HSE_SENIOR}:7:12: warning GGI03" in done.stderr
    assert output.read_text(encoding="utf-8").startswith("# Imported by `govgraph import organogram`")
    checked = support.govgraph("check", str(output))
    assert "GG30" in checked.stdout  # the structure's problems, explained by the checks
    missing = subprocess.run(
        [str(GOVGRAPH), "import", "organogram", str(tmp_path / "none.csv")], check=False, capture_output=True
    )
    assert missing.returncode == 2
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    wrong = support.govgraph("import", "json", str(bad))
    assert wrong.returncode == 1
    assert "this is not JSON" in wrong.stderr
    folder = support.govgraph("import", "backstage", str(EXTERNAL / "backstage_acme"))
    assert folder.returncode == 0
    assert "GGI05" in folder.stderr
    assert folder.stdout.startswith("# Imported")
