"""The documentation build: what it writes, that it is deterministic and incremental, `--check`, and that it
never destroys anything (refused targets, a model with errors, a failing engine, a SIGKILL mid-build).

Builds need a Graphviz engine: without one these tests skip, and fail under GOVGRAPH_REQUIRE_ENGINES=1 (CI).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

import support
from govgraph.build import build, check_output, plan_build
from govgraph.build.folder import MARKER
from govgraph.errors import BuildRefused, EngineFailed, OutputRefused
from govgraph.loading import load
from govgraph.model import PartialDate
from support import HOSTILE, hostile_model

# One test process runs this file's tests (`--dist loadgroup`): its module fixture builds the London model, which each
# process running one of them would do again.
pytestmark = pytest.mark.xdist_group("build")

REPO = support.REPO
LONDON = REPO / "data" / "governance.yaml"
GOVGRAPH = str(Path(sys.executable).with_name("govgraph"))


@pytest.fixture(scope="module")
def built(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The London model built once for the module (tests that change it work on a copy)."""
    target = tmp_path_factory.mktemp("london") / "output"
    build(load(LONDON), target)
    return target


def snapshot(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Every file under `folder`: content hash, inode and modification time (to tell rewritten from kept)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            out[path.relative_to(folder).as_posix()] = (
                hashlib.sha256(path.read_bytes()).hexdigest(),
                stat.st_ino,
                stat.st_mtime_ns,
            )
    return out


def contents(folder: Path) -> dict[str, str]:
    return {path: digest for path, (digest, _, _) in snapshot(folder).items()}


def govgraph(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return support.govgraph(*args, cwd=cwd)


def model_copy(tmp_path: Path, edit: str | None = None, replacement: str = "") -> Path:
    """The London model copied into a folder of its own, with one text replacement."""
    folder = tmp_path / "model"
    folder.mkdir(exist_ok=True)
    text = LONDON.read_text(encoding="utf-8")
    if edit is not None:
        assert edit in text
        text = text.replace(edit, replacement, 1)
    path = folder / "governance.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# What a build writes -----------------------------------------------------------------------------------------


def test_the_london_build_has_every_page_and_diagram(built: Path) -> None:
    model = load(LONDON)
    files = set(contents(built))
    assert {"index.md", "paths.md", "checks.md", "timeline.md", "explore.html", "governance.json", MARKER} <= files
    for body_id in model.bodies:
        assert f"bodies/{body_id}.md" in files
        for fmt in ("svg", "dot", "mmd"):
            assert f"diagrams/bodies/{body_id}.{fmt}" in files
    for name in ["model", *(f"views/{v}" for v in model.views)]:
        for fmt in ("svg", "png", "dot", "mmd"):
            assert f"diagrams/{name}.{fmt}" in files
    assert not any(name.startswith(".govgraph-new") for name in os.listdir(built.parent))


def test_svgs_are_accessible_and_pngs_and_pdfs_are_real(built: Path) -> None:
    for svg in (built / "diagrams").rglob("*.svg"):
        root = ET.fromstring(svg.read_bytes())
        assert root.get("role") == "img", svg
        assert root.find("{http://www.w3.org/2000/svg}title") is not None
    assert (built / "diagrams" / "model.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    pdf = built / "diagrams" / "model.pdf"
    if pdf.exists():  # graphviz-pure writes no PDF, and the build then leaves PDFs out
        assert pdf.read_bytes().startswith(b"%PDF-")


def test_every_link_in_every_page_leads_to_a_file_of_the_build(built: Path) -> None:
    parser = MarkdownIt("commonmark").enable("table")
    checked = 0
    for page in built.rglob("*.md"):
        for token in parser.parse(page.read_text(encoding="utf-8")):
            for child in token.children or []:
                target = child.attrGet("href") or child.attrGet("src")
                if not isinstance(target, str) or target.startswith(("http://", "https://", "mailto:")):
                    continue
                assert (page.parent / target).resolve().is_file(), f"{page.relative_to(built)} links to {target}"
                checked += 1
    assert checked > 100


def test_a_body_page_carries_its_card_route_and_sources(built: Path) -> None:
    page = (built / "bodies" / "pcag.md").read_text(encoding="utf-8")
    assert page.startswith("# Personalised Care Advisory Group (PCAG)\n")
    assert "- **Co-chairs:** NHSE London Personalised Care SRO; NHSE London Personalised Care Clinical Director" in page
    assert "- **Status:** under review since March 2024" in page
    assert "reports to [LCEG](../bodies/lceg.md)" in page
    assert "## Sources\n\n1. Programme background and Methodology" in page
    chest = (built / "bodies" / "community-chest.md").read_text(encoding="utf-8")
    route = chest[chest.index("## Route to the top") :].split("\n## ")[0]
    assert re.findall(r"\[([^]]+)\]", route) == ["CLP", "PCAG", "LCEG"]


def test_the_index_and_checks_pages_say_what_check_says(built: Path) -> None:
    index = (built / "index.md").read_text(encoding="utf-8")
    assert index.startswith("# London Personalised Care governance\n")
    assert "![London Personalised Care programme governance](diagrams/views/overview.svg)" in index
    assert "| [PCAG](bodies/pcag.md) | NHSE London Personalised Care SRO; " in index
    result = govgraph("check", str(LONDON), "--format", "json")
    codes = sorted(set(re.findall(r'"code": "(GG\d+)"', result.stdout)))
    checks = (built / "checks.md").read_text(encoding="utf-8")
    assert sorted(set(re.findall(r"\| (GG\d+) \|", checks.split("## Silenced")[0]))) == codes
    assert "| GG401 |" in checks.split("## Silenced")[1]


def test_paths_page_lists_each_project_route_solid_then_dotted(built: Path) -> None:
    page = (built / "paths.md").read_text(encoding="utf-8")
    section = page[page.index("## [Community Chest]") :].split("\n## ")[0]
    solid, dotted = section.split("Through dotted lines or steering:")
    assert re.findall(r"\[([^]]+)\]", solid)[2:] == ["CLP", "PCAG", "LCEG"]
    assert "has a dotted line to [London Leaders Group]" in dotted


# Deterministic and incremental -----------------------------------------------------------------------------


def test_the_same_model_gives_the_same_bytes(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build(load(LONDON), again)
    assert contents(again) == contents(built)


def test_a_rebuild_with_nothing_changed_writes_nothing(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "output"
    shutil.copytree(built, target, copy_function=shutil.copy2)
    before = snapshot(target)
    result = build(load(LONDON), target)
    assert not result.changed
    assert snapshot(target) == before  # same inodes and times: not even rewritten with the same bytes


def test_a_changed_body_redraws_only_the_diagrams_it_appears_in(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "output"
    shutil.copytree(built, target, copy_function=shutil.copy2)
    before = snapshot(target)
    changed = load(model_copy(tmp_path, "name: Community Chest\n", "name: Community Chest Fund\n"))
    result = build(changed, target)
    after = snapshot(target)
    redrawn = set(result.rendered)
    # The project's own diagram, its neighbour's (CLP's) and the whole-model views; nothing else.
    assert "diagrams/bodies/community-chest.svg" in redrawn
    assert "diagrams/bodies/clp.svg" in redrawn
    assert "diagrams/bodies/lceg.svg" not in redrawn
    assert "diagrams/bodies/pcag.svg" not in redrawn
    for path in ("diagrams/bodies/lceg.svg", "bodies/lceg.md", "checks.md"):
        assert after[path] == before[path], path  # kept: same inode and time
    assert after["bodies/community-chest.md"][0] != before["bodies/community-chest.md"][0]
    assert check_output(changed, target) == []


def test_check_reports_what_differs_and_exits_1(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "output"
    shutil.copytree(built, target)
    assert govgraph("build", str(LONDON), "-o", str(target), "--check").returncode == 0
    (target / "index.md").write_text("edited by hand\n", encoding="utf-8")
    (target / "notes.md").write_text("mine\n", encoding="utf-8")
    (target / "bodies" / "clp.md").unlink()
    svg = target / "diagrams" / "bodies" / "pcag.svg"
    svg.write_bytes(svg.read_bytes().replace(b"PCAG", b"PCAX"))
    done = govgraph("build", str(LONDON), "-o", str(target), "--check")
    assert done.returncode == 1
    assert "changed: index.md" in done.stdout
    assert "extra: notes.md" in done.stdout
    assert "missing: bodies/clp.md" in done.stdout
    assert "changed: diagrams/bodies/pcag.svg" in done.stdout
    assert "Run `govgraph build" in done.stdout
    # --check wrote nothing.
    assert (target / "notes.md").exists()
    assert not (target / "bodies" / "clp.md").exists()


def test_check_needs_no_engine(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_DOT", "no-such-graphviz")
    assert check_output(load(LONDON), built) == []


def test_check_of_a_model_with_a_changed_fact_is_stale(built: Path, tmp_path: Path) -> None:
    changed = load(model_copy(tmp_path, "name: Community Chest\n", "name: Community Chest Fund\n"))
    differences = {str(d) for d in check_output(changed, built)}
    assert "changed: bodies/community-chest.md" in differences
    assert "changed: diagrams/bodies/community-chest.svg" in differences


def test_a_new_svg_cleaning_makes_every_svg_and_the_page_stale(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # SVGs are kept while their key holds; a govgraph that cleans the engine's SVG differently must draw them
    # again (and the page, which holds one), though neither the DOT nor the model changed. PNGs and PDFs stay.
    from govgraph.render import svg

    # The change is made in this process, not in govgraph's files, by which a kept plan's outline goes.
    monkeypatch.setenv("GOVGRAPH_CACHE", "off")
    monkeypatch.setattr(svg, "CLEANER_VERSION", svg.CLEANER_VERSION + 1)
    stale = {str(d) for d in check_output(load(LONDON), built)}
    assert "changed: diagrams/views/overview.svg" in stale
    assert "changed: diagrams/bodies/pcag.svg" in stale
    assert "changed: explore.html" in stale
    assert not any(d.endswith((".png", ".pdf", ".md", ".dot", ".mmd")) for d in stale)


# Safety -------------------------------------------------------------------------------------------------------


def test_the_repository_output_folder_is_the_build_of_the_bundled_model() -> None:
    """CI fails when the committed output/ is stale (the README's main command rebuilds it)."""
    done = govgraph("build", "--check", cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("case", ["foreign", "model-folder", "model-parent", "symlink", "through-symlink", "a-file"])
def test_refused_targets_are_left_as_they_were(case: str, tmp_path: Path, engine: str) -> None:
    model = model_copy(tmp_path)
    foreign = tmp_path / "site"
    foreign.mkdir()
    (foreign / "page.md").write_text("someone's page\n", encoding="utf-8")
    target = {
        "foreign": foreign,
        "model-folder": model.parent,
        "model-parent": tmp_path,
        "symlink": tmp_path / "link",
        "through-symlink": tmp_path / "link" / "output",
        "a-file": foreign / "page.md",
    }[case]
    (tmp_path / "link").symlink_to(foreign)
    before = snapshot(tmp_path)
    done = govgraph("build", str(model), "-o", str(target))
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"govgraph: will not build into {target}: ")
    assert "Traceback" not in done.stderr
    assert snapshot(tmp_path) == before
    with pytest.raises(OutputRefused):
        build(load(model), target)


def test_a_model_with_errors_builds_nothing_unless_allowed(tmp_path: Path, engine: str) -> None:
    # A reporting cycle: PCAG reports to LCEG, which now reports to PCAG.
    model = model_copy(
        tmp_path, "  lceg:\n    name: NHSE LCEG\n", "  lceg:\n    name: NHSE LCEG\n    reports_to: [pcag]\n"
    )
    target = tmp_path / "output"
    done = govgraph("build", str(model), "-o", str(target))
    assert done.returncode == 1
    for expected in ("GG301", "nothing was built", "--allow-errors"):
        assert expected in done.stderr
    assert not target.exists()
    with pytest.raises(BuildRefused):
        check_output(load(model), target)
    done = govgraph("build", str(model), "-o", str(target), "--allow-errors")
    assert done.returncode == 0, done.stderr
    assert "built from a model with errors" in (target / "index.md").read_text(encoding="utf-8")
    assert "| error | GG301 |" in (target / "checks.md").read_text(encoding="utf-8")


def test_a_failing_engine_leaves_the_previous_output(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "output"
    shutil.copytree(built, target)
    before = snapshot(target)
    broken = tmp_path / "broken-dot"
    broken.write_text("#!/bin/sh\necho 'Error: out of memory' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    changed = load(model_copy(tmp_path, "name: Community Chest\n", "name: Community Chest Fund\n"))
    with pytest.raises(EngineFailed, match="out of memory"):
        build(changed, target, engine=str(broken))
    assert snapshot(target) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".govgraph")] == []


def _synthetic(path: Path, n: int) -> Path:
    """A model of `n` projects under one board, big enough that its build takes a few seconds."""
    document = {
        "govgraph": 1,
        "title": "Synthetic",
        "bodies": {
            "board": {"name": "Board", "kind": "board"},
            **{f"p{i:04d}": {"name": f"Project {i}", "kind": "project", "reports_to": ["board"]} for i in range(n)},
        },
    }
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return path


def test_a_sigkill_mid_build_leaves_the_previous_output_intact(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "output"
    shutil.copytree(built, target)
    before = snapshot(target)
    # 120 projects: the build is still writing its diagrams seconds after the first one, and the kill comes within
    # 10 ms of it (400 made the completing build below take 15 s for the same check).
    big = _synthetic(tmp_path / "big.yaml", 120)
    process = subprocess.Popen([GOVGRAPH, "build", str(big), "-o", str(target)], stdout=subprocess.PIPE)
    deadline = time.monotonic() + 60
    staged: list[Path] = []
    while time.monotonic() < deadline and process.poll() is None:
        staged = [p for p in tmp_path.glob(".govgraph-new-*") if list(p.glob("diagrams/bodies/*.svg"))]
        if staged:
            break
        time.sleep(0.01)
    assert staged, "the build finished before it could be interrupted"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert snapshot(target) == before
    # The next build tidies up what the killed one left and completes.
    result = build(load(big), target)
    assert result.changed
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".govgraph")] == []
    assert (target / "bodies" / "p0119.md").exists()
    assert not (target / "bodies" / "pcag.md").exists()


# Escaping ----------------------------------------------------------------------------------------------------


def _texts(markdown: str) -> tuple[str, list[str], list[str]]:
    """The visible text, the link targets, and the raw HTML of a page, as a CommonMark parser reads it."""
    parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    text, links, html = [], [], []
    for token in parser.parse(markdown):
        if token.type in ("html_block", "html_inline"):
            html.append(token.content)
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                text.append(child.content)
            elif child.type in ("html_inline", "html_block"):
                html.append(child.content)
            target = child.attrGet("href") or child.attrGet("src")
            if isinstance(target, str):
                links.append(target)
    return " ".join(text), links, html


def test_hostile_names_cannot_break_a_page() -> None:
    model = hostile_model()
    plan = plan_build(model, pdf=False)
    pages = {path: data.decode("utf-8") for path, data in plan.files.items() if path.endswith(".md")}
    shown = " ".join(" ".join(_texts(text)[0].split()) for text in pages.values())
    for name in HOSTILE:
        assert " ".join(name.split()) in shown, name
    for path, text in pages.items():
        _, links, html = _texts(text)
        assert html == [], (path, html)
        for target in links:
            assert not target.lower().startswith("javascript"), (path, target)
            assert re.fullmatch(
                r"(\.\./)?(bodies|diagrams)/[a-z0-9/-]+\.[a-z]+|(\.\./)?[a-z]+\.(md|json|html)", target
            ), (
                path,
                target,
            )


def test_a_dated_build_describes_that_date(tmp_path: Path, engine: str) -> None:
    done = govgraph("build", str(LONDON), "--as-of", "2024-06", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    target = tmp_path / "output-2024-06"
    index = (target / "index.md").read_text(encoding="utf-8")
    assert "The structure as it stood in June 2024" in index
    assert "| [CLP](bodies/clp.md) |  | not recorded |" in index  # nothing records its status then
    plan = plan_build(load(LONDON), as_of=PartialDate.parse("2025-04"), pdf=False)
    assert "| [CLP](bodies/clp.md) |  | closed March 2025 |" in plan.files["index.md"].decode()


def test_build_without_a_model_error_is_a_usage_error(tmp_path: Path) -> None:
    done = govgraph("build", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "missing.yaml" in done.stderr
    assert not (tmp_path / "out").exists()


def test_the_interactive_page_is_built_and_links_the_body_pages(built: Path) -> None:
    page = (built / "explore.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page
    assert "bodies/{id}.md" in page or "bodies/pcag.md" in page
    assert "[The interactive diagram" in (built / "index.md").read_text(encoding="utf-8")


def test_an_edit_that_changes_no_output_rewrites_no_file(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "output"
    shutil.copytree(built, target, copy_function=shutil.copy2)
    before = snapshot(target)
    model = model_copy(tmp_path)
    model.write_text(model.read_text(encoding="utf-8") + "# a comment changes the file, not the model\n")
    result = build(load(model), target)
    # The page is keyed by what it is made of, which a comment in the file does not change.
    assert not result.changed
    assert snapshot(target) == before


def test_the_data_file_is_the_json_export_and_reads_back(built: Path, tmp_path: Path) -> None:
    data = built / "governance.json"
    done = govgraph("import", "json", str(data), "-o", str(tmp_path / "back.yaml"))
    assert done.returncode == 0, done.stderr
    assert sorted(load(tmp_path / "back.yaml").bodies) == sorted(load(LONDON).bodies)
    page = (built / "bodies" / "clp.md").read_text(encoding="utf-8")
    assert "## Timeline" in page
    assert "CLP closed by decision of LRET" in page


def test_without_an_atomic_exchange_the_swap_still_replaces_the_folder_whole(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govgraph.build import folder

    monkeypatch.setattr(folder, "_exchange", lambda a, b: False)
    target = tmp_path / "output"
    shutil.copytree(built, target)
    changed = load(model_copy(tmp_path, "name: Community Chest\n", "name: Community Chest Fund\n"))
    build(changed, target)
    assert "Community Chest Fund" in (target / "bodies" / "community-chest.md").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".govgraph")] == []


def test_a_build_that_died_between_the_two_renames_gets_its_output_back(built: Path, tmp_path: Path) -> None:
    from govgraph.build import folder

    target = tmp_path / "output"
    aside = tmp_path / f".govgraph-old-{folder._tag(target)}-12345"
    shutil.copytree(built, aside)  # the previous output, renamed aside; the new one never arrived
    half = tmp_path / f".govgraph-new-{folder._tag(target)}-abc"
    (half / "bodies").mkdir(parents=True)
    folder.recover(target)
    assert contents(target) == contents(built)
    assert not aside.exists()
    assert not half.exists()


def test_with_graphviz_pure_pdfs_are_left_out_or_kept_while_current(built: Path, tmp_path: Path) -> None:
    from govgraph.render.engine import find_engine

    pure = find_engine("graphviz-pure")  # installed by `make` with the dev extra
    if not (built / "diagrams" / "model.pdf").exists():
        pytest.skip("the module's build had no PDF engine")
    # Nothing changed: the PDFs made by the system Graphviz are current and stay.
    target = tmp_path / "output"
    shutil.copytree(built, target, copy_function=shutil.copy2)
    result = build(load(LONDON), target, engine=pure)
    assert not result.changed
    assert (target / "diagrams" / "model.pdf").exists()
    # A change that needs new PDFs: graphviz-pure cannot draw them, so they are left out, and said so.
    changed = load(model_copy(tmp_path, "name: Community Chest\n", "name: Community Chest Fund\n"))
    result = build(changed, target, engine=pure)
    assert any("PDFs left out" in note for note in result.warnings)
    assert not list(target.rglob("*.pdf"))
    assert "PDF" not in (target / "index.md").read_text(encoding="utf-8")
    assert check_output(changed, target) == []
    # A new folder built with graphviz-pure has no PDFs from the start.
    fresh = tmp_path / "fresh"
    build(changed, fresh, engine=pure)
    assert not list(fresh.rglob("*.pdf"))
