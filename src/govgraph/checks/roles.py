"""Roles and membership rules (GG4xx): chairs, independence, representation, unused posts and organisations.

Decisions where DESIGN.md is silent:
- Independence (GG402) looks at `reports_to` only, and only where the two chairs and the line held at once; a vice
  or deputy chair is not the chair (an acting or interim chair is). A post several people hold at once
  (`terms.shared_post`: "Councillor", seated 61 times on the Council) chairing both is not known to be one person
  chairing both, so it is not reported (as the rule sets' GG707 does not).
- Representation (GG403): a group's members are expanded through nested groups down to organisations and
  roles. A required organisation is represented by a member (or chair) that is the organisation itself, a role
  of that organisation, or a group that contains either; a required role by the role itself or a group that
  contains it. Without `--as-of`, every membership ever recorded counts.
- On a snapshot (`--as-of`), a body closed or transitioned by that date is passed over by GG401 and GG403.
- Unused (GG404): a role in a group is used (the group may sit on a body); an organisation named in a
  history entry's `decided_by` is used. It is about the file, whatever the date: with `--as-of`, a post whose
  seat had ended by then (or had not begun) is used.
"""

from __future__ import annotations

from collections.abc import Iterator

from govgraph import time, vocabulary
from govgraph.checks.common import listing
from govgraph.checks.registry import CheckContext, Found, rule
from govgraph.findings import Severity
from govgraph.model import Chair
from govgraph.terms import shared_post
from govgraph.time import overlaps


@rule(
    "GG401",
    "no-chair",
    "A body of a kind that normally has a chair has none.",
    Severity.WARNING,
    "Executives, boards, committees, advisory groups, steering groups and forums are chaired. A body of one of "
    "these kinds with no `chairs` (or only a vice or deputy chair: an acting or interim chair is the chair) "
    "usually means the chair was not recorded. If the source does not say who "
    "chairs it, say so with an `ignore:` entry and a reason.",
    "bodies:\n  pcag:\n    name: PCAG\n    kind: advisory_group      # add chairs: [pc-sro]",
)
def no_chair(context: CheckContext) -> Iterator[Found]:
    day = context.day
    chaired = vocabulary.chaired_kinds()
    for body_id, body in context.bodies:
        if body.kind in chaired and not any(c.presides for c in body.chairs) and not time.has_ended(body, day):
            deputies = " (only a vice or deputy chair)" if body.chairs else ""
            yield Found(
                f"'{body_id}' is {vocabulary.a(vocabulary.kind(body.kind).label)} with no chair{deputies}",
                body.location,
                "add `chairs: [role-id]`, or, if the chair is not known, "
                "`ignore: [{code: GG401, reason: ...}]` on the body",
            )


@rule(
    "GG402",
    "chair-not-independent",
    "One role chairs both a body and the body it reports to.",
    Severity.WARNING,
    "A body is held to account by the body it reports to. When the same post chairs both, that account is "
    "given to the person who gives it. This is sometimes accepted; record why with an `ignore:` entry.",
    "bodies:\n  pcag: {name: PCAG, kind: advisory_group, chairs: [pc-sro], reports_to: [lceg]}\n"
    "  lceg: {name: LCEG, kind: board, chairs: [pc-sro]}",
)
def chair_not_independent(context: CheckContext) -> Iterator[Found]:
    bodies = context.model.bodies
    for body_id, body in context.bodies:
        if not body.chairs:
            continue
        for line in body.lines("reports_to"):
            parent = bodies.get(line.target)
            if parent is None or parent.id == body_id or not parent.chairs:
                continue
            # A vice or deputy chair stands in for the chair and is not one (as GG401 counts them): the OpenStack
            # TC's vice-chair chairing a SIG under it was said to chair both.
            above: dict[str, list[Chair]] = {}
            for chair in parent.chairs:
                if chair.presides:
                    above.setdefault(chair.role, []).append(chair)
            for chair in (c for c in body.chairs if c.presides):
                if shared_post(context.model, chair.role):
                    continue  # several people hold it: which of them chairs each body is not recorded
                if any(overlaps(chair.period, c.period, line.period) for c in above.get(chair.role, ())):
                    yield Found(
                        f"'{chair.role}' chairs both '{body_id}' and '{parent.id}', which '{body_id}' reports to",
                        chair.location,
                        f"give '{body_id}' or '{parent.id}' an independent chair, or record why not with "
                        "`ignore: [{code: GG402, reason: ...}]`",
                    )


@rule(
    "GG403",
    "representation-unmet",
    "A body does not have every member of a group it must represent.",
    Severity.ERROR,
    "`requires: {represented: [group]}` says every organisation (or role) in the group must be represented "
    "on the body: as a member itself, through a role belonging to it, or through a group containing it being "
    "a member. The message names who is missing.",
    "groups:\n  london-icbs: {name: London ICBs, members: [ncl-icb, nel-icb]}\n"
    "bodies:\n  knowledge-sharing-forum:\n    name: Knowledge Sharing Forum\n    kind: forum\n"
    "    members: [{organisation: ncl-icb}]      # nel-icb is missing\n"
    "    requires: {represented: [london-icbs]}",
)
def representation_unmet(context: CheckContext) -> Iterator[Found]:
    model = context.model
    day = context.day
    for body_id, body in context.bodies:
        if not body.represented or time.has_ended(body, day):
            continue
        covered = model.represented_on(body)
        for group_id in sorted(set(body.represented)):
            missing = sorted(model.group_members(group_id) - covered)
            if missing:
                kind = "role" if missing[0] in model.roles else "organisation"
                yield Found(
                    f"'{body_id}' must represent every member of '{group_id}', but {listing(missing)} "
                    f"{'is' if len(missing) == 1 else 'are'} not represented",
                    body.location,
                    f"add the missing members (`- {{{kind}: {missing[0]}}}`), or the whole group "
                    f"(`- {{group: {group_id}}}`), to the body's `members`",
                )


@rule(
    "GG404",
    "unused",
    "A role or organisation that nothing uses.",
    Severity.INFO,
    "A role that chairs nothing, sits on nothing and is in no group, or an organisation that hosts, manages, "
    "employs, sits on or decides nothing and is in no group, is probably left over from an earlier version of "
    "the model, or its lines were never written.",
    "roles:\n  pc-head-of-expansion: {title: Head of expansion}      # no body lists it in chairs or members",
)
def unused(context: CheckContext) -> Iterator[Found]:
    # Whether the file names a post is not a matter of date: on a snapshot, a chair whose term had ended by then
    # (or a member not yet appointed) is still written in the file, and is not left over.
    model = context.whole if context.whole is not None else context.model
    used: set[str] = set()
    for group in model.groups.values():
        used.update(group.members)
    for role in model.roles.values():
        if role.organisation is not None:
            used.add(role.organisation)
    add = used.add
    for body in model.bodies.values():  # plain loops: most of these tuples hold one or two entries
        if body.organisation is not None:
            add(body.organisation)
        for managed in body.managed_by:
            add(managed.organisation)
        for chair in body.chairs:
            add(chair.role)
            if chair.selected_by is not None:
                add(chair.selected_by)
        for member in body.members:
            add(member.member)
            if member.for_ is not None:
                add(member.for_)
        for entry in body.history:
            if entry.decided_by is not None:
                add(entry.decided_by)
        for line in body.relations:
            if line.by is not None:
                add(line.by)
        if body.terms is not None:
            # A post the terms exclude, or that the quorum needs, is named for a reason.
            used.update(body.terms.excludes)
            if body.terms.quorum is not None:
                used.update(n.role for n in body.terms.quorum.needs if n.role)
    for role_id in sorted(model.roles.keys() - used):
        yield Found(
            f"role '{role_id}' chairs nothing, sits on nothing and is in no group",
            model.roles[role_id].location,
            "add it to a body's `chairs` or `members`, or remove it",
        )
    for org_id in sorted(model.organisations.keys() - used):
        yield Found(
            f"organisation '{org_id}' hosts, manages, employs and sits on nothing, and is in no group",
            model.organisations[org_id].location,
            "name it where it belongs (a body's `organisation`, `managed_by` or `members`, a role's "
            "`organisation`, a group), or remove it",
        )


@rule(
    "GG405",
    "role-vacant",
    "A role whose holders are tracked is held by no one.",
    Severity.WARNING,
    "A role with a `holders` list records who held the post. An empty list, or (with `--as-of`) no holder on "
    "that date, means the post is vacant, or the holder was not recorded. Leave `holders` out for roles whose "
    "holders are not tracked.",
    "roles:\n  pc-sro:\n    title: Personalised Care SRO\n    holders: []      # vacant, or leave holders out",
)
def role_vacant(context: CheckContext) -> Iterator[Found]:
    roles = context.model.roles
    when = f" on {context.as_of}" if context.day is not None else ""
    for role_id in sorted(roles):
        role = roles[role_id]
        if role.holders is not None and not role.holders:
            yield Found(
                f"role '{role_id}' is held by no one{when}",
                role.location,
                "add who holds it to `holders` (`- {name: ..., from: ...}`), or leave `holders` out if you do "
                "not track who holds the post",
            )
