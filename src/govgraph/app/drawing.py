"""Drawing a view: `govgraph render`, the Sphinx directive, and the interactive page.

One rule for large structures serves all of them and the documentation build (`render.diagram.readable`): a
whole structure of more than a hundred bodies is drawn as its top levels, unless the caller asks for every body
(`full`); this module adds the note that says so. Warnings from the engine become notes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
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


def collapsed(diagram: Diagram, full: bool) -> tuple[Diagram, tuple[Note, ...]]:
    """The diagram as it is drawn for a person (`render.diagram.readable`), and the note that says when a large
    structure was drawn as its top levels: the one policy of `govgraph render`, `govgraph diff`, the Sphinx
    directive and the documentation build."""
    from govgraph.render.diagram import readable

    drawn = readable(diagram, full=full)
    if drawn is diagram:
        return diagram, ()
    note = Note(
        "{count} bodies are too many for one readable diagram: drawn the top levels ({full} draws every body; "
        "{focus} BODY draws one part)",
        parameters=("full", "focus"),
        values={"count": f"{len(diagram.nodes):,}"},
    )
    return drawn, (note,)


def draw(
    model: Model, selection: ViewSelection, fmt: str, *, engine: str | None = None, full: bool = False
) -> Outcome[str | bytes]:
    """One diagram of `model` in the diagram format `fmt` (dot, svg, png, pdf, mermaid, drawio or pptx).

    Args:
        selection: what to draw (`views.select_view`).
        engine: the Graphviz command for svg, png and pdf.
        full: draw every body even of a very large structure.

    Raises:
        NameNotFound, InvalidOption, ParameterError: as `views.select_view`.
        EngineNotFound, EngineFailed, UsageError: as `render.diagram.render_diagram`.
    """
    from govgraph.views import select_view

    return draw_diagram(select_view(model, selection), fmt, engine=engine, full=full)


def draw_diagram(diagram: Diagram, fmt: str, *, engine: str | None = None, full: bool = False) -> Outcome[str | bytes]:
    """A diagram already selected (a view, or the diagram of a diff) in the diagram format `fmt`, collapsed as
    `collapsed` says; the engine's warnings become notes.

    Raises:
        EngineNotFound, EngineFailed, ParameterError: as `render.diagram.render_diagram`.
    """
    from govgraph.render.diagram import render_diagram

    drawn, notes = collapsed(diagram, full)
    with warnings_as_notes() as caught:
        result = render_diagram(drawn, fmt, engine=engine)
    return Outcome(result, (*notes, *caught))


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
            "{split} is for {fmt} mermaid (GitHub's Mermaid limits); other formats draw any size",
            parameters=("split", "fmt"),
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
        full: draw every body even of a very large structure.

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
    else:
        drawn = draw(opened.value, selection, chosen, engine=engine, full=full)
    return Outcome(put(drawn.value, output), (*opened.notes, *drawn.notes))
