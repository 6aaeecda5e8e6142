"""Small helpers shared by the rule modules: short lists and counts for messages. (Dates and what holds on a
day are `govgraph.time`'s; the day a check is about is `CheckContext.day`.)"""

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


def plural(n: int, word: str, words: str | None = None) -> str:
    """`1 body`, `3 bodies`."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def a(noun: str) -> str:
    """`a board`, `an advisory group`."""
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"
