"""Editable diagrams (diagrams.net, PowerPoint) and Word papers: read back with the libraries and tools their
users open them with, and converted by LibreOffice headless.

Layouts need a Graphviz engine: without one these tests skip, and fail under GOVGRAPH_REQUIRE_ENGINES=1 (CI).
"""

from __future__ import annotations

import io
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from pptx import Presentation
from pptx.enum.dml import MSO_LINE_DASH_STYLE

import support
from govgraph.changes import compare, diff
from govgraph.errors import InvalidOption
from govgraph.loading import load_bytes
from govgraph.model import Model
from govgraph.render.diagram import render_diagram
from govgraph.render.drawio import layout_drawio
from govgraph.render.engine_layout import Layout, diagram_layout, parse_layout
from govgraph.render.paper import PaperWarning, diff_docx, paper_docx
from govgraph.render.slides import SlideWarning, layout_pptx
from govgraph.views import ViewSelection, select_view
from support import artifacts, convert_all, engine, pdf_pages

# One test process runs this file's tests (`--dist loadgroup`): its module fixtures write the London paper and
# layouts, which each process running one of them would do again.
pytestmark = pytest.mark.xdist_group("office")

GOVGRAPH = Path(sys.executable).with_name("govgraph")
ROOT = support.REPO

SMALL = b"""govgraph: 1
title: 'Board & <committees> "quoted"'
as_of: 2025-01
roles:
  chair: {title: Chair of the board}
bodies:
  board: {name: The Board, kind: board, chairs: [chair]}
  audit: {name: "Audit <script>alert(1)</script> Committee", short: "A&R <b>", kind: committee, reports_to: [board]}
  people: {name: People Committee, kind: committee, reports_to: [board], dotted_to: [audit]}
  forum: {name: Staff Forum, kind: forum, steers: [people]}
  old: {name: Old Group, kind: advisory_group, until: 2024-06, reports_to: [{body: board, until: 2024-06}]}
"""


@pytest.fixture(scope="module")
def small() -> Model:
    return load_bytes(SMALL, "small.yaml")


@pytest.fixture(scope="module")
def small_layout(small: Model) -> Layout:
    engine()
    return diagram_layout(select_view(small))


# The engine's layout ----------------------------------------------------------------------------------------


def test_layout_has_every_body_where_the_engine_put_it(small: Model, small_layout: Layout) -> None:
    assert sorted(s.body for s in small_layout.bodies if s.body) == sorted(small.bodies)
    for shape in small_layout.bodies:
        assert 0 <= shape.x < shape.x + shape.width <= small_layout.width + 1
        assert 0 <= shape.y < shape.y + shape.height <= small_layout.height + 1
    board = next(s for s in small_layout.bodies if s.body == "board")
    audit = next(s for s in small_layout.bodies if s.body == "audit")
    assert board.y + board.height < audit.y  # the top of the structure is at the top (y counts down the page)
    # The name says the kind, so the box does not say it again; the chair's title is said once.
    assert [t.text for t in board.text][:2] == ["The Board", "Chair of the board"]
    assert "kind-committee" in audit.classes
    assert audit.fill is not None
    relations = {(line.source, line.relation, line.target) for line in small_layout.lines}
    assert ("audit", "reports_to", "board") in relations
    assert ("forum", "steers", "people") in relations
    # Lines joined at a junction (audit's, people's and old's into the board) are each carried on to the body
    # they end at: every line joins two bodies, as an editor's connectors do.
    assert all(line.source in small.bodies and line.target in small.bodies for line in small_layout.lines)
    assert len(small_layout.lines) == 5
    dashes = {line.relation: line.dash for line in small_layout.lines if line.source}
    assert dashes == {"reports_to": "solid", "dotted_to": "dashed", "steers": "dotted"}


@pytest.mark.parametrize("command", ["dot", "graphviz-pure"])
def test_both_engines_give_a_layout(small: Model, command: str) -> None:
    engine()
    import shutil

    if shutil.which(command) is None and not Path(sys.executable).with_name(command).exists():
        pytest.skip(f"{command} is not installed")
    layout = diagram_layout(select_view(small), engine=command)
    assert len(layout.bodies) == len(small.bodies)
    assert len([line for line in layout.lines if line.source]) == 5


def test_a_body_drawn_with_an_html_label_is_still_a_body_with_its_lines_of_text() -> None:
    engine()
    from govgraph.render.engine import run_engine

    dot = "digraph { a [shape=box label=<<b>Board</b> of the <i>trust</i><br/>board>]; b -> a; }"
    layout = parse_layout(run_engine(dot, "json"), ["a", "b"])
    board = next(s for s in layout.bodies if s.body == "a")
    assert [t.text for t in board.text] == ["Board of the trust", "board"]


def test_a_layout_that_is_not_json_is_refused() -> None:
    with pytest.raises(ValueError, match="not JSON"):
        parse_layout(b"<svg/>", [])
    with pytest.raises(ValueError, match="no bounding box"):
        parse_layout(b"{}", [])


# diagrams.net ----------------------------------------------------------------------------------------------


def cells(text: str) -> dict[str, ET.Element]:
    root = ET.fromstring(text)
    assert root.tag == "mxfile"
    found = {}
    for holder in root.iter("object"):
        found[holder.get("id", "")] = holder
    return found


def test_drawio_boxes_are_bodies_at_the_engines_positions(small: Model, small_layout: Layout) -> None:
    text = layout_drawio(small_layout, "Small")
    found = cells(text)
    for shape in small_layout.bodies:
        holder = found[shape.body or ""]
        cell = holder.find("mxCell")
        assert cell is not None
        assert cell.get("vertex") == "1"
        geometry = cell.find("mxGeometry")
        assert geometry is not None
        assert float(geometry.get("x", "")) == pytest.approx(shape.x, abs=0.01)
        assert float(geometry.get("width", "")) == pytest.approx(shape.width, abs=0.01)
    assert found["audit"].get("kind") == "committee"
    assert found["audit"].get("tooltip") == small.bodies["audit"].name
    # The label is HTML: model text is escaped in it, so it shows as written.
    assert found["audit"].get("label", "").startswith("A&amp;R &lt;b&gt;<br>")


def test_drawio_lines_join_bodies_in_the_svgs_styles(small_layout: Layout) -> None:
    found = cells(layout_drawio(small_layout, "Small"))
    lines = {}
    for holder in found.values():
        cell = holder.find("mxCell")
        if cell is not None and cell.get("edge") == "1" and cell.get("source"):
            lines[(cell.get("source"), holder.get("relation"), cell.get("target"))] = cell.get("style", "")
    assert "dashed=0" in lines[("audit", "reports_to", "board")]
    assert "endArrow=block;endFill=1" in lines[("audit", "reports_to", "board")]
    assert "dashed=1;dashPattern=6 4" in lines[("people", "dotted_to", "audit")]
    steers = lines[("forum", "steers", "people")]
    assert "dashPattern=1 3" in steers
    assert "endFill=0" in steers
    assert all(not key.startswith("_") or found[key].get("id") == key for key in found)


def test_drawio_is_the_same_for_the_same_model(small: Model) -> None:
    engine()
    first = render_diagram(select_view(small), "drawio")
    assert render_diagram(select_view(small), "drawio") == first
    assert isinstance(first, str)
    assert first.startswith("<mxfile")


# PowerPoint ------------------------------------------------------------------------------------------------


def test_pptx_slide_has_a_named_box_per_body_and_a_named_line_per_relation(small: Model, small_layout: Layout) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = layout_pptx(small_layout, "Small")
    deck = Presentation(io.BytesIO(data))
    (slide,) = deck.slides
    by_name = {shape.name: shape for shape in slide.shapes}
    assert set(small.bodies) <= set(by_name)
    assert by_name["audit"].text_frame.text.startswith("A&R <b>")
    # Each line is a group named by its relation and the bodies it joins: the engine's route, and its end mark.
    assert {"reports_to: audit to board", "steers: forum to people", "dotted_to: people to audit"} <= set(by_name)

    def drawn(name: str) -> Any:
        return next(p for p in by_name[name].shapes if p.name == "Line")

    assert drawn("dotted_to: people to audit").line.dash_style == MSO_LINE_DASH_STYLE.DASH
    assert drawn("steers: forum to people").line.dash_style == MSO_LINE_DASH_STYLE.ROUND_DOT
    assert [p.name for p in by_name["steers: forum to people"].shapes].count("End mark") == 1
    assert by_name["audit"]._element.xpath("./p:nvSpPr/p:cNvPr/@descr") == [small.bodies["audit"].name]


def test_pptx_warns_when_the_drawing_is_too_large_to_read(london: Model) -> None:
    engine()
    with pytest.warns(SlideWarning, match="its text is"):
        render_diagram(select_view(london), "pptx")


def test_pptx_is_the_same_for_the_same_model(small_layout: Layout) -> None:
    assert layout_pptx(small_layout, "Small") == layout_pptx(small_layout, "Small")


# Word ------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def london_paper(london: Model) -> bytes:
    engine()
    changes = compare((str(ROOT / "tests/data/diff/old.yaml"), str(ROOT / "tests/data/diff/new.yaml")), [])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PaperWarning)
        return paper_docx(london, view="programme-2024", bodies=["PCAG", "clp"], changes=changes)


def style_of(paragraph: Any) -> str:
    return str(paragraph.style.name) if paragraph.style is not None else ""


def styles_used(document: Any) -> list[str]:
    return [style_of(p) for p in document.paragraphs]


def test_paper_is_set_in_words_own_styles(london_paper: bytes, london: Model) -> None:
    document = Document(io.BytesIO(london_paper))
    used = styles_used(document)
    assert used[0] == "Title"
    assert document.paragraphs[0].text == london.title
    assert {"Heading 1", "Heading 2", "Caption", "List Bullet", "List Number"} <= set(used)
    headings = [p.text for p in document.paragraphs if style_of(p) == "Heading 1"]
    # The programme's diagram reads only on a turned page: the table of bodies comes first, under the opening.
    assert headings == [
        "Bodies",
        "Structure",
        "Bodies in detail",
        "Changes since " + str(ROOT / "tests/data/diff/old.yaml"),
        "Sources",
    ]
    bodies = document.tables[0]
    assert bodies.style is not None
    assert bodies.style.name == "Light List Accent 1"
    assert [c.text for c in bodies.rows[0].cells] == ["Body", "Kind", "Chair", "Status", "Accountable to"]
    assert bodies.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # repeated on every page
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in bodies.rows[1:]}
    assert len(rows) == len(london.bodies)
    pcag = rows["Personalised Care Advisory Group (PCAG)"]
    assert pcag[1:] == [
        "advisory group",
        "co-chairs: NHSE London Personalised Care SRO; NHSE London Personalised Care Clinical Director",
        "under review (since March 2024)",
        "LCEG",
    ]
    assert rows["London Leaders Group"][2] == "not recorded"  # the source does not say: a gap, not a guess
    assert rows["London Leaders Group"][4] == "top of the structure"  # a board accounts to no body by design
    assert rows["Social Prescribing Advisory Group"][4] == "not recorded"  # the page does not say: a gap


def test_every_picture_has_a_caption_and_alternative_text(london_paper: bytes) -> None:
    document = Document(io.BytesIO(london_paper))
    pictures = document.inline_shapes
    assert len(pictures) == 3  # the structure, and one for each body in detail
    for picture in pictures:
        properties = picture._inline.docPr
        assert properties.get("descr")
        assert properties.get("title")
    captions = [p for p in document.paragraphs if style_of(p) == "Caption"]
    shown = ["".join(c._p.xpath(".//w:t/text()")) for c in captions]  # with what the number field shows
    assert shown[1:] == ["Figure 2: Around PCAG", "Figure 3: Around CLP"]
    assert all(c._p.xpath(".//w:fldSimple[starts-with(@w:instr, 'SEQ Figure')]") for c in captions)


def test_a_wide_diagram_gets_a_landscape_page(small: Model) -> None:
    # Five committees side by side, each with a group below it: a row no arrangement can wrap.
    engine()
    wide = load_bytes(
        b"govgraph: 1\ntitle: Wide\nbodies:\n  top: {name: Top, kind: board}\n"
        + b"".join(
            f"  c{i}: {{name: Committee number {i} with a long name, kind: committee, reports_to: [top]}}\n"
            f"  g{i}: {{name: Group {i}, kind: project, reports_to: [c{i}]}}\n".encode()
            for i in range(5)
        ),
        "wide.yaml",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PaperWarning)
        document = Document(io.BytesIO(paper_docx(wide)))
    orientations = [s.orientation for s in document.sections]
    assert WD_ORIENT.LANDSCAPE in orientations
    assert orientations[0] == WD_ORIENT.PORTRAIT
    assert orientations[-1] == WD_ORIENT.PORTRAIT  # the pages after the figure are upright again


def test_the_london_overview_prints_readably_on_the_papers_own_page(london: Model) -> None:
    # Arranged for A4's rule on a page with wider margins, it printed its names at 6.2 pt, with a warning; arranged
    # for the paper's own page (margins, heading and caption left), at 7 pt or more.
    engine()
    with warnings.catch_warnings():
        warnings.simplefilter("error", PaperWarning)
        document = Document(io.BytesIO(paper_docx(london, view="overview")))
    assert len(document.inline_shapes) == 1


def test_a_diagram_too_large_to_read_is_warned_about(london: Model) -> None:
    # On an A6 page (a template's), the overview cannot print at 7 pt however it is arranged.
    engine()
    from docx.shared import Cm

    template = Document()
    section = template.sections[0]
    section.page_width, section.page_height = Cm(10.5), Cm(14.8)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1))
    out = io.BytesIO()
    template.save(out)
    with pytest.warns(PaperWarning, match="under the 7 pt"):
        paper_docx(london, view="overview", template=out.getvalue())


def test_template_styles_are_used_and_its_text_is_not(small: Model, tmp_path: Path) -> None:
    engine()
    from docx.shared import RGBColor

    template = Document()
    template.styles["Heading 1"].font.color.rgb = RGBColor(0x80, 0x00, 0x80)
    template.add_paragraph("Delete me: the template's own text")
    out = io.BytesIO()
    template.save(out)
    document = Document(io.BytesIO(paper_docx(small, template=out.getvalue())))
    assert document.styles["Heading 1"].font.color.rgb == RGBColor(0x80, 0x00, 0x80)
    assert all("Delete me" not in p.text for p in document.paragraphs)
    with pytest.raises(InvalidOption, match="not a Word document"):
        paper_docx(small, template=b"not a zip")


def test_control_characters_a_model_may_hold_are_left_out_of_a_paper() -> None:
    engine()
    model = load_bytes(
        b'govgraph: 1\ntitle: "Bell \\a board"\nbodies:\n  a: {name: "A\\x1f B", kind: board}\n', "t.yaml"
    )
    document = Document(io.BytesIO(paper_docx(model)))
    assert document.paragraphs[0].text == "Bell  board"
    assert document.tables[0].rows[1].cells[0].text == "A B"


def test_paper_is_the_same_for_the_same_model(small: Model) -> None:
    engine()
    assert paper_docx(small) == paper_docx(small)


def test_diff_docx_lists_the_changes(repo_root: Path) -> None:
    old = load_bytes((repo_root / "tests/data/diff/old.yaml").read_bytes(), "old.yaml")
    new = load_bytes((repo_root / "tests/data/diff/new.yaml").read_bytes(), "new.yaml")
    document = Document(io.BytesIO(diff_docx(diff(old, new, old_label="v1", new_label="v2"))))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == f"Changes to {new.title}"
    assert texts[1].startswith("From v1 to v2: 1 body added, 1 removed")
    assert "Bodies" in [p.text for p in document.paragraphs if style_of(p) == "Heading 1"]
    assert any(t.startswith("Closing Project (closing): status changed from not recorded to closed") for t in texts)
    same = Document(io.BytesIO(diff_docx(diff(old, old, old_label="v1", new_label="v1"))))
    assert [p.text for p in same.paragraphs][1] == "From v1 to v1: no changes."


# The command line and LibreOffice ------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return support.govgraph(*args)


def test_the_commands_write_each_format(tmp_path: Path, repo_root: Path) -> None:
    engine()
    model = str(repo_root / "data" / "governance.yaml")
    paper = run("paper", model, "--view", "overview", "--body", "PCAG", "-o", str(tmp_path / "paper.docx"))
    assert paper.returncode == 0, paper.stderr
    assert "warning" not in paper.stderr  # the whole structure reads on the paper's page
    done = run(
        "render",
        model,
        "--focus",
        "PCAG",
        "--up",
        "1",
        "--down",
        "1",
        "--format",
        "pptx",
        "-o",
        str(tmp_path / "p.pptx"),
    )
    assert done.returncode == 0, done.stderr
    done = run("render", model, "--view", "overview", "--format", "drawio", "-o", str(tmp_path / "o.drawio"))
    assert done.returncode == 0, done.stderr
    assert "pcag" in cells((tmp_path / "o.drawio").read_text(encoding="utf-8"))
    done = run(
        "diff",
        str(repo_root / "tests/data/diff/old.yaml"),
        str(repo_root / "tests/data/diff/new.yaml"),
        "--format",
        "docx",
        "-o",
        str(tmp_path / "d.docx"),
    )
    assert done.returncode == 0, done.stderr
    bad = tmp_path / "bad.docx"
    bad.write_text("not a document", encoding="utf-8")
    refused = run("paper", model, "--template", str(bad), "-o", str(tmp_path / "x.docx"))
    assert refused.returncode == 2
    assert "--template" in refused.stderr
    assert "not a Word document" in refused.stderr
    assert not (tmp_path / "x.docx").exists()


def test_each_office_format_converts_to_pdf_with_libreoffice(
    tmp_path: Path, london_paper: bytes, london: Model
) -> None:
    paper = tmp_path / "london-paper.docx"
    paper.write_bytes(london_paper)
    slide = tmp_path / "london-pcag.pptx"
    drawn = render_diagram(select_view(london, ViewSelection(focus="pcag", up=1, down=1)), "pptx")
    assert isinstance(drawn, bytes)
    slide.write_bytes(drawn)
    paper_pdf, slide_pdf = convert_all([paper, slide], "pdf", artifacts())
    assert pdf_pages(paper_pdf) >= 4
    assert pdf_pages(slide_pdf) == 1


def test_missing_libreoffice_fails_when_engines_are_required(monkeypatch: pytest.MonkeyPatch) -> None:
    from support import soffice

    monkeypatch.setenv("GOVGRAPH_SOFFICE", "")
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setenv("GOVGRAPH_REQUIRE_ENGINES", "1")
    with pytest.raises(pytest.fail.Exception, match="GOVGRAPH_REQUIRE_ENGINES=1"):
        soffice()
    monkeypatch.setenv("GOVGRAPH_REQUIRE_ENGINES", "0")
    with pytest.raises(pytest.skip.Exception):
        soffice()


@pytest.mark.parametrize(
    "command",
    [
        "import govgraph",
        "import govgraph.cli",
        "from govgraph.cli import main; main(['check', 'data/governance.yaml'])",
        "from govgraph.cli import main; main(['export', '--format', 'json', '-o', '/dev/null'])",
    ],
)
def test_the_office_libraries_are_imported_only_when_needed(command: str) -> None:
    """`import govgraph` and the commands that write no Office file stay as quick to start as they were."""
    probe = (
        "import sys\n"
        f"try:\n    {command}\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('openpyxl', 'docx', 'pptx') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr
    wanted = "from govgraph.cli import main; main(['export', '--format', 'xlsx', '-o', '/dev/null'])"
    probe = probe.replace(command, wanted)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.stdout.strip().splitlines()[-1] == "['openpyxl']", done.stderr  # the probe can see an import
