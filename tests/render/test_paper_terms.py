"""Terms of reference in the Word paper: `govgraph paper --terms NAME` gives the chosen bodies' terms, read back
with python-docx and opened, set on pages and read as text by LibreOffice."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from govgraph.errors import NameNotFound
from govgraph.loading import load, load_bytes
from govgraph.render.paper import paper_docx
from support import DATA, convert, govgraph, pdf_pages

# One test process runs this file's tests (`--dist loadgroup`): its module fixture writes a paper, which each process
# running one of them would do again.
pytestmark = pytest.mark.xdist_group("paper-terms")

NHS = DATA / "real" / "nhs"


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
    # A Note column: some seats carry the terms' own words.
    seats = next(t for t in tables if t[0] == ["Member", "Standing", "Seats", "Sits as", "Note"])
    assert ["Non-Executive Director", "chair", "", "", ""] in seats
    assert [
        "Non-Executive Director",
        "voting member",
        "3",
        "member",
        "not less than three Non-Executive Directors (§3.1)",
    ] in seats
    assert ["Director of Finance", "attendee", "", "normally attends (§5.1)", ""] in seats
    terms = next(t for t in tables if t and t[0][0] == "Membership")
    assert terms[:6] == [
        ["Membership", "at least 3 members"],
        ["Quorum", "2 voting members"],
        ["Meets", "at least once a year"],
        # The meeting's own note: the one meeting the stored terms ask for.
        [
            "On meetings",
            "At least once a year the Committee should meet privately with the external and internal auditors (§5.1).",
        ],
        # The stored terms give no report: a gap, said as one.
        ["Reports", "not recorded"],
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
    done = govgraph("paper", str(NHS / "lsc-icb-engagement-committee.yaml"), "--terms", "lsc-pieac", "-o", str(out))
    assert done.returncode == 0, done.stderr
    tables = [_cells(t) for t in Document(str(out)).tables]
    assert ["Membership", "at least 7 members"] in next(t for t in tables if t and t[0][0] == "Membership")
    # LibreOffice opens it, sets it on pages, and reads the terms in it as text.
    assert pdf_pages(convert(out, "pdf", tmp_path / "pdf")) >= 2
    text = convert(out, "txt:Text (encoded):UTF8", tmp_path / "txt").read_text(encoding="utf-8")
    assert "Terms of reference" in text
    assert "at least 7 members" in text
    unknown = govgraph("paper", str(NHS / "lsc-icb-engagement-committee.yaml"), "--terms", "nobody", "-o", str(out))
    assert unknown.returncode != 0
    assert "nobody" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_a_body_with_seats_recorded_and_no_terms_says_its_terms_are_not_recorded() -> None:
    text = (
        b"govgraph: 1\ntitle: t\nroles:\n  ned: {title: NED}\n  cfo: {title: CFO}\nbodies:\n"
        b"  board: {name: Board, kind: board, chairs: [ned]}\n"
        b"  remco:\n    name: Remco\n    kind: committee\n    reports_to: [board]\n    chairs: [ned]\n"
        b"    members: [{role: cfo, standing: attendee}]\n"
    )
    document = Document(io.BytesIO(paper_docx(load_bytes(text, "t.yaml"), terms=["Remco"])))
    texts = [p.text for p in document.paragraphs]
    # The seats are in the table; what the terms would say is a gap, said once, not left blank.
    assert "Its quorum, meetings, reporting and review are not recorded." in texts
    assert "The model records no terms of reference for this body." not in texts
    seats = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["CFO", "attendee", "", ""] in seats
