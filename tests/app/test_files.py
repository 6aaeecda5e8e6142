"""Files a command is asked to write (govgraph.app.files): the format their name says, written whole, with the
permissions any program's file has."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from govgraph.app.files import output_format, write_file
from govgraph.errors import ParameterError, UsageError
from support import engine_or_none

Run = Callable[..., Result]
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def london(repo_root: Path) -> str:
    return str(repo_root / "data" / "governance.yaml")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Set the process's real umask for the test, and put the previous one back afterwards."""
    previous = os.umask(0o022)

    def set_to(mask: int) -> None:
        os.umask(mask)

    try:
        yield set_to
    finally:
        os.umask(previous)


# The format a file's name asks for ------------------------------------------------------------------------


def test_render_to_a_png_file_writes_png(run_cli: Run, london: str, tmp_path: Path) -> None:
    engine_or_none()
    result = run_cli("render", london, "--view", "overview", "-o", tmp_path / "chart.png")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "chart.png").read_bytes().startswith(PNG)


@pytest.mark.parametrize(
    ("name", "starts"),
    [("chart.dot", "digraph"), ("chart.gv", "digraph"), ("chart.mmd", "flowchart"), ("chart.svg", "<?xml")],
)
def test_render_takes_each_text_format_from_the_name(
    run_cli: Run, london: str, tmp_path: Path, name: str, starts: str
) -> None:
    if name.endswith(".svg"):
        engine_or_none()
    result = run_cli("render", london, "--view", "overview", "-o", tmp_path / name)
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).read_text(encoding="utf-8").lstrip().startswith(starts)


def test_diff_to_an_svg_file_writes_svg_and_to_markdown_writes_markdown(
    run_cli: Run, london: str, tmp_path: Path
) -> None:
    engine_or_none()
    drawn = run_cli("diff", "-m", london, "--as-of", "2024-06", "--as-of", "2025-04", "-o", tmp_path / "d.svg")
    assert drawn.exit_code == 0, drawn.output
    assert "<svg" in (tmp_path / "d.svg").read_text(encoding="utf-8")[:200]
    logged = run_cli("diff", "-m", london, "--as-of", "2024-06", "--as-of", "2025-04", "-o", tmp_path / "d.md")
    assert logged.exit_code == 0, logged.output
    assert (tmp_path / "d.md").read_text(encoding="utf-8").startswith("# ")


def test_export_takes_the_format_from_the_name(run_cli: Run, london: str, tmp_path: Path) -> None:
    result = run_cli("export", london, "-o", tmp_path / "governance.graphml")
    assert result.exit_code == 0, result.output
    assert "<graphml" in (tmp_path / "governance.graphml").read_text(encoding="utf-8")
    zipped = run_cli("export", london, "-o", tmp_path / "governance.zip")
    assert zipped.exit_code == 0, zipped.output
    assert (tmp_path / "governance.zip").read_bytes().startswith(b"PK")
    table = run_cli("export", london, "--table", "bodies", "-o", tmp_path / "bodies.csv")
    assert table.exit_code == 0, table.output
    assert (tmp_path / "bodies.csv").read_text(encoding="utf-8-sig").startswith("id,name")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["render", "--format", "svg", "-o", "chart.png"],
            "--format svg and -o chart.png disagree: a .png file holds png",
        ),
        (["render", "-o", "chart.txt"], "cannot tell the format from the name chart.txt: give --format"),
        (["diff", "a.yaml", "b.yaml", "--format", "json", "-o", "d.svg"], "a .svg file holds svg"),
        (["export", "-o", "model.xml"], "cannot tell the format from the name model.xml"),
        (["export"], "give --format, or -o with a file name ending in one of"),
        (["export", "-o", "bodies.csv"], "a .csv file holds one table: give --table"),
        (["export", "--table", "bodies", "-o", "all.zip"], "--table writes one table as a .csv file"),
    ],
)
def test_a_name_and_a_format_that_disagree_are_a_usage_error(
    run_cli: Run, london: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args, "-m", london) if args[0] != "diff" else run_cli(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_output_format_names_its_parameters() -> None:
    extensions = {".svg": "svg", ".png": "png"}
    assert output_format("x.PNG", None, extensions, "svg") == "png"
    assert output_format("x", None, extensions, "svg") == "svg"
    assert output_format(None, None, extensions, "svg") == "svg"
    assert output_format("x.png", "png", extensions, "svg") == "png"
    assert output_format("x.data", "png", extensions, "svg") == "png"  # a name that says nothing, and a format
    with pytest.raises(ParameterError, match=r"^fmt svg and output x.png disagree"):
        output_format("x.png", "svg", extensions, "svg")
    with pytest.raises(ParameterError, match=r"^give fmt, or output with"):
        output_format(None, None, extensions, None)


# Permissions ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_follows_the_umask(
    run_cli: Run, tmp_path: Path, umask: Callable[[int], None], mask: int, expected: int
) -> None:
    umask(mask)
    target = tmp_path / "schema.json"
    assert run_cli("schema", "-o", target).exit_code == 0
    assert _mode(target) == expected
    write_file(tmp_path / "direct.txt", "text")
    assert _mode(tmp_path / "direct.txt") == expected


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o664])
def test_a_file_written_over_keeps_its_mode(
    run_cli: Run, london: str, tmp_path: Path, umask: Callable[[int], None], mode: int
) -> None:
    umask(0o077)  # a umask that would give 0600 if the old mode were not kept
    target = tmp_path / "model.json"
    target.write_text("an earlier version\n", encoding="utf-8")
    target.chmod(mode)
    result = run_cli("export", london, "-o", target)
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("{")
    assert _mode(target) == mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.json"]


def test_a_file_that_cannot_be_written_names_it_and_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "is-a-folder"
    folder.mkdir()
    with pytest.raises(UsageError, match=f"cannot write {folder}"):
        write_file(folder, "text")
    assert list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["is-a-folder"]


def test_a_file_in_a_folder_that_does_not_exist_says_which_folder(run_cli: Run, london: str, tmp_path: Path) -> None:
    # It said "No such file or directory" of the file about to be made, leaving the reader to guess what was missing.
    target = tmp_path / "charts" / "chart.svg"
    result = run_cli("export", london, "-o", tmp_path / "exports" / "model.json")
    assert result.exit_code == 2
    assert f"there is no folder {tmp_path / 'exports'} (make it first" in result.output
    assert "Traceback" not in result.output
    with pytest.raises(UsageError, match=f"there is no folder {tmp_path / 'charts'}"):
        write_file(target, "text")
    assert list(tmp_path.iterdir()) == []
