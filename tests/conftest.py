"""Shared fixtures: the repository root, the London model loaded once per test session, and the command line
run in this process."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import govgraph.loading
import support
from govgraph.model import Model
from govgraph.render.html import html_page
from support import CHROMIUM_ARGS, REPO, chromium_path, missing

# The test modules are compiled (with pytest's rewritten asserts) once and kept, as benchmarks/timing.py keeps
# govgraph's: where the environment says not to write bytecode, every test process rewrote and compiled all of
# them again at collection, 10 s of the 15 s a collection took here (4.7 s once kept). The commands the tests
# start keep theirs too.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The files kept in one test process (`xdist_group`, each with module fixtures costing seconds) run first,
    the other tests after them in the order collected: under `-n`, the longest pieces of work are handed out
    while the short ones can still even out the processes' shares, not at the end with a process idle."""
    items.sort(key=lambda item: item.get_closest_marker("xdist_group") is None)


@pytest.fixture(scope="session", autouse=True)
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Where the test run's govgraph (and every command it starts) keeps the models it reads and the templates it
    compiles: a folder of its own, never the user's (see `govgraph.kept`)."""
    folder = tmp_path_factory.mktemp("model-cache")
    before = os.environ.get("GOVGRAPH_CACHE")
    os.environ["GOVGRAPH_CACHE"] = str(folder)
    yield folder
    if before is None:
        del os.environ["GOVGRAPH_CACHE"]
    else:
        os.environ["GOVGRAPH_CACHE"] = before


@pytest.fixture
def kept_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of this test's own where govgraph keeps what it keeps (`govgraph.kept`), not yet made."""
    where = tmp_path / "kept"
    monkeypatch.setenv("GOVGRAPH_CACHE", str(where))
    return where


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's root folder (the one holding `pyproject.toml`)."""
    return REPO


@pytest.fixture(scope="session")
def london(repo_root: Path) -> Model:
    """The London Personalised Care governance model, `data/governance.yaml`."""
    return govgraph.loading.load(repo_root / "data" / "governance.yaml")


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run `govgraph ARGS...` in this process, as a user types it (click's test runner: standard output and
    error kept apart, the exit code as the command sets it). `$GOVGRAPH_MODEL` is unset unless `env` sets it."""
    from govgraph.cli import cli

    monkeypatch.delenv("GOVGRAPH_MODEL", raising=False)
    runner = CliRunner()

    def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)

    return run


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless system Chromium driven by Playwright (skips without one, fails when engines are required).

    One per test file, not per test process: Playwright's driver keeps a thread running, and while it runs
    govgraph's `parallel.both` does not fork (nor can tests/test_parallel.py see it fork)."""
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def london_page(london: Model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The London interactive page, written to a file once per test process (tests only open it)."""
    support.engine()
    path = tmp_path_factory.mktemp("html") / "london.html"
    path.write_text(html_page(london, doc_links="bodies/{id}.md"), encoding="utf-8")
    return path


@pytest.fixture(scope="session", name="engine")
def graphviz_engine() -> str:
    """The Graphviz engine (skips without one, fails when engines are required: `support.engine`)."""
    return support.engine()
