"""`govgraph export` as a library function: a model (or the part one view selects) in another tool's format.

Formats: `graphml` (yEd, Cytoscape), `gexf` (Gephi), `json` (node-link, read back by `govgraph import json`),
`jsonld` (W3C Organization Ontology), `csv` (a zip of three Excel-safe tables, or one table with `table=`),
`cypher` (Neo4j, Memgraph, FalkorDB), `xlsx` (an Excel workbook, read back by `govgraph import xlsx`). Each
exporter's module says what it writes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from govgraph.errors import InvalidOption, ParameterError
from govgraph.model import Model

if TYPE_CHECKING:
    from govgraph.views import ViewSelection

EXPORT_FORMATS: tuple[str, ...] = ("graphml", "gexf", "json", "jsonld", "csv", "cypher", "xlsx")


def _exporter(fmt: str) -> Callable[[Model], str | bytes]:
    # Each format's module is imported only when asked for: networkx's writers take a while to import.
    if fmt in ("graphml", "gexf"):
        from govgraph.exchange import graph_formats

        return graph_formats.graphml if fmt == "graphml" else graph_formats.gexf
    if fmt == "json":
        from govgraph.exchange.node_link import node_link_json

        return node_link_json
    if fmt == "jsonld":
        from govgraph.exchange.jsonld import jsonld

        return jsonld
    if fmt == "cypher":
        from govgraph.exchange.cypher import cypher

        return cypher
    if fmt == "xlsx":
        from govgraph.exchange.xlsx import workbook_bytes

        return workbook_bytes
    from govgraph.exchange.tables import csv_zip

    return csv_zip


def export(model: Model, fmt: str, selection: ViewSelection | None = None, *, table: str | None = None) -> str | bytes:
    """The model, or the part of it a view selects, in format `fmt` (see the module docstring).

    Args:
        selection: the part to export, exactly as for `views.select_view` (and `govgraph render`); with none, or
            one that chooses nothing (`ViewSelection.narrows`), the whole model is exported.
        table: with `fmt="csv"`, one table (`bodies`, `relations`, `membership`) as CSV text instead of a zip.

    Raises:
        InvalidOption: an unknown format or table.
        ParameterError: `table` with a format other than csv.
        NameNotFound: an unknown view, focus body or organisation.
    """
    if fmt not in EXPORT_FORMATS:
        raise InvalidOption(option="fmt", value=fmt, reason=f"choose from {', '.join(EXPORT_FORMATS)}")
    if selection is not None and selection.narrows:
        from govgraph.exchange.selection import restrict
        from govgraph.views import select_view

        model = restrict(model, select_view(model, selection), full_history=selection.full_history)
    if table is not None:
        from govgraph.exchange.tables import TABLES, tables

        if fmt != "csv":
            raise ParameterError("{table} picks one table of {fmt} csv", parameters=("table", "fmt"))
        if table not in TABLES:
            raise InvalidOption(option="table", value=table, reason=f"choose from {', '.join(TABLES)}")
        return tables(model)[table]
    return _exporter(fmt)(model)
