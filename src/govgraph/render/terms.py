"""Terms of reference in words: the quorum, meetings, reports, approval and review of a body, and the answers of
`govgraph quorum` and `govgraph reports-into`, for the card, the body's page, the forward plan and the command
line. Only what is recorded is said, and never filled in: of a body whose terms are recorded, a quorum, a meeting
cycle or a report the terms do not give is said to be not recorded, so that the gap shows.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from govgraph import terms as tor
from govgraph import time, vocabulary
from govgraph.model import Body, Chair, Meetings, Membership, Model, Quorum, QuorumNeed, Report, Terms
from govgraph.queries import QuorumQuestion, ReportsIntoAnswer
from govgraph.render.words import NOT_RECORDED, chair_groups, day_words, fraction_words, times_a_year
from govgraph.vocabulary import listing


def month_names(months: Sequence[int]) -> str:
    """`March, June, September and December`."""
    return listing([calendar.month_name[m] for m in months])


def need_words(model: Model, need: QuorumNeed) -> str:
    """`the chair`, `the chair or a vice or deputy chair`, `Director of Finance`, `2 members of London's ICBs`."""
    if need.chair:
        return "the chair"
    if need.chair_or_vice:
        return "the chair or a vice or deputy chair"
    if need.role is not None:
        name = model.name_of(need.role)
        return name if need.count == 1 else f"{need.count} voting members who are {name}"
    return f"{vocabulary.count(need.count, 'voting member')} of {model.name_of(need.group or '')}"


def quorum_words(model: Model, quorum: Quorum) -> str:
    """`2 voting members, including the chair or a vice or deputy chair; may meet without its chair`."""
    if quorum.count is not None:
        size = vocabulary.count(quorum.count, "voting member")
    elif quorum.majority:
        size = "a majority of the voting members"
    elif quorum.fraction is not None:
        size = f"{fraction_words(quorum.fraction)} of the voting members"
    else:
        size = ""
    needs = listing([need_words(model, n) for n in quorum.needs])
    text = f"{size}, including {needs}" if size and needs else size or f"{needs} present"
    if quorum.without_chair is True:
        text += "; it may meet without its chair"
    elif quorum.without_chair is False:
        text += "; it may not meet without its chair"
    return text


def meets_words(meets: Meetings) -> str:
    """`quarterly (March, June, September and December)`, `at least 4 times a year`."""
    per_year = tor.meetings_per_year(Terms(location=meets.location, meets=meets))
    if meets.frequency is not None:
        text = vocabulary.frequency(meets.frequency).label
    elif per_year is not None:
        text = times_a_year(per_year)
    else:
        text = ""
    if meets.at_least and text:
        text = f"at least {text}"
    if meets.months:
        text = f"{text} ({month_names(sorted(set(meets.months)))})" if text else f"in {month_names(meets.months)}"
    return text


def report_words(model: Model, body: Body, terms: Terms, report: Report) -> str:
    """`to the Board: minutes, after each meeting (4 times a year)`."""
    target = tor.report_target(body, report)
    to = f"to {model.name_of(target)}" if target else "to (its parent is not one body: name it with `to`)"
    what = f": {report.what}" if report.what else ""
    per_year = tor.report_per_year(terms, report)
    if report.after_each_meeting:
        how = "after each meeting" + (f" ({times_a_year(per_year)})" if per_year else "")
    elif report.frequency is not None:
        how = vocabulary.frequency(report.frequency).label
    elif per_year is not None:
        how = times_a_year(per_year)
    else:
        how = "how often not recorded"
    months = tor.report_months(terms, report)
    if months:
        how += f", in {month_names(months)}"
    return f"{to}{what}, {how}"


#: What a body's terms of reference section says where it holds seats only (standing, counts) and no terms.
NO_TERMS_RECORDED = "Its quorum, meetings, reporting and review are not recorded."


def terms_rows(model: Model, body: Body, day: dt.date | None) -> list[tuple[str, str]]:
    """A body's terms of reference as (what, said) rows, in a fixed order; empty when it records none. The quorum,
    the meetings and the reports always have a row (`not recorded` where the terms do not give them)."""
    terms = time.terms_on(body, day)
    if terms is None:
        return []
    rows: list[tuple[str, str]] = []
    if terms.members_at_least is not None:
        rows.append(("membership", f"at least {terms.members_at_least} members"))
    # A part's own note is said under it: it often carries the terms' own words, or what a stored copy leaves out.
    if terms.quorum is not None:
        rows.append(("quorum", quorum_words(model, terms.quorum)))
        if terms.quorum.note:
            rows.append(("on the quorum", terms.quorum.note))
    else:
        rows.append(("quorum", NOT_RECORDED))
    if terms.meets is not None:
        rows.append(("meets", meets_words(terms.meets)))
        if terms.meets.note:
            rows.append(("on meetings", terms.meets.note))
    else:
        rows.append(("meets", NOT_RECORDED))
    for report in terms.reports:
        rows.append(("reports", report_words(model, body, terms, report)))
    if not terms.reports:
        rows.append(("reports", NOT_RECORDED))
    for expected in terms.expects:
        sender = model.name_of(expected.from_) if expected.from_ else "each body accountable to it"
        what = f" ({expected.what})" if expected.what else ""
        rows.append(("asks for", f"reports from {sender}{what}, at least {times_a_year(expected.per_year)}"))
    if terms.excludes:
        rows.append(("may not sit on it", "; ".join(model.name_of(r) for r in terms.excludes)))
    if terms.approved is not None:
        by = f" by {model.name_of(terms.approved_by)}" if terms.approved_by else ""
        rows.append(("approved", f"{terms.approved.describe()}{by}"))
    due = time.review_due(terms)
    if due is not None:
        overdue = time.reference_day(model, day) > due.last
        rows.append(("review due", due.describe() + (" (overdue)" if overdue else "")))
    cited = sorted(
        {s for s in (terms.source, terms.quorum.source if terms.quorum else None) if s and s in model.sources}
        | {s for s in (terms.meets.source if terms.meets else None,) if s and s in model.sources}
        | {r.source for r in terms.reports if r.source and r.source in model.sources}
    )
    if cited:
        rows.append(("source", "; ".join(model.sources[s].title for s in cited)))
    if terms.note:
        rows.append(("note", terms.note))
    return rows


@dataclass(frozen=True)
class Seat:
    """One row of a body's membership table: who, with what standing, how many seats, what they sit as, and the
    seat's own note (the terms' words: "not less than four, from the independent Non-Executive Directors")."""

    who: str
    standing: str
    seats: str
    as_: str
    note: str = ""


def membership_table(model: Model, chairs: Sequence[Chair], members: Sequence[Membership]) -> list[Seat]:
    """Who sits on a body with what standing, for its terms of reference: its chairs by capacity, then its members
    (standing `not recorded` where the file does not say)."""
    table = []
    for label, grouped in chair_groups(chairs):
        for chair in grouped:
            table.append(Seat(model.name_of(chair.role), label, "", ""))
    for member in members:
        standing = vocabulary.standing(member.standing).label if member.standing else NOT_RECORDED
        as_ = "; ".join(x for x in (member.as_, f"for {model.name_of(member.for_)}" if member.for_ else "") if x)
        table.append(
            Seat(
                model.name_of(member.member),
                standing,
                str(member.seats) if member.seats is not None else "",
                as_,
                member.note or "",
            )
        )
    return table


def records_terms(rows: Sequence[tuple[str, str]], chairs: Sequence[Chair], members: Sequence[Membership]) -> bool:
    """Whether a body has anything for a Terms of reference section: terms, a seat's standing or count, or a chair
    other than the chair (a vice or acting chair)."""
    return (
        bool(rows)
        or any(m.standing is not None or m.seats is not None for m in members)
        or any(c.capacity != "chair" for c in chairs)
    )


# govgraph quorum ------------------------------------------------------------------------------------------------

_REASONS = {
    "present": "present",
    "absent": "absent",
    "no_chair": "no chair is recorded, only a vice or deputy chair",
    "chair_not_recorded": "who chairs it is not recorded",
    "seats_not_recorded": "how many seats it has is not recorded",
    "not_voting": "sits there without a vote",
    "not_a_member": "neither chairs nor sits on it",
    "standing_not_recorded": "whether it votes there is not recorded",
    "too_few": "too few sit there",
}


def _verdict(value: bool | None) -> str:
    return "Yes" if value is True else "No" if value is False else "Cannot tell"


def quorum_text(question: QuorumQuestion) -> str:
    """The answer of `govgraph quorum BODY --absent POST...`, in words."""
    m, a = question.model, question.answer
    name = m.name_of(question.body)
    # A post several people hold ("Councillor") is away whole: every holder of it, which the question says, so
    # that "No" is not read as the answer for one councillor away.
    away_posts = [("every " if tor.shared_post(m, r) else "") + m.name_of(r) for r in question.absent]
    away = f" with {listing(away_posts)} absent" if question.absent else ""
    when = f" (as of {day_words(question.as_of)})" if question.as_of else ""
    out = [f"Could {name} be quorate{away}{when}? {_verdict(a.quorate)}."]
    quorum = a.terms.quorum if a.terms is not None else None
    if quorum is None:
        recorded = m.bodies[question.body].terms
        if a.terms is None and recorded is not None and recorded.approved is not None:
            # Terms approved after the date asked about: not "no quorum", but none yet in force.
            out.append(f"{name}'s terms of reference were approved in {recorded.approved.describe()}, after that date.")
        else:
            out.append(f"{name}'s terms of reference record no quorum.")
        return "\n".join(out) + "\n"
    out.append("")
    out.append(f"Quorum: {quorum_words(m, quorum)}.")
    seats = f"Voting members recorded: {a.voting}"
    if a.unknown:
        seats += f", and {vocabulary.count(a.unknown, 'seat')} whose standing is not recorded"
    if a.open_membership and a.terms is not None:
        seats += f" (the terms set at least {a.terms.members_at_least} members; not all may be recorded)"
    if a.open_seats:
        posts = listing([m.name_of(p) for p in a.open_seats])
        seats += f" ({posts}: how many seats is not recorded, counted as one)"
    out.append(seats + ".")
    if a.required is not None:
        unknown = f" (and {a.present_unknown} whose standing is not recorded)" if a.present_unknown else ""
        verdict = "met" if a.count_met is True else "not met" if a.count_met is False else "cannot tell"
        those = " without those absent" if question.absent else ""
        out.append(f"Needed: {a.required} voting members; present{those}: {a.present}{unknown}: {verdict}.")
    elif quorum.count is None and (quorum.fraction or quorum.majority):
        out.append("Needed: cannot tell, as the standing of some seats is not recorded.")
    for need in a.needs:
        said = _REASONS.get(need.reason, need.reason)
        if need.need.role is not None and need.need.count > 1 and need.reason in ("too_few", "seats_not_recorded"):
            said += f" ({vocabulary.count(need.available, 'seat')})"
        if need.need.group is not None:
            said += f" ({need.available} voting" + (f", {need.unknown} not recorded" if need.unknown else "") + ")"
        out.append(f"- {need_words(m, need.need)}: {said}")
    return "\n".join(out) + "\n"


def quorum_data(question: QuorumQuestion) -> dict[str, Any]:
    """The answer of `govgraph quorum` as JSON-ready data."""
    a = question.answer
    quorum = a.terms.quorum if a.terms is not None else None
    return {
        "body": question.body,
        "absent": list(question.absent),
        "as_of": question.as_of.isoformat() if question.as_of else None,
        "quorate": a.quorate,
        "recorded": quorum is not None,
        "quorum": None if quorum is None else quorum_words(question.model, quorum),
        "required": a.required,
        "voting": a.voting,
        "standing_not_recorded": a.unknown,
        "present": a.present,
        "present_standing_not_recorded": a.present_unknown,
        "open_membership": a.open_membership,
        "count_met": a.count_met,
        "needs": [
            {
                "who": need_words(question.model, n.need),
                "met": n.met,
                "reason": n.reason,
                **({"available": n.available, "standing_not_recorded": n.unknown} if n.need.group else {}),
            }
            for n in a.needs
        ],
    }


# govgraph reports-into ------------------------------------------------------------------------------------------


def _incoming_words(model: Model, item: tor.Incoming) -> str:
    sender = model.name_of(item.source_body)
    if item.report is None:
        return f"{sender}: accountable to it; its terms record no report"
    what = item.report.what or "a report"
    if item.per_year is not None:
        how = times_a_year(item.per_year)
    elif item.report.after_each_meeting:
        how = f"after each meeting (how often {sender} meets is not recorded)"
    else:
        how = "how often not recorded"
    months = f", in {month_names(item.months)}" if item.months else ""
    return f"{sender}: {what}, {how}{months}"


def reports_into_text(answer: ReportsIntoAnswer) -> str:
    """The answer of `govgraph reports-into BODY`, in words."""
    m = answer.model
    name = m.name_of(answer.body)
    when = f"as of {day_words(answer.as_of)}" if answer.as_of else "whole recorded history"
    out = [f"What {name} receives in a year, and from whom ({when}):", ""]
    if not answer.incoming:
        out.append(f"Nothing: no body reports to {name}, and no terms of reference send it reports.")
    out.extend(f"- {_incoming_words(m, item)}" for item in answer.incoming)
    out.append("")
    total = answer.per_year
    if answer.incoming and total is not None:
        out.append(f"In all: {vocabulary.count(total, 'report')} a year.")
    elif answer.incoming:
        # Why the total is not known, each reason only where it holds: a sender whose terms record no report at
        # all is not one whose reports' frequency is missing.
        why = []
        if any(item.report is not None and item.per_year is None for item in answer.incoming):
            why.append("how often some bodies report is not recorded")
        if any(item.report is None for item in answer.incoming):
            some = "some bodies" if any(item.report is not None for item in answer.incoming) else "the bodies"
            why.append(f"{some} accountable to it record no report")
        out.append(f"In all: not known, as {' and '.join(why)}.")
    if answer.meets_per_year is not None:
        out.append(f"{name} meets {times_a_year(answer.meets_per_year, at_least=answer.meets_at_least)}.")
    for expected in answer.expected:
        sender = m.name_of(expected.from_) if expected.from_ else "each body accountable to it"
        out.append(f"Its terms ask for {times_a_year(expected.per_year)} from {sender}.")
    return "\n".join(out) + "\n"


def reports_into_data(answer: ReportsIntoAnswer) -> dict[str, Any]:
    """The answer of `govgraph reports-into` as JSON-ready data."""
    return {
        "body": answer.body,
        "as_of": answer.as_of.isoformat() if answer.as_of else None,
        "per_year": answer.per_year,
        "meets_per_year": answer.meets_per_year,
        "meets_at_least": answer.meets_at_least,
        "incoming": [
            {
                "from": i.source_body,
                "what": i.report.what if i.report else None,
                "recorded": i.report is not None,
                "per_year": i.per_year,
                "months": list(i.months),
            }
            for i in answer.incoming
        ],
        "expected": [{"from": e.from_, "per_year": e.per_year, "what": e.what} for e in answer.expected],
    }
