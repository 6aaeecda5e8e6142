"""The command line as a thin layer over govgraph.app: it names the library's parameters with its own flags,
takes --debug anywhere, and words each option's error as that option."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import govgraph.queries
import support
from govgraph.errors import InvalidOption, ParameterError
from govgraph.loading import load
from govgraph.model import PartialDate
from govgraph.queries import paths, under

Run = Callable[..., Result]
GOVGRAPH = shutil.which("govgraph", path=os.path.dirname(sys.executable))


@pytest.fixture
def london(repo_root: Path) -> str:
    return str(repo_root / "data" / "governance.yaml")


def _boom(*args: object, **kwargs: object) -> object:
    raise RuntimeError("something unexpected")


# Library errors name parameters; the command line names its flags --------------------------------------------


def test_library_errors_name_the_parameters(london: str) -> None:
    model = load(london)
    with pytest.raises(InvalidOption, match=r"^max_routes '0': give at least 1$"):
        paths(model, "community-chest", "lceg", max_routes=0)
    with pytest.raises(InvalidOption, match=r"^avoid 'lceg': a route cannot avoid its own start or end$"):
        paths(model, "community-chest", "lceg", avoid=["lceg"])
    with pytest.raises(InvalidOption, match=r"^via 'pcag': the same body is also given to avoid$"):
        paths(model, "community-chest", "lceg", via="pcag", avoid=["pcag"])
    with pytest.raises(InvalidOption, match=r"^include 'sideways': "):
        paths(model, "community-chest", "lceg", include=["sideways"])
    with pytest.raises(InvalidOption, match=r"^depth '0': give at least 1$"):
        under(model, "pcag", depth=0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["path", "community-chest", "lceg", "--avoid", "lceg"], "--avoid 'lceg': a route cannot avoid"),
        (["path", "community-chest", "lceg", "--via", "pcag", "--avoid", "pcag"], "also given to --avoid"),
        (["path", "community-chest", "lceg", "--include", "sideways"], "--include 'sideways': "),
        (["render", "--relations", "owns", "--format", "dot"], "--relations 'owns': choose from"),
        (["render", "--kinds", "guild", "--format", "dot"], "--kinds 'guild': choose from"),
        (
            ["render", "--down", "1", "--format", "dot"],
            "--up and --down count levels from a body: give it with --focus",
        ),
        (["export", "--format", "json", "--table", "bodies"], "--table picks one table of --format csv"),
        (["check", "--select", "GG999"], "--select 'GG999': no rule has this code"),
        (["check", "--ignore", "XX1"], "--ignore 'XX1': no rule has this code"),
        (["show", "pcag", "--as-of", "June"], "--as-of 'June': 'June' is not a date"),
    ],
)
def test_the_command_line_names_its_flags(run_cli: Run, london: str, args: list[str], message: str) -> None:
    result = run_cli(*args, "-m", london)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "max_routes" not in result.stderr


def test_a_parameter_error_is_worded_again_without_changing_the_original() -> None:
    error = ParameterError("{up} and {down} need {focus}", parameters=("up", "down", "focus"))
    named = error.named(lambda name: f"--{name}")
    assert (error.message, named.message) == ("up and down need focus", "--up and --down need --focus")
    assert str(named) == "--up and --down need --focus"
    assert type(named) is ParameterError
    # Values are written as they are, never read as a template.
    odd = InvalidOption(option="via", value="{avoid}", reason="braces {like this} are words")
    assert odd.named(lambda name: "--" + name).message == "--via '{avoid}': braces {like this} are words"


# Dates: each option's error is that option's -----------------------------------------------------------------


@pytest.mark.parametrize("option", ["--since", "--until", "--as-of"])
def test_timeline_blames_the_option_that_holds_the_bad_date(run_cli: Run, london: str, option: str) -> None:
    result = run_cli("timeline", "-m", london, option, "June")
    assert result.exit_code == 2
    assert f"govgraph: {option} 'June': 'June' is not a date" in result.stderr
    for other in {"--since", "--until", "--as-of"} - {option}:
        assert other not in result.stderr


def test_an_empty_window_says_the_window_is_empty(run_cli: Run, london: str) -> None:
    result = run_cli("timeline", "-m", london, "--since", "1990", "--until", "1991")
    assert result.exit_code == 0, result.output
    assert "No dated events are recorded between 1990 and 1991." in result.stdout
    later = run_cli("timeline", "-m", london, "--since", "2090", "--format", "markdown")
    assert "No dated events are recorded from 2090 on.\n" in later.stdout
    earlier = run_cli("timeline", "-m", london, "--as-of", "1990-06")
    assert "No dated events are recorded up to June 1990." in earlier.stdout


def test_a_model_with_no_dated_events_still_says_so(tmp_path: Path) -> None:
    from govgraph.render.changelog import timeline_text

    model = tmp_path / "m.yaml"
    model.write_text("govgraph: 1\ntitle: T\nbodies:\n  b: {name: B, kind: board}\n", encoding="utf-8")
    assert "No dated events are recorded." in timeline_text(load(model))
    assert "No dated events are recorded up to 2024." in timeline_text(load(model), until=PartialDate.parse("2024"))


# --debug before or after the command -------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_is_accepted_before_or_after_the_command(
    run_cli: Run, london: str, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    fine = run_cli("check", london, "--debug") if where == "after" else run_cli("--debug", "check", london)
    assert fine.exit_code == 0, fine.output
    monkeypatch.setattr(govgraph.queries, "show", _boom)
    args = ["show", "pcag", "-m", london]
    broken = run_cli(*args, "--debug") if where == "after" else run_cli("--debug", *args)
    assert broken.exit_code == 3
    assert "Traceback" in broken.stderr
    assert "RuntimeError: something unexpected" in broken.stderr
    quiet = run_cli(*args)
    assert quiet.exit_code == 3
    assert "Traceback" not in quiet.stderr
    assert "Run the command again with --debug" in quiet.stderr


def test_debug_after_the_command_in_the_installed_script(london: str, tmp_path: Path) -> None:
    assert GOVGRAPH is not None
    done = support.govgraph("check", london, "--debug")
    assert done.returncode == 0, done.stderr
    bad = support.govgraph("import", "json", str(tmp_path / "missing.json"), "--debug")
    assert bad.returncode == 2
    assert "No such option" not in bad.stderr
