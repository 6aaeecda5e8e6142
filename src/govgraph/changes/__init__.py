"""Change over time: differences between two models (or two dates of one), and the dated events of a model.

`diff(old, new)` and `diff_dates(model, a, b)` give a `ModelDiff`; `timeline(model, body_id=None)` the `Event`s;
`govgraph.render.changelog` words both as text, Markdown and JSON; `govgraph.render.changes` draws a diff.
`read_model(spec)` reads one side of a comparison: a file, or `REV:path` from git.
"""

from __future__ import annotations

from govgraph.changes.diff import CHANGES, Change, ModelDiff, diff, diff_dates
from govgraph.changes.revisions import compare, read_model
from govgraph.changes.timeline import EVENTS, Event, timeline

__all__ = [
    "CHANGES",
    "EVENTS",
    "Change",
    "Event",
    "ModelDiff",
    "compare",
    "diff",
    "diff_dates",
    "read_model",
    "timeline",
]
