"""A view in any diagram format: DOT and Mermaid text, SVG text through an engine, PNG and PDF bytes.

The one entry point for the command line and the documentation build; it writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from govgraph.views import Diagram

#: Every diagram format, text formats first.
DIAGRAM_FORMATS: tuple[str, ...] = ("dot", "mermaid", "svg", "png", "pdf")
TEXT_FORMATS: frozenset[str] = frozenset({"dot", "mermaid", "svg"})


def diagram_sheets(diagram: Diagram, fmt: str = "svg") -> list[Diagram]:
    """The diagrams to draw for `diagram` in the format `fmt`: itself when it can be read as one, else the linked
    set of an overview and the sheets it opens (`govgraph.sheets.split_sheets`), the overview first.

    One diagram can be read when it prints on A4 with its body names at 7 pt or more (for every format the
    engine draws, and DOT: `govgraph.render.layout.fits_a4`), or, for Mermaid, when GitHub draws it (500 lines,
    50,000 characters: `govgraph.render.mermaid.fits_mermaid`). This is the one place that decides how a large
    structure is divided: the command line, the documentation build and the integrations all ask it.

    Raises:
        ValueError: an unknown format.
    """
    from govgraph.sheets import split_sheets

    if fmt == "mermaid":
        from govgraph.render.mermaid import fits_mermaid

        return split_sheets(diagram, fits_mermaid)
    if fmt not in DIAGRAM_FORMATS:
        raise ValueError(f"unknown diagram format {fmt!r}; choose from {', '.join(DIAGRAM_FORMATS)}")
    from govgraph.render.layout import fits_a4

    return split_sheets(diagram, fits_a4)


def render_diagram(
    diagram: Diagram,
    fmt: str,
    *,
    engine: str | None = None,
    timeout: float | None = None,
    dot: str | None = None,
    links: Mapping[str, str] | None = None,
) -> str | bytes:
    """`diagram` in the format `fmt`: `str` for dot, mermaid and svg, `bytes` for png and pdf.

    Args:
        engine: the Graphviz command for svg, png and pdf (see `govgraph.render.engine.find_engine`).
        timeout: seconds the engine may take.
        dot: the diagram's DOT (`govgraph.render.dot.diagram_dot`), where the caller has built it already.
        links: where each box standing for more links to, by the id of the diagram it opens (see
            `diagram_sheets`); the SVG and PDF carry them as links.

    Raises:
        ValueError: an unknown format.
        EngineNotFound, EngineFailed: see `govgraph.render.engine.run_engine`; also EngineFailed when the engine's
            SVG is not well-formed.
        UsageError: a Mermaid diagram too large for GitHub.
    """
    if fmt == "mermaid":
        from govgraph.render.mermaid import diagram_mermaid

        return diagram_mermaid(diagram)
    if fmt not in DIAGRAM_FORMATS:
        raise ValueError(f"unknown diagram format {fmt!r}; choose from {', '.join(DIAGRAM_FORMATS)}")
    from govgraph.render.dot import diagram_dot

    if fmt == "dot":
        return diagram_dot(diagram, links=links) if dot is None else dot
    from govgraph.render.engine import DEFAULT_TIMEOUT, start_engine

    # The engine is started first, and starts while the DOT is built; its SVG is read as the engine writes it,
    # and put together while the engine exits (see govgraph.render.engine and govgraph.render.svg).
    with start_engine(fmt, engine=engine) as run:
        if dot is None:
            dot = diagram_dot(diagram, links=links)
        if fmt != "svg":
            output = run.finish(dot, timeout=timeout or DEFAULT_TIMEOUT)
            return stable_pdf(output) if fmt == "pdf" else output
        import xml.etree.ElementTree as ET

        from govgraph.errors import EngineFailed
        from govgraph.render.svg import SvgCleaner, id_prefix

        svg = SvgCleaner(title=diagram.title, description=diagram.describe(), prefix=id_prefix(diagram.id))
        try:
            run.finish(dot, timeout=timeout or DEFAULT_TIMEOUT, into=svg.feed, done=svg.close)
            return svg.close()
        except ET.ParseError as exc:
            # Not govgraph's bug: the engine wrote something that is not SVG.
            raise EngineFailed(engine=run.command, reason=f"its SVG is not well-formed XML ({exc})") from None


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})")


def stable_pdf(data: bytes) -> bytes:
    """`data` with the time of rendering that cairo writes into every PDF set to a fixed one (1 January 2000), so
    the same diagram gives the same bytes. The stamp keeps its length, so the PDF's byte offsets stay right.
    (cairo before 1.18 ignores SOURCE_DATE_EPOCH.)"""
    return _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (D:20000101000000", data)
