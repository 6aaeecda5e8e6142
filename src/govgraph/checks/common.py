"""Small helpers shared by the rule modules: short lists for messages. (Counts and articles are the vocabulary's,
`vocabulary.count` and `vocabulary.a`; dates and what holds on a day are `govgraph.time`'s; the day a check is
about is `CheckContext.day`.)"""

from __future__ import annotations

from collections.abc import Iterable

#: How many names a message lists before it says "and N more".
MAX_LISTED = 10


def listing(items: Iterable[str], limit: int = MAX_LISTED) -> str:
    """`'a', 'b' and 'c'`, sorted; past `limit` items, the rest counted (`and 12 more`)."""
    names = sorted(items)
    shown = [repr(n) for n in names[:limit]]
    rest = len(names) - len(shown)
    if rest > 0:
        return ", ".join(shown) + f" and {rest} more"
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]
