"""A model as the plain data of its file (format version 1): the inverse of loading, locations aside.

`model_document(model)` gives dicts, lists and text in the order a person reads the file: sections in the
format's order, ids sorted, each entry's keys in a fixed order, short forms where the format has them (a line
with nothing but its target is written as the bare id, as is a chair). What loading fills in is left out
again: a fact's `source` when it is inherited from its body (or a holder's from its role), defaults such as a
view's relations. Loading the result gives back an equal model, except for file locations.

The node-link export and the YAML writer share it; `entry_*` functions give single entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from govgraph.loading.simple_yaml import PlainText, plain
from govgraph.model import (
    Body,
    Chair,
    Expected,
    Group,
    HistoryEntry,
    ManagedBy,
    Meetings,
    Membership,
    Model,
    Organisation,
    PartialDate,
    Period,
    Quorum,
    QuorumNeed,
    Relation,
    Report,
    Role,
    Source,
    Terms,
    View,
)
from govgraph.vocabulary import body_relations

FORMAT_VERSION = 1


def _date(value: PartialDate | None) -> PlainText | None:
    return PlainText(str(value)) if value is not None else None


def _put(entry: dict[str, Any], key: str, value: Any) -> None:
    # Absent, empty and default values are left out: the file says only what is known. Text, nearly every value,
    # is never one of the empty ones, and goes in without asking (see `entry_body` for the figure).
    if value is None or (type(value) is not str and (value == () or value == [] or value == {})):
        return
    entry[key] = list(value) if isinstance(value, tuple) else value


def _period(entry: dict[str, Any], period: Period) -> None:
    _put(entry, "from", _date(period.start))
    _put(entry, "until", _date(period.end))


def _own(source: str | None, inherited: str | None) -> str | None:
    return None if source == inherited else source


def entry_source(source: Source) -> dict[str, Any]:
    """A `sources` entry."""
    entry: dict[str, Any] = {"title": source.title}
    _put(entry, "publisher", source.publisher)
    _put(entry, "date", _date(source.date))
    _put(entry, "url", source.url)
    _put(entry, "note", source.note)
    return entry


def entry_organisation(org: Organisation) -> dict[str, Any]:
    """An `organisations` entry."""
    entry: dict[str, Any] = {"name": org.name}
    _put(entry, "short", org.short)
    _put(entry, "aliases", org.aliases)
    _put(entry, "url", org.url)
    _put(entry, "source", org.source)
    return entry


def entry_group(group: Group) -> dict[str, Any]:
    """A `groups` entry."""
    entry: dict[str, Any] = {"name": group.name}
    _put(entry, "short", group.short)
    _put(entry, "aliases", group.aliases)
    entry["members"] = [plain(m) for m in group.members]
    _put(entry, "source", group.source)
    return entry


def entry_role(role: Role) -> dict[str, Any]:
    """A `roles` entry; `holders` is written (possibly empty) only when holders are tracked."""
    entry: dict[str, Any] = {"title": role.title}
    _put(entry, "organisation", role.organisation)
    _put(entry, "aliases", role.aliases)
    if role.holders is not None:
        holders = []
        for holder in role.holders:
            item: dict[str, Any] = {"name": holder.name}
            _period(item, holder.period)
            _put(item, "on", _date(holder.on))
            if holder.past:
                item["past"] = True
            _put(item, "source", _own(holder.source, role.source))
            holders.append(item)
        entry["holders"] = holders
    _put(entry, "source", role.source)
    return entry


def line_entry(line: Relation, body_source: str | None) -> str | dict[str, Any]:
    """One line of a body (`reports_to` and the like): the bare target id when nothing else is said of it."""
    item: dict[str, Any] = {"body": plain(line.target)}
    _period(item, line.period)
    _put(item, "source", _own(line.source, body_source))
    _put(item, "note", line.note)
    _put(item, "by", line.by)
    return item["body"] if len(item) == 1 else item


def chair_entry(chair: Chair, body_source: str | None) -> str | dict[str, Any]:
    """One chair of a body: the bare role id when nothing else is said of it."""
    item: dict[str, Any] = {"role": plain(chair.role)}
    _period(item, chair.period)
    _put(item, "source", _own(chair.source, body_source))
    if chair.capacity != "chair":
        item["capacity"] = chair.capacity
    _put(item, "selection", chair.selection)
    _put(item, "selected_by", chair.selected_by)
    return item["role"] if len(item) == 1 else item


def member_entry(member: Membership, body_source: str | None) -> dict[str, Any]:
    """One `members` entry of a body."""
    item: dict[str, Any] = {member.member_kind: plain(member.member)}
    _put(item, "as", member.as_)
    _period(item, member.period)
    _put(item, "source", _own(member.source, body_source))
    _put(item, "note", member.note)
    _put(item, "standing", member.standing)
    _put(item, "seats", member.seats)
    _put(item, "for", member.for_)
    if member.past:
        item["past"] = True
    return item


def history_entry(entry: HistoryEntry, body_source: str | None) -> dict[str, Any]:
    """One `history` entry of a body."""
    # A date not known is written as the latest it can have been (`by`), as the file says it.
    item: dict[str, Any] = {"date" if entry.date_known else "by": _date(entry.date)}
    _put(item, "status", entry.status)
    _put(item, "name", entry.name)
    _put(item, "decided_by", entry.decided_by)
    _put(item, "note", entry.note)
    _put(item, "source", _own(entry.source, body_source))
    return item


def managed_entry(managed: ManagedBy, body_source: str | None) -> dict[str, Any]:
    """One `managed_by` entry of a body."""
    item: dict[str, Any] = {"organisation": plain(managed.organisation)}
    _period(item, managed.period)
    _put(item, "source", _own(managed.source, body_source))
    _put(item, "note", managed.note)
    return item


def entry_body(body: Body, *, lines: bool = True) -> dict[str, Any]:
    """A `bodies` entry; without `lines`, its chairs, members and lines to other bodies are left out (the
    node-link export writes those as links).

    The body's lines are sorted by kind in one pass, not looked for once for each kind; with `_put` taking text
    without asking, the document of the 10,000-body model with terms of reference takes 0.35 s of processor time
    instead of 0.39 (best of ten, alternately).
    """
    src = body.source
    entry: dict[str, Any] = {"name": body.name, "kind": body.kind}
    _put(entry, "short", body.short)
    _put(entry, "aliases", body.aliases)
    _put(entry, "formerly", body.formerly)
    _put(entry, "description", body.description)
    _put(entry, "url", body.url)
    _put(entry, "organisation", body.organisation)
    _put(entry, "managed_by", [managed_entry(m, src) for m in body.managed_by])
    _put(entry, "status", body.status)
    _period(entry, body.period)
    if lines:
        _put(entry, "chairs", [chair_entry(c, src) for c in body.chairs])
        _put(entry, "members", [member_entry(m, src) for m in body.members])
        lines_of: dict[str, list[Any]] = {}
        for relation in body.relations:
            lines_of.setdefault(relation.kind, []).append(line_entry(relation, src))
        for kind in body_relations():
            _put(entry, kind, lines_of.get(kind))
    _put(entry, "history", [history_entry(h, src) for h in body.history])
    if body.represented:
        entry["requires"] = {"represented": list(body.represented)}
    if body.matrix:
        entry["matrix"] = True
    _put(entry, "ignore", [{"code": s.code, "reason": s.reason} for s in body.ignore])
    _put(entry, "source", src)
    if body.terms is not None:
        entry["terms"] = terms_entry(body.terms, src)
    if body.top:
        entry["top"] = True
    if body.holds_parts_to_account is not None:
        entry["holds_parts_to_account"] = body.holds_parts_to_account
    return entry


def _need_entry(need: QuorumNeed) -> dict[str, Any]:
    # In full (`{chair: true}`, not the short form `chair`): the workbook reads each key as a column.
    item: dict[str, Any] = {}
    if need.chair:
        item["chair"] = True
    if need.chair_or_vice:
        item["chair_or_vice"] = True
    _put(item, "role", need.role)
    _put(item, "group", need.group)
    if need.count != 1:
        item["count"] = need.count
    return item


def _quorum_entry(quorum: Quorum, terms_source: str | None) -> dict[str, Any]:
    item: dict[str, Any] = {}
    _put(item, "count", quorum.count)
    if quorum.majority:
        item["fraction"] = "majority"
    elif quorum.fraction is not None:
        item["fraction"] = PlainText(f"{quorum.fraction[0]}/{quorum.fraction[1]}")
    _put(item, "present", [_need_entry(n) for n in quorum.needs])
    _put(item, "without_chair", quorum.without_chair)
    _put(item, "source", _own(quorum.source, terms_source))
    _put(item, "note", quorum.note)
    return item


def _meets_entry(meets: Meetings, terms_source: str | None) -> dict[str, Any]:
    # In full (`{frequency: monthly}`, not the short form `monthly`), for the workbook as `_need_entry`.
    item: dict[str, Any] = {}
    _put(item, "frequency", meets.frequency)
    _put(item, "per_year", meets.per_year)
    _put(item, "months", meets.months)
    if meets.at_least:
        item["at_least"] = True
    _put(item, "source", _own(meets.source, terms_source))
    _put(item, "note", meets.note)
    return item


def _report_entry(report: Report, terms_source: str | None) -> dict[str, Any]:
    item: dict[str, Any] = {}
    _put(item, "to", report.to)
    _put(item, "what", report.what)
    _put(item, "frequency", report.frequency)
    _put(item, "per_year", report.per_year)
    if report.after_each_meeting:
        item["after_each_meeting"] = True
    _put(item, "months", report.months)
    _put(item, "source", _own(report.source, terms_source))
    return item


def _expected_entry(expected: Expected, terms_source: str | None) -> dict[str, Any]:
    item: dict[str, Any] = {}
    _put(item, "from", expected.from_)
    item["per_year"] = expected.per_year
    _put(item, "what", expected.what)
    _put(item, "source", _own(expected.source, terms_source))
    return item


def terms_entry(terms: Terms, body_source: str | None) -> dict[str, Any]:
    """A body's `terms` (its terms of reference); each part's source is written only where it is its own."""
    src = terms.source
    entry: dict[str, Any] = {}
    _put(entry, "source", _own(src, body_source))
    _put(entry, "approved", _date(terms.approved))
    _put(entry, "approved_by", terms.approved_by)
    _put(entry, "review_months", terms.review_months)
    _put(entry, "review_by", _date(terms.review_by))
    _put(entry, "members_at_least", terms.members_at_least)
    if terms.quorum is not None:
        entry["quorum"] = _quorum_entry(terms.quorum, src)
    if terms.meets is not None:
        entry["meets"] = _meets_entry(terms.meets, src)
    _put(entry, "reports", [_report_entry(r, src) for r in terms.reports])
    _put(entry, "expects", [_expected_entry(e, src) for e in terms.expects])
    _put(entry, "excludes", terms.excludes)
    _put(entry, "note", terms.note)
    return entry


def entry_view(view: View) -> dict[str, Any]:
    """A `views` entry; defaults are left out."""
    entry: dict[str, Any] = {"title": view.title}
    _put(entry, "description", view.description)
    if view.relations != body_relations():
        entry["relations"] = list(view.relations)
    _put(entry, "kinds", view.kinds)
    _put(entry, "organisations", view.organisations)
    _put(entry, "focus", view.focus)
    _put(entry, "up", view.up)
    _put(entry, "down", view.down)
    if view.direction != "TB":
        entry["direction"] = view.direction
    if view.clusters:
        entry["clusters"] = True
    _put(entry, "as_of", _date(view.as_of))
    return entry


def checks_entry(model: Model) -> dict[str, Any]:
    """The `checks` section; empty when every setting is the default."""
    checks = model.checks
    entry: dict[str, Any] = {}
    ignores: list[Any] = []
    for s in checks.ignore:
        item: dict[str, Any] = {"code": s.code}
        _put(item, "body", s.body)
        _put(item, "reason", s.reason)
        ignores.append(item["code"] if len(item) == 1 else item)
    _put(entry, "ignore", ignores)
    _put(entry, "severity", dict(sorted(checks.severity.items())))
    if checks.review_months != 12:
        entry["review_months"] = checks.review_months
    if checks.require_sources:
        entry["require_sources"] = True
    rulesets = []
    for use in checks.rulesets:
        used: dict[str, Any] = {"use": use.use}
        _put(used, "parts", dict(use.parts))
        rulesets.append(used)
    _put(entry, "rulesets", rulesets)
    return entry


def _section(items: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    return dict(sorted(items))


def model_document(model: Model) -> dict[str, Any]:
    """The whole model as the plain data of its file (see the module docstring)."""
    document: dict[str, Any] = {"govgraph": FORMAT_VERSION, "title": model.title}
    _put(document, "description", model.description)
    _put(document, "as_of", _date(model.as_of))
    _put(document, "sources", _section((k, entry_source(v)) for k, v in model.sources.items()))
    _put(document, "organisations", _section((k, entry_organisation(v)) for k, v in model.organisations.items()))
    _put(document, "groups", _section((k, entry_group(v)) for k, v in model.groups.items()))
    _put(document, "roles", _section((k, entry_role(v)) for k, v in model.roles.items()))
    document["bodies"] = _section((k, entry_body(v)) for k, v in model.bodies.items())
    _put(document, "views", _section((k, entry_view(v)) for k, v in model.views.items()))
    _put(document, "checks", checks_entry(model))
    return document
