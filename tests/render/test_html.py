"""The interactive page without a browser: escaping, the content policy, dated states, colours, the command line.

Tests that render need a Graphviz engine: they skip without one, and fail when GOVGRAPH_REQUIRE_ENGINES=1.
The page in a real browser is tests/render/test_html_browser.py.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import support
from govgraph import vocabulary
from govgraph.cli import cli
from govgraph.errors import InvalidOption
from govgraph.loading import load_bytes
from govgraph.model import Model
from govgraph.render.html import csp_hash, html_page, palette, script_json, state_on
from govgraph.render.svg import safe_url
from govgraph.views import ViewSelection, select_view
from support import HOSTILE, hostile_model, shuffled_document

ASSETS = support.REPO / "src" / "govgraph" / "render" / "assets"


class Page(HTMLParser):
    """What a browser would see of a page: its elements and attributes, script and style blocks, and text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._open: tuple[str, dict[str, str | None]] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == self._open[0]:
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is None:
            self.text.append(data)
        elif self._open[0] == "script":
            self.scripts.append((self._open[1], data))
        else:
            self.styles.append(data)

    def meta_csp(self) -> str:
        for tag, attrs in self.elements:
            if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy":
                return attrs.get("content") or ""
        return ""

    def data(self) -> Any:
        blocks = [text for attrs, text in self.scripts if attrs.get("type") == "application/json"]
        assert len(blocks) == 1
        return json.loads(blocks[0])


@pytest.fixture(scope="module")
def london_html(london: Model, engine: str) -> str:
    return html_page(london, doc_links="bodies/{id}/")


# -- escaping --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["</script><script>alert(1)</script>", "<!-- <script>", "a\u2028b\u2029c", "&amp; & <b>", "</SCRIPT >"]
)
def test_script_json_cannot_end_the_block(text: str) -> None:
    data = {"name": text, text: [text]}
    written = script_json(data)
    assert not re.search(r"[<>&\u2028\u2029]", written)
    assert json.loads(written) == data


def test_hostile_names_are_text_everywhere(engine: str) -> None:
    model = hostile_model()
    page = Page(html_page(model, ViewSelection("all"), doc_links="bodies/{id}.md"))
    executable = [attrs for attrs, _ in page.scripts if attrs.get("type") != "application/json"]
    assert len(executable) == 1  # ours: the data and the page's script
    assert len(page.scripts) == 2
    assert [tag for tag, _ in page.elements].count("script") == 2
    for tag, attrs in page.elements:
        for key, value in attrs.items():
            assert not key.startswith("on"), (tag, key)
            assert key not in ("style", "src", "srcdoc", "formaction"), (tag, key)
            if key in ("href", "xlink:href", "action"):
                assert value is not None
                assert safe_url(value), (tag, value)
                assert "javascript" not in value.lower()
    data = page.data()
    names = {node["name"] for node in data["nodes"].values()}
    for text in HOSTILE:
        assert text in names  # the JSON gives the text back exactly
    shown = " ".join(page.text)
    for text in HOSTILE:
        first = " ".join(text.split())[:20]
        assert first in " ".join(shown.split()), text  # and the page shows it as text, not markup


def test_doc_links_must_name_the_id_and_be_safe(london: Model) -> None:
    for pattern in ("bodies/index.md", "javascript:alert('{id}')", " JaVaScRiPt:x/{id}"):
        with pytest.raises(InvalidOption, match=re.escape("bodies/{id}.md")):
            html_page(london, doc_links=pattern)


def test_page_script_builds_no_markup_from_text() -> None:
    script = (ASSETS / "page.js").read_text(encoding="utf-8")
    for risky in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert risky not in script, risky
    for fetching in ("fetch(", "XMLHttpRequest", "WebSocket", "sendBeacon", "import("):
        assert fetching not in script, fetching


# -- the policy and self-containment ---------------------------------------------------------------------------


def test_policy_allows_only_the_page_own_blocks(london_html: str) -> None:
    page = Page(london_html)
    policy = dict(part.strip().split(" ", 1) for part in page.meta_csp().split(";"))
    assert policy["default-src"] == "'none'"
    scripts = [text for attrs, text in page.scripts if attrs.get("type") != "application/json"]
    assert policy["script-src"] == " ".join(csp_hash(text) for text in scripts)
    assert policy["style-src"] == " ".join(csp_hash(text) for text in page.styles)
    assert "unsafe" not in page.meta_csp()
    assert policy["base-uri"] == "'none'"
    # The meta element comes before anything it governs.
    tags = [tag for tag, _ in page.elements]
    assert tags.index("meta") < tags.index("style")


def test_self_contained(london_html: str, london: Model) -> None:
    assert len(london_html.encode("utf-8")) < 300_000
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", london_html)
    assert "@import" not in london_html
    assert "url(" not in london_html.replace("url(#", "")
    page = Page(london_html)
    assert [attrs.get("id") for tag, attrs in page.elements if tag == "svg"] == ["gg-svg"]
    drawn = {attrs["data-id"] for tag, attrs in page.elements if tag == "g" and attrs.get("data-id")}
    assert drawn == set(london.bodies)
    listed = {attrs["data-id"] for tag, attrs in page.elements if tag == "li" and "gg-entry" in (attrs["class"] or "")}
    assert listed == set(london.bodies)
    data = page.data()
    assert data["cards"]["community-chest"]["doc"] == "bodies/community-chest/"
    lines = [attrs for tag, attrs in page.elements if tag == "li" and attrs.get("data-edge")]
    assert len(lines) == len(data["edges"]) == len(select_view(london).edges)


def test_same_model_same_bytes(repo_root: Path, london_html: str, london: Model) -> None:
    assert html_page(london, doc_links="bodies/{id}/") == london_html
    document = yaml.safe_load((repo_root / "data" / "governance.yaml").read_text(encoding="utf-8"))
    shuffled = yaml.safe_dump(shuffled_document(document, random.Random(3)), allow_unicode=True, sort_keys=False)
    other = load_bytes(shuffled.encode("utf-8"), str(repo_root / "data" / "governance.yaml"))
    assert html_page(other, doc_links="bodies/{id}/") == london_html


# -- dated states ----------------------------------------------------------------------------------------------

DATED = """
govgraph: 1
title: Dated
as_of: 2025-07
bodies:
  top: {name: Top board, kind: board, chairs: [], ignore: [{code: GG401, reason: test}]}
  old-top: {name: Old board, kind: board, until: 2021-06}
  prog:
    name: Programme
    kind: programme
    from: 2019-04
    reports_to:
      - {body: old-top, until: 2021-06}
      - {body: top, from: 2021-07}
    history:
      - {date: 2023-02, status: under_review}
      - {date: 2023-09-15, status: active, name: Renamed programme}
      - {date: 2025-03, status: transitioned}
  proj:
    name: Project
    kind: project
    from: 2020
    until: 2024-10
    reports_to: [prog]
    dotted_to: [{body: top, from: 2022-01-10, until: 2022-12}]
  forum: {name: Forum, kind: forum, steers: [{body: prog, until: 2024}], status: proposed}
"""


def _dated_model() -> Model:
    return load_bytes(DATED.encode("utf-8"), "dated.yaml")


@pytest.mark.parametrize("which", ["dated", "london"])
def test_timelines_give_what_select_view_draws_on_every_day(which: str, london: Model, engine: str) -> None:
    model = london if which == "london" else _dated_model()
    page = Page(html_page(model))
    data = page.data()
    days = {dt.date(2016, 1, 1), dt.date(2030, 1, 1)}
    for timeline in [n["timeline"] for n in data["nodes"].values()] + [e[4] for e in data["edges"]]:
        for start, _ in timeline[1:]:
            day = dt.date.fromisoformat(start)
            days |= {day, day - dt.timedelta(days=1)}
    assert len(days) > 6
    for day in sorted(days):
        view = select_view(model, ViewSelection(as_of=day, full_history=True))
        # The page's word for a body drawn with no status recorded is `not_recorded` (None: not drawn).
        statuses = {n.id: n.status or "not_recorded" for n in view.nodes}
        for body, node in data["nodes"].items():
            assert state_on(node["timeline"], day) == statuses.get(body), (body, day)
        drawn = {(e.source, e.target, e.relation): 2 if e.ended else 1 for e in view.edges}
        for source, target, relation, _, timeline in data["edges"]:
            assert state_on(timeline, day) == drawn.get((source, target, relation), 0), (source, target, day)


def test_boxes_are_laid_out_for_their_longest_status(engine: str) -> None:
    page = html_page(_dated_model())
    # The programme is transitioned in the record, under review in 2023: its box is sized for the longest. Its
    # name says it is a programme, so its small line says only its status.
    assert ">transitioned</text>" in page
    lines = Page(page).data()["kindLines"]
    assert lines["programme|under_review|named"] == "under review"
    assert lines["programme|active|named"] == ""


# -- colours ---------------------------------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG 2.2 contrast ratio of two #rrggbb colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


TEXT_PAIRS = [
    ("fg", "bg"),
    ("fg", "surface"),
    ("fg", "canvas"),
    ("muted", "bg"),
    ("muted", "surface"),
    ("muted", "canvas"),
    ("accent", "bg"),
    ("accent", "surface"),
    ("accent-fg", "accent"),
    ("active-fg", "active-bg"),
    ("proposed-fg", "proposed-bg"),
    ("review-fg", "review-bg"),
    ("ended-fg", "ended-bg"),
    ("closed-text", "closed-fill"),
    ("fg", "match-bg"),
]
#: Lines, outlines and controls: WCAG 1.4.11 asks 3:1 against what is next to them.
GRAPHIC_PAIRS = [
    ("control", "bg"),
    ("control", "surface"),
    ("focus", "bg"),
    ("focus", "surface"),
    ("focus", "canvas"),
    ("highlight", "canvas"),
    ("highlight", "surface"),
    ("line", "canvas"),
    ("ended", "canvas"),
    ("review", "canvas"),
    ("closed-stroke", "canvas"),
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colours_meet_wcag_aa(scheme: str) -> None:
    colours = palette(scheme)
    assert set(palette("light")) == set(palette("dark"))
    for fg, bg in TEXT_PAIRS:
        assert contrast(colours[fg], colours[bg]) >= 4.5, (scheme, fg, bg)
    for fg, bg in GRAPHIC_PAIRS:
        assert contrast(colours[fg], colours[bg]) >= 3.0, (scheme, fg, bg)
    # Each relation's own line colour, from the vocabulary.
    lines = [t.name for t in vocabulary.relations() if t.page_colours]
    assert {"dotted_to", "steers"} <= set(lines)
    for relation in lines:
        assert contrast(colours[f"rel-{relation}"], colours["canvas"]) >= 3.0, (scheme, relation)
    for kind in vocabulary.kind_names():
        assert contrast(colours["node-text"], vocabulary.kind(kind).fill) >= 4.5, (scheme, kind)


def test_every_colour_the_style_sheet_uses_is_in_the_palette(london_html: str) -> None:
    # The page's whole style sheet: the asset and what the vocabulary adds to it.
    css = london_html.split("<style>", 1)[1].split("</style>", 1)[0]
    used = set(re.findall(r"var\(--gg-([a-z_-]+)\)", css)) - {"fill"}
    assert used, "no colours found"
    assert used <= set(palette("light")), used - set(palette("light"))
    assert {"rel-dotted_to", "rel-steers"} <= used
    assert "prefers-color-scheme: dark" in london_html


# -- the command line ------------------------------------------------------------------------------------------


def test_cli_writes_the_page(repo_root: Path, tmp_path: Path, engine: str) -> None:
    out = tmp_path / "page.html"
    model = str(repo_root / "data" / "governance.yaml")
    result = CliRunner().invoke(cli, ["render", model, "--format", "html", "--as-of", "2024-06", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = Page(out.read_text(encoding="utf-8"))
    assert page.data()["start"] == "2024-06-30"
    assert ("input", "gg-date", "2024-06") in [
        (tag, attrs.get("id"), attrs.get("value")) for tag, attrs in page.elements if tag == "input"
    ]


def test_cli_as_a_user_runs_it(repo_root: Path, tmp_path: Path, engine: str) -> None:
    govgraph = Path(sys.executable).parent / "govgraph"
    out = tmp_path / "overview.html"
    done = subprocess.run(
        [str(govgraph), "render", "--view", "overview", "--format", "html", "-o", str(out)],
        cwd=repo_root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    refused = subprocess.run(
        [str(govgraph), "render", "--format", "html", "--full-history"],
        cwd=repo_root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 2
    assert "--full-history is not for --format html" in refused.stderr
    assert "Traceback" not in refused.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--split"], "--split is not for --format html"),
        (["--view", "no-such-view"], "no-such-view"),
        (["--focus", "no such body"], "no such body"),
        (["--kinds", "boardd"], "boardd"),
    ],
)
def test_cli_usage_errors(repo_root: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    from govgraph.cli import main

    model = str(repo_root / "data" / "governance.yaml")
    with pytest.raises(SystemExit) as exited:
        main(["render", model, "--format", "html", *args])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_the_pages_boxes_mark_a_chair_whose_term_had_ended_by_the_models_date() -> None:
    from govgraph.render.html import plan_page

    model = load_bytes(
        b"govgraph: 1\ntitle: T\nas_of: 2026-12-08\nroles:\n  ann: {title: Ann Smith}\n  bob: {title: Bob Jones}\n"
        b"bodies:\n  tag:\n    name: The TAG\n    kind: advisory_group\n    chairs:\n"
        b"      - {role: ann, from: 2025-07-01, until: 2026-06-30}\n      - {role: bob, from: 2025-07-01}\n",
        "t.yaml",
    )
    plan = plan_page(model)
    (node,) = plan.record.nodes
    assert node.chairs == ("Ann Smith (ended)", "Bob Jones")
    (dot,) = plan.dots
    assert "(ended)" in dot
