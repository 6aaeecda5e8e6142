"""`govgraph diff`: two versions of a model (or one model on two dates) compared, as a change log or a diagram."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from govgraph.app.files import output_format, put
from govgraph.app.models import bundled_note, find_model
from govgraph.app.options import parse_date
from govgraph.app.outcome import Note, Outcome, Written, warnings_as_notes
from govgraph.model import PartialDate

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


def diff(
    sides: Sequence[str],
    dates: Sequence[str | PartialDate] = (),
    *,
    model: str | None = None,
    fmt: str | None = None,
    output: str | None = None,
    engine: str | None = None,
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

    Raises:
        ParameterError: the format and the file name disagree; the wrong number of models or dates.
        InvalidOption: a date that is not one.
        And as `changes.compare` and `render.changes.render_diff`.
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
        from govgraph.render.changes import render_diff

        with warnings_as_notes() as caught:
            result = render_diff(compared, chosen, engine=engine)
        notes.extend(caught)
    return Outcome(put(result, output), tuple(notes))
