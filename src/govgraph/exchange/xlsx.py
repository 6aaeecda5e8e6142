"""An Excel workbook of the whole model, and the model read back from one (`govgraph export --format xlsx`,
`govgraph import xlsx`); the one module that imports openpyxl.

The workbook has a sheet per part of the model, as `govgraph.exchange.sheets` defines them: headers in words,
a frozen header row and id column, a filter on every header, drop-down lists for kinds, statuses, lines and ids,
dates as dates. A date known to the month or the year (`2024-03`) is kept as text, exactly as written, because a
spreadsheet date is always a day and would say 1 March 2024. Read back, a date cell counts to the precision its
number format shows (a cell showing `Mar 2024` is March 2024), so a date typed into a new row means what it shows.

Reading builds the same located tree that reading YAML does (`govgraph.loading.Document`), with cells in place of
lines and columns, and hands it to the same validation and building: every error has the code, message and hint
it has in a YAML file, located at its sheet and cell (`Bodies!D7`), all in one run. A model read back is written
as YAML in the file's own order (`govgraph.exchange.document`), so a round trip changes nothing but comments.

Written bytes depend only on the model: the zip's timestamps and the document's dates are fixed.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.comments import Comment
from openpyxl.compat import safe_string
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import from_excel, from_ISO8601, to_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from govgraph.errors import ModelError, UsageError
from govgraph.exchange.document import model_document
from govgraph.exchange.importing import Imported, ImportFileError, read_bytes
from govgraph.exchange.sheet_cells import Book, Cells, read_rows, text_cell, value_cell
from govgraph.exchange.sheet_cells import row as sheet_row
from govgraph.exchange.sheets import ABOUT, ID_SECTIONS, LISTS, SHEETS, Cell, Column, Sheet, vocabulary
from govgraph.findings import Finding, Location, Severity
from govgraph.loading import load_document
from govgraph.loading.reader import Document
from govgraph.loading.schema import did_you_mean, not_a_choice
from govgraph.loading.writer import dump_document
from govgraph.memory import collector_paused
from govgraph.model import Model, fold
from govgraph.stablezip import FixedTimeZip

#: The spreadsheet's row limit is 2**20; a location's line is the sheet's number times this, plus the row.
_ROWS = 1 << 20
#: How far below the last row a drop-down list of ids reaches, so rows added by hand get one too.
_SPARE_ROWS = 1000
_FIXED_TIME = dt.datetime(2000, 1, 1)

_HEADER_FONT = Font(name="Calibri", bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")
_HEADER_BORDER = Border(bottom=Side(style="thin", color="000000"))
_TITLE_FONT = Font(name="Calibri", bold=True, size=14)
_BOLD = Font(name="Calibri", bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_DATE_FORMAT = "yyyy-mm-dd"
_AS_TEXT = frozenset({Cell.TEXT, Cell.WORD})
_TEXT_FORMAT = "@"


# Where a finding is -----------------------------------------------------------------------------------------


def sheet_reference(sheet: str) -> str:
    """The sheet's name as a spreadsheet formula writes it: quoted when it is not one plain word."""
    return sheet if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", sheet) else "'" + sheet.replace("'", "''") + "'"


@dataclass(frozen=True, order=True)
class CellLocation(Location):
    """A cell of a workbook, shown as `governance.xlsx:Bodies!D7`; `line` and `column` order findings sheet by
    sheet, row by row, as the workbook is read."""

    sheet: str = ""
    cell: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{sheet_reference(self.sheet)}!{self.cell}"


class _Places:
    """The workbook's sheets by number, so that a mark (line, column) names a cell."""

    def __init__(self, file: str, sheets: Sequence[str]) -> None:
        self.file = file
        self.sheets = list(sheets)

    def mark(self, sheet: int, row: int, column: int) -> tuple[int, int]:
        return (sheet * _ROWS + row, column)

    def locate(self, location: Location | None) -> Location | None:
        if location is None or location.file != self.file:
            return location
        sheet, row = divmod(location.line, _ROWS)
        name = self.sheets[sheet] if 0 <= sheet < len(self.sheets) else self.sheets[0]
        cell = f"{get_column_letter(max(location.column, 1))}{max(row, 1)}"
        return CellLocation(self.file, location.line, location.column, name, cell)

    def finding(self, finding: Finding) -> Finding:
        return Finding(finding.code, finding.severity, finding.message, self.locate(finding.location), finding.hint)


# Writing ----------------------------------------------------------------------------------------------------


def _get(entry: Mapping[str, Any], key: str) -> Any:
    value: Any = entry
    for part in key.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


@dataclass(frozen=True)
class _Plan:
    """What reading and writing a sheet keep asking: the columns whose text is a key of the path, each column by
    key, and each word column's words (cell word -> file key)."""

    slots: frozenset[str]
    columns: Mapping[str, Column]
    words: Mapping[str, Mapping[str, str]]
    keys: tuple[str, ...]
    #: The keys of `keys` read straight off an entry, and those that reach into a mapping of it (`a.b`).
    plain: tuple[str, ...]
    dotted: tuple[str, ...]
    #: The path's steps as reading a row takes them: the step, its column (a `{key}` step's), whether a list
    #: follows it, and whether it is the last.
    steps: tuple[tuple[str, Column | None, bool, bool], ...]
    #: The keys of cells that are a key of the entry or item as they are (not `slots`, dotted, pairs or present).
    direct: frozenset[str]


@functools.cache
def _plan(name: str) -> _Plan:
    # Made once per sheet (by name: a sheet holds mappings, so it cannot be a key itself); rows ask for it often.
    sheet = next(s for s in SHEETS if s.name == name)
    lists = vocabulary()
    by_key = {c.key: c for c in sheet.columns}
    words: dict[str, Mapping[str, str]] = {}
    for column in sheet.columns:
        if column.words is not None:
            words[column.key] = dict(column.words)
        elif column.choices in lists:
            words[column.key] = {w: w for w in lists[column.choices or ""]}
    slots = frozenset(step[1:-1] for step in sheet.path if step.startswith("{"))
    return _Plan(
        slots,
        by_key,
        words,
        tuple(c.key for c in sheet.columns),
        tuple(c.key for c in sheet.columns if "." not in c.key),
        tuple(c.key for c in sheet.columns if "." in c.key),
        tuple(
            (
                step,
                by_key[step[1:-1]] if step.startswith("{") else None,
                index + 1 < len(sheet.path) and sheet.path[index + 1] == "[]",
                index == len(sheet.path) - 1,
            )
            for index, step in enumerate(sheet.path)
        ),
        frozenset(
            c.key
            for c in sheet.columns
            if c.key not in slots and "." not in c.key and c.cell not in (Cell.PAIRS, Cell.PRESENT)
        ),
    )


def _column(sheet: Sheet, key: str) -> Column:
    return _plan(sheet.name).columns[key]


def _words(sheet: Sheet, column: Column) -> Mapping[str, str]:
    """The words a word column allows (cell word -> file key), or empty for any text."""
    return _plan(sheet.name).words.get(column.key, {})


def sheet_rows(sheet: Sheet, document: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """The rows of `sheet` for a model document (`exchange.document.model_document`), as column key -> value."""
    if sheet.settings:
        yield {c.key: _get(document, c.key) for c in sheet.columns}
        return
    yield from _walk(sheet, document, document, 0, {})


def _walk(
    sheet: Sheet, document: Mapping[str, Any], node: Any, index: int, row: dict[str, Any]
) -> Iterator[dict[str, Any]]:
    path = sheet.path
    if index == len(path):
        item = node if isinstance(node, Mapping) else {sheet.value or sheet.short or "": node}
        plan = _plan(sheet.name)
        found = {key: item.get(key) for key in plan.plain}
        for key in plan.dotted:
            found[key] = _get(item, key)
        found.update(row)
        yield found
        return
    step = path[index]
    if step == "*":
        for section in ID_SECTIONS:
            yield from _walk(sheet, document, document.get(section, {}), index + 1, row)
        return
    if step == "[]":
        for item in node if isinstance(node, list) else ():
            yield from _walk(sheet, document, item, index + 1, row)
        return
    if not isinstance(node, Mapping):
        return
    if not step.startswith("{"):
        if step in node:
            yield from _walk(sheet, document, node[step], index + 1, row)
        return
    column = _column(sheet, step[1:-1])
    words = _words(sheet, column)
    keys = [(word, key) for word, key in words.items() if key in node] if words else [(k, k) for k in node]
    for word, key in keys:
        if index == len(path) - 1 and sheet.value is not None:
            yield {**row, column.key: word, sheet.value: node[key]}
        else:
            yield from _walk(sheet, document, node[key], index + 1, {**row, column.key: word})


def _cell_value(column: Column, value: Any) -> tuple[Any, str | None]:
    """What a cell holds for a document value, and its number format where it needs one."""
    if value is None:
        return None, None
    kind = column.cell
    if kind is Cell.PRESENT:
        return True, None
    if kind is Cell.WORDS:
        return ", ".join(str(v) for v in value), None
    if kind is Cell.PAIRS:
        return ", ".join(f"{k} = {v}" for k, v in value.items()), None
    if kind is Cell.DATE:
        text = str(value)
        if len(text) == 10:
            return dt.date.fromisoformat(text), _DATE_FORMAT
        return text, _TEXT_FORMAT  # a month or a year: as written (see the module docstring)
    if kind is Cell.WHOLE and not isinstance(value, bool):
        return int(value), None
    if isinstance(value, bool):
        return value, None
    return str(value), None


def _header(ws: Any, columns: Sequence[Column]) -> list[Any]:
    cells = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_ALIGN
        cell.border = _HEADER_BORDER
        if column.help:
            note = Comment(column.help, "govgraph")
            note.width, note.height = 240, 80
            cell.comment = note
        cells.append(cell)
    return cells


def _content(column: Column, value: Any) -> tuple[Any, str | None, bool] | None:
    """What a cell holds for a document value: its content, its number format where it needs one, and whether
    its text wraps (long text wraps within its column, so the row grows rather than the text running under the
    next). Text starting with "=" is text, not a formula, and a date kept as text is formatted as text so a
    spreadsheet does not turn it into a day when it is edited."""
    if value is None:
        return None
    if isinstance(value, str) and column.cell in _AS_TEXT and not value.startswith("="):
        return value, None, column.cell is Cell.TEXT and len(value) > column.width
    content, number_format = _cell_value(column, value)
    return content, number_format, False


def _write_cell(ws: Any, column: Column, value: Any) -> Any:
    found = _content(column, value)
    if found is None:
        return None
    content, number_format, wrap = found
    if not wrap and number_format is None and not (isinstance(content, str) and content.startswith("=")):
        return content  # most cells: a cell is made only where it must be
    cell = WriteOnlyCell(ws, value=content)
    if isinstance(content, str):
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format
    if wrap:
        cell.alignment = _WRAP
    return cell


class _Looks:
    """The looks a sheet's data cells need (a number format; text at the top and wrapped), each written as a mark
    in the rows' XML until the workbook gives it its style's number (`numbered`). Rows are made, and checked,
    before the workbook is begun, so that a model the workbook cannot hold leaves nothing half written."""

    def __init__(self) -> None:
        self.marks: dict[tuple[str | None, bool], str] = {}

    def __call__(self, number_format: str | None, wrap: bool) -> str:
        if number_format is None and not wrap:
            return ""
        key = (number_format, wrap)
        mark = self.marks.get(key)
        if mark is None:
            mark = self.marks[key] = f"<{len(self.marks)}>"  # "<" cannot be in the XML of a cell's text
        return mark

    def numbered(self, ws: Any, rows: str) -> str:
        """The rows with each mark replaced by its style's number in the workbook of `ws`, registered with
        openpyxl in the order the sheet first needs them, as it registers the styles of cells appended."""
        for (number_format, wrap), mark in self.marks.items():
            cell = WriteOnlyCell(ws)
            if number_format:
                cell.number_format = number_format
            if wrap:
                cell.alignment = _WRAP
            rows = rows.replace(f'"{mark}"', f'"{cell.style_id}"')
        return rows


#: The most characters a spreadsheet cell holds.
_CELL_LIMIT = 32_767


def _layout(sheet: Sheet) -> list[tuple[str, str, Column, bool]]:
    """Each column's letter, key, definition, and whether its text may wrap (see `_lines`)."""
    return [(get_column_letter(i), c.key, c, c.cell is Cell.TEXT) for i, c in enumerate(sheet.columns, start=1)]


def _row_xml(
    sheet: Sheet, layout: Sequence[tuple[str, str, Column, bool]], row: Mapping[str, Any], number: int, looks: _Looks
) -> str:
    """One data row as sheet XML (see `sheet_cells` for why not through openpyxl).

    Raises:
        UsageError: a cell would hold more text than a spreadsheet cell holds.
    """
    found = []
    lines = 1
    for letter, key, column, wraps in layout:
        value = row.get(key)
        if value is None:
            continue
        content = _content(column, value)
        assert content is not None
        found.append((letter, content))
        if wraps and isinstance(value, str) and len(value) > column.width:
            lines = max(lines, _lines(column, value))
        if isinstance(content[0], str) and len(content[0]) > _CELL_LIMIT:
            owner = row.get("id") or row.get("owner")
            raise UsageError(
                f"cannot write the workbook: the {column.header} on the {sheet.name} sheet"
                + (f" of {owner!r}" if owner else "")
                + f" holds {len(content[0]):,} characters, more than a spreadsheet cell holds ({_CELL_LIMIT:,}); "
                "shorten it in the model file, or keep the full text in a document the model cites as a source"
            )
    tall = lines > 1  # a row with wrapped text has all its cells at the top, where its text starts
    cells = []
    for letter, (value, number_format, wrap) in found:
        reference = f"{letter}{number}"
        style = looks(number_format, wrap or tall)
        if isinstance(value, str):
            cells.append(text_cell(reference, value, style))
        elif isinstance(value, bool):
            cells.append(value_cell(reference, "1" if value else "0", "b", style))
        elif isinstance(value, dt.date):
            serial = to_excel(value)  # type: ignore[no-untyped-call]
            cells.append(value_cell(reference, safe_string(serial), "n", style))
        else:
            cells.append(value_cell(reference, safe_string(value), "n", style))
    # Rows are as high as their wrapped text (spreadsheets keep the height a file gives them).
    return sheet_row(number, cells, safe_string(min(15 * lines, 409)) if tall else None)


def _holdable(value: Any, where: str) -> None:
    """Refuse text a spreadsheet cannot hold (control characters, which a model file may hold in a double-quoted
    string: `"\\a"`), saying where it is, rather than write a workbook without it.

    Raises:
        UsageError: `value` (text, or a list of texts) holds such a character.
    """
    texts = [*value.keys(), *value.values()] if isinstance(value, Mapping) else value
    for text in texts if isinstance(texts, list) else [texts]:
        found = ILLEGAL_CHARACTERS_RE.search(text) if isinstance(text, str) else None
        if found is not None:
            raise UsageError(
                f"cannot write the workbook: {where} holds a control character (U+{ord(found.group()):04X}), which "
                "a spreadsheet cannot hold; remove it from the model file"
            )


def _refuse_unholdable(rows_of: Mapping[str, list[dict[str, Any]]], *, settings: bool = False) -> None:
    """Find the first cell, sheet by sheet, holding text a spreadsheet cannot hold, and say where it is.

    Each sheet's XML is searched as a whole for such text first, which takes a hundredth of the time of looking at
    each cell; this looks cell by cell only once that has found some (or, with `settings`, at the settings sheet
    alone, which openpyxl writes).

    Raises:
        UsageError: see `_holdable`.
    """
    for sheet in SHEETS:
        if settings and not sheet.settings:
            continue
        for row in rows_of[sheet.name]:
            owner = row.get("id") or row.get("owner")
            for column in sheet.columns:
                value = row.get(column.key)
                if value is not None and not isinstance(value, bool | int):
                    _holdable(
                        value, f"the {column.header} on the {sheet.name} sheet" + (f" of {owner!r}" if owner else "")
                    )


def _refuse_unreadable_pairs(rows_of: Mapping[str, list[dict[str, Any]]]) -> None:
    """Refuse a `part = id` pair that its cell could not be read back as (a part named with a comma or an equals
    sign, which separate the pairs), rather than write a workbook that imports wrong or not at all.

    Raises:
        UsageError: such a part, with the sheet, the row's first cell and what to do.
    """
    for sheet in SHEETS:
        for column in sheet.columns:
            if column.cell is not Cell.PAIRS:
                continue
            for row in rows_of[sheet.name]:
                for part in row.get(column.key) or {}:
                    if "," in part or "=" in part or part != part.strip():
                        first = row.get(sheet.columns[0].key)
                        raise UsageError(
                            f"cannot write the workbook: the {column.header} on the {sheet.name} sheet of {first!r} "
                            f"name the part {part!r}, and a comma, an equals sign or a space at either end cannot be "
                            "read back from that cell; rename the part in the rule set and in the model file"
                        )


def _lines(column: Column, value: Any) -> int:
    """How many lines a cell's text wraps onto in its column (about: characters are of many widths)."""
    if column.cell is not Cell.TEXT or not isinstance(value, str) or len(value) <= column.width:
        return 1
    return sum(-(-max(len(part), 1) // int(column.width * 1.1)) for part in value.split("\n"))


def _list_ranges(lists: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    ranges = {}
    for i, (name, words) in enumerate(lists.items(), start=1):
        letter = get_column_letter(i)
        ranges[name] = f"{LISTS}!${letter}$2:${letter}${len(words) + 1}"
    return ranges


def _entries_sheet(section: str) -> Sheet | None:
    return next((s for s in SHEETS if s.path == (section, "{id}")), None)


def _validation(column: Column, lists: Mapping[str, str], counts: Mapping[str, int]) -> DataValidation | None:
    if column.choices is None:
        return None
    if column.choices in lists:
        words = column.words or {}
        formula = lists[column.choices]
        return DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=column.header,
            error=f"Pick one of the list ({', '.join(words) if words else 'see the drop-down'}).",
        )
    sheet = _entries_sheet(column.choices)
    if sheet is None:
        return None
    last = counts.get(column.choices, 0) + 1 + _SPARE_ROWS
    return DataValidation(
        type="list",
        formula1=f"{sheet_reference(sheet.name)}!$A$2:$A${last}",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle=column.header,
        error=f"This is not an id on the {sheet.name} sheet. Add it there first, or check the spelling.",
    )


def _printed(ws: Any, *, landscape: bool = True) -> None:
    """Print a sheet as a table on A4: across the page, the header row on every page, the columns fitted to its
    width (a sheet printed as it is would split its columns over several pages)."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    ws.oddFooter.center.text = "&A, page &P of &N"


def _about(wb: Workbook, model: Model) -> None:
    ws = wb.create_sheet(ABOUT)
    _printed(ws, landscape=False)
    ws.print_options.gridLines = False
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 100

    def line(a: Any, b: Any = None) -> None:
        ws.append([a, b])

    title = WriteOnlyCell(ws, value=model.title)
    title.font = _TITLE_FONT
    line(title)
    line("A govgraph workbook: the whole model, one sheet per part of it.")
    line("Edit it here, then turn it back into the model file with:")
    line("    govgraph import xlsx THIS-FILE.xlsx -o governance.yaml")
    line("Every row of a sheet is one fact. Ids are lower-case letters, digits and hyphens, and every sheet refers")
    line("to things by id: pick them from the drop-down lists. A blank cell means not known (nothing is assumed).")
    line("Dates: a full date is a date; a month or a year alone (2024-03, 2024) is text, as written, because a")
    line("spreadsheet date is always a day. Hover over a header for what its column holds.")
    line(None)
    heads = []
    for text in ("Sheet", "What it holds"):
        cell = WriteOnlyCell(ws, value=text)
        cell.font = _BOLD
        heads.append(cell)
    ws.append(heads)
    for sheet in SHEETS:
        line(sheet.name, sheet.help)


def workbook_bytes(model: Model) -> bytes:
    """The model as an Excel workbook (.xlsx), one sheet per part of it (see the module docstring).

    The same model gives the same bytes.
    """
    with collector_paused():
        return _workbook(model)


def _workbook(model: Model) -> bytes:
    _holdable(model.title, "the model's title")
    document = model_document(model)
    rows_of = {sheet.name: list(sheet_rows(sheet, document)) for sheet in SHEETS}
    _refuse_unholdable(rows_of, settings=True)
    _refuse_unreadable_pairs(rows_of)
    # Each data sheet's rows of cells as XML (openpyxl writes the rest, see `_WithRows`), checked.
    made: dict[str, tuple[str, _Looks]] = {}
    for sheet in SHEETS:
        if not sheet.settings:
            looks, layout = _Looks(), _layout(sheet)
            text = "".join(
                _row_xml(sheet, layout, row, number, looks) for number, row in enumerate(rows_of[sheet.name], start=2)
            )
            if ILLEGAL_CHARACTERS_RE.search(text):
                _refuse_unholdable(rows_of)
            made[sheet.name] = (text, looks)
    lists = dict(vocabulary())
    ranges = _list_ranges(lists)
    counts = {section: len(document.get(section, {})) for section in ID_SECTIONS}
    wb = Workbook(write_only=True)
    wb.properties.creator = "govgraph"
    wb.properties.title = model.title
    wb.properties.created = wb.properties.modified = _FIXED_TIME
    _about(wb, model)
    data: dict[str, bytes] = {}  # each data sheet's rows of cells, by the sheet's file
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.name)
        if sheet.settings:
            _write_settings(ws, sheet, document)
            continue
        columns = sheet.columns
        for i, column in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = column.width
        rows = rows_of[sheet.name]
        for i, column in enumerate(columns, start=1):
            validation = _validation(column, ranges, counts)
            if validation is not None:
                letter = get_column_letter(i)
                validation.add(f"{letter}2:{letter}{max(len(rows) + 1 + _SPARE_ROWS, 2)}")
                ws.data_validations.append(validation)
        ws.freeze_panes = "B2"
        _dimension(ws, len(columns), len(rows) + 1)
        _printed(ws)
        ws.print_title_rows = "1:1"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
        heading = max(-(-len(c.header) // max(int(c.width), 1)) for c in columns)
        if heading > 1:
            ws.row_dimensions[1].height = min(15 * heading, 409)
        ws.append(_header(ws, columns))
        text, looks = made[sheet.name]
        # As openpyxl writes them: characters other than ASCII by their number.
        data[_sheet_file(wb, ws)] = looks.numbered(ws, text).encode("ascii", "xmlcharrefreplace")
    ws = wb.create_sheet(LISTS)
    ws.sheet_state = "hidden"
    ws.append(list(lists))
    for i in range(max(len(words) for words in lists.values())):
        ws.append([words[i] if i < len(words) else None for words in lists.values()])
    return _save(wb, data)


def _sheet_file(wb: Workbook, ws: Any) -> str:
    """The name of the sheet's XML in the package, as openpyxl names it when saving (by the sheet's place)."""
    return f"xl/worksheets/sheet{wb.worksheets.index(ws) + 1}.xml"


def _dimension(ws: Any, columns: int, rows: int) -> None:
    """Say at the top of the sheet how large it is, as Excel and LibreOffice do: a reader then need not read the
    whole sheet to find out before reading it (openpyxl does, which made reading a 10,000-body workbook a third
    slower). openpyxl's writer writes the size its worksheet calculates; a write-only one calculates none."""
    reference = f"A1:{get_column_letter(max(columns, 1))}{max(rows, 1)}"
    ws.calculate_dimension = lambda: reference


def _write_settings(ws: Any, sheet: Sheet, document: Mapping[str, Any]) -> None:
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 60
    ws.freeze_panes = "A2"
    _printed(ws)
    ws.append(_header(ws, (Column("Setting", ""), Column("Value", ""), Column("What it means", ""))))
    (values,) = sheet_rows(sheet, document)
    for column in sheet.columns:
        name = WriteOnlyCell(ws, value=column.header)
        name.font = _BOLD
        ws.append([name, _write_cell(ws, column, values.get(column.key)), column.help])


class _WithRows(FixedTimeZip):
    """The package being written, with each sheet's rows of data added after its header row as the sheet's XML
    is stored (openpyxl writes every sheet but those rows)."""

    rows: Mapping[str, bytes] = {}

    def write(self, filename: Any, arcname: Any = None, compress_type: Any = None, compresslevel: Any = None) -> None:
        rows = self.rows.get(str(arcname))
        if rows is None:
            super().write(filename, arcname, compress_type, compresslevel)
            return
        with open(filename, "rb") as handle:
            head, end, tail = handle.read().rpartition(b"</sheetData>")
        assert end, f"no rows in {arcname}"
        self.writestr(arcname, head + rows + end + tail)


def _save(wb: Workbook, rows: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    archive = _WithRows(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    archive.rows = rows
    ExcelWriter(wb, archive).save()
    return buffer.getvalue()


# Reading ----------------------------------------------------------------------------------------------------


def _number_text(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def _date_text(value: dt.datetime | dt.date, number_format: str) -> str:
    """The date a date cell shows: a day, a month or a year, as its number format shows it."""
    shown = _QUOTED.sub("", number_format or "").lower()
    if "d" in shown or not ("m" in shown or "y" in shown):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if "m" in shown:
        return f"{value.year:04d}-{value.month:02d}"
    return f"{value.year:04d}"


def _plain(value: Any, number_format: str) -> str | None:
    """A cell's value as the text the model file would hold."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return _date_text(value, number_format)
    if isinstance(value, int | float):
        return _number_text(value)
    return str(value)


def _cell_text(column: Column, value: Any, number_format: str) -> str | list[str] | None:
    text = value if type(value) is str else _plain(value, number_format)
    if text is None:
        return None
    if column.cell is Cell.TEXT:
        return text if text != "" else None
    if column.cell is Cell.WORDS:
        words = [w.strip() for w in text.split(",") if w.strip()]
        return words or None
    return text.strip() or None


#: A row's non-blank cells: column key -> (column, text, mark).
_Row = dict[str, tuple[Column, Any, tuple[int, int]]]


class _Reader:
    """Builds the located tree of a model from a workbook's rows (see `govgraph.loading.reader.Place`)."""

    def __init__(self, file: str, places: _Places) -> None:
        self.file = file
        self.places = places
        self.root: dict[str, Any] = {}
        self.place: dict[Any, Any] = {None: (1, 1)}
        self.findings: list[Finding] = []
        #: Each id's section, as the entries sheets give them (for the `"*"` step).
        self.sections: dict[str, str] = {}
        #: Where each entry's id is written, for a second row with the same id.
        self.first: dict[tuple[str, str], tuple[int, int]] = {}

    def error(self, code: str, message: str, mark: tuple[int, int], hint: str | None = None) -> None:
        self.findings.append(Finding(code, Severity.ERROR, message, Location(self.file, *mark), hint))

    def warning(self, code: str, message: str, mark: tuple[int, int]) -> None:
        self.findings.append(Finding(code, Severity.WARNING, message, Location(self.file, *mark)))

    # The tree: each container made once, located where it is first met.

    @staticmethod
    def mapping(node: dict[str, Any], place: dict[Any, Any], key: str, mark: tuple[int, int]) -> tuple[Any, Any]:
        child = node.get(key)
        if type(child) is dict:
            return child, place[key][4]
        child, child_place = {}, {None: mark}
        node[key] = child
        place[key] = (*mark, *mark, child_place)
        return child, child_place

    @staticmethod
    def listing(node: dict[str, Any], place: dict[Any, Any], key: str, mark: tuple[int, int]) -> tuple[Any, Any]:
        child = node.get(key)
        if type(child) is list:
            return child, place[key][4]
        child, child_place = [], [mark]
        node[key] = child
        place[key] = (*mark, *mark, child_place)
        return child, child_place

    def put(self, node: dict[str, Any], place: dict[Any, Any], key: str, value: Any, mark: tuple[int, int]) -> None:
        *parents, last = key.split(".")
        for part in parents:
            node, place = self.mapping(node, place, part, mark)
        node[last] = value
        if type(value) is list:
            place[last] = (*mark, *mark, [mark] + [mark] * len(value))
        else:
            place[last] = (*mark, *mark)

    # Rows

    def settings(self, sheet: Sheet, rows: list[_Row]) -> None:
        for row in rows:
            for column, value, mark in row.values():
                self.value(self.root, self.place, column, value, mark)

    def value(
        self, node: dict[str, Any], place: dict[Any, Any], column: Column, value: Any, mark: tuple[int, int]
    ) -> None:
        kind, key = column.cell, column.key
        if kind is Cell.PAIRS:
            self.pairs(node, place, column, value, mark)
            return
        if kind is Cell.PRESENT:
            if str(value).lower() == "true":
                self.listing(node, place, key, mark)
            elif str(value).lower() != "false":
                self.error("GG112", f"expected true or false, found {value!r}", mark)
            return
        if "." in key:
            self.put(node, place, key, value, mark)
            return
        # `put` for a key of the entry itself, as nearly every cell's is (one call fewer for each cell).
        node[key] = value
        place[key] = (*mark, *mark, [mark] * (len(value) + 1)) if type(value) is list else (*mark, *mark)

    def pairs(
        self, node: dict[str, Any], place: dict[Any, Any], column: Column, text: str, mark: tuple[int, int]
    ) -> None:
        """A mapping written as `word = id` pairs separated by commas (a rule set's parts)."""
        found: dict[str, str] = {}
        for pair in (p.strip() for p in text.split(",")):
            word, equals, target = (part.strip() for part in pair.partition("="))
            if not pair:
                continue
            if not equals or not word or not target:
                self.error(
                    "GG112",
                    f"{column.header}: expected `part = id` pairs separated by commas, found {pair!r}",
                    mark,
                    "write each part the rules name, an equals sign and the model's id: board = icb-board",
                )
                return
            if word in found:
                self.error("GG102", f"{column.header}: the part {word!r} is given twice", mark)
                return
            found[word] = target
        mapping, mapping_place = self.mapping(node, place, column.key, mark)
        for word, target in found.items():
            mapping[word] = target
            mapping_place[word] = (*mark, *mark)

    def row(self, sheet: Sheet, by_key: _Row, start: tuple[int, int]) -> None:
        """Add one row of `sheet` to the tree (`by_key`: its non-blank cells; `start`: its first cell)."""
        plan = _plan(sheet.name)
        node: Any = self.root
        place: Any = self.place
        path = sheet.path
        for index, (step, column, after_list, last) in enumerate(plan.steps):
            if step == "[]":
                if sheet.value is not None:
                    found = by_key.get(sheet.value)
                    if found is None:
                        self.error("GG113", f"this row has no {_column(sheet, sheet.value).header}", start)
                        return
                    node.append(found[1])
                    place.append(found[2])
                    return
                item: dict[str, Any] = {}
                item_place: dict[Any, Any] = {None: start}
                self.values(item, item_place, by_key, plan)
                node.append(item)
                place.append((*start, item_place))
                return
            if step == "*":
                owner = by_key.get(path[index + 1][1:-1])
                section = self.sections.get(owner[1]) if owner is not None else None
                if owner is None:
                    self.error("GG113", f"this row has values but no {sheet.columns[0].header}", start)
                    return
                if section is None:
                    self.unknown(sheet, owner, owner[0], list(self.sections))
                    return
                node, place = node[section], place[section][4]
                continue
            if column is None:
                node, place = (self.listing if after_list else self.mapping)(node, place, step, start)
                continue
            found = by_key.get(column.key)
            if index == 1:
                if not self.entry(sheet, column, found, node, start, owner=not last):
                    return
                assert found is not None
                key = found[1]
                if last:
                    entry, entry_place = self.mapping(node, place, key, found[2])
                    self.sections[key] = path[0]
                    self.first[(path[0], key)] = found[2]
                    self.values(entry, entry_place, by_key, plan)
                    return
                node, place = node[key], place[key][4]
                continue
            if found is None:
                self.error("GG113", f"this row has no {column.header}", start)
                return
            word = self.word(sheet, column, found[1], found[2])
            if word is None:
                return
            if last:
                # A mapping of words to values (checks.severity): one row per key.
                if word in node:
                    self.twice(column, word, found[2], place[word])
                    return
                value = by_key.get(sheet.value or "")
                if value is None:
                    self.error("GG113", f"this row has no {_column(sheet, sheet.value or '').header}", start)
                    return
                self.put(node, place, word, value[1], found[2])
                return
            node, place = (self.listing if after_list else self.mapping)(node, place, word, found[2])
        # Only a path that ends with a key of a mapping gets here (a body's `terms`): one row fills it.
        if place.get(None) != start:
            self.twice(_column(sheet, "owner"), by_key["owner"][1], by_key["owner"][2], place.get(None))
            return
        self.values(node, place, by_key, plan)

    def values(self, node: dict[str, Any], place: dict[Any, Any], by_key: _Row, plan: _Plan) -> None:
        """The row's cells but those that say where it goes (`plan.slots`), as keys of `node`."""
        slots, direct = plan.slots, plan.direct
        for key, (column, value, mark) in by_key.items():
            if key in direct:
                # `value` for a cell under a key of the entry itself, as nearly every cell is, without the call and
                # its questions: with the steps of `_plan`, adding the 65,000 rows of the 10,000-body workbook with
                # terms of reference to the tree takes 0.49 s of processor time instead of 0.68 (best of ten, the
                # two alternately in one process).
                node[key] = value
                place[key] = (*mark, *mark, [mark] * (len(value) + 1)) if type(value) is list else (*mark, *mark)
            elif key not in slots:
                self.value(node, place, column, value, mark)

    def entry(
        self, sheet: Sheet, column: Column, found: Any, node: dict[str, Any], start: tuple[int, int], *, owner: bool
    ) -> bool:
        """Whether the row's entry id is usable: given, and known (a row adding to an entry) or new (a new entry)."""
        if found is None:
            self.error("GG113", f"this row has values but no {column.header}: give the id it belongs to", start)
            return False
        key, mark = found[1], found[2]
        if owner and key not in node:
            self.unknown(sheet, found, column, list(node))
            return False
        if not owner and key in node:
            self.twice(column, key, mark, self.first.get((sheet.path[0], key)))
            return False
        return True

    def unknown(self, sheet: Sheet, found: Any, column: Column, ids: list[str]) -> None:
        """A row that adds to an entry no entries sheet has."""
        value, mark = found[1], found[2]
        home = _entries_sheet(column.choices or "")
        homes = f"the {home.name} sheet" if home is not None else "the Bodies, Posts, Organisations or Groups sheet"
        what = {"bodies": "body", "roles": "post", "groups": "group"}.get(column.choices or "", "body or other")
        close = _close(value, ids)
        hint = f"add it to {homes} first" + (f", or use one of: {', '.join(close)}" if close else "")
        self.error("GG201", f"unknown {what} id {value!r} in {sheet.name}", mark, hint)

    def twice(self, column: Column, key: str, mark: tuple[int, int], first: Any) -> None:
        where = ""
        if first is not None:
            cell = self.places.locate(Location(self.file, first[0], first[1]))
            where = f" (first at {cell.cell})" if isinstance(cell, CellLocation) else ""
        self.error(
            "GG102",
            f"duplicate {column.header.lower()} {key!r}{where}",
            mark,
            "remove one of the two rows, or merge them: only one can be kept",
        )

    def word(self, sheet: Sheet, column: Column, text: str, mark: tuple[int, int]) -> str | None:
        words = _words(sheet, column)
        if not words or text in words:
            return words.get(text, text)
        self.error("GG114", not_a_choice(column.header.lower(), tuple(words), text), mark)
        return None


def _close(value: str, ids: list[str]) -> list[str]:
    import difflib

    return difflib.get_close_matches(value, ids, n=3, cutoff=0.6)


def _read_sheet(
    reader: _Reader, rows: Iterator[tuple[int, Cells]], sheet: Sheet, number: int
) -> Iterator[tuple[_Row, tuple[int, int]]]:
    """The non-blank rows of a sheet, each with its first cell's mark, as they are read; unknown headers are
    reported before the first row is given."""
    places = reader.places
    columns = {fold(c.header): c for c in sheet.columns}
    first = next(rows, None)
    header: Cells = {}
    if first is not None and first[0] == 1:
        header = first[1]
    elif first is not None:
        rows = itertools.chain([first], rows)
    if sheet.settings:
        yield _read_settings(reader, rows, sheet, number, columns)
        return
    by_index: dict[int, Column] = {}
    seen: dict[str, int] = {}
    for index, (value, _) in header.items():
        text = _plain(value, "")
        if text is None or not text.strip():
            continue
        mark = places.mark(number, 1, index)
        column = columns.get(fold(text))
        if column is None:
            reader.error(
                "GG111",
                f"unknown column {text.strip()!r}" + did_you_mean(text.strip(), [c.header for c in sheet.columns]),
                mark,
            )
        elif column.key in seen:
            reader.error("GG102", f"the column {column.header!r} is there twice", mark)
        else:
            seen[column.key] = index
            by_index[index] = column
    # Text in any column but a list's, as nearly every cell is, is read here as `_cell_text` reads it, one call
    # fewer for each cell: reading the rows of the 10,000-body workbook with terms of reference takes 0.28 s of
    # processor time here instead of 0.35 (best of ten, the two alternately in one process).
    kinds = {index: column.cell for index, column in by_index.items()}
    text_kind, words_kind = Cell.TEXT, Cell.WORDS
    for row_number, cells in rows:
        row: _Row = {}
        line = places.mark(number, row_number, 1)[0]  # every cell of the row is on this line
        for index, (value, shown) in cells.items():
            kind = kinds.get(index)
            if kind is None:
                continue
            column = by_index[index]
            if type(value) is not str or kind is words_kind:
                content = _cell_text(column, value, shown)
            elif kind is text_kind:
                content = value if value != "" else None
            else:
                content = value.strip() or None
            if content is not None:
                row[column.key] = (column, content, (line, index))
        if row:
            yield row, (line, 1)


def _read_settings(
    reader: _Reader, rows: Iterator[tuple[int, Cells]], sheet: Sheet, number: int, columns: Mapping[str, Column]
) -> tuple[_Row, tuple[int, int]]:
    places = reader.places
    found: _Row = {}
    for row_number, cells in rows:
        label = _plain(cells[1][0], "") if 1 in cells else None
        if label is None or not label.strip():
            continue
        column = columns.get(fold(label))
        mark = places.mark(number, row_number, 1)
        if column is None:
            reader.error(
                "GG111",
                f"unknown setting {label.strip()!r}" + did_you_mean(label.strip(), [c.header for c in sheet.columns]),
                mark,
            )
            continue
        if column.key in found:
            reader.error("GG102", f"the setting {column.header!r} is there twice", mark)
            continue
        value, shown = cells.get(2, (None, ""))
        text = _cell_text(column, value, shown) if value is not None else None
        if text is not None:
            found[column.key] = (column, text, places.mark(number, row_number, 2))
    return found, places.mark(number, 1, 1)


def _book(wb: Any) -> Book:
    """What reading cells needs from the workbook openpyxl opened (read-only: its sheets are read by
    `sheet_cells`, see there why). openpyxl keeps these as private attributes; the tests read workbooks of every
    kind both ways, so a change in openpyxl shows there."""
    sheet: Any = wb.worksheets[0] if wb.worksheets else None

    @functools.cache
    def shown(style: int) -> str:
        return str(ReadOnlyCell(sheet, 1, 1, None, "n", style).number_format)

    epoch = wb.epoch
    return Book(
        strings=sheet._shared_strings if sheet is not None else [],
        shown=shown,
        days=frozenset(wb._date_formats),
        spans=frozenset(wb._timedelta_formats),
        to_date=lambda serial, span: from_excel(serial, epoch, timedelta=span),
        from_text=from_ISO8601,
        column=column_index_from_string,
    )


def _sheet_rows(wb: Any, name: str, book: Book, file: str) -> Iterator[tuple[int, Cells]]:
    """The rows of the sheet `name`, read from the workbook's file.

    Raises:
        ImportFileError: the sheet's XML cannot be read (not well-formed, a number that is not one).
    """
    try:
        with wb._archive.open(wb[name]._worksheet_path) as source:
            yield from read_rows(source, book)
    except (ParseError, ValueError, IndexError, KeyError) as exc:
        raise ImportFileError(
            file=file, where=f"the sheet {name!r}", problem=f"its cells cannot be read ({exc})", hint=_NOT_A_WORKBOOK
        ) from None


_NOT_A_WORKBOOK = "save it from Excel or LibreOffice as an Excel workbook (.xlsx), then import that file"


def import_workbook(data: bytes, file: str) -> Imported:
    """Read a workbook's bytes (from `workbook_bytes`, edited or not) into a model file.

    Raises:
        ImportFileError: the bytes are not an Excel workbook.
        ModelError: the workbook does not describe a valid model; every finding is located at its sheet and
            cell (`CellLocation`), with the code and hint a YAML file would get.
    """
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            file=file, where="the file", problem=f"this is not an Excel workbook ({exc})", hint=_NOT_A_WORKBOOK
        ) from None
    try:
        # The tree of a large model is many small objects: the cyclic collector, walking them again and again as
        # they are made, took a third of the time.
        with collector_paused():
            return _import(wb, file)
    finally:
        wb.close()


def _import(wb: Any, file: str) -> Imported:
    names = list(wb.sheetnames)
    places = _Places(file, names or [""])
    reader = _Reader(file, places)
    book = _book(wb)
    known = {fold(s.name): s for s in SHEETS}
    parts: list[tuple[Sheet, int, str]] = []
    for number, name in enumerate(names):
        sheet = known.get(fold(name))
        if sheet is None:
            if name not in (ABOUT, LISTS):
                reader.warning(
                    "GG130",
                    f"the sheet {name!r} is not part of a govgraph workbook, so it was not read"
                    + did_you_mean(name, [s.name for s in SHEETS]),
                    places.mark(number, 1, 1),
                )
            continue
        if sheet.settings:
            reader.place[None] = places.mark(number, 1, 1)
        parts.append((sheet, number, name))
    if not any(part[0].settings for part in parts):
        reader.error("GG113", "the workbook has no Model sheet (the title and format version)", (1, 1))
    # Entries first, whatever the order of the sheets: every other row adds to an entry. Each sheet's rows go into
    # the tree as they are read, so that no sheet's rows are all held at once (findings are sorted by place).
    parts.sort(key=lambda part: (not _makes_entries(part[0]), SHEETS.index(part[0])))
    for sheet, number, name in parts:
        rows = _read_sheet(reader, _sheet_rows(wb, name, book, file), sheet, number)
        if sheet.settings:
            reader.settings(sheet, [row for row, _ in rows])
            continue
        if _makes_entries(sheet):
            reader.mapping(reader.root, reader.place, sheet.path[0], places.mark(number, 1, 1))
        for row, start in rows:
            reader.row(sheet, row, start)
        if sheet.always:
            _always(reader, sheet)
    findings = list(reader.findings)
    model: Model | None = None
    try:
        model = load_document(Document(file, reader.root, reader.place))
    except ModelError as exc:
        findings.extend(exc.findings)
    located = [places.finding(f) for f in findings]
    if any(f.severity is Severity.ERROR for f in located):
        raise ModelError(findings=located)
    assert model is not None
    header = [f"Imported by `govgraph import xlsx` from {_name(file)}.", "Edit freely: this file is now the model."]
    text = dump_document(model_document(model), header=header)
    counts = {"bodies": len(model.bodies), "roles": len(model.roles), "organisations": len(model.organisations)}
    warnings = tuple(sorted(set(located), key=Finding.sort_key))
    return Imported(text, warnings, counts)


def _makes_entries(sheet: Sheet) -> bool:
    return len(sheet.path) == 2 and sheet.path[1].startswith("{") and sheet.value is None


def _always(reader: _Reader, sheet: Sheet) -> None:
    section = reader.root.get(sheet.path[0])
    if not isinstance(section, dict):
        return
    section_place = reader.place[sheet.path[0]][4]
    for key, entry in section.items():
        entry_place = section_place[key][4]
        reader.listing(entry, entry_place, sheet.path[2], section_place[key][:2])


def _name(file: str) -> str:
    return file.replace("\\", "/").rsplit("/", 1)[-1]


def read_workbook(path: str | Path) -> Imported:
    """Read the workbook at `path` into a model file (`govgraph import xlsx`).

    Raises:
        ModelFileNotFound: the file cannot be opened (missing, a folder, not readable).
        ImportFileError: the file is not an Excel workbook.
        ModelError: see `import_workbook`; GG110, the file is over the size limit of model files.
    """
    return import_workbook(read_bytes(Path(path), "workbook (.xlsx)"), str(path))
