"""Word documents for board papers: the structure of a model (`govgraph paper`) and a change log between two
versions (`govgraph diff --format docx`); the one module that imports python-docx.

A paper opens with its title and what the model records, then the structure diagram and a table of the bodies with
their chairs, status and what each is accountable to: the diagram first, on the first page under the opening, where
its body names read there upright; else the table first and the diagram after it, on a page turned for it, so that
the first page does not hold only the title and a sentence. Then, where asked for, chosen bodies in detail (each with
its own diagram), the terms of reference of chosen bodies and the changes since an earlier version, then the sources
the model cites. Everything is set in Word's own styles (Title, Subtitle, Heading 1 and 2, Caption, List Bullet, a
table style), so an organisation's template restyles it (`template`: its styles, page size, margins, headers and
footers are kept; its body text is not). Each picture has a numbered caption (a Word `SEQ Figure` field, so a table
of figures works) and alternative text saying what it shows in words.

A diagram is arranged for the room its page leaves it (`_Paper.rooms`: the text area less a heading and a caption,
upright and turned), drawn at the page's width or height, whichever limits it, and never larger than its natural
size; the page is turned to landscape for it when that gives it more room. Its body names must come out at
`READABLE_PT` or more to be read on paper: a structure too large for one diagram is divided as every diagram is (an
overview, then each sheet its boxes open, `govgraph.render.diagram.diagram_sheets`), and a figure that still comes
out smaller (on a page smaller than A4, say) is included with a warning (`PaperWarning`) that says how small its
text is and what to draw instead. Only what the model says is written: a chair not recorded is "not recorded",
never guessed.

The same inputs give the same bytes: the document's dates and the zip's times are fixed.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import struct
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt

from govgraph import time, vocabulary
from govgraph.changes.diff import ModelDiff
from govgraph.errors import InvalidOption
from govgraph.model import Body, Model, PartialDate, Relation
from govgraph.render.changelog import diff_outline
from govgraph.render.diagram import diagram_sheets
from govgraph.render.measure import A4_ROOMS, MARGIN, Room, scale_in
from govgraph.render.org_chart import PAD, arrange
from govgraph.render.words import (
    chair_gap,
    chair_groups,
    dated,
    kind_words,
    no_line_up,
    relation_verb,
    relation_words,
    source_use,
    status_words,
)
from govgraph.stablezip import fixed_times
from govgraph.views import Diagram

#: Body names on a printed diagram at less than this are hard to read (issue 22's measure for A4).
READABLE_PT = 7.0
#: Pixels per inch of a diagram's picture on paper: sharp when printed.
PRINT_DPI = 200
_A4 = (Cm(21.0), Cm(29.7))
#: The page's margins are the ones the A4 rule assumes (`govgraph.render.measure.MARGIN`, 15 mm), so that a
#: diagram that rule divided to print at 7 pt does so here; with 2 cm, the London overview printed at 6.9 pt.
_MARGIN = Pt(MARGIN)
#: The footer's distance from the page's edge: inside the margin, leaving all of the text area to the text.
_FOOTER_DISTANCE = Cm(0.8)
#: Room a figure leaves on its page for its heading and caption.
_FIGURE_ROOM = Cm(3.5)
_TABLE_STYLES = ("Light List Accent 1", "Table Grid")
_FIXED_TIME = dt.datetime(2000, 1, 1)


class PaperWarning(UserWarning):
    """A diagram in the paper comes out too small to read."""


@dataclass(frozen=True)
class Figure:
    """A diagram ready to be placed: its DOT, its size in points as laid out, the smallest of its body names, and
    what it shows in words (its alternative text). Its picture is drawn once its size on the page is known."""

    dot: str
    width: float
    height: float
    smallest_name: float
    title: str
    description: str
    engine: str | None = None

    def png(self, scale: float) -> tuple[bytes, float, float]:
        """The picture for printing at `scale` of its natural size: sharp (`PRINT_DPI` on paper), never larger
        than that needs (a large diagram drawn at full resolution took seconds, for pixels no printer shows).
        Returns the PNG and its natural size in points.

        Raises:
            EngineNotFound, EngineFailed: see `govgraph.render.engine.run_engine`.
        """
        from govgraph.render.engine import run_engine

        dpi = min(max(math.ceil(PRINT_DPI * scale), 72), PRINT_DPI)
        png = run_engine(self.dot, "png", engine=self.engine, arguments=(f"-Gdpi={dpi}",))
        pixels_wide, pixels_high = struct.unpack(">II", png[16:24])
        return png, pixels_wide * 72 / dpi, pixels_high * 72 / dpi


def diagram_figure(diagram: Diagram, *, engine: str | None = None, rooms: Sequence[Room] = A4_ROOMS) -> Figure:
    """Lay `diagram` out for a paper, with what is needed to place it readably.

    Args:
        rooms: the room the paper's pages leave a figure, upright and turned (`_Paper.rooms`): the diagram is
            arranged to print largest there. A paper's page leaves less room than A4's own rule assumes (margins,
            a heading and a caption), and its landscape room is wider for its height: the London overview, arranged
            for A4, printed its names at 6.2 pt; arranged for the paper's page, at 7 pt or more.

    Raises:
        EngineNotFound, EngineFailed: see `govgraph.render.engine.run_engine`.
    """
    from govgraph.render.dot import diagram_dot
    from govgraph.render.engine_layout import diagram_layout

    dot = diagram_dot(diagram, depth=arrange(diagram, rooms=rooms).depth)
    layout = diagram_layout(diagram, engine=engine, dot=dot)
    # A box's name is its largest text; its other lines are smaller on purpose (`govgraph.render.measure`).
    sizes = [max(t.size for t in shape.text) for shape in layout.bodies if shape.text]
    pad = PAD * 2  # the picture's margin, around the drawing (the DOT's `pad`)
    return Figure(
        dot,
        layout.width + pad,
        layout.height + pad,
        min(sizes, default=0.0),
        diagram.title,
        diagram.describe(),
        engine,
    )


class _Paper:
    """A Word document being written, in the styles of its template."""

    def __init__(self, template: bytes | None, title: str) -> None:
        self.doc: DocumentObject = Document(io.BytesIO(template)) if template is not None else Document()
        self.figures = 0
        #: Whether the last pages were turned for figures: the next text turns them back (`_upright`), the next
        #: figure that is as large on them stays on them.
        self.turned = False
        #: While a figure is placed, its heading, picture and caption go on its page as it is.
        self.placing = False
        if template is not None:
            # The template's styles, page and headers stay; whatever it says in its body does not.
            body = self.doc.element.body
            for child in list(body):
                if child.tag != qn("w:sectPr"):
                    body.remove(child)
        else:
            section = self.doc.sections[0]
            section.page_width, section.page_height = _A4
            for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
                setattr(section, side, _MARGIN)
            section.header_distance = section.footer_distance = _FOOTER_DISTANCE
            self._footer(title)
        properties = self.doc.core_properties
        properties.title = _clean(title)
        properties.author = properties.last_modified_by = "govgraph"
        properties.revision = 1
        properties.created = properties.modified = properties.last_printed = _FIXED_TIME

    def _footer(self, title: str) -> None:
        paragraph = self.doc.sections[0].footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(_clean(f"{title} · page "))
        _field(paragraph, "PAGE", "1")

    def style(self, name: str) -> str | None:
        """The style `name` where the template has it."""
        try:
            self.doc.styles[name]
        except KeyError:
            return None
        return name

    def heading(self, text: str, level: int) -> None:
        self._upright()
        self.doc.add_heading(_clean(text), level)

    def paragraph(self, text: str = "", style: str | None = None) -> Any:
        self._upright()
        return self.doc.add_paragraph(_clean(text), self.style(style) if style else None)

    def _upright(self) -> None:
        """Back to the paper's own way up, on a new page, when the pages were turned for figures and text follows.
        Figures that follow one another on turned pages stay on them: turning back after each left a blank page
        between two turned figures, half the pages of a paper on a structure of several sheets."""
        if self.turned and not self.placing:
            width, height = self.usable()
            self.turn(landscape=width < height)
            self.turned = False

    def bullets(self, items: Sequence[str]) -> None:
        for item in items:
            self.paragraph(item, "List Bullet")

    def table(self, header: Sequence[str] | None, rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
        """A table in the template's table style; with a `header`, its first row, repeated on every page the
        table runs onto; without, the first column names each row (in bold)."""
        self._upright()
        columns = len(widths)
        table = self.doc.add_table(rows=0, cols=columns)
        style = next((s for s in _TABLE_STYLES if self.style(s)), None)
        if style is not None:
            table.style = style
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        if header is not None:
            cells = table.add_row().cells
            for cell, text in zip(cells, header, strict=True):
                cell.text = _clean(text)
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            table.rows[0]._tr.get_or_add_trPr().append(repeat)
        else:
            # The style's header row and banding are turned off: every row is a fact, named in its first cell.
            look = table._tbl.tblPr.first_child_found_in("w:tblLook")
            if look is None:
                look = OxmlElement("w:tblLook")
                table._tbl.tblPr.append(look)
            look.set(qn("w:firstRow"), "0")
            look.set(qn("w:firstColumn"), "1")
            look.set(qn("w:noHBand"), "1")
            look.set(qn("w:val"), "0080")
        for row in rows:
            added = table.add_row()
            # A row is kept on one page (a body's entry split over two pages is hard to read).
            added._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            cells = added.cells
            for cell, text in zip(cells, row, strict=True):
                lines = text.split("\n")
                cell.text = _clean(lines[0])
                for line in lines[1:]:
                    cell.add_paragraph(_clean(line))
            if header is None:
                for run in cells[0].paragraphs[0].runs:
                    run.bold = True
        usable = self.usable()[0]
        total = sum(widths)
        sizes = [Emu(int(usable * width / total)) for width in widths]
        # Both the grid (which LibreOffice reads) and each cell (which Word reads) carry the widths.
        for column, size in zip(table.columns, sizes, strict=True):
            column.width = size
        for row in table.rows:
            for cell, size in zip(row.cells, sizes, strict=True):
                cell.width = size

    def rooms(self) -> tuple[Room, Room]:
        """The room a figure has on the current page and on the page turned (points; see `_room`)."""
        width, height = self.usable()
        return _room(width, height), _room(height, width)

    def usable(self) -> tuple[int, int]:
        section = self.doc.sections[-1]
        width = int(section.page_width or _A4[0]) - int(section.left_margin or 0) - int(section.right_margin or 0)
        height = int(section.page_height or _A4[1]) - int(section.top_margin or 0) - int(section.bottom_margin or 0)
        return width, height

    def turn(self, landscape: bool) -> None:
        """Start a new page turned as asked, in a section of its own."""
        current = self.doc.sections[-1]
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        wide, high = sorted((int(current.page_width or _A4[0]), int(current.page_height or _A4[1])))
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (Emu(high), Emu(wide)) if landscape else (Emu(wide), Emu(high))

    def room_left(self) -> Room:
        """The room (points) a figure would have under what the current page already holds, its heading and
        caption aside: the page's text area less the estimated height of the paragraphs written on it so far (the
        paper's opening: only paragraphs come before its first figure). The estimate errs on the generous side of
        the text, so that a figure sized for this room stays on the page."""
        width, height = self.usable()
        used = sum(self._estimated_height(p, width / 12700) for p in self.doc.paragraphs)
        return _room(width, height - int(used * 12700))

    def _estimated_height(self, paragraph: Any, width: float) -> float:
        """How tall (points) `paragraph` comes out on a text area `width` points wide, in its style's size and
        spacing (those of the template where it sets them): its lines, at half an em a character, with room to
        spare."""
        size = spacing_before = spacing_after = line = None
        style = paragraph.style
        while style is not None:
            font, form = style.font, style.paragraph_format
            size = size if size is not None else font.size
            spacing_before = spacing_before if spacing_before is not None else form.space_before
            spacing_after = spacing_after if spacing_after is not None else form.space_after
            line = line if line is not None else form.line_spacing
            style = style.base_style
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))

        def default(path: str) -> Any:
            steps = "/".join(qn(f"w:{step}") for step in path.split("/"))
            return defaults.find(steps) if defaults is not None else None

        default_size, default_spacing = default("rPrDefault/rPr/sz"), default("pPrDefault/pPr/spacing")

        def said(element: Any, name: str) -> str | None:
            value = element.get(qn(name)) if element is not None else None
            return value if value and value.isdigit() else None

        half_points = said(default_size, "w:val")
        points = size.pt if size is not None else (int(half_points) / 2 if half_points else 11.0)

        def spacing(value: Any, side: str) -> float:
            if value is not None:
                return float(value.pt)
            twips = said(default_spacing, f"w:{side}")
            return int(twips) / 20 if twips else 0.0

        if not isinstance(line, float):
            share = said(default_spacing, "w:line")
            line = int(share) / 240 if share else 1.15
        characters = max(len(paragraph.text), 1)
        lines = math.ceil(characters * points * 0.5 / width)
        text = lines * points * 1.2 * line
        return (text + spacing(spacing_before, "before") + spacing(spacing_after, "after")) * 1.15

    def reads_in(self, figure: Figure, room: Room) -> bool:
        """Whether `figure`, fitted to `room` (points), prints its body names at `READABLE_PT` or more."""
        return (
            not figure.smallest_name
            or figure.smallest_name * scale_in(max(figure.width, 1.0), max(figure.height, 1.0), room)
            >= READABLE_PT - 0.005
        )

    def figure(self, figure: Figure, heading: str | None = None, room: Room | None = None) -> None:
        """The figure on the current page if it fits there as large as on a turned page, else on a turned page of
        its own (left turned for the figures after it: see `_upright`); a warning when its body names come out too
        small to read. With a `room` (points: see `room_left`), the figure is fitted to it on the current page,
        as the page is."""
        width, height = self.usable()
        portrait = width < height
        here = _fit(figure.width, figure.height, width, height)
        turned = _fit(figure.width, figure.height, height, width)
        turn = room is None and turned > here * 1.05
        if room is not None:
            here = scale_in(max(figure.width, 1.0), max(figure.height, 1.0), room)
        if turn:
            self.turn(landscape=portrait)
            width, height = height, width
            self.turned = not self.turned
        scale = max(here, turned) if turn else here
        self.placing = True
        if heading:
            self.heading(heading, 1)
        self.figures += 1
        png, natural_width, natural_height = figure.png(scale)
        scale = (
            scale_in(natural_width, natural_height, room)
            if room is not None
            else _fit(natural_width, natural_height, width, height)
        )
        paragraph = self.paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        picture = paragraph.add_run().add_picture(io.BytesIO(png), width=Emu(int(natural_width * scale * 12700)))
        properties = picture._inline.docPr
        properties.set("descr", _clean(figure.description))
        properties.set("title", _clean(figure.title))
        caption = self.paragraph(style="Caption")
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.add_run("Figure ")
        _field(caption, "SEQ Figure \\* ARABIC", str(self.figures))
        caption.add_run(_clean(f": {figure.title}"))
        text = figure.smallest_name * scale
        if figure.smallest_name and text < READABLE_PT:
            warnings.warn(
                f"figure {self.figures} ({figure.title}) fits the page only with its body names at {text:.1f} pt, "
                f"under the {READABLE_PT:g} pt that can be read on paper: choose a smaller part of the model (--view)",
                PaperWarning,
                stacklevel=3,
            )
        self.placing = False

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return fixed_times(out.getvalue())


_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    """`text` without the control characters a Word document cannot hold (a model file may hold them in a
    double-quoted string); they show as nothing anyway, as in the diagrams."""
    return _NOT_IN_XML.sub("", text)


def _room(page_width: int, page_height: int) -> Room:
    """The room (points) a page's text area of `page_width` x `page_height` EMU leaves a figure: all of its width,
    and its height less its heading and caption."""
    return (page_width / 12700, (page_height - int(_FIGURE_ROOM)) / 12700)


def _fit(width: float, height: float, page_width: int, page_height: int) -> float:
    """The scale at which a picture of `width` x `height` points fits a page's text area (in EMU), leaving room
    for its heading and caption; never above its natural size."""
    return scale_in(max(width, 1.0), max(height, 1.0), _room(page_width, page_height))


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    """A Word field (`PAGE`, `SEQ Figure`) in `paragraph`, showing `shown` until Word updates it."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


# The paper's parts ------------------------------------------------------------------------------------------


def _status_words(model: Model, body_id: str, day: dt.date | None, reference: dt.date) -> str:
    body = model.bodies[body_id]
    entry = time.status_entry(body, day, reference=reference)
    since = f" (since {entry.date.describe()})" if entry is not None else ""
    return status_words(time.status_on(body, day, reference=reference)) + since


def _line_words(model: Model, line: Relation, reference: dt.date | None, end: str | None = None) -> str:
    """The body at the line's far end (`end`, else its target), the post it runs through (a liaison's) and when
    it ended, if it had."""
    ended = time.ended_by(line.period, reference)
    notes = [f"through {model.name_of(line.by)}"] if line.by else []
    if ended and line.period.end:
        notes.append(f"ended {line.period.end.describe()}")
    return model.name_of(end or line.target) + (f" ({'; '.join(notes)})" if notes else "")


def _reference(model: Model, as_of: PartialDate | None) -> dt.date:
    return time.reference_day(model, time.moment(as_of))


def _status_count(statuses: Sequence[str | None]) -> str:
    """How many of the bodies are active, in words; those whose status is not recorded are not counted as not
    active, but said apart."""
    active, unknown = statuses.count("active"), statuses.count(None)
    if unknown == len(statuses):
        return "none of them with a status recorded"
    said = f"{active} of them active"
    return said + (f" ({unknown} with no status recorded)" if unknown else "")


def _chairs_cell(model: Model, body: Body) -> str:
    """A body's chairs in a table cell: `X`, `co-chairs: X; Y`, then any other capacity by name (`vice-chair:
    Z`): a vice or deputy chair stands in for the chair and is never counted a co-chair. None recorded is
    `not recorded` for a kind that has a chair (a board, a committee), and nothing for one that has none (a
    project), as on the pages."""
    parts = []
    for label, group in chair_groups(body.chairs):
        names = "; ".join(model.name_of(c.role) for c in group)
        parts.append(names if label == vocabulary.capacity("chair").label else f"{label}: {names}")
    return "; ".join(parts) or chair_gap(body.kind)


def _body_rows(model: Model, reference: dt.date, day: dt.date | None) -> list[list[str]]:
    rows = []
    order = {kind: i for i, kind in enumerate(vocabulary.kind_names())}
    for body in sorted(model.bodies.values(), key=lambda b: (order.get(b.kind, len(order)), b.name.casefold())):
        chairs = _chairs_cell(model, body)
        up = [_line_words(model, r, reference) for r in body.relations if r.kind in vocabulary.accountability()]
        name = body.name + (f" ({body.short})" if body.short else "")
        rows.append(
            [
                name,
                kind_words(body.kind),
                chairs,
                _status_words(model, body.id, day, reference),
                "; ".join(up) or no_line_up(body),
            ]
        )
    return rows


def _detail(paper: _Paper, model: Model, name: str, as_of: PartialDate | None, engine: str | None) -> None:
    from govgraph.queries import show
    from govgraph.views import ViewSelection, select_view

    card = show(model, name, as_of=as_of)
    body = card.body
    paper.heading(body.name + (f" ({body.short})" if body.short else ""), 2)
    if body.description:
        paper.paragraph(body.description)
    reference = card.reference
    facts: list[tuple[str, str]] = [
        ("Kind", kind_words(body.kind)),
        ("Status", _status_words(model, body.id, time.moment(as_of), _reference(model, as_of))),
    ]
    if body.organisation:
        facts.append(("Host organisation", model.name_of(body.organisation)))
    groups = chair_groups(card.chairs) or [("chair", ())]
    for label, group in groups:
        named = [model.name_of(c.role) + dated(c.period, reference) for c in group]
        facts.append((label[:1].upper() + label[1:], "\n".join(named) or "not recorded"))
    members = []
    for member in card.members:
        text = model.name_of(member.member) + (f", as {member.as_}" if member.as_ else "")
        text += dated(member.period, reference)
        members.append(text + (f": {member.note}" if member.note else ""))
    if members:
        facts.append(("Members", "\n".join(members)))
    for kind in vocabulary.by_strength():
        lines = [_line_words(model, r, reference) for r in card.lines_out if r.kind == kind]
        if lines:
            facts.append((relation_words(kind).capitalize(), "\n".join(lines)))
    into = [f"{_line_words(model, r, reference, r.source_body)} {relation_verb(r.kind)} it" for r in card.lines_in]
    if into:
        facts.append(("Lines in", "\n".join(into)))
    history = []
    for entry in card.history:
        said = ", ".join(
            x
            for x in (
                status_words(entry.status) if entry.status else None,
                f"renamed {entry.name}" if entry.name else None,
                f"decided by {model.name_of(entry.decided_by)}" if entry.decided_by else None,
            )
            if x
        )
        history.append(
            f"{entry.date.describe()}: "
            + (f"{said}: {entry.note}" if said and entry.note else said or (entry.note or ""))
        )
    if history:
        facts.append(("History", "\n".join(history)))
    if card.sources:
        facts.append(("Sources", "\n".join(s.title + source_use(card, s.id) for s in card.sources)))
    paper.table(None, facts, (1, 3))
    local = select_view(model, ViewSelection(focus=body.id, up=1, down=1, as_of=as_of))
    for sheet in diagram_sheets(local):
        paper.figure(diagram_figure(sheet, engine=engine, rooms=paper.rooms()))


def _terms(paper: _Paper, model: Model, name: str, as_of: PartialDate | None) -> None:
    """One body's terms of reference: who sits there with what standing, then the terms in words. A body whose
    terms are not recorded is said to have none recorded, not left out (the reader asked for it)."""
    from govgraph.queries import show
    from govgraph.render.terms import NO_TERMS_RECORDED, membership_table, records_terms, terms_rows

    card = show(model, name, as_of=as_of)
    body = card.body
    paper.heading(body.name + (f" ({body.short})" if body.short else ""), 2)
    rows = terms_rows(model, body, card.as_of)
    if not records_terms(rows, card.chairs, card.members):
        paper.paragraph("The model records no terms of reference for this body.")
        return
    seats = membership_table(model, card.chairs, card.members)
    if seats:
        # A Note column (the terms' own words on a seat) only where some seat has one.
        header: tuple[str, ...] = ("Member", "Standing", "Seats", "Sits as")
        widths: tuple[float, ...] = (3.6, 2.6, 1.4, 3.4)
        if any(seat.note for seat in seats):
            header, widths = (*header, "Note"), (3.0, 2.0, 1.2, 2.2, 3.6)
        rows_of_seats = [[seat.who, seat.standing, seat.seats, seat.as_, seat.note][: len(header)] for seat in seats]
        paper.table(header, rows_of_seats, widths)
    if rows:
        if seats:
            paper.paragraph()
        paper.table(None, [(what[:1].upper() + what[1:], said) for what, said in rows], (1, 3))
    else:
        paper.paragraph(NO_TERMS_RECORDED)


def _changes(paper: _Paper, d: ModelDiff, level: int) -> None:
    summary, sections = diff_outline(d)
    if d.empty:
        paper.paragraph(f"From {d.old_label} to {d.new_label}: no changes.")
        return
    paper.paragraph(f"From {d.old_label} to {d.new_label}: {summary}.")
    for title, items in sections:
        paper.heading(title, level)
        for name, item, phrases in items:
            if len(phrases) == 1:
                paper.paragraph(f"{name} ({item}): {phrases[0]}", "List Bullet")
                continue
            paragraph = paper.paragraph()
            paragraph.add_run(_clean(f"{name} ({item})")).bold = True
            paragraph.paragraph_format.keep_with_next = True
            paper.bullets(phrases)


def _sources(paper: _Paper, model: Model) -> None:
    if not model.sources:
        return
    paper.heading("Sources", 1)
    for source in sorted(model.sources.values(), key=lambda s: s.id):
        parts = [source.title, source.publisher, source.date.describe() if source.date else None, source.url]
        paper.paragraph(", ".join(p for p in parts if p), "List Number")


def _bodies_table(paper: _Paper, model: Model, reference: dt.date, day: dt.date | None) -> None:
    paper.heading("Bodies", 1)
    paper.table(
        ("Body", "Kind", "Chair", "Status", "Accountable to"),
        _body_rows(model, reference, day),
        (3, 2.1, 3, 1.8, 2.4),
    )


def paper_docx(
    model: Model,
    *,
    view: str | None = None,
    as_of: PartialDate | None = None,
    bodies: Sequence[str] = (),
    terms: Sequence[str] = (),
    changes: ModelDiff | None = None,
    template: bytes | None = None,
    engine: str | None = None,
) -> bytes:
    """A board paper on the model's governance structure, as a Word document (see the module docstring).

    Args:
        view: the diagram to show: a named view of the model (default: its `overview` view where it has one,
            else the whole model, its top levels when it is large).
        as_of: describe the structure as it stood on this date.
        bodies: names of bodies to describe in detail, each with its own diagram.
        terms: names of bodies whose terms of reference to give (membership with standing, quorum, meetings,
            reports, approval and review), each as the model records them on `as_of`.
        changes: a comparison with an earlier version (`govgraph.changes.compare`), given as a change log.
        template: a Word document (.docx) whose styles, page and headers to use.

    Raises:
        NameNotFound: an unknown view or body.
        EngineNotFound, EngineFailed: see `govgraph.render.engine.run_engine`.
        InvalidOption: `template` is not a Word document.
    """
    from govgraph.graph import snapshot
    from govgraph.views import ViewSelection, select_view

    chosen = view if view is not None or "overview" not in model.views else "overview"
    # Divided as every diagram is, to print at 7 pt or more: the overview, then each sheet its boxes open.
    sheets = diagram_sheets(select_view(model, ViewSelection(chosen, as_of=as_of)))
    paper = _Paper(_template(template), model.title)
    paper.paragraph(model.title, "Title")
    reference = _reference(model, as_of)
    subtitle = "Governance structure" + (
        f", as of {as_of.describe()}" if as_of else f", as recorded to {model.as_of.describe()}" if model.as_of else ""
    )
    paper.paragraph(subtitle, "Subtitle")
    current = snapshot(model, as_of)
    day = as_of.last if as_of is not None else None
    statuses = [time.status_on(b, day, reference=reference) for b in current.bodies.values()]
    paper.paragraph(
        f"The model records {len(current.bodies)} bodies, {_status_count(statuses)}"
        + (f" as of {as_of.describe()}" if as_of else "")
        + (f", and cites {vocabulary.count(len(model.sources), 'source')}" if model.sources else "")
        + "."
    )
    if model.description:
        paper.paragraph(model.description)
    # The structure's diagram goes under the opening, on the first page as it is, where its body names read there
    # (arranged for that room when the one for a whole page does not fit it); else the table of bodies comes first,
    # and the diagram after it, on a page turned for it where that shows it larger. A diagram turned onto a page of
    # its own left the first page holding the title and a sentence, which reads as a mistake.
    left = paper.room_left()
    first = diagram_figure(sheets[0], engine=engine, rooms=paper.rooms())
    if (
        not paper.reads_in(first, left)
        and left[1] > 0
        and arrange(sheets[0], rooms=(left,)).depth != arrange(sheets[0], rooms=paper.rooms()).depth
    ):
        upright = diagram_figure(sheets[0], engine=engine, rooms=(left,))
        first = upright if paper.reads_in(upright, left) else first
    opens = paper.reads_in(first, left)
    if not opens:
        _bodies_table(paper, current, reference, day)
    paper.figure(first, heading="Structure", room=left if opens else None)
    for sheet in sheets[1:]:
        paper.figure(diagram_figure(sheet, engine=engine, rooms=paper.rooms()))
    if opens:
        _bodies_table(paper, current, reference, day)
    if bodies:
        paper.heading("Bodies in detail", 1)
        for name in bodies:
            _detail(paper, model, name, as_of, engine)
    if terms:
        paper.heading("Terms of reference", 1)
        for name in terms:
            _terms(paper, model, name, as_of)
    if changes is not None:
        paper.heading(f"Changes since {changes.old_label}", 1)
        _changes(paper, changes, 2)
    _sources(paper, model)
    return paper.bytes()


def diff_docx(d: ModelDiff, *, template: bytes | None = None) -> bytes:
    """A change log between two versions of a model, as a Word document for a board paper.

    Raises:
        InvalidOption: `template` is not a Word document.
    """
    title = f"Changes to {d.new.title}"
    paper = _Paper(_template(template), title)
    paper.paragraph(title, "Title")
    _changes(paper, d, 1)
    return paper.bytes()


def _template(template: bytes | None) -> bytes | None:
    if template is None:
        return None
    try:
        Document(io.BytesIO(template))
    except Exception as exc:  # python-docx raises several kinds for a file that is not a Word document
        raise InvalidOption(
            option="template", value="(the file given)", reason=f"this is not a Word document (.docx): {exc}"
        ) from None
    return template
