"""How a Word paper lays its figures out on its pages: turned pages for wide figures, without blank pages between
them, and figures judged readable by their body names, as every diagram is (`govgraph.render.measure`)."""

from __future__ import annotations

import io
import warnings
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
