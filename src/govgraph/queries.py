"""Questions asked of a model, answered with model objects (never strings); `render.text` words them.

Every query takes an optional date: the model is first cut to what held then (`graph.snapshot`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govgraph.graph import moment, snapshot
from govgraph.model import (
    Body,
    Chair,
    HistoryEntry,
    ManagedBy,
    Membership,
    Model,
    PartialDate,
    Relation,
    Source,
)


@dataclass(frozen=True)
class Card:
    """Everything about one body: what `govgraph show` prints.

    `lines_in` are other bodies' lines that end at this body. `closure` is the history entry that closed it,
    when it has closed (by `as_of`, when a date was asked about).
    """

    body: Body
    status: str
    as_of: dt.date | None
    chairs: tuple[Chair, ...]
    members: tuple[Membership, ...]
    lines_out: tuple[Relation, ...]
    lines_in: tuple[Relation, ...]
    managed_by: tuple[ManagedBy, ...]
    history: tuple[HistoryEntry, ...]
    sources: tuple[Source, ...]
    closure: HistoryEntry | None
    model: Model

    @property
    def co_chaired(self) -> bool:
        return len(self.chairs) > 1


def show(model: Model, name: str, *, as_of: PartialDate | None = None) -> Card:
    """The card of the body called `name` (id, name, short name or alias, any case).

    Raises:
        NameNotFound: no body is called `name` (with the closest names); AmbiguousName.
    """
    body_id = model.resolve(name)
    day = moment(as_of)
    view = snapshot(model, as_of)
    # A body not in force on that date is shown as recorded, its status saying why.
    body = view.bodies.get(body_id) or model.bodies[body_id]
    lines_in = tuple(
        rel for other in sorted(view.bodies) for rel in view.bodies[other].relations if rel.target == body_id
    )
    facts: tuple[Chair | Membership | Relation | HistoryEntry | ManagedBy, ...] = (
        *body.chairs,
        *body.members,
        *body.relations,
        *body.history,
        *body.managed_by,
        *lines_in,
    )
    cited = {body.source} | {fact.source for fact in facts}
    sources = tuple(model.sources[s] for s in sorted(c for c in cited if c and c in model.sources))
    return Card(
        body=body,
        status=body.status_on(day),
        as_of=day,
        chairs=body.chairs,
        members=body.members,
        lines_out=body.relations,
        lines_in=lines_in,
        managed_by=body.managed_by,
        history=body.history,
        sources=sources,
        closure=body.closure(),
        model=model,
    )
