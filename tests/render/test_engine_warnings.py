"""What the Graphviz engines say reaches a person in words, and names in scripts a PNG's fonts lack are warned
about instead of coming out as rows of empty boxes."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pytest
import yaml

import support
from govgraph.errors import EngineNotFound
from govgraph.loading import load_bytes
from govgraph.model import Model
from govgraph.render import fonts
from govgraph.render.diagram import render_diagram
from govgraph.render.engine import PURE, EngineWarning, find_engine, worded
from govgraph.views import select_view
from support import engine_or_none

GOVGRAPH = str(Path(sys.executable).with_name("govgraph"))
RAW = "Warning: Warning: no value for width of non-ASCII character 230. Falling back to width of space character"


def _model(*names: str) -> Model:
    bodies = {f"b{i}": {"name": name, "kind": "board", "chairs": ["chair"]} for i, name in enumerate(names)}
    document = {"govgraph": 1, "title": "Scripts", "roles": {"chair": {"title": "Chair"}}, "bodies": bodies}
    return load_bytes(yaml.safe_dump(document, allow_unicode=True).encode("utf-8"), "scripts.yaml")


def _pure() -> str:
    try:
        return find_engine(PURE)
    except EngineNotFound:
        engine_or_none()  # fails when engines are required
        pytest.skip("graphviz-pure is not installed")


def _png_warnings(model: Model, engine: str) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = render_diagram(select_view(model, None), "png", engine=engine)
    assert isinstance(png, bytes)
    assert png.startswith(b"\x89PNG")
    return [str(w.message) for w in caught if issubclass(w.category, EngineWarning)]


def test_an_engine_line_is_worded_for_a_person() -> None:
    said = worded(RAW, "/venv/bin/graphviz-pure")
    assert "Warning" not in said
    assert said.startswith("graphviz-pure measures only plain ASCII characters: names with others (é, Ж, 東)")
    assert "apt-get install graphviz" in said
    other = worded("Warning: Warning: node a, port x unrecognized", "/usr/bin/dot")
    assert other == "the Graphviz engine (dot) says: node a, port x unrecognized"


def test_graphviz_pure_names_the_scripts_it_cannot_draw_once_in_words() -> None:
    said = _png_warnings(_model("東京都保健医療委員会", "مجلس الصحة", "Комитет Ελλάδα עברית"), _pure())
    assert len(said) == len(set(said)) == 2, said
    assert not [s for s in said if "Warning:" in s]
    (glyphs,) = [s for s in said if "empty boxes" in s]
    assert "the Arabic, CJK characters of some names as empty boxes" in glyphs
    assert "install the system Graphviz" in glyphs


def test_scripts_an_engine_can_draw_are_not_warned_about() -> None:
    said = _png_warnings(_model("Comité régional", "Комитет", "Ελλάδα", "עברית"), _pure())
    assert [s for s in said if "empty boxes" in s] == []
    assert _png_warnings(_model("Plain ASCII board"), _pure()) == []
    assert fonts.missing_scripts("Comité Комитет Ελλάδα עברית — € №", PURE) == []


def test_the_system_engine_is_checked_against_the_installed_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = engine_or_none()
    if engine is None or Path(engine).name.startswith(PURE):
        pytest.skip("no system Graphviz")
    # The installed fonts as fontconfig would list them: Latin and Arabic, no CJK.
    monkeypatch.setattr(fonts, "_installed", lambda: ((0x20, 0x24F), (0x600, 0x6FF)))
    said = _png_warnings(_model("東京都 board", "مجلس"), engine)
    assert said == [
        "the PNG or PDF draws the CJK characters of some names as empty boxes, as no font the engine has holds "
        "them: install fonts for those scripts (apt-get install fonts-noto-cjk), or use the SVG, which the "
        "reader's browser draws with its own fonts"
    ]
    # Without fontconfig nothing can be told, and nothing is claimed.
    monkeypatch.setattr(fonts, "_installed", lambda: None)
    assert _png_warnings(_model("東京都 board"), engine) == []


def test_the_command_line_prints_the_worded_warnings(tmp_path: Path) -> None:
    pure = _pure()
    model = tmp_path / "m.yaml"
    model.write_text(
        "govgraph: 1\ntitle: T\nroles:\n  chair: {title: 委員長}\nbodies:\n"
        "  board: {name: 東京都保健医療委員会, kind: board, chairs: [chair]}\n",
        encoding="utf-8",
    )
    done = support.govgraph("render", str(model), "--format", "png", "--engine", pure, "-o", str(tmp_path / "m.png"))
    assert done.returncode == 0, done.stderr
    assert "govgraph: warning: the PNG or PDF draws the CJK characters of some names as empty boxes" in done.stderr
    assert "Warning: Warning" not in done.stderr
    assert done.stderr.count("govgraph: warning:") == 2
