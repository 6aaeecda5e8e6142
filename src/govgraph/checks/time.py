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

from govgraph.checks.common import check_day
from govgraph.checks.registry import CheckContext, rule
from govgraph.findings import Finding, Severity
from govgraph.model import ENDED_STATUSES, Body, HistoryEntry, Model, PartialDate, Period

#: Lines through which one body reports into another (GG503).
REPORTING: tuple[str, ...] = ("reports_to", "part_of", "dotted_to")


def _outside(period: Period, life: Period, body_id: str) -> str | None:
    """How `period` certainly reaches outside the lifetime `life` of body `body_id`, or None."""
    if life.start is not None:
        if period.start is not None and period.start.last < life.start.first:
            return f"starts in {period.start}, before '{body_id}' begins ({life.start})"
        if period.end is not None and period.end.last < life.start.first:
            return f"ends in {period.end}, before '{body_id}' begins ({life.start})"
    if life.end is not None:
        if period.end is not None and period.end.first > life.end.last:
            return f"runs until {period.end}, after '{body_id}' ends ({life.end})"
        if period.start is not None and period.start.first > life.end.last:
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
def outside_lifetime(context: CheckContext) -> Iterator[Finding]:
    bodies = context.model.bodies
    for body_id, body in context.bodies:
        for line in body.relations:
            target = bodies.get(line.target)
            problem = _outside(line.period, body.period, body_id)
            if problem is None and target is not None:
                problem = _outside(line.period, target.period, target.id)
            if problem is not None:
                yield Finding(
                    "GG502",
                    Severity.WARNING,
                    f"`{line.kind}` line from '{body_id}' to '{line.target}' {problem}",
                    line.location,
                    _LIFETIME_HINT,
                )
        if body.period.start is None and body.period.end is None:
            continue
        for chair in body.chairs:
            problem = _outside(chair.period, body.period, body_id)
            if problem is not None:
                yield Finding(
                    "GG502",
                    Severity.WARNING,
                    f"'{chair.role}' chairing '{body_id}' {problem}",
                    chair.location,
                    _LIFETIME_HINT,
                )
        for member in body.members:
            problem = _outside(member.period, body.period, body_id)
            if problem is not None:
                yield Finding(
                    "GG502",
                    Severity.WARNING,
                    f"membership of '{member.member}' on '{body_id}' {problem}",
                    member.location,
                    _LIFETIME_HINT,
                )


def _ended_on(body: Body, day: dt.date | None) -> PartialDate | None:
    """When the body closed or transitioned (as known on `day`, or ever when None), if that is recorded."""
    for entry in reversed(body.history):
        if entry.status in ENDED_STATUSES and (day is None or entry.date.first <= day):
            return entry.date
    return body.period.end


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
def reports_into_ended(context: CheckContext) -> Iterator[Finding]:
    bodies = context.model.bodies
    day = check_day(context)
    for body_id, body in context.bodies:
        status = body.status_on(day)
        if status in ENDED_STATUSES:
            continue
        for line in body.relations:
            target = bodies.get(line.target)
            if line.kind not in REPORTING or target is None or target.id == body_id:
                continue
            target_status = target.status_on(day)
            if target_status not in ENDED_STATUSES:
                continue
            ended = _ended_on(target, day)
            end = line.period.end
            if end is not None and (ended is None or end.first <= ended.last):
                continue
            when = f" in {ended}" if ended is not None else ""
            runs = "has no end date" if end is None else f"runs until {end}"
            fix = f"`until: {ended}`" if ended is not None else "`until`"
            yield Finding(
                "GG503",
                Severity.WARNING,
                f"'{body_id}' ({status.replace('_', ' ')}) has a `{line.kind}` line into '{target.id}', which "
                f"{target_status}{when}; the line {runs}",
                line.location,
                f"end the line when '{target.id}' {target_status} ({fix}), or point it at the body that took over",
            )


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
    day = check_day(context)
    if day is not None:
        return day, str(context.as_of)
    model: Model = context.model
    if model.as_of is not None:
        return model.as_of.last, f"{model.as_of} (the model's as_of)"
    today = dt.date.today()
    return today, f"{today.isoformat()} (today)"


def _review_start(body: Body, day: dt.date) -> HistoryEntry | None:
    """The history entry that put the body under review, if it is under review on `day` because of it."""
    status = body.status or "active"
    since: HistoryEntry | None = None
    for entry in body.history:
        if entry.status is None or entry.date.first > day:
            continue
        if entry.status != "under_review":
            since = None
        elif status != "under_review" or since is None:
            since = entry
        status = entry.status
    return since if status == "under_review" and body.status_on(day) == "under_review" else None


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
def review_overdue(context: CheckContext) -> Iterator[Finding]:
    model = context.model
    limit = model.checks.review_months
    day, named = _reference(context)
    for body_id, body in context.bodies:
        start = _review_start(body, day)
        if start is None or _add_months(start.date.last, limit) >= day:
            continue
        months = (day.year - start.date.year) * 12 + day.month - (start.date.month or 1)
        yield Finding(
            "GG504",
            Severity.WARNING,
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
def history_order(context: CheckContext) -> Iterator[Finding]:
    for body_id, body in context.bodies:
        latest: HistoryEntry | None = None
        for entry in body.history:
            if latest is not None and entry.date.last < latest.date.first:
                yield Finding(
                    "GG505",
                    Severity.WARNING,
                    f"history entry of '{body_id}' dated {entry.date} comes after one dated {latest.date}",
                    entry.location,
                    "list history entries oldest first",
                )
            elif latest is None or entry.date.first > latest.date.first:
                latest = entry
