"""The Markdown pages of the documentation build, from Jinja templates (`templates/*.md.j2`).

Every `{{ ... }}` in a template is escaped as Markdown (the environment's `finalize`), so model text can never
become markup; what govgraph builds itself (links, code spans) is `Markup` and passes through. Links are relative
`.md` paths, which GitHub and GitLab follow as they are and MkDocs and MyST rewrite to their pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from govgraph.checks import CheckResult
from govgraph.checks.report import summary_line
from govgraph.findings import Finding
from govgraph.model import ACCOUNTABILITY, BODY_KINDS, LINE_VERBS, RELATION_LABELS, Body, Model, PartialDate, Relation
from govgraph.queries import Card, ChainAnswer, Route, chain, paths, show
from govgraph.render.markdown import code, link, md
from govgraph.render.svg import safe_url
from govgraph.render.text import row_notes

#: Link labels of the diagram files.
FORMAT_NAMES: Mapping[str, str] = {"svg": "SVG", "png": "PNG", "pdf": "PDF", "dot": "DOT", "mmd": "Mermaid"}

#: Headings of the index's table of bodies, by kind.
KIND_TITLES: Mapping[str, str] = {
    "executive": "Executives",
    "board": "Boards",
    "committee": "Committees",
    "advisory_group": "Advisory groups",
    "steering_group": "Steering groups",
    "forum": "Forums",
    "network": "Networks",
    "community_of_practice": "Communities of practice",
    "partnership": "Partnerships",
    "programme": "Programmes",
    "project": "Projects",
    "workstream": "Workstreams",
    "capability": "Capabilities",
    "team": "Teams",
}


@dataclass(frozen=True)
class DiagramLinks:
    """A diagram as the pages show it: its title, the SVG to show, every file of it as (label, path), and, for a
    structure drawn as a linked set of sheets, the sheets its boxes open."""

    title: str
    image: str
    files: tuple[tuple[str, str], ...]
    parts: tuple[DiagramLinks, ...] = ()


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
        # `finalize` escapes every value as Markdown and returns Markup, which autoescaping then leaves alone;
        # autoescaping is on so that macros return Markup too and are not escaped a second time.
        autoescape=True,
        finalize=md,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
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


def _words(value: str) -> str:
    return value.replace("_", " ")


def _when(date: PartialDate | None) -> str:
    return f" {date.describe()}" if date else ""


def body_link(model: Model, body_id: str, prefix: str = "") -> Markup:
    """A link to a body's page, showing its short name (`prefix` leads from the linking page to the root)."""
    return link(model.name_of(body_id), f"{prefix}bodies/{body_id}.md")


def status_text(body: Body, day: dt.date | None) -> str:
    """`under review since March 2024`, `closed March 2025`, `active`."""
    status = body.status_on(day)
    since = None
    for entry in body.history:
        if entry.status is not None and (day is None or entry.date.first <= day):
            since = entry.date if entry.status == status else since
    if since is None:
        return _words(status)
    joiner = " since " if status in ("under_review", "active", "proposed") else " "
    return f"{_words(status)}{joiner}{since.describe()}"


def _line_notes(line: Relation, reference: dt.date | None) -> str:
    notes = [line.period.describe()] if line.period.describe() else []
    if line.period.ended_by(reference):
        notes.append("ended")
    return f" ({', '.join(notes)})" if notes else ""


def _route_markdown(model: Model, route: Route, reference: dt.date | None) -> Markup:
    """`[Community Chest](…) reports to [CLP](…), which reports to [PCAG](…)`, with ended lines and closed bodies."""
    parts = [body_link(model, route.start, "")]
    for number, step in enumerate(route.steps):
        verb = LINE_VERBS.get(step.kind, step.kind) if number == 0 else f"which {LINE_VERBS.get(step.kind, step.kind)}"
        sep = " " if number == 0 else ", "
        parts.append(md(f"{sep}{verb} "))
        parts.append(body_link(model, step.target, ""))
        if step.period.ended_by(reference):
            parts.append(md(f" (ended {step.period.end.describe()})" if step.period.end else " (ended)"))
    if route.closed:
        parts.append(md(". Closed: " + ", ".join(model.name_of(b) for b in route.closed)))
    return Markup("").join(parts)


def _chain_rows(answer: ChainAnswer, prefix: str) -> list[Markup]:
    """The chain as a nested Markdown list: the body, then each line up, indented under the body it leaves."""
    m = answer.model
    rows = []
    for row in answer.rows:
        indent = Markup("  " * row.depth)
        if row.line is None:
            rows.append(indent + Markup("- ") + md(m.name_of(row.body)))
            continue
        notes = row_notes(row)
        text = Markup("").join(
            [
                md(RELATION_LABELS[row.line.kind] + " "),
                body_link(m, row.body, prefix),
                md(f" ({'; '.join(notes)})" if notes else ""),
            ]
        )
        rows.append(indent + Markup("- ") + text)
    return rows


def _member_text(model: Model, card: Card) -> list[Markup]:
    out = []
    for member in card.members:
        what = "" if member.member_kind == "role" else f" ({member.member_kind})"
        as_ = f", as {member.as_}" if member.as_ else ""
        dates = f" ({member.period.describe()})" if member.period.describe() else ""
        out.append(md(f"{model.name_of(member.member)}{what}{as_}{dates}"))
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
    sheet: tuple[str, str] | None = None,
) -> str:
    """The page of one body: its card, local diagram, route to the top, other lines, members and
    representation, status history and sources.

    Args:
        diagram: the body's local diagram (paths relative to the output root).
        as_of: the date the section describes (None: the whole recorded history).
        extras: further sections (already Markdown), appended before the footer.
        sheet: where the diagram of the whole structure, drawn as several sheets, draws this body with what hangs
            below it: (the sheet's title, its SVG's path).
    """
    card = show(model, body_id, as_of=as_of)
    body, prefix = card.body, "../"
    answer = chain(model, body_id, as_of=as_of)
    reference = card.reference
    closure = None
    if card.closure is not None and card.status in ("closed", "transitioned"):
        by = f" by decision of {model.name_of(card.closure.decided_by)}" if card.closure.decided_by else ""
        closure = f"{_words(card.closure.status or 'closed').capitalize()}{_when(card.closure.date)}{by}."
    other = [line for line in card.lines_out if line.kind not in ACCOUNTABILITY]
    lines_out = [
        Markup("").join(
            [md(LINE_VERBS[line.kind] + " "), body_link(model, line.target, prefix), md(_line_notes(line, reference))]
        )
        for line in other
    ]
    lines_in = [
        Markup("").join(
            [
                body_link(model, line.source_body, prefix),
                md(f" {LINE_VERBS[line.kind]} this{_line_notes(line, reference)}"),
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
            for x in (_words(entry.status) if entry.status else "", f"renamed {entry.name}" if entry.name else "")
            if x
        )
        decider = entry.decided_by
        if decider is None:
            decided = md("")
        else:
            decided = body_link(model, decider, prefix) if decider in model.bodies else md(model.name_of(decider))
        history.append(
            {
                "date": entry.date.describe(),
                "change": change,
                "decided_by": decided,
                "note": entry.note or "",
                "source": _source_text(model, entry.source),
            }
        )
    sources = [_source_markdown(s.title, s.publisher, s.date, s.url) for s in card.sources]
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
        kind=_words(body.kind),
        status=status_text(body, card.as_of),
        closure=closure,
        chairs="; ".join(
            model.name_of(c.role) + (f" ({c.period.describe()})" if c.period.describe() else "") for c in card.chairs
        ),
        chair_label="Co-chairs" if card.co_chaired else "Chair",
        aliases="; ".join(body.aliases),
        formerly="; ".join(body.formerly),
        body_url=_url_markdown(body.url, body.url) if body.url else "",
        diagram=diagram,
        sheet=link(sheet[0], prefix + sheet[1]) if sheet else "",
        route=_chain_rows(answer, "../") if len(answer.rows) > 1 else [],
        dotted=lines_out,
        lines_in=lines_in,
        members=_member_text(model, card),
        representation=representation,
        history=history,
        sources=sources,
        extras=extras,
    )


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
    for kind in BODY_KINDS:
        bodies = sorted(
            (b for b in model.bodies.values() if b.kind == kind), key=lambda b: (b.display_name.casefold(), b.id)
        )
        if not bodies:
            continue
        rows = []
        for body in bodies:
            chairs = [c for c in body.chairs if day is None or c.period.holds_on(day)]
            parents = [
                Markup("").join([md("part of ") if line.kind == "part_of" else md(""), body_link(model, line.target)])
                for line in sorted(body.relations, key=lambda r: (r.kind != "reports_to", r.target))
                if line.kind in ACCOUNTABILITY
            ]
            rows.append(
                {
                    "id": body.id,
                    "chairs": "; ".join(model.name_of(c.role) for c in chairs),
                    "status": status_text(body, day),
                    "parents": Markup(", ").join(dict.fromkeys(parents)),
                }
            )
        kinds.append({"title": KIND_TITLES[kind], "rows": rows})
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


def tops(model: Model) -> list[str]:
    """Bodies with no line of accountability up from them: where routes end."""
    return sorted(b.id for b in model.bodies.values() if not any(r.kind in ACCOUNTABILITY for r in b.relations))


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
            answer = paths(model, body.id, top, include=("dotted", "steers"), as_of=as_of)
            reference = answer.reference
            for route in answer.routes:
                (dotted if route.relations - set(ACCOUNTABILITY) else solid).append(route)
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
        summary=summary_line(result.findings, Path(model.file).name).capitalize(),
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
    from govgraph.changes.report import timeline_markdown

    events = Markup(timeline_markdown(model, until=as_of))  # already Markdown, its model text escaped
    return _page("timeline.md.j2", scope=scope_sentence(model, as_of), events=events)


def body_timeline(model: Model, body_id: str, *, as_of: PartialDate | None) -> Markup:
    """A body page's timeline section."""
    from govgraph.changes.report import timeline_markdown

    return Markup("## Timeline\n\n") + Markup(timeline_markdown(model, body_id, until=as_of))
