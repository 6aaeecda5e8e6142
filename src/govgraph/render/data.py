"""Query answers as plain data, for `--format json`. Keys are stable; lists keep the model's order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from govgraph import time
from govgraph.model import Model, Period, Relation
from govgraph.queries import Card, ChainAnswer, ClosedBody, PathAnswer, RoleLoad, Route, TreeRow, UnderAnswer

# `govgraph quorum` and `reports-into --format json` print these (the command line finds each answer's data here).
from govgraph.render.terms import quorum_data, reports_into_data, terms_rows  # noqa: F401
from govgraph.render.words import capacity_words


def _period(period: Period) -> dict[str, str | None]:
    return {
        "from": str(period.start) if period.start else None,
        "until": str(period.end) if period.end else None,
    }


def card_data(card: Card) -> dict[str, Any]:
    """A body's card as JSON-ready data."""
    b = card.body
    return {
        "id": b.id,
        "name": b.name,
        "short": b.short,
        "aliases": list(b.aliases),
        "formerly": list(b.formerly),
        "kind": b.kind,
        "status": card.status,
        "not_yet": card.not_yet,
        "as_of": card.as_of.isoformat() if card.as_of else None,
        "description": b.description,
        "organisation": b.organisation,
        "managed_by": [{"organisation": m.organisation, **_period(m.period)} for m in card.managed_by],
        "chairs": [
            {
                "role": c.role,
                "title": card.model.name_of(c.role),
                "capacity": c.capacity,
                "capacity_label": capacity_words(c.capacity),
                "selection": c.selection,
                "selected_by": c.selected_by,
                **_period(c.period),
            }
            for c in card.chairs
        ],
        "members": [
            {
                m.member_kind: m.member,
                "as": m.as_,
                "standing": m.standing,
                "seats": m.seats,
                "for": m.for_,
                "past": m.past,
                "note": m.note,
                **_period(m.period),
            }
            for m in card.members
        ],
        "lines_out": [
            {
                "relation": r.kind,
                "body": r.target,
                # The post a liaison runs through: all that tells the TC's two liaisons to a team apart.
                "by": r.by,
                **_period(r.period),
                "ended": time.ended_by(r.period, card.reference),
            }
            for r in card.lines_out
        ],
        "lines_in": [
            {
                "relation": r.kind,
                "body": r.source_body,
                # The post a liaison runs through: all that tells the TC's two liaisons to a team apart.
                "by": r.by,
                **_period(r.period),
                "ended": time.ended_by(r.period, card.reference),
            }
            for r in card.lines_in
        ],
        "represents": [
            {"group": r.group, "represented": list(r.represented), "missing": list(r.missing)}
            for r in card.representation
        ],
        "history": [
            {
                "date": str(h.date),
                "status": h.status,
                "name": h.name,
                "decided_by": h.decided_by,
                "note": h.note,
            }
            for h in card.history
        ],
        "terms": [{"part": what, "said": said} for what, said in terms_rows(card.model, b, card.as_of)],
        "sources": [s.id for s in card.sources],
        # Those cited only by other bodies' lines into this one, with the bodies the lines come from.
        "sources_for_lines_in": {s: list(bodies) for s, bodies in card.lines_in_sources.items()},
        "closures": [_closure(c) for c in card.closed_neighbours],
        "location": {"file": b.location.file, "line": b.location.line, "column": b.location.column},
    }


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _closure(closed: ClosedBody) -> dict[str, Any]:
    return {
        "body": closed.body,
        "status": closed.status,
        "date": str(closed.date) if closed.date else None,
        "decided_by": closed.decided_by,
        "note": closed.note,
    }


def _line(line: Relation, reference: dt.date | None) -> dict[str, Any]:
    return {
        "from": line.source_body,
        "relation": line.kind,
        "to": line.target,
        "period": _period(line.period),
        "in_force": reference is None or time.holds_on(line.period, reference),
    }


def _route(route: Route, model: Model, reference: dt.date | None) -> dict[str, Any]:
    return {
        "length": route.length,
        "bodies": list(route.bodies),
        "names": [model.name_of(b) for b in route.bodies],
        "dotted": route.dotted,
        "steps": [_line(step, reference) for step in route.steps],
        "closed": list(route.closed),
    }


def path_data(answer: PathAnswer) -> dict[str, Any]:
    """A path answer as JSON-ready data: routes shortest first, each step naming its relation."""
    m = answer.model
    near = answer.nearest
    return {
        "from": answer.start,
        "to": answer.end,
        "relations": list(answer.relations),
        "via": answer.via,
        "avoid": list(answer.avoid),
        "as_of": _day(answer.as_of),
        "max": answer.max_routes,
        "found": answer.found,
        "more": answer.more,
        "routes": [_route(r, m, answer.reference) for r in answer.routes],
        "nearest": None
        if near is None
        else {"body": near.body, "from_steps": near.from_steps, "to_steps": near.to_steps},
        "former_routes": [_route(r, m, answer.reference) for r in answer.former],
        "absent": list(answer.absent),
        "closures": [_closure(c) for c in answer.closures],
    }


def _rows(rows: Sequence[TreeRow], reference: dt.date | None) -> list[dict[str, Any]]:
    # Flat rows in printing order, each with its parent's index: a tree of any depth, without nesting.
    return [
        {
            "depth": row.depth,
            "body": row.body,
            "parent": row.parent if row.parent >= 0 else None,
            "line": _line(row.line, reference) if row.line else None,
            "repeat": row.repeat,
            "cycle": row.cycle,
            "hidden": row.hidden,
        }
        for row in rows
    ]


def chain_data(answer: ChainAnswer) -> dict[str, Any]:
    """A line of accountability as JSON-ready data: the tree as rows, its lines, the tops."""
    return {
        "body": answer.body,
        "relations": list(answer.relations),
        "as_of": _day(answer.as_of),
        "in_force": not answer.absent,
        "tops": list(answer.tops),
        # Those of them that are no top (as `check` counts tops): the line stops short there.
        "stops_short": list(answer.stops_short),
        "branched": answer.branched,
        "tree": _rows(answer.rows, answer.reference),
        "lines": [_line(r, answer.reference) for r in answer.lines],
        "lapsed": [_line(r, answer.reference) for r in answer.lapsed],
        "closures": [_closure(c) for c in answer.closures],
    }


def under_data(answer: UnderAnswer) -> dict[str, Any]:
    """What reports into a body as JSON-ready data: the tree as rows, its lines, the bodies."""
    return {
        "body": answer.body,
        "relations": list(answer.relations),
        "depth": answer.depth,
        "as_of": _day(answer.as_of),
        "in_force": not answer.absent,
        "bodies": list(answer.bodies),
        "tree": _rows(answer.rows, answer.reference),
        "lines": [_line(r, answer.reference) for r in answer.lines],
        "lapsed": [_line(r, answer.reference) for r in answer.lapsed],
        "closures": [_closure(c) for c in answer.closures],
    }


def roles_data(loads: Sequence[RoleLoad]) -> list[dict[str, Any]]:
    """Each post's load as JSON-ready data."""
    return [
        {
            "id": load.role.id,
            "title": load.role.title,
            "organisation": load.role.organisation,
            "aliases": list(load.role.aliases),
            "as_of": _day(load.as_of),
            "chairs": [
                {
                    "body": c.body,
                    "capacity": c.capacity,
                    "co_chair": c.presides and c.body in load.co_chaired,
                    **_period(c.period),
                }
                for c in load.chairs
            ],
            "member_of": [{"body": s.body, "as": s.as_, **_period(s.period)} for s in load.seats],
            "holders": None
            if load.holders is None
            else [
                {"name": h.name, **_period(h.period), "dates_recorded": time.dates_recorded(h)} for h in load.holders
            ],
            "stacked": [{"body": low, "accounts_to": high} for low, high in load.stacked],
            "lines": [
                {"body": line.source_body, "relation": line.kind, "to": line.target, **_period(line.period)}
                for line in load.lines
            ],
            "closures": [_closure(c) for c in load.closures],
        }
        for load in loads
    ]
