"""Every diagram govgraph writes prints on A4 with its body names at 7 pt or more, measured on what the engine drew.

Measured (`govgraph.render.measure`) on every test model: the London model, the diff test models, the real
organograms and Backstage catalog (imported), and the benchmark generator's four shapes (deep; one top with a
hundred bodies; sixty tops; a matrix with dotted lines). The documentation build is measured file by file; a
structure of 300 bodies is measured sheet by sheet, as `govgraph render` without `--full` writes it. Needs a
Graphviz engine (fails without one when GOVGRAPH_REQUIRE_ENGINES=1).
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from govgraph.build import build
from govgraph.exchange.backstage import import_backstage
from govgraph.exchange.organogram import import_organogram
from govgraph.loading import load, load_bytes
from govgraph.model import Model
from govgraph.render.diagram import diagram_sheets, render_diagram
from govgraph.render.measure import READABLE, measure_svg
from govgraph.views import select_view
from support import REPO, govgraph

ROOT = REPO
EXTERNAL = ROOT / "tests" / "data" / "external"


def shape(name: str, n: int) -> Model:
    """A model of one of the benchmark generator's shapes (benchmarks/shapes.py)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from shapes import shape_model
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return load_bytes(shape_model(name, n).encode("utf-8"), f"{name}-{n}.yaml")


def organogram(name: str) -> Model:
    folder = EXTERNAL / "uk_organograms"
    imported = import_organogram(folder / f"{name}-senior.csv", folder / f"{name}-junior.csv")
    return load_bytes(imported.text.encode("utf-8"), f"{name}.yaml")


def model_named(name: str) -> Model:
    """One of `MODELS`."""
    if name == "london":
        return load(ROOT / "data" / "governance.yaml")
    if name.startswith("diff-"):
        return load(ROOT / "tests" / "data" / "diff" / f"{name[5:]}.yaml")
    if name == "cabinet-office":
        return organogram("cabinet_office-2011-09-30")
    if name == "hse":
        return organogram("hse-2013-09-30-raw")
    if name == "backstage":
        return load_bytes(import_backstage(EXTERNAL / "backstage_acme").text.encode(), "acme.yaml")
    shape_name, size = name.rsplit("-", 1)
    return shape(shape_name, int(size))


MODELS: tuple[str, ...] = ("london", "diff-old", "diff-new", "cabinet-office", "hse", "backstage")
MODELS += ("deep-100", "fan-100", "flat-100", "matrix-100")


def _too_small(paths: list[Path]) -> list[str]:
    out = []
    for path in paths:
        measured = measure_svg(path.read_bytes())
        if not measured.readable:
            out.append(f"{path.name}: {measured.describe()}")
    return out


@pytest.mark.parametrize("name", MODELS)
def test_every_diagram_the_build_writes_prints_on_a4_readably(name: str, engine: str, tmp_path: Path) -> None:
    model = model_named(name)
    target = tmp_path / "out"
    build(model, target, engine=engine, allow_errors=True)
    svgs = sorted(target.glob("diagrams/**/*.svg"))
    assert len(svgs) >= len(model.bodies)  # each body's diagram at least
    assert _too_small(svgs) == []
    # Where the whole structure is a linked set, every link between its sheets leads to a sheet written.
    for svg in target.glob("diagrams/model*.svg"):
        for element in ET.parse(svg).getroot().iter():
            href = element.get("{http://www.w3.org/1999/xlink}href") or element.get("href")
            if href:
                assert (svg.parent / href).is_file(), (svg.name, href)


@pytest.mark.parametrize("name", ["deep", "fan", "flat", "matrix"])
def test_every_sheet_of_a_structure_of_300_prints_on_a4_readably(name: str, engine: str) -> None:
    diagram = select_view(shape(name, 300))
    sheets = diagram_sheets(diagram)
    assert len(sheets) > 1
    for sheet in sheets:
        svg = render_diagram(sheet, "svg", engine=engine)
        assert isinstance(svg, str)
        measured = measure_svg(svg)
        assert measured.names_smallest is not None
        assert measured.names_smallest >= READABLE, (sheet.id, measured.describe())


def test_render_without_full_writes_a_readable_linked_set(engine: str, tmp_path: Path) -> None:
    model = tmp_path / "matrix.yaml"
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from shapes import shape_model
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    model.write_text(shape_model("matrix", 300), encoding="utf-8")
    out = tmp_path / "chart.svg"
    done = govgraph("render", str(model), "--engine", engine, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "linked diagrams, the overview first" in done.stderr
    written = sorted(tmp_path.glob("chart*.svg"))
    assert len(written) > 1
    assert _too_small(written) == []
    links = {
        str(element.get("{http://www.w3.org/1999/xlink}href"))
        for path in written
        for element in ET.parse(path).getroot().iter()
        if element.get("{http://www.w3.org/1999/xlink}href")
    }
    assert links
    assert {tmp_path / link for link in links} <= set(written)
    # With --full, one diagram of every body, printed as small as it must be.
    full = tmp_path / "full.svg"
    done = govgraph("render", str(model), "--engine", engine, "--full", "-o", str(full))
    assert done.returncode == 0, done.stderr
    assert not measure_svg(full.read_bytes()).readable
