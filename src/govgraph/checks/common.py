"""Small helpers shared by the rule modules: periods compared as day ranges, the day a check looks at, and
short lists for messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from govgraph.checks.registry import CheckContext
from govgraph.graph import moment
from govgraph.model import ENDED_STATUSES, Body, PartialDate, Period

#: How many names a message lists before it says "and N more".
MAX_LISTED = 10


def bounds(period: Period) -> tuple[dt.date, dt.date]:
    """The first and last day of a period, open ends as the earliest and latest representable days."""
    start = period.start.first if period.start is not None else dt.date.min
    end = period.end.last if period.end is not None else dt.date.max
    return start, end


def overlaps(*periods: Period) -> bool:
    """Whether all the periods share at least one day."""
    first = max(bounds(p)[0] for p in periods)
    last = min(bounds(p)[1] for p in periods)
    return first <= last


def check_day(context: CheckContext) -> dt.date | None:
    """The day the check is about (the last day of `--as-of`), or None for the whole recorded history."""
    when = context.as_of
    if when is None or isinstance(when, PartialDate | dt.date):
        return moment(when)
    raise TypeError(f"as_of must be a PartialDate or a date, not {type(when).__name__}")


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


def ended_by(body: Body, day: dt.date | None) -> bool:
    """Whether the body had closed or transitioned by `day` (always False for the whole history, where nothing is
    hidden): on a snapshot, a closed body is not expected to have a chair, lines or members."""
    return day is not None and body.status_on(day) in ENDED_STATUSES
