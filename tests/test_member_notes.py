"""A membership's note (the source's own words on the seat) is said wherever the members are listed.

The North West Ambulance Service Audit Committee's terms say its members are "not less than four" of the
independent Non-Executive Directors; the model keeps those words as the entry's note, and neither `show`, its
JSON, the body page nor the paper said them.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from docx import Document

import support
from govgraph.build.pages import DiagramLinks, body_page
from govgraph.loading import load, load_bytes
from govgraph.render.paper import paper_docx

NWAS = Path(__file__).resolve().parent / "data" / "real" / "nhs" / "nwas-board-committees.yaml"
AUDIT = "nwas-audit-committee"
NOTE = "not less than four, from the independent Non-Executive Directors"


def test_show_says_a_members_note() -> None:
    assert f"Non-Executive Director, as member (4 seats): {NOTE}" in support.ask("show", str(NWAS), AUDIT)


def test_show_as_json_gives_a_members_note() -> None:
    card = json.loads(support.ask("show", str(NWAS), AUDIT, "--format", "json"))
    assert [m["note"] for m in card["members"]] == [NOTE]


def test_the_body_page_says_a_members_note() -> None:
    page = body_page(load(NWAS), AUDIT, diagram=DiagramLinks(title="Around", image="a.svg", files=()), as_of=None)
    assert f"- Non-Executive Director, as member (4 seats): {NOTE}" in page


def test_the_paper_says_a_members_note() -> None:
    document = Document(io.BytesIO(paper_docx(load(NWAS), bodies=["Audit Committee"])))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any(f"as member: {NOTE}" in text for text in cells)


def test_the_terms_of_reference_table_on_the_body_page_has_the_note_column() -> None:
    page = body_page(load(NWAS), AUDIT, diagram=DiagramLinks(title="Around", image="a.svg", files=()), as_of=None)
    terms = page.split("## Terms of reference", 1)[1]
    assert "| Member | Standing | Seats | As | Note |\n|---|---|---|---|---|\n" in terms
    assert f"| Non-Executive Director | not recorded | 4 | member | {NOTE} |\n" in terms
    # A body whose seats have no note keeps the table of four columns.
    plain = load_bytes(
        b"govgraph: 1\ntitle: t\nroles:\n  ned: {title: NED}\nbodies:\n  audit:\n    name: Audit\n"
        b"    kind: committee\n    members: [{role: ned, standing: voting_member, seats: 4}]\n",
        "plain.yaml",
    )
    page = body_page(plain, "audit", diagram=DiagramLinks("Around", "a.svg", ()), as_of=None)
    terms = page.split("## Terms of reference", 1)[1]
    assert "| Member | Standing | Seats | As |\n|---|---|---|---|\n| NED | voting member | 4 |  |\n" in terms


def test_the_terms_of_reference_table_in_the_paper_has_the_note_column() -> None:
    document = Document(io.BytesIO(paper_docx(load(NWAS), terms=["Audit Committee"])))
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    seats = next(t for t in tables if t[0][:2] == ["Member", "Standing"])
    assert seats[0] == ["Member", "Standing", "Seats", "Sits as", "Note"]
    assert ["Non-Executive Director", "not recorded", "4", "member", NOTE] in seats
