"""Cut a model down to what one view selects, so that an export holds what `govgraph render` would draw.

Without a date and without any view option the model is exported whole. Otherwise `views.select_view`
chooses the bodies and lines (named view, focus, relations, kinds, organisations, `as_of`, `full_history`)
and the model keeps those bodies, with their names, status, chairs and members as of the date, and only the
chosen lines. Posts, organisations, groups and sources are all kept (they are small, and a body kept may
name any of them). What would point outside the selection is dropped so that the result is still a model
that loads: a `decided_by` naming a body left out, a named view focused on one, a `checks.ignore` for one.
"""

from __future__ import annotations

from dataclasses import replace

from govgraph import time
from govgraph.graph import snapshot
from govgraph.model import Model
from govgraph.time import moment
from govgraph.views import Diagram


def restrict(model: Model, diagram: Diagram, *, full_history: bool = False) -> Model:
    """The part of `model` that `diagram` (from `views.select_view`, called with the same `full_history`)
    selects, as a model of its own, as of the diagram's date (see the module docstring)."""
    day = moment(diagram.as_of)
    dated = snapshot(model, day)
    keys = {(e.source, e.target, e.relation) for e in diagram.edges}
    kept = {n.id for n in diagram.nodes}
    bodies = {}
    for bid in sorted(kept):
        original = model.bodies[bid]
        body = dated.bodies.get(bid, original)
        relations = tuple(
            r
            for r in original.relations
            if (bid, r.target, r.kind) in keys
            and time.started_by(r.period, day)
            and (day is None or full_history or time.holds_on(r.period, day))
        )
        history = tuple(
            replace(h, decided_by=None) if h.decided_by in model.bodies and h.decided_by not in kept else h
            for h in body.history
        )
        bodies[bid] = replace(body, relations=relations, history=history)
    views = {
        vid: v
        for vid, v in model.views.items()
        if v.focus is None or v.focus in kept  # a view focused on a body left out cannot be drawn
    }
    checks = replace(model.checks, ignore=tuple(s for s in model.checks.ignore if s.body is None or s.body in kept))
    return replace(dated, bodies=bodies, views=views, checks=checks)
