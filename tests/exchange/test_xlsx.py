"""The Excel workbook: export, edit, import. Lossless on every test model, errors at their sheet and cell with the
codes a YAML file gets, and a workbook that LibreOffice has opened and saved reads back the same."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

import support
from govgraph.errors import ModelError, ModelFileNotFound, UsageError
from govgraph.exchange.document import model_document
from govgraph.exchange.importing import ImportFileError
from govgraph.exchange.sheets import SHEETS, Cell, vocabulary
from govgraph.exchange.xlsx import CellLocation, import_workbook, read_workbook, sheet_rows, workbook_bytes
from govgraph.loading import json_schema, load, load_bytes
from govgraph.model import Model
from govgraph.vocabulary import kind_names
from support import comparable, convert, pdf_pages, shuffled

ROOT = support.REPO


def model_files() -> list[Path]:
    """Every model file the tests hold: the London model and each govgraph model under tests/data/."""
    found = [ROOT / "data" / "governance.yaml"]
    for path in sorted((ROOT / "tests" / "data").rglob("*.y*ml")):
        if any(line.startswith("govgraph:") for line in path.read_text(encoding="utf-8").splitlines()):
            found.append(path)
    return found


def round_trip(model: Model) -> Model:
    imported = import_workbook(workbook_bytes(model), "model.xlsx")
    return load_bytes(imported.text.encode("utf-8"), "again.yaml")


@pytest.fixture(scope="module")
def london_book(london: Model) -> bytes:
    """The London model's workbook, written once for the module: the tests that read or edit it start from these
    bytes (`test_same_model_same_bytes_whatever_the_order_of_the_file` writes it afresh)."""
    return workbook_bytes(london)


# Lossless -------------------------------------------------------------------------------------------------


def test_the_test_models_are_found() -> None:
    names = {p.name for p in model_files()}
    assert {"governance.yaml", "old.yaml", "new.yaml"} <= names


@pytest.mark.parametrize("path", model_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_round_trip_of_every_test_model_gives_the_same_model(path: Path) -> None:
    model = load(path)
    assert comparable(round_trip(model)) == comparable(model)


@pytest.mark.parametrize("bodies", [300, 1000])
def test_round_trip_of_generated_models(bodies: int) -> None:
    model = support.synthetic(bodies)
    assert comparable(round_trip(model)) == comparable(model)


def test_round_trip_through_the_command_line_says_no_changes(tmp_path: Path, repo_root: Path) -> None:
    model = repo_root / "data" / "governance.yaml"
    book, again = tmp_path / "governance.xlsx", tmp_path / "again.yaml"
    assert support.govgraph("export", str(model), "--format", "xlsx", "-o", str(book)).returncode == 0
    done = support.govgraph("import", "xlsx", str(book), "-o", str(again))
    assert done.returncode == 0, done.stderr
    assert f"wrote {again} (29 bodies" in done.stderr
    assert again.read_text(encoding="utf-8").startswith("# Imported by `govgraph import xlsx` from governance.xlsx.")
    diff = support.govgraph("diff", str(model), str(again))
    assert diff.returncode == 0, diff.stderr
    assert diff.stdout.rstrip().endswith("No changes.")


def test_every_key_of_the_file_format_has_a_column() -> None:
    """A part added to the model file must get its sheet (or column), or the round trip would lose it."""
    covered: set[tuple[str, ...]] = set()
    for sheet in SHEETS:
        slots = {step for step in sheet.path if step.startswith("{")}
        base = tuple("*" if step.startswith("{") or step == "[]" else step for step in sheet.path)
        keys = [sheet.value] if sheet.value else [c.key for c in sheet.columns if "{" + c.key + "}" not in slots]
        for key in keys:
            covered.add((*base, *key.split(".")) if key != sheet.value else base)
    schema = json_schema()
    missing = [path for path in _schema_paths(schema, schema, ()) if not _covered(path, covered)]
    assert missing == []


def _schema_paths(schema: dict[str, Any], node: dict[str, Any], path: tuple[str, ...]) -> list[tuple[str, ...]]:
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    options = node.get("anyOf", []) + node.get("oneOf", [])
    objects = [o for o in options if "$ref" in o or o.get("type") in ("object", "array")]
    if objects:
        return [p for o in objects for p in _schema_paths(schema, o, path)]
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        return _schema_paths(schema, node["items"], (*path, "*"))
    if "properties" in node:
        found = []
        for key, value in node["properties"].items():
            found.extend(_schema_paths(schema, value, (*path, key)) or [(*path, key)])
        return found
    for keyed in (*node.get("patternProperties", {}).values(), node.get("additionalProperties")):
        if isinstance(keyed, dict):
            return _schema_paths(schema, keyed, (*path, "*")) or [(*path, "*")]
        if keyed is True:
            return [(*path, "*")]
    return [path]


def _covered(path: tuple[str, ...], covered: set[tuple[str, ...]]) -> bool:
    # A section's own id is its entries sheet's Id column; a bare id in a list is the list's short form.
    if (len(path) == 2 and path[1] == "*") or path == ("govgraph",):
        return True
    shapes = {path, path[:-1] if path[-1] == "*" else path}
    for cover in covered:
        for shape in shapes:
            if len(cover) == len(shape) and all(c in ("*", s) for c, s in zip(cover, shape, strict=True)):
                return True
    return False


# The workbook as a person sees it -------------------------------------------------------------------------


def test_same_model_same_bytes_whatever_the_order_of_the_file(london: Model, repo_root: Path) -> None:
    first = workbook_bytes(london)
    assert workbook_bytes(london) == first
    reordered = shuffled((repo_root / "data" / "governance.yaml").read_text(encoding="utf-8"))
    assert workbook_bytes(reordered) == first


def test_sheets_headers_frozen_rows_and_drop_down_lists(london_book: bytes) -> None:
    book = load_workbook(io.BytesIO(london_book))
    assert book.sheetnames == ["About", *(s.name for s in SHEETS), "Lists"]
    assert book["Lists"].sheet_state == "hidden"
    bodies = book["Bodies"]
    assert [c.value for c in bodies[1]][:5] == ["Id", "Name", "Short name", "Kind", "Status"]
    assert bodies.freeze_panes == "B2"
    assert bodies["D1"].comment is not None
    assert "required" in bodies["D1"].comment.text
    lists = {str(dv.sqref)[:1]: dv.formula1 for dv in bodies.data_validations.dataValidation}
    kinds_column = list(vocabulary()).index("kinds") + 1
    assert (
        lists["D"] == f"Lists!${'ABCDEFG'[kinds_column - 1]}$2:${'ABCDEFG'[kinds_column - 1]}${len(kind_names()) + 1}"
    )
    assert lists["F"].startswith("Organisations!$A$2:$A$")
    lines = book["Lines"]
    by_column = {str(dv.sqref)[:1]: dv for dv in lines.data_validations.dataValidation}
    assert by_column["C"].formula1.startswith("Bodies!$A$2:$A$")
    assert by_column["C"].errorStyle == "warning"  # a body added below the list is still allowed
    rows = [[c.value for c in row] for row in lines.iter_rows(min_row=2)]
    assert rows[[r[:3] for r in rows].index(["clp", "reports_to", "pcag"])][:3] == ["clp", "reports_to", "pcag"]


def test_dates_full_ones_as_dates_partial_ones_as_written(london_book: bytes) -> None:
    book = load_workbook(io.BytesIO(london_book))
    history = {row[0].value: row for row in book["History"].iter_rows(min_row=2)}
    pcag_date = history["pcag"][1]
    assert pcag_date.value == "2024-03"  # March 2024, never 1 March 2024
    assert pcag_date.data_type == "s"
    assert pcag_date.number_format == "@"
    sources = book["Sources"]
    source_date = sources["D2"]
    assert source_date.value == "2025"
    assert source_date.data_type == "s"


def _with_dates(cells: dict[str, tuple[Any, str]]) -> bytes:
    """A small workbook of one body whose History rows hold `cells` (date value, number format)."""
    model = load_bytes(b"govgraph: 1\ntitle: T\nbodies:\n  a: {name: A, kind: board}\n", "t.yaml")
    book = load_workbook(io.BytesIO(workbook_bytes(model)))
    history = book["History"]
    for row, (value, number_format) in enumerate(cells.values(), start=2):
        history.cell(row, 1, "a")
        history.cell(row, 2, value).number_format = number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_date_cell_means_what_it_shows() -> None:
    data = _with_dates(
        {
            "day": (dt.datetime(2024, 3, 15), "d mmm yyyy"),
            "month": (dt.datetime(2024, 4, 1), "mmm yyyy"),
            "year": (dt.datetime(2024, 1, 1), "yyyy"),
            "year typed as a number": (2023, "General"),
            "iso text": ("2024-05", "@"),
        }
    )
    model = load_bytes(import_workbook(data, "t.xlsx").text.encode(), "t.yaml")
    assert [str(h.date) for h in model.bodies["a"].history] == ["2024-03-15", "2024-04", "2024", "2023", "2024-05"]


def test_text_that_looks_like_a_formula_stays_text() -> None:
    model = load_bytes(b'govgraph: 1\ntitle: "=SUM(A1:A9)"\nbodies:\n  a: {name: "=1+1", kind: board}\n', "t.yaml")
    book = load_workbook(io.BytesIO(workbook_bytes(model)))
    assert book["Bodies"]["B2"].data_type == "s"
    assert comparable(round_trip(model)) == comparable(model)


# Errors ---------------------------------------------------------------------------------------------------


def edited(book_bytes: bytes, change: Callable[[Workbook], object]) -> bytes:
    """The workbook `book_bytes` after `change`, saved by openpyxl."""
    book = load_workbook(io.BytesIO(book_bytes))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def errors(data: bytes) -> list[tuple[str, str, str, str | None]]:
    with pytest.raises(ModelError) as caught:
        import_workbook(data, "book.xlsx")
    found = []
    for f in caught.value.findings:
        assert isinstance(f.location, CellLocation)
        found.append((str(f.location).split(":", 1)[1], f.code, f.message, f.hint))
    return found


def _row_of(sheet: Any, value: str, column: int = 1) -> int:
    return int(next(row[0].row for row in sheet.iter_rows(min_row=2) if row[column - 1].value == value))


def test_all_errors_at_once_with_the_yaml_codes_at_sheet_and_cell(london: Model, london_book: bytes) -> None:
    def change(book: Workbook) -> None:
        bodies = book["Bodies"]
        bodies.cell(_row_of(bodies, "pcag"), 4, "bord")
        bodies.cell(_row_of(bodies, "clp"), 7, "2024-13")
        bodies.cell(1, 14, "Reprots to")
        chairs = book["Chairs"]
        chairs.cell(2, 1, "pcagg")
        chairs.append([None, "pc-sro"])
        book["Lines"].cell(2, 2, "reprots_to")

    pcag, clp = (_row_of(load_workbook(io.BytesIO(london_book))["Bodies"], b) for b in ("pcag", "clp"))
    found = errors(edited(london_book, change))
    orphan = f"Chairs!A{len(london_chairs(london)) + 2}"
    assert {f[:3] for f in found} == {
        ("Bodies!N1", "GG111", found[0][2]),
        (f"Bodies!D{pcag}", "GG114", "unknown kind 'bord'; did you mean 'board'?"),
        (f"Bodies!G{clp}", "GG116", "'2024-13' is not a date: there is no month 13"),
        ("Lines!B2", "GG114", "unknown line 'reprots_to'; did you mean 'reports_to'?"),
        ("Chairs!A2", "GG201", "unknown body id 'pcagg' in Chairs"),
        (orphan, "GG113", "this row has values but no Body: give the id it belongs to"),
    }
    # In the order of the workbook: sheet by sheet, row by row.
    assert [f[0] for f in found] == [
        "Bodies!N1",
        *sorted([f"Bodies!D{pcag}", f"Bodies!G{clp}"], key=lambda c: int(c[8:])),
        "Lines!B2",
        "Chairs!A2",
        orphan,
    ]
    assert found[0][2].startswith("unknown column 'Reprots to'")
    assert found[4][3] == "add it to the Bodies sheet first, or use one of: pcag"


def london_chairs(london: Model) -> list[tuple[str, str]]:
    return [(b.id, c.role) for b in london.bodies.values() for c in b.chairs]


def test_a_reference_by_name_gets_the_yaml_hint(london_book: bytes) -> None:
    def change(book: Workbook) -> None:
        book["Lines"].cell(2, 3, "PCAG")

    assert errors(edited(london_book, change)) == [
        (
            "Lines!C2",
            "GG201",
            f"unknown body id 'PCAG' in `{load_workbook(io.BytesIO(london_book))['Lines']['B2'].value}`",
            "'PCAG' is the name of 'pcag': refer to things by id, e.g. `pcag`",
        )
    ]


def test_the_error_message_names_the_cell_on_the_command_line(tmp_path: Path, london_book: bytes) -> None:
    book = tmp_path / "book.xlsx"
    book.write_bytes(edited(london_book, lambda b: b["Bodies"].cell(2, 4, "bord")))
    done = support.govgraph("import", "xlsx", str(book), "-o", str(tmp_path / "m.yaml"))
    assert done.returncode == 1
    assert f"{book}:Bodies!D2: error GG114 unknown kind 'bord'; did you mean 'board'?" in done.stderr
    assert "1 error in" in done.stderr
    assert not (tmp_path / "m.yaml").exists()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda b: b["Bodies"].append(["pcag", "Again", None, "board"]), ("Bodies!A", "GG102", "duplicate id 'pcag'")),
        (lambda b: b["Bodies"].cell(1, 3, "Name"), ("Bodies!C1", "GG102", "the column 'Name' is there twice")),
        (lambda b: setattr(b["Bodies"]["B2"], "value", None), ("Bodies!A2", "GG113", "has no `name`, which is")),
        (lambda b: b["Model"].append(["Colour", "blue"]), ("Model!A8", "GG111", "unknown setting 'Colour'")),
        (lambda b: b["Model"].append(["Title", "again"]), ("Model!A8", "GG102", "the setting 'Title' is there twice")),
        (lambda b: b["Posts"].cell(2, 4, "maybe"), ("Posts!D2", "GG112", "expected true or false, found 'maybe'")),
        (lambda b: b["Group members"].append(["london-icbs"]), ("'Group members'!A", "GG113", "has no Member")),
        (lambda b: b["Other names"].append(["nobody", "alias", "X"]), ("'Other names'!A", "GG201", "'nobody'")),
        (lambda b: b["Other names"].append(["pcag", "nickname", "X"]), ("'Other names'!B", "GG114", "'nickname'")),
        (lambda b: b["Check severity"].append(["GG401", "error"]), ("'Check severity'!A3", "GG102", "'GG401'")),
        (lambda b: b["Check severity"].append(["GG402"]), ("'Check severity'!A3", "GG113", "has no Severity")),
        (lambda b: b["Model"].cell(6, 2, "seven"), ("Model!B6", "GG112", "expected a whole number, found 'seven'")),
        (lambda b: b.remove(b["Model"]), ("About!A1", "GG113", "no Model sheet")),
    ],
)
def test_each_error_of_a_workbook(
    london_book: bytes, change: Callable[[Workbook], object], expected: tuple[str, str, str]
) -> None:
    def with_severity(book: Workbook) -> None:
        book["Check severity"].append(["GG401", "warning"])
        change(book)

    found = errors(edited(london_book, with_severity))
    assert any(
        where.startswith(expected[0]) and code == expected[1] and expected[2] in message
        for where, code, message, _ in found
    ), found


def test_an_unknown_sheet_is_a_warning_and_the_rest_is_read(london_book: bytes) -> None:
    imported = import_workbook(edited(london_book, lambda b: b.create_sheet("Notes")), "book.xlsx")
    assert [(str(f.location), f.code, str(f.severity)) for f in imported.findings] == [
        ("book.xlsx:Notes!A1", "GG130", "warning")
    ]
    assert "pcag:" in imported.text


def test_text_a_spreadsheet_cannot_hold_is_refused_with_its_place() -> None:
    model = load_bytes(b'govgraph: 1\ntitle: T\nbodies:\n  a: {name: "A\\x1f B", kind: board}\n', "t.yaml")
    with pytest.raises(UsageError, match=r"the Name on the Bodies sheet of 'a' holds a control character \(U\+001F\)"):
        workbook_bytes(model)
    titled = load_bytes(b'govgraph: 1\ntitle: "Bell \\a"\nbodies:\n  a: {name: A, kind: board}\n', "t.yaml")
    with pytest.raises(UsageError, match="the model's title holds a control character"):
        workbook_bytes(titled)


@pytest.mark.parametrize("part", ["audit, risk", "a=b", " board"])
def test_a_rule_set_part_its_cell_cannot_give_back_is_refused(part: str) -> None:
    # Pairs are written `part = id, part = id`: such a part was written, then read back as other parts or refused.
    model = load_bytes(
        b"govgraph: 1\ntitle: T\nbodies:\n  a: {name: A, kind: board}\n"
        + f'checks:\n  rulesets:\n    - use: nhs-icb\n      parts: {{"{part}": a, board: a}}\n'.encode(),
        "t.yaml",
    )
    with pytest.raises(UsageError, match=r"the Parts on the Rule sets sheet of 'nhs-icb' name the part"):
        workbook_bytes(model)
    fine = load_bytes(
        b"govgraph: 1\ntitle: T\nbodies:\n  a: {name: A, kind: board}\n"
        + b"checks:\n  rulesets:\n    - use: nhs-icb\n      parts: {board: a, audit committee: a}\n",
        "t.yaml",
    )
    assert "audit committee: a" in import_workbook(workbook_bytes(fine), "t.xlsx").text


def test_not_a_workbook(tmp_path: Path) -> None:
    text = tmp_path / "model.xlsx"
    text.write_text("govgraph: 1\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="this is not an Excel workbook"):
        read_workbook(text)
    with pytest.raises(ModelFileNotFound, match="is a folder"):
        read_workbook(tmp_path)
    with pytest.raises(ModelFileNotFound):
        read_workbook(tmp_path / "missing.xlsx")


def test_rows_come_from_the_sheet_definitions(london: Model) -> None:
    document = model_document(london)
    (lines,) = (s for s in SHEETS if s.name == "Lines")
    rows = list(sheet_rows(lines, document))
    assert {"owner": "clp", "relation": "reports_to", "body": "pcag"}.items() <= next(
        r for r in rows if r["owner"] == "clp" and r["relation"] == "reports_to"
    ).items()
    assert len(rows) == sum(len(b.relations) for b in london.bodies.values())
    assert all(c.cell is not Cell.PRESENT or c.key == "holders" for s in SHEETS for c in s.columns)


# LibreOffice ----------------------------------------------------------------------------------------------


def test_a_workbook_saved_by_libreoffice_reads_back(tmp_path: Path, london: Model, london_book: bytes) -> None:
    book = tmp_path / "governance.xlsx"
    book.write_bytes(london_book)
    saved = convert(book, "xlsx:Calc MS Excel 2007 XML", tmp_path / "saved")
    assert saved.read_bytes() != book.read_bytes()
    assert comparable(load_bytes(read_workbook(saved).text.encode(), "again.yaml")) == comparable(london)


def test_the_workbook_prints_to_pdf(tmp_path: Path, london_book: bytes) -> None:
    book = tmp_path / "governance.xlsx"
    book.write_bytes(london_book)
    pdf = convert(book, "pdf", tmp_path)
    assert pdf_pages(pdf) >= len(SHEETS)
