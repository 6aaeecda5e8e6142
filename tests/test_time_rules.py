"""The date rules at their edges: in `govgraph.time`, what "certainly before" means for partial dates, when a body
ended as known on a day, which bodies may share a name because one came after the other, and who held a post; in
the time rules over a model (GG503, GG504), when a review is overdue and how a line into a closed body is worded."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from govgraph import time
from govgraph.checks import run
from govgraph.loading import load_bytes
from govgraph.model import Model, PartialDate, Period


def model(text: str) -> Model:
    return load_bytes(textwrap.dedent(text).encode(), "time.yaml")


def d(text: str) -> PartialDate:
    return PartialDate.parse(text)


@pytest.mark.parametrize(
    ("a", "b", "before"),
    [
        ("2024-02", "2024-03", True),
        ("2024-03-30", "2024-03-31", True),
        ("2024-03-31", "2024-03-31", False),  # the same day is not before itself
        ("2024", "2024-03", False),  # 2024 may be later in the year than March
        ("2024-03", "2024", False),
        ("2023", "2024-01-01", True),
    ],
)
def test_one_date_is_certainly_before_another_only_when_every_day_of_it_is(a: str, b: str, before: bool) -> None:
    assert time.certainly_before(d(a), d(b)) is before


CLOSED_LATER = """\
    govgraph: 1
    title: Closed
    bodies:
      old:
        name: Old
        kind: board
        until: 2026
        history: [{date: 2025-03, status: closed}]
      open: {name: Open, kind: board}
    """


def test_when_a_body_ended_is_as_known_on_the_day_asked_about() -> None:
    old = model(CLOSED_LATER).bodies["old"]
    assert time.ended_on(old, None) == d("2025-03")
    assert time.ended_on(old, dt.date(2025, 6, 1)) == d("2025-03")
    # Before the closure was recorded, all that is known is the body's `until`.
    assert time.ended_on(old, dt.date(2024, 6, 1)) == d("2026")
    assert time.ended_on(model(CLOSED_LATER).bodies["open"], None) is None


def one_after_the_other(first: str, second: str) -> bool:
    text = f"""\
        govgraph: 1
        title: Names
        bodies:
          a: {{name: A, kind: board, {first}}}
          b: {{name: B, kind: board, {second}}}
        """
    bodies = model(text).bodies
    return time.one_after_the_other(bodies["a"], bodies["b"])


@pytest.mark.parametrize(
    ("first", "second", "apart"),
    [
        ("until: 2019-03", "from: 2019-03", True),  # closed in March, the other began in March
        ("until: 2019-03", "from: 2019-04", True),
        ("until: 2019-04", "from: 2019-03", False),
        ("from: 2019-04", "until: 2019-03", True),  # either way round
        ("until: 2019", "status: active", False),  # the other's start is not recorded
        ("from: 2019", "from: 2020", False),  # neither has ended
        ("history: [{date: 2018, status: closed}]", "from: 2019", True),
        ("history: [{date: 2018, status: closed}]", "from: 2017", False),
    ],
)
def test_two_bodies_are_one_after_the_other_when_one_ended_before_the_other_began(
    first: str, second: str, apart: bool
) -> None:
    assert one_after_the_other(first, second) is apart


POSTS = """\
    govgraph: 1
    title: Posts
    roles:
      chair:
        title: Chair
        holders:
          - {name: First, until: 2020}
          - {name: Second, from: 2021}
          - {name: Undated}
      untracked: {title: Untracked}
    bodies:
      board: {name: Board, kind: board, chairs: [chair], members: [{role: untracked}]}
    """


def test_who_held_a_post_on_a_day_puts_the_undated_holders_last() -> None:
    roles = model(POSTS).roles
    names = [h.name for h in time.holders_on(roles["chair"], dt.date(2022, 1, 1)) or ()]
    assert names == ["Second", "Undated"]
    names = [h.name for h in time.holders_on(roles["chair"], dt.date(2020, 12, 31)) or ()]
    assert names == ["First", "Undated"]


def test_over_the_whole_record_every_holder_is_given_in_the_order_written() -> None:
    roles = model(POSTS).roles
    assert [h.name for h in time.holders_on(roles["chair"], None) or ()] == ["First", "Second", "Undated"]
    assert time.holders_on(roles["untracked"], None) is None
    assert time.holders_on(roles["untracked"], dt.date(2022, 1, 1)) is None


def period(start: str | None, end: str | None) -> Period:
    return Period(d(start) if start else None, d(end) if end else None)


def test_periods_that_share_a_single_day_overlap() -> None:
    assert time.overlaps(period(None, "2020-06-15"), period("2020-06-15", None))
    assert not time.overlaps(period(None, "2020-06-14"), period("2020-06-15", None))
    assert time.overlaps(period("2020", "2021"), period("2021-12", None), period(None, "2021-12-31"))


def test_a_period_has_started_on_its_first_day_and_not_the_day_before() -> None:
    assert time.started_by(period("2020-06-15", None), dt.date(2020, 6, 15))
    assert not time.started_by(period("2020-06-15", None), dt.date(2020, 6, 14))
    assert time.started_by(period("2020-06-15", None), None)
    assert time.started_by(period(None, "2020"), dt.date(1900, 1, 1))


def test_the_closure_known_on_a_day_is_none_before_it_was_recorded() -> None:
    old = model(CLOSED_LATER).bodies["old"]
    assert time.closure(old, dt.date(2024, 6, 1)) is None
    closed = time.closure(old, dt.date(2025, 3, 1))
    assert closed is not None
    assert closed.date == d("2025-03")
    assert time.closure(old) == closed


RENAMED = """\
    govgraph: 1
    title: Renamed
    bodies:
      body:
        name: New
        kind: board
        formerly: [Oldest, Old]
        history: [{date: 2020-03, name: New}]
      unknown:
        name: Now
        kind: board
        history: [{date: 2020-03, name: Now}]
    """


def test_the_name_on_a_day_is_the_one_in_force_from_the_first_day_of_its_entry() -> None:
    bodies = model(RENAMED).bodies
    assert time.name_on(bodies["body"], None) == "New"
    assert time.name_on(bodies["body"], dt.date(2020, 2, 29)) == "Old"
    assert time.name_on(bodies["body"], dt.date(2020, 3, 1)) == "New"
    # Before the only rename recorded, with no earlier name written, the name is the one there is.
    assert time.name_on(bodies["unknown"], dt.date(2019, 1, 1)) == "Now"


REVIEWED = """\
    govgraph: 1
    title: Reviewed
    bodies:
      body:
        name: Body
        kind: board
        status: active
        until: 2021
        history:
          - {date: 2019, status: under_review}
          - {date: 2019-06, status: under_review}
          - {date: 2020, name: Renamed}
          - {date: 2020-06, status: active}
    """


def test_a_status_dates_from_the_first_entry_of_its_run_past_entries_that_only_rename() -> None:
    body = model(REVIEWED).bodies["body"]
    run = time.status_entry(body, dt.date(2019, 12, 31))
    assert run is not None
    assert (run.date, run.status) == (d("2019"), "under_review")
    latest = time.status_entry(body, dt.date(2020, 12, 31))
    assert latest is not None
    assert (latest.date, latest.status) == (d("2020-06"), "active")


def test_a_status_past_the_bodys_until_comes_from_no_entry() -> None:
    body = model(REVIEWED).bodies["body"]
    assert time.status_on(body, None, reference=dt.date(2024, 1, 1)) == "ended"
    assert time.status_entry(body, None, reference=dt.date(2024, 1, 1)) is None
    entry = time.status_entry(body, None, reference=dt.date(2021, 6, 1))
    assert entry is not None
    assert entry.date == d("2020-06")


def test_a_body_closed_later_had_not_ended_on_an_earlier_day() -> None:
    old = model(CLOSED_LATER).bodies["old"]
    assert not time.has_ended(old, dt.date(2024, 6, 1))
    assert time.has_ended(old, dt.date(2025, 6, 1))
    assert not time.has_ended(old, None)
    assert time.has_ended(old, None, reference=dt.date(2025, 6, 1))


# The time rules over a model (GG503, GG504) ----------------------------------------------------------------------

REVIEW = """\
    govgraph: 1
    title: Review
    bodies:
      body:
        name: Body
        kind: board
        history: [{date: START, status: under_review}]
    checks: {review_months: MONTHS}
    """


def overdue(start: str, months: int, as_of: str) -> list[str]:
    text = REVIEW.replace("START", start).replace("MONTHS", str(months))
    when = PartialDate.parse(as_of)
    return [f.message for f in run(model(text), as_of=when) if f.code == "GG504"]


def test_a_review_is_overdue_from_the_day_after_its_months_have_run() -> None:
    # Under review since March 2024 (counted from its last day), 12 months: due by 31 March 2025.
    assert overdue("2024-03", 12, "2025-03") == []
    assert overdue("2024-03", 12, "2025-04-01") == [
        "'body' has been under review since 2024-03: 13 months by 2025-04-01, more than the 12 allowed"
    ]
    # A month later in a shorter month ends on its last day: 31 January and one month is 29 February.
    assert overdue("2024-01-31", 1, "2024-02-29") == []
    assert len(overdue("2024-01-31", 1, "2024-03-01")) == 1


def test_a_review_in_the_last_year_the_calendar_holds_is_measured_within_it() -> None:
    assert overdue("9999-01", 3, "9999-04") == []
    assert len(overdue("9999-01", 3, "9999-05")) == 1


INTO_CLOSED = """\
    govgraph: 1
    title: Into a closed body
    bodies:
      old: {name: Old, kind: board, history: [{date: 2024-03, status: closed}]}
      child: {name: Child, kind: project, STATUS reports_to: [old]}
    """


def test_a_line_into_a_closed_body_says_the_status_of_the_body_it_comes_from() -> None:
    def message(status: str) -> str:
        [found] = [f for f in run(model(INTO_CLOSED.replace("STATUS", status))) if f.code == "GG503"]
        return found.message

    assert message("").startswith("'child' (status not recorded) has a `reports_to` line into 'old', which closed")
    assert message("status: under_review,").startswith("'child' (under review) has a `reports_to` line")
