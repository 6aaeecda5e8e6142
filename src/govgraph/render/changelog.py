"""Diffs and timelines in words: text to read, Markdown to paste into a board paper or a docs page, JSON for
programs. Every function returns a string (or JSON-ready data) and writes nothing.

Markdown is plain CommonMark (headings, lists, emphasis; no tables, no HTML), and every piece of text taken from a
model or a file name is escaped by `md`, so a name such as `*Board* [x](javascript:...)` or `<script>` shows as
written and cannot break the page.

The JSON of a diff (`diff_data`, typed `render.schemas.DiffReport`, `govgraph schema --of diff`) is, at version 1:

    {"version": 1,
     "old": {"label", "title", "file", "as_of"}, "new": {...},
     "summary": {"bodies_added", "bodies_removed", "bodies_changed", "roles_changed", "organisations_changed",
                 "groups_changed", "sources_changed", "views_changed", "settings_changed"},
     "changes": [{"section", "id", "name", "change", "relation", "other", "old", "new", "date", "decided_by",
                  "carried", "seat", "period"}]}

`change` is one of `govgraph.changes.CHANGES`; `seat` is what a member sits `as` in a seat added, removed or
re-dated; changes of the file's own title and settings have the section `model` and the id `""`; dates are
`YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `old` / `new` of a `dates` change are ISO 8601 intervals (`2017/2025-06`, `..`
for an open end), and so is `period`, the dates of a body, chair, seat, holder, manager or line added or removed,
or of a line moved (null where it is written with none). The JSON of a timeline
(`timeline_data`, `render.schemas.TimelineReport`) is `{"version": 1, "title", "body", "reference_day", "events":
[{"date", "date_known", "section", "id", "name", "event", "other", "relation", "status", "new_name", "previous",
"decided_by", "note", "source", "to_come"}]}` with `event` one of `govgraph.changes.EVENTS`; `to_come` is true for
an event dated after `reference_day` (the date asked about, else the model's `as_of`, else today), false for one
that had happened by then, null where its date leaves that open. Text and Markdown mark such events "to come"
("may be to come"). Keys are never removed or renamed without raising `version`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from govgraph import vocabulary
from govgraph.changes.diff import SECTIONS, Change, ModelDiff, intervals, seat_facts
from govgraph.changes.timeline import Event, timeline
from govgraph.commonmark import escape
from govgraph.model import Model, PartialDate
from govgraph.render.checks import REPORT_VERSION
from govgraph.render.words import (
    capacity_words,
    kind_words,
    period_words,
    relation_verb,
    relation_words,
    status_words,
    term_words,
    words,
)
from govgraph.time import moment, reference_day
from govgraph.vocabulary import body_relations, count, listing

if TYPE_CHECKING:
    from govgraph.render.schemas import DiffReport, DiffSide, DiffSummary, TimelineReport


def _section_title(kind: str) -> str:
    """`Posts`: a heading for the entries of one kind of thing (`model`: the file's own title and settings)."""
    if kind == "model":
        return "Title and settings"
    plural = vocabulary.section_of(kind).plural
    return plural[:1].upper() + plural[1:]


Words = Callable[[str], str]


def md(text: str) -> str:
    """`text` as CommonMark that shows exactly `text`, on one line (see `govgraph.commonmark.escape`)."""
    return escape(" ".join(text.split()))


def _plain(text: str) -> str:
    return " ".join(text.split())


def _period_words(value: str | None) -> str:
    """An ISO interval (or several, `; `-separated) in words: `from 2017 to June 2025`, `no dates`."""
    if not value:
        return "none"
    return "; ".join(period_words(period) or "no dates" for period in intervals(value))


def _term(d: ModelDiff, c: Change) -> str:
    """The dates of a chair, seat, holder, manager or line added or removed, or of a line moved, in brackets, as a
    card says them: ` (1 July 2026 to 30 June 2028)` (see `_term_words`); empty where it is written with no dates."""
    words = _term_words(d, c)
    return f" ({words})" if words else ""


def _term_words(d: ModelDiff, c: Change) -> str:
    """The dates a change carries (`period`) in words, with `, ended` where they had run out by the side's day (its
    `as_of`, else today); empty where it carries none."""
    if not c.period:
        return ""
    reference = reference_day(d.old if c.change.endswith("removed") else d.new, None)
    return "; ".join(term_words(p, reference) or "no dates" for p in intervals(c.period))


# Diffs ------------------------------------------------------------------------------------------------------


def _namer(d: ModelDiff, *, old_first: bool = False) -> Callable[[str], str]:
    """A readable name for an id: as the new model has it (as the old one has, with `old_first`)."""

    def name(node_id: str) -> str:
        for model in (d.old, d.new) if old_first else (d.new, d.old):
            for section in (model.bodies, model.roles, model.organisations, model.groups, model.sources):
                if node_id in section:
                    return model.name_of(node_id)
            if node_id in model.views:
                return model.views[node_id].title
        return node_id or d.new.title

    return name


def _was_now(old: str | None, new: str | None, q: Words) -> str:
    return f"was {q(old) if old else 'none'}; now {q(new) if new else 'none'}"


def change_words(d: ModelDiff, change: Change, q: Words = _plain) -> str:
    """One change as a phrase about its subject (`status changed from active to closed (March 2025, ...)`).

    Args:
        q: applied to every piece of model text (`md` for Markdown); govgraph's own words are left alone.
    """
    name = _namer(d)
    c = change
    other = q(name(c.other)) if c.other else ""
    relation = relation_words(c.relation or "")
    when = _when(c, name, q)
    match c.change:
        case "added" | "removed":
            return c.change + _placed(d, c, q)
        case "renamed":
            return f"renamed from “{q(c.old or '')}” to “{q(c.new or '')}”{when}"
        case "title":
            return f"title changed from “{q(c.old or '')}” to “{q(c.new or '')}”"
        case "as_of":
            return f"the date it is true to (as_of) changed from {_date_words(c.old)} to {_date_words(c.new)}"
        case "matrix":
            said = "now marked" if c.new == "true" else "no longer marked"
            return f"{said} as a deliberate matrix of solid lines (matrix: {c.new})"
        case "ignore_added":
            return f"now silences {c.other}{_where(c)}" + (f": “{q(c.new)}”" if c.new else " (no reason given)")
        case "ignore_removed":
            return f"no longer silences {c.other}{_where(c)}"
        case "ignore_changed":
            return f"reason for silencing {c.other}{_where(c)} changed: {_was_now(c.old, c.new, q)}"
        case "setting":
            return _setting_words(c)
        case "view_settings":
            return f"settings changed: {_was_now(c.old, c.new, q)}"
        case "replaced":
            return f"replaced by {other} (succeeded by){_term(d, c)}"
        case "other_names":
            return f"other names changed: {_was_now(c.old, c.new, q)}"
        case "kind" | "status":
            return f"{c.change} changed from {_value_words(c, c.old)} to {_value_words(c, c.new)}{when}"
        case "organisation":
            before = q(_namer(d, old_first=True)(c.old)) if c.old else "none"
            after = q(name(c.new)) if c.new else "none"
            return f"organisation changed from {before} to {after}"
        case "manager_added":
            return f"now run by {other}{_term(d, c)}"
        case "manager_removed":
            return f"no longer run by {other}{_term(d, c)}"
        case "description":
            return "description changed"
        case "dates":
            what = _dates_of(c, other, relation) + (f" (as {q(c.seat)})" if c.seat else "")
            return f"{what} changed: were {_period_words(c.old)}; now {_period_words(c.new)}"
        case "line_moved":
            return f"{relation} moved from {q(name(c.old or ''))} to {other}{_term(d, c)}{_carried(c, name, q)}"
        case "line_restyled":
            before = "solid line" if c.old == "reports_to" else "dotted line"
            after = "solid line" if c.new == "reports_to" else "dotted line"
            return f"line to {other} changed from a {before} to a {after}"
        case "line_added":
            return f"new line: {relation} {other}{_term(d, c)}"
        case "line_removed":
            return f"line gone: {relation} {other}{_term(d, c)}"
        case "line_by":
            return (
                f"{relation} {other} runs through another post: {_was_now(_posts(c.old, name), _posts(c.new, name), q)}"
            )
        case "chair_added":
            return f"new chair: {other}{_term(d, c)}"
        case "chair_removed":
            return f"no longer chaired by {other}{_term(d, c)}"
        case "chair_changed":
            return f"{other} chairs it in another capacity: {_was_now(_chair_words(c.old), _chair_words(c.new), q)}"
        case "member_added":
            seat = f", as {q(c.seat)}" if c.seat else ""
            if _sits_on(d.old, c):
                also = f" as {q(c.seat)}" if c.seat else ", with no role given"
                return f"{other} now also sits on it{also}{_term(d, c)}"
            return f"new member: {other}{seat}{_term(d, c)}"
        case "member_removed":
            seat = f", as {q(c.seat)}" if c.seat else ""
            if _sits_on(d.new, c):
                also = f" as {q(c.seat)}" if c.seat else ", with no role given"
                return f"{other} no longer sits on it{also}{_term(d, c)}"
            return f"no longer a member: {other}{seat}{_term(d, c)}"
        case "member_changed":
            return f"{other} sits as something else: {_was_now(c.old, c.new, q)}"
        case "member_standing":
            what = listing(_seat_parts_changed(c.old, c.new))
            return f"{other} sits with another {what}: {_was_now(_standing_words(c.old), _standing_words(c.new), q)}"
        case "holder_changed":
            known = _was_now(c.old or "dates as written", c.new or "dates as written", q)
            return f"what is known of {other} holding the post changed: {known}"
        case "top":
            return (
                "now marked as the top of its structure by design" if c.new else "no longer marked as a top by design"
            )
        case "parts_accountable":
            meaning = {"true": "its parts account to it", "false": "its parts keep their own lines of accountability"}
            default = "as its kind says"
            both = _was_now(meaning.get(c.old or "", default), meaning.get(c.new or "", default), q)
            return f"whether its parts account to it changed: {both}"
        case "terms":
            return f"terms of reference, {words(c.other or '')}: {_was_now(c.old, c.new, q)}"
        case "holder_added":
            return f"{other} now recorded as holding the post{_term(d, c)}"
        case "holder_removed":
            return f"{other} no longer recorded as holding the post{_term(d, c)}"
        case "represented":
            return f"groups it must represent changed: {_was_now(_ids(d, c.old), _ids(d, c.new), q)}"
        case "history_added":
            return f"history entry added{when}: {q(c.new or '')}"
        case "history_removed":
            return f"history entry removed{when}: {q(c.old or '')}"
        case "sources":
            return f"sources cited changed: {_was_now(_ids(d, c.old), _ids(d, c.new), q)}"
    return f"{words(c.change)}: {_was_now(c.old, c.new, q)}"


def _posts(value: str | None, name: Callable[[str], str]) -> str | None:
    """`gmann; ghayes` as the posts' names."""
    return "; ".join(name(post) for post in value.split("; ")) if value else value


def _chair_words(value: str | None) -> str | None:
    """`vice_chair appointed by nth-board` as words: `vice-chair, appointed by nth-board`."""
    if not value:
        return value
    first, _, rest = value.partition(" ")
    return capacity_words(first) + (f", {rest}" if rest else "")


_SEAT_PARTS = {
    "standing": "standing",
    "seats": "number of seats",
    "for": "organisation it sits for",
    "past": "record of whether it still sits",
}


def _seat_parts(value: str | None) -> dict[str, str]:
    """`standing: attendee; seats: 2` as {part: value}; several seats of one member (` | `) are compared whole."""
    found: dict[str, str] = {}
    for key, rest in seat_facts(value):
        found[key] = f"{found[key]} | {rest}" if key in found else rest
    return found


def _seat_parts_changed(old: str | None, new: str | None) -> list[str]:
    """What changed in a member's seat, in words, in the order a seat is written: a council committee going from
    nine seats to eleven changed its number of seats, not its standing."""
    before, after = _seat_parts(old), _seat_parts(new)
    changed = [_SEAT_PARTS[k] for k in _SEAT_PARTS if before.get(k) != after.get(k)]
    return changed or ["standing"]


def _standing_words(value: str | None) -> str | None:
    """`standing: attendee; seats: 2` as words: `attendee; 2 seats`."""
    if not value:
        return "nothing recorded"
    out = []
    for key, rest in seat_facts(value):
        if key == "standing":
            out.append(vocabulary.standing(rest).label)
        elif key == "seats":
            out.append(f"{rest} seat{'s' if rest != '1' else ''}")
        elif key == "for":
            out.append(f"for {rest}")
        else:
            out.append("past member" if key == "past" else f"{key}: {rest}" if rest else key)
    return "; ".join(out)


def _event_date(event: Event) -> str:
    """`June 2024`, or `by June 2024` for an event whose date is not recorded."""
    return event.date.describe() if event.date_known else f"by {event.date.describe()}"


#: How a timeline marks an event by `Event.to_come`: nothing for one that had happened by the reference day.
_TO_COME = {True: " (to come)", None: " (may be to come)", False: ""}


def _judged_at(model: Model, as_of: PartialDate | dt.date | None) -> tuple[dt.date, str]:
    """The day a timeline judges what is still to come at, and what that day is, in words."""
    day = reference_day(model, moment(as_of))
    if as_of is not None:
        why = "the date asked about"
    elif model.as_of is not None:
        why = "the date the model is true to"
    else:
        why = "today"
    return day, f"{why} ({PartialDate.from_date(day).describe()})"


def _to_come_sentence(events: Sequence[Event], day: dt.date, said: str) -> str | None:
    """What a timeline's marks mean, where it has any: events after the day it is judged at have not happened."""
    marks = {e.to_come(day) for e in events} - {False}
    if not marks:
        return None
    out = []
    if True in marks:
        out.append(f"Events dated after {said} are marked “to come”: they had not happened by that day.")
    if None in marks:
        out.append(
            f"Events marked “may be to come” are dated to a month or year that holds {said}, or only known to be "
            "no later than a date after it: whether they had happened by that day is not recorded."
        )
    return " ".join(out)


def _sits_on(model: Model, c: Change) -> bool:
    """Whether the member of a seat added or removed has another seat on the body in `model`."""
    body = model.bodies.get(c.id)
    return body is not None and any(m.member == c.other and (m.as_ or None) != c.seat for m in body.members)


def _where(c: Change) -> str:
    """Where an `ignore` entry is written, when it is not on the body itself."""
    return " (in checks.ignore)" if c.relation == "checks.ignore" else ""


def _date_words(value: str | None) -> str:
    return PartialDate.parse(value).describe() if value else "not given"


def _setting_words(c: Change) -> str:
    """A change of a `checks:` setting (`review_months`, `require_sources`, `severity CODE`) in words."""
    relation = c.relation or ""
    if relation.startswith("severity "):
        code = relation.removeprefix("severity ")
        return f"severity of {code} changed from {c.old or 'its default'} to {c.new or 'its default'}"
    if relation == "rulesets":
        return f"rule sets changed from {c.old or 'none'} to {c.new or 'none'}"
    return f"check setting {relation} changed from {c.old} to {c.new}"


def _value_words(c: Change, value: str | None) -> str:
    """A kind or status a change went from or to, in words; a status never recorded is said to be so."""
    if c.change == "status":
        return status_words(value) if value is not None else "not recorded"
    return kind_words(value) if value is not None else "none"


def _ids(d: ModelDiff, value: str | None) -> str | None:
    """A `, `-separated list of ids as names."""
    return "; ".join(_namer(d)(i) for i in value.split(", ")) if value else None


def _when(c: Change, name: Words, q: Words) -> str:
    parts = [c.date.describe()] if c.date else []
    if c.decided_by:
        parts.append(f"by decision of {q(name(c.decided_by))}")
    return f" ({', '.join(parts)})" if parts else ""


def _dates_of(c: Change, other: str, relation: str) -> str:
    if c.relation is None:
        return "dates"
    if c.relation == "chairs":
        return f"dates of {other} as chair"
    if c.relation == "member_of":
        return f"dates of {other} as member"
    if c.relation == "managed_by":
        return f"dates of {other} running it"
    if c.relation == "holds":
        return f"dates of {other} holding the post"
    return f"dates of the line {relation} {other}"


def _carried(c: Change, name: Words, q: Words) -> str:
    if not c.carried:
        return ""
    count = len(c.carried)
    shown = ", ".join(q(name(b)) for b in c.carried[:5])
    more = f" and {count - 5} more" if count > 5 else ""
    return f", with the {vocabulary.count(count, 'body')} below it ({shown}{more})"


def _placed(d: ModelDiff, c: Change, q: Words) -> str:
    """Where an added or removed body sat: its kind, its dates where it has any, and its lines out."""
    model = d.new if c.change == "added" else d.old
    if c.section != "body":
        return ""
    body = model.bodies[c.id]
    order = body_relations()
    lines = sorted(body.relations, key=lambda r: (order.index(r.kind), r.target))
    said = "; ".join(f"{relation_words(r.kind)} {q(model.name_of(r.target))}" for r in lines)
    dates = _term_words(d, c)
    return f" ({kind_words(body.kind)}{', ' + dates if dates else ''})" + (f": {said}" if said else "")


def _summary(d: ModelDiff) -> str:
    added, removed = len(d.ids("body", "added")), len(d.ids("body", "removed"))
    changed = len(set(d.ids("body")) - set(d.ids("body", "added")) - set(d.ids("body", "removed")))
    parts = [f"{vocabulary.count(added, 'body')} added", f"{removed} removed", f"{changed} changed"]
    for section in SECTIONS:
        number = len(d.ids(section))
        if section not in ("model", "body") and number:
            term = vocabulary.section_of(section)
            parts.append(f"{count(number, term.noun, term.plural)} changed")
    if d.ids("model"):
        parts.append("the title or check settings changed")
    return ", ".join(parts)


def _items(d: ModelDiff, section: str) -> list[tuple[str, list[Change]]]:
    return [(item, list(d.of(section, item))) for item in d.ids(section)]


#: A diff's changes by section: (section title, [(name, id, [what changed, in words])]).
Outline = list[tuple[str, list[tuple[str, str, list[str]]]]]


def diff_outline(d: ModelDiff, q: Words = _plain) -> tuple[str, Outline]:
    """A diff as its summary line and its changes by section, each thing with its changes in words, for a
    renderer of another format (a Word document) to lay out as it likes.

    Args:
        q: applied to every piece of model text, as for `change_words`.
    """
    name = _namer(d)
    sections: Outline = []
    for section in SECTIONS:
        items = _items(d, section)
        if items:
            sections.append(
                (
                    _section_title(section),
                    [(q(name(item)), item, [change_words(d, c, q) for c in changes]) for item, changes in items],
                )
            )
    return _summary(d), sections


def diff_text(d: ModelDiff) -> str:
    """A diff as text to read: a summary, then each body, post, organisation, group and source with its changes."""
    title = f"Changes to {d.new.title}, from {d.old_label} to {d.new_label}"
    out = [title, "=" * len(title)]
    if d.empty:
        return "\n".join([*out, "", "No changes."]) + "\n"
    out += ["", _summary(d) + "."]
    name = _namer(d)
    for section in SECTIONS:
        items = _items(d, section)
        if not items:
            continue
        out += ["", _section_title(section) + ":"]
        if section == "model":
            out += [f"  - {change_words(d, c)}" for _, changes in items for c in changes]
            continue
        for item, changes in items:
            if len(changes) == 1 and changes[0].change in ("added", "removed"):
                mark = "+" if changes[0].change == "added" else "-"
                out.append(f"  {mark} {name(item)} ({item}) {change_words(d, changes[0])}")
                continue
            out.append(f"  * {name(item)} ({item})")
            out += [f"      - {change_words(d, c)}" for c in changes]
    return "\n".join(out) + "\n"


def diff_markdown(d: ModelDiff, *, level: int = 1) -> str:
    """A diff as a CommonMark change log for a board paper or a docs page; model text is escaped (`md`).

    Args:
        level: the heading level of its title (its sections are one level below, each changed thing two).
    """
    h = "#" * level
    out = [f"{h} Changes to {md(d.new.title)}", "", f"From {md(d.old_label)} to {md(d.new_label)}."]
    if d.empty:
        return "\n".join([*out, "", "No changes."]) + "\n"
    out[-1] = out[-1][:-1] + f": {_summary(d)}."
    name = _namer(d)
    for section in SECTIONS:
        items = _items(d, section)
        if not items:
            continue
        out += ["", f"{h}# {_section_title(section)}"]
        if section == "model":
            out += ["", *(f"- {change_words(d, c, md)}" for _, changes in items for c in changes)]
            continue
        whole = [(i, cs[0]) for i, cs in items if len(cs) == 1 and cs[0].change in ("added", "removed")]
        out += [""] if whole else []
        for item, change in whole:
            out.append(f"- **{md(name(item))}** {change_words(d, change, md)}")
        for item, changes in items:
            if (item, changes[0]) in whole:
                continue
            out += ["", f"{h}## {md(name(item))}", ""]
            out += [f"- {change_words(d, c, md)}" for c in changes]
    return "\n".join(out) + "\n"


def _side(model: Model, label: str, as_of: PartialDate | None) -> DiffSide:
    return {"label": label, "title": model.title, "file": model.file, "as_of": str(as_of) if as_of else None}


def diff_data(d: ModelDiff) -> DiffReport:
    """A diff as JSON-ready data (see the module docstring and `render.schemas.DiffReport`)."""
    name = _namer(d)
    changed = set(d.ids("body")) - set(d.ids("body", "added")) - set(d.ids("body", "removed"))
    summary: DiffSummary = {
        "bodies_added": len(d.ids("body", "added")),
        "bodies_removed": len(d.ids("body", "removed")),
        "bodies_changed": len(changed),
        "roles_changed": len(d.ids("role")),
        "organisations_changed": len(d.ids("organisation")),
        "groups_changed": len(d.ids("group")),
        "sources_changed": len(d.ids("source")),
        "views_changed": len(d.ids("view")),
        "settings_changed": len(d.of("model", "")),
    }
    return {
        "version": REPORT_VERSION,
        "old": _side(d.old, d.old_label, d.old_as_of),
        "new": _side(d.new, d.new_label, d.new_as_of),
        "summary": summary,
        "changes": [
            {
                "section": c.section,
                "id": c.id,
                "name": name(c.id),
                "change": c.change,
                "relation": c.relation,
                "other": c.other,
                "old": c.old,
                "new": c.new,
                "date": str(c.date) if c.date else None,
                "decided_by": c.decided_by,
                "carried": list(c.carried),
                "seat": c.seat,
                "period": c.period,
            }
            for c in d.changes
        ],
    }


# Timelines --------------------------------------------------------------------------------------------------


def event_words(model: Model, event: Event, q: Words = _plain) -> str:
    """One event as a sentence (`CLP closed by decision of LRET`), without its note.

    Args:
        q: applied to every piece of model text (`md` for Markdown).
    """
    e = event
    subject = q(model.name_of(e.id))
    other = q(model.name_of(e.other)) if e.other else ""
    decided = f" by decision of {q(model.name_of(e.decided_by))}" if e.decided_by else ""
    match e.event:
        case "set_up":
            return f"{subject} set up"
        case "ended":
            return f"{subject} ended{decided}"
        case "managed_from":
            return f"{other} starts running {subject}"
        case "managed_until":
            return f"{other} stops running {subject}"
        case "chair_from":
            return f"{other} starts chairing {subject}"
        case "chair_until":
            return f"{other} stops chairing {subject}"
        case "member_from":
            return f"{other} joins {subject}" + (f" as {q(e.note)}" if e.note else "")
        case "member_until":
            return f"{other} leaves {subject}" + (f" as {q(e.note)}" if e.note else "")
        case "line_from" | "line_until":
            edge = "begins" if e.event == "line_from" else "ends"
            return f"line {edge}: {subject} {relation_verb(e.relation or '')} {other}"
        case "holder_from":
            return f"{q(e.other or '')} takes up the post of {subject}"
        case "holder_until":
            return f"{q(e.other or '')} leaves the post of {subject}"
        case "renamed":
            before = f" from “{q(e.previous)}”" if e.previous else ""
            return f"{subject} renamed{before} to “{q(e.name or '')}”{decided}"
        case "status":
            return f"{subject}: now {status_words(e.status)}{decided}"
        case "closed" | "transitioned":
            return f"{subject} {e.event}{decided}"
    return f"{subject}: {q(e.note or '')}{decided}"


def _note(e: Event) -> str | None:
    # A member's `as`, and the text of a note, are already in the sentence.
    return None if e.event in ("member_from", "member_until", "note") else e.note


def _scope(model: Model, body_id: str | None, events: Sequence[Event]) -> str:
    what = model.name_of(model.resolve(body_id)) if body_id is not None else model.title
    return f"Timeline of {what}: {vocabulary.count(len(events), 'event')}"


def _no_events(since: PartialDate | None, until: PartialDate | None) -> str:
    """What a timeline with no events says: that its window is empty, where one was asked for."""
    if since is not None and until is not None:
        return f"No dated events are recorded between {since.describe()} and {until.describe()}."
    if since is not None:
        return f"No dated events are recorded from {since.describe()} on."
    if until is not None:
        return f"No dated events are recorded up to {until.describe()}."
    return "No dated events are recorded."


def timeline_text(
    model: Model,
    body_id: str | None = None,
    *,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    as_of: PartialDate | dt.date | None = None,
) -> str:
    """The timeline of the model (or of one body) as text: one event a line, oldest first, notes below; an event
    dated after the reference day marked "to come" (see `timeline_markdown`).

    Args and errors: as `govgraph.changes.timeline`; `as_of` as for `timeline_markdown`.
    """
    events = timeline(model, body_id, since=since, until=until)
    day, said = _judged_at(model, as_of)
    head = _scope(model, body_id, events)
    out = [head, "=" * len(head), ""]
    if not events:
        out.append(_no_events(since, until))
    sentence = _to_come_sentence(events, day, said)
    if sentence:
        out += [sentence, ""]
    dates = [_event_date(e) + _TO_COME[e.to_come(day)] for e in events]
    width = max((len(d) for d in dates), default=0) + 2
    for e, date in zip(events, dates, strict=True):
        out.append(f"{date:<{width}}{event_words(model, e)}")
        note = _note(e)
        if note:
            out.append(" " * (width + 2) + _plain(note))
    return "\n".join(out) + "\n"


def timeline_markdown(
    model: Model,
    body_id: str | None = None,
    *,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    as_of: PartialDate | dt.date | None = None,
    level: int | None = None,
) -> str:
    """The timeline of the model, or of one body, as a CommonMark list: one item an event, oldest first, its date
    in bold and its note in italics; every piece of model text escaped (`md`). An event dated after the reference
    day (`as_of`, else the model's `as_of`, else today) is marked "to come" after its date (one whose month or year
    holds that day "may be to come"), and a sentence before the list says what the mark means: a term's end
    written ahead of time has not happened.

    For documentation pages: `timeline_markdown(model)` for the model's timeline page and
    `timeline_markdown(model, body.id)` for a body's own page. The result is a fragment ending in a newline, with
    no heading unless `level` asks for one (`level=2`: `## Timeline of ...`); with no dated events it is one
    sentence saying so (and, where `since` or `until` is given, that none fall between them).

    Args:
        body_id: a body's id (or name, short name or alias); None for the whole model.
        since, until: keep only events whose date overlaps this span.
        as_of: the date asked about, if any: what is still to come is judged at it (its last day).
        level: give the fragment a heading of this level.

    Raises:
        NameNotFound, AmbiguousName: `body_id` names no body, or several.
    """
    events = timeline(model, body_id, since=since, until=until)
    day, said = _judged_at(model, as_of)
    out = [f"{'#' * level} {md(_scope(model, body_id, events))}", ""] if level else []
    if not events:
        out.append(_no_events(since, until))
    sentence = _to_come_sentence(events, day, said)
    if sentence:
        out += [sentence, ""]
    for e in events:
        note = _note(e)
        words = event_words(model, e, md)
        # Words ending in a note's own full stop (escaped as `\.` by `md`) get no second one.
        line = f"- **{_event_date(e)}**{_TO_COME[e.to_come(day)]}: {words}" + (
            "" if words.endswith((".", "\\.")) else "."
        )
        out.append(line + (f" *{md(note)}*" if note else ""))
    return "\n".join(out) + "\n"


def timeline_data(
    model: Model,
    body_id: str | None = None,
    *,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    as_of: PartialDate | dt.date | None = None,
) -> TimelineReport:
    """The timeline as JSON-ready data (see the module docstring and `render.schemas.TimelineReport`); `as_of` as
    for `timeline_markdown`."""
    events = timeline(model, body_id, since=since, until=until)
    day, _ = _judged_at(model, as_of)
    return {
        "version": REPORT_VERSION,
        "title": model.title,
        "body": model.resolve(body_id) if body_id is not None else None,
        "reference_day": day.isoformat(),
        "events": [
            {
                "date": str(e.date),
                "date_known": e.date_known,
                "section": e.section,
                "id": e.id,
                "name": model.name_of(e.id),
                "event": e.event,
                "other": e.other,
                "relation": e.relation,
                "status": e.status,
                "new_name": e.name,
                "previous": e.previous,
                "decided_by": e.decided_by,
                "note": e.note,
                "source": e.source,
                "to_come": e.to_come(day),
            }
            for e in events
        ],
    }
