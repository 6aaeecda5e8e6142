"""Terms of reference rules (GG7xx): quorum, meetings and reports, review, required seats, posts kept apart, and
the consistency of the scrutiny and liaison lines.

Decisions where DESIGN.md is silent:
- Every rule looks only at what is recorded and reports only what is certain: a quorum whose members' standing is
  not recorded, or a report whose frequency is not, is passed over (`govgraph quorum` says what is missing).
- The terms judged are those in force on the `--as-of` day (`time.terms_on`), else those recorded; a body that
  had ended by then is passed over.
- GG703 compares a report with the meetings of the body it goes to; GG704 the reports a body's terms ask for
  with those its senders' terms record, from each body accountable to it when the terms name no sender.
- GG705 measures to the reference day as GG504 does (the `--as-of` day, else the model's `as_of`, else today).
- GG706: a seat is required when the quorum needs its post; it is vacant when the post's holders are tracked and
  no one is known or may be thought to hold it on the day (see `time.holders_on`).
- GG707: two posts are one person's when they are the same post, or a holder of one has the same name as a
  holder of the other over a shared period.
- GG708 follows the scrutinising body's line of accountability and `part_of` lines (whether or not the whole
  holds its parts to account): scrutiny of one's own whole is not independent.
"""

from __future__ import annotations

from collections.abc import Iterator

from govgraph import time
from govgraph.checks.registry import CheckContext, Found, rule
from govgraph.checks.rulesets import ruleset_findings
from govgraph.findings import Severity
from govgraph.graph import reachable
from govgraph.model import Body, Terms
from govgraph.terms import (
    meetings_per_year,
    meets_without_chair,
    quorum_answer,
    quorum_certainly_met,
    report_per_year,
    report_target,
    same_person,
)
from govgraph.vocabulary import accountability, count


def _in_force(context: CheckContext, body: Body) -> bool:
    """Whether `body` is in force and not ended on the day asked about (every body is, for the whole record)."""
    return context.day is None or not time.has_ended(body, context.day)


def _live(context: CheckContext) -> Iterator[tuple[str, Body]]:
    """The bodies `_in_force`."""
    return ((body_id, body) for body_id, body in context.bodies if _in_force(context, body))


def _with_terms(context: CheckContext) -> tuple[tuple[str, Body, Terms], ...]:
    """The bodies of `_live` whose terms of reference are in force on the day asked about, with those terms; found
    once per check run and shared by the rules of this module (most bodies of a large model have none)."""
    if "with_terms" not in context.memo:
        day = context.day
        context.memo["with_terms"] = tuple(
            (body_id, body, terms)
            for body_id, body in _live(context)
            if (terms := time.terms_on(body, day)) is not None
        )
    found: tuple[tuple[str, Body, Terms], ...] = context.memo["with_terms"]
    return found


@rule(
    "GG701",
    "quorum-unreachable",
    "A body's quorum cannot be met by its voting membership.",
    Severity.ERROR,
    "The terms of reference set a quorum (`terms: {quorum: ...}`) that the recorded membership cannot meet: more "
    "voting members are required than there are voting seats; a post that must be present sits there without a "
    "vote (or not at all); or fewer voting members of a group sit there than must be present. Only what is "
    "certain is reported: seats whose standing is not recorded may vote, and terms that set only a least number "
    "of members (`members_at_least`) leave room for members not recorded, as does a post held by several people "
    "whose entry gives no `seats`; a quorum that asks for the chair of a body whose chair is not recorded is left "
    "to GG401. `govgraph quorum BODY` shows the sums.",
    "bodies:\n  audit:\n    name: Audit Committee\n    kind: committee\n    chairs: [ned]\n"
    "    members: [{role: ned, standing: voting_member}, {role: cfo, standing: attendee}]\n"
    "    terms:\n      quorum: {count: 3, present: [{role: cfo}]}      # 1 voting seat; the CFO does not vote",
)
def quorum_unreachable(context: CheckContext) -> Iterator[Found]:
    model = context.model
    for body_id, body, terms in _with_terms(context):
        if terms.quorum is None or quorum_certainly_met(model, body, terms.quorum, context.day):
            continue
        quorum = terms.quorum
        answer = quorum_answer(model, body, (), context.day)
        if answer.count_met is False and answer.required is not None:
            yield Found(
                f"the quorum of '{body_id}' needs {count(answer.required, 'voting member')}, but it has "
                f"{count(answer.voting + answer.unknown, 'seat')} that may vote",
                quorum.location,
                "record the voting members (`standing: voting_member`, `seats: N`), or correct the quorum",
            )
        for need in answer.needs:
            if need.met is not False:
                continue
            if need.reason == "not_voting" and need.need.role is not None:
                yield Found(
                    f"the quorum of '{body_id}' needs '{need.need.role}' present, which does not vote there",
                    need.need.location,
                    "a quorum counts voting members: make the post a voting member, or drop it from `present`",
                )
            elif need.reason == "not_a_member" and need.need.role is not None:
                yield Found(
                    f"the quorum of '{body_id}' needs '{need.need.role}' present, which neither chairs nor sits on it",
                    need.need.location,
                    f"add `- {{role: {need.need.role}, standing: voting_member}}` to its members, or correct the "
                    "quorum",
                )
            elif need.reason == "too_few" and need.need.role is not None:
                yield Found(
                    f"the quorum of '{body_id}' needs {need.need.count} voting members who are '{need.need.role}' "
                    f"present, but the post has only {count(need.available, 'seat')} there",
                    need.need.location,
                    f"record the post's seats (`seats: {need.need.count}`), or correct the quorum",
                )
            elif need.reason == "too_few":
                yield Found(
                    f"the quorum of '{body_id}' needs {need.need.count} voting members of '{need.need.group}' present, "
                    f"but only {need.available + need.unknown} sit there",
                    need.need.location,
                    "record the group's voting seats, or correct the quorum",
                )
            elif need.reason == "no_chair":
                yield Found(
                    f"the quorum of '{body_id}' needs its chair present, but no one chairs it",
                    need.need.location,
                    "record the chair (`chairs:`), or correct the quorum",
                )


@rule(
    "GG702",
    "quorum-needs-chair",
    "A body that may meet without its chair cannot be quorate without the chair.",
    Severity.WARNING,
    "The body's terms say it may meet without its chair (`quorum: {without_chair: true}`), or a rule set the "
    "model uses requires it (the NHS rule set, for an ICB's board), but its quorum cannot be met with the chair "
    "away: the quorum asks for the chair itself (write `chair_or_vice` if a vice or deputy chair may stand in), "
    "there is no vice or deputy chair to stand in, or the chair's seat is needed to make up the count.",
    "bodies:\n  board:\n    name: Board\n    kind: board\n    chairs: [chair]\n"
    "    members: [{role: ceo, standing: voting_member}]\n"
    "    terms: {quorum: {count: 2, present: [chair], without_chair: true}}",
)
def quorum_needs_chair(context: CheckContext) -> Iterator[Found]:
    model = context.model
    for body_id, body, terms in _with_terms(context):
        if terms.quorum is None or terms.quorum.without_chair is not True:
            continue
        if meets_without_chair(model, body, context.day) is False:
            yield Found(
                f"'{body_id}' may meet without its chair, but its quorum cannot be met with the chair away",
                terms.quorum.location,
                "let a vice or deputy chair stand in (`present: [chair_or_vice]`, and record one), or lower the count",
            )
    yield from ruleset_findings(context, "GG702")


@rule(
    "GG703",
    "reports-more-often-than-parent-meets",
    "A body reports to another more often than that body meets.",
    Severity.WARNING,
    "A report is received at a meeting. A body whose terms say it reports to its parent more times a year than "
    "the parent's terms say it meets sends reports that no meeting receives: one of the two frequencies is wrong, "
    "or reports are taken together.",
    "bodies:\n  board: {name: Board, kind: board, terms: {meets: quarterly}}\n"
    "  committee:\n    name: Committee\n    kind: committee\n    reports_to: [board]\n"
    "    terms: {meets: monthly, reports: [{after_each_meeting: true}]}      # 12 reports, 4 meetings",
)
def reports_more_often(context: CheckContext) -> Iterator[Found]:
    model = context.model
    for body_id, body, terms in _with_terms(context):
        if not terms.reports:
            continue
        for report in terms.reports:
            sent = report_per_year(terms, report)
            target = model.bodies.get(report_target(body, report) or "") if sent is not None else None
            if target is None:
                continue
            target_terms = time.terms_on(target, context.day)
            held = meetings_per_year(target_terms)
            at_least = target_terms is not None and target_terms.meets is not None and target_terms.meets.at_least
            if sent is not None and held is not None and sent > held and not at_least:
                yield Found(
                    f"'{body_id}' reports to '{target.id}' {sent} times a year, but '{target.id}' meets {held} times "
                    "a year",
                    report.location,
                    "correct how often one of them meets or reports",
                )


@rule(
    "GG704",
    "too-few-reports",
    "A body receives fewer reports a year than its terms ask for.",
    Severity.WARNING,
    "A body's terms may ask for reports (`terms: {expects: [{from: committee, per_year: 4}]}`; without `from`, "
    "from each body accountable to it). A sender whose own terms record fewer reports to it a year, or none, "
    "falls short. A sender whose terms record nothing of its reports is reported too: the record has a gap.",
    "bodies:\n  board:\n    name: Board\n    kind: board\n    terms: {expects: [{from: committee, per_year: 4}]}\n"
    "  committee:\n    name: Committee\n    kind: committee\n    reports_to: [board]\n"
    "    terms: {reports: [{per_year: 2}]}",
)
def too_few_reports(context: CheckContext) -> Iterator[Found]:
    model = context.model
    for body_id, _body, terms in _with_terms(context):
        for expected in terms.expects:
            senders = (
                [expected.from_]
                if expected.from_ is not None
                else sorted(
                    {
                        line.source_body
                        for line in model.lines_into(body_id)
                        if line in model.bodies[line.source_body].accountability
                    }
                )
            )
            for sender_id in senders:
                sender = model.bodies.get(sender_id)
                if sender is None or (context.day is not None and time.has_ended(sender, context.day)):
                    continue
                sender_terms = time.terms_on(sender, context.day)
                sent = 0
                unknown = False
                for report in sender_terms.reports if sender_terms is not None else ():
                    if report_target(sender, report) == body_id:
                        n = report_per_year(sender_terms, report) if sender_terms is not None else None
                        unknown = unknown or n is None
                        sent += n or 0
                if unknown or sent >= expected.per_year:
                    continue
                said = f"{sent} a year" if sent else "none"
                yield Found(
                    f"'{body_id}' asks for {expected.per_year} reports a year from '{sender_id}', whose terms record "
                    f"{said}",
                    expected.location,
                    f"record the reports in '{sender_id}''s `terms: {{reports: ...}}`, or correct what is asked for",
                )


@rule(
    "GG705",
    "terms-review-overdue",
    "A body's terms of reference are overdue for review.",
    Severity.WARNING,
    "Terms of reference are reviewed at an interval they set (`review_months` after `approved`) or by a date "
    "(`review_by`). Measured to `--as-of`, else to the model's `as_of`, else to today, as GG504 measures a "
    "review: terms past their review date were not reviewed, or the model was not updated when they were.",
    "as_of: 2025-07\nbodies:\n  audit:\n    name: Audit Committee\n    kind: committee\n"
    "    terms: {approved: 2023-05, review_months: 12}      # due May 2024",
)
def terms_review_overdue(context: CheckContext) -> Iterator[Found]:
    reference = context.reference
    for body_id, _body, terms in _with_terms(context):
        due = time.review_due(terms)
        if due is None or reference <= due.last:
            continue
        approved = f"approved in {terms.approved}" if terms.approved else "recorded"
        yield Found(
            f"the terms of reference of '{body_id}' were due for review in {due} and are still the ones {approved} "
            f"(judged at {reference.isoformat()})",
            terms.location,
            "record the review: a new `approved` date (and `review_months` or `review_by`)",
        )


@rule(
    "GG706",
    "required-seat-vacant",
    "A post that the quorum needs is held by no one.",
    Severity.WARNING,
    "The quorum names a post that must be present (`present: [{role: ...}]`); the post's holders are tracked "
    "(`holders:`) and no one held it on the day (the `--as-of` day, else the model's `as_of`, else today). Until "
    "it is filled, the body cannot be quorate.",
    "roles:\n  cfo: {title: Chief Finance Officer, holders: []}\nbodies:\n  audit:\n    name: Audit\n"
    "    kind: committee\n    members: [{role: cfo, standing: voting_member}]\n"
    "    terms: {quorum: {count: 1, present: [{role: cfo}]}}",
)
def required_seat_vacant(context: CheckContext) -> Iterator[Found]:
    model = context.model
    day = context.day if context.day is not None else context.reference
    for body_id, _body, terms in _with_terms(context):
        if terms.quorum is None:
            continue
        for need in terms.quorum.needs:
            role = model.roles.get(need.role or "")
            if role is None or role.holders is None:
                continue
            if not time.holders_on(role, day, context.reference):
                yield Found(
                    f"'{role.id}' must be present for '{body_id}' to be quorate, but no one held it on "
                    f"{day.isoformat()}",
                    need.location,
                    f"record who holds '{role.id}' (`holders:`), or correct the quorum",
                )


@rule(
    "GG707",
    "posts-kept-apart",
    "One post or person holds posts that the rules keep apart.",
    Severity.WARNING,
    "A body's terms may exclude posts from it (`terms: {excludes: [trust-chair]}`: \"the Chairman shall not be a "
    'member of the Committee"), and a rule set may keep two posts apart (the NHS rule set: the remuneration '
    "committee's chair is not the chair of the board or of the audit committee). Reported when one post holds "
    "both, or a person recorded as holding one is recorded as holding the other at the same time. The rule set's "
    "findings cite the clause they enforce.",
    "roles:\n  trust-chair: {title: Chairman}\nbodies:\n  audit:\n    name: Audit Committee\n    kind: committee\n"
    "    members: [{role: trust-chair}]\n    terms: {excludes: [trust-chair]}",
)
def posts_kept_apart(context: CheckContext) -> Iterator[Found]:
    model = context.model
    for body_id, body, terms in _with_terms(context):
        if not terms.excludes:
            continue
        sitting = [(c.role, c.location, "chairs") for c in body.chairs]
        sitting += [(m.member, m.location, "sits on") for m in body.members if m.member_kind == "role"]
        for excluded in terms.excludes:
            for post, location, verb in sitting:
                person = None if post == excluded else same_person(model.roles.get(post), model.roles.get(excluded))
                if post == excluded:
                    yield Found(
                        f"'{excluded}' {verb} '{body_id}', whose terms exclude it",
                        location,
                        "remove it, or the exclusion",
                    )
                elif person is not None:
                    yield Found(
                        f"{person} holds '{post}', which {verb} '{body_id}', and '{excluded}', which its terms exclude",
                        location,
                        "one person may not hold both: record who else holds one of them",
                    )
    yield from ruleset_findings(context, "GG707")


@rule(
    "GG708",
    "scrutiny-of-own-whole",
    "A body scrutinises a body that it is part of or accountable to.",
    Severity.WARNING,
    "Scrutiny holds a body to account from outside (a joint scrutiny committee scrutinises a partnership). A "
    "`scrutinises` line into a body that the scrutinising body is part of, or accountable to, is not "
    "independent: the line is probably meant to be another relation, or to point elsewhere.",
    "bodies:\n  ics: {name: ICS, kind: partnership, top: true}\n"
    "  panel: {name: Scrutiny Panel, kind: committee, part_of: [ics], scrutinises: [ics]}",
)
def scrutiny_of_own_whole(context: CheckContext) -> Iterator[Found]:
    model = context.model
    scrutiny = model.lines_of("scrutinises")
    if not scrutiny:
        return
    up: dict[str, list[str]] = {}
    for body_id, body in context.bodies:
        up[body_id] = [r.target for r in body.relations if r.kind in accountability() and r.target != body_id]
    above: dict[str, set[str]] = {}
    for line in scrutiny:
        body_id = line.source_body
        if body_id not in above:
            above[body_id] = reachable(up, body_id) - {body_id}
        if line.target in above[body_id] and line.target in model.bodies:
            yield Found(
                f"'{body_id}' scrutinises '{line.target}', which it is part of or accountable to",
                line.location,
                "scrutiny comes from outside a body's own line: point the line at the body meant, or make it "
                "another relation",
            )


@rule(
    "GG709",
    "liaison-to-ended",
    "A liaison line still in force into a body that has ended.",
    Severity.WARNING,
    "A `liaison_to` line says a body is represented on another. Into a body that has closed, transitioned or "
    "ended, the line should end when it did (`until`), or point at the body that took over.",
    "bodies:\n  old: {name: Old Forum, kind: forum, history: [{date: 2024-03, status: closed}]}\n"
    "  board: {name: Board, kind: board, liaison_to: [old]}      # write {body: old, until: 2024-03}",
)
def liaison_to_ended(context: CheckContext) -> Iterator[Found]:
    bodies = context.model.bodies
    day, reference = context.day, context.reference
    for line in context.model.lines_of("liaison_to"):
        body_id = line.source_body
        if not _in_force(context, bodies[body_id]):
            continue
        target = bodies.get(line.target)
        if target is None or not time.has_ended(target, day, reference=reference):
            continue
        ended = time.ended_on(target, day)
        if line.period.end is not None and (ended is None or not time.certainly_before(ended, line.period.end)):
            continue
        when = f" in {ended}" if ended is not None else ""
        yield Found(
            f"'{body_id}' has a liaison to '{target.id}', which ended{when}; the liaison "
            + ("has no end date" if line.period.end is None else f"runs until {line.period.end}"),
            line.location,
            f"end the liaison when '{target.id}' ended" + (f" (`until: {ended}`)" if ended else ""),
        )
