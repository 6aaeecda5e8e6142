"""The one owner of dates: what holds on a day, what had ended by it, and the day a question is judged at.

Dates in a model are `PartialDate`s and spans of time `Period`s (values, in `govgraph.model`); every decision
about what they mean on a day is made here, and nowhere else:

- A day asked about (`--as-of 2024-06`) is the last day of its period (`moment`): "as of June 2024" is the
  structure at the end of June.
- A period holds on a day from the first day of its `from` to the last day of its `until`; an open end is
  open (`holds_on`). It has ended by a day after the last day of its `until` (`ended_by`).
- Without a date asked about, answers cover the whole record, and "ended" and "closed" are judged at the
  reference day (`reference_day`): the model's `as_of`, or today where it has none. Every command, check,
  diagram and export judges at that same day, so they agree on what has ended.
- A body's status on a day is its latest `history` status up to that day, else its `status`; past its own
  `until` a body that is not recorded as closed or transitioned has `ended` (it stopped; how is not recorded).
  With no status recorded at all the status is None: govgraph says "status not recorded", never "active".
- A holder of a post with no dates recorded may or may not have held it on a given day: such a holder is kept
  beside the dated ones, after them, and shown as "dates not recorded" (`holders_on`). A holder known on one date
  only (`on`) held it on that date (its whole period, for a partial date) and may or may not have on any other.
  A past holder (`past: true`, the end not recorded) may or may not have held it on a day before the reference
  day, and did not from the reference day on. A past member (a membership with `past: true`) likewise.
- A history entry written with `by` instead of `date` (a closure whose date is unknown) happened at some date
  no later than the end of `by`: after that its status holds; from the previous entry of the history (or from
  the start) to then the status is not known, and `status_on` answers None.
- An event dated after the reference day is still to come (`to_come`); one whose month or year holds that day
  may or may not have happened by it, and is said to be so.
- A body's terms of reference are in force from their approval (`terms_on`; from the start when no approval
  date is recorded), and are due for review `review_months` after it, or on `review_by` (`review_due`).
"""

from __future__ import annotations

import datetime as dt
import functools

from govgraph.model import Body, HistoryEntry, Holder, Membership, Model, PartialDate, Period, Role, Terms
from govgraph.vocabulary import ended_statuses


def moment(when: PartialDate | dt.date | None) -> dt.date | None:
    """The day a date stands for when asking "as of": the last day of a partial date's period."""
    if when is None or isinstance(when, dt.date):
        return when
    return when.last


def today() -> dt.date:
    """Today's date: the reference day of a model that records no `as_of`."""
    return dt.date.today()


def reference_day(model: Model, day: dt.date | None) -> dt.date:
    """The day "ended" and "closed" are judged at: `day` (the date asked about), else the model's own `as_of`
    (its last day), else today."""
    if day is not None:
        return day
    return model.as_of.last if model.as_of is not None else today()


# Periods -----------------------------------------------------------------------------------------------------


def bounds(period: Period) -> tuple[dt.date, dt.date]:
    """The first and last day of a period, open ends as the earliest and latest representable days."""
    start = period.start.first if period.start is not None else dt.date.min
    end = period.end.last if period.end is not None else dt.date.max
    return start, end


def holds_on(period: Period, day: dt.date) -> bool:
    """Whether the period includes `day`."""
    if period.start is not None and day < period.start.first:
        return False
    return not (period.end is not None and day > period.end.last)


def started_by(period: Period, day: dt.date | None) -> bool:
    """Whether the period had begun by `day` (always, for the whole record: `day` None)."""
    return day is None or period.start is None or period.start.first <= day


def ended_by(period: Period, day: dt.date | None) -> bool:
    """Whether the period had ended before `day` (never, when `day` is None or the period is open-ended)."""
    return day is not None and period.end is not None and day > period.end.last


def overlaps(*periods: Period) -> bool:
    """Whether all the periods share at least one day."""
    first = max(bounds(p)[0] for p in periods)
    last = min(bounds(p)[1] for p in periods)
    return first <= last


def certainly_before(a: PartialDate, b: PartialDate) -> bool:
    """Whether every day of `a` comes before every day of `b` (`2024-02` before `2024-03`; `2024` is not
    certainly before `2024-03`)."""
    return a.last < b.first


def to_come(date: PartialDate, day: dt.date, *, date_known: bool = True) -> bool | None:
    """Whether something dated `date` is still to come at `day` (the reference day): True when its period begins
    after `day`, False when it had happened by then (its period over by `day`, or begun by it for a day's date),
    None when that is not known: a month or year that `day` falls in (`2027` at 31 March 2027), or, for a date not
    recorded (`date_known` False: no later than `date`), any `date` ending after `day`."""
    if date.last <= day:
        return False
    if not date_known:
        return None
    if date.first > day:
        return True
    return None


def dated_on_or_before(date: PartialDate, day: dt.date | None) -> bool:
    """Whether something dated `date` had happened by `day` (its period had begun; always, when `day` is None)."""
    return day is None or date.first <= day


# Bodies ------------------------------------------------------------------------------------------------------


def in_force(body: Body, day: dt.date) -> bool:
    """Whether the body existed on `day` by its own `from` / `until` (a closure in its history aside)."""
    return holds_on(body.period, day)


def status_on(body: Body, day: dt.date | None, *, reference: dt.date | None = None) -> str | None:
    """The body's status on `day`; None when no status is recorded.

    Args:
        day: the date asked about; None for the whole record (its latest recorded status).
        reference: for the whole record, the day its `until` is judged at (see `reference_day`); a body past its
            `until` that is not recorded as closed or transitioned has `ended`.
    """
    status = body.status
    known_since: dt.date | None = None  # the first day of the latest entry applied (None: from the start)
    for entry in body.history:
        if entry.status is None:
            continue
        if not entry.date_known:
            if day is None or day > entry.date.last:
                status = entry.status
            elif known_since is None or day >= known_since:
                # It happened at some date up to the end of `by`, after the entries before it: not known yet.
                return None
            continue
        if dated_on_or_before(entry.date, day):
            status = entry.status
            known_since = entry.date.first
    if ended_by(body.period, day if day is not None else reference) and status not in ended_statuses():
        return "ended"
    return status


def status_entry(body: Body, day: dt.date | None, *, reference: dt.date | None = None) -> HistoryEntry | None:
    """The history entry from which the body had the status it has on `day` (see `status_on`): the first of the
    run of entries giving that status. None when the status comes from `status`, from the body's `until`, or was
    never recorded."""
    since: HistoryEntry | None = None
    for entry in body.history:
        if entry.status is None or not dated_on_or_before(entry.date, day):
            continue
        if since is None or entry.status != since.status:
            since = entry
    if since is None or since.status != status_on(body, day, reference=reference):
        return None
    return since


def closure(body: Body, day: dt.date | None = None) -> HistoryEntry | None:
    """The history entry that closed (or transitioned) the body by `day` (ever, when None); None if there is none."""
    found = None
    for entry in body.history:
        if entry.status not in ended_statuses():
            continue
        happened = dated_on_or_before(entry.date, day) if entry.date_known else day is None or day > entry.date.last
        if happened:
            found = entry
    return found


def ended_on(body: Body, day: dt.date | None) -> PartialDate | None:
    """When the body closed or transitioned (as known on `day`, or ever when None), else its `until`, if either is
    recorded."""
    entry = closure(body, day)
    return entry.date if entry is not None else body.period.end


def has_ended(body: Body, day: dt.date | None, *, reference: dt.date | None = None) -> bool:
    """Whether the body no longer operated on `day` (for the whole record, at `reference`; never, for the whole
    record without one)."""
    if day is None and reference is None:
        return False
    return status_on(body, day, reference=reference) in ended_statuses()


def one_after_the_other(a: Body, b: Body) -> bool:
    """Whether one of two bodies had ended (`until`, or a closing history entry) before the other began (`from`),
    so that the two may share a name. A partial date says no more than its period: a body that closed in March
    2019 and one that began in March 2019 are one after the other."""

    def apart(first: Body, second: Body) -> bool:
        end, start = ended_on(first, None), second.period.start
        return end is not None and start is not None and end.first <= start.first

    return apart(a, b) or apart(b, a)


def name_on(body: Body, day: dt.date | None) -> str:
    """The name the body had on `day` (its current name when None)."""
    if day is None:
        return body.name
    renames = [e for e in body.history if e.name is not None]
    if not renames:
        return body.name
    name = body.formerly[-1] if body.formerly else None
    for entry in renames:
        if entry.date.first <= day:
            name = entry.name
    return name or body.name


# Posts -------------------------------------------------------------------------------------------------------


def dates_recorded(holder: Holder) -> bool:
    """Whether anything is recorded of when the holder held the post (a `from`, an `until`, or both)."""
    return holder.period.start is not None or holder.period.end is not None


def known_on(holder: Holder, day: dt.date) -> bool:
    """Whether the holder is known to have held the post on `day` (by its dates, or its one known date)."""
    if holder.on is not None:
        return holder.on.first <= day <= holder.on.last
    return dates_recorded(holder) and holds_on(holder.period, day)


def may_hold_on(holder: Holder, day: dt.date, reference: dt.date | None = None) -> bool:
    """Whether the holder may have held the post on `day` without its being known: no dates recorded, known on
    another date only, or a past holder before the reference day."""
    if holder.on is not None:
        return not known_on(holder, day)
    if holder.past and holder.period.end is None:
        return reference is None or day < reference
    return not dates_recorded(holder)


def holders_on(role: Role, day: dt.date | None, reference: dt.date | None = None) -> tuple[Holder, ...] | None:
    """Who held the post on `day` (every holder in the order written, when None): the holders known to have held it
    then, in the order written, then those who may have (no dates recorded, known on another date only, past
    holders before `reference`: they never outrank one known to). None when the model does not track the post's
    holders."""
    if role.holders is None or day is None:
        return role.holders
    known = [h for h in role.holders if known_on(h, day)]
    maybe = [h for h in role.holders if not known_on(h, day) and may_hold_on(h, day, reference)]
    return (*known, *maybe)


def member_on(member: Membership, day: dt.date, reference: dt.date | None = None) -> bool:
    """Whether the membership held on `day`: by its dates; a past membership whose end is not recorded counts
    before the reference day only (it may have held then), never from it on."""
    if not holds_on(member.period, day):
        return False
    return not (member.past and member.period.end is None and reference is not None and day >= reference)


# Terms of reference ------------------------------------------------------------------------------------------


def terms_on(body: Body, day: dt.date | None) -> Terms | None:
    """The body's terms of reference in force on `day` (for the whole record, as recorded): None when it records
    none, or when they were certainly approved after `day`."""
    terms = body.terms
    if terms is None or day is None or terms.approved is None:
        return terms
    return terms if terms.approved.first <= day else None


def review_due(terms: Terms) -> PartialDate | None:
    """When the terms are due for review: `review_by`, else `review_months` after approval (the approval's month);
    None when neither is recorded."""
    if terms.review_by is not None:
        return terms.review_by
    if terms.approved is None or terms.review_months is None:
        return None
    return _months_after(terms.approved, terms.review_months)


@functools.lru_cache(maxsize=1024)
def _months_after(date: PartialDate, months: int) -> PartialDate:
    # Many bodies share an approval date and interval; the date (and its cached `last`) is made once for them.
    index = date.year * 12 + (date.month or 1) - 1 + months
    year, month = divmod(index, 12)
    return PartialDate(year, month + 1)
