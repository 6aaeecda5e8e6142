"""The docs-tool integrations, run for real: a Sphinx project with the `govgraph` directive and a MkDocs site with
the govgraph plugin, both built from the London model, and the HTML they produce read back.

They need a Graphviz engine: without one they skip, and fail under GOVGRAPH_REQUIRE_ENGINES=1 (CI).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

import support
from support import engine_or_none

REPO = support.REPO
LONDON = REPO / "data" / "governance.yaml"
BIN = Path(sys.executable).parent


@pytest.fixture(autouse=True)
def _engine() -> None:
    if engine_or_none() is None:
        pytest.skip("no Graphviz engine (install graphviz or graphviz-pure)")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / args[0]), *args[1:]], capture_output=True, text=True, cwd=cwd, check=False)


# Sphinx -------------------------------------------------------------------------------------------------------


def sphinx_project(tmp_path: Path, directive: str) -> Path:
    source = tmp_path / "docs"
    source.mkdir()
    shutil.copy(LONDON, tmp_path / "governance.yaml")
    (source / "conf.py").write_text('project = "Governance"\nextensions = ["govgraph.sphinx"]\n', encoding="utf-8")
    (source / "index.rst").write_text(f"Governance\n==========\n\n{directive}\n", encoding="utf-8")
    return source


def test_the_sphinx_directive_embeds_an_accessible_svg_and_redraws_when_the_yaml_changes(tmp_path: Path) -> None:
    source = sphinx_project(tmp_path, ".. govgraph:: ../governance.yaml\n   :focus: PCAG\n   :up: 1\n   :down: 1\n")
    out = tmp_path / "html"
    done = run("sphinx-build", "-W", "-q", "-b", "html", str(source), str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    html = (out / "index.html").read_text(encoding="utf-8")
    svg = html[html.index("<svg") : html.index("</svg>") + len("</svg>")]
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Around PCAG"  # type: ignore[union-attr]
    assert "LCEG" in svg
    # An incremental build notices a change to the model (the directive registers it as a dependency).
    model = tmp_path / "governance.yaml"
    model.write_text(model.read_text(encoding="utf-8").replace("short: LCEG", "short: LCEG Board"), encoding="utf-8")
    done = run("sphinx-build", "-W", "-b", "html", str(source), str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "LCEG Board" in (out / "index.html").read_text(encoding="utf-8")


def test_a_broken_model_is_a_sphinx_error_with_the_model_location(tmp_path: Path) -> None:
    source = sphinx_project(tmp_path, ".. govgraph:: ../governance.yaml\n")
    model = tmp_path / "governance.yaml"
    model.write_text(model.read_text(encoding="utf-8").replace("reports_to:", "reprots_to:", 1), encoding="utf-8")
    done = run("sphinx-build", "-W", "-q", "-b", "html", str(source), str(tmp_path / "html"), cwd=tmp_path)
    assert done.returncode != 0
    assert re.search(r"index\.rst:\d+: ERROR: govgraph: .*governance\.yaml:\d+:\d+: GG111", done.stderr), done.stderr
    assert "Traceback" not in done.stderr


def test_an_unknown_view_is_a_sphinx_error(tmp_path: Path) -> None:
    source = sphinx_project(tmp_path, ".. govgraph:: ../governance.yaml\n   :view: overveiw\n")
    done = run("sphinx-build", "-W", "-q", "-b", "html", str(source), str(tmp_path / "html"), cwd=tmp_path)
    assert done.returncode != 0
    assert "ERROR: govgraph: " in done.stderr
    assert "overview" in done.stderr  # the closest name is suggested


# MkDocs -------------------------------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if (tag, name) in (("a", "href"), ("img", "src")) and value:
                self.targets.append(value)


def mkdocs_site(tmp_path: Path, model: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        "# Handbook\n\nSee [our governance](governance/index.md).\n", encoding="utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Handbook\nplugins:\n  - govgraph:\n      model: {model}\n      folder: governance\n",
        encoding="utf-8",
    )
    return tmp_path


def test_mkdocs_builds_the_governance_section_with_working_links(tmp_path: Path) -> None:
    site = mkdocs_site(tmp_path, LONDON)
    done = run("mkdocs", "build", "--strict", cwd=site)
    assert done.returncode == 0, done.stderr
    built = site / "site" / "governance"
    index = (built / "index.html").read_text(encoding="utf-8")
    assert "Personalised Care Advisory Group" in index or "PCAG" in index
    assert (built / "bodies" / "pcag" / "index.html").is_file()
    assert (built / "diagrams" / "views" / "overview.svg").is_file()
    # Every local link and image of every governance page leads to a file of the site.
    checked = 0
    for page in built.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for target in parser.targets:
            if target.startswith(("http", "#", "mailto:")) or "search" in target:
                continue
            path = (page.parent / target.split("#")[0]).resolve()
            assert path.is_file() or (path / "index.html").is_file(), f"{page.relative_to(site)} -> {target}"
            checked += 1
    assert checked > 100
    # Nothing was written into docs/.
    assert sorted(p.name for p in (site / "docs").iterdir()) == ["index.md"]


def test_mkdocs_stops_on_a_model_with_errors_and_lists_them(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    text = LONDON.read_text(encoding="utf-8")
    lceg = "  lceg:\n    name: NHSE LCEG\n"
    broken.write_text(text.replace(lceg, lceg + "    reports_to: [pcag]\n"), encoding="utf-8")
    site = mkdocs_site(tmp_path, broken)
    done = run("mkdocs", "build", cwd=site)
    assert done.returncode != 0
    assert "govgraph: the model has" in done.stderr
    assert "GG301" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_bad_date_in_the_sphinx_directive_is_a_sphinx_error(tmp_path: Path) -> None:
    source = sphinx_project(tmp_path, ".. govgraph:: ../governance.yaml\n   :as-of: 2024-13\n")
    done = run("sphinx-build", "-W", "-q", "-b", "html", str(source), str(tmp_path / "html"), cwd=tmp_path)
    assert done.returncode != 0
    # The error names the directive's own option, not the command line's --as-of.
    assert "ERROR: govgraph: :as-of: '2024-13': '2024-13' is not a date: there is no month 13" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_bad_date_in_the_mkdocs_plugin_stops_the_build(tmp_path: Path) -> None:
    site = mkdocs_site(tmp_path, LONDON)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "      as_of: 2024-13\n", encoding="utf-8")
    done = run("mkdocs", "build", cwd=site)
    assert done.returncode != 0
    assert "govgraph: as_of '2024-13': '2024-13' is not a date: there is no month 13" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("written", ["2024", "2024-06", "2024-06-30"])
def test_the_mkdocs_plugin_builds_a_dated_section_however_yaml_reads_the_date(tmp_path: Path, written: str) -> None:
    site = mkdocs_site(tmp_path, LONDON)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"      as_of: {written}\n", encoding="utf-8")
    done = run("mkdocs", "build", "--strict", cwd=site)
    assert done.returncode == 0, done.stderr
    assert "The structure " in (site / "site" / "governance" / "index.html").read_text(encoding="utf-8")
