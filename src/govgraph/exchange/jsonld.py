"""JSON-LD in the W3C Organization Ontology (ORG), with a small govgraph vocabulary for what ORG cannot say.

What each part of a model becomes (`org:` is http://www.w3.org/ns/org#, `gg:` is govgraph's vocabulary,
`GG_VOCAB` below):

- an organisation: `org:FormalOrganization`; a group of them: `org:Organization` with `org:hasMember` links;
- a body: `org:OrganizationalUnit` (and `gg:Body`) with `gg:kind`, `gg:status` (latest recorded, judged at
  the model's reference day; left out where none is recorded), `org:unitOf`
  its host organisation, `skos:prefLabel` / `skos:altLabel` for its names, `dct:description`;
- `reports_to` and `part_of`: `org:subOrganizationOf` (and `gg:reportsTo` / `gg:partOf` to tell them apart);
  `dotted_to`, `steers`, `succeeded_by`: `gg:dottedLineTo`, `gg:steers`, `gg:succeededBy` (each relation's
  `jsonld` in the vocabulary); every line is also
  written as a `gg:Line` (from, to, relation, dates, source, note), since ORG has no dated relation;
- a role: `org:Post` with `skos:prefLabel` its title, `org:postIn` its organisation and `org:heldBy` each
  holder (a `foaf:Person`, with the dates they held it as `gg:from` / `gg:until` on an `org:Membership`);
- a chair or member of a body: `org:Membership` (`org:member`, `org:organization` the body, `org:role` its
  chair capacity, `gg:Chair`, `gg:ActingChair`, `gg:InterimChair`, `gg:ViceChair`, `gg:DeputyChair`, or its
  standing, `gg:VotingMember`, `gg:NonVotingMember`, `gg:Attendee`, `gg:Observer`, else `gg:Member`; `gg:as`
  what they represent, `gg:seats`, `gg:forOrganization`, `gg:past`, `gg:selection`) with `org:memberDuring` a
  `time:Interval` whose beginning and end are given where known;
- terms of reference: a `gg:TermsOfReference` node (quorum, meetings, reports, approval and review due);
- scrutiny, liaison and peer lines: `org:linkedTo` with `gg:scrutinises`, `gg:liaisonTo`, `gg:worksWith`; a
  `part_of` line into a whole that does not hold its parts to account says `gg:accountable false`;
- a history entry: `org:ChangeEvent` with `org:originalOrganization` the body, `dct:date`, and `gg:status`,
  `gg:name`, `gg:decidedBy`, `dct:description` as recorded; a `succeeded_by` line also gives a
  `org:ChangeEvent` with `org:resultingOrganization`;
- sources: `dct:BibliographicResource`, cited by `dct:source`.

Identifiers are `urn:govgraph:<id>` (ids are unique across a model); the context is inline, so a reader needs
no network. Dates are typed `xsd:gYear`, `xsd:gYearMonth` or `xsd:date` as written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from govgraph import time, vocabulary
from govgraph.model import Model, PartialDate, Period, Terms

GG_VOCAB = "https://govgraph.invalid/vocab#"
ID_PREFIX = "urn:govgraph:"

CONTEXT: dict[str, Any] = {
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "time": "http://www.w3.org/2006/time#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "gg": GG_VOCAB,
}


#: What an IRI cannot hold as it is written (RFC 3987): white space, control characters and `<>"{}|\^``. A
#: linked-data reader drops a statement whose address holds one (rdflib does, with a warning).
_NOT_IN_IRI = re.compile(r'[\s\x00-\x1f\x7f-\x9f<>"{}|\\^`]')


def iri(address: str) -> str:
    """`address` as an IRI: each character an IRI cannot hold percent-encoded as its UTF-8 bytes (`%20` for a
    space); everything else, letters of any script included, as written."""
    return _NOT_IN_IRI.sub(lambda m: "".join(f"%{byte:02X}" for byte in m[0].encode("utf-8")), address)


def _ref(node_id: str) -> dict[str, str]:
    return {"@id": ID_PREFIX + node_id}


def _date(value: PartialDate) -> dict[str, str]:
    kind = "xsd:gYear" if value.month is None else "xsd:gYearMonth" if value.day is None else "xsd:date"
    return {"@value": str(value), "@type": kind}


def _put(node: dict[str, Any], key: str, value: Any) -> None:
    if value is None or value == [] or value == "":
        return
    node[key] = value


def _dates(node: dict[str, Any], period: Period) -> None:
    _put(node, "gg:from", _date(period.start) if period.start else None)
    _put(node, "gg:until", _date(period.end) if period.end else None)


def _interval(node_id: str, period: Period) -> dict[str, Any]:
    interval: dict[str, Any] = {"@id": node_id, "@type": "time:Interval"}
    if period.start is not None:
        interval["time:hasBeginning"] = {"@type": "time:Instant", "gg:date": _date(period.start)}
    if period.end is not None:
        interval["time:hasEnd"] = {"@type": "time:Instant", "gg:date": _date(period.end)}
    return interval


def jsonld_data(model: Model) -> dict[str, Any]:
    """The model as a JSON-LD document: `@context` and a `@graph` of nodes sorted by `@id`."""
    nodes: list[dict[str, Any]] = []
    for sid, source in model.sources.items():
        node: dict[str, Any] = {**_ref(sid), "@type": "dct:BibliographicResource", "dct:title": source.title}
        _put(node, "dct:publisher", source.publisher)
        _put(node, "dct:date", _date(source.date) if source.date else None)
        _put(node, "foaf:page", {"@id": iri(source.url)} if source.url else None)
        nodes.append(node)
    for oid, org in model.organisations.items():
        node = {**_ref(oid), "@type": "org:FormalOrganization", "skos:prefLabel": org.name}
        _put(node, "skos:altLabel", [a for a in (org.short, *org.aliases) if a])
        _put(node, "foaf:homepage", {"@id": iri(org.url)} if org.url else None)
        _put(node, "dct:source", _ref(org.source) if org.source else None)
        nodes.append(node)
    for gid, group in model.groups.items():
        node = {**_ref(gid), "@type": ["org:Organization", "gg:Group"], "skos:prefLabel": group.name}
        node["org:hasMember"] = [_ref(m) for m in group.members]
        nodes.append(node)
    for rid, role in model.roles.items():
        node = {**_ref(rid), "@type": "org:Post", "skos:prefLabel": role.title}
        _put(node, "skos:altLabel", list(role.aliases))
        _put(node, "org:postIn", _ref(role.organisation) if role.organisation else None)
        holders = []
        for i, holder in enumerate(role.holders or (), start=1):
            person = {"@id": f"{ID_PREFIX}{rid}/holder/{i}", "@type": "foaf:Person", "foaf:name": holder.name}
            _dates(person, holder.period)
            _put(person, "gg:knownOn", _date(holder.on) if holder.on else None)
            _put(person, "gg:past", True if holder.past else None)
            holders.append(person)
        _put(node, "org:heldBy", holders)
        nodes.append(node)
    reference = time.reference_day(model, None)
    for bid in model.bodies:
        nodes.extend(_body(model, bid, reference))
    nodes.sort(key=lambda n: str(n["@id"]))
    return {"@context": CONTEXT, "@graph": nodes}


def _body(model: Model, bid: str, reference: dt.date) -> list[dict[str, Any]]:
    body = model.bodies[bid]
    node: dict[str, Any] = {**_ref(bid), "@type": ["org:OrganizationalUnit", "gg:Body"]}
    node["skos:prefLabel"] = body.name
    _put(node, "skos:altLabel", [a for a in (body.short, *body.aliases) if a])
    _put(node, "skos:hiddenLabel", list(body.formerly))
    node["gg:kind"] = body.kind
    _put(node, "gg:status", time.status_on(body, None, reference=reference))
    _put(node, "dct:description", body.description)
    _put(node, "foaf:homepage", {"@id": iri(body.url)} if body.url else None)
    _put(node, "org:unitOf", _ref(body.organisation) if body.organisation else None)
    _put(node, "dct:source", _ref(body.source) if body.source else None)
    _put(node, "gg:topByDesign", True if body.top else None)
    _put(node, "gg:holdsPartsToAccount", body.holds_parts_to_account)
    _dates(node, body.period)
    extra: list[dict[str, Any]] = []
    counts: dict[str, int] = {}

    def local(kind: str) -> str:
        counts[kind] = counts.get(kind, 0) + 1
        return f"{ID_PREFIX}{bid}/{kind}/{counts[kind]}"

    for line in body.relations:
        term = vocabulary.relation(line.kind)
        for prop in term.jsonld:
            node.setdefault(prop, []).append(_ref(line.target))
        item: dict[str, Any] = {
            "@id": local("line"),
            "@type": "gg:Line",
            "gg:fromBody": _ref(bid),
            "gg:toBody": _ref(line.target),
            "gg:relation": line.kind,
        }
        _dates(item, line.period)
        _put(item, "dct:source", _ref(line.source) if line.source else None)
        _put(item, "dct:description", line.note)
        _put(item, "gg:by", _ref(line.by) if line.by else None)
        # Containment that is not accountability (a part of a partnership) says so.
        _put(item, "gg:accountable", False if not line.accountable else None)
        extra.append(item)
        if term.succession:
            change = {
                "@id": local("succession"),
                "@type": "org:ChangeEvent",
                "org:originalOrganization": _ref(bid),
                "org:resultingOrganization": _ref(line.target),
            }
            _put(change, "dct:date", _date(line.period.start) if line.period.start else None)
            extra.append(change)
    seats: list[tuple[str, str, str | None, Period, str | None, str | None, dict[str, Any]]] = []
    for c in body.chairs:
        more: dict[str, Any] = {}
        _put(more, "gg:selection", c.selection)
        _put(more, "gg:selectedBy", _ref(c.selected_by) if c.selected_by else None)
        seats.append((c.role, vocabulary.capacity(c.capacity).jsonld, None, c.period, c.source, None, more))
    for m in body.members:
        more = {}
        _put(more, "gg:standing", m.standing)
        _put(more, "gg:seats", m.seats)
        _put(more, "gg:forOrganization", _ref(m.for_) if m.for_ else None)
        _put(more, "gg:past", True if m.past else None)
        role = vocabulary.standing(m.standing).jsonld if m.standing else "gg:Member"
        seats.append((m.member, role, m.as_, m.period, m.source, m.note, more))
    for member, role, as_, period, source, note, more in seats:
        membership_id = local("membership")
        item = {
            "@id": membership_id,
            "@type": "org:Membership",
            "org:member": _ref(member),
            "org:organization": _ref(bid),
            "org:role": {"@id": role},
            "org:memberDuring": _interval(membership_id + "/during", period),
        }
        _put(item, "gg:as", as_)
        _put(item, "dct:source", _ref(source) if source else None)
        _put(item, "dct:description", note)
        item.update(more)
        extra.append(item)
    for entry in body.history:
        change = {
            "@id": local("event"),
            "@type": "org:ChangeEvent",
            "org:originalOrganization": _ref(bid),
        }
        # An event whose date is not recorded has only the latest date it can have happened.
        change["dct:date" if entry.date_known else "gg:notAfter"] = _date(entry.date)
        _put(change, "gg:status", entry.status)
        _put(change, "gg:name", entry.name)
        _put(change, "gg:decidedBy", _ref(entry.decided_by) if entry.decided_by else None)
        _put(change, "dct:description", entry.note)
        _put(change, "dct:source", _ref(entry.source) if entry.source else None)
        extra.append(change)
    if body.terms is not None:
        extra.append(_terms(bid, body.terms))
    return [node, *extra]


def _terms(bid: str, terms: Terms) -> dict[str, Any]:
    """A body's terms of reference as a `gg:TermsOfReference` node (ORG has no such class)."""
    node: dict[str, Any] = {"@id": f"{ID_PREFIX}{bid}/terms", "@type": "gg:TermsOfReference", "gg:of": _ref(bid)}
    _put(node, "dct:source", _ref(terms.source) if terms.source else None)
    _put(node, "dct:issued", _date(terms.approved) if terms.approved else None)
    _put(node, "gg:approvedBy", _ref(terms.approved_by) if terms.approved_by else None)
    due = time.review_due(terms)
    _put(node, "gg:reviewDue", _date(due) if due else None)
    _put(node, "gg:membersAtLeast", terms.members_at_least)
    if terms.quorum is not None:
        q = terms.quorum
        quorum: dict[str, Any] = {}
        _put(quorum, "gg:count", q.count)
        _put(quorum, "gg:fraction", f"{q.fraction[0]}/{q.fraction[1]}" if q.fraction else None)
        _put(quorum, "gg:majority", True if q.majority else None)
        _put(quorum, "gg:withoutChair", q.without_chair)
        needs: list[dict[str, Any]] = []
        for need in q.needs:
            if need.chair or need.chair_or_vice:
                needs.append({"gg:who": "chair" if need.chair else "chair_or_vice"})
            elif need.role is not None:
                needs.append({"gg:post": _ref(need.role)})
            elif need.group is not None:
                needs.append({"gg:group": _ref(need.group), "gg:count": need.count})
        _put(quorum, "gg:present", needs)
        node["gg:quorum"] = quorum
    if terms.meets is not None:
        meets: dict[str, Any] = {}
        _put(meets, "gg:frequency", terms.meets.frequency)
        _put(meets, "gg:perYear", terms.meets.per_year)
        _put(meets, "gg:months", list(terms.meets.months))
        node["gg:meets"] = meets
    reports = []
    for report in terms.reports:
        item: dict[str, Any] = {}
        _put(item, "gg:to", _ref(report.to) if report.to else None)
        _put(item, "gg:what", report.what)
        _put(item, "gg:frequency", report.frequency)
        _put(item, "gg:perYear", report.per_year)
        _put(item, "gg:afterEachMeeting", True if report.after_each_meeting else None)
        _put(item, "gg:months", list(report.months))
        reports.append(item)
    _put(node, "gg:reports", reports)
    _put(node, "gg:excludes", [_ref(r) for r in terms.excludes])
    return node


def jsonld(model: Model) -> str:
    """The JSON-LD document as text (UTF-8, two-space indent, a final newline)."""
    return json.dumps(jsonld_data(model), indent=2, ensure_ascii=False) + "\n"
