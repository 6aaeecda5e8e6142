"""The command line, the Sphinx directive, the MkDocs plugin and `govgraph serve` call the same app functions
and so behave the same: the same diagram of a large structure (collapsed by one rule, with the same note), the
same documentation section, the same rebuild. Run for real (Sphinx as a user runs it, MkDocs' own plugin
machinery, a real server), with a real Graphviz engine."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from govgraph.app import documentation
from govgraph.render.diagram import readable
from govgraph.views import SUMMARY_LIMIT, ViewSelection, select_view
from support import engine_or_none

Run = Callable[..., Result]
BIN = Path(sys.executable).parent


@pytest.fixture(autouse=True)
def _engine() -> None:
    engine_or_none()


def big_model(folder: Path, projects: int = 130) -> Path:
    """A board with two programmes and `projects` projects: more than `SUMMARY_LIMIT` bodies."""
    lines = ["govgraph: 1", "title: Big", "bodies:", "  board: {name: Board, kind: board}"]
    lines += [f"  prog-{b}: {{name: Programme {b}, kind: programme, reports_to: [board]}}" for b in range(2)]
    lines += [
        f"  proj-{p:03d}: {{name: Project {p}, kind: project, reports_to: [prog-{p % 2}]}}" for p in range(projects)
    ]
    path = folder / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _svg(html: str) -> str:
    return html[html.index("<svg") : html.index("</svg>") + len("</svg>")]


def _sphinx(folder: Path, options: str) -> tuple[str, str]:
    """Build a one-page Sphinx project drawing the big model; its page's SVG and what Sphinx printed."""
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
    return _svg((out / "index.html").read_text(encoding="utf-8")), done.stdout + done.stderr


def test_one_rule_collapses_a_large_structure_for_the_cli_build_and_sphinx(run_cli: Run, tmp_path: Path) -> None:
    model = big_model(tmp_path)
    cli = run_cli("render", model, "--format", "svg")
    assert cli.exit_code == 0, cli.output
    assert "133 bodies are too many for one readable diagram" in cli.stderr
    assert "(--full draws every body; --focus BODY draws one part)" in cli.stderr
    assert "the top 2 levels of 133 bodies" in cli.stdout
    svg, said = _sphinx(tmp_path, "")
    assert svg == _svg(cli.stdout)  # the very diagram the command line draws
    assert "133 bodies are too many for one readable diagram" in said
    assert "(:full: draws every body; :focus: BODY draws one part)" in said  # in the directive's own words
    # The build draws the whole model by the same rule.
    built = run_cli("build", model, "-o", tmp_path / "out")
    assert built.exit_code == 0, built.output
    assert "the top 2 levels of 133 bodies" in (tmp_path / "out" / "diagrams" / "model.svg").read_text("utf-8")


def test_full_draws_every_body_in_the_cli_and_in_sphinx(run_cli: Run, tmp_path: Path) -> None:
    model = big_model(tmp_path)
    cli = run_cli("render", model, "--format", "svg", "--full")
    assert cli.exit_code == 0, cli.output
    assert cli.stderr == ""
    svg, said = _sphinx(tmp_path, "   :full:\n")
    assert svg == _svg(cli.stdout)
    assert "too many for one readable diagram" not in said
    assert "Project 129" in svg


def test_a_focused_diagram_is_drawn_as_selected_everywhere(tmp_path: Path) -> None:
    from govgraph.loading import load

    model = load(big_model(tmp_path, projects=SUMMARY_LIMIT * 2))
    focused = select_view(model, ViewSelection(focus="prog-0"))
    assert len(focused.nodes) > SUMMARY_LIMIT
    assert readable(focused) is focused
    whole = select_view(model)
    assert len(readable(whole).nodes) < len(whole.nodes)
    assert readable(whole, full=True) is whole


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
