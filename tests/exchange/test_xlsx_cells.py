"""The workbook's rows of cells are written and read as sheet XML directly (for speed): written, each cell is
what openpyxl makes of it; read, each cell is what openpyxl's reader gives, for workbooks govgraph, openpyxl and
LibreOffice write."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

import support
from govgraph.errors import UsageError
from govgraph.exchange import xlsx
from govgraph.exchange.document import model_document
from govgraph.exchange.importing import ImportFileError
from govgraph.exchange.sheets import SHEETS
from govgraph.loading import load_bytes
from govgraph.model import Model
from support import convert

# Reading --------------------------------------------------------------------------------------------------


def _by_openpyxl(data: bytes) -> dict[str, list[tuple[int, int, Any, str]]]:
    """Every cell holding a value, as openpyxl's read-only reader gives it (with a date's number format)."""
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    found: dict[str, list[tuple[int, int, Any, str]]] = {}
    for ws in wb.worksheets:
        ws.reset_dimensions()
        found[ws.title] = [
            (cell.row or 0, cell.column or 0, cell.value, cell.number_format if isinstance(cell.value, dt.date) else "")
            for row in ws.iter_rows()
            for cell in row
            if getattr(cell, "value", None) is not None
        ]
    wb.close()
    return found


def _by_govgraph(data: bytes) -> dict[str, list[tuple[int, int, Any, str]]]:
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    book = xlsx._book(wb)
    found = {
        name: [
            (number, column, value, shown)
            for number, cells in xlsx._sheet_rows(wb, name, book, "t.xlsx")
            for column, (value, shown) in cells.items()
        ]
        for name in wb.sheetnames
    }
    wb.close()
    return found


def _odd_cells() -> bytes:
    """A workbook openpyxl writes with every kind of cell a person may leave in one."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Bodies"
    ws.append(["Id", "Name", "From", "Until", "Count", "Flag"])
    ws.append(["a", "  spaced  ", dt.datetime(2024, 3, 5), dt.date(2024, 3, 1), 3, True])
    ws["D2"].number_format = "mmm yyyy"
    ws.append(["b", "A & B <c> \u00e9 \U0001f600", dt.datetime(2024, 3, 5, 12, 30), 2.5, -1e20, False])
    ws["C3"].number_format = "yyyy"
    rich: list[str | TextBlock] = ["rich ", TextBlock(InlineFont(b=True), "bold")]
    ws.append(["c", CellRichText(rich), "#N/A", "=1+1", None, 0])
    ws["F5"] = "after a gap"
    ws.append([])
    ws.cell(row=9, column=30, value="far")
    return _saved(wb)


def _saved(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _sheets_changed(data: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    """The workbook with each worksheet's XML passed through `change` (its name in the package, its bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                content = change(info.filename, content)
            target.writestr(info, content)
    return out.getvalue()


def _without_references(data: bytes) -> bytes:
    """The workbook with no `r` on its rows and cells (some writers leave them out: each follows the last)."""
    return _sheets_changed(data, lambda _, content: re.sub(rb'(<(?:row|c)) r="[^"]*"', rb"\1", content))


def _cells_reversed(data: bytes) -> bytes:
    """The workbook with each row's cells in the opposite order (each keeps its reference)."""

    def reverse(row: re.Match[bytes]) -> bytes:
        cells = re.findall(rb"<c [^>]*?(?:/>|>.*?</c>)", row[2])
        return row[1] + b"".join(reversed(cells)) + b"</row>"

    return _sheets_changed(data, lambda _, content: re.sub(rb"(<row[^>]*>)(.*?)</row>", reverse, content))


def test_odd_cells_read_as_openpyxl_reads_them() -> None:
    data = _odd_cells()
    found = _by_govgraph(data)
    assert found == _by_openpyxl(data)
    cells = {(row, column): (value, shown) for row, column, value, shown in found["Bodies"]}
    assert cells[(2, 4)] == (dt.datetime(2024, 3, 1), "mmm yyyy")
    assert cells[(4, 2)] == ("rich bold", "")
    assert cells[(2, 6)] == (True, "")
    assert cells[(9, 30)] == ("far", "")


def test_cells_without_their_reference_read_as_openpyxl_reads_them() -> None:
    data = _without_references(_odd_cells())
    assert _by_govgraph(data) == _by_openpyxl(data)


def test_cells_out_of_order_read_in_the_order_of_their_columns() -> None:
    # openpyxl's reader keeps only the first cell of such a row; each cell keeps its reference, so all are read.
    found = _by_govgraph(_cells_reversed(_odd_cells()))
    assert found == _by_govgraph(_odd_cells())
    assert [column for row, column, _, _ in found["Bodies"] if row == 2] == [1, 2, 3, 4, 5, 6]


def test_a_workbook_govgraph_wrote_reads_as_openpyxl_reads_it(london: Model) -> None:
    for model in (london, support.synthetic(120, terms=True)):
        data = xlsx.workbook_bytes(model)
        assert _by_govgraph(data) == _by_openpyxl(data)


def test_a_workbook_libreoffice_saved_reads_as_openpyxl_reads_it(tmp_path: Path) -> None:
    # LibreOffice keeps text as shared strings, and numbers, dates and yes/no as it types them.
    book = tmp_path / "odd.xlsx"
    book.write_bytes(_odd_cells())
    data = convert(book, "xlsx:Calc MS Excel 2007 XML", tmp_path / "saved").read_bytes()
    assert b"sharedStrings" in data
    assert _by_govgraph(data) == _by_openpyxl(data)


def _bodies_sheet_changed(london: Model, old: bytes, new: bytes) -> bytes:
    """London's workbook with `old` replaced by `new` once in its Bodies sheet."""

    def change(name: str, content: bytes) -> bytes:
        return content.replace(old, new, 1) if name == "xl/worksheets/sheet3.xml" else content  # Bodies

    return _sheets_changed(xlsx.workbook_bytes(london), change)


def test_a_sheet_that_is_not_xml_is_an_import_error(london: Model) -> None:
    broken = _bodies_sheet_changed(london, b"</sheetData>", b"<row r=")
    with pytest.raises(ImportFileError, match=r"the sheet 'Bodies': its cells cannot be read"):
        xlsx.import_workbook(broken, "broken.xlsx")


def test_a_cell_whose_reference_names_no_column_is_an_import_error(london: Model) -> None:
    # Its letters were once turned into a column number whatever they were: `1A` into one left of column A.
    broken = _bodies_sheet_changed(london, b'<c r="A2"', b'<c r="1A2"')
    with pytest.raises(ImportFileError, match=r"the sheet 'Bodies': its cells cannot be read"):
        xlsx.import_workbook(broken, "broken.xlsx")


# Writing --------------------------------------------------------------------------------------------------


def _through_openpyxl(model: Model) -> bytes:
    """The data sheets with every row appended through openpyxl, cell by cell, as govgraph once wrote them."""
    document = model_document(model)
    wb = Workbook(write_only=True)
    for sheet in SHEETS:
        if sheet.settings:
            continue
        ws = wb.create_sheet(sheet.name)
        ws.append([c.header for c in sheet.columns])
        for number, row in enumerate(xlsx.sheet_rows(sheet, document), start=2):
            cells = [xlsx._write_cell(ws, c, row.get(c.key)) for c in sheet.columns]
            lines = max(xlsx._lines(c, row.get(c.key)) for c in sheet.columns)
            if lines > 1:
                ws.row_dimensions[number].height = min(15 * lines, 409)
                for i, cell in enumerate(cells):
                    if cell is not None:
                        cells[i] = cell if isinstance(cell, Cell) else WriteOnlyCell(ws, cell)
                        cells[i].alignment = xlsx._WRAP
            ws.append(cells)
    return _saved(wb)


def _looks(data: bytes) -> dict[str, list[Any]]:
    """Each data row's height and each cell's value, type, number format and alignment, as openpyxl loads them."""
    wb = load_workbook(io.BytesIO(data))
    found: dict[str, list[Any]] = {}
    for sheet in SHEETS:
        if sheet.settings:
            continue
        ws = wb[sheet.name]
        found[sheet.name] = [
            (
                ws.row_dimensions[row[0].row or 0].height,
                [
                    (c.coordinate, c.value, c.data_type, c.number_format, c.alignment.wrap_text, c.alignment.vertical)
                    for c in row
                    if c.value is not None
                ],
            )
            for row in ws.iter_rows(min_row=2)
        ]
    return found


@pytest.mark.parametrize("which", ["london", "synthetic"])
def test_rows_are_written_as_openpyxl_writes_them(london: Model, which: str) -> None:
    model = london if which == "london" else support.synthetic(120, terms=True)
    written = _looks(xlsx.workbook_bytes(model))
    assert written == _looks(_through_openpyxl(model))
    if which == "london":  # long descriptions: rows grown to their text, cells at the top
        assert any(height is not None for rows in written.values() for height, _ in rows)


def test_text_longer_than_a_cell_holds_is_refused_with_its_place() -> None:
    long = "x" * 32_768
    model = load_bytes(
        f"govgraph: 1\ntitle: T\nbodies:\n  a: {{name: A, kind: board, description: {long}}}\n".encode(), "t.yaml"
    )
    with pytest.raises(UsageError, match=r"the Description on the Bodies sheet of 'a' holds 32,768 characters"):
        xlsx.workbook_bytes(model)
    fits = load_bytes(
        f"govgraph: 1\ntitle: T\nbodies:\n  a: {{name: A, kind: board, description: {long[1:]}}}\n".encode(), "t.yaml"
    )
    assert xlsx.import_workbook(xlsx.workbook_bytes(fits), "t.xlsx").text.count("x" * 32_767) == 1


def test_a_control_character_in_a_setting_is_refused_with_its_place() -> None:
    model = load_bytes(
        b'govgraph: 1\ntitle: T\ndescription: "ring \\a"\nbodies:\n  a: {name: A, kind: board}\n', "t.yaml"
    )
    with pytest.raises(UsageError, match=r"the Description on the Model sheet holds a control character \(U\+0007\)"):
        xlsx.workbook_bytes(model)
