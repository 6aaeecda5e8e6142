"""Query answers as plain data, for `--format json`. Keys are stable; lists keep the model's order."""

from __future__ import annotations

from typing import Any

from govgraph.model import Period
from govgraph.queries import Card


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
        "as_of": card.as_of.isoformat() if card.as_of else None,
        "description": b.description,
        "organisation": b.organisation,
        "managed_by": [{"organisation": m.organisation, **_period(m.period)} for m in card.managed_by],
        "chairs": [{"role": c.role, "title": card.model.name_of(c.role), **_period(c.period)} for c in card.chairs],
        "members": [{m.member_kind: m.member, "as": m.as_, **_period(m.period)} for m in card.members],
        "lines_out": [{"relation": r.kind, "body": r.target, **_period(r.period)} for r in card.lines_out],
        "lines_in": [{"relation": r.kind, "body": r.source_body, **_period(r.period)} for r in card.lines_in],
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
        "sources": [s.id for s in card.sources],
        "location": {"file": b.location.file, "line": b.location.line, "column": b.location.column},
    }
