"""Terms of reference in the workbook: a sheet for the terms, who must be present for a quorum, reports made and
expected, rule sets, and the vocabulary of real terms in columns; read back losslessly (export, import and diff say
No changes on the real NHS committees), with errors at their cell, and after LibreOffice has saved it."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from govgraph.errors import ModelError
from govgraph.exchange.xlsx import CellLocation, import_workbook, read_workbook, workbook_bytes
from govgraph.loading import load, load_bytes
from govgraph.model import Model
from support import DATA, comparable, convert, govgraph

NHS = DATA / "real" / "nhs"
REAL = sorted(p for p in NHS.glob("*.yaml") if not p.name.endswith(".tor-facts.yaml"))


def round_trip(model: Model) -> Model:
    return load_bytes(import_workbook(workbook_bytes(model), "book.xlsx").text.encode("utf-8"), "again.yaml")


# The workbook ---------------------------------------------------------------------------------------------


def test_the_real_committees_are_the_ones_with_terms() -> None:
    assert [p.name for p in REAL] == [
        "lincs-icb-committees.yaml",
        "lsc-icb-engagement-committee.yaml",
        "nth-audit-committee.yaml",
        "nwas-board-committees.yaml",
        "swl-icb.yaml",
    ]
    assert all(any(b.terms is not None for b in load(p).bodies.values()) for p in REAL[:4])


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.stem)
def test_export_import_diff_says_no_changes_for_the_real_committees(tmp_path: Path, path: Path) -> None:
    book, again = tmp_path / "book.xlsx", tmp_path / "again.yaml"
    assert govgraph("export", str(path), "--format", "xlsx", "-o", str(book)).returncode == 0
    imported = govgraph("import", "xlsx", str(book), "-o", str(again))
    assert imported.returncode == 0, imported.stderr
    diff = govgraph("diff", str(path), str(again))
    assert diff.returncode == 0, diff.stderr
    assert diff.stdout.rstrip().endswith("No changes.")
    assert comparable(load(again)) == comparable(load(path))


def test_the_vocabulary_of_real_terms_comes_back_from_the_workbook() -> None:
    """Vice and acting chairs, appointed by, standing, seats, a seat for another organisation, past holders and
    members, a holder known on one date, a closure by a date, a top by design, liaison through a post."""
    model = load(DATA / "terms" / "words.yaml")
    again = round_trip(model)
    assert comparable(again) == comparable(model)
    board = again.bodies["board"]
    assert [(c.capacity, c.selection, c.selected_by) for c in board.chairs] == [
        ("chair", "appointed", "council"),
        ("vice_chair", "elected", None),
    ]
    assert [(m.standing, m.seats, m.for_, m.past) for m in board.members] == [
        ("voting_member", 2, "trust", False),
        ("observer", None, None, True),
    ]
    assert again.bodies["old-forum"].history[-1].date_known is False
    assert [r.by for r in again.bodies["network"].relations if r.kind == "liaison_to"] == ["lead"]


def _sheet(book: Any, name: str) -> list[dict[str, Any]]:
    rows = list(book[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_terms_sheets_read_as_a_person_reads_them() -> None:
    book = load_workbook(io.BytesIO(workbook_bytes(load(NHS / "nth-audit-committee.yaml"))))
    assert {"Terms of reference", "Quorum must include", "Reports made", "Reports expected", "Rule sets"} <= set(
        book.sheetnames
    )
    (terms,) = _sheet(book, "Terms of reference")
    assert terms["Body"] == "nth-audit-committee"
    assert (terms["Members at least"], terms["Quorum (members)"], terms["Meetings a year"]) == (3, 2, 1)
    assert terms["Meetings at least"] is True
    assert terms["Excluded posts"] == "nth-chairman"
    assert book["Terms of reference"].freeze_panes == "B2"
    members = _sheet(book, "Members")
    assert {(m["Post"], m["Standing"]) for m in members} >= {("nth-director-of-finance", "attendee")}
    swl = load_workbook(io.BytesIO(workbook_bytes(load(NHS / "swl-icb.yaml"))))
    (ruleset,) = _sheet(swl, "Rule sets")
    assert ruleset["Rule set"] == "nhs-icb"
    assert "board = swl-icb-board" in ruleset["Parts"]


def edited(path: Path, change: Callable[[Workbook], object]) -> bytes:
    book = load_workbook(io.BytesIO(workbook_bytes(load(path))))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def errors(data: bytes) -> list[tuple[str, str, str]]:
    with pytest.raises(ModelError) as caught:
        import_workbook(data, "book.xlsx")
    found = []
    for f in caught.value.findings:
        assert isinstance(f.location, CellLocation)
        found.append((str(f.location).split(":", 1)[1], f.code, f.message))
    return sorted(found)


def test_errors_in_the_terms_sheets_are_at_their_cells_all_in_one_run() -> None:
    def change(book: Workbook) -> None:
        terms = book["Terms of reference"]
        headers = [c.value for c in terms[1]]
        terms.cell(2, headers.index("Quorum (share)") + 1, "3/2")
        terms.cell(2, headers.index("Review after (months)") + 1, 99999)
        terms.append(["nth-audit-committee"])  # a second row of terms for one body
        members = book["Members"]
        seats = [c.value for c in members[1]].index("Seats") + 1
        members.cell(2, seats, "many")

    found = errors(edited(NHS / "nth-audit-committee.yaml", change))
    codes = [(where, code) for where, code, _ in found]
    assert ("Members!K2", "GG112") in codes
    assert ("'Terms of reference'!E2", "GG118") in codes
    assert ("'Terms of reference'!I2", "GG114") in codes
    assert ("'Terms of reference'!A3", "GG102") in codes
    assert len(found) == 4, found


def test_a_rule_sets_parts_that_are_not_pairs_are_located() -> None:
    def change(book: Workbook) -> None:
        book["Rule sets"]["B2"] = "board swl-icb-board"

    ((where, code, message),) = errors(edited(NHS / "swl-icb.yaml", change))
    assert (where, code) == ("'Rule sets'!B2", "GG112")
    assert "part = id" in message


def test_a_workbook_with_terms_saved_by_libreoffice_reads_back(tmp_path: Path) -> None:
    model = load(NHS / "nth-audit-committee.yaml")
    book = tmp_path / "terms.xlsx"
    book.write_bytes(workbook_bytes(model))
    saved = convert(book, "xlsx:Calc MS Excel 2007 XML", tmp_path / "saved")
    assert saved.read_bytes() != book.read_bytes()
    assert comparable(load_bytes(read_workbook(saved).text.encode(), "again.yaml")) == comparable(model)
