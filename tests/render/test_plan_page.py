"""The forward plan page says plainly when no month can be filled.

On the North West Ambulance Service committees, whose terms give how often each meets but never in which months,
the page was a table of twelve empty months: read as a year with nothing in it, where the truth is that no month
is recorded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from govgraph.loading import load, load_bytes
from govgraph.render.plan import plan_markdown
from govgraph.terms import forward_plan

NWAS = Path(__file__).resolve().parents[1] / "data" / "real" / "nhs" / "nwas-board-committees.yaml"


def _page(meets: dict[str, Any] | None) -> str:
    terms = {"meets": meets} if meets is not None else {"members_at_least": 3}
    document = {
        "govgraph": 1,
        "title": "Plan",
        "bodies": {
            "board": {"name": "Board", "kind": "board"},
            "audit": {"name": "Audit Committee", "kind": "committee", "reports_to": ["board"], "terms": terms},
        },
    }
    model = load_bytes(yaml.safe_dump(document).encode(), "plan.yaml")
    return plan_markdown(model, forward_plan(model, 2025))


def test_terms_that_name_no_months_give_a_sentence_not_twelve_empty_months() -> None:
    page = _page({"per_year": 6})
    assert "| Month |" not in page
    assert "name no months, and what they do record is listed below" in page
    assert "- Audit Committee meets 6 times a year." in page


def test_terms_with_no_meetings_or_reports_say_so() -> None:
    page = _page(None)
    assert "| Month |" not in page
    assert "name no months and record no meetings or reports" in page
    assert "Not placed" not in page


def test_terms_that_name_months_give_the_table() -> None:
    page = _page({"months": [3, 9]})
    assert "| Month | Meetings | Reports received |" in page
    assert "| March | Audit Committee |  |" in page
    assert "no months" not in page


def test_the_nwas_plan_names_no_months_and_lists_what_is_recorded() -> None:
    model = load(NWAS)
    page = plan_markdown(model, forward_plan(model, 2026))
    assert "| January |" not in page
    assert "- Audit Committee meets 6 times a year." in page


def test_the_year_of_an_undated_models_plan_is_said_to_be_the_year_it_was_written() -> None:
    # The NWAS model gives no `as_of`: its plan is for the year the build runs in, which the page must say, or
    # "Forward plan 2026" reads as a fact about the committees.
    undated = load(NWAS)
    assert undated.as_of is None
    page = plan_markdown(undated, forward_plan(undated, 2026))
    assert "The model does not say which date it describes, so this plan is for 2026, the year it was written." in page
    # A model that says which date it describes has its plan for that year, with nothing to explain.
    dated = load_bytes(NWAS.read_bytes().replace(b"\ntitle:", b"\nas_of: 2025-06\ntitle:", 1), "dated.yaml")
    assert dated.as_of is not None
    assert "the year it was written" not in plan_markdown(dated, forward_plan(dated, 2025))
