"""How a Word paper lays its figures out on its pages: turned pages for wide figures, without blank pages between
them, and figures judged readable by their body names, as every diagram is (`govgraph.render.measure`)."""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

import support
from govgraph.loading import load
from govgraph.model import Model
from govgraph.render.diagram import diagram_sheets, render_diagram
from govgraph.render.measure import measure_svg
from govgraph.render.paper import PaperWarning, diagram_figure, paper_docx
from govgraph.views import select_view


@pytest.fixture(scope="module")
def kubernetes() -> Model:
    # The Kubernetes community's sigs.yaml of 2020 (tests/data/real): a structure of 193 bodies, drawn as an
    # overview and the sheets it opens, most of them wider than tall.
    return load(support.REPO / "tests/data/real/kubernetes-2020.yaml")


@pytest.fixture(scope="module")
def kubernetes_paper(kubernetes: Model, engine: str) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PaperWarning)
        return Document(io.BytesIO(paper_docx(kubernetes, engine=engine)))


def _sections(document: Any) -> list[list[Any]]:
    """The body's blocks (paragraphs and tables), section by section: a section ends at the paragraph that
    carries its properties (`w:sectPr`), the last one at the body's own."""
    found: list[list[Any]] = [[]]
    for block in document.element.body:
        if block.tag == qn("w:sectPr"):
            continue
        found[-1].append(block)
        if block.xpath("./w:pPr/w:sectPr"):
            found.append([])
    return found


def _holds_something(blocks: list[Any]) -> bool:
    return any(b.tag == qn("w:tbl") or b.xpath(".//w:drawing") or "".join(b.xpath(".//w:t/text()")) for b in blocks)


def test_figures_one_after_another_share_their_turned_pages(kubernetes_paper: Any) -> None:
    sections = _sections(kubernetes_paper)
    orientations = [s.orientation for s in kubernetes_paper.sections]
    assert len(sections) == len(orientations)
    assert WD_ORIENT.LANDSCAPE in orientations
    # Turning back after each figure left a section (a page) with nothing on it between two turned figures.
    empty = [i for i, blocks in enumerate(sections) if not _holds_something(blocks)]
    assert empty == []
    # The sheets are several figures in a row; they start one run of turned pages, not one section each.
    figures = sum(len(b.xpath(".//w:drawing")) for blocks in sections for b in blocks)
    assert figures > 3
    assert len(sections) < figures
    # The text after them (the table of bodies) is upright again.
    table_section = next(i for i, blocks in enumerate(sections) if any(b.tag == qn("w:tbl") for b in blocks))
    assert orientations[table_section] == WD_ORIENT.PORTRAIT
    assert orientations[0] == WD_ORIENT.PORTRAIT


def test_a_figure_is_judged_by_its_body_names_as_every_diagram_is(kubernetes: Model, engine: str) -> None:
    # The body names are each box's largest text; a paper warned of a box's smaller lines (its kind, its chairs),
    # where every other printed diagram is judged by its names (`measure_svg`).
    sheets = diagram_sheets(select_view(kubernetes))
    sheet = max(sheets, key=lambda s: len(s.nodes))
    figure = diagram_figure(sheet, engine=engine)
    svg = render_diagram(sheet, "svg", engine=engine)
    assert isinstance(svg, str)
    measured = measure_svg(svg)
    assert measured.names_smallest is not None
    assert figure.smallest_name == pytest.approx(measured.names_smallest / measured.scale, rel=0.02)


def _opening(document: Any) -> str:
    return str(next(p.text for p in document.paragraphs if p.text.startswith("The model records")))


def test_bodies_whose_status_is_not_recorded_are_not_counted_as_inactive(kubernetes_paper: Any, engine: str) -> None:
    # sigs.yaml records no status: "0 of them active" said they had all stopped.
    assert _opening(kubernetes_paper) == (
        "The model records 193 bodies, none of them with a status recorded, and cites 1 source."
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PaperWarning)
        london = Document(io.BytesIO(paper_docx(load(support.REPO / "data/governance.yaml"), engine=engine)))
    # The programme closed in March 2025: none of its bodies is active, and 18 have no status in the source.
    assert _opening(london) == (
        "The model records 29 bodies, 0 of them active (18 with no status recorded), and cites 1 source."
    )


# The first page ---------------------------------------------------------------------------------------------

#: Real models whose structure reads upright on A4 (a council's committees, an NHS trust's board committees), and
#: the bundled London model, whose overview reads only on a turned page.
_OPENING_MODELS = {
    "council": "tests/data/real/council/lancaster-committees.yaml",
    "nwas": "tests/data/real/nhs/nwas-board-committees.yaml",
    "london": "data/governance.yaml",
}


@pytest.fixture(scope="module")
def opening_papers(engine: str) -> dict[str, bytes]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", PaperWarning)  # each figure reads at 7 pt or more where it is placed
        return {name: paper_docx(load(support.REPO / path), engine=engine) for name, path in _OPENING_MODELS.items()}


def _text(block: Any) -> str:
    return "".join(block.xpath(".//w:t/text()"))


def _kinds(blocks: list[Any]) -> list[str]:
    """What each block is: a drawing, a table, or the text of a paragraph."""
    return ["drawing" if b.xpath(".//w:drawing") else "table" if b.tag == qn("w:tbl") else _text(b) for b in blocks]


@pytest.mark.parametrize("name", ["council", "nwas"])
def test_a_structure_that_reads_upright_is_drawn_on_the_first_page(opening_papers: dict[str, bytes], name: str) -> None:
    # The Lancaster council's committees were turned onto a landscape page of their own, 6 to 20% larger than
    # upright, where they read at 9.7 pt: the first page held the title and one sentence.
    document = Document(io.BytesIO(opening_papers[name]))
    assert {s.orientation for s in document.sections} == {WD_ORIENT.PORTRAIT}
    kinds = _kinds(_sections(document)[0])
    # Title, subtitle, the opening, then the diagram under its heading, then the table of bodies: one section.
    assert kinds.index("Structure") < kinds.index("drawing") < kinds.index("Bodies") < kinds.index("table")
    assert kinds[kinds.index("drawing") + 1].startswith("Figure 1: ")


def test_a_structure_too_large_to_read_upright_follows_the_bodies_table(opening_papers: dict[str, bytes]) -> None:
    # London's overview prints its names at 4.8 pt upright: it goes on a turned page, after the table of bodies,
    # which fills the first page with what the paper says rather than leave it to the title.
    document = Document(io.BytesIO(opening_papers["london"]))
    sections = _sections(document)
    first = _kinds(sections[0])
    assert "drawing" not in first
    assert first.index("Bodies") < first.index("table")
    assert document.sections[0].orientation == WD_ORIENT.PORTRAIT
    turned = next(i for i, blocks in enumerate(sections) if "drawing" in _kinds(blocks))
    assert document.sections[turned].orientation == WD_ORIENT.LANDSCAPE
    assert _kinds(sections[turned])[0] == "Structure"
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == ["Bodies", "Structure", "Sources"]


def test_the_first_page_printed_holds_the_structure_or_the_bodies(
    opening_papers: dict[str, bytes], tmp_path: Path
) -> None:
    # As LibreOffice lays the papers out: page 1 shows the diagram's caption (council, NHS trust) or the table of
    # bodies (London), not only the title and a sentence.
    paths = []
    for name, paper in opening_papers.items():
        path = tmp_path / f"opening-{name}.docx"
        path.write_bytes(paper)
        paths.append(path)
    council, nwas, london = support.convert_all(paths, "pdf", support.artifacts())
    for pdf, title in ((council, "Lancaster City Council"), (nwas, "North West Ambulance Service")):
        page = support.pdf_page_text(pdf, 1)
        assert title in page
        assert "Figure 1: " in page
        assert "Bodies" in page  # the table starts under the diagram
        assert "Accountable" in page
    page = support.pdf_page_text(london, 1)
    assert "The model records 29 bodies" in page
    assert "London Regional" in page
    assert "Accountable" in page
    assert "Figure 1" not in page
