"""The time rules at their edges (GG502-GG505): which lifetime a date falls outside of, bodies with only one end
of their lifetime, memberships, lines into a body closed without a date, the day a status is judged on, partial
dates at the edges of a period, and what each finding tells the user to do."""

from __future__ import annotations

import textwrap

from govgraph.checks import run
from govgraph.findings import Finding
from govgraph.loading import load_bytes
from govgraph.model import PartialDate

FILE = "time.yaml"
LIFETIME_HINT = "correct the date, or the body's `from` / `until`"
REVIEW_HINT = (
    "record the outcome as a new `history` entry (for example `status: active`), or raise `checks.review_months`"
)


def found(text: str, code: str, as_of: str | None = None) -> list[Finding]:
    model = load_bytes(textwrap.dedent(text).encode(), FILE)
    return [f for f in run(model, as_of=PartialDate.parse(as_of) if as_of else None) if f.code == code]


def told(findings: list[Finding]) -> list[tuple[str, int, str | None]]:
    """Each finding's message, line and hint."""
    return [(f.message, f.location.line if f.location else 0, f.hint) for f in findings]


# GG502 -----------------------------------------------------------------------------------------------------------

LIFETIMES = """\
govgraph: 1
title: Lifetimes
roles:
  chair: {title: Chair}
bodies:
  top: {name: Top, kind: board, chairs: [chair]}
  p:
    name: P
    kind: project
    from: 2020
    reports_to: [{body: top, from: 2019}]
  started:
    name: Started
    kind: committee
    from: 2020
    chairs: [{role: chair, from: 2019}]
    members: [{role: chair, from: 2018}]
  ended:
    name: Ended
    kind: committee
    until: 2020
    chairs: [{role: chair, until: 2021}]
"""


def test_a_line_that_starts_before_its_own_body_is_reported_against_that_body() -> None:
    # 'top' has no dates, so only 'p' can be the body the line reaches outside of.
    [line] = [f for f in found(LIFETIMES, "GG502") if "line" in f.message]
    assert told([line]) == [
        ("`reports_to` line from 'p' to 'top' starts in 2019, before 'p' begins (2020)", 11, LIFETIME_HINT)
    ]


def test_chairs_and_members_are_checked_on_a_body_with_only_one_end_of_its_lifetime() -> None:
    assert told([f for f in found(LIFETIMES, "GG502") if "line" not in f.message]) == [
        ("'chair' chairing 'started' starts in 2019, before 'started' begins (2020)", 16, LIFETIME_HINT),
        ("membership of 'chair' on 'started' starts in 2018, before 'started' begins (2020)", 17, LIFETIME_HINT),
        ("'chair' chairing 'ended' runs until 2021, after 'ended' ends (2020)", 22, LIFETIME_HINT),
    ]


def test_dates_within_a_lifetime_with_one_end_are_not_reported() -> None:
    within = LIFETIMES.replace("from: 2019", "from: 2021").replace("from: 2018", "from: 2020")
    assert found(within.replace("until: 2021", "until: 2019"), "GG502") == []


# GG503 -----------------------------------------------------------------------------------------------------------

INTO_CLOSED = """\
govgraph: 1
title: Into closed
bodies:
  top: {name: Top, kind: board}
  prog:
    name: Prog
    kind: programme
    reports_to: [top]
    history: [{date: 2025-03, status: closed}]
  p:
    name: P
    kind: project
    reports_to: [top]
    dotted_to: [prog]
"""


def test_a_line_into_a_closed_body_after_a_line_into_an_open_one_is_reported() -> None:
    assert told(found(INTO_CLOSED, "GG503")) == [
        (
            "'p' (status not recorded) has a `dotted_to` line into 'prog', which closed in 2025-03; the line has no "
            "end date",
            14,
            "end the line when 'prog' closed (`until: 2025-03`), or point it at the body that took over",
        )
    ]


def test_a_line_that_runs_past_the_closure_says_until_when() -> None:
    text = INTO_CLOSED.replace("dotted_to: [prog]", "dotted_to: [{body: prog, until: 2025-06}]")
    assert [f.message for f in found(text, "GG503")] == [
        "'p' (status not recorded) has a `dotted_to` line into 'prog', which closed in 2025-03; the line runs until "
        "2025-06"
    ]


def test_a_body_closed_without_a_date_is_named_without_one() -> None:
    text = INTO_CLOSED.replace("history: [{date: 2025-03, status: closed}]", "status: closed")
    assert told(found(text, "GG503")) == [
        (
            "'p' (status not recorded) has a `dotted_to` line into 'prog', which closed; the line has no end date",
            14,
            "end the line when 'prog' closed (`until`), or point it at the body that took over",
        )
    ]


def test_a_body_past_its_until_has_ended_and_lines_into_it_are_reported() -> None:
    text = INTO_CLOSED.replace("history: [{date: 2025-03, status: closed}]", "until: 2024")
    assert [f.message for f in found(text, "GG503")] == [
        "'p' (status not recorded) has a `dotted_to` line into 'prog', which ended in 2024; the line has no end date"
    ]


def test_a_body_past_its_own_until_is_not_told_of_its_lines() -> None:
    text = INTO_CLOSED.replace("    dotted_to: [prog]", "    dotted_to: [prog]\n    until: 2024")
    assert found(text, "GG503") == []


def test_a_closed_body_listed_first_does_not_hide_the_bodies_after_it() -> None:
    text = INTO_CLOSED.replace("bodies:\n", "bodies:\n  a-old: {name: Old, kind: project, status: closed}\n")
    assert [f.message.split(" (")[0] for f in found(text, "GG503")] == ["'p'"]


def test_a_line_into_a_body_recorded_as_active_is_not_reported() -> None:
    text = INTO_CLOSED.replace("history: [{date: 2025-03, status: closed}]", "status: active")
    assert found(text, "GG503") == []


def test_only_reporting_lines_are_looked_at_and_a_steering_line_first_hides_nothing() -> None:
    # `steers` comes before `part_of` among a body's lines.
    text = INTO_CLOSED.replace("dotted_to: [prog]", "steers: [prog]\n    part_of: [prog]")
    assert [f.message for f in found(text, "GG503")] == [
        "'p' (status not recorded) has a `part_of` line into 'prog', which closed in 2025-03; the line has no end date"
    ]
    assert found(INTO_CLOSED.replace("dotted_to: [prog]", "steers: [prog]"), "GG503") == []


def test_statuses_are_judged_on_the_as_of_day_where_a_closure_is_dated_only_by_a_later_day() -> None:
    # On 2025-06 it is not known whether 'p' had closed by then (`by: 2025-12`): it is not taken as closed.
    text = INTO_CLOSED.replace(
        "    dotted_to: [prog]", "    dotted_to: [prog]\n    history: [{by: 2025-12, status: closed}]"
    )
    assert [f.message.split(" has ")[0] for f in found(text, "GG503", as_of="2025-06")] == ["'p' (status not recorded)"]
    assert found(text, "GG503") == []
    # Nor is 'prog' taken as closed on that day when its closure is known only to be by the end of the year.
    later = INTO_CLOSED.replace("{date: 2025-03, status: closed}", "{by: 2025-12, status: closed}")
    assert found(later, "GG503", as_of="2025-06") == []
    assert len(found(later, "GG503")) == 1


# GG504 -----------------------------------------------------------------------------------------------------------

REVIEW = """\
govgraph: 1
title: Review
as_of: 2025-07
bodies:
  top:
    name: Top
    kind: board
    history:
      - {date: 2023, status: under_review}
"""


def test_a_review_dated_by_its_year_is_counted_from_january() -> None:
    assert told(found(REVIEW, "GG504")) == [
        (
            "'top' has been under review since 2023: 30 months by 2025-07 (the model's as_of), more than the 12 "
            "allowed",
            9,
            REVIEW_HINT,
        )
    ]


def test_a_body_long_active_is_not_under_review() -> None:
    assert found(REVIEW.replace("under_review", "active"), "GG504") == []


# GG505 -----------------------------------------------------------------------------------------------------------

HISTORY = """\
govgraph: 1
title: History
bodies:
  top:
    name: Top
    kind: board
    history:
      - {date: 2024-01, note: set up}
      - {date: 2024, note: that year}
      - {date: 2023, note: the year before}
"""


def test_an_entry_out_of_order_is_compared_with_the_entry_that_began_earliest_of_those_before_it() -> None:
    # '2024' begins on the same day as '2024-01', so the entry named is still the first one.
    assert told(found(HISTORY, "GG505")) == [
        (
            "history entry of 'top' dated 2023 comes after one dated 2024-01",
            10,
            "list history entries oldest first",
        )
    ]


def test_two_entries_on_the_same_day_are_in_order() -> None:
    text = HISTORY.replace("2024-01,", "2024-01-01,").replace("{date: 2024,", "{date: 2024-01-01,")
    assert found(text.replace("      - {date: 2023, note: the year before}\n", ""), "GG505") == []


def test_a_line_of_a_body_into_itself_is_not_a_line_into_a_closed_body() -> None:
    # 'p' has not ended, so the body its line reaches has not either.
    text = INTO_CLOSED.replace("dotted_to: [prog]", "dotted_to: [p]\n    history: [{date: 2024, status: active}]")
    assert found(text, "GG503") == []
    assert found(text, "GG503", as_of="2025-06") == []
