"""Build the typed `Model` from a validated file, resolving every reference.

Reference problems are reported all at once: an unknown id with the closest ids and, when the text is a
name rather than an id, the id to write instead (GG201); an id of the wrong kind, such as a role in
`reports_to` (GG202); a name, short name or alias shared by two things of one kind (GG203); an id used in two
sections (GG204); an unknown source (GG601); a membership naming no member or several (GG119);
`until` before `from` (GG501).

Facts inherit their body's `source` unless they name their own.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from govgraph import time, vocabulary
from govgraph.errors import ModelError
from govgraph.findings import Finding, Location, sort_findings
from govgraph.loading.reader import Document, Place, child, item_marks, key_mark, keys, start, value_mark
from govgraph.model import (
    ALWAYS,
    Body,
    Chair,
    CheckSettings,
    Expected,
    Group,
    HistoryEntry,
    Holder,
    ManagedBy,
    Meetings,
    MemberKind,
    Membership,
    Model,
    Organisation,
    Period,
    Quorum,
    QuorumNeed,
    Relation,
    Report,
    Role,
    RulesetUse,
    Source,
    Suppression,
    Terms,
    View,
    entity_names,
    fold,
)
from govgraph.rules import finding
from govgraph.vocabulary import SECTIONS, body_relations, section_of

if TYPE_CHECKING:
    from govgraph.loading.schema import BodyFields as BodySpec
    from govgraph.loading.schema import Dated
    from govgraph.loading.schema import ModelFields as ModelSpec

_MAX_SUGGESTED = 50
_SOURCE = ("source",)
_ROLE = ("role",)
_BODY = ("body",)
_GROUP = ("group",)
_ORGANISATION = ("organisation",)
_BODY_OR_ORGANISATION = ("body", "organisation")
_GROUP_MEMBER = ("organisation", "role", "group")
_END_OF_FILE = 2**31 - 1

Where = Location | tuple[Any, str]


class _Builder:
    def __init__(self, document: Document, spec: ModelSpec) -> None:
        self.doc = document
        self.spec = spec
        self.file = document.file
        self.findings: list[Finding] = []
        #: What does not stop the model being used (see `Model.reading_findings`).
        self.notes: list[Finding] = []
        self.kind: dict[str, str] = {}
        #: Each body's and role's id as the one string object the model uses for it (see `_fresh`).
        self.ids: dict[str, str] = {}
        self.unknown = 0
        for section in SECTIONS:
            for node_id in getattr(spec, section.name):
                self.kind.setdefault(node_id, section.kind)

    # Locations -------------------------------------------------------------------------------------

    # A fact's position is read from the positions kept beside the data (`reader.Place`): `place` below is those of
    # the mapping or list the fact is written in.

    def key_loc(self, place: Place | None, key: str) -> Location:
        m = key_mark(place, key)
        return Location(self.file, m[0], m[1])

    def value_loc(self, place: Place | None, key: str) -> Location:
        m = value_mark(place, key)
        return Location(self.file, m[0], m[1])

    def loc(self, place: Place | None) -> Location:
        m = start(place)
        return Location(self.file, m[0], m[1])

    def item(self, place: Place | None, key: str, index: int) -> tuple[Place | None, Location]:
        """Item `index` of the list at `key`: its own positions (None unless it is a mapping or list), and where it
        is written."""
        marks = item_marks(child(place, key))
        if index < len(marks):
            m = marks[index]
            return (m[2] if len(m) == 3 else None), Location(self.file, m[0], m[1])
        # A single id written without a list (`reports_to: clp`), or no list at all.
        return None, self.value_loc(place, key)

    def items(self, place: Place | None, key: str) -> list[tuple[Place | None, Location]]:
        """Every item of the list at `key` (see `item`), in one pass."""
        seq = child(place, key)
        if type(seq) is list:
            file = self.file
            return [((m[2] if len(m) == 3 else None), Location(file, m[0], m[1])) for m in seq[1:]]
        return [self.item(place, key, 0)]

    def error(self, code: str, message: str, location: Location, hint: str | None = None) -> None:
        self.findings.append(finding(code, message, location, hint))

    def url(self, text: str | None, raw: Place | None) -> str | None:
        """`text` if it is a web address a reader can follow; else None, with a GG122 finding (the model is used
        without it, so no address that is not one ever reaches a page or a diagram)."""
        if text is None:
            return None
        problem = web_address_problem(text)
        if problem is None:
            return text
        self.notes.append(finding("GG122", problem[0], self.value_loc(raw, "url"), problem[1]))
        return None

    # References ------------------------------------------------------------------------------------

    def ref(self, value: str | None, kinds: tuple[str, ...], field: str, where: Where) -> None:
        """Check that `value` names something of one of the `wanted` kinds.

        `where` is the location, or (mapping, key) for the location of that key's value: computed only when
        there is something to report, since this runs for every reference of the file.
        """
        if value is None:
            return
        actual = self.kind.get(value)
        if actual in kinds:
            return
        location = self.value_loc(*where) if isinstance(where, tuple) else where
        need = " or ".join(kinds)
        if actual is not None:
            self.error("GG202", f"`{field}` needs {_a(need)}, but {value!r} is {_a(actual)}", location)
            return
        code = "GG601" if "source" in kinds else "GG201"
        self.unknown += 1
        if self.unknown > _MAX_SUGGESTED:
            # Suggestions cost a scan of every id; a file with thousands of broken references gets them for the
            # first few only, so the report still comes back at once.
            self.error(code, f"unknown {need} {value!r} in `{field}`", location)
            return
        candidates = [i for i, k in self.kind.items() if k in kinds]
        close = difflib.get_close_matches(value, candidates, n=3, cutoff=0.6)
        by_name = self.id_for_name(value, kinds)
        if by_name:
            hint = f"{value!r} is the name of {by_name!r}: refer to things by id, e.g. `{by_name}`"
            self.error(code, f"unknown {need} id {value!r} in `{field}`", location, hint)
            return
        message = f"unknown {need} {value!r} in `{field}`"
        if close:
            message += "; did you mean " + " or ".join(repr(c) for c in close) + "?"
        self.error(code, message, location, None if close else f"add it to the `{_section_of(kinds[0])}` section")

    def id_for_name(self, text: str, kinds: tuple[str, ...]) -> str | None:
        key = fold(text)
        for section in SECTIONS:
            if section.kind not in kinds:
                continue
            for node_id, entry in getattr(self.spec, section.name).items():
                labels = [getattr(entry, a, None) for a in ("name", "short", "title")]
                labels += list(getattr(entry, "aliases", []))
                if any(isinstance(label, str) and fold(label) == key for label in labels):
                    return str(node_id)
        return None

    def period(self, spec: Dated, raw: Place | None) -> Period:
        if spec.from_ is None and spec.until is None:
            return ALWAYS
        if spec.from_ is not None and spec.until is not None and spec.until.last < spec.from_.first:
            self.error(
                "GG501",
                f"`until: {spec.until}` is before `from: {spec.from_}`",
                self.value_loc(raw, "until"),
                "swap the two dates, or correct the one that is wrong",
            )
        return Period(spec.from_, spec.until)

    # Sections --------------------------------------------------------------------------------------

    def build(self) -> Model:
        spec, root = self.spec, self.doc.place
        self.duplicate_ids()
        sources_place = child(root, "sources")
        sources = {
            sid: Source(
                id=sid,
                title=s.title,
                location=self.key_loc(sources_place, sid),
                publisher=s.publisher,
                date=s.date,
                url=self.url(s.url, child(sources_place, sid)),
                note=s.note,
            )
            for sid, s in spec.sources.items()
        }
        organisations = {}
        for oid, o in spec.organisations.items():
            raw = child(child(root, "organisations"), oid)
            if o.source is not None:
                self.ref(o.source, _SOURCE, "source", (raw, "source"))
            organisations[oid] = Organisation(
                id=oid,
                name=o.name,
                location=self.key_loc(child(root, "organisations"), oid),
                short=o.short,
                aliases=tuple(o.aliases),
                url=self.url(o.url, raw),
                source=o.source,
            )
        groups = {}
        for gid, g in spec.groups.items():
            raw = child(child(root, "groups"), gid)
            places = tuple(place for _, place in self.items(raw, "members"))
            if len(places) != len(g.members):  # not written as a list
                places = tuple(self.item(raw, "members", i)[1] for i in range(len(g.members)))
            for member, place in zip(g.members, places, strict=True):
                self.ref(member, _GROUP_MEMBER, "members", place)
            if g.source is not None:
                self.ref(g.source, _SOURCE, "source", (raw, "source"))
            groups[gid] = Group(
                id=gid,
                name=g.name,
                members=tuple(g.members),
                location=self.key_loc(child(root, "groups"), gid),
                short=g.short,
                aliases=tuple(g.aliases),
                source=g.source,
                member_locations=places,
            )
        ids = self.ids = {i: _fresh(i) for section in (spec.roles, spec.bodies) for i in section}
        roles_place = child(root, "roles")
        roles = {ids[rid]: self.role(ids[rid], r, child(roles_place, rid)) for rid, r in spec.roles.items()}
        last_lines = self.extents()
        bodies_place = child(root, "bodies")
        body_marks = keys(bodies_place)
        file = self.file
        bodies = {
            ids[bid]: self.body(
                ids[bid],
                b,
                child(bodies_place, bid),
                last_lines[bid],
                Location(file, body_marks[bid][0], body_marks[bid][1]),
            )
            for bid, b in spec.bodies.items()
        }
        bodies = _accountable_parts(bodies)
        views_place = child(root, "views")
        views = {vid: self.view(vid, child(views_place, vid)) for vid in spec.views}
        checks = self.checks()
        self.ambiguous_names(bodies, roles, organisations, groups)
        if self.findings:
            raise ModelError(findings=self.findings)
        return Model(
            file=self.file,
            format_version=spec.govgraph,
            title=spec.title,
            location=Location(self.file, 1, 1),
            as_of=spec.as_of,
            description=spec.description,
            sources=sources,
            organisations=organisations,
            groups=groups,
            roles=roles,
            bodies=bodies,
            views=views,
            checks=checks,
            reading_findings=tuple(sort_findings(self.notes)),  # stamped again when reported (see `catalogue`)
        )

    def extents(self) -> dict[str, int]:
        """The last line of each body's entry: before the next body, or before the section after `bodies`."""
        root = keys(self.doc.place)
        bodies_line = root["bodies"][0]
        after = [m[0] for m in root.values() if m[0] > bodies_line]
        end = min(after) - 1 if after else _END_OF_FILE
        starts = sorted((m[0], bid) for bid, m in keys(child(self.doc.place, "bodies")).items())
        ends = [line - 1 for line, _ in starts[1:]] + [end]
        return {bid: last for (_, bid), last in zip(starts, ends, strict=True)}

    def duplicate_ids(self) -> None:
        seen: dict[str, str] = {}
        for term in SECTIONS:
            section = term.name
            for node_id in getattr(self.spec, section):
                if node_id in seen:
                    self.error(
                        "GG204",
                        f"{node_id!r} is used as an id in both `{seen[node_id]}` and `{section}`",
                        self.key_loc(child(self.doc.place, section), node_id),
                        "ids are shared by all sections: rename one of them",
                    )
                else:
                    seen[node_id] = section

    def role(self, rid: str, r: Any, raw: Place | None) -> Role:
        self.ref(r.organisation, _ORGANISATION, "organisation", (raw, "organisation"))
        if r.source is not None:
            self.ref(r.source, _SOURCE, "source", (raw, "source"))
        holders = None
        if r.holders is not None:
            holders_list = []
            for i, h in enumerate(r.holders):
                h_raw, h_loc = self.item(raw, "holders", i)
                source = h.source or r.source
                if h.source is not None:
                    self.ref(h.source, _SOURCE, "source", (h_raw, "source"))
                if h.on is not None and (h.from_ is not None or h.until is not None):
                    self.error(
                        "GG123",
                        "a holder known on one date only has `on`, not `from` or `until` as well",
                        self.key_loc(h_raw, "on"),
                        "keep `on` if only that date is known; otherwise keep `from` / `until`",
                    )
                if h.past and h.until is not None:
                    self.error(
                        "GG123",
                        "`past: true` is for a holder whose end is not recorded; this one has `until`",
                        self.key_loc(h_raw, "past"),
                        "remove `past: true`: `until` already says it ended",
                    )
                holders_list.append(
                    Holder(
                        name=h.name,
                        period=self.period(h, h_raw),
                        location=h_loc,
                        source=source,
                        on=h.on,
                        past=h.past,
                    )
                )
            holders = tuple(holders_list)
        return Role(
            id=rid,
            title=r.title,
            location=self.key_loc(child(self.doc.place, "roles"), rid),
            organisation=r.organisation,
            aliases=tuple(r.aliases),
            holders=holders,
            source=r.source,
        )

    def body(self, bid: str, b: BodySpec, raw: Place | None, last_line: int, location: Location) -> Body:
        # This runs once per body of the file, so the common case of each step is written out here: a reference
        # that resolves is checked with one lookup (`self.ref` only for a bad one), and an undated fact gets
        # `ALWAYS` without a call.
        kind_of, ids = self.kind, self.ids
        source = b.source
        if b.organisation is not None and kind_of.get(b.organisation) != "organisation":
            self.ref(b.organisation, _ORGANISATION, "organisation", (raw, "organisation"))
        if source is not None and kind_of.get(source) != "source":
            self.ref(source, _SOURCE, "source", (raw, "source"))
        period = ALWAYS if b.from_ is None and b.until is None else self.period(b, raw)
        chairs = []
        if b.chairs:
            for c, (c_raw, c_loc) in zip(b.chairs, self.items(raw, "chairs"), strict=True):
                if kind_of.get(c.role) != "role":
                    self.ref(c.role, _ROLE, "chairs", c_loc)
                if c.source is not None and kind_of.get(c.source) != "source":
                    self.ref(c.source, _SOURCE, "source", (c_raw, "source"))
                c_period = ALWAYS if c.from_ is None and c.until is None else self.period(c, c_raw)
                if c.selected_by is not None and kind_of.get(c.selected_by) not in _BODY_OR_ORGANISATION:
                    self.ref(c.selected_by, _BODY_OR_ORGANISATION, "selected_by", (c_raw, "selected_by"))
                chairs.append(
                    Chair(
                        body=bid,
                        role=ids.get(c.role, c.role),
                        period=c_period,
                        location=c_loc,
                        source=c.source or source,
                        capacity=c.capacity,
                        selection=c.selection,
                        selected_by=ids.get(c.selected_by, c.selected_by) if c.selected_by else None,
                    )
                )
        members = []
        if b.members:
            for m, (m_raw, m_loc) in zip(b.members, self.items(raw, "members"), strict=True):
                candidates: tuple[tuple[MemberKind, str | None], ...] = (
                    ("role", m.role),
                    ("organisation", m.organisation),
                    ("group", m.group),
                )
                named = [(k, v) for k, v in candidates if v]
                if len(named) != 1:
                    self.error(
                        "GG119",
                        "a member entry must name exactly one of `role`, `organisation` or `group`"
                        + (f" (this one names {' and '.join(k for k, _ in named)})" if named else ""),
                        m_loc,
                    )
                    continue
                member_kind, member = named[0]
                if kind_of.get(member) != member_kind:
                    self.ref(member, (member_kind,), f"members.{member_kind}", (m_raw, member_kind))
                if m.source is not None and kind_of.get(m.source) != "source":
                    self.ref(m.source, _SOURCE, "source", (m_raw, "source"))
                m_period = ALWAYS if m.from_ is None and m.until is None else self.period(m, m_raw)
                if m.for_ is not None and kind_of.get(m.for_) != "organisation":
                    self.ref(m.for_, _ORGANISATION, "for", (m_raw, "for"))
                if m.past and m.until is not None:
                    self.error(
                        "GG123",
                        "`past: true` is for a member whose end is not recorded; this one has `until`",
                        self.key_loc(m_raw, "past"),
                        "remove `past: true`: `until` already says it ended",
                    )
                members.append(
                    Membership(
                        body=bid,
                        member_kind=member_kind,
                        member=ids.get(member, member),
                        period=m_period,
                        location=m_loc,
                        as_=m.as_,
                        source=m.source or source,
                        note=m.note,
                        standing=m.standing,
                        seats=m.seats,
                        for_=m.for_,
                        past=m.past,
                    )
                )
        relations = []
        for kind in body_relations():
            lines = getattr(b, kind)
            if not lines:
                continue
            for line, (l_raw, l_loc) in zip(lines, self.items(raw, kind), strict=True):
                if kind_of.get(line.body) != "body":
                    # A line written as a bare id has no positions of its own: its location is the id's.
                    self.ref(line.body, _BODY, kind, l_loc if l_raw is None else (l_raw, "body"))
                if line.source is not None and kind_of.get(line.source) != "source":
                    self.ref(line.source, _SOURCE, "source", (l_raw, "source"))
                l_period = ALWAYS if line.from_ is None and line.until is None else self.period(line, l_raw)
                target = ids.get(line.body, line.body)
                by = None
                if line.by is not None:
                    if kind_of.get(line.by) != "role":
                        self.ref(line.by, _ROLE, "by", (l_raw, "by"))
                    by = ids.get(line.by, line.by)
                relations.append(
                    Relation(
                        kind=kind,
                        source_body=bid,
                        target=target,
                        period=l_period,
                        location=l_loc,
                        source=line.source or source,
                        note=line.note,
                        by=by,
                    )
                )
        history = []
        if b.history:
            for i, (h, (h_raw, h_loc)) in enumerate(zip(b.history, self.items(raw, "history"), strict=True)):
                self.ref(h.decided_by, _BODY_OR_ORGANISATION, "decided_by", (h_raw, "decided_by"))
                if h.source is not None:
                    self.ref(h.source, _SOURCE, "source", (h_raw, "source"))
                when = h.date if h.date is not None else h.by
                if when is None:
                    self.error(
                        "GG113",
                        f"body '{bid}' (history[{i}]) has no `date`, which is required (or, when the date is not "
                        "known, `by`: the latest it can have happened)",
                        h_loc,
                    )
                    continue
                if h.date is not None and h.by is not None:
                    self.error(
                        "GG123",
                        "a history entry has a `date`, or `by` when the date is not known, not both",
                        self.key_loc(h_raw, "by"),
                    )
                    continue
                history.append(
                    HistoryEntry(
                        date=when,
                        location=h_loc,
                        status=h.status,
                        name=h.name,
                        decided_by=h.decided_by,
                        note=h.note,
                        source=h.source or source,
                        date_known=h.date is not None,
                    )
                )
        managed = []
        if b.managed_by:
            for mb, (mb_raw, mb_loc) in zip(b.managed_by, self.items(raw, "managed_by"), strict=True):
                self.ref(mb.organisation, _ORGANISATION, "managed_by", (mb_raw, "organisation"))
                if mb.source is not None:
                    self.ref(mb.source, _SOURCE, "source", (mb_raw, "source"))
                managed.append(
                    ManagedBy(
                        organisation=mb.organisation,
                        period=self.period(mb, mb_raw),
                        location=mb_loc,
                        source=mb.source or source,
                        note=mb.note,
                    )
                )
        represented: tuple[str, ...] = ()
        if b.requires is not None:
            req_raw = child(raw, "requires")
            for i, gid in enumerate(b.requires.represented):
                self.ref(gid, _GROUP, "requires.represented", self.item(req_raw, "represented", i)[1])
            represented = tuple(b.requires.represented)
        ignores = []
        for i, ig in enumerate(b.ignore):
            ig_loc = self.item(raw, "ignore", i)[1]
            ignores.append(Suppression(code=ig.code.strip().upper(), reason=ig.reason, location=ig_loc, body=bid))
        terms = self.terms(b.terms, child(raw, "terms"), source) if b.terms is not None else None
        return Body(
            id=bid,
            name=b.name,
            kind=b.kind,
            location=location,
            short=b.short,
            aliases=tuple(b.aliases),
            formerly=tuple(b.formerly),
            description=b.description,
            url=self.url(b.url, raw) if b.url is not None else None,
            organisation=b.organisation,
            managed_by=tuple(managed),
            status=b.status,
            period=period,
            chairs=tuple(chairs),
            members=tuple(members),
            relations=tuple(relations),
            history=tuple(history),
            represented=represented,
            matrix=b.matrix,
            ignore=tuple(ignores),
            source=b.source,
            last_line=last_line,
            terms=terms,
            top=b.top,
            holds_parts_to_account=b.holds_parts_to_account,
        )

    def terms(self, t: Any, raw: Place | None, body_source: str | None) -> Terms:
        """A body's terms of reference; each part cites its own source, else the terms', else the body's."""
        source = t.source or body_source
        kind_of = self.kind
        if t.source is not None and kind_of.get(t.source) != "source":
            self.ref(t.source, _SOURCE, "source", (raw, "source"))
        if t.approved_by is not None and kind_of.get(t.approved_by) not in _BODY_OR_ORGANISATION:
            self.ref(t.approved_by, _BODY_OR_ORGANISATION, "approved_by", (raw, "approved_by"))
        for i, role in enumerate(t.excludes):
            if kind_of.get(role) != "role":
                self.ref(role, _ROLE, "excludes", self.item(raw, "excludes", i)[1])
        if t.review_months is not None and t.review_by is not None:
            self.error(
                "GG123",
                "the review is due `review_months` after approval or on `review_by`, not both",
                self.key_loc(raw, "review_by"),
            )
        quorum = None
        if t.quorum is not None:
            q, q_raw = t.quorum, child(raw, "quorum")
            if q.source is not None:
                self.ref(q.source, _SOURCE, "source", (q_raw, "source"))
            if q.count is not None and q.fraction is not None:
                self.error("GG123", "a quorum is a `count` or a `fraction`, not both", self.key_loc(q_raw, "fraction"))
            needs = []
            for need, (n_raw, n_loc) in zip(q.present, self.items(q_raw, "present") if q.present else [], strict=True):
                named = [k for k in ("chair", "chair_or_vice", "role", "group") if getattr(need, k)]
                if len(named) != 1:
                    self.error(
                        "GG123",
                        "each entry of `present` names one of `chair`, `chair_or_vice`, `role` or `group`",
                        n_loc,
                    )
                    continue
                if need.role is not None:
                    self.ref(need.role, _ROLE, "present.role", (n_raw, "role"))
                if need.group is not None:
                    self.ref(need.group, _GROUP, "present.group", (n_raw, "group"))
                needs.append(
                    QuorumNeed(
                        location=n_loc,
                        chair=need.chair,
                        chair_or_vice=need.chair_or_vice,
                        role=self.ids.get(need.role, need.role) if need.role else None,
                        group=need.group,
                        count=need.count,
                    )
                )
            fraction = None
            if q.fraction is not None and q.fraction != "majority":
                top, bottom = q.fraction.split("/")
                fraction = (int(top), int(bottom))
            quorum = Quorum(
                location=self.loc(q_raw),
                count=q.count,
                fraction=fraction,
                majority=q.fraction == "majority",
                needs=tuple(needs),
                without_chair=q.without_chair,
                source=q.source or source,
                note=q.note,
            )
        meets = None
        if t.meets is not None:
            m, m_raw = t.meets, child(raw, "meets")
            if m.source is not None:
                self.ref(m.source, _SOURCE, "source", (m_raw, "source"))
            meets = Meetings(
                location=self.loc(m_raw) if m_raw is not None else self.value_loc(raw, "meets"),
                per_year=m.per_year,
                frequency=m.frequency,
                months=tuple(m.months),
                at_least=m.at_least,
                source=m.source or source,
                note=m.note,
            )
        reports = []
        for r, (r_raw, r_loc) in zip(t.reports, self.items(raw, "reports") if t.reports else [], strict=True):
            if r.to is not None:
                self.ref(r.to, _BODY, "to", (r_raw, "to"))
            if r.source is not None:
                self.ref(r.source, _SOURCE, "source", (r_raw, "source"))
            said = [k for k in ("frequency", "per_year") if getattr(r, k) is not None] + (
                ["after_each_meeting"] if r.after_each_meeting else []
            )
            if len(said) > 1:
                self.error(
                    "GG123",
                    f"a report's frequency is said once: this one has {' and '.join(f'`{k}`' for k in said)}",
                    r_loc,
                )
            reports.append(
                Report(
                    location=r_loc,
                    to=self.ids.get(r.to, r.to) if r.to else None,
                    what=r.what,
                    per_year=r.per_year,
                    frequency=r.frequency,
                    after_each_meeting=r.after_each_meeting,
                    months=tuple(r.months),
                    source=r.source or source,
                )
            )
        expects = []
        for e, (e_raw, e_loc) in zip(t.expects, self.items(raw, "expects") if t.expects else [], strict=True):
            if e.from_ is not None:
                self.ref(e.from_, _BODY, "from", (e_raw, "from"))
            if e.source is not None:
                self.ref(e.source, _SOURCE, "source", (e_raw, "source"))
            expects.append(
                Expected(
                    location=e_loc,
                    per_year=e.per_year,
                    from_=self.ids.get(e.from_, e.from_) if e.from_ else None,
                    what=e.what,
                    source=e.source or source,
                )
            )
        return Terms(
            location=self.loc(raw),
            source=source,
            approved=t.approved,
            approved_by=t.approved_by,
            review_months=t.review_months,
            review_by=t.review_by,
            members_at_least=t.members_at_least,
            quorum=quorum,
            meets=meets,
            reports=tuple(reports),
            expects=tuple(expects),
            excludes=tuple(self.ids.get(r, r) for r in t.excludes),
            note=t.note,
        )

    def view(self, vid: str, raw: Place | None) -> View:
        v = self.spec.views[vid]
        self.ref(v.focus, _BODY, "focus", (raw, "focus"))
        for i, org in enumerate(v.organisations):
            self.ref(org, _ORGANISATION, "organisations", self.item(raw, "organisations", i)[1])
        return View(
            id=vid,
            title=v.title,
            location=self.key_loc(child(self.doc.place, "views"), vid),
            relations=tuple(v.relations),
            kinds=tuple(v.kinds),
            organisations=tuple(v.organisations),
            focus=v.focus,
            up=v.up,
            down=v.down,
            direction=v.direction,  # type: ignore[arg-type]
            clusters=v.clusters,
            as_of=v.as_of,
            description=v.description,
        )

    def checks(self) -> CheckSettings:
        c = self.spec.checks
        raw = child(self.doc.place, "checks")
        ignores = []
        for i, ig in enumerate(c.ignore):
            ig_raw, ig_loc = self.item(raw, "ignore", i)
            self.ref(ig.body, _BODY, "body", (ig_raw, "body"))
            ignores.append(Suppression(code=ig.code.strip().upper(), reason=ig.reason, location=ig_loc, body=ig.body))
        severity_raw = child(raw, "severity")
        where = {code: self.key_loc(severity_raw, code) for code in c.severity}
        rulesets = []
        for use, (u_raw, u_loc) in zip(c.rulesets, self.items(raw, "rulesets") if c.rulesets else [], strict=True):
            parts_raw = child(u_raw, "parts")
            for part, target in use.parts.items():
                self.ref(target, ("body", "role", "organisation", "group"), f"parts.{part}", (parts_raw, part))
            rulesets.append(
                RulesetUse(
                    use=use.use,
                    location=u_loc,
                    parts={part: self.ids.get(target, target) for part, target in use.parts.items()},
                    part_locations={part: self.value_loc(parts_raw, part) for part in use.parts},
                )
            )
        return CheckSettings(
            ignore=tuple(ignores),
            severity=dict(c.severity),
            severity_locations=where,
            review_months=c.review_months,
            require_sources=c.require_sources,
            rulesets=tuple(rulesets),
        )

    def ambiguous_names(self, *sections: Mapping[str, Body | Role | Organisation | Group]) -> None:
        """GG203, for two things of one section known by one name at once.

        A name may be used again over time: two bodies whose lifetimes do not overlap (a team's name taken by a
        new team after it closed), or a body's former name (`formerly:`) that another body has. Commands answer
        a name that means several things with the list of them and their dates; the finding (which does not stop
        the model being read) says where a name means two things at the same time.
        """
        for section in sections:
            # Each folded name: the things known by it so far, and whether it is a former name of theirs. A
            # section is in file order (as read), so the finding points at the later of the two.
            owners: dict[str, list[tuple[str, bool]]] = {node_id: [(node_id, False)] for node_id in section}
            for node_id, entity in section.items():
                former = {fold(name) for name in entity.formerly} if isinstance(entity, Body) else set()
                for label in entity_names(entity)[1:]:
                    key = fold(label)
                    was = key in former
                    known = owners.setdefault(key, [])
                    other = next(
                        (o for o, o_was in known if o != node_id and _at_once(section, o, node_id, was or o_was)), None
                    )
                    if (node_id, was) not in known:
                        known.append((node_id, was))
                    if other is None:
                        continue
                    both_bodies = isinstance(entity, Body)
                    self.notes.append(
                        finding(
                            "GG203",
                            f"the name {label!r} is used by both {other!r} and {node_id!r}"
                            + (" at the same time" if both_bodies else ""),
                            entity.location,
                            "give one of them a different name, short name or alias"
                            + (
                                "; or, if one followed the other, end the first (`until`, or a `closed` history "
                                "entry) before the second starts (`from`)"
                                if both_bodies
                                else ", so commands can tell them apart"
                            ),
                        )
                    )


def _at_once(section: Mapping[str, Any], first: str, second: str, former: bool) -> bool:
    """Whether two things of a section sharing a name could be meant by it at the same time: always, unless they
    are bodies and the name is a former name of one of them (`former`), or their lifetimes do not overlap."""
    a, b = section[first], section[second]
    if not (isinstance(a, Body) and isinstance(b, Body)):
        return True
    if former:
        return False
    return not time.one_after_the_other(a, b)


_WEB_SCHEMES = ("https://", "http://", "mailto:")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
#: What a web address cannot hold as it is written: white space, control characters, and the characters RFC 3987
#: leaves out of IRIs (linked-data tools drop a statement whose address holds one).
_NOT_IN_ADDRESS = re.compile(r'[\s\x00-\x1f\x7f-\x9f<>"{}|\\^`]')


def web_address_problem(text: str) -> tuple[str, str] | None:
    """What is wrong with `text` as a web address a reader can follow, as (message, hint); None if nothing.

    Only `https://`, `http://` and `mailto:` addresses are followed: a relative one (`docs/board.md`) means
    nothing outside the folder it was written in, and `javascript:` or `data:` would run in the reader's browser.
    """
    if not text.lower().startswith(_WEB_SCHEMES) or text.lower() in _WEB_SCHEMES:
        if _SCHEME.match(text) and not text.lower().startswith(_WEB_SCHEMES):
            hint = "only https://, http:// and mailto: addresses are followed: a javascript:, data: or file: one is not"
        else:
            hint = "give the full address, as a browser shows it: a relative one means nothing outside its folder"
        return (f"{text!r} is not a web address: write it starting with https://", hint)
    bad = _NOT_IN_ADDRESS.search(text)
    if bad is not None:
        what = "a space" if bad[0] == " " else f"{bad[0]!r}" if bad[0].isprintable() else "a control character"
        return (
            f"{text!r} is not a web address: it holds {what}",
            "write a space as %20 and other such characters as %XX (your browser's address bar shows how)",
        )
    return None


def _accountable_parts(bodies: dict[str, Body]) -> dict[str, Body]:
    """Each `part_of` line marked as a line of accountability or not, as its whole says (see `Relation`).

    One pass over the lines; a body is copied only when one of its lines does not count (most models: none)."""
    wholes = {t.name for t in vocabulary.relations() if t.composition}
    if not wholes:
        return bodies

    def counts(target: str) -> bool:
        whole = bodies.get(target)
        if whole is None:
            return True
        if whole.holds_parts_to_account is not None:
            return whole.holds_parts_to_account
        return vocabulary.kind(whole.kind).parts_account

    for body_id, body in bodies.items():
        if any(r.kind in wholes and not counts(r.target) for r in body.relations):
            lines = tuple(
                replace(r, accountable=False) if r.kind in wholes and not counts(r.target) else r
                for r in body.relations
            )
            bodies[body_id] = replace(body, relations=lines)
    return bodies


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _section_of(kind: str) -> str:
    return section_of(kind).name


def _fresh(text: str) -> str:
    """A new string object with the text of `text`.

    An id read from the file lies among the objects of the whole document, a gigabyte of them for 100,000
    bodies; the rules and queries go through the ids over and over (sets, dict keys, comparisons). The copies
    made here, one after another, lie together, and every reference to a body or role uses its copy: the rules
    on 100,000 bodies took half the time (2.7 s to 1.3 s, measured in alternation with the ids as read).
    (Joining two strings always makes a new one; `str(text)` or `text[:]` would return `text` itself.)
    """
    return "".join((text, ""))


def build_model(document: Document, spec: ModelSpec, *, defined: Mapping[str, Any] | None = None) -> Model:
    """Turn a validated file into a `Model`.

    Args:
        defined: the file's sections as read, when `spec` is only the valid part of them: the ids they define
            count as defined, so that a reference to an entry left out for a schema error is not reported.

    Raises:
        ModelError: every reference problem at once (GG2xx, GG119, GG501, GG601).
    """
    builder = _Builder(document, spec)
    for section in SECTIONS if defined is not None else ():
        entries = defined.get(section.name) if defined is not None else None
        for node_id in entries if isinstance(entries, dict) else ():
            if isinstance(node_id, str):
                builder.kind.setdefault(node_id, section.kind)
    return builder.build()
