"""The interactive governance page: one self-contained HTML file that works offline and under a strict CSP.

`html_page(model, ...)` returns the page as text and writes nothing; `plan_page` does all of it but drawing the
diagram, and gives a key that changes whenever the page would (the documentation build compares keys, without an
engine, to know whether its page is current). The page holds:

- the diagram as inline SVG, drawn by the Graphviz engine through `render_diagram` (so it is escaped and
  post-processed like any other SVG), then given what the page needs: each body's box is focusable and named
  (`data-id`, `role="button"`), each line carries its index into the embedded data. A structure too large to
  read as one diagram is the linked set of sheets every diagram is divided into (`diagram_sheets`): all are in
  the page, one is shown at a time (the rest are not drawn, so 600 bodies cost the browser what 30 do), a box
  that stands for more opens its sheet, a path above the diagram goes back, and a search opens the sheet that
  draws the body. The page opens on its first sheet's top levels at a size a person can read, not on the whole
  of it shrunk to the window;
- the model's cards, names and dated states as JSON in a `<script type="application/json">` block, escaped so that
  no model text can close the block or start a comment (`<`, `>`, `&`, U+2028 and U+2029 are written as `\\uXXXX`);
- a text list of the bodies and their lines, written by the template (Jinja2 with autoescaping), which mirrors
  the diagram for screen readers and works without script;
- its own small script and style sheet (`assets/page.js`, `assets/page.css`), allowed by a Content-Security-Policy
  that names their sha256 hashes, computed here, and nothing else (`default-src 'none'`): the page can make no
  request of any kind.

Dates. The date control re-draws the structure "as of" a chosen month from embedded data rather than from one
pre-rendered SVG per date: the diagram is laid out once, for the whole record, and each body and line carries
its timeline (the days on which its state changes, worked out here with the same rules as `select_view`: see
`views.body_on` and `views.line_on`), which the script looks up for the chosen day. One layout keeps every box
where the reader last saw it as the date moves (a new layout per date would move them all); it keeps the page
small (the London model has a handful of distinct dates but a synthetic 1,000-body model has hundreds, and one
layout of it takes the engine about a second); and the state on any day, not only on the recorded dates, is
exact. Boxes are laid out with the longest status mark they ever take ("programme (transitioned)"), so that the
script can rewrite the kind line of a box for a date without it overflowing. On a date, bodies not yet set up
are hidden, closed ones greyed and lines that had ended drawn grey, in their own dashes (an ended reporting line
is solid, never dotted like a steering line), as `--as-of DATE --full-history` draws them.

Documentation pages. A card links its body's page where the build says where it is; a page that is Markdown
(`bodies/{id}.md`, a plain build's) is named rather than linked, since a browser shows Markdown as raw text,
opened from disk or served as a file: the card itself is that page's content.
A month means its last day, as `--as-of 2025-04` does. Names are drawn as recorded (the card gives the history
of a renamed body), and with `--focus` the bodies drawn are those reached over the whole record.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup

from govgraph import time, vocabulary
from govgraph._version import __version__
from govgraph.errors import InvalidOption
from govgraph.model import Model, PartialDate, entity_names, fold
from govgraph.queries import show
from govgraph.render.data import card_data
from govgraph.render.diagram import diagram_sheets, render_diagram
from govgraph.render.dot import diagram_dot, status_class
from govgraph.render.svg import SVG_NS, XLINK_NS, safe_url
from govgraph.render.templates import Environment, environment
from govgraph.render.words import kind_line, kind_words, relation_words, says_kind, status_words
from govgraph.sheets import tree
from govgraph.views import Diagram, ViewEdge, ViewNode, ViewSelection, body_on, line_on, select_view
from govgraph.vocabulary import listing

#: Colours of the page, light and dark (`prefers-color-scheme`), as CSS custom properties `--gg-<name>`.
#: Every text colour meets WCAG 2.2 AA (4.5:1) on the backgrounds it is used on, and every line, outline and
#: focus ring 3:1 (tests/render/test_html.py computes the ratios). Each relation's own line colour is the vocabulary's
#: (`RelationTerm.page_colours`, `--gg-rel-<relation>`), in the Okabe-Ito hues of its DOT style.
PALETTE: Mapping[str, Mapping[str, str]] = {
    "light": {
        "bg": "#ffffff",
        "surface": "#f4f6f8",
        "canvas": "#fbfcfd",
        "fg": "#1b1f24",
        "muted": "#4f5a66",
        "border": "#d5dbe1",
        "control": "#6b7580",
        "accent": "#0b5cad",
        "accent-fg": "#ffffff",
        "focus": "#b3261e",
        "highlight": "#7b2cbf",
        "match-bg": "#fff3b0",
        "line": "#1b1f24",
        "ended": "#6f7780",
        "review": "#c14f00",
        "node-text": "#1b1f24",
        "closed-fill": "#ececec",
        "closed-text": "#4a4a4a",
        "closed-stroke": "#767676",
        "active-bg": "#e3f2ea",
        "active-fg": "#1d5b3a",
        "proposed-bg": "#e6ecfb",
        "proposed-fg": "#24408e",
        "review-bg": "#fde8d8",
        "review-fg": "#8a3b00",
        "ended-bg": "#ececec",
        "ended-fg": "#4a4a4a",
    },
    "dark": {
        "bg": "#0f1419",
        "surface": "#161c23",
        "canvas": "#0c1015",
        "fg": "#e6edf3",
        "muted": "#a3afbc",
        "border": "#2f3943",
        "control": "#7d8792",
        "accent": "#6cb6ff",
        "accent-fg": "#0b1a2b",
        "focus": "#ffb86b",
        "highlight": "#d2a8ff",
        "match-bg": "#5c4a00",
        "line": "#e6edf3",
        "ended": "#8b949e",
        "review": "#ff9a4d",
        "node-text": "#1b1f24",
        "closed-fill": "#2d333b",
        "closed-text": "#c9d1d9",
        "closed-stroke": "#8b949e",
        "active-bg": "#12351f",
        "active-fg": "#a6e3b8",
        "proposed-bg": "#1c2a4d",
        "proposed-fg": "#b7c8f5",
        "review-bg": "#4a2308",
        "review-fg": "#ffcfa6",
        "ended-bg": "#2d333b",
        "ended-fg": "#c9d1d9",
    },
}

_ASSETS = "assets"
#: The state of a line on a day, as the script reads it.
_HIDDEN, _HELD, _ENDED = 0, 1, 2
_START = dt.date.min
_SVG = f"{{{SVG_NS}}}"


def html_page(
    model: Model,
    selection: ViewSelection | None = None,
    *,
    doc_links: str | None = None,
    engine: str | None = None,
    timeout: float | None = None,
) -> str:
    """The interactive page of a model (or of one view of it): one self-contained HTML document.

    Args:
        selection: which bodies and lines to draw, as for `govgraph.views.select_view` (default: the whole
            model); the page draws the whole record of them and opens at `selection.as_of` (default: the whole
            record; the reader can change it), so its `full_history` changes nothing.
        doc_links: where each body's documentation page is, as a pattern with `{id}`, relative to the page
            (`bodies/{id}.md`, `bodies/{id}/`); each card then links to its page. None: no links.
        engine, timeout: the Graphviz command and how long it may take (see `govgraph.render.engine`).

    Raises:
        NameNotFound, InvalidOption, ParameterError: as `select_view`; InvalidOption also for a `doc_links`
            pattern without `{id}` or with an unsafe scheme (`javascript:`).
        EngineNotFound, EngineFailed: no Graphviz engine, or it failed (see `render_diagram`).
    """
    plan = plan_page(model, selection, doc_links=doc_links)
    return plan.render(engine=engine, timeout=timeout)


def _sheet_place(index: int) -> str:
    """Where the drawing of sheet `index` goes in a planned page. It cannot come from the model: model text reaches
    the page escaped, and `<` never survives escaping."""
    return f"<govgraph-sheet-{index}/>"


@dataclass(frozen=True)
class PagePlan:
    """The interactive page before its diagrams are drawn: each sheet as laid out (and its DOT) and the page
    around them.

    `key` is a digest of everything the page is made from but the engine: the sheets' DOT, the page with its data,
    script, style and govgraph's version, and the version of the cleaning of the engine's SVG. Whatever changes
    one of them changes the key (a new style sheet, a new way of laying out the diagram), and nothing else does.
    """

    sheets: tuple[Diagram, ...]
    dots: tuple[str, ...]
    record: Diagram
    text: str

    @property
    def key(self) -> str:
        """What decides whether a page drawn before is still this page (see the class docstring)."""
        from govgraph.render.svg import CLEANER_VERSION

        payload = json.dumps([self.dots, self.text, CLEANER_VERSION], ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def render(self, *, engine: str | None = None, timeout: float | None = None) -> str:
        """The finished page: each sheet drawn by the engine, put in its place.

        Raises:
            EngineNotFound, EngineFailed: see `render_diagram`.
        """
        svgs = _render_sheets(self.sheets, self.dots, engine, timeout)
        text = self.text
        for index, (sheet, svg) in enumerate(zip(self.sheets, svgs, strict=True)):
            before, after = text.split(_sheet_place(index), 1)
            text = before + _interactive_svg(svg, self.record, sheet, index) + after
        return text


def plan_page(model: Model, selection: ViewSelection | None = None, *, doc_links: str | None = None) -> PagePlan:
    """Everything of `html_page` but drawing the diagram, which needs the engine (arguments and errors as there,
    but for the engine's)."""
    if doc_links is not None and ("{id}" not in doc_links or not safe_url(doc_links)):
        raise InvalidOption(
            option="doc_links",
            value=doc_links,
            reason="give a relative link or an http(s) address with {id} where the body's id goes, "
            "for example bodies/{id}.md",
        )
    chosen = selection if selection is not None else ViewSelection()
    view, as_of = chosen.view, chosen.as_of
    record = select_view(model, replace(chosen, as_of=None, full_history=True))
    node_lines = {n.id: _node_timeline(model, n.id) for n in record.nodes}
    edge_lines = [_edge_timeline(model, e) for e in record.edges]
    # A structure too large to read in one diagram is drawn as the linked set every diagram is divided into; the
    # page shows one sheet at a time, and a box standing for more opens its branch's.
    sheets = diagram_sheets(record)
    laid_out = tuple(_layout(sheet, node_lines) for sheet in sheets)
    start = time.moment(as_of if as_of is not None else (model.views[view].as_of if view else None))
    months = _month_range(model, node_lines, edge_lines)
    data = _page_data(model, record, node_lines, edge_lines, doc_links, start)
    data["changes"] = months["changes"]
    data["sheets"], data["home"] = _sheet_data(sheets)
    css = _asset("page.css").replace(_VOCABULARY_CSS, _vocabulary_css()) + _theme_css()
    js = _asset("page.js")
    template = _environment().get_template("page.html.j2")
    text = template.render(
        title=record.title,
        description=model.description,
        model_as_of=model.as_of.describe() if model.as_of else None,
        file_name=model.file.replace("\\", "/").rsplit("/", 1)[-1],
        version=__version__,
        csp=content_security_policy(js, css),
        css=Markup(css),
        js=Markup(js),
        data=Markup(script_json(data)),
        sheets=[
            {"id": laid.id, "title": laid.title, "svg": Markup(_sheet_place(index))}
            for index, laid in enumerate(laid_out)
        ],
        bodies=_text_list(model, record),
        start_month=f"{start:%Y-%m}" if start else "",
        months=months,
    )
    # The page names each box itself (aria-label, the card): no SVG tooltips, a tenth of a large page's size.
    dots = tuple(diagram_dot(sheet, tooltips=False) for sheet in laid_out)
    return PagePlan(sheets=laid_out, dots=dots, record=record, text=text)


def _render_sheets(
    sheets: tuple[Diagram, ...], dots: tuple[str, ...], engine: str | None, timeout: float | None
) -> list[str]:
    """Each sheet's SVG, drawn by the engine; several at once (each is its own engine process)."""
    from concurrent.futures import ThreadPoolExecutor

    def draw(index: int) -> str:
        svg = render_diagram(sheets[index], "svg", engine=engine, timeout=timeout, dot=dots[index])
        assert isinstance(svg, str)
        return svg

    if len(sheets) == 1:
        return [draw(0)]
    with ThreadPoolExecutor(max_workers=min(len(sheets), os.cpu_count() or 1)) as pool:
        return list(pool.map(draw, range(len(sheets))))


def _sheet_data(sheets: list[Diagram]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The sheets as the script reads them (id, title, the sheet that opens it), and for each body the sheet that
    draws it with what hangs below it (the last that draws it as itself)."""
    opened_by: dict[str, str] = {}
    home: dict[str, str] = {}
    for sheet in sheets:
        for node in sheet.nodes:
            if node.link is not None and (node.group or node.below):
                opened_by.setdefault(node.link, sheet.id)
            if not node.group and (node.link is None or node.below):
                home[node.id] = sheet.id
    listed = [{"id": s.id, "title": s.title, "back": opened_by.get(s.id), "start": _start(s)} for s in sheets]
    return listed, dict(sorted(home.items()))


def _start(sheet: Diagram) -> str | None:
    """Where a reader starts on a sheet too large to read whole on screen: the top with the most below it."""
    parent = tree(sheet)
    below: dict[str, int] = {}
    for body in parent:
        seen: set[str] = set()
        up = parent[body][0]
        while up not in seen:
            seen.add(up)
            below[up] = below.get(up, 0) + 1
            if up not in parent:
                break
            up = parent[up][0]
    tops = [n.id for n in sheet.nodes if n.id not in parent]
    return max(sorted(tops), key=lambda t: below.get(t, 0)) if tops else None


# -- the dated state of each body and line ---------------------------------------------------------------------


def _change_days(dates: Iterable[PartialDate | None]) -> set[dt.date]:
    """The days on which something dated by `dates` can change: the first day of each period, and the day after
    the last (every rule of `select_view` compares a day with a date's first or last day)."""
    days: set[dt.date] = set()
    for date in dates:
        if date is None:
            continue
        days.add(date.first)
        if date.last < dt.date.max:
            days.add(date.last + dt.timedelta(days=1))
    return days


def _body_dates(model: Model, body_id: str) -> list[PartialDate | None]:
    body = model.bodies[body_id]
    return [body.period.start, body.period.end, *(entry.date for entry in body.history)]


def _compressed(states: Iterable[tuple[dt.date, Any]]) -> list[list[Any]]:
    """`[day, state]` pairs from the start of time, dropping a pair that changes nothing; the first day is ""."""
    timeline: list[list[Any]] = []
    for day, state in states:
        if not timeline or timeline[-1][1] != state:
            timeline.append(["" if day == _START else day.isoformat(), state])
    return timeline


def _node_state(model: Model, body_id: str, day: dt.date) -> str | None:
    # None: not drawn on that day; a body drawn with no status recorded is `not_recorded` (its class's word).
    body = model.bodies[body_id]
    return status_class(time.status_on(body, day)) if body_on(body, day, True) is not None else None


def _node_timeline(model: Model, body_id: str) -> list[list[Any]]:
    """A body's state on every day: `[[day, status or None (not drawn)], ...]`, each from its day on."""
    days = sorted({_START} | _change_days(_body_dates(model, body_id)))
    return _compressed((day, _node_state(model, body_id, day)) for day in days)


def _edge_state(model: Model, edge: ViewEdge, day: dt.date) -> int:
    if _node_state(model, edge.source, day) is None or _node_state(model, edge.target, day) is None:
        return _HIDDEN
    state = _HIDDEN
    for line in model.bodies[edge.source].relations:
        if (line.kind, line.target) != (edge.relation, edge.target):
            continue
        held = line_on(line, day, day, True)
        if held:
            return _HELD  # of two dated lines, drawn as held if either held (as select_view does)
        if held is not None:
            state = _ENDED
    return state


def _edge_timeline(model: Model, edge: ViewEdge) -> list[list[Any]]:
    """A line's state on every day: `[[day, 0 (not drawn), 1 (held) or 2 (ended)], ...]`."""
    lines = [r for r in model.bodies[edge.source].relations if (r.kind, r.target) == (edge.relation, edge.target)]
    dates = [*_body_dates(model, edge.source), *_body_dates(model, edge.target)]
    dates += [d for r in lines for d in (r.period.start, r.period.end)]
    days = sorted({_START} | _change_days(dates))
    return _compressed((day, _edge_state(model, edge, day)) for day in days)


def state_on(timeline: list[list[Any]], day: dt.date) -> Any:
    """The state a timeline gives on `day`: what the page's script does, for tests to compare with `select_view`."""
    state = timeline[0][1]
    for start, value in timeline:
        if start <= day.isoformat():
            state = value
    return state


def _layout(record: Diagram, timelines: Mapping[str, list[list[Any]]]) -> Diagram:
    """The diagram to lay out: every line drawn as held (the script greys what had ended), every box with the
    longest kind line it ever shows, so a box never overflows when the date changes."""
    nodes = []
    for node in record.nodes:
        if node.group:
            nodes.append(node)
            continue
        statuses = {status_class(node.status)} | {s for _, s in timelines[node.id] if s is not None}
        longest = max(sorted(statuses), key=lambda s: len(kind_line(node.kind, _status(s), node.label)))
        nodes.append(replace(node, status=_status(longest)))
    edges = tuple(replace(e, ended=False) for e in record.edges)
    return replace(record, nodes=tuple(nodes), edges=edges)


def _status(word: str) -> str | None:
    """The status a page state stands for (`not_recorded`: none)."""
    return None if word == status_class(None) else word


def _month_range(
    model: Model, nodes: Mapping[str, list[list[Any]]], edges: Iterable[list[list[Any]]]
) -> dict[str, Any]:
    """The months the date control offers: from the first change to the model's `as_of` (or the last change),
    and the months in which something changes, for its previous / next buttons."""
    days = {d for timeline in (*nodes.values(), *edges) for d, _ in timeline if d}
    months = sorted({d[:7] for d in days})
    ends = [*months, *([f"{model.as_of.last:%Y-%m}"] if model.as_of else [])]
    return {"min": min(ends) if ends else "", "max": max(ends) if ends else "", "changes": months}


# -- the embedded data -------------------------------------------------------------------------------------------


def _with_days(value: Any) -> Any:
    """Card data with the first and last day of every period (`days: [first, last]`, "" where open), so the
    script can tell what was in force on a day by comparing ISO dates as text."""
    if isinstance(value, list):
        return [_with_days(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: _with_days(v) for k, v in value.items()}
    if "from" in value and "until" in value:
        first = PartialDate.parse(value["from"]).first.isoformat() if value["from"] else ""
        last = PartialDate.parse(value["until"]).last.isoformat() if value["until"] else ""
        out["days"] = [first, last]
    return out


def _card(model: Model, body_id: str, doc_links: str | None) -> dict[str, Any]:
    card = card_data(show(model, body_id))
    for key in ("location", "as_of", "closures"):
        card.pop(key, None)
    if doc_links is not None:
        target = doc_links.replace("{id}", body_id)
        # A browser shows a Markdown file as raw text (opened from disk, or served as it is): such a page is named
        # for the reader's documentation site rather than linked; its content is this card's.
        card["doc" if not target.lower().endswith(".md") else "doc_file"] = target
    return dict(_with_days(card))


def _page_data(
    model: Model,
    record: Diagram,
    nodes: Mapping[str, list[list[Any]]],
    edges: list[list[list[Any]]],
    doc_links: str | None,
    start: dt.date | None,
) -> dict[str, Any]:
    ids = [n.id for n in record.nodes]
    names: dict[str, str] = {}
    for section in (model.organisations, model.groups, model.roles, model.bodies):
        names.update({key: model.name_of(key) for key in section})
    sources = {
        s.id: {
            "title": s.title,
            "publisher": s.publisher,
            "date": s.date.describe() if s.date else None,
            "url": s.url if s.url and safe_url(s.url) else None,
            "note": s.note,
        }
        for s in model.sources.values()
    }
    statuses = (*vocabulary.status_names(), None)
    # The kind line of a box on each status; "|named" where the name says the kind (the line then has only the
    # status, or nothing).
    kind_lines = {
        f"{n.kind}|{status_class(status)}" + ("|named" if says_kind(n.label, n.kind) else ""): kind_line(
            n.kind, status, n.label
        )
        for n in record.nodes
        for status in statuses
    }
    ended = [status_words(s) for s in vocabulary.status_names() if s in vocabulary.ended_statuses()]
    return {
        "title": record.title,
        "start": start.isoformat() if start else None,
        "accountability": list(vocabulary.accountability()),
        "relationLabels": {t.name: t.label for t in vocabulary.relations()},
        "statusWords": {status_class(s): status_words(s) for s in statuses},
        "ended": sorted(vocabulary.ended_statuses()),
        "endedWords": listing(ended, "or"),
        "kindLines": kind_lines,
        "nodes": {
            n.id: {
                "name": model.bodies[n.id].name,
                "label": n.label,
                "kind": n.kind,
                "status": status_class(n.status),
                "named": says_kind(n.label, n.kind),
                "timeline": nodes[n.id],
                "search": list(dict.fromkeys(fold(x) for x in entity_names(model.bodies[n.id]))),
            }
            for n in record.nodes
        },
        "edges": [[e.source, e.target, e.relation, e.ended, t] for e, t in zip(record.edges, edges, strict=True)],
        "cards": {i: _card(model, i, doc_links) for i in ids},
        "names": names,
        "sources": sources,
    }


def script_json(data: Any) -> str:
    """`data` as JSON that is safe inside an HTML `<script>` block: sorted keys, and `<`, `>`, `&`, U+2028 and
    U+2029 written as `\\uXXXX`, so no text can end the block (`</script>`), open a comment (`<!--`) or break a
    line in older JavaScript parsers. `JSON.parse` reads it back unchanged."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char in ("<", ">", "&", "\u2028", "\u2029"):
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


# -- the page's SVG and text list --------------------------------------------------------------------------------


def _interactive_svg(svg: str, record: Diagram, sheet: Diagram, index: int) -> str:
    """The engine's (already post-processed) SVG of one sheet, made part of the page: sized by the page, each
    body's box focusable and named, each line numbered by its index in the embedded data (a line that meets others
    at a junction by its own part of it; the spine and trunk it joins say whose lines they carry), and each box
    standing for more saying which sheet it opens.

    Args:
        sheet: the sheet as laid out (each box with the status it was laid out for, see `_layout`).
        index: the sheet's place in the set (the first is `gg-svg`).
    """
    import xml.etree.ElementTree as ET

    # Written back with SVG as the default namespace and xlink as xlink, not `ns0:svg` (a global setting of
    # `xml.etree`, the same every time).
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(svg.encode("utf-8"))
    for key in ("width", "height"):
        root.attrib.pop(key, None)
    labelled = root.get("aria-labelledby", "").split()
    root.set("role", "group")
    if len(labelled) == 2:
        root.set("aria-labelledby", labelled[0])
        root.set("aria-describedby", labelled[1])
    root.set("id", "gg-svg" if index == 0 else f"gg-svg-{index + 1}")
    nodes = {n.id: n for n in sheet.nodes}
    edges = {(e.source, e.target, e.relation): i for i, e in enumerate(record.edges)}
    for text in root.iter(f"{_SVG}text"):
        # The page's style sheet gives the drawing its font (the one it was laid out with), once.
        text.attrib.pop("font-family", None)
    for group in root.iter(f"{_SVG}g"):
        classes = group.get("class", "").split()
        title = group.find(f"{_SVG}title")
        name = title.text if title is not None and title.text else ""
        if "node" in classes and name in nodes:
            _interactive_box(group, nodes[name])
        elif "edge" in classes and "->" in name:
            source, target = name.split("->", 1)
            relation = next((c.removeprefix("relation-") for c in classes if c.startswith("relation-")), "")
            if source.count("~") == 3:
                # A spine or trunk: it carries the lines of the block it belongs to (`~parent~relation~row`).
                _, parent, carried, _ = source.split("~")
                group.set("data-trunk", f"{parent}|{carried}")
                continue
            if target.count("~") == 3:
                target = target.split("~")[1]  # a body's own line, to the junction of its block
            found = edges.get((source, target, relation))
            if found is not None:
                group.set("data-edge", str(found))
    return ET.tostring(root, encoding="unicode")


def _interactive_box(group: Any, node: ViewNode) -> None:
    """A box of the page's diagram: a body's (`data-id`), its kind line marked for the script to rewrite by date;
    a box standing for more (a collapsed branch, a group, a body drawn for context) says which sheet it opens."""
    group.set("tabindex", "0")
    group.set("role", "button")
    if node.link is not None:
        group.set("data-opens", node.link)
    if node.group:
        group.set("aria-label", f"{node.name}: open their diagram")
        return
    group.set("data-id", node.id)
    if node.link is not None and not node.below:
        group.set("data-context", "true")
    more = f"; {node.below:,} bodies below: open them" if node.below else ""
    group.set("aria-label", f"{node.name}, {kind_words(node.kind)}{more}")
    line = kind_line(node.kind, node.status, node.label)
    kind_texts = [t for t in group.iter(f"{_SVG}text") if line and t.text == line]
    if kind_texts:
        kind_texts[-1].set("class", "gg-kind")


def _text_list(model: Model, record: Diagram) -> list[dict[str, Any]]:
    """The bodies of the diagram and their lines as rows for the template's list, by name (then id)."""
    names = {n.id: n.name for n in record.nodes}
    out: dict[str, list[dict[str, Any]]] = {n.id: [] for n in record.nodes}
    for index, edge in enumerate(record.edges):
        out[edge.source].append(
            {
                "index": index,
                "relation": edge.relation,
                "words": relation_words(edge.relation),
                "target": names[edge.target],
                "ended": edge.ended,
            }
        )
    rows = [
        {
            "id": n.id,
            "name": n.name,
            "short": model.bodies[n.id].short,
            "kind": kind_words(n.kind),
            "status": status_class(n.status),
            "status_words": status_words(n.status),
            "lines": out[n.id],
        }
        for n in record.nodes
    ]
    return sorted(rows, key=lambda r: (fold(r["name"]), r["id"]))


# -- style, script and policy ------------------------------------------------------------------------------------


def palette(scheme: str) -> dict[str, str]:
    """The page's colours in one scheme (`light` or `dark`): `PALETTE`'s, and each relation's own line colour
    (`rel-<relation>`) from the vocabulary."""
    index = 0 if scheme == "light" else 1
    lines = {f"rel-{t.name}": t.page_colours[index] for t in vocabulary.relations() if t.page_colours}
    return {**PALETTE[scheme], **lines}


def _theme_css() -> str:
    """The palette as CSS custom properties (light, and dark under `prefers-color-scheme`), and the fill of each
    kind of box (the same tints as the DOT, so the boxes look alike in every format)."""

    def block(colours: Mapping[str, str]) -> str:
        return "".join(f"--gg-{k}:{v};" for k, v in sorted(colours.items()))

    kinds = "".join(
        f".govgraph g.node.kind-{k}{{--gg-fill:{vocabulary.kind(k).fill}}}" for k in sorted(vocabulary.kind_names())
    )
    return (
        f":root{{{block(palette('light'))}}}"
        f"@media (prefers-color-scheme: dark){{:root{{{block(palette('dark'))}}}}}{kinds}\n"
    )


#: Where in `page.css` the styles made from the vocabulary go: their place in the cascade matters (after the
#: plain line and box styles, before the ended, highlighted and focused ones).
_VOCABULARY_CSS = "/* styles of the vocabulary's relations and statuses (render/html.py) */\n"


def _vocabulary_css() -> str:
    """The rules that depend on the vocabulary: each relation's line colour, the lines the "dotted, steering,
    scrutiny and other lines" switch hides, and how bodies that no longer operate look (their boxes and their
    badges)."""
    rules = []
    for term in vocabulary.relations():
        if term.page_colours:
            edge = f".govgraph g.edge.relation-{term.name}"
            rules.append(f"{edge} :is(path,polygon){{stroke:var(--gg-rel-{term.name})}}")
            rules.append(f"{edge} polygon:not([fill=none]){{fill:var(--gg-rel-{term.name})}}")
    secondary = [t.name for t in vocabulary.relations() if t.secondary]
    if secondary:
        listed = ",".join(f".gg-rel-{name}" for name in secondary)
        edges = ",".join(f".relation-{name}" for name in secondary)
        rules.append(f"body.gg-no-dotted :is({listed}){{display:none}}")
        rules.append(f"body.gg-no-dotted .govgraph g.edge:is({edges}){{display:none}}")
    ended = sorted(vocabulary.ended_statuses())
    badges = ",".join(f".gg-status-{s}" for s in ended)
    boxes = ",".join(f"[data-status={s}]" for s in ended)
    rules.append(f"{badges}{{background:var(--gg-ended-bg);color:var(--gg-ended-fg)}}")
    rules.append(
        f".govgraph g.node:is({boxes}) :is(polygon,ellipse,path):not([fill=none])"
        "{fill:var(--gg-closed-fill);stroke:var(--gg-closed-stroke);stroke-dasharray:5 2}"
    )
    rules.append(f".govgraph g.node:is({boxes}) text{{fill:var(--gg-closed-text)}}")
    return "".join(rule + "\n" for rule in rules)


def _asset(name: str) -> str:
    return resources.files("govgraph.render").joinpath(_ASSETS, name).read_text(encoding="utf-8")


@functools.cache
def _environment() -> Environment:
    return environment(Path(__file__).with_name(_ASSETS))


def csp_hash(text: str) -> str:
    """The CSP source expression (`'sha256-...'`) that allows an inline script or style of exactly `text`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(js: str, css: str) -> str:
    """The page's policy: nothing may load or connect (`default-src 'none'`); only the page's own script and
    style sheet run, by hash; no `<base>` and no form submission."""
    return (
        f"default-src 'none'; script-src {csp_hash(js)}; style-src {csp_hash(css)}; base-uri 'none'; form-action 'none'"
    )
