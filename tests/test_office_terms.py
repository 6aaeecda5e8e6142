"""Terms of reference in the Office formats: the workbook holds them (a sheet for the terms, who must be present
for a quorum, reports made and expected, rule sets) and reads them back losslessly, with errors at their cell;
the Word paper gives the terms of chosen bodies, read back with python-docx and converted by LibreOffice."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook

from govgraph.errors import ModelError, NameNotFound
from govgraph.exchange.xlsx import CellLocation, import_workbook, read_workbook, workbook_bytes
from govgraph.loading import load, load_bytes
from govgraph.model import Model
from govgraph.render.paper import paper_docx
from office import convert, pdf_pages
from test_exchange_export import comparable
from test_terms_vocabulary import MODEL as WORDS

GOVGRAPH = Path(sys.executable).with_name("govgraph")
ROOT = Path(__file__).resolve().parent.parent
NHS = ROOT / "tests" / "data" / "real" / "nhs"
REAL = sorted(p for p in NHS.glob("*.yaml") if not p.name.endswith(".tor-facts.yaml"))


def round_trip(model: Model) -> Model:
    return load_bytes(import_workbook(workbook_bytes(model), "book.xlsx").text.encode("utf-8"), "again.yaml")


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(GOVGRAPH), *arguments], capture_output=True, text=True, check=False)


# The workbook ---------------------------------------------------------------------------------------------


def test_the_real_committees_are_the_ones_with_terms() -> None:
    assert [p.name for p in REAL] == ["lsc-icb-engagement-committee.yaml", "nth-audit-committee.yaml", "swl-icb.yaml"]
    assert all(any(b.terms is not None for b in load(p).bodies.values()) for p in REAL[:2])


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.stem)
def test_export_import_diff_says_no_changes_for_the_real_committees(tmp_path: Path, path: Path) -> None:
    book, again = tmp_path / "book.xlsx", tmp_path / "again.yaml"
    assert run("export", str(path), "--format", "xlsx", "-o", str(book)).returncode == 0
    imported = run("import", "xlsx", str(book), "-o", str(again))
    assert imported.returncode == 0, imported.stderr
    diff = run("diff", str(path), str(again))
    assert diff.returncode == 0, diff.stderr
    assert diff.stdout.rstrip().endswith("No changes.")
    assert comparable(load(again)) == comparable(load(path))


def test_the_vocabulary_of_real_terms_comes_back_from_the_workbook() -> None:
    """Vice and acting chairs, appointed by, standing, seats, a seat for another organisation, past holders and
    members, a holder known on one date, a closure by a date, a top by design, liaison through a post."""
    model = load_bytes(WORDS.encode(), "words.yaml")
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


# The Word paper -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def audit_paper() -> bytes:
    return paper_docx(load(NHS / "nth-audit-committee.yaml"), terms=["Audit Committee", "nth-board"])


def _cells(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_paper_gives_the_terms_of_the_bodies_asked_for(audit_paper: bytes) -> None:
    document = Document(io.BytesIO(audit_paper))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style and p.style.name.startswith("Heading")]
    at = headings.index(("Heading 1", "Terms of reference"))
    assert headings[at + 1 : at + 3] == [("Heading 2", "Audit Committee"), ("Heading 2", "Board")]
    tables = [_cells(t) for t in document.tables]
    seats = next(t for t in tables if t[0] == ["Member", "Standing", "Seats", "Sits as"])
    assert ["Non-Executive Director", "chair", "", ""] in seats
    assert ["Non-Executive Director", "voting member", "3", "member"] in seats
    assert ["Director of Finance", "attendee", "", "normally attends (§5.1)"] in seats
    terms = next(t for t in tables if t and t[0][0] == "Membership")
    assert terms[:4] == [
        ["Membership", "at least 3 members"],
        ["Quorum", "2 voting members"],
        ["Meets", "at least once a year"],
        ["May not sit on it", "Chairman of the Trust"],
    ]
    texts = [p.text for p in document.paragraphs]
    # The board's terms are not recorded: said so, not left out or filled in.
    assert "The model records no terms of reference for this body." in texts


def test_without_terms_asked_the_paper_has_no_terms_section() -> None:
    document = Document(io.BytesIO(paper_docx(load(NHS / "nth-audit-committee.yaml"))))
    assert "Terms of reference" not in [p.text for p in document.paragraphs]


def test_an_unknown_body_for_terms_is_named() -> None:
    with pytest.raises(NameNotFound):
        paper_docx(load(NHS / "nth-audit-committee.yaml"), terms=["Audit Comittee X"])


def test_paper_terms_on_the_command_line_and_in_libreoffice(tmp_path: Path) -> None:
    out = tmp_path / "terms.docx"
    done = run("paper", str(NHS / "lsc-icb-engagement-committee.yaml"), "--terms", "lsc-pieac", "-o", str(out))
    assert done.returncode == 0, done.stderr
    tables = [_cells(t) for t in Document(str(out)).tables]
    assert ["Membership", "at least 7 members"] in next(t for t in tables if t and t[0][0] == "Membership")
    # LibreOffice opens it, sets it on pages, and reads the terms in it as text.
    assert pdf_pages(convert(out, "pdf", tmp_path / "pdf")) >= 2
    text = convert(out, "txt:Text (encoded):UTF8", tmp_path / "txt").read_text(encoding="utf-8")
    assert "Terms of reference" in text
    assert "at least 7 members" in text
    unknown = run("paper", str(NHS / "lsc-icb-engagement-committee.yaml"), "--terms", "nobody", "-o", str(out))
    assert unknown.returncode != 0
    assert "nobody" in unknown.stderr
    assert "Traceback" not in unknown.stderr
