"""Questions asked of a model, answered with model objects (never strings); `render` words them.

`show` (a body's card), `paths` (routes from one body up to another), `chain` (a body's line of accountability to
the top), `under` (what reports into a body), `roles` (what each post chairs and sits on), `quorum` (could a body
be quorate with some posts away) and `reports_into` (what a body receives in a year, from whom). Every query takes an
optional date: the model is first cut to what held then (`graph.snapshot`). Names are resolved with
`Model.resolve`, so an unknown one raises `NameNotFound` with the closest matches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from govgraph import terms, time, vocabulary
from govgraph.errors import InvalidOption
from govgraph.graph import distances, ends, ranked_routes, reachable, snapshot
from govgraph.model import (
    Body,
    Chair,
    Expected,
    HistoryEntry,
    Holder,
    ManagedBy,
    Membership,
    Model,
    PartialDate,
    Relation,
    Role,
    Source,
)
from govgraph.time import moment
from govgraph.vocabulary import accountability, body_relations, by_strength, ended_statuses, includable


@dataclass(frozen=True)
class Card:
    """Everything about one body: what `govgraph show` prints.

    `lines_in` are other bodies' lines that end at this body; lines in and out are sorted by relation (in the
    order of `vocabulary.body_relations`), then by the other body's id. `closure` is the history entry that closed
    it, when it has closed (by `as_of`, when a date was asked about). `representation` says, for each group the body
    must represent, who of it is and is not represented. `reference` is the day "ended" is judged at (the date asked
    about, else the model's `as_of`, else today: `time.reference_day`). `status` is None where none is recorded.
    """

    body: Body
    status: str | None
    as_of: dt.date | None
    chairs: tuple[Chair, ...]
    members: tuple[Membership, ...]
    lines_out: tuple[Relation, ...]
    lines_in: tuple[Relation, ...]
    managed_by: tuple[ManagedBy, ...]
    history: tuple[HistoryEntry, ...]
    sources: tuple[Source, ...]
    #: The sources of `sources` cited only by lines into the body, each with the bodies those lines come from.
    lines_in_sources: Mapping[str, tuple[str, ...]]
    closure: HistoryEntry | None
    model: Model
    representation: tuple[Representation, ...] = ()
    reference: dt.date | None = None
    closed_neighbours: tuple[ClosedBody, ...] = field(default=())

    @property
    def co_chaired(self) -> bool:
        """Whether two or more posts chair the body together (vice and deputy chairs are not co-chairs)."""
        return sum(1 for c in self.chairs if c.presides) > 1

    @property
    def not_yet(self) -> bool:
        """Whether the body had not been set up yet on the date asked about (its `from` is later)."""
        start = self.body.period.start
        return self.as_of is not None and start is not None and self.as_of < start.first


@dataclass(frozen=True)
class Representation:
    """For a group a body must represent: the group's organisations and roles that are represented on the body
    and those that are not (the rule of check GG403: through a member itself, a role of the organisation, or a
    group containing it; chairs count)."""

    group: str
    represented: tuple[str, ...]
    missing: tuple[str, ...]


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
    order = _order()
    lines_in = tuple(sorted(view.lines_into(body_id), key=lambda r: (order[r.kind], r.source_body)))
    lines_out = tuple(sorted(body.relations, key=lambda r: (order[r.kind], r.target)))
    reference = time.reference_day(model, day)
    neighbours = {r.target for r in lines_out} | {r.source_body for r in lines_in}
    facts: tuple[Chair | Membership | Relation | HistoryEntry | ManagedBy, ...] = (
        *body.chairs,
        *body.members,
        *body.relations,
        *body.history,
        *body.managed_by,
    )
    own = {body.source} | {fact.source for fact in facts}
    # A source cited only by other bodies' lines into this one is about those lines, not about this body.
    through: dict[str, set[str]] = {}
    for line in lines_in:
        if line.source is not None and line.source not in own:
            through.setdefault(line.source, set()).add(line.source_body)
    cited = own | set(through)
    sources = tuple(model.sources[s] for s in sorted(c for c in cited if c and c in model.sources))
    return Card(
        body=body,
        status=time.status_on(body, day, reference=reference),
        as_of=day,
        chairs=body.chairs,
        members=body.members,
        lines_out=lines_out,
        lines_in=lines_in,
        managed_by=body.managed_by,
        history=body.history,
        sources=sources,
        lines_in_sources={s: tuple(sorted(bodies)) for s, bodies in sorted(through.items()) if s in model.sources},
        closure=time.closure(body),
        model=model,
        representation=_representation(model, body),
        reference=reference,
        closed_neighbours=_closures(model, neighbours, reference),
    )


def _representation(model: Model, body: Body) -> tuple[Representation, ...]:
    covered = model.represented_on(body)
    answer = []
    for group_id in sorted(set(body.represented)):
        leaves = model.group_members(group_id)
        answer.append(Representation(group_id, tuple(sorted(leaves & covered)), tuple(sorted(leaves - covered))))
    return tuple(answer)


# Reporting-path questions ------------------------------------------------------------------------------
#
# Decisions where DESIGN.md is silent:
# - A route is a sequence of bodies; where two bodies are joined by several lines, its step names the strongest
#   (reports_to, part_of, dotted_to, steers), a line in force before one that is not. The same bodies are never
#   reported twice as different routes.
# - Without a date, "ended" and "closed" are judged at the model's `as_of` (today where it has none), as the
#   checks do: the London model's lines `until: 2025-03` show as ended, CLP as closed.
# - With a date and no route, the answer also gives the routes of the whole record, with the lines that had
#   ended and the bodies that had closed by then: what broke the route is the useful part of "no".
# - Trees (`chain`, `under`) show a body's lines once; a body met again is marked `repeat` and not expanded
#   again, so a structure with many shared parents stays linear in size. A line back to a body on its own branch
#   is marked `cycle`.


#: The most routes `paths` gives. Routes are found at a cost linear in their number and length (see
#: `graph.ranked_routes`): 1,000 routes of the 80-body ladder of `benchmarks/bench_queries.py` (2^40 routes, each
#: 41 bodies long) take 0.1 s, words included, so an answer within this limit comes at once.
MAX_ROUTES = 1000


def _order() -> Mapping[str, int]:
    """Each relation's place in reporting order (`vocabulary.body_relations`)."""
    return {name: i for i, name in enumerate(body_relations())}


def _strength() -> Mapping[str, int]:
    """Each relation's rank when two bodies are joined by several lines: the step names the strongest."""
    return {name: i for i, name in enumerate(by_strength())}


@dataclass(frozen=True)
class ClosedBody:
    """A body that had closed (or transitioned, or reached its `until`) by the day an answer is about."""

    body: str
    status: str
    date: PartialDate | None
    decided_by: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Route:
    """One route: `steps` are the lines followed, in order, each naming its relation.

    `lapsed` are the steps not in force on the day the answer is about (without a date: lines that have ended);
    `closed` the bodies on the route that had closed by then.
    """

    start: str
    steps: tuple[Relation, ...]
    lapsed: tuple[Relation, ...] = ()
    closed: tuple[str, ...] = ()

    @property
    def bodies(self) -> tuple[str, ...]:
        """The bodies passed through, from the start to the end."""
        return (self.start, *(step.target for step in self.steps))

    @property
    def length(self) -> int:
        return len(self.steps)

    @property
    def relations(self) -> frozenset[str]:
        """The relations the route uses."""
        return frozenset(step.kind for step in self.steps)

    @property
    def dotted(self) -> bool:
        """Whether the route uses a dotted line."""
        return "dotted_to" in self.relations


@dataclass(frozen=True)
class Nearest:
    """The nearest body two bodies both reach (`body`), and in how many steps each reaches it."""

    body: str
    from_steps: int
    to_steps: int


@dataclass(frozen=True)
class PathAnswer:
    """Every route from `start` up to `end` (at most `max_routes`, shortest first, then by ids).

    `more` says there were more routes than `max_routes`. With no route, `nearest` is the nearest body both
    reach along the same relations (None when they reach none in common; `start` itself when the route runs the
    other way); with a date and no route, `former` are the routes of the whole record, marked with what had
    ended by then. `closures` are the bodies of the question and its routes that had closed by then; `absent`
    the bodies asked about that were not in force on the date.
    """

    start: str
    end: str
    relations: tuple[str, ...]
    routes: tuple[Route, ...]
    more: bool
    max_routes: int
    via: str | None
    avoid: tuple[str, ...]
    nearest: Nearest | None
    former: tuple[Route, ...]
    closures: tuple[ClosedBody, ...]
    absent: tuple[str, ...]
    as_of: dt.date | None
    reference: dt.date
    model: Model

    @property
    def found(self) -> bool:
        return bool(self.routes)


@dataclass(frozen=True)
class TreeRow:
    """One line of a tree (`chain`, `under`), in the order it is printed.

    `parent` is the index of the row above it in the tree (-1 for the root), `line` the line joining the two.
    `repeat`: the body was shown (and expanded) earlier. `cycle`: the line leads back to a body on its own branch.
    `hidden`: how many lines from here were not followed because of the depth limit. `lapsed`: the line was not
    in force on the day of the answer (without a date: it has ended).
    """

    depth: int
    body: str
    parent: int = -1
    line: Relation | None = None
    repeat: bool = False
    cycle: bool = False
    hidden: int = 0
    lapsed: bool = False


@dataclass(frozen=True)
class TreeAnswer:
    """What `chain` and `under` share: `body`, the tree of `rows` followed along `relations`, the lines of the
    record not in force on the date asked (`lapsed`), the bodies closed by then (`closures`), and whether `body`
    itself was not in force then (`absent`)."""

    body: str
    relations: tuple[str, ...]
    rows: tuple[TreeRow, ...]
    lapsed: tuple[Relation, ...]
    closures: tuple[ClosedBody, ...]
    absent: bool
    as_of: dt.date | None
    reference: dt.date
    model: Model

    @property
    def lines(self) -> tuple[Relation, ...]:
        """Every line of the tree, once each, sorted."""
        return _unique_lines(row.line for row in self.rows)


@dataclass(frozen=True)
class ChainAnswer(TreeAnswer):
    """`body`'s line of accountability up to the top, every branch where a body has several parents.

    `rows` is the tree; `tops` the bodies reached that account to nothing further; `lapsed` (with a date) the
    lines up from the chain's bodies that the record has but that were not in force then.
    """

    tops: tuple[str, ...]

    @property
    def stops_short(self) -> tuple[str, ...]:
        """The bodies of `tops` (but `body` itself) that are no top: neither of a top kind nor written `top: true`
        (`Body.can_be_top`, the rule `govgraph check` counts tops by, GG304), so the line stops short at them."""
        bodies = self.model.bodies
        return tuple(t for t in self.tops if t != self.body and not bodies[t].can_be_top)

    @property
    def branched(self) -> bool:
        """Whether some body of the chain accounts to several parents (two lines to one parent are not two)."""
        parents: dict[str, set[str]] = {}
        for row in self.rows:
            if row.line is not None:
                parents.setdefault(row.line.source_body, set()).add(row.line.target)
        return any(len(targets) > 1 for targets in parents.values())


@dataclass(frozen=True)
class UnderAnswer(TreeAnswer):
    """Everything that reports into `body`, as a tree (`rows`), down to `depth` levels (None: all)."""

    depth: int | None

    @property
    def bodies(self) -> tuple[str, ...]:
        """Every body shown under `body` (not `body` itself, even where a cycle leads back to it), sorted by id."""
        return tuple(sorted({row.body for row in self.rows[1:]} - {self.body}))


@dataclass(frozen=True)
class RoleLoad:
    """What one post chairs and sits on, and who holds it.

    `holders` is None where the model does not track holders. `stacked` are pairs (lower, upper) of bodies the
    post chairs (as its chair, not its vice or deputy) where the lower one accounts (through reports_to / part_of) to
    the upper one, none for a post several people hold at once (`terms.shared_post`). `co_chaired` are the bodies
    the post chairs with other posts presiding beside it (a vice or deputy chair is not a co-chair). `lines` are
    the lines between bodies that run through the post (a liaison's: `by`), by the body they leave, then the one
    they reach.
    """

    role: Role
    chairs: tuple[Chair, ...]
    seats: tuple[Membership, ...]
    holders: tuple[Holder, ...] | None
    co_chaired: tuple[str, ...]
    stacked: tuple[tuple[str, str], ...]
    closures: tuple[ClosedBody, ...]
    as_of: dt.date | None
    reference: dt.date
    model: Model
    lines: tuple[Relation, ...] = ()

    @property
    def flagged(self) -> bool:
        """Whether the post chairs several bodies in one line of accountability."""
        return bool(self.stacked)


def paths(
    model: Model,
    from_: str,
    to: str,
    *,
    include: Iterable[str] = (),
    via: str | None = None,
    avoid: str | Iterable[str] | None = None,
    max_routes: int = 20,
    as_of: PartialDate | dt.date | None = None,
) -> PathAnswer:
    """Every route from the body `from_` up to the body `to`: shortest first, then by ids.

    Routes follow the line of accountability (`reports_to`, `part_of`); `include` adds `dotted_to` and/or
    `steers` (also spelt `dotted`). Routes are found one at a time and the search stops after `max_routes`, so a
    structure with very many routes still answers at once.

    Args:
        from_, to, via, avoid: id, name, short name or alias of a body (any case); `avoid` may be several.
        via: only routes through this body. avoid: no route through these.
        max_routes: the most routes to give (1 to `MAX_ROUTES`); `more` says whether there were others.
        as_of: answer as things stood on that date (a partial date means its last day).

    Raises:
        NameNotFound, AmbiguousName: a name matches no body, or several.
        InvalidOption: an unknown relation in `include`, `max_routes` below 1 or above `MAX_ROUTES`, or `avoid`
            naming an end.
    """
    relations = _relations(include)
    if max_routes < 1:
        raise InvalidOption(option="max_routes", value=str(max_routes), reason="give at least 1")
    if max_routes > MAX_ROUTES:
        raise InvalidOption(
            option="max_routes",
            value=str(max_routes),
            reason=f"give at most {MAX_ROUTES:,} (more routes than that are not read: narrow the question with "
            "{via} or {avoid})",
            mentions=("via", "avoid"),
        )
    start, end = model.resolve(from_), model.resolve(to)
    via_id = model.resolve(via) if via is not None else None
    avoided = _avoided(model, avoid)
    for body_id in avoided & {start, end}:
        raise InvalidOption(option="avoid", value=body_id, reason="a route cannot avoid its own start or end")
    if via_id is not None and via_id in avoided:
        raise InvalidOption(
            option="via", value=via_id, reason="the same body is also given to {avoid}", mentions=("avoid",)
        )
    if via_id in (start, end):
        via_id = None  # every route passes through its own ends
    day = moment(as_of)
    view = snapshot(model, as_of)
    reference = time.reference_day(model, day)
    asked = [start, end] + ([via_id] if via_id else [])
    absent = tuple(sorted({b for b in asked if b not in view.bodies}))

    routes, more = _find_routes(model, view, start, end, relations, via_id, avoided, max_routes, reference)
    nearest = None
    former: tuple[Route, ...] = ()
    if not routes:
        nearest = _nearest(view, start, end, relations, avoided)
        if day is not None:
            former, _ = _find_routes(model, model, start, end, relations, via_id, avoided, max_routes, reference)
    touched = {b for route in routes + former for b in route.bodies} | set(asked)
    return PathAnswer(
        start=start,
        end=end,
        relations=relations,
        routes=routes,
        more=more,
        max_routes=max_routes,
        via=via_id,
        avoid=tuple(sorted(avoided)),
        nearest=nearest,
        former=former,
        closures=_closures(model, touched, reference),
        absent=absent,
        as_of=day,
        reference=reference,
        model=model,
    )


def chain(model: Model, x: str, *, as_of: PartialDate | dt.date | None = None, depth: int | None = None) -> ChainAnswer:
    """`x`'s line of accountability (`reports_to`, `part_of`) up to the top, every branch where a body has
    several parents; cycles in the model are cut where they close.

    Args:
        depth: how many levels above `x` to follow (None: all); lines further up are counted in `TreeRow.hidden`,
            and the tops beyond them are not in `tops` (see `tops_above`).

    Raises:
        NameNotFound, AmbiguousName: `x` matches no body, or several. InvalidOption: `depth` below 1.
    """
    if depth is not None and depth < 1:
        raise InvalidOption(option="depth", value=str(depth), reason="give at least 1")
    body_id = model.resolve(x)
    day = moment(as_of)
    view = snapshot(model, as_of)
    reference = time.reference_day(model, day)
    relations = accountability()
    up = _lines_up(view, relations)
    rows = _tree(body_id, up, depth, reference)
    shown = {row.body for row in rows}
    tops = tuple(sorted(row.body for row in rows if not row.repeat and not row.cycle and not up(row.body)))
    lapsed = _lapsed(model, view, shown, relations, upwards=True) if day is not None else ()
    touched = shown | {line.target for line in lapsed}
    return ChainAnswer(
        body=body_id,
        relations=relations,
        rows=rows,
        tops=tops,
        lapsed=lapsed,
        closures=_closures(model, touched, reference),
        absent=body_id not in view.bodies,
        as_of=day,
        reference=reference,
        model=model,
    )


def tops_above(model: Model, *, as_of: PartialDate | dt.date | None = None) -> Mapping[str, frozenset[str]]:
    """For every body in force on the date, the tops its line of accountability reaches (`chain(...).tops`, with
    the body itself where it accounts to nothing, and none where the line only goes round a cycle).

    All bodies at once, in time linear in the model: asking `chain` of each body of a structure n levels deep
    costs n^2 (a 2,000-deep chain: 2 million rows).
    """
    view = snapshot(model, as_of)
    up = _lines_up(view, accountability())
    return ends({body_id: [line.target for line in up(body_id)] for body_id in view.bodies})


def under(model: Model, x: str, *, depth: int | None = None, as_of: PartialDate | dt.date | None = None) -> UnderAnswer:
    """Everything that reports into `x` (`reports_to`, `part_of`), directly or not, as a tree.

    Args:
        depth: how many levels below `x` to show (None: all); deeper lines are counted in `TreeRow.hidden`.

    Raises:
        NameNotFound, AmbiguousName: `x` matches no body, or several. InvalidOption: `depth` below 1.
    """
    if depth is not None and depth < 1:
        raise InvalidOption(option="depth", value=str(depth), reason="give at least 1")
    body_id = model.resolve(x)
    day = moment(as_of)
    view = snapshot(model, as_of)
    reference = time.reference_day(model, day)
    relations = accountability()
    rows = _tree(body_id, _lines_in(view, relations), depth, reference)
    shown = {row.body for row in rows}
    lapsed = _lapsed(model, view, shown, relations, upwards=False) if day is not None else ()
    touched = shown | {line.source_body for line in lapsed}
    return UnderAnswer(
        body=body_id,
        relations=relations,
        depth=depth,
        rows=rows,
        lapsed=lapsed,
        closures=_closures(model, touched, reference),
        absent=body_id not in view.bodies,
        as_of=day,
        reference=reference,
        model=model,
    )


def roles(model: Model, role: str | None = None, *, as_of: PartialDate | dt.date | None = None) -> list[RoleLoad]:
    """For each post (or only `role`): what it chairs, what it sits on as a member, who holds it, and the
    bodies it chairs that are in one line of accountability. Sorted by role id.

    Raises:
        NameNotFound, AmbiguousName: `role` matches no role (by id, title or alias), or several.
    """
    wanted = [model.resolve(role, kinds=("role",))] if role is not None else sorted(model.roles)
    day = moment(as_of)
    view = snapshot(model, as_of)
    reference = time.reference_day(model, day)
    chairs: dict[str, list[Chair]] = {}
    seats: dict[str, list[Membership]] = {}
    through: dict[str, list[Relation]] = {}
    for body_id in sorted(view.bodies):
        body = view.bodies[body_id]
        for chair in body.chairs:
            chairs.setdefault(chair.role, []).append(chair)
        for member in body.members:
            if member.member_kind == "role":
                seats.setdefault(member.member, []).append(member)
        for line in body.relations:
            if line.by is not None:
                through.setdefault(line.by, []).append(line)
    up = _lines_up(view, accountability())
    loads = []
    for role_id in wanted:
        chaired = chairs.get(role_id, [])
        # As GG402: only the chair (not a vice or deputy chair) counts, and a post several people hold at once
        # ("Councillor") chairing two levels is not known to be one person doing so.
        presiding = sorted({c.body for c in chaired if c.presides})
        stacked = (
            []
            if terms.shared_post(model, role_id)
            else sorted(
                (low, high)
                for low in presiding
                for high in sorted(reachable(lambda b: [line.target for line in up(b)], low) & set(presiding))
                if high != low
            )
        )
        # Co-chairs are two or more posts presiding together; a vice or deputy chair is never one.
        co = tuple(b for b in presiding if len({c.role for c in view.bodies[b].chairs if c.presides}) > 1)
        lines = sorted(through.get(role_id, []), key=lambda line: (line.source_body, line.target, line.kind))
        touched = {c.body for c in chaired} | {m.body for m in seats.get(role_id, [])}
        loads.append(
            RoleLoad(
                role=view.roles[role_id],
                chairs=tuple(chaired),
                seats=tuple(seats.get(role_id, [])),
                holders=view.roles[role_id].holders,
                co_chaired=co,
                stacked=tuple(stacked),
                closures=_closures(model, touched, reference),
                as_of=day,
                reference=reference,
                model=model,
                lines=tuple(lines),
            )
        )
    return loads


def closed_body(body: Body, day: dt.date) -> ClosedBody | None:
    """How `body` had ended by `day`: closed or transitioned in its history, or past its `until`; None while it
    was still in force."""
    status = time.status_on(body, day)
    if status not in ended_statuses():
        return None
    entry = time.closure(body, day)
    if entry is not None:
        return ClosedBody(body.id, entry.status or status, entry.date, entry.decided_by, entry.note)
    return ClosedBody(body.id, status, body.period.end)


def _relations(include: Iterable[str]) -> tuple[str, ...]:
    words = includable()
    extra: set[str] = set()
    for name in include:
        key = name.strip().lower().replace("-", "_")
        if key not in words:
            followed = " and ".join(accountability())
            choices = _either({vocabulary.relation(r).include[0] for r in words.values()})
            raise InvalidOption(
                option="include",
                value=name,
                reason=f"give {choices} ({followed} are always followed)",
            )
        extra.add(words[key])
    return (*accountability(), *(r for r in by_strength() if r in extra))


def _either(words: Iterable[str]) -> str:
    """`dotted and/or steers`; `a, b and/or c`."""
    ordered = sorted(words, key=lambda w: by_strength().index(includable()[w]))
    if len(ordered) <= 1:
        return "".join(ordered)
    return ", ".join(ordered[:-1]) + " and/or " + ordered[-1]


def _avoided(model: Model, avoid: str | Iterable[str] | None) -> set[str]:
    if avoid is None:
        return set()
    names = [avoid] if isinstance(avoid, str) else list(avoid)
    return {model.resolve(name) for name in names}


def _lines_up(view: Model, relations: tuple[str, ...]) -> Callable[[str], tuple[Relation, ...]]:
    """A body's lines of the given relations to other bodies of `view`, sorted by target then strength."""
    cache: dict[str, tuple[Relation, ...]] = {}
    strength = _strength()

    def up(body_id: str) -> tuple[Relation, ...]:
        if body_id not in cache:
            body = view.bodies.get(body_id)
            lines = body.relations if body is not None else ()
            # A `part_of` line into a whole that does not hold its parts to account is no step up (`accountable`).
            kept = [r for r in lines if r.kind in relations and r.accountable and r.target in view.bodies]
            cache[body_id] = tuple(sorted(kept, key=lambda r: (r.target, strength[r.kind])))
        return cache[body_id]

    return up


def _lines_in(view: Model, relations: tuple[str, ...]) -> Callable[[str], tuple[Relation, ...]]:
    """The lines of the given relations into a body, from other bodies of `view`, sorted by source."""
    strength = _strength()

    def down(body_id: str) -> tuple[Relation, ...]:
        kept = [
            r for r in view.lines_into(body_id) if r.kind in relations and r.accountable and r.target in view.bodies
        ]
        return tuple(sorted(kept, key=lambda r: (r.source_body, strength[r.kind])))

    return down


def _strongest(lines: Iterable[Relation], reference: dt.date) -> Relation:
    strength = _strength()

    def key(line: Relation) -> tuple[bool, int]:
        return (not time.holds_on(line.period, reference), strength[line.kind])

    return min(lines, key=key)


def _find_routes(
    model: Model,
    view: Model,
    start: str,
    end: str,
    relations: tuple[str, ...],
    via: str | None,
    avoided: set[str],
    limit: int,
    reference: dt.date,
) -> tuple[tuple[Route, ...], bool]:
    """Up to `limit` routes in `view`, and whether there are more."""
    if start not in view.bodies or end not in view.bodies or (via is not None and via not in view.bodies):
        return (), False
    up = _lines_up(view, relations)

    def targets(body_id: str) -> list[str]:
        return sorted({line.target for line in up(body_id)} - avoided)

    # Many routes share their steps and bodies: each is judged once.
    step_of: dict[tuple[str, str], Relation] = {}
    gone: dict[str, bool] = {}

    def step(u: str, v: str) -> Relation:
        if (u, v) not in step_of:
            step_of[u, v] = _strongest([r for r in up(u) if r.target == v], reference)
        return step_of[u, v]

    def ended(body_id: str) -> bool:
        if body_id not in gone:
            gone[body_id] = closed_body(model.bodies[body_id], reference) is not None
        return gone[body_id]

    def route_of(bodies: Sequence[str]) -> Route:
        steps = tuple(step(u, v) for u, v in pairwise(bodies))
        lapsed = tuple(s for s in steps if not time.holds_on(s.period, reference))
        return Route(start=bodies[0], steps=steps, lapsed=lapsed, closed=tuple(b for b in bodies if ended(b)))

    found: list[Route] = []
    if via is None:
        for bodies in ranked_routes(targets, start, end, order=str):
            found.append(route_of(bodies))
            if len(found) > limit:
                break
    else:
        # Routes through `via` are routes of a two-layer graph: before `via` (layer 0) and after it (layer 1);
        # the only way from layer 0 to layer 1 is through `via`. In a graph with cycles such a route may pass a
        # body in both layers; those are skipped (a bounded number, so a pathological model cannot hang this).
        def layered(node: tuple[str, int]) -> list[tuple[str, int]]:
            body_id, layer = node
            if layer == 1:
                return [(t, 1) for t in targets(body_id)]
            return [(t, 1) if t == via else (t, 0) for t in targets(body_id) if t != end]

        skipped = 0
        for nodes in ranked_routes(layered, (start, 0), (end, 1), order=lambda n: n[0]):
            walked = [n[0] for n in nodes]
            if len(set(walked)) < len(walked):
                skipped += 1
                if skipped > 100 * limit + 1000:
                    break
                continue
            found.append(route_of(walked))
            if len(found) > limit:
                break
    return tuple(found[:limit]), len(found) > limit


def _nearest(view: Model, start: str, end: str, relations: tuple[str, ...], avoided: set[str]) -> Nearest | None:
    if start not in view.bodies or end not in view.bodies:
        return None
    up = _lines_up(view, relations)

    def targets(body_id: str) -> list[str]:
        return sorted({line.target for line in up(body_id)} - avoided)

    from_start, from_end = distances(targets, start), distances(targets, end)
    common = set(from_start) & set(from_end)
    if not common:
        return None
    best = min(common, key=lambda b: (from_start[b] + from_end[b], max(from_start[b], from_end[b]), b))
    return Nearest(best, from_start[best], from_end[best])


def _tree(
    root: str,
    lines: Callable[[str], tuple[Relation, ...]],
    depth: int | None,
    reference: dt.date,
) -> tuple[TreeRow, ...]:
    """The tree of `root` along `lines` (a body's lines to its children in the tree), as printed rows.

    Built without recursion so that a very deep structure cannot exhaust Python's stack. The bodies of the branch
    being walked are kept as a set, so telling a line back into the branch (`cycle`) from a body shown on another
    branch (`repeat`) costs one look-up, not a walk back up the branch: the tree costs time linear in its rows.
    """
    rows: list[TreeRow] = []
    expanded: set[str] = set()
    # The bodies from the root down to the row being placed, as a list (by depth) and as a set.
    branch: list[str] = []
    on_branch: set[str] = set()
    # (body, parent row, line from parent, depth)
    stack: list[tuple[str, int, Relation | None, int]] = [(root, -1, None, 0)]
    while stack:
        body_id, parent, line, level = stack.pop()
        while len(branch) > level:
            on_branch.discard(branch.pop())
        lapsed = line is not None and not time.holds_on(line.period, reference)
        index = len(rows)
        if body_id in expanded:
            cycle = body_id in on_branch
            rows.append(TreeRow(level, body_id, parent, line, repeat=not cycle, cycle=cycle, lapsed=lapsed))
            continue
        children = lines(body_id)
        if depth is not None and level >= depth and children:
            rows.append(TreeRow(level, body_id, parent, line, hidden=len(children), lapsed=lapsed))
            continue
        expanded.add(body_id)
        rows.append(TreeRow(level, body_id, parent, line, lapsed=lapsed))
        branch.append(body_id)
        on_branch.add(body_id)
        for child_line in reversed(children):
            child = child_line.target if child_line.source_body == body_id else child_line.source_body
            stack.append((child, index, child_line, level + 1))
    return tuple(rows)


def _lapsed(
    model: Model, view: Model, shown: set[str], relations: tuple[str, ...], *, upwards: bool
) -> tuple[Relation, ...]:
    """The record's lines touching `shown` (from them when `upwards`, else into them) missing from `view`; only
    the lines of the bodies shown are looked at."""

    def touching(m: Model, body_id: str) -> Iterable[Relation]:
        if upwards:
            body = m.bodies.get(body_id)
            return body.relations if body is not None else ()
        return m.lines_into(body_id)

    def key(r: Relation) -> tuple[str, str, str, object]:
        return (r.source_body, r.kind, r.target, r.period)

    kept = {key(r) for b in shown for r in touching(view, b)}
    found = [
        line
        for body_id in sorted(shown)
        for line in touching(model, body_id)
        if line.kind in relations and line.target in model.bodies and key(line) not in kept
    ]
    return _unique_lines(found)


def _closures(model: Model, bodies: Iterable[str], reference: dt.date) -> tuple[ClosedBody, ...]:
    found = []
    for body_id in sorted(set(bodies)):
        body = model.bodies.get(body_id)
        closed = closed_body(body, reference) if body is not None else None
        if closed is not None:
            found.append(closed)
    return tuple(found)


def _unique_lines(lines: Iterable[Relation | None]) -> tuple[Relation, ...]:
    unique = {(r.source_body, r.target, r.kind, str(r.period.start), str(r.period.end)): r for r in lines if r}
    return tuple(unique[key] for key in sorted(unique))


# Terms of reference questions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuorumQuestion:
    """Whether `body` could be quorate with the posts `absent` away (`answer`, from `govgraph.terms`), on the day
    asked about (`as_of`; the recorded membership when None)."""

    body: str
    absent: tuple[str, ...]
    answer: terms.QuorumAnswer
    as_of: dt.date | None
    model: Model

    @property
    def quorate(self) -> bool | None:
        """True, False, or None where the record cannot tell."""
        return self.answer.quorate


def quorum(
    model: Model, name: str, *, absent: Iterable[str] = (), as_of: PartialDate | dt.date | None = None
) -> QuorumQuestion:
    """Could the body `name` be quorate with the posts `absent` away? ("could PCAG be quorate if the SRO is
    absent?"). Judged from its terms' quorum and its seats in force on `as_of` (all recorded, when None).

    Raises:
        NameNotFound, AmbiguousName: a name matches no body (or, in `absent`, no post), or several.
    """
    body_id = model.resolve(name)
    away = tuple(sorted({model.resolve(post, kinds=("role",)) for post in absent}))
    day = moment(as_of)
    view = snapshot(model, as_of)
    body = view.bodies.get(body_id) or model.bodies[body_id]
    return QuorumQuestion(body_id, away, terms.quorum_answer(view, body, away, day), day, model)


@dataclass(frozen=True)
class ReportsIntoAnswer:
    """What `body` receives in a year, and from whom (`incoming`, sorted by sender); how often it meets
    (`meets_per_year`, None where not recorded; `meets_at_least`: the terms set that number as a minimum); the
    reports its terms ask for (`expected`)."""

    body: str
    incoming: tuple[terms.Incoming, ...]
    meets_per_year: int | None
    expected: tuple[Expected, ...]
    as_of: dt.date | None
    model: Model
    meets_at_least: bool = False

    @property
    def per_year(self) -> int | None:
        """Reports received a year, where every sender's is recorded; None otherwise."""
        counts = [i.per_year for i in self.incoming]
        return None if any(c is None for c in counts) else sum(c or 0 for c in counts)


def reports_into(model: Model, name: str, *, as_of: PartialDate | dt.date | None = None) -> ReportsIntoAnswer:
    """What the body `name` receives in a year, and from whom: the reports other bodies' terms send it, and the
    bodies accountable to it whose terms record none.

    Raises:
        NameNotFound, AmbiguousName: `name` matches no body, or several.
    """
    body_id = model.resolve(name)
    day = moment(as_of)
    view = snapshot(model, as_of)
    body = view.bodies.get(body_id) or model.bodies[body_id]
    own = time.terms_on(body, day)
    return ReportsIntoAnswer(
        body_id,
        terms.reports_into(view, body_id, day),
        terms.meetings_per_year(own),
        own.expects if own is not None else (),
        day,
        model,
        meets_at_least=own is not None and own.meets is not None and own.meets.at_least,
    )
