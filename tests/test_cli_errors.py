"""The command line's last-resort error paths: an internal error, an unreadable file, an interrupt, a closed pipe,
binary output sent to a terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import govgraph.loading.files
import govgraph.queries
import support
from govgraph.cli import main
from support import engine_or_none, in_a_terminal

REPO = support.REPO
LONDON = str(REPO / "data" / "governance.yaml")
GOVGRAPH = str(Path(sys.executable).with_name("govgraph"))


def run_main(args: list[str]) -> int:
    with pytest.raises(SystemExit) as stopped:
        main(args)
    code = stopped.value.code
    assert isinstance(code, int)
    return code


def _boom(*args: object, **kwargs: object) -> object:
    raise RuntimeError("something unexpected")


def test_an_internal_error_exits_3_with_advice_and_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(govgraph.queries, "show", _boom)
    assert run_main(["show", "pcag", "-m", LONDON]) == 3
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: something unexpected" in err
    assert "--debug" in err
    assert "Traceback" not in err


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(govgraph.queries, "show", _boom)
    assert run_main(["--debug", "show", "pcag", "-m", LONDON]) == 3
    err = capsys.readouterr().err
    assert "Traceback" in err
    assert "RuntimeError: something unexpected" in err


def test_an_unreadable_model_file_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    model = tmp_path / "locked.yaml"
    model.write_text("govgraph: 1\n", encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    # Tests may run as root, who can read any file: the refusal is simulated where the file is opened.
    monkeypatch.setattr(govgraph.loading.files, "open", denied, raising=False)
    assert run_main(["check", str(model)]) == 2
    assert f"{model}: cannot be read (permission denied)" in capsys.readouterr().err


def test_an_interrupt_exits_130_quietly(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(govgraph.queries, "show", interrupted)
    assert run_main(["show", "pcag", "-m", LONDON]) == 130
    err = capsys.readouterr().err
    assert "interrupted" in err
    assert "Traceback" not in err


def test_a_closed_pipe_is_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def closed(*args: object, **kwargs: object) -> object:
        raise BrokenPipeError

    monkeypatch.setattr(govgraph.queries, "show", closed)
    assert run_main(["show", "pcag", "-m", LONDON]) == 0


def test_a_failed_write_leaves_the_previous_file_whole(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "schema.json"
    target.write_text("previous version\n", encoding="utf-8")

    def full_disk(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    assert run_main(["schema", "-o", str(target)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "previous version\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schema.json"]  # no temporary file left behind


def test_an_output_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    target.write_text("previous version\n", encoding="utf-8")
    assert run_main(["schema", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schema.json"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", LONDON, "--format", "csv"], "--format csv is a zip file: write it with -o FILE.zip"),
        (["diff", LONDON, LONDON, "--format", "png"], "--format png is binary: write it to a file with -o FILE"),
        (["render", LONDON, "--format", "png"], "--format png is binary: write it to a file with -o FILE"),
    ],
)
def test_binary_output_is_not_sent_to_a_terminal(args: list[str], message: str) -> None:
    if "png" in args and engine_or_none() is None:
        pytest.skip("no Graphviz engine")
    code, shown, said = in_a_terminal(*args)
    assert code == 2, said
    assert message in said
    assert shown == b""  # nothing of the file reached the terminal
