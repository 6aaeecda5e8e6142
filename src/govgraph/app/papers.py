"""`govgraph paper`: a board paper on the governance structure, as a Word document."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from govgraph.app.files import put
from govgraph.app.models import find_model, read_model
from govgraph.app.options import parse_date
from govgraph.app.outcome import Outcome, Written, warnings_as_notes


def paper(
    model_file: str | None,
    *,
    view: str | None = None,
    bodies: Sequence[str] = (),
    terms: Sequence[str] = (),
    since: str | None = None,
    as_of: str | None = None,
    template: str | None = None,
    engine: str | None = None,
    output: str | None = None,
) -> Outcome[Written]:
    """`govgraph paper`: the paper of `render.paper.paper_docx`, written to `output` (or returned to print).

    Args:
        model_file: the model (None: find it; never the bundled example when writing a file).
        view: the diagram to show: a named view of the model.
        bodies: names of bodies to describe in detail.
        terms: names of bodies whose terms of reference to give.
        since: add the change log since this earlier version (a file, or a git revision as `REV:path`).
        as_of: describe the structure as it stood on this date.
        template: a Word document whose styles and page to use.
        engine: the Graphviz command.

    Raises:
        InvalidOption: `as_of` is not a date; `template` is not a Word document.
        And as `render.paper.paper_docx`, `changes.compare` and `app.models.read_model`.
    """
    from govgraph.render.paper import paper_docx

    when = parse_date(as_of, "as_of")
    opened = read_model(model_file, writes=output is not None)
    compared = None
    if since is not None:
        from govgraph.changes import compare

        compared = compare((since, str(find_model(model_file, writes=output is not None).path)), [])
    styles = None
    if template is not None:
        from govgraph.exchange.importing import read_bytes

        styles = read_bytes(Path(template), "Word template (.docx)")
    with warnings_as_notes() as caught:
        result = paper_docx(
            opened.value,
            view=view,
            as_of=when,
            bodies=bodies,
            terms=terms,
            changes=compared,
            template=styles,
            engine=engine,
        )
    return Outcome(put(result, output), (*opened.notes, *caught))
