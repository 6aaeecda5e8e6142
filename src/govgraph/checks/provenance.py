"""Provenance rules (GG6xx, apart from GG601 which is applied while reading): facts that cite no source.

Decisions where DESIGN.md is silent: the facts are the bodies, organisations, groups and roles. A body's lines,
chairs, members, history and `managed_by` entries inherit its `source`, and a role's holders the role's, so a
body without a source is reported once, at the body, with a count of the facts on it that name no source of
their own, rather than once per fact.
"""

from __future__ import annotations

from collections.abc import Iterator

from govgraph.checks.registry import CheckContext, Found, rule
from govgraph.findings import Location, Severity
from govgraph.model import Body, Chair, HistoryEntry, ManagedBy, Membership, Relation
from govgraph.vocabulary import count


def _unsourced_facts(body: Body) -> int:
    facts: list[Relation | Chair | Membership | HistoryEntry | ManagedBy] = [
        *body.relations,
        *body.chairs,
        *body.members,
        *body.history,
        *body.managed_by,
    ]
    return sum(1 for fact in facts if fact.source is None)


@rule(
    "GG602",
    "no-source",
    "A fact cites no source (only with `checks: {require_sources: true}`).",
    Severity.INFO,
    "When `checks.require_sources` is true, every body, organisation, group and role must cite a `source`, so a "
    "reader can see where each fact comes from. Facts written on a body (its lines, chairs, members, history) "
    "inherit the body's source unless they name their own, so one `source:` on the body is usually enough.",
    "checks: {require_sources: true}\nbodies:\n  pcag:\n    name: PCAG\n    kind: advisory_group\n"
    "    source: programme-background      # without this line, GG602",
)
def no_source(context: CheckContext) -> Iterator[Found]:
    model = context.model
    if not model.checks.require_sources:
        return
    hint = "add `source: <id>` naming an entry of `sources`"
    entities: list[tuple[str, str, str | None, Location]] = [
        *(("organisation", o.id, o.source, o.location) for o in model.organisations.values()),
        *(("group", g.id, g.source, g.location) for g in model.groups.values()),
        *(("role", r.id, r.source, r.location) for r in model.roles.values()),
    ]
    # Unsorted: the runner puts every finding in file order.
    for what, node_id, source, location in entities:
        if source is None:
            yield Found(f"{what} '{node_id}' cites no source", location, hint)
    for body_id, body in context.bodies:
        if body.source is not None:
            continue
        n = _unsourced_facts(body)
        facts = f", nor {'does' if n == 1 else 'do'} {count(n, 'fact')} recorded on it" if n else ""
        yield Found(
            f"body '{body_id}' cites no source{facts}",
            body.location,
            hint + "; its lines, chairs, members and history inherit it",
        )
