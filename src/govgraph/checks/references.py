"""Reference rules over the built model (GG2xx, beside those applied while reading): groups whose members lead
back to them.

Decisions where DESIGN.md is silent: every `members` entry of a group that lies on a cycle of groups is reported,
at its own place in the file, as GG301 reports each line of a reporting cycle, so the entry that is wrong can be
found. The message traces the cycle through the fewest groups (ids compared where there is a choice); in a
tangle of more groups than `_TRACED` it names how many groups list each other instead, which keeps the rule
linear in the groups.
"""

from __future__ import annotations

from collections.abc import Iterator

from govgraph.checks.common import listing
from govgraph.checks.registry import CheckContext, Found, rule
from govgraph.findings import Severity
from govgraph.graph import breadth_first, cyclic_groups

_TRACED = 50


@rule(
    "GG205",
    "group-cycle",
    "A group's members lead back to the group.",
    Severity.WARNING,
    "A group is a named set of organisations, posts and other groups. A group that lists itself, or groups that "
    "list each other, add nothing to who is in them, and usually mean one group was written where another, or "
    "one of its members, was meant. govgraph reads such groups as if the line back were not there. Each entry "
    "of the cycle is reported at its place in the group's `members`, the message naming the whole cycle.",
    "groups:\n  london-icbs: {name: London ICBs, members: [ncl-icb, nel-icb, all-icbs]}\n"
    "  all-icbs: {name: All ICBs, members: [london-icbs]}      # each lists the other",
)
def group_cycle(context: CheckContext) -> Iterator[Found]:
    groups = context.model.groups
    following = {gid: [m for m in group.members if m in groups] for gid, group in groups.items()}
    tangles = {gid: frozenset(c) for c in cyclic_groups((g, m) for g, ms in following.items() for m in ms) for gid in c}
    for gid in sorted(groups):
        group = groups[gid]
        for index, member in enumerate(group.members):
            if member == gid:
                yield Found(
                    f"group '{gid}' lists itself among its members",
                    group.member_location(index),
                    "remove the entry, or name the group (or member) that was meant",
                )
                continue
            tangle = tangles.get(gid)
            if tangle is None or member not in tangle:
                continue
            if len(tangle) <= _TRACED:
                cycle = " -> ".join([gid, *_back(following, tangle, member, gid)])
            else:
                cycle = f"{len(tangle):,} groups list each other, among them {listing(tangle)}"
            yield Found(
                f"group '{gid}' lists '{member}', whose members lead back to it: {cycle}",
                group.member_location(index),
                "a group cannot contain itself: remove the entry that closes the cycle, or name the group (or "
                "member) that was meant",
            )


def _back(following: dict[str, list[str]], tangle: frozenset[str], member: str, group: str) -> list[str]:
    """The groups from `member` back to `group` through the fewest groups of their tangle."""
    route = breadth_first(lambda g: sorted(m for m in following[g] if m in tangle), [member], stop=group).route(group)
    assert route is not None  # both lie in one tangle, so the member leads back
    return route
