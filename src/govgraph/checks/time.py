"""Time rules (GG5xx, apart from GG501 which is applied while reading): lifetimes, closures, overdue reviews and
the order of history.

Decisions where DESIGN.md is silent:
- Partial dates are compared only where the answer is certain: a line `from: 2024` on a body `from: 2024-03`
  may have started in March, so it is not reported; `from: 2024-02` is. A date that is not written is not
  compared (an undated line lasts as long as its bodies do).
- A body's lifetime (GG502) is its own `from` / `until`; a closure recorded in `history` is GG503's concern.
- GG503 looks at `reports_to`, `part_of` and `dotted_to` lines from a body that has not ended (its status is not
  closed or transitioned: active, under review, or proposed), on the `--as-of` day or by its latest status. A
  line is still in force after the closure unless its `until` falls within or before the period the closure is
  dated to, so `until: 2025-03` into a body closed in 2025-03 is fine.
- GG504 measures from the history entry that put the body under review (the first of a run of such entries) to
  the reference day: the last day of `--as-of`, else of the model's `as_of`, else today. A body under review
  by its `status` alone, with no dated entry, has no start to measure from and is not reported. The review is
  counted as starting on the last day of its entry's period, so only a certainly overdue review is reported.
- GG505 reports an entry only when its period ends before the start of an earlier entry's period: `2025-03`
  after `2025` is in order, `2024` after `2025-03` is not.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from govgraph import time, vocabulary
from govgraph.checks.registry import CheckContext, Found, rule
from govgraph.findings import Severity
from govgraph.model import Body, HistoryEntry, Period
from govgraph.time import certainly_before


def _outside(period: Period, life: Period, body_id: str) -> str | None:
    """How `period` certainly reaches outside the lifetime `life` of body `body_id`, or None."""
    if life.start is not None:
        if period.start is not None and certainly_before(period.start, life.start):
            return f"starts in {period.start}, before '{body_id}' begins ({life.start})"
        if period.end is not None and certainly_before(period.end, life.start):
            return f"ends in {period.end}, before '{body_id}' begins ({life.start})"
    if life.end is not None:
        if period.end is not None and certainly_before(life.end, period.end):
            return f"runs until {period.end}, after '{body_id}' ends ({life.end})"
        if period.start is not None and certainly_before(life.end, period.start):
            return f"starts in {period.start}, after '{body_id}' ends ({life.end})"
    return None


_LIFETIME_HINT = "correct the date, or the body's `from` / `until`"


@rule(
    "GG502",
    "outside-lifetime",
    "A line, chair or membership is dated outside the lifetime of its body.",
    Severity.WARNING,
    "A line cannot hold before either of the bodies it joins began or after either ended, and a chair or a "
    "membership cannot hold outside its body's `from` / `until`. One of the dates is wrong.",
    "bodies:\n  clp: {name: CLP, kind: programme, from: 2017}\n"
    "  community-chest:\n    name: Community Chest\n    kind: project\n"
    "    reports_to: [{body: clp, from: 2015}]      # before clp began",
)
def outside_lifetime(context: CheckContext) -> Iterator[Found]:
    bodies = context.model.bodies
    for body_id, body in context.bodies:
        for line in body.relations:
            target = bodies.get(line.target)
            problem = _outside(line.period, body.period, body_id)
            if problem is None and target is not None:
                problem = _outside(line.period, target.period, target.id)
            if problem is not None:
                yield Found(
                    f"`{line.kind}` line from '{body_id}' to '{line.target}' {problem}",
                    line.location,
                    _LIFETIME_HINT,
                )
        if body.period.start is None and body.period.end is None:
            continue
        for chair in body.chairs:
            problem = _outside(chair.period, body.period, body_id)
            if problem is not None:
                yield Found(
                    f"'{chair.role}' chairing '{body_id}' {problem}",
                    chair.location,
                    _LIFETIME_HINT,
                )
        for member in body.members:
            problem = _outside(member.period, body.period, body_id)
            if problem is not None:
                yield Found(
                    f"membership of '{member.member}' on '{body_id}' {problem}",
                    member.location,
                    _LIFETIME_HINT,
                )


@rule(
    "GG503",
    "reports-into-ended",
    "A body that still operates reports into one that has closed.",
    Severity.WARNING,
    "A body that has not closed has a `reports_to`, `part_of` or `dotted_to` line still in force into a body "
    "that is closed or transitioned. End the line when the body closed (`until`), or point it at the body "
    "that took over. With `--as-of`, statuses and lines are those of that date.",
    "bodies:\n  clp:\n    name: CLP\n    kind: programme\n    history: [{date: 2025-03, status: closed}]\n"
    "  community-chest:\n    name: Community Chest\n    kind: project\n"
    "    reports_to: [clp]      # write {body: clp, until: 2025-03}",
)
def reports_into_ended(context: CheckContext) -> Iterator[Found]:
    bodies = context.model.bodies
    day, reference = context.day, context.reference
    ended_statuses = vocabulary.ended_statuses()
    reporting = {t.name for t in vocabulary.relations() if t.reports_into}
    for body_id, body in context.bodies:
        status = time.status_on(body, day, reference=reference)
        if status in ended_statuses:
            continue
        for line in body.relations:
            target = bodies.get(line.target)
            # A line of a body into itself needs no test of its own: the body has not ended, so neither has it.
            if line.kind not in reporting or target is None:
                continue
            target_status = time.status_on(target, day, reference=reference)
            if target_status is None or target_status not in ended_statuses:
                continue
            ended = time.ended_on(target, day)
            end = line.period.end
            # The line may run to the end of the period the closure is dated to (`until: 2025-03` into a body
            # closed in 2025-03), not after.
            if end is not None and (ended is None or not certainly_before(ended, end)):
                continue
            when = f" in {ended}" if ended is not None else ""
            runs = "has no end date" if end is None else f"runs until {end}"
            fix = f"`until: {ended}`" if ended is not None else "`until`"
            yield Found(
                f"'{body_id}' ({_said(status)}) has a `{line.kind}` line into '{target.id}', which "
                f"{target_status}{when}; the line {runs}",
                line.location,
                f"end the line when '{target.id}' {target_status} ({fix}), or point it at the body that took over",
            )


def _said(status: str | None) -> str:
    return vocabulary.status(status).label if status is not None else "status not recorded"


def _add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved on by `months`, the same day of the month where there is one; the last day the calendar
    holds (31 December 9999) when the sum runs past it, as a review dated in 9999 does."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year > dt.MAXYEAR:
        return dt.date.max
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _reference(context: CheckContext) -> tuple[dt.date, str]:
    """The day an overdue review is measured to, and how to name it."""
    day = context.reference
    if context.day is not None:
        return day, str(context.as_of)
    if context.model.as_of is not None:
        return day, f"{context.model.as_of} (the model's as_of)"
    return day, f"{day.isoformat()} (today)"


def _review_start(body: Body, day: dt.date) -> HistoryEntry | None:
    """The history entry that put the body under review, if it is under review on `day` because of it."""
    entry = time.status_entry(body, day)
    return entry if entry is not None and entry.status == "under_review" else None


@rule(
    "GG504",
    "review-overdue",
    "A body has been under review for longer than the review period.",
    Severity.WARNING,
    "A review of a body's governance that has not concluded after `checks.review_months` months (12 unless "
    "the file says otherwise) is worth chasing, or the model was not updated when it ended. The time is "
    "measured to `--as-of`, else to the model's `as_of`, else to today. Record the outcome as a new `history` "
    "entry.",
    "as_of: 2025-07\nbodies:\n  pcag:\n    name: PCAG\n    kind: advisory_group\n"
    "    history: [{date: 2024-03, status: under_review}]      # 16 months by July 2025",
)
def review_overdue(context: CheckContext) -> Iterator[Found]:
    model = context.model
    limit = model.checks.review_months
    day, named = _reference(context)
    for body_id, body in context.bodies:
        start = _review_start(body, day)
        if start is None or _add_months(start.date.last, limit) >= day:
            continue
        months = (day.year - start.date.year) * 12 + day.month - (start.date.month or 1)
        yield Found(
            f"'{body_id}' has been under review since {start.date}: {months} months by {named}, "
            f"more than the {limit} allowed",
            start.location,
            "record the outcome as a new `history` entry (for example `status: active`), or raise "
            "`checks.review_months`",
        )


@rule(
    "GG505",
    "history-order",
    "A body's history is not in date order.",
    Severity.WARNING,
    "History entries are listed oldest first, so that the status and name on any date can be read from them. "
    "An entry dated before an entry above it is reported; move it up.",
    "history:\n  - {date: 2025-03, status: closed}\n  - {date: 2024-03, status: under_review}      # move up",
)
def history_order(context: CheckContext) -> Iterator[Found]:
    for body_id, body in context.bodies:
        latest: HistoryEntry | None = None
        for entry in body.history:
            if latest is not None and entry.date.last < latest.date.first:
                yield Found(
                    f"history entry of '{body_id}' dated {entry.date} comes after one dated {latest.date}",
                    entry.location,
                    "list history entries oldest first",
                )
            elif latest is None or entry.date.first > latest.date.first:
                latest = entry
