"""Plain-text renderings of query answers, as the command line prints them."""

from __future__ import annotations

from govgraph.model import RELATION_LABELS, Model, Period
from govgraph.queries import Card


def _kind(kind: str) -> str:
    return kind.replace("_", " ")


def _status(status: str) -> str:
    return status.replace("_", " ")


def _dated(period: Period) -> str:
    text = period.describe()
    return f" ({text})" if text else ""


def _member(model: Model, kind: str, member: str) -> str:
    name = model.name_of(member)
    return f"{name} [{kind}]" if kind != "role" else name


def card_text(card: Card) -> str:
    """A body's card: names, kind, status and history, chairs, members, lines in and out, sources."""
    b, m = card.body, card.model
    out: list[str] = []
    title = b.name + (f" ({b.short})" if b.short else "")
    out.append(title)
    out.append("=" * len(title))
    facts = [f"id: {b.id}", f"kind: {_kind(b.kind)}", f"status: {_status(card.status)}"]
    if card.as_of is not None:
        facts.append(f"as of {card.as_of.isoformat()}")
    out.append(" | ".join(facts))
    if card.closure is not None and card.status in ("closed", "transitioned"):
        by = f" by decision of {m.name_of(card.closure.decided_by)}" if card.closure.decided_by else ""
        out.append(f"{_status(card.closure.status or 'closed').capitalize()} {card.closure.date.describe()}{by}.")
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
        out.append(f"managed by: {m.name_of(mb.organisation)}{_dated(mb.period)}")
    if card.chairs:
        label = "co-chairs" if card.co_chaired else "chair"
        out.append(f"{label}:")
        out.extend(f"  - {m.name_of(c.role)}{_dated(c.period)}" for c in card.chairs)
    if card.members:
        out.append("members:")
        for mem in card.members:
            as_ = f", as {mem.as_}" if mem.as_ else ""
            out.append(f"  - {_member(m, mem.member_kind, mem.member)}{as_}{_dated(mem.period)}")
    if b.represented:
        out.append("must represent: " + "; ".join(m.name_of(g) for g in b.represented))
    if card.lines_out:
        out.append("lines out:")
        for rel in card.lines_out:
            out.append(f"  - {RELATION_LABELS[rel.kind]} {m.name_of(rel.target)}{_dated(rel.period)}")
    if card.lines_in:
        out.append("lines in:")
        for rel in card.lines_in:
            out.append(f"  - {m.name_of(rel.source_body)} {RELATION_LABELS[rel.kind]} this{_dated(rel.period)}")
    if card.history:
        out.append("history:")
        for h in card.history:
            parts = []
            if h.status:
                parts.append(_status(h.status))
            if h.name:
                parts.append(f"renamed {h.name}")
            if h.decided_by:
                parts.append(f"decided by {m.name_of(h.decided_by)}")
            text = ", ".join(parts)
            if h.note:
                text = f"{text}: {h.note}" if text else h.note
            out.append(f"  - {h.date.describe()}: {text}")
    if card.sources:
        out.append("sources:")
        for s in card.sources:
            extra = ", ".join(x for x in (s.publisher, str(s.date) if s.date else None) if x)
            out.append(f"  - {s.title}" + (f" ({extra})" if extra else ""))
    out.append(f"defined at {b.location}")
    return "\n".join(out) + "\n"
