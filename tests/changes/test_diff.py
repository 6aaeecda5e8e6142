"""`govgraph diff`: comparing two models body by body, two dates of one, and two git revisions of a file.

The hand-made pair `tests/data/diff/old.yaml` -> `new.yaml` makes one change of every kind; the property tests
apply generated edits to a model and expect exactly those changes back.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import replace
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]  # no stubs installed (types-jsonschema)
import pydot
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import support
from govgraph.changes import CHANGES, Change, ModelDiff, compare, diff, diff_dates, read_model
from govgraph.cli import cli
from govgraph.errors import ComparedModelInvalid, ModelFileNotFound, RevisionNotReadable, UsageError
from govgraph.findings import Location
from govgraph.loading import load, load_bytes
from govgraph.model import ALWAYS, Body, Chair, HistoryEntry, Model, PartialDate, Relation
from govgraph.render.changelog import diff_data, diff_markdown, diff_text, md
from govgraph.render.changes import diff_diagram, render_diff
from govgraph.render.dot import CHANGE_NODE_STYLES
from govgraph.render.schemas import diff_schema

DATA = support.TESTS / "data" / "diff"
OLD, NEW = DATA / "old.yaml", DATA / "new.yaml"
GOVGRAPH = str(Path(sys.executable).parent / "govgraph")

#: Every change from old.yaml to new.yaml, as (section, id, change), with how many times each appears.
EXPECTED = Counter(
    [
        ("body", "branch", "line_moved"),
        ("body", "closing", "status"),
        ("body", "dated", "dates"),
        ("body", "dated", "dates"),
        ("body", "fresh", "added"),
        ("body", "gone", "removed"),
        ("body", "members-body", "organisation"),
        ("body", "members-body", "description"),
        ("body", "members-body", "member_added"),
        ("body", "members-body", "member_removed"),
        ("body", "members-body", "member_changed"),
        ("body", "members-body", "represented"),
        ("body", "mid", "chair_removed"),
        ("body", "other", "line_added"),
        ("body", "other", "manager_added"),
        ("body", "rekind", "kind"),
        ("body", "renamed", "renamed"),
        ("body", "renamed", "line_removed"),
        ("body", "restyle", "line_restyled"),
        ("body", "sourced", "sources"),
        ("body", "succeeded", "replaced"),
        ("body", "top", "other_names"),
        ("body", "top", "chair_added"),
        ("body", "top", "history_added"),
        ("body", "terms-body", "chair_changed"),
        ("body", "liaising", "line_by"),
        ("body", "terms-body", "member_standing"),
        ("body", "terms-body", "top"),
        ("body", "terms-body", "parts_accountable"),
        ("body", "terms-body", "terms"),
        ("role", "lead", "holder_changed"),
        ("role", "chair-a", "organisation"),
        ("role", "chair-a", "dates"),
        ("role", "chair-a", "holder_added"),
        ("role", "chair-b", "renamed"),
        ("role", "role-gone", "removed"),
        ("role", "role-new", "added"),
        ("organisation", "org-a", "renamed"),
        ("organisation", "org-b", "other_names"),
        ("organisation", "org-gone", "removed"),
        ("organisation", "org-new", "added"),
        ("group", "grp", "member_added"),
        ("source", "old-paper", "removed"),
        ("source", "paper-three", "added"),
        ("source", "paper-two", "renamed"),
        ("model", "", "title"),
        ("model", "", "as_of"),
        ("model", "", "setting"),
        ("model", "", "setting"),
        ("model", "", "ignore_changed"),
        ("body", "other", "ignore_removed"),
        ("body", "sourced", "ignore_added"),
        ("body", "mid", "matrix"),
        ("body", "members-body", "member_added"),
        ("view", "overview", "renamed"),
        ("view", "detail", "view_settings"),
        ("view", "gone-view", "removed"),
        ("view", "new-view", "added"),
    ]
)


@pytest.fixture(scope="module")
def pair() -> ModelDiff:
    return diff(load(OLD), load(NEW))


def _one(d: ModelDiff, section: str, item: str, change: str) -> Change:
    found = [c for c in d.changes if (c.section, c.id, c.change) == (section, item, change)]
    assert len(found) == 1, found
    return found[0]


def test_every_change_of_the_pair_is_reported_once(pair: ModelDiff) -> None:
    assert Counter((c.section, c.id, c.change) for c in pair.changes) == EXPECTED


def test_every_change_code_is_exercised_by_the_pair_one_way_or_the_other(pair: ModelDiff) -> None:
    back = diff(load(NEW), load(OLD))
    assert {c.change for c in pair.changes} | {c.change for c in back.changes} == set(CHANGES)


def test_the_reverse_diff_swaps_added_and_removed(pair: ModelDiff) -> None:
    back = diff(load(NEW), load(OLD))
    for section in ("body", "role", "organisation", "source"):
        assert back.ids(section, "added") == pair.ids(section, "removed")
        assert back.ids(section, "removed") == pair.ids(section, "added")


def test_a_branch_that_moved_is_reported_once_at_its_root(pair: ModelDiff) -> None:
    move = _one(pair, "body", "branch", "line_moved")
    assert (move.relation, move.old, move.new) == ("reports_to", "mid", "other")
    assert move.carried == ("leaf-one", "leaf-three", "leaf-two")
    assert not [c for c in pair.changes if c.id.startswith("leaf-")]
    assert "with the 3 bodies below it (Leaf One, Leaf Three, Leaf Two)" in diff_text(pair)


def test_status_and_rename_are_dated_and_attributed_from_the_history(pair: ModelDiff) -> None:
    status = _one(pair, "body", "closing", "status")
    # The old file records no status for it: none is made up.
    assert (status.old, status.new, str(status.date), status.decided_by) == (
        None,
        "closed",
        "2024-06",
        "top",
    )
    rename = _one(pair, "body", "renamed", "renamed")
    assert (rename.old, rename.new, str(rename.date)) == ("Old Name", "New Name", "2024-05")
    # The history entries that made these changes are not reported a second time.
    assert not pair.of("body", "closing")[1:]
    assert len(pair.of("body", "renamed")) == 2


def test_lines_restyled_replaced_and_redated(pair: ModelDiff) -> None:
    restyle = _one(pair, "body", "restyle", "line_restyled")
    assert (restyle.other, restyle.old, restyle.new) == ("top", "reports_to", "dotted_to")
    replaced = _one(pair, "body", "succeeded", "replaced")
    assert (replaced.relation, replaced.other) == ("succeeded_by", "fresh")
    dates = [c for c in pair.of("body", "dated") if c.change == "dates"]
    assert [(c.relation, c.old, c.new) for c in dates] == [
        (None, "2020/..", "2019/.."),
        ("reports_to", "2021/..", "2022/.."),
    ]
    holder = _one(pair, "role", "chair-a", "dates")
    assert (holder.other, holder.old, holder.new) == ("Ann Smith", "2020/..", "2020/2024")


def test_a_liaison_through_another_post_is_a_change(pair: ModelDiff) -> None:
    # The OpenStack TC's liaison to a team passing from one member to another was "No changes".
    found = _one(pair, "body", "liaising", "line_by")
    assert (found.relation, found.other, found.old, found.new) == ("liaison_to", "top", "lead", "chair-b")
    assert "liaison to TB runs through another post: was Lead; now Chair B (renamed)" in diff_text(pair)


def test_members_chairs_and_sources(pair: ModelDiff) -> None:
    changed = _one(pair, "body", "members-body", "member_changed")
    assert (changed.other, changed.old, changed.new) == ("org-a", "finance", "audit")
    added = [(c.other, c.seat) for c in pair.of("body", "members-body") if c.change == "member_added"]
    assert added == [("chair-b", "liaison"), ("grp", None)]
    removed = _one(pair, "body", "members-body", "member_removed")
    assert (removed.other, removed.seat) == ("org-b", "observer")
    assert _one(pair, "body", "top", "chair_added").other == "chair-b"
    sources = _one(pair, "body", "sourced", "sources")
    assert (sources.old, sources.new) == ("paper-one", "paper-two")


def test_what_was_added_or_removed_carries_the_dates_it_is_written_with(pair: ModelDiff) -> None:
    # A manager, a holder and a chair added: the first two written with dates, the chair with none (so none).
    assert _one(pair, "body", "other", "manager_added").period == "2020/.."
    assert _one(pair, "role", "chair-a", "holder_added").period == "2024/.."
    assert _one(pair, "body", "top", "chair_added").period is None
    assert _one(pair, "body", "other", "line_added").period is None
    # The other way round, what went carries the dates it had.
    back = diff(pair.new, pair.old)
    assert _one(back, "body", "other", "manager_removed").period == "2020/.."
    assert _one(back, "role", "chair-a", "holder_removed").period == "2024/.."
    assert _one(back, "body", "top", "chair_removed").period is None


@pytest.mark.parametrize("path", [OLD, NEW, support.REPO / "data" / "governance.yaml"])
def test_a_model_compared_with_itself_has_no_changes(path: Path) -> None:
    d = diff(load(path), load(path))
    assert d.empty
    assert "No changes." in diff_text(d)
    assert "No changes." in diff_markdown(d)


def _shuffled_load(path: Path, seed: int) -> Model:
    data = yaml.safe_load(path.read_text())
    rng = random.Random(seed)
    for section in ("bodies", "roles", "organisations", "sources"):
        items = list(data[section].items())
        rng.shuffle(items)
        data[section] = dict(items)
    return load_bytes(yaml.safe_dump(data, sort_keys=False).encode(), str(path))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_order_of_the_file_does_not_change_the_report(pair: ModelDiff, seed: int) -> None:
    shuffled = diff(_shuffled_load(OLD, seed), _shuffled_load(NEW, seed + 10))
    assert shuffled.changes == pair.changes
    assert diff_data(shuffled)["changes"] == diff_data(pair)["changes"]


# Generated edits ----------------------------------------------------------------------------------------------

HERE = Location("edit", 1, 1)
BASE = load(OLD)
#: Bodies an edit may touch; `top` and `other` stay as they are, so lines can always be added to them.
EDITABLE = sorted(set(BASE.bodies) - {"top", "other"})
EDITS = ("rename", "kind", "close", "chair", "unchair", "line", "unline", "move", "remove")


def _apply(model: Model, body_id: str, edit: str, n: int) -> tuple[Model, set[tuple[str, str, str]]] | None:
    """Apply one edit to one body; None when it does not apply to this body (the caller skips it)."""
    body = model.bodies[body_id]
    bodies = dict(model.bodies)
    expected = {("body", body_id, edit)}
    if edit == "rename":
        bodies[body_id] = replace(body, name=f"{body.name} renamed {n}")
        expected = {("body", body_id, "renamed")}
    elif edit == "kind":
        bodies[body_id] = replace(body, kind="team" if body.kind != "team" else "project")
    elif edit == "close":
        entry = HistoryEntry(date=PartialDate(2024, 6), location=HERE, status="closed")
        bodies[body_id] = replace(body, history=(*body.history, entry))
        expected = {("body", body_id, "status")}
    elif edit == "chair":
        if any(c.role == "chair-b" for c in body.chairs):
            return None
        bodies[body_id] = replace(
            body, chairs=(*body.chairs, Chair(body=body_id, role="chair-b", period=ALWAYS, location=HERE))
        )
        expected = {("body", body_id, "chair_added")}
    elif edit == "unchair":
        if len({c.role for c in body.chairs}) != 1:
            return None
        bodies[body_id] = replace(body, chairs=())
        expected = {("body", body_id, "chair_removed")}
    elif edit == "line":
        line = Relation(kind="steers", source_body=body_id, target="other", period=ALWAYS, location=HERE)
        if any((r.kind, r.target) == ("steers", "other") for r in body.relations):
            return None
        bodies[body_id] = replace(body, relations=(*body.relations, line))
        expected = {("body", body_id, "line_added")}
    elif edit == "unline":
        if not body.relations:
            return None
        bodies[body_id] = replace(body, relations=body.relations[1:])
        gone = body.relations[0]
        if any((r.kind, r.target) == (gone.kind, gone.target) for r in body.relations[1:]):
            return None
        expected = {("body", body_id, "line_removed")}
    elif edit == "move":
        solid = [r for r in body.relations if r.kind == "reports_to"]
        if len(solid) != 1 or solid[0].target == "other":
            return None
        moved = tuple(replace(r, target="other") if r is solid[0] else r for r in body.relations)
        bodies[body_id] = replace(body, relations=moved)
        expected = {("body", body_id, "line_moved")}
    elif edit == "remove":
        if model.lines_into(body_id) or any(body_id in (c.role for c in b.chairs) for b in model.bodies.values()):
            return None
        del bodies[body_id]
        expected = {("body", body_id, "removed")}
    return replace(model, bodies=bodies), expected


@st.composite
def edited(draw: st.DrawFn) -> tuple[Model, set[tuple[str, str, str]]]:
    """The base model with edits on distinct bodies (plus new bodies), and the changes they must give."""
    chosen = draw(st.lists(st.sampled_from(EDITABLE), unique=True, max_size=len(EDITABLE)))
    model = BASE
    expected: set[tuple[str, str, str]] = set()
    touched: set[str] = set()
    for n, body_id in enumerate(chosen):
        edit = draw(st.sampled_from(EDITS))
        # A body is only removed when no other edit has touched what points at it.
        if edit == "remove" and touched & {r.source_body for r in BASE.lines_into(body_id)}:
            continue
        done = _apply(model, body_id, edit, n)
        if done is None:
            continue
        model, found = done
        expected |= found
        touched.add(body_id)
    for n in range(draw(st.integers(min_value=0, max_value=3))):
        new_id = f"new-body-{n}"
        line = Relation(kind="reports_to", source_body=new_id, target="top", period=ALWAYS, location=HERE)
        body = Body(id=new_id, name=f"New body {n}", kind="project", location=HERE, relations=(line,))
        model = replace(model, bodies={**model.bodies, new_id: body})
        expected.add(("body", new_id, "added"))
    return model, expected


@settings(max_examples=60, deadline=None)
@given(edited())
def test_generated_edits_give_exactly_those_changes(case: tuple[Model, set[tuple[str, str, str]]]) -> None:
    model, expected = case
    d = diff(BASE, model)
    assert {(c.section, c.id, c.change) for c in d.changes} == expected
    assert len(d.changes) == len(expected)
    assert diff(model, model).empty
    assert list(d.changes) == sorted(d.changes, key=lambda c: c.sort_key())


# Two dates of one model ---------------------------------------------------------------------------------------


def test_london_from_june_2024_to_april_2025(london: Model) -> None:
    d = diff_dates(london, PartialDate.parse("2024-06"), PartialDate.parse("2025-04"))
    status = _one(d, "body", "clp", "status")
    assert (status.old, status.new, str(status.date), status.decided_by) == (
        None,
        "closed",
        "2025-03",
        "lret",
    )
    # PCAG was under review on both dates, its line into LCEG in force on both: nothing changed there.
    assert d.of("body", "pcag") == ()
    assert ("body", "clp", "line_removed") in {(c.section, c.id, c.change) for c in d.changes}
    assert "status changed from not recorded to closed (March 2025, by decision of LRET)" in diff_text(d)
    assert (d.old_label, d.new_label) == ("30 June 2024", "30 April 2025")


def test_dates_diff_shows_bodies_set_up_and_ended_as_added_and_removed(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "govgraph: 1\ntitle: T\nbodies:\n"
        "  top: {name: Top, kind: board}\n"
        "  early: {name: Early, kind: project, until: 2023, reports_to: [top]}\n"
        "  late: {name: Late, kind: project, from: 2024-02, reports_to: [top]}\n"
        "  renamed: {name: Now, kind: forum, history: [{date: 2024-01, name: Now}], formerly: [Then]}\n"
    )
    d = diff_dates(load(path), PartialDate.parse("2022"), PartialDate.parse("2024-06"))
    assert {(c.id, c.change) for c in d.changes} == {("early", "removed"), ("late", "added"), ("renamed", "renamed")}
    assert _one(d, "body", "renamed", "renamed").old == "Then"


# Formats ------------------------------------------------------------------------------------------------------


def test_json_follows_its_schema_and_names_each_change(pair: ModelDiff) -> None:
    data = diff_data(pair)
    jsonschema.validate(data, diff_schema())
    assert data["summary"]["bodies_added"] == 1
    assert data["summary"]["bodies_changed"] == 14
    branch = next(c for c in data["changes"] if c["change"] == "line_moved")
    assert branch["carried"] == ["leaf-one", "leaf-three", "leaf-two"]
    assert branch["name"] == "Branch Programme"


HOSTILE = "*Board* [x](javascript:alert(1)) <script>alert(1)</script> | a | `code` &amp; # 1. ~~"


def _hostile_pair() -> ModelDiff:
    old = load(OLD)
    body = old.bodies["top"]
    new = replace(old, bodies={**old.bodies, "top": replace(body, name=HOSTILE)})
    return diff(old, new, old_label="v1 <b>", new_label="[v2](http://x)")


def test_markdown_escapes_model_text_so_no_name_breaks_the_page() -> None:
    page = diff_markdown(_hostile_pair())
    # Every `<`, `[` and `]` of model text is escaped, so no tag, link or image can start.
    assert not re.search(r"(?<!\\)[<\[\]]", page.replace("](", ""))
    assert md(HOSTILE) in page
    assert "\\*Board\\*" in md(HOSTILE)
    assert "&amp;amp;" in md(HOSTILE)
    assert "&lt;script\\>" in md(HOSTILE)  # a character reference: Python-Markdown keeps the backslash of `\\<`
    assert md("1. first") == "1\\. first"
    assert md("- item") == "\\- item"
    assert md("# title") == "\\# title"


def test_markdown_is_a_change_log_with_sections(pair: ModelDiff) -> None:
    page = diff_markdown(pair)
    assert page.startswith("# Changes to Diff example, revised\n")
    for heading in ("## Bodies", "## Posts", "## Organisations", "## Groups", "## Sources", "### Branch Programme"):
        assert f"\n{heading}\n" in page
    assert "- **Fresh Project** added (project): reports to Middle Committee" in page
    assert diff_markdown(pair, level=2).startswith("## Changes")


def test_the_same_models_give_the_same_bytes_in_every_format(pair: ModelDiff) -> None:
    again = diff(load(OLD), load(NEW))
    for render in (diff_text, diff_markdown):
        assert render(again) == render(pair)
    for fmt in ("dot", "mermaid"):
        assert render_diff(again, fmt) == render_diff(pair, fmt)


# The diagram --------------------------------------------------------------------------------------------------


def test_the_diagram_is_the_union_with_each_part_marked(pair: ModelDiff) -> None:
    diagram = diff_diagram(pair)
    nodes = {n.id: n.change for n in diagram.nodes}
    assert nodes["fresh"] == "added"
    assert nodes["gone"] == "removed"
    assert nodes["closing"] == "changed"
    assert nodes["leaf-one"] == "same"
    edges = {(e.source, e.target, e.relation): e.change for e in diagram.edges}
    assert edges[("branch", "mid", "reports_to")] == "removed"
    assert edges[("branch", "other", "reports_to")] == "added"
    assert edges[("dated", "mid", "reports_to")] == "changed"
    assert edges[("leaf-one", "branch", "reports_to")] == "same"
    assert "Fresh Project was added." in diagram.describe()


def _parse(dot: str) -> pydot.Dot:
    graphs = pydot.graph_from_dot_data(dot)
    assert graphs is not None
    return graphs[0]


def test_dot_of_the_diagram_colours_and_dashes_and_has_a_legend(pair: ModelDiff) -> None:
    text = render_diff(pair, "dot")
    assert isinstance(text, str)
    graph = _parse(text)
    nodes = {n.get_name().strip('"'): n for n in graph.get_nodes()}
    assert nodes["fresh"].get("color").strip('"') == "#009E73"
    assert "dashed" in nodes["gone"].get("style")
    assert nodes["gone"].get("color").strip('"') == "#D55E00"
    assert nodes["closing"].get("peripheries").strip('"') == "2"
    assert "[removed]" in nodes["gone"].get("label")
    # The legend, under the title, names each change with a sample of its colour.
    table = graph.get("label")
    for change, style in CHANGE_NODE_STYLES.items():
        assert f'color="{style["color"]}"' in table
        assert f">{change}<" in table


def test_mermaid_of_the_diagram_styles_boxes_and_lines(pair: ModelDiff) -> None:
    text = render_diff(pair, "mermaid")
    assert isinstance(text, str)
    assert "classDef added" in text
    assert "classDef removed" in text
    assert "classDef changed" in text
    assert "Legend: added" in text
    assert "linkStyle " in text
    assert '|"removed"|' in text
    assert '|"added"|' in text
    assert "[added]" in text
    assert "[removed]" in text


def test_the_diagram_escapes_hostile_names_as_every_diagram_does() -> None:
    d = _hostile_pair()
    dot = render_diff(d, "dot")
    assert isinstance(dot, str)
    graph = _parse(dot)
    assert {n.get_name().strip('"') for n in graph.get_nodes()} >= {"top", "mid"}
    mermaid = render_diff(d, "mermaid")
    assert isinstance(mermaid, str)
    assert "<script>" not in mermaid


def test_svg_of_the_diagram_through_graphviz(pair: ModelDiff, engine: str) -> None:
    svg = render_diff(pair, "svg")
    assert isinstance(svg, str)
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    desc = root.find("{http://www.w3.org/2000/svg}desc")
    assert desc is not None
    assert desc.text is not None
    assert "Gone Project was removed." in desc.text
    assert "#009e73" in svg.lower()
    assert "#d55e00" in svg.lower()
    assert "#e69f00" in svg.lower()


# Reading sides: files and git revisions ---------------------------------------------------------------------


def _git(folder: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@x"
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A real git repository whose `docs/governance.yaml` is old.yaml at HEAD~1 and new.yaml at HEAD."""
    (tmp_path / "docs").mkdir()
    _git(tmp_path, "init", "-q")
    target = tmp_path / "docs" / "governance.yaml"
    for source in (OLD, NEW):
        target.write_bytes(source.read_bytes())
        _git(tmp_path, "add", "docs/governance.yaml")
        _git(tmp_path, "commit", "-q", "-m", source.name)
    return tmp_path


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return support.govgraph(*args, cwd=folder)


def test_cli_compares_two_git_revisions_without_checking_out(repo: Path) -> None:
    (repo / "docs" / "governance.yaml").write_text("not touched by diff\n")
    done = _run(repo, "diff", "HEAD~1:docs/governance.yaml", "HEAD:docs/governance.yaml")
    assert done.returncode == 0, done.stderr
    assert done.stdout == diff_text(
        diff(load(OLD), load(NEW), old_label="HEAD~1:docs/governance.yaml", new_label="HEAD:docs/governance.yaml")
    )
    assert (repo / "docs" / "governance.yaml").read_text() == "not touched by diff\n"


def test_cli_reads_a_revision_path_relative_to_the_current_folder(repo: Path) -> None:
    done = _run(repo / "docs", "diff", "HEAD~1:./governance.yaml", str(NEW), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["bodies_added"] == 1


def test_cli_unknown_revision(repo: Path) -> None:
    done = _run(repo, "diff", "no-such-branch:docs/governance.yaml", "HEAD:docs/governance.yaml")
    assert done.returncode == 2
    assert "git knows no revision 'no-such-branch' (the old model)" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_path_not_in_the_revision(repo: Path) -> None:
    done = _run(repo / "docs", "diff", "HEAD~1:docs/governance.yaml", "HEAD:governance.yaml")
    assert done.returncode == 2
    assert "revision HEAD has no file 'governance.yaml' (the new model)" in done.stderr
    assert "HEAD:./FILE" in done.stderr


def test_cli_revision_outside_a_git_repository(tmp_path: Path) -> None:
    done = _run(tmp_path, "diff", "HEAD~1:governance.yaml", str(NEW))
    assert done.returncode == 2
    assert "is not in a git repository, so the old model cannot be read from a revision" in done.stderr


def test_revision_written_without_a_revision_or_path(tmp_path: Path) -> None:
    for spec in (":governance.yaml", "HEAD:", "-x:governance.yaml"):
        with pytest.raises(RevisionNotReadable, match="neither a file nor a git revision"):
            read_model(spec, side="new", cwd=tmp_path)


def test_missing_git_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RevisionNotReadable, match="git is not installed"):
        read_model("HEAD:governance.yaml", cwd=tmp_path)


def test_cli_model_with_errors_names_its_side(repo: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("govgraph: 1\ntitle: B\nbodies:\n  top: {name: Top, kind: bored}\n")
    for args, side in (((str(broken), str(NEW)), "old"), ((str(OLD), str(broken)), "new")):
        done = _run(repo, "diff", *args)
        assert done.returncode == 1
        assert "broken.yaml:4:" in done.stderr
        assert f"the {side} model ({broken}) has errors" in done.stderr
    with pytest.raises(ComparedModelInvalid) as caught:
        read_model(str(broken), side="new")
    assert caught.value.side == "new"
    assert caught.value.findings


def test_a_revision_with_errors_points_at_the_revision(repo: Path) -> None:
    (repo / "docs" / "governance.yaml").write_text("govgraph: 1\ntitle: B\nbodies:\n  top: {name: Top, kidn: board}\n")
    _git(repo, "commit", "-q", "-am", "broken")
    done = _run(repo, "diff", "HEAD:docs/governance.yaml", str(NEW))
    assert done.returncode == 1
    assert "HEAD:docs/governance.yaml:4:" in done.stderr
    assert "the old model" in done.stderr


def test_cli_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    done = _run(tmp_path, "diff", "nothing.yaml", str(NEW))
    assert done.returncode == 2
    assert "nothing.yaml: no such model file" in done.stderr
    with pytest.raises(ModelFileNotFound):
        read_model("nothing.yaml", cwd=tmp_path)


@pytest.mark.parametrize(
    "args",
    [
        [],
        [str(OLD)],
        [str(OLD), str(NEW), str(NEW)],
        [str(OLD), str(NEW), "--as-of", "2024", "--as-of", "2025"],
        [str(OLD), "--as-of", "2024", "--as-of", "2025", "-m", str(NEW)],
        ["--as-of", "2024", "--as-of", "2025", "--as-of", "2026"],
        [str(OLD), str(NEW), "-m", str(NEW)],
    ],
)
def test_cli_wrong_numbers_of_models_or_dates_are_usage_errors(args: list[str]) -> None:
    from govgraph.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["diff", *args])
    assert exit_info.value.code == 2


def test_compare_raises_usage_errors_from_the_library() -> None:
    with pytest.raises(UsageError, match="give two models to compare"):
        compare([str(OLD)])
    june, april = PartialDate.parse("2024-06"), PartialDate.parse("2025-04")
    # The library names its parameter (`dates`); the command line its flag (`--as-of`).
    with pytest.raises(UsageError, match=r"with two dates \(dates\), give one model"):
        compare([str(OLD), str(OLD)], [june, april])
    with pytest.raises(UsageError, match=r"give two dates \(dates\) to compare one model"):
        compare([str(OLD)], [june, april, april])
    with pytest.raises(UsageError, match=r"with two dates \(dates\), give one model"):
        compare([], [june, april])  # the model to compare is found by the command line, not the library
    result = CliRunner().invoke(cli, ["diff", str(OLD), str(OLD), "--as-of", "2024-06", "--as-of", "2025-04"])
    assert result.exit_code == 2
    assert "with two dates (--as-of), give one model" in result.stderr


def test_cli_bad_date_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["diff", "--as-of", "2024-13", "--as-of", "2025", "-m", str(OLD)])
    assert result.exit_code == 2
    assert "govgraph: --as-of '2024-13': '2024-13' is not a date: there is no month 13" in result.stderr


def test_cli_two_dates_of_one_model(repo_root: Path) -> None:
    done = _run(repo_root, "diff", "--as-of", "2024-06", "--as-of", "2025-04", "--format", "markdown")
    assert done.returncode == 0, done.stderr
    assert "From 30 June 2024 to 30 April 2025" in done.stdout
    assert "status changed from not recorded to closed (March 2025, by decision of LRET)" in done.stdout


def test_cli_two_models_on_one_date(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["diff", str(OLD), str(NEW), "--as-of", "2024-07", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["old"]["as_of"] == data["new"]["as_of"] == "2024-07"
    # By July 2024 the renamed body had its new name in the new file's history, so it shows as renamed.
    assert any(c["id"] == "renamed" and c["change"] == "renamed" for c in data["changes"])


def test_cli_writes_a_diagram_file_whole(tmp_path: Path) -> None:
    out = tmp_path / "changes.mmd"
    result = CliRunner().invoke(cli, ["diff", str(OLD), str(NEW), "--format", "mermaid", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text() == render_diff(diff(load(OLD), load(NEW), old_label=str(OLD), new_label=str(NEW)), "mermaid")
    assert [p.name for p in tmp_path.iterdir()] == ["changes.mmd"]


def test_cli_schema_of_the_diff_report() -> None:
    result = CliRunner().invoke(cli, ["schema", "--of", "diff"])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == "govgraph diff report"


def test_the_same_facts_in_another_order_are_no_change() -> None:
    old = load(NEW)
    body = old.bodies["members-body"]
    top = old.bodies["top"]
    shuffled = {
        **old.bodies,
        "members-body": replace(body, members=body.members[::-1]),
        "top": replace(top, chairs=top.chairs[::-1]),
    }
    assert diff(old, replace(old, bodies=shuffled)).empty


def test_intervals_reads_back_what_interval_writes() -> None:
    from govgraph.changes.diff import interval, intervals
    from govgraph.model import PartialDate, Period

    written = [
        Period(PartialDate.parse("2017"), PartialDate.parse("2025-06")),
        Period(PartialDate.parse("2024-03-01"), None),
        Period(None, None),
    ]
    assert intervals("; ".join(interval(p) for p in written)) == written
