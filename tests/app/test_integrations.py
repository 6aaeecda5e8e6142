"""The command line, the Sphinx directive, the MkDocs plugin and `govgraph serve` call the same app functions
and so behave the same: the same diagrams of a large structure (divided by one rule, with the same note), the
same documentation section, the same rebuild. Run for real (Sphinx as a user runs it, MkDocs' own plugin
machinery, a real server), with a real Graphviz engine."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from govgraph.app import documentation
from govgraph.render.diagram import diagram_sheets
from govgraph.views import ViewSelection, select_view
from support import engine_or_none

Run = Callable[..., Result]
BIN = Path(sys.executable).parent
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


@pytest.fixture(autouse=True)
def _engine() -> None:
    engine_or_none()


def big_model(folder: Path, projects: int = 130) -> Path:
    """A board with two programmes and `projects` projects: more than one diagram prints readably on A4."""
    lines = ["govgraph: 1", "title: Big", "bodies:", "  board: {name: Board, kind: board}"]
    lines += [f"  prog-{b}: {{name: Programme {b}, kind: programme, reports_to: [board]}}" for b in range(2)]
    lines += [
        f"  proj-{p:03d}: {{name: Project {p}, kind: project, reports_to: [prog-{p % 2}]}}" for p in range(projects)
    ]
    path = folder / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _svgs(html: str) -> list[str]:
    """Every drawing of a page, in order."""
    return ["<svg" + part[: part.index("</svg>") + len("</svg>")] for part in html.split("<svg")[1:]]


def _title(svg: str) -> str:
    return ET.fromstring(svg).findtext(f"{SVG}title") or ""


def _links(svg: str) -> set[str]:
    return {str(a.get(XLINK)) for a in ET.fromstring(svg).iter() if a.get(XLINK)}


def _sphinx(folder: Path, options: str) -> tuple[str, str]:
    """Build a one-page Sphinx project drawing the big model; its page's HTML and what Sphinx printed."""
    source = folder / "docs"
    source.mkdir()
    (source / "conf.py").write_text('project = "G"\nextensions = ["govgraph.sphinx"]\n', encoding="utf-8")
    (source / "index.rst").write_text(f"G\n=\n\n.. govgraph:: ../big.yaml\n{options}", encoding="utf-8")
    out = folder / "html"
    done = subprocess.run(
        [str(BIN / "sphinx-build"), "-W", "-b", "html", str(source), str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=folder,
    )
    assert done.returncode == 0, done.stderr
    return (out / "index.html").read_text(encoding="utf-8"), done.stdout + done.stderr


def test_one_rule_divides_a_large_structure_for_the_cli_build_and_sphinx(run_cli: Run, tmp_path: Path) -> None:
    model = big_model(tmp_path)
    cli = run_cli("render", model, "--format", "svg")
    assert cli.exit_code == 0, cli.output
    assert "133 bodies are too many for one diagram readable on A4: drawn as" in cli.stderr
    assert "give -o FILE to write all of them (--full draws every body in one diagram; --focus BODY" in cli.stderr
    written = run_cli("render", model, "-o", tmp_path / "chart.svg")
    assert written.exit_code == 0, written.output
    files = sorted(tmp_path.glob("chart*.svg"))
    assert len(files) > 1
    titles = {_title(p.read_text(encoding="utf-8")) for p in files}
    assert _title(_svgs(cli.stdout)[0]) == _title((tmp_path / "chart.svg").read_text(encoding="utf-8"))
    # The directive draws the same set in the page, each box opening its sheet there.
    page, said = _sphinx(tmp_path, "")
    drawn = _svgs(page)
    assert {_title(svg) for svg in drawn} == titles
    assert _title(drawn[0]) == _title(_svgs(cli.stdout)[0])  # the overview first, as the command line prints it
    anchors = set(re.findall(r'<div id="([^"]+)" class="govgraph-sheet">', page))
    links = set().union(*(_links(svg) for svg in drawn))
    assert links
    assert {link.removeprefix("#") for link in links} <= anchors
    assert "133 bodies are too many for one diagram readable on A4" in said
    assert "(:full: draws every body in one diagram; :focus: BODY draws one part)" in said  # the directive's words
    # The build draws the whole model by the same rule, its sheets beside it.
    built = run_cli("build", model, "-o", tmp_path / "out")
    assert built.exit_code == 0, built.output
    sheets = sorted((tmp_path / "out" / "diagrams").glob("model*.svg"))
    assert {_title(p.read_text(encoding="utf-8")) for p in sheets} == titles


def test_full_draws_every_body_in_the_cli_and_in_sphinx(run_cli: Run, tmp_path: Path) -> None:
    model = big_model(tmp_path)
    cli = run_cli("render", model, "--format", "svg", "--full")
    assert cli.exit_code == 0, cli.output
    assert cli.stderr == ""
    page, said = _sphinx(tmp_path, "   :full:\n")
    assert _svgs(page) == _svgs(cli.stdout)
    assert "too many for one diagram" not in said
    assert "Project 129" in _svgs(page)[0]


def test_a_focused_diagram_is_divided_by_the_same_rule(tmp_path: Path) -> None:
    from govgraph.loading import load

    model = load(big_model(tmp_path, projects=260))
    focused = select_view(model, ViewSelection(focus="prog-0"))
    sheets = diagram_sheets(focused)
    assert len(sheets) > 1  # a reader who chose a part still has to read it
    assert {n.id for s in sheets for n in s.nodes if not n.group} == {n.id for n in focused.nodes}
    assert diagram_sheets(focused, full=True) == [focused]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_mkdocs_plugin_builds_what_govgraph_build_builds(run_cli: Run, repo_root: Path, tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    london = repo_root / "data" / "governance.yaml"
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Handbook\n", encoding="utf-8")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(
        f"site_name: H\nuse_directory_urls: false\nplugins:\n  - govgraph:\n      model: {london}\n"
        "      folder: governance\n",
        encoding="utf-8",
    )
    config = load_config(str(config_file))
    plugin = config.plugins["govgraph"]
    files = plugin.on_files(Files([]), config=config)
    assert files is not None
    section = plugin._cache(config) / "governance"  # type: ignore[attr-defined]
    built = run_cli("build", london, "-o", tmp_path / "cli")
    assert built.exit_code == 0, built.output
    ours, theirs = _tree(section), _tree(tmp_path / "cli")
    assert sorted(ours) == sorted(theirs)
    # Only where the interactive page links each body's page differs (MkDocs serves bodies/pcag.md as .html).
    differing = sorted(path for path in ours if ours[path] != theirs[path])
    assert differing == [".govgraph-build.json", "explore.html"]
    assert b"bodies/{id}.html" in ours[".govgraph-build.json"]
    assert {f.src_uri for f in files} >= {"governance/index.md", "governance/bodies/pcag.md"}


def test_serve_builds_as_govgraph_build_does_and_rebuilds_with_the_same_function(
    run_cli: Run, repo_root: Path, tmp_path: Path
) -> None:
    model = tmp_path / "governance.yaml"
    model.write_bytes((repo_root / "data" / "governance.yaml").read_bytes())
    said: list[str] = []

    def stop_when_ready(server: object) -> None:
        threading.Thread(target=server.shutdown).start()  # type: ignore[attr-defined]

    documentation.serve(model, tmp_path / "served", port=0, say=said.append, ready=stop_when_ready)
    assert said[0].startswith(f"rebuilt {tmp_path / 'served'}/: ")
    built = run_cli("build", model, "-o", tmp_path / "built")
    assert built.exit_code == 0, built.output
    assert _tree(tmp_path / "served") == _tree(tmp_path / "built")
    # What serve runs after each save is the same build: with nothing changed it writes nothing.
    assert documentation.rebuild(model, tmp_path / "served") == f"{tmp_path / 'served'}/ is up to date"
    model.write_text(model.read_text("utf-8").replace("short: PCAG", "short: PCAG2"), encoding="utf-8")
    assert documentation.rebuild(model, tmp_path / "served").startswith(f"rebuilt {tmp_path / 'served'}/")
    assert run_cli("build", model, "-o", tmp_path / "built").exit_code == 0
    assert _tree(tmp_path / "served") == _tree(tmp_path / "built")
