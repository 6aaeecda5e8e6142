"""The layers contract (pyproject.toml) guards the whole package: every module of govgraph is in a layer, and no
layer is optional, so a module renamed or added cannot drop out of the check."""

from __future__ import annotations

import pkgutil
import re
import tomllib

import govgraph
import support

REPO = support.REPO


def _layers() -> list[str]:
    contracts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    # The package's layers (the other layers contract orders the modules inside one package: `containers`).
    (layered,) = [c for c in contracts["contracts"] if c["type"] == "layers" and "containers" not in c]
    layers: list[str] = layered["layers"]
    return layers


def test_no_layer_is_optional() -> None:
    assert not [layer for layer in _layers() if "(" in layer]


def test_every_module_of_govgraph_is_in_a_layer() -> None:
    named = {name.strip() for layer in _layers() for name in layer.split("|")}
    modules = {f"govgraph.{m.name}" for m in pkgutil.iter_modules(govgraph.__path__)}
    assert modules - named == set()
    assert named - modules == set()


def test_the_use_cases_sit_between_the_command_line_and_the_build() -> None:
    layers = [re.split(r"\s*\|\s*", layer) for layer in _layers()]
    order = {name: depth for depth, layer in enumerate(layers) for name in layer}
    assert order["govgraph.cli"] == order["govgraph.sphinx"] == order["govgraph.mkdocs"]
    assert order["govgraph.cli"] < order["govgraph.app"] < order["govgraph.build"]
    assert order["govgraph._version"] == len(layers) - 1  # any module may import the version


def test_modules_take_the_version_from_its_own_module() -> None:
    offenders = [
        str(path.relative_to(REPO))
        for path in sorted((REPO / "src" / "govgraph").rglob("*.py"))
        if "from govgraph import __version__" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
    from govgraph._version import __version__

    assert govgraph.__version__ is __version__
