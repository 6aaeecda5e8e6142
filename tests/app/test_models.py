"""Which model a command reads (govgraph.app.models): the user's file where users keep it, never the bundled
example for a command that writes, and a notice every time a command that reads answers from it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

import support
from govgraph.app.models import PLACES, bundled_model, find_model, model_and_names
from govgraph.errors import ModelNotFound, ParameterError, UsageError

REPO = support.REPO
GOVGRAPH = shutil.which("govgraph", path=os.path.dirname(sys.executable))

SMALL = """\
govgraph: 1
title: Small board
bodies:
  finance-board: {name: Finance Board, kind: board, status: active}
"""

Run = Callable[..., Result]


def _repository(root: Path) -> Path:
    (root / ".git").mkdir(parents=True)
    return root


@pytest.mark.parametrize("place", PLACES)
def test_the_users_file_in_the_current_folder_is_found(tmp_path: Path, place: str) -> None:
    (tmp_path / place).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / place).write_text(SMALL, encoding="utf-8")
    found = find_model(cwd=tmp_path)
    assert (found.path, found.bundled) == (Path(place), False)


def test_governance_yaml_comes_before_data_governance_yaml(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "governance.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "governance.yaml").write_text(SMALL, encoding="utf-8")
    assert find_model(cwd=tmp_path).path == Path("governance.yaml")


def test_a_sub_folder_of_a_repository_finds_the_file_at_its_root(tmp_path: Path) -> None:
    root = _repository(tmp_path / "repo")
    (root / "data").mkdir()
    (root / "data" / "governance.yaml").write_text(SMALL, encoding="utf-8")
    (root / "docs" / "guide").mkdir(parents=True)
    assert find_model(cwd=root / "docs" / "guide").path == Path("../../data/governance.yaml")
    assert find_model(cwd=root / "data").path == Path("governance.yaml")


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    # A file above the repository is someone else's: it is not used.
    (tmp_path / "governance.yaml").write_text(SMALL, encoding="utf-8")
    root = _repository(tmp_path / "repo")
    (root / "docs").mkdir()
    found = find_model(cwd=root / "docs")
    assert found.bundled
    assert found.looked == (root / "docs", root)


def test_outside_a_repository_only_the_current_folder_is_searched(tmp_path: Path) -> None:
    (tmp_path / "governance.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    if any((folder / ".git").exists() for folder in tmp_path.parents):
        pytest.skip("the temporary folder is inside a git repository")
    assert find_model(cwd=tmp_path / "docs").bundled


def test_a_command_that_writes_never_falls_back_to_the_bundled_example(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFound) as refused:
        find_model(writes=True, cwd=tmp_path)
    assert "give yours as MODEL or with model FILE" in refused.value.message
    assert find_model(cwd=tmp_path).path == bundled_model()


@pytest.mark.parametrize("place", PLACES)
def test_check_and_build_use_the_users_file_not_the_bundled_one(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, place: str
) -> None:
    (tmp_path / place).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / place).write_text(SMALL.replace("status: active", "status: actve"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    checked = run_cli("check")
    assert checked.exit_code == 1  # the user's file, with its mistake, not London's
    assert f"{place}:4:" in checked.stdout
    (tmp_path / place).write_text(SMALL, encoding="utf-8")
    built = run_cli("build", "--engine", "no-such-engine")
    # The build reads the user's model: it gets as far as the engine, and nothing of London is written.
    assert built.exit_code == 2
    assert "no-such-engine" in built.stderr
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["build"],
        ["build", "--check"],
        ["serve", "--port", "0"],
        ["export", "-o", "out.json"],
        ["render", "-o", "out.svg"],
        ["diff", "--as-of", "2024-06", "--as-of", "2025-04", "-o", "changes.md"],
    ],
)
def test_commands_that_write_refuse_without_a_model(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args)
    assert result.exit_code == 2, result.output
    assert "no model file here (looked for governance.yaml and data/governance.yaml in" in result.stderr
    assert "give yours as MODEL or with -m FILE" in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written


@pytest.mark.parametrize(
    "args",
    [["check"], ["show", "pcag"], ["chain", "pcag"], ["render", "--format", "dot"], ["export", "--format", "json"]],
)
def test_commands_that_read_say_they_answer_from_the_bundled_example(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for _ in range(2):  # every time, not once
        result = run_cli(*args)
        assert result.exit_code == 0, result.output
        assert result.stderr.count("answering from the London example that ships with govgraph") == 1
        assert "give your own as MODEL or with -m FILE" in result.stderr


def test_the_notice_reaches_standard_error_of_the_installed_command(tmp_path: Path) -> None:
    assert GOVGRAPH is not None
    env = {k: v for k, v in os.environ.items() if k != "GOVGRAPH_MODEL"}
    done = subprocess.run(
        [GOVGRAPH, "show", "pcag"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0
    assert "Personalised Care Advisory Group" in done.stdout
    assert "answering from the London example" not in done.stdout
    assert re.search(r"^govgraph: note: no model file here .* answering from the London example", done.stderr)
    refused = subprocess.run(
        [GOVGRAPH, "build"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False, timeout=60
    )
    assert refused.returncode == 2
    assert "no model file here" in refused.stderr
    assert not (tmp_path / "output").exists()


def test_check_takes_the_model_with_m(run_cli: Run, tmp_path: Path) -> None:
    model = tmp_path / "board.yaml"
    model.write_text(SMALL, encoding="utf-8")
    result = run_cli("check", "-m", model)
    assert result.exit_code == 0, result.output
    assert f"1 warning, 1 info in {model}" in result.stdout
    twice = run_cli("check", model, "-m", model)
    assert twice.exit_code == 2
    assert "give the models once: as MODEL or one with -m" in twice.stderr


def test_show_chain_and_under_take_the_model_before_the_name(run_cli: Run, tmp_path: Path) -> None:
    model = tmp_path / "board.yaml"
    model.write_text(SMALL, encoding="utf-8")
    for command in ("show", "chain", "under"):
        result = run_cli(command, model, "finance board")
        assert result.exit_code == 0, (command, result.output)
        assert "Finance Board" in result.stdout
    alone = run_cli("show", model)
    assert alone.exit_code == 2
    assert f"{model} is a model file: give a NAME after it" in alone.stderr
    twice = run_cli("show", model, "finance-board", "-m", model)
    assert twice.exit_code == 2
    assert "the model once: as MODEL or with -m" in twice.stderr


def test_path_and_roles_take_the_model_first_too(run_cli: Run, repo_root: Path, tmp_path: Path) -> None:
    london = repo_root / "data" / "governance.yaml"
    routes = run_cli("path", london, "community-chest", "lceg")
    assert routes.exit_code == 0, routes.output
    assert routes.stdout == run_cli("path", "community-chest", "lceg", "-m", london).stdout
    posts = run_cli("roles", london, "pc-sro")
    assert posts.exit_code == 0, posts.output
    assert posts.stdout == run_cli("roles", "pc-sro", "-m", london).stdout


def test_model_and_names_tells_the_model_from_the_names(tmp_path: Path) -> None:
    assert model_and_names(["pcag"], None, names=1) == (None, ("pcag",))
    assert model_and_names(["m.yaml", "pcag"], None, names=1) == ("m.yaml", ("pcag",))
    assert model_and_names(["m.yaml"], None, names=1, optional=True) == ("m.yaml", ())
    assert model_and_names([], "m.yaml", names=1, optional=True) == ("m.yaml", ())
    assert model_and_names(["a", "b", "c"], None, names=2) == ("a", ("b", "c"))
    with pytest.raises(ParameterError, match=r"the model once: as MODEL or with model\)"):
        model_and_names(["m.yaml", "pcag"], "other.yaml", names=1)
    with pytest.raises(UsageError, match="give FROM and TO"):
        model_and_names(["a"], None, names=2, called="FROM and TO")


def test_the_pre_commit_hook_checks_the_users_files_by_name() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"] == "govgraph check"
    # File names are passed (pre-commit's default), so the hook never checks the bundled example...
    assert hook.get("pass_filenames", True) is True
    assert not hook.get("always_run", False)
    # ...and it runs for every place a command looks for the model.
    for place in PLACES:
        assert re.search(hook["files"], place), place


def test_the_readme_says_where_commands_look_for_the_model() -> None:
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "`./governance.yaml`, then `./data/governance.yaml`, then the same two in each folder above" in readme
    assert PLACES == ("governance.yaml", "data/governance.yaml")
    assert "a command that writes (`build`, `serve`, any `-o FILE`) stops instead" in readme
