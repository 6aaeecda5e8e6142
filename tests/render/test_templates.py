"""Page templates are compiled once and kept between runs (`govgraph.render.templates`): used again only for the
same template, from the user's own folder, and compiled anew whenever what was kept cannot be used."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from govgraph.render.templates import KeptTemplates


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of each template jinja compiles from its text."""
    seen: list[str] = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *args: object) -> object:
        seen.append(str(name))
        return original(self, source, name, *args)  # type: ignore[call-overload]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return seen


def environment(templates: Path) -> jinja2.Environment:
    """A fresh environment, as a new run of govgraph makes one."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=KeptTemplates())


def test_a_template_compiled_once_is_not_compiled_again(kept_folder: Path, tmp_path: Path, compiled: list[str]) -> None:
    (tmp_path / "page.j2").write_text("Hello {{ name }}", encoding="utf-8")
    assert environment(tmp_path).get_template("page.j2").render(name="board") == "Hello board"
    assert environment(tmp_path).get_template("page.j2").render(name="audit") == "Hello audit"
    assert compiled == ["page.j2"]
    [kept] = list(kept_folder.iterdir())
    assert kept.name.endswith(".template")
    assert kept.stat().st_mode & 0o077 == 0


def test_a_changed_template_is_compiled_anew(kept_folder: Path, tmp_path: Path, compiled: list[str]) -> None:
    (tmp_path / "page.j2").write_text("Hello {{ name }}", encoding="utf-8")
    environment(tmp_path).get_template("page.j2").render(name="board")
    (tmp_path / "page.j2").write_text("Goodbye {{ name }}", encoding="utf-8")
    assert environment(tmp_path).get_template("page.j2").render(name="board") == "Goodbye board"
    assert compiled == ["page.j2", "page.j2"]
    assert len(list(kept_folder.iterdir())) == 1  # replaced, not added to


def test_a_damaged_or_foreign_kept_template_is_compiled_anew(
    kept_folder: Path, tmp_path: Path, compiled: list[str]
) -> None:
    (tmp_path / "page.j2").write_text("Hello {{ name }}", encoding="utf-8")
    environment(tmp_path).get_template("page.j2").render(name="board")
    [kept] = list(kept_folder.iterdir())
    data = kept.read_bytes()
    kept.write_bytes(data[: len(data) // 2])
    assert environment(tmp_path).get_template("page.j2").render(name="board") == "Hello board"
    kept.write_bytes(b"not a compiled template")
    assert environment(tmp_path).get_template("page.j2").render(name="board") == "Hello board"
    # Kept where others can write: never run.
    environment(tmp_path).get_template("page.j2")
    kept_folder.chmod(0o777)
    assert environment(tmp_path).get_template("page.j2").render(name="board") == "Hello board"
    assert len(compiled) == 4


def test_keeping_off_compiles_every_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiled: list[str]) -> None:
    monkeypatch.setenv("GOVGRAPH_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    (tmp_path / "page.j2").write_text("Hello", encoding="utf-8")
    environment(tmp_path).get_template("page.j2")
    environment(tmp_path).get_template("page.j2")
    assert compiled == ["page.j2", "page.j2"]
    assert not (tmp_path / "xdg").exists()
