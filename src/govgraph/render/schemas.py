"""The JSON that govgraph writes for programs, as typed models, and the JSON Schemas generated from them.

`CheckReport` is what `govgraph check --format json` writes (one per model file), `DiffReport` what `govgraph diff
--format json` writes, `TimelineReport` what `govgraph timeline --format json` writes. The functions that write
them (`render.checks.format_json`, `render.changelog.diff_data`, `render.changelog.timeline_data`) are typed
against these models, so a type checker holds them to the published shape, and `govgraph schema --of report |
diff | timeline` prints the schema pydantic generates from the same models: the two cannot drift apart.

This is the one module outside `govgraph.loading` that imports pydantic (the import-linter contract says so and
why): only `govgraph schema` imports it, and the writers import it for type checking alone, so writing a report
costs no pydantic import. Keys are never removed or renamed without raising `version`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, TypeAdapter, WithJsonSchema, with_config
from typing_extensions import TypedDict

from govgraph.changes.diff import CHANGES, SECTIONS
from govgraph.changes.timeline import EVENTS

#: The version every report carries; raised only when the structure changes.
REPORT_VERSION = 1
DRAFT = "https://json-schema.org/draft/2020-12/schema"

_CLOSED = ConfigDict(extra="forbid")

Version = Annotated[Literal[1], Field(description="changes only when the structure does")]
Count = Annotated[int, Field(ge=0)]
Position = Annotated[int, Field(ge=1)]
Date = Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
SeverityWord = Literal["error", "warning", "info"]
_END = r"(\.\.|\d{4}(-\d{2}(-\d{2})?)?)"
#: One or more ISO 8601 intervals, `; `-separated: `2017/2025-06`, `2026-07/..`.
Interval = Annotated[str, Field(pattern=rf"^{_END}/{_END}(; {_END}/{_END})*$")]


# The check report ---------------------------------------------------------------------------------------------


@with_config(_CLOSED)
class FindingData(TypedDict):
    """One finding: its code, severity, message, where it is (as editors count lines and columns) and a hint."""

    code: Annotated[str, Field(pattern=r"^GG[1-6][0-9]{2}$")]
    severity: SeverityWord
    message: str
    file: str | None
    line: Position | None
    column: Position | None
    hint: str | None


@with_config(_CLOSED)
class SeverityCounts(TypedDict):
    """How many findings of each severity."""

    error: Count
    warning: Count
    info: Count


@with_config(_CLOSED)
class CheckReport(TypedDict):
    """The findings of one model file."""

    version: Version
    file: Annotated[str, Field(description="the model file as given")]
    summary: SeverityCounts
    findings: Annotated[list[FindingData], Field(description="sorted by file, line and column")]


# The diff -----------------------------------------------------------------------------------------------------


@with_config(_CLOSED)
class DiffSide(TypedDict):
    """One side of a comparison: what it is called, the model's title and file, and the date it stands for."""

    label: str
    title: str
    file: str
    as_of: Date | None


@with_config(_CLOSED)
class DiffSummary(TypedDict):
    """How many of each section's entries changed."""

    bodies_added: Count
    bodies_removed: Count
    bodies_changed: Count
    roles_changed: Count
    organisations_changed: Count
    groups_changed: Count
    sources_changed: Count
    views_changed: Count
    settings_changed: Annotated[int, Field(ge=0, description="changes of the file's own title and settings")]


@with_config(_CLOSED)
class ChangeData(TypedDict):
    """One change (see `govgraph.changes.diff.Change`)."""

    section: Annotated[str, WithJsonSchema({"enum": list(SECTIONS)})]
    id: str
    name: str
    change: Annotated[str, WithJsonSchema({"enum": list(CHANGES)})]
    relation: str | None
    other: str | None
    old: str | None
    new: str | None
    date: Date | None
    decided_by: str | None
    carried: list[str]
    seat: Annotated[str | None, Field(description="what a member sits `as` in the seat added, removed or re-dated")]
    period: Annotated[
        Interval | None,
        Field(
            description="the dates of a body, chair, seat, holder, manager or line added or removed, or of a line "
            "moved (its new dates), as ISO 8601 intervals "
            "(`2026-07/2028-06`, `..` for an open end; `; `-separated where it is written more than once); null "
            "where it is written with none"
        ),
    ]


@with_config(_CLOSED)
class DiffReport(TypedDict):
    """What changed from one model to another."""

    version: Version
    old: DiffSide
    new: DiffSide
    summary: DiffSummary
    changes: Annotated[
        list[ChangeData],
        Field(description="sorted by section, id, change (in the order of govgraph.changes.CHANGES), relation, other"),
    ]


# The timeline -------------------------------------------------------------------------------------------------


@with_config(_CLOSED)
class EventData(TypedDict):
    """One dated event (see `govgraph.changes.timeline.Event`)."""

    date: Date
    section: Literal["body", "role"]
    id: str
    name: str
    event: Annotated[str, WithJsonSchema({"enum": list(EVENTS)})]
    other: str | None
    relation: str | None
    status: str | None
    new_name: str | None
    previous: str | None
    decided_by: str | None
    note: str | None
    source: str | None
    date_known: Annotated[bool, Field(description="false: it happened at a date not recorded, no later than `date`")]
    to_come: Annotated[
        bool | None,
        Field(
            description="true: dated after the report's `reference_day`, so still to come (a term's end written "
            "ahead of time); false: it had happened by then; null: not known (a month or year that holds that day, "
            "or a date it is only known to be no later than that ends after it)"
        ),
    ]


@with_config(_CLOSED)
class TimelineReport(TypedDict):
    """The dated events of a model, or of one body."""

    version: Version
    title: str
    body: str | None
    reference_day: Annotated[
        Date,
        Field(
            description="the day what is still to come is judged at: the date asked about (its last day), else the "
            "model's `as_of`, else the day it was written"
        ),
    ]
    events: Annotated[list[EventData], Field(description="oldest first")]


# The schemas --------------------------------------------------------------------------------------------------


def _schema(shape: Any, title: str, description: str | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = TypeAdapter(shape).json_schema()
    head: dict[str, Any] = {"$schema": DRAFT, "title": title}
    if description:
        head["description"] = description
    return {**head, **{k: v for k, v in schema.items() if k not in ("title", "description")}}


def report_schema() -> dict[str, Any]:
    """The JSON Schema of `govgraph check --format json`: one report, or an array of them for several files."""
    return _schema(
        CheckReport | list[CheckReport],
        "govgraph check report",
        "What `govgraph check --format json` prints: the report of the model file, or, when several files are "
        "checked in one run, an array of their reports in the order given.",
    )


def diff_schema() -> dict[str, Any]:
    """The JSON Schema of `govgraph diff --format json`."""
    return _schema(DiffReport, "govgraph diff report")


def timeline_schema() -> dict[str, Any]:
    """The JSON Schema of `govgraph timeline --format json`."""
    return _schema(TimelineReport, "govgraph timeline")
