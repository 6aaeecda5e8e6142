"""Plain-text renderings of query answers, as the command line prints them (`quorum_text` and
`reports_into_text` are `govgraph.render.terms`')."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence

from govgraph import time, vocabulary
from govgraph.model import Holder, Membership, Model, Relation
from govgraph.queries import (
    Card,
    ChainAnswer,
    ClosedBody,
    PathAnswer,
    RoleLoad,
    Route,
    TreeAnswer,
    TreeRow,
    UnderAnswer,
)

# `govgraph quorum` and `reports-into` print these (the command line finds each answer's text here).
from govgraph.render.terms import quorum_text, reports_into_text, terms_rows  # noqa: F401
from govgraph.render.words import (
    STATUS_NOT_RECORDED,
    chair_gap,
    chair_groups,
    chair_selection,
    dated,
    day_words,
    entry_date_words,
    holder_dates,
    kind_words,
    relation_verb,
    relation_words,
    seat_notes,
    source_use,
    status_words,
    term_words,
    top_kind_words,
    when_words,
)
from govgraph.vocabulary import ended_statuses, listing


def _member(model: Model, kind: str, member: str) -> str:
    name = model.name_of(member)
    return f"{name} [{kind}]" if kind != "role" else name


def member_line(model: Model, member: Membership, reference: dt.date | None = None) -> str:
    """A seat on a body in words: `Non-Executive Director, as member (3 seats, voting member; for NHSE London)`, and
    the entry's note after a colon; its dates say `ended` where the seat had ended by `reference`."""
    as_ = f", as {member.as_}" if member.as_ else ""
    facts = seat_notes(member, model.name_of, reference)
    note = f": {member.note}" if member.note else ""  # the source's own words on the seat, as a history note's
    return (
        f"{_member(model, member.member_kind, member.member)}{as_}" + (f" ({'; '.join(facts)})" if facts else "") + note
    )


def card_text(card: Card) -> str:
    """A body's card: names, kind, status and history, chairs, members, lines in and out, sources."""
    b, m = card.body, card.model
    out: list[str] = []
    title = b.name + (f" ({b.short})" if b.short else "")
    out.append(title)
    out.append("=" * len(title))
    # A body asked about before it was set up has no status then; the card says so, and shows it as recorded.
    if card.not_yet:
        status = "status: not yet set up"
    else:
        status = f"status: {status_words(card.status)}" if card.status is not None else STATUS_NOT_RECORDED
    facts = [f"id: {b.id}", f"kind: {kind_words(b.kind)}", status]
    if card.as_of is not None:
        facts.append(f"as of {day_words(card.as_of)}")
    out.append(" | ".join(facts))
    if card.not_yet:
        out.append(_absence(m, b.id, card.as_of) + " Shown as recorded.")
    if card.closure is not None and card.status in ended_statuses():
        by = f" by decision of {m.name_of(card.closure.decided_by)}" if card.closure.decided_by else ""
        said = status_words(card.closure.status).capitalize()
        out.append(f"{said} {card.closure.date.describe()}{by}.")
    names = [*b.aliases]
    if names:
        out.append("also called: " + "; ".join(names))
    if b.formerly:
        out.append("formerly: " + "; ".join(b.formerly))
    if b.period.start or b.period.end:
        out.append("in force: " + b.period.describe())
    if b.description:
        out.append("")
        out.append(b.description)
    out.append("")
    if b.organisation:
        out.append(f"host organisation: {m.name_of(b.organisation)}")
    for mb in card.managed_by:
        out.append(f"managed by: {m.name_of(mb.organisation)}{dated(mb.period)}")
    for label, chairs in chair_groups(card.chairs):
        out.append(f"{label}:")
        for c in chairs:
            chosen = chair_selection(c, m.name_of)
            when = dated(c.period, card.reference)
            out.append(f"  - {m.name_of(c.role)}{f' ({chosen})' if chosen else ''}{when}")
    if not card.chairs and chair_gap(b.kind):
        # As its page and the paper say: a gap is shown as a gap, not as a card with no chair line.
        out.append(f"chair: {chair_gap(b.kind)}")
    if card.members:
        out.append("members:")
        for mem in card.members:
            out.append(f"  - {member_line(m, mem, card.reference)}")
    if card.representation:
        out.append("must represent:")
        for rep in card.representation:
            size = len(rep.represented) + len(rep.missing)
            if not rep.missing:
                state = f"all {size} represented"
            else:
                state = "missing " + ", ".join(m.name_of(x) for x in rep.missing)
            out.append(f"  - {m.name_of(rep.group)}: {state}")
    elif b.represented:
        out.append("must represent: " + "; ".join(m.name_of(g) for g in b.represented))
    closed = {c.body: c for c in card.closed_neighbours}
    if card.lines_out:
        out.append("lines out:")
        for rel in card.lines_out:
            marks = line_marks(m, rel, card.reference, closed.get(rel.target))
            out.append(f"  - {relation_words(rel.kind)} {m.name_of(rel.target)}{marks}")
    if card.lines_in:
        out.append("lines in:")
        for rel in card.lines_in:
            marks = line_marks(m, rel, card.reference, closed.get(rel.source_body))
            out.append(f"  - {m.name_of(rel.source_body)} {relation_verb(rel.kind)} this{marks}")
    if card.history:
        out.append("history:")
        for h in card.history:
            parts = []
            if h.status:
                parts.append(status_words(h.status))
            if h.name:
                parts.append(f"renamed {h.name}")
            if h.decided_by:
                parts.append(f"decided by {m.name_of(h.decided_by)}")
            text = ", ".join(parts)
            if h.note:
                text = f"{text}: {h.note}" if text else h.note
            out.append(f"  - {entry_date_words(h)}: {text}")
    rows = terms_rows(m, b, card.as_of)
    if rows:
        out.append("terms of reference:")
        out.extend(f"  {what}: {said}" for what, said in rows)
    if card.sources:
        out.append("sources:")
        for s in card.sources:
            extra = ", ".join(x for x in (s.publisher, str(s.date) if s.date else None) if x)
            out.append(f"  - {s.title}" + (f" ({extra})" if extra else "") + source_use(card, s.id))
    out.append(f"defined at {b.location}")
    return "\n".join(out) + "\n"


# Reporting-path answers -----------------------------------------------------------------------------------


def line_marks(model: Model, line: Relation, reference: dt.date | None, closed: ClosedBody | None = None) -> str:
    """`(until March 2025, ended; CLP closed March 2025)`: the line's dates, whether it has ended by
    `reference`, and whether the body at its other end had closed; a liaison line names the post it runs
    through (`through Ghanshyam Mann`), which is all that tells one liaison to a body from another."""
    parts = [f"through {model.name_of(line.by)}"] if line.by else []
    dates = term_words(line.period, reference)
    if dates:
        parts.append(dates)
    if closed is not None:
        when = f" {closed.date.describe()}" if closed.date else ""
        parts.append(f"{model.name_of(closed.body)} {status_words(closed.status)}{when}")
    return f" ({'; '.join(parts)})" if parts else ""


def closure_sentence(model: Model, closed: ClosedBody) -> str:
    """`CLP closed in March 2025 by decision of LRET.`"""
    by = f" by decision of {model.name_of(closed.decided_by)}" if closed.decided_by else ""
    return f"{model.name_of(closed.body)} {status_words(closed.status)}{when_words(closed.date)}{by}."


def _scope(as_of: dt.date | None) -> str:
    return f"as of {day_words(as_of)}" if as_of is not None else "whole recorded history"


def route_text(model: Model, route: Route) -> str:
    """`Community Chest --reports to--> CLP --reports to--> PCAG`."""
    parts = [model.name_of(route.start)]
    for step in route.steps:
        parts.append(f"--{relation_words(step.kind)}--> {model.name_of(step.target)}")
    return " ".join(parts)


def _route_lines(model: Model, number: int, route: Route, reference: dt.date | None, *, then: bool) -> list[str]:
    """A numbered route, with the lines on it that had ended (`then`: by the date asked about) and its closed
    bodies on the lines below."""
    words = [t.route_word for t in vocabulary.relations() if t.route_word and t.name in route.relations]
    note = f"  ({', '.join(words)})" if words else ""
    out = [f"{number}. {route_text(model, route)}{note}"]
    indent = " " * (len(str(number)) + 2)
    if route.lapsed:
        lines = []
        for step in route.lapsed:
            end = step.period.end
            if end is not None and reference is not None and reference > end.last:
                state = f"ended {end.describe()}" if then else end.describe()
            elif step.period.start is not None:
                state = f"from {step.period.start.describe()}"
            else:
                state = "not in force"
            lines.append(f"{model.name_of(step.source_body)} to {model.name_of(step.target)} ({state})")
        out.append(f"{indent}{'not in force then' if then else 'ended'}: " + "; ".join(lines))
    if route.closed:
        out.append(indent + ended_bodies(model, route.closed, reference))
    return out


def ended_bodies(model: Model, bodies: Sequence[str], reference: dt.date | None) -> str:
    """`Community Chest ended, CLP closed`: bodies that no longer operated by `reference`, each with what its
    record says happened (closed, transitioned, or only that it ended), in the order given."""
    said = []
    for body_id in bodies:
        status = time.status_on(model.bodies[body_id], reference)
        said.append(f"{model.name_of(body_id)} {status_words(status)}")
    return ", ".join(said)


def path_text(answer: PathAnswer) -> str:
    """Every route found, numbered, shortest first; or why there is none."""
    m = answer.model
    a, b = m.name_of(answer.start), m.name_of(answer.end)
    along = listing([relation_words(r) for r in answer.relations])
    conditions = ""
    if answer.via:
        conditions += f", through {m.name_of(answer.via)}"
    if answer.avoid:
        conditions += ", avoiding " + listing([m.name_of(x) for x in answer.avoid])
    scope = _scope(answer.as_of)
    out: list[str] = []
    for body_id in answer.absent:
        out.append(_absence(m, body_id, answer.as_of))
    if answer.routes:
        count = len(answer.routes)
        head = f"{count}{'+' if answer.more else ''} route{'s' if count != 1 or answer.more else ''}"
        out.append(f"{head} from {a} up to {b} along {along}{conditions} ({scope}):")
        out.append("")
        for number, route in enumerate(answer.routes, 1):
            out.extend(_route_lines(m, number, route, answer.reference, then=False))
        if answer.more:
            out.append("")
            out.append(f"There are more routes than the {answer.max_routes} shown (raise --max to see more).")
    else:
        out.append(f"No route from {a} up to {b} along {along}{conditions} ({scope}).")
        near = answer.nearest
        if near is not None and near.body == answer.start:
            out.append(f"The route runs the other way: {b} reaches {a} in {_steps(near.to_steps)}.")
        elif near is not None:
            out.append(
                f"The nearest body both reach is {m.name_of(near.body)}: {a} in {_steps(near.from_steps)}, "
                f"{b} in {_steps(near.to_steps)}."
            )
        elif not answer.absent:
            out.append(f"{a} and {b} reach no body in common.")
        if answer.former:
            out.append("")
            out.append("In the whole record (what had changed by then is listed under each):")
            for number, route in enumerate(answer.former, 1):
                out.extend(_route_lines(m, number, route, answer.reference, then=True))
    if answer.closures:
        out.append("")
        out.extend(closure_sentence(m, c) for c in answer.closures)
    return "\n".join(out) + "\n"


def _steps(n: int) -> str:
    return vocabulary.count(n, "step")


def _absence(model: Model, body_id: str, as_of: dt.date | None) -> str:
    body = model.bodies[body_id]
    when = day_words(as_of) if as_of else "then"
    if body.period.start is not None and as_of is not None and as_of < body.period.start.first:
        return f"{body.display_name} did not exist yet on {when} ({body.period.describe()})."
    return f"{body.display_name} was no longer in force on {when} ({body.period.describe()})."


#: Levels of a tree printed by `chain` and `under`; deeper ones are counted on one line that says how to see them.
#: Each level indents four characters more, so a tree printed whole grows with the square of its depth (a chain
#: 20,000 deep: 800 million characters).
TREE_LEVELS = 16


def _tree_lines(answer: TreeAnswer, label: str, tops: Collection[str] = ()) -> list[str]:
    """The rows as an indented tree; `label` is "up" (chain: `reports to CLP`) or "down" (under: `CLP (reports
    to PCAG)`). Rows deeper than `TREE_LEVELS` are not printed: the last row printed on each such branch is followed
    by one line counting the bodies beyond it (and naming those of them in `tops`), and the command that shows
    them."""
    m = answer.model
    closed = {c.body: c for c in answer.closures}
    rows = answer.rows
    last_child: dict[int, int] = {}
    for index, row in enumerate(rows):
        last_child[row.parent] = index
    # Each row's cut: the row at the deepest printed level that it lies beyond (itself at that level).
    cut: list[int] = []
    beyond: dict[int, set[str]] = {}
    for index, row in enumerate(rows):
        cut.append(index if row.depth == TREE_LEVELS else cut[row.parent] if row.depth > TREE_LEVELS else -1)
        if row.depth > TREE_LEVELS:
            beyond.setdefault(cut[index], set()).add(row.body)
    ends = set(tops)
    # What each printed row's children are indented by, built from its parent's: linear in the rows printed.
    indent: dict[int, str] = {}
    out: list[str] = []
    for index, row in enumerate(rows):
        if row.depth > TREE_LEVELS:
            continue
        if row.parent < 0:
            indent[index] = ""
            out.append(m.name_of(row.body) + _body_marks(closed.get(row.body)))
        else:
            last = last_child[row.parent] == index
            indent[index] = indent[row.parent] + ("    " if last else "│   ")
            branch = "└── " if last else "├── "
            out.append(indent[row.parent] + branch + _row_text(answer, row, label, closed.get(row.body)))
        if index in beyond:
            out.append(indent[index] + "└── " + _beyond(m, row.body, beyond[index], ends, label))
    return out


def _beyond(model: Model, body_id: str, bodies: set[str], tops: set[str], label: str) -> str:
    count = len(bodies - {body_id})
    what = f"… {count:,} more bod{'ies' if count != 1 else 'y'}"
    if label == "up":
        reached = sorted(model.name_of(b) for b in bodies & tops)
        to = f" up to {listing(reached)}" if reached else " above"
        return f"{what}{to}: `govgraph chain {body_id}` shows them"
    return f"{what} below: `govgraph under {body_id}` shows them"


def _body_marks(closed: ClosedBody | None) -> str:
    if closed is None:
        return ""
    return f" [{status_words(closed.status)}" + (f" {closed.date.describe()}]" if closed.date else "]")


def row_notes(row: TreeRow) -> list[str]:
    """What a tree row says about its line: its dates (and that it had ended), that its body is shown above, that
    it closes a cycle, how many lines below it are not shown."""
    notes = []
    dates = row.line.period.describe() if row.line is not None else ""
    if dates:
        notes.append(f"{dates}, ended" if row.lapsed else dates)
    if row.repeat:
        notes.append("shown above")
    if row.cycle:
        notes.append("cycle: leads back to a body above")
    if row.hidden:
        notes.append(f"{vocabulary.count(row.hidden, 'more line')} below")
    return notes


def _row_text(answer: TreeAnswer, row: TreeRow, label: str, closed: ClosedBody | None) -> str:
    m = answer.model
    assert row.line is not None
    relation = relation_words(row.line.kind)
    notes = row_notes(row)
    if label == "up":
        text = f"{relation} {m.name_of(row.body)}"
    else:
        text = f"{m.name_of(row.body)} ({relation} {m.name_of(answer.rows[row.parent].body)})"
    return text + _body_marks(closed) + (f" ({'; '.join(notes)})" if notes else "")


def _lapsed_lines(model: Model, lines: Iterable[Relation]) -> list[str]:
    out = []
    for line in lines:
        state = line.period.describe() or "not in force"
        out.append(
            f"  - {model.name_of(line.source_body)} {relation_verb(line.kind)} {model.name_of(line.target)} ({state})"
        )
    return out


def chain_text(answer: ChainAnswer) -> str:
    """The line of accountability as a tree, then the tops it reaches."""
    m = answer.model
    name = m.name_of(answer.body)
    along = listing([relation_words(r) for r in answer.relations])
    out = [f"Line of accountability of {name}, up to the top along {along} ({_scope(answer.as_of)}):", ""]
    if answer.absent:
        out.append(_absence(m, answer.body, answer.as_of))
    out.extend(_tree_lines(answer, "up", answer.tops))
    out.append("")
    ends = [t for t in answer.tops if t != answer.body]
    # The Rust teams' chain said "Top: Language team." where `govgraph check` said the line stops short of a top.
    short = list(answer.stops_short)
    tops = [t for t in ends if t not in short]
    if tops:
        out.append(f"Top{'s' if len(tops) > 1 else ''}: {listing([m.name_of(t) for t in tops])}.")
    if short:
        which = "which is not a top" if len(short) == 1 else "which are not tops"
        out.append(
            f"The line stops at {listing([m.name_of(t) for t in short])}, {which}: not {top_kind_words()}, nor "
            "written `top: true`."
        )
    if not ends and answer.lines:
        out.append("The line goes round in a cycle and reaches no top.")
    elif not ends:
        out.append(f"{name} accounts to no other body.")
        if not m.bodies[answer.body].can_be_top:
            # A committee with no line recorded is a gap, not a top (GG304's rule, as for the line stopping short).
            out.append(f"{name} is not a top: not {top_kind_words()}, nor written `top: true`.")
    if answer.branched:
        out.append("Some bodies here account to more than one parent: every branch is shown.")
    out.extend(_record_notes(m, answer.lapsed, answer.closures))
    return "\n".join(out) + "\n"


def _record_notes(m: Model, lapsed: Sequence[Relation], closures: Sequence[ClosedBody]) -> list[str]:
    """What a dated answer leaves out: lines not in force then, and the bodies closed by then."""
    out: list[str] = []
    if lapsed:
        out.append("Lines in the record that were not in force then:")
        out.extend(_lapsed_lines(m, lapsed))
    out.extend(closure_sentence(m, c) for c in closures)
    return out


def under_text(answer: UnderAnswer) -> str:
    """What reports into a body, as a tree."""
    m = answer.model
    name = m.name_of(answer.body)
    along = listing([relation_words(r) for r in answer.relations])
    depth = f", {vocabulary.count(answer.depth, 'level')} down" if answer.depth else ""
    out = [f"What reports into {name}, along {along}{depth} ({_scope(answer.as_of)}):", ""]
    if answer.absent:
        out.append(_absence(m, answer.body, answer.as_of))
    out.extend(_tree_lines(answer, "down"))
    out.append("")
    count = len(answer.bodies)
    if not count:
        out.append(f"Nothing reports into {name}.")
    elif any(row.hidden for row in answer.rows):
        out.append(f"{vocabulary.count(count, 'body')} shown under {name}; more lie deeper (raise --depth).")
    else:
        out.append(f"{vocabulary.count(count, 'body')} under {name}.")
    out.extend(_record_notes(m, answer.lapsed, answer.closures))
    return "\n".join(out) + "\n"


def _holder_dates(holder: Holder) -> str:
    """A holder's dates as a card shows them; a holder recorded without any is said to be so."""
    return f" ({holder_dates(holder)})"


def roles_text(loads: Sequence[RoleLoad]) -> str:
    """Each post: what it chairs, what it sits on, who holds it, and a warning where it chairs several bodies
    in one line of accountability."""
    out: list[str] = []
    for load in loads:
        m, r = load.model, load.role
        if out:
            out.append("")
        title = f"{r.title} ({r.id})"
        out.append(title)
        out.append("-" * len(title))
        if r.organisation:
            out.append(f"organisation: {m.name_of(r.organisation)}")
        if r.aliases:
            out.append("also called: " + "; ".join(r.aliases))
        closed = {c.body: c for c in load.closures}
        if load.chairs:
            out.append("chairs:")
            for c in load.chairs:
                if not c.presides or c.capacity != "chair":  # a vice, deputy, acting or interim chair says so
                    co = f" ({vocabulary.capacity(c.capacity).label})"
                else:
                    co = " (co-chair)" if c.body in load.co_chaired else ""
                when = dated(c.period, load.reference)
                out.append(f"  - {m.name_of(c.body)}{co}{when}{_body_marks(closed.get(c.body))}")
        else:
            out.append("chairs: nothing")
        if load.seats:
            out.append("sits on:")
            for s in load.seats:
                as_ = f", as {s.as_}" if s.as_ else ""
                when = dated(s.period, load.reference)
                out.append(f"  - {m.name_of(s.body)}{as_}{when}{_body_marks(closed.get(s.body))}")
        else:
            out.append("sits on: nothing (as a named member)")
        if load.lines:
            out.append("lines it runs:")
            for line in load.lines:
                said = f"{m.name_of(line.source_body)} {relation_verb(line.kind)} {m.name_of(line.target)}"
                out.append(f"  - {said}{dated(line.period, load.reference)}")
        if load.holders is None:
            out.append("held by: not recorded")
        elif not load.holders:
            out.append("held by: no one" + (f" as of {day_words(load.as_of)}" if load.as_of else ""))
        else:
            out.append("held by:")
            out.extend(f"  - {h.name}{_holder_dates(h)}" for h in load.holders)
        for low, high in load.stacked:
            out.append(
                f"! chairs both {m.name_of(low)} and {m.name_of(high)}, and {m.name_of(low)} accounts to "
                f"{m.name_of(high)}: one post chairs two levels of one line of accountability."
            )
    if not loads:
        out.append("The model records no posts.")
    return "\n".join(out) + "\n"
