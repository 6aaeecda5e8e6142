"""The JSON Schemas of the reports are generated from the typed models their writers are checked against."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # no stubs installed (types-jsonschema)
import pytest

from govgraph.changes import diff
from govgraph.findings import Finding, Location, Severity
from govgraph.loading import load
from govgraph.render import schemas
from govgraph.render.changelog import diff_data, timeline_data
from govgraph.render.checks import finding_to_dict


def _keys(model: Any) -> set[str]:
    return set(typing.get_type_hints(model))


@pytest.mark.parametrize(
    ("schema", "model"),
    [
        (schemas.report_schema, schemas.CheckReport),
        (schemas.diff_schema, schemas.DiffReport),
        (schemas.timeline_schema, schemas.TimelineReport),
    ],
)
def test_each_schema_is_its_typed_model_every_key_required_and_no_other(schema: Any, model: Any) -> None:
    document = schema()
    jsonschema.Draft202012Validator.check_schema(document)
    definition = document["$defs"].get(model.__name__, document)  # the report itself is the root, or a $def
    assert set(definition["properties"]) == _keys(model)
    assert set(definition["required"]) == _keys(model)
    assert definition["additionalProperties"] is False


def test_what_the_writers_write_has_exactly_the_keys_of_the_models(repo_root: Path, london: Any) -> None:
    finding = Finding("GG401", Severity.WARNING, "m", Location("f.yaml", 3, 4), "h")
    assert set(finding_to_dict(finding)) == _keys(schemas.FindingData)
    changes = diff(london, load(repo_root / "tests" / "data" / "diff" / "new.yaml"))
    data = diff_data(changes)
    assert set(data) == _keys(schemas.DiffReport)
    assert set(data["summary"]) == _keys(schemas.DiffSummary)
    assert set(data["changes"][0]) == _keys(schemas.ChangeData)
    jsonschema.validate(data, schemas.diff_schema())
    events = timeline_data(london)
    assert set(events["events"][0]) == _keys(schemas.EventData)
    bad = dict(events)
    bad["surprise"] = 1
    assert not jsonschema.Draft202012Validator(schemas.timeline_schema()).is_valid(bad)


def test_the_period_of_a_change_is_a_typed_iso_interval(repo_root: Path) -> None:
    # What `period` holds (the dates of a chair, seat, holder or line added or removed) is published and checked.
    pair = repo_root / "tests" / "data" / "diff"
    data = diff_data(diff(load(pair / "old.yaml"), load(pair / "new.yaml")))
    periods = [c["period"] for c in data["changes"] if c["period"] is not None]
    assert periods, "the pair adds or removes something written with dates"
    jsonschema.validate(data, schemas.diff_schema())
    for good in ("2026-07/2028-06", "2026-07-01/..", "../2025", "2020/..; 2024-03/2025"):
        data["changes"][0]["period"] = good
        jsonschema.validate(data, schemas.diff_schema())
    for bad in ("July 2026 to June 2028", "2026-07", "", "2026/2027;2028/.."):
        data["changes"][0]["period"] = bad
        assert not jsonschema.Draft202012Validator(schemas.diff_schema()).is_valid(data), bad
