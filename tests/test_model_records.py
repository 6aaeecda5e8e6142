"""The model's records are made with keywords only: several of their fields share a type (a body has six text
fields that may be None), so a call by position would put one value into another field without a word if the
order of the fields ever changed."""

from __future__ import annotations

import dataclasses

import pytest

from govgraph import model
from govgraph.findings import Location

RECORDS = (
    model.Source,
    model.Organisation,
    model.Group,
    model.Holder,
    model.Role,
    model.Relation,
    model.Chair,
    model.Membership,
    model.HistoryEntry,
    model.ManagedBy,
    model.Suppression,
    model.Body,
    model.View,
    model.CheckSettings,
    model.Model,
)


@pytest.mark.parametrize("record", RECORDS, ids=lambda record: record.__name__)
def test_every_field_is_given_by_keyword(record: type) -> None:
    assert [f.name for f in dataclasses.fields(record) if not f.kw_only] == []


def test_a_body_given_by_position_is_refused() -> None:
    where = Location("m.yaml", 1, 1)
    with pytest.raises(TypeError, match="positional"):
        model.Body("board", "The Board", "board", where, "TB")  # type: ignore[call-arg]
    body = model.Body(id="board", name="The Board", kind="board", location=where, short="TB", source="minutes")
    assert (body.short, body.source, body.description) == ("TB", "minutes", None)
