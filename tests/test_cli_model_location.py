"""Which model a command reads: the argument, else $GOVGRAPH_MODEL, else the user's file (see
tests/app/test_models.py for where it is looked for), else, for a command that only reads, the London model
shipped inside the package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import support

REPO = support.REPO
GOVGRAPH = shutil.which("govgraph", path=os.path.dirname(sys.executable))

SMALL = """\
govgraph: 1
title: Small board
bodies:
  finance-board: {name: Finance Board, kind: board, status: active}
"""


def run(args: list[str], cwd: Path, env_model: str | None = None) -> subprocess.CompletedProcess[str]:
    return support.govgraph(*args, cwd=cwd, env={"GOVGRAPH_MODEL": env_model})


def test_bundled_london_model_answers_from_any_folder(tmp_path: Path) -> None:
    result = run(["show", "PCAG"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Personalised Care Advisory Group" in result.stdout
    check = run(["check"], cwd=tmp_path)
    assert check.returncode == 0
    assert "site-packages" in check.stdout or "src/govgraph/data" in check.stdout


def test_bundled_model_is_the_repository_file_not_a_copy() -> None:
    bundled = REPO / "src" / "govgraph" / "data" / "governance.yaml"
    assert bundled.is_symlink()
    assert bundled.resolve() == (REPO / "data" / "governance.yaml").resolve()


def test_data_governance_yaml_in_the_current_folder_wins_over_the_bundled_one(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "governance.yaml").write_text(SMALL, encoding="utf-8")
    result = run(["show", "finance board"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Finance Board" in result.stdout
    assert run(["show", "PCAG"], cwd=tmp_path).returncode == 2


def test_environment_variable_wins_over_the_current_folder(tmp_path: Path) -> None:
    model = tmp_path / "elsewhere.yaml"
    model.write_text(SMALL, encoding="utf-8")
    result = run(["show", "finance-board"], cwd=REPO, env_model=str(model))
    assert result.returncode == 0, result.stderr
    assert "Finance Board" in result.stdout


def test_argument_wins_over_the_environment_variable(tmp_path: Path) -> None:
    model = tmp_path / "small.yaml"
    model.write_text(SMALL, encoding="utf-8")
    result = run(
        ["show", "PCAG", "--model", str(REPO / "data" / "governance.yaml")], cwd=tmp_path, env_model=str(model)
    )
    assert result.returncode == 0, result.stderr
    assert "Personalised Care Advisory Group" in result.stdout


@pytest.mark.parametrize("command", [["check"], ["show", "pcag"]])
def test_environment_variable_naming_a_missing_file_is_a_usage_error(tmp_path: Path, command: list[str]) -> None:
    result = run(command, cwd=tmp_path, env_model=str(tmp_path / "missing.yaml"))
    assert result.returncode == 2
    assert "missing.yaml" in result.stderr
    assert "GOVGRAPH_MODEL" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_model_with_errors_stops_show_with_exit_1_and_located_findings(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(SMALL.replace("kind: board", "kind: borad"), encoding="utf-8")
    result = run(["show", "finance-board", "-m", str(broken)], cwd=tmp_path)
    assert result.returncode == 1
    assert f"{broken}:4:" in result.stderr
    assert "GG114" in result.stderr
    assert "did you mean 'board'" in result.stderr
