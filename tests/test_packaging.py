"""What `pip install govgraph` brings: enough to draw SVG and PNG (the pip-installable Graphviz is a dependency,
not a development extra), the version from its one module, and every extra the README names."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib

from packaging.requirements import Requirement

import support

REPO = support.REPO


def _project() -> dict[str, object]:
    project: dict[str, object] = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project


def test_the_pip_installable_graphviz_is_a_dependency_of_govgraph_itself() -> None:
    core = {Requirement(r).name for r in _project()["dependencies"]}  # type: ignore[attr-defined]
    assert "graphviz-pure" in core
    installed = [Requirement(r) for r in importlib.metadata.requires("govgraph") or []]
    assert any(r.name == "graphviz-pure" and r.marker is None for r in installed)


def test_the_installed_version_is_the_one_module_s() -> None:
    from govgraph._version import __version__

    assert "version" in _project()["dynamic"]  # type: ignore[operator]
    assert importlib.metadata.version("govgraph") == __version__


def test_every_extra_the_readme_names_exists() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"govgraph\[([a-z0-9_-]+)\]", readme))
    assert named == {"mkdocs", "sphinx"}
    extras: dict[str, list[str]] = _project()["optional-dependencies"]  # type: ignore[assignment]
    assert named <= set(extras)
    assert {Requirement(r).name for r in extras["mkdocs"]} == {"mkdocs"}
    assert {Requirement(r).name for r in extras["sphinx"]} == {"sphinx"}


def test_make_run_installs_what_running_needs_and_make_test_the_development_set() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    run = re.search(r"^run: (.+)$", makefile, re.M)
    assert run is not None
    assert run.group(1).split() == ["setup-run"]
    assert re.search(r"^setup-run: \$\(VENV\)/\.installed$", makefile, re.M)
    installed = makefile.split("$(VENV)/.installed:", 1)[1].split("\n\n", 1)[0]
    assert "pip install --quiet -e .\n" in installed + "\n"
    assert "[dev]" not in installed
    for target in ("lint", "typecheck", "layers", "pytest"):
        assert re.search(rf"^{target}: setup$", makefile, re.M), target
    assert re.search(r"^setup: \$\(VENV\)/\.installed-dev$", makefile, re.M)
