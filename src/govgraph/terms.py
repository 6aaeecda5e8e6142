"""Terms of reference as answers: a body's seats and voting membership, whether its quorum can be met (with some
posts absent), how often it meets and reports, what each body receives, and the year's cycle of business.

Pure functions of the model, shared by the checks (GG7xx) and the questions (`govgraph quorum`,
`govgraph reports-into`, the forward plan of the documentation build). Decisions where DESIGN.md is silent:

- A seat counts towards the voting membership when its standing is `voting_member`; a standing that does not
  vote (non-voting member, attendee, observer) never counts; a seat whose standing is not recorded is "not
  known", and an answer that depends on it says it cannot tell rather than guess.
- A post that chairs the body and holds no membership of it is counted as one voting seat: terms of reference
  make the chair one of the members ("one of the members will be appointed Chair"). A membership of the post
  with a recorded standing says otherwise.
- Seats: an entry's `seats`, else one for a post or an organisation, and one per organisation or post of a group.
  A post held by several people at once (`shared_post`) whose entry gives no `seats` ("all Non-Executive
  Directors") sits there in a number of seats not recorded: at least one, so a quorum is never judged impossible
  for want of its seats.
- A quorum that asks for the chair, of a body whose chair is not recorded, cannot be judged: the missing chair is
  GG401's finding, not an impossible quorum.
- The recorded membership is the membership, unless the terms set only a minimum (`members_at_least`): then
  there may be members not recorded, and a quorum is never judged impossible for want of seats.
- A fraction of the voting members is rounded up (a third of 7 is 3); `majority` is more than half.
- An absent post is absent from every seat it holds on the body, and from the chair. The chair's place may be
  taken by a vice or deputy chair (`chair_or_vice`), never where the terms ask for the chair itself (`chair`).
- How often a body meets: its `per_year`, else its frequency's, else the number of months it meets in. A report
  "after each meeting" comes as often as the body meets. A report goes to the body named in `to`, else to the
  one body its line of accountability leads to (none, when it has several or none).
- The forward plan places a meeting only in a month its terms name, and a report in the month it is made (its
  own months, else the months its body meets when it reports after each meeting), received at its recipient's
  first meeting in or after that month where the recipient's months are known. Nothing is placed by guessing:
  what meets or reports with no months recorded is listed beside the plan.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from govgraph import time, vocabulary
from govgraph.model import Body, Chair, Membership, Model, PartialDate, Period, Quorum, QuorumNeed, Report, Role, Terms

MONTHS = range(1, 13)


@dataclass(frozen=True, slots=True)
class Seat:
    """One entry of a body's membership (or a chair's post that holds none), as the quorum counts it.

    `votes` is None where the standing is not recorded; `post` is the post sitting there, when it is a post's;
    `open`: `count` is the least, as the entry is a shared post's with no `seats` (see the module docstring).
    """

    member: str
    count: int
    votes: bool | None
    post: str | None
    membership: Membership | None = None
    chair: Chair | None = None
    open: bool = False


def seats(model: Model, body: Body, day: dt.date | None = None) -> tuple[Seat, ...]:
    """The body's seats in force on `day` (all recorded, when None): its memberships, then the posts that chair
    it and hold no membership (counted as voting seats: see the module docstring).

    With a `day`, `model` is the model as it stood then (`graph.snapshot`), whose past members (`past: true`)
    were judged at the model's own reference day. They are not judged again at the snapshot's, which is `day`
    itself: a past member who may have sat on the body then would be left out.
    """
    found: list[Seat] = []
    member_posts: set[str] = set()
    for membership in body.members:
        if day is not None and not time.member_on(membership, day):
            continue
        post = membership.member if membership.member_kind == "role" else None
        if post is not None:
            member_posts.add(post)
        count = membership.seats
        if count is None:
            count = len(model.group_members(membership.member)) if membership.member_kind == "group" else 1
        votes = None if membership.standing is None else _votes(membership.standing)
        open_ = membership.seats is None and post is not None and shared_post(model, post)
        found.append(Seat(membership.member, count, votes, post, membership, open=open_))
    for chair in body.chairs:
        if day is not None and not time.holds_on(chair.period, day):
            continue
        if chair.role not in member_posts:
            member_posts.add(chair.role)
            found.append(Seat(chair.role, 1, True, chair.role, None, chair))
    return tuple(found)


def _votes(standing: str) -> bool:
    return vocabulary.standing(standing).votes


def in_group(model: Model, seat: Seat, group: str) -> bool:
    """Whether the seat belongs to the group: the group itself sits there, or a member of it does, or a post of
    an organisation in it, or the seat is held for one."""
    if seat.member == group:
        return True
    members = model.group_members(group)
    if seat.member in members:
        return True
    membership = seat.membership
    if membership is not None and membership.for_ in members:
        return True
    role = model.roles.get(seat.member)
    return role is not None and role.organisation in members and (membership is None or membership.for_ is None)


@dataclass(frozen=True)
class NeedAnswer:
    """Whether one of a quorum's needs is met: `met` True, False, or None (cannot tell), with `reason`:
    `present`, `absent`, `no_chair`, `chair_not_recorded`, `not_voting`, `not_a_member`, `standing_not_recorded`,
    `seats_not_recorded` or `too_few`;
    `available` (with `unknown`, the seats whose standing is not recorded) for a group."""

    need: QuorumNeed
    met: bool | None
    reason: str
    available: int = 0
    unknown: int = 0


@dataclass(frozen=True)
class QuorumAnswer:
    """Whether a body's quorum can be met, with the posts in `absent` away.

    `required`: the voting members needed (None where it cannot be told); `voting` the voting seats recorded,
    `unknown` the seats whose standing is not recorded, `present` and `present_unknown` the same without the
    absent posts; `open_membership`: the terms set only a least number of members; `open_seats`: the posts that
    sit there in a number of seats not recorded (at least the one counted). `quorate` is True, False or
    None (cannot tell); `count_met` the same for the count alone.
    """

    body: str
    terms: Terms | None
    required: int | None
    voting: int
    unknown: int
    present: int
    present_unknown: int
    open_membership: bool
    needs: tuple[NeedAnswer, ...]
    absent: tuple[str, ...]
    count_met: bool | None
    quorate: bool | None
    open_seats: tuple[str, ...] = ()


def quorum_answer(model: Model, body: Body, absent: tuple[str, ...] = (), day: dt.date | None = None) -> QuorumAnswer:
    """Whether `body`'s quorum can be met on `day` (its recorded membership, when None) with the posts `absent`
    away. A body whose terms record no quorum has `required` None and `quorate` None."""
    terms = time.terms_on(body, day)
    quorum = terms.quorum if terms is not None else None
    all_seats = seats(model, body, day)
    away = set(absent)
    voting = sum(s.count for s in all_seats if s.votes)
    unknown = sum(s.count for s in all_seats if s.votes is None)
    here = [s for s in all_seats if s.post not in away]
    present = sum(s.count for s in here if s.votes)
    present_unknown = sum(s.count for s in here if s.votes is None)
    open_membership = terms is not None and terms.members_at_least is not None
    open_seats = tuple(sorted({s.member for s in here if s.open and s.votes is not False}))
    required = _required(quorum, voting, unknown) if quorum is not None else None
    count_met: bool | None = None
    if required is not None:
        if present >= required:
            count_met = True
        elif present + present_unknown < required and not open_membership and not open_seats:
            count_met = False
    needs = tuple(_need(model, body, need, here, away, day) for need in (quorum.needs if quorum else ()))
    results = [count_met] if quorum is not None and (quorum.count or quorum.fraction or quorum.majority) else []
    results += [n.met for n in needs]
    quorate: bool | None
    if quorum is None or not results:
        quorate = None
    elif any(r is False for r in results):
        quorate = False
    elif all(r is True for r in results):
        quorate = True
    else:
        quorate = None
    return QuorumAnswer(
        body=body.id,
        terms=terms,
        required=required,
        voting=voting,
        unknown=unknown,
        present=present,
        present_unknown=present_unknown,
        open_membership=open_membership,
        needs=needs,
        absent=tuple(sorted(away)),
        count_met=count_met,
        quorate=quorate,
        open_seats=open_seats,
    )


def quorum_certainly_met(model: Model, body: Body, quorum: Quorum, day: dt.date | None = None) -> bool:
    """Whether the quorum is certainly met with everyone present, worked out without building `quorum_answer`.

    GG701 asks this of every body with a quorum and builds the full answer only where it is not certain: on
    3,000 bodies with terms of reference (benchmarks/generate.py --terms), GG701 took 89 ms building every
    answer and takes 25 ms with this first (best of five, on a busy machine).
    """
    voting = unknown = 0
    member_posts: set[str] = set()
    voting_posts: set[str] = set()
    for m in body.members:
        if day is not None and not time.member_on(m, day):  # past members as `seats` counts them
            continue
        if m.member_kind == "role":
            member_posts.add(m.member)
        n = m.seats if m.seats is not None else len(model.group_members(m.member)) if m.member_kind == "group" else 1
        if m.standing is None:
            unknown += n
        elif _votes(m.standing):
            voting += n
            if m.member_kind == "role":
                voting_posts.add(m.member)
    chairs = [c for c in body.chairs if day is None or time.holds_on(c.period, day)]
    for c in chairs:
        if c.role not in member_posts:
            member_posts.add(c.role)
            voting_posts.add(c.role)
            voting += 1
    if quorum.count is not None or quorum.fraction is not None or quorum.majority:
        required = _required(quorum, voting, unknown)
        if required is None or voting < required:
            return False
    for need in quorum.needs:
        if need.chair and not any(c.presides for c in chairs):
            return False
        if need.chair_or_vice and not chairs:
            return False
        if need.role is not None and (need.role not in voting_posts or need.count > 1):
            return False  # a count of one post's seats is weighed by `quorum_answer`
        if need.group is not None:
            return False  # counted by `quorum_answer`
    return True


def _required(quorum: Quorum, voting: int, unknown: int) -> int | None:
    """How many voting members the quorum needs; None where it is a share of a membership not wholly known."""
    if quorum.count is not None:
        return quorum.count
    if unknown:
        return None
    if quorum.majority:
        return voting // 2 + 1
    if quorum.fraction is not None:
        top, bottom = quorum.fraction
        return math.ceil(voting * top / bottom)
    return None


def _need(
    model: Model, body: Body, need: QuorumNeed, here: list[Seat], away: set[str], day: dt.date | None
) -> NeedAnswer:
    chairs = [c for c in body.chairs if day is None or time.holds_on(c.period, day)]
    if need.chair or need.chair_or_vice:
        wanted = [c for c in chairs if c.presides] if need.chair else chairs
        if not chairs:
            return NeedAnswer(need, None, "chair_not_recorded")
        if not wanted:
            return NeedAnswer(need, False, "no_chair")
        present = [c for c in wanted if c.role not in away]
        return NeedAnswer(need, bool(present), "present" if present else "absent")
    if need.role is not None:
        if need.role in away:
            return NeedAnswer(need, False, "absent")
        seat = next((s for s in here if s.post == need.role), None)
        if seat is None:
            return NeedAnswer(need, False, "not_a_member")
        if seat.votes is None:
            return NeedAnswer(need, None, "standing_not_recorded")
        if not seat.votes:
            return NeedAnswer(need, False, "not_voting")
        if seat.count >= need.count:
            return NeedAnswer(need, True, "present", seat.count)
        if seat.open:
            return NeedAnswer(need, None, "seats_not_recorded", seat.count)
        return NeedAnswer(need, False, "too_few", seat.count)
    group = need.group or ""
    mine = [s for s in here if in_group(model, s, group)]
    available = sum(s.count for s in mine if s.votes)
    unknown = sum(s.count for s in mine if s.votes is None)
    if available >= need.count:
        return NeedAnswer(need, True, "present", available, unknown)
    if available + unknown >= need.count:
        return NeedAnswer(need, None, "standing_not_recorded", available, unknown)
    if any(s.open for s in mine if s.votes is not False):
        return NeedAnswer(need, None, "seats_not_recorded", available, unknown)
    return NeedAnswer(need, False, "too_few", available, unknown)


def meets_without_chair(model: Model, body: Body, day: dt.date | None = None) -> bool | None:
    """Whether the body's quorum can be met with its presiding chairs absent (None: cannot tell, no quorum, or
    no chair recorded)."""
    chairs = tuple(sorted({c.role for c in body.chairs if c.presides}))
    if not chairs:
        return None
    return quorum_answer(model, body, chairs, day).quorate


def same_person(a: Role | None, b: Role | None) -> str | None:
    """The name of someone recorded as the one holder of each post over a shared period, or None.

    A post held by several people at once (a non-executive member's) says nothing of which of them holds the
    other post, so it never makes two posts one person's.
    """
    if a is None or b is None or a.holders is None or b.holders is None:
        return None
    for x in a.holders:
        for y in b.holders:
            if x.name != y.name or not time.overlaps(x.period, y.period):
                continue
            alone_a = not any(h is not x and time.overlaps(h.period, x.period) for h in a.holders)
            alone_b = not any(h is not y and time.overlaps(h.period, y.period) for h in b.holders)
            if alone_a and alone_b:
                return x.name
    return None


def shared_post(model: Model, role_id: str) -> bool:
    """Whether several people hold the post at once, as recorded: several holders whose dates meet, or a seat
    for several (`seats` above one). One post chairing two bodies is then not known to be one person."""
    role = model.roles.get(role_id)
    holders = role.holders if role is not None and role.holders is not None else ()
    if any(h is not g and time.overlaps(h.period, g.period) for h in holders for g in holders):
        return True
    return role_id in model.multi_seat_posts


# Meetings and reports ----------------------------------------------------------------------------------------


def meetings_per_year(terms: Terms | None) -> int | None:
    """How many times a year the body meets, as its terms say; None where they do not."""
    if terms is None or terms.meets is None:
        return None
    meets = terms.meets
    if meets.per_year is not None:
        return meets.per_year
    if meets.frequency is not None:
        return vocabulary.frequency(meets.frequency).per_year
    return len(meets.months) or None


def meeting_months(terms: Terms | None) -> tuple[int, ...]:
    """The months the body meets in, as its terms record them (none where they do not)."""
    if terms is None or terms.meets is None:
        return ()
    return tuple(sorted(set(terms.meets.months)))


def report_per_year(terms: Terms, report: Report) -> int | None:
    """How many times a year the report is made; None where it is not recorded."""
    if report.per_year is not None:
        return report.per_year
    if report.frequency is not None:
        return vocabulary.frequency(report.frequency).per_year
    if report.after_each_meeting:
        return meetings_per_year(terms)
    return len(report.months) or None


def report_months(terms: Terms, report: Report) -> tuple[int, ...]:
    """The months the report is made in: its own, else its body's meeting months when it follows each meeting."""
    if report.months:
        return tuple(sorted(set(report.months)))
    if report.after_each_meeting:
        return meeting_months(terms)
    return ()


def report_target(body: Body, report: Report) -> str | None:
    """The body a report goes to: its `to`, else the one body the line of accountability leads to."""
    if report.to is not None:
        return report.to
    parents = sorted({line.target for line in body.accountability})
    return parents[0] if len(parents) == 1 else None


@dataclass(frozen=True)
class Incoming:
    """What one body sends to another in a year: a report of its terms (`report`), or, where its terms record
    none, only its line of accountability into it (`report` None). `per_year` None: how often is not recorded."""

    source_body: str
    target: str
    report: Report | None
    per_year: int | None
    months: tuple[int, ...]


def reports_into(model: Model, body_id: str, day: dt.date | None = None) -> tuple[Incoming, ...]:
    """What `body_id` receives, and from whom, in a year: every report whose target it is, from the bodies in
    force on `day` (all, when None) with terms in force then; and each body accountable to it whose terms record
    no report to it. Sorted by the sending body's id, then by what is reported.

    Only the bodies that may send it something are looked at: those whose reports name it (an index of every
    report by its recipient, built once per model) and those with a line into it (`Model.lines_into`). Looking at
    every body took 200 ms a question on 10,000 bodies; this takes well under a millisecond once the index is
    built (benchmarks/bench_queries.py).
    """
    senders = {source for source, _ in _report_index(model).get(body_id, ())}
    senders |= {line.source_body for line in model.lines_into(body_id) if line.accountable}
    found: list[Incoming] = []
    for source_id in sorted(senders):
        source = model.bodies[source_id]
        if source_id == body_id or (day is not None and not time.in_force(source, day)):
            continue
        terms = time.terms_on(source, day)
        sent = False
        for report in terms.reports if terms is not None else ():
            if report_target(source, report) != body_id:
                continue
            sent = True
            assert terms is not None
            found.append(
                Incoming(source_id, body_id, report, report_per_year(terms, report), report_months(terms, report))
            )
        accountable = any(
            line.target == body_id and (day is None or time.holds_on(line.period, day))
            for line in source.accountability
        )
        if accountable and not sent:
            found.append(Incoming(source_id, body_id, None, None, ()))
    return tuple(sorted(found, key=lambda i: (i.source_body, (i.report.what or "") if i.report else "")))


def _report_index(model: Model) -> dict[str, tuple[tuple[str, Report], ...]]:
    """Every recorded report by the body it goes to, built on first use and kept on the model (which is frozen,
    so the index cannot go stale; kept in its `__dict__` as `Model.lines_into` keeps its own)."""
    index: dict[str, tuple[tuple[str, Report], ...]] | None = model.__dict__.get("_reports_into")
    if index is None:
        found: dict[str, list[tuple[str, Report]]] = {}
        for body_id, body in model.bodies.items():
            for report in body.terms.reports if body.terms is not None else ():
                target = report_target(body, report)
                if target is not None:
                    found.setdefault(target, []).append((body_id, report))
        index = {target: tuple(reports) for target, reports in found.items()}
        model.__dict__["_reports_into"] = index
    return index


# The cycle of business ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedReport:
    """A report in the forward plan: from `source_body` to `target`, made in `made` and received in the month of
    the plan row (at the recipient's meeting, when `at_meeting`; else its months are not recorded)."""

    source_body: str
    target: str
    what: str | None
    made: int
    at_meeting: bool


@dataclass(frozen=True)
class PlanMonth:
    """One month of the forward plan: the bodies that meet, and the reports received."""

    month: int
    meetings: tuple[str, ...]
    reports: tuple[PlannedReport, ...]


@dataclass(frozen=True)
class ForwardPlan:
    """The cycle of business for `year`: twelve months, the bodies that meet with no months recorded (with how
    many times a year, None where not recorded either), and the reports whose months are not recorded;
    `at_least`: the bodies whose terms set how often they meet as a minimum."""

    year: int
    months: tuple[PlanMonth, ...]
    unplaced_meetings: tuple[tuple[str, int | None], ...]
    unplaced_reports: tuple[Incoming, ...]
    at_least: frozenset[str] = frozenset()

    @property
    def empty(self) -> bool:
        """Whether no body records when or how often it meets or reports."""
        return (
            not any(m.meetings or m.reports for m in self.months)
            and not self.unplaced_meetings
            and not self.unplaced_reports
        )


def forward_plan(model: Model, year: int) -> ForwardPlan:
    """The cycle of business of the bodies in force in `year` (see the module docstring for what is placed)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    live = {
        body_id: body
        for body_id, body in sorted(model.bodies.items())
        if time.overlaps(body.period, Period(PartialDate(year), PartialDate(year))) and not time.has_ended(body, first)
    }
    meetings: dict[int, list[str]] = {m: [] for m in MONTHS}
    unplaced_meetings: list[tuple[str, int | None]] = []
    at_least: set[str] = set()
    for body_id, body in live.items():
        terms = time.terms_on(body, last)
        if terms is None or terms.meets is None:
            continue
        if terms.meets.at_least:
            at_least.add(body_id)
        months = meeting_months(terms)
        for month in months:
            meetings[month].append(body_id)
        if not months:
            unplaced_meetings.append((body_id, meetings_per_year(terms)))
    received: dict[int, list[PlannedReport]] = {m: [] for m in MONTHS}
    unplaced_reports: list[Incoming] = []
    for body_id, body in live.items():
        terms = time.terms_on(body, last)
        for report in terms.reports if terms is not None else ():
            target = report_target(body, report)
            if target is None or target not in live:
                continue
            made = report_months(terms, report) if terms is not None else ()
            if not made:
                assert terms is not None
                unplaced_reports.append(Incoming(body_id, target, report, report_per_year(terms, report), ()))
                continue
            target_months = meeting_months(time.terms_on(live[target], last))
            for month in made:
                at = next((m for m in target_months if m >= month), None)
                if target_months and at is not None:
                    received[at].append(PlannedReport(body_id, target, report.what, month, True))
                elif not target_months:
                    received[month].append(PlannedReport(body_id, target, report.what, month, False))
                # A report made after the recipient's last meeting of the year goes to next year's plan.
    plan = tuple(
        PlanMonth(
            m,
            tuple(meetings[m]),
            tuple(sorted(received[m], key=lambda r: (r.target, r.source_body, r.what or ""))),
        )
        for m in MONTHS
    )
    return ForwardPlan(year, plan, tuple(unplaced_meetings), tuple(unplaced_reports), frozenset(at_least))
