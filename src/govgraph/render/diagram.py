"""A view in any diagram format: DOT and Mermaid text, SVG text through an engine, PNG and PDF bytes, and the
editable formats redrawn from the engine's layout: a diagrams.net file (text) and a PowerPoint slide (bytes).

The one entry point for the command line and the documentation build; it writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from govgraph.views import Diagram

#: Every diagram format, text formats first.
DIAGRAM_FORMATS: tuple[str, ...] = ("dot", "mermaid", "svg", "png", "pdf", "drawio", "pptx")
TEXT_FORMATS: frozenset[str] = frozenset({"dot", "mermaid", "svg", "drawio"})


def diagram_sheets(diagram: Diagram, fmt: str = "svg", *, full: bool = False) -> list[Diagram]:
    """The diagrams to draw for `diagram` in the format `fmt`: itself when it can be read as one, else the linked
    set of an overview and the sheets it opens (`govgraph.sheets.split_sheets`), the overview first.

    This is the one rule for large structures, which `govgraph render` and `diff`, the documentation build, the
    Sphinx directive and a paper all follow. One diagram can be read when it prints on A4 with its body names at
    7 pt or more (for every format the engine draws, and DOT: `govgraph.render.org_chart.fits_a4`), or, for
    Mermaid, when GitHub draws it (500 lines, 50,000 characters: `govgraph.render.mermaid.fits_mermaid`). A
    focused diagram is divided as any other: its reader chose a part, but still has to read it. The interactive
    page draws the sheets of the whole record itself (`govgraph.render.html`).

    Args:
        full: draw every body in one diagram, however small it prints.

    Raises:
        ValueError: an unknown format.
    """
    if full:
        return [diagram]
    from govgraph.sheets import split_sheets

    if fmt == "mermaid":
        from govgraph.render.mermaid import fits_mermaid

        return split_sheets(diagram, fits_mermaid)
    if fmt not in DIAGRAM_FORMATS:
        raise ValueError(f"unknown diagram format {fmt!r}; choose from {', '.join(DIAGRAM_FORMATS)}")
    from govgraph.render.org_chart import fits_a4

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
    """`diagram` in the format `fmt`: `str` for dot, mermaid, svg and drawio, `bytes` for png, pdf and pptx.

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
    if fmt in ("drawio", "pptx"):
        from govgraph.render.engine_layout import diagram_layout

        if dot is None:
            dot = diagram_dot(diagram, links=links)
        layout = diagram_layout(diagram, engine=engine, dot=dot, timeout=timeout)
        if fmt == "drawio":
            from govgraph.render.drawio import layout_drawio

            return layout_drawio(layout, diagram.title)
        from govgraph.render.slides import layout_pptx

        return layout_pptx(layout, diagram.title)
    from govgraph.render.engine import DEFAULT_TIMEOUT, find_engine, run_engine

    command = find_engine(engine)
    if dot is None:
        dot = diagram_dot(diagram, links=links)
    output = run_engine(dot, fmt, engine=command, timeout=timeout or DEFAULT_TIMEOUT)
    if fmt != "svg":
        _warn_missing_glyphs(dot, command)
        return stable_pdf(output) if fmt == "pdf" else output
    import xml.etree.ElementTree as ET

    from govgraph.errors import EngineFailed
    from govgraph.render.svg import id_prefix, postprocess_svg

    # A link to a sheet in the same page (`#anchor`) is the page's, not one of the drawing's own ids.
    page = frozenset(url[1:] for url in (links or {}).values() if url.startswith("#"))
    try:
        return postprocess_svg(
            output, title=diagram.title, description=diagram.describe(), prefix=id_prefix(diagram.id), page=page
        )
    except ET.ParseError as exc:
        # Not govgraph's bug: the engine wrote something that is not SVG (or stopped halfway through it).
        raise EngineFailed(engine=command, reason=f"its SVG is not well-formed XML ({exc})") from None


def _warn_missing_glyphs(dot: str, engine: str) -> None:
    """Warn (`EngineWarning`) when the DOT's text holds characters the engine has no font for: Graphviz draws them
    as empty boxes in a PNG or PDF without a word (see `govgraph.render.fonts`)."""
    if dot.isascii():
        return
    import warnings

    from govgraph.render.engine import EngineWarning
    from govgraph.render.fonts import advice, missing_scripts

    scripts = missing_scripts(dot, engine)
    if scripts:
        warnings.warn(advice(scripts, engine), EngineWarning, stacklevel=3)


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})")


def stable_pdf(data: bytes) -> bytes:
    """`data` with the time of rendering that cairo writes into every PDF set to a fixed one (1 January 2000), so
    the same diagram gives the same bytes. The stamp keeps its length, so the PDF's byte offsets stay right.
    (cairo before 1.18 ignores SOURCE_DATE_EPOCH.)"""
    return _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (D:20000101000000", data)
