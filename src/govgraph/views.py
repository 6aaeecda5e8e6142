"""View selection: which bodies and lines a diagram draws, as plain data that every renderer shares.

A view is the whole model, a named entry of the file's `views:`, or an ad-hoc focus (`--focus X --up N
--down N`), filtered by relation, body kind, organisation and date. `select_view` answers with a `Diagram`:
nodes with their attributes and edges with their relation, both sorted by id, so shuffled input gives the same
diagram and the renderers (DOT, Mermaid, SVG) never sort or filter themselves.

Time follows DESIGN.md: without `as_of` nothing is hidden (closed bodies are drawn greyed and ended lines
marked); with `as_of` the diagram is the structure on that date, and `full_history` adds back what had closed
or ended by then, greyed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from govgraph import time, vocabulary
from govgraph.errors import InvalidOption, NameNotFound, ParameterError
from govgraph.graph import reachable
from govgraph.model import Body, Model, PartialDate, Relation
from govgraph.time import moment
from govgraph.vocabulary import body_relations, ended_statuses, kind_names

Direction = Literal["TB", "LR", "BT", "RL"]
#: The direction to give Graphviz (`rankdir`) or Mermaid for a view's direction: lines run from the lower body up to
#: the higher one, so a structure with its top at the top (`TB`) is drawn bottom to top (`BT`), and so on.
LINE_DIRECTION: Mapping[Direction, Direction] = {"TB": "BT", "BT": "TB", "LR": "RL", "RL": "LR"}

#: How a body or line fares in a diagram of changes (`govgraph diff --format svg`).
DiagramChange = Literal["added", "removed", "changed", "same"]


@dataclass(frozen=True)
class ViewNode:
    """A body as a diagram draws it."""

    id: str
    label: str
    name: str
    kind: str
    #: The status on the diagram's date (judged at the model's reference day for the whole record); None where
    #: none is recorded.
    status: str | None
    organisation: str | None
    #: Titles of the posts that chair the body, in the file's order (which carries meaning, as in `show`); two
    #: or more are co-chairs. On a date, those chairing then; in the whole record, every one, a post whose terms
    #: had run out by the reference day marked `(ended)` and one whose terms begin after it `(to come)`.
    chairs: tuple[str, ...]
    #: In a diagram of changes, how it fares; None in every other diagram.
    change: DiagramChange | None = None
    #: In a diagram of part of a larger one (`govgraph.sheets`): how many bodies this box stands for that are not
    #: drawn here (those below a collapsed body, or the bodies of a group box); 0 for a body drawn as it is.
    below: int = 0
    #: A box standing for a group of bodies (`below` of them) rather than for one body.
    group: bool = False
    #: A group box's first and last bodies by name, in the order its diagram draws them; None for one body.
    span: tuple[str, str] | None = None
    #: The id of the diagram that draws what the box stands for (its branch, its group), or, for a body drawn
    #: only for context, the diagram where it is drawn with its own branch.
    link: str | None = None
    #: Chairs in another capacity (acting, interim, vice, deputy), each as (its capacity's title, the post's
    #: title), in the vocabulary's order: the box says "Vice-chair: ..." rather than counting it a co-chair.
    other_chairs: tuple[tuple[str, str], ...] = ()

    @property
    def closed(self) -> bool:
        """Whether the body had closed, transitioned or otherwise ended by the diagram's date."""
        return self.status in ended_statuses()

    @property
    def under_review(self) -> bool:
        """Whether the body's governance was under review."""
        return self.status == "under_review"


@dataclass(frozen=True)
class ViewEdge:
    """A line between two bodies of the diagram; `ended` when it no longer held at the diagram's date."""

    source: str
    target: str
    relation: str
    ended: bool = False
    #: In a diagram of changes, how it fares; None in every other diagram.
    change: DiagramChange | None = None


@dataclass(frozen=True)
class Diagram:
    """What one diagram draws: nodes and edges sorted by id, and how to lay them out."""

    id: str
    title: str
    nodes: tuple[ViewNode, ...]
    edges: tuple[ViewEdge, ...]
    direction: Direction = "TB"
    clusters: bool = False
    #: Organisation id -> name, for the organisations the nodes belong to (cluster labels).
    organisations: Mapping[str, str] | None = None
    as_of: PartialDate | None = None
    focus: str | None = None

    @property
    def kinds(self) -> tuple[str, ...]:
        """The body kinds drawn, in legend order."""
        used = {n.kind for n in self.nodes}
        known = kind_names()
        return tuple(k for k in known if k in used) + tuple(sorted(used - set(known)))

    @property
    def relations(self) -> tuple[str, ...]:
        """The relations drawn, in legend order."""
        used = {e.relation for e in self.edges}
        return tuple(r for r in body_relations() if r in used)

    def describe(self) -> str:
        """The structure in words, for screen readers (SVG `<desc>`, Mermaid `accDescr`): who reports to whom,
        the other lines, who chairs what, and which bodies had closed or were under review."""
        names = {n.id: n.label for n in self.nodes}
        count = sum(1 for n in self.nodes if not n.group)
        parts = [f"{self.title}: {vocabulary.count(count, 'body')}."]
        for edge in self.edges:
            # A succession happened (it is told in the past); the other lines stood.
            term = vocabulary.relation(edge.relation)
            verb = term.past_verb if term.succession else term.verb
            line = f"{names[edge.source]} {verb} {names[edge.target]}"
            marks = [m for m in ("ended" if edge.ended else None, _changed(edge.change)) if m]
            parts.append(line + (f" ({', '.join(marks)})." if marks else "."))
        for node in self.nodes:
            if len(node.chairs) > 1:
                parts.append(f"{node.label} is co-chaired by {' and '.join(node.chairs)}.")
            elif node.chairs:
                parts.append(f"{node.label} is chaired by {node.chairs[0]}.")
            for title, holder in node.other_chairs:
                parts.append(f"{title} of {node.label}: {holder}.")
        for node in self.nodes:
            if node.closed and node.status is not None:
                parts.append(f"{node.label} had {vocabulary.status(node.status).label}.")
            elif node.under_review:
                parts.append(f"{node.label} was under review.")
        parts += [f"{n.label} was {_changed(n.change)}." for n in self.nodes if _changed(n.change)]
        for node in self.nodes:
            if node.group:
                parts.append(f"{node.name} are drawn in another diagram.")
            elif node.below:
                are = "bodies" if node.below != 1 else "body"
                parts.append(f"{node.label} has {node.below:,} {are} below it, drawn in another diagram.")
        return " ".join(parts)


def _changed(change: DiagramChange | None) -> str | None:
    """The word a diagram of changes uses for a node or line that changed; None when it did not."""
    return change if change in ("added", "removed", "changed") else None


def _checked(values: Iterable[str], allowed: Iterable[str], option: str) -> tuple[str, ...]:
    known = tuple(allowed)
    chosen = tuple(values)
    for value in chosen:
        if value not in known:
            raise InvalidOption(option=option, value=value, reason=f"choose from {', '.join(known)}")
    return chosen


def _reach(edges: Iterable[ViewEdge], start: str, steps: int | None, *, upward: bool) -> set[str]:
    # Up follows a line from its source to its target (towards the top); down the other way.
    following: dict[str, set[str]] = {}
    for e in edges:
        a, b = (e.source, e.target) if upward else (e.target, e.source)
        following.setdefault(a, set()).add(b)
    return reachable(following, start, steps)


def _neighbourhood(model: Model, focus: str, up: int | None, down: int | None, relations: Iterable[str]) -> set[str]:
    """The bodies `focus` reaches within `up` steps up and `down` steps down along `relations`, whatever their
    dates, kinds and hosts: a superset of what the focused view draws, so that drawing one body's neighbourhood
    looks only at that (a documentation build draws one per body)."""
    wanted = set(relations)

    def above(body_id: str) -> Iterable[str]:
        return (r.target for r in model.bodies[body_id].relations if r.kind in wanted and r.target in model.bodies)

    def below(body_id: str) -> Iterable[str]:
        return (r.source_body for r in model.lines_into(body_id) if r.kind in wanted)

    return reachable(above, focus, up) | reachable(below, focus, down)


def body_on(body: Body, day: dt.date | None, full_history: bool) -> Body | None:
    """The body as drawn on `day` (as recorded, when None), or None when it is not drawn."""
    if day is None:
        return body
    if not time.started_by(body.period, day):
        return None
    if time.has_ended(body, day) and not full_history:
        return None
    return body


def line_on(line: Relation, day: dt.date | None, reference: dt.date, full_history: bool) -> bool | None:
    """Whether a line is drawn on `day` (as recorded, when None): None when it is not drawn, else whether it
    still held at `reference` (False: drawn as ended; see `time.reference_day`)."""
    holds = not time.ended_by(line.period, reference)
    if not time.started_by(line.period, day) or (day is not None and not holds and not full_history):
        return None
    return holds


@dataclass(frozen=True)
class ViewSelection:
    """What a diagram or an export shows, as one value: the options of `govgraph render` and `govgraph export`,
    the Sphinx directive and the documentation build.

    Attributes:
        view: the id of a `views:` entry; its settings apply unless a field here overrides them.
        focus: a body (id, name, short name or alias); only what it reaches `up` steps up and `down` steps
            down along the chosen relations is drawn (None: all the way).
        relations: body-to-body relations to draw (empty: the view's, else all of them).
        kinds, organisations: draw only bodies of these kinds / hosted by these organisations (the focus always);
            empty: the view's, else all.
        as_of: the structure on this date; `full_history` also draws what had closed or ended by then, greyed.
    """

    view: str | None = None
    focus: str | None = None
    up: int | None = None
    down: int | None = None
    relations: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    as_of: PartialDate | dt.date | None = None
    full_history: bool = False

    @property
    def narrows(self) -> bool:
        """Whether it chooses part of the model, or a date (`full_history` alone chooses nothing)."""
        return self != ViewSelection(full_history=self.full_history)


def select_view(model: Model, selection: ViewSelection | None = None) -> Diagram:
    """Select the bodies and lines of one diagram (see `ViewSelection`; default: the whole model as recorded).

    Raises:
        NameNotFound: no such view, focus body or organisation.
        ParameterError: `up` or `down` given with no focus body to count from.
        InvalidOption: an unknown relation or kind.
    """
    chosen = selection if selection is not None else ViewSelection()
    view, focus, up, down = chosen.view, chosen.focus, chosen.up, chosen.down
    relations, kinds, organisations = chosen.relations, chosen.kinds, chosen.organisations
    as_of, full_history = chosen.as_of, chosen.full_history
    spec = None
    if view is not None:
        spec = model.views.get(view)
        if spec is None:
            import difflib

            close = difflib.get_close_matches(view, sorted(model.views), n=3, cutoff=0.5) or sorted(model.views)
            raise NameNotFound(name=view, what="view", suggestions=close)
    known = body_relations()
    rels = _checked(relations or (spec.relations if spec else known), known, "relations")
    wanted_kinds = _checked(kinds or (spec.kinds if spec else ()), kind_names(), "kinds")
    orgs = tuple(
        model.resolve(o, kinds=("organisation",)) for o in (organisations or (spec.organisations if spec else ()))
    )
    focus_name = focus or (spec.focus if spec else None)
    focus_id = model.resolve(focus_name) if focus_name else None
    if (up is not None or down is not None) and focus_id is None:
        raise ParameterError(
            "{up} and {down} count levels from a body: give it with {focus}", parameters=("up", "down", "focus")
        )
    up = up if up is not None else (spec.up if spec else None)
    down = down if down is not None else (spec.down if spec else None)
    when = as_of if as_of is not None else (spec.as_of if spec else None)
    day = moment(when)
    reference = time.reference_day(model, day)

    bodies: dict[str, Body] = {}
    for bid in sorted(model.bodies if focus_id is None else _neighbourhood(model, focus_id, up, down, rels)):
        drawn = body_on(model.bodies[bid], day, full_history)
        if drawn is not None:
            bodies[bid] = drawn
    if focus_id is not None and focus_id not in bodies:
        bodies[focus_id] = model.bodies[focus_id]

    edges: dict[tuple[str, str, str], bool] = {}
    for bid, body in bodies.items():
        for line in body.relations:
            if line.kind not in rels or line.target not in bodies:
                continue
            holds = line_on(line, day, reference, full_history)
            if holds is None:
                continue
            key = (bid, line.target, line.kind)
            edges[key] = edges.get(key, False) or holds  # of two dated lines, drawn as held if either held
    all_edges = [ViewEdge(s, t, r, ended=not held) for (s, t, r), held in edges.items()]

    keep = set(bodies)
    if wanted_kinds:
        keep = {b for b in keep if bodies[b].kind in wanted_kinds or b == focus_id}
    if orgs:
        keep = {b for b in keep if bodies[b].organisation in orgs or b == focus_id}
    kept_edges = [e for e in all_edges if e.source in keep and e.target in keep]
    if focus_id is not None:
        keep = _reach(kept_edges, focus_id, up, upward=True) | _reach(kept_edges, focus_id, down, upward=False)
        kept_edges = [e for e in kept_edges if e.source in keep and e.target in keep]

    nodes = tuple(_node(model, bodies[b], day, reference) for b in sorted(keep))
    host = {n.organisation for n in nodes if n.organisation}
    title = spec.title if spec else (f"Around {model.name_of(focus_id)}" if focus_id else model.title)
    if when is not None and spec is None:
        title += f", as of {PartialDate.from_date(day).describe()}" if day else ""
    return Diagram(
        id=spec.id if spec else (focus_id or "model"),
        title=title,
        nodes=nodes,
        edges=tuple(sorted(kept_edges, key=lambda e: (e.source, e.target, e.relation))),
        direction=spec.direction if spec else "TB",
        clusters=spec.clusters if spec else False,
        organisations={o: model.name_of(o) for o in sorted(host) if o in model.organisations},
        as_of=PartialDate.from_date(day) if day else None,
        focus=focus_id,
    )


def _chair_title(model: Model, body: Body, role: str, capacity: str, day: dt.date | None, reference: dt.date) -> str:
    """The title of a post chairing `body` as its box names it. On a date only those chairing then are drawn; in the
    whole record a post whose terms had all run out by the reference day is marked `(ended)`, and one whose terms
    all begin after it `(to come)`, as `show` says `, ended` and as ended lines are drawn apart: else a box would
    name a past chair as if it chaired now."""
    title = model.name_of(role)
    if day is not None:
        return title
    periods = [c.period for c in body.chairs if c.role == role and c.capacity == capacity]
    if any(time.holds_on(p, reference) for p in periods):
        return title
    if any(not time.started_by(p, reference) for p in periods):
        return f"{title} (to come)"
    return f"{title} (ended)"


def _node(model: Model, body: Body, day: dt.date | None, reference: dt.date) -> ViewNode:
    held = [c for c in body.chairs if day is None or time.holds_on(c.period, day)]
    # In the file's order, each post once (a post may chair in two periods).
    chairs = list(dict.fromkeys(c.role for c in held if c.capacity == "chair"))
    order = {name: i for i, name in enumerate(vocabulary.capacity_names())}
    others = sorted((c for c in held if c.capacity != "chair"), key=lambda c: (order.get(c.capacity, 99), c.role))
    name = time.name_on(body, day)
    return ViewNode(
        id=body.id,
        label=body.short or name,
        name=name,
        kind=body.kind,
        status=time.status_on(body, day, reference=reference),
        organisation=body.organisation,
        chairs=tuple(_chair_title(model, body, r, "chair", day, reference) for r in chairs),
        other_chairs=tuple(
            (vocabulary.capacity(c.capacity).title, _chair_title(model, body, c.role, c.capacity, day, reference))
            for c in others
        ),
    )
