"""The dated events of a model, or of one body: set up, status changes, renames, closures and whose decision
they were, chairs, post holders, members and lines starting and ending.

`timeline(model, body_id=None)` answers with a list of frozen `Event`s, sorted by date (a partial date sorts
before the more precise dates inside it: `2025` before `2025-03`), then by body and kind of event, so the same
model always gives the same timeline.

Decisions where DESIGN.md is silent:
- A history entry gives one event per thing it records: a status (`status`, or `closed` / `transitioned` with
  its decision), a rename (`renamed`, with the name before it), and a note alone (`note`).
- A body's own timeline also holds the lines into it, the decisions it took on other bodies (`decided_by`), and
  the holders of the posts that chair it, since those are its history too.
- Facts without dates make no event: a timeline lists what the file dates, nothing it would have to guess.
- An event dated after the reference day (the date asked about, else the model's `as_of`, else today) is still
  to come (`Event.to_come`): a term's end written ahead of time is not something that has happened. Events stay
  in date order; the renderers mark those to come.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from govgraph.model import Body, Model, PartialDate, Period
from govgraph.time import name_on, to_come
from govgraph.vocabulary import ended_statuses

#: What an event can happen to: a body, or a post (its holders).
EventSection = Literal["body", "role"]

#: Every event code, in the order a day's events are listed.
EVENTS: tuple[str, ...] = (
    "set_up",
    "managed_from",
    "chair_from",
    "member_from",
    "line_from",
    "holder_from",
    "renamed",
    "status",
    "note",
    "holder_until",
    "line_until",
    "member_until",
    "chair_until",
    "managed_until",
    "closed",
    "transitioned",
    "ended",
)


@dataclass(frozen=True)
class Event:
    """Something that happened on a date.

    `section` and `id` say what it happened to (a `body`, or a `role` for a post holder); `other` is the other end
    (the target of a line, the post that chairs, the member, the managing organisation, the holder's name);
    `relation` the line's relation; `status`, `name` and `previous` (the name before a rename) what changed;
    `decided_by` the body whose decision it was; `note` and `source` as written in the file.
    """

    date: PartialDate
    section: EventSection
    id: str
    event: str
    other: str | None = None
    relation: str | None = None
    status: str | None = None
    name: str | None = None
    previous: str | None = None
    decided_by: str | None = None
    note: str | None = None
    source: str | None = None
    #: False for a history entry written with `by`: it happened at a date not recorded, no later than `date`.
    date_known: bool = True

    def to_come(self, day: dt.date) -> bool | None:
        """Whether the event is still to come at `day` (the reference day: see `govgraph.time.to_come`): True, False,
        or None where its date (a month or year that holds `day`, or one it is only known to be no later than)
        leaves it open."""
        return to_come(self.date, day, date_known=self.date_known)

    def sort_key(self) -> tuple[dt.date, int, int, str, int, str, str]:
        """Date (by its first day, a longer period first: `2025` before `2025-03`), then body or post, then the kind
        of event, then the other end."""
        return (
            self.date.first,
            -self.date.last.toordinal(),
            0 if self.section == "body" else 1,
            self.id,
            EVENTS.index(self.event),
            self.other or "",
            self.relation or "",
        )


def timeline(
    model: Model,
    body_id: str | None = None,
    *,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
) -> list[Event]:
    """The dated events of the whole model, or of one body, oldest first.

    Args:
        body_id: a body's id, or its name, short name or alias (any case); None for the whole model.
        since, until: keep only events whose date overlaps this span (a partial date is its whole period).

    Raises:
        NameNotFound: no body is called `body_id` (with the closest names); AmbiguousName.
    """
    events = list(_by_body(model).get(model.resolve(body_id), ()) if body_id is not None else _all_events(model))
    if since is not None:
        events = [e for e in events if e.date.last >= since.first]
    if until is not None:
        events = [e for e in events if e.date.first <= until.last]
    return sorted(events, key=Event.sort_key)


def _all_events(model: Model) -> tuple[Event, ...]:
    """Every event of the model, worked out once per model and kept (a documentation build asks for the
    timeline of every body: without this, a pass over the whole model each time)."""
    cached: tuple[Event, ...] | None = model.__dict__.get("_timeline_events")
    if cached is None:
        events: list[Event] = []
        for body in model.bodies.values():
            events += _body_events(body)
        for role in model.roles.values():
            for holder in role.holders or ():
                events += _span(holder.period, "role", role.id, "holder", other=holder.name, source=holder.source)
        cached = tuple(events)
        model.__dict__["_timeline_events"] = cached
    return cached


def _by_body(model: Model) -> dict[str, list[Event]]:
    """The events that concern each body: its own, the decisions it took, the lines into it, and the holders
    of the posts that chair it (kept, as `_all_events`)."""
    index: dict[str, list[Event]] | None = model.__dict__.get("_timeline_by_body")
    if index is None:
        chaired: dict[str, set[str]] = {}
        for body in model.bodies.values():
            for chair in body.chairs:
                chaired.setdefault(chair.role, set()).add(body.id)
        index = {}
        for event in _all_events(model):
            if event.section == "role":
                bodies = chaired.get(event.id, set())
            else:
                bodies = {event.id} | ({event.decided_by} if event.decided_by else set())
                if event.relation is not None and event.other:
                    bodies.add(event.other)
            for body_id in bodies:
                index.setdefault(body_id, []).append(event)
        model.__dict__["_timeline_by_body"] = index
    return index


def _span(
    period: Period,
    section: EventSection,
    item: str,
    noun: str,
    *,
    other: str | None = None,
    relation: str | None = None,
    note: str | None = None,
    source: str | None = None,
) -> list[Event]:
    """The events a dated fact makes: `<noun>_from` at its start, `<noun>_until` at its end."""
    found = []
    for date, edge in ((period.start, "from"), (period.end, "until")):
        if date is not None:
            found.append(
                Event(date, section, item, f"{noun}_{edge}", other=other, relation=relation, note=note, source=source)
            )
    return found


def _body_events(body: Body) -> list[Event]:
    bid = body.id
    events: list[Event] = []
    if body.period.start is not None:
        events.append(Event(body.period.start, "body", bid, "set_up", source=body.source))
    if body.period.end is not None:
        events.append(Event(body.period.end, "body", bid, "ended", source=body.source))
    for m in body.managed_by:
        events += _span(m.period, "body", bid, "managed", other=m.organisation, note=m.note, source=m.source)
    for c in body.chairs:
        events += _span(c.period, "body", bid, "chair", other=c.role, relation="chairs", source=c.source)
    for mem in body.members:
        events += _span(mem.period, "body", bid, "member", other=mem.member, note=mem.as_, source=mem.source)
    for line in body.relations:
        events += _span(
            line.period, "body", bid, "line", other=line.target, relation=line.kind, note=line.note, source=line.source
        )
    events += _history_events(body)
    return events


def _history_events(body: Body) -> Iterable[Event]:
    for entry in body.history:
        said = False
        if entry.name is not None:
            before = name_on(body, entry.date.first - dt.timedelta(days=1))
            previous = before if before != entry.name else None
            yield Event(
                entry.date,
                "body",
                body.id,
                "renamed",
                name=entry.name,
                previous=previous,
                decided_by=entry.decided_by,
                note=entry.note,
                source=entry.source,
            )
            said = True
        if entry.status is not None:
            # A closure has an event of its own (`closed`, `transitioned`, `ended`: as a body reaching its `until`).
            code = entry.status if entry.status in ended_statuses() and entry.status in EVENTS else "status"
            yield Event(
                entry.date,
                "body",
                body.id,
                code,
                status=entry.status,
                decided_by=entry.decided_by,
                note=None if said else entry.note,
                source=entry.source,
                date_known=entry.date_known,
            )
            said = True
        if not said:
            yield Event(
                entry.date, "body", body.id, "note", decided_by=entry.decided_by, note=entry.note, source=entry.source
            )
