"""Structure rules (GG3xx): the shape of the lines of accountability.

Decisions where DESIGN.md is silent:
- The line of accountability is `reports_to` and `part_of` together (`model.accountability()`). A cycle, a top
  body and a chain end are read over both; several solid parents (GG303) counts `reports_to` only, since being
  part of one thing while reporting to another is normal.
- A line from a body to itself is GG302 only: it is left out of cycles (GG301), and does not make a body a
  non-top or a chain end.
- Over the whole history (no `--as-of`), lines count together only when their periods share a day: a body that
  moved from A to B is not a matrix, and a cycle is reported only when all of its lines held at once.
- Cycles: each line not yet reported in a cycle starts a search for the shortest cycle through it among lines
  that held with it (ties broken by id), so every line that lies on a cycle is reported with a cycle it belongs
  to; a line on several such cycles may be reported once for each. In a tangle of more than 200 bodies the
  cycle is read off two route trees instead (not always the shortest, and without the period filter, so a
  cycle whose lines never held together there is passed over), which keeps the work linear.
- GG305 is about the model as a whole, so it points at the top of the file.
- A top is a body of a top kind (`board`, `executive`) or one marked `top: true` that accounts to nothing. A
  `part_of` line into a whole that does not hold its parts to account (a partnership, or a body with
  `holds_parts_to_account: false`) is not a line of accountability: the decision is the whole's, made per body
  with a default per kind, so "the ICB is part of the ICS" leaves the ICB's board the top of its own structure.
- A dotted line duplicates a solid one (GG306) when it joins the same two bodies in the same direction as a
  `reports_to` or `part_of` line over a shared period.
- Isolated (GG307) means no edge of any relation in the graph: `organisation`, `managed_by` and `decided_by` are
  references, not lines, and do not connect a body. On a snapshot, a body closed by that date is not reported.
- GG305 lists the tops that have not closed (on the `--as-of` day, or by their latest status at the model's
  reference day: see `govgraph.time`): a board that closed and was replaced is history, not a second top.
- On a snapshot (`--as-of`), GG304, GG307 pass over bodies that had ended by that date, as GG401 and GG403 do,
  and GG304 does not count them among the bodies that depend on a chain end.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import heapq
import itertools
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from govgraph import time
from govgraph.checks.common import listing
from govgraph.checks.registry import CheckContext, Found, rule
from govgraph.findings import Severity
from govgraph.graph import cyclic_groups, reachable, route_tree, shortest_route
from govgraph.model import Model, Period, Relation
from govgraph.time import bounds, overlaps
from govgraph.vocabulary import accountability, count, top_kinds

_CHAIN_SHOWN = 8
# Components up to this size get the shortest cycle through each line; larger ones a cheaper cycle.
_SMALL_COMPONENT = 200


def _count_upstream(context: CheckContext, ends: list[str]) -> dict[str, int]:
    """For each chain end, how many bodies have a route of accountability into it (read from the model: cheaper
    than building the graph for this alone); on a date, bodies that had ended by then do not count."""
    below: dict[str, list[str]] = {}
    for body_id, body in context.bodies:
        for line in body.accountability:
            below.setdefault(line.target, []).append(body_id)
    gone = _ended(context)
    return {end: len(reachable(below, end) - gone - {end}) for end in ends}


def _ended(context: CheckContext) -> set[str]:
    """On a date (`--as-of`), the bodies that had closed, transitioned or otherwise ended by then; none for the
    whole record, where nothing is hidden."""
    return {body_id for body_id, body in context.bodies if time.has_ended(body, context.day)}


def _chain(ring: list[str], start: int) -> str:
    """The cycle `ring` read from position `start` back to it (`b -> c -> a -> b`), the middle of a very long
    cycle counted instead of listed."""
    n = len(ring)
    shown = [ring[(start + j) % n] for j in range(min(n, _CHAIN_SHOWN))]
    if n > _CHAIN_SHOWN:
        shown.append(f"({n - _CHAIN_SHOWN} more)")
    return " -> ".join([*shown, ring[start]])


def _period_overlaps(period: Period, attrs: Mapping[str, Any]) -> bool:
    return overlaps(period, attrs["period"])


def _concurrent_lines(model: Model, cycle: list[str], first: Relation) -> list[Relation]:
    """The lines along `cycle` (bodies, first repeated at the end) that held together with `first` on one day;
    empty when they never did."""
    steps = [[r for r in model.bodies[u].accountability if r.target == v] for u, v in itertools.pairwise(cycle)]
    low, high = bounds(first.period)
    # Where the periods share days at all, the shared days begin on the latest start among them.
    for day in sorted({bounds(r.period)[0] for step in steps for r in step}):
        if low <= day <= high and all(any(time.holds_on(r.period, day) for r in step) for step in steps):
            return [r for step in steps for r in step if time.holds_on(r.period, day)]
    return []


@rule(
    "GG301",
    "reporting-cycle",
    "A line of accountability leads back to where it started.",
    Severity.ERROR,
    "Following `reports_to` and `part_of` upwards must end at a top body; a cycle never does, and every route "
    "and diagram through it is meaningless. Each line in the cycle is reported at its own place in the file, "
    "the message naming the whole cycle, so the line that is wrong can be found. Without `--as-of`, lines count "
    "as a cycle only if they all held at the same time.",
    "bodies:\n  pcag: {name: PCAG, kind: advisory_group, reports_to: [lceg]}\n"
    "  lceg: {name: LCEG, kind: board, reports_to: [pcag]}      # pcag -> lceg -> pcag",
)
def reporting_cycle(context: CheckContext) -> Iterator[Found]:
    model = context.model
    pairs = ((b.id, r.target) for b in model.bodies.values() for r in b.accountability)
    for component in cyclic_groups(pairs):
        graph = context.graph  # built only when there is a cycle to trace
        members = frozenset(component)
        find: Callable[[Relation], list[str] | None]
        if len(component) <= _SMALL_COMPONENT:
            find = functools.partial(_shortest_cycle, graph, members)
        else:
            find = _TreeCycles(graph, members, component[0])
        reported: set[Relation] = set()
        for body_id in component:
            for line in model.bodies[body_id].accountability:
                if line.target not in members or line in reported:
                    continue
                cycle = find(line)
                if cycle is None:
                    continue
                lines = _concurrent_lines(model, cycle, line)
                ring = cycle[:-1]
                position = {b: i for i, b in enumerate(ring)}
                for member in lines:
                    reported.add(member)
                    yield Found(
                        f"`{member.kind}` line in a reporting cycle: {_chain(ring, position[member.source_body])}",
                        member.location,
                        "a line of accountability must lead up to a top body, never back: remove or re-point one "
                        "of the lines in the cycle (a secondary line can be `dotted_to`)",
                    )


def _shortest_cycle(graph: Any, members: frozenset[str], line: Relation) -> list[str] | None:
    """The shortest cycle through `line` among lines that held at some time with it (bodies, first repeated)."""
    route = shortest_route(
        graph,
        line.target,
        line.source_body,
        accountability(),
        within=members,
        edge_ok=functools.partial(_period_overlaps, line.period),
    )
    return None if route is None else [line.source_body, *route]


class _TreeCycles:
    """Cycles through lines of a large component, read off two shortest-route trees (into and out of one
    body): linear to set up, and each cycle costs only its own length, where a search per line would cost the
    component's size each time."""

    def __init__(self, graph: Any, members: frozenset[str], root: str) -> None:
        self.root = root
        self.down = route_tree(graph, root, accountability(), within=members)
        self.up = route_tree(graph, root, accountability(), within=members, towards=True)

    def __call__(self, line: Relation) -> list[str] | None:
        u, v = line.source_body, line.target
        walk = [v]
        while walk[-1] != self.root:
            walk.append(self.up[walk[-1]])
        back = [u]
        while back[-1] != self.root:
            back.append(self.down[back[-1]])
        walk += back[-2::-1]
        # The walk v -> root -> u may meet itself; cut it at its first arrival at u and erase its loops.
        walk = walk[: walk.index(u) + 1]
        path: list[str] = []
        index: dict[str, int] = {}
        for node in walk:
            if node in index:
                for dropped in path[index[node] + 1 :]:
                    del index[dropped]
                del path[index[node] + 1 :]
            else:
                index[node] = len(path)
                path.append(node)
        return [u, *path]


@rule(
    "GG302",
    "self-line",
    "A body has a line to itself.",
    Severity.ERROR,
    "A body cannot report to, be part of, have a dotted line to, steer or succeed itself. This is usually a "
    "copied line whose target was not changed.",
    "bodies:\n  pcag:\n    name: PCAG\n    kind: advisory_group\n    reports_to: [pcag]      # meant lceg",
)
def self_line(context: CheckContext) -> Iterator[Found]:
    for body_id, body in context.bodies:
        for line in body.relations:
            if line.target == body_id:
                yield Found(
                    f"'{body_id}' has a `{line.kind}` line to itself",
                    line.location,
                    "point the line at the body that was meant, or remove it",
                )


@rule(
    "GG303",
    "several-solid-parents",
    "A body reports to several bodies at the same time.",
    Severity.WARNING,
    "A solid `reports_to` line says who holds a body to account; two at once is a matrix, which is sometimes "
    "deliberate and often a dotted line written as a solid one. Only lines whose periods overlap count, so a "
    "body that moved from one parent to another (with `until` and `from`) is not a matrix. Mark a deliberate "
    "matrix with `matrix: true` on the body.",
    "bodies:\n  community-chest:\n    name: Community Chest\n    kind: project\n"
    "    reports_to: [clp, london-leaders-group]      # make one of them dotted_to, or add matrix: true",
)
def several_solid_parents(context: CheckContext) -> Iterator[Found]:
    for body_id, body in context.bodies:
        if body.matrix:
            continue
        lines = [r for r in body.relations if r.kind == "reports_to" and r.target != body_id]
        # Most bodies report to one body, whose lines cannot overlap a line to another: 90 of the 100 ms this rule
        # took on 10,000 bodies went to sorting their lines to find that out.
        if len(lines) < 2 or len({r.target for r in lines}) < 2:
            continue
        parents = _overlapping_targets(lines)
        if parents:
            yield Found(
                f"'{body_id}' reports to several bodies at the same time: {listing(parents)}",
                body.location,
                "if this is a deliberate matrix, add `matrix: true` to the body; if one line is secondary, make it "
                "`dotted_to`; if the body moved, give the lines `until` and `from` dates",
            )


def _overlapping_targets(lines: list[Relation]) -> set[str]:
    """The targets of the lines that share a day with a line to another target.

    One sweep over the lines in order of their first day, where comparing every pair took a body with a thousand
    parents (a million lines in the model) a billion comparisons. A line overlaps an earlier-starting one to
    another target when the latest-ending such line ends on or after its first day, and a later-starting one
    when a line to another target starts by its last day; each pair that overlaps is found from both of its
    lines, so marking a line's own target is enough.
    """
    spans = sorted((*bounds(r.period), r.target) for r in lines)
    spans = [span for span in spans if span[0] <= span[1]]  # a line ending before it starts overlaps nothing
    found: set[str] = set()
    # Of the lines so far: each target's latest end, and the two latest of those (two targets, latest first).
    last: dict[str, dt.date] = {}
    latest: list[tuple[dt.date, str]] = []
    for start, end, target in spans:
        other = next((e for e, t in latest if t != target), None)
        if other is not None and other >= start:
            found.add(target)
        last[target] = max(last.get(target, end), end)
        latest = heapq.nlargest(2, [(last[target], target), *(x for x in latest if x[1] != target)])
    # Later-starting lines: the first index after each whose target differs, and the last start within its days.
    starts = [span[0] for span in spans]
    differs = [len(spans)] * len(spans)
    for i in range(len(spans) - 2, -1, -1):
        differs[i] = i + 1 if spans[i + 1][2] != spans[i][2] else differs[i + 1]
    for i, (_, end, target) in enumerate(spans):
        if differs[i] < bisect.bisect_right(starts, end):
            found.add(target)
    return found


def _tops_and_ends(context: CheckContext) -> tuple[list[str], list[str]]:
    """The top bodies and the chain ends (see GG304), each sorted; shared by GG304 and GG305."""
    if "tops_and_ends" not in context.memo:
        context.memo["tops_and_ends"] = _find_tops_and_ends(context)
    found: tuple[list[str], list[str]] = context.memo["tops_and_ends"]
    return found


def _find_tops_and_ends(context: CheckContext) -> tuple[list[str], list[str]]:
    model = context.model
    has_out: set[str] = set()
    has_in: set[str] = set()
    for body in model.bodies.values():
        for line in body.accountability:
            if line.target in model.bodies:
                has_out.add(body.id)
                has_in.add(line.target)
    tops, ends = [], []
    for body_id, body in context.bodies:
        if body_id in has_out:
            continue
        if body.can_be_top:
            tops.append(body_id)
        elif body_id in has_in:
            ends.append(body_id)
    return tops, ends


@rule(
    "GG304",
    "no-route-to-top",
    "A line of accountability stops at a body that is not a top body.",
    Severity.WARNING,
    "Every chain of `reports_to` and `part_of` lines should end at a top body: a `board` or `executive` that "
    "reports to nothing. This finding is given once per place where a chain stops short, at that body, with "
    "how many bodies depend on it. Add the missing line upwards, or, if the body really is the top of its own "
    "structure, give it the kind `board` or `executive`, or say so with `top: true` (a partnership or network "
    "that is the top by design). A `part_of` line into a partnership is not a line of accountability: its "
    "members keep their own.",
    "bodies:\n  clp: {name: CLP, kind: programme}      # no reports_to: the projects below it stop here\n"
    "  community-chest: {name: Community Chest, kind: project, reports_to: [clp]}",
)
def no_route_to_top(context: CheckContext) -> Iterator[Found]:
    model = context.model
    gone = _ended(context)
    ends = [end for end in _tops_and_ends(context)[1] if end not in gone]
    upstream = _count_upstream(context, ends)
    for body_id in ends:
        body = model.bodies[body_id]
        n = upstream[body_id]
        yield Found(
            f"no route to a top body: accountability stops at '{body_id}', which reports to nothing and is not "
            f"a board or executive; {count(n, 'body')} {'depends' if n == 1 else 'depend'} on it",
            body.location,
            f"add a `reports_to` line from '{body_id}' to the body it answers to, or, if it is the top of its own "
            "structure by design, write `top: true` on it",
        )


@rule(
    "GG305",
    "several-tops",
    "The model has several top bodies.",
    Severity.INFO,
    "A top body is a `board` or `executive`, or a body written `top: true`, that reports to nothing. Several tops "
    "are normal when a model describes a programme's links to separate structures (a regional board, a partnership "
    "board); this lists them so that a top which should report somewhere is noticed.",
    "bodies:\n  lceg: {name: LCEG, kind: board}\n  london-health-board: {name: London Health Board, kind: board}",
)
def several_tops(context: CheckContext) -> Iterator[Found]:
    bodies = context.model.bodies
    day, reference = context.day, context.reference
    tops = [t for t in _tops_and_ends(context)[0] if not time.has_ended(bodies[t], day, reference=reference)]
    if len(tops) > 1:
        # A body written `top: true` may be of any kind (a team at the top of its own structure): not a board.
        marked = any(bodies[t].top and bodies[t].kind not in top_kinds() for t in tops)
        what = "a board or executive, or a body written `top: true`," if marked else "a board or executive"
        yield Found(
            f"{len(tops)} top bodies ({what} that reports to nothing): {listing(tops)}",
            context.model.location,
            "if one of them answers to another, add the `reports_to` line",
        )


@rule(
    "GG306",
    "dotted-duplicates-solid",
    "A dotted line joins the same two bodies as a solid line.",
    Severity.WARNING,
    "A dotted line is a secondary line to a body other than the one a body reports to. A `dotted_to` line to a "
    "body that the same body already `reports_to` (or is `part_of`) over the same period adds nothing, and "
    "usually means one of the two was meant to point elsewhere.",
    "bodies:\n  community-chest:\n    name: Community Chest\n    kind: project\n    reports_to: [clp]\n"
    "    dotted_to: [clp]      # meant london-leaders-group?",
)
def dotted_duplicates_solid(context: CheckContext) -> Iterator[Found]:
    bodies = context.model.bodies
    for line in context.model.lines_of("dotted_to"):
        solid = bodies[line.source_body].accountability
        same = [s for s in solid if s.target == line.target and overlaps(s.period, line.period)]
        if same:
            yield Found(
                f"dotted line from '{line.source_body}' to '{line.target}' duplicates its `{same[0].kind}` line",
                line.location,
                "remove the dotted line, or point it at the body that was meant",
            )


def _isolated(model: Model) -> list[str]:
    """Bodies with no line in or out, no chair and no member (sorted)."""
    bodies = model.bodies
    touched: set[str] = set()
    for body_id, body in bodies.items():
        if body.chairs or body.members:
            touched.add(body_id)
        for line in body.relations:
            if line.target in bodies:
                touched.add(body_id)
                touched.add(line.target)
    return sorted(set(bodies) - touched)


@rule(
    "GG307",
    "isolated-body",
    "A body has no lines in or out.",
    Severity.INFO,
    "The body reports to nothing, nothing reports to it, it steers and is steered by nothing, it has no "
    "chairs or members and took no recorded decision, so no diagram or route can place it. Connect it, or, "
    "if it really stands alone, say so with an `ignore:` entry and a reason.",
    "bodies:\n  innovators-programme: {name: Innovators Programme, kind: programme}",
)
def isolated_body(context: CheckContext) -> Iterator[Found]:
    bodies = context.model.bodies
    day = context.day
    # A body that took a recorded decision about another (`decided_by`) has its place in the record.
    deciders = {h.decided_by for b in bodies.values() for h in b.history if h.decided_by}
    for body_id in _isolated(context.model):
        if time.has_ended(bodies[body_id], day) or body_id in deciders:
            continue
        yield Found(
            f"'{body_id}' has no lines to or from any body, role or organisation",
            bodies[body_id].location,
            "connect it (`reports_to`, `part_of`, `steers`, `chairs`, `members`), or record why it stands alone "
            "with `ignore: [{code: GG307, reason: ...}]`",
        )
