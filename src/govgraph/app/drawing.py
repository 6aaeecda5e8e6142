"""Drawing a view: `govgraph render`, `govgraph diff`'s diagrams, the Sphinx directive, and the interactive page.

One rule for large structures serves all of them and the documentation build (`render.diagram.diagram_sheets`):
a diagram that would not print on A4 with its names at 7 pt is divided into a linked set of sheets, an overview
and the branches its boxes open, unless the caller asks for every body in one (`full`). This module writes the
set (the overview to the file asked for, the others beside it, each linking to the others) and adds the note that
says so. Warnings from the engine become notes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from govgraph.app.files import output_format, put, write_file
from govgraph.app.models import read_model
from govgraph.app.outcome import Note, Outcome, Written, warnings_as_notes
from govgraph.errors import ParameterError
from govgraph.model import Model

if TYPE_CHECKING:
    from govgraph.views import Diagram, ViewSelection

#: What `govgraph render` draws, and the file extensions that name each format.
RENDER_FORMATS: tuple[str, ...] = ("dot", "svg", "png", "pdf", "mermaid", "html", "drawio", "pptx")
RENDER_EXTENSIONS: Mapping[str, str] = {
    ".dot": "dot",
    ".gv": "dot",
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".html": "html",
    ".htm": "html",
    ".drawio": "drawio",
    ".pptx": "pptx",
}


@dataclass(frozen=True)
class DrawnSheet:
    """One sheet of a diagram as drawn: its id (`Diagram.id`), title, and content in the format asked for."""

    id: str
    title: str
    content: str | bytes


def _sheets_note(sheets: Sequence[Diagram], fmt: str, action: str, parameters: tuple[str, ...]) -> Note:
    """What the reader is told when a diagram is drawn as a linked set: why, how many, and `action` (a template
    naming `parameters`)."""
    bodies = len({n.id for s in sheets for n in s.nodes if not n.group})
    readable = "GitHub draws" if fmt == "mermaid" else "readable on A4"
    return Note(
        "{count} bodies are too many for one diagram {readable}: drawn as {sheets} linked diagrams, the overview "
        "first; " + action,
        parameters=parameters,
        values={"count": f"{bodies:,}", "readable": readable, "sheets": str(len(sheets))},
    )


def draw_sheets(
    sheets: Sequence[Diagram], fmt: str, *, engine: str | None = None, links: Mapping[str, str] | None = None
) -> Outcome[tuple[DrawnSheet, ...]]:
    """Each of `sheets` (`render.diagram.diagram_sheets`) in the diagram format `fmt`.

    Args:
        links: where each sheet is, by its id (a file name, `#anchor`), for the boxes that open it; None: no links.

    Raises:
        EngineNotFound, EngineFailed, ParameterError: as `render.diagram.render_diagram`.
    """
    from govgraph.render.diagram import render_diagram

    drawn = []
    with warnings_as_notes() as caught:
        for sheet in sheets:
            drawn.append(DrawnSheet(sheet.id, sheet.title, render_diagram(sheet, fmt, engine=engine, links=links)))
    return Outcome(tuple(drawn), tuple(caught))


def write_sheets(
    sheets: Sequence[Diagram],
    fmt: str,
    output: str | None,
    *,
    engine: str | None = None,
    advice: str = "",
    parameters: tuple[str, ...] = (),
) -> Outcome[Written]:
    """Write a diagram drawn as `sheets` (one, or an overview and the sheets it links to): the overview to `output`
    (or returned to print), the others beside it as OUTPUT-<part>.<ext>, each SVG and PDF linking to the others.

    Args:
        advice: more the note on a linked set says, on the caller's own options (a template naming
            `parameters`): `{full} draws every body in one diagram`.

    Raises:
        EngineNotFound, EngineFailed, ParameterError: as `render.diagram.render_diagram`.
        UsageError: a file cannot be written.
    """
    target = Path(output) if output is not None else None
    first = sheets[0].id
    stem, suffix = (target.stem, target.suffix) if target is not None else (first, "")
    names = {s.id: f"{stem}{s.id[len(first) :]}{suffix}" for s in sheets}
    notes: list[Note] = []
    if len(sheets) > 1:
        action = "the others beside it" if target is not None else "give {output} FILE to write all of them"
        wanted = parameters if target is not None else ("output", *parameters)
        notes.append(_sheets_note(sheets, fmt, action + (f" ({advice})" if advice else ""), wanted))
    if target is None:
        # Printed: the overview alone, with no links to files that are not written.
        drawn = draw_sheets(sheets[:1], fmt, engine=engine)
        return Outcome(Written(content=drawn.value[0].content), (*notes, *drawn.notes))
    links = names if len(sheets) > 1 else None
    drawn = draw_sheets(sheets, fmt, engine=engine, links=links)
    paths = tuple(target if sheet.id == first else target.with_name(names[sheet.id]) for sheet in drawn.value)
    for path, sheet in zip(paths, drawn.value, strict=True):
        write_file(path, sheet.content)
    return Outcome(Written(files=paths), (*notes, *drawn.notes))


def inline_sheets(
    model_file: str | Path,
    selection: ViewSelection,
    *,
    engine: str | None = None,
    full: bool = False,
    anchor: str = "govgraph",
) -> Outcome[tuple[DrawnSheet, ...]]:
    """A view of the model in `model_file` as SVG for a documentation page (the Sphinx directive): the sheets of
    the one rule (`render.diagram.diagram_sheets`), overview first, each to be placed in the page with the id
    `<anchor>-<sheet id>`, which the boxes that open it link to.

    Raises:
        As `app.models.read_model`, `views.select_view` and `render.diagram.render_diagram`.
    """
    from govgraph.render.diagram import diagram_sheets
    from govgraph.views import select_view

    opened = read_model(model_file)
    sheets = diagram_sheets(select_view(opened.value, selection), "svg", full=full)
    links = {s.id: f"#{anchor}-{s.id}" for s in sheets} if len(sheets) > 1 else None
    drawn = draw_sheets(sheets, "svg", engine=engine, links=links)
    action = f"the others after it in the page, each opened by its box ({ADVICE})"
    notes = [_sheets_note(sheets, "svg", action, ("full", "focus"))] if len(sheets) > 1 else []
    return Outcome(drawn.value, (*opened.notes, *notes, *drawn.notes))


#: What a reader of a linked set can ask for instead, in the words of `render`'s parameters.
ADVICE = "{full} draws every body in one diagram; {focus} BODY draws one part"


def draw(
    model: Model, selection: ViewSelection, fmt: str, *, engine: str | None = None, full: bool = False
) -> Outcome[str | bytes]:
    """The first diagram of the linked set that draws a view of `model` in the diagram format `fmt` (dot, svg, png,
    pdf, mermaid, drawio or pptx): the whole view where it can be read as one (or with `full`), else its overview.

    Args:
        selection: what to draw (`views.select_view`).
        engine: the Graphviz command for svg, png and pdf.
        full: draw every body in one diagram, however small it prints.

    Raises:
        NameNotFound, InvalidOption, ParameterError: as `views.select_view`.
        EngineNotFound, EngineFailed, ParameterError: as `render.diagram.render_diagram`.
    """
    from govgraph.render.diagram import diagram_sheets
    from govgraph.views import select_view

    sheets = diagram_sheets(select_view(model, selection), fmt, full=full)
    drawn = write_sheets(sheets, fmt, None, engine=engine, advice=ADVICE, parameters=("full", "focus"))
    content = drawn.value.content
    assert content is not None
    return Outcome(content, drawn.notes)


def page(
    model: Model, selection: ViewSelection, *, engine: str | None = None, doc_links: str | None = None
) -> Outcome[str]:
    """The interactive page of `model`, or of the view `selection` chooses; it opens at `selection.as_of` and has
    a date control of its own (so `selection.full_history` changes nothing).

    Raises:
        As `render.html.html_page`.
    """
    from govgraph.render.html import html_page

    with warnings_as_notes() as caught:
        text = html_page(model, selection, doc_links=doc_links, engine=engine)
    return Outcome(text, tuple(caught))


def split_parts(diagram: Diagram, fmt: str, output: str | None) -> Outcome[Written]:
    """A Mermaid diagram too large for GitHub written as one file per branch (`output`-1, -2, ...), or whole when
    it fits.

    Raises:
        ParameterError: `fmt` is not mermaid; several parts and no `output` to name them after.
        UsageError: a branch is still too large (`render.mermaid.diagram_mermaid_parts`).
    """
    from govgraph.render.mermaid import diagram_mermaid_parts

    if fmt != "mermaid":
        raise ParameterError(
            "{split} is for {fmt} mermaid (GitHub's Mermaid limits); the other formats draw a large structure as "
            "linked diagrams by themselves (give {output} FILE)",
            parameters=("split", "fmt", "output"),
        )
    parts = diagram_mermaid_parts(diagram)
    if len(parts) == 1:
        return Outcome(put(parts[0], output))
    if output is None:
        raise ParameterError(
            "the diagram is drawn as {count} parts: give {output} FILE to write FILE-1 to FILE-{count}",
            parameters=("output",),
            values={"count": str(len(parts))},
        )
    target = Path(output)
    paths = tuple(target.with_name(f"{target.stem}-{i}{target.suffix}") for i in range(1, len(parts) + 1))
    for path, text in zip(paths, parts, strict=True):
        write_file(path, text)
    return Outcome(Written(files=paths))


def render(
    model_file: str | None,
    selection: ViewSelection,
    fmt: str | None = None,
    *,
    output: str | None = None,
    engine: str | None = None,
    split: bool = False,
    full: bool = False,
) -> Outcome[Written]:
    """`govgraph render`: draw a view of the model and write it to `output`, or return it to print.

    Args:
        model_file: the model (None: find it; see `app.models.find_model`).
        selection: what to draw.
        fmt: the format; None: the one `output`'s extension names, else svg.
        split: Mermaid only: a diagram too large for GitHub is written as one file per branch.
        full: draw every body in one diagram, however small it prints; else a diagram too large to read on A4
            is written as a linked set, its overview to `output` and the others beside it (see `write_sheets`).

    Raises:
        ParameterError: the format and the file name disagree, `split` for another format or without `output`
            when there are several parts, `full_history` or `split` for the interactive page.
        And as `draw`, `page` and `app.models.read_model`.
    """
    chosen = output_format(output, fmt, RENDER_EXTENSIONS, "svg")
    opened = read_model(model_file, writes=output is not None)
    drawn: Outcome[str | bytes]
    if chosen == "html":
        if selection.full_history or split:
            refused = "full_history" if selection.full_history else "split"
            raise ParameterError(
                f"{{{refused}}} is not for {{fmt}} html: the page has a date control, greys what had closed by the "
                "date chosen, and draws any size",
                parameters=(refused, "fmt"),
            )
        drawn = page(opened.value, selection, engine=engine)
    elif split:
        from govgraph.views import select_view

        written = split_parts(select_view(opened.value, selection), chosen, output)
        return replace(written, notes=opened.notes)
    elif chosen == "mermaid":
        # Mermaid is drawn whole, as GitHub draws it, or refused with advice; `split` writes its parts.
        drawn = draw(opened.value, selection, chosen, engine=engine, full=True)
    else:
        from govgraph.render.diagram import diagram_sheets
        from govgraph.views import select_view

        sheets = diagram_sheets(select_view(opened.value, selection), chosen, full=full)
        written = write_sheets(sheets, chosen, output, engine=engine, advice=ADVICE, parameters=("full", "focus"))
        return Outcome(written.value, (*opened.notes, *written.notes))
    return Outcome(put(drawn.value, output), (*opened.notes, *drawn.notes))
