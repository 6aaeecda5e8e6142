"""Comparing two models body by body: what was added, removed, renamed, moved or otherwise changed.

`diff(old, new)` answers with a `ModelDiff` of frozen `Change` values, sorted, so the same two models always give
the same report. `diff_dates(model, a, b)` compares one model as it stood on two dates (`graph.snapshot`): what
started, ended, closed or was renamed in between.

Each `Change` names the section (`body`, `role`, `organisation`, `group`, `source`), the id, a change code (see
`CHANGES`), and where it matters the relation, the other end of a line, chair or membership (`other`), the old and
new values, the date and decision from the history, and for a moved branch the bodies carried with it.

Decisions where DESIGN.md is silent:
- A body's status is its latest recorded one, judged at each model's reference day (`time.status_on`); a status
  change or rename is dated, and
  its decision named, from the history entry that made it, and that entry is not reported again as history.
- A `succeeded_by` line that appears is reported as `replaced` on the body it leaves, not as a new line.
- Lines are matched by relation and target. On one body, one line of a relation removed and one of the same
  relation added is a move (`line_moved`); a `reports_to` that became a `dotted_to` to the same body, or back,
  is `line_restyled`. A move of an accountability line (`reports_to`, `part_of`) carries the branch below the
  body: the bodies below it before and after are listed in `carried` on that one change, and nothing is
  reported for them, since their own lines did not change.
- Dates (`from` / `until`) are `dates` changes of the fact they are written on, written as ISO 8601 intervals
  (`2017/2025-06`, `..` for an open end).
- A body, chair, seat, holder, manager or line added or removed, and a line moved (its new dates), carries the
  dates it is written with as its `period` (ISO 8601 intervals as above, `; `-separated where it is written more
  than once), so that a change log says from when a new chair serves and until when; None where it is written
  with no dates (none are invented).
- A member's seats are told apart by what it sits `as`: a post that sits on a body as technical lead and as
  liaison has two seats, and a seat added beside another is `member_added` (with its `seat`), never a change of
  dates. One seat of a member gone and one come is `member_changed` (it sits as something else).
- What the file says about checking and drawing the structure is compared too: a body's `ignore:` entries and
  `matrix`, the entries of `checks.ignore` (on the body they name, or on the model), the other check settings,
  the views, and the model's title, description and `as_of`. The model's own changes have the section `model`
  and the id `""`.
- Only file positions are not compared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from govgraph import vocabulary
from govgraph.graph import reachable, snapshot
from govgraph.model import (
    Body,
    Chair,
    HistoryEntry,
    Holder,
    ManagedBy,
    Membership,
    Model,
    PartialDate,
    Period,
    Relation,
    RulesetUse,
    Suppression,
    Terms,
    View,
)
from govgraph.time import moment, reference_day, status_on
from govgraph.vocabulary import accountability

#: The sections compared, in report order; `model` is the file's own title, dates and settings.
SECTIONS: tuple[str, ...] = ("model", "body", "role", "organisation", "group", "source", "view")

#: Every change code, in the order a report lists a thing's changes.
CHANGES: tuple[str, ...] = (
    "added",
    "removed",
    "renamed",
    "title",
    "replaced",
    "other_names",
    "kind",
    "status",
    "organisation",
    "description",
    "as_of",
    "dates",
    "line_moved",
    "line_restyled",
    "line_added",
    "line_removed",
    "line_by",
    "chair_added",
    "chair_removed",
    "chair_changed",
    "manager_added",
    "manager_removed",
    "member_added",
    "member_removed",
    "member_changed",
    "member_standing",
    "holder_added",
    "holder_removed",
    "holder_changed",
    "represented",
    "top",
    "parts_accountable",
    "terms",
    "history_added",
    "history_removed",
    "sources",
    "matrix",
    "ignore_added",
    "ignore_removed",
    "ignore_changed",
    "setting",
    "view_settings",
)


@dataclass(frozen=True)
class Change:
    """One difference between two models (see the module docstring for what each field holds)."""

    section: str
    id: str
    change: str
    relation: str | None = None
    other: str | None = None
    old: str | None = None
    new: str | None = None
    date: PartialDate | None = None
    decided_by: str | None = None
    carried: tuple[str, ...] = ()
    #: What a member sits `as` in the seat added, removed or re-dated (None where it is not said).
    seat: str | None = None
    #: The dates of a body, chair, seat, holder, manager or line added or removed, or of a line moved (its new
    #: dates), as ISO 8601 intervals (`interval`), `; `-separated where it is written more than once; None where it
    #: is written with no dates.
    period: str | None = None

    def sort_key(self) -> tuple[int, str, int, str, str, str, str, str]:
        """Section, id, change code (in `CHANGES` order), relation, other end, seat, old and new value."""
        return (
            SECTIONS.index(self.section),
            self.id,
            CHANGES.index(self.change),
            self.relation or "",
            self.other or "",
            self.seat or "",
            self.old or "",
            self.new or "",
        )


@dataclass(frozen=True)
class ModelDiff:
    """The changes from `old` to `new`, sorted (`Change.sort_key`).

    `old_label` / `new_label` say what each side is (a file, a git revision, a date); `old_as_of` / `new_as_of`
    are the dates compared when the sides are one model on two dates (or two models on one date).
    """

    old: Model
    new: Model
    changes: tuple[Change, ...]
    old_label: str = "old"
    new_label: str = "new"
    old_as_of: PartialDate | None = None
    new_as_of: PartialDate | None = None

    @property
    def empty(self) -> bool:
        """Whether nothing changed."""
        return not self.changes

    def of(self, section: str, item: str) -> tuple[Change, ...]:
        """The changes of one body, role, organisation, group or source."""
        return tuple(c for c in self.changes if c.section == section and c.id == item)

    def ids(self, section: str, change: str | None = None) -> tuple[str, ...]:
        """The ids of a section with changes (of the code `change`, when given), sorted."""
        return tuple(
            sorted({c.id for c in self.changes if c.section == section and (change is None or c.change == change)})
        )


def diff(
    old: Model,
    new: Model,
    *,
    old_label: str | None = None,
    new_label: str | None = None,
    old_as_of: PartialDate | None = None,
    new_as_of: PartialDate | None = None,
) -> ModelDiff:
    """Compare two models body by body (and their posts, organisations, groups and sources).

    Args:
        old, new: the models; each may be a snapshot (`graph.snapshot`).
        old_label, new_label: what to call each side in reports (default: its file).
        old_as_of, new_as_of: the dates the sides stand for, when they are snapshots.
    """
    changes: list[Change] = []
    # Sides that stand for dates carry those dates as their `as_of`: that is what is compared, not a change.
    changes += _model(old, new, dated=old_as_of is not None or new_as_of is not None)
    changes += _bodies(old, new)
    changes += _roles(old, new)
    changes += _named(
        "organisation",
        old.organisations,
        new.organisations,
        lambda o: o.name,
        lambda o: (o.short, o.aliases, ()),
    )
    changes += _named("group", old.groups, new.groups, lambda g: g.name, lambda g: (g.short, g.aliases, ()))
    for gid in sorted(old.groups.keys() & new.groups.keys()):
        changes += _set_changes("group", gid, old.groups[gid].members, new.groups[gid].members, "member")
    changes += _named("source", old.sources, new.sources, lambda s: s.title, lambda s: (None, (), ()))
    changes += _named("view", old.views, new.views, lambda v: v.title, lambda v: (None, (), ()))
    for vid in sorted(old.views.keys() & new.views.keys()):
        before, after = _view_settings(old.views[vid]), _view_settings(new.views[vid])
        if before != after:
            changes.append(Change("view", vid, "view_settings", old=before, new=after))
    return ModelDiff(
        old=old,
        new=new,
        changes=tuple(sorted(changes, key=Change.sort_key)),
        old_label=old_label if old_label is not None else old.file,
        new_label=new_label if new_label is not None else new.file,
        old_as_of=old_as_of,
        new_as_of=new_as_of,
    )


def diff_dates(model: Model, a: PartialDate, b: PartialDate) -> ModelDiff:
    """Compare one model as it stood on date `a` with itself on date `b` (a partial date means its last day).

    What started or ended in between shows as added or removed; status changes, renames and closures as changes
    dated and attributed from the history.
    """
    return diff(
        snapshot(model, a),
        snapshot(model, b),
        old_label=_day_words(a),
        new_label=_day_words(b),
        old_as_of=a,
        new_as_of=b,
    )


def _day_words(when: PartialDate) -> str:
    day = moment(when)
    assert day is not None  # a date is always given here
    return PartialDate.from_date(day).describe()


def interval(period: Period) -> str:
    """A period as an ISO 8601 interval: `2017/2025-06`, `2024-03/..`, `../..` for always."""
    return f"{period.start or '..'}/{period.end or '..'}"


def intervals(text: str) -> list[Period]:
    """The periods of `; `-separated intervals as `interval` writes them (a change's `old`, `new` or `period`)."""
    periods = []
    for part in text.split("; "):
        start, _, end = part.partition("/")
        periods.append(
            Period(
                PartialDate.parse(start) if start not in ("", "..") else None,
                PartialDate.parse(end) if end not in ("", "..") else None,
            )
        )
    return periods


# Bodies ----------------------------------------------------------------------------------------------------


def _bodies(old: Model, new: Model) -> list[Change]:
    changes = [
        Change("body", b, "added", new=new.bodies[b].name, period=_span([interval(new.bodies[b].period)]))
        for b in new.bodies.keys() - old.bodies.keys()
    ]
    changes += [
        Change("body", b, "removed", old=old.bodies[b].name, period=_span([interval(old.bodies[b].period)]))
        for b in old.bodies.keys() - new.bodies.keys()
    ]
    below_old: Callable[[str], set[str]] | None = None
    below_new: Callable[[str], set[str]] | None = None
    references = (reference_day(old, None), reference_day(new, None))
    for bid in sorted(old.bodies.keys() & new.bodies.keys()):
        ob, nb = old.bodies[bid], new.bodies[bid]
        if _facts(ob) == _facts(nb) and references[0] == references[1]:
            continue  # most bodies did not change: one comparison of plain tuples says so
        found = _body(ob, nb, references)
        moved = [c for c in found if c.change == "line_moved" and c.relation in accountability()]
        if moved:
            # Built on first need: most comparisons move no branch.
            below_old = below_old or _below(old)
            below_new = below_new or _below(new)
            carried = tuple(sorted((below_old(bid) & below_new(bid)) - {bid}))
            found = [replace(c, carried=carried) if c in moved else c for c in found]
        changes += found
    return changes


def _facts(body: Body) -> tuple[object, ...]:
    """Everything `_body` compares, without file positions, in file order: equal facts mean no change (unequal
    ones may still be the same facts in another order, which `_body` then finds)."""
    return (
        body.name,
        body.kind,
        body.short,
        body.aliases,
        body.formerly,
        body.description,
        body.organisation,
        body.status,
        body.period,
        body.represented,
        body.source,
        tuple((c.role, c.period, c.source, c.capacity, c.selection, c.selected_by) for c in body.chairs),
        tuple((m.member, m.period, m.as_, m.source, m.standing, m.seats, m.for_, m.past) for m in body.members),
        tuple((r.kind, r.target, r.period, r.source, r.by) for r in body.relations),
        body.top,
        body.holds_parts_to_account,
        terms_facts(body.terms),
        tuple((h.date, h.status, h.name, h.decided_by, h.note, h.source) for h in body.history),
        tuple((m.organisation, m.period, m.source) for m in body.managed_by),
        body.matrix,
        tuple((i.code, i.reason) for i in body.ignore),
    )


def _below(model: Model) -> Callable[[str], set[str]]:
    children: dict[str, list[str]] = {}
    for line in model.relations():
        if line.kind in accountability():
            children.setdefault(line.target, []).append(line.source_body)
    return lambda body_id: reachable(children, body_id)


def _body(ob: Body, nb: Body, references: tuple[dt.date, dt.date]) -> list[Change]:
    bid = nb.id
    changes: list[Change] = []

    def scalar(code: str, before: str | None, after: str | None) -> None:
        if before != after:
            changes.append(Change("body", bid, code, old=before, new=after))

    explained: set[HistoryEntry] = set()
    if ob.name != nb.name:
        entry = _latest(nb.history, lambda h: h.name == nb.name)
        explained |= {entry} if entry else set()
        changes.append(Change("body", bid, "renamed", old=ob.name, new=nb.name, date=entry.date if entry else None))
    scalar("other_names", _names(ob.short, ob.aliases, ob.formerly), _names(nb.short, nb.aliases, nb.formerly))
    scalar("kind", ob.kind, nb.kind)
    old_status = status_on(ob, None, reference=references[0])
    new_status = status_on(nb, None, reference=references[1])
    if old_status != new_status:
        entry = _latest(nb.history, lambda h: h.status == new_status)
        explained |= {entry} if entry else set()
        changes.append(
            Change(
                "body",
                bid,
                "status",
                old=old_status,
                new=new_status,
                date=entry.date if entry else None,
                decided_by=entry.decided_by if entry else None,
            )
        )
    scalar("organisation", ob.organisation, nb.organisation)
    scalar("description", ob.description, nb.description)
    if ob.period != nb.period:
        changes.append(Change("body", bid, "dates", old=interval(ob.period), new=interval(nb.period)))
    changes += _lines(ob, nb)
    changes += _line_posts(ob, nb)
    changes += _keyed(
        "body",
        bid,
        "chair",
        "chairs",
        _periods((c.role, c.period) for c in ob.chairs),
        _periods((c.role, c.period) for c in nb.chairs),
    )
    changes += _keyed(
        "body",
        bid,
        "manager",
        "managed_by",
        _periods((m.organisation, m.period) for m in ob.managed_by),
        _periods((m.organisation, m.period) for m in nb.managed_by),
    )
    changes += _chair_capacities(ob, nb)
    changes += _members(ob, nb)
    scalar("represented", ", ".join(sorted(ob.represented)) or None, ", ".join(sorted(nb.represented)) or None)
    scalar("top", "true" if ob.top else None, "true" if nb.top else None)
    scalar(
        "parts_accountable",
        None if ob.holds_parts_to_account is None else str(ob.holds_parts_to_account).lower(),
        None if nb.holds_parts_to_account is None else str(nb.holds_parts_to_account).lower(),
    )
    old_terms, new_terms = terms_facts(ob.terms), terms_facts(nb.terms)
    for part in sorted(old_terms.keys() | new_terms.keys()):
        if old_terms.get(part) != new_terms.get(part):
            changes.append(
                Change(
                    "body", bid, "terms", relation="terms", other=part, old=old_terms.get(part), new=new_terms.get(part)
                )
            )
    changes += _history(bid, ob.history, nb.history, explained)
    scalar("sources", ", ".join(_cited(ob)) or None, ", ".join(_cited(nb)) or None)
    scalar("matrix", _yes(ob.matrix), _yes(nb.matrix))
    changes += _ignored("body", bid, "ignore", _reasons(ob.ignore), _reasons(nb.ignore))
    return changes


def _rulesets(uses: Iterable[RulesetUse]) -> str | None:
    """The rule sets a model opts into, each with the model's id for each part, as stable text; None for none."""
    said = [
        use.use + (f" ({', '.join(f'{k} = {v}' for k, v in sorted(use.parts.items()))})" if use.parts else "")
        for use in uses
    ]
    return "; ".join(said) or None


def _yes(flag: bool) -> str:
    return "true" if flag else "false"


def _reasons(entries: Iterable[Suppression]) -> dict[str, str]:
    """Each code silenced, with the reasons given (`; `-separated where one code is silenced twice)."""
    found: dict[str, list[str]] = {}
    for entry in entries:
        found.setdefault(entry.code.strip().upper(), []).append(entry.reason or "")
    return {code: "; ".join(sorted(reasons)) for code, reasons in found.items()}


def _ignored(section: str, item: str, where: str, old: Mapping[str, str], new: Mapping[str, str]) -> list[Change]:
    """`ignore` entries (keyed by code, with their reasons) added, removed, or given another reason; `where`
    is the key they are written under (`ignore` on a body, `checks.ignore`)."""
    changes = [
        Change(section, item, "ignore_added", relation=where, other=code, new=new[code] or None)
        for code in sorted(new.keys() - old.keys())
    ]
    changes += [
        Change(section, item, "ignore_removed", relation=where, other=code, old=old[code] or None)
        for code in sorted(old.keys() - new.keys())
    ]
    changes += [
        Change(
            section, item, "ignore_changed", relation=where, other=code, old=old[code] or None, new=new[code] or None
        )
        for code in sorted(old.keys() & new.keys())
        if old[code] != new[code]
    ]
    return changes


# The model's own title, dates and settings, and its views ----------------------------------------------------


def _model(old: Model, new: Model, *, dated: bool) -> list[Change]:
    changes: list[Change] = []

    def scalar(code: str, before: str | None, after: str | None, relation: str | None = None) -> None:
        if before != after:
            changes.append(Change("model", "", code, relation=relation, old=before, new=after))

    scalar("title", old.title, new.title)
    scalar("description", old.description, new.description)
    if not dated:
        scalar("as_of", str(old.as_of) if old.as_of else None, str(new.as_of) if new.as_of else None)
    before, after = old.checks, new.checks
    scalar("setting", str(before.review_months), str(after.review_months), "review_months")
    scalar("setting", _yes(before.require_sources), _yes(after.require_sources), "require_sources")
    scalar("setting", _rulesets(before.rulesets), _rulesets(after.rulesets), "rulesets")
    for code in sorted(before.severity.keys() | after.severity.keys()):
        scalar("setting", before.severity.get(code), after.severity.get(code), f"severity {code}")
    # `checks.ignore` entries that name a body are changes of what is checked on that body.
    for body in sorted({s.body for s in (*before.ignore, *after.ignore) if s.body is not None}):
        old_entries = _reasons(s for s in before.ignore if s.body == body)
        new_entries = _reasons(s for s in after.ignore if s.body == body)
        changes += _ignored("body", body, "checks.ignore", old_entries, new_entries)
    everywhere = (_reasons(s for s in c.ignore if s.body is None) for c in (before, after))
    changes += _ignored("model", "", "checks.ignore", *everywhere)
    return changes


def _view_settings(view: View) -> str:
    """A view's settings besides its title, as one line of stable text (`relations: reports_to; up: 1`), each
    left out where it has its default."""
    default = View(id=view.id, title=view.title, location=view.location)
    parts = []
    for name in ("relations", "kinds", "organisations", "focus", "up", "down", "direction", "clusters", "as_of"):
        value = getattr(view, name)
        if value == getattr(default, name):
            continue
        if isinstance(value, tuple):
            value = ", ".join(value) or "none"
        parts.append(f"{name}: {str(value).lower() if isinstance(value, bool) else value}")
    if view.description:
        parts.append(f"description: {view.description}")
    return "; ".join(parts) or "the defaults"


def _latest(history: Iterable[HistoryEntry], match: Callable[[HistoryEntry], bool]) -> HistoryEntry | None:
    found = [h for h in history if match(h)]
    return found[-1] if found else None


def _names(short: str | None, aliases: Sequence[str], formerly: Sequence[str]) -> str | None:
    parts = []
    if short:
        parts.append(f"short: {short}")
    if aliases:
        parts.append(f"aliases: {', '.join(aliases)}")
    if formerly:
        parts.append(f"formerly: {', '.join(formerly)}")
    return "; ".join(parts) or None


def _cited(body: Body) -> list[str]:
    facts: tuple[Chair | Membership | Relation | HistoryEntry | ManagedBy, ...] = (
        *body.chairs,
        *body.members,
        *body.relations,
        *body.history,
        *body.managed_by,
    )
    return sorted({s for s in (body.source, *(f.source for f in facts)) if s})


def _span(periods: Sequence[str]) -> str | None:
    """The periods (`interval`) something added, removed or moved is written with, as its change's `period`; None
    where none of them has a date."""
    return None if all(p == "../.." for p in periods) else "; ".join(periods)


def _periods(items: Iterable[tuple[str, Period]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, period in items:
        found.setdefault(key, []).append(interval(period))
    return {k: sorted(v) for k, v in found.items()}


def _lines(ob: Body, nb: Body) -> list[Change]:
    bid = nb.id
    old = _periods(((r.kind + " " + r.target), r.period) for r in ob.relations)
    new = _periods(((r.kind + " " + r.target), r.period) for r in nb.relations)
    gone = {tuple(k.split(" ", 1)) for k in old.keys() - new.keys()}
    came = {tuple(k.split(" ", 1)) for k in new.keys() - old.keys()}
    changes: list[Change] = []
    for kind, target in sorted(gone):
        other_kind = vocabulary.relation(kind).restyles_to
        if other_kind is not None and (other_kind, target) in came:
            gone.discard((kind, target))
            came.discard((other_kind, target))
            changes.append(
                Change("body", bid, "line_restyled", relation=other_kind, other=target, old=kind, new=other_kind)
            )
    for kind in (r for r in vocabulary.by_strength() if vocabulary.relation(r).diff_moves):
        before = sorted(t for k, t in gone if k == kind)
        after = sorted(t for k, t in came if k == kind)
        if len(before) == 1 and len(after) == 1:
            gone.discard((kind, before[0]))
            came.discard((kind, after[0]))
            period = _span(new[f"{kind} {after[0]}"])
            changes.append(
                Change(
                    "body", bid, "line_moved", relation=kind, other=after[0], old=before[0], new=after[0], period=period
                )
            )
    for kind, target in sorted(came):
        code = "replaced" if vocabulary.relation(kind).succession else "line_added"
        period = _span(new[f"{kind} {target}"])
        changes.append(Change("body", bid, code, relation=kind, other=target, new=target, period=period))
    changes += [
        Change("body", bid, "line_removed", relation=k, other=t, old=t, period=_span(old[f"{k} {t}"]))
        for k, t in sorted(gone)
    ]
    for key in sorted(old.keys() & new.keys()):
        if old[key] != new[key]:
            kind, target = key.split(" ", 1)
            changes.append(
                Change(
                    "body", bid, "dates", relation=kind, other=target, old="; ".join(old[key]), new="; ".join(new[key])
                )
            )
    return changes


def _keyed(
    section: str, item: str, noun: str, relation: str, old: Mapping[str, list[str]], new: Mapping[str, list[str]]
) -> list[Change]:
    """Entries keyed by the other end (a chair's role, a holder's name, a member) added, removed or re-dated;
    `old` and `new` map each key to the sorted periods (`interval`) it is written with."""
    changes = [
        Change(section, item, f"{noun}_added", relation=relation, other=k, period=_span(new[k]))
        for k in new.keys() - old.keys()
    ]
    changes += [
        Change(section, item, f"{noun}_removed", relation=relation, other=k, period=_span(old[k]))
        for k in old.keys() - new.keys()
    ]
    for key in sorted(old.keys() & new.keys()):
        if old[key] != new[key]:
            changes.append(
                Change(
                    section,
                    item,
                    "dates",
                    relation=relation,
                    other=key,
                    old="; ".join(old[key]),
                    new="; ".join(new[key]),
                )
            )
    return changes


def _members(ob: Body, nb: Body) -> list[Change]:
    """Seats added, removed, re-dated, or taken as something else (see the module docstring)."""
    old, new = _seats(ob), _seats(nb)
    gone, came = old.keys() - new.keys(), new.keys() - old.keys()
    changes: list[Change] = []
    for member in sorted({m for m, _ in gone} & {m for m, _ in came}):
        before = [seat for m, seat in gone if m == member]
        after = [seat for m, seat in came if m == member]
        if len(before) == 1 and len(after) == 1:
            gone.discard((member, before[0]))
            came.discard((member, after[0]))
            changes.append(
                Change(
                    "body",
                    nb.id,
                    "member_changed",
                    relation="member_of",
                    other=member,
                    old=before[0] or None,
                    new=after[0] or None,
                )
            )
    for code, seats, written in (("member_added", came, new), ("member_removed", gone, old)):
        changes += [
            Change(
                "body", nb.id, code, relation="member_of", other=m, seat=seat or None, period=_span(written[(m, seat)])
            )
            for m, seat in sorted(seats)
        ]
    for key in sorted(old.keys() & new.keys()):
        if old[key] != new[key]:
            member, seat = key
            changes.append(
                Change(
                    "body",
                    nb.id,
                    "dates",
                    relation="member_of",
                    other=member,
                    old="; ".join(old[key]),
                    new="; ".join(new[key]),
                    seat=seat or None,
                )
            )
    # A member's standing, seats, the organisation it sits for, or whether it is past, where it sits in both.
    old_standing, new_standing = _standings(ob), _standings(nb)
    for member in sorted(old_standing.keys() & new_standing.keys()):
        if old_standing[member] != new_standing[member]:
            changes.append(
                Change(
                    "body",
                    nb.id,
                    "member_standing",
                    relation="member_of",
                    other=member,
                    old=old_standing[member] or None,
                    new=new_standing[member] or None,
                )
            )
    return changes


def _line_posts(ob: Body, nb: Body) -> list[Change]:
    """A line drawn in both versions that runs through another post (`by`: who is a liaison). Without this, the
    OpenStack TC's liaison to a team passing from one member to another was "No changes"."""

    def posts(body: Body) -> dict[tuple[str, str], str]:
        found: dict[tuple[str, str], set[str]] = {}
        for r in body.relations:
            found.setdefault((r.kind, r.target), set()).add(r.by or "")
        return {k: "; ".join(sorted(v - {""})) for k, v in found.items()}

    old, new = posts(ob), posts(nb)
    return [
        Change("body", nb.id, "line_by", relation=kind, other=target, old=old[key] or None, new=new[key] or None)
        for key in sorted(old.keys() & new.keys())
        if old[key] != new[key]
        for kind, target in [key]
    ]


def _chair_capacities(ob: Body, nb: Body) -> list[Change]:
    """A post that chairs the body in both versions but in another capacity or chosen another way."""

    def how(body: Body) -> dict[str, str]:
        found: dict[str, set[str]] = {}
        for c in body.chairs:
            said = " ".join(x for x in (c.capacity, c.selection, f"by {c.selected_by}" if c.selected_by else "") if x)
            found.setdefault(c.role, set()).add(said)
        return {k: "; ".join(sorted(v)) for k, v in found.items()}

    old, new = how(ob), how(nb)
    return [
        Change("body", nb.id, "chair_changed", relation="chairs", other=role, old=old[role], new=new[role])
        for role in sorted(old.keys() & new.keys())
        if old[role] != new[role]
    ]


def _standings(body: Body) -> dict[str, str]:
    """Each member's standing, seats, the organisation it sits for and whether it is past, as stable text."""
    found: dict[str, set[str]] = {}
    for m in body.members:
        parts = [
            f"standing: {m.standing}" if m.standing else "",
            f"seats: {m.seats}" if m.seats is not None else "",
            f"for: {m.for_}" if m.for_ else "",
            "past" if m.past else "",
        ]
        found.setdefault(m.member, set()).add("; ".join(p for p in parts if p))
    return {k: " | ".join(sorted(v - {""})) for k, v in found.items()}


def seat_facts(text: str | None) -> list[tuple[str, str]]:
    """The (part, value) pairs of a member's seats as `_standings` writes them (`standing: attendee; seats: 2 |
    past`: a `member_standing` change's `old` or `new`), seat after seat, in order; `past` has the value ''."""
    return [
        (key, value)
        for entry in (text or "").split(" | ")
        for part in entry.split("; ")
        if part
        for key, _, value in [part.partition(": ")]
    ]


def terms_facts(terms: Terms | None) -> dict[str, str]:
    """A body's terms of reference as stable text, part by part (`quorum`, `meets`, `reports`...): what `diff`
    compares. Empty for a body without terms."""
    if terms is None:
        return {}
    parts: dict[str, str] = {}

    def put(key: str, value: object) -> None:
        if value not in (None, (), "", False):
            parts[key] = str(value)

    put("approved", terms.approved)
    put("approved_by", terms.approved_by)
    put("review", f"{terms.review_months} months" if terms.review_months else terms.review_by)
    put("members_at_least", terms.members_at_least)
    if terms.quorum is not None:
        q = terms.quorum
        size = (
            q.count
            if q.count is not None
            else "majority"
            if q.majority
            else f"{q.fraction[0]}/{q.fraction[1]}"
            if q.fraction
            else "not given"
        )
        needs = [
            "chair" if n.chair else "chair_or_vice" if n.chair_or_vice else n.role or f"{n.count} of {n.group}"
            for n in q.needs
        ]
        put("quorum", f"{size}" + (f"; present: {', '.join(str(n) for n in needs)}" if needs else ""))
        put("without_chair", q.without_chair)
    if terms.meets is not None:
        m = terms.meets
        put(
            "meets",
            " ".join(
                x
                for x in (
                    m.frequency or "",
                    f"{m.per_year} a year" if m.per_year else "",
                    "months " + ",".join(map(str, m.months)) if m.months else "",
                )
                if x
            ),
        )
    reports = []
    for r in terms.reports:
        how = r.frequency or (
            f"{r.per_year} a year" if r.per_year else "after each meeting" if r.after_each_meeting else ""
        )
        reports.append(" ".join(x for x in (f"to {r.to}" if r.to else "", r.what or "", how) if x))
    put("reports", "; ".join(sorted(reports)))
    put("expects", "; ".join(sorted(f"{e.per_year} a year from {e.from_ or 'each'}" for e in terms.expects)))
    put("excludes", ", ".join(sorted(terms.excludes)))
    return parts


def _seats(body: Body) -> dict[tuple[str, str], list[str]]:
    """Each seat on the body, (member, what it sits as, "" where not said), with the sorted periods it is written
    with (member ids are unique across sections, so a member's kind needs no place in the key)."""
    found: dict[tuple[str, str], list[str]] = {}
    for m in body.members:
        found.setdefault((m.member, m.as_ or ""), []).append(interval(m.period))
    return {key: sorted(periods) for key, periods in found.items()}


def history_text(entry: HistoryEntry) -> str:
    """A history entry as one line of stable text: `status: closed; decided by: lret; note: ...`."""
    parts = []
    if entry.status:
        parts.append(f"status: {entry.status}")
    if entry.name:
        parts.append(f"name: {entry.name}")
    if entry.decided_by:
        parts.append(f"decided by: {entry.decided_by}")
    if entry.note:
        parts.append(f"note: {entry.note}")
    return "; ".join(parts)


def _history(
    item: str, old: Sequence[HistoryEntry], new: Sequence[HistoryEntry], explained: set[HistoryEntry]
) -> list[Change]:
    def key(h: HistoryEntry) -> tuple[str, str]:
        return (str(h.date), history_text(h))

    before = {key(h): h for h in old}
    after = {key(h): h for h in new}
    shown = {key(h) for h in explained}
    changes = [
        Change(
            "body",
            item,
            "history_added",
            new=after[k].note or history_text(after[k]),
            date=after[k].date,
            decided_by=after[k].decided_by,
        )
        for k in sorted(after.keys() - before.keys() - shown)
    ]
    changes += [
        Change(
            "body",
            item,
            "history_removed",
            old=before[k].note or history_text(before[k]),
            date=before[k].date,
            decided_by=before[k].decided_by,
        )
        for k in sorted(before.keys() - after.keys())
    ]
    return changes


# Posts, organisations, groups and sources -------------------------------------------------------------------


def _named(
    section: str,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    name: Callable[[Any], str],
    others: Callable[[Any], tuple[str | None, Sequence[str], Sequence[str]]],
) -> list[Change]:
    """Added, removed, renamed and re-aliased entries of a section whose entries have a name (or title)."""
    changes = [Change(section, k, "added", new=name(new[k])) for k in new.keys() - old.keys()]
    changes += [Change(section, k, "removed", old=name(old[k])) for k in old.keys() - new.keys()]
    for key in sorted(old.keys() & new.keys()):
        if name(old[key]) != name(new[key]):
            changes.append(Change(section, key, "renamed", old=name(old[key]), new=name(new[key])))
        before, after = _names(*others(old[key])), _names(*others(new[key]))
        if before != after:
            changes.append(Change(section, key, "other_names", old=before, new=after))
    return changes


def _roles(old: Model, new: Model) -> list[Change]:
    changes = _named("role", old.roles, new.roles, lambda r: r.title, lambda r: (None, r.aliases, ()))
    for rid in sorted(old.roles.keys() & new.roles.keys()):
        before, after = old.roles[rid], new.roles[rid]
        if before.organisation != after.organisation:
            changes.append(Change("role", rid, "organisation", old=before.organisation, new=after.organisation))
        if before.holders is not None or after.holders is not None:
            changes += _keyed(
                "role",
                rid,
                "holder",
                "holds",
                _periods((h.name, h.period) for h in before.holders or ()),
                _periods((h.name, h.period) for h in after.holders or ()),
            )
            changes += _holder_marks(rid, before.holders or (), after.holders or ())
    return changes


def _holder_marks(rid: str, before: Sequence[Holder], after: Sequence[Holder]) -> list[Change]:
    """A holder in both versions now known on another date only (`on`), or now or no longer a past holder."""

    def marks(holders: Sequence[Holder]) -> dict[str, str]:
        found: dict[str, set[str]] = {}
        for h in holders:
            said = "; ".join(x for x in (f"on {h.on}" if h.on else "", "past" if h.past else "") if x)
            found.setdefault(h.name, set()).add(said)
        return {k: " | ".join(sorted(v - {""})) for k, v in found.items()}

    old, new = marks(before), marks(after)
    return [
        Change(
            "role", rid, "holder_changed", relation="holds", other=name, old=old[name] or None, new=new[name] or None
        )
        for name in sorted(old.keys() & new.keys())
        if old[name] != new[name]
    ]


def _set_changes(section: str, item: str, old: Iterable[str], new: Iterable[str], noun: str) -> list[Change]:
    before, after = set(old), set(new)
    changes = [Change(section, item, f"{noun}_added", other=k) for k in after - before]
    return changes + [Change(section, item, f"{noun}_removed", other=k) for k in before - after]
