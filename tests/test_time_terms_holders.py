"""The dates owner (`govgraph.time`) on what was added to it for terms of reference and holders: terms in force
from their approval, when they are due for review, holders and members known on one date or in the past, and a
closure known only to have happened by a date."""

from __future__ import annotations

import datetime as dt

from govgraph import time
from govgraph.loading import load_bytes
from govgraph.model import Model, PartialDate

MODEL = """\
govgraph: 1
title: Dates
roles:
  once: {title: Known once, holders: [{name: Ann, on: 2024-03}]}
  before: {title: In the past, holders: [{name: Bob, past: true}]}
  dated: {title: Dated, holders: [{name: Cy, from: 2020, until: 2021}, {name: Di}]}
bodies:
  approved:
    name: Approved
    kind: committee
    members: [{role: before, past: true}, {role: dated, from: 2022}]
    terms: {approved: 2023-11, review_months: 3}
  yearly:
    name: Yearly
    kind: committee
    terms: {approved: 2023, review_months: 12}
  by-date:
    name: By date
    kind: committee
    terms: {approved: 2023-05, review_by: 2025-01}
  unapproved:
    name: Unapproved
    kind: committee
    terms: {review_months: 12}
  closing:
    name: Closing
    kind: committee
    history:
      - {date: 2020, status: active}
      - {by: 2025-06, status: closed}
"""


def model() -> Model:
    return load_bytes(MODEL.encode(), "dates.yaml")


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_terms_are_in_force_from_the_first_day_of_their_approval() -> None:
    body = model().bodies["approved"]
    assert time.terms_on(body, day("2023-10-31")) is None
    assert time.terms_on(body, day("2023-11-01")) is body.terms
    assert time.terms_on(body, None) is body.terms
    unapproved = model().bodies["unapproved"]
    assert time.terms_on(unapproved, day("1990-01-01")) is unapproved.terms
    assert time.terms_on(model().bodies["closing"], day("2024-01-01")) is None


def test_terms_are_due_for_review_months_after_approval_or_on_the_date_set() -> None:
    bodies = model().bodies

    def due(body_id: str) -> PartialDate | None:
        terms = bodies[body_id].terms
        assert terms is not None
        return time.review_due(terms)

    # Three months after November 2023 runs into the next year.
    assert due("approved") == PartialDate(2024, 2)
    # Approved in a year only: counted from its January.
    assert due("yearly") == PartialDate(2024, 1)
    assert due("by-date") == PartialDate.parse("2025-01")
    assert due("unapproved") is None


def test_a_holder_known_on_one_date_held_the_post_then_and_may_have_on_any_other() -> None:
    [ann] = model().roles["once"].holders or ()
    assert time.known_on(ann, day("2024-03-01"))
    assert time.known_on(ann, day("2024-03-31"))
    assert not time.known_on(ann, day("2024-04-01"))
    assert not time.known_on(ann, day("2024-02-29"))
    assert time.may_hold_on(ann, day("2024-04-01"))
    assert not time.may_hold_on(ann, day("2024-03-15"))
    role = model().roles["once"]
    assert time.holders_on(role, day("2024-03-15")) == (ann,)
    assert time.holders_on(role, day("2025-01-01")) == (ann,)


def test_a_past_holder_may_have_held_the_post_before_the_reference_day_and_did_not_from_it() -> None:
    role = model().roles["before"]
    [bob] = role.holders or ()
    assert not time.known_on(bob, day("2020-01-01"))
    assert time.may_hold_on(bob, day("2020-01-01"), day("2024-01-01"))
    assert not time.may_hold_on(bob, day("2024-01-01"), day("2024-01-01"))
    assert time.may_hold_on(bob, day("2030-01-01"))
    assert time.holders_on(role, day("2020-01-01"), day("2024-01-01")) == (bob,)
    assert time.holders_on(role, day("2024-06-01"), day("2024-01-01")) == ()


def test_holders_known_to_hold_the_post_come_before_those_who_may_have() -> None:
    role = model().roles["dated"]
    cy, di = role.holders or ()
    assert time.holders_on(role, day("2020-06-01")) == (cy, di)
    assert time.holders_on(role, day("2022-06-01")) == (di,)
    assert time.holders_on(role, None) == (cy, di)
    assert time.may_hold_on(di, day("2022-06-01"))
    assert not time.may_hold_on(cy, day("2022-06-01"))


def test_a_past_membership_counts_before_the_reference_day_only() -> None:
    past, dated = model().bodies["approved"].members
    assert time.member_on(past, day("2020-01-01"), day("2024-01-01"))
    assert not time.member_on(past, day("2024-01-01"), day("2024-01-01"))
    assert time.member_on(past, day("2024-01-01"))
    assert not time.member_on(dated, day("2021-12-31"), day("2024-01-01"))
    assert time.member_on(dated, day("2030-01-01"), day("2024-01-01"))


def test_a_closure_known_only_by_a_date_is_unknown_until_that_date_has_passed() -> None:
    body = model().bodies["closing"]
    assert time.status_on(body, day("2019-12-31")) is None
    assert time.status_on(body, day("2021-01-01")) is None
    assert time.status_on(body, day("2025-06-30")) is None
    assert time.status_on(body, day("2025-07-01")) == "closed"
    assert time.status_on(body, None) == "closed"
    assert time.closure(body, day("2025-06-30")) is None
    closed = time.closure(body, day("2025-07-01"))
    assert closed is not None
    assert closed.status == "closed"
    assert time.closure(body) == closed
    assert time.ended_on(body, day("2025-07-01")) == PartialDate.parse("2025-06")
