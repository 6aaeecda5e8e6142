"""How govgraph reports an engine that fails: a non-zero exit, no answer in time, a format it cannot write, and
warnings on standard error. Small stand-in engines (shell scripts) play the part of Graphviz, as real processes."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

import support
from govgraph.errors import EngineFailed
from govgraph.render.engine import EngineWarning, run_engine
from support import stand_in

GOVGRAPH = shutil.which("govgraph", path=os.path.dirname(sys.executable))
REPO = support.REPO


def test_a_failing_engine_is_reported_with_what_it_said(tmp_path: Path) -> None:
    engine = stand_in(tmp_path, "dot", 'echo "Error: syntax error in line 3" >&2; exit 1')
    with pytest.raises(EngineFailed, match="syntax error in line 3") as failed:
        run_engine("digraph {}", "svg", engine=engine)
    assert failed.value.exit_code == 2


def test_a_failing_engine_with_nothing_to_say_gives_its_exit_status(tmp_path: Path) -> None:
    engine = stand_in(tmp_path, "dot", "exit 7")
    with pytest.raises(EngineFailed, match="exit status 7"):
        run_engine("digraph {}", "svg", engine=engine)


def test_an_engine_that_does_not_answer_in_time_is_stopped(tmp_path: Path) -> None:
    engine = stand_in(tmp_path, "dot", "sleep 30")
    with pytest.raises(EngineFailed, match=r"no answer after 0\.5 seconds"):
        run_engine("digraph {}", "svg", engine=engine, timeout=0.5)


def test_graphviz_pure_is_not_asked_for_pdf(tmp_path: Path) -> None:
    engine = stand_in(tmp_path, "graphviz-pure", "exit 0")
    with pytest.raises(EngineFailed, match="not PDF"):
        run_engine("digraph {}", "pdf", engine=engine)


def test_what_the_engine_writes_on_stderr_becomes_warnings(tmp_path: Path) -> None:
    engine = stand_in(tmp_path, "dot", 'cat >/dev/null; echo "Warning: node a, port b unrecognized" >&2; echo "<svg/>"')
    with pytest.warns(EngineWarning, match="port b unrecognized"):
        out = run_engine("digraph {}", "svg", engine=engine)
    assert out == b"<svg/>\n"


def test_the_cli_reports_a_failing_engine_as_a_usage_error(tmp_path: Path) -> None:
    assert GOVGRAPH is not None
    engine = stand_in(tmp_path, "dot", 'echo "Error: out of memory" >&2; exit 1')
    done = support.govgraph(
        "render", "-m", str(REPO / "data" / "governance.yaml"), "--format", "svg", "--engine", engine
    )
    assert done.returncode == 2
    assert "out of memory" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_engine_that_writes_broken_svg_is_reported_not_crashed_on(tmp_path: Path) -> None:
    assert GOVGRAPH is not None
    engine = stand_in(tmp_path, "dot", 'cat >/dev/null; echo "<svg><g>"')
    done = support.govgraph(
        "render", "-m", str(REPO / "data" / "governance.yaml"), "--format", "svg", "--engine", engine
    )
    assert done.returncode == 2
    assert "its SVG is not well-formed XML" in done.stderr
    assert "internal error" not in done.stderr
