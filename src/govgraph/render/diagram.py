"""A view in any diagram format: DOT and Mermaid text, SVG text through an engine, PNG and PDF bytes, and the
editable formats redrawn from the engine's layout: a diagrams.net file (text) and a PowerPoint slide (bytes).

The one entry point for the command line and the documentation build; it writes nothing.
"""

from __future__ import annotations

import re

from govgraph.views import Diagram, summarise

#: Every diagram format, text formats first.
DIAGRAM_FORMATS: tuple[str, ...] = ("dot", "mermaid", "svg", "png", "pdf", "drawio", "pptx")
TEXT_FORMATS: frozenset[str] = frozenset({"dot", "mermaid", "svg", "drawio"})


def readable(diagram: Diagram, *, full: bool = False) -> Diagram:
    """The diagram a person is given to read: the one rule for large structures, which `govgraph render`, the
    documentation build and the Sphinx directive all follow.

    A diagram of a whole structure (no focus body) of more than `views.SUMMARY_LIMIT` bodies is drawn as its top
    levels (`views.summarise`): one diagram of more is not read, and is slow to lay out. A focused diagram is
    drawn as selected, since its reader chose that part; `full` draws every body whatever the size. The
    interactive page draws any size (it is searched and zoomed, not read whole) and does not use this.
    """
    if full or diagram.focus is not None:
        return diagram
    return summarise(diagram)


def render_diagram(
    diagram: Diagram, fmt: str, *, engine: str | None = None, timeout: float | None = None, dot: str | None = None
) -> str | bytes:
    """`diagram` in the format `fmt`: `str` for dot, mermaid, svg and drawio, `bytes` for png, pdf and pptx.

    Args:
        engine: the Graphviz command for svg, png and pdf (see `govgraph.render.engine.find_engine`).
        timeout: seconds the engine may take.
        dot: the diagram's DOT (`govgraph.render.dot.diagram_dot`), where the caller has built it already.

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
        return diagram_dot(diagram) if dot is None else dot
    if fmt in ("drawio", "pptx"):
        from govgraph.render.layout import diagram_layout

        layout = diagram_layout(diagram, engine=engine, dot=dot, timeout=timeout)
        if fmt == "drawio":
            from govgraph.render.drawio import layout_drawio

            return layout_drawio(layout, diagram.title)
        from govgraph.render.slides import layout_pptx

        return layout_pptx(layout, diagram.title)
    from govgraph.render.engine import DEFAULT_TIMEOUT, find_engine, run_engine

    command = find_engine(engine)
    if dot is None:
        dot = diagram_dot(diagram)
    output = run_engine(dot, fmt, engine=command, timeout=timeout or DEFAULT_TIMEOUT)
    if fmt != "svg":
        _warn_missing_glyphs(dot, command)
        return stable_pdf(output) if fmt == "pdf" else output
    import xml.etree.ElementTree as ET

    from govgraph.errors import EngineFailed
    from govgraph.render.svg import id_prefix, postprocess_svg

    try:
        return postprocess_svg(
            output, title=diagram.title, description=diagram.describe(), prefix=id_prefix(diagram.id)
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
