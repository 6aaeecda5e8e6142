"""The Markdown pages of the documentation build, from Jinja templates (`templates/*.md.j2`).

Every `{{ ... }}` in a template is escaped as Markdown (the environment's `finalize`), so model text can never
become markup; what govgraph builds itself (links, code spans) is `Markup` and passes through. Links are relative
`.md` paths, which GitHub and GitLab follow as they are and MkDocs and MyST rewrite to their pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from govgraph import time, vocabulary
from govgraph.checks import CheckResult
from govgraph.findings import Finding
from govgraph.model import Body, Chair, Model, PartialDate
from govgraph.queries import Card, ChainAnswer, Route, chain, paths, show, tops_above
from govgraph.render.checks import summary_line
from govgraph.render.markdown import code, link, md
from govgraph.render.svg import safe_url
from govgraph.render.templates import Environment, environment
from govgraph.render.terms import NO_TERMS_RECORDED, membership_table, records_terms, terms_rows
from govgraph.render.text import ended_bodies, line_marks, row_notes
from govgraph.render.words import (
    capacity_words,
    chair_gap,
    chair_groups,
    chair_selection,
    entry_date_words,
    kind_title,
    kind_words,
    no_line_up,
    relation_verb,
    relation_words,
    seat_notes,
    source_use,
    status_words,
    term_words,
    top_kind_words,
)
from govgraph.vocabulary import accountability

#: Link labels of the diagram files.
FORMAT_NAMES: Mapping[str, str] = {"svg": "SVG", "png": "PNG", "pdf": "PDF", "dot": "DOT", "mmd": "Mermaid"}


@dataclass(frozen=True)
class DiagramLinks:
    """A diagram as the pages show it: its title, the SVG to show, every file of it as (label, path), and, for a
    structure drawn as a linked set of sheets, the sheets its boxes open."""

    title: str
    image: str
    files: tuple[tuple[str, str], ...]
    parts: tuple[DiagramLinks, ...] = ()


@cache
def _environment() -> Environment:
    # `finalize` escapes every value as Markdown and returns Markup, which autoescaping then leaves alone;
    # autoescaping is on so that macros return Markup too and are not escaped a second time.
    env = environment(Path(__file__).with_name("templates"), finalize=md)
    env.globals.update(link=link, code=code)
    return env


def _page(template: str, **context: Any) -> str:
    text = _environment().get_template(template).render(**context)
    # Templates leave blank runs where optional sections are absent; a page has at most one blank line in a row.
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() or (lines and lines[-1].strip()):
            lines.append(line.rstrip())
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines) + "\n"


def _when(date: PartialDate | None) -> str:
    return f" {date.describe()}" if date else ""


def body_link(model: Model, body_id: str, prefix: str = "") -> Markup:
    """A link to a body's page, showing its short name (`prefix` leads from the linking page to the root)."""
    return link(model.name_of(body_id), f"{prefix}bodies/{body_id}.md")


def status_text(model: Model, body: Body, day: dt.date | None) -> str:
    """`under review since March 2024`, `closed March 2025`, `active`, `not recorded`: the status on `day`
    (for the whole record, at the model's reference day) and the date it began, where recorded."""
    reference = time.reference_day(model, day)
    status = time.status_on(body, day, reference=reference)
    entry = time.status_entry(body, day, reference=reference)
    if status is None:
        return "not recorded"  # after the word "Status", as the pages show it
    if entry is None:
        return status_words(status)
    # A body that no longer operates did so from a date ("closed March 2025"); another has been so since one.
    joiner = " " if status in vocabulary.ended_statuses() else " since "
    return f"{status_words(status)}{joiner}{entry.date.describe()}"


#: Steps of a route on the paths page shown at each end; the middle of a longer route is one link to its body's
#: page. Keeps each route's Markdown bounded, however deep the structure.
ROUTE_ENDS = 5
#: Levels of a body's route to the top shown on its page (the line continues on the page of the body reached
#: last). Markdown parsers nest lists only so deep (markdown-it, which MyST uses, shows the text of nine levels and
#: leaves a tenth empty); the route is the body, seven levels up and the line saying where it continues.
ROUTE_LEVELS = 7
#: Tops named where a route continues on another page; more are counted.
_TOPS_NAMED = 3
#: One level of a nested Markdown list: four spaces, as Python-Markdown (MkDocs) needs; CommonMark takes it too.
_NEST = "    "


def _route_markdown(model: Model, route: Route, reference: dt.date | None) -> Markup:
    """`[Community Chest](…) reports to [CLP](…), which reports to [PCAG](…)`, with ended lines and closed bodies;
    a route longer than twice `ROUTE_ENDS` steps shows its ends and links its start's page for the middle."""
    parts = [body_link(model, route.start, "")]
    steps = list(enumerate(route.steps))
    collapsed = len(steps) > 2 * ROUTE_ENDS
    shown = [*steps[:ROUTE_ENDS], None, *steps[-ROUTE_ENDS:]] if collapsed else steps
    for item in shown:
        if item is None:
            hidden = len(steps) - 2 * ROUTE_ENDS
            parts.append(md(f", … {hidden:,} more steps (see the route on "))
            parts.append(link(f"{model.name_of(route.start)}'s page", f"bodies/{route.start}.md#route-to-the-top"))
            parts.append(md(") …"))
            continue
        number, step = item
        verb = relation_verb(step.kind) if number == 0 else f"which {relation_verb(step.kind)}"
        sep = " " if number == 0 else ", "
        parts.append(md(f"{sep}{verb} "))
        parts.append(body_link(model, step.target, ""))
        if time.ended_by(step.period, reference):
            parts.append(md(f" (ended {step.period.end.describe()})" if step.period.end else " (ended)"))
    if route.closed:
        parts.append(md(". " + ended_bodies(model, route.closed, reference)))
    return Markup("").join(parts)


def _chain_rows(answer: ChainAnswer, prefix: str, tops: Mapping[str, frozenset[str]]) -> list[Markup]:
    """The chain as a nested Markdown list: the body, then each line up, indented under the body it leaves. Where
    the chain was cut (`chain(..., depth=ROUTE_LEVELS)`), one more item names the tops further up and links the
    page of the body reached last, whose route goes on from there."""
    m = answer.model
    rows = []
    for row in answer.rows:
        indent = Markup(_NEST * row.depth)
        if row.line is None:
            rows.append(indent + Markup("- ") + md(m.name_of(row.body)))
        else:
            notes = row_notes(replace(row, hidden=0))
            text = Markup("").join(
                [
                    md(relation_words(row.line.kind) + " "),
                    body_link(m, row.body, prefix),
                    md(f" ({'; '.join(notes)})" if notes else ""),
                ]
            )
            rows.append(indent + Markup("- ") + text)
        if row.hidden:
            rows.append(Markup(_NEST * (row.depth + 1)) + Markup("- ") + _continued(m, row.body, tops, prefix))
    return rows


def _continued(model: Model, body_id: str, tops: Mapping[str, frozenset[str]], prefix: str) -> Markup:
    """`… and on up to [LCEG](…): see the route of [CLP](…#route-to-the-top)`."""
    ends = sorted(tops.get(body_id, frozenset()), key=lambda b: (model.name_of(b).casefold(), b))
    if ends:
        named = [body_link(model, b, prefix) for b in ends[:_TOPS_NAMED]]
        more = md(f" and {len(ends) - _TOPS_NAMED} more") if len(ends) > _TOPS_NAMED else md("")
        reach = Markup("").join([md("… and on up to "), Markup(", ").join(named), more])
    else:
        reach = md("… and on up, round a cycle")
    where = link(model.name_of(body_id), f"{prefix}bodies/{body_id}.md#route-to-the-top")
    return Markup("").join([reach, md(": see the route of "), where])


def _member_text(model: Model, card: Card) -> list[Markup]:
    out = []
    for member in card.members:
        what = "" if member.member_kind == "role" else f" ({member.member_kind})"
        as_ = f", as {member.as_}" if member.as_ else ""
        notes = seat_notes(member, model.name_of, card.reference)
        dates = f" ({'; '.join(notes)})" if notes else ""
        note = f": {member.note}" if member.note else ""
        out.append(md(f"{model.name_of(member.member)}{what}{as_}{dates}{note}"))
    return out


def _source_text(model: Model, source_id: str | None) -> str:
    if source_id is None or source_id not in model.sources:
        return ""
    return model.sources[source_id].title


def body_page(
    model: Model,
    body_id: str,
    *,
    diagram: DiagramLinks,
    as_of: PartialDate | None,
    extras: Sequence[Markup] = (),
    tops: Mapping[str, frozenset[str]] | None = None,
    sheet: tuple[str, str] | None = None,
) -> str:
    """The page of one body: its card, local diagram, route to the top (`ROUTE_LEVELS` levels of it, and where it
    goes on), other lines, members and representation, status history and sources.

    Args:
        diagram: the body's local diagram (paths relative to the output root).
        as_of: the date the section describes (None: the whole recorded history).
        extras: further sections (already Markdown), appended before the footer.
        tops: `queries.tops_above(model, as_of=as_of)`, where the caller makes many pages (computed if not given).
        sheet: where the diagram of the whole structure, drawn as several sheets, draws this body with what hangs
            below it: (the sheet's title, its SVG's path).
    """
    card = show(model, body_id, as_of=as_of)
    body, prefix = card.body, "../"
    answer = chain(model, body_id, as_of=as_of, depth=ROUTE_LEVELS)
    if tops is None and any(row.hidden for row in answer.rows):
        tops = tops_above(model, as_of=as_of)
    reference = card.reference
    closure = None
    if card.closure is not None and card.status in vocabulary.ended_statuses():
        by = f" by decision of {model.name_of(card.closure.decided_by)}" if card.closure.decided_by else ""
        closure = f"{status_words(card.closure.status).capitalize()}{_when(card.closure.date)}{by}."
    other = [line for line in card.lines_out if line.kind not in accountability()]
    lines_out = [
        Markup("").join(
            [
                md(relation_verb(line.kind) + " "),
                body_link(model, line.target, prefix),
                md(line_marks(model, line, reference)),
            ]
        )
        for line in other
    ]
    lines_in = [
        Markup("").join(
            [
                body_link(model, line.source_body, prefix),
                md(f" {relation_verb(line.kind)} this{line_marks(model, line, reference)}"),
            ]
        )
        for line in card.lines_in
    ]
    representation = []
    for rep in card.representation:
        size = len(rep.represented) + len(rep.missing)
        state = (
            f"all {size} represented"
            if not rep.missing
            else "missing " + ", ".join(model.name_of(x) for x in rep.missing)
        )
        representation.append({"group": model.name_of(rep.group), "state": state})
    history = []
    for entry in card.history:
        change = ", ".join(
            x
            for x in (status_words(entry.status) if entry.status else "", f"renamed {entry.name}" if entry.name else "")
            if x
        )
        decider = entry.decided_by
        if decider is None:
            decided = md("")
        else:
            decided = body_link(model, decider, prefix) if decider in model.bodies else md(model.name_of(decider))
        history.append(
            {
                "date": entry_date_words(entry),
                "change": change,
                "decided_by": decided,
                "note": entry.note or "",
                "source": _source_text(model, entry.source),
            }
        )
    sources = [_source_markdown(s.title, s.publisher, s.date, s.url) + md(source_use(card, s.id)) for s in card.sources]
    return _page(
        "body.md.j2",
        model=model,
        model_name=Path(model.file).name,
        body=body,
        heading=body.name + (f" ({body.short})" if body.short else ""),
        in_force=body.period.describe(),
        managed_by=[
            model.name_of(x.organisation) + (f" ({x.period.describe()})" if x.period.describe() else "")
            for x in body.managed_by
        ],
        kind=kind_words(body.kind),
        status=status_text(model, body, card.as_of),
        closure=closure,
        chairs=[
            {
                "label": label[:1].upper() + label[1:],
                "names": "; ".join(_chair_text(model, c, card.reference) for c in chairs),
            }
            for label, chairs in chair_groups(card.chairs)
        ]
        # A body of a kind that has a chair, with none recorded, says so: a gap is shown as a gap.
        or ([{"label": "Chair", "names": chair_gap(body.kind)}] if chair_gap(body.kind) else []),
        aliases="; ".join(body.aliases),
        formerly="; ".join(body.formerly),
        body_url=_url_markdown(body.url, body.url) if body.url else "",
        diagram=diagram,
        sheet=link(sheet[0], prefix + sheet[1]) if sheet else "",
        route=_chain_rows(answer, "../", tops or {}) if len(answer.rows) > 1 else [],
        dotted=lines_out,
        top_kinds=top_kind_words(),
        lines_in=lines_in,
        members=_member_text(model, card),
        terms=_terms_section(model, body, card),
        representation=representation,
        history=history,
        sources=sources,
        extras=extras,
    )


def _terms_section(model: Model, body: Body, card: Card) -> dict[str, Any] | None:
    """The "Terms of reference" section of a body's page: who sits there with what standing, then the terms in
    words (quorum, meetings, reports, approval and review, sources); None where the body records no terms and no
    standing."""
    rows = terms_rows(model, body, card.as_of)
    if not records_terms(rows, card.chairs, card.members):
        return None
    table = [
        {"who": seat.who, "standing": seat.standing, "seats": seat.seats, "as": seat.as_, "note": seat.note}
        for seat in membership_table(model, card.chairs, card.members)
    ]
    return {
        "table": table,
        # A Note column only where some seat has one.
        "notes": any(row["note"] for row in table),
        "rows": [{"what": what[:1].upper() + what[1:], "said": said} for what, said in rows],
        "none": NO_TERMS_RECORDED,
    }


def _chair_text(model: Model, chair: Chair, reference: dt.date | None = None) -> str:
    """`NHSE London Personalised Care SRO (appointed by the Board; from 2024)`, with `, ended` after a term that had
    run out by `reference`."""
    notes = [n for n in (chair_selection(chair, model.name_of), term_words(chair.period, reference)) if n]
    return model.name_of(chair.role) + (f" ({'; '.join(notes)})" if notes else "")


def _url_markdown(text: str, url: str) -> Markup:
    """A link to an outside page, only for http(s) and mailto addresses (anything else shows as text)."""
    if not safe_url(url) or not url.lower().startswith(("http://", "https://", "mailto:")):
        return md(text)
    from urllib.parse import quote

    target = quote(url, safe=":/?#[]@!$&'*+,;=%~")
    return Markup(f"[{md(text)}](<{target}>)")


def _source_markdown(title: str, publisher: str | None, date: PartialDate | None, url: str | None) -> Markup:
    extra = ", ".join(x for x in (publisher, date.describe() if date else None) if x)
    head = _url_markdown(title, url) if url else md(title)
    return Markup("").join([head, md(f" ({extra})" if extra else "")])


def index_page(
    model: Model,
    *,
    overview: DiagramLinks,
    views: Sequence[DiagramLinks],
    result: CheckResult,
    as_of: PartialDate | None,
    allow_errors: bool,
    extras: Sequence[tuple[str, str]] = (),
) -> str:
    """The section's front page: title and date, the overview diagram, the bodies by kind with chairs and
    status, and the check summary.

    Args:
        extras: further pages to link, as (title, path).
    """
    day = as_of.last if as_of else None
    kinds = []
    for kind in vocabulary.kind_names():
        bodies = sorted(
            (b for b in model.bodies.values() if b.kind == kind), key=lambda b: (b.display_name.casefold(), b.id)
        )
        if not bodies:
            continue
        rows = []
        for body in bodies:
            chairs = [c for c in body.chairs if day is None or time.holds_on(c.period, day)]
            # A body's parents by the line of accountability: those it reports to, then those it is part of.
            parents = [
                Markup("").join([md(_parent_words(line.kind)), body_link(model, line.target)])
                for line in sorted(body.relations, key=lambda r: (r.kind != "reports_to", r.target))
                if line.kind in accountability()
            ]
            rows.append(
                {
                    "id": body.id,
                    "chairs": "; ".join(
                        model.name_of(c.role) + ("" if c.capacity == "chair" else f" ({capacity_words(c.capacity)})")
                        for c in chairs
                    )
                    or chair_gap(body.kind),
                    "status": status_text(model, body, day),
                    "parents": Markup(", ").join(dict.fromkeys(parents)) or no_line_up(body),
                }
            )
        kinds.append({"title": kind_title(kind), "rows": rows})
    return _page(
        "index.md.j2",
        model=model,
        model_name=Path(model.file).name,
        scope=scope_sentence(model, as_of),
        overview=overview,
        views=views,
        kinds=kinds,
        check_summary=summary_line(result.findings, Path(model.file).name),
        allow_errors=allow_errors,
        extras=[{"title": t, "path": p} for t, p in extras],
    )


def scope_sentence(model: Model, as_of: PartialDate | None) -> str:
    """What date the section describes, in words."""
    if as_of is not None:
        return (
            f"The structure as it stood in {as_of.describe()}"
            if as_of.day is None
            else f"The structure on {as_of.describe()}"
        )
    if model.as_of is not None:
        return f"The whole recorded history; the model is true to {model.as_of.describe()}"
    return "The whole recorded history"


def _parent_words(relation: str) -> str:
    """What goes before a parent in the index: nothing for the line a body reports to, else the relation."""
    return "" if relation == "reports_to" else relation_words(relation) + " "


def _routes_include() -> tuple[str, ...]:
    """Every relation a route may add to accountability (`paths(include=...)`), by its first word."""
    return tuple(sorted({vocabulary.relation(r).include[0] for r in vocabulary.includable().values()}))


def tops(model: Model) -> list[str]:
    """Bodies with no line of accountability up from them: where routes end."""
    return sorted(b.id for b in model.bodies.values() if not any(r.kind in accountability() for r in b.relations))


def paths_page(model: Model, *, as_of: PartialDate | None) -> str:
    """Every project's route to the top: solid routes first, then those through a dotted line or steering."""
    projects = []
    reference = None
    ends = tops(model)
    for body in sorted((b for b in model.bodies.values() if b.kind == "project"), key=lambda b: b.id):
        solid: list[Route] = []
        dotted: list[Route] = []
        for top in ends:
            if top == body.id:
                continue
            answer = paths(model, body.id, top, include=_routes_include(), as_of=as_of)
            reference = answer.reference
            for route in answer.routes:
                (dotted if route.relations - set(accountability()) else solid).append(route)
        key = _route_key
        projects.append(
            {
                "id": body.id,
                "solid": [_route_markdown(model, r, reference) for r in sorted(solid, key=key)],
                "dotted": [_route_markdown(model, r, reference) for r in sorted(dotted, key=key)],
            }
        )
    return _page(
        "paths.md.j2",
        model=model,
        scope=scope_sentence(model, as_of),
        projects=projects,
    )


def _route_key(route: Route) -> tuple[int, tuple[str, ...]]:
    return (route.length, route.bodies)


def _where(finding: Finding) -> str:
    loc = finding.location
    return f"{Path(loc.file).name}:{loc.line}:{loc.column}" if loc else ""


def checks_page(model: Model, result: CheckResult) -> str:
    """What `govgraph check` reports on the model, and what is silenced on purpose, with the reasons."""
    return _page(
        "checks.md.j2",
        summary=summary_line(result.findings, Path(model.file).name),
        findings=[
            {"where": _where(f), "severity": str(f.severity), "code": f.code, "message": f.message}
            for f in result.findings
        ],
        suppressed=[
            {"where": _where(f), "code": f.code, "message": f.message, "reason": s.reason or ""}
            for f, s in result.suppressed
        ],
    )


def timeline_page(model: Model, *, as_of: PartialDate | None) -> str:
    """Every dated event of the model (up to `as_of`, when given), oldest first."""
    from govgraph.render.changelog import timeline_markdown

    events = Markup(timeline_markdown(model, until=as_of, as_of=as_of))  # already Markdown, its model text escaped
    return _page("timeline.md.j2", scope=scope_sentence(model, as_of), events=events)


def body_timeline(model: Model, body_id: str, *, as_of: PartialDate | None) -> Markup:
    """A body page's timeline section."""
    from govgraph.render.changelog import timeline_markdown

    return Markup("## Timeline\n\n") + Markup(timeline_markdown(model, body_id, until=as_of, as_of=as_of))
