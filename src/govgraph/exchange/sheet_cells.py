"""A worksheet's rows of cells as SpreadsheetML text: written and read without a Python object per cell.

openpyxl writes and reads everything around the rows (styles, the header row and its notes, drop-down lists,
frozen panes, the package); `govgraph.exchange.xlsx` hands the rows to it through this module because openpyxl
builds a cell object and an XML element for every cell, both ways. For the 10,000-body model with terms of
reference (250,000 cells) that was 5 of the 10 processor seconds of an export, and 9.5 of the 16 of an import
(openpyxl's read-only reader, asked for values only, still took 7); see benchmarks/bench_office.py.

Written cells are what openpyxl writes, byte for byte: text as an inline string (`t="inlineStr"`), numbers and
yes/no as values, each with its style's number. Read cells are what openpyxl's read-only reader gives with
`data_only=True` (a formula's last value), for any file Excel or LibreOffice saves: shared strings, inline and
rich text, numbers, dates by their style, booleans, errors, and rows or cells without their reference.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any
from xml.etree.ElementTree import iterparse

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _INLINE, _TEXT, _RUN = (_MAIN + tag for tag in ("row", "c", "v", "is", "t", "r"))
_SPACE_KEPT = ' xml:space="preserve"'

# Writing ----------------------------------------------------------------------------------------------------

#: As the XML writer openpyxl uses escapes text: a carriage return as a reference, or reading would drop it.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


def text_cell(reference: str, text: str, style: str) -> str:
    """A cell holding `text` as written (an inline string), `style` its style's number ("": none)."""
    space = _SPACE_KEPT if text != text.strip() else ""
    styled = f' s="{style}"' if style else ""
    return f'<c r="{reference}"{styled} t="inlineStr"><is><t{space}>{text.translate(_ESCAPES)}</t></is></c>'


def value_cell(reference: str, value: str, kind: str, style: str) -> str:
    """A cell holding a number (`kind` "n") or a yes/no (`kind` "b", `value` "1" or "0"), already as text."""
    styled = f' s="{style}"' if style else ""
    return f'<c r="{reference}"{styled} t="{kind}"><v>{value}</v></c>'


def row(number: int, cells: Sequence[str], height: str | None = None) -> str:
    """A row of cells (`text_cell`, `value_cell`); `height` in points where it is not the default."""
    tall = f' ht="{height}" customHeight="1"' if height is not None else ""
    return f'<row r="{number}"{tall}>{"".join(cells)}</row>'


# Reading ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Book:
    """What reading a sheet's cells needs from the workbook around it.

    `strings`: the shared strings; `shown`: a style's number -> its number format; `days` and `spans`: the
    styles whose number format shows a date, and a length of time; `to_date`: a serial number as a date (or, with
    `True`, a length of time), by the workbook's epoch; `from_text`: a date cell's ISO 8601 text as a date;
    `column`: a column's letters as its number (`AA`: 27).
    """

    strings: Sequence[str]
    shown: Callable[[int], str]
    days: frozenset[int]
    spans: frozenset[int]
    to_date: Callable[[float, bool], Any]
    from_text: Callable[[str], Any]
    column: Callable[[str], int]


#: A row's cells: column number -> (value, number format where the value is a date or a time, else "").
Cells = dict[int, tuple[Any, str]]


def _number(text: str) -> int | float:
    return float(text) if ("." in text or "E" in text or "e" in text) else int(text)


def _inline(cell: Any) -> str | None:
    found = cell.find(_INLINE)
    if found is None:
        return None
    if len(found) == 1 and found[0].tag == _TEXT:  # plain text, as nearly every inline string is
        return str(found[0].text or "")
    # Rich text: the text of its runs (a phonetic guide is not part of it).
    parts = []
    for part in found:
        if part.tag == _TEXT:
            parts.append(part.text or "")
        elif part.tag == _RUN:
            parts.extend(t.text or "" for t in part if t.tag == _TEXT)
    return "".join(parts)


def read_rows(source: IO[bytes], book: Book) -> Iterator[tuple[int, Cells]]:
    """Each row of the sheet XML `source` that holds a value: its number and its cells that hold one, in the order
    of their columns.

    A cell's attributes are read from its attribute mapping, a column's number is looked up once for each column
    letters, and a plain inline string (nearly every cell govgraph writes) is read without a search: reading the
    sheets of the 10,000-body workbook with terms of reference takes 1.42 s of processor time instead of 1.69 (best
    of eight, the two alternately in one process).

    Raises:
        xml.etree.ElementTree.ParseError: the sheet is not well-formed XML.
        ValueError: a cell's number or a row's or cell's reference is not one.
        IndexError: a cell refers to a shared string the workbook does not have.
    """
    row_number = 0
    strings, days, spans = book.strings, book.days, book.spans
    columns: dict[str, int] = {}  # column letters -> number, for this sheet
    for _, element in iterparse(source):
        if element.tag != _ROW:
            continue
        given = element.get("r")
        row_number = (int(given) if given.isdigit() else int(float(given))) if given else row_number + 1
        cells: Cells = {}
        column = 0
        in_order = True
        for cell in element:
            if cell.tag != _CELL:
                continue
            attributes = cell.attrib
            reference = attributes.get("r")
            if reference:
                letters = reference.rstrip("0123456789")
                last, column = column, columns.get(letters) or columns.setdefault(letters, book.column(letters))
                in_order = in_order and column > last
            else:
                column += 1
            kind = attributes.get("t", "n")
            value: Any
            if kind == "inlineStr":
                # `<is><t>text</t></is>` alone, as nearly every inline string is, is read without a search.
                inline = cell[0] if len(cell) == 1 else None
                if inline is not None and inline.tag == _INLINE and len(inline) == 1 and inline[0].tag == _TEXT:
                    value = inline[0].text or ""
                else:
                    value = _inline(cell)
            else:
                value = cell.findtext(_VALUE) or None
                if value is None:
                    continue
                if kind == "s":
                    value = strings[int(value)]
                elif kind == "n":
                    value = _number(value)
                    style = int(attributes.get("s") or 0)
                    if style in days:
                        try:
                            value = book.to_date(value, style in spans)
                        except (OverflowError, ValueError):
                            value = "#VALUE!"  # as openpyxl reads a date out of range
                        else:
                            cells[column] = (value, book.shown(style))
                            continue
                elif kind == "b":
                    value = bool(int(value))
                elif kind == "d":
                    value = book.from_text(value)
                    cells[column] = (value, book.shown(int(attributes.get("s") or 0)))
                    continue
                # "str" (a formula's text) and "e" (an error, `#N/A`) are their text
            if value is not None:
                cells[column] = (value, "")
        element.clear()
        if cells:
            yield row_number, cells if in_order else dict(sorted(cells.items()))
