"""Other tools' formats: `govgraph export` (the model, or a view of it, for another tool), `govgraph import` (a
new model file from another tool's data) and `govgraph schema` (the JSON Schemas of the file and the reports)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from govgraph.app.files import output_format, put
from govgraph.app.models import read_model
from govgraph.app.outcome import Outcome, Written
from govgraph.errors import ParameterError

if TYPE_CHECKING:
    from govgraph.exchange.importing import Imported
    from govgraph.views import ViewSelection

#: The file extensions that name each format of `govgraph export` (a zip holds the three CSV tables).
EXPORT_EXTENSIONS: Mapping[str, str] = {
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".json": "json",
    ".jsonld": "jsonld",
    ".csv": "csv",
    ".zip": "csv",
    ".cypher": "cypher",
    ".cql": "cypher",
    ".xlsx": "xlsx",
}
#: What `govgraph schema --of` gives the JSON Schema of.
SCHEMAS: tuple[str, ...] = ("model", "report", "diff", "timeline")


def export(
    model_file: str | None,
    selection: ViewSelection | None = None,
    fmt: str | None = None,
    *,
    table: str | None = None,
    output: str | None = None,
) -> Outcome[Written]:
    """`govgraph export`: the model, or the part `selection` chooses, in another tool's format; written to
    `output`, or returned to print.

    Args:
        model_file: the model (None: find it; never the bundled example when writing a file).
        fmt: the format (`exchange.export.EXPORT_FORMATS`); None: the one `output`'s extension names.
        table: with csv, one table as a .csv file instead of a zip of all three.

    Raises:
        ParameterError: no format given or named by the file; the format and the file name disagree; a .csv file
            without `table`, or `table` with a .zip file.
        And as `exchange.export.export` and `app.models.read_model`.
    """
    from govgraph.exchange.export import export as export_model

    chosen = output_format(output, fmt, EXPORT_EXTENSIONS, None)
    suffix = Path(output).suffix.lower() if output is not None else ""
    if suffix == ".csv" and table is None:
        raise ParameterError(
            "a .csv file holds one table: give {table} (bodies, relations or membership), or write the three "
            "tables to a .zip file",
            parameters=("table",),
        )
    if suffix == ".zip" and table is not None:
        raise ParameterError("{table} writes one table as a .csv file, not a .zip file", parameters=("table",))
    opened = read_model(model_file, writes=output is not None)
    result = export_model(opened.value, chosen, selection, table=table)
    return Outcome(put(result, output), opened.notes)


@dataclass(frozen=True)
class ImportedModel:
    """A model made from another tool's data: the file written (or the YAML to print), what was found wrong with
    the data (a findings report, empty when nothing was), and how many of each thing the model holds."""

    written: Written
    report: str
    counts: Mapping[str, int]


def _imported(result: Imported, output: str | None) -> Outcome[ImportedModel]:
    from govgraph.render.checks import format_text

    report = format_text(result.findings, "the input") if result.findings else ""
    return Outcome(ImportedModel(put(result.text, output), report, dict(result.counts)))


def import_organogram(senior: str, junior: str | None = None, *, output: str | None = None) -> Outcome[ImportedModel]:
    """`govgraph import organogram`: see `exchange.organogram.import_organogram` (and its errors)."""
    from govgraph.exchange.organogram import import_organogram as read_organogram

    return _imported(read_organogram(senior, junior), output)


def import_backstage(folder: str, *, output: str | None = None) -> Outcome[ImportedModel]:
    """`govgraph import backstage`: see `exchange.backstage.import_backstage` (and its errors)."""
    from govgraph.exchange.backstage import import_backstage as read_backstage

    return _imported(read_backstage(folder), output)


def import_json(file: str, *, output: str | None = None) -> Outcome[ImportedModel]:
    """`govgraph import json`: see `exchange.node_link.read_node_link` (and its errors)."""
    from govgraph.exchange.node_link import read_node_link

    return _imported(read_node_link(file), output)


def import_xlsx(file: str, *, output: str | None = None) -> Outcome[ImportedModel]:
    """`govgraph import xlsx`: see `exchange.xlsx.read_workbook` (and its errors)."""
    from govgraph.exchange.xlsx import read_workbook

    return _imported(read_workbook(file), output)


def schema(which: str = "model", *, output: str | None = None) -> Outcome[Written]:
    """`govgraph schema`: the JSON Schema of the model file (`which="model"`), or of the JSON of `govgraph check`
    (`report`), `govgraph diff` (`diff`) or `govgraph timeline` (`timeline`); written to `output`, or returned.

    Raises:
        InvalidOption: `which` is none of those.
    """
    import json

    from govgraph.errors import InvalidOption

    if which in ("report", "diff", "timeline"):
        from govgraph.render import schemas

        made = {"report": schemas.report_schema, "diff": schemas.diff_schema, "timeline": schemas.timeline_schema}
        document = made[which]()
    elif which == "model":
        from govgraph.loading import json_schema

        document = json_schema()
    else:
        raise InvalidOption(option="which", value=which, reason=f"choose from {', '.join(SCHEMAS)}")
    return Outcome(put(json.dumps(document, indent=2, sort_keys=True) + "\n", output))
