"""`govgraph diff`: two versions of a model (or one model on two dates) compared, as a change log or a diagram."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from govgraph.app.files import output_format, put
from govgraph.app.models import bundled_note, find_model
from govgraph.app.options import parse_date
from govgraph.app.outcome import Note, Outcome, Written
from govgraph.errors import ParameterError
from govgraph.model import PartialDate

if TYPE_CHECKING:
    from govgraph.views import ViewSelection

#: What `govgraph diff` writes, and the file extensions that name each format.
DIFF_FORMATS: tuple[str, ...] = ("text", "markdown", "json", "docx", "dot", "mermaid", "svg", "png", "pdf")
DIFF_EXTENSIONS: Mapping[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".docx": "docx",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
}


#: The parts of a view selection that choose what the diagram of a diff draws.
_DRAWING = ("view", "focus", "up", "down", "relations", "kinds", "organisations")


def diff(
    sides: Sequence[str],
    dates: Sequence[str | PartialDate] = (),
    *,
    model: str | None = None,
    fmt: str | None = None,
    output: str | None = None,
    engine: str | None = None,
    selection: ViewSelection | None = None,
    full: bool = False,
    split: bool = False,
) -> Outcome[Written]:
    """What changed between two models (OLD and NEW: files or `REV:path`), or in one model between two `dates`;
    written to `output`, or returned to print.

    Args:
        sides: OLD and NEW; or, with two dates, at most one model (none: the model found as for every command).
        dates: two dates of one model; or one, to compare OLD and NEW as they both stood then.
        model: the one model of a comparison of dates, given as an option.
        fmt: text, markdown, json or docx (a change log); dot, mermaid, svg, png or pdf (a diagram). None: the one
            `output`'s extension names, else text.
        engine: the Graphviz command for svg, png and pdf.
        selection: what the diagram draws of each side, as `govgraph render` (a view, a focus, relations...);
            its date is the comparison's own.
        full: draw every body even of a very large structure (the diagram formats; see `render.diagram.diagram_sheets`).
        split: mermaid only: a diagram too large for GitHub is written as one file per branch.

    Raises:
        ParameterError: the format and the file name disagree; the wrong number of models or dates; view options,
            `full` or `split` with a change log (text, markdown or json); as `app.drawing.split_parts`.
        InvalidOption: a date that is not one.
        And as `changes.compare`, `render.changes.diff_diagram` and `app.drawing.write_sheets`: a diagram too
            large to read on A4 is written as a linked set, its overview to `output` and the others beside it.
    """
    import json

    from govgraph.changes import compare

    chosen = output_format(output, fmt, DIFF_EXTENSIONS, "text")
    when = [d for d in (parse_date(value, "dates") for value in dates) if d is not None]
    notes: list[Note] = []
    if len(when) == 2 and not sides and model is None:
        found = find_model(None, writes=output is not None)
        model = str(found.path)
        notes.extend([bundled_note(found)] if found.bundled else [])
    drawing = () if selection is None else tuple(f for f in _DRAWING if getattr(selection, f) not in (None, ()))
    if chosen in ("text", "markdown", "json") and (drawing or full or split):
        given = [*drawing, *(["full"] if full else []), *(["split"] if split else [])]
        raise ParameterError(
            "{" + given[0] + "} chooses what the diagram of the changes draws: give it with {fmt} svg, png, pdf, "
            "dot or mermaid (a change log lists every change)",
            parameters=(given[0], "fmt"),
        )
    compared = compare(sides, when, model=model)
    result: str | bytes
    if chosen in ("text", "markdown", "json"):
        from govgraph.render import changelog as report

        if chosen == "json":
            result = json.dumps(report.diff_data(compared), indent=2, ensure_ascii=False) + "\n"
        else:
            result = report.diff_text(compared) if chosen == "text" else report.diff_markdown(compared)
    elif chosen == "docx":
        from govgraph.render.paper import diff_docx

        result = diff_docx(compared)
    else:
        from govgraph.app.drawing import ADVICE, split_parts, write_sheets
        from govgraph.render.changes import diff_diagram, diff_sheets

        if split:
            written = split_parts(diff_diagram(compared, selection), chosen, output)
            return replace(written, notes=(*notes, *written.notes))
        # A large diff is divided as any large diagram is: an overview, and its branches beside it. Mermaid is
        # drawn whole, as `render` draws it, or refused with advice (`split` writes its parts).
        sheets = diff_sheets(compared, chosen, selection=selection, full=full or chosen == "mermaid")
        written = write_sheets(sheets, chosen, output, engine=engine, advice=ADVICE, parameters=("full", "focus"))
        return Outcome(written.value, (*notes, *written.notes))
    return Outcome(put(result, output), tuple(notes))
